//! `vanban render` (one document, or a batch with progress and a summary) and `vanban verify`.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use vanban::archive;
use vanban::batch::{self, Formats, Outcome};
use vanban::export::PdfA;
use vanban::export::write_atomic;
use vanban::{Diagnostic, Engine, PdfSettings, Rendered};

use super::{MetadataFormat, OutputFormat, PdfALevel, RenderArgs, Term, VerifyArgs, same_file, usage};
use vanban::diag::io_reason;

pub(super) fn render(args: RenderArgs, term: Term) -> ExitCode {
    let formats = Formats {
        pdf: args.format.contains(&OutputFormat::Pdf),
        png: args.format.contains(&OutputFormat::Png),
        svg: args.format.contains(&OutputFormat::Svg),
        ppi: args.ppi,
        sign_info: args.sign_info || args.sig_fields,
    };
    if !(1.0..=2400.0).contains(&args.ppi) {
        return usage(
            term,
            &format!("độ phân giải `{}` không hợp lệ", args.ppi),
            "dùng `--ppi` từ 1 đến 2400, ví dụ `--ppi 150`",
        );
    }
    let batch = args.inputs.len() > 1 || args.inputs[0].is_dir();
    if batch && args.issue {
        return usage(
            term,
            "`--issue` cấp số cho một văn bản, không cho cả loạt",
            "in từng văn bản: `vanban render bao-cao.md --issue --so 15 --ngay 2026-05-04`",
        );
    }
    if batch { render_batch(args, formats, term) } else { render_one(args, formats, term) }
}

/// What the PDF is asked to be.
fn pdf_settings(args: &RenderArgs) -> PdfSettings {
    PdfSettings {
        pdf_a: args.pdf_a.map(|level| match level {
            PdfALevel::A1b => PdfA::A1b,
            PdfALevel::A2b => PdfA::A2b,
        }),
        sig_fields: args.sig_fields,
    }
}

/// The record file's format asked for.
fn metadata_format(args: &RenderArgs) -> Option<archive::Format> {
    args.metadata.map(|m| match m {
        MetadataFormat::Csv => archive::Format::Csv,
        MetadataFormat::Json => archive::Format::Json,
    })
}

fn render_one(args: RenderArgs, formats: Formats, term: Term) -> ExitCode {
    let input = &args.inputs[0];
    let output = args.output.clone().unwrap_or_else(|| input.with_extension("pdf"));
    let to_stdout = output.as_os_str() == "-";
    if same_file(&output, input) {
        return usage(
            term,
            &format!("tệp ra {} chính là tệp nguồn", output.display()),
            "chọn tệp ra khác, ví dụ `-o ban-in.pdf`; vanban không ghi đè tệp nguồn",
        );
    }
    if to_stdout && (formats.png || formats.svg) {
        return usage(
            term,
            "ảnh trang không ghi ra đầu ra chuẩn được",
            "bỏ `-o -`, hoặc chỉ dùng `--format pdf`",
        );
    }
    let engine = args.engine.engine();
    let loaded = match vanban::input::load(input) {
        Ok(mut l) => {
            // Issued here: the number and date replace the blanks.
            if let (true, Some(so), Some(ngay)) = (args.issue, args.so, args.ngay) {
                l.document.so = Some(so);
                l.document.ngay = ngay;
            }
            l
        }
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(1);
        }
    };
    // Prepared once: the Typst project and the render are of the same derivation.
    let prepared = match engine.prepare(&loaded) {
        Ok(p) => p,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(1);
        }
    };
    if let Some(dir) = &args.typst_project
        && let Err(d) = write_project(&engine, &prepared, dir)
    {
        term.err(&d);
        return ExitCode::from(2);
    }
    let rendered = match engine.render_prepared(prepared, pdf_settings(&args)) {
        Ok(r) => r,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(1);
        }
    };
    rendered.warnings.iter().chain(&rendered.audit).for_each(|d| term.err(d));
    if args.strict && !rendered.audit.is_empty() {
        eprintln!("không ghi PDF: --strict và bản kiểm tra trang có {} phát hiện", rendered.audit.len());
        return ExitCode::from(1);
    }
    match write_rendered(&args, &output, &rendered, formats, term) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            term.err(&d);
            ExitCode::from(2)
        }
    }
}

