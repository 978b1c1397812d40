//! One archival record per document (`--metadata csv|json`): the fields of a Party archive
//! record, appended to `vanban-ho-so.csv` or `vanban-ho-so.jsonl` in the output folder. Each
//! record is one write to a file opened for appending, so records from a batch, or from several
//! runs, never interleave or overwrite one another.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diag::io_reason;

/// The record of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Số: the number, empty before issue.
    pub so: String,
    /// Ký hiệu: the code after the number, e.g. `BC/ĐU`.
    pub ky_hieu: String,
    /// Ngày: the date, `YYYY-MM-DD`.
    pub ngay: String,
    /// Cơ quan ban hành.
    pub co_quan: String,
    /// Tên loại.
    pub ten_loai: String,
    /// Trích yếu.
    pub trich_yeu: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// Độ mật, empty when none.
    pub do_mat: String,
    /// Số trang.
    pub so_trang: usize,
    /// Tên tệp: the PDF's file name.
    pub ten_tep: String,
    /// Ngôn ngữ.
    pub ngon_ngu: String,
    /// The ruleset the layout followed.
    pub quy_tac: String,
    /// SHA-256 of the PDF.
    pub sha256: String,
}

/// The record file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV (RFC 4180) with a header row, UTF-8 with a byte order mark for spreadsheets.
    Csv,
    /// JSON Lines: one object a line.
    Json,
}

impl Format {
    /// The record file in `folder`.
    pub fn path(self, folder: &Path) -> PathBuf {
        folder.join(match self {
            Format::Csv => "vanban-ho-so.csv",
            Format::Json => "vanban-ho-so.jsonl",
        })
    }
}

impl Record {
    /// The record as one line of `format`; a CSV line with the header line before it when
    /// `header` (the columns are the fields' names, in their order).
    pub fn lines(&self, format: Format, header: bool) -> String {
        match format {
            Format::Json => serde_json::to_string(self).expect("a record serializes") + "\n",
            Format::Csv => {
                let mut plain = csv::WriterBuilder::new().has_headers(header).from_writer(vec![]);
                plain.serialize(self).expect("a record serializes");
                let plain = plain.into_inner().expect("written to memory");
                let rows = csv::ReaderBuilder::new().has_headers(false).from_reader(plain.as_slice());
                let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
                for row in rows.into_records() {
                    let row = row.expect("read back as written");
                    out.write_record(row.iter().map(as_text)).expect("written to memory");
                }
                String::from_utf8(out.into_inner().expect("written to memory")).expect("UTF-8 in, UTF-8 out")
            }
        }
    }
}

/// A cell a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or
/// carriage return first) with a leading `'`, so that it opens as the text it is (OWASP's
/// advice).
pub(crate) fn as_text(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() }
}

/// An output's path relative to `folder`, `/`-separated: its name in records and manifests.
pub fn relative(output: &Path, folder: &Path) -> String {
    let rel = output.strip_prefix(folder).unwrap_or(output);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Appends the record of the document written to `output` to the record file in `folder`
/// (its file named relative to the folder), with the header first when the file is new.
pub fn append(folder: &Path, output: &Path, format: Format, record: &Record) -> Result<(), Diagnostic> {
    let record = Record { ten_tep: relative(output, folder), ..record.clone() };
    let path = format.path(folder);
    let failed = |e: std::io::Error| {
        Diagnostic::error("export::write", format!("không ghi được {}: {}", path.display(), io_reason(&e)))
    };
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).map_err(failed)?;
    let mut text = String::new();
    let new = file.metadata().map_err(failed)?.len() == 0;
    if format == Format::Csv && new {
        text.push('\u{feff}');
    }
    text.push_str(&record.lines(format, new));
    // One write: appends by others land before or after it, never inside.
    file.write_all(text.as_bytes()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            so: "a,b".into(),
            ky_hieu: "say \"x\"".into(),
            ngay: "plain".into(),
            co_quan: "=HYPERLINK(\"http://x\",\"y\")".into(),
            ten_loai: "-1+2".into(),
            trich_yeu: "@SUM(A1)".into(),
            nguoi_ky: "kết quả = tốt".into(),
            do_mat: String::new(),
            so_trang: 3,
            ten_tep: "dòng\nhai".into(),
            ngon_ngu: "vi".into(),
            quy_tac: "hd05-2026".into(),
            sha256: "00".into(),
        }
    }

    #[test]
    fn the_header_is_the_fields_and_a_cell_with_a_comma_or_quote_is_quoted() {
        let text = record().lines(Format::Csv, true);
        let (header, row) = text.split_once("\r\n").unwrap();
        assert_eq!(
            header,
            "so,ky_hieu,ngay,co_quan,ten_loai,trich_yeu,nguoi_ky,do_mat,so_trang,ten_tep,ngon_ngu,quy_tac,sha256"
        );
        assert!(row.starts_with("\"a,b\",\"say \"\"x\"\"\",plain,"), "{row}");
        assert!(row.ends_with(",3,\"dòng\nhai\",vi,hd05-2026,00\r\n"), "{row}");
        assert_eq!(record().lines(Format::Csv, false), row);
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
        let text = record().lines(Format::Csv, false);
        assert!(
            text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-1+2,'@SUM(A1),kết quả = tốt,"),
            "{text}"
        );
        // JSON keeps the text as it is.
        assert!(record().lines(Format::Json, false).contains(r#""co_quan":"=HYPERLINK("#));
    }
}
