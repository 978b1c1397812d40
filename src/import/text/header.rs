//! The header block (motto, issuers, number, place and date) and the title with its trích yếu.
//!
//! Each line of the top of the document is cut into pieces (its cells, and a flattened cell cut
//! again where a motto, the number or the place and date begins), and each piece is scored as
//! what it can be. The parts are taken from the pieces whatever their order, so an unknown piece
//! leaves the others recognised; what is not recognised goes to the body with a note.

use super::{Found, capitals, cells, fold};
use crate::model::date::{self, Date};
use crate::model::document::WrittenNumber;
use crate::rules::ruleset::Ruleset;

/// What a piece of a header line is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`.
    PartyMotto,
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    StateMotto,
    /// `Độc lập - Tự do - Hạnh phúc`.
    Motto2,
    /// A rule or the star under a name: the layout draws it.
    Rule,
    /// `Số …`.
    Number,
    /// `…, ngày … tháng … năm …`.
    Date,
    /// A line in capitals: an issuer, or the title.
    Capitals,
    /// Anything else.
    Text,
}

/// A piece of a header line: its text (Markdown of the text form), whether it is set in bold,
/// and what it is.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub text: String,
    pub bold: bool,
    pub kind: Kind,
}

/// The motto lines, folded, and how many letters an extraction may get wrong in each.
const PARTY_MOTTO: &str = "DANG CONG SAN VIET NAM";
const STATE_MOTTO: &str = "CONG HOA XA HOI CHU NGHIA VIET NAM";

/// Whether `folded` is `motto` up to `slack` misread letters.
fn near(folded: &str, motto: &str, slack: usize) -> bool {
    strsim::levenshtein(folded, motto) <= slack
}

/// What a piece is, from its plain text.
fn kind_of(text: &str) -> Kind {
    let plain = super::markup::plain(text);
    let folded = fold(&plain);
    if near(&folded, PARTY_MOTTO, 3) {
        Kind::PartyMotto
    } else if folded.contains("XA HOI CHU NGHIA") || near(&folded, STATE_MOTTO, 5) {
        Kind::StateMotto
    } else if folded.starts_with("DOC LAP") || (folded.contains("TU DO") && folded.contains("HANH PHUC")) {
        Kind::Motto2
    } else if !plain.is_empty() && plain.chars().all(|c| "-_*=–—.~·• ".contains(c)) {
        Kind::Rule
    } else if number_label(&plain).is_some() {
        Kind::Number
    } else if date_of(&plain).is_some() {
        Kind::Date
    } else if capitals(&plain) {
        Kind::Capitals
    } else {
        Kind::Text
    }
}

/// The text after a number's label `Số`, `Số:`, `SỐ` (OCR: `Sô`); `None` when the piece is not
/// a number line.
fn number_label(plain: &str) -> Option<&str> {
    // `SỐ 1050/QĐ-SCT` in capitals is part of an issuer's name; the number line's label is not.
    let rest = ["Số", "SỐ", "Sô", "số"].iter().find_map(|p| plain.strip_prefix(p))?;
    // `Sở …` is an issuer; `Số` must be followed by its colon, a space and the number, or a code.
    let next = rest.chars().next()?;
    let rest = rest.trim_start_matches([':', ' ', '.']);
    let starts = rest.starts_with(|c: char| c.is_ascii_digit() || "-/IlO".contains(c));
    ((next == ':' || next == ' ') && starts || next == ':' && rest.is_empty()).then_some(rest)
}

/// The pieces of a header line: its cells, each cut again where a flattened second column starts.
pub(super) fn pieces(line: &str) -> Vec<Piece> {
    let mut out = vec![];
    for cell in rejoined(cells(line)) {
        for part in cell.split(" \\| ").flat_map(|p| p.split(" | ")) {
            for text in split_flattened(part.trim()) {
                let bold = text.starts_with("**");
                let kind = kind_of(&text);
                if !super::markup::plain(&text).is_empty() {
                    out.push(Piece { text, bold, kind });
                }
            }
        }
    }
    out
}

/// Cells an extraction cut at the blanks of a number or a date joined again: `Số:` and
/// `/SCT-CN`; `Lào Cai, ngày` and `tháng 4 năm 2026`.
fn rejoined(cells: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for c in cells {
        let open = out.last().is_some_and(|last| {
            let p = super::markup::plain(last);
            let bare_number = number_label(&p).is_some_and(str::is_empty) || p == "Số";
            let open_date =
                (p.ends_with("ngày") || p.contains(", ngày") || p.ends_with("tháng")) && !p.contains("năm");
            bare_number && super::markup::plain(c).starts_with(['/', '-']) || open_date
        });
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(c);
            }
            _ => out.push(c.to_owned()),
        }
    }
    out
}

