//! Derives what the layout prints from the validated document and its ruleset: the number and
//! code line, the place and date line, the recipients' punctuation, the title.

use serde::Serialize;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::body::Block;
use crate::model::date::Date;
use crate::model::document::{Copy, Document, Signer};
use crate::rules::not_among;
use crate::rules::numbering::number_headings;
use crate::rules::ruleset::{DocType, MarkRule, Ruleset};

/// The document as the layout sees it (`/.vanban/data.json`).
#[derive(Debug, Clone, Serialize)]
pub struct View<'a> {
    /// Ruleset id.
    pub quy_tac: &'a str,
    /// The ruleset's font families that are installed, in its order of preference.
    pub phong: Vec<&'a str>,
    /// Type name as the title, e.g. `Báo cáo` (the zone sets the case); none for công văn.
    pub ten_loai: Option<&'a str>,
    /// The PDF's title metadata: tên loại and trích yếu.
    pub tieu_de_pdf: String,
    /// The PDF's subject metadata: the number and code, the date, who signs.
    pub mo_ta_pdf: String,
    /// The PDF's keywords: the type, the number and code, the signer, the ruleset.
    pub tu_khoa_pdf: Vec<String>,
    /// Issuing body.
    pub co_quan: IssuerView<'a>,
    /// Number and code, split around the number slot.
    pub so_ky_hieu: NumberView,
    /// Place and date line.
    pub dia_danh_ngay: String,
    /// Before issue (no number yet), the date line in three pieces around the blank day and
    /// month, e.g. `Hải Phòng, ngày `, ` tháng `, ` năm 2026`.
    pub ngay_o: Option<[String; 3]>,
    /// Summary lines under the title.
    pub trich_yeu: Vec<&'a str>,
    /// Summary lines under the number (công văn), with the ruleset's prefix.
    pub trich_yeu_duoi_so: Vec<String>,
    /// Kính gửi / Kính trình, when the document has addressees.
    pub kinh_gui: Option<AddresseeView>,
    /// Issuing-authority line above the grounds.
    pub tham_quyen_ban_hanh: Option<&'a str>,
    /// Grounds for issuing, punctuated.
    pub can_cu: Vec<String>,
    /// Decision line after the grounds (`QUYẾT ĐỊNH:`).
    pub quyet_nghi: Option<&'a str>,
    /// Heading scheme of the type.
    pub kieu_muc: &'a str,
    /// Urgency mark: its level key and printed word.
    pub do_khan: Option<MarkView<'a>>,
    /// Secrecy mark: its level key and printed word.
    pub do_mat: Option<MarkView<'a>>,
    /// Circulation notice.
    pub pham_vi: Option<&'a str>,
    /// Draft line, e.g. `Dự thảo lần 2`.
    pub du_thao: Option<String>,
    /// Drafter's code and number of copies.
    pub nguoi_soan: Option<&'a str>,
    /// Contact lines.
    pub lien_he: Vec<&'a str>,
    /// Appendices, each on its own pages.
    pub phu_luc: Vec<AppendixView<'a>>,
    /// The copy's parts, when this is a copy.
    pub ban_sao: Option<CopyView<'a>>,
    /// The body tree, with the ruleset's ending.
    pub noi_dung: Vec<Block>,
    /// Recipient lines, punctuated.
    pub noi_nhan: Vec<String>,
    /// Signer; the lead one when there are several.
    pub ky: SignerView<'a>,
    /// Other signers, placed left of the lead and in further rows.
    pub ky_khac: Vec<SignerView<'a>>,
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

/// A copy's parts as printed.
#[derive(Debug, Clone, Serialize)]
pub struct CopyView<'a> {
    /// The form of copying, e.g. `Sao y`.
    pub hinh_thuc: &'a str,
    /// The copying body.
    pub co_quan: &'a str,
    /// The copy's number line, e.g. `Số 03-BS/VPĐU`.
    pub so_ky_hieu: String,
    /// Place and date of copying.
    pub dia_danh_ngay: String,
    /// Who signs the copy.
    pub ky: SignerView<'a>,
    /// Who receives the copy, punctuated.
    pub noi_nhan: Vec<String>,
}

