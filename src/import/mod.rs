//! `vanban import`: an archived document's extracted text turned into a vanban document (front
//! matter + Markdown body), with a report of every guess made and every part not found.
//! [`text`] recognises the parts; [`front`] writes the front matter.

mod front;
pub mod text;

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;
use crate::input::source::SourceFile;

/// What an import gives: the document's text and the report on it.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The vanban document: front matter and Markdown body.
    pub markdown: String,
    /// Guesses made and parts not found, each at its line of the source where it has one.
    pub report: Vec<Diagnostic>,
}

/// Imports the extracted text at `path`.
pub fn import_file(path: &Path) -> Result<Imported, Diagnostic> {
    let src = SourceFile::read(path)?;
    Ok(import_text(&src))
}

/// Imports an extracted text already read.
pub fn import_text(src: &SourceFile) -> Imported {
    let text: String = src.text.replace("\r\n", "\n").nfc().collect();
    let found = text::recognise(&text);
    let report = found
        .notes
        .iter()
        .map(|n| {
            let d = if n.missing {
                Diagnostic::warning("import::not_found", n.message.clone())
            } else {
                Diagnostic::warning("import::guess", n.message.clone())
            };
            let d = d.hint(n.hint.clone());
            match n.line {
                Some(line) => d.at(src.location(line_offset(&src.text, line), 1)),
                None => d,
            }
        })
        .collect();
    Imported { markdown: front::document(&found), report }
}

/// The byte offset of the start of 1-based `line`.
fn line_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}
