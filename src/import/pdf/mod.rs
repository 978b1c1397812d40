//! A PDF read into the text form [`super::text`] recognises, from its glyphs and their places
//! (hayro-interpret draws each page into a [`glyphs::Glyphs`] device): lines by baseline, cells
//! by the gaps between columns, paragraphs by first-line indent and vertical gaps, bold and
//! italic from the fonts, footnotes by size at the foot of the page, page numbers and running
//! lines by their place, legacy fonts (`.VnTime`, `VNI-…`) converted as DOCX runs are.

mod furniture;
mod glyphs;
mod lines;
mod usable;

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::{Context, InterpreterCache, InterpreterSettings, TransformExt, interpret_page};
use kurbo::Rect;

use super::docx::font_encoding;
use super::legacy::{self, Encoding};
use super::text::{Note, markup::escape};
use lines::{Line, Span};

/// The largest PDF read (a scanned archive of a few hundred pages is far less).
pub const MAX_BYTES: u64 = 256 << 20;
/// The most pages read.
pub const MAX_PAGES: usize = 2000;

/// A PDF as text.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The text, in the text form.
    pub text: String,
    /// For each line of `text`, the page it comes from (from 1).
    pub pages: Vec<usize>,
    /// What the reading noticed: furniture dropped, legacy fonts converted, glyphs unread.
    pub notes: Vec<Note>,
}

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq)]
pub enum Unread {
    /// The file is not a PDF that can be read (broken, encrypted, too large); the reason.
    Broken(String),
    /// No text layer, or one that is not Vietnamese text; the reason.
    NoText(String),
}

/// Reads a PDF from its bytes.
pub fn read(bytes: Vec<u8>) -> Result<PdfText, Unread> {
    // The reader is not ours: a hostile file that trips it is a broken file, not a crash.
    catch_unwind(AssertUnwindSafe(|| read_pdf(bytes)))
        .unwrap_or_else(|_| Err(Unread::Broken("cấu trúc PDF hỏng, trình đọc dừng giữa chừng".into())))
}

/// Why a PDF could not be opened, in the user's words.
pub fn load_reason(e: &LoadPdfError) -> &'static str {
    match e {
        LoadPdfError::Decryption(_) => "tệp được mã hóa (có mật khẩu)",
        LoadPdfError::Invalid => "không phải tệp PDF đọc được",
    }
}

fn read_pdf(bytes: Vec<u8>) -> Result<PdfText, Unread> {
    let pdf = Pdf::new(bytes).map_err(|e| Unread::Broken(load_reason(&e).into()))?;
    let count = pdf.pages().len();
    if count > MAX_PAGES {
        return Err(Unread::Broken(format!("có {count} trang, quá giới hạn {MAX_PAGES} trang")));
    }
    if count == 0 {
        return Err(Unread::NoText("không có trang nào".into()));
    }
    let settings = InterpreterSettings { render_annotations: true, ..Default::default() };
    let cache = InterpreterCache::new();
    let mut reading = Reading::default();
    let mut pages: Vec<Vec<Line>> = vec![];
    let mut heights = vec![];
    for (n, page) in pdf.pages().iter().enumerate() {
        let (w, h) = page.render_dimensions();
        let initial = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, f64::from(w), f64::from(h));
        let mut context = Context::new(initial, bbox, &cache, pdf.xref(), settings.clone());
        let mut drawn = glyphs::Glyphs::default();
        interpret_page(page, &mut context, &mut drawn);
        reading.left_out(n + 1, &drawn);
        let mut lines = lines::lines(&drawn.glyphs, &drawn.fonts, f64::from(w));
        reading.convert(&mut lines, &drawn);
        pages.push(lines);
        heights.push(f64::from(h));
    }
    if let Some(why) = usable::unusable(&reading.all) {
        return Err(Unread::NoText(why));
    }
    let mut notes = reading.notes();
    furniture::drop(&mut pages, &heights, &mut notes);
    let mut out = PdfText { notes, ..Default::default() };
    write(&mut out, &pages, &heights);
    Ok(out)
}

/// What reading the pages gathers besides their lines.
#[derive(Default)]
struct Reading {
    /// Notes of the glyphs left out, page by page.
    notes: Vec<Note>,
    /// Each legacy font converted, with the spans set in it.
    legacy: Vec<(String, usize)>,
    /// All the text read, to judge whether it is usable.
    all: String,
    /// How many `ƣ` were read as `ư`.
    oi: usize,
}

