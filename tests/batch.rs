//! Batch rendering and reproducible output: byte-identical PDFs whatever the clock, one broken
//! document failing alone, `--changed-only` with its manifest, `verify`, page images.

mod common;

use std::path::Path;
use std::process::Command;

use common::{FRONT, folder, vanban};
use vanban::model::date;

/// A document with a body of `words`.
fn doc(words: &str) -> String {
    format!("{FRONT}\n{words}\n")
}

/// Runs vanban with `args` (system fonts off) in `dir`.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.push("--no-system-fonts");
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(&all).current_dir(dir).output().unwrap()
}

/// `pdfinfo`'s CreationDate line of a PDF.
fn creation_date(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).env("TZ", "UTC").output().expect("pdfinfo (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("CreationDate"))
        .unwrap_or("")
        .to_owned()
}

#[test]
fn the_same_bytes_under_another_clock_dated_from_the_document() {
    let dir = folder(&[("a.md", &doc("Nội dung."))]);
    assert!(run(dir.path(), &["render", "a.md", "-o", "now.pdf"]).status.success());
    let later = Command::new("faketime")
        .args([
            "2031-01-01 12:00:00",
            env!("CARGO_BIN_EXE_vanban"),
            "render",
            "a.md",
            "-o",
            "later.pdf",
            "--no-system-fonts",
        ])
        .current_dir(dir.path())
        .output()
        .expect("faketime (installed by .ci/run)");
    assert!(later.status.success(), "{}", common::stderr(&later));
    let (now, later) = (
        std::fs::read(dir.path().join("now.pdf")).unwrap(),
        std::fs::read(dir.path().join("later.pdf")).unwrap(),
    );
    assert!(now == later, "byte-identical under a clock five years ahead");
    // The creation date is the document's date, 29/4/2026 at midnight in Vietnam (UTC+7).
    let date = creation_date(&dir.path().join("now.pdf"));
    assert!(date.contains("Apr 28 17:00:00 2026"), "{date}");
    // SOURCE_DATE_EPOCH, when set, gives the date instead (1 March 2027, 00:00 UTC).
    let epoch = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "a.md", "-o", "epoch.pdf", "--no-system-fonts"])
        .env("SOURCE_DATE_EPOCH", "1803859200")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(epoch.status.success());
    let date = creation_date(&dir.path().join("epoch.pdf"));
    assert!(date.contains("Mar  1 00:00:00 2027"), "{date}");
}

