//! `vanban diff`: what a change does to pages, as images and a summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use vanban::Diagnostic;
use vanban::diff::{self, Laid, PageDiff, Pages, PdfPages, Version};
use vanban::export::write_atomic;

use super::{DiffArgs, Format, Term, usage};
use vanban::diag::io_reason;

/// One document's difference, for the summary.
#[derive(Serialize)]
struct DocDiff {
    ten: String,
    so_trang_cu: usize,
    so_trang_moi: usize,
    trang_doi: Vec<PageDiff>,
}

pub(super) fn diff(args: DiffArgs, term: Term) -> ExitCode {
    let pdfs = args.b.as_ref().filter(|b| is_pdf(&args.a) && is_pdf(b));
    let docs = match pdfs {
        Some(b) => pdf_pair(&args.a, b),
        None if args.b.is_some() => {
            return usage(
                term,
                "so sánh hai tệp cần hai tệp PDF",
                "hoặc một văn bản với `--layout-a`/`--layout-b`/`--against`",
            );
        }
        None => layouts_pair(&args),
    };
    let docs = match docs {
        Ok(d) => d,
        Err(d) => {
            term.err(&d);
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &args.output {
        for d in &docs {
            let stem = d.ten.replace(['/', '\\'], "_");
            for p in &d.trang_doi {
                let file = dir.join(format!("{stem}-trang-{}.png", p.trang));
                let written = std::fs::create_dir_all(dir)
                    .map_err(|e| {
                        Diagnostic::error(
                            "export::write",
                            format!("không tạo được {}: {}", dir.display(), io_reason(&e)),
                        )
                    })
                    .and_then(|()| write_atomic(&file, &p.image));
                if let Err(e) = written {
                    term.err(&e);
                    return ExitCode::from(2);
                }
            }
        }
    }
    let changed = docs.iter().filter(|d| !d.trang_doi.is_empty()).count();
    let pages: usize = docs.iter().map(|d| d.trang_doi.len()).sum();
    match args.format {
        Format::Json => {
            let summary = serde_json::json!({ "van_ban": docs, "van_ban_doi": changed, "trang_doi": pages });
            println!("{summary}");
        }
        Format::Human => {
            for d in &docs {
                if d.trang_doi.is_empty() {
                    println!("{}: không đổi", d.ten);
                    continue;
                }
                let list: Vec<String> = d
                    .trang_doi
                    .iter()
                    .map(|p| {
                        format!("trang {}: {} vùng, {:.2}% điểm ảnh", p.trang, p.vung.len(), p.ti_le * 100.0)
                    })
                    .collect();
                println!("{}: {} trang đổi ({})", d.ten, d.trang_doi.len(), list.join("; "));
            }
            println!("tổng: {changed}/{} văn bản đổi, {pages} trang đổi", docs.len());
        }
    }
    if changed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn is_pdf(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
}

/// Two PDFs, page by page.
fn pdf_pair(a: &Path, b: &Path) -> Result<Vec<DocDiff>, Diagnostic> {
    let read = |p: &Path| {
        let bytes = std::fs::read(p).map_err(|e| {
            Diagnostic::error("diff::read", format!("không đọc được {}: {}", p.display(), io_reason(&e)))
        })?;
        diff::read_pdf(bytes).map_err(|m| Diagnostic::error("diff::pdf", format!("{}: {m}", p.display())))
    };
    let (pa, pb) = (read(a)?, read(b)?);
    let (ra, rb) = (PdfPages::new(&pa), PdfPages::new(&pb));
    let name = b.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let trang_doi = diff::compare(&ra, &rb).map_err(|(v, m)| {
        let file = if v == Version::Old { a } else { b };
        Diagnostic::error("diff::page", format!("{}: {m}", file.display()))
    })?;
    Ok(vec![DocDiff { ten: name, so_trang_cu: ra.count(), so_trang_moi: rb.count(), trang_doi }])
}

/// Documents laid out with two sets of layouts.
fn layouts_pair(args: &DiffArgs) -> Result<Vec<DocDiff>, Diagnostic> {
    let (old, new, _keep) = match &args.against {
        Some(rev) => {
            let folder = args.engine.layouts.clone().unwrap_or_else(|| PathBuf::from("layouts"));
            let dir = layouts_at(rev, &folder)?;
            let old = dir.path().to_owned();
            (Some(old), Some(folder), Some(dir))
        }
        None => (
            args.layout_a.clone().or_else(|| args.engine.layouts.clone()),
            args.layout_b.clone().or_else(|| args.engine.layouts.clone()),
            None,
        ),
    };
    let (ea, eb) = (args.engine.engine_with(old), args.engine.engine_with(new));
    let jobs = vanban::batch::plan(std::slice::from_ref(&args.a), Path::new(""))?.jobs;
    let mut out = vec![];
    for job in jobs {
        let loaded = vanban::input::load(&job.source).map_err(first)?;
        let (da, db) =
            (ea.layout(&loaded).map_err(first)?.document, eb.layout(&loaded).map_err(first)?.document);
        let trang_doi = diff::compare(&Laid(&da), &Laid(&db))
            .map_err(|(_, m)| Diagnostic::error("diff::page", format!("{}: {m}", job.source.display())))?;
        let ten = job.output.with_extension("").to_string_lossy().into_owned();
        out.push(DocDiff { ten, so_trang_cu: da.pages().len(), so_trang_moi: db.pages().len(), trang_doi });
    }
    Ok(out)
}

/// The first error of several.
fn first(errors: vanban::Diagnostics) -> Diagnostic {
    errors.0.into_iter().next().unwrap_or_else(|| Diagnostic::error("diff::unknown", "lỗi không rõ"))
}

/// The layout files of `folder` at git revision `rev`, in a temporary folder.
fn layouts_at(rev: &str, folder: &Path) -> Result<tempfile::TempDir, Diagnostic> {
    let dir = tempfile::tempdir().map_err(|e| {
        Diagnostic::error("diff::temp", format!("không tạo được thư mục tạm: {}", io_reason(&e)))
    })?;
    for (name, _) in vanban::compile::LAYOUTS {
        let spec = format!("{rev}:./{}", folder.join(name).display());
        let out = std::process::Command::new("git").args(["show", &spec]).output().map_err(|e| {
            Diagnostic::error("diff::git", format!("không chạy được git: {}", io_reason(&e)))
                .hint("cài git, hoặc dùng `--layout-a`")
        })?;
        // A file the revision does not have is the embedded one, as on disk.
        if out.status.success() {
            std::fs::write(dir.path().join(name), out.stdout).map_err(|e| {
                Diagnostic::error("diff::temp", format!("không ghi được thư mục tạm: {}", io_reason(&e)))
            })?;
        } else if !["does not exist", "but not in"]
            .iter()
            .any(|m| String::from_utf8_lossy(&out.stderr).contains(m))
        {
            return Err(Diagnostic::error(
                "diff::git",
                format!("git không lấy được `{spec}`: {}", String::from_utf8_lossy(&out.stderr).trim()),
            )
            .hint("kiểm tra tên bản sửa đổi (commit, nhánh, thẻ) và thư mục bố cục"));
        }
    }
    Ok(dir)
}
