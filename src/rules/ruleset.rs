//! Rulesets: one TOML file per set of format rules (layouts/rules/<id>.toml), embedded in the
//! binary. A file may inherit another (`ke_thua`) and state only what differs. The resolved
//! ruleset goes to the layout as data (`/.vanban/rules.json`); Rust reads the parts it needs to
//! choose the ruleset and derive the document's strings.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::date::{self, Date};

/// The embedded ruleset files: id and text.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("hd05-2026", include_str!("../../layouts/rules/hd05-2026.toml")),
    ("hd36-2018", include_str!("../../layouts/rules/hd36-2018.toml")),
    ("nd30-2020", include_str!("../../layouts/rules/nd30-2020.toml")),
];

/// The parts of a ruleset the Rust side uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Ruleset {
    /// Identifier, e.g. `hd05-2026`.
    pub id: String,
    /// Name of the instrument.
    pub ten: String,
    /// `dang` (Party) or `nha-nuoc` (State).
    pub the_thuc: String,
    /// First day the rules apply, `YYYY-MM-DD`.
    pub hieu_luc_tu: String,
    /// The heading scheme of a type that names none.
    pub kieu_muc: String,
    /// Fonts.
    pub phong: FontRule,
    /// Number and code line.
    pub so_ky_hieu: NumberRule,
    /// Place and date line.
    pub ngay_thang: DateRule,
    /// Recipient list.
    pub noi_nhan: RecipientsRule,
    /// The zones of the page (`noi_dung`, `trich_yeu`, …): the size and style each is set in.
    pub vung: BTreeMap<String, Zone>,
    /// Footnotes.
    pub chu_thich: FootnoteRule,
    /// The page's margins.
    pub trang: PageRule,
    /// The header block.
    pub dau_trang: HeaderRule,
    /// Drawn rules.
    pub ke: RulingRule,
    /// The closing band (Nơi nhận beside the signature).
    pub ky_nhan: BandRule,
    /// Addressees after Kính gửi / Kính trình.
    pub kinh_gui: AddresseeRule,
    /// Grounds for issuing (căn cứ).
    pub can_cu: RecipientRule,
    /// Công văn.
    pub cong_van: LetterRule,
    /// Signature.
    pub ky: SignatureRule,
    /// Body paragraphs.
    pub doan: BodyRule,
    /// Urgency mark.
    pub do_khan: MarkRule,
    /// Secrecy mark.
    pub do_mat: MarkRule,
    /// Draft line.
    pub du_thao: DraftRule,
    /// Heading numbers by level for `danh_so: tu_dong`, per heading scheme (`muc`, `muc_dieu`).
    pub danh_so: BTreeMap<String, Vec<NumberingLevel>>,
    /// Appendices.
    pub phu_luc: AppendixRule,
    /// Copies (bản sao).
    pub ban_sao: CopyRule,
    /// The notice of scope.
    pub pham_vi: ScopeRule,
    /// The register's sequences of numbers.
    pub cap_so: IssueRule,
    /// What `vanban check` holds documents to.
    pub kiem_tra: CheckRule,
    /// Document types this ruleset lays out, by slug.
    pub loai: BTreeMap<String, DocType>,
    /// The whole resolved file, for the layout.
    #[serde(skip)]
    pub data: toml::Table,
}

/// Font families, in order of preference.
#[derive(Debug, Clone, Deserialize)]
pub struct FontRule {
    /// Family names; the first one installed is used.
    pub ho: Vec<String>,
    /// The text's language (hyphenation, the PDF's `/Lang`), ISO 639-1.
    pub ngon_ngu: String,
}

/// How the number and code are written.
#[derive(Debug, Clone, Deserialize)]
pub struct NumberRule {
    /// Template with `{so}`, `{ma_loai}`, `{ma_co_quan}`.
    pub mau: String,
    /// Minimum digits of the number (zero padded).
    pub do_dai_so: usize,
    /// What stands for a number not yet given inside a line of text (an appendix's, a copy's).
    pub cho_trong: String,
    /// Other forms a document names with `mau_so` (`quy-pham`), which may hold `{nam}`.
    #[serde(default)]
    pub mau_rieng: BTreeMap<String, NumberForm>,
}

