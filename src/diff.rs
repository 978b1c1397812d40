//! Visual differences between two versions of a document's pages: each page rasterised, the
//! pixels compared cell by cell, neighbouring changed cells merged into regions, and for each
//! changed page an image of both versions side by side with the regions outlined.

use serde::Serialize;
use typst_layout::PagedDocument;

/// Resolution pages are compared at, pixels per inch (a cell is then about 1.3 mm).
pub const PPI: f32 = 96.0;
/// Side of a comparison cell, pixels.
const CELL: usize = 5;
/// Changed cells this many cells apart belong to one region (about 4 mm: a word, a line).
const REACH: usize = 3;
/// The difference in any colour channel that counts as a change.
const TOLERANCE: u8 = 24;

/// A page as pixels: RGBA, rows top to bottom.
#[derive(Debug, Clone)]
pub struct Raster {
    /// Width, pixels.
    pub width: usize,
    /// Height, pixels.
    pub height: usize,
    /// RGBA bytes (premultiplied on a white page, so opaque).
    pub rgba: Vec<u8>,
}

/// A changed region, in mm from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Region {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub rong: f64,
    /// Height.
    pub cao: f64,
}

/// One changed page.
#[derive(Debug, Clone, Serialize)]
pub struct PageDiff {
    /// Page number, from 1.
    pub trang: usize,
    /// Share of the page's pixels that changed, 0–1.
    pub ti_le: f64,
    /// Where.
    pub vung: Vec<Region>,
    /// Both versions side by side with the regions outlined (PNG).
    #[serde(skip)]
    pub image: Vec<u8>,
}

/// The most pixels a page is compared at: an A4 page at [`PPI`] is under a million; a PDF of
/// 200 pages five metres wide reached 7.4 GB.
pub const MAX_PAGE_PIXELS: f64 = 16_000_000.0;

/// The pages of one version, rasterised one at a time as they are compared.
pub trait Pages {
    /// How many.
    fn count(&self) -> usize;
    /// Page `i` (from 0); the error says why it cannot be compared.
    fn raster(&self, i: usize) -> Result<Raster, String>;
}

/// Refuses page `i` of `w` × `h` pt past [`MAX_PAGE_PIXELS`] at [`PPI`].
fn fits(i: usize, w: f64, h: f64) -> Result<(), String> {
    let scale = f64::from(PPI) / 72.0;
    if w * scale * h * scale <= MAX_PAGE_PIXELS {
        return Ok(());
    }
    let mm = |pt: f64| (pt * 25.4 / 72.0).round();
    Err(format!(
        "trang {} khổ {} × {} mm, lớn quá để so (quá {} triệu điểm ảnh ở {PPI} ppi)",
        i + 1,
        mm(w),
        mm(h),
        MAX_PAGE_PIXELS / 1e6
    ))
}

/// A laid-out document's pages.
pub struct Laid<'a>(pub &'a PagedDocument);

impl Pages for Laid<'_> {
    fn count(&self) -> usize {
        self.0.pages().len()
    }

    fn raster(&self, i: usize) -> Result<Raster, String> {
        let page = &self.0.pages()[i];
        fits(i, page.frame.width().to_pt(), page.frame.height().to_pt())?;
        let p = crate::export::pixmap(page, PPI);
        Ok(Raster { width: p.width() as usize, height: p.height() as usize, rgba: p.take() })
    }
}

/// A PDF read for comparing; the error says why it cannot be read.
pub fn read_pdf(bytes: Vec<u8>) -> Result<hayro::hayro_syntax::Pdf, String> {
    hayro::hayro_syntax::Pdf::new(bytes)
        .map_err(|e| format!("không đọc được PDF: {}", crate::import::pdf::load_reason(&e)))
}

/// A PDF's pages, with the fonts and images read once for all of them.
pub struct PdfPages<'a> {
    pdf: &'a hayro::hayro_syntax::Pdf,
    cache: hayro::RenderCache<'a>,
}

impl<'a> PdfPages<'a> {
    /// The pages of `pdf`.
    pub fn new(pdf: &'a hayro::hayro_syntax::Pdf) -> Self {
        Self { pdf, cache: hayro::RenderCache::new() }
    }
}

impl Pages for PdfPages<'_> {
    fn count(&self) -> usize {
        self.pdf.pages().len()
    }

    fn raster(&self, i: usize) -> Result<Raster, String> {
        let page = &self.pdf.pages()[i];
        let (w, h) = page.render_dimensions();
        fits(i, f64::from(w), f64::from(h))?;
        let scale = PPI / 72.0;
        let render = hayro::RenderSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
            ..Default::default()
        };
        let settings = hayro::hayro_interpret::InterpreterSettings::default();
        let p = hayro::render(page, &self.cache, &settings, &render);
        Ok(Raster {
            width: usize::from(p.width()),
            height: usize::from(p.height()),
            rgba: p.data_as_u8_slice().to_vec(),
        })
    }
}

/// Which of the two versions compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The first, `a`.
    Old,
    /// The second, `b`.
    New,
}

