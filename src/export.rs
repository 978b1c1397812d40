//! Output: PDF (or page images) from the laid-out document, and writing them without ever
//! leaving a half-written or clobbered file. Nothing depends on the clock: the PDF's dates come
//! from the document's date (or the `SOURCE_DATE_EPOCH` the command read), its identifier from
//! its content.

use std::io::Write;
use std::path::Path;

use time::{OffsetDateTime, PrimitiveDateTime};
use typst::foundations::{Datetime, Smart};
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, Timestamp};

use crate::diag::io_reason;
use crate::diag::source::folder_of;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::date::{Date, VIETNAM};

/// The PDF's creation date: `epoch` (seconds since 1970) when given, else the document's date
/// at midnight in Vietnam.
fn timestamp(date: Date, epoch: Option<i64>) -> Option<Timestamp> {
    match epoch {
        Some(s) => {
            let at = OffsetDateTime::from_unix_timestamp(s).ok()?;
            Some(Timestamp::new_utc(Datetime::Datetime(PrimitiveDateTime::new(at.date(), at.time()))))
        }
        None => Timestamp::new_local(Datetime::Datetime(date.midnight()), VIETNAM.whole_minutes().into()),
    }
}

/// An archival PDF standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfA {
    /// PDF/A-1b (ISO 19005-1), as archives under TCVN 14159-1:2024 demand.
    A1b,
    /// PDF/A-2b (ISO 19005-2).
    A2b,
}

/// The PDF of a laid-out document dated `date`; `ident` names its content (the PDF's
/// identifier is a hash of it); PDF/A when `standard` says so (Typst embeds the fonts, writes
/// the XMP metadata and an output intent, and refuses what the standard forbids).
pub fn pdf(
    doc: &PagedDocument,
    date: Date,
    epoch: Option<i64>,
    ident: &str,
    standard: Option<PdfA>,
) -> Result<Vec<u8>, Diagnostics> {
    let standards = match standard {
        None => typst_pdf::PdfStandards::default(),
        Some(level) => {
            let s = match level {
                PdfA::A1b => typst_pdf::PdfStandard::A_1b,
                PdfA::A2b => typst_pdf::PdfStandard::A_2b,
            };
            typst_pdf::PdfStandards::new(&[s]).expect("one PDF/A level is a valid set")
        }
    };
    let options = PdfOptions {
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        ident: Smart::Custom(ident.to_owned()),
        timestamp: timestamp(date, epoch),
        standards,
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

/// A page rasterised at `ppi` pixels per inch.
pub fn pixmap(page: &Page, ppi: f32) -> tiny_skia::Pixmap {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi) / 72.0),
        ..Default::default()
    };
    typst_render::render(page, &options)
}

/// The most pixels a page image may have: an A4 page at 1,000 ppi is 97 million (at 2,400 ppi,
/// 557 million asked for 2.2 GB at once).
pub const MAX_IMAGE_PIXELS: f64 = 100_000_000.0;

/// Page `number` (`page`) as PNG at `ppi` pixels per inch; refused past [`MAX_IMAGE_PIXELS`],
/// with the resolution that fits.
pub fn png(page: &Page, number: usize, ppi: f32) -> Result<Vec<u8>, Diagnostic> {
    let scale = f64::from(ppi) / 72.0;
    let (w, h) =
        ((page.frame.width().to_pt() * scale).round(), (page.frame.height().to_pt() * scale).round());
    if w * h > MAX_IMAGE_PIXELS {
        let fits = (f64::from(ppi) * (MAX_IMAGE_PIXELS / (w * h)).sqrt()).floor();
        return Err(Diagnostic::error(
            "export::png_too_large",
            format!(
                "ảnh trang {number} ở {ppi} ppi là {w} × {h} điểm ảnh, quá giới hạn {} triệu",
                MAX_IMAGE_PIXELS / 1e6
            ),
        )
        .hint(format!("dùng `--ppi` đến {fits}")));
    }
    pixmap(page, ppi)
        .encode_png()
        .map_err(|e| Diagnostic::error("export::png", format!("không tạo được PNG: {e}")))
}

/// A page as SVG.
pub fn svg(page: &Page) -> Vec<u8> {
    typst_svg::svg(page, &typst_svg::SvgOptions::default()).into_bytes()
}