/// A number form other than the ruleset's.
#[derive(Debug, Clone, Deserialize)]
pub struct NumberForm {
    /// The number line, as `so_ky_hieu.mau`.
    pub mau: String,
    /// The number and code inside an appendix's line, as `phu_luc.mau_ky_hieu`.
    pub ky_hieu: String,
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

/// Punctuation of a list of lines (recipients, grounds).
#[derive(Debug, Clone, Deserialize)]
pub struct RecipientRule {
    /// Start of each line.
    pub dau_dong: String,
    /// End of each line but the last.
    pub cuoi_dong: String,
    /// End of the last line.
    pub cuoi_cung: String,
}

/// Nơi nhận: the label and the punctuation of the lines.
#[derive(Debug, Clone, Deserialize)]
pub struct RecipientsRule {
    /// The label, `Nơi nhận:`.
    pub nhan: String,
    /// The lines' punctuation.
    #[serde(flatten)]
    pub dong: RecipientRule,
    /// Its clause.
    pub nguon: String,
}

/// A zone of the page and how its text is set.
#[derive(Debug, Clone, Deserialize)]
pub struct Zone {
    /// Size, pt.
    pub size: f64,
    /// In capitals.
    #[serde(default)]
    pub in_hoa: bool,
    /// Bold.
    #[serde(default)]
    pub dam: bool,
    /// Italic.
    #[serde(default)]
    pub nghieng: bool,
    /// A table zone spanning the text width.
    #[serde(default)]
    pub ca_dong: bool,
    /// Its clause.
    #[serde(default)]
    pub nguon: String,
}

/// The page's margins, mm.
#[derive(Debug, Clone, Deserialize)]
pub struct PageRule {
    /// Top.
    pub le_tren: f64,
    /// Bottom.
    pub le_duoi: f64,
    /// Left.
    pub le_trai: f64,
    /// Right.
    pub le_phai: f64,
    /// Its clause.
    pub nguon: String,
}

/// The header block: what the audit holds it to.
#[derive(Debug, Clone, Deserialize)]
pub struct HeaderRule {
    /// The lines at the top right (`ĐẢNG CỘNG SẢN VIỆT NAM`, the Quốc hiệu), each in its zone.
    pub phai: Vec<HeaderLine>,
    /// A name of the header on several lines: no line shorter than this share of the longest.
    pub ti_le_dong_toi_thieu: f64,
    /// The least gap, mm, between the number's baseline and the line above it, where set.
    pub so_duoi_co_quan_mm: Option<f64>,
    /// The least gap, mm, between a công văn's Kính gửi and its V/v, where set.
    pub kinh_gui_duoi_v_v_mm: Option<f64>,
    /// Its clause.
    pub nguon: String,
}

/// A line of the header's right column.
#[derive(Debug, Clone, Deserialize)]
pub struct HeaderLine {
    /// Its text.
    pub chu: String,
    /// Its zone.
    pub vung: String,
}

/// Drawn rules.
#[derive(Debug, Clone, Deserialize)]
pub struct RulingRule {
    /// How far a rule under a line stands below its baseline at least, mm.
    pub cach_duoi_chu_mm: f64,
    /// Its clause.
    pub nguon: String,
}

/// The closing band.
#[derive(Debug, Clone, Deserialize)]
pub struct BandRule {
    /// Share of the text width of Nơi nhận's column.
    pub cot_trai: f64,
    /// Signers side by side, when there are several.
    pub nguoi_mot_hang: std::num::NonZeroU8,
    /// Its clause.
    pub nguon: String,
}

/// Footnotes.
#[derive(Debug, Clone, Deserialize)]
pub struct FootnoteRule {
    /// Length of the separator rule, mm.
    pub vach_dai: f64,
    /// A footnote's figure (its marker, its entry's number) is at most this share of the body
    /// size: how the audit tells it from text.
    pub so_toi_da: f64,
    /// Its clause.
    pub nguon: String,
}

impl Ruleset {
    /// The zone `name`; every zone the code names is in every ruleset (a test holds them to it).
    pub fn zone(&self, name: &str) -> &Zone {
        self.vung.get(name).unwrap_or_else(|| panic!("ruleset {}: no zone vung.{name}", self.id))
    }
}

/// Addressees: the label and the punctuation of the lines.
#[derive(Debug, Clone, Deserialize)]
pub struct AddresseeRule {
    /// The label, `Kính gửi:`.
    pub nhan: String,
    /// Start of each line of a list.
    pub dau_dong: String,
    /// End of each line of a list but the last.
    pub cuoi_dong: String,
    /// End of the last line of a list.
    pub cuoi_cung: String,
    /// The recipient line that stands for the addressees, first of Nơi nhận (`Như trên`).
    pub nhu_tren: String,
    /// End of a single addressee written on the label's line.
    pub mot_noi: String,
    /// Between the label and the recipients, em.
    pub khoang_nhan_em: f64,
}

/// Công văn.
#[derive(Debug, Clone, Deserialize)]
pub struct LetterRule {
    /// What the summary under the number starts with (`về việc `, `V/v `).
    pub tien_to: String,
}

/// Signature block.
#[derive(Debug, Clone, Deserialize)]
pub struct SignatureRule {
    /// The word between two titles, kept lowercase (`kiêm`).
    pub kiem: String,
    /// Authority prefixes (`T/M`, `K/T`, … or `TM.`, `KT.`, …).
    pub tien_to: Vec<String>,
    /// The prefix of a body signing collectively (`T/M`, `TM.`).
    pub thay_mat: String,
    /// Collective bodies, which sign T/M and never K/T.
    #[serde(default)]
    pub tap_the_tm: Vec<String>,
}

/// The data checks' settings and the clauses they cite.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckRule {
    /// Body lines a page (not the last) may end above its foot.
    pub trang_ngan_dong: f64,
    /// Its clause.
    pub trang_ngan_nguon: String,
    /// The clause text in Unicode NFC, without legacy encodings, is held to (TCVN 6909).
    pub unicode_nguon: String,
    /// How the last Nơi nhận line starts (`Lưu `, `Lưu: VT`).
    pub luu: String,
    /// Its clause.
    pub luu_nguon: String,
    /// The summary's first letter: `thuong` (lowercase) or `hoa` (capital).
    pub trich_yeu_chu_dau: String,
    /// Its clause.
    pub trich_yeu_nguon: String,
    /// The first letter of a công văn's summary, after its prefix.
    pub trich_yeu_cong_van_chu_dau: String,
    /// Its clause.
    pub trich_yeu_cong_van_nguon: String,
    /// Academic and other titles that may not precede a signer's name.
    pub hoc_ham: Vec<String>,
    /// Its clause.
    pub hoc_ham_nguon: String,
    /// The clause on authority prefixes.
    pub tien_to_nguon: String,
    /// The clause on writing the title without the body's name.
    pub chuc_vu_nguon: String,
    /// Types that may carry Kính gửi / Kính trình.
    pub kinh_gui: Vec<String>,
    /// Its clause.
    pub kinh_gui_nguon: String,
    /// The clause on the number and code.
    pub so_nguon: String,
    /// The clause on the date.
    pub ngay_nguon: String,
    /// Days ahead a signing date may be before it is flagged.
    pub ngay_toi_da: u32,
    /// Names of bodies that no longer exist from `ten_cu_tu` on.
    pub ten_cu: Vec<String>,
    /// The day those bodies ceased, `YYYY-MM-DD`.
    pub ten_cu_tu: String,
    /// Its clause.
    pub ten_cu_nguon: String,
    /// The clause on `Như trên` opening the recipients.
    pub nhu_tren_nguon: String,
    /// Starts of issuer names that are written under their superior body.
    #[serde(default)]
    pub cap_tren_can: Vec<String>,
    /// Starts of names that stand alone (bodies directly under the Central Committee).
    #[serde(default)]
    pub cap_tren_mien: Vec<String>,
    /// Its clause.
    #[serde(default)]
    pub cap_tren_nguon: String,
    /// Types each grassroots level may not issue, for documents dated from `cap_tu`.
    #[serde(default)]
    pub cap: Vec<LevelRule>,
    /// The day the rule on types by level took effect, `YYYY-MM-DD`.
    #[serde(default)]
    pub cap_tu: String,
    /// Its clause.
    #[serde(default)]
    pub cap_nguon: String,
}

