//! The register exported as offices keep it: an XLSX workbook in the register form's columns
//! (the form offices print and keep), or CSV with the same columns; headers in Vietnamese.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Entry;
use crate::diag::Diagnostic;

/// The columns: the form's (số TT to ghi chú), then what vanban keeps besides; each with its
/// width in the workbook, characters.
pub const COLUMNS: [(&str, f64); 16] = [
    ("Số TT", 6.0),
    ("Số, ký hiệu văn bản", 16.0),
    ("Ngày tháng văn bản", 12.0),
    ("Tên loại và trích yếu nội dung", 40.0),
    ("Người ký", 18.0),
    ("Nơi nhận văn bản", 30.0),
    ("Đơn vị, người nhận bản lưu", 18.0),
    ("Số lượng bản", 8.0),
    ("Ngày chuyển", 12.0),
    ("Ký nhận", 10.0),
    ("Ghi chú", 20.0),
    ("Dãy số", 30.0),
    ("Trạng thái", 10.0),
    ("Tệp nguồn", 30.0),
    ("SHA-256 nguồn", 20.0),
    ("SHA-256 PDF", 20.0),
];

/// The cells of one entry, `n` its row in the listing.
pub fn row(n: usize, e: &Entry) -> [String; 16] {
    let ngay = crate::model::date::parse(&e.ngay)
        .map_or(e.ngay.clone(), |d| format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()));
    let mut note = e.ghi_chu.clone();
    if e.trang_thai != super::State::DaCap {
        note = [e.trang_thai.shown(), note.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(": ");
    }
    [
        n.to_string(),
        e.so_ky_hieu.clone(),
        ngay,
        e.ten_loai_trich_yeu.clone(),
        e.nguoi_ky.clone(),
        e.noi_nhan.clone(),
        e.ban_luu.clone(),
        e.so_ban.map(|n| n.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        note,
        e.day_so.clone(),
        e.trang_thai.shown().to_owned(),
        e.tep_nguon.clone(),
        e.sha256_nguon.clone(),
        e.sha256_pdf.clone(),
    ]
}

/// The entries as CSV: a header row, then a row each; UTF-8 with a byte order mark, for
/// spreadsheets.
pub fn csv(entries: &[Entry]) -> Vec<u8> {
    let mut out =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(COLUMNS.map(|c| c.0)).expect("written to memory");
    for (i, e) in entries.iter().enumerate() {
        out.write_record(row(i + 1, e).iter().map(|c| crate::archive::as_text(c)))
            .expect("written to memory");
    }
    out.into_inner().expect("written to memory")
}

/// The entries as an XLSX workbook, one sheet `Sổ đăng ký văn bản đi`, the header row bold and
/// frozen, every cell text.
pub fn xlsx(entries: &[Entry]) -> Result<Vec<u8>, Diagnostic> {
    let failed = |e: XlsxError| Diagnostic::error("register::xlsx", format!("không tạo được tệp XLSX: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sổ đăng ký văn bản đi").map_err(failed)?;
    let (bold, wrap) = (Format::new().set_bold().set_text_wrap(), Format::new().set_text_wrap());
    for (c, (name, width)) in (0u16..).zip(COLUMNS) {
        sheet.set_column_width(c, width).map_err(failed)?;
        sheet.write_string_with_format(0, c, name, &bold).map_err(failed)?;
    }
    for (r, (i, e)) in (1u32..).zip(entries.iter().enumerate()) {
        for (c, cell) in (0u16..).zip(row(i + 1, e)) {
            sheet.write_string_with_format(r, c, cell, &wrap).map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