/// An appendix as printed.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixView<'a> {
    /// `Phụ lục 1` (`Phụ lục` alone when there is one).
    pub nhan: String,
    /// Title lines.
    pub ten: Vec<&'a str>,
    /// `(Kèm theo Báo cáo số 05-BC/ĐU ngày …)`.
    pub chi_dan: String,
    /// Content.
    pub noi_dung: &'a [Block],
}

/// A mark with levels (độ khẩn, độ mật).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkView<'a> {
    /// The level key, e.g. `thuong-khan`.
    pub muc: &'a str,
    /// The printed word, e.g. `THƯỢNG KHẨN`.
    pub chu: &'a str,
}

impl NumberView {
    /// The line as text, with `blank` where the number is not yet assigned.
    pub fn text(&self, blank: &str) -> String {
        format!("{}{}{}", self.truoc, self.so.as_deref().unwrap_or(blank), self.sau)
    }
}

/// The addressee block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddresseeView {
    /// `Kính gửi:` or `Kính trình:`.
    pub nhan: String,
    /// The addressee lines, punctuated.
    pub dong: Vec<String>,
}

/// Signature lines.
#[derive(Debug, Clone, Serialize)]
pub struct SignerView<'a> {
    /// Authority lines (one, or two as in `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH`).
    pub tham_quyen: Vec<&'a str>,
    /// Title lines (`BÍ THƯ` / `kiêm` / `TRƯỞNG BAN CHỈ ĐẠO`); none for `T/M BỘ CHÍNH TRỊ`.
    pub chuc_vu: Vec<&'a str>,
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
    let kind = doc_type(doc, rules, src)?;
    let (trich_yeu, trich_yeu_duoi_so) = summary(doc, rules, kind);
    let (number_line_form, appendix_form) = number_forms(doc, rules, kind, src)?;
    let appendices = appendices(doc, rules, &kind.ten, &kind.ma, appendix_form);
    let ban_sao = doc.ban_sao.as_ref().map(|c| copy(doc, c, rules, src)).transpose()?;
    let number_view =
        number(number_line_form, rules, &kind.ma, &doc.co_quan.viet_tat, doc.so, doc.ngay.year());
    let number_line = number_view.text("");
    Ok(View {
        phu_luc: appendices,
        ban_sao,
        do_khan: mark(doc, src, "do_khan", &rules.do_khan, &doc.do_khan)?,
        do_mat: mark(doc, src, "do_mat", &rules.do_mat, &doc.do_mat)?,
        pham_vi: doc.pham_vi.as_deref(),
        du_thao: doc.du_thao.map(|n| rules.du_thao.mau.replace("{n}", &n.to_string())),
        nguoi_soan: doc.nguoi_soan.as_deref(),
        lien_he: doc.lien_he.as_deref().map_or(vec![], text_lines),
        quy_tac: &rules.id,
        phong: rules.phong.ho.iter().map(String::as_str).filter(|f| installed(f)).collect(),
        ten_loai: kind.in_ten_loai.then_some(doc.ten_loai.as_deref().unwrap_or(kind.ten.as_str())),
        tieu_de_pdf: format!(
            "{} {}",
            kind.ten,
            doc.trich_yeu.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        co_quan: IssuerView { cap_tren: doc.co_quan.cap_tren.as_deref(), ten: &doc.co_quan.ten },
        so_ky_hieu: number_view,
        dia_danh_ngay: date_line(rules, &doc.dia_danh, doc.ngay),
        ngay_o: doc.so.is_none().then(|| date_slots(rules, &doc.dia_danh, doc.ngay)),
        mo_ta_pdf: pdf_subject(rules, &number_line, doc),
        tu_khoa_pdf: vec![kind.ten.clone(), number_line.clone(), doc.ky.ho_ten.clone(), rules.id.clone()],
        trich_yeu,
        trich_yeu_duoi_so,
        kinh_gui: addressees(rules, kind.nhan_kinh_gui.as_deref(), &doc.kinh_gui),
        tham_quyen_ban_hanh: doc.tham_quyen_ban_hanh.as_deref(),
        can_cu: punctuate(
            &doc.can_cu,
            &rules.can_cu.dau_dong,
            &rules.can_cu.cuoi_dong,
            &rules.can_cu.cuoi_cung,
        ),
        quyet_nghi: kind.quyet_nghi.as_deref(),
        kieu_muc: &kind.kieu_muc,
        noi_dung: body(doc, rules, &kind.kieu_muc, src)?,
        noi_nhan: recipients(rules, &recipient_items(doc, rules, kind)),
        ky: signer(&doc.ky),
        ky_khac: doc.ky_khac.iter().map(signer).collect(),
    })
}

