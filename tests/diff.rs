//! `vanban diff`: an unchanged layout reports nothing; a 2 mm margin change reports every page
//! with regions from the margin; a one-word edit reports one region on one page.

mod common;

use std::path::Path;
use std::process::Command;

use common::folder;

/// Runs vanban with `args` (system fonts off) in `dir`.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.push("--no-system-fonts");
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(&all).current_dir(dir).output().unwrap()
}

/// The example report (ten pages) and the embedded layout, copied into a fresh folder.
fn setup() -> tempfile::TempDir {
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bao-cao-thang-4-2026.md"),
    )
    .unwrap();
    let layout = vanban::compile::LAYOUTS.iter().find(|(n, _)| *n == "van-ban.typ").unwrap().1;
    folder(&[("bc.md", &example), ("cu/van-ban.typ", layout), ("moi/van-ban.typ", layout)])
}

/// The JSON summary of a diff and its exit code.
fn summary(dir: &Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = run(dir, &all);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", common::stderr(&out)));
    (v, out.status.code())
}

#[test]
fn an_unchanged_layout_reports_no_change() {
    let dir = setup();
    let (v, code) = summary(dir.path(), &["bc.md", "--layout-a", "cu", "--layout-b", "moi"]);
    assert_eq!((v["trang_doi"].as_u64(), code), (Some(0), Some(0)), "{v}");
}

#[test]
fn a_two_millimetre_margin_reports_every_page_from_the_margin() {
    let dir = setup();
    let moved = std::fs::read_to_string(dir.path().join("moi/van-ban.typ"))
        .unwrap()
        .replace("left: t.le_trai * 1mm", "left: t.le_trai * 1mm + 2mm");
    std::fs::write(dir.path().join("moi/van-ban.typ"), moved).unwrap();
    let (v, code) = summary(dir.path(), &["bc.md", "--layout-a", "cu", "--layout-b", "moi", "-o", "anh"]);
    assert_eq!(code, Some(1));
    let doc = &v["van_ban"][0];
    let pages = doc["so_trang_moi"].as_u64().unwrap();
    assert_eq!(doc["trang_doi"].as_array().unwrap().len() as u64, pages, "every page changed: {v}");
    for p in doc["trang_doi"].as_array().unwrap() {
        let left =
            p["vung"].as_array().unwrap().iter().map(|r| r["x"].as_f64().unwrap()).fold(f64::MAX, f64::min);
        // The left margin is 30 mm (HD05 [§1.1]); the changed text starts there.
        assert!((28.0..=33.0).contains(&left), "page {}: first region at {left} mm", p["trang"]);
        let png = dir.path().join(format!("anh/bc-trang-{}.png", p["trang"]));
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"), "{}", png.display());
    }
}

#[test]
fn a_one_word_edit_reports_one_region_on_one_page() {
    let dir = setup();
    assert!(run(dir.path(), &["render", "bc.md", "-o", "a.pdf"]).status.success());
    let edited = std::fs::read_to_string(dir.path().join("bc.md"))
        .unwrap()
        .replace("ho_ten: Phạm Quang Sáng", "ho_ten: Phạm Quang Sang");
    std::fs::write(dir.path().join("bc.md"), edited).unwrap();
    assert!(run(dir.path(), &["render", "bc.md", "-o", "b.pdf"]).status.success());
    let (v, code) = summary(dir.path(), &["a.pdf", "b.pdf"]);
    assert_eq!(code, Some(1));
    let pages = v["van_ban"][0]["trang_doi"].as_array().unwrap();
    assert_eq!(pages.len(), 1, "{v}");
    assert_eq!(pages[0]["vung"].as_array().unwrap().len(), 1, "{v}");
    // The same PDF against itself: nothing.
    let (v, code) = summary(dir.path(), &["a.pdf", "a.pdf"]);
    assert_eq!((v["trang_doi"].as_u64(), code), (Some(0), Some(0)));
}

#[test]
fn against_a_git_revision() {
    let dir = setup();
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).current_dir(dir.path()).output().expect("git");
        assert!(out.status.success(), "git {args:?}: {}", common::stderr(&out));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "bố cục"]);
    let (v, code) = summary(dir.path(), &["bc.md", "--against", "HEAD", "--layouts", "moi"]);
    assert_eq!((v["trang_doi"].as_u64(), code), (Some(0), Some(0)), "as committed: {v}");
    let moved = std::fs::read_to_string(dir.path().join("moi/van-ban.typ"))
        .unwrap()
        .replace("left: t.le_trai * 1mm", "left: t.le_trai * 1mm + 2mm");
    std::fs::write(dir.path().join("moi/van-ban.typ"), moved).unwrap();
    let (v, code) = summary(dir.path(), &["bc.md", "--against", "HEAD", "--layouts", "moi"]);
    assert_eq!((v["van_ban_doi"].as_u64(), code), (Some(1), Some(1)), "edited since: {v}");
}

/// A PDF of `n` empty square pages `side` pt wide.
fn square_pages(n: usize, side: u32) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    ];
    objects.extend((0..n).map(|_| format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] >>")));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    offsets.iter().for_each(|o| out.extend(format!("{o:010} 00000 n \n").bytes()));
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
    );
    out
}

#[test]
fn a_page_too_large_to_compare_is_refused_naming_its_file() {
    // Five metres square: 370 million pixels a page at 96 ppi (200 such pages reached 7.4 GB).
    let dir = folder(&[]);
    std::fs::write(dir.path().join("a4.pdf"), square_pages(2, 595)).unwrap();
    std::fs::write(dir.path().join("to.pdf"), square_pages(2, 14_400)).unwrap();
    let out = run(dir.path(), &["diff", "a4.pdf", "to.pdf"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains(
            "lỗi[diff::page]: to.pdf: trang 1 khổ 5080 × 5080 mm, lớn quá để so (quá 16 triệu điểm ảnh ở 96 ppi)"
        ),
        "{}",
        common::stderr(&out)
    );
    let (v, code) = summary(dir.path(), &["a4.pdf", "a4.pdf"]);
    assert_eq!((v["van_ban"][0]["so_trang_moi"].as_u64(), code), (Some(2), Some(0)), "{v}");
}
