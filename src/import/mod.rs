//! `vanban import`: an archived document (extracted text or DOCX, in Unicode or a legacy
//! encoding) turned into a vanban document (front matter + Markdown body), with a report of
//! every guess made and every part not found. [`legacy`] converts TCVN3 and VNI, [`docx`]
//! reads Word files into the same text form, [`text`] recognises the parts, [`front`] writes
//! the document, and [`kept`] checks that no word of the source was lost on the way.

pub mod docx;
mod front;
pub mod kept;
pub mod legacy;
pub mod pdf;
pub mod text;

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::diag::{io_reason, mebibytes};
use legacy::Encoding;
use text::Note;

/// What an import gives: the document's text and the report on it.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The vanban document: front matter and Markdown body.
    pub markdown: String,
    /// Guesses made and parts not found, each at its line of the source where it has one.
    pub report: Vec<Diagnostic>,
    /// The words of the source and those the document lost ([`kept`]).
    pub kept: kept::Kept,
}

/// Imports the file at `path`: `.docx`, or text in any other name. `encoding` forces the
/// encoding of a text file (DOCX runs are read by their fonts).
/// What it gives is a document `render` reads: one past [`crate::input::MAX_SOURCE_BYTES`],
/// read from a DOCX or PDF or written out, is refused as `import::too_large`.
pub fn import_file(path: &Path, encoding: Option<Encoding>) -> Result<Imported, Diagnostic> {
    let imported = import_any(path, encoding)?;
    held(path, "văn bản chuyển ra", imported.markdown.len())?;
    Ok(imported)
}

/// Refuses `what` of `size` bytes read from or made of `path` past a document's size.
fn held(path: &Path, what: &str, size: usize) -> Result<(), Diagnostic> {
    let limit = crate::input::MAX_SOURCE_BYTES;
    if size as u64 <= limit {
        return Ok(());
    }
    Err(Diagnostic::error(
        "import::too_large",
        format!(
            "{}: {what} dài {} MiB, quá giới hạn {} MiB của một văn bản",
            path.display(),
            mebibytes(size as u64),
            limit >> 20
        ),
    )
    .hint("tách tệp thành từng văn bản trước khi chuyển"))
}

