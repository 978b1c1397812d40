//! Recognising the parts of an official document in its text form: the header block, the
//! title and trích yếu, Kính gửi, căn cứ, the body (headings, paragraphs split by page breaks
//! rejoined, footnotes moved to their markers), the signature and Nơi nhận.
//!
//! **The text form** is what every reader (plain text, DOCX, PDF) gives the recogniser:
//! - lines ended by `\n`; a blank line ends a paragraph. Readers that know the paragraphs
//!   (DOCX, PDF) write a blank line after each; an extracted text may have none, and then the
//!   recogniser finds the paragraphs itself (first-line indent, sentence ends);
//! - columns set side by side are one line, their cells separated by a tab (readers that know
//!   the columns) or by two or more spaces (extracted text);
//! - inline Markdown ([`markup`]): `**bold**` and `*italic*` where the reader knows the style,
//!   every other Markdown character escaped; the plain-text reader escapes everything;
//! - footnote texts as paragraphs `[n] text` or `¹ text`, markers as `[n]` or superscripts.

mod body;
mod closing;
mod furniture;
mod header;
pub mod markup;

use body::body;
use closing::{closing_block, closing_start};
use furniture::without_furniture;
use header::{header, letter_summary, title_and_summary, type_of};

use crate::model::document::Date;

/// One remark of the report: a guess, or a part not found.
#[derive(Debug, Clone)]
pub struct Note {
    /// The source line it concerns, from 1.
    pub line: Option<usize>,
    /// What was guessed or not found.
    pub message: String,
    /// What the user should do.
    pub hint: String,
    /// A part not found (rather than a guess).
    pub missing: bool,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A heading: level from 1 and its text.
    Heading(usize, String),
    /// A paragraph (a list item keeps its `- ` or `1. `).
    Para(String),
}

/// Everything recognised.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// `dang` or `nha-nuoc`, from the header's motto.
    pub the_thuc: Option<&'static str>,
    /// Type slug.
    pub loai: Option<String>,
    /// Superior body.
    pub cap_tren: Option<String>,
    /// Issuer.
    pub ten: Option<String>,
    /// Issuer code, from the number line.
    pub viet_tat: Option<String>,
    /// Number.
    pub so: Option<u32>,
    /// Place.
    pub dia_danh: Option<String>,
    /// Date.
    pub ngay: Option<Date>,
    /// Summary lines.
    pub trich_yeu: Vec<String>,
    /// Addressees.
    pub kinh_gui: Vec<String>,
    /// Grounds.
    pub can_cu: Vec<String>,
    /// The issuing authority line above the grounds (`GIÁM ĐỐC SỞ NỘI VỤ`).
    pub tham_quyen_ban_hanh: Option<String>,
    /// Authority line (T/M …).
    pub tham_quyen: Vec<String>,
    /// Title lines.
    pub chuc_vu: Vec<String>,
    /// Signer.
    pub ho_ten: Option<String>,
    /// Recipients.
    pub noi_nhan: Vec<String>,
    /// Body blocks.
    pub body: Vec<Part>,
    /// Footnotes by number.
    pub footnotes: Vec<(u32, String)>,
    /// The report.
    pub notes: Vec<Note>,
    /// The lines dropped as page furniture (from 1), each reported in `notes`.
    pub dropped: Vec<usize>,
}

/// Authority prefixes of both forms, recognised in any ruleset.
pub(super) const AUTHORITY: &[&str] = &["T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q."];

impl Note {
    /// A guess, at a line when it has one.
    pub fn guess(line: Option<usize>, message: impl Into<String>, hint: &str) -> Self {
        Self { line, message: message.into(), hint: hint.to_owned(), missing: false }
    }
}

impl Found {
    fn guess(&mut self, line: usize, message: impl Into<String>, hint: &str) {
        self.notes.push(Note::guess(Some(line), message, hint));
    }

    fn missing(&mut self, message: &str, hint: &str) {
        self.notes.push(Note {
            line: None,
            message: message.to_owned(),
            hint: hint.to_owned(),
            missing: true,
        });
    }
}

/// A line without Markdown bold markers and surrounding spaces.
pub(super) fn clean(s: &str) -> &str {
    s.trim().trim_start_matches("**").trim_end_matches("**").trim()
}

/// The cells of a line: runs of text separated by two or more spaces or a tab.
pub(super) fn cells(line: &str) -> Vec<&str> {
    let mut out = vec![];
    for part in line.split('\t') {
        let mut rest = part;
        while let Some(i) = rest.find("  ") {
            out.push(&rest[..i]);
            rest = rest[i..].trim_start();
        }
        out.push(rest);
    }
    out.into_iter().map(clean).filter(|c| !c.is_empty()).collect()
}

/// Whether a text is set in capitals (has letters, none lowercase).
pub(super) fn capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Recognises the parts of an extracted text (NFC, `\n` line ends).
pub fn recognise(text: &str) -> Found {
    let mut f = Found::default();
    let lines = without_furniture(&mut f, text);
    let title = lines.iter().take(40).position(|(_, l)| type_of(clean(l)).is_some());
    let letter = lines.iter().take(40).position(|(_, l)| {
        cells(l).iter().any(|c| c.starts_with("V/v") || c.starts_with("về việc") || c.starts_with("Về việc"))
    });
    header(&mut f, &lines[..title.or(letter).unwrap_or(0)], title.is_none() && letter.is_some());
    let at = match (title, letter) {
        (Some(t), _) => title_and_summary(&mut f, &lines, t),
        (None, Some(l)) => letter_summary(&mut f, &lines, l),
        (None, None) => 0,
    };
    let closing = closing_start(&lines, at);
    closing_block(&mut f, &lines[closing..]);
    body(&mut f, &lines[at..closing]);
    report_missing(&mut f);
    f
}

/// Reports the parts a document needs that the text did not give.
fn report_missing(f: &mut Found) {
    let parts: [(&str, bool, &str); 8] = [
        ("tên loại văn bản", f.loai.is_none(), "ghi `loai`, ví dụ `bao-cao`"),
        ("tên cơ quan ban hành", f.ten.is_none(), "ghi `co_quan.ten`"),
        ("mã cơ quan (ký hiệu)", f.viet_tat.is_none(), "ghi `co_quan.viet_tat`, ví dụ `ĐU`"),
        ("số văn bản", f.so.is_none(), "để trống nếu văn thư sẽ điền; nếu không, ghi `so`"),
        ("địa danh", f.dia_danh.is_none(), "ghi `dia_danh`"),
        ("ngày ký", f.ngay.is_none(), "ghi `ngay` dạng 2026-04-29"),
        ("họ tên người ký", f.ho_ten.is_none(), "ghi `ky.ho_ten`"),
        ("nơi nhận", f.noi_nhan.is_empty(), "ghi `noi_nhan`, dòng cuối là nơi lưu"),
    ];
    for (what, absent, hint) in parts {
        if absent {
            f.missing(&format!("không tìm thấy {what}"), hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_a_line() {
        assert_eq!(
            cells("ĐẢNG BỘ TỈNH X     ĐẢNG CỘNG SẢN VIỆT NAM"),
            ["ĐẢNG BỘ TỈNH X", "ĐẢNG CỘNG SẢN VIỆT NAM"]
        );
    }
}
