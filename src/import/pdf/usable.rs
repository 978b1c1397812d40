//! Whether a text layer is Vietnamese text worth importing: a scan's text layer made by an OCR
//! for another language reads as words that are not Vietnamese syllables, or as syllables
//! stripped of their marks.

use unicode_normalization::UnicodeNormalization;

/// The fewest letters a text layer needs to be a document.
const MIN_LETTERS: usize = 20;
/// The share of words that must be Vietnamese syllables.
const MIN_SYLLABLES: f64 = 0.6;
/// The share of syllables that must carry a mark or a Vietnamese letter (real text: about half).
const MIN_MARKED: f64 = 0.15;

/// Why the text is not usable, or `None` when it is.
pub fn unusable(text: &str) -> Option<String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return Some(format!("chỉ có {letters} chữ cái"));
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().nfd().collect())
        .collect();
    let syllables: Vec<&String> = words.iter().filter(|w| syllable(w)).collect();
    let share = syllables.len() as f64 / words.len() as f64;
    let marked = syllables.iter().filter(|w| !w.is_ascii() || w.contains('đ')).count() as f64
        / syllables.len().max(1) as f64;
    if share < MIN_SYLLABLES || marked < MIN_MARKED {
        return Some(format!(
            "{:.0} % từ là âm tiết tiếng Việt, {:.0} % có dấu",
            share * 100.0,
            marked * 100.0
        ));
    }
    None
}

/// Whether a lowercase decomposed (NFD) word is a Vietnamese syllable: an onset, a vowel
/// nucleus, a final consonant, with at most one tone mark.
fn syllable(w: &str) -> bool {
    const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    if w.chars().filter(|c| TONES.contains(c)).count() > 1 {
        return false;
    }
    // Letters with their vowel marks (circumflex, breve, horn) composed again, tones gone.
    let base: String = w.chars().filter(|c| !TONES.contains(c)).collect::<String>().nfc().collect();
    let onsets = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
        "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    let rest = onsets.iter().find_map(|o| base.strip_prefix(o)).unwrap_or(&base);
    let codas = ["ch", "ng", "nh", "c", "m", "n", "p", "t"];
    let nucleus = codas.iter().find_map(|c| rest.strip_suffix(c)).unwrap_or(rest);
    // `gi` and `qu` may stand alone as onset and vowel (`gì`, `quá` leaves `a`).
    let nucleus = if nucleus.is_empty() && base.starts_with("gi") { "i" } else { nucleus };
    let count = nucleus.chars().count();
    (1..=3).contains(&count) && nucleus.chars().all(|c| "aăâeêioôơuưy".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_not() {
        assert!(
            unusable("Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do hạnh phúc, quyết định").is_none()
        );
        // Marks stripped by an OCR for English, and words no syllable spells.
        assert!(unusable("CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc quyet dinh").is_some());
        assert!(unusable("Thsrwk qxzt plmnr Wqrtz zzkx Pfhrt lmnqw rrtxz bbqwe vvxxz").is_some());
        assert!(unusable("12 34 ..").is_some());
        for w in ["nghiêng", "quyết", "gì", "đường", "khuya", "tỉnh"] {
            assert!(syllable(&w.nfd().collect::<String>()), "{w}");
        }
    }
}
