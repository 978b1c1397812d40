//! Page furniture, dropped only by its position or its form, never because its words repeat:
//! page markers (`===== Trang 3 =====`), page numbers at a page break, running headers at the
//! top of pages (`BAOCAO-T4.DOC 3`), extraction notes (`[OCR] …` at the top, a `===== GHI CHU
//! =====` block at the end) and e-signature stamps. Each dropped line is kept in
//! [`Found::dropped`] and reported.

use super::Found;
use super::markup::plain;

/// A page break left in the lines where furniture marked one: blank for the recogniser.
pub(super) const BREAK: &str = "\u{c}";

/// `===== Trang 3 =====` (any run of `=` around, `Trang`/`Page`).
fn page_marker(t: &str) -> bool {
    let inner = t.strip_prefix("===").and_then(|s| s.strip_suffix("===")).map(|s| s.trim_matches('=').trim());
    inner.is_some_and(|s| {
        let n = s.strip_prefix("Trang").or_else(|| s.strip_prefix("Page")).unwrap_or("");
        !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit())
    })
}

/// `===== GHI CHU =====`: a note the archive appended after the document.
fn archive_note(t: &str) -> bool {
    let t = t.trim_matches('=').trim().to_uppercase();
    t == "GHI CHU" || t == "GHI CHÚ"
}

/// A page number's number: `3`, `Trang 3`; `decorated` also for `- 3 -`.
fn page_number(t: &str) -> Option<(u32, bool)> {
    let bare = t.trim_matches(['-', '–', ' ']);
    let decorated = bare.len() < t.len() && t.starts_with(['-', '–']) && t.ends_with(['-', '–']);
    let n = bare.strip_prefix("Trang ").unwrap_or(bare);
    let ok = !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit());
    ok.then(|| (n.parse().unwrap_or(0), decorated))
}

/// A running header by its form: a file name, with the page number after it
/// (`BAOCAO-T4.DOC 3`, `18.CTRTW31.DOC 1 0`).
fn file_name_header(t: &str) -> bool {
    let (name, rest) = t.split_once(' ').unwrap_or((t, ""));
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_uppercase());
    ext.is_some_and(|e| ["DOC", "DOCX", "PDF", "ODT", "RTF"].contains(&e.as_str()))
        && !name.contains('/')
        && rest.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

/// An e-signature stamp's time: `28-07-2026 18:08:51 +07:00`, or without its zone.
fn stamp_time(t: &str) -> Option<bool> {
    let mut parts = t.split_whitespace();
    let (date, time, zone) = (parts.next()?, parts.next()?, parts.next());
    let shaped = |s: &str, sep: char, n: usize| {
        let p: Vec<&str> = s.split(sep).collect();
        p.len() == n && p.iter().all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
    };
    let zoned = zone.is_some_and(|z| z.starts_with(['+', '-']) && shaped(&z[1..], ':', 2));
    (shaped(date, '-', 3) && shaped(time, ':', 3) && parts.next().is_none() && (zone.is_none() || zoned))
        .then_some(zoned)
}

/// `+07:00` alone: the zone of a stamp broken over lines.
fn zone_alone(t: &str) -> bool {
    t.starts_with('+') && t.len() == 6 && t.as_bytes()[3] == b':'
}

/// Whether a line is in capitals (the signing body's name on a stamp).
fn capitals(t: &str) -> bool {
    super::capitals(t) && !t.chars().any(|c| c.is_ascii_digit())
}

/// What is dropped, and why (the report's words).
#[derive(Clone, Copy, PartialEq)]
enum Why {
    Marker,
    Number,
    Header,
    Note,
    Stamp,
}

impl Why {
    fn message(self, text: &str) -> String {
        match self {
            Why::Marker => format!("bỏ dấu trang `{text}`"),
            Why::Number => format!("bỏ số trang `{text}`"),
            Why::Header => format!("bỏ dòng đầu trang `{text}`"),
            Why::Note => format!("bỏ ghi chú của bản trích `{text}`"),
            Why::Stamp => format!("bỏ dấu chữ ký số `{text}`"),
        }
    }
}

