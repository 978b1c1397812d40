//! The document body as data: the tree that layouts/body.typ renders. User text only ever
//! appears in string fields, never as Typst source.

use serde::Serialize;

/// A byte offset in the source file, kept for messages: where a text stands is not what it
/// says, so any two offsets compare equal (the same body read from two files is the same).
#[derive(Debug, Clone, Copy, Default)]
pub struct Offset(pub usize);

impl PartialEq for Offset {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A node of the body: block or inline. Serialized with a `k` tag the layout dispatches on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "k", rename_all = "lowercase")]
pub enum Block {
    /// Literal text.
    Text {
        /// The characters, exactly as written.
        t: String,
    },
    /// A soft line break (a space).
    Soft,
    /// A hard line break.
    Br,
    /// Bold.
    Strong {
        /// Content.
        c: Vec<Block>,
    },
    /// Italic.
    Emph {
        /// Content.
        c: Vec<Block>,
    },
    /// Struck through.
    Strike {
        /// Content.
        c: Vec<Block>,
    },
    /// Inline code, set as written.
    Code {
        /// The characters.
        t: String,
    },
    /// A hyperlink.
    Link {
        /// Target address.
        url: String,
        /// Content.
        c: Vec<Block>,
    },
    /// A footnote, with its text, at the place of its marker.
    #[serde(rename = "fn")]
    Footnote {
        /// Footnote text.
        c: Vec<Block>,
    },
    /// An image from the document's folder.
    Image {
        /// Path from the document's folder, starting with `/`.
        src: String,
        /// Alternative text.
        alt: String,
    },
    /// A paragraph.
    Par {
        /// Content.
        c: Vec<Block>,
    },
    /// A heading with the author's own numbering in its text.
    Heading {
        /// Level, from 1.
        level: u8,
        /// Content.
        c: Vec<Block>,
        /// Where the heading's text stands in the source file, for messages.
        #[serde(skip)]
        at: Offset,
    },
    /// A list; each item is a list of blocks.
    List {
        /// Numbered or dashed.
        ordered: bool,
        /// First number of a numbered list.
        start: u64,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A block quotation.
    Quote {
        /// Content.
        c: Vec<Block>,
    },
    /// A code block, set as written.
    Codeblock {
        /// The characters.
        t: String,
    },
    /// A thematic break.
    Rule,
    /// A table.
    Table {
        /// Column alignments: `left`, `center`, `right`.
        align: Vec<&'static str>,
        /// Header cells.
        head: Vec<Vec<Block>>,
        /// Body rows, each as many cells as columns.
        rows: Vec<Vec<Vec<Block>>>,
    },
}

impl Block {
    /// Calls `f` on this block and on every block inside it, parents first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Block)) {
        f(self);
        match self {
            Block::Strong { c }
            | Block::Emph { c }
            | Block::Strike { c }
            | Block::Link { c, .. }
            | Block::Footnote { c, .. }
            | Block::Quote { c }
            | Block::Par { c }
            | Block::Heading { c, .. } => c.iter().for_each(|b| b.walk(f)),
            Block::List { items, .. } => items.iter().flatten().for_each(|b| b.walk(f)),
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).flatten().for_each(|b| b.walk(f))
            }
            Block::Text { .. }
            | Block::Code { .. }
            | Block::Codeblock { .. }
            | Block::Soft
            | Block::Br
            | Block::Rule
            | Block::Image { .. } => {}
        }
    }

    /// The plain text of this node and its children, footnotes left out.
    pub fn plain_text(&self, out: &mut String) {
        match self {
            Block::Text { t } | Block::Code { t } | Block::Codeblock { t } => out.push_str(t),
            Block::Soft | Block::Br => out.push(' '),
            Block::Footnote { .. } | Block::Image { .. } | Block::Rule => {}
            Block::Strong { c }
            | Block::Emph { c }
            | Block::Strike { c }
            | Block::Link { c, .. }
            | Block::Quote { c } => c.iter().for_each(|b| b.plain_text(out)),
            Block::Par { c } | Block::Heading { c, .. } => {
                c.iter().for_each(|b| b.plain_text(out));
                out.push('\n');
            }
            Block::List { items, .. } => items.iter().flatten().for_each(|b| b.plain_text(out)),
            // Cells apart by a space, rows by a line.
            Block::Table { head, rows, .. } => {
                for row in std::iter::once(head).chain(rows) {
                    for cell in row {
                        cell.iter().for_each(|b| b.plain_text(out));
                        out.push(' ');
                    }
                    out.push('\n');
                }
            }
        }
    }
}
