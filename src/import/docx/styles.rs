//! The styles part (`word/styles.xml`): the bold, italic and capitals a run takes from its
//! character and paragraph styles, the numbering a paragraph style carries, the default font.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::{attr, child, font_of, is, val};

/// How far a `basedOn` chain is followed (Word's are a few long; a loop stops here).
const MAX_CHAIN: usize = 16;

/// The toggles a set of run properties sets (`None`: left to the style).
#[derive(Debug, Clone, Copy, Default)]
struct Toggles {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
}

/// A run's formatting, resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Format {
    pub bold: bool,
    pub italic: bool,
    /// Set in capitals by the font (`w:caps`), whatever the letters typed.
    pub caps: bool,
}

/// A numbering reference (`w:numPr`): the list and the level, either possibly left out.
#[derive(Debug, Clone, Default)]
pub(super) struct NumRef {
    pub id: Option<String>,
    pub level: Option<usize>,
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    toggles: Toggles,
    num: Option<NumRef>,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    defaults: Toggles,
    /// The font of runs that name none.
    pub default_font: Option<String>,
}

impl Toggles {
    /// The toggles of a `w:rPr`.
    fn of(props: Option<Node>) -> Self {
        let toggle = |name: &str| {
            let t = props.and_then(|p| child(p, name))?;
            Some(!matches!(attr(&t, "val"), Some("0" | "false" | "off" | "none")))
        };
        Self { bold: toggle("b"), italic: toggle("i"), caps: toggle("caps") }
    }

    /// These toggles, with what they leave unset taken from `under`.
    fn over(self, under: Toggles) -> Self {
        Self {
            bold: self.bold.or(under.bold),
            italic: self.italic.or(under.italic),
            caps: self.caps.or(under.caps),
        }
    }
}

/// A `w:numPr`.
pub(super) fn num_ref(num: Node) -> NumRef {
    NumRef { id: val(num, "numId").map(str::to_owned), level: val(num, "ilvl").and_then(|l| l.parse().ok()) }
}

impl Styles {
    /// The styles of `word/styles.xml`, if the file has one.
    pub fn read(doc: Option<&Document>) -> Self {
        let Some(doc) = doc else { return Self::default() };
        let defaults = doc.descendants().find(|n| is(n, "rPrDefault"));
        let mut out = Self {
            defaults: Toggles::of(defaults.and_then(|d| child(d, "rPr"))),
            default_font: defaults.and_then(|d| d.descendants().find(|n| is(n, "rFonts"))).and_then(font_of),
            ..Self::default()
        };
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = attr(&s, "styleId") else { continue };
            let style = Style {
                based_on: val(s, "basedOn").map(str::to_owned),
                toggles: Toggles::of(child(s, "rPr")),
                num: child(s, "pPr").and_then(|p| child(p, "numPr")).map(num_ref),
            };
            out.styles.insert(id.to_owned(), style);
        }
        out
    }

    /// The style `id` and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> {
        std::iter::successors(id.and_then(|id| self.styles.get(id)), |s| {
            s.based_on.as_deref().and_then(|b| self.styles.get(b))
        })
        .take(MAX_CHAIN)
    }

    /// The toggles a style sets, with those of the styles it is based on.
    fn toggles(&self, id: Option<&str>) -> Toggles {
        self.chain(id).fold(Toggles::default(), |t, s| t.over(s.toggles))
    }

    /// A run's formatting: its own properties, over its character style, over its
    /// paragraph's style, over the document's defaults.
    pub fn format(&self, props: Option<Node>, para_style: Option<&str>) -> Format {
        let char_style = props.and_then(|p| val(p, "rStyle"));
        let t = Toggles::of(props)
            .over(self.toggles(char_style))
            .over(self.toggles(para_style))
            .over(self.defaults);
        Format {
            bold: t.bold.unwrap_or(false),
            italic: t.italic.unwrap_or(false),
            caps: t.caps.unwrap_or(false),
        }
    }

    /// The numbering a paragraph style gives, through the styles it is based on.
    pub fn numbering(&self, id: &str) -> Option<NumRef> {
        self.chain(Some(id)).find_map(|s| s.num.clone())
    }
}
