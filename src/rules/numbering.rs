//! Heading numbers by the ruleset's scheme (`danh_so: tu_dong`): Roman numerals, Arabic numbers
//! and the letters of the Vietnamese alphabet, level by level.

use crate::model::body::Block;
use crate::rules::ruleset::{NumberStyle, NumberingLevel};

/// Letters for điểm: the Vietnamese alphabet without its accented letters (HD05 I.6.2.4đ).
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
    "x", "y",
];

/// `n` (from 1) in Roman numerals.
pub(crate) fn roman(mut n: u32) -> String {
    const DIGITS: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= *value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The value of Roman numerals (`IV` is 4); `None` for anything else.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let digits: Vec<i64> = s
        .chars()
        .map(|c| match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => 100,
        })
        .collect();
    let total: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| if digits.get(i + 1).is_some_and(|n| n > d) { -d } else { *d })
        .sum();
    u32::try_from(total).ok()
}

/// A heading number as an author writes it before the heading's text: `II.`, `II-`, `2.1.`,
/// `3)`; read the same way by `check` (the sequence) and by import (what is a heading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The value of each part: one for a Roman number.
    pub parts: Vec<u32>,
    /// Roman (`II`), not Arabic.
    pub roman: bool,
    /// The mark after it (`.`, `-`, `)`), if any.
    pub mark: Option<char>,
    /// The most digits in one Arabic part.
    pub digits: usize,
}

impl Label {
    /// The number the first word of `text` is, if it is one.
    pub fn read(text: &str) -> Option<Self> {
        let head = text.split_whitespace().next()?;
        let bare = head.trim_end_matches(['.', '-', ')']);
        let mark = head[bare.len()..].chars().next();
        if let Some(n) = roman_value(bare) {
            return Some(Self { parts: vec![n], roman: true, mark, digits: 0 });
        }
        let parts: Vec<&str> = bare.split('.').collect();
        let parts: Vec<u32> = parts
            .iter()
            .map(|p| p.bytes().all(|b| b.is_ascii_digit()).then(|| p.parse().ok()).flatten())
            .collect::<Option<_>>()?;
        let digits = bare.split('.').map(str::len).max().unwrap_or(0);
        Some(Self { parts, roman: false, mark, digits })
    }

    /// Its level in the usual scheme: a Roman number 1, `1.` 2, `2.1.` 3, ….
    pub fn depth(&self) -> usize {
        if self.roman { 1 } else { self.parts.len() + 1 }
    }
}

/// `n` (from 1) in `style`.
pub fn format(style: NumberStyle, n: u32) -> String {
    match style {
        NumberStyle::Roman => roman(n),
        NumberStyle::Letters => {
            LETTERS.get(n as usize - 1).map_or_else(|| n.to_string(), |l| (*l).to_owned())
        }
        NumberStyle::Arabic => n.to_string(),
    }
}

