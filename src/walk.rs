//! Folder walks for batch render and batch import: files in the tree, never out of it.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Files under `dir` that `wanted` takes, skipping hidden files and folders. Links to folders
/// are not followed (a link to `.` or `/` would walk forever or everywhere), and a wanted name
/// that is not a regular file (a FIFO, a device, a dangling link) is passed over; each with a
/// warning `code` in `skipped`.
pub fn walk(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    code: &'static str,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        let kind = e.file_type()?;
        let skip = |why: &str| {
            Diagnostic::warning(code, format!("bỏ qua {}: {why}", p.display()))
                .hint("trỏ thẳng tới thư mục hoặc tệp cần dùng")
        };
        if kind.is_dir() {
            walk(&p, wanted, code, out, skipped)?;
        } else if kind.is_symlink() && p.is_dir() {
            skipped.push(skip("liên kết tới một thư mục, không đi theo"));
        } else if wanted(&p) && !p.is_file() {
            skipped.push(skip("không phải tệp thường"));
        } else if wanted(&p) {
            out.push(p);
        }
    }
    Ok(())
}