/// The files of a document's page images beside its PDF: `name-1.png`, … (numbers padded to
/// the page count's width).
pub fn page_paths(pdf: &Path, ext: &str, pages: usize) -> Vec<std::path::PathBuf> {
    let stem = pdf.file_stem().unwrap_or_default().to_string_lossy();
    let width = pages.to_string().len();
    (1..=pages).map(|n| pdf.with_file_name(format!("{stem}-{n:0width$}.{ext}"))).collect()
}

/// Page images of `pdf`'s name left from an earlier run (`x-04.png` beside a new three-page
/// `x-1.png…x-3.png`): files `stem-<digits>.ext` in its folder that `keep` does not hold.
pub fn stale_pages(pdf: &Path, ext: &str, keep: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let stem = pdf.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(folder_of(pdf)) else { return vec![] };
    let page = |p: &Path| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let number = name.strip_prefix(&format!("{stem}-")).and_then(|n| n.strip_suffix(&format!(".{ext}")));
        number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut stale: Vec<_> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| page(p) && !keep.iter().any(|k| k.file_name() == p.file_name()))
        .collect();
    stale.sort();
    stale
}

/// An output ready to take its place: its bytes written and flushed to a temporary file beside
/// it, or (a device, a FIFO, standard output) to be written in place.
pub struct Pending {
    target: std::path::PathBuf,
    staged: Staged,
}

enum Staged {
    Temp(tempfile::NamedTempFile),
    InPlace(Vec<u8>),
}

/// The `export::write` error for `path`.
pub(crate) fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("export::write", format!("không ghi được {}: {}", path.display(), io_reason(e)))
        .hint("kiểm tra thư mục đích có tồn tại, còn chỗ trống và có quyền ghi")
}

/// Prepares `bytes` for `path` (see [`write_atomic`]); nothing at `path` changes until
/// [`Pending::commit`].
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Pending, Diagnostic> {
    let fail = |e: std::io::Error| write_error(path, &e);
    let target = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(Diagnostic::error("export::write", format!("{} là một thư mục", path.display()))
                .hint("ghi ra một tệp: thêm tên tệp vào sau đường dẫn"));
        }
        // `/dev/stdout` and its kind name an open file: written to, whatever it is.
        Ok(m) if !m.is_file() || path.starts_with("/dev") => {
            return Ok(Pending { target: path.to_owned(), staged: Staged::InPlace(bytes.to_vec()) });
        }
        // Through a link, the file it names.
        Ok(_) if path.is_symlink() => std::fs::canonicalize(path).map_err(fail)?,
        _ => path.to_owned(),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(folder_of(&target))
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // The temporary file is private (0600); the output gets the mode of the file it replaces,
    // or the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    Ok(Pending { target, staged: Staged::Temp(tmp) })
}

impl Pending {
    /// Puts the output in its place: a rename, or the write in place.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let fail = |e: std::io::Error| write_error(&self.target, &e);
        match self.staged {
            Staged::Temp(tmp) => tmp.persist(&self.target).map(drop).map_err(|e| fail(e.error)),
            Staged::InPlace(bytes) => {
                let mut out = std::fs::OpenOptions::new().write(true).open(&self.target).map_err(fail)?;
                out.write_all(&bytes).and_then(|()| out.flush()).map_err(fail)
            }
        }
    }
}

/// How a temporary output's name begins: `.vanban-<process id>-…tmp`.
const TEMP_PREFIX: &str = ".vanban-";

/// Removes from `dir` the temporary outputs of vanban processes that are gone (killed before
/// their rename); those of a process still running are theirs. Linux only (a process is
/// looked for in `/proc`); elsewhere nothing is removed.
pub fn sweep(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid =
            name.strip_prefix(TEMP_PREFIX).filter(|_| name.ends_with(".tmp")).and_then(|r| r.split_once('-'));
        let gone = pid.is_some_and(|(pid, _)| {
            pid.parse::<u32>().is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
        });
        if gone && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// On any failure the existing file is untouched. An output that exists and is not a regular
/// file is never replaced: a device, a FIFO or standard output (`/dev/stdout`) is written to in
/// place, a folder refused; a symbolic link to a file has its target replaced, the link kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    stage(path, bytes)?.commit()
}
