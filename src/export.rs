//! Output: PDF bytes from the laid-out document, and writing them without ever leaving a
//! half-written or clobbered file.

use std::io::Write;
use std::path::Path;

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::source::{folder_of, io_reason};

/// The PDF of a laid-out document. No timestamp is written, so the same input gives the same
/// bytes.
pub fn pdf(doc: &PagedDocument) -> Result<Vec<u8>, Diagnostics> {
    let options = PdfOptions {
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        Diagnostics(
            errors
                .iter()
                .map(|e| Diagnostic::error("export::pdf", format!("không tạo được PDF: {}", e.message)))
                .collect(),
        )
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// On any failure the existing file is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error("export::write", format!("không ghi được {}: {}", path.display(), io_reason(&e)))
            .hint("kiểm tra thư mục đích có tồn tại và có quyền ghi")
    };
    let dir = folder_of(path);
    let mut tmp =
        tempfile::Builder::new().prefix(".vanban-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // The temporary file is private (0600); the PDF gets the mode of the file it replaces, or
    // the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