impl Reading {
    /// Notes the glyphs of page `page` that `drawn` left out.
    fn left_out(&mut self, page: usize, drawn: &glyphs::Glyphs) {
        for (count, what) in [
            (drawn.unmapped, "ký tự không có mã Unicode"),
            (drawn.rotated, "ký tự in xoay (dấu, chữ dọc)"),
            (drawn.dropped, "ký tự vượt giới hạn một trang"),
        ] {
            if count > 0 {
                self.notes.push(Note::guess(
                    None,
                    format!("trang {page}: bỏ {count} {what}"),
                    "đối chiếu trang này với bản gốc",
                ));
            }
        }
    }

    /// Converts the spans of a page's `lines` set in legacy fonts (the fonts of `drawn`) to
    /// Unicode, and `ƣ` to `ư`.
    fn convert(&mut self, lines: &mut [Line], drawn: &glyphs::Glyphs) {
        let encodings = encodings(drawn);
        for span in lines.iter_mut().flat_map(|l| l.cells.iter_mut()).flat_map(|c| c.spans.iter_mut()) {
            let (from, capitals) = encodings[span.font];
            if from != Encoding::Unicode {
                let name = drawn.fonts[span.font].name.clone();
                match self.legacy.iter_mut().find(|(f, _)| *f == name) {
                    Some((_, k)) => *k += 1,
                    None => self.legacy.push((name, 1)),
                }
                let text = legacy::convert(&span.text, from).0;
                span.text = if capitals { text.to_uppercase() } else { text };
            }
            // ƣ (U+01A3) is no Vietnamese letter: fonts that map ư to it are common.
            if span.text.contains(['ƣ', 'Ƣ']) {
                self.oi += span.text.matches(['ƣ', 'Ƣ']).count();
                span.text = span.text.replace('ƣ', "ư").replace('Ƣ', "Ư");
            }
            self.all.push_str(&span.text);
            self.all.push(' ');
        }
    }

    /// The notes: the glyphs left out, then the conversions made.
    fn notes(self) -> Vec<Note> {
        let mut notes = self.notes;
        for (font, runs) in self.legacy {
            let font = if font.is_empty() { "không tên".to_owned() } else { font };
            notes.push(Note::guess(
                None,
                format!("đã chuyển {runs} đoạn chữ phông `{font}` sang Unicode"),
                "kiểm tra chữ có dấu ở các đoạn đó",
            ));
        }
        if self.oi > 0 {
            notes.push(Note::guess(
                None,
                format!("đã sửa {} chữ `ƣ` thành `ư` (lớp chữ của PDF ghi sai mã)", self.oi),
                "kiểm tra các chữ ư, Ư",
            ));
        }
        notes
    }
}

/// The encoding of each font of a page, and whether it draws capitals: by its name when it
/// names a legacy font, else by what its text looks like.
fn encodings(drawn: &glyphs::Glyphs) -> Vec<(Encoding, bool)> {
    (0..drawn.fonts.len())
        .map(|f| {
            let name = &drawn.fonts[f].name;
            let named = font_encoding(name.split(',').next().unwrap_or(name));
            if named.0 != Encoding::Unicode || !name.is_empty() {
                return named;
            }
            let text: String = drawn.glyphs.iter().filter(|g| g.font == f).map(|g| g.text.as_str()).collect();
            (legacy::detect(&text), false)
        })
        .collect()
}

/// What the body text of a document shares: its size, margins and line pitch.
struct Measure {
    size: f64,
    left: f64,
    right: f64,
    pitch: f64,
}

/// The most frequent value, in steps of `step`.
fn mode(values: impl Iterator<Item = f64>, step: f64) -> Option<f64> {
    weighted(values.map(|v| (v, 1)), step)
}

/// The value of the greatest weight, in steps of `step`.
fn weighted(values: impl Iterator<Item = (f64, usize)>, step: f64) -> Option<f64> {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (v, w) in values.filter(|(v, _)| v.is_finite()) {
        *counts.entry((v / step).round() as i64).or_default() += w;
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, -k)).map(|(k, _)| k as f64 * step)
}

impl Measure {
    fn of(pages: &[Vec<Line>]) -> Self {
        // Each line weighs as many characters as it has: the body's long lines, not a table's
        // short rows, give the size and the margins.
        let lines = || pages.iter().flatten().map(|l| (l, l.plain().chars().count()));
        let size = weighted(lines().map(|(l, n)| (l.size, n)), 0.5).unwrap_or(12.0);
        let body = || lines().filter(move |(l, _)| l.cells.len() == 1 && (l.size - size).abs() < 0.6);
        let left = weighted(body().map(|(l, n)| (l.x0(), n)), 1.0).unwrap_or(0.0);
        let right = weighted(body().map(|(l, n)| (l.x1(), n)), 1.0).unwrap_or(left);
        let pairs = pages.iter().flat_map(|p| p.windows(2));
        let body_pairs = pairs.filter(|w| w.iter().all(|l| (l.size - size).abs() < 0.6));
        let pitch =
            mode(body_pairs.map(|w| w[1].y - w[0].y).filter(|d| *d > 0.8 * size && *d < 3.0 * size), 0.5)
                .unwrap_or(1.2 * size);
        Measure { size, left, right, pitch }
    }

