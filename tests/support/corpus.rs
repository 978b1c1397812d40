//! The corpus report, shared by `cargo bench --bench corpus` and `tests/corpus.rs`: each
//! document of `tests/corpus/` imported through the library, the imported Markdown read back
//! with vanban's own reader, and compared field by field with its `.expected.yaml`
//! (conventions in `tests/corpus/README.md`); the words kept; whether the document renders and
//! checks without errors.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;
use vanban::Engine;
use vanban::diag::Severity;
use vanban::diag::source::SourceFile;
use vanban::import::kept::Lost;
use vanban::input::data::{Node, Value, parse_yaml};
use vanban::input::markdown::{Origin, parse};
use vanban::input::{frontmatter, loaded};
use vanban::model::body::Block;
use vanban::model::date::{self, Date};
use vanban::rules::derive::number;
use vanban::rules::ruleset::Ruleset;

/// The corpus folder.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// The fields compared, in the report's order.
pub const FIELDS: &[&str] = &[
    "the_thuc",
    "loai",
    "co_quan.cap_tren",
    "co_quan.ten",
    "so",
    "ky_hieu",
    "dia_danh",
    "ngay",
    "trich_yeu",
    "kinh_gui",
    "can_cu",
    "ky.tham_quyen",
    "ky.chuc_vu",
    "ky.ho_ten",
    "noi_nhan",
    "footnotes",
    "body_first",
    "body_last",
    "headings",
];

/// The fields a document needs to render: when the source lacks one (its expected value is
/// null), the source is incomplete.
const REQUIRED: &[&str] = &["loai", "co_quan.ten", "ky_hieu", "dia_danh", "ngay", "trich_yeu", "ky.ho_ten"];

/// One field of one document: what was expected and what the import gave (`None` for none).
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name, one of [`FIELDS`].
    pub name: &'static str,
    /// The expected value, normalised.
    pub expected: Option<String>,
    /// The imported value, normalised.
    pub got: Option<String>,
}

impl Field {
    /// Whether the import got it exactly.
    pub fn right(&self) -> bool {
        self.expected == self.got
    }
}

/// Whether an imported document renders and checks.
#[derive(Debug, Clone)]
pub enum Render {
    /// Not attempted (no engine given, or nothing imported).
    Skipped,
    /// Rendered and checked without an error.
    Clean,
    /// The codes of the errors found reading, laying out or checking it.
    Errors(Vec<String>),
}

/// One document measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// File name.
    pub name: String,
    /// The import's error, when nothing was imported.
    pub failed: Option<String>,
    /// The fields compared (empty when nothing was imported).
    pub fields: Vec<Field>,
    /// Words of the source looked for.
    pub words: usize,
    /// Words lost.
    pub lost: Vec<Lost>,
    /// The required fields the source lacks.
    pub lacks: Vec<&'static str>,
    /// Whether it renders and checks.
    pub render: Render,
}

impl Outcome {
    /// Share of the source's words kept, 0–1 (1 when nothing was looked for).
    pub fn kept(&self) -> f64 {
        if self.words == 0 { 1.0 } else { 1.0 - self.lost.len() as f64 / self.words as f64 }
    }

    /// Fields right and fields compared; a document not imported has every field wrong.
    pub fn score(&self) -> (usize, usize) {
        (self.fields.iter().filter(|f| f.right()).count(), FIELDS.len())
    }
}

/// The corpus documents, one for each expected file, sorted. A document not in the corpus
/// folder (the PDFs are not kept in the repository) is looked for in `$VANBAN_CORPUS`, then in
/// `shared/corpus` beside the checkout or beside a folder above it; when it is in neither, its
/// path in the corpus folder is given and it does not import.
pub fn documents() -> Vec<PathBuf> {
    let corpus = Path::new(CORPUS);
    let above = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().skip(1).map(|a| a.join("shared/corpus"));
    let elsewhere: Vec<PathBuf> =
        std::env::var_os("VANBAN_CORPUS").map(PathBuf::from).into_iter().chain(above).collect();
    let mut out = vec![];
    for entry in std::fs::read_dir(corpus).expect("the corpus folder") {
        let name = entry.expect("a corpus entry").file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".expected.yaml") else { continue };
        let here = |dir: &Path| -> Option<PathBuf> {
            let files = std::fs::read_dir(dir).ok()?;
            files.filter_map(|f| f.ok()).map(|f| f.path()).find(|p| {
                p.file_stem().is_some_and(|s| s == stem) && p.extension().is_some_and(|x| x != "yaml")
            })
        };
        let found = here(corpus).or_else(|| elsewhere.iter().find_map(|d| here(d)));
        out.push((stem.to_owned(), found));
    }
    out.sort();
    out.into_iter().map(|(stem, p)| p.unwrap_or_else(|| corpus.join(format!("{stem}.pdf")))).collect()
}

