//! Recognising the parts of an official document in text extracted from its original: the
//! header block, the title and trích yếu, Kính gửi, căn cứ, the body (headings, paragraphs
//! split by page breaks rejoined, footnotes moved to their markers), the signature and Nơi nhận.
//! Columns set side by side come out on one line, separated by two or more spaces: each is a
//! cell of its own.

use crate::model::document::{Date, WrittenNumber};
use crate::rules::ruleset::Ruleset;

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
}

/// Authority prefixes of both forms, recognised in any ruleset.
const AUTHORITY: &[&str] = &["T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q."];

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
fn clean(s: &str) -> &str {
    s.trim().trim_start_matches("**").trim_end_matches("**").trim()
}

/// The cells of a line: runs of text separated by two or more spaces or a tab.
fn cells(line: &str) -> Vec<&str> {
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
fn capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Running page numbers: `3`, `- 3 -`, `Trang 3`.
fn page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(['-', '–', ' ']);
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// The type named by a title line, from the rulesets' type names.
fn type_of(title: &str) -> Option<String> {
    let title = title.to_uppercase();
    Ruleset::all()
        .iter()
        .flat_map(|r| r.loai.iter())
        .find(|(_, t)| t.in_ten_loai && t.ten.to_uppercase() == title)
        .map(|(slug, _)| slug.clone())
}

/// `…, ngày 29 tháng 4 năm 2026` → place and date.
fn date_line(cell: &str) -> Option<(String, Option<Date>)> {
    let (place, date) = cell.split_once(", ngày")?;
    let nums: Vec<u32> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let date = match nums[..] {
        [d, m, y] => Date::parse(&format!("{y:04}-{m:02}-{d:02}")),
        _ => None,
    };
    Some((place.trim().to_owned(), date))
}

/// A footnote definition: `¹ text` or `[1] text`.
fn footnote_def(p: &str) -> Option<(u32, &str)> {
    let digits: String = p.chars().map_while(superscript).collect();
    if !digits.is_empty() {
        let n = digits.parse().ok()?;
        let rest = p.char_indices().nth(digits.chars().count()).map_or("", |(i, _)| &p[i..]);
        return rest.starts_with(' ').then(|| (n, rest.trim()));
    }
    let rest = p.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.trim()))
}

/// The digit a superscript figure stands for.
fn superscript(c: char) -> Option<char> {
    let i = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)?;
    char::from_digit(i as u32, 10)
}

/// Superscript markers (and `[n]` for known footnotes) as Markdown footnote references.
fn markers(p: &str, known: &[(u32, String)]) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in p.chars() {
        match superscript(c) {
            Some(d) => digits.push(d),
            None => {
                if !digits.is_empty() {
                    out.push_str(&format!("[^{digits}]"));
                    digits.clear();
                }
                out.push(c);
            }
        }
    }
    if !digits.is_empty() {
        out.push_str(&format!("[^{digits}]"));
    }
    for (n, _) in known {
        out = out.replace(&format!("[{n}]"), &format!("[^{n}]"));
    }
    out
}

/// The heading level of a paragraph: `I.`/`I-` 1, `1.` 2, `2.1.` 3, …; `None` for text (long,
/// or ending as a sentence does).
fn heading_level(p: &str) -> Option<usize> {
    // A heading set in bold is a heading all the same.
    let p = clean(p);
    let head = p.split_whitespace().next()?;
    if p.chars().count() > 160 || p.ends_with(['.', ';', ',']) || p.split_whitespace().count() < 2 {
        return None;
    }
    let number = head.strip_suffix(['.', '-'])?;
    if !number.is_empty() && number.chars().all(|c| "IVXLC".contains(c)) {
        return Some(1);
    }
    let parts: Vec<&str> = number.split('.').collect();
    parts.iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then_some(parts.len() + 1)
}

