//! `vanban watch` end to end: the server on the loopback interface, and a real headless
//! Chromium that shows the document, follows an edit, shows a broken edit's error and recovers.
//! The page reports each version it has shown (`/da-xem`), which is what the test waits for.

mod common;
#[path = "support/preview.rs"]
mod preview;

use std::time::Duration;

use common::{FRONT, folder};
use preview::{chromium, request, watch};

/// Waits for the state to satisfy `ok`.
fn until(port: u16, what: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    preview::until(port, Duration::from_millis(20), what, ok)
}

#[test]
fn the_server_answers_only_its_own_paths_on_loopback() {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n"))]);
    let (_vanban, port) = watch(env!("CARGO_BIN_EXE_vanban"), dir.path(), "doc.md");
    let host = format!("127.0.0.1:{port}");
    until(port, "a first compile", |s| s["phien_ban"].as_u64() >= Some(1));
    let (status, page) = request(port, "GET", "/", &host);
    assert!(status == 200 && page.contains("EventSource"), "{status}");
    assert_eq!(request(port, "GET", "/trang/1.svg", &host).0, 200);
    for path in ["/trang/2.svg", "/trang/0.svg", "/../doc.md", "/doc.md", "/%2e%2e/etc/passwd"] {
        assert_eq!(request(port, "GET", path, &host).0, 404, "{path}");
    }
    assert_eq!(request(port, "POST", "/", &host).0, 405);
    let long = format!("/{}", "a".repeat(20_000));
    assert_eq!(request(port, "GET", &long, &host).0, 431, "a head longer than 8 KiB is refused");
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
    let (_vanban, port) = watch(env!("CARGO_BIN_EXE_vanban"), dir.path(), "doc.md");
    let profile = tempfile::tempdir().unwrap();
    let _chromium = chromium(port, profile.path()).expect("chromium (installed by .ci/run)");
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
