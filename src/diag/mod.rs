//! Diagnostics: one type for every problem found in a user's document, printed in Vietnamese
//! with the file, line and column, the offending line, and a hint.

pub mod source;

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The document cannot be produced.
    Error,
    /// The document is produced, but something deserves attention.
    Warning,
}

/// A place in a user's file, 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// The whole source line, for display.
    pub source_line: Option<String>,
    /// How many characters to underline, at least 1.
    pub width: usize,
}

/// One finding about a document: a stable code, a message, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable, namespaced code, e.g. `input::unknown_key`.
    pub code: &'static str,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// Where, when known.
    pub location: Option<Box<Location>>,
    /// How to fix it, in Vietnamese.
    pub hint: Option<String>,
    /// The rule it comes from, e.g. `HD05 I.9.2.5`.
    pub clause: Option<String>,
    /// A safe edit of the source that fixes it, for `vanban check --fix`.
    pub fix: Option<Box<Fix>>,
}

/// Replace `len` bytes at byte offset `at` of the source with `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte offset in the source.
    pub at: usize,
    /// Bytes replaced.
    pub len: usize,
    /// The replacement.
    pub with: String,
}

impl Fix {
    /// Applies the fixes that do not overlap (the first of two overlapping ones wins) to `text`.
    pub fn apply_all(text: &str, fixes: &[&Fix]) -> String {
        let mut sorted: Vec<&Fix> = fixes.to_vec();
        sorted.sort_by_key(|f| f.at);
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for f in sorted {
            if f.at < pos || f.at + f.len > text.len() {
                continue;
            }
            out.push_str(&text[pos..f.at]);
            out.push_str(&f.with);
            pos = f.at + f.len;
        }
        out.push_str(&text[pos..]);
        out
    }
}

/// Runs `work`, a panic inside it (a library's bug met by one document) caught and given
/// back as an `internal::panic` error with the panic's message, so that the command, the
/// batch or the preview goes on.
pub fn contained<T>(work: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Diagnostic::error("internal::panic", format!("lỗi nội bộ khi xử lý văn bản này: {what}"))
    })
}

impl Diagnostic {
    /// An error with a code and a message.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            hint: None,
            clause: None,
            fix: None,
        }
    }

    /// A warning with a code and a message.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, message) }
    }

    /// Attaches a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    /// Attaches a safe fix.
    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }

    /// Names the rule it comes from.
    pub fn clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
    }

    /// The finding as one JSON object, for editors and e-office systems.
    pub fn to_json(&self) -> serde_json::Value {
        let loc = self.location.as_deref();
        serde_json::json!({
            "muc_do": match self.severity { Severity::Error => "loi", Severity::Warning => "canh_bao" },
            "ma": self.code,
            "thong_bao": self.message,
            "tep": loc.map(|l| l.file.display().to_string()),
            "dong": loc.map(|l| l.line),
            "cot": loc.map(|l| l.col),
            "goi_y": self.hint,
            "nguon": self.clause,
        })
    }

    /// Attaches a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// rustc's layout, drawn by annotate-snippets with Vietnamese labels: `lỗi[code]: message`,
/// the place, the source line with carets under the offending text (as wide as it shows:
/// combining marks take no column, wide characters two; a long line is cut around the place),
/// then the clause and the hint. The alternate form (`{:#}`) adds ANSI colour.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name("lỗi"),
            Severity::Warning => Level::WARNING.with_name("cảnh báo"),
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()).id(self.code));
        if let Some(loc) = &self.location {
            let file = loc.file.display().to_string();
            group = match &loc.source_line {
                Some(text) => group.element(
                    Snippet::source(text.as_str())
                        .line_start(loc.line)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(loc.byte_span(text))),
                ),
                None => group.element(Origin::path(file).line(loc.line).char_column(loc.col)),
            };
        }
        if let Some(clause) = &self.clause {
            group = group.element(Level::NOTE.with_name("nguồn").message(clause.as_str()));
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name("gợi ý").message(hint.as_str()));
        }
        let renderer = if f.alternate() { Renderer::styled() } else { Renderer::plain() };
        writeln!(f, "{}", renderer.render(&[group]))
    }
}

