//! `vanban watch` end to end: the server on the loopback interface, and a real headless
//! Chromium that shows the document, follows an edit, shows a broken edit's error and recovers.
//! The page reports each version it has shown (`/da-xem`), which is what the test waits for.

mod common;
#[path = "support/preview.rs"]
mod preview;

use std::io::{Read, Write};
use std::time::Duration;

use common::{EXAMPLE_RENDERED, FRONT, folder};
use preview::{chromium, request, watch};

/// Waits for the state to satisfy `ok`.
fn until(port: u16, what: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    preview::until(port, Duration::from_millis(20), what, ok)
}

/// `vanban watch` on a one-paragraph document, once it has compiled: its folder, process, port
/// and Host header.
fn served() -> (tempfile::TempDir, preview::Killed, u16, String) {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n"))]);
    let (vanban, port) = watch(env!("CARGO_BIN_EXE_vanban"), dir.path(), "doc.md");
    until(port, "a first compile", |s| s["phien_ban"].as_u64() >= Some(1));
    (dir, vanban, port, format!("127.0.0.1:{port}"))
}

#[test]
fn the_server_answers_only_its_own_paths_on_loopback() {
    let (_dir, _vanban, port, host) = served();
    let (status, page) = request(port, "GET", "/", &host);
    assert!(status == 200 && page.contains("EventSource"), "{status}");
    let state = preview::state(port);
    let bands = state["trang"][0]["dai"].as_array().unwrap();
    assert_eq!(bands.len(), 24, "an A4 page has 24 bands");
    for hash in bands {
        let (status, band) = request(port, "GET", &format!("/dai/{}.svg", hash.as_str().unwrap()), &host);
        assert!(status == 200 && band.starts_with("<svg"), "{status}");
    }
    for path in [
        &format!("/dai/{}.svg", "0".repeat(32)),
        "/dai/.svg",
        "/trang/1.svg",
        "/../doc.md",
        "/doc.md",
        "/%2e%2e/etc/passwd",
    ] {
        assert_eq!(request(port, "GET", path, &host).0, 404, "{path}");
    }
    assert_eq!(request(port, "POST", "/", &host).0, 405);
    // The report of what the page shows changes the state: a POST with the page's token only.
    let token = page.split_once("const TOKEN = \"").and_then(|(_, t)| t.split_once('"')).unwrap().0;
    assert_eq!(token.len(), 32);
    assert_eq!(request(port, "GET", "/da-xem?phien-ban=99", &host).0, 405, "a GET changes nothing");
    let wrong = "X-Vanban-Token: 0000\r\n";
    assert_eq!(preview::request_with(port, "POST", "/da-xem?phien-ban=99", &host, wrong).0, 403);
    assert!(preview::state(port)["da_xem"].as_u64() < Some(99), "nothing changed");
    let right = format!("X-Vanban-Token: {token}\r\n");
    assert_eq!(preview::request_with(port, "POST", "/da-xem?phien-ban=99", &host, &right).0, 204);
    assert_eq!(preview::state(port)["da_xem"].as_u64(), Some(99));
    let long = format!("/{}", "a".repeat(20_000));
    assert_eq!(request(port, "GET", &long, &host).0, 431, "a head longer than 8 KiB is refused");
    assert_eq!(
        request(port, "GET", "/", &format!("evil.example:{port}")).0,
        403,
        "another host name is refused"
    );
}

