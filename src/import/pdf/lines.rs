//! Glyphs into lines: one line per baseline (small raised glyphs join the line they sit on),
//! words where the PDF has a space glyph or a gap, cells where a wide gap parts the columns.

use super::glyphs::{Font, Glyph};
use super::superscript;

/// A run of text in one font and style.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Index into the page's fonts.
    pub font: usize,
}

/// The text of one column on a line.
#[derive(Debug, Clone)]
pub struct Cell {
    pub x0: f64,
    pub x1: f64,
    pub spans: Vec<Span>,
}

/// A line of the page: its baseline, its main font size, its cells left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub y: f64,
    pub size: f64,
    pub cells: Vec<Cell>,
}

impl Line {
    pub fn x0(&self) -> f64 {
        self.cells.first().map_or(0.0, |c| c.x0)
    }

    pub fn x1(&self) -> f64 {
        self.cells.last().map_or(0.0, |c| c.x1)
    }

    /// The plain text, cells parted by a tab.
    pub fn plain(&self) -> String {
        let cells: Vec<String> = self.cells.iter().map(Cell::plain).collect();
        cells.join("\t")
    }
}

impl Cell {
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A gap wider than this many ems parts two cells (columns set side by side).
const CELL_GAP: f64 = 1.8;
/// A gap wider than this many ems is a space between words.
const WORD_GAP: f64 = 0.15;

/// The lines of a page `width` points wide, top to bottom.
pub fn lines(glyphs: &[Glyph], fonts: &[Font], width: f64) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));
    // Glyphs whose baselines are within a fraction of an em of each other share a line.
    let mut groups: Vec<Vec<usize>> = vec![];
    let (mut base, mut size) = (f64::NEG_INFINITY, 0.0_f64);
    for i in order {
        let g = &glyphs[i];
        if g.y - base > 0.45 * size.max(g.size) || groups.is_empty() {
            groups.push(vec![]);
            size = 0.0;
        }
        base = base.max(g.y);
        size = size.max(g.size);
        groups.last_mut().expect("pushed").push(i);
    }
    // A group of small glyphs just above a line is its raised marks (footnote numbers).
    let top = |g: &[usize]| g.iter().map(|&i| glyphs[i].y).fold(f64::NEG_INFINITY, f64::max);
    let big = |g: &[usize]| g.iter().map(|&i| glyphs[i].size).fold(0.0, f64::max);
    for k in (1..groups.len()).rev() {
        let (above, below) = (&groups[k - 1], &groups[k]);
        let next = big(below);
        if big(above) < 0.8 * next && top(below) - top(above) < 0.7 * next {
            let marks = groups.remove(k - 1);
            groups[k - 1].extend(marks);
        }
    }
    groups
        .into_iter()
        .map(|mut group| line(glyphs, fonts, &mut group, width))
        .filter(|l| !l.cells.is_empty())
        .collect()
}

/// One line from its glyphs: in drawing order, runs that go back leftwards set in place. A
/// second column starts right of the page's first two fifths: a wide gap further left is the
/// blank left for a number (`Số:      /UBND`), not a column.
fn line(glyphs: &[Glyph], fonts: &[Font], group: &mut [usize], width: f64) -> Line {
    group.sort_unstable();
    let mut runs: Vec<&[usize]> = vec![];
    let mut start = 0;
    for k in 1..group.len() {
        let (a, b) = (&glyphs[group[k - 1]], &glyphs[group[k]]);
        if b.x < a.x - 0.3 * a.size.max(b.size) {
            runs.push(&group[start..k]);
            start = k;
        }
    }
    runs.push(&group[start..]);
    runs.sort_by(|a, b| glyphs[a[0]].x.total_cmp(&glyphs[b[0]].x));
    // The line's size is its most frequent one: a stray large space or a raised mark is not it.
    let sizes = group.iter().map(|&i| &glyphs[i]).filter(|g| !g.text.trim().is_empty()).map(|g| g.size);
    let size = super::mode(sizes, 0.5).unwrap_or(glyphs[group[0]].size);
    let main: Vec<f64> =
        group.iter().map(|&i| &glyphs[i]).filter(|g| (g.size - size).abs() <= 0.3).map(|g| g.y).collect();
    let y = if main.is_empty() { glyphs[group[0]].y } else { main.iter().sum::<f64>() / main.len() as f64 };
    let visible: Vec<&Glyph> = runs.into_iter().flatten().map(|&i| &glyphs[i]).collect();
    // The gaps between words: a gap far wider than the others on its line parts two columns
    // set close together; a justified line stretches all its gaps alike.
    let inked: Vec<&&Glyph> = visible.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let mut gaps: Vec<f64> = inked
        .windows(2)
        .map(|w| w[1].x - (w[0].x + w[0].width))
        .filter(|&gap| gap > WORD_GAP * size)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(f64::INFINITY);
    let mut cells: Vec<Cell> = vec![];
    let mut last: Option<&Glyph> = None;
    let mut space = false;
    for g in visible {
        if g.text.trim().is_empty() {
            space = true;
            continue;
        }
        let em = last.map_or(g.size, |l| l.size.max(g.size));
        let gap = last.map_or(f64::INFINITY, |l| g.x - (l.x + l.width));
        let apart = gaps.len() >= 2 && gap > 0.5 * em && gap > 2.0 * usual;
        // Columns part at a wide gap, or at a narrower one where the font, size or baseline changes.
        let changes = last.is_some_and(|l| {
            l.font != g.font
                || l.emboldened != g.emboldened
                || (l.size - g.size).abs() >= 0.5
                || (l.y - g.y).abs() > 0.5
        });
        let wide = gap > CELL_GAP * em || apart || (changes && gap > 0.8 * em);
        // One column break a line, as a header or closing has, unless the gap is wider still
        // (a table): the blanks left in `ngày    tháng    năm` are no columns.
        let again = cells.len() < 2 || gap > 2.0 * CELL_GAP * em;
        if last.is_none() || (wide && again && g.x > 0.4 * width) {
            cells.push(Cell { x0: g.x, x1: g.x, spans: vec![] });
        } else if space || gap > WORD_GAP * em {
            push(cells.last_mut().expect("a cell is open"), " ", None);
        }
        space = false;
        let raised = g.size < 0.8 * size && y - g.y > 0.15 * size;
        let text = if raised && g.text.chars().all(|c| c.is_ascii_digit()) {
            g.text.chars().map(superscript).collect()
        } else {
            g.text.clone()
        };
        let font = &fonts[g.font];
        let cell = cells.last_mut().expect("a cell is open");
        push(cell, &text, Some((font.bold || g.emboldened, font.italic, g.font)));
        cell.x1 = cell.x1.max(g.x + g.width);
        last = Some(g);
    }
    Line { y, size, cells }
}

/// Appends text to a cell: a space joins the last span, other text a span of its style.
fn push(cell: &mut Cell, text: &str, style: Option<(bool, bool, usize)>) {
    match (cell.spans.last_mut(), style) {
        (Some(s), None) => s.text.push_str(text),
        (Some(s), Some((b, i, f))) if (s.bold, s.italic, s.font) == (b, i, f) => s.text.push_str(text),
        (_, Some((bold, italic, font))) => {
            cell.spans.push(Span { text: text.to_owned(), bold, italic, font })
        }
        (None, None) => {}
    }
}
