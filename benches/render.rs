//! Rendering speed, side by side in one run: whole `vanban render` processes on the example
//! (cold), then in one process the engine start-up, the first render, 50 renders of the example
//! reusing Typst's caches, 50 renders of different documents, and `vanban check` with and
//! without the self-audit; peak memory at the end. Run with
//! `cargo bench --bench render` (release profile). Peak memory of one cold process:
//! benches/cold-process.sh.

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
        "{n} renders, {what}: {:8.1} ms total, mean {:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(total),
        ms(total) / n as f64,
        ms(times[n / 2]),
        ms(times[0]),
        ms(times[n - 1])
    );
}

/// Wall time of whole `vanban render` processes on the example.
fn cold_processes(runs: usize) -> Vec<Duration> {
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = out.path().join("x.pdf");
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args(["render", EXAMPLE, "-o"])
                .arg(&pdf)
                .status()
                .expect("vanban runs");
            assert!(status.success());
            t.elapsed()
        })
        .collect()
}

fn main() {
    let mut cold = cold_processes(10);

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

    // `vanban check` on the example: the data checks alone, and with the self-audit.
    let loaded = vanban::input::load(Path::new(EXAMPLE)).expect("the example reads");
    let mut data_only = Vec::with_capacity(RUNS);
    let mut with_audit = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        engine.check(&loaded, false).expect("checks");
        data_only.push(t.elapsed());
        let t = Instant::now();
        engine.check(&loaded, true).expect("checks");
        with_audit.push(t.elapsed());
    }

    let mean = |t: &[Duration]| ms(t.iter().sum()) / t.len() as f64;
    let (cold_mean, same_mean, varied_mean) = (mean(&cold), mean(&times), mean(&varied));
    report("cold processes", &mut cold);
    println!("engine start-up (fonts, library): {:8.1} ms", ms(startup));
    println!("first render:                     {:8.1} ms", ms(first_time));
    report("same document", &mut times);
    report("different documents", &mut varied);
    report("check, data only", &mut data_only);
    report("check with self-audit", &mut with_audit);
    println!(
        "cold process / warm render: {:.1}× (same document), {:.1}× (different documents)",
        cold_mean / same_mean,
        cold_mean / varied_mean
    );
    println!("pages: {}, PDF: {} bytes", first.document.pages().len(), first.pdf.len());
    if let Some(peak) = peak_rss_mib() {
        println!("peak memory (VmHWM):              {peak:8.1} MiB");
    }
}
