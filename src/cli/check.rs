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
            let errors = findings.iter().any(|f| f.severity == vanban::diag::Severity::Error);
            if errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(errors) => {
            report(&errors.0, true);
            ExitCode::from(1)
        }
    }
}