#[test]
fn a_batch_renders_every_good_document_and_names_the_broken_one() {
    let dir = folder(&[
        ("kho/a.md", &doc("Một.")),
        ("kho/con/b.md", &doc("Hai.")),
        ("kho/hong.md", "---\nloai: [\n---\nx\n"),
        ("kho/c.md", &doc("Ba.")),
        ("kho/ghi-chu.txt", "not a document"),
    ]);
    let out = run(dir.path(), &["render", "kho", "-o", "ra", "--jobs", "2"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("đã in 3, bỏ qua 0 (không đổi), lỗi 1"), "{err}");
    assert!(err.contains("lỗi kho/hong.md: input::syntax"), "{err}");
    for pdf in ["ra/a.pdf", "ra/con/b.pdf", "ra/c.pdf"] {
        assert!(std::fs::read(dir.path().join(pdf)).unwrap().starts_with(b"%PDF"), "{pdf}");
    }
    assert!(!dir.path().join("ra/hong.pdf").exists());
    // Each good document gives the same bytes alone as in the batch.
    assert!(run(dir.path(), &["render", "kho/c.md", "-o", "c.pdf"]).status.success());
    assert!(
        std::fs::read(dir.path().join("c.pdf")).unwrap()
            == std::fs::read(dir.path().join("ra/c.pdf")).unwrap()
    );
}

#[test]
fn changed_only_skips_what_is_unchanged_and_rebuilds_what_changed() {
    let layout = vanban::compile::LAYOUTS.iter().find(|(n, _)| *n == "style.typ").unwrap().1;
    let dir = folder(&[("kho/a.md", &doc("Một.")), ("kho/b.md", &doc("Hai.")), ("bo-cuc/style.typ", layout)]);
    let render = |extra: &[&str]| {
        let mut args = vec!["render", "kho", "-o", "ra", "--changed-only", "--layouts", "bo-cuc"];
        args.extend_from_slice(extra);
        let out = run(dir.path(), &args);
        assert!(out.status.success(), "{}", common::stderr(&out));
        common::stderr(&out)
    };
    assert!(render(&[]).contains("đã in 2, bỏ qua 0"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ra/vanban-manifest.json")).unwrap()).unwrap();
    let entry = &manifest["tep"]["a.pdf"];
    let pdf = std::fs::read(dir.path().join("ra/a.pdf")).unwrap();
    assert_eq!(entry["sha256_pdf"], vanban::fingerprint::sha256(&pdf));
    for key in ["sha256_nguon", "sha256_bo_cuc", "sha256_quy_tac", "sha256_phong_chu", "phien_ban"] {
        assert!(entry[key].is_string(), "{key}");
    }
    assert!(render(&[]).contains("đã in 0, bỏ qua 2"), "nothing changed");
    std::fs::write(dir.path().join("kho/b.md"), doc("Hai, sửa.")).unwrap();
    assert!(render(&[]).contains("đã in 1, bỏ qua 1"), "one source edited");
    std::fs::write(dir.path().join("bo-cuc/style.typ"), format!("{layout}\n// đổi\n")).unwrap();
    assert!(render(&[]).contains("đã in 2, bỏ qua 0"), "a layout change touches every document");
    std::fs::write(dir.path().join("ra/a.pdf"), b"tampered").unwrap();
    assert!(render(&[]).contains("đã in 1, bỏ qua 1"), "an output changed by hand is rebuilt");
    // An image the document places, and outputs asked for besides the PDF, count too.
    let svg = |fill: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="{fill}"/></svg>"#
        )
    };
    std::fs::write(dir.path().join("kho/h.svg"), svg("red")).unwrap();
    std::fs::write(
        dir.path().join("kho/a.md"),
        doc("Một.

![Hình](h.svg)"),
    )
    .unwrap();
    assert!(render(&[]).contains("đã in 1, bỏ qua 1"));
    std::fs::write(dir.path().join("kho/h.svg"), svg("blue")).unwrap();
    assert!(render(&[]).contains("đã in 1, bỏ qua 1"), "an image changed: its document is rebuilt");
    assert!(render(&["--format", "pdf,png"]).contains("đã in 2, bỏ qua 0"), "page images asked for");
    assert!(dir.path().join("ra/b-1.png").exists());
    assert!(render(&["--format", "pdf,png"]).contains("đã in 0, bỏ qua 2"));
}

#[test]
fn verify_detects_a_one_character_edit() {
    let dir = folder(&[("a.md", &doc("Nội dung một."))]);
    assert!(run(dir.path(), &["render", "a.md"]).status.success());
    let ok = run(dir.path(), &["verify", "a.pdf", "a.md"]);
    assert_eq!(ok.status.code(), Some(0), "{}", common::stderr(&ok));
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("khớp"));
    std::fs::write(dir.path().join("a.md"), doc("Nội dung mọt.")).unwrap();
    let edited = run(dir.path(), &["verify", "a.pdf", "a.md"]);
    assert_eq!(edited.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&edited.stdout).starts_with("không khớp"));
}

