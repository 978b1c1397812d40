//! Diagnostics: one type for every problem found in a user's document, printed in Vietnamese
//! with the file, line and column, the offending line, and a hint.

use std::fmt;
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        writeln!(f, "{kind}[{}]: {}", self.code, self.message)?;
        // The margin is as wide as the line number, as in rustc's messages.
        let num = self.location.as_ref().map_or(String::new(), |l| l.line.to_string());
        let pad = " ".repeat(num.len().max(1));
        if let Some(loc) = &self.location {
            writeln!(f, "{pad}--> {}:{}:{}", loc.file.display(), loc.line, loc.col)?;
            if let Some(text) = &loc.source_line {
                let lead: String = text.chars().take(loc.col - 1).map(blank).collect();
                writeln!(f, "{pad} |")?;
                writeln!(f, "{num} | {text}")?;
                writeln!(f, "{pad} | {lead}{}", "^".repeat(loc.width.max(1)))?;
            }
        }
        if let Some(clause) = &self.clause {
            writeln!(f, "{pad} = nguồn: {clause}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// Keeps tabs so the caret lines up under the source line.
fn blank(c: char) -> char {
    if c == '\t' { '\t' } else { ' ' }
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
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
