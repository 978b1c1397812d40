//! Page furniture by position: page numbers and running headers or footers, the outermost lines
//! of a page, dropped and reported with their page.

use super::lines::Line;
use crate::import::text::Note;

/// The share of the page's height, at its top and at its bottom, where furniture stands.
const MARGIN: f64 = 0.15;

/// Removes the page numbers and the lines repeated at the same place on other pages from the
/// pages' outermost lines; a note for each.
pub fn drop(pages: &mut [Vec<Line>], heights: &[f64], notes: &mut Vec<Note>) {
    // A line's form: its text with the figures masked, and its place.
    let form = |l: &Line| -> String {
        l.plain().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
    };
    let outer = |page: &[Line], h: f64| -> Vec<usize> {
        let n = page.len();
        let mut ends: Vec<usize> =
            [0, 1, n.saturating_sub(2), n.saturating_sub(1)].into_iter().filter(|&i| i < n).collect();
        ends.dedup();
        ends.into_iter().filter(|&i| page[i].y < MARGIN * h || page[i].y > (1.0 - MARGIN) * h).collect()
    };
    let candidates: Vec<Vec<(usize, String, f64)>> = pages
        .iter()
        .zip(heights)
        .map(|(p, &h)| outer(p, h).into_iter().map(|i| (i, form(&p[i]), p[i].y)).collect())
        .collect();
    let count = pages.len();
    let repeated = |page: usize, text: &str, y: f64| {
        let on = candidates
            .iter()
            .enumerate()
            .filter(|(q, c)| *q != page && c.iter().any(|(_, t, y2)| t == text && (y - y2).abs() < 2.0))
            .count();
        on + 1 >= 3.min(count).max(2)
    };
    for (page, lines) in pages.iter_mut().enumerate() {
        let mut gone: Vec<usize> = vec![];
        for (i, text, y) in &candidates[page] {
            let line = lines[*i].plain();
            if page_number(&line) {
                notes.push(Note::guess(
                    None,
                    format!("bỏ số trang `{}` ở trang {}", line.trim(), page + 1),
                    "số trang do vanban in lại",
                ));
                gone.push(*i);
            } else if repeated(page, text, *y) {
                notes.push(Note::guess(
                    None,
                    format!("bỏ dòng lặp lại ở đầu hoặc chân trang `{}` ở trang {}", line.trim(), page + 1),
                    "kiểm tra dòng này không thuộc nội dung",
                ));
                gone.push(*i);
            }
        }
        gone.sort_unstable();
        for i in gone.into_iter().rev() {
            lines.remove(i);
        }
    }
}

/// A page number: `3`, `- 3 -`, `Trang 3`, `3/12`.
fn page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(['-', '–', ' ']);
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    let t = t.split_once('/').map_or(t, |(n, _)| n).trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}
