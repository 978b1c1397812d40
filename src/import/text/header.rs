//! The header block (motto, issuers, number, place and date) and the title with its trích yếu.

use super::body::heading_level;
use super::{Found, capitals, cells, clean};
use crate::model::document::{Date, WrittenNumber};
use crate::rules::ruleset::Ruleset;

/// The type named by a title line, from the rulesets' type names.
pub(super) fn type_of(title: &str) -> Option<String> {
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

/// The tên loại at line `t` and the trích yếu under it; returns where the body starts.
pub(super) fn title_and_summary(f: &mut Found, lines: &[(usize, &str)], t: usize) -> usize {
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
pub(super) fn letter_summary(f: &mut Found, lines: &[(usize, &str)], l: usize) -> usize {
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

/// The header block: motto, issuer names, number, place and date.
pub(super) fn header(f: &mut Found, lines: &[(usize, &str)], letter: bool) {
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