/// The ruleset's type the document names (`loai`), or why there is none.
fn doc_type<'a>(doc: &Document, rules: &'a Ruleset, src: &SourceFile) -> Result<&'a DocType, Diagnostics> {
    rules.loai.get(&doc.loai).ok_or_else(|| {
        let message = format!("bộ quy tắc {} chưa có thể loại `{}`", rules.id, doc.loai);
        let known = rules.loai.keys().map(String::as_str);
        not_among(
            "rules::unknown_type",
            message,
            (doc, src),
            "loai",
            &doc.loai,
            "các thể loại hiện có",
            known,
        )
    })
}

/// The summary's lines: under the title for a type that prints its name, else under the
/// number with the ruleset's prefix (`V/v …`).
fn summary<'a>(doc: &'a Document, rules: &Ruleset, kind: &DocType) -> (Vec<&'a str>, Vec<String>) {
    let summary = text_lines(&doc.trich_yeu).into_iter();
    if kind.in_ten_loai {
        return (summary.collect(), vec![]);
    }
    let prefix = &rules.cong_van.tien_to;
    // A summary that already opens with the prefix's first word (`Về triển khai …`) takes no
    // prefix: `về việc Về …` would say it twice.
    let first = prefix.split_whitespace().next().unwrap_or_default().to_lowercase();
    let lines = summary.enumerate().map(|(i, l)| {
        let opens = l.split_whitespace().next().is_some_and(|w| w.to_lowercase() == first);
        if i > 0 || opens { l.to_owned() } else { format!("{prefix}{l}") }
    });
    (vec![], lines.collect())
}

/// The recipients as written, led by `Như trên` where the type has it, the document has
/// addressees and the first line does not already say it.
fn recipient_items(doc: &Document, rules: &Ruleset, kind: &DocType) -> Vec<String> {
    let mut items = doc.noi_nhan.clone();
    let nhu_tren = rules.kinh_gui.nhu_tren.as_str();
    if kind.nhu_tren && !doc.kinh_gui.is_empty() && !items.first().is_some_and(|l| l.contains(nhu_tren)) {
        items.insert(0, nhu_tren.to_owned());
    }
    items
}

/// The level of the mark `key` (`value`, if any) as `rule` prints it, or why it has none.
fn mark<'a>(
    doc: &Document,
    src: &SourceFile,
    key: &str,
    rule: &'a MarkRule,
    value: &Option<String>,
) -> Result<Option<MarkView<'a>>, Diagnostics> {
    let Some(v) = value else { return Ok(None) };
    match rule.muc.get_key_value(v) {
        Some((muc, chu)) => Ok(Some(MarkView { muc, chu })),
        None => Err(not_among(
            "rules::unknown_level",
            format!("`{key}` không có mức `{v}`"),
            (doc, src),
            key,
            v,
            "các mức",
            rule.muc.keys().map(String::as_str),
        )),
    }
}

