//! A whole document rendered, as `vanban render` does: the document and the files beside it
//! (images it shows, SVGs linking others) in a folder of their own, through reading, checking,
//! layout, the self-audit and the PDF. Whatever the bytes, the render ends with the PDF or a
//! refusal, never a panic, a hang or unbounded memory.
//!
//! The input is the document's Markdown, then each file beside it after a line
//! `%%tep <name>` (a name of letters, digits, `.` and `-`).
#![no_main]

use std::sync::LazyLock;

use vanban::compile::fonts::FontOptions;
use vanban::{Engine, EngineOptions, PdfSettings};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new(EngineOptions { fonts: FontOptions { system: false, paths: vec![] }, ..Default::default() })
});

/// The document and the files beside it, by name.
fn parts(data: &[u8]) -> (&[u8], Vec<(String, &[u8])>) {
    const MARKER: &[u8] = b"\n%%tep ";
    let mut starts: Vec<usize> = vec![];
    let mut from = 0;
    while let Some(k) = data[from..].windows(MARKER.len()).position(|w| w == MARKER) {
        starts.push(from + k);
        from += k + MARKER.len();
    }
    let document = &data[..starts.first().copied().unwrap_or(data.len())];
    let mut files = vec![];
    for (n, &start) in starts.iter().enumerate() {
        let body = &data[start + MARKER.len()..starts.get(n + 1).copied().unwrap_or(data.len())];
        let (name, bytes) = match body.iter().position(|&b| b == b'\n') {
            Some(nl) => (&body[..nl], &body[nl + 1..]),
            None => (body, &[][..]),
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let plain = !name.starts_with('.')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if plain && !name.is_empty() && name != "doc.md" {
            files.push((name, bytes));
        }
    }
    (document, files)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (document, files) = parts(data);
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("doc.md");
    if std::fs::write(&path, document).is_err() {
        return;
    }
    for (name, bytes) in files {
        let _ = std::fs::write(dir.path().join(name), bytes);
    }
    let Ok(loaded) = vanban::input::load(&path) else { return };
    let _ = ENGINE.render_with(&loaded, PdfSettings::default());
});