impl Location {
    /// The bytes of `line` (this location's source line) the location underlines.
    fn byte_span(&self, line: &str) -> std::ops::Range<usize> {
        let byte = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
        let start = byte(self.col - 1);
        start..byte(self.col - 1 + self.width.max(1)).max(start)
    }
}

/// Errors that stop a document, in the order found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            if f.alternate() {
                writeln!(f, "{d:#}")?;
            } else {
                writeln!(f, "{d}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// An I/O error in Vietnamese: the operating system's own text is English, so a kind it does
/// not name here is given by its error number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let known = match e.kind() {
        NotFound => "không tìm thấy tệp",
        PermissionDenied => "không có quyền truy cập",
        IsADirectory => "đây là thư mục, không phải tệp",
        NotADirectory => "một phần của đường dẫn không phải thư mục",
        AlreadyExists => "đã có",
        StorageFull => "ổ đĩa đã đầy",
        QuotaExceeded => "đã hết hạn mức dung lượng",
        ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        FileTooLarge => "tệp lớn quá mức hệ thống cho phép",
        InvalidFilename => "tên tệp không hợp lệ",
        DirectoryNotEmpty => "thư mục không trống",
        CrossesDevices => "không chuyển được sang ổ đĩa khác",
        ResourceBusy => "tệp đang bị chương trình khác dùng",
        BrokenPipe => "đầu nhận đã đóng",
        AddrInUse => "cổng đã có chương trình khác dùng",
        AddrNotAvailable => "địa chỉ không dùng được trên máy này",
        TimedOut => "quá thời gian chờ",
        Interrupted => "bị ngắt giữa chừng",
        OutOfMemory => "hết bộ nhớ",
        InvalidData => "dữ liệu hỏng hoặc không phải văn bản UTF-8",
        UnexpectedEof => "tệp bị cắt cụt",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("lỗi vào/ra, mã lỗi hệ thống {n}"),
                None => "lỗi vào/ra".into(),
            };
        }
    };
    known.into()
}

/// A size in MiB with one decimal, rounded up (a size past a limit never reads as the limit),
/// written the Vietnamese way (`2,5`).
pub fn mebibytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1 << 20);
    format!("{},{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Carets stand under the text as a terminal shows it: a combining mark takes no column, a
    /// wide character two.
    #[test]
    fn carets_are_as_wide_as_the_text_shows() {
        let text = "a: \"Ke\u{302}\u{301}t 漢字 x\"\n";
        let src = source::SourceFile::new(std::path::Path::new("d.md"), text.into());
        let d = Diagnostic::error("x::y", "thử").at(src.location(text.find('漢').unwrap(), 2)).hint("h");
        let shown = d.to_string();
        assert!(shown.contains("\n1 | a: \"Ke\u{302}\u{301}t 漢字 x\"\n  |         ^^^^\n"), "{shown}");
        assert!(shown.starts_with("lỗi[x::y]: thử\n --> d.md:1:11\n"), "{shown}");
        assert!(shown.contains("  = gợi ý: h"), "{shown}");
    }

    #[test]
    fn a_panic_inside_is_an_internal_error_with_its_message() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught = contained(|| -> u8 { panic!("end byte index 65535 is not a char boundary") });
        let formatted = contained(|| -> u8 { panic!("trang {}", 3) });
        std::panic::set_hook(hook);
        let d = caught.unwrap_err();
        assert_eq!(d.code, "internal::panic");
        assert_eq!(
            d.message,
            "lỗi nội bộ khi xử lý văn bản này: end byte index 65535 is not a char boundary"
        );
        assert!(formatted.unwrap_err().message.ends_with(": trang 3"));
        assert_eq!(contained(|| 7).unwrap(), 7);
    }
}
