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
mod top;

pub(crate) use header::ocr_digit;

use body::body;
use closing::{closing_block, closing_span};
use furniture::without_furniture;

use crate::model::date::Date;

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
    /// The ruleset's number form the number is printed in, when not the common one.
    pub mau_so: Option<String>,
    /// Place.
    pub dia_danh: Option<String>,
    /// Date.
    pub ngay: Option<Date>,
    /// What a date line with a blank day prints of the date (`02/2026`), when `ngay` is none.
    pub ngay_in: Option<String>,
    /// Summary lines.
    pub trich_yeu: Vec<String>,
    /// Addressees.
    pub kinh_gui: Vec<String>,
    /// Grounds.
    pub can_cu: Vec<String>,
    /// The issuing authority line above the grounds (`GIÁM ĐỐC SỞ NỘI VỤ`).
    pub tham_quyen_ban_hanh: Option<String>,
    /// The printed type name when it says more than the type's (`BÁO CÁO NHANH`).
    pub ten_loai: Option<String>,
    /// The signer (the right-hand block).
    pub ky: Signer,
    /// Other signers (a biên bản's left-hand block).
    pub ky_khac: Vec<Signer>,
    /// Recipients.
    pub noi_nhan: Vec<String>,
    /// Body blocks.
    pub body: Vec<Part>,
    /// Footnotes by number.
    pub footnotes: Vec<(u32, String)>,
    /// The report.
    pub notes: Vec<Note>,
    /// Lines left out of the document (page furniture, the signer's notes), with their line.
    pub dropped: Vec<(usize, String)>,
    /// Cells of the closing that fit none of its parts; they end the body.
    pub unplaced: Vec<(usize, String)>,
    /// What follows the closing: appendices and attached texts, each with its title lines.
    pub appendices: Vec<Appendix>,
}

/// A signature block.
#[derive(Debug, Clone, Default)]
pub struct Signer {
    /// Authority lines (T/M …).
    pub tham_quyen: Vec<String>,
    /// Title lines.
    pub chuc_vu: Vec<String>,
    /// The name.
    pub ho_ten: Option<String>,
}