/// The copy `c` of the document as printed, or why its form of copying is unknown.
fn copy<'a>(
    doc: &Document,
    c: &'a Copy,
    rules: &'a Ruleset,
    src: &SourceFile,
) -> Result<CopyView<'a>, Diagnostics> {
    let Some(form) = rules.ban_sao.hinh_thuc.get(&c.hinh_thuc) else {
        let message = format!("không có hình thức sao `{}`", c.hinh_thuc);
        let known = rules.ban_sao.hinh_thuc.keys().map(String::as_str);
        return Err(not_among(
            "rules::unknown_copy",
            message,
            (doc, src),
            "ban_sao.hinh_thuc",
            &c.hinh_thuc,
            "các hình thức sao",
            known,
        ));
    };
    let template = rules.ban_sao.mau_so.replace("{ma_hinh_thuc}", &form.ma);
    let n = number(&template, rules, "", &c.viet_tat, c.so, c.ngay.year());
    Ok(CopyView {
        hinh_thuc: &form.ten,
        co_quan: &c.co_quan,
        so_ky_hieu: n.text(&rules.so_ky_hieu.cho_trong),
        dia_danh_ngay: date_line(rules, &c.dia_danh, c.ngay),
        ky: signer(&c.ky),
        noi_nhan: recipients(rules, &c.noi_nhan),
    })
}

/// A signer's lines: authority and title split where the author broke them.
fn signer(s: &Signer) -> SignerView<'_> {
    fn lines(t: &Option<String>) -> Vec<&str> {
        t.as_deref().map_or(vec![], text_lines)
    }
    SignerView { tham_quyen: lines(&s.tham_quyen), chuc_vu: lines(&s.chuc_vu), ho_ten: &s.ho_ten }
}

/// The non-empty lines of a text as the author broke it, trimmed.
fn text_lines(t: &str) -> Vec<&str> {
    t.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// The templates of the number line and of the code in an appendix's line: the ruleset's form the
/// document names (`mau_so`), else its type's, else the ruleset's.
pub fn number_forms<'a>(
    doc: &Document,
    rules: &'a Ruleset,
    kind: &'a DocType,
    src: &SourceFile,
) -> Result<(&'a str, &'a str), Diagnostics> {
    let forms = &rules.so_ky_hieu.mau_rieng;
    match doc.mau_so.as_deref() {
        None => Ok((kind.mau_so.as_deref().unwrap_or(&rules.so_ky_hieu.mau), &rules.phu_luc.mau_ky_hieu)),
        Some(name) => match forms.get(name) {
            Some(form) => Ok((&form.mau, &form.ky_hieu)),
            None => {
                let message = format!("bộ quy tắc {} không có mẫu số `{name}`", rules.id);
                Err(match forms.is_empty() {
                    true => Diagnostic::error("rules::unknown_number_form", message)
                        .at(doc.locate(src, "mau_so", name))
                        .hint("bộ quy tắc này chỉ có mẫu số chung: bỏ khóa `mau_so`")
                        .into(),
                    false => not_among(
                        "rules::unknown_number_form",
                        message,
                        (doc, src),
                        "mau_so",
                        name,
                        "các mẫu số riêng",
                        forms.keys().map(String::as_str),
                    ),
                })
            }
        },
    }
}

/// The number and code line from `template`, e.g. `Số 05-BC/ĐU`, `Số: 05/BC-UBND` or, with the
/// `year`, `Số: 11/2026/QĐ-UBND`.
pub fn number(
    template: &str,
    rules: &Ruleset,
    type_code: &str,
    issuer_code: &str,
    so: Option<u32>,
    year: i32,
) -> NumberView {
    let filled = template
        .replace("{ma_loai}", type_code)
        .replace("{ma_co_quan}", issuer_code)
        .replace("{nam}", &year.to_string());
    let (truoc, sau) = filled.split_once("{so}").unwrap_or((&filled, ""));
    let width = rules.so_ky_hieu.do_dai_so;
    NumberView { truoc: truoc.to_owned(), so: so.map(|n| format!("{n:0width$}")), sau: sau.to_owned() }
}

