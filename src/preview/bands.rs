//! A page cut into horizontal bands, each its own small frame with a hash, so that a one-word
//! edit re-sends (and the browser decodes) the few bands whose content changed rather than the
//! whole page. Typst's SVG draws each glyph as a path: a browser takes about five times as long
//! to decode a full page as a PNG of it, and a band costs a fraction of that.

use typst::foundations::Content;
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Sides, Size, Transform};
use typst_layout::Page;

/// The height of a band, pt: about two lines of body text.
pub const BAND_PT: f64 = 36.0;

/// How far beyond its baseline a run of text may reach, in ems, above and below: generous, so
/// that stacked Vietnamese marks are never cut off (a run near an edge is drawn in both bands
/// and each clips its part).
const TEXT_REACH: (f64, f64) = (1.4, 0.6);

/// Something drawn, at its place on the page, with the vertical span it may cover.
struct Leaf {
    pos: Point,
    item: FrameItem,
    top: Abs,
    bottom: Abs,
}

/// The page's bands, top to bottom, each a page of its own the width of `page` and
/// [`BAND_PT`] high (the last one shorter).
pub fn bands(page: &Page) -> Vec<Page> {
    let mut leaves = vec![];
    flatten(&page.frame, Point::zero(), &mut leaves);
    let (width, height) = (page.frame.width(), page.frame.height());
    let band = Abs::pt(BAND_PT);
    (0..count(height))
        .map(|i| {
            let top = band * i as f64;
            let bottom = (top + band).min(height);
            let mut frame = Frame::hard(Size::new(width, bottom - top));
            for leaf in leaves.iter().filter(|l| l.bottom > top && l.top < bottom) {
                frame.push(leaf.pos - Point::with_y(top), leaf.item.clone());
            }
            Page {
                frame,
                bleed: Sides::default(),
                fill: page.fill.clone(),
                numbering: None,
                supplement: Content::empty(),
                number: page.number,
            }
        })
        .collect()
}

/// The count of bands of a page `height` high.
pub fn count(height: Abs) -> usize {
    (height / Abs::pt(BAND_PT)).ceil().max(1.0) as usize
}

/// Collects what `frame`, placed at `at`, draws. Groups that only move their content are
/// opened; a group that scales, rotates or clips is kept whole, with the span of its corners.
fn flatten(frame: &Frame, at: Point, leaves: &mut Vec<Leaf>) {
    for (pos, item) in frame.items() {
        let pos = at + *pos;
        let span = match item {
            FrameItem::Group(group) if is_move(group) => {
                flatten(&group.frame, pos + Point::new(group.transform.tx, group.transform.ty), leaves);
                continue;
            }
            FrameItem::Group(group) => group_span(group),
            FrameItem::Text(text) => (-text.size * TEXT_REACH.0, text.size * TEXT_REACH.1),
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                (bbox.min.y, bbox.max.y)
            }
            FrameItem::Image(_, size, _) => (Abs::zero(), size.y),
            // Links and tags draw nothing.
            FrameItem::Link(..) | FrameItem::Tag(_) => continue,
        };
        leaves.push(Leaf { pos, item: item.clone(), top: pos.y + span.0, bottom: pos.y + span.1 });
    }
}

/// Whether a group only moves its content.
fn is_move(group: &GroupItem) -> bool {
    let ts = group.transform;
    group.clip.is_none() && Transform { tx: Abs::zero(), ty: Abs::zero(), ..ts }.is_identity()
}

/// The vertical span of a group's frame after its transform, relative to its position.
fn group_span(group: &GroupItem) -> (Abs, Abs) {
    let Size { x: w, y: h } = group.frame.size();
    let ys = [Point::zero(), Point::with_x(w), Point::with_y(h), Point::new(w, h)]
        .map(|p| p.transform(group.transform).y);
    let top = ys.iter().copied().fold(Abs::inf(), Abs::min);
    let bottom = ys.iter().copied().fold(-Abs::inf(), Abs::max);
    (top, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_has_one_band_per_band_height() {
        assert_eq!(count(Abs::mm(297.0)), 24);
        assert_eq!(count(Abs::pt(BAND_PT)), 1);
        assert_eq!(count(Abs::zero()), 1);
    }

    #[test]
    fn a_scaled_group_spans_its_transformed_corners() {
        let mut group = GroupItem::new(Frame::soft(Size::new(Abs::pt(10.0), Abs::pt(20.0))));
        group.transform = Transform::scale(typst::layout::Ratio::new(1.0), typst::layout::Ratio::new(-2.0));
        assert!(!is_move(&group));
        let (top, bottom) = group_span(&group);
        assert_eq!((top.to_pt(), bottom.to_pt()), (-40.0, 0.0));
        group.transform = Transform::translate(Abs::pt(3.0), Abs::pt(4.0));
        assert!(is_move(&group));
    }
}