/// The expected file of a corpus document (in the corpus folder, wherever the document is).
pub fn expected_of(doc: &Path) -> PathBuf {
    let name = doc.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Path::new(CORPUS).join(format!("{name}.expected.yaml"))
}

/// The required fields the source of `doc` lacks (null in its expected file).
pub fn lacks(doc: &Path) -> Vec<&'static str> {
    let text = std::fs::read_to_string(expected_of(doc)).expect("an expected file");
    let expected = parse_yaml(&text, 0, text.len()).expect("the expected file is YAML");
    REQUIRED.iter().copied().filter(|f| expected_field(&expected, f).is_none()).collect()
}

/// Imports `doc`, compares it with its expected file and, with an engine, renders and checks it.
pub fn measure(doc: &Path, engine: Option<&Engine>) -> Outcome {
    let name = doc.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
    let text = std::fs::read_to_string(expected_of(doc)).expect("an expected file");
    let expected = parse_yaml(&text, 0, text.len()).expect("the expected file is YAML");
    let lacks = lacks(doc);
    let imported = match vanban::import::import_file(doc, None) {
        Ok(i) => i,
        Err(e) => {
            return Outcome {
                name,
                failed: Some(format!("{}: {}", e.code, e.message)),
                fields: vec![],
                words: 0,
                lost: vec![],
                lacks,
                render: Render::Skipped,
            };
        }
    };
    let path = doc.with_extension("md");
    let got = Imported::read(&path, &imported.markdown);
    let fields = FIELDS
        .iter()
        .map(|&f| {
            let expected = expected_field(&expected, f).map(|v| got.printed(f, v, false));
            Field { name: f, expected, got: got.field(f).map(|v| got.printed(f, v, true)) }
        })
        .collect();
    let render = engine.map_or(Render::Skipped, |e| render(e, &path, &imported.markdown));
    Outcome {
        name,
        failed: None,
        fields,
        words: imported.kept.words,
        lost: imported.kept.lost,
        lacks,
        render,
    }
}

/// Reads, lays out and checks the imported document.
fn render(engine: &Engine, path: &Path, markdown: &str) -> Render {
    let codes = |ds: Vec<vanban::Diagnostic>| -> Vec<String> {
        ds.into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.code.to_owned()).collect()
    };
    let errors = match loaded(SourceFile::new(path, markdown.to_owned())) {
        Err(e) => codes(e.0),
        Ok(l) => match engine.check(&l, true) {
            Ok(findings) => codes(findings),
            Err(e) => codes(e.0),
        },
    };
    if errors.is_empty() { Render::Clean } else { Render::Errors(errors) }
}

/// A text as compared: NFC, each line's spaces collapsed, empty lines dropped.
fn text(s: &str) -> Option<String> {
    let s: String = s.nfc().collect();
    let lines: Vec<String> = s
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// A list of recipients as compared: each item without its dash and the punctuation the
/// layout sets at its end.
fn recipients(list: Option<String>) -> Option<String> {
    let items: Vec<&str> = list
        .as_deref()?
        .lines()
        .map(|t| t.trim_start_matches("- ").trim_end_matches([';', ',', '.']).trim_end())
        .collect();
    Some(items.join("\n"))
}

/// Whether a field is a list of recipients (Kính gửi, Nơi nhận).
fn is_recipients(field: &str) -> bool {
    field == "kinh_gui" || field == "noi_nhan"
}

/// The value at a dotted path of a mapping.
fn at<'n>(node: &'n Node, path: &str) -> Option<&'n Value> {
    let mut v = &node.value;
    for key in path.split('.') {
        let Value::Map(entries) = v else { return None };
        v = &entries.iter().find(|e| e.key == key)?.node.value;
    }
    Some(v)
}

/// A scalar or a list as compared; `None` for null, empty or absent.
fn value(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Str(s) => text(s),
        Value::Int(n) => Some(n.to_string()),
        Value::List(items) => {
            let items: Vec<String> =
                items.iter().filter_map(|n| value(Some(&n.value))).map(|s| s.replace('\n', " ")).collect();
            (!items.is_empty()).then(|| items.join("\n"))
        }
        _ => None,
    }
}

