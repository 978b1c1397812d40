//! Shared test helpers: one engine per test binary, the example, scratch folders, the CLI,
//! and text extraction from PDFs with poppler's pdftotext.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

use vanban::compile::fonts::FontOptions;
use vanban::inspect::{Layout, TextRun, inspect};
use vanban::model::date;
use vanban::{Engine, EngineOptions, Rendered};

/// The example document.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bao-cao-thang-4-2026.md");

/// One engine per test binary. System fonts are left out so results are the same on every
/// machine: the bundled Liberation Serif is used; and today is a fixed day, not the clock's.
pub static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new(EngineOptions {
        fonts: FontOptions { system: false, paths: vec![] },
        clock: vanban::Clock { today: date::ymd(2026, 12, 1), source_date_epoch: None },
        ..Default::default()
    })
});

/// The example, rendered once per test binary, with its laid-out pages read back.
pub static EXAMPLE_RENDERED: LazyLock<(Rendered, Layout)> = LazyLock::new(|| {
    let r = ENGINE.render(Path::new(EXAMPLE)).expect("the example renders");
    let l = inspect(&r.document);
    (r, l)
});

/// A scratch folder holding the given files.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A valid front matter; tests append a body or change keys.
pub const FRONT: &str = "---
loai: bao-cao
co_quan:
  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
  ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ
  viet_tat: ĐU
dia_danh: Hải Phòng
ngay: 2026-04-29
trich_yeu: kết quả thực hiện nhiệm vụ tháng 4
ky:
  tham_quyen: T/M BAN THƯỜNG VỤ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Phạm Quang Sáng
noi_nhan:
  - Các đ/c Ủy viên BTV
  - Lưu Văn phòng Đảng ủy
---
";

/// Runs the `vanban` binary in `dir` (`render` without system fonts).
pub fn vanban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .args(if args.first() == Some(&"render") { &["--no-system-fonts"][..] } else { &[] })
        .current_dir(dir)
        .output()
        .expect("vanban runs")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One diagnostic as the command prints it.
#[derive(Debug)]
pub struct Printed {
    /// `lỗi` or `cảnh báo`.
    pub level: String,
    /// The stable code, e.g. `input::unknown_key`.
    pub code: String,
    /// Where it points, `file:line:column`, when it points at a source.
    pub at: Option<String>,
    /// Its whole text, header to last note.
    pub text: String,
}

/// The diagnostics in `stderr`, in order: each starts at a `lỗi[…]:` or `cảnh báo[…]:` line.
pub fn printed(stderr: &str) -> Vec<Printed> {
    let mut all: Vec<Printed> = vec![];
    for line in stderr.lines() {
        let header = ["lỗi", "cảnh báo"].into_iter().find_map(|level| {
            let code = line.strip_prefix(level)?.strip_prefix('[')?.split_once("]:")?.0;
            Some((level, code))
        });
        if let Some((level, code)) = header {
            let text = String::new();
            all.push(Printed { level: level.into(), code: code.into(), at: None, text });
        }
        let Some(last) = all.last_mut() else { continue };
        if last.at.is_none()
            && let Some(at) = line.trim_start().strip_prefix("--> ")
        {
            last.at = Some(at.trim().to_owned());
        }
        last.text.push_str(line);
        last.text.push('\n');
    }
    all
}

/// A word placed on a page by the PDF, as pdftotext sees it (points from the top-left).
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x: f64,
    pub x_right: f64,
    pub y_top: f64,
    pub y_bottom: f64,
    pub text: String,
}

impl Word {
    /// Font size, from the height pdftotext gives Liberation Serif words (0.909 em).
    pub fn size(&self) -> f64 {
        (self.y_bottom - self.y_top) / 0.909
    }
}

/// The words of a PDF with their boxes, via `pdftotext -bbox`.
pub fn pdf_words(pdf: &[u8]) -> Vec<Word> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    let out: PathBuf = dir.path().join("out.html");
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&input)
        .arg(&out)
        .status()
        .expect("pdftotext (Debian package poppler-utils) is installed");
    assert!(status.success());
    let html = std::fs::read_to_string(out).unwrap();
    let mut words = vec![];
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f64 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                rest[start..].split('"').next().unwrap().parse().unwrap()
            };
            let text = rest.split_once('>').unwrap().1.trim_end_matches("</word>");
            // `&amp;` last, so that a written `&lt;` stays as written.
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            words.push(Word {
                page,
                x: attr("xMin"),
                x_right: attr("xMax"),
                y_top: attr("yMin"),
                y_bottom: attr("yMax"),
                text,
            });
        }
    }
    words
}

/// The plain text of a PDF, via `pdftotext`.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_words(pdf).into_iter().map(|w| w.text).collect::<Vec<_>>().join(" ")
}

/// Millimetres to points.
pub fn pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// Left edge of the text area (30 mm margin), mm.
pub const LEFT: f64 = 30.0;
/// Right edge of the text area (15 mm margin), mm.
pub const RIGHT: f64 = 210.0 - 15.0;
/// Centre of the text area, mm.
pub const CENTRE: f64 = (LEFT + RIGHT) / 2.0;

/// The one run whose text is exactly `text` (trimmed).
pub fn only<'a>(l: &'a Layout, text: &str) -> &'a TextRun {
    let found: Vec<&TextRun> = l.text.iter().filter(|r| r.text.trim() == text).collect();
    assert_eq!(found.len(), 1, "exactly one run `{text}`: {found:?}");
    found[0]
}

/// The first run containing `text`.
pub fn first<'a>(l: &'a Layout, text: &str) -> &'a TextRun {
    l.find(text).unwrap_or_else(|| panic!("no run containing `{text}`"))
}

/// Horizontal centre of a run, mm.
pub fn centre(r: &TextRun) -> f64 {
    r.x + r.width / 2.0
}

/// Whether `a` and `b` differ by at most `tol`.
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Asserts a run's size (pt), weight and style.
pub fn style(r: &TextRun, size: f64, bold: bool, italic: bool) {
    assert_eq!((r.size, r.bold, r.italic), (size, bold, italic), "style of `{}`", r.text);
}

/// Renders an example by file name and reads its pages back.
pub fn example(name: &str) -> (Rendered, Layout) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let r = ENGINE.render(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let l = inspect(&r.document);
    (r, l)
}

/// A number of the `hd05-2026` ruleset, `table.key` (settings the rules leave to convention).
pub fn rules_mm(table: &str, key: &str) -> f64 {
    let rules = vanban::rules::ruleset::Ruleset::get("hd05-2026").expect("hd05-2026");
    let value = rules.data.get(table).and_then(|t| t.get(key));
    value.and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64))).expect("a number")
}

/// A zip archive of `entries` (name, bytes), stored uncompressed, as a DOCX is.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