/// A cell cut where a motto, the motto's second line or a place and date begins inside it:
/// `TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc`, `Số 31-CTr/TW Hà Nội, ngày 28 tháng 7 năm 2026`.
fn split_flattened(cell: &str) -> Vec<String> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(&super::markup::plain(w))).collect();
    let starts = |seq: &[&str], at: usize| {
        seq.iter().enumerate().all(|(k, s)| folded.get(at + k).is_some_and(|w| w.trim_matches(',') == *s))
    };
    let anchors: [&[&str]; 3] =
        [&["DANG", "CONG", "SAN", "VIET", "NAM"], &["CONG", "HOA", "XA", "HOI"], &["DOC", "LAP"]];
    for at in 1..words.len() {
        let motto = anchors.iter().any(|a| starts(a, at));
        // A party motto closing a line of capitals is the right column, unless the line is only it.
        if motto {
            let (a, b) = (words[..at].join(" "), words[at..].join(" "));
            let mut out = split_flattened(&a);
            out.extend(split_flattened(&b));
            return out;
        }
    }
    // `…code Place, ngày …`: the place is the capitalised words before `, ngày`.
    if let Some(day) = words.iter().position(|w| super::markup::plain(w) == "ngày")
        && day > 0
        && words[day - 1].ends_with(',')
    {
        let mut start = day - 1;
        while start > 0 {
            let w = super::markup::plain(words[start - 1]);
            let placeish = w.starts_with(char::is_uppercase) && !w.contains(['/', ':']) && !capitals(&w)
                || ["phố", "xã", "thị", "trấn", "TP."].contains(&w.as_str());
            if !placeish {
                break;
            }
            start -= 1;
        }
        if start > 0 {
            return vec![words[..start].join(" "), words[start..].join(" ")];
        }
    }
    vec![cell.to_owned()]
}

/// The type named at the start of a title line, its name's length in words, from the rulesets'
/// type names (folded, so an extraction's misread accents still match); the longest name wins.
pub(super) fn type_at(title: &str) -> Option<(String, usize)> {
    let words: Vec<String> = super::markup::plain(title)
        .split_whitespace()
        .map(|w| fold(w).trim_end_matches(':').to_owned())
        .collect();
    let mut best: Option<(String, usize)> = None;
    for (slug, t) in Ruleset::all().iter().flat_map(|r| r.loai.iter()).filter(|(_, t)| t.in_ten_loai) {
        let name: Vec<String> = t.ten.split_whitespace().map(fold).collect();
        let matches = name.len() <= words.len() && name.iter().zip(&words).all(|(a, b)| a == b);
        if matches && best.as_ref().is_none_or(|(_, n)| name.len() > *n) {
            best = Some((slug.clone(), name.len()));
        }
    }
    best
}

/// A date line's place and date.
#[derive(Debug, PartialEq)]
pub(super) struct DateLine {
    pub place: String,
    /// The date, when the day, month and year are all printed.
    pub date: Option<Date>,
    /// Otherwise what is printed of it around the blanks, as `ngay` would hold it: `02/2026`,
    /// or the year alone.
    pub partial: Option<String>,
}

/// `…, ngày 29 tháng 4 năm 2026` → its place and date, whole or partial.
pub(super) fn date_of(cell: &str) -> Option<DateLine> {
    let plain = super::markup::plain(cell);
    let i = plain.find(", ngày").or_else(|| plain.find(" ngày "))?;
    let (place, date) = (&plain[..i], &plain[i..]);
    if !date.contains("tháng") || !date.contains("năm") {
        return None;
    }
    // OCR and pdftotext misplace spaces: `tháng 01năm`, `2 026`; the blanks hold dots or nothing.
    let part = |from: &str, to: &str| -> Option<(u32, String)> {
        let s = date.split_once(from)?.1;
        let s = to.is_empty().then_some(s).or_else(|| s.split_once(to).map(|(a, _)| a))?;
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        Some((digits.parse().ok()?, digits))
    };
    let (day, month, year) = (part("ngày", "tháng"), part("tháng", "năm"), part("năm", ""));
    let whole = match (&day, &month, &year) {
        (Some((d, _)), Some((m, _)), Some((y, _))) => date::parse(&format!("{y:04}-{m:02}-{d:02}")),
        _ => None,
    };
    let partial = match (whole, day, month, year) {
        (None, None, Some((_, m)), Some((_, y))) => Some(format!("{m}/{y}")),
        (None, None, None, Some((_, y))) => Some(y),
        _ => None,
    };
    Some(DateLine { place: place.trim().trim_end_matches(',').trim().to_owned(), date: whole, partial })
}

