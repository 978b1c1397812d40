//! Live preview latency: from a one-word edit of the example report (ten pages) saved to disk
//! to the updated page shown in a headless Chromium (the page reports each version it has
//! shown), over 60 edits; and the time the server measures from the change seen to the new
//! pages ready (layout, and the changed bands to SVG). Without Chromium on the PATH, the time
//! to the server's new version. Run: `cargo bench --bench preview`.

#[path = "../tests/support/preview.rs"]
mod preview;

use std::time::{Duration, Instant};

use preview::{chromium, until};

/// Median and 95th percentile of `v`, ms.
fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    format!(
        "median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.95),
        v[0],
        v[v.len() - 1]
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bao-cao-thang-4-2026.md"))
            .unwrap();
    let doc = dir.path().join("bc.md");
    std::fs::write(&doc, &example).unwrap();
    let (_vanban, port) = preview::watch(env!("CARGO_BIN_EXE_vanban"), dir.path(), "bc.md");
    let profile = tempfile::tempdir().unwrap();
    let browser = chromium(port, profile.path()).ok();
    let shown = |s: &serde_json::Value, after: u64| {
        let v = s["phien_ban"].as_u64().unwrap_or(0);
        v > after && (browser.is_none() || s["da_xem"].as_u64() == Some(v)) && s["loi"].is_null()
    };
    let every = Duration::from_micros(500);
    let mut version = until(port, every, "a first compile", |s| shown(s, 0))["phien_ban"].as_u64().unwrap();
    let (mut total, mut compile) = (vec![], vec![]);
    // One word of the body, changed back and forth.
    let words = ["Hoa Phượng Đỏ Hải Phòng năm 2026", "Hoa Phượng Hồng Hải Phòng năm 2026"];
    for i in 0..60 {
        let text = example.replacen(words[0], words[(i + 1) % 2], 1);
        let start = Instant::now();
        std::fs::write(&doc, text).unwrap();
        let s = until(port, every, "the edit", |s| shown(s, version));
        total.push(start.elapsed().as_secs_f64() * 1000.0);
        compile.push(s["thoi_gian_ms"].as_f64().unwrap());
        version = s["phien_ban"].as_u64().unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    let to = if browser.is_some() {
        "updated page shown in headless Chromium"
    } else {
        "server's new version (no Chromium)"
    };
    println!("one-word edit → {to}: {}", stats(total));
    println!("server, change seen → pages ready (layout, changed bands to SVG): {}", stats(compile));
}