    /// A line set in the middle of the text block, clear of its left margin.
    fn centred(&self, l: &Line) -> bool {
        l.cells.len() == 1
            && l.x0() > self.left + l.size
            && l.x1() < self.right - l.size
            && ((l.x0() + l.x1()) / 2.0 - (self.left + self.right) / 2.0).abs() < 1.5 * l.size
    }

    /// A line that runs to the right margin (a paragraph's line before its last).
    fn full(&self, l: &Line) -> bool {
        l.cells.len() == 1 && l.x1() > self.right - 2.0 * l.size
    }

    /// Whether `b` starts a new paragraph after `a` on the same page.
    fn parts(&self, a: &Line, b: &Line) -> bool {
        let columns = a.cells.len() > 1 || b.cells.len() > 1;
        let gap = b.y - a.y;
        // The pitch of the body's lines, for lines of another size in proportion.
        let pitch = self.pitch * a.size / self.size;
        if gap > 1.3 * pitch.max(1.1 * a.size.max(b.size)) || (a.size - b.size).abs() > 0.6 {
            return true;
        }
        if columns {
            return a.cells.len() == 1 || b.cells.len() == 1;
        }
        let (ca, cb) = (self.centred(a), self.centred(b));
        if ca || cb {
            return ca != cb;
        }
        b.x0() > self.left + 0.8 * b.size || (!self.full(a) && a.x0() < self.right - 4.0 * a.size)
    }
}

/// A paragraph: its lines, and the page each is on.
type Para<'l> = Vec<(usize, &'l Line)>;

/// Superscript figures, 0 to 9.
const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/// Writes the pages' lines as the text form. Footnotes are taken from the foot of each page
/// and written after the paragraph that holds their mark, or else after the paragraph their
/// page ends in.
fn write(out: &mut PdfText, pages: &[Vec<Line>], heights: &[f64]) {
    let m = Measure::of(pages);
    let mut paras: Vec<Para> = vec![];
    let mut notes: Vec<Para> = vec![];
    for (n, page) in pages.iter().enumerate() {
        let split = footnotes_at(page, heights[n], &m);
        for (i, line) in page[..split].iter().enumerate() {
            let starts = match (i, paras.last().and_then(|p| p.last())) {
                (_, None) => true,
                // A paragraph going on over the page break filled its last line.
                (0, Some((_, prev))) => {
                    !(m.full(prev)
                        && line.cells.len() == 1
                        && line.x0() < m.left + 0.8 * line.size
                        && !m.centred(line))
                }
                (_, Some((_, prev))) => m.parts(prev, line),
            };
            if starts {
                paras.push(vec![]);
            }
            paras.last_mut().expect("pushed").push((n + 1, line));
        }
        // Notes start at their raised number; a number at the start of a note's later line is text.
        let foot = &page[split..];
        let raised = foot.iter().any(|l| l.plain().starts_with(|c| SUPERSCRIPTS.contains(c)));
        for line in foot {
            let starts =
                if raised { line.plain().starts_with(|c| SUPERSCRIPTS.contains(c)) } else { numbered(line) };
            if starts || notes.last().is_none_or(|p| p[0].0 != n + 1) {
                notes.push(vec![]);
            }
            notes.last_mut().expect("pushed").push((n + 1, line));
        }
    }
    let mut written = vec![false; notes.len()];
    for (k, p) in paras.iter().enumerate() {
        let text = paragraph(out, p, &m, false);
        let last_page = p.last().map_or(0, |l| l.0);
        let page_ends = paras.get(k + 1).is_none_or(|next| next[0].0 > last_page);
        for (j, note) in notes.iter().enumerate() {
            let mark: String = number(&note[0].1.plain()).chars().map(superscript).collect();
            let marked = !mark.is_empty() && text.contains(&mark);
            if !written[j] && note[0].0 <= last_page && (marked || page_ends) {
                written[j] = true;
                paragraph(out, note, &m, true);
            }
        }
    }
}

