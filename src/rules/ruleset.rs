//! Rulesets: one TOML file per set of format rules (layouts/rules/<id>.toml), embedded in the
//! binary. The layout reads the same file for every size and position; Rust reads the parts it
//! needs to derive the document's strings.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The embedded ruleset files: id and text.
pub const EMBEDDED: &[(&str, &str)] = &[("hd05-2026", include_str!("../../layouts/rules/hd05-2026.toml"))];

/// The ruleset used when a document names none.
pub const DEFAULT: &str = "hd05-2026";

/// The parts of a ruleset the derive step uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Ruleset {
    /// Identifier, e.g. `hd05-2026`.
    pub id: String,
    /// Name of the instrument.
    pub ten: String,
    /// Fonts.
    pub phong: FontRule,
    /// Number and code line.
    pub so_ky_hieu: NumberRule,
    /// Place and date line.
    pub ngay_thang: DateRule,
    /// Recipient list.
    pub noi_nhan: RecipientRule,
    /// Document types this ruleset lays out, by slug.
    pub loai: BTreeMap<String, DocType>,
}

/// Font families, in order of preference.
#[derive(Debug, Clone, Deserialize)]
pub struct FontRule {
    /// Family names; the first one installed is used.
    pub ho: Vec<String>,
}

/// How the number and code are written.
#[derive(Debug, Clone, Deserialize)]
pub struct NumberRule {
    /// Template with `{so}`, `{ma_loai}`, `{ma_co_quan}`.
    pub mau: String,
    /// Minimum digits of the number (zero padded).
    pub do_dai_so: usize,
}

/// How the place and date line is written.
#[derive(Debug, Clone, Deserialize)]
pub struct DateRule {
    /// Template with `{dia_danh}`, `{ngay}`, `{thang}`, `{nam}`.
    pub mau: String,
    /// Days below this take a leading zero.
    pub ngay_them_0_duoi: u32,
    /// Months below this take a leading zero.
    pub thang_them_0_duoi: u32,
}

/// Punctuation of the recipient list.
#[derive(Debug, Clone, Deserialize)]
pub struct RecipientRule {
    /// Start of each line.
    pub dau_dong: String,
    /// End of each line but the last.
    pub cuoi_dong: String,
    /// End of the last line.
    pub cuoi_cung: String,
}

/// A document type.
#[derive(Debug, Clone, Deserialize)]
pub struct DocType {
    /// Its name, e.g. `Báo cáo`.
    pub ten: String,
    /// Its code in the ký hiệu, e.g. `BC`.
    pub ma: String,
}

impl Ruleset {
    /// The embedded ruleset with this id.
    pub fn embedded(id: &str) -> Option<Ruleset> {
        let (_, text) = EMBEDDED.iter().find(|(i, _)| *i == id)?;
        // The embedded files are checked by the test suite; a failure here is a build defect.
        Some(toml::from_str(text).expect("embedded ruleset is valid"))
    }

    /// Ids of the embedded rulesets.
    pub fn ids() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(id, _)| *id)
    }
}
