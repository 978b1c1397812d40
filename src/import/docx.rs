//! A Word (.docx) document read into the text form [`super::text`] recognises: one paragraph
//! a line with blank lines between; bold and italic runs as `**…**` and `*…*`; the cells of a
//! layout table (the header, the closing) side by side on one line, as text extraction sets
//! columns; other tables as Markdown tables; footnotes as `[n]` markers with their texts after
//! the paragraph. Runs in TCVN3 or VNI fonts are converted by their font, and the `…H` fonts
//! (.VnTimeH) restore the capitals the bytes cannot tell.

use std::io::Read;

use roxmltree::{Document, Node};

use super::legacy::{self, Encoding};
use super::text::Note;

/// The most a part of the archive may inflate to (a Word text of thousands of pages is far less).
pub const PART_LIMIT: u64 = 64 << 20;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

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

/// Reads a .docx from its bytes; the error says what is wrong with the file.
pub fn read(bytes: &[u8]) -> Result<DocxText, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("không phải tệp DOCX (zip) hợp lệ: {e}"))?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let Ok(f) = zip.by_name(name) else { return Ok(None) };
        // Read at most the limit, whatever the archive claims: a zip bomb stops here.
        let mut s = String::new();
        f.take(PART_LIMIT + 1).read_to_string(&mut s).map_err(|e| format!("không đọc được {name}: {e}"))?;
        if s.len() as u64 > PART_LIMIT {
            return Err(format!("{name} lớn hơn {} MiB khi giải nén", PART_LIMIT >> 20));
        }
        Ok(Some(s))
    };
    let document = part("word/document.xml")?.ok_or("thiếu word/document.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let styles = part("word/styles.xml")?;
    let doc = parse("word/document.xml", &document)?;
    let notes_doc = footnotes.as_deref().map(|s| parse("word/footnotes.xml", s)).transpose()?;
    let styles_doc = styles.as_deref().map(|s| parse("word/styles.xml", s)).transpose()?;
    let default_font = styles_doc.as_ref().and_then(|s| {
        s.descendants()
            .find(|n| is(n, "rPrDefault"))
            .and_then(|d| d.descendants().find(|n| is(n, "rFonts")))
            .and_then(font_of)
    });
    let mut r = Reader {
        out: DocxText::default(),
        para: 0,
        numbered: 0,
        footnotes: vec![],
        notes_doc,
        default_font,
        legacy: vec![],
    };
    let body = doc.descendants().find(|n| is(n, "body")).ok_or("thiếu phần thân tài liệu")?;
    for block in body.children().filter(Node::is_element) {
        if is(&block, "p") {
            r.para += 1;
            let line = r.paragraph(block);
            r.line(&line);
            r.footnote_texts();
        } else if is(&block, "tbl") {
            r.table(block);
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

/// An XML part parsed.
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

/// The font a `w:rFonts` names.
fn font_of(n: Node) -> Option<String> {
    attr(&n, "ascii").or_else(|| attr(&n, "hAnsi")).map(str::to_owned)
}

/// The encoding a font's name tells, and whether it draws capitals (`.VnTimeH`).
pub(super) fn font_encoding(font: &str) -> (Encoding, bool) {
    if font.starts_with(".Vn") {
        (Encoding::Tcvn3, font.ends_with('H'))
    } else if font.starts_with("VNI-") || font.starts_with("VNI ") {
        (Encoding::Vni, false)
    } else {
        (Encoding::Unicode, false)
    }
}

/// Whether a toggle property (`w:b`, `w:i`) is on.
fn on(props: Option<Node>, name: &str) -> bool {
    props
        .and_then(|p| p.children().find(|c| is(c, name)))
        .is_some_and(|b| !matches!(attr(&b, "val"), Some("0" | "false" | "none")))
}

struct Reader<'input> {
    out: DocxText,
    para: usize,
    /// Footnotes numbered so far.
    numbered: usize,
    /// Footnotes referenced by the current paragraph: their number and id, in order.
    footnotes: Vec<(usize, String)>,
    notes_doc: Option<Document<'input>>,
    default_font: Option<String>,
    /// Legacy fonts met, with how many runs.
    legacy: Vec<(String, usize)>,
}

impl Reader<'_> {
    /// Appends a line (and a blank line after it) for the current paragraph.
    fn line(&mut self, text: &str) {
        for l in text.lines().chain([""]) {
            self.out.text.push_str(l);
            self.out.text.push('\n');
            self.out.paragraphs.push(self.para);
        }
    }

    /// A paragraph's text: runs with their bold and italic, footnote markers, line breaks.
    fn paragraph(&mut self, p: Node) -> String {
        let mut segments: Vec<(String, bool, bool)> = vec![];
        for run in p.descendants().filter(|n| is(n, "r")) {
            let props = run.children().find(|c| is(c, "rPr"));
            let font = props
                .and_then(|p| p.children().find(|c| is(c, "rFonts")))
                .and_then(font_of)
                .or_else(|| self.default_font.clone());
            let mut text = String::new();
            for c in run.children().filter(Node::is_element) {
                match c.tag_name().name() {
                    "t" => text.push_str(c.text().unwrap_or_default()),
                    "tab" => text.push(' '),
                    "br" => text.push('\n'),
                    "footnoteReference" => {
                        self.numbered += 1;
                        let n = self.numbered;
                        let id = attr(&c, "id").unwrap_or_default().to_owned();
                        text.push_str(&format!("[{n}]"));
                        self.footnotes.push((n, id));
                    }
                    "drawing" | "pict" | "object" => self.out.notes.push(Note::guess(
                        None,
                        format!("hình ảnh ở đoạn {} chưa được nhập", self.para),
                        "thêm ảnh vào văn bản bằng `![mô tả](tệp.png)` nếu cần",
                    )),
                    _ => {}
                }
            }
            let text = self.convert(&text, font.as_deref());
            segments.push((text, on(props, "b"), on(props, "i")));
        }
        styled(&segments)
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

    /// The texts of the footnotes the last paragraph referenced, as `[n] text` paragraphs.
    fn footnote_texts(&mut self) {
        // The footnotes' document is set aside while its paragraphs are read.
        let Some(notes) = self.notes_doc.take() else { return };
        for (n, id) in std::mem::take(&mut self.footnotes) {
            let Some(note) = notes.descendants().find(|f| is(f, "footnote") && attr(f, "id") == Some(&id))
            else {
                continue;
            };
            let text: Vec<String> =
                note.children().filter(|c| is(c, "p")).map(|p| self.paragraph(p)).collect();
            let line = format!("[{n}] {}", text.join(" ").trim());
            self.line(&line);
        }
        self.notes_doc = Some(notes);
    }

    /// A table: a layout table (header, closing) as columns side by side, others as Markdown.
    fn table(&mut self, t: Node) {
        let rows: Vec<Vec<Vec<String>>> = t
            .children()
            .filter(|r| is(r, "tr"))
            .map(|r| {
                r.children()
                    .filter(|c| is(c, "tc"))
                    .map(|c| {
                        c.children().filter(|p| is(p, "p")).map(|p| self.paragraph(p)).collect::<Vec<_>>()
                    })
                    .collect()
            })
            .collect();
        self.para += 1;
        let all: String = rows.iter().flatten().flatten().map(String::as_str).collect::<Vec<_>>().join("\n");
        let layout = ["ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận", "Số"]
            .iter()
            .any(|k| all.lines().any(|l| l.trim_start_matches('*').starts_with(k)));
        let mut text = String::new();
        if layout {
            for row in &rows {
                let height = row.iter().map(Vec::len).max().unwrap_or(0);
                for k in 0..height {
                    let cells: Vec<&str> = row.iter().map(|c| c.get(k).map_or("", String::as_str)).collect();
                    text.push_str(&cells.join("     "));
                    text.push('\n');
                }
            }
        } else {
            for (i, row) in rows.iter().enumerate() {
                let cells: Vec<String> = row.iter().map(|c| c.join(" ").replace('|', "\\|")).collect();
                text.push_str(&format!("| {} |\n", cells.join(" | ")));
                if i == 0 {
                    text.push_str(&format!("|{}\n", "---|".repeat(row.len())));
                }
            }
        }
        self.line(text.trim_end());
        self.footnote_texts();
    }
}

/// Runs as Markdown: adjacent runs of the same style merged, spaces kept outside the markers.
fn styled(segments: &[(String, bool, bool)]) -> String {
    let mut merged: Vec<(String, bool, bool)> = vec![];
    for (t, b, i) in segments {
        match merged.last_mut() {
            Some(last) if (last.1, last.2) == (*b, *i) => last.0.push_str(t),
            _ => merged.push((t.clone(), *b, *i)),
        }
    }
    let mut out = String::new();
    for (t, b, i) in merged {
        let mark = match (b, i) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = t.trim();
        if mark.is_empty() || core.is_empty() {
            out.push_str(&t);
            continue;
        }
        let lead = &t[..t.len() - t.trim_start().len()];
        let trail = &t[t.trim_end().len()..];
        // Marks around each line of a run broken by `w:br`.
        let lines: Vec<String> = core.lines().map(|l| format!("{mark}{}{mark}", l.trim())).collect();
        out.push_str(&format!("{lead}{}{trail}", lines.join("\n")));
    }
    out
}
