//! The DOCX reader: any bytes (a broken archive, odd XML) are read or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vanban::import::docx::read(data);
});
