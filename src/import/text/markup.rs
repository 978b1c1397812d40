//! The inline Markdown of the text form: a reader that knows the runs' styles writes `**bold**`
//! and `*italic*`; every other character Markdown would read as markup is escaped, so a literal
//! `*`, backtick or `<` stays text. Front-matter values are plain text: [`plain`] takes the
//! markers and escapes off again.

/// ASCII punctuation Markdown may read as markup inside a line.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#', '$'];

/// A line of plain text written as Markdown text: every special character escaped.
pub fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown line back as plain text: emphasis markers dropped, escapes undone.
pub fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            _ => out.push(c),
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back() {
        for s in ["2 * 3 = `6` <b> [1] a_b \\ & #", "**không** đổi", "~~x~~ | y"] {
            assert_eq!(plain(&escape(s)), s.trim());
        }
        assert_eq!(plain("**Điều 1.** *Hà Nội*"), "Điều 1. Hà Nội");
        assert_eq!(escape("a*b"), "a\\*b");
    }
}