/// Writes what `formats` asks for of `rendered` at `output` (the PDF alone to standard output
/// for `-`), and its record where `args` asks for one.
fn write_rendered(
    args: &RenderArgs,
    output: &Path,
    rendered: &Rendered,
    formats: Formats,
    term: Term,
) -> Result<(), Diagnostic> {
    if output.as_os_str() == "-" {
        return super::to_stdout(&rendered.pdf);
    }
    vanban::export::sweep(vanban::diag::source::folder_of(output));
    if let Some(stale) = batch::write_outputs(output, rendered, formats)? {
        term.err(&stale);
    }
    match metadata_format(args) {
        Some(format) => {
            archive::append(vanban::diag::source::folder_of(output), output, format, &rendered.record)
        }
        None => Ok(()),
    }
}

/// Writes the document's Typst project into `dir`.
fn write_project(engine: &Engine, prepared: &vanban::engine::Prepared, dir: &Path) -> Result<(), Diagnostic> {
    for (path, bytes) in engine.typst_files(prepared) {
        let file = dir.join(path.trim_start_matches('/'));
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(
                    "export::write",
                    format!("không tạo được thư mục {}: {}", parent.display(), io_reason(&e)),
                )
            })?;
        }
        write_atomic(&file, bytes.as_slice())?;
    }
    Ok(())
}

