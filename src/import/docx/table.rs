//! Tables: a layout table (the header's issuer | motto, number | place and date; the
//! closing's Nơi nhận | signature) as columns side by side, a cell's k-th line on the k-th
//! line of its row, cells apart by a tab; a data table as a Markdown table, its merged cells
//! (`gridSpan`, `vMerge`) keeping the columns in line.

use roxmltree::Node;

use super::{Block, Line, MAX_DEPTH, Reader, attr, child, elements, inline, val};
use crate::import::text::markup::plain;
use crate::import::text::{AUTHORITY, capitals};

/// A layout table has at most this many rows and columns with text.
const LAYOUT_ROWS: usize = 6;
const LAYOUT_COLUMNS: usize = 4;
/// A Markdown table is padded to its widest row up to this many columns.
const MAX_COLUMNS: usize = 64;

/// A table read.
pub(super) struct Table {
    rows: Vec<Vec<Cell>>,
    /// The table's first paragraph in the file.
    para: usize,
}

/// A cell: how many grid columns it spans, whether it continues the cell above
/// (`vMerge`), and its blocks.
struct Cell {
    span: usize,
    merged: bool,
    blocks: Vec<Block>,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// A table, with the cells skipped at the start of a row (`gridBefore`) as empty cells.
    pub(super) fn table(&mut self, t: Node<'a, 'i>) -> Block {
        let para = self.para + 1;
        if self.depth >= MAX_DEPTH {
            self.para += 1;
            return inline::flat(t, para);
        }
        self.depth += 1;
        let mut rows = vec![];
        for tr in elements(t, "tr") {
            let before = child(tr, "trPr").and_then(|p| val(p, "gridBefore")).and_then(|v| v.parse().ok());
            let mut row: Vec<Cell> = (0..before.unwrap_or(0usize).min(MAX_COLUMNS))
                .map(|_| Cell { span: 1, merged: false, blocks: vec![] })
                .collect();
            for tc in elements(tr, "tc") {
                let props = child(tc, "tcPr");
                let span = props.and_then(|p| val(p, "gridSpan")).and_then(|v| v.parse().ok());
                let merged = props
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| attr(&m, "val").is_none_or(|v| v == "continue"));
                let blocks = self.blocks(tc);
                row.push(Cell { span: span.unwrap_or(1usize).clamp(1, MAX_COLUMNS), merged, blocks });
            }
            rows.push(row);
        }
        self.depth -= 1;
        Block::Table(Table { rows, para })
    }
}

/// The lines of blocks inside a cell: each paragraph's lines, no blank lines between.
pub(super) fn cell_lines(blocks: &[Block]) -> Vec<Line> {
    let mut out = vec![];
    for b in blocks {
        match b {
            Block::Para(lines, para) => out.extend(lines.iter().map(|l| (l.clone(), *para))),
            Block::Table(t) => match t.frame() {
                Some(inner) => out.extend(cell_lines(inner)),
                None => out.extend(t.lines()),
            },
        }
    }
    out
}

/// Whether a cell has any text.
fn has_text(lines: &[Line]) -> bool {
    lines.iter().any(|l| !l.0.trim().is_empty())
}

impl Table {
    /// The blocks of a table that is a frame round them (one cell), if it is one.
    pub(super) fn frame(&self) -> Option<&[Block]> {
        match &self.rows[..] {
            [row] if row.len() == 1 => Some(&row[0].blocks),
            _ => None,
        }
    }

    /// The table's lines: a layout table's columns, or a Markdown table.
    pub(super) fn lines(&self) -> Vec<Line> {
        // Each cell's lines, with the grid column it starts at.
        let grid: Vec<Vec<(usize, Vec<Line>)>> = self
            .rows
            .iter()
            .map(|row| {
                let mut at = 0;
                row.iter()
                    .map(|c| {
                        let lines = if c.merged { vec![] } else { cell_lines(&c.blocks) };
                        at += c.span;
                        (at - c.span, lines)
                    })
                    .collect()
            })
            .collect();
        if layout(&grid) { self.columns(&grid) } else { self.markdown(&grid) }
    }

