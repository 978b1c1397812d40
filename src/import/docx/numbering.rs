//! Word's automatic numbering (`word/numbering.xml`) written out as text: a numbered
//! paragraph gets the label Word shows before it (`1.`, `a)`, `1.2.`, `-` for a bullet).
//! A paragraph names a list (`w:numId`, directly or through its style) and a level
//! (`w:ilvl`); the list names an abstract numbering whose levels give the format, the label
//! text (`%1.%2.`) and the start. Each list counts on its own; a level resets those below it.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::styles::{Styles, num_ref};
use super::{attr, child, is, val};

/// The levels Word has (0 to 8).
const LEVELS: usize = 9;

/// One level of a list.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    /// `decimal`, `lowerLetter`, `upperRoman`, `bullet`, `none`, …
    format: String,
    /// The label with `%1`…`%9` for the levels' numbers.
    text: String,
    /// Every level's number in decimal (`w:isLgl`).
    legal: bool,
    /// The paragraph style this level is tied to.
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    /// A list defined by a numbering style (`w:numStyleLink`): the style's definition holds the levels.
    link: Option<String>,
}

#[derive(Debug, Default)]
struct List {
    abstract_id: String,
    /// Levels replaced or restarted for this list (`w:lvlOverride`).
    overrides: Vec<(usize, Option<u32>, Option<Level>)>,
}

/// The document's lists and how far each has counted.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    lists: HashMap<String, List>,
    /// The abstract numbering that defines a numbering style (for `numStyleLink`).
    style_lists: HashMap<String, String>,
    /// Each list's counters, by level (`None`: not started or reset).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// A `w:lvl`.
fn level(l: Node) -> Option<(usize, Level)> {
    let at: usize = attr(&l, "ilvl")?.parse().ok().filter(|&i| i < LEVELS)?;
    let level = Level {
        start: val(l, "start").and_then(|s| s.parse().ok()).unwrap_or(1),
        format: val(l, "numFmt").unwrap_or("decimal").to_owned(),
        text: val(l, "lvlText").unwrap_or_default().to_owned(),
        legal: child(l, "isLgl").is_some(),
        style: val(l, "pStyle").map(str::to_owned),
    };
    Some((at, level))
}

impl Numbering {
    /// The lists of `word/numbering.xml`, if the file has one.
    pub fn read(doc: Option<&Document>) -> Self {
        let Some(doc) = doc else { return Self::default() };
        let mut out = Self::default();
        for n in doc.root_element().children().filter(Node::is_element) {
            if is(&n, "abstractNum") {
                let Some(id) = attr(&n, "abstractNumId") else { continue };
                let mut a =
                    Abstract { levels: vec![None; LEVELS], link: val(n, "numStyleLink").map(str::to_owned) };
                for (at, l) in n.children().filter(|c| is(c, "lvl")).filter_map(level) {
                    a.levels[at] = Some(l);
                }
                if let Some(style) = val(n, "styleLink") {
                    out.style_lists.insert(style.to_owned(), id.to_owned());
                }
                out.abstracts.insert(id.to_owned(), a);
            } else if is(&n, "num") {
                let (Some(id), Some(abstract_id)) = (attr(&n, "numId"), val(n, "abstractNumId")) else {
                    continue;
                };
                let overrides = n
                    .children()
                    .filter(|c| is(c, "lvlOverride"))
                    .filter_map(|o| {
                        let at: usize = attr(&o, "ilvl")?.parse().ok().filter(|&i| i < LEVELS)?;
                        let start = val(o, "startOverride").and_then(|s| s.parse().ok());
                        Some((at, start, child(o, "lvl").and_then(level).map(|l| l.1)))
                    })
                    .collect();
                out.lists.insert(id.to_owned(), List { abstract_id: abstract_id.to_owned(), overrides });
            }
        }
        out
    }

    /// The levels of a list: its abstract numbering's (or those of the numbering style it
    /// links to), with the list's overrides.
    fn levels(&self, list: &str) -> Option<Vec<Option<Level>>> {
        let l = self.lists.get(list)?;
        let mut a = self.abstracts.get(&l.abstract_id)?;
        if let Some(linked) = a.link.as_ref().and_then(|s| self.style_lists.get(s)) {
            a = self.abstracts.get(linked).unwrap_or(a);
        }
        let mut levels = a.levels.clone();
        for (at, start, replaced) in &l.overrides {
            if let Some(r) = replaced {
                levels[*at] = Some(r.clone());
            }
            if let (Some(s), Some(level)) = (start, levels[*at].as_mut()) {
                level.start = *s;
            }
        }
        Some(levels)
    }

    /// The label of a paragraph with properties `props` and style `style`, counted; `None`
    /// when it is not numbered.
    pub fn label(&mut self, props: Option<Node>, style: Option<&str>, styles: &Styles) -> Option<String> {
        let direct = props.and_then(|p| child(p, "numPr")).map(num_ref).unwrap_or_default();
        let from_style = style.and_then(|s| styles.numbering(s)).unwrap_or_default();
        let list = direct.id.or(from_style.id).filter(|id| id != "0")?;
        let levels = self.levels(&list)?;
        let at = direct.level.or(from_style.level).or_else(|| {
            levels
                .iter()
                .position(|l| l.as_ref().is_some_and(|l| l.style.as_deref() == style && style.is_some()))
        });
        let at = at.unwrap_or(0).min(LEVELS - 1);
        let level = levels[at].as_ref()?;
        let counters = self.counters.entry(list).or_insert([None; LEVELS]);
        counters[at] = Some(counters[at].map_or(level.start, |n| n.saturating_add(1)));
        for c in &mut counters[at + 1..] {
            *c = None;
        }
        match level.format.as_str() {
            "none" => return None,
            "bullet" => return Some(if level.text.trim() == "+" { "+" } else { "-" }.to_owned()),
            _ => {}
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=LEVELS as u32).contains(d));
            match (c, k) {
                ('%', Some(k)) => {
                    chars.next();
                    let k = k as usize - 1;
                    let of = levels[k].as_ref();
                    let n = counters[k].or(of.map(|l| l.start)).unwrap_or(1);
                    let format = if level.legal { "decimal" } else { of.map_or("decimal", |l| &l.format) };
                    label.push_str(&number(n, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(label)
    }
}

/// A number in a level's format.
fn number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Word's letters: A … Z, then AA … ZZ, AAA …; past a few rounds, the number itself.
fn letters(n: u32) -> String {
    if n == 0 || n > 26 * 4 {
        return n.to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    letter.to_string().repeat((n as usize - 1) / 26 + 1)
}

/// Roman numerals up to 3999; beyond, the number itself.
fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 { n.to_string() } else { crate::rules::numbering::roman(n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_format() {
        assert_eq!(
            [
                (4, "decimal"),
                (3, "lowerLetter"),
                (28, "upperLetter"),
                (14, "lowerRoman"),
                (1994, "upperRoman")
            ]
            .map(|(n, f)| number(n, f)),
            ["4", "c", "BB", "xiv", "MCMXCIV"]
        );
        assert_eq!((number(7, "decimalZero"), number(0, "upperRoman")), ("07".to_owned(), "0".to_owned()));
    }
}
