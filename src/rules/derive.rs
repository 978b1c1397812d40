//! Derives what the layout prints from the validated document and its ruleset: the number and
//! code line, the place and date line, the recipients' punctuation, the title.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::source::SourceFile;
use crate::model::body::Block;
use crate::model::document::{Date, Document};
use crate::rules::ruleset::Ruleset;

/// The document as the layout sees it (`/.vanban/data.json`).
#[derive(Debug, Clone, Serialize)]
pub struct View<'a> {
    /// Ruleset id; the layout loads `rules/<id>.toml`.
    pub quy_tac: &'a str,
    /// The ruleset's font families that are installed, in its order of preference.
    pub phong: Vec<&'a str>,
    /// Type name, e.g. `Báo cáo` (the ruleset's zone sets the case).
    pub ten_loai: &'a str,
    /// The PDF's title metadata.
    pub tieu_de_pdf: String,
    /// Issuing body.
    pub co_quan: IssuerView<'a>,
    /// Number and code, split around the number slot.
    pub so_ky_hieu: NumberView,
    /// Place and date line.
    pub dia_danh_ngay: String,
    /// Summary lines.
    pub trich_yeu: Vec<&'a str>,
    /// The body tree.
    pub noi_dung: &'a [Block],
    /// Recipient lines, punctuated.
    pub noi_nhan: Vec<String>,
    /// Signer.
    pub ky: SignerView<'a>,
}

/// Issuer names.
#[derive(Debug, Clone, Serialize)]
pub struct IssuerView<'a> {
    /// Superior body.
    pub cap_tren: Option<&'a str>,
    /// Issuing body.
    pub ten: &'a str,
}

/// `Số 05-BC/ĐU` as `truoc` + `so` + `sau`; `so` is null while the number is unassigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberView {
    /// Text before the number.
    pub truoc: String,
    /// The zero-padded number, if assigned.
    pub so: Option<String>,
    /// Text after the number.
    pub sau: String,
}

/// Signature lines.
#[derive(Debug, Clone, Serialize)]
pub struct SignerView<'a> {
    /// Authority line.
    pub tham_quyen: Option<&'a str>,
    /// Title.
    pub chuc_vu: Option<&'a str>,
    /// Name.
    pub ho_ten: &'a str,
}

/// Builds the view; fails when the ruleset does not know the document's type. `installed` says
/// whether a font family is available.
pub fn derive<'a>(
    doc: &'a Document,
    rules: &'a Ruleset,
    src: &SourceFile,
    installed: impl Fn(&str) -> bool,
) -> Result<View<'a>, Diagnostics> {
    let Some(kind) = rules.loai.get(&doc.loai) else {
        let known: Vec<&str> = rules.loai.keys().map(String::as_str).collect();
        return Err(Diagnostic::error(
            "rules::unknown_type",
            format!("bộ quy tắc {} chưa có thể loại `{}`", rules.id, doc.loai),
        )
        .at(src.location(doc.spans.get("loai").copied().unwrap_or(0), doc.loai.chars().count()))
        .hint(format!("các thể loại hiện có: {}", known.join(", ")))
        .into());
    };
    Ok(View {
        quy_tac: &rules.id,
        phong: rules.phong.ho.iter().map(String::as_str).filter(|f| installed(f)).collect(),
        ten_loai: &kind.ten,
        tieu_de_pdf: format!(
            "{} {}",
            kind.ten,
            doc.trich_yeu.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        co_quan: IssuerView { cap_tren: doc.co_quan.cap_tren.as_deref(), ten: &doc.co_quan.ten },
        so_ky_hieu: number(rules, &kind.ma, &doc.co_quan.viet_tat, doc.so),
        dia_danh_ngay: date_line(rules, &doc.dia_danh, doc.ngay),
        trich_yeu: doc.trich_yeu.lines().map(str::trim).filter(|l| !l.is_empty()).collect(),
        noi_dung: &doc.body,
        noi_nhan: recipients(rules, &doc.noi_nhan),
        ky: SignerView {
            tham_quyen: doc.ky.tham_quyen.as_deref(),
            chuc_vu: doc.ky.chuc_vu.as_deref(),
            ho_ten: &doc.ky.ho_ten,
        },
    })
}

/// The number and code line, e.g. `Số 05-BC/ĐU`.
pub fn number(rules: &Ruleset, type_code: &str, issuer_code: &str, so: Option<u32>) -> NumberView {
    let r = &rules.so_ky_hieu;
    let filled = r.mau.replace("{ma_loai}", type_code).replace("{ma_co_quan}", issuer_code);
    let (truoc, sau) = filled.split_once("{so}").unwrap_or((&filled, ""));
    NumberView {
        truoc: truoc.to_owned(),
        so: so.map(|n| format!("{n:0width$}", width = r.do_dai_so)),
        sau: sau.to_owned(),
    }
}

/// The place and date line, e.g. `Hải Phòng, ngày 03 tháng 02 năm 2026`.
pub fn date_line(rules: &Ruleset, place: &str, d: Date) -> String {
    let r = &rules.ngay_thang;
    let pad = |n: u32, below: u32| if n < below { format!("{n:02}") } else { n.to_string() };
    r.mau
        .replace("{dia_danh}", place)
        .replace("{ngay}", &pad(d.day, r.ngay_them_0_duoi))
        .replace("{thang}", &pad(d.month, r.thang_them_0_duoi))
        .replace("{nam}", &d.year.to_string())
}

/// Recipient lines with the ruleset's punctuation; whatever the author put at the ends is
/// replaced.
pub fn recipients(rules: &Ruleset, items: &[String]) -> Vec<String> {
    let r = &rules.noi_nhan;
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let core = item.trim().trim_start_matches(['-', '–', ' ']).trim_end_matches([',', ';', '.', ' ']);
            let end = if i + 1 == n { &r.cuoi_cung } else { &r.cuoi_dong };
            format!("{}{core}{end}", r.dau_dong)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hd05() -> &'static Ruleset {
        Ruleset::get("hd05-2026").unwrap()
    }

    #[test]
    fn number_is_zero_padded_without_colon() {
        let n = number(hd05(), "BC", "ĐU", Some(5));
        assert_eq!(format!("{}{}{}", n.truoc, n.so.unwrap(), n.sau), "Số 05-BC/ĐU");
        let n = number(hd05(), "BC", "ĐU", Some(127));
        assert_eq!(n.so.as_deref(), Some("127"));
        let blank = number(hd05(), "BC", "ĐU", None);
        assert_eq!((blank.truoc.as_str(), blank.so, blank.sau.as_str()), ("Số ", None, "-BC/ĐU"));
    }

    #[test]
    fn date_pads_day_below_10_and_months_1_2() {
        let r = hd05();
        assert_eq!(
            date_line(r, "Hà Nội", Date::new(2026, 2, 3).unwrap()),
            "Hà Nội, ngày 03 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line(r, "Hải Phòng", Date::new(2026, 4, 29).unwrap()),
            "Hải Phòng, ngày 29 tháng 4 năm 2026"
        );
        assert_eq!(date_line(r, "Huế", Date::new(2026, 12, 10).unwrap()), "Huế, ngày 10 tháng 12 năm 2026");
    }

    #[test]
    fn recipients_take_the_ruleset_punctuation() {
        let items = ["Các đ/c Ủy viên BTV,".to_owned(), "- Lưu Văn phòng Đảng ủy".to_owned()];
        assert_eq!(recipients(hd05(), &items), ["- Các đ/c Ủy viên BTV;", "- Lưu Văn phòng Đảng ủy."]);
    }
}
