//! The validated document: front-matter values checked against the schema, with the source
//! offset of every key kept for later messages.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::data::{Entry, Node, Value};
use crate::input::source::SourceFile;
use crate::input::{MAX_FIELD_CHARS, control, long_word, long_word_error};
use crate::model::body::Block;
use crate::model::schema::{self, Field, Kind};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// A date that exists in the Gregorian calendar, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Reads `YYYY-MM-DD` or `D/M/YYYY`; `None` unless it is a real date.
    pub fn parse(s: &str) -> Option<Self> {
        match parse_date(s) {
            DateParse::Ok(d) => Some(d),
            _ => None,
        }
    }
}

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
    /// Byte offset of each value present, by dotted path.
    pub spans: BTreeMap<String, usize>,
}

impl Document {
    /// Where the value of `key` stands in `src`, underlining `text`; the file's start if absent.
    pub fn locate(&self, src: &SourceFile, key: &str, text: &str) -> crate::diag::Location {
        src.location(self.spans.get(key).copied().unwrap_or(0), text.chars().count())
    }
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

/// Front-matter values read from the data tree, before the body is attached.
pub struct Header {
    doc: Document,
    /// The Markdown body given as `noi_dung` in data files, with its offset.
    pub noi_dung: Option<(String, usize)>,
    /// Each appendix's title, Markdown text and the text's offset.
    pub phu_luc: Vec<(String, String, usize)>,
}

impl Header {
    /// Attaches the parsed body and appendices (in the order of `phu_luc`).
    pub fn with_body(mut self, body: Vec<Block>, appendices: Vec<Vec<Block>>) -> Document {
        self.doc.body = body;
        let titles = self.phu_luc.into_iter().map(|(ten, _, _)| ten);
        self.doc.phu_luc = titles.zip(appendices).map(|(ten, body)| Appendix { ten, body }).collect();
        self.doc
    }
}

/// Checks the data tree against the schema and collects every error found.
/// `data_file` is true for `.json`/`.yaml`/`.toml` documents, false for Markdown.
pub fn validate(root: &Node, src: &SourceFile, data_file: bool) -> Result<Header, Diagnostics> {
    let mut v = Validator { src, data_file, errors: vec![], spans: BTreeMap::new(), values: BTreeMap::new() };
    match &root.value {
        Value::Map(entries) => v.map("", entries, root.at),
        Value::Null => v.map("", &[], root.at),
        other => v.errors.push(
            Diagnostic::error(
                "input::not_a_table",
                format!("phần khai báo phải là bảng khóa: giá trị, ở đây là {}", other.kind()),
            )
            .at(src.location(root.at, 1))
            .hint("viết mỗi khóa trên một dòng, ví dụ `loai: bao-cao`"),
        ),
    }
    if !v.errors.is_empty() {
        return Err(Diagnostics(v.errors));
    }
    let s = |p: &str| v.values.get(p).and_then(Checked::text);
    let doc = Document {
        loai: s("loai").unwrap_or_default(),
        the_thuc: s("the_thuc"),
        quy_tac: s("quy_tac"),
        co_quan: Issuer {
            cap_tren: s("co_quan.cap_tren"),
            ten: s("co_quan.ten").unwrap_or_default(),
            viet_tat: s("co_quan.viet_tat").unwrap_or_default(),
            ten_thuong: s("co_quan.ten_thuong"),
        },
        so: v.number("so"),
        dia_danh: s("dia_danh").unwrap_or_default(),
        ngay: v.date("ngay"),
        trich_yeu: s("trich_yeu").unwrap_or_default(),
        ky: signer(&v.values, "ky"),
        ky_khac: v.tables("ky_khac").iter().map(|(values, _)| signer(values, "ky")).collect(),
        ban_sao: v.spans.contains_key("ban_sao").then(|| Copy {
            hinh_thuc: s("ban_sao.hinh_thuc").unwrap_or_default(),
            co_quan: s("ban_sao.co_quan").unwrap_or_default(),
            viet_tat: s("ban_sao.viet_tat").unwrap_or_default(),
            so: v.number("ban_sao.so"),
            dia_danh: s("ban_sao.dia_danh").unwrap_or_default(),
            ngay: v.date("ban_sao.ngay"),
            ky: signer(&v.values, "ban_sao.ky"),
            noi_nhan: v.list("ban_sao.noi_nhan"),
        }),
        phu_luc: vec![],
        noi_nhan: v.list("noi_nhan"),
        kinh_gui: v.list("kinh_gui"),
        can_cu: v.list("can_cu"),
        tham_quyen_ban_hanh: s("tham_quyen_ban_hanh"),
        danh_so: s("danh_so"),
        mau_so: s("mau_so"),
        do_khan: s("do_khan"),
        do_mat: s("do_mat"),
        pham_vi: s("pham_vi"),
        ten_loai: s("ten_loai"),
        du_thao: v.number("du_thao"),
        nguoi_soan: s("nguoi_soan"),
        lien_he: s("lien_he"),
        body: vec![],
        spans: v.spans.clone(),
    };
    let noi_dung = s("noi_dung").map(|t| (t, doc.spans["noi_dung"]));
    let phu_luc = v
        .tables("phu_luc")
        .iter()
        .map(|(values, spans)| {
            let text = |p: &str| values.get(p).and_then(Checked::text).unwrap_or_default();
            (text("phu_luc.ten"), text("phu_luc.noi_dung"), spans["phu_luc.noi_dung"])
        })
        .collect();
    Ok(Header { doc, noi_dung, phu_luc })
}

/// The signer checked under `ky.*` in `values`.
fn signer(values: &BTreeMap<String, Checked>, at: &str) -> Signer {
    let s = |p: &str| values.get(&format!("{at}.{p}")).and_then(Checked::text);
    Signer { tham_quyen: s("tham_quyen"), chuc_vu: s("chuc_vu"), ho_ten: s("ho_ten").unwrap_or_default() }
}

/// Values and their offsets checked in one table of a list of tables.
type Checks = (BTreeMap<String, Checked>, BTreeMap<String, usize>);

/// A value that passed its type check.
#[derive(Clone)]
enum Checked {
    Tables(Vec<Checks>),
    Text(String),
    Number(u32),
    Date(Date),
    List(Vec<String>),
}

impl Checked {
    fn text(&self) -> Option<String> {
        match self {
            Checked::Text(t) => Some(t.clone()),
            _ => None,
        }
    }
}

struct Validator<'a> {
    src: &'a SourceFile,
    data_file: bool,
    errors: Vec<Diagnostic>,
    spans: BTreeMap<String, usize>,
    values: BTreeMap<String, Checked>,
}