/// The addressee block: one addressee on the label's line, several as a punctuated list.
pub fn addressees(rules: &Ruleset, label: Option<&str>, items: &[String]) -> Option<AddresseeView> {
    let r = &rules.kinh_gui;
    let nhan = label.unwrap_or(&r.nhan).to_owned();
    match items {
        [] => None,
        [one] => Some(AddresseeView { nhan, dong: vec![format!("{}{}", strip(one), r.mot_noi)] }),
        many => Some(AddresseeView { nhan, dong: punctuate(many, &r.dau_dong, &r.cuoi_dong, &r.cuoi_cung) }),
    }
}

/// Appendices with their labels (numbered when there are two or more) and the line that ties
/// them to the document.
fn appendices<'a>(
    doc: &'a Document,
    rules: &Ruleset,
    type_name: &str,
    type_code: &str,
    form: &str,
) -> Vec<AppendixView<'a>> {
    let r = &rules.phu_luc;
    let n = number(form, rules, type_code, &doc.co_quan.viet_tat, doc.so, doc.ngay.year());
    let code = n.text(&rules.so_ky_hieu.cho_trong);
    let chi_dan = r
        .chi_dan
        .replace("{loai}", type_name)
        .replace("{so_ky_hieu}", &code)
        .replace("{ngay}", &date_in(&r.mau_ngay, rules, "", doc.ngay))
        .replace("{co_quan}", &crate::rules::names::issuer_in_sentence(doc, rules));
    let several = doc.phu_luc.len() > 1;
    doc.phu_luc
        .iter()
        .enumerate()
        .map(|(i, a)| AppendixView {
            nhan: if several {
                format!("{} {}", r.nhan, crate::rules::numbering::format(r.kieu_so, i as u32 + 1))
            } else {
                r.nhan.clone()
            },
            ten: text_lines(&a.ten),
            chi_dan: chi_dan.clone(),
            noi_dung: &a.body,
        })
        .collect()
}

/// The body as printed: headings numbered by the type's `scheme` when the document asks for it,
/// the ruleset's ending.
fn body(doc: &Document, rules: &Ruleset, scheme: &str, src: &SourceFile) -> Result<Vec<Block>, Diagnostics> {
    let body = ending(&doc.body, &rules.doan.ket_thuc);
    match doc.danh_so.as_deref() {
        None | Some("tac_gia") => Ok(body),
        Some("tu_dong") => Ok(number_headings(body, rules.danh_so.get(scheme).map_or(&[], Vec::as_slice))),
        Some(other) => {
            Err(Diagnostic::error("rules::unknown_numbering", format!("không có cách đánh số `{other}`"))
                .at(doc.locate(src, "danh_so", other))
                .hint("dùng `tac_gia` (giữ số tác giả viết) hoặc `tu_dong`")
                .into())
        }
    }
}

/// The body with the ruleset's ending after the last paragraph's text: `./.` becomes `/.` after
/// a sentence that already ends with `.`.
fn ending(body: &[Block], end: &str) -> Vec<Block> {
    let mut body = body.to_vec();
    if let Some(first) = end.chars().next()
        && let Some(Block::Par { c }) = last_paragraph(&mut body)
    {
        let mut text = String::new();
        c.iter().for_each(|b| b.plain_text(&mut text));
        let t = if text.trim_end().ends_with(first) { &end[first.len_utf8()..] } else { end };
        c.push(Block::Text { t: t.to_owned() });
    }
    body
}

/// The last paragraph of the body, inside lists too.
fn last_paragraph(blocks: &mut [Block]) -> Option<&mut Block> {
    match blocks.last_mut()? {
        Block::List { items, .. } => last_paragraph(items.last_mut()?),
        b @ Block::Par { .. } => Some(b),
        _ => None,
    }
}

/// The date line before issue, in the pieces around the blank day and month.
pub fn date_slots(rules: &Ruleset, place: &str, d: Date) -> [String; 3] {
    let line = rules.ngay_thang.mau.replace("{dia_danh}", place).replace("{nam}", &d.year().to_string());
    let (before, rest) = line.split_once("{ngay}").unwrap_or((&line, ""));
    let (between, after) = rest.split_once("{thang}").unwrap_or((rest, ""));
    [before.to_owned(), between.to_owned(), after.to_owned()]
}

