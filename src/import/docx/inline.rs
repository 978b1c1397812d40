//! A paragraph's content: runs with their formatting, tabs and line breaks, footnote
//! references, text boxes, images; written as lines of the text form's inline Markdown.

use roxmltree::Node;

use super::styles::Format;
use super::{Block, MAX_DEPTH, Reader, attr, child, font_of, is, val};
use crate::import::text::Note;
use crate::import::text::markup::escape;

/// Markup compatibility: a shape and its older form side by side (`mc:AlternateContent`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Office Math.
const MATH: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

/// A piece of a paragraph.
pub(super) enum Piece {
    /// Text as typed, with its formatting.
    Text(String, Format),
    /// Markup the reader writes (a footnote marker), not escaped.
    Mark(String),
    /// A tab: the cell separator.
    Tab,
    /// A line break.
    Break,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// A paragraph: its lines, then the blocks of the text boxes anchored in it.
    pub(super) fn paragraph(&mut self, p: Node<'a, 'i>) -> Vec<Block> {
        self.para += 1;
        let para = self.para;
        let props = child(p, "pPr");
        let style = props.and_then(|pp| val(pp, "pStyle"));
        let mut pieces = vec![];
        if let Some(label) = self.numbering.label(props, style, &self.styles) {
            pieces.push(Piece::Text(format!("{label} "), Format::default()));
        }
        let mut boxes = vec![];
        self.inline(p, style, &mut pieces, &mut boxes);
        let mut blocks = vec![Block::Para(lines(&pieces), para)];
        blocks.append(&mut boxes);
        blocks
    }

    /// The pieces of an inline container (a paragraph, a hyperlink, an insertion, …).
    /// Deleted and moved-away text is not read.
    fn inline(&mut self, n: Node<'a, 'i>, style: Option<&str>, out: &mut Vec<Piece>, boxes: &mut Vec<Block>) {
        for c in n.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            match c.tag_name().namespace() {
                Some(super::W) => match name {
                    "r" => self.run(c, style, out, boxes),
                    "hyperlink" | "ins" | "moveTo" | "smartTag" | "customXml" | "fldSimple" | "dir"
                    | "bdo" => {
                        self.inline(c, style, out, boxes);
                    }
                    "sdt" => {
                        if let Some(content) = child(c, "sdtContent") {
                            self.inline(content, style, out, boxes);
                        }
                    }
                    _ => {}
                },
                Some(MATH) if name == "oMath" || name == "oMathPara" => {
                    let text: String = c
                        .descendants()
                        .filter(|t| t.has_tag_name((MATH, "t")))
                        .filter_map(|t| t.text())
                        .collect();
                    out.push(Piece::Text(text, Format::default()));
                }
                Some(MC) if name == "AlternateContent" => {
                    if let Some(choice) = c.children().find(|x| x.has_tag_name((MC, "Choice"))) {
                        self.inline(choice, style, out, boxes);
                    }
                }
                _ => {}
            }
        }
    }

    /// A run's pieces, with its formatting and font.
    fn run(&mut self, r: Node<'a, 'i>, style: Option<&str>, out: &mut Vec<Piece>, boxes: &mut Vec<Block>) {
        let props = child(r, "rPr");
        let format = self.styles.format(props, style);
        let font = props
            .and_then(|p| child(p, "rFonts"))
            .and_then(font_of)
            .or_else(|| self.styles.default_font.clone());
        self.run_content(r, format, font.as_deref(), out, boxes);
    }

    /// The content of a run (or of the shape Word chose in it).
    fn run_content(
        &mut self,
        r: Node<'a, 'i>,
        format: Format,
        font: Option<&str>,
        out: &mut Vec<Piece>,
        boxes: &mut Vec<Block>,
    ) {
        for c in r.children().filter(Node::is_element) {
            if c.has_tag_name((MC, "AlternateContent")) {
                if let Some(choice) = c.children().find(|x| x.has_tag_name((MC, "Choice"))) {
                    self.run_content(choice, format, font, out, boxes);
                }
                continue;
            }
            if c.tag_name().namespace() != Some(super::W) {
                continue;
            }
            match c.tag_name().name() {
                "t" => {
                    let text = self.convert(c.text().unwrap_or_default(), font);
                    let text = if format.caps { text.to_uppercase() } else { text };
                    out.push(Piece::Text(text, format));
                }
                "noBreakHyphen" => out.push(Piece::Text("-".to_owned(), format)),
                "tab" | "ptab" => out.push(Piece::Tab),
                "br" if matches!(attr(&c, "type"), Some("page" | "column")) => {
                    out.push(Piece::Text(" ".to_owned(), format));
                }
                "br" | "cr" => out.push(Piece::Break),
                "footnoteReference" if !self.in_note => {
                    self.numbered += 1;
                    let n = self.numbered;
                    self.pending.push((n, attr(&c, "id").unwrap_or_default().to_owned()));
                    out.push(Piece::Mark(format!("[{n}]")));
                }
                "drawing" | "pict" | "object" => self.drawing(c, boxes),
                _ => {}
            }
        }
    }

    /// A drawing: the text of its text boxes read as blocks, a picture or an embedded object
    /// reported; a shape alone (a rule under the header) is the layout's.
    fn drawing(&mut self, d: Node<'a, 'i>, boxes: &mut Vec<Block>) {
        let outer = |n: &Node| n.ancestors().skip(1).take_while(|a| *a != d).all(|a| !is(&a, "txbxContent"));
        let texts: Vec<Node> = d.descendants().filter(|n| is(n, "txbxContent") && outer(n)).collect();
        for t in &texts {
            if self.depth >= MAX_DEPTH {
                boxes.push(flat(*t, self.para));
                continue;
            }
            self.depth += 1;
            let blocks = self.blocks(*t);
            boxes.extend(blocks);
            self.depth -= 1;
        }
        let named = |names: &[&str]| d.descendants().any(|n| names.contains(&n.tag_name().name()));
        let what = if is(&d, "object") {
            "đối tượng nhúng (công thức, bảng tính…)"
        } else if named(&["blip", "imagedata"]) || (texts.is_empty() && !named(&SHAPES)) {
            "hình ảnh"
        } else {
            return;
        };
        self.out.notes.push(Note::guess(
            None,
            format!("{what} ở đoạn {} chưa được nhập", self.para),
            "thêm ảnh vào văn bản bằng `![mô tả](tệp.png)` nếu cần",
        ));
    }
}

