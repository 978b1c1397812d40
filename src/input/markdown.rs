//! Converts the Markdown body into the body tree (model::body), checking footnotes and images
//! and reporting problems at their line and column.

use std::collections::BTreeMap;
use std::path::Path;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag};
use unicode_normalization::UnicodeNormalization;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::image;
use crate::input::{MAX_DEPTH, MAX_FOOTNOTES, long_word, long_word_error};
use crate::model::body::{Block, Offset};

/// Where the Markdown text lies, for messages.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The text starts at this byte offset of the source file (a Markdown file's body).
    Shift(usize),
    /// The text is a string value at this offset (`noi_dung` of a data file): every message
    /// points at the value.
    Fixed(usize),
}

/// Parses a Markdown body. Images are resolved inside `dir`, the document's folder; nothing
/// outside it is read.
pub fn parse(src: &SourceFile, text: &str, origin: Origin, dir: &Path) -> Result<Vec<Block>, Diagnostics> {
    let mut b = Builder {
        src,
        dir,
        text,
        origin,
        stack: vec![Frame::new(Kind::Root, 0, text.len())],
        errors: vec![],
        defs: BTreeMap::new(),
        refs: vec![],
        code: vec![],
    };
    let opts = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            b.code.push(range.clone());
        }
        b.event(event, range);
    }
    let mut blocks = b.stack.pop().map(|f| f.children).unwrap_or_default();
    b.resolve_footnotes(&mut blocks);
    b.undefined_references();
    if blocks.is_empty() && b.errors.is_empty() {
        b.errors.push(
            Diagnostic::error("input::empty_body", "nội dung văn bản trống")
                .at(b.loc(0, 1))
                .hint("viết nội dung văn bản (Markdown) sau dòng `---` đóng phần khai báo"),
        );
    }
    if b.errors.is_empty() { Ok(blocks) } else { Err(Diagnostics(b.errors)) }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Root,
    Par,
    Heading(u8),
    Quote,
    Code,
    Html,
    List(Option<u64>),
    Item,
    FootnoteDef(String),
    Table(Vec<&'static str>),
    Head,
    Row,
    Cell,
    Strong,
    Emph,
    Strike,
    Link(String),
    Image(String),
    Other,
}

struct Frame {
    kind: Kind,
    at: usize,
    /// Length in bytes of the element's source.
    len: usize,
    /// A list's items, or a table row's cells.
    parts: Vec<Vec<Block>>,
    children: Vec<Block>,
    head: Vec<Vec<Block>>,
    rows: Vec<Vec<Vec<Block>>>,
    text: String,
}

impl Frame {
    fn new(kind: Kind, at: usize, len: usize) -> Self {
        Self {
            kind,
            at,
            len,
            parts: vec![],
            children: vec![],
            head: vec![],
            rows: vec![],
            text: String::new(),
        }
    }
}

struct Builder<'a> {
    src: &'a SourceFile,
    dir: &'a Path,
    /// The Markdown text.
    text: &'a str,
    origin: Origin,
    stack: Vec<Frame>,
    errors: Vec<Diagnostic>,
    /// Footnote definitions: label → (text, offset, used).
    defs: BTreeMap<String, (Vec<Block>, usize, bool)>,
    /// Footnote references in document order: label and offset.
    refs: Vec<(String, usize)>,
    /// Code spans and blocks, where `[^x]` is not a reference.
    code: Vec<std::ops::Range<usize>>,
}

