//! TCVN3/VNI decoding: detection, conversion and capital restoration on any bytes.
#![no_main]

use vanban::import::legacy;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = legacy::decode(data);
    let from = legacy::detect(&text);
    let (converted, _) = legacy::convert(&text, from);
    let _ = legacy::restore_capitals(&converted);
});
