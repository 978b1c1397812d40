//! `vanban import` of an extracted text: any text becomes a document text or is refused.
#![no_main]

use std::path::Path;

use vanban::diag::source::SourceFile;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = vanban::import::legacy::decode(data);
    let _ = vanban::import::import_text(&SourceFile::new(Path::new("/fuzz/cu.txt"), text));
});