/// Whether a paragraph ends a sentence (so the next one is not its continuation).
fn ends_sentence(p: &str) -> bool {
    let t = p.trim_end_matches(['”', '"', ')', '*', '’']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Whether a line starts a paragraph of its own inside a run of lines.
fn starts_block(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("+ ")
        || line.starts_with('|')
        || heading_level(line).is_some()
        || footnote_def(line).is_some()
        || line.starts_with("Điều ")
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

/// The lines with their numbers, without running page numbers and page headers (a short line
/// repeated on three pages or more).
fn without_furniture<'t>(f: &mut Found, text: &'t str) -> Vec<(usize, &'t str)> {
    // Counted in a map: a damaged file has thousands of different short lines.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && l.chars().count() <= 80) {
        *seen.entry(l).or_default() += 1;
    }
    let running = |l: &str| !l.starts_with(['-', '+', '–']) && seen.get(l).is_some_and(|n| *n >= 3);
    let mut lines = vec![];
    for (i, l) in text.lines().enumerate() {
        if page_number(l) {
            f.guess(i + 1, format!("bỏ số trang `{}`", l.trim()), "số trang do vanban in lại");
        } else if running(l.trim()) {
            let message = format!("bỏ dòng đầu trang lặp lại `{}`", l.trim());
            f.guess(i + 1, message, "kiểm tra dòng này không thuộc nội dung");
        } else {
            lines.push((i + 1, l.trim_end()));
        }
    }
    lines
}

/// The tên loại at line `t` and the trích yếu under it; returns where the body starts.
fn title_and_summary(f: &mut Found, lines: &[(usize, &str)], t: usize) -> usize {
    let (n, l) = lines[t];
    f.loai = type_of(clean(l));
    let mut at = t + 1;
    // The trích yếu may stand after a blank line (a DOCX's next paragraph), unless what
    // follows is already the body.
    let next = lines[at..].iter().position(|(_, l)| !l.trim().is_empty()).map(|i| at + i);
    if let Some(i) = next.filter(|&i| {
        let l = clean(lines[i].1);
        heading_level(l).is_none() && !capitals(l) && !l.starts_with("Kính") && !l.starts_with("Căn cứ")
    }) {
        at = i;
    }
    while let Some((_, l)) = lines.get(at) {
        let l = clean(l);
        if l.is_empty() || l.chars().all(|c| c == '-') {
            break;
        }
        f.trich_yeu.push(l.to_owned());
        at += 1;
    }
    if f.trich_yeu.is_empty() {
        f.guess(n, "không có trích yếu dưới tên loại", "thêm `trich_yeu` nếu văn bản có");
    }
    at
}

/// A công văn's `V/v` / `về việc` line at `l` (no tên loại); returns where the body starts.
fn letter_summary(f: &mut Found, lines: &[(usize, &str)], l: usize) -> usize {
    f.loai = Some("cong-van".to_owned());
    let cell = cells(lines[l].1)
        .into_iter()
        .find(|c| c.starts_with("V/v") || c.to_lowercase().starts_with("về việc"));
    let summary = cell.unwrap_or_default();
    let summary = summary.strip_prefix("V/v").or_else(|| summary.get("về việc".len()..)).unwrap_or(summary);
    f.trich_yeu.push(summary.trim().to_owned());
    f.guess(lines[l].0, "không có tên loại; coi là công văn (có dòng V/v, về việc)", "kiểm tra `loai`");
    l + 1
}

/// Where the body ends and the closing (Nơi nhận, signature) starts, among the last lines:
/// the first of the line `Nơi nhận:`, an authority line (T/M …), and a title in capitals
/// followed by a name (direct signing).
fn closing_start(lines: &[(usize, &str)], from: usize) -> usize {
    let tail = from.max(lines.len().saturating_sub(40));
    let next_text = |i: usize| lines[i + 1..].iter().map(|(_, l)| clean(l)).find(|l| !l.is_empty());
    let found = (tail..lines.len()).find(|&i| {
        let line = clean(lines[i].1);
        let marked = cells(lines[i].1)
            .iter()
            .any(|c| c.starts_with("Nơi nhận") || AUTHORITY.iter().any(|a| c.starts_with(a)));
        let direct = capitals(line) && heading_level(line).is_none() && next_text(i).is_some_and(name_like);
        marked || direct
    });
    found.unwrap_or(lines.len())
}

/// The header block: motto, issuer names, number, place and date.
fn header(f: &mut Found, lines: &[(usize, &str)], letter: bool) {
    let mut issuers: Vec<(usize, String)> = vec![];
    for &(n, line) in lines {
        for cell in cells(line) {
            let upper = cell.to_uppercase();
            if upper == "ĐẢNG CỘNG SẢN VIỆT NAM" {
                f.the_thuc = Some("dang");
            } else if upper.starts_with("CỘNG HÒA XÃ HỘI") || upper.starts_with("CỘNG HOÀ XÃ HỘI")
            {
                f.the_thuc = Some("nha-nuoc");
            } else if upper.starts_with("ĐỘC LẬP") || cell.chars().all(|c| "-_*=–—. ".contains(c)) {
                // The motto's second line, the star and rules: the layout draws them.
            } else if let Some((place, date)) = date_line(cell) {
                f.dia_danh = Some(place);
                f.ngay = date;
                if date.is_none() {
                    f.guess(
                        n,
                        format!("dòng ngày `{cell}` không đọc được ngày"),
                        "ghi `ngay` dạng 2026-04-29",
                    );
                }
            } else if cell.starts_with("Số") || cell.starts_with("SỐ") {
                number(f, n, cell, letter);
            } else if capitals(cell) {
                issuers.push((n, cell.to_owned()));
            } else {
                f.guess(
                    n,
                    format!("bỏ qua dòng đầu văn bản `{cell}`"),
                    "chuyển nội dung này vào khóa phù hợp nếu cần",
                );
            }
        }
    }
    match issuers.len() {
        0 => {}
        1 => f.ten = Some(issuers.remove(0).1),
        _ => {
            let (n, ten) = issuers.pop().expect("two or more");
            if issuers.len() > 1 {
                f.guess(
                    n,
                    "tên cơ quan cấp trên ghép từ nhiều dòng",
                    "kiểm tra `co_quan.cap_tren` và `co_quan.ten`",
                );
            }
            f.cap_tren = Some(issuers.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(" "));
            f.ten = Some(ten);
        }
    }
}

/// `Số 05-BC/ĐU`, `Số: 15/BC-UBND`, `Số    -BC/ĐU` (blank number); a State công văn's code
/// is all issuer (`Số: 45/SNV-VP`).
fn number(f: &mut Found, n: usize, cell: &str, letter: bool) {
    let rest = cell.trim_start_matches("Số").trim_start_matches("SỐ").trim_start_matches(':').trim();
    let (so, code) = match WrittenNumber::parse(rest) {
        Some(w) => (w.digits.parse().ok(), w.code),
        None => (None, rest),
    };
    f.so = so;
    // Party: -BC/ĐU (issuer after `/`); State: /BC-UBND (issuer after the type's `-`).
    let code = code.trim();
    let issuer = if let Some(party) = code.strip_prefix('-') {
        party.split_once('/').map(|(_, i)| i)
    } else {
        let after = code.trim_start_matches('/');
        Some(if letter { after } else { after.split_once('-').map_or(after, |(_, i)| i) })
    };
    match issuer.filter(|i| !i.is_empty()) {
        Some(i) => f.viet_tat = Some(i.to_owned()),
        None => f.guess(n, format!("không đọc được mã cơ quan trong `{cell}`"), "ghi `co_quan.viet_tat`"),
    }
}

/// Nơi nhận and the signature, in whichever order and columns they stand.
fn closing_block(f: &mut Found, lines: &[(usize, &str)]) {
    let mut in_list = false;
    for &(n, line) in lines {
        for cell in cells(line) {
            if cell.starts_with("Nơi nhận") {
                in_list = true;
            } else if let Some(item) = cell.strip_prefix(['-', '–', '+']) {
                f.noi_nhan.push(item.trim().trim_end_matches([',', ';', '.']).trim().to_owned());
            } else if AUTHORITY.iter().any(|a| cell.starts_with(a)) {
                f.tham_quyen.push(cell.to_owned());
                in_list = false;
            } else if cell.starts_with('(') && cell.ends_with(')') {
                f.guess(
                    n,
                    format!("bỏ qua `{cell}` ở khối chữ ký"),
                    "chữ ký và dấu do người ký thêm vào bản in",
                );
            } else if capitals(cell) {
                f.chuc_vu.push(cell.to_owned());
                in_list = false;
            } else if in_list && !f.noi_nhan.is_empty() && cell.starts_with(char::is_lowercase) {
                // A recipient line wrapped onto the next line.
                let last = f.noi_nhan.last_mut().expect("not empty");
                last.push(' ');
                last.push_str(cell.trim_end_matches([',', ';', '.']));
            } else if name_like(cell) {
                f.ho_ten = Some(cell.to_owned());
            } else {
                f.guess(n, format!("bỏ qua dòng `{cell}` ở khối chữ ký"), "chuyển vào khóa phù hợp nếu cần");
            }
        }
    }
}

/// A person's name: two to six words, each capitalised, no digits.
fn name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit()))
}

