//! Page furniture: running page numbers and page headers, dropped and reported.

use super::Found;

/// Running page numbers: `3`, `- 3 -`, `Trang 3`.
fn page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(['-', '–', ' ']);
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// The lines with their numbers, without running page numbers and page headers (a short line
/// repeated on three pages or more).
pub(super) fn without_furniture<'t>(f: &mut Found, text: &'t str) -> Vec<(usize, &'t str)> {
    // Counted in a map: a damaged file has thousands of different short lines.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && l.chars().count() <= 80) {
        *seen.entry(l).or_default() += 1;
    }
    let running = |l: &str| !l.starts_with(['-', '+', '–']) && seen.get(l).is_some_and(|n| *n >= 3);
    let mut lines = vec![];
    for (i, l) in text.lines().enumerate() {
        if page_number(l) || running(l.trim()) {
            f.dropped.push(i + 1);
        }
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
