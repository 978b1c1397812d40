//! Heading numbers by the ruleset's scheme (`danh_so: tu_dong`): Roman numerals, Arabic numbers
//! and the letters of the Vietnamese alphabet, level by level.

use crate::model::body::Block;
use crate::rules::ruleset::NumberingLevel;

/// Letters for điểm: the Vietnamese alphabet without its accented letters (HD05 I.6.2.4đ).
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
    "x", "y",
];

/// `n` (from 1) in Roman numerals.
fn roman(mut n: u32) -> String {
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

/// `n` (from 1) in the style `kieu`.
pub fn format(kieu: &str, n: u32) -> String {
    match kieu {
        "la-ma" => roman(n),
        "chu" => LETTERS.get(n as usize - 1).map_or_else(|| n.to_string(), |l| (*l).to_owned()),
        _ => n.to_string(),
    }
}

/// Puts the scheme's number before every heading, counting per level; a heading restarts the
/// counts of the levels below it. Levels deeper than the scheme are left as written.
pub fn number_headings(body: &mut [Block], scheme: &[NumberingLevel]) {
    let mut counts = vec![0u32; scheme.len()];
    for block in body {
        let Block::Heading { level, c } = block else { continue };
        let i = usize::from(*level) - 1;
        let Some(rule) = scheme.get(i) else { continue };
        counts[i] += 1;
        counts[i + 1..].iter_mut().for_each(|n| *n = 0);
        let parent = if i > 0 { counts[i - 1].to_string() } else { String::new() };
        let number = rule.mau.replace("{cha}", &parent).replace("{n}", &format(&rule.kieu, counts[i]));
        c.insert(0, Block::Text { t: number });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_and_letters() {
        assert_eq!([1, 4, 9, 14, 40].map(roman), ["I", "IV", "IX", "XIV", "XL"]);
        assert_eq!(format("chu", 5), "đ");
        assert_eq!(format("chu", 6), "e");
    }

    #[test]
    fn counts_restart_below_each_heading() {
        let scheme: Vec<NumberingLevel> = [("la-ma", "{n}- "), ("so", "{n}. "), ("so", "{cha}.{n}. ")]
            .iter()
            .map(|(k, m)| NumberingLevel { kieu: (*k).to_owned(), mau: (*m).to_owned() })
            .collect();
        let h = |level| Block::Heading { level, c: vec![Block::Text { t: "X".into() }] };
        let mut body = vec![h(1), h(2), h(3), h(3), h(2), h(1), h(2)];
        number_headings(&mut body, &scheme);
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
}