/// A character of a number as OCR misreads it read as the digit (`I`, `l`, `|` for 1, `O` for
/// 0); any other as itself.
pub(crate) fn ocr_digit(c: char) -> char {
    match c {
        'I' | 'l' | '|' => '1',
        'O' => '0',
        c => c,
    }
}

/// What a number line prints: the number, the issuer's code, the ruleset's number form when it is
/// not the common one (`quy-pham` for a year in the code).
#[derive(Debug, PartialEq)]
pub(super) struct NumberLine {
    pub so: Option<u32>,
    pub issuer: Option<String>,
    pub form: Option<String>,
}

/// The parts of a number line `Số 05-BC/ĐU`, `Số: 15 /BC-UBND`, `Số:      /SCT-CN` (blank),
/// `Số: 11/2026/QĐ-UBND`. A State code whose first part is not a type's code is all issuer (a
/// công văn's `UBND-KT`).
pub(super) fn number_of(plain: &str) -> Option<NumberLine> {
    let rest = number_label(plain)?;
    // Spaces around the separators are the extraction's, and OCR reads 1 as I or l, 0 as O.
    let compact: String = rest.split_whitespace().collect();
    let end = compact.find(['-', '/']).unwrap_or(compact.len());
    let digits: String = compact[..end].chars().map(ocr_digit).collect();
    let so = WrittenNumber::parse(&digits).and_then(|w| w.code.is_empty().then(|| w.digits.parse().ok())?);
    let code = &compact[end..];
    let state = || Ruleset::all().iter().filter(|r| r.the_thuc == "nha-nuoc");
    let mut form = None;
    let issuer = if let Some(party) = code.strip_prefix('-') {
        party.split_once('/').map(|(_, i)| i.to_owned())
    } else {
        // State: `/BC-UBND`, `/2026/QĐ-UBND`; a công văn `/UBND-KT`. A year between the number
        // and the code asks for the form with `{nam}`.
        let year = code.split('/').any(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()));
        form = state()
            .flat_map(|r| &r.so_ky_hieu.mau_rieng)
            .find(|(_, f)| year && f.mau.contains("{nam}"))
            .map(|(name, _)| name.clone());
        let last = code.rsplit('/').next().unwrap_or_default();
        let mut codes = state().flat_map(|r| r.loai.values()).map(|t| t.ma.clone());
        match last.split_once('-') {
            Some((ty, issuer)) if codes.any(|m| m == ty) => Some(issuer.to_owned()),
            _ => Some(last.to_owned()),
        }
    };
    Some(NumberLine { so, issuer: issuer.filter(|i| !i.is_empty()), form })
}