/// Numbers every heading by the scheme, counting per level: a heading restarts the counts of
/// the levels below it, except those numbered through the document (`lien_tuc`). A level with
/// `dong_rieng` gets its number as a heading line of its own before it. Levels deeper than the
/// scheme are left as written.
pub fn number_headings(body: Vec<Block>, scheme: &[NumberingLevel]) -> Vec<Block> {
    let mut counts = vec![0u32; scheme.len()];
    let mut out = Vec::with_capacity(body.len());
    for block in body {
        let Block::Heading { level, mut c, at } = block else {
            out.push(block);
            continue;
        };
        let i = usize::from(level) - 1;
        let Some(rule) = scheme.get(i) else {
            out.push(Block::Heading { level, c, at });
            continue;
        };
        counts[i] += 1;
        for (n, r) in counts.iter_mut().zip(scheme).skip(i + 1) {
            if !r.lien_tuc {
                *n = 0;
            }
        }
        let parent = if i > 0 { counts[i - 1].to_string() } else { String::new() };
        let number = rule.mau.replace("{cha}", &parent).replace("{n}", &format(rule.kieu, counts[i]));
        if rule.dong_rieng {
            out.push(Block::Heading { level, c: vec![Block::Text { t: number }], at });
        } else {
            c.insert(0, Block::Text { t: number });
        }
        out.push(Block::Heading { level, c, at });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::body::Offset;

    #[test]
    fn roman_and_letters() {
        assert_eq!([1, 4, 9, 14, 40].map(roman), ["I", "IV", "IX", "XIV", "XL"]);
        for n in 1..400 {
            assert_eq!(roman_value(&roman(n)), Some(n));
        }
        assert_eq!(format(NumberStyle::Letters, 5), "đ");
        assert_eq!(format(NumberStyle::Letters, 6), "e");
    }

    #[test]
    fn counts_restart_below_each_heading() {
        let level = |kieu: NumberStyle, mau: &str| NumberingLevel {
            kieu,
            mau: mau.to_owned(),
            dong_rieng: false,
            lien_tuc: false,
        };
        let scheme = [
            level(NumberStyle::Roman, "{n}- "),
            level(NumberStyle::Arabic, "{n}. "),
            level(NumberStyle::Arabic, "{cha}.{n}. "),
        ];
        let h = |level| Block::Heading { level, c: vec![Block::Text { t: "X".into() }], at: Offset(0) };
        let body = number_headings(vec![h(1), h(2), h(3), h(3), h(2), h(1), h(2)], &scheme);
        let numbers: Vec<String> = body
            .iter()
            .map(|b| match b {
                Block::Heading { c, .. } => match &c[0] {
                    Block::Text { t } => t.clone(),
                    _ => unreachable!(),
                },
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(numbers, ["I- ", "1. ", "1.1. ", "1.2. ", "2. ", "II- ", "1. "]);
    }

    #[test]
    fn chapters_on_their_own_line_articles_through_the_document() {
        let rules = crate::rules::ruleset::Ruleset::get("hd05-2026").unwrap();
        let h =
            |level, t: &str| Block::Heading { level, c: vec![Block::Text { t: t.into() }], at: Offset(0) };
        let body = vec![
            h(1, "Quy định chung"),
            h(3, "Phạm vi"),
            h(3, "Đối tượng"),
            h(1, "Chế độ báo cáo"),
            h(3, "Kỳ hạn"),
        ];
        let out = number_headings(body, &rules.danh_so["muc_dieu"]);
        let text: Vec<String> = out
            .iter()
            .map(|b| {
                let mut s = String::new();
                b.plain_text(&mut s);
                s.trim().to_owned()
            })
            .collect();
        assert_eq!(
            text,
            [
                "Chương I",
                "Quy định chung",
                "Điều 1. Phạm vi",
                "Điều 2. Đối tượng",
                "Chương II",
                "Chế độ báo cáo",
                "Điều 3. Kỳ hạn"
            ]
        );
    }
}

#[cfg(test)]
mod labels {
    use super::Label;

    #[test]
    fn heading_numbers_as_written() {
        let read = |t| {
            Label::read(t).map(|l| (l.depth(), l.parts, l.roman, l.mark)).map(|(d, p, r, m)| (p, r, m, d))
        };
        assert_eq!(read("II. KẾT QUẢ"), Some((vec![2], true, Some('.'), 1)));
        assert_eq!(read("IV- Nhiệm vụ"), Some((vec![4], true, Some('-'), 1)));
        assert_eq!(read("2.1. Công tác"), Some((vec![2, 1], false, Some('.'), 3)));
        assert_eq!(read("3) Việc"), Some((vec![3], false, Some(')'), 2)));
        assert_eq!(read("12 Việc"), Some((vec![12], false, None, 2)));
        for text in ["Công tác", "2..1. Việc", "a) Việc", "", "2.x. Việc", "99999999999. Việc"] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