/// Drawn shapes (DrawingML and VML) that are not pictures.
const SHAPES: [&str; 9] = ["wsp", "wgp", "cxnSp", "line", "rect", "roundrect", "oval", "shape", "polyline"];

/// The text of an element read flat, as one paragraph: what nests too deep.
pub(super) fn flat(n: Node, para: usize) -> Block {
    let text: Vec<&str> = n.descendants().filter(|t| is(t, "t")).filter_map(|t| t.text()).collect();
    Block::Para(lines(&[Piece::Text(text.join(" "), Format::default())]), para)
}

/// A paragraph's pieces as lines (one per line break), each with its cells apart by a tab.
fn lines(pieces: &[Piece]) -> Vec<String> {
    let mut out: Vec<String> = pieces
        .split(|p| matches!(p, Piece::Break))
        .map(|line| {
            let cells: Vec<String> =
                line.split(|p| matches!(p, Piece::Tab)).map(cell).filter(|c| !c.is_empty()).collect();
            cells.join("\t")
        })
        .collect();
    while out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// What a character of a cell is: text with its formatting, the reader's markup, a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text(Format),
    Mark,
    Space,
}

/// One cell of a line: spaces collapsed and trimmed, text escaped, `**`/`*` round the words
/// of each run of one style (spaces and punctuation at its edges left outside).
fn cell(pieces: &[Piece]) -> String {
    let mut chars: Vec<(char, Kind)> = vec![];
    for p in pieces {
        let (text, kind) = match p {
            Piece::Text(t, f) => (t.as_str(), Kind::Text(Format { caps: false, ..*f })),
            Piece::Mark(m) => (m.as_str(), Kind::Mark),
            Piece::Tab | Piece::Break => continue,
        };
        for c in text.chars() {
            if !c.is_whitespace() {
                chars.push((c, kind));
            } else if chars.last().is_some_and(|l| l.1 != Kind::Space) {
                chars.push((' ', Kind::Space));
            }
        }
    }
    if chars.last().is_some_and(|l| l.1 == Kind::Space) {
        chars.pop();
    }
    // A space between two runs of one style belongs to them; elsewhere it is plain.
    for i in 0..chars.len() {
        if chars[i].1 == Kind::Space {
            let (before, after) = (chars[i - 1].1, chars[i + 1].1);
            chars[i].1 = if before == after { before } else { Kind::Text(Format::default()) };
        }
    }
    let mut out = String::new();
    for group in chars.chunk_by(|a, b| a.1 == b.1) {
        let text: String = group.iter().map(|c| c.0).collect();
        let mark = match group[0].1 {
            Kind::Mark => {
                out.push_str(&text);
                continue;
            }
            Kind::Text(Format { bold: true, italic: true, .. }) => "***",
            Kind::Text(Format { bold: true, .. }) => "**",
            Kind::Text(Format { italic: true, .. }) => "*",
            _ => "",
        };
        let core = text.trim_matches(|c: char| !c.is_alphanumeric());
        if mark.is_empty() || core.is_empty() {
            out.push_str(&escape(&text));
            continue;
        }
        let mut start = text.len() - text.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let mut end = start + core.len();
        // A bracket the words open or close stays inside with them: `**chở (kg)**`.
        for (open, close) in [('(', ')'), ('[', ']')] {
            let (opened, closed) = (core.matches(open).count(), core.matches(close).count());
            if opened > closed && text[end..].starts_with(close) {
                end += 1;
            } else if closed > opened && text[..start].ends_with(open) {
                start -= 1;
            }
        }
        out.push_str(&format!(
            "{}{mark}{}{mark}{}",
            escape(&text[..start]),
            escape(&text[start..end]),
            escape(&text[end..])
        ));
    }
    out
}