/// One issuer level and the document types it may not issue.
#[derive(Debug, Clone, Deserialize)]
pub struct LevelRule {
    /// The level, in words for messages.
    pub ten: String,
    /// Starts of the issuer's name that place it at this level.
    pub dau_ten: Vec<String>,
    /// When set, the signing authority must contain it too (`BAN THƯỜNG VỤ`).
    #[serde(default)]
    pub tham_quyen: Option<String>,
    /// Types (slugs) this level does not issue.
    pub khong_duoc: Vec<String>,
}

/// A mark with levels (độ khẩn, độ mật).
#[derive(Debug, Clone, Deserialize)]
pub struct MarkRule {
    /// Level key → printed word.
    pub muc: BTreeMap<String, String>,
}

/// How numbers are written: a ruleset naming any other style is refused when it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum NumberStyle {
    /// I, II, III.
    #[serde(rename = "la-ma")]
    Roman,
    /// 1, 2, 3.
    #[serde(rename = "so")]
    Arabic,
    /// a, b, c, … in the Vietnamese alphabet.
    #[serde(rename = "chu")]
    Letters,
}

/// How one heading level is numbered.
#[derive(Debug, Clone, Deserialize)]
pub struct NumberingLevel {
    /// Its style: `la-ma`, `so` or `chu`.
    pub kieu: NumberStyle,
    /// Template: `{n}` this level's number, `{cha}` the level above's, e.g. `{cha}.{n}. `.
    pub mau: String,
    /// The number goes on a line of its own before the heading (Chương I, Mục 1).
    #[serde(default)]
    pub dong_rieng: bool,
    /// Numbered through the document, not restarted under each higher heading (Điều).
    #[serde(default)]
    pub lien_tuc: bool,
}

