//! A Word (.docx) document read into the text form [`super::text`] recognises: one paragraph
//! a line (or a line per line break) with a blank line after it; bold and italic runs as
//! `**…**` and `*…*` round the words, every other character escaped; tabs as cell separators;
//! the cells of a layout table (the header, the closing) side by side, cells apart by a tab;
//! other tables as Markdown tables; Word's automatic numbering written out; text boxes and
//! content controls read once; footnotes as `[n]` markers with their texts after the
//! paragraph. Runs in TCVN3 or VNI fonts are converted by their font, and the `…H` fonts
//! (.VnTimeH) restore the capitals the bytes cannot tell.

mod inline;
mod numbering;
mod styles;
mod table;

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};

use super::legacy::{self, Encoding};
use super::text::Note;
use crate::diag::io_reason;
use numbering::Numbering;
use styles::Styles;

/// The most a part of the archive may inflate to (a Word text of thousands of pages is far less).
pub const PART_LIMIT: u64 = 64 << 20;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// How deep tables and text boxes may nest before their text is read flat.
const MAX_DEPTH: usize = 32;

/// How many running header and footer parts are read (Word writes up to three a section).
const MAX_RUNNING: usize = 16;

/// A DOCX as text.
#[derive(Debug, Clone, Default)]
pub struct DocxText {
    /// The text, in the form of an extracted text.
    pub text: String,
    /// For each line of `text`, the DOCX paragraph it comes from (from 1).
    pub paragraphs: Vec<usize>,
    /// What the reading noticed: images, legacy fonts converted.
    pub notes: Vec<Note>,
}

/// A block of a container (the body, a cell, a text box), read.
enum Block {
    /// A paragraph: its lines (one per line break), and its number in the file.
    Para(Vec<String>, usize),
    /// A table.
    Table(table::Table),
}

/// A line of the text form, with the paragraph of the file it comes from.
type Line = (String, usize);

/// Why a zip archive could not be read, in the user's words.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(e) => io_reason(e),
        ZipError::InvalidArchive(_) => "cấu trúc zip hỏng".into(),
        ZipError::InvalidPassword => "tệp có mật khẩu".into(),
        _ => "kiểu nén không được hỗ trợ".into(),
    }
}

/// Reads a .docx from its bytes; the error says what is wrong with the file.
pub fn read(bytes: &[u8]) -> Result<DocxText, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("không phải tệp DOCX (zip) hợp lệ: {}", zip_reason(&e)))?;
    // Running headers and footers: their text is furniture, reported.
    let mut running: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or_default();
            (n.starts_with("header") || n.starts_with("footer")) && n.ends_with(".xml") && !n.contains('/')
        })
        .collect();
    running.sort();
    running.truncate(MAX_RUNNING);
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let Ok(f) = zip.by_name(name) else { return Ok(None) };
        // Read at most the limit, whatever the archive claims: a zip bomb stops here.
        let mut s = String::new();
        f.take(PART_LIMIT + 1)
            .read_to_string(&mut s)
            .map_err(|e| format!("không đọc được {name}: {}", io_reason(&e)))?;
        if s.len() as u64 > PART_LIMIT {
            return Err(format!("{name} lớn hơn {} MiB khi giải nén", PART_LIMIT >> 20));
        }
        Ok(Some(s))
    };
    let document = part("word/document.xml")?.ok_or("thiếu word/document.xml")?;
    let [footnotes, styles, numbering] =
        ["word/footnotes.xml", "word/styles.xml", "word/numbering.xml"].map(&mut part);
    let (footnotes, styles, numbering) = (footnotes?, styles?, numbering?);
    let doc = parse("word/document.xml", &document)?;
    let notes_doc = footnotes.as_deref().map(|s| parse("word/footnotes.xml", s)).transpose()?;
    let styles_doc = styles.as_deref().map(|s| parse("word/styles.xml", s)).transpose()?;
    let numbering_doc = numbering.as_deref().map(|s| parse("word/numbering.xml", s)).transpose()?;
    let styles = Styles::read(styles_doc.as_ref());
    let footnotes: HashMap<&str, Node> = notes_doc
        .iter()
        .flat_map(|d| d.descendants().filter(|n| is(n, "footnote")))
        .filter_map(|n| Some((attr(&n, "id")?, n)))
        .collect();
    let mut r = Reader {
        out: DocxText::default(),
        para: 0,
        depth: 0,
        numbered: 0,
        pending: vec![],
        in_note: false,
        footnotes: &footnotes,
        numbering: Numbering::read(numbering_doc.as_ref()),
        styles,
        legacy: vec![],
    };
    let body = doc.descendants().find(|n| is(n, "body")).ok_or("thiếu phần thân tài liệu")?;
    for block in body.children().filter(Node::is_element) {
        let blocks = r.block(block);
        r.body(&blocks);
        r.footnote_texts();
    }
    for name in &running {
        let Some(xml) = part(name)? else { continue };
        let text = running_text(&parse(name, &xml)?);
        if !text.is_empty() {
            r.out.notes.push(Note::guess(
                None,
                format!("bỏ đầu trang hoặc chân trang `{text}` ({name})"),
                "nội dung in lặp ở mỗi trang: thêm vào văn bản nếu cần",
            ));
        }
    }
    for (font, count) in std::mem::take(&mut r.legacy) {
        r.out.notes.push(Note::guess(
            None,
            format!("đã chuyển {count} đoạn chữ phông `{font}` sang Unicode"),
            "kiểm tra chữ có dấu ở các đoạn đó",
        ));
    }
    Ok(r.out)
}

