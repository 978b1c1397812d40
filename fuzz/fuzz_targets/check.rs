//! `vanban check` on the data: every document that parses is checked without panicking, and
//! every fix it proposes applies.
#![no_main]

mod common;

use vanban::input::Loaded;
use vanban::model::date;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(source) = common::source(data) else { return };
    let Ok(document) = vanban::input::parse(&source) else { return };
    let Ok((rules, _)) = vanban::rules::select::select(&document, &source) else { return };
    let loaded = Loaded { source, document };
    let findings = vanban::check::check_data(&loaded, rules, date::ymd(2026, 11, 26));
    let fixes: Vec<_> = findings.iter().filter_map(|f| f.fix.as_deref()).collect();
    let _ = vanban::diag::Fix::apply_all(&loaded.source.text, &fixes);
});