/// A text after the closing: an appendix, an attached regulation.
#[derive(Debug, Clone, Default)]
pub struct Appendix {
    /// Its title lines.
    pub ten: Vec<String>,
    /// Its blocks.
    pub body: Vec<Part>,
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

/// The cells of a line, markers kept: split at tabs when the reader set them (it knew the
/// columns), else at runs of two or more spaces (an extraction's columns).
pub(super) fn cells(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        return line.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect();
    }
    let mut out = vec![];
    let mut rest = line;
    while let Some(i) = rest.find("  ") {
        out.push(&rest[..i]);
        rest = rest[i..].trim_start();
    }
    out.push(rest);
    out.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// A text folded for comparing what an extraction may have misread: capitals, without tone
/// and vowel marks, `Đ` as `D`.
pub(super) fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'D' } else { c })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether a text is set in capitals (has letters, none lowercase).
pub(super) fn capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Recognises the parts of a document in its text form (NFC, `\n` line ends).
pub fn recognise<'t>(text: &'t str) -> Found {
    let mut f = Found::default();
    let lines = without_furniture(&mut f, text);
    let top = top::top(&mut f, &lines);
    let (mut closing, after) = closing_span(&lines, top.body_from).unwrap_or((lines.len(), lines.len()));
    closing_block(&mut f, &lines[closing..after]);
    // A place and date printed under the body, above the signature (a licence's).
    let last = lines[top.body_from..closing].iter().rposition(|(_, l)| !l.trim().is_empty());
    if let Some(i) = last.map(|i| top.body_from + i).filter(|_| f.dia_danh.is_none())
        && let Some(header::DateLine { place, date, partial }) = header::date_of(lines[i].1)
    {
        f.dia_danh = Some(place).filter(|p| !p.is_empty());
        f.ngay = date;
        f.ngay_in = partial;
        closing = i;
    }
    for (n, l) in &top.leftover {
        let text = markup::plain(l);
        f.guess(
            *n,
            format!("chưa nhận ra dòng `{text}` ở đầu văn bản; để ở đầu phần nội dung"),
            "chuyển vào khóa phù hợp nếu cần",
        );
    }
    let unplaced = std::mem::take(&mut f.unplaced);
    // Each line of the top not recognised is a paragraph of its own.
    let mut flow: Vec<(usize, &str)> =
        top.leftover.iter().flat_map(|(n, l)| [(*n, l.as_str()), (*n, "")]).collect();
    let stamp = stamped_number(&mut f, &lines, (top.body_from, closing), after);
    let kept = |range: &[(usize, &'t str)]| -> Vec<(usize, &'t str)> {
        range.iter().filter(|(n, _)| Some(*n) != stamp).copied().collect()
    };
    flow.extend(kept(&lines[top.body_from..closing]));
    flow.extend(unplaced.iter().flat_map(|(n, l)| [(*n, ""), (*n, l.as_str())]));
    // A footnote printed under the signature (its page's foot) is read with the body's feet.
    let note_end = body::note_after(&lines, (top.body_from, closing), after);
    if note_end > after {
        flow.push((lines[after].0, ""));
        flow.extend(kept(&lines[after..note_end]));
        flow.push((lines[note_end - 1].0, furniture::BREAK));
    }
    body(&mut f, &flow, true);
    appendices(&mut f, &kept(&lines[note_end..]));
    report_missing(&mut f);
    f
}

/// The number an e-office system stamped on a document whose number line was left blank: it
/// comes out of the text layer as a line of its own, in the body or under the signature
/// (`111`). Returns that line's number.
fn stamped_number(
    f: &mut Found,
    lines: &[(usize, &str)],
    body: (usize, usize),
    after: usize,
) -> Option<usize> {
    if f.so.is_some() || f.viet_tat.is_none() {
        return None;
    }
    let lone = |l: &str| {
        let t = l.trim();
        (1..=5).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()) && !t.starts_with('0')
    };
    let candidates = lines[body.0..body.1].iter().chain(&lines[after..]);
    let &(n, l) = candidates.clone().find(|(_, l)| lone(l))?;
    // One such line only: several are page numbers the furniture did not catch.
    if candidates.filter(|(_, l)| lone(l)).count() > 1 {
        return None;
    }
    f.so = l.trim().parse().ok();
    f.guess(n, format!("coi dòng `{}` là số văn bản do văn thư đóng", l.trim()), "kiểm tra `so`");
    Some(n)
}

/// What follows the closing, cut at each line that opens an appendix (`PHỤ LỤC …`); each part's
/// title is its lines in capitals at the top, and what stands in brackets under them.
fn appendices(f: &mut Found, lines: &[(usize, &str)]) {
    let mut parts: Vec<&[(usize, &str)]> = vec![];
    let mut from = lines.iter().position(|(_, l)| !l.trim().is_empty()).unwrap_or(lines.len());
    for i in from + 1..lines.len() {
        if closing::opens_appendix(lines[i].1) && capitals(&markup::plain(lines[i].1)) {
            parts.push(&lines[from..i]);
            from = i;
        }
    }
    parts.push(&lines[from..]);
    for part in parts.into_iter().filter(|p| p.iter().any(|(_, l)| !l.trim().is_empty())) {
        let mut at = 0;
        let mut ten = vec![];
        while let Some((_, l)) = part.get(at) {
            let p = markup::plain(l);
            let bracket = p.starts_with('(') && !ten.is_empty();
            let opening = ten.is_empty() && closing::opens_appendix(l);
            if !p.is_empty() && !(ten.len() < 4 && (capitals(&p) || bracket || opening)) {
                break;
            }
            if !p.is_empty() {
                ten.push(p);
            }
            at += 1;
        }
        if ten.is_empty() {
            ten.push(markup::plain(part[at].1));
            at += 1;
        }
        let mut g = Found::default();
        body(&mut g, &part[at..], false);
        f.footnotes.extend(g.footnotes);
        f.dropped.extend(g.dropped);
        f.notes.extend(g.notes);
        f.appendices.push(Appendix { ten, body: g.body });
    }
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
        ("họ tên người ký", f.ky.ho_ten.is_none(), "ghi `ky.ho_ten`"),
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
