//! Where the tools that come after vanban write: the leader's signature and the seal, the
//! blank number and date that the văn thư stamps, the organisation's signature at the top right
//! of page 1. The layout marks each box (`vanban-o` labels, `slot-mark` in van-ban.typ); they are
//! read back from the laid-out document, never guessed, and given as a sidecar (`.sign.json`)
//! and as empty signature fields in the PDF ([`fields`]).

pub mod fields;

use serde::Serialize;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// One box, in PDF points on its page, origin at the bottom left as PDF tools count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignBox {
    /// `chu_ky` (signature), `dau` (seal), `so` (number), `ngay`, `thang` (day, month),
    /// `to_chuc` (the organisation's signature).
    pub loai: String,
    /// Page, from 1.
    pub trang: usize,
    /// Left edge.
    pub x: f64,
    /// Bottom edge.
    pub y: f64,
    /// Width.
    pub rong: f64,
    /// Height.
    pub cao: f64,
    /// Whose signature or seal it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nguoi_ky: Option<String>,
}

/// The sidecar `<name>.sign.json`.
#[derive(Debug, Serialize)]
pub struct Sidecar<'a> {
    /// The PDF it describes (its file name).
    pub tep: &'a str,
    /// Units and origin of the boxes.
    pub don_vi: &'static str,
    /// The pages' sizes, pt: width and height.
    pub trang: Vec<(f64, f64)>,
    /// The boxes, in the order of the document.
    pub o: &'a [SignBox],
}

/// The boxes the layout marked, in document order.
pub fn boxes(document: &PagedDocument) -> Vec<SignBox> {
    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern("vanban-o")) else { return vec![] };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| {
            let position = introspector.position(marker.location()?)?;
            let Ok(Value::Dict(d)) = marker.get_by_name("value") else { return None };
            let number = |k: &str| match d.get(k) {
                Ok(Value::Float(f)) => Some(*f),
                Ok(Value::Int(i)) => Some(*i as f64),
                _ => None,
            };
            let text = |k: &str| match d.get(k) {
                Ok(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            };
            let page = position.page.get();
            let height = document.pages().get(page - 1)?.frame.height().to_pt();
            let (w, h) = (number("rong")?, number("cao")?);
            Some(SignBox {
                loai: text("o")?,
                trang: page,
                x: position.point.x.to_pt(),
                y: height - position.point.y.to_pt() - h,
                rong: w,
                cao: h,
                nguoi_ky: text("nguoi_ky"),
            })
        })
        .collect()
}

/// The sidecar's JSON for the PDF named `pdf_name`.
pub fn sidecar_json(document: &PagedDocument, pdf_name: &str, boxes: &[SignBox]) -> String {
    let pages =
        document.pages().iter().map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt())).collect();
    let sidecar =
        Sidecar {
            tep: pdf_name, don_vi: "pt, gốc ở góc dưới bên trái trang", trang: pages, o: boxes
        };
    serde_json::to_string_pretty(&sidecar).expect("the sidecar serializes") + "\n"
}