    /// A layout table's rows as lines, columns without text in any row left out.
    fn columns(&self, grid: &[Vec<(usize, Vec<Line>)>]) -> Vec<Line> {
        let mut columns: Vec<usize> =
            grid.iter().flatten().filter(|(_, lines)| has_text(lines)).map(|(at, _)| *at).collect();
        columns.sort_unstable();
        columns.dedup();
        let mut out = vec![];
        for row in grid {
            let cells: Vec<&[Line]> = columns
                .iter()
                .map(|at| row.iter().find(|(c, _)| c == at).map_or(&[][..], |(_, lines)| &lines[..]))
                .collect();
            let height = cells.iter().map(|c| c.len()).max().unwrap_or(0);
            for k in 0..height {
                let texts: Vec<&str> = cells.iter().map(|c| c.get(k).map_or("", |l| l.0.as_str())).collect();
                let para = cells
                    .iter()
                    .filter_map(|c| c.get(k))
                    .find(|l| !l.0.is_empty())
                    .map_or(self.para, |l| l.1);
                out.push((texts.join("\t").trim_end_matches('\t').to_owned(), para));
            }
        }
        out
    }

    /// A data table as Markdown: the first row as its head, each cell's lines joined by a
    /// space, a merged cell left empty where its text is already given.
    fn markdown(&self, grid: &[Vec<(usize, Vec<Line>)>]) -> Vec<Line> {
        let widest = grid.iter().filter_map(|r| r.last().map(|(at, _)| at + 1)).max().unwrap_or(0);
        let width = if widest <= MAX_COLUMNS { widest } else { 0 };
        let mut out = vec![];
        for row in grid {
            let mut cells = vec![String::new(); width.max(row.len())];
            let mut para = self.para;
            for (i, (at, lines)) in row.iter().enumerate() {
                let text: Vec<&str> = lines.iter().map(|l| l.0.trim()).filter(|l| !l.is_empty()).collect();
                if let Some(first) = lines.first().filter(|_| para == self.para) {
                    para = first.1;
                }
                cells[if width > 0 { *at } else { i }] = text.join(" ").replace('\t', " ");
            }
            if cells.iter().all(String::is_empty) {
                continue;
            }
            out.push((format!("| {} |", cells.join(" | ")), para));
            if out.len() == 1 {
                out.push((format!("|{}", "---|".repeat(cells.len())), para));
            }
        }
        out
    }
}

/// Whether a table lays out the header or the closing: few rows and columns, no data head
/// (`TT`, `STT`), and a line only those blocks have — the motto, a number line, a place and
/// date, `Nơi nhận`, an authority line, or a signature (a title, space left, a name).
fn layout(grid: &[Vec<(usize, Vec<Line>)>]) -> bool {
    let columns = grid.iter().map(|r| r.iter().filter(|(_, l)| has_text(l)).count()).max().unwrap_or(0);
    if grid.len() > LAYOUT_ROWS || columns > LAYOUT_COLUMNS {
        return false;
    }
    let head = grid.first().and_then(|r| r.first()).and_then(|(_, l)| l.first()).map(|l| plain(&l.0));
    if head.is_some_and(|h| ["TT", "STT", "SỐ TT"].contains(&h.to_uppercase().as_str())) {
        return false;
    }
    let cells = || grid.iter().flatten().map(|(_, lines)| lines);
    cells().flatten().any(|l| l.0.split('\t').any(|c| marks_layout(&plain(c))))
        || cells().any(|l| signature(l))
}

/// A line found in a header or closing block.
fn marks_layout(l: &str) -> bool {
    let upper = l.to_uppercase();
    let number = ["Số", "SỐ"].iter().find_map(|s| l.strip_prefix(s)).is_some_and(|rest| {
        rest.trim_start().starts_with(|c: char| c == ':' || c == '/' || c == '-' || c.is_ascii_digit())
    });
    upper.starts_with("CỘNG HÒA XÃ HỘI")
        || upper.starts_with("CỘNG HOÀ XÃ HỘI")
        || upper == "ĐẢNG CỘNG SẢN VIỆT NAM"
        || upper.starts_with("ĐỘC LẬP")
        || number
        || l.starts_with("Nơi nhận")
        || (capitals(l) && AUTHORITY.iter().any(|a| l.starts_with(a)))
        || (l.contains(", ngày") && l.contains("tháng") && l.contains("năm"))
}

/// A signature block in a cell: a title in capitals, at least two empty lines, a name.
fn signature(lines: &[Line]) -> bool {
    let texts: Vec<&str> = lines.iter().map(|l| l.0.trim()).collect();
    texts.iter().enumerate().any(|(i, t)| {
        let gap = texts[i + 1..].iter().take_while(|l| l.is_empty()).count();
        capitals(&plain(t)) && gap >= 2 && texts.get(i + 1 + gap).is_some_and(|n| !capitals(&plain(n)))
    })
}
