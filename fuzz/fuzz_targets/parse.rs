//! Front matter and body (and the data formats): any text parses or is refused, never panics.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(src) = common::source(data) {
        let _ = vanban::input::parse(&src);
    }
});
