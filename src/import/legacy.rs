//! Vietnamese text in the legacy 8-bit encodings still found in archives, converted to Unicode:
//! TCVN3 (ABC, TCVN 5712:1993 VN3), one byte a letter, and VNI-Windows, a base letter followed
//! by a byte for its marks. Bytes are read as Windows-1252, so each legacy byte stands as the
//! Latin-1 character of the same code; text already mis-decoded that way converts the same.

use unicode_normalization::UnicodeNormalization;

/// The encoding of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Unicode already.
    Unicode,
    /// TCVN3 (ABC).
    Tcvn3,
    /// VNI-Windows.
    Vni,
}

impl Encoding {
    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Unicode => "Unicode",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI-Windows",
        }
    }
}

/// TCVN3 (ABC): byte → letter, TCVN 5712:1993 VN3. Capitals with tone marks have no code: the
/// `…H` fonts (.VnTimeH) draw the lowercase codes as capitals.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// VNI-Windows: byte → the marks it adds to the letter before it (combining characters), for
/// lowercase; the uppercase byte is 0x20 less.
const VNI_MARKS: &[(u8, &str)] = &[
    (0xF9, "\u{301}"),
    (0xF8, "\u{300}"),
    (0xFB, "\u{309}"),
    (0xF5, "\u{303}"),
    (0xEF, "\u{323}"),
    (0xE2, "\u{302}"),
    (0xE1, "\u{302}\u{301}"),
    (0xE0, "\u{302}\u{300}"),
    (0xE5, "\u{302}\u{309}"),
    (0xE3, "\u{302}\u{303}"),
    (0xE4, "\u{302}\u{323}"),
    (0xEA, "\u{306}"),
    (0xE9, "\u{306}\u{301}"),
    (0xE8, "\u{306}\u{300}"),
    (0xFA, "\u{306}\u{309}"),
    (0xFC, "\u{306}\u{303}"),
    (0xEB, "\u{306}\u{323}"),
];

/// VNI-Windows: bytes that are letters of their own, lowercase (uppercase 0x20 less).
const VNI_LETTERS: &[(u8, char)] = &[
    (0xF4, 'ơ'),
    (0xF6, 'ư'),
    (0xF1, 'đ'),
    (0xED, 'í'),
    (0xEC, 'ì'),
    (0xE6, 'ỉ'),
    (0xF3, 'ĩ'),
    (0xF2, 'ị'),
    (0xEE, 'ỵ'),
];

/// Bytes as Windows-1252 when they are not UTF-8 (legacy files are 8-bit).
pub fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x85 => '…',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            _ => char::from(b),
        })
        .collect()
}

/// The encoding a text looks written in: TCVN3 when its letters-only-in-TCVN3 outnumber VNI's
/// letter+mark pairs, and either is frequent enough to be more than stray symbols.
pub fn detect(text: &str) -> Encoding {
    let latin1 = |c: char| u8::try_from(u32::from(c)).ok().filter(|b| *b >= 0xA0);
    // Codes that are not letters in Latin-1: never part of real text in quantity.
    let tcvn3 = text
        .chars()
        .filter_map(latin1)
        .filter(|b| TCVN3.iter().any(|(t, _)| t == b) && !char::from(*b).is_alphabetic())
        .count();
    let chars: Vec<char> = text.chars().collect();
    let vni = chars
        .windows(2)
        .filter(|w| "aeiouyAEIOUYôöÔÖ".contains(w[0]) && latin1(w[1]).is_some_and(|b| mark(b).is_some()))
        .count();
    let letters = chars.iter().filter(|c| c.is_alphabetic()).count().max(1);
    // Unicode Vietnamese is full of letters beyond Latin-1 (ạ, ế, ư, đ); legacy text has none.
    let unicode = chars.iter().filter(|c| ('\u{100}'..='\u{1EFF}').contains(*c)).count();
    match (tcvn3, vni) {
        (t, v) if unicode * 4 > t.max(v) => Encoding::Unicode,
        (t, v) if t >= v && t * 50 >= letters && t >= 3 => Encoding::Tcvn3,
        (_, v) if v * 50 >= letters && v >= 3 => Encoding::Vni,
        _ => Encoding::Unicode,
    }
}

/// The marks a VNI byte adds, in either case.
fn mark(b: u8) -> Option<&'static str> {
    VNI_MARKS.iter().find(|(m, _)| *m == b || *m - 0x20 == b).map(|(_, s)| *s)
}