/// The header block's pieces, in order, with their source line: the motto gives the family,
/// capitals before the title give the issuers, and the number and date their parts. Returns
/// what was not recognised, for the body.
pub(super) fn header(f: &mut Found, lines: &[(usize, Vec<Piece>)]) -> Vec<(usize, String)> {
    // Of several number lines, the one in capitals is part of a name (`ĐOÀN KIỂM TRA THEO QUYẾT
    // ĐỊNH` / `SỐ 1050/QĐ-SCT`) when another is not.
    let numbers: Vec<&Piece> =
        lines.iter().flat_map(|(_, ps)| ps).filter(|p| p.kind == Kind::Number).collect();
    let upright = numbers.iter().any(|p| !capitals(&super::markup::plain(&p.text)));
    let demoted = |p: &Piece| numbers.len() > 1 && upright && capitals(&super::markup::plain(&p.text));
    let mut issuers: Vec<(usize, &Piece)> = vec![];
    let mut rest = vec![];
    let (mut party, mut state) = (0, 0);
    // Whether the number or the date has been read: the issuers stand above them.
    let mut dated = false;
    for (n, pieces) in lines {
        for p in pieces {
            let plain = super::markup::plain(&p.text);
            let kind = if p.kind == Kind::Number && demoted(p) { Kind::Capitals } else { p.kind };
            match kind {
                Kind::PartyMotto => party += 3,
                Kind::StateMotto | Kind::Motto2 => state += 3,
                Kind::Rule => {}
                Kind::Date => {
                    let DateLine { place, date, partial } = date_of(&p.text).expect("a date line");
                    if date.is_none() {
                        f.guess(
                            *n,
                            format!("dòng ngày `{plain}` chưa ghi ngày"),
                            "ghi `ngay` dạng 2026-04-29",
                        );
                    }
                    f.dia_danh = Some(place).filter(|p| !p.is_empty());
                    f.ngay = date;
                    f.ngay_in = partial;
                    dated = true;
                }
                Kind::Number => {
                    let NumberLine { so, issuer, form } = number_of(&plain).expect("a number line");
                    // Party `Số 5-BC/ĐU` has no colon; State `Số: 5/BC-UBND` has.
                    if plain.contains('-') && plain.find('-') < plain.find('/') {
                        party += 1;
                    } else {
                        state += 1;
                    }
                    f.so = so;
                    f.mau_so = form;
                    dated = true;
                    match issuer {
                        Some(i) => f.viet_tat = Some(i),
                        None => f.guess(
                            *n,
                            format!("không đọc được mã cơ quan trong `{plain}`"),
                            "ghi `co_quan.viet_tat`",
                        ),
                    }
                }
                // Capitals under the number and date are no issuer: a title no ruleset knows.
                Kind::Capitals if dated && !issuers.is_empty() => {
                    f.guess(
                        *n,
                        format!("không nhận ra tên loại `{plain}`"),
                        "ghi `loai`; dòng này để ở đầu phần nội dung",
                    );
                    rest.push((*n, p.text.clone()));
                }
                Kind::Capitals => issuers.push((*n, p)),
                Kind::Text => rest.push((*n, p.text.clone())),
            }
        }
    }
    if party + state > 0 {
        f.the_thuc = Some(if party >= state { "dang" } else { "nha-nuoc" });
    }
    issuer_names(f, &issuers);
    rest
}

/// Words that begin the name of a body: a line of capitals that begins with one names a body of
/// its own; any other continues the name above it (`ỦY BAN NHÂN DÂN` / `TỈNH LÀO CAI`).
const BODY_WORDS: &[&str] = &[
    "DANG BO",
    "DANG UY",
    "CHI BO",
    "BAN",
    "UY BAN",
    "UBND",
    "HOI DONG",
    "HDND",
    "SO",
    "BO",
    "CUC",
    "CHI CUC",
    "TONG CUC",
    "VU",
    "VIEN",
    "VAN PHONG",
    "TINH UY",
    "THANH UY",
    "HUYEN UY",
    "QUAN UY",
    "THI UY",
    "TRUNG TAM",
    "TRUONG",
    "HOC VIEN",
    "DAI HOC",
    "BENH VIEN",
    "CONG AN",
    "THANH TRA",
    "TOA AN",
    "VIEN KIEM SAT",
    "DOAN",
    "MAT TRAN",
    "HOI",
    "CONG TY",
    "TONG CONG TY",
    "PHONG",
    "KHO BAC",
    "THUE",
    "BO CHI HUY",
    "QUAN KHU",
    "LIEN DOAN",
    "CAC CO QUAN",
    "DANG DOAN",
    "BAN CAN SU",
    "BCH",
    "BTV",
];

/// Whether a line of capitals begins a body's name.
fn begins_body(name: &str) -> bool {
    let plain = super::markup::plain(name);
    if plain.starts_with("SỐ ") {
        // `SỐ 1050/QĐ-SCT` folds as `SỞ` does.
        return false;
    }
    let folded = fold(&plain);
    BODY_WORDS.iter().any(|w| folded == *w || folded.starts_with(&format!("{w} ")))
}

