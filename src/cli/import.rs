//! `vanban import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vanban::Diagnostic;
use vanban::diag::io_reason;
use vanban::export::write_atomic;
use vanban::import::legacy::Encoding;

use super::{ImportArgs, SourceEncoding, Term, same_file, usage};

pub(super) fn import(args: ImportArgs, term: Term) -> ExitCode {
    let jobs: Vec<(PathBuf, PathBuf)> = if args.input.is_dir() {
        let Some(out) = args.output.clone().filter(|o| o.as_os_str() != "-") else {
            return usage(
                term,
                "nhập cả thư mục cần `-o THƯ_MỤC_RA` (đầu ra chuẩn `-` chỉ nhận một văn bản)",
                "ví dụ `vanban import luu-tru/ -o da-nhap/`",
            );
        };
        let (mut found, mut skipped) = (vec![], vec![]);
        if let Err(e) = vanban::walk::walk(&args.input, &source, "import::skipped", &mut found, &mut skipped)
        {
            term.err(&Diagnostic::error(
                "import::read_dir",
                format!("không đọc được thư mục {}: {}", args.input.display(), io_reason(&e)),
            ));
            return ExitCode::from(1);
        }
        skipped.iter().for_each(|d| term.err(d));
        found.sort();
        found
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&args.input).unwrap_or(&p).with_extension("md");
                (p, out.join(rel))
            })
            .collect()
    } else {
        let out = args.output.clone().unwrap_or_else(|| args.input.with_extension("md"));
        vec![(args.input.clone(), out)]
    };
    let encoding = match args.encoding {
        SourceEncoding::Auto => None,
        SourceEncoding::Unicode => Some(Encoding::Unicode),
        SourceEncoding::Tcvn3 => Some(Encoding::Tcvn3),
        SourceEncoding::Vni => Some(Encoding::Vni),
    };
    let mut rows = vec![];
    let mut failed = false;
    for (src, out) in &jobs {
        let row = match import_one(src, out, args.force, encoding) {
            Ok(imported) => {
                imported.report.iter().for_each(|d| term.err(d));
                let missing = imported.report.iter().filter(|d| d.code == "import::not_found").count();
                let guesses = imported.report.len() - missing;
                (src.display().to_string(), format!("{guesses}"), format!("{missing}"), "đã nhập".to_owned())
            }
            Err(d) => {
                term.err(&d);
                failed = true;
                (src.display().to_string(), "-".to_owned(), "-".to_owned(), format!("lỗi: {}", d.message))
            }
        };
        rows.push(row);
    }
    if args.input.is_dir() {
        eprintln!("\n{:<50} {:>6} {:>9}  kết quả", "tệp", "đoán", "thiếu");
        for (file, guesses, missing, status) in &rows {
            eprintln!("{file:<50} {guesses:>6} {missing:>9}  {status}");
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Imports one file; never writes over the source, nor over an existing output without `force`.
/// `-` is standard output.
fn import_one(
    src: &Path,
    out: &Path,
    force: bool,
    encoding: Option<Encoding>,
) -> Result<vanban::import::Imported, Diagnostic> {
    if out.as_os_str() == "-" {
        let imported = vanban::import::import_file(src, encoding)?;
        super::to_stdout(imported.markdown.as_bytes())?;
        return Ok(imported);
    }
    if same_file(out, src) || (out.exists() && !force) {
        return Err(Diagnostic::error("import::exists", format!("tệp {} đã có", out.display()))
            .hint("chọn tệp ra khác, hoặc thêm `--force` để ghi đè (tệp nguồn không bao giờ bị ghi đè)"));
    }
    let imported = vanban::import::import_file(src, encoding)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(
                "import::write",
                format!("không tạo được thư mục {}: {}", dir.display(), io_reason(&e)),
            )
        })?;
    }
    write_atomic(out, imported.markdown.as_bytes())?;
    Ok(imported)
}

/// Whether `p` names a file import reads from a folder: .txt, .docx, .pdf.
fn source(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "txt" || x == "docx" || x == "pdf")
}
