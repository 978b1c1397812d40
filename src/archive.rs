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

/// The column names, in the order of [`Record`]'s fields.
const COLUMNS: [&str; 13] = [
    "so",
    "ky_hieu",
    "ngay",
    "co_quan",
    "ten_loai",
    "trich_yeu",
    "nguoi_ky",
    "do_mat",
    "so_trang",
    "ten_tep",
    "ngon_ngu",
    "quy_tac",
    "sha256",
];

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
    /// The record as one line of `format`.
    pub fn line(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string(self).expect("a record serializes") + "\n",
            Format::Csv => {
                let r = self;
                let count = r.so_trang.to_string();
                let cells = [
                    &r.so,
                    &r.ky_hieu,
                    &r.ngay,
                    &r.co_quan,
                    &r.ten_loai,
                    &r.trich_yeu,
                    &r.nguoi_ky,
                    &r.do_mat,
                    &count,
                    &r.ten_tep,
                    &r.ngon_ngu,
                    &r.quy_tac,
                    &r.sha256,
                ];
                csv_line(cells.map(String::as_str))
            }
        }
    }
}

/// One CSV line: a cell with a comma, quote or line break is quoted, its quotes doubled. A cell
/// a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or carriage
/// return first) gets a leading `'`, so that it opens as the text it is (OWASP's advice).
fn csv_line(cells: [&str; 13]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{c}")
            } else {
                (*c).to_owned()
            };
            if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c }
        })
        .collect();
    quoted.join(",") + "\r\n"
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
    if format == Format::Csv && file.metadata().map_err(failed)?.len() == 0 {
        text.push('\u{feff}');
        text.push_str(&csv_line(COLUMNS));
    }
    text.push_str(&record.line(format));
    // One write: appends by others land before or after it, never inside.
    file.write_all(text.as_bytes()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_with_a_comma_or_quote_is_quoted() {
        let mut cells = [""; 13];
        cells[0] = "a,b";
        cells[1] = "say \"x\"";
        cells[2] = "plain";
        assert!(csv_line(cells).starts_with("\"a,b\",\"say \"\"x\"\"\",plain,"));
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
        let mut cells = [""; 13];
        cells[0] = "=HYPERLINK(\"http://x\",\"y\")";
        cells[1] = "-1+2";
        cells[2] = "@SUM(A1)";
        cells[3] = "kết quả = tốt";
        assert!(
            csv_line(cells)
                .starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-1+2,'@SUM(A1),kết quả = tốt,"),
            "{}",
            csv_line(cells)
        );
    }
}