impl Builder<'_> {
    /// The byte offset in the source file of one in the Markdown text.
    fn offset(&self, at: usize) -> usize {
        match self.origin {
            Origin::Shift(base) => base + at,
            Origin::Fixed(at) => at,
        }
    }

    /// The location of a byte offset in the Markdown text.
    fn loc(&self, at: usize, width: usize) -> crate::diag::Location {
        match self.origin {
            Origin::Shift(base) => self.src.location(base + at, width),
            Origin::Fixed(at) => self.src.location(at, 1),
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("the root frame stays on the stack")
    }

    fn push(&mut self, b: Block) {
        let top = self.top();
        if matches!(top.kind, Kind::Code | Kind::Html) {
            if let Block::Text { t } = b {
                top.text.push_str(&t);
            }
        } else {
            top.children.push(b);
        }
    }

    fn text(&mut self, t: &str) {
        self.push(Block::Text { t: t.nfc().collect() });
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let at = range.start;
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Paragraph => Kind::Par,
                    Tag::Heading { level, .. } => Kind::Heading(level as u8),
                    Tag::BlockQuote(_) => Kind::Quote,
                    Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => Kind::Code,
                    Tag::HtmlBlock => Kind::Html,
                    Tag::List(start) => Kind::List(start),
                    Tag::Item => Kind::Item,
                    Tag::FootnoteDefinition(label) => Kind::FootnoteDef(label.to_string()),
                    Tag::Table(aligns) => Kind::Table(aligns.iter().map(align).collect()),
                    Tag::TableHead => Kind::Head,
                    Tag::TableRow => Kind::Row,
                    Tag::TableCell => Kind::Cell,
                    Tag::Emphasis => Kind::Emph,
                    Tag::Strong => Kind::Strong,
                    Tag::Strikethrough => Kind::Strike,
                    Tag::Link { dest_url, .. } => Kind::Link(dest_url.to_string()),
                    Tag::Image { dest_url, .. } => Kind::Image(dest_url.to_string()),
                    _ => Kind::Other,
                };
                if self.stack.len() == MAX_DEPTH {
                    self.errors.push(
                        Diagnostic::error(
                            "input::too_deep",
                            format!(
                                "nội dung lồng nhau quá {MAX_DEPTH} cấp (danh sách, trích dẫn, định dạng)"
                            ),
                        )
                        .at(self.loc(at, 1))
                        .hint("bớt các cấp danh sách hoặc dấu `>` lồng nhau"),
                    );
                }
                self.stack.push(Frame::new(kind, at, range.len()));
            }
            Event::End(_) => {
                let frame = self.stack.pop().expect("pulldown-cmark balances start and end");
                self.end(frame);
            }
            Event::Text(t) | Event::Code(t) if let Some(i) = long_word(&t) => {
                self.errors.push(long_word_error(self.loc(at + i, 1)));
            }
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push(Block::Code { t: t.nfc().collect() }),
            // HTML is not interpreted: it prints as the characters written.
            Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t)
            }
            Event::FootnoteReference(label) => {
                if self.stack.iter().any(|f| matches!(f.kind, Kind::FootnoteDef(_))) {
                    self.text(&format!("[^{label}]"));
                } else {
                    self.refs.push((label.to_string(), at));
                    self.push(Block::Footnote { c: vec![] });
                }
            }
            Event::SoftBreak => self.push(Block::Soft),
            Event::HardBreak => self.push(Block::Br),
            Event::Rule => self.push(Block::Rule),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    /// Closes the element `f`: its block joins the element above, or its content becomes a part
    /// of it (a list's item, a table's cell or row) or a footnote's text.
    fn end(&mut self, mut f: Frame) {
        let c = std::mem::take(&mut f.children);
        let block = match f.kind {
            Kind::Root | Kind::Other => {
                c.into_iter().for_each(|b| self.push(b));
                None
            }
            Kind::Par | Kind::Html if c.is_empty() && f.text.trim().is_empty() => None,
            Kind::Par => Some(match c.as_slice() {
                [Block::Image { .. }] => c.into_iter().next().expect("one image"),
                _ => Block::Par { c },
            }),
            Kind::Html => Some(Block::Par { c: vec![Block::Text { t: f.text.trim_end().nfc().collect() }] }),
            Kind::Heading(level) => self.heading(level, c, f.at),
            Kind::Quote => Some(Block::Quote { c }),
            Kind::Code => Some(Block::Codeblock { t: f.text.trim_end_matches('\n').nfc().collect() }),
            Kind::List(start) => {
                Some(Block::List { ordered: start.is_some(), start: start.unwrap_or(1), items: f.parts })
            }
            // List items and table cells are parts of the frame above, not blocks of their own.
            Kind::Item => {
                self.top().parts.push(wrap_inlines(c));
                None
            }
            Kind::Cell => {
                self.top().parts.push(c);
                None
            }
            Kind::FootnoteDef(label) => {
                self.footnote_definition(label, c, f.at);
                None
            }
            Kind::Head => {
                self.top().head = f.parts;
                None
            }
            Kind::Row => {
                self.top().rows.push(f.parts);
                None
            }
            Kind::Table(align) => {
                let n = align.len();
                let mut rows = f.rows;
                rows.iter_mut().for_each(|r| r.resize(n, vec![]));
                let mut head = f.head;
                head.resize(n, vec![]);
                Some(Block::Table { align, head, rows })
            }
            Kind::Strong => Some(Block::Strong { c }),
            Kind::Emph => Some(Block::Emph { c }),
            Kind::Strike => Some(Block::Strike { c }),
            Kind::Link(url) if url.trim().is_empty() => {
                let at = self.loc(f.at, self.src_chars(f.at, f.len));
                self.errors.push(
                    Diagnostic::error("input::empty_link", "liên kết không có địa chỉ: `(…)` để trống")
                        .at(at)
                        .hint("ghi địa chỉ trong dấu ngoặc `(…)`, hoặc bỏ `[` `]` để giữ chữ thường"),
                );
                None
            }
            Kind::Link(url) => Some(Block::Link { url, c }),
            Kind::Image(url) => self.image(&url, &c, f.at, f.len),
        };
        if let Some(block) = block {
            self.push(block);
        }
    }

    /// The heading of `level` with content `c` whose `#` marks start at `at`, or `None` with the
    /// error that it is empty.
    fn heading(&mut self, level: u8, c: Vec<Block>, at: usize) -> Option<Block> {
        if c.iter().all(|b| matches!(b, Block::Soft | Block::Br)) {
            self.errors.push(
                Diagnostic::error("input::empty_heading", "đề mục trống: dòng chỉ có dấu `#`")
                    .at(self.loc(at, 1))
                    .hint("viết tên đề mục sau dấu `#` và một dấu cách, hoặc xóa dòng"),
            );
            return None;
        }
        // At the text, past an ATX heading's `#` marks.
        let marks = self.text[at..].trim_start_matches('#').trim_start_matches([' ', '\t']);
        let at = Offset(self.offset(self.text.len() - marks.len()));
        Some(Block::Heading { level, c, at })
    }

    /// Records the text `c` of footnote `label`, defined at `at`; a label defined twice is
    /// reported, the later text kept.
    fn footnote_definition(&mut self, label: String, c: Vec<Block>, at: usize) {
        if self.defs.contains_key(&label) {
            self.errors.push(
                Diagnostic::error(
                    "input::footnote_duplicate",
                    format!("chú thích `[^{label}]` được định nghĩa hai lần"),
                )
                .at(self.loc(at, label.chars().count() + 3))
                .hint("đổi nhãn của một trong hai chú thích"),
            );
        }
        self.defs.insert(label, (wrap_inlines(c), at, false));
    }

    /// The image `url` with the alt text `c`, its source `len` bytes from `at`: resolved inside
    /// the document's folder, or `None` with why it can't be used.
    fn image(&mut self, url: &str, c: &[Block], at: usize, len: usize) -> Option<Block> {
        let mut alt = String::new();
        c.iter().for_each(|b| b.plain_text(&mut alt));
        match image::resolve(url, self.dir) {
            Ok(src) => Some(Block::Image { src: src?, alt: alt.trim().to_owned() }),
            Err(refused) => {
                self.errors.push(refused.at(self.loc(at, self.src_chars(at, len))));
                None
            }
        }
    }

    /// The number of characters in `len` bytes of Markdown from `at`.
    fn src_chars(&self, at: usize, len: usize) -> usize {
        self.text.get(at..at + len).map_or(1, |t| t.chars().count())
    }

    /// Reports `[^label]` left as text: Markdown keeps a reference to an undefined footnote
    /// as the characters written.
    fn undefined_references(&mut self) {
        let text = self.text;
        let mut from = 0;
        while let Some(i) = text[from..].find("[^").map(|i| from + i) {
            from = i + 2;
            let Some(len) = text[from..].find(']') else { break };
            let label = &text[from..from + len];
            if label.is_empty()
                || label.contains(char::is_whitespace)
                || self.code.iter().any(|r| r.contains(&i))
            {
                continue;
            }
            if !self.defs.contains_key(label) {
                self.undefined(label, i);
            }
        }
    }

    fn undefined(&mut self, label: &str, at: usize) {
        self.errors.push(
            Diagnostic::error(
                "input::footnote_undefined",
                format!("chú thích `[^{label}]` chưa có nội dung"),
            )
            .at(self.loc(at, label.chars().count() + 3))
            .hint(format!("thêm ở cuối văn bản một dòng `[^{label}]: nội dung chú thích`")),
        );
    }

    /// Puts each footnote's text at its marker; reports undefined and unused footnotes, and
    /// more of them than [`MAX_FOOTNOTES`].
    fn resolve_footnotes(&mut self, blocks: &mut [Block]) {
        if let Some((_, at)) = self.refs.get(MAX_FOOTNOTES) {
            self.errors.push(
                Diagnostic::error(
                    "input::too_many_footnotes",
                    format!("văn bản có {} chú thích, quá giới hạn {MAX_FOOTNOTES}", self.refs.len()),
                )
                .at(self.loc(*at, 1))
                .hint("gộp các chú thích, hoặc đưa phần dẫn chứng thành phụ lục"),
            );
            return;
        }
        let mut refs = std::mem::take(&mut self.refs).into_iter();
        fill(blocks, &mut |slot| {
            let (label, at) = refs.next().expect("one reference per placeholder");
            match self.defs.get_mut(&label) {
                Some((text, _, used)) => {
                    *used = true;
                    slot.clone_from(text);
                }
                None => self.errors.push(
                    Diagnostic::error(
                        "input::footnote_undefined",
                        format!("chú thích `[^{label}]` chưa có nội dung"),
                    )
                    .at(self.loc(at, label.chars().count() + 3))
                    .hint(format!("thêm ở cuối văn bản một dòng `[^{label}]: nội dung chú thích`")),
                ),
            }
        });
        for (label, (_, at, used)) in &self.defs {
            if !used {
                self.errors.push(
                    Diagnostic::error(
                        "input::footnote_unused",
                        format!("chú thích `[^{label}]` có nội dung nhưng không được dẫn ở đâu"),
                    )
                    .at(self.loc(*at, label.chars().count() + 3))
                    .hint(format!("đặt `[^{label}]` ngay sau chữ cần chú thích, hoặc xóa định nghĩa này")),
                );
            }
        }
    }
}

