//! Fidelity: the text extracted from the produced PDF (poppler's pdftotext) holds every
//! paragraph and every footnote of the example, in order, in NFC, with no markup characters.

mod common;

use std::path::Path;

use common::{EXAMPLE, EXAMPLE_RENDERED, Word, pdf_words, pt};
use unicode_normalization::UnicodeNormalization;
use vanban::model::body::Block;

/// Text of inline nodes; footnote markers left out (they are superscripts).
fn inline(nodes: &[Block], out: &mut String, notes: &mut Vec<String>) {
    for n in nodes {
        match n {
            Block::Text { t } | Block::Code { t } => out.push_str(t),
            Block::Soft | Block::Br => out.push(' '),
            Block::Strong { c } | Block::Emph { c } | Block::Strike { c } | Block::Link { c, .. } => {
                inline(c, out, notes)
            }
            Block::Footnote { c } => {
                let mut note = String::new();
                blocks(c, &mut note, notes);
                notes.push(note);
            }
            other => panic!("unexpected inline node {other:?}"),
        }
    }
}

/// Text of blocks as printed: list items with their dash or number.
fn blocks(nodes: &[Block], out: &mut String, notes: &mut Vec<String>) {
    for n in nodes {
        match n {
            Block::Par { c } | Block::Heading { c, .. } => inline(c, out, notes),
            Block::List { ordered, start, items } => {
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&if *ordered {
                        format!("{}. ", *start as usize + i)
                    } else {
                        "- ".to_owned()
                    });
                    blocks(item, out, notes);
                }
            }
            other => panic!("unexpected block {other:?}"),
        }
        out.push(' ');
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Index of the first difference, with context, for a readable failure.
fn first_difference(a: &str, b: &str) -> Option<String> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let i =
        a.iter().zip(&b).position(|(x, y)| x != y).or((a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let ctx = |v: &[char]| v[i.saturating_sub(40)..(i + 40).min(v.len())].iter().collect::<String>();
    Some(format!("at char {i}:\n pdf:      {}\n expected: {}", ctx(&a), ctx(&b)))
}

fn is_size(w: &Word, size: f64) -> bool {
    (w.size() - size).abs() < 0.5
}

#[test]
fn every_paragraph_and_footnote_in_order() {
    let doc = vanban::input::load(Path::new(EXAMPLE)).unwrap().document;
    let (mut body, mut notes) = (String::new(), vec![]);
    blocks(&doc.body, &mut body, &mut notes);
    assert_eq!(notes.len(), 5, "five footnotes in the example");

    let words = pdf_words(&EXAMPLE_RENDERED.0.pdf);
    let last = words.iter().map(|w| w.page).max().unwrap();
    let start = words.iter().find(|w| w.text == "-----").expect("separator under the summary");
    let closing = words.iter().find(|w| w.page == last && w.text == "Nơi").expect("Nơi nhận");
    let in_body = |w: &&Word| {
        w.y_top > pt(20.0)
            && (w.page > 1 || w.y_top > start.y_bottom)
            && (w.page < last || w.y_bottom < closing.y_top)
    };
    let pdf_body: String =
        words.iter().filter(in_body).filter(|w| is_size(w, 14.0)).map(|w| w.text.as_str()).collect();
    let pdf_notes: String =
        words.iter().filter(in_body).filter(|w| is_size(w, 12.0)).map(|w| w.text.as_str()).collect();

    if let Some(d) = first_difference(&pdf_body, &squash(&body)) {
        panic!("body text differs {d}");
    }
    if let Some(d) = first_difference(&pdf_notes, &squash(&notes.concat())) {
        panic!("footnote text differs {d}");
    }
}

#[test]
fn extracted_text_is_nfc_without_markup() {
    let words = pdf_words(&EXAMPLE_RENDERED.0.pdf);
    let text: String = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(text.chars().eq(text.nfc()), "PDF text is NFC");
    for w in &words {
        // The header's star is the only asterisk the layout prints.
        if w.text == "*" {
            continue;
        }
        for mark in ["*", "#", "[^", "](", "`", "_", "\\"] {
            assert!(!w.text.contains(mark), "markup `{mark}` printed on page {}: {:?}", w.page, w.text);
        }
    }
    assert_eq!(words.iter().filter(|w| w.text == "*").count(), 1);
}
