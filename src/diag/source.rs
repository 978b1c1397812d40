//! A source map for messages: one file's text and where its lines start, so a byte offset
//! becomes a line and a column. Files the document inherits values from (office profiles) are
//! placed after its text, so that one offset names a place in any of them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::Location;

/// The text of one input file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The whole text, UTF-8, without a byte-order mark.
    pub text: String,
    /// Where each line starts, made when a location is first asked for: a damaged file may
    /// have thousands of findings, each found without rescanning the text.
    line_starts: OnceLock<Vec<usize>>,
    /// The other files offsets may point into, each with the offset its text starts at: past
    /// the end of the text and of the file before it.
    others: Vec<(usize, SourceFile)>,
}

impl SourceFile {
    /// Wraps text already in memory.
    pub fn new(path: &Path, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        Self { path: path.to_owned(), text, line_starts: OnceLock::new(), others: vec![] }
    }

    /// Places `file` after this text and the files placed before it; returns the offset its
    /// text starts at.
    pub fn place(&mut self, file: SourceFile) -> usize {
        let base = self.others.last().map_or(self.text.len(), |(b, f)| b + f.text.len()) + 1;
        self.others.push((base, file));
        base
    }

    /// The files placed after this text, with the offsets they start at.
    pub fn others(&self) -> impl Iterator<Item = (usize, &SourceFile)> {
        self.others.iter().map(|(b, f)| (*b, f))
    }

    /// The file an offset points into, and the offset within that file.
    pub fn file_of(&self, offset: usize) -> (&SourceFile, usize) {
        match self.others.iter().rev().find(|(b, _)| *b <= offset) {
            Some((b, f)) => (f, offset - b),
            None => (self, offset),
        }
    }

    /// The text between two offsets, when both point into one file.
    pub fn slice(&self, at: usize, end: usize) -> Option<&str> {
        let (file, local) = self.file_of(at);
        file.text.get(local..local + end.checked_sub(at)?)
    }

    /// The folder the file is in: images are read from there, and nothing outside it.
    pub fn dir(&self) -> &Path {
        folder_of(&self.path)
    }

    /// The byte offsets where the lines start.
    fn starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect()
        })
    }

    /// The byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts().get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    /// The location of a byte offset, underlining `width` characters.
    pub fn location(&self, offset: usize, width: usize) -> Location {
        let (file, offset) = self.file_of(offset);
        file.local(offset, width)
    }

    /// The location of a byte offset of this file's own text.
    fn local(&self, offset: usize, width: usize) -> Location {
        let offset = self.text.floor_char_boundary(offset);
        let line = self.starts().partition_point(|s| *s <= offset);
        let start = self.starts()[line - 1];
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        let col = self.text[start..offset].chars().count() + 1;
        let source_line = self.text[start..end].trim_end_matches('\r').to_owned();
        let rest = source_line.chars().count().saturating_sub(col - 1);
        Location {
            file: self.path.clone(),
            line,
            col,
            source_line: Some(source_line),
            width: width.clamp(1, rest.max(1)),
        }
    }
}

/// The folder a file path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}
