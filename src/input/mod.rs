//! Reading a document: Markdown with YAML front matter, or the same data as JSON, YAML or TOML
//! with the body in `noi_dung`.

pub mod data;
pub mod frontmatter;
pub mod image;
pub mod markdown;
pub mod profile;
pub mod source;
pub mod validate;

use std::path::Path;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::body::Block;
use crate::model::document::{Document, Span};
use data::{Node, SyntaxError};
use frontmatter::SplitError;
use markdown::Origin;
use validate::Header;

/// The largest document read, bytes: a 300-page report is under 1 MiB of text. A larger file
/// would take minutes and gigabytes to lay out, and is refused at once.
pub const MAX_SOURCE_BYTES: u64 = 2 << 20;

/// The deepest nesting of lists, quotes and emphasis in a body: real documents nest a few
/// levels; the layout's data reader stops at 128 levels of JSON.
pub const MAX_DEPTH: usize = 20;

/// The most footnotes a document may have: Typst's footnote layout grows with their square
/// (10,000 took 90 s and 11 GiB), and the reports vanban serves have tens.
pub const MAX_FOOTNOTES: usize = 1000;

/// The longest run of characters without a space, in a value or the body: the longest real
/// word or code is tens of characters, a long link a few hundred; 40,000 `Đ` in one run (80 KB)
/// crashed the PDF writer, which cuts text at 64 KiB.
pub const MAX_WORD_CHARS: usize = 1000;

/// The longest one-line front-matter value (a name, a place, a recipient, a ground),
/// characters: a page holds about 2,500 of body text, and a header field of 30 KB took seconds
/// to measure.
pub const MAX_FIELD_CHARS: usize = 2000;

/// Whether `c` is a control character no writing holds (a NUL from a bad extraction, an
/// escape code): any but tab and the line ends.
pub fn control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first run of `s` without white space longer than [`MAX_WORD_CHARS`]: its byte offset.
pub fn long_word(s: &str) -> Option<usize> {
    let (mut start, mut run) = (0, 0);
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            run = 0;
        } else {
            if run == 0 {
                start = i;
            }
            run += 1;
            if run > MAX_WORD_CHARS {
                return Some(start);
            }
        }
    }
    None
}

/// The error for a run without spaces past [`MAX_WORD_CHARS`].
pub fn long_word_error(at: Location) -> Diagnostic {
    Diagnostic::error(
        "input::long_word",
        format!("một chuỗi liền quá {MAX_WORD_CHARS} ký tự, không có dấu cách"),
    )
    .at(at)
    .hint("tách chuỗi bằng dấu cách; văn bản không có chuỗi chữ nào dài như vậy")
}

/// A document read and validated, with the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The source text, for messages.
    pub source: SourceFile,
    /// The validated document.
    pub document: Document,
}

impl Loaded {
    /// The values the document inherits from an office profile, each with the place in the
    /// profile it comes from: the most precise keys only (`co_quan.ten`, not `co_quan` too).
    pub fn inherited(&self) -> Vec<(&str, Location)> {
        let own = self.source.text.len();
        let from: Vec<(&str, usize)> =
            self.document.spans.iter().filter(|(_, s)| s.at > own).map(|(k, s)| (k.as_str(), s.at)).collect();
        let parent =
            |k: &str| from.iter().any(|(o, _)| o.strip_prefix(k).is_some_and(|r| r.starts_with(['.', '['])));
        from.iter().filter(|(k, _)| !parent(k)).map(|(k, at)| (*k, self.source.location(*at, 1))).collect()
    }
}

/// Reads and validates the document at `path`.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    loaded(source::read(path)?)
}

/// Validates the document `source` holds, with the office profiles above it.
pub fn loaded(mut source: SourceFile) -> Result<Loaded, Diagnostics> {
    profile::attach(&mut source)?;
    let document = parse(&source)?;
    Ok(Loaded { source, document })
}

