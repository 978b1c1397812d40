//! A user's input file held in memory, with byte offsets turned into line and column.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diag::{Diagnostic, Location};

/// The text of one input file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The whole text, UTF-8, without a byte-order mark.
    pub text: String,
    /// Where each line starts, made when a location is first asked for: a damaged file may
    /// have thousands of findings, each found without rescanning the text.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Reads a file; the error names the file and says why, in Vietnamese.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
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
        Self::from_bytes(path, read_bounded(path).map_err(unreadable)?)
    }

    /// The file `path` from bytes already read: UTF-8 text, within the size limit, without
    /// control characters.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        too_large(path, bytes.len() as u64)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let source = Self::new(path, String::from_utf8_lossy(e.as_bytes()).into_owned());
            let at = e.utf8_error().valid_up_to();
            Diagnostic::error("input::not_utf8", "tệp không phải văn bản UTF-8")
                .at(source.location(at, 1))
                .hint("lưu tệp với bảng mã UTF-8 (Unicode); văn bản mã TCVN3 hoặc VNI: chuyển bằng `vanban import`")
        })?;
        // A control character is a damaged file (a NUL from a bad extraction), never writing.
        if let Some((at, c)) =
            // A form feed is a plain text's page break.
            text.char_indices().find(|&(_, c)| super::control(c) && c != '\u{c}')
        {
            let source = Self::new(path, text.clone());
            return Err(Diagnostic::error(
                "input::control_char",
                format!("tệp có ký tự điều khiển U+{:04X}, không phải chữ", u32::from(c)),
            )
            .at(source.location(at, 1))
            .hint(
                "xóa ký tự này (tệp có thể bị hỏng khi trích xuất); văn bản cũ: chuyển bằng `vanban import`",
            ));
        }
        Ok(Self::new(path, text))
    }

    /// Wraps text already in memory.
    pub fn new(path: &Path, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        Self { path: path.to_owned(), text, line_starts: OnceLock::new() }
    }

    /// The folder the file is in: images are read from there, and nothing outside it.
    pub fn dir(&self) -> &Path {
        folder_of(&self.path)
    }

    /// The byte offsets where the lines start.
    fn starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect()
        })
    }

    /// The byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts().get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    /// The location of a byte offset, underlining `width` characters.
    pub fn location(&self, offset: usize, width: usize) -> Location {
        let offset = self.text.floor_char_boundary(offset);
        let line = self.starts().partition_point(|s| *s <= offset);
        let start = self.starts()[line - 1];
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        let col = self.text[start..offset].chars().count() + 1;
        let source_line = self.text[start..end].trim_end_matches('\r').to_owned();
        let rest = source_line.chars().count().saturating_sub(col - 1);
        Location {
            file: self.path.clone(),
            line,
            col,
            source_line: Some(source_line),
            width: width.clamp(1, rest.max(1)),
        }
    }
}

/// The folder a file path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// The bytes of the file at `path`, at most one past a document's size limit: enough to refuse
/// it, never the whole of a file that grows or a FIFO that does not end.
pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![];
    let file = std::fs::File::open(path)?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, super::MAX_SOURCE_BYTES + 1), &mut bytes)?;
    Ok(bytes)
}

/// An I/O error in Vietnamese: the operating system's own text is English, so a kind it does
/// not name here is given by its error number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let known = match e.kind() {
        NotFound => "không tìm thấy tệp",
        PermissionDenied => "không có quyền truy cập",
        IsADirectory => "đây là thư mục, không phải tệp",
        NotADirectory => "một phần của đường dẫn không phải thư mục",
        AlreadyExists => "đã có",
        StorageFull => "ổ đĩa đã đầy",
        QuotaExceeded => "đã hết hạn mức dung lượng",
        ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        FileTooLarge => "tệp lớn quá mức hệ thống cho phép",
        InvalidFilename => "tên tệp không hợp lệ",
        DirectoryNotEmpty => "thư mục không trống",
        CrossesDevices => "không chuyển được sang ổ đĩa khác",
        ResourceBusy => "tệp đang bị chương trình khác dùng",
        BrokenPipe => "đầu nhận đã đóng",
        AddrInUse => "cổng đã có chương trình khác dùng",
        AddrNotAvailable => "địa chỉ không dùng được trên máy này",
        TimedOut => "quá thời gian chờ",
        Interrupted => "bị ngắt giữa chừng",
        OutOfMemory => "hết bộ nhớ",
        InvalidData => "dữ liệu hỏng hoặc không phải văn bản UTF-8",
        UnexpectedEof => "tệp bị cắt cụt",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("lỗi vào/ra, mã lỗi hệ thống {n}"),
                None => "lỗi vào/ra".into(),
            };
        }
    };
    known.into()
}

/// A size in MiB with one decimal, rounded up (a size past a limit never reads as the limit),
/// written the Vietnamese way (`2,5`).
pub fn mebibytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1 << 20);
    format!("{},{}", tenths / 10, tenths % 10)
}

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
