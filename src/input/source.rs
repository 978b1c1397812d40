//! Reading what the user gives: a document (bounded in size, UTF-8, without control
//! characters) and the files beside it (regular files, bounded).

use std::path::Path;

use typst::diag::{FileError, FileResult};

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, io_reason, mebibytes};

/// Reads a file; the error names the file and says why, in Vietnamese.
pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(
            "input::unreadable",
            format!("không đọc được tệp {}: {}", path.display(), io_reason(&e)),
        )
        .hint("kiểm tra đường dẫn và quyền đọc tệp")
    };
    // Refused before it is read; and a FIFO or a growing file, whose size says nothing, is
    // read to one byte past the limit at most.
    too_large(path, std::fs::metadata(path).map_err(unreadable)?.len())?;
    from_bytes(path, read_bounded(path).map_err(unreadable)?)
}

/// The file `path` from bytes already read: UTF-8 text, within the size limit, without
/// control characters.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    too_large(path, bytes.len() as u64)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let source = SourceFile::new(path, String::from_utf8_lossy(e.as_bytes()).into_owned());
        let at = e.utf8_error().valid_up_to();
        Diagnostic::error("input::not_utf8", "tệp không phải văn bản UTF-8").at(source.location(at, 1)).hint(
            "lưu tệp với bảng mã UTF-8 (Unicode); văn bản mã TCVN3 hoặc VNI: chuyển bằng `vanban import`",
        )
    })?;
    // A control character is a damaged file (a NUL from a bad extraction), never writing.
    if let Some((at, c)) =
        // A form feed is a plain text's page break.
        text.char_indices().find(|&(_, c)| super::control(c) && c != '\u{c}')
    {
        let source = SourceFile::new(path, text.clone());
        return Err(Diagnostic::error(
            "input::control_char",
            format!("tệp có ký tự điều khiển U+{:04X}, không phải chữ", u32::from(c)),
        )
        .at(source.location(at, 1))
        .hint("xóa ký tự này (tệp có thể bị hỏng khi trích xuất); văn bản cũ: chuyển bằng `vanban import`"));
    }
    Ok(SourceFile::new(path, text))
}

/// The bytes of the file at `path`, at most one past a document's size limit: enough to refuse
/// it, never the whole of a file that grows or a FIFO that does not end.
pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![];
    let file = std::fs::File::open(path)?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, super::MAX_SOURCE_BYTES + 1), &mut bytes)?;
    Ok(bytes)
}

/// The bytes of the file at `path`, when the compile may read it: a regular file (a FIFO or a
/// device would block the compile, or never end) of at most [`MAX_FILE_BYTES`].
pub fn read_regular(path: &Path) -> FileResult<Vec<u8>> {
    let f = |e| FileError::from_io(e, path);
    let meta = path.metadata().map_err(f)?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(FileError::Other(Some("không phải tệp thường (FIFO, thiết bị)".into())));
    }
    if meta.len() > MAX_FILE_BYTES {
        let mib = MAX_FILE_BYTES >> 20;
        return Err(FileError::Other(Some(format!("tệp lớn quá {mib} MiB").into())));
    }
    std::fs::read(path).map_err(f)
}

/// The largest file the compile reads from the document's folder (an image): a photograph a
/// page holds is a few MiB; a 3 GB file was read whole before it was found not an image.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Refuses a document of `size` bytes past [`super::MAX_SOURCE_BYTES`].
fn too_large(path: &Path, size: u64) -> Result<(), Diagnostic> {
    if size <= super::MAX_SOURCE_BYTES {
        return Ok(());
    }
    Err(Diagnostic::error(
        "input::too_large",
        format!(
            "tệp {} dài {} MiB, quá giới hạn {} MiB của một văn bản",
            path.display(),
            mebibytes(size),
            super::MAX_SOURCE_BYTES >> 20
        ),
    )
    .hint("tách thành nhiều văn bản, hoặc đưa phần dài thành phụ lục riêng"))
}