/// A text converted from `from` to Unicode NFC, and the character offsets (in the result) of
/// characters that could not be converted (Latin-1 symbols with no meaning in that encoding).
pub fn convert(text: &str, from: Encoding) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut unknown = vec![];
    // Characters in `out` so far: counted as they go, not recounted at each unknown one.
    let mut count = 0;
    for c in text.chars() {
        let Some(b) = u8::try_from(u32::from(c)).ok().filter(|b| *b >= 0x80) else {
            out.push(c);
            count += 1;
            continue;
        };
        let converted = match from {
            Encoding::Unicode => Some(c.to_string()),
            Encoding::Tcvn3 => TCVN3.iter().find(|(t, _)| *t == b).map(|(_, l)| l.to_string()),
            Encoding::Vni => {
                let cased = |l: char| if b < 0xE0 { l.to_uppercase().next().unwrap_or(l) } else { l };
                if let Some((_, l)) = VNI_LETTERS.iter().find(|(v, _)| *v == b || *v - 0x20 == b) {
                    Some(cased(*l).to_string())
                } else {
                    mark(b)
                        .filter(|_| out.chars().next_back().is_some_and(char::is_alphabetic))
                        .map(str::to_owned)
                }
            }
        };
        match converted {
            Some(s) => {
                count += s.chars().count();
                out.push_str(&s);
            }
            None => {
                unknown.push(count);
                out.push(c);
                count += 1;
            }
        }
    }
    (out.nfc().collect(), unknown)
}

/// Capitals that TCVN3 could not spell: text typed in a `…H` font (.VnTimeH) has capitals for
/// plain letters and lowercase codes for the others (`B¸O C¸O` → `BáO CáO`). A run of a line
/// (the parts between gaps of two or more spaces, as columns stand) with no lowercase ASCII
/// letter but lowercase Vietnamese ones is set in capitals. Returns the text and how many
/// runs were changed.
pub fn restore_capitals(text: &str) -> (String, usize) {
    let mut changed = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        while !rest.is_empty() {
            // The next run and the gap after it.
            let end = [rest.find("  "), rest.find('\t'), rest.find('\n')].into_iter().flatten().min();
            let end = end.unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            let gap = tail.len() - tail.trim_start_matches([' ', '\t', '\n']).len();
            let lower_ascii = run.chars().any(|c| c.is_ascii_lowercase());
            let lower_other = run.chars().any(|c| !c.is_ascii() && c.is_lowercase());
            if !lower_ascii && lower_other {
                out.push_str(&run.to_uppercase());
                changed += 1;
            } else {
                out.push_str(run);
            }
            out.push_str(&tail[..gap]);
            rest = &tail[gap..];
        }
    }
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_and_vni_words() {
        let t = "B¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô th¸ng 4; §¶ng bé";
        assert_eq!(detect(t), Encoding::Tcvn3);
        assert_eq!(convert(t, Encoding::Tcvn3).0, "Báo cáo kết quả thực hiện nhiệm vụ tháng 4; Đảng bộ");
        let v = "Vieät Nam ñaõ ñaït keát quaû; Ñaûng boä; Ủy ban";
        assert_eq!(detect("Vieät Nam ñaõ ñaït keát quaû; Ñaûng boä"), Encoding::Vni);
        assert_eq!(convert(v, Encoding::Vni).0, "Việt Nam đã đạt kết quả; Đảng bộ; Ủy ban");
        for unicode in ["Báo cáo kết quả thực hiện nhiệm vụ", "hoà giải, tiêu biểu, quá trình kiên định"]
        {
            assert_eq!(detect(unicode), Encoding::Unicode, "{unicode}");
        }
    }

    #[test]
    fn what_cannot_be_converted_is_told() {
        assert_eq!(convert("N¬i 5°C", Encoding::Tcvn3), ("Nơi 5°C".to_owned(), vec![5]));
        assert_eq!(convert("x ù", Encoding::Vni).1, vec![2], "a mark with no letter before it");
    }

    #[test]
    fn capitals_the_bytes_could_not_tell() {
        let (t, n) = restore_capitals("BáO CáO\nNơi nhận:    T/M BAN THƯờNG Vụ\nLò Văn Minh\n");
        assert_eq!((t.as_str(), n), ("BÁO CÁO\nNơi nhận:    T/M BAN THƯỜNG VỤ\nLò Văn Minh\n", 2));
    }
}