/// Copies: the copy's number and the forms of copying.
#[derive(Debug, Clone, Deserialize)]
pub struct CopyRule {
    /// The copy's number, with `{so}`, `{ma_hinh_thuc}`, `{ma_co_quan}`.
    pub mau_so: String,
    /// Forms of copying by key: name and code.
    pub hinh_thuc: BTreeMap<String, DocType>,
    /// Inside the stamp, mm.
    pub le_trong_mm: f64,
    /// Between the copier's and the date's columns of a copy without a stamp, mm.
    pub khoang_cot_mm: f64,
}

/// How the register numbers documents: what starts a sequence again from 01.
#[derive(Debug, Clone, Deserialize)]
pub struct IssueRule {
    /// What a sequence is kept by: each different value starts its own.
    pub theo: Vec<SequencePart>,
    /// Secret documents (`do_mat`) numbered in a sequence of their own.
    pub mat_rieng: bool,
    /// Its clause.
    pub nguon: String,
}

/// One thing a sequence of numbers is kept by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SequencePart {
    /// The issuing organ.
    CoQuan,
    /// The document type.
    Loai,
    /// The cấp ủy's term (`nhiem_ky` of the office profile).
    NhiemKy,
    /// The calendar year of the date.
    Nam,
}

/// The notice of scope (phạm vi lưu hành), top right of the first page.
#[derive(Debug, Clone, Deserialize)]
pub struct ScopeRule {
    /// Its middle below the top edge, mm.
    pub cach_mep_tren: f64,
    /// Framed by a rectangle.
    pub khung: bool,
    /// Inside the rectangle, mm.
    pub le_trong_mm: f64,
    /// Its clause.
    pub nguon: String,
}

/// Appendix headings.
#[derive(Debug, Clone, Deserialize)]
pub struct AppendixRule {
    /// The word, `Phụ lục`.
    pub nhan: String,
    /// How appendices are numbered when there are two or more: `so` or `la-ma`.
    pub kieu_so: NumberStyle,
    /// The line tying the appendix to its document, with `{loai}`, `{so_ky_hieu}`, `{ngay}`,
    /// `{co_quan}`.
    pub chi_dan: String,
    /// The number and code inside that line, as `so_ky_hieu.mau`.
    pub mau_ky_hieu: String,
    /// The rule drawn under that line, where the ruleset draws one.
    pub duoi_chi_dan: Option<toml::Table>,
    /// Its clause.
    pub nguon: String,
    /// The date inside that line, as `ngay_thang.mau`.
    pub mau_ngay: String,
    /// How an issuer's name in capitals is written inside that line.
    pub ten_co_quan: SentenceName,
}