#[test]
fn connections_past_the_limit_are_refused_and_the_server_goes_on() {
    let (_dir, _vanban, port, host) = served();
    // 300 slow clients that send nothing: those past 64 are answered 503 at once.
    let slow: Vec<_> = (0..300).map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    // (The answer may race the request's bytes: the server may close before they are written,
    // or reset on them; either is tried again, and any other answer fails.)
    let raced = |e: &std::io::Error| {
        matches!(e.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe)
    };
    let refused = (0..20).find_map(|_| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let sent = write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let mut answer = String::new();
        match (sent, s.read_to_string(&mut answer)) {
            (_, Ok(_)) if !answer.is_empty() => Some(answer),
            (Err(e), _) | (_, Err(e)) if raced(&e) => None,
            (sent, read) => Some(format!("{answer:?} {sent:?} {read:?}")),
        }
    });
    assert!(refused.as_deref().is_some_and(|a| a.starts_with("HTTP/1.1 503")), "{refused:?}");
    drop(slow);
    // Their threads end as they close; the server answers again.
    let start = std::time::Instant::now();
    while request(port, "GET", "/", &host).0 != 200 {
        assert!(start.elapsed() < Duration::from_secs(10), "the server answers again");
        std::thread::sleep(Duration::from_millis(50));
    }
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

    // A write is not atomic: the watcher may read a half-written file first, show its error,
    // and then the whole file. Each step waits for the state the whole file gives.
    let shown =
        |s: &serde_json::Value, v: u64| s["phien_ban"].as_u64() > Some(v) && s["da_xem"] == s["phien_ban"];
    std::fs::write(dir.path().join("doc.md"), doc.replace("ban đầu", "đã sửa")).unwrap();
    let edited = until(port, "the edit shown", |s| shown(s, v) && s["loi"].is_null());
    assert_ne!(edited["trang"][0], first["trang"][0], "the page changed");
    let bands = |s: &serde_json::Value| s["trang"][0]["dai"].as_array().unwrap().clone();
    let changed = bands(&first).iter().zip(&bands(&edited)).filter(|(a, b)| a != b).count();
    assert!((1..=2).contains(&changed), "a one-line edit changes the band or two of that line: {changed}");
    let v = edited["phien_ban"].as_u64().unwrap();

    std::fs::write(dir.path().join("doc.md"), doc.replace("loai: bao-cao", "loai: [")).unwrap();
    let broken = until(port, "the error shown", |s| {
        shown(s, v) && s["loi"].as_str().is_some_and(|e| e.contains("input::syntax"))
    });
    assert_eq!(broken["trang"], edited["trang"], "the last good pages are kept");
    let v = broken["phien_ban"].as_u64().unwrap();

    std::fs::write(dir.path().join("doc.md"), doc.replace("ban đầu", "lại đúng")).unwrap();
    let fixed = until(port, "the recovery shown", |s| shown(s, v) && s["loi"].is_null());
    assert_ne!(fixed["trang"][0], edited["trang"][0]);
}

/// The bands of every page of the example report, rasterised and stacked, give the page's own
/// raster: nothing is dropped, and nothing that reaches across a band's edge is cut off. At 2
/// pixels a point, a band edge falls on a pixel edge, so the two rasters can be compared pixel
/// for pixel.
#[test]
fn the_bands_of_a_page_stacked_are_the_page() {
    let options =
        typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(2.0), ..Default::default() };
    let document = &EXAMPLE_RENDERED.0.document;
    for (n, page) in document.pages().iter().enumerate() {
        let whole = typst_render::render(page, &options);
        let bands = vanban::preview::bands::bands(page);
        assert_eq!(bands.len(), 24, "page {}", n + 1);
        let mut stacked = Vec::with_capacity(whole.data().len());
        for band in &bands {
            stacked.extend_from_slice(typst_render::render(band, &options).data());
        }
        assert_eq!(stacked.len(), whole.data().len(), "page {}: the bands' heights add up", n + 1);
        // Antialiasing may round a pixel's coverage the other way in a band: by 1 of 255.
        let worst = stacked.iter().zip(whole.data()).map(|(a, b)| a.abs_diff(*b)).max().unwrap_or(0);
        assert!(worst <= 1, "page {}: a pixel differs by {worst}", n + 1);
    }
}

#[test]
fn an_edited_image_refreshes_the_preview() {
    // The watch watched the document and the layouts only: an edited image never showed.
    let svg = |colour: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="{colour}"/></svg>"#
        )
    };
    let dir =
        folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n\n![Hình](h.svg)\n")), ("h.svg", &svg("red"))]);
    let (_vanban, port) = watch(env!("CARGO_BIN_EXE_vanban"), dir.path(), "doc.md");
    let first = until(port, "a first compile", |s| s["phien_ban"].as_u64() >= Some(1) && s["loi"].is_null());
    let v = first["phien_ban"].as_u64().unwrap();
    std::fs::write(dir.path().join("h.svg"), svg("blue")).unwrap();
    let edited = until(port, "the edited image", |s| s["phien_ban"].as_u64() > Some(v) && s["loi"].is_null());
    assert_ne!(edited["trang"][0], first["trang"][0], "the page changed");
}