/// A field of the expected file.
fn expected_field(e: &Node, field: &str) -> Option<String> {
    let v = value(at(e, field));
    if is_recipients(field) { recipients(v) } else { v }
}

/// The imported document read back: its front matter and its body.
struct Imported {
    front: Option<Node>,
    body: Vec<Block>,
}

impl Imported {
    fn read(path: &Path, markdown: &str) -> Self {
        let src = SourceFile::new(path, markdown.to_owned());
        let Ok(split) = frontmatter::split(markdown) else { return Self { front: None, body: vec![] } };
        let front = parse_yaml(markdown, split.yaml_start, split.yaml_len).ok();
        let body = parse(&src, &markdown[split.body_start..], Origin::Shift(split.body_start), src.dir())
            .unwrap_or_default();
        Self { front, body }
    }

    fn field(&self, field: &str) -> Option<String> {
        let front = self.front.as_ref();
        let get = |path: &str| front.and_then(|f| at(f, path));
        match field {
            "the_thuc" => value(get("the_thuc")).or(Some(vanban::rules::select::DEFAULT_KIND.to_owned())),
            "ky_hieu" => self.ky_hieu(),
            // A draft's month and year around a blank day are not a date.
            "ngay" => value(get("ngay")).filter(|d| date::parse(d).is_some()),
            "can_cu" => {
                let n = match get("can_cu") {
                    Some(Value::List(items)) => items
                        .iter()
                        .filter(|n| matches!(&n.value, Value::Str(s) if s.trim_start().starts_with("Căn cứ")))
                        .count(),
                    _ => 0,
                };
                Some(n.to_string())
            }
            "footnotes" => Some(footnotes(&self.body).to_string()),
            "body_first" | "body_last" => {
                let paras = paragraphs(&self.body);
                let p = if field == "body_first" { paras.first() } else { paras.last() }?;
                let chars: Vec<char> = p.chars().collect();
                let n = chars.len().min(60);
                let cut = if field == "body_first" { &chars[..n] } else { &chars[chars.len() - n..] };
                text(&cut.iter().collect::<String>())
            }
            "headings" => {
                let h = headings(&self.body);
                (!h.is_empty()).then(|| h.join("\n"))
            }
            path if is_recipients(path) => recipients(value(get(path))),
            path => value(get(path)),
        }
    }

    /// A value as the layout prints it, whether or not the source had it: a công văn's summary
    /// compared without its `V/v ` / `về việc `; the imported body's last paragraph with the
    /// ruleset's ending (`./.`) the layout adds.
    fn printed(&self, field: &str, value: String, imported: bool) -> String {
        let Some(rules) = self.rules() else { return value };
        match field {
            "trich_yeu" => {
                let prefix = rules.cong_van.tien_to.trim();
                match value.to_lowercase().starts_with(&prefix.to_lowercase()) {
                    true => value[prefix.len()..].trim_start().to_owned(),
                    false => value,
                }
            }
            "body_last" if imported => {
                let end = rules.doan.ket_thuc.as_str();
                let ended = match end.chars().next() {
                    Some(_) if value.ends_with(end) => value,
                    Some(first) if value.ends_with(first) => format!("{value}{}", &end[first.len_utf8()..]),
                    Some(_) => format!("{value}{end}"),
                    None => value,
                };
                let chars: Vec<char> = ended.chars().collect();
                chars[chars.len().saturating_sub(60)..].iter().collect::<String>().trim_start().to_owned()
            }
            _ => value,
        }
    }

    /// The ruleset the imported document falls under.
    fn rules(&self) -> Option<&'static Ruleset> {
        let front = self.front.as_ref()?;
        let kind = value(at(front, "the_thuc")).unwrap_or(vanban::rules::select::DEFAULT_KIND.to_owned());
        Ruleset::in_force(&kind, self.date())
    }

    /// The imported signing date; the last day there is when none was read.
    fn date(&self) -> Date {
        let ngay = self.front.as_ref().and_then(|f| value(at(f, "ngay")));
        ngay.and_then(|d| date::parse(&d)).unwrap_or(Date::MAX)
    }

    /// The ký hiệu as vanban prints it: the number line of the document's ruleset and type
    /// after the number (without the year a legal normative form adds); none without an issuer
    /// code.
    fn ky_hieu(&self) -> Option<String> {
        let front = self.front.as_ref()?;
        let code = value(at(front, "co_quan.viet_tat"))?;
        let rules = self.rules()?;
        let doc_type = value(at(front, "loai")).and_then(|l| rules.loai.get(&l));
        let template = doc_type.and_then(|t| t.mau_so.as_deref()).unwrap_or(&rules.so_ky_hieu.mau);
        let n = number(template, rules, doc_type.map_or("", |t| &t.ma), &code, None, self.date().year());
        Some(n.sau.trim_start_matches(['-', '/']).to_owned())
    }
}

