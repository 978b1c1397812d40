//! The validated document: what a document says, with the source offset of every value kept
//! for later messages.

use std::collections::BTreeMap;

use crate::diag::source::SourceFile;
use crate::model::body::Block;
use crate::model::date::Date;

/// The issuing body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// Directly superior body, when there is one.
    pub cap_tren: Option<String>,
    /// The issuing body.
    pub ten: String,
    /// Its code in the ký hiệu.
    pub viet_tat: String,
    /// Its name as written inside a sentence (`Sở Nội vụ`), when the author gives it.
    pub ten_thuong: Option<String>,
}

/// The signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// Authority line, e.g. `T/M BAN THƯỜNG VỤ`.
    pub tham_quyen: Option<String>,
    /// Title, e.g. `PHÓ BÍ THƯ`.
    pub chuc_vu: Option<String>,
    /// Full name.
    pub ho_ten: String,
}

/// What a copy (bản sao) adds to the copied document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// `sao-y`, `sao-luc` or `trich-sao`.
    pub hinh_thuc: String,
    /// The copying body.
    pub co_quan: String,
    /// Its code.
    pub viet_tat: String,
    /// The copy's number.
    pub so: Option<u32>,
    /// Place of copying.
    pub dia_danh: String,
    /// Date of copying.
    pub ngay: Date,
    /// Who signs the copy.
    pub ky: Signer,
    /// Who receives the copy.
    pub noi_nhan: Vec<String>,
}

/// An appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    /// Its title.
    pub ten: String,
    /// Its content.
    pub body: Vec<Block>,
}

/// A document that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Type slug, e.g. `bao-cao`.
    pub loai: String,
    /// Kind of document named by the document (`dang`, `nha-nuoc`), if any.
    pub the_thuc: Option<String>,
    /// Ruleset named by the document, if any.
    pub quy_tac: Option<String>,
    /// The type name as printed, when it says more than the type's (`BÁO CÁO NHANH`).
    pub ten_loai: Option<String>,
    /// Issuing body.
    pub co_quan: Issuer,
    /// Number, when already assigned.
    pub so: Option<u32>,
    /// Place name.
    pub dia_danh: String,
    /// Signing date.
    pub ngay: Date,
    /// Summary, lines as written.
    pub trich_yeu: String,
    /// Signer; the lead one when there are several.
    pub ky: Signer,
    /// Other signers (biên bản, joint documents).
    pub ky_khac: Vec<Signer>,
    /// Appendices.
    pub phu_luc: Vec<Appendix>,
    /// The copy's own parts, when this is a copy (bản sao).
    pub ban_sao: Option<Copy>,
    /// Recipients, as written (punctuation is derived).
    pub noi_nhan: Vec<String>,
    /// Addressees after Kính gửi / Kính trình, as written.
    pub kinh_gui: Vec<String>,
    /// Grounds for issuing (căn cứ), as written.
    pub can_cu: Vec<String>,
    /// Issuing-authority line above the grounds.
    pub tham_quyen_ban_hanh: Option<String>,
    /// Heading numbers: `tac_gia` (as written) or `tu_dong` (the ruleset's scheme).
    pub danh_so: Option<String>,
    /// A number form of the ruleset's other than the type's (`quy-pham`).
    pub mau_so: Option<String>,
    /// Urgency level key (`khan`, `thuong-khan`, `hoa-toc`).
    pub do_khan: Option<String>,
    /// Secrecy level key (`mat`, `toi-mat`, `tuyet-mat`).
    pub do_mat: Option<String>,
    /// Circulation notice (`LƯU HÀNH NỘI BỘ`).
    pub pham_vi: Option<String>,
    /// Draft number.
    pub du_thao: Option<u32>,
    /// Drafter's code and number of copies.
    pub nguoi_soan: Option<String>,
    /// Contact information, lines as written.
    pub lien_he: Option<String>,
    /// The body.
    pub body: Vec<Block>,
    /// Where each value present stands in the source, by dotted path; a list's items as
    /// `noi_nhan[0]`, `noi_nhan[1]`, ….
    pub spans: BTreeMap<String, Span>,
}

impl Document {
    /// Where the value of `key` stands in `src`, underlining `text`; the file's start if absent.
    pub fn locate(&self, src: &SourceFile, key: &str, text: &str) -> crate::diag::Location {
        src.location(self.spans.get(key).map_or(0, |s| s.at), text.chars().count())
    }
}

/// Where a value stands in its source file: its first byte and the byte just past it, as
/// written (a scalar's quotes included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first byte.
    pub at: usize,
    /// Just past the last byte.
    pub end: usize,
}

/// A number as the author wrote it: `5`, `05`, or copied with its code, `Số: 05/BC-UBND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenNumber<'a> {
    /// What stands before the digits: `Số `, `Số: ` or nothing.
    pub prefix: &'a str,
    /// The digits.
    pub digits: &'a str,
    /// The code after the digits, from its first `-` or `/`: `-BC/ĐU`, or nothing.
    pub code: &'a str,
}

impl<'a> WrittenNumber<'a> {
    /// Reads `[Số[:]] digits [-/code]`; `None` for anything else.
    pub fn parse(s: &'a str) -> Option<Self> {
        let s = s.trim();
        let rest = ["Số", "số", "SỐ"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
        let rest = rest.trim_start_matches([':', ' ']);
        let prefix = &s[..s.len() - rest.len()];
        let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let (digits, code) = rest.split_at(end);
        let code_ok = code.is_empty() || code.starts_with(['-', '/']);
        (!digits.is_empty() && code_ok).then_some(Self { prefix, digits, code })
    }
}