/// The body: paragraphs, headings, Kính gửi and căn cứ lines, footnotes taken out and put at
/// their markers, paragraphs split by page breaks joined again.
fn body(f: &mut Found, lines: &[(usize, &str)]) {
    // Paragraphs with the line they start on.
    let mut paras: Vec<(usize, String)> = vec![];
    let mut open = false;
    for &(n, line) in lines {
        let l = line.trim();
        if l.is_empty() {
            open = false;
        } else if open && l.starts_with('|') && paras.last().is_some_and(|(_, p)| p.starts_with('|')) {
            // A Markdown table keeps its rows.
            let last = &mut paras.last_mut().expect("open").1;
            last.push('\n');
            last.push_str(l);
        } else if open && !starts_block(l) && !paras.last().is_some_and(|(_, p)| p.starts_with('|')) {
            let last = &mut paras.last_mut().expect("open").1;
            last.push(' ');
            last.push_str(l);
        } else {
            paras.push((n, l.to_owned()));
            open = true;
        }
    }
    let mut flow: Vec<(usize, String)> = vec![];
    let mut addressees = false;
    let item = |s: &str| s.trim().trim_end_matches(['.', ';', ',']).to_owned();
    for (n, p) in paras {
        let listed = addressees && p.starts_with("- ");
        addressees = listed;
        if let Some((k, text)) = footnote_def(&p) {
            f.footnotes.push((k, text.to_owned()));
        } else if let Some(rest) = p.strip_prefix("Kính gửi:").or_else(|| p.strip_prefix("Kính trình:"))
        {
            // One addressee on the label's line, or a list of `- …` lines under it.
            if rest.trim().is_empty() {
                addressees = true;
            } else {
                f.kinh_gui.push(item(rest));
            }
        } else if listed {
            f.kinh_gui.push(item(&p[2..]));
        } else if capitals(&p) && flow.is_empty() && f.can_cu.is_empty() && heading_level(&p).is_none() {
            f.guess(n, format!("coi `{p}` là dòng thẩm quyền ban hành"), "kiểm tra `tham_quyen_ban_hanh`");
            f.tham_quyen_ban_hanh = Some(p);
        } else if p.starts_with("Căn cứ") || p.starts_with("Theo đề nghị") {
            f.can_cu.push(p.trim_end_matches(['.', ';', ',']).to_owned());
        } else if p == "QUYẾT ĐỊNH:" {
            // The decision line: the ruleset's type gives it.
        } else {
            flow.push((n, p));
        }
    }
    let mut joined: Vec<(usize, String)> = vec![];
    for (n, p) in flow {
        let continues = joined.last().is_some_and(|(_, prev): &(usize, String)| {
            heading_level(prev).is_none()
                && !ends_sentence(prev)
                && !starts_block(&p)
                && !prev.starts_with('|')
        });
        if continues {
            f.guess(n, "nối đoạn bị ngắt trang với đoạn trước", "kiểm tra chỗ nối trong văn bản nhập");
            let prev = &mut joined.last_mut().expect("continues").1;
            prev.push(' ');
            prev.push_str(&p);
        } else {
            joined.push((n, p));
        }
    }
    let known = f.footnotes.clone();
    for (_, p) in joined {
        let p = markers(&p, &known);
        match heading_level(&p) {
            Some(level) => f.body.push(Part::Heading(level, clean(&p).to_owned())),
            None => f.body.push(Part::Para(match p.strip_prefix("Điều ") {
                Some(rest) if !p.starts_with("**") => match rest.split_once(". ") {
                    Some((num, text)) if num.chars().all(|c| c.is_ascii_digit()) => {
                        format!("**Điều {num}.** {text}")
                    }
                    _ => p.clone(),
                },
                _ => p,
            })),
        }
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
    fn headings_and_sentences() {
        assert_eq!(heading_level("I. ƯU ĐIỂM, KẾT QUẢ"), Some(1));
        assert_eq!(heading_level("2.2.1. Công tác tư tưởng, dân vận, dân chủ"), Some(4));
        assert_eq!(heading_level("1. Chỉ đạo các cấp ủy cơ sở phối hợp."), None);
        assert!(!ends_sentence("tham mưu"));
        assert!(ends_sentence("“Dân vận khéo”."));
    }

    #[test]
    fn footnotes_and_cells() {
        assert_eq!(footnote_def("¹ Chỉ thị số 09"), Some((1, "Chỉ thị số 09")));
        assert_eq!(footnote_def("[12] Xem"), Some((12, "Xem")));
        assert_eq!(markers("tư pháp¹. Và²³", &[]), "tư pháp[^1]. Và[^23]");
        assert_eq!(
            cells("ĐẢNG BỘ TỈNH X     ĐẢNG CỘNG SẢN VIỆT NAM"),
            ["ĐẢNG BỘ TỈNH X", "ĐẢNG CỘNG SẢN VIỆT NAM"]
        );
    }
}