impl Validator<'_> {
    /// A checked list of tables, empty when absent.
    fn tables(&self, path: &str) -> Vec<Checks> {
        match self.values.get(path) {
            Some(Checked::Tables(t)) => t.clone(),
            _ => vec![],
        }
    }

    /// A required date that was checked.
    fn date(&self, path: &str) -> Date {
        match self.values.get(path) {
            Some(Checked::Date(d)) => *d,
            _ => unreachable!("a required date was validated"),
        }
    }

    /// A checked number, if present.
    fn number(&self, path: &str) -> Option<u32> {
        match self.values.get(path) {
            Some(Checked::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// A checked list, empty when absent.
    fn list(&self, path: &str) -> Vec<String> {
        match self.values.get(path) {
            Some(Checked::List(l)) => l.clone(),
            _ => vec![],
        }
    }

    fn map(&mut self, parent: &str, entries: &[Entry], at: usize) {
        let known: Vec<&Field> =
            schema::children(parent).filter(|f| self.data_file || !f.data_only).collect();
        // Keys suggested for a misspelt one are not reported missing as well.
        let mut suggested = vec![];
        for e in entries {
            let path = if parent.is_empty() { e.key.clone() } else { format!("{parent}.{}", e.key) };
            let Some(field) = known.iter().find(|f| f.path == path) else {
                suggested.extend(self.unknown(&e.key, e.at, &known));
                continue;
            };
            self.spans.insert(path.clone(), e.node.at);
            self.value(field, &e.node);
        }
        for f in &known {
            let leaf = schema::leaf(f.path);
            if f.required && !suggested.contains(&leaf) && !entries.iter().any(|e| leaf == e.key) {
                let example = match f.kind {
                    Kind::Map => format!("{leaf}:"),
                    _ => format!("{leaf}: {}", f.example),
                };
                self.errors.push(
                    Diagnostic::error(
                        "input::missing_key",
                        format!("thiếu khóa bắt buộc `{}` ({})", f.path, f.meaning),
                    )
                    .at(self.src.location(at, 1))
                    .hint(format!("thêm dòng `{example}`")),
                );
            }
        }
    }

    /// Reports an unknown key; returns the key suggested instead, if any.
    fn unknown(&mut self, key: &str, at: usize, known: &[&Field]) -> Option<&'static str> {
        let nearest = known
            .iter()
            .map(|f| schema::leaf(f.path))
            .map(|k| (strsim::jaro_winkler(key, k), k))
            .filter(|(score, _)| *score > 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let hint = match nearest {
            Some((_, k)) => format!("có phải ý bạn là `{k}`?"),
            None => format!(
                "các khóa hợp lệ ở đây: {}",
                known.iter().map(|f| schema::leaf(f.path)).collect::<Vec<_>>().join(", ")
            ),
        };
        self.errors.push(
            Diagnostic::error("input::unknown_key", format!("khóa không hợp lệ `{key}`"))
                .at(self.src.location(at, key.chars().count()))
                .hint(hint),
        );
        nearest.map(|(_, k)| k)
    }

    /// Whether the text `s` of `field` (at `node`) is one a page can hold: no control character
    /// (a data file's escape `\u0000` gets past the source's check), no run without spaces past
    /// [`MAX_WORD_CHARS`](crate::input::MAX_WORD_CHARS), and a one-line value (not a text such as
    /// an appendix's content) of at most [`MAX_FIELD_CHARS`] characters.
    /// Reports the first fault.
    fn fits(&mut self, field: &Field, node: &Node, s: &str) -> bool {
        let at = |n: usize| self.src.location(node.at, n);
        let error = if let Some(c) = s.chars().find(|&c| control(c)) {
            Diagnostic::error(
                "input::control_char",
                format!("`{}` có ký tự điều khiển U+{:04X}, không phải chữ", field.path, u32::from(c)),
            )
            .at(at(1))
            .hint("xóa ký tự này (một mã thoát như `\\u0000` trong tệp dữ liệu)")
        } else if long_word(s).is_some() {
            long_word_error(at(1))
        } else if field.kind != Kind::Text && s.trim().chars().count() > MAX_FIELD_CHARS {
            Diagnostic::error(
                "input::too_long",
                format!(
                    "`{}` dài {} ký tự, quá giới hạn {MAX_FIELD_CHARS}",
                    field.path,
                    s.trim().chars().count()
                ),
            )
            .at(at(1))
            .hint("rút gọn giá trị; nội dung dài viết vào thân văn bản")
        } else {
            return true;
        };
        self.errors.push(error);
        false
    }

    fn value(&mut self, field: &Field, node: &Node) {
        let checked = match (field.kind, &node.value) {
            // An optional key written with no value (`so:`) is as good as absent.
            (_, Value::Null) if !field.required => return,
            (Kind::Map, Value::Map(entries)) => {
                self.map(field.path, entries, node.at);
                return;
            }
            (Kind::Str | Kind::Text, Value::Str(s)) if !s.trim().is_empty() => {
                if !self.fits(field, node, s) {
                    return;
                }
                let s = if field.kind == Kind::Str { s.trim().to_owned() } else { s.trim_end().to_owned() };
                Checked::Text(s)
            }
            (Kind::Number, Value::Int(n)) if (1..=i64::from(u32::MAX)).contains(n) => {
                Checked::Number(*n as u32)
            }
            // `"05"`, or a number copied with its code (`Số 05-BC/ĐU`): `vanban check` reports
            // the code against the one vanban prints.
            (Kind::Number, Value::Str(s)) if WrittenNumber::parse(s).is_some() => {
                match WrittenNumber::parse(s).and_then(|w| w.digits.parse::<u32>().ok()) {
                    Some(n) if n > 0 => Checked::Number(n),
                    _ => return self.wrong(field, node, "một số nguyên dương"),
                }
            }
            (Kind::Date, Value::Str(s)) => match parse_date(s) {
                DateParse::Ok(d) => Checked::Date(d),
                DateParse::Impossible => {
                    self.errors.push(
                        Diagnostic::error("input::impossible_date", format!("ngày `{s}` không có trong lịch"))
                            .at(self.src.location(node.at, s.chars().count()))
                            .hint("kiểm tra lại ngày và tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)"),
                    );
                    return;
                }
                // A draft's month and year, its day left blank (as import writes it).
                DateParse::Malformed if month_year(s) => {
                    self.errors.push(
                        Diagnostic::error(
                            "input::wrong_type",
                            format!("`{}` chưa có ngày: `{s}` chỉ có tháng và năm", field.path),
                        )
                        .at(self.src.location(node.at, s.chars().count()))
                        .hint(format!("ghi đủ ngày, ví dụ `{}: 10/{s}`", schema::leaf(field.path))),
                    );
                    return;
                }
                DateParse::Malformed => {
                    return self.wrong(field, node, "một ngày dạng `2026-04-29` hoặc `29/4/2026`");
                }
            },
            (Kind::Tables(keys), Value::List(items)) if !items.is_empty() => {
                let mut tables = vec![];
                for item in items {
                    let Value::Map(entries) = &item.value else {
                        return self.wrong(field, item, "một danh sách, mỗi mục một bảng khóa");
                    };
                    // Each table is checked on its own, apart from the document's values.
                    let mut sub = Validator {
                        src: self.src,
                        data_file: self.data_file,
                        errors: vec![],
                        spans: BTreeMap::new(),
                        values: BTreeMap::new(),
                    };
                    sub.map(keys, entries, item.at);
                    if sub.errors.is_empty() {
                        tables.push((sub.values, sub.spans));
                    }
                    self.errors.append(&mut sub.errors);
                }
                Checked::Tables(tables)
            }
            (Kind::List, Value::Str(s)) if !s.trim().is_empty() => {
                if !self.fits(field, node, s) {
                    return;
                }
                Checked::List(vec![s.trim().to_owned()])
            }
            (Kind::List, Value::List(items)) if !items.is_empty() => {
                let mut out = vec![];
                for item in items {
                    match &item.value {
                        Value::Str(s) if !s.trim().is_empty() => {
                            if self.fits(field, item, s) {
                                out.push(s.trim().to_owned());
                            }
                        }
                        other => {
                            self.errors.push(
                                Diagnostic::error(
                                    "input::wrong_type",
                                    format!(
                                        "mỗi mục của `{}` phải là một dòng chữ, ở đây là {}",
                                        field.path,
                                        other.kind()
                                    ),
                                )
                                .at(self.src.location(item.at, 1))
                                .hint(match other {
                                    // `- Lưu: VT, VP` reads as a table because of its colon.
                                    Value::Map(_) => "dòng có dấu hai chấm phải đặt trong dấu nháy, ví dụ `- \"Lưu: VT, VP\"`",
                                    _ => "viết mỗi mục thành một dòng `- …`",
                                }),
                            );
                        }
                    }
                }
                Checked::List(out)
            }
            _ => {
                let expected = match field.kind {
                    Kind::Str | Kind::Text => "một chuỗi chữ không rỗng",
                    Kind::Number => "một số nguyên dương",
                    Kind::Date => "một ngày dạng `2026-04-29` hoặc `29/4/2026`",
                    Kind::List => "một dòng chữ hoặc một danh sách không rỗng, mỗi mục một dòng `- …`",
                    Kind::Map => "một bảng khóa con, mỗi khóa một dòng thụt vào",
                    Kind::Tables(_) => "một danh sách, mỗi mục một bảng khóa",
                };
                return self.wrong(field, node, expected);
            }
        };
        self.values.insert(field.path.to_owned(), checked);
    }

    fn wrong(&mut self, field: &Field, node: &Node, expected: &str) {
        let found = match &node.value {
            Value::Str(s) => format!("chuỗi `{s}`"),
            Value::Int(i) => format!("số `{i}`"),
            // As written: `1e308`, not the float it reads as.
            Value::Float(_) => {
                let written = self.src.text.get(node.at..).and_then(|t| t.split_whitespace().next());
                let written = written.map(|w| w.trim_end_matches([',', '}', ']']));
                format!("số `{}`", written.unwrap_or_default())
            }
            other => other.kind().to_owned(),
        };
        let hint = match field.kind {
            _ if !field.required && matches!(&node.value, Value::Str(s) if s.trim().is_empty()) => {
                "khóa này không bắt buộc: xóa dòng này nếu không dùng".to_owned()
            }
            Kind::Str | Kind::Text => format!(
                "viết giá trị trong dấu nháy, ví dụ `{}: \"{}\"`",
                schema::leaf(field.path),
                field.example
            ),
            _ => format!("ví dụ `{}: {}`", schema::leaf(field.path), field.example),
        };
        self.errors.push(
            Diagnostic::error(
                "input::wrong_type",
                format!("`{}` phải là {expected}, ở đây là {found}", field.path),
            )
            .at(self.src.location(node.at, 1))
            .hint(hint),
        );
    }
}

enum DateParse {
    Ok(Date),
    Impossible,
    Malformed,
}

/// Whether `s` is a month and year without a day: `02/2026`.
fn month_year(s: &str) -> bool {
    let Some((m, y)) = s.trim().split_once('/') else { return false };
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    digits(m, 1..=2) && digits(y, 4..=4)
}

/// Reads `YYYY-MM-DD` or `D/M/YYYY`.
fn parse_date(s: &str) -> DateParse {
    let s = s.trim();
    let parts: Vec<&str> =
        if s.contains('-') { s.split('-').collect() } else { s.split('/').rev().collect() };
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if parts.len() != 3
        || nums.len() != 3
        || parts[0].len() != 4
        || parts[1..].iter().any(|p| p.is_empty() || p.len() > 2)
    {
        return DateParse::Malformed;
    }
    match Date::new(nums[0] as i32, nums[1], nums[2]) {
        Some(d) => DateParse::Ok(d),
        None => DateParse::Impossible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for d in
            [Date::new(1970, 1, 1), Date::new(2024, 2, 29), Date::new(2026, 5, 27), Date::new(2000, 12, 31)]
        {
            let d = d.unwrap();
            assert_eq!(Date::from_days(d.days()), d);
        }
        assert_eq!(Date::new(2026, 5, 27).unwrap().days() - Date::new(2026, 4, 29).unwrap().days(), 28);
    }

    #[test]
    fn dates() {
        assert!(matches!(parse_date("2026-04-29"), DateParse::Ok(Date { year: 2026, month: 4, day: 29 })));
        assert!(matches!(parse_date("29/4/2026"), DateParse::Ok(Date { year: 2026, month: 4, day: 29 })));
        assert!(matches!(parse_date("2026-02-30"), DateParse::Impossible));
        assert!(matches!(parse_date("2024-02-29"), DateParse::Ok(_)));
        assert!(matches!(parse_date("2026-13-01"), DateParse::Impossible));
        assert!(matches!(parse_date("hôm qua"), DateParse::Malformed));
    }
}