/// The changed pages between versions `a` and `b` of a document, a pair of pages in memory at
/// a time. A page only one version has is changed all over. The error names the version whose
/// page cannot be compared, and why.
pub fn compare(a: &dyn Pages, b: &dyn Pages) -> Result<Vec<PageDiff>, (Version, String)> {
    let blank = |r: &Raster| Raster { width: r.width, height: r.height, rgba: vec![255; r.rgba.len()] };
    let old = |i| a.raster(i).map_err(|m| (Version::Old, m));
    let new = |i| b.raster(i).map_err(|m| (Version::New, m));
    let mut out = vec![];
    for i in 0..a.count().max(b.count()) {
        let (pa, pb) = match (i < a.count(), i < b.count()) {
            (true, true) => (old(i)?, new(i)?),
            (true, false) => {
                let x = old(i)?;
                let white = blank(&x);
                (x, white)
            }
            _ => {
                let y = new(i)?;
                (blank(&y), y)
            }
        };
        if let Some(d) = page(i + 1, &pa, &pb) {
            out.push(d);
        }
    }
    Ok(out)
}

/// The difference of one page, if any.
fn page(number: usize, a: &Raster, b: &Raster) -> Option<PageDiff> {
    let (w, h) = (a.width.max(b.width), a.height.max(b.height));
    let (cols, rows) = (w.div_ceil(CELL), h.div_ceil(CELL));
    let mut changed = vec![false; cols * rows];
    let mut pixels = 0usize;
    // A row of `w` pixels, padded with white where the page is smaller.
    let row = |r: &Raster, y: usize| -> Vec<u8> {
        let mut v = vec![255u8; w * 4];
        if y < r.height {
            v[..r.width * 4].copy_from_slice(&r.rgba[y * r.width * 4..(y + 1) * r.width * 4]);
        }
        v
    };
    for y in 0..h {
        let (ra, rb) = (row(a, y), row(b, y));
        if ra == rb {
            continue;
        }
        for (x, (p, q)) in ra.chunks_exact(4).zip(rb.chunks_exact(4)).enumerate() {
            if p.iter().zip(q).any(|(u, v)| u.abs_diff(*v) > TOLERANCE) {
                pixels += 1;
                changed[(y / CELL) * cols + x / CELL] = true;
            }
        }
    }
    if pixels == 0 {
        return None;
    }
    let boxes = regions(&changed, cols, rows);
    let mm = 25.4 / f64::from(PPI);
    let vung = boxes
        .iter()
        .map(|&(x0, y0, x1, y1)| Region {
            x: (x0 * CELL) as f64 * mm,
            y: (y0 * CELL) as f64 * mm,
            rong: ((x1 + 1 - x0) * CELL) as f64 * mm,
            cao: ((y1 + 1 - y0) * CELL) as f64 * mm,
        })
        .collect();
    Some(PageDiff {
        trang: number,
        ti_le: pixels as f64 / (w * h) as f64,
        vung,
        image: side_by_side(a, b, &boxes),
    })
}

/// Bounding boxes (in cells, inclusive) of groups of changed cells within [`REACH`] of each
/// other.
fn regions(changed: &[bool], cols: usize, rows: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut seen = vec![false; changed.len()];
    let mut out = vec![];
    for start in 0..changed.len() {
        if !changed[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % cols, i / cols);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            for ny in y.saturating_sub(REACH)..=(y + REACH).min(rows - 1) {
                for nx in x.saturating_sub(REACH)..=(x + REACH).min(cols - 1) {
                    let j = ny * cols + nx;
                    if changed[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push((x0, y0, x1, y1));
    }
    out
}

/// Both versions side by side, a gap between, the regions outlined in red on each (PNG).
fn side_by_side(a: &Raster, b: &Raster, boxes: &[(usize, usize, usize, usize)]) -> Vec<u8> {
    const GAP: usize = 16;
    let (w, h) = (a.width + GAP + b.width, a.height.max(b.height));
    let mut rgba = vec![200u8; w * h * 4];
    for (r, left) in [(a, 0), (b, a.width + GAP)] {
        for y in 0..r.height {
            let from = y * r.width * 4;
            let to = (y * w + left) * 4;
            rgba[to..to + r.width * 4].copy_from_slice(&r.rgba[from..from + r.width * 4]);
        }
    }
    let mut red = |x: usize, y: usize| {
        if x < w && y < h {
            rgba[(y * w + x) * 4..(y * w + x) * 4 + 4].copy_from_slice(&[220, 0, 0, 255]);
        }
    };
    for left in [0, a.width + GAP] {
        for &(x0, y0, x1, y1) in boxes {
            let (l, t, r, bt) = (left + x0 * CELL, y0 * CELL, left + (x1 + 1) * CELL, (y1 + 1) * CELL);
            for t2 in 0..2 {
                for x in l..=r {
                    red(x, t.saturating_sub(t2));
                    red(x, bt + t2);
                }
                for y in t..=bt {
                    red(l.saturating_sub(t2), y);
                    red(r + t2, y);
                }
            }
        }
    }
    let size = tiny_skia::IntSize::from_wh(w as u32, h as u32).expect("a page has a size");
    tiny_skia::Pixmap::from_vec(rgba, size).and_then(|p| p.encode_png().ok()).unwrap_or_default()
}