/// The PDF's subject: `Số 05-BC/ĐU, ngày 29/4/2026; người ký: …` (the number blank before
/// issue).
fn pdf_subject(rules: &Ruleset, number: &str, doc: &Document) -> String {
    let d = doc.ngay;
    let date =
        if doc.so.is_some() { format!(", ngày {}", crate::model::date::dmy(d)) } else { String::new() };
    format!("{number}{date}; người ký: {}; {}", doc.ky.ho_ten, rules.ten)
}

/// The place and date line, e.g. `Hải Phòng, ngày 03 tháng 02 năm 2026`.
pub fn date_line(rules: &Ruleset, place: &str, d: Date) -> String {
    date_in(&rules.ngay_thang.mau, rules, place, d)
}

/// A date in `template` (`{dia_danh}`, `{ngay}`, `{thang}`, `{nam}`), padded as the ruleset says.
fn date_in(template: &str, rules: &Ruleset, place: &str, d: Date) -> String {
    let r = &rules.ngay_thang;
    let pad = |n: u8, below: u32| if u32::from(n) < below { format!("{n:02}") } else { n.to_string() };
    template
        .replace("{dia_danh}", place)
        .replace("{ngay}", &pad(d.day(), r.ngay_them_0_duoi))
        .replace("{thang}", &pad(u8::from(d.month()), r.thang_them_0_duoi))
        .replace("{nam}", &d.year().to_string())
}

/// Recipient lines with the ruleset's punctuation; whatever the author put at the ends is
/// replaced.
pub fn recipients(rules: &Ruleset, items: &[String]) -> Vec<String> {
    let r = &rules.noi_nhan.dong;
    punctuate(items, &r.dau_dong, &r.cuoi_dong, &r.cuoi_cung)
}

/// A line without the dash and end punctuation the author may have typed.
fn strip(item: &str) -> &str {
    item.trim().trim_start_matches(['-', '–', ' ']).trim_end_matches([',', ';', '.', ' '])
}

/// Lines as `{start}{item}{end}`, the last with `last` instead of `end`.
fn punctuate(items: &[String], start: &str, end: &str, last: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{start}{}{}", strip(item), if i + 1 == n { last } else { end }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date;

    fn hd05() -> &'static Ruleset {
        Ruleset::get("hd05-2026").unwrap()
    }

    #[test]
    fn number_is_zero_padded_without_colon() {
        let n = number(&hd05().so_ky_hieu.mau, hd05(), "BC", "ĐU", Some(5), 2026);
        assert_eq!(format!("{}{}{}", n.truoc, n.so.unwrap(), n.sau), "Số 05-BC/ĐU");
        let n = number(&hd05().so_ky_hieu.mau, hd05(), "BC", "ĐU", Some(127), 2026);
        assert_eq!(n.so.as_deref(), Some("127"));
        let blank = number(&hd05().so_ky_hieu.mau, hd05(), "BC", "ĐU", None, 2026);
        assert_eq!((blank.truoc.as_str(), blank.so, blank.sau.as_str()), ("Số ", None, "-BC/ĐU"));
    }

    #[test]
    fn date_pads_day_below_10_and_months_1_2() {
        let r = hd05();
        assert_eq!(
            date_line(r, "Hà Nội", date::ymd(2026, 2, 3).unwrap()),
            "Hà Nội, ngày 03 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line(r, "Hải Phòng", date::ymd(2026, 4, 29).unwrap()),
            "Hải Phòng, ngày 29 tháng 4 năm 2026"
        );
        assert_eq!(date_line(r, "Huế", date::ymd(2026, 12, 10).unwrap()), "Huế, ngày 10 tháng 12 năm 2026");
    }

    #[test]
    fn recipients_take_the_ruleset_punctuation() {
        let items = ["Các đ/c Ủy viên BTV,".to_owned(), "- Lưu Văn phòng Đảng ủy".to_owned()];
        assert_eq!(recipients(hd05(), &items), ["- Các đ/c Ủy viên BTV;", "- Lưu Văn phòng Đảng ủy."]);
    }
}
