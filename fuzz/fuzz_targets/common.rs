//! A fuzz input as a document: the first byte picks the format, the rest is its text.

use std::path::Path;

use vanban::diag::source::SourceFile;

/// The document `data` stands for, or none when it is not UTF-8 (vanban refuses that first).
pub fn source(data: &[u8]) -> Option<SourceFile> {
    let (&first, rest) = data.split_first()?;
    let ext = ["md", "json", "yaml", "toml"][usize::from(first) % 4];
    let text = std::str::from_utf8(rest).ok()?;
    Some(SourceFile::new(Path::new(&format!("/fuzz/doc.{ext}")), text.to_owned()))
}
