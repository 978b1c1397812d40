//! `vanban check`.

use std::process::ExitCode;

use vanban::Diagnostic;
use vanban::export::write_atomic;

use super::{CheckArgs, Format, Term};

pub(super) fn check(args: CheckArgs, term: Term) -> ExitCode {
    // Findings go to standard output; so do the errors of an unreadable document in JSON.
    let report = |found: &[Diagnostic], failed: bool| match args.format {
        Format::Json => found.iter().for_each(|d| println!("{}", d.to_json())),
        Format::Human if failed => found.iter().for_each(|d| term.err(d)),
        Format::Human => found.iter().for_each(|d| term.out(d)),
    };
    // The fonts and layouts asked for, and today: the audit and the date check see what render would.
    let engine = args.engine.engine();
    if args.fix {
        let (before, after) = match engine.fixed(&args.input) {
            Ok(texts) => texts,
            Err(errors) => {
                report(&errors.0, true);
                return ExitCode::from(2);
            }
        };
        if before != after {
            if let Err(d) = write_atomic(&args.input, after.as_bytes()) {
                report(&[d], true);
                return ExitCode::from(2);
            }
            print!("{}", vanban::check::line_diff(&before, &after));
        }
    }
    let loaded = match vanban::input::load(&args.input) {
        Ok(l) => l,
        Err(errors) => {
            report(&errors.0, true);
            return ExitCode::from(2);
        }
    };
    match engine.check(&loaded, !args.no_audit) {
        Ok(findings) => {
            report(&findings, false);
            provenance(&loaded, args.format);
            let errors = findings.iter().any(|f| f.severity == vanban::diag::Severity::Error);
            if errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(errors) => {
            report(&errors.0, true);
            ExitCode::from(1)
        }
    }
}

/// Says where each value the document inherits comes from: `co_quan.ten ← ../_vanban.yaml:3`.
fn provenance(loaded: &vanban::input::Loaded, format: Format) {
    let inherited = loaded.inherited();
    match format {
        Format::Json => {
            for (key, at) in inherited {
                let line = serde_json::json!({
                    "ke_thua": key, "tep": at.file.display().to_string(), "dong": at.line, "cot": at.col,
                });
                println!("{line}");
            }
        }
        Format::Human if !inherited.is_empty() => {
            println!("Giá trị lấy từ hồ sơ cơ quan:");
            for (key, at) in inherited {
                println!("  {key} ← {}:{}", at.file.display(), at.line);
            }
        }
        Format::Human => {}
    }
}