/// The import of a file of any form, before its result is measured.
fn import_any(path: &Path, encoding: Option<Encoding>) -> Result<Imported, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error("import::read", format!("không đọc được {}: {}", path.display(), io_reason(&e)))
    };
    let is = |ext: &str| path.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext));
    let (is_docx, is_pdf) = (is("docx"), is("pdf"));
    // A text becomes one document, held to a document's size; a DOCX archive to its parts'.
    let limit = match (is_docx, is_pdf) {
        (true, _) => docx::PART_LIMIT,
        (_, true) => pdf::MAX_BYTES,
        _ => crate::input::MAX_SOURCE_BYTES,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > limit {
        return Err(Diagnostic::error(
            "import::too_large",
            format!("{} dài {} MiB, quá giới hạn {} MiB", path.display(), mebibytes(size), limit >> 20),
        )
        .hint("tách tệp thành từng văn bản trước khi chuyển"));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if is_pdf {
        return import_pdf(path, bytes);
    }
    if is_docx {
        let doc = docx::read(&bytes).map_err(|m| {
            Diagnostic::error("import::docx", format!("{}: {m}", path.display()))
                .hint("mở tệp bằng Word và lưu lại dạng .docx, hoặc xuất ra văn bản .txt")
        })?;
        held(path, "chữ đọc ra", doc.text.len())?;
        return Ok(read_form(path, doc.text, &doc.paragraphs, "đoạn", doc.notes));
    }
    Ok(import_plain(path, &bytes, encoding))
}

/// Imports a text file's `bytes`, converted to Unicode from `encoding` or the one it seems to be
/// in, with a note of the conversion and warnings of the characters it could not convert.
fn import_plain(path: &Path, bytes: &[u8], encoding: Option<Encoding>) -> Imported {
    let raw = legacy::decode(bytes);
    let from = encoding.unwrap_or_else(|| legacy::detect(&raw));
    let (mut text, unknown) = legacy::convert(&raw, from);
    let mut conversion = vec![];
    if from != Encoding::Unicode {
        let (restored, words) = legacy::restore_capitals(&text);
        text = restored;
        let more =
            if words > 0 { format!("; chữ hoa khôi phục ở {words} chỗ") } else { String::new() };
        conversion.push(Note::guess(
            None,
            format!("đã chuyển bảng mã {} sang Unicode{more}", from.name()),
            "dùng `--encoding` nếu đoán sai bảng mã",
        ));
    }
    let src = SourceFile::new(path, text);
    let mut report = self::notes(&src, conversion);
    report.extend(unconverted(&src, &unknown, from));
    // A plain text is not Markdown: its backticks and stars stay text.
    let mut imported = recognised(&src, text::markup::escape);
    imported.report.splice(0..0, report);
    imported
}

/// Warnings of the characters of `src` at the char indices `unknown` that did not convert
/// from `from`: the first few, each at its place; a file of nothing but such characters is not
/// a document in that encoding, and a list of thousands helps no one.
fn unconverted(src: &SourceFile, unknown: &[usize], from: Encoding) -> Vec<Diagnostic> {
    let mut report = vec![];
    let mut wanted = unknown.iter().copied().take(UNCONVERTED_SHOWN).peekable();
    for (n, (offset, c)) in src.text.char_indices().enumerate() {
        if wanted.peek() != Some(&n) {
            continue;
        }
        wanted.next();
        report.push(
            Diagnostic::warning(
                "import::unconverted",
                format!("ký tự `{c}` không chuyển được từ {}", from.name()),
            )
            .at(src.location(offset, 1))
            .hint("sửa ký tự này bằng tay"),
        );
        if wanted.peek().is_none() {
            break;
        }
    }
    if unknown.len() > UNCONVERTED_SHOWN {
        report.push(
            Diagnostic::warning(
                "import::unconverted",
                format!(
                    "và {} ký tự khác không chuyển được từ {}",
                    unknown.len() - UNCONVERTED_SHOWN,
                    from.name()
                ),
            )
            .hint("kiểm tra bảng mã: dùng `--encoding` nếu đoán sai"),
        );
    }
    report
}

/// Imports a PDF's text layer; a PDF without usable text is refused with the hint to OCR it.
fn import_pdf(path: &Path, bytes: Vec<u8>) -> Result<Imported, Diagnostic> {
    let doc = pdf::read(bytes).map_err(|e| match e {
        pdf::Unread::Broken(why) => Diagnostic::error("import::pdf", format!("{}: {why}", path.display()))
            .hint("mở tệp bằng trình đọc PDF và in lại ra PDF, hoặc xuất văn bản ra .txt rồi nhập tệp đó"),
        pdf::Unread::NoText(why) => Diagnostic::error(
            "import::no_text",
            format!("{} không có lớp chữ tiếng Việt dùng được ({why}): có lẽ là bản quét", path.display()),
        )
        .hint("nhận dạng chữ (OCR) trước, ví dụ `tesseract trang.png ra -l vie`, rồi nhập tệp văn bản ra"),
    })?;
    held(path, "chữ đọc ra", doc.text.len())?;
    Ok(read_form(path, doc.text, &doc.pages, "trang", doc.notes))
}

/// Imports the text form a reader made of `path` (DOCX, PDF). Its lines mean nothing to the
/// user, so each report names the reader's place instead: `places[line - 1]`, called `unit`
/// (a paragraph, a page); the reader's own notes come first.
fn read_form(path: &Path, text: String, places: &[usize], unit: &str, reader: Vec<Note>) -> Imported {
    let src = SourceFile::new(path, text);
    let mut imported = import_text(&src);
    for d in &mut imported.report {
        if let Some(loc) = d.location.take() {
            let place = places.get(loc.line - 1).copied().unwrap_or_default();
            d.message.push_str(&format!(" ({unit} {place} của tệp)"));
        }
    }
    imported.report.splice(0..0, notes(&src, reader));
    imported
}

/// How many characters that could not be converted are reported one by one.
const UNCONVERTED_SHOWN: usize = 20;

/// Imports a text already read (Unicode), in the text form (inline Markdown as it stands).
pub fn import_text(src: &SourceFile) -> Imported {
    recognised(src, str::to_owned)
}

/// Recognises the parts of `src`, each line written into the text form by `line`.
fn recognised(src: &SourceFile, line: impl Fn(&str) -> String) -> Imported {
    let text: String = src.text.replace("\r\n", "\n").nfc().collect();
    let text: String = text
        .split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(l) => line(l) + "\n",
            None => line(l),
        })
        .collect();
    let found = text::recognise(&text);
    let mut report = notes(src, found.notes.iter().cloned());
    let markdown = front::document(&found);
    let dropped: Vec<usize> = found.dropped.iter().map(|(line, _)| *line).collect();
    let kept = kept::lost(&text, &markdown, &dropped);
    report.extend(lost_words(src, &kept.lost));
    Imported { markdown, report, kept }
}