/// The lines with their numbers (from 1), without page furniture; a page break where furniture
/// marked one is left as a line [`BREAK`].
pub(super) fn without_furniture<'t>(f: &mut Found, text: &'t str) -> Vec<(usize, &'t str)> {
    let raw: Vec<&str> = text.lines().collect();
    let bare: Vec<String> = raw.iter().map(|l| plain(l.trim_start_matches('\u{c}'))).collect();
    let mut why: Vec<Option<Why>> = vec![None; raw.len()];
    // Page starts: a line with a form feed, the line after a page marker.
    let mut tops = vec![];
    for (i, t) in bare.iter().enumerate() {
        if page_marker(t) {
            why[i] = Some(Why::Marker);
            tops.push(i + 1);
        } else if raw[i].starts_with('\u{c}') {
            tops.push(i);
        }
    }
    let blank = |i: usize| bare.get(i).is_none_or(|t| t.is_empty());
    let next_text =
        |from: usize, why: &[Option<Why>]| (from..raw.len()).find(|&j| !blank(j) && why[j].is_none());
    let prev_text = |to: usize, why: &[Option<Why>]| (0..to).rev().find(|&j| !blank(j) && why[j].is_none());
    // Page numbers and running headers next to a page break: at the top of the new page, at
    // the foot of the page before.
    let mut headed: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for &top in &tops {
        let mut at = top;
        for _ in 0..2 {
            let Some(i) = next_text(at, &why) else { break };
            if page_number(&bare[i]).is_some() {
                why[i] = Some(Why::Number);
            } else if file_name_header(&bare[i]) {
                why[i] = Some(Why::Header);
            } else {
                let key: String = bare[i].chars().filter(|c| !c.is_ascii_digit()).collect();
                if bare[i].len() <= 100 && bare[i].chars().any(|c| c.is_ascii_digit()) {
                    headed.entry(key).or_default().push(i);
                }
                break;
            }
            at = i + 1;
        }
        let before =
            if raw.get(top).is_some_and(|l| l.starts_with('\u{c}')) { top } else { top.saturating_sub(1) };
        if let Some(i) = prev_text(before, &why).filter(|&i| page_number(&bare[i]).is_some()) {
            why[i] = Some(Why::Number);
        }
    }
    // A running header by position: the same words at the top of two pages or more, with a
    // number that changes (the page's).
    for rows in headed.values().filter(|r| r.len() >= 2) {
        let numbers: std::collections::HashSet<&str> = rows.iter().map(|&i| bare[i].as_str()).collect();
        if numbers.len() == rows.len() {
            rows.iter().for_each(|&i| why[i] = Some(Why::Header));
        }
    }
    standalone_numbers(&bare, &mut why);
    notes_and_stamps(&bare, &mut why);
    let mut lines = vec![];
    for (i, l) in raw.iter().enumerate() {
        match why[i] {
            Some(w) => {
                let t = bare[i].clone();
                f.guess(i + 1, w.message(&t), "nếu dòng này là nội dung văn bản, chép lại vào chỗ của nó");
                f.dropped.push((i + 1, t));
                if l.starts_with('\u{c}') || w == Why::Marker {
                    lines.push((i + 1, BREAK));
                }
            }
            None if l.starts_with('\u{c}') => {
                lines.push((i + 1, BREAK));
                lines.push((i + 1, l.trim_start_matches('\u{c}').trim_end()));
            }
            None => lines.push((i + 1, l.trim_end())),
        }
    }
    lines
}

/// Page numbers without a page break, by their form and place: `- 3 -` alone between blank
/// lines; a bare number alone between blank lines when such numbers rise page by page
/// (at least 15 lines apart, each a little above the one before).
fn standalone_numbers(bare: &[String], why: &mut [Option<Why>]) {
    let blank = |i: Option<usize>| i.is_none_or(|i| bare.get(i).is_none_or(|t| t.is_empty()));
    let alone = |i: usize| blank(i.checked_sub(1)) && blank(Some(i + 1));
    let mut chain: Vec<usize> = vec![];
    let mut last: Option<(usize, u32)> = None;
    for (i, t) in bare.iter().enumerate() {
        let Some((n, decorated)) = page_number(t).filter(|_| alone(i) && why[i].is_none()) else { continue };
        if decorated {
            why[i] = Some(Why::Number);
        } else if last.map_or(n <= 3, |(at, m)| n > m && n <= m + 5 && i >= at + 15) {
            chain.push(i);
            last = Some((i, n));
        }
    }
    if chain.len() >= 2 {
        chain.into_iter().for_each(|i| why[i] = Some(Why::Number));
    }
}

/// The extraction note at the top (`[OCR] …`, up to a blank line), the archive's note block
/// at the end (`===== GHI CHU =====` and all after it), e-signature stamps (the time, its zone
/// when broken off, and the signing body's line above: two when the name wrapped or repeats).
fn notes_and_stamps(bare: &[String], why: &mut [Option<Why>]) {
    if let Some(first) = bare.iter().position(|t| !t.is_empty())
        && bare[first].starts_with("[OCR]")
    {
        (first..bare.len()).take_while(|&i| !bare[i].is_empty()).for_each(|i| why[i] = Some(Why::Note));
    }
    if let Some(at) = bare.iter().position(|t| t.starts_with("===") && archive_note(t)) {
        (at..bare.len()).for_each(|i| why[i] = Some(Why::Note));
    }
    for i in 0..bare.len() {
        let Some(zoned) = stamp_time(&bare[i]).filter(|_| why[i].is_none()) else { continue };
        why[i] = Some(Why::Stamp);
        if !zoned && bare.get(i + 1).is_some_and(|t| zone_alone(t)) {
            why[i + 1] = Some(Why::Stamp);
        }
        let Some(above) = i.checked_sub(1).filter(|&j| capitals(&bare[j]) && why[j].is_none()) else {
            continue;
        };
        why[above] = Some(Why::Stamp);
        let wrapped = bare[above].split_whitespace().count() == 1;
        if let Some(j) = above.checked_sub(1).filter(|&j| capitals(&bare[j]) && why[j].is_none())
            && (wrapped || bare[j] == bare[above])
        {
            why[j] = Some(Why::Stamp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(page_marker("===== Trang 12 ====="));
        assert!(!page_marker("===== GHI CHU ====="));
        assert_eq!(page_number("- 3 -"), Some((3, true)));
        assert_eq!(page_number("3"), Some((3, false)));
        assert_eq!(page_number("2026"), None);
        assert!(file_name_header("BAOCAO-T4.DOC 3") && file_name_header("18.GTRTW31.DOC 1 0"));
        assert!(!file_name_header("Xem tệp BAOCAO.DOC"));
        assert_eq!(stamp_time("28-07-2026 18:08:51 +07:00"), Some(true));
        assert_eq!(stamp_time("12-08-2025 13:59:15"), Some(false));
        assert_eq!(stamp_time("ngày 12-08-2025 13:59:15"), None);
    }
}