/// The text of a running header or footer, without what fields give (the page number).
fn running_text(doc: &Document) -> String {
    let mut fields = 0usize;
    let mut text = String::new();
    for n in doc.descendants() {
        if is(&n, "fldChar") {
            match attr(&n, "fldCharType") {
                Some("begin") => fields += 1,
                Some("end") => fields = fields.saturating_sub(1),
                _ => {}
            }
        } else if is(&n, "t") && fields == 0 {
            let shown = !n.ancestors().take(MAX_DEPTH).any(|a| is(&a, "fldSimple") || is(&a, "del"));
            if shown {
                text.push_str(n.text().unwrap_or_default());
            }
        } else if is(&n, "p") || is(&n, "tab") || is(&n, "br") {
            text.push(' ');
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses the part `name`. A DTD is refused, never expanded: Word writes none, and entities
/// are how an XML file makes itself huge or reaches for other files.
fn parse<'s>(name: &str, s: &'s str) -> Result<Document<'s>, String> {
    Document::parse(s).map_err(|e| match e {
        roxmltree::Error::DtdDetected => format!("{name} có khai báo DTD (thực thể XML): không đọc"),
        e => format!("{name} không đọc được: XML hỏng ({e})"),
    })
}

/// Whether a node is the WordprocessingML element `name`.
fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// A `w:` attribute.
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The first `w:` child element `name`.
fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

/// The `w:val` of the child `name`.
fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| attr(&c, "val"))
}

/// The `w:` children `name`, also those wrapped in content controls and custom XML (walked
/// without recursion: wrappers may nest deep).
fn elements<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    gather(
        n,
        |c| is(c, name),
        |c| {
            if is(&c, "customXml") {
                Some(c)
            } else {
                Some(c).filter(|c| is(c, "sdt")).and_then(|c| child(c, "sdtContent"))
            }
        },
    )
}

/// The first elements under `n` that `wanted` picks, not looked into (without recursion).
fn outermost<'a, 'i>(n: Node<'a, 'i>, wanted: impl Fn(&Node) -> bool) -> Vec<Node<'a, 'i>> {
    gather(n, wanted, Some)
}

/// The elements under `n` that `wanted` picks, in order, looking into the others through
/// `inside` (the node whose children to walk, or none); with a stack, not recursion.
fn gather<'a, 'i>(
    n: Node<'a, 'i>,
    wanted: impl Fn(&Node) -> bool,
    inside: impl Fn(Node<'a, 'i>) -> Option<Node<'a, 'i>>,
) -> Vec<Node<'a, 'i>> {
    let mut out = vec![];
    let mut stack = vec![n.children()];
    while let Some(level) = stack.last_mut() {
        let Some(c) = level.next() else {
            stack.pop();
            continue;
        };
        if wanted(&c) {
            out.push(c);
        } else if let Some(into) = inside(c) {
            stack.push(into.children());
        }
    }
    out
}

/// The font a `w:rFonts` names.
fn font_of(n: Node) -> Option<String> {
    attr(&n, "ascii").or_else(|| attr(&n, "hAnsi")).map(str::to_owned)
}

/// The encoding a font's name tells, and whether it draws capitals (`.VnTimeH`).
pub(in crate::import) fn font_encoding(font: &str) -> (Encoding, bool) {
    if font.starts_with(".Vn") {
        (Encoding::Tcvn3, font.ends_with('H'))
    } else if font.starts_with("VNI-") || font.starts_with("VNI ") {
        (Encoding::Vni, false)
    } else {
        (Encoding::Unicode, false)
    }
}

