//! Driving `vanban watch` from tests and benchmarks: the server started in a folder, its state
//! read over raw HTTP, a headless Chromium opened on it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vanban watch` (no system fonts) on `doc` in `dir`; the process and its port.
pub fn watch(vanban: &str, dir: &Path, doc: &str) -> (Killed, u16) {
    let mut child = Command::new(vanban)
        .args(["watch", doc, "--no-system-fonts"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.split("127.0.0.1:").nth(1).and_then(|r| r.split('/').next()).and_then(|p| p.parse().ok());
    (Killed(child), port.unwrap_or_else(|| panic!("a URL: {line}")))
}

/// A headless Chromium showing the preview on `port`, with a fresh profile in `profile`.
pub fn chromium(port: u16, profile: &Path) -> std::io::Result<Killed> {
    Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Killed)
}

/// A raw HTTP request; the status code and the body.
pub fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    request_with(port, method, path, host, "")
}

/// As [`request`], with more header lines (`Name: value\r\n` each).
pub fn request_with(port: u16, method: &str, path: &str, host: &str, headers: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

/// The preview's state (`/trang.json`).
pub fn state(port: u16) -> serde_json::Value {
    let (status, body) = request(port, "GET", "/trang.json", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200);
    serde_json::from_str(&body).unwrap()
}

/// Waits (at most 60 s, polling every `every`) until the state satisfies `ok`; returns it.
pub fn until(
    port: u16,
    every: Duration,
    what: &str,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let s = state(port);
        if ok(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}: {s}");
        std::thread::sleep(every);
    }
}