/// The figures a footnote starts with: raised ones, or else plain ones.
fn number(text: &str) -> String {
    let raised: String = text.chars().take_while(|c| SUPERSCRIPTS.contains(*c)).collect();
    if !raised.is_empty() {
        return raised;
    }
    text.chars().take_while(char::is_ascii_digit).collect()
}

/// The superscript of a figure; other characters as they are.
fn superscript(c: char) -> char {
    c.to_digit(10).and_then(|d| SUPERSCRIPTS.chars().nth(d as usize)).unwrap_or(c)
}

/// Where the footnotes at the foot of a page start: the last lines in a smaller size than the
/// body, one column, the first starting with its number, in the page's lower half.
fn footnotes_at(page: &[Line], height: f64, m: &Measure) -> usize {
    let small = |l: &Line| l.cells.len() == 1 && l.size < 0.9 * m.size && l.y > height / 2.0;
    let mut at = page.len();
    while at > 0 && small(&page[at - 1]) {
        at -= 1;
    }
    // The foot's first line is a note's: its number, then its text.
    while at < page.len() && !numbered(&page[at]) {
        at += 1;
    }
    at
}

/// A footnote's first line: a number (raised, or as small as the note) before its text.
fn numbered(l: &Line) -> bool {
    let text = l.plain();
    let digits = number(&text).chars().count();
    let raised = text.starts_with(|c| SUPERSCRIPTS.contains(c));
    (1..=3).contains(&digits)
        && (raised || text.chars().nth(digits).is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '/'))
}

/// Writes one paragraph and a blank line: a flowing paragraph as one line, others (centred
/// lines, column rows) line by line; a footnote as `¹ text`.
fn paragraph(out: &mut PdfText, p: &[(usize, &Line)], m: &Measure, note: bool) -> String {
    let Some(&(page, _)) = p.first() else { return String::new() };
    // Titles and headings (all bold) keep their lines as printed, as centred lines do.
    let bold = p.iter().flat_map(|(_, l)| &l.cells[0].spans).all(|s| s.bold || s.text.trim().is_empty());
    let flowing = !bold
        && p.iter().all(|(_, l)| l.cells.len() == 1 && !m.centred(l))
        && p[..p.len() - 1].iter().all(|(_, l)| m.full(l));
    let mut rows: Vec<String> = vec![];
    if flowing {
        let mut spans: Vec<Span> = vec![];
        for (_, l) in p {
            // Lines join with a space, but a code broken after its `-` or `/` (`57-` `NQ/TW`) without.
            let broken =
                spans.last().is_some_and(|s| s.text.ends_with(['-', '/']) && !s.text.ends_with(" -"));
            if !spans.is_empty() && !broken {
                spans.push(Span { text: " ".into(), ..spans[spans.len() - 1].clone() });
            }
            spans.extend(l.cells[0].spans.iter().cloned());
        }
        rows.push(markdown(&spans));
    } else {
        for (_, l) in p {
            let cells: Vec<String> = l.cells.iter().map(|c| markdown(&c.spans)).collect();
            let row = cells.join("\t");
            // A row with only its right-hand cell keeps its column.
            let lead = if l.cells.len() == 1 && !m.centred(l) && l.x0() > (m.left + m.right) / 2.0 {
                "\t"
            } else {
                ""
            };
            rows.push(format!("{lead}{row}"));
        }
    }
    if note {
        let text = &mut rows[0];
        let digits = number(text);
        let mark: String = digits.chars().map(superscript).collect();
        *text = format!("{mark} {}", text[digits.len()..].trim_start());
    }
    for row in rows.iter().map(|r| r.as_str()).chain([""]) {
        out.text.push_str(row.trim_end());
        out.text.push('\n');
        out.pages.push(page);
    }
    rows.join("\n")
}

/// Spans as Markdown: text escaped, runs of one style merged, `**`/`*` around each run with
/// its spaces kept outside the markers.
fn markdown(spans: &[Span]) -> String {
    let mut merged: Vec<(String, bool, bool)> = vec![];
    for s in spans {
        match merged.last_mut() {
            Some(last) if (last.1, last.2) == (s.bold, s.italic) || s.text.trim().is_empty() => {
                last.0.push_str(&s.text)
            }
            _ => merged.push((s.text.clone(), s.bold, s.italic)),
        }
    }
    let mut out = String::new();
    for (text, bold, italic) in merged {
        let mark = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim();
        // A dash or a bullet in bold is no emphasis: markers only around words.
        if mark.is_empty() || !core.chars().any(char::is_alphanumeric) {
            out.push_str(&escape(&text));
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.push_str(&format!("{lead}{mark}{}{mark}{trail}", escape(core)));
    }
    out.trim().to_owned()
}