#[test]
fn page_images_at_the_chosen_resolution() {
    let dir = folder(&[("a.md", &doc("Nội dung."))]);
    let out = vanban(dir.path(), &["render", "a.md", "--format", "png,svg", "--ppi", "72"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let png = std::fs::read(dir.path().join("a-1.png")).unwrap();
    // The IHDR chunk: width and height in pixels, A4 at 72 ppi is 595 × 842.
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (595, 842));
    let svg = std::fs::read_to_string(dir.path().join("a-1.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("595"), "{}", &svg[..100]);
    assert!(!dir.path().join("a.pdf").exists(), "only what was asked for");
}

#[test]
fn one_version_of_the_memoiser_so_eviction_reaches_the_compiler() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    assert_eq!(lock.matches("name = \"comemo\"\n").count(), 1);
}

#[test]
fn two_sources_for_one_output_are_refused_before_anything_is_rendered() {
    let json = r#"{"loai": "bao-cao"}"#;
    let dir = folder(&[
        ("kho/a.md", &doc("Nội dung.")),
        ("kho/a.json", json),
        ("d1/x.md", &doc("Một.")),
        ("d2/x.md", &doc("Hai.")),
    ]);
    let out = run(dir.path(), &["render", "kho", "-o", "ra"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("batch::same_output") && err.contains("a.json và kho/a.md cùng in ra ra/a.pdf"),
        "{err}"
    );
    let out = run(dir.path(), &["render", "d1/x.md", "d2/x.md", "-o", "ra"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("d1/x.md và d2/x.md cùng in ra ra/x.pdf"),
        "{}",
        common::stderr(&out)
    );
    assert!(!dir.path().join("ra").exists(), "nothing written");
}

#[test]
fn a_fifo_and_links_to_folders_are_passed_over_with_a_warning() {
    let dir = folder(&[("kho/a.md", &doc("Nội dung."))]);
    let kho = dir.path().join("kho");
    assert!(Command::new("mkfifo").arg(kho.join("b.md")).status().unwrap().success());
    std::os::unix::fs::symlink(".", kho.join("self")).unwrap();
    std::os::unix::fs::symlink("/", kho.join("root")).unwrap();
    let out = run(dir.path(), &["render", "kho", "-o", "ra"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("bỏ qua kho/b.md: không phải tệp thường"), "{err}");
    assert!(err.contains("bỏ qua kho/self: liên kết tới một thư mục"), "{err}");
    assert!(err.contains("bỏ qua kho/root: liên kết tới một thư mục"), "{err}");
    let written: Vec<_> =
        std::fs::read_dir(dir.path().join("ra")).unwrap().map(|e| e.unwrap().file_name()).collect();
    // The lock file stays: removing it would let two batches each lock a file of that name.
    assert!(
        written.contains(&"a.pdf".into()) && written.contains(&".vanban-khoa".into()) && written.len() == 3,
        "a.pdf, the manifest and the lock file: {written:?}"
    );
}

#[test]
fn a_documents_outputs_are_put_in_place_together_and_stale_page_images_are_reported() {
    let dir = folder(&[("x.md", &doc("Nội dung."))]);
    std::fs::write(dir.path().join("x.pdf"), "the old PDF").unwrap();
    // A page image that cannot be written (a folder stands at its path): the PDF stays as it was.
    std::fs::create_dir(dir.path().join("x-1.png")).unwrap();
    let out = run(dir.path(), &["render", "x.md", "--format", "pdf,png"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("x.pdf")).unwrap(), "the old PDF");
    let temporary = std::fs::read_dir(dir.path())
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert!(!temporary, "no temporary file left");
    // Ten page images of an earlier run beside a new one-page set: reported, not removed (a
    // figure may be named so).
    std::fs::remove_dir(dir.path().join("x-1.png")).unwrap();
    for n in 1..=10 {
        std::fs::write(dir.path().join(format!("x-{n:02}.png")), "old").unwrap();
    }
    std::fs::write(dir.path().join("x-notes.png"), "not a page").unwrap();
    let out = run(dir.path(), &["render", "x.md", "--format", "pdf,png"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let listed = (1..=10).map(|n| format!("x-{n:02}.png")).collect::<Vec<_>>().join(", ");
    assert!(
        common::stderr(&out).contains(&format!("vẫn còn bên cạnh: {listed}")),
        "{}",
        common::stderr(&out)
    );
    let mut pngs: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png"))
        .collect();
    pngs.sort();
    assert_eq!(pngs.len(), 12, "the new page, the old ten and the other image: {pngs:?}");
    assert!(std::fs::read(dir.path().join("x.pdf")).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_second_batch_into_a_held_folder_is_refused_and_a_killed_one_keeps_its_work() {
    let docs: Vec<(String, String)> =
        (1..=20).map(|i| (format!("kho/d{i:02}.md"), doc(&format!("Nội dung {i}.")))).collect();
    let files: Vec<(&str, &str)> = docs.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    let dir = folder(&files);
    let ra = dir.path().join("ra");
    std::fs::create_dir(&ra).unwrap();
    // Another batch holds the folder: refused before anything is written (two at once kept
    // 100 of 200 entries).
    let lock = std::fs::OpenOptions::new().create(true).append(true).open(ra.join(".vanban-khoa")).unwrap();
    lock.lock().unwrap();
    let out = run(dir.path(), &["render", "kho", "-o", "ra"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("lỗi[batch::busy]: một lượt in khác đang ghi vào thư mục ra"),
        "{}",
        common::stderr(&out)
    );
    assert!(!ra.join("d01.pdf").exists());
    drop(lock);
    // A batch killed half-way: what it finished is in its journal, and the next run with
    // `--changed-only` does not render it again.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "kho", "-o", "ra", "--jobs", "1", "--no-system-fonts"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let journal = ra.join(".vanban-manifest.journal");
    let lines = || std::fs::read_to_string(&journal).map_or(0, |j| j.lines().count());
    while lines() < 3 {
        assert!(child.try_wait().unwrap().is_none(), "killed before it ended");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let kept = lines();
    assert!((3..20).contains(&kept), "{kept}");
    assert!(!ra.join("vanban-manifest.json").exists(), "the manifest is written at the end");
    let again = run(dir.path(), &["render", "kho", "-o", "ra", "--changed-only"]);
    let err = common::stderr(&again);
    assert!(again.status.success(), "{err}");
    assert!(err.contains(&format!("đã in {}, bỏ qua {kept} (không đổi)", 20 - kept)), "{err}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ra.join("vanban-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["tep"].as_object().unwrap().len(), 20);
    assert!(!journal.exists(), "the journal is folded into the manifest");
}

#[test]
fn temporary_outputs_of_a_killed_run_are_removed_by_the_next_write() {
    let dir = folder(&[("a.md", &doc("Nội dung.")), ("kho/b.md", &doc("Nội dung."))]);
    // A process id above Linux's largest is gone; this test's own process is running.
    let gone = ".vanban-999999999-Xy12ab.tmp";
    let running = format!(".vanban-{}-Xy12ab.tmp", std::process::id());
    for folder in ["", "ra"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        for name in [gone, &running, ".vanban-notes.tmp"] {
            std::fs::write(dir.path().join(folder).join(name), "half").unwrap();
        }
    }
    assert!(run(dir.path(), &["render", "a.md"]).status.success());
    assert!(run(dir.path(), &["render", "kho", "-o", "ra"]).status.success());
    for folder in ["", "ra"] {
        let at = |n: &str| dir.path().join(folder).join(n);
        assert!(!at(gone).exists(), "{folder}: the dead process's file removed");
        assert!(at(&running).exists() && at(".vanban-notes.tmp").exists(), "{folder}: others kept");
    }
}

#[test]
fn today_is_vietnams_and_the_library_takes_the_clock_it_is_given() {
    // At 18:00 UTC on 1 December it is already 2 December in Vietnam: a document dated 30 days
    // after that (1 January 2027) is within the limit, as it was not while today was UTC's.
    let dir = folder(&[("a.md", &doc("Nội dung.").replace("ngay: 2026-04-29", "ngay: 2027-01-01"))]);
    let check = |at: &str| {
        let out = Command::new("faketime")
            .args([at, env!("CARGO_BIN_EXE_vanban"), "check", "a.md", "--no-audit", "--format", "json"])
            .env("TZ", "UTC")
            .current_dir(dir.path())
            .output()
            .expect("faketime (installed by .ci/run)");
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!check("2026-12-01 18:00:00").contains("check::future_date"));
    assert!(check("2026-12-01 16:00:00").contains("check::future_date"), "still 1 December in Vietnam");
    // The library itself: the today and the creation time it is handed, nothing else.
    let engine = |clock: vanban::Clock| {
        vanban::Engine::new(vanban::EngineOptions {
            fonts: vanban::compile::fonts::FontOptions { system: false, paths: vec![] },
            clock,
            ..Default::default()
        })
    };
    let loaded = vanban::input::load(&dir.path().join("a.md")).unwrap();
    let future =
        |clock| engine(clock).check(&loaded, false).unwrap().iter().any(|d| d.code == "check::future_date");
    let on = |y, m, d| vanban::Clock { today: date::ymd(y, m, d), ..Default::default() };
    assert!(future(on(2026, 11, 1)) && !future(on(2026, 12, 2)) && !future(vanban::Clock::default()));
    let at = vanban::Clock { source_date_epoch: Some(1_803_859_200), ..Default::default() };
    std::fs::write(dir.path().join("b.pdf"), engine(at).render(&dir.path().join("a.md")).unwrap().pdf)
        .unwrap();
    assert!(creation_date(&dir.path().join("b.pdf")).contains("Mar  1 00:00:00 2027"));
}