/// Parses and validates a document already in memory, with the profiles placed in its source
/// map; its format follows the file extension.
pub fn parse(src: &SourceFile) -> Result<Document, Diagnostics> {
    let ext = src.path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let dir = src.dir();
    let syntax =
        |format: &str, e: SyntaxError| -> Diagnostics { syntax_error(src, format, e.at, &e.reason).into() };
    match ext.as_str() {
        "md" | "markdown" => {
            let split = frontmatter::split(&src.text).map_err(|e| front_matter_error(src, e))?;
            let root = data::parse_yaml(&src.text, split.yaml_start, split.yaml_len)
                .map_err(|e| syntax("YAML", e))?;
            let header = validate::validate(&profile::apply(root, src)?, src, false)?;
            let body = &src.text[split.body_start..];
            let blocks = markdown::parse(src, body, Origin::Shift(split.body_start), dir)?;
            let appendices = appendices(src, &header, dir, &blocks)?;
            let mut doc = header.with_body(blocks, appendices);
            doc.spans.insert("noi_dung".into(), Span { at: split.body_start, end: src.text.len() });
            Ok(doc)
        }
        "json" | "yaml" | "yml" | "toml" => {
            let root: Node = if ext == "toml" {
                data::parse_toml(&src.text).map_err(|e| syntax("TOML", e))?
            } else {
                let format = if ext == "json" { "JSON" } else { "YAML" };
                data::parse_yaml(&src.text, 0, src.text.len()).map_err(|e| syntax(format, e))?
            };
            let header = validate::validate(&profile::apply(root, src)?, src, true)?;
            let (body, at) = header.noi_dung.clone().unwrap_or_default();
            let blocks = markdown::parse(src, &body, Origin::Fixed(at), dir)?;
            let appendices = appendices(src, &header, dir, &blocks)?;
            Ok(header.with_body(blocks, appendices))
        }
        _ => Err(Diagnostic::error(
            "input::format",
            format!("không nhận dạng được định dạng tệp {}", src.path.display()),
        )
        .hint("dùng tệp .md (Markdown có phần khai báo đầu tệp), .json, .yaml hoặc .toml")
        .into()),
    }
}

/// A syntax error of `format` (YAML, JSON, TOML) at offset `at` of `src`'s source map, with what
/// the parser said.
pub fn syntax_error(src: &SourceFile, format: &str, at: usize, reason: &str) -> Diagnostic {
    Diagnostic::error("input::syntax", format!("{format} không hợp lệ: {reason}"))
        .at(src.location(at, 1))
        .hint("kiểm tra dấu hai chấm, thụt lề và dấu nháy ở dòng này hoặc dòng trên")
}

/// The most appendices a document may have: real ones have a few; 6,000 tiny ones took 5 GiB.
pub const MAX_APPENDICES: usize = 100;

/// Each appendix's Markdown parsed; messages point at its `noi_dung` value. The footnote limit
/// holds for the whole document, `body` and appendices together.
fn appendices(
    src: &SourceFile,
    header: &Header,
    dir: &Path,
    body: &[Block],
) -> Result<Vec<Vec<Block>>, Diagnostics> {
    if let Some((_, _, at)) = header.phu_luc.get(MAX_APPENDICES) {
        return Err(Diagnostic::error(
            "input::too_many_appendices",
            format!("văn bản có {} phụ lục, quá giới hạn {MAX_APPENDICES}", header.phu_luc.len()),
        )
        .at(src.location(*at, 1))
        .hint("gộp các phụ lục, hoặc tách thành văn bản riêng")
        .into());
    }
    let footnotes = |blocks: &[Block]| {
        let mut n = 0;
        blocks.iter().for_each(|b| b.walk(&mut |x| n += usize::from(matches!(x, Block::Footnote { .. }))));
        n
    };
    let mut total = footnotes(body);
    let mut out = vec![];
    for (_, text, at) in &header.phu_luc {
        let blocks = markdown::parse(src, text, Origin::Fixed(*at), dir)?;
        total += footnotes(&blocks);
        if total > MAX_FOOTNOTES {
            return Err(Diagnostic::error(
                "input::too_many_footnotes",
                format!("văn bản và phụ lục có quá {MAX_FOOTNOTES} chú thích"),
            )
            .at(src.location(*at, 1))
            .hint("gộp các chú thích, hoặc đưa phần dẫn chứng thành văn bản riêng")
            .into());
        }
        out.push(blocks);
    }
    Ok(out)
}

fn front_matter_error(src: &SourceFile, e: SplitError) -> Diagnostics {
    let d = match e {
        SplitError::Missing => Diagnostic::error(
            "input::front_matter_missing",
            "thiếu phần khai báo ở đầu tệp",
        )
        .at(src.location(0, 3))
        .hint(
            "tệp phải bắt đầu bằng dòng `---`, sau đó các khóa (loai, co_quan, ngay, …), rồi một dòng `---`",
        ),
        SplitError::Unterminated => {
            Diagnostic::error("input::front_matter_unterminated", "phần khai báo đầu tệp chưa được đóng")
                .at(src.location(0, 3))
                .hint("thêm một dòng `---` sau khóa cuối cùng của phần khai báo")
        }
    };
    d.into()
}
