//! The body: paragraphs, headings, Kính gửi and căn cứ, footnotes at their markers.

use super::{Found, Part, capitals, clean};

/// A footnote definition: `¹ text` or `[1] text`.
fn footnote_def(p: &str) -> Option<(u32, &str)> {
    let digits: String = p.chars().map_while(superscript).collect();
    if !digits.is_empty() {
        let n = digits.parse().ok()?;
        let rest = p.char_indices().nth(digits.chars().count()).map_or("", |(i, _)| &p[i..]);
        return rest.starts_with(' ').then(|| (n, rest.trim()));
    }
    let rest = p.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.trim()))
}

/// The digit a superscript figure stands for.
fn superscript(c: char) -> Option<char> {
    let i = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)?;
    char::from_digit(i as u32, 10)
}

/// Superscript markers (and `[n]` for known footnotes) as Markdown footnote references.
fn markers(p: &str, known: &[(u32, String)]) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in p.chars() {
        match superscript(c) {
            Some(d) => digits.push(d),
            None => {
                if !digits.is_empty() {
                    out.push_str(&format!("[^{digits}]"));
                    digits.clear();
                }
                out.push(c);
            }
        }
    }
    if !digits.is_empty() {
        out.push_str(&format!("[^{digits}]"));
    }
    for (n, _) in known {
        out = out.replace(&format!("[{n}]"), &format!("[^{n}]"));
    }
    out
}

/// The heading level of a paragraph: `I.`/`I-` 1, `1.` 2, `2.1.` 3, …; `None` for text (long,
/// or ending as a sentence does).
pub(super) fn heading_level(p: &str) -> Option<usize> {
    // A heading set in bold is a heading all the same.
    let p = clean(p);
    let head = p.split_whitespace().next()?;
    if p.chars().count() > 160 || p.ends_with(['.', ';', ',']) || p.split_whitespace().count() < 2 {
        return None;
    }
    let number = head.strip_suffix(['.', '-'])?;
    if !number.is_empty() && number.chars().all(|c| "IVXLC".contains(c)) {
        return Some(1);
    }
    let parts: Vec<&str> = number.split('.').collect();
    parts.iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then_some(parts.len() + 1)
}

/// Whether a paragraph ends a sentence (so the next one is not its continuation).
fn ends_sentence(p: &str) -> bool {
    let t = p.trim_end_matches(['”', '"', ')', '*', '’']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Whether a line starts a paragraph of its own inside a run of lines.
fn starts_block(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("+ ")
        || line.starts_with('|')
        || heading_level(line).is_some()
        || footnote_def(line).is_some()
        || line.starts_with("Điều ")
}

/// The body: paragraphs, headings, Kính gửi and căn cứ lines, footnotes taken out and put at
/// their markers, paragraphs split by page breaks joined again.
pub(super) fn body(f: &mut Found, lines: &[(usize, &str)]) {
    // Paragraphs with the line they start on.
    let mut paras: Vec<(usize, String)> = vec![];
    let mut open = false;
    for &(n, line) in lines {
        let l = line.trim();
        if l.is_empty() {
            open = false;
        } else if open && l.starts_with('|') && paras.last().is_some_and(|(_, p)| p.starts_with('|')) {
            // A Markdown table keeps its rows.
            let last = &mut paras.last_mut().expect("open").1;
            last.push('\n');
            last.push_str(l);
        } else if open && !starts_block(l) && !paras.last().is_some_and(|(_, p)| p.starts_with('|')) {
            let last = &mut paras.last_mut().expect("open").1;
            last.push(' ');
            last.push_str(l);
        } else {
            paras.push((n, l.to_owned()));
            open = true;
        }
    }
    let mut flow: Vec<(usize, String)> = vec![];
    let mut addressees = false;
    let item = |s: &str| s.trim().trim_end_matches(['.', ';', ',']).to_owned();
    for (n, p) in paras {
        let listed = addressees && p.starts_with("- ");
        addressees = listed;
        if let Some((k, text)) = footnote_def(&p) {
            f.footnotes.push((k, text.to_owned()));
        } else if let Some(rest) = p.strip_prefix("Kính gửi:").or_else(|| p.strip_prefix("Kính trình:"))
        {
            // One addressee on the label's line, or a list of `- …` lines under it.
            if rest.trim().is_empty() {
                addressees = true;
            } else {
                f.kinh_gui.push(item(rest));
            }
        } else if listed {
            f.kinh_gui.push(item(&p[2..]));
        } else if capitals(&p) && flow.is_empty() && f.can_cu.is_empty() && heading_level(&p).is_none() {
            f.guess(n, format!("coi `{p}` là dòng thẩm quyền ban hành"), "kiểm tra `tham_quyen_ban_hanh`");
            f.tham_quyen_ban_hanh = Some(p);
        } else if p.starts_with("Căn cứ") || p.starts_with("Theo đề nghị") {
            f.can_cu.push(p.trim_end_matches(['.', ';', ',']).to_owned());
        } else if p == "QUYẾT ĐỊNH:" {
            // The decision line: the ruleset's type gives it.
        } else {
            flow.push((n, p));
        }
    }
    let mut joined: Vec<(usize, String)> = vec![];
    for (n, p) in flow {
        let continues = joined.last().is_some_and(|(_, prev): &(usize, String)| {
            heading_level(prev).is_none()
                && !ends_sentence(prev)
                && !starts_block(&p)
                && !prev.starts_with('|')
        });
        if continues {
            f.guess(n, "nối đoạn bị ngắt trang với đoạn trước", "kiểm tra chỗ nối trong văn bản nhập");
            let prev = &mut joined.last_mut().expect("continues").1;
            prev.push(' ');
            prev.push_str(&p);
        } else {
            joined.push((n, p));
        }
    }
    let known = f.footnotes.clone();
    for (_, p) in joined {
        let p = markers(&p, &known);
        match heading_level(&p) {
            Some(level) => f.body.push(Part::Heading(level, clean(&p).to_owned())),
            None => f.body.push(Part::Para(match p.strip_prefix("Điều ") {
                Some(rest) if !p.starts_with("**") => match rest.split_once(". ") {
                    Some((num, text)) if num.chars().all(|c| c.is_ascii_digit()) => {
                        format!("**Điều {num}.** {text}")
                    }
                    _ => p.clone(),
                },
                _ => p,
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_sentences() {
        assert_eq!(heading_level("I. ƯU ĐIỂM, KẾT QUẢ"), Some(1));
        assert_eq!(heading_level("2.2.1. Công tác tư tưởng, dân vận, dân chủ"), Some(4));
        assert_eq!(heading_level("1. Chỉ đạo các cấp ủy cơ sở phối hợp."), None);
        assert!(!ends_sentence("tham mưu"));
        assert!(ends_sentence("“Dân vận khéo”."));
    }

    #[test]
    fn footnotes() {
        assert_eq!(footnote_def("¹ Chỉ thị số 09"), Some((1, "Chỉ thị số 09")));
        assert_eq!(footnote_def("[12] Xem"), Some((12, "Xem")));
        assert_eq!(markers("tư pháp¹. Và²³", &[]), "tư pháp[^1]. Và[^23]");
    }
}