fn render_batch(args: RenderArgs, formats: Formats, term: Term) -> ExitCode {
    let Some(out) = args.output.clone().filter(|o| o.as_os_str() != "-") else {
        return usage(
            term,
            "in nhiều văn bản cần thư mục ra `-o THƯ_MỤC` (đầu ra chuẩn `-` chỉ nhận một PDF)",
            "ví dụ `vanban render luu-tru/ -o ban-in/`",
        );
    };
    let jobs = match batch::plan(&args.inputs, &out) {
        Ok(plan) => {
            plan.skipped.iter().for_each(|d| term.err(d));
            plan.jobs
        }
        Err(d) => {
            term.err(&d);
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        return usage(
            term,
            &format!("không tạo được thư mục {}: {}", out.display(), io_reason(&e)),
            "kiểm tra quyền ghi",
        );
    }
    let threads = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let engine = args.engine.engine();
    let progress = Mutex::new(Progress { done: 0, total: jobs.len(), start: Instant::now() });
    let report = |i: usize, outcome: &Outcome, took: Duration| {
        let mut p = progress.lock().expect("not poisoned");
        p.done += 1;
        p.show(term.err_tty, &jobs[i].source, outcome, took);
    };
    let options = batch::Options {
        formats,
        threads,
        changed_only: args.changed_only,
        strict: args.strict,
        pdf: pdf_settings(&args),
        metadata: metadata_format(&args),
    };
    let ran = match batch::run(&engine, &jobs, &out, options, &report) {
        Ok(ran) => ran,
        Err(d) => {
            term.err(&d);
            return ExitCode::from(2);
        }
    };
    if term.err_tty {
        eprintln!();
    }
    if let Err(d) = ran.manifest {
        term.err(&d);
    }
    summary(&jobs, &ran.outcomes, progress.into_inner().expect("not poisoned").start)
}

/// The batch's progress, on one line of a terminal or a line per document otherwise.
struct Progress {
    done: usize,
    total: usize,
    start: Instant,
}

impl Progress {
    fn show(&self, tty: bool, source: &Path, outcome: &Outcome, took: Duration) {
        let status = match outcome {
            Outcome::Rendered { .. } => "đã in",
            Outcome::Skipped => "không đổi",
            Outcome::Failed(_) => "lỗi",
        };
        if tty {
            let secs = self.start.elapsed().as_secs_f64();
            let rate = self.done as f64 / secs.max(1e-6);
            let left = ((self.total - self.done) as f64 / rate.max(1e-6)).round() as u64;
            eprint!(
                "\r\x1b[2K[{}/{}] {rate:.1} văn bản/giây, còn khoảng {}:{:02} — {}",
                self.done,
                self.total,
                left / 60,
                left % 60,
                source.display()
            );
        } else {
            let ms = took.as_millis();
            eprintln!("[{}/{}] {status} ({ms} ms): {}", self.done, self.total, source.display());
        }
    }
}

/// The closing summary; exit code 1 when any document failed.
fn summary(jobs: &[batch::Job], outcomes: &[Outcome], start: Instant) -> ExitCode {
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let rendered = count(|o| matches!(o, Outcome::Rendered { .. }));
    let skipped = count(|o| matches!(o, Outcome::Skipped));
    let failed = count(|o| matches!(o, Outcome::Failed(_)));
    let audited = count(|o| matches!(o, Outcome::Rendered { audit, .. } if !audit.is_empty()));
    eprintln!(
        "đã in {rendered}, bỏ qua {skipped} (không đổi), lỗi {failed}; {audited} văn bản có phát hiện khi kiểm tra trang; {:.1} giây",
        start.elapsed().as_secs_f64()
    );
    for (job, outcome) in jobs.iter().zip(outcomes) {
        if let Outcome::Failed(errors) = outcome {
            let first = errors.0.first().map_or(String::new(), |d| format!("{}: {}", d.code, d.message));
            eprintln!("  lỗi {}: {first}", job.source.display());
        }
    }
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

pub(super) fn verify(args: VerifyArgs, term: Term) -> ExitCode {
    let pdf = match std::fs::read(&args.pdf) {
        Ok(b) => b,
        Err(e) => {
            return usage(
                term,
                &format!("không đọc được {}: {}", args.pdf.display(), io_reason(&e)),
                "kiểm tra đường dẫn tệp PDF",
            );
        }
    };
    let engine: Engine = args.engine.engine();
    // The PDF may have been made plain, as PDF/A, with signature fields: try each.
    let settings = [None, Some(PdfA::A2b), Some(PdfA::A1b)]
        .into_iter()
        .flat_map(|pdf_a| [false, true].map(|sig_fields| PdfSettings { pdf_a, sig_fields }));
    let loaded = match vanban::input::load(&args.source) {
        Ok(l) => l,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(2);
        }
    };
    // Laid out once; each kind of PDF made from the same pages.
    let laid = match engine.layout(&loaded) {
        Ok(laid) => laid,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(2);
        }
    };
    let boxes = vanban::sign::boxes(&laid.document);
    let mut found = None;
    for s in settings {
        match laid.pdf(loaded.document.ngay, engine.clock().source_date_epoch, &boxes, s) {
            Ok(made) if made == pdf => {
                found = Some(s);
                break;
            }
            Ok(_) => {}
            Err(errors) => {
                term.err(&errors);
                return ExitCode::from(2);
            }
        }
    }
    match found {
        Some(s) => {
            let kind = match (s.pdf_a, s.sig_fields) {
                (None, false) => String::new(),
                (a, f) => format!(
                    ", {}{}",
                    a.map_or("", |a| if a == PdfA::A1b { "PDF/A-1b" } else { "PDF/A-2b" }),
                    if f { " có ô chữ ký" } else { "" }
                ),
            };
            println!(
                "khớp: {} là bản in của {} (sha256 {}{kind})",
                args.pdf.display(),
                args.source.display(),
                vanban::fingerprint::sha256(&pdf)
            );
            ExitCode::SUCCESS
        }
        None => {
            println!(
                "không khớp: {} không phải bản in của {} với bố cục, bộ quy tắc, phông chữ và phiên bản này",
                args.pdf.display(),
                args.source.display()
            );
            ExitCode::from(1)
        }
    }
}
