//! Live preview latency: from a one-word edit of the example report (ten pages) saved to disk
//! to the updated page shown in a headless Chromium (the page reports each version it has
//! shown), over 30 edits; and the compile time the server measures. Without Chromium on the
//! PATH, the time to the server's new version. Run: `cargo bench --bench preview`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn state(port: u16) -> serde_json::Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /trang.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap()
}

fn until(port: u16, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let s = state(port);
        if ok(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "timed out: {s}");
        std::thread::sleep(Duration::from_micros(500));
    }
}

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["watch", "bc.md", "--no-system-fonts"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _vanban = Killed(child);
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let browser = Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()
        .map(Killed);
    let shown = |s: &serde_json::Value, after: u64| {
        let v = s["phien_ban"].as_u64().unwrap_or(0);
        v > after && (browser.is_none() || s["da_xem"].as_u64() == Some(v)) && s["loi"].is_null()
    };
    let mut version = until(port, |s| shown(s, 0))["phien_ban"].as_u64().unwrap();
    let (mut total, mut compile) = (vec![], vec![]);
    // One word of the body, changed back and forth.
    let words = ["Hoa Phượng Đỏ Hải Phòng năm 2026", "Hoa Phượng Hồng Hải Phòng năm 2026"];
    for i in 0..30 {
        let text = example.replacen(words[0], words[(i + 1) % 2], 1);
        let start = Instant::now();
        std::fs::write(&doc, text).unwrap();
        let s = until(port, |s| shown(s, version));
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
    println!("server compile (layout, audit, check, changed pages to SVG): {}", stats(compile));
}
