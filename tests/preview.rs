//! `vanban watch` end to end: the server on the loopback interface, and a real headless
//! Chromium that shows the document, follows an edit, shows a broken edit's error and recovers.
//! The page reports each version it has shown (`/da-xem`), which is what the test waits for.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{FRONT, folder};

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vanban watch` on `doc` in `dir`; the process and its port.
fn watch(dir: &Path, doc: &str) -> (Killed, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
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

/// A raw HTTP request; the status code and the body.
fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

/// The preview's state.
fn state(port: u16) -> serde_json::Value {
    let (status, body) = request(port, "GET", "/trang.json", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200);
    serde_json::from_str(&body).unwrap()
}

/// Waits (at most 60 s) until the state satisfies `ok`; returns it.
fn until(port: u16, what: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let s = state(port);
        if ok(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}: {s}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_server_answers_only_its_own_paths_on_loopback() {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n"))]);
    let (_vanban, port) = watch(dir.path(), "doc.md");
    let host = format!("127.0.0.1:{port}");
    until(port, "a first compile", |s| s["phien_ban"].as_u64() >= Some(1));
    let (status, page) = request(port, "GET", "/", &host);
    assert!(status == 200 && page.contains("EventSource"), "{status}");
    assert_eq!(request(port, "GET", "/trang/1.svg", &host).0, 200);
    for path in ["/trang/2.svg", "/trang/0.svg", "/../doc.md", "/doc.md", "/%2e%2e/etc/passwd"] {
        assert_eq!(request(port, "GET", path, &host).0, 404, "{path}");
    }
    assert_eq!(request(port, "POST", "/", &host).0, 405);
    assert_eq!(
        request(port, "GET", "/", &format!("evil.example:{port}")).0,
        403,
        "another host name is refused"
    );
}

#[test]
fn a_headless_chromium_follows_edits_errors_and_recovery() {
    let doc = format!("{FRONT}\nNội dung ban đầu.\n");
    let dir = folder(&[("doc.md", &doc)]);
    let (_vanban, port) = watch(dir.path(), "doc.md");
    let profile = tempfile::tempdir().unwrap();
    let chromium = Command::new("chromium")
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
        .expect("chromium (installed by .ci/run)");
    let _chromium = Killed(chromium);
    let first = until(port, "the browser to show the document", |s| s["da_xem"].as_u64() >= Some(1));
    assert_eq!(first["trang"].as_array().unwrap().len(), 1);
    let v = first["phien_ban"].as_u64().unwrap();

    std::fs::write(dir.path().join("doc.md"), doc.replace("ban đầu", "đã sửa")).unwrap();
    let edited =
        until(port, "the edit shown", |s| s["phien_ban"].as_u64() > Some(v) && s["da_xem"] == s["phien_ban"]);
    assert_ne!(edited["trang"][0], first["trang"][0], "the page changed");
    let v = edited["phien_ban"].as_u64().unwrap();

    std::fs::write(dir.path().join("doc.md"), doc.replace("loai: bao-cao", "loai: [")).unwrap();
    let broken = until(port, "the error shown", |s| {
        s["phien_ban"].as_u64() > Some(v) && s["da_xem"] == s["phien_ban"]
    });
    assert!(broken["loi"].as_str().is_some_and(|e| e.contains("input::syntax")), "{broken}");
    assert_eq!(broken["trang"], edited["trang"], "the last good pages are kept");
    let v = broken["phien_ban"].as_u64().unwrap();

    std::fs::write(dir.path().join("doc.md"), doc.replace("ban đầu", "lại đúng")).unwrap();
    let fixed = until(port, "the recovery shown", |s| {
        s["phien_ban"].as_u64() > Some(v) && s["da_xem"] == s["phien_ban"]
    });
    assert!(fixed["loi"].is_null());
    assert_ne!(fixed["trang"][0], edited["trang"][0]);
}