/// Calls `f` on every empty footnote placeholder, in document order.
fn fill(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Block>)) {
    for b in blocks {
        match b {
            Block::Footnote { c } if c.is_empty() => f(c),
            Block::Strong { c }
            | Block::Emph { c }
            | Block::Strike { c }
            | Block::Link { c, .. }
            | Block::Quote { c }
            | Block::Par { c }
            | Block::Heading { c, .. }
            | Block::Footnote { c } => fill(c, f),
            Block::List { items, .. } => items.iter_mut().for_each(|i| fill(i, f)),
            Block::Table { head, rows, .. } => {
                head.iter_mut().chain(rows.iter_mut().flatten()).for_each(|c| fill(c, f));
            }
            _ => {}
        }
    }
}

/// Wraps runs of inline nodes (tight list items, footnote text) into paragraphs.
fn wrap_inlines(nodes: Vec<Block>) -> Vec<Block> {
    let mut out = vec![];
    let mut run = vec![];
    for n in nodes {
        if is_inline(&n) {
            run.push(n);
        } else {
            if !run.is_empty() {
                out.push(Block::Par { c: std::mem::take(&mut run) });
            }
            out.push(n);
        }
    }
    if !run.is_empty() {
        out.push(Block::Par { c: run });
    }
    out
}

fn is_inline(b: &Block) -> bool {
    matches!(
        b,
        Block::Text { .. }
            | Block::Soft
            | Block::Br
            | Block::Strong { .. }
            | Block::Emph { .. }
            | Block::Strike { .. }
            | Block::Code { .. }
            | Block::Link { .. }
            | Block::Footnote { .. }
    )
}

fn align(a: &Alignment) -> &'static str {
    match a {
        Alignment::Center => "center",
        Alignment::Right => "right",
        Alignment::Left | Alignment::None => "left",
    }
}
