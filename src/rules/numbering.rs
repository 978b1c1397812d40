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

/// `n` (from 1) in the style `kieu`.
pub fn format(kieu: &str, n: u32) -> String {
    match kieu {
        "la-ma" => roman(n),
        "chu" => LETTERS.get(n as usize - 1).map_or_else(|| n.to_string(), |l| (*l).to_owned()),
        _ => n.to_string(),
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
        let number = rule.mau.replace("{cha}", &parent).replace("{n}", &format(&rule.kieu, counts[i]));
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
        assert_eq!(format("chu", 5), "đ");
        assert_eq!(format("chu", 6), "e");
    }

    #[test]
    fn counts_restart_below_each_heading() {
        let level = |kieu: &str, mau: &str| NumberingLevel {
            kieu: kieu.to_owned(),
            mau: mau.to_owned(),
            dong_rieng: false,
            lien_tuc: false,
        };
        let scheme = [level("la-ma", "{n}- "), level("so", "{n}. "), level("so", "{cha}.{n}. ")];
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
