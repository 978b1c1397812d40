//! The Markdown-to-layout-data step: a document that parses gets its ruleset and its view (the
//! JSON the layout reads), or a clear refusal.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(src) = common::source(data) else { return };
    let Ok(doc) = vanban::input::parse(&src) else { return };
    let Ok((rules, _)) = vanban::rules::select::select(&doc, &src) else { return };
    if let Ok(view) = vanban::rules::derive::derive(&doc, rules, &src, |_| true) {
        serde_json::to_vec(&view).expect("the view serializes");
    }
});
