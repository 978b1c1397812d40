//! Validation: the data tree of a document's front matter checked against the schema, every
//! error found at once, each with its file, line and column.

use std::collections::BTreeMap;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::data::{Entry, Node, Value};
use crate::input::{MAX_FIELD_CHARS, control, long_word, long_word_error};
use crate::model::body::Block;
use crate::model::date::{self, Date, Parsed};
use crate::model::document::{Appendix, Copy, Document, Issuer, Signer, Span, WrittenNumber};
use crate::model::schema::{self, Field, Kind};

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
    let noi_dung = s("noi_dung").map(|t| (t, doc.spans["noi_dung"].at));
    let phu_luc = v
        .tables("phu_luc")
        .iter()
        .map(|(values, spans)| {
            let text = |p: &str| values.get(p).and_then(Checked::text).unwrap_or_default();
            (text("phu_luc.ten"), text("phu_luc.noi_dung"), spans["phu_luc.noi_dung"].at)
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
type Checks = (BTreeMap<String, Checked>, BTreeMap<String, Span>);

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
    spans: BTreeMap<String, Span>,
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
            self.spans.insert(path.clone(), Span::of(&e.node));
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
            (_, Value::Null) if !field.required => None,
            (Kind::Map, Value::Map(entries)) => {
                self.map(field.path, entries, node.at);
                None
            }
            (Kind::Str | Kind::Text, Value::Str(s)) if !s.trim().is_empty() => {
                self.fits(field, node, s).then(|| {
                    Checked::Text(if field.kind == Kind::Str { s.trim() } else { s.trim_end() }.to_owned())
                })
            }
            (Kind::Number, Value::Int(n)) if (1..=i64::from(u32::MAX)).contains(n) => {
                Some(Checked::Number(*n as u32))
            }
            // `"05"`, or a number copied with its code (`Số 05-BC/ĐU`): `vanban check` reports
            // the code against the one vanban prints.
            (Kind::Number, Value::Str(s)) if WrittenNumber::parse(s).is_some() => {
                match WrittenNumber::parse(s).and_then(|w| w.digits.parse::<u32>().ok()) {
                    Some(n) if n > 0 => Some(Checked::Number(n)),
                    _ => {
                        self.wrong(field, node, "một số nguyên dương");
                        None
                    }
                }
            }
            (Kind::Date, Value::Str(s)) => self.written_date(field, node, s),
            (Kind::Tables(keys), Value::List(items)) if !items.is_empty() => {
                self.each_table(field, keys, items)
            }
            (Kind::List, Value::Str(s)) if !s.trim().is_empty() => self.fits(field, node, s).then(|| {
                self.spans.insert(format!("{}[0]", field.path), Span::of(node));
                Checked::List(vec![s.trim().to_owned()])
            }),
            (Kind::List, Value::List(items)) if !items.is_empty() => Some(self.lines(field, items)),
            _ => {
                self.wrong(field, node, expected(field.kind));
                None
            }
        };
        if let Some(checked) = checked {
            self.values.insert(field.path.to_owned(), checked);
        }
    }

    /// The date `s` of `field` (at `node`), or the error that it is not one.
    fn written_date(&mut self, field: &Field, node: &Node, s: &str) -> Option<Checked> {
        let error = match date::read(s) {
            Parsed::Date(d) => return Some(Checked::Date(d)),
            Parsed::Impossible => {
                Diagnostic::error("input::impossible_date", format!("ngày `{s}` không có trong lịch")).hint(
                    "kiểm tra lại ngày và tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)",
                )
            }
            // A draft's month and year, its day left blank (as import writes it).
            Parsed::Malformed if date::month_year(s) => Diagnostic::error(
                "input::wrong_type",
                format!("`{}` chưa có ngày: `{s}` chỉ có tháng và năm", field.path),
            )
            .hint(format!("ghi đủ ngày, ví dụ `{}: 10/{s}`", schema::leaf(field.path))),
            Parsed::Malformed => {
                self.wrong(field, node, expected(Kind::Date));
                return None;
            }
        };
        self.errors.push(error.at(self.src.location(node.at, s.chars().count())));
        None
    }

    /// The tables of `field`, each item checked on its own against the keys under `keys`, apart
    /// from the document's values; the tables with errors are left out.
    fn each_table(&mut self, field: &Field, keys: &'static str, items: &[Node]) -> Option<Checked> {
        let mut tables = vec![];
        for item in items {
            let Value::Map(entries) = &item.value else {
                self.wrong(field, item, expected(Kind::Tables(keys)));
                return None;
            };
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
        Some(Checked::Tables(tables))
    }

    /// The lines of the list `field`, each item a line of text; the items that are not are
    /// reported and left out.
    fn lines(&mut self, field: &Field, items: &[Node]) -> Checked {
        let mut out = vec![];
        for item in items {
            match &item.value {
                Value::Str(s) if !s.trim().is_empty() => {
                    if self.fits(field, item, s) {
                        self.spans.insert(format!("{}[{}]", field.path, out.len()), Span::of(item));
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
                            Value::Map(_) => {
                                "dòng có dấu hai chấm phải đặt trong dấu nháy, ví dụ `- \"Lưu: VT, VP\"`"
                            }
                            _ => "viết mỗi mục thành một dòng `- …`",
                        }),
                    );
                }
            }
        }
        Checked::List(out)
    }

    fn wrong(&mut self, field: &Field, node: &Node, expected: &str) {
        let found = match &node.value {
            Value::Str(s) => format!("chuỗi `{s}`"),
            Value::Int(i) => format!("số `{i}`"),
            // As written: `1e308`, not the float it reads as.
            Value::Float(_) => {
                format!("số `{}`", self.src.text.get(node.at..node.end).unwrap_or_default())
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

/// What a value of `kind` must be, in the user's words.
fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Str | Kind::Text => "một chuỗi chữ không rỗng",
        Kind::Number => "một số nguyên dương",
        Kind::Date => "một ngày dạng `2026-04-29` hoặc `29/4/2026`",
        Kind::List => "một dòng chữ hoặc một danh sách không rỗng, mỗi mục một dòng `- …`",
        Kind::Map => "một bảng khóa con, mỗi khóa một dòng thụt vào",
        Kind::Tables(_) => "một danh sách, mỗi mục một bảng khóa",
    }
}

impl Span {
    /// Where `node` stands in its source.
    fn of(node: &Node) -> Self {
        Self { at: node.at, end: node.end }
    }
}