/// A name in capitals as written inside a sentence: lower case but for the first word, the
/// words that are always capitalised, the word after a kind of body and a place's words.
#[derive(Debug, Clone, Deserialize)]
pub struct SentenceName {
    /// Words and phrases always capitalised (`Đảng`, `Trung ương`).
    pub viet_hoa: Vec<String>,
    /// Kinds of body whose next word is capitalised (`Sở` Nội vụ, `Ban` Thường vụ).
    pub sau_loai: Vec<String>,
    /// Administrative units whose following words are a place's name (`tỉnh` Lào Cai).
    pub dia_gioi: Vec<String>,
    /// Words that make a unit before them a body's name (`Tỉnh ủy`), not a place's.
    pub khong_phai_dia_gioi: Vec<String>,
}

/// The draft line.
#[derive(Debug, Clone, Deserialize)]
pub struct DraftRule {
    /// Template with `{n}`, e.g. `Dự thảo lần {n}`.
    pub mau: String,
}

/// Body paragraphs.
#[derive(Debug, Clone, Deserialize)]
pub struct BodyRule {
    /// Appended to the last paragraph (`./.` for State documents), or empty.
    pub ket_thuc: String,
    /// Runs no line breaks inside (a số–ký hiệu, a date, `Điều 3`), as regular expressions.
    pub khong_ngat: Vec<String>,
    /// Their clause.
    pub khong_ngat_nguon: String,
    /// Justified.
    pub can_deu: bool,
    /// Line spacing, pt.
    pub dan_dong_pt: f64,
    /// First-line indent, mm.
    pub thut_dau_dong: f64,
    /// Space between paragraphs, pt.
    pub cach_doan_pt: f64,
    /// The marks of list items by depth, the last for any deeper.
    pub dau_liet_ke: Vec<String>,
    /// Its clause.
    pub nguon: String,
}

impl BodyRule {
    /// The runs kept on one line, as one expression.
    pub fn unbroken(&self) -> regex::Regex {
        regex::Regex::new(&self.khong_ngat.join("|")).expect("checked when the ruleset is read")
    }
}

/// A document type.
#[derive(Debug, Clone, Deserialize)]
pub struct DocType {
    /// Its name, e.g. `Báo cáo`.
    pub ten: String,
    /// Its code in the ký hiệu, e.g. `BC`.
    pub ma: String,
    /// Whether the name is printed as the title (not for công văn).
    #[serde(default = "yes")]
    pub in_ten_loai: bool,
    /// Whether Nơi nhận starts with `Như trên` when there are addressees.
    #[serde(default)]
    pub nhu_tren: bool,
    /// The addressee label of this type (`Kính trình:`), instead of the ruleset's.
    pub nhan_kinh_gui: Option<String>,
    /// The number template of this type, instead of the ruleset's.
    pub mau_so: Option<String>,
    /// The decision line after the grounds (`QUYẾT ĐỊNH:`), if the type has one.
    pub quyet_nghi: Option<String>,
    /// The heading scheme (a key of the ruleset: `muc`, or `muc_dieu` for Chương/Mục/Điều);
    /// the ruleset's `kieu_muc` where the type names none.
    #[serde(default)]
    pub kieu_muc: String,
}

fn yes() -> bool {
    true
}

/// Every embedded ruleset, resolved. The files are checked by the test suite; a failure here
/// is a build defect, not a user error.
static ALL: LazyLock<Vec<Ruleset>> =
    LazyLock::new(|| EMBEDDED.iter().map(|(id, _)| resolve(id).unwrap_or_else(|e| panic!("{e}"))).collect());

/// Reads an embedded file and merges it over the file it inherits.
fn resolve(id: &str) -> Result<Ruleset, String> {
    let table = resolved_table(id)?;
    let mut rules: Ruleset =
        toml::Value::Table(table.clone()).try_into().map_err(|e| format!("ruleset {id}: {e}"))?;
    for kind in rules.loai.values_mut().filter(|k| k.kieu_muc.is_empty()) {
        kind.kieu_muc = rules.kieu_muc.clone();
    }
    if let Some((slug, _)) = rules.loai.iter().find(|(_, k)| !table.contains_key(&k.kieu_muc)) {
        return Err(format!("ruleset {id}: loai.{slug}.kieu_muc names no heading scheme"));
    }
    rules.data = table;
    if rules.doan.dau_liet_ke.is_empty() {
        return Err(format!("ruleset {id}: doan.dau_liet_ke names no mark"));
    }
    if let Some(bad) = rules.doan.khong_ngat.iter().find(|p| regex::Regex::new(p).is_err()) {
        return Err(format!("ruleset {id}: doan.khong_ngat `{bad}` is not a regular expression"));
    }
    Ok(rules)
}