/// The plain text of some blocks, spaces collapsed.
fn plain(blocks: &[Block]) -> String {
    let mut s = String::new();
    blocks.iter().for_each(|b| b.plain_text(&mut s));
    s.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body's paragraphs in order: paragraphs, headings, list items' paragraphs, table rows.
fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let mut out = vec![];
    for b in blocks {
        match b {
            Block::Par { .. } | Block::Heading { .. } | Block::Codeblock { .. } => {
                out.push(plain(std::slice::from_ref(b)))
            }
            Block::List { items, .. } => items.iter().for_each(|i| out.extend(paragraphs(i))),
            Block::Quote { c } => out.extend(paragraphs(c)),
            Block::Table { rows, .. } => out.extend(rows.iter().map(|r| plain(&r.concat()))),
            _ => {}
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Footnotes in the body.
fn footnotes(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Footnote { .. } => 1,
            Block::Strong { c }
            | Block::Emph { c }
            | Block::Strike { c }
            | Block::Link { c, .. }
            | Block::Par { c }
            | Block::Heading { c, .. }
            | Block::Quote { c } => footnotes(c),
            Block::List { items, .. } => items.iter().map(|i| footnotes(i)).sum(),
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).map(|c| footnotes(c)).sum()
            }
            _ => 0,
        })
        .sum()
}

/// The top-level headings: the headings of the highest level, the bold labels run into their
/// paragraph (`**Điều 1.** …` gives `Điều 1.`), and when the parts are numbered `1.`, `2.` (or
/// there are no headings), the labels of the top-level numbered list items, which are such
/// parts run into their text.
fn headings(blocks: &[Block]) -> Vec<String> {
    let top = blocks
        .iter()
        .filter_map(|b| if let Block::Heading { level, .. } = b { Some(*level) } else { None })
        .min();
    let run_in = |c: &[Block]| match c.first() {
        Some(Block::Strong { c: label }) if c.len() > 1 => Some(plain(label)),
        _ => None,
    };
    let top_form = blocks.iter().find_map(|b| match b {
        Block::Heading { level, c, .. } if Some(*level) == top => Some(plain(c)),
        Block::Par { c } => run_in(c).filter(|l| numbered(l).is_some()),
        _ => None,
    });
    let arabic = top_form.as_deref().is_none_or(|h| numbered(h) == Some(Numbered::Arabic));
    let mut out = vec![];
    for b in blocks {
        match b {
            Block::Heading { level, c, .. } if Some(*level) == top => out.push(plain(c)),
            Block::Par { c } => {
                let label = run_in(c).filter(|l| match numbered(l) {
                    Some(Numbered::Arabic) => arabic,
                    Some(_) => true,
                    None => false,
                });
                out.extend(label);
            }
            Block::List { ordered: true, start, items } if arabic => {
                out.extend((0..items.len() as u64).map(|i| format!("{}.", start + i)))
            }
            _ => {}
        }
    }
    out
}

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbered {
    /// `Điều 1.`
    Article,
    /// `I.`, `II-`
    Roman,
    /// `1.`
    Arabic,
}

/// How the heading `label` is numbered, if it is.
fn numbered(label: &str) -> Option<Numbered> {
    if label.starts_with("Điều ") {
        return Some(Numbered::Article);
    }
    let n = label.split(['.', '-', ':', ' ']).next().filter(|n| !n.is_empty())?;
    if n.chars().all(|c| "IVXL".contains(c)) {
        Some(Numbered::Roman)
    } else if n.chars().all(|c| c.is_ascii_digit()) {
        Some(Numbered::Arabic)
    } else {
        None
    }
}

