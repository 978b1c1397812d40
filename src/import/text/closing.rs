//! The closing: the signature and Nơi nhận, in whichever order and columns they stand.

use super::body::heading_level;
use super::{AUTHORITY, Found, capitals, cells, clean};

/// Where the body ends and the closing (Nơi nhận, signature) starts, among the last lines:
/// the first of the line `Nơi nhận:`, an authority line (T/M …), and a title in capitals
/// followed by a name (direct signing).
pub(super) fn closing_start(lines: &[(usize, &str)], from: usize) -> usize {
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

/// Nơi nhận and the signature, in whichever order and columns they stand.
pub(super) fn closing_block(f: &mut Found, lines: &[(usize, &str)]) {
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