fn resolved_table(id: &str) -> Result<toml::Table, String> {
    let (_, text) = EMBEDDED.iter().find(|(i, _)| *i == id).ok_or_else(|| format!("no ruleset {id}"))?;
    let mut table: toml::Table = toml::from_str(text).map_err(|e| format!("ruleset {id}: {e}"))?;
    match table.remove("ke_thua") {
        Some(toml::Value::String(base)) => {
            let mut merged = resolved_table(&base)?;
            merge(&mut merged, table);
            Ok(merged)
        }
        Some(_) => Err(format!("ruleset {id}: ke_thua must name a ruleset")),
        None => Ok(table),
    }
}

/// Deep merge: tables merge key by key, anything else in `over` replaces `base`.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Ruleset {
    /// The embedded ruleset with this id.
    pub fn get(id: &str) -> Option<&'static Ruleset> {
        ALL.iter().find(|r| r.id == id)
    }

    /// Every embedded ruleset.
    pub fn all() -> &'static [Ruleset] {
        &ALL
    }

    /// The ruleset of kind `the_thuc` in force on `date`: the latest one that took effect on or
    /// before it, else (for documents older than every ruleset) the earliest.
    pub fn in_force(the_thuc: &str, date: Date) -> Option<&'static Ruleset> {
        let mut of_kind: Vec<&Ruleset> = ALL.iter().filter(|r| r.the_thuc == the_thuc).collect();
        of_kind.sort_by_key(|r| r.effective());
        of_kind.iter().rev().find(|r| r.effective() <= date).or(of_kind.first()).copied()
    }

    /// The first day the rules apply.
    pub fn effective(&self) -> Date {
        date::parse(&self.hieu_luc_tu).unwrap_or_else(|| panic!("ruleset {}: hieu_luc_tu is a date", self.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every zone the code asks for by name (`zone("noi_dung")`) is in every ruleset.
    #[test]
    fn every_zone_the_code_names_is_in_every_ruleset() {
        let code = [include_str!("../check/audit.rs"), include_str!("derive.rs")].concat();
        let named: Vec<&str> =
            code.split("zone(\"").skip(1).filter_map(|rest| rest.split_once('"').map(|(n, _)| n)).collect();
        assert!(named.len() > 5, "{named:?}");
        for rules in Ruleset::all() {
            for name in &named {
                assert!(rules.vung.contains_key(*name), "{}: vung.{name}", rules.id);
            }
        }
    }

    #[test]
    fn every_embedded_ruleset_resolves() {
        for (id, _) in EMBEDDED {
            let r = resolve(id).unwrap();
            assert_eq!(&r.id, id);
            assert!(!r.loai.is_empty());
            r.effective();
        }
    }

    #[test]
    fn party_ruleset_by_date() {
        let on = |y, m, d| Ruleset::in_force("dang", date::ymd(y, m, d).unwrap()).unwrap().id.as_str();
        assert_eq!(on(2026, 5, 26), "hd36-2018");
        assert_eq!(on(2026, 5, 27), "hd05-2026");
        assert_eq!(on(2019, 1, 1), "hd36-2018");
        assert_eq!(on(2010, 1, 1), "hd36-2018", "older than every ruleset: the earliest");
    }

    #[test]
    fn inherited_values_and_overrides() {
        let old = Ruleset::get("hd36-2018").unwrap();
        let new = Ruleset::get("hd05-2026").unwrap();
        assert_eq!(old.data["trang"], new.data["trang"], "page inherited");
        assert_eq!(new.loai["quy-dinh"].ma, "QĐ");
        assert_eq!(old.loai["quy-dinh"].ma, "QĐi", "Quy định code of 2018");
    }
}
