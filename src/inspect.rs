//! Reads the laid-out pages back: every run of text with its page, position (mm from the
//! page's top-left corner), size, weight and style, and every drawn line. The self-audit and
//! the conformance tests measure the document through this.

use typst::layout::Em;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::{FontStyle, TextItem};
use typst::visualize::{Geometry, Paint};
use typst_layout::PagedDocument;

/// The gap, mm, under which two runs on a line touch (no space between them).
const TOUCHING: f64 = 0.2;

/// A run of text as placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Page number, from 1.
    pub page: usize,
    /// Left edge, mm from the page's left edge.
    pub x: f64,
    /// Baseline, mm from the page's top edge.
    pub y: f64,
    /// Width, mm.
    pub width: f64,
    /// Font size, pt.
    pub size: f64,
    /// Weight 600 or more.
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// Font family.
    pub family: String,
    /// Fill colour, `#rrggbb` (or Typst's form of a colour not in RGB, a gradient, a tiling).
    pub colour: String,
    /// The characters.
    pub text: String,
}

/// A straight line segment (rules, underlines), in mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Page number, from 1.
    pub page: usize,
    /// Start, from the page's left edge.
    pub x: f64,
    /// Start, from the page's top edge.
    pub y: f64,
    /// Horizontal length.
    pub length: f64,
}

/// A placed rectangle (an image, a box), in mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Page number, from 1.
    pub page: usize,
    /// Left edge, from the page's left edge.
    pub x: f64,
    /// Top edge, from the page's top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// A frame's stroke colour, as [`TextRun::colour`]; none for an image.
    pub colour: Option<String>,
}

/// What is on the pages.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Page sizes, mm (width, height).
    pub pages: Vec<(f64, f64)>,
    /// Text runs in reading order of the frames.
    pub text: Vec<TextRun>,
    /// Horizontal lines.
    pub rules: Vec<Rule>,
    /// Images.
    pub images: Vec<Area>,
    /// Stroked rectangles (the boxes of State marks).
    pub frames: Vec<Area>,
}

fn mm(a: Abs) -> f64 {
    a.to_mm()
}

/// Collects text runs and horizontal lines from every page.
pub fn inspect(doc: &PagedDocument) -> Layout {
    let mut out = Layout::default();
    for (i, page) in doc.pages().iter().enumerate() {
        out.pages.push((mm(page.frame.width()), mm(page.frame.height())));
        walk(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Layout) {
    for (pos, item) in frame.items() {
        let at = |p: Point| p.transform(ts);
        match item {
            FrameItem::Group(g) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(g.transform);
                walk(&g.frame, inner, page, out);
            }
            FrameItem::Text(t) => {
                let p = at(*pos);
                let info = t.font.info();
                push_run(
                    &mut out.text,
                    TextRun {
                        page,
                        x: mm(p.x),
                        y: mm(p.y),
                        width: mm(ink_width(t)),
                        size: t.size.to_pt(),
                        bold: info.variant.weight.to_number() >= 600,
                        italic: info.variant.style != FontStyle::Normal,
                        family: info.family.clone(),
                        colour: colour(&t.fill),
                        text: t.text.to_string(),
                    },
                );
            }
            FrameItem::Shape(shape, _) => match shape.geometry {
                Geometry::Line(end) => {
                    let a = at(*pos);
                    let b = at(*pos + end);
                    if (a.y - b.y).abs() < Abs::pt(0.01) {
                        out.rules.push(Rule {
                            page,
                            x: mm(a.x.min(b.x)),
                            y: mm(a.y),
                            length: mm((b.x - a.x).abs()),
                        });
                    }
                }
                Geometry::Rect(size) if let Some(stroke) = &shape.stroke => {
                    let p = at(*pos);
                    out.frames.push(Area {
                        page,
                        x: mm(p.x),
                        y: mm(p.y),
                        width: mm(size.x),
                        height: mm(size.y),
                        colour: Some(colour(&stroke.paint)),
                    });
                }
                _ => {}
            },
            FrameItem::Image(_, size, _) => {
                let p = at(*pos);
                let (x, y, width, height) = (mm(p.x), mm(p.y), mm(size.x), mm(size.y));
                out.images.push(Area { page, x, y, width, height, colour: None });
            }
            _ => {}
        }
    }
}

/// Adds `r` to `runs`, as part of the last run when it goes on from it: same line and style,
/// touching it or after its last space (a word the layout set in a box of its own, `15-CTr/ĐU`,
/// is a piece of its sentence's run).
fn push_run(runs: &mut Vec<TextRun>, r: TextRun) {
    if let Some(last) = runs.last_mut() {
        let gap = r.x - (last.x + last.width);
        let same = last.page == r.page
            && (last.y - r.y).abs() < 0.01
            && last.size == r.size
            && (last.bold, last.italic) == (r.bold, r.italic)
            && last.family == r.family
            && last.colour == r.colour;
        // Touching, or after the space the last run ends with (its width leaves it out).
        let spaced = last.text.ends_with(' ') && gap < RUN_GAP * r.size * 25.4 / 72.0;
        if same && gap > -0.01 && (gap < TOUCHING || spaced) {
            last.text.push_str(&r.text);
            last.width = r.x + r.width - last.x;
            return;
        }
    }
    runs.push(r);
}

/// A paint as `#rrggbb` when it is a plain colour.
fn colour(paint: &Paint) -> String {
    match paint {
        Paint::Solid(c) => c.to_hex().into(),
        other => format!("{other:?}"),
    }
}

/// How wide, in ems, the space a run ends with can be.
const RUN_GAP: f64 = 0.5;

/// The width of a run without its trailing spaces.
fn ink_width(t: &TextItem) -> Abs {
    // Glyph ranges are u16 offsets: a longer run (a megabyte with no space) counts whole.
    let end = u16::try_from(t.text.trim_end().len()).unwrap_or(u16::MAX);
    t.glyphs.iter().filter(|g| g.range.start < end).map(|g| g.x_advance).sum::<Em>().at(t.size)
}

impl Layout {
    /// The first run whose text contains `needle`.
    pub fn find(&self, needle: &str) -> Option<&TextRun> {
        self.text.iter().find(|r| r.text.contains(needle))
    }

    /// The text of each line of a page: runs sharing a baseline, left to right.
    pub fn lines(&self, page: usize) -> Vec<(f64, String)> {
        let mut runs: Vec<&TextRun> = self.text.iter().filter(|r| r.page == page).collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Each line with where its last run ends: runs that touch (a word set in a box of its
        // own, `12/12/2025` before `,`) join without a space.
        let mut lines: Vec<(f64, String, f64)> = vec![];
        for r in runs {
            match lines.last_mut() {
                Some((y, text, end)) if (*y - r.y).abs() < 0.5 => {
                    if r.x - *end > TOUCHING && !text.ends_with(' ') && !r.text.starts_with(' ') {
                        text.push(' ');
                    }
                    text.push_str(&r.text);
                    *end = r.x + r.width;
                }
                _ => lines.push((r.y, r.text.clone(), r.x + r.width)),
            }
        }
        lines.into_iter().map(|(y, text, _)| (y, text)).collect()
    }
}
