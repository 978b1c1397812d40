//! Safety: the document's text is data, never Typst code; nothing outside the document's
//! folder is read.

mod common;

use std::path::Path;

use common::{ENGINE, FRONT, folder, pdf_text};
use vanban::inspect::inspect;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn render_err(dir: &Path, name: &str) -> String {
    match ENGINE.render(&dir.join(name)) {
        Ok(_) => panic!("{name} should fail"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn typst_syntax_in_the_body_prints_literally() {
    let line =
        r#"Chữ #read("/etc/passwd") và $x^2$ @nhan <nhan> \\ [a] #set page(width: 1cm) #{1+1} ] = ~ _x_"#;
    // What Markdown leaves of it: `\\` is an escaped backslash, `_x_` emphasis.
    let printed =
        r#"Chữ #read("/etc/passwd") và $x^2$ @nhan <nhan> \ [a] #set page(width: 1cm) #{1+1} ] = ~ x"#;
    let front = FRONT
        .replace("trich_yeu: kết quả thực hiện nhiệm vụ tháng 4", "trich_yeu: '#read(\"/etc/passwd\") $y$'");
    let dir = folder(&[("doc.md", &format!("{front}\n{line}\n\n```\n#panic(\"x\")\n```\n"))]);
    let r = ENGINE.render(&dir.path().join("doc.md")).expect("renders");
    let l = inspect(&r.document);
    assert!(l.pages.iter().all(|(w, _)| (w - 210.0).abs() < 0.01), "page width untouched");
    let text = pdf_text(&r.pdf);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squash(&text).contains(printed), "literal body in the PDF:\n{text}");
    assert!(text.contains(r#"#read("/etc/passwd") $y$"#), "literal summary");
    assert!(text.contains(r#"#panic("x")"#), "code block printed, not run");
    assert!(!text.contains("root:"), "no file content read");
}

#[test]
fn image_in_the_folder_is_placed() {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nTrước ảnh.\n\n![Hình 1](hinh/mot.png)\n"))]);
    std::fs::create_dir(dir.path().join("hinh")).unwrap();
    std::fs::write(dir.path().join("hinh/mot.png"), PNG).unwrap();
    let r = ENGINE.render(&dir.path().join("doc.md")).expect("renders");
    let images = inspect(&r.document).images;
    assert_eq!(images.len(), 1);
    assert!(images[0].x >= 30.0 && images[0].x + images[0].width <= 195.0);
}

#[test]
fn images_in_a_paragraph_or_on_consecutive_lines_are_all_placed() {
    // Both were dropped with a warning pointing into the layout.
    for (body, n) in [("![Một](mot.png)\n![Hai](mot.png)", 2), ("Chữ trước ![Một](mot.png) chữ sau.", 1)]
    {
        let dir = folder(&[("doc.md", &format!("{FRONT}\n{body}\n"))]);
        std::fs::write(dir.path().join("mot.png"), PNG).unwrap();
        let r = ENGINE.render(&dir.path().join("doc.md")).expect("renders");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        let layout = inspect(&r.document);
        assert_eq!(layout.images.len(), n, "{body}");
        // In a row on the line of their paragraph.
        assert!(layout.images.iter().all(|i| (i.y - layout.images[0].y).abs() < 0.01 && i.x >= 30.0));
    }
}

#[test]
fn image_outside_the_folder_is_refused() {
    let outer = folder(&[("bi-mat.png", "")]);
    std::fs::write(outer.path().join("bi-mat.png"), PNG).unwrap();
    std::fs::create_dir(outer.path().join("vb")).unwrap();
    let doc = format!("{FRONT}\nXem ![ảnh](../bi-mat.png).\n");
    std::fs::write(outer.path().join("vb/doc.md"), doc).unwrap();
    let err = render_err(&outer.path().join("vb"), "doc.md");
    assert!(
        err.contains("lỗi[input::image_outside]: ảnh `../bi-mat.png` nằm ngoài thư mục của văn bản"),
        "{err}"
    );
    assert!(err.contains("vb/doc.md:19:5"), "{err}");
    assert!(err.contains("\n   |     ^^^^^^^^^^^^^^^^^^^^^\n"), "the whole image underlined: {err}");
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_folder_is_refused() {
    let outer = folder(&[]);
    std::fs::write(outer.path().join("bi-mat.png"), PNG).unwrap();
    std::fs::create_dir(outer.path().join("vb")).unwrap();
    std::os::unix::fs::symlink(outer.path().join("bi-mat.png"), outer.path().join("vb/lien-ket.png"))
        .unwrap();
    std::fs::write(outer.path().join("vb/doc.md"), format!("{FRONT}\n![ảnh](lien-ket.png)\n")).unwrap();
    let err = render_err(&outer.path().join("vb"), "doc.md");
    assert!(err.contains("nằm ngoài thư mục của văn bản"), "{err}");
}

#[test]
fn absolute_remote_and_broken_images_are_refused() {
    let dir = folder(&[
        ("a.md", &format!("{FRONT}\n![x](/etc/passwd)\n")),
        ("b.md", &format!("{FRONT}\n![x](https://example.org/x.png)\n")),
        ("c.md", &format!("{FRONT}\n![x](gia.png)\n")),
        ("gia.png", "không phải ảnh"),
        ("d.md", &format!("{FRONT}\n![x](khong-co.png)\n")),
        ("e.md", &format!("{FRONT}\n![x](cut.png)\n")),
    ]);
    // A PNG cut short: right signature, broken data.
    std::fs::write(dir.path().join("cut.png"), &PNG[..40]).unwrap();
    let cases = [
        ("a.md", "ảnh `/etc/passwd` ghi bằng đường dẫn tuyệt đối"),
        ("b.md", "ảnh `https://example.org/x.png` không phải tệp trong máy"),
        ("c.md", "tệp `gia.png` không phải ảnh dùng được (không nhận ra định dạng ảnh)"),
        ("e.md", "tệp `cut.png` không phải ảnh dùng được"),
        ("d.md", "không tìm thấy ảnh `khong-co.png`"),
    ];
    for (name, message) in cases {
        let err = render_err(dir.path(), name);
        assert!(err.contains(message) && err.contains(&format!("{name}:19:1")), "{name}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn the_world_reads_only_inside_the_folder() {
    use typst_kit::files::FileLoader;
    use vanban::compile::world::{Loader, file_id};
    let outer = folder(&[("bi-mat.txt", "bí mật"), ("vb/trong.txt", "được đọc")]);
    std::os::unix::fs::symlink(outer.path().join("bi-mat.txt"), outer.path().join("vb/lien-ket.txt"))
        .unwrap();
    let root = outer.path().join("vb").canonicalize().unwrap();
    let loader = Loader::new(root, Default::default());
    assert_eq!(loader.load(file_id("/trong.txt")).unwrap().as_slice(), "được đọc".as_bytes());
    let denied = loader.load(file_id("/lien-ket.txt")).unwrap_err();
    assert_eq!(denied, typst::diag::FileError::AccessDenied);
    assert!(typst::syntax::VirtualPath::new("/../bi-mat.txt").is_err(), "no path leads up from the root");
    assert!(matches!(
        loader.load(file_id("/.vanban/khong-co.typ")),
        Err(typst::diag::FileError::NotFound(_))
    ));
}

#[test]
fn a_custom_layout_cannot_read_outside_and_its_errors_name_it() {
    let dir = folder(&[
        ("doc.md", &format!("{FRONT}\nNội dung.\n")),
        ("bo-cuc/main.typ", "#let x = 1\n#read(\"/../../../etc/passwd\")\n"),
    ]);
    let out = common::vanban(dir.path(), &["render", "doc.md", "--layouts", "bo-cuc"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lỗi[layout::typst]: lỗi khi dàn trang") && err.contains("--> layouts/main.typ:2:7"),
        "{err}"
    );
    assert!(!dir.path().join("doc.pdf").exists());
}

#[test]
fn the_output_is_never_the_source() {
    let dir = folder(&[("doc.md", &format!("{}\nNội dung.\n", common::FRONT))]);
    let before = std::fs::read(dir.path().join("doc.md")).unwrap();
    for output in ["doc.md", "./doc.md"] {
        let out = common::vanban(dir.path(), &["render", "doc.md", "-o", output]);
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert!(common::stderr(&out).contains("chính là tệp nguồn"), "{}", common::stderr(&out));
        assert_eq!(std::fs::read(dir.path().join("doc.md")).unwrap(), before, "the source is untouched");
    }
}

#[test]
fn a_megabyte_line_without_spaces_is_refused_and_reported_briefly() {
    let dir = folder(&[("doc.md", &format!("{}\n{}\n", common::FRONT, "x".repeat(1 << 20)))]);
    let out = common::vanban(dir.path(), &["render", "doc.md"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "refused: {}", &err[..err.len().min(300)]);
    assert!(
        err.contains("lỗi[input::long_word]") && err.contains("--> doc.md:19:1"),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(err.len() < 1000, "and the message stays short: {} bytes", err.len());
}