struct Reader<'a, 'i> {
    out: DocxText,
    /// Paragraphs of the file read so far.
    para: usize,
    /// Tables and text boxes being read, one inside the other.
    depth: usize,
    /// Footnotes numbered so far.
    numbered: usize,
    /// Footnotes referenced since the last top-level block: their number and id, in order.
    pending: Vec<(usize, String)>,
    /// Whether a footnote's text is being read (a reference in it is not followed).
    in_note: bool,
    /// The footnotes' paragraphs, by id.
    footnotes: &'a HashMap<&'a str, Node<'a, 'i>>,
    styles: Styles,
    numbering: Numbering,
    /// Legacy fonts met, with how many runs.
    legacy: Vec<(String, usize)>,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// The blocks of an element of a container: a paragraph (and the text boxes in it), a
    /// table, or those a content control holds.
    fn block(&mut self, n: Node<'a, 'i>) -> Vec<Block> {
        if is(&n, "p") {
            self.paragraph(n)
        } else if is(&n, "tbl") {
            self.table(n)
        } else if is(&n, "sdt") || is(&n, "customXml") {
            let Some(content) = (if is(&n, "sdt") { child(n, "sdtContent") } else { Some(n) }) else {
                return vec![];
            };
            self.nested(content, |r, c| r.blocks(c))
        } else {
            vec![]
        }
    }

    /// Reads what nests in `n` one level deeper; past [`MAX_DEPTH`], its text flat.
    fn nested(
        &mut self,
        n: Node<'a, 'i>,
        read: impl FnOnce(&mut Self, Node<'a, 'i>) -> Vec<Block>,
    ) -> Vec<Block> {
        if self.depth >= MAX_DEPTH {
            self.para += 1;
            return vec![inline::flat(n, self.para)];
        }
        self.depth += 1;
        let blocks = read(self, n);
        self.depth -= 1;
        blocks
    }

    /// The blocks of a container, in order.
    fn blocks(&mut self, container: Node<'a, 'i>) -> Vec<Block> {
        container.children().filter(Node::is_element).flat_map(|c| self.block(c)).collect()
    }

    /// Writes blocks of the body: each paragraph followed by a blank line, a table that is
    /// only a frame (one cell) as the blocks it holds.
    fn body(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Para(lines, para) => {
                    if lines.iter().any(|l| !l.is_empty()) {
                        self.write(lines.iter().map(|l| (l.clone(), *para)).collect());
                    }
                }
                Block::Table(t) => match t.frame() {
                    Some(inner) => self.body(inner),
                    None => {
                        let lines = t.lines();
                        self.write(lines);
                    }
                },
            }
        }
    }

    /// Appends lines and a blank line after them.
    fn write(&mut self, lines: Vec<Line>) {
        let last = lines.last().map_or(self.para, |l| l.1);
        for (text, para) in lines.into_iter().chain([(String::new(), last)]) {
            self.out.text.push_str(&text);
            self.out.text.push('\n');
            self.out.paragraphs.push(para);
        }
    }

    /// The texts of the footnotes referenced since the last call, as `[n] text` paragraphs.
    fn footnote_texts(&mut self) {
        let para = self.para;
        for (n, id) in std::mem::take(&mut self.pending) {
            let Some(&note) = self.footnotes.get(id.as_str()) else { continue };
            self.in_note = true;
            let blocks = self.blocks(note);
            self.in_note = false;
            let text: Vec<String> = table::cell_lines(&blocks).into_iter().map(|l| l.0).collect();
            self.write(vec![(format!("[{n}] {}", text.join(" ").trim()), para)]);
        }
        self.para = para;
    }

    /// Converts a run's text by its font.
    fn convert(&mut self, text: &str, font: Option<&str>) -> String {
        let Some(font) = font else { return text.to_owned() };
        let (encoding, capitals) = font_encoding(font);
        if encoding == Encoding::Unicode || text.is_empty() {
            return text.to_owned();
        }
        match self.legacy.iter_mut().find(|(f, _)| f == font) {
            Some((_, n)) => *n += 1,
            None => self.legacy.push((font.to_owned(), 1)),
        }
        let converted = legacy::convert(text, encoding).0;
        if capitals { converted.to_uppercase() } else { converted }
    }
}