/// How many lines with lost words are reported one by one.
const LOST_SHOWN: usize = 20;

/// The words lost, one warning per line (the first [`LOST_SHOWN`] lines), with the part of
/// the document to check.
fn lost_words(src: &SourceFile, lost: &[kept::Lost]) -> Vec<Diagnostic> {
    let mut out = vec![];
    let lines = lost.chunk_by(|a, b| a.line == b.line);
    let total = lost.chunk_by(|a, b| a.line == b.line).count();
    for words in lines.take(LOST_SHOWN) {
        let part = match words[0].part {
            kept::Part::Head => "phần đầu (cơ quan, số, ngày, tên loại, trích yếu, kính gửi, căn cứ)",
            kept::Part::Body => "nội dung",
            kept::Part::Closing => "phần cuối (chữ ký, nơi nhận)",
        };
        let list: Vec<&str> = words.iter().map(|w| w.word.as_str()).collect();
        out.push(
            Diagnostic::warning(
                "import::lost",
                format!("mất {} từ của bản gốc: `{}`", list.len(), list.join(" ")),
            )
            .at(src.location(src.line_start(words[0].line), 1))
            .hint(format!("kiểm tra {part} của văn bản đã chuyển và chép lại các từ này")),
        );
    }
    if total > LOST_SHOWN {
        out.push(
            Diagnostic::warning("import::lost", format!("và {} dòng khác có từ bị mất", total - LOST_SHOWN))
                .hint("so văn bản đã chuyển với bản gốc"),
        );
    }
    out
}

/// The notes of the report as diagnostics, each at its line of `src`.
fn notes(src: &SourceFile, notes: impl IntoIterator<Item = Note>) -> Vec<Diagnostic> {
    notes
        .into_iter()
        .map(|n| {
            let code = if n.missing { "import::not_found" } else { "import::guess" };
            let d = Diagnostic::warning(code, n.message).hint(n.hint);
            match n.line {
                Some(line) => d.at(src.location(src.line_start(line), 1)),
                None => d,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_words_are_reported_by_line_with_the_part_to_check() {
        let src = SourceFile::new(Path::new("bao-cao.txt"), "Số 12-BC/ĐU\nthân bài\nBÍ THƯ\n".to_owned());
        let word = |line, word: &str, part| kept::Lost { line, word: word.to_owned(), part };
        let lost = [
            word(1, "12", kept::Part::Head),
            word(1, "BC", kept::Part::Head),
            word(3, "THƯ", kept::Part::Closing),
        ];
        let report: Vec<(String, Option<usize>, Option<String>)> = lost_words(&src, &lost)
            .into_iter()
            .map(|d| (d.message, d.location.map(|l| l.line), d.hint))
            .collect();
        let hint = |part: &str| Some(format!("kiểm tra {part} của văn bản đã chuyển và chép lại các từ này"));
        assert_eq!(
            report,
            [
                (
                    "mất 2 từ của bản gốc: `12 BC`".to_owned(),
                    Some(1),
                    hint("phần đầu (cơ quan, số, ngày, tên loại, trích yếu, kính gửi, căn cứ)")
                ),
                ("mất 1 từ của bản gốc: `THƯ`".to_owned(), Some(3), hint("phần cuối (chữ ký, nơi nhận)")),
            ]
        );
    }
}