/// A value for the table: `✓`, or what came out beside what was expected, each on one line
/// and cut short.
fn cell(f: &Field) -> String {
    if f.right() {
        return "✓".to_owned();
    }
    let short = |v: Option<&str>| {
        let v = v.map_or("∅".to_owned(), |g| g.replace('\n', " ⏎ "));
        let chars: Vec<char> = v.chars().collect();
        if chars.len() > 70 { format!("{}…", chars[..70].iter().collect::<String>()) } else { v }
    };
    format!("{} ≠ {}", short(f.got.as_deref()), short(f.expected.as_deref()))
}

/// The whole report: a table per document and field, the share of fields right, the words
/// kept per document, whether each renders.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        out.push_str(&format!("\n## {}\n", o.name));
        if let Some(e) = &o.failed {
            out.push_str(&format!("không chuyển được: {e}\n"));
            continue;
        }
        let (right, total) = o.score();
        out.push_str(&format!("| trường | {right}/{total} |\n|---|---|\n"));
        for f in &o.fields {
            out.push_str(&format!("| {} | {} |\n", f.name, cell(f)));
        }
        out.push_str(&format!(
            "từ giữ lại: {:.2} % ({} / {})",
            100.0 * o.kept(),
            o.words - o.lost.len(),
            o.words
        ));
        if !o.lost.is_empty() {
            let first: Vec<String> =
                o.lost.iter().take(12).map(|l| format!("{}:{}", l.line, l.word)).collect();
            out.push_str(&format!("; mất: {}{}", first.join(" "), if o.lost.len() > 12 { " …" } else { "" }));
        }
        out.push('\n');
        out.push_str(&format!("hiển thị: {}\n", render_cell(o)));
    }
    out.push_str(&summary(outcomes));
    out
}

/// How the render went, saying when the source lacks a required field.
fn render_cell(o: &Outcome) -> String {
    let lacks = if o.lacks.is_empty() {
        String::new()
    } else {
        format!(" (bản gốc thiếu {})", o.lacks.join(", "))
    };
    match &o.render {
        Render::Skipped => format!("không thử{lacks}"),
        Render::Clean => format!("✓ không lỗi{lacks}"),
        Render::Errors(codes) => format!("lỗi {}{lacks}", codes.join(", ")),
    }
}

/// Share of fields right over all documents, 0–1.
pub fn share_right(outcomes: &[Outcome]) -> f64 {
    let (right, total) = outcomes.iter().map(Outcome::score).fold((0, 0), |(a, b), (r, t)| (a + r, b + t));
    if total == 0 { 0.0 } else { right as f64 / total as f64 }
}

/// The last lines: fields right by field and overall, words kept, renders.
fn summary(outcomes: &[Outcome]) -> String {
    let mut out = String::from("\n## Tổng\n| trường | đúng |\n|---|---|\n");
    for (i, name) in FIELDS.iter().enumerate() {
        let right = outcomes.iter().filter(|o| o.fields.get(i).is_some_and(Field::right)).count();
        out.push_str(&format!("| {name} | {right}/{} |\n", outcomes.len()));
    }
    let imported = outcomes.iter().filter(|o| o.failed.is_none()).count();
    let whole = outcomes.iter().filter(|o| o.failed.is_none() && o.lost.is_empty()).count();
    let words: usize = outcomes.iter().map(|o| o.words).sum();
    let lost: usize = outcomes.iter().map(|o| o.lost.len()).sum();
    let complete: Vec<&Outcome> =
        outcomes.iter().filter(|o| o.failed.is_none() && o.lacks.is_empty()).collect();
    let clean = complete.iter().filter(|o| matches!(o.render, Render::Clean)).count();
    let read: Vec<Outcome> = outcomes.iter().filter(|o| o.failed.is_none()).cloned().collect();
    out.push_str(&format!(
        "\ntrường đúng: {:.1} % trên {} văn bản; {:.1} % trên {} văn bản chuyển được (bản quét không có lớp chữ để đọc)\n",
        100.0 * share_right(outcomes),
        outcomes.len(),
        100.0 * share_right(&read),
        imported
    ));
    out.push_str(&format!(
        "từ giữ lại: {whole}/{imported} văn bản giữ đủ; {:.2} % số từ ({lost} từ mất / {words})\n",
        if words == 0 { 100.0 } else { 100.0 * (1.0 - lost as f64 / words as f64) }
    ));
    out.push_str(&format!("hiển thị không lỗi: {clean}/{} văn bản có bản gốc đầy đủ\n", complete.len()));
    out
}
