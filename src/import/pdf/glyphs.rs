//! The glyphs of a page, as hayro-interpret draws them: each with its text (the font's
//! Unicode mapping), its baseline origin and size in points from the page's top-left, its
//! advance, and its font's name and style.

use std::collections::HashMap;

use hayro_interpret::font::Glyph as Drawn;
use hayro_interpret::{BlendMode, ClipPath, Device, GlyphDrawMode, Image, Paint, PathDrawMode, SoftMask};
use kurbo::{Affine, BezPath};

/// The most glyphs read from one page; a page of real text has a few thousand.
pub const PAGE_GLYPHS: usize = 100_000;

/// A glyph placed on the page.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// What it stands for (one character, or a ligature's several).
    pub text: String,
    /// The baseline origin, in points from the left.
    pub x: f64,
    /// The baseline, in points from the top.
    pub y: f64,
    /// The font size in points.
    pub size: f64,
    /// The advance, in points.
    pub width: f64,
    /// Its font, an index into [`Glyphs::fonts`].
    pub font: usize,
    /// Drawn twice (filled and stroked, or overprinted): bold made by the producer.
    pub emboldened: bool,
}

/// A font met on the page.
#[derive(Debug, Clone, Default)]
pub struct Font {
    /// The PostScript name, without a subset prefix; empty when the PDF does not give it.
    pub name: String,
    pub bold: bool,
    pub italic: bool,
}

/// The glyphs of one page, and what could not be read.
#[derive(Default)]
pub struct Glyphs {
    pub glyphs: Vec<Glyph>,
    pub fonts: Vec<Font>,
    /// Glyphs without a Unicode mapping (their text is unknown).
    pub unmapped: usize,
    /// Glyphs set at an angle (stamps, vertical text), not read into lines.
    pub rotated: usize,
    /// Glyphs past [`PAGE_GLYPHS`].
    pub dropped: usize,
    by_key: HashMap<u128, usize>,
}

impl Glyphs {
    /// The index of a glyph's font, read once per font.
    fn font(&mut self, glyph: &Drawn) -> usize {
        let Drawn::Outline(outline) = glyph else { return self.intern(0, Font::default) };
        self.intern(outline.font_cache_key(), || {
            let Some(data) = outline.font_data() else { return Font::default() };
            let name = data.postscript_name.unwrap_or_default();
            let lower = name.to_lowercase();
            let named = |words: &[&str]| words.iter().any(|w| lower.contains(w));
            Font {
                bold: data.weight.is_some_and(|w| w >= 600)
                    || named(&["bold", "black", "heavy", "semibold", "demi"]),
                italic: data.is_italic || named(&["italic", "oblique"]),
                name,
            }
        })
    }

    fn intern(&mut self, key: u128, make: impl FnOnce() -> Font) -> usize {
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.fonts.push(make());
        self.by_key.insert(key, self.fonts.len() - 1);
        self.fonts.len() - 1
    }
}

impl<'a> Device<'a> for Glyphs {
    fn draw_glyph(
        &mut self,
        glyph: &Drawn<'a>,
        ctm: Affine,
        gt: Affine,
        _: &Paint<'a>,
        mode: &GlyphDrawMode,
    ) {
        let m = (ctm * gt).as_coeffs();
        // Glyph space is 1000 units an em; the em's vertical and the baseline's direction.
        let size = m[2].hypot(m[3]) * 1000.0;
        if !size.is_finite() || size < 0.5 {
            return;
        }
        if m[1].abs() > 0.1 * m[0].abs() || m[0] <= 0.0 {
            self.rotated += 1;
            return;
        }
        let Some(text) = glyph.as_unicode() else {
            self.unmapped += 1;
            return;
        };
        let mut text = match text {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        if text.chars().any(char::is_control) {
            text = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        }
        let (x, y) = (m[4], m[5]);
        let advance = match glyph {
            Drawn::Outline(o) => o.advance_width().map(f64::from),
            Drawn::Type3(_) => None,
        };
        let width = advance.map_or(0.5 * size, |w| w * m[0].hypot(m[1]));
        // Fill then stroke, or the same glyph printed again a hair's breadth away: one glyph, bold.
        let near = |g: &Glyph| g.text == text && (g.x - x).abs() < 0.1 * size && (g.y - y).abs() < 0.1 * size;
        if let Some(g) = self.glyphs.iter_mut().rev().take(4).find(|g| near(g)) {
            let moved = (g.x - x).abs() + (g.y - y).abs() > 0.01 * size;
            g.emboldened |= moved || matches!(mode, GlyphDrawMode::Stroke(_));
            return;
        }
        if self.glyphs.len() >= PAGE_GLYPHS {
            self.dropped += 1;
            return;
        }
        let font = self.font(glyph);
        self.glyphs.push(Glyph { text, x, y, size, width, font, emboldened: false });
    }

    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