/// The issuer and its superior from the header's lines of capitals: a bold line is the issuer
/// (the rulesets set it bold, the superior upright); without styles, a line that begins a body's
/// name starts a new level, any other continues the one above.
fn issuer_names(f: &mut Found, issuers: &[(usize, &Piece)]) {
    let Some(&(last_line, _)) = issuers.last() else { return };
    let styled = issuers.iter().any(|(_, p)| p.bold) && issuers.iter().any(|(_, p)| !p.bold);
    let mut levels: Vec<String> = vec![];
    let mut bold_from = None;
    for (i, (_, p)) in issuers.iter().enumerate() {
        let plain = super::markup::plain(&p.text).trim_matches(|c| "-_*=–—.~ ".contains(c)).to_owned();
        let new =
            if styled { i == 0 || p.bold != issuers[i - 1].1.bold } else { i == 0 || begins_body(&plain) };
        if new {
            if styled && p.bold && bold_from.is_none() {
                bold_from = Some(levels.len());
            }
            levels.push(plain);
        } else if let Some(last) = levels.last_mut() {
            last.push(' ');
            last.push_str(&plain);
        }
    }
    let ten_at = bold_from.unwrap_or(levels.len() - 1);
    if ten_at + 1 < levels.len() {
        f.guess(last_line, "sau tên cơ quan ban hành còn dòng chữ in hoa", "kiểm tra `co_quan.ten`");
    }
    let ten = levels[ten_at..].join(" ");
    let above = &levels[..ten_at];
    if above.len() > 1 {
        f.guess(last_line, "tên cơ quan cấp trên ghép từ nhiều dòng", "kiểm tra `co_quan.cap_tren`");
    }
    f.cap_tren = (!above.is_empty()).then(|| above.join(" "));
    f.ten = Some(ten);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(String, Kind)> {
        pieces(line).into_iter().map(|p| (p.text, p.kind)).collect()
    }

    #[test]
    fn flattened_columns_are_cut_apart() {
        assert_eq!(
            texts("TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc"),
            [("TỈNH LÀO CAI".into(), Kind::Capitals), ("Độc lập - Tự do - Hạnh phúc".into(), Kind::Motto2)]
        );
        assert_eq!(
            texts("Số 31-CTr/TW Hà Nội, ngày 28 tháng 7 năm 2026"),
            [("Số 31-CTr/TW".into(), Kind::Number), ("Hà Nội, ngày 28 tháng 7 năm 2026".into(), Kind::Date)]
        );
        assert_eq!(
            texts("------- \\| ĐẢNG CỘNG SẢN VIỆT NAM"),
            [("-------".into(), Kind::Rule), ("ĐẢNG CỘNG SẢN VIỆT NAM".into(), Kind::PartyMotto)]
        );
        assert_eq!(texts("ỦY BAN NHÂN DÂN \\_ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")[1].1, Kind::StateMotto);
    }

    #[test]
    fn numbers_as_printed() {
        let line = |so, issuer: &str, form: Option<&str>| {
            Some(NumberLine { so, issuer: Some(issuer.into()), form: form.map(Into::into) })
        };
        assert_eq!(number_of("Số 245 -CV/ĐU"), line(Some(245), "ĐU", None));
        assert_eq!(number_of("Số: 15 /BC-UBND"), line(Some(15), "UBND", None));
        assert_eq!(number_of("Số:      /SCT-CN"), line(None, "SCT-CN", None));
        assert_eq!(number_of("Số -BC/ĐU"), line(None, "ĐU", None));
        assert_eq!(number_of("Số: II /2026/QĐ-UBND"), line(Some(11), "UBND", Some("quy-pham")));
        assert_eq!(number_of("Sở Công Thương"), None);
    }

    #[test]
    fn dates_with_blanks_and_misplaced_spaces() {
        let d = |s: &str| {
            date_of(s).map(|l| (l.place, l.date.map(|d| (d.year(), u8::from(d.month()), d.day())), l.partial))
        };
        assert_eq!(
            d("Lào Cai, ngày 10 tháng 01năm 2026"),
            Some(("Lào Cai".into(), Some((2026, 1, 10)), None))
        );
        assert_eq!(
            d("Công Hải, ngày tháng 02 năm 2026"),
            Some(("Công Hải".into(), None, Some("02/2026".into())))
        );
        assert_eq!(
            d("*Lào Cai, ngày      tháng 4 năm 2026*"),
            Some(("Lào Cai".into(), None, Some("4/2026".into())))
        );
        assert_eq!(d("Hà Nội, ngày … tháng … năm 2026"), Some(("Hà Nội".into(), None, Some("2026".into()))));
    }

    #[test]
    fn type_names_with_more_words_and_misread_accents() {
        assert_eq!(type_at("CHƯƠNG TRÌNH HÀNH ĐỘNG"), Some(("chuong-trinh".into(), 2)));
        assert_eq!(type_at("QUYÉT ĐỊNH"), Some(("quyet-dinh".into(), 2)));
        assert_eq!(type_at("BAN CHẤP HÀNH"), None);
    }
}
