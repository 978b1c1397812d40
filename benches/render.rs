//! Rendering speed in one process: engine start-up, the first render, then 50 renders of the
//! example reusing Typst's caches; peak memory at the end. Run with
//! `cargo bench --bench render` (release profile). Whole-process timings: benches/cold-process.sh.

use std::path::Path;
use std::time::{Duration, Instant};

use vanban::{Engine, EngineOptions};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bao-cao-thang-4-2026.md");
const RUNS: usize = 50;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Prints total, mean, median, min and max of a series of render times.
fn report(what: &str, times: &mut [Duration]) {
    let total: Duration = times.iter().sum();
    let n = times.len();
    times.sort();
    println!(
        "{n} renders in one process, {what}: {:8.1} ms total, mean {:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(total),
        ms(total) / n as f64,
        ms(times[n / 2]),
        ms(times[0]),
        ms(times[n - 1])
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters by name, which is moot here.
    let t = Instant::now();
    let engine = Engine::new(EngineOptions::default());
    let startup = t.elapsed();

    let t = Instant::now();
    let first = engine.render(Path::new(EXAMPLE)).expect("the example renders");
    let first_time = t.elapsed();

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = engine.render(Path::new(EXAMPLE)).expect("the example renders");
        times.push(t.elapsed());
        assert_eq!(r.pdf, first.pdf, "deterministic output");
    }
    // The same again with 50 different documents: a new first paragraph moves every line of
    // every page, so layout cannot be reused from the previous render.
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let (front, body) = text.split_at(text.find("\n---\n").expect("front matter") + 5);
    let mut varied = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        let path = dir.path().join(format!("bc-{i}.md"));
        let extra = "Đoạn mở đầu khác nhau cho mỗi văn bản. ".repeat(i + 1);
        std::fs::write(&path, format!("{front}\n{extra}\n{body}")).expect("write");
        let t = Instant::now();
        engine.render(&path).expect("a variant renders");
        varied.push(t.elapsed());
    }

    println!("engine start-up (fonts, library): {:8.1} ms", ms(startup));
    println!("first render:                     {:8.1} ms", ms(first_time));
    report("same document", &mut times);
    report("different documents", &mut varied);
    println!("pages: {}, PDF: {} bytes", first.document.pages().len(), first.pdf.len());
    if let Some(peak) = peak_rss_mib() {
        println!("peak memory (VmHWM):              {peak:8.1} MiB");
    }
}
