//! Broken and hostile inputs, each with its exact outcome: rendered, or refused with a message
//! naming the file, line and column, in bounded time, and nothing written. (Paths outside the
//! folder, a source as the output and the 1 MB line are in safety.rs; the DOCX zip bomb in
//! import.rs.)

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{FRONT, folder, stderr, vanban, zip_of};

/// Renders `doc` (as `doc.md`) and expects a refusal with exit 1 that names `expected`; no PDF
/// is written, and the answer comes within a bound generous on 2 busy cores (the faults it
/// guards against hung or took minutes).
fn refused(doc: &[u8], expected: &str) {
    let dir = folder(&[]);
    std::fs::write(dir.path().join("doc.md"), doc).unwrap();
    let start = Instant::now();
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert!(start.elapsed() < Duration::from_secs(10), "bounded: {:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(expected), "expected `{expected}` in:\n{}", stderr(&out));
    assert!(!dir.path().join("doc.pdf").exists(), "nothing written");
}

/// The PDF `doc` renders to (as `name`).
fn rendered(name: &str, doc: &[u8]) -> Vec<u8> {
    let dir = folder(&[]);
    std::fs::write(dir.path().join(name), doc).unwrap();
    let out = vanban(dir.path(), &["render", name, "-o", "out.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read(dir.path().join("out.pdf")).unwrap()
}

#[test]
fn a_body_over_the_size_limit_is_refused_before_it_is_read() {
    let body = "Nội dung văn bản rất dài. ".repeat(40) + "\n\n";
    let doc = format!("{FRONT}\n{}", body.repeat(3 * 1024 * 1024 / body.len()));
    refused(
        doc.as_bytes(),
        "lỗi[input::too_large]: tệp doc.md dài 3,0 MiB, quá giới hạn 2 MiB của một văn bản",
    );
}

#[test]
fn ten_thousand_footnotes_are_refused_at_the_first_past_the_limit() {
    let refs: Vec<String> = (1..=10_000).map(|i| format!("Câu {i}.[^{i}]")).collect();
    let defs: Vec<String> = (1..=10_000).map(|i| format!("[^{i}]: Chú thích {i}.")).collect();
    let doc = format!("{FRONT}\n{}\n\n{}\n", refs.join("\n"), defs.join("\n"));
    let line = FRONT.lines().count() + 2 + 1000;
    refused(doc.as_bytes(), "văn bản có 10000 chú thích, quá giới hạn 1000");
    refused(doc.as_bytes(), &format!("doc.md:{line}:10"));
}

#[test]
fn nesting_a_hundred_deep_is_refused_where_it_passes_twenty() {
    let lists: String = (0..100).map(|i| format!("{}- mục\n", "  ".repeat(i))).collect();
    refused(format!("{FRONT}\n{lists}").as_bytes(), "nội dung lồng nhau quá 20 cấp");
    let quotes = format!("{FRONT}\n{}trích\n", "> ".repeat(100));
    let line = FRONT.lines().count() + 2;
    refused(quotes.as_bytes(), &format!("doc.md:{line}:39"));
}

#[test]
fn a_table_of_ten_thousand_rows_renders_across_pages() {
    let rows: String = (1..=10_000).map(|i| format!("| {i} | dòng {i} |\n")).collect();
    let pdf = rendered("doc.md", format!("{FRONT}\n| Số | Nội dung |\n|---|---|\n{rows}").as_bytes());
    let words = common::pdf_words(&pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages > 100, "{pages} pages");
    assert!(words.iter().any(|w| w.text == "10000"), "the last row is there");
}

#[test]
fn a_bom_and_crlf_line_ends_give_the_same_pdf_as_plain_lf() {
    let doc = format!("{FRONT}\nĐoạn một.\n\nĐoạn hai có chú thích.[^1]\n\n[^1]: Chú thích.\n");
    let plain = rendered("doc.md", doc.as_bytes());
    assert_eq!(rendered("doc.md", format!("\u{feff}{doc}").as_bytes()), plain, "BOM");
    assert_eq!(rendered("doc.md", doc.replace('\n', "\r\n").as_bytes()), plain, "CRLF");
}

#[test]
fn nul_bytes_and_invalid_utf8_are_refused_where_they_are() {
    let line = FRONT.lines().count() + 2;
    let with_nul = format!("{FRONT}\nNội\0dung.\n");
    refused(with_nul.as_bytes(), "tệp có ký tự điều khiển U+0000");
    refused(with_nul.as_bytes(), &format!("doc.md:{line}:4"));
    let mut latin1 = format!("{FRONT}\nN").into_bytes();
    latin1.extend_from_slice(b"\xf4i dung.\n");
    refused(&latin1, "tệp không phải văn bản UTF-8");
    refused(&latin1, &format!("doc.md:{line}:2"));
}

#[test]
fn an_output_that_is_a_folder_is_refused_and_left_as_it_was() {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n")), ("ra/giu.txt", "giữ nguyên")]);
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "ra"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("ra"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("ra/giu.txt")).unwrap(), "giữ nguyên");
    let names: Vec<_> =
        std::fs::read_dir(dir.path().join("ra")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn an_output_that_is_a_device_or_a_fifo_is_written_to_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n"))]);
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(),
        "/dev/null is a device still"
    );
    // A full device: the write fails with the device named, and the device stays.
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // In Vietnamese, not the system's English ("No space left on device").
    assert!(stderr(&out).contains("không ghi được /dev/full: ổ đĩa đã đầy"), "{}", stderr(&out));
    // A folder under a file: the system's reason in Vietnamese too.
    std::fs::write(dir.path().join("tep"), "").unwrap();
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "tep/a.pdf"]);
    assert!(
        stderr(&out).contains("không ghi được tep/a.pdf: một phần của đường dẫn không phải thư mục"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    // A FIFO: a reader on the other end gets the PDF, and the FIFO stays one.
    let fifo = dir.path().join("ra.pdf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::read(fifo).unwrap()
    });
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "ra.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(reader.join().unwrap().starts_with(b"%PDF-"), "the reader got the PDF");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // Standard output redirected to a file: the PDF is written there.
    let file = std::fs::File::create(dir.path().join("redirected")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "doc.md", "-o", "/dev/stdout"])
        .current_dir(dir.path())
        .stdout(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(dir.path().join("redirected")).unwrap().starts_with(b"%PDF-"));
    // A link to a file: the file is replaced, the link kept.
    std::fs::write(dir.path().join("that.pdf"), "old").unwrap();
    std::os::unix::fs::symlink("that.pdf", dir.path().join("link.pdf")).unwrap();
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "link.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path().join("link.pdf")).unwrap().file_type().is_symlink());
    assert!(std::fs::read(dir.path().join("that.pdf")).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_long_run_without_spaces_and_long_or_damaged_values_are_refused_at_their_place() {
    // 40,000 `Đ` (80 KB) in the body, or a 100,000-character code: the PDF writer panicked.
    refused(format!("{FRONT}\n{}\n", "Đ".repeat(40_000)).as_bytes(), "lỗi[input::long_word]");
    refused(format!("{FRONT}\n{}\n", "Đ".repeat(40_000)).as_bytes(), "--> doc.md:19:1");
    let code = FRONT.replace("viet_tat: ĐU", &format!("viet_tat: {}", "Đ".repeat(100_000)));
    refused(format!("{code}\nNội dung.\n").as_bytes(), "--> doc.md:6:13");
    // A place of 30 KB with spaces took seconds to measure.
    let place = FRONT.replace("dia_danh: Hải Phòng", &format!("dia_danh: {}", "Hải Phòng ".repeat(3_000)));
    refused(format!("{place}\nNội dung.\n").as_bytes(), "`dia_danh` dài 29999 ký tự, quá giới hạn 2000");
    // A control character written as an escape in a data file.
    let json = r#"{"loai": "bao-cao", "co_quan": {"ten": "CHI BỘ", "viet_tat": "CB"}, "dia_danh": "Hà Nội",
        "ngay": "2026-06-15", "trich_yeu": "kết quả\u0000 tháng 6", "ky": {"ho_ten": "Lê Văn A"},
        "noi_nhan": ["Lưu Chi bộ"], "noi_dung": "Nội dung."}"#;
    let dir = folder(&[("doc.json", json)]);
    let out = vanban(dir.path(), &["render", "doc.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("`trich_yeu` có ký tự điều khiển U+0000"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--> doc.json:2:44"), "{}", stderr(&out));
}

#[test]
fn a_fifo_as_the_source_or_inside_an_image_neither_hangs_nor_is_read_whole() {
    use std::io::Write;
    let dir = folder(&[]);
    let mkfifo = |name: &str| {
        assert!(std::process::Command::new("mkfifo").arg(dir.path().join(name)).status().unwrap().success())
    };
    // A source FIFO that a writer fills with 3 MiB: read to the limit, then refused.
    mkfifo("doc.md");
    let writer = std::thread::spawn({
        let path = dir.path().join("doc.md");
        move || {
            let mut fifo = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            let chunk = format!("{FRONT}\n{}", "Nội dung. ".repeat(10_000));
            (0..40).try_for_each(|_| fifo.write_all(chunk.as_bytes())).err().map(|e| e.kind())
        }
    });
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("input::too_large"), "{}", stderr(&out));
    assert_eq!(writer.join().unwrap(), Some(std::io::ErrorKind::BrokenPipe), "the rest was never read");
    // An SVG linking to a FIFO in the folder: the compile refuses the link at once.
    mkfifo("ff.png");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="ff.png" width="10" height="10"/></svg>"#;
    std::fs::write(dir.path().join("h.svg"), svg).unwrap();
    std::fs::write(dir.path().join("a.md"), format!("{FRONT}\n![Hình](h.svg)\n")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "a.md", "--no-system-fonts"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = child.try_wait().unwrap().is_some();
    if !ended {
        child.kill().unwrap();
    }
    assert!(ended, "render ended");
}

#[test]
fn content_errors_point_into_the_document_never_into_the_layout() {
    // Each ended as `layout::typst` pointing into `layouts/`.
    refused(format!("{FRONT}\nXem [x]() ngay.\n").as_bytes(), "lỗi[input::empty_link]");
    refused(format!("{FRONT}\nXem [x]() ngay.\n").as_bytes(), "--> doc.md:19:5");
    refused(format!("{FRONT}\nXem [y](<>).\n").as_bytes(), "input::empty_link");
    refused(format!("{FRONT}\n#\n\nNội dung.\n").as_bytes(), "lỗi[input::empty_heading]");
    refused(format!("{FRONT}\n#\n\nNội dung.\n").as_bytes(), "--> doc.md:19:1");
    let so = FRONT.replace("dia_danh:", "so: 1e308\ndia_danh:");
    refused(format!("{so}\nNội dung.\n").as_bytes(), "ở đây là số `1e308`");
    // An SVG saved under a PNG's name.
    let dir = folder(&[("doc.md", &format!("{FRONT}\n![Hình](h.png)\n"))]);
    std::fs::write(
        dir.path().join("h.png"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#,
    )
    .unwrap();
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nội dung là ảnh SVG, tên tệp lại ghi .png")
            && stderr(&out).contains("--> doc.md:19:1"),
        "{}",
        stderr(&out)
    );
}

/// The front matter with `n` appendices of `notes` footnotes each.
fn with_appendices(n: usize, notes: usize) -> String {
    let refs: String = (1..=notes).map(|i| format!("Câu {i}.[^{i}] ")).collect();
    let defs: String = (1..=notes).map(|i| format!("\n\n      [^{i}]: Chú thích {i}.")).collect();
    let one = format!("  - ten: Phụ lục\n    noi_dung: |\n      Nội dung. {refs}{defs}\n");
    FRONT.replace("noi_nhan:", &format!("phu_luc:\n{}noi_nhan:", one.repeat(n)))
}

#[test]
fn the_limits_hold_for_the_whole_document_with_its_appendices() {
    // Ten appendices of 200 footnotes each passed, each counted apart: refused at the sixth.
    let doc = format!("{}\nNội dung.\n", with_appendices(10, 200));
    refused(doc.as_bytes(), "văn bản và phụ lục có quá 1000 chú thích");
    // At the value: the line under `noi_dung: |` of the sixth.
    let sixth = doc.lines().enumerate().filter(|(_, l)| l.starts_with("    noi_dung:")).nth(5).unwrap().0 + 2;
    refused(doc.as_bytes(), &format!("--> doc.md:{sixth}:"));
    refused(
        format!("{}\nNội dung.\n", with_appendices(101, 0)).as_bytes(),
        "văn bản có 101 phụ lục, quá giới hạn 100",
    );
}

/// WordprocessingML around `body`.
fn document_xml(doctype: &str, body: &str) -> Vec<u8> {
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    format!("<?xml version=\"1.0\"?>{doctype}<w:document {ns}><w:body>{body}</w:body></w:document>")
        .into_bytes()
}

/// Imports `bytes` as `cu.docx`; the exit code, standard error, and the Markdown if written.
fn import(bytes: &[u8]) -> (Option<i32>, String, Option<String>) {
    let dir = folder(&[]);
    std::fs::write(dir.path().join("cu.docx"), bytes).unwrap();
    let start = Instant::now();
    let out = vanban(dir.path(), &["import", "cu.docx"]);
    assert!(start.elapsed() < Duration::from_secs(10), "bounded: {:?}", start.elapsed());
    let md = std::fs::read_to_string(dir.path().join("cu.md")).ok();
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(files.len() <= 2, "nothing but cu.md is written: {files:?}");
    (out.status.code(), stderr(&out), md)
}

#[test]
fn docx_entity_expansion_and_external_entities_are_not_followed() {
    let laughs = r#"<!DOCTYPE d [<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>"#;
    let (code, err, md) = import(&zip_of(&[(
        "word/document.xml",
        &document_xml(laughs, "<w:p><w:r><w:t>&h;</w:t></w:r></w:p>"),
    )]));
    assert_eq!((code, md), (Some(1), None), "{err}");
    assert!(
        err.contains(
            "lỗi[import::docx]: cu.docx: word/document.xml có khai báo DTD (thực thể XML): không đọc"
        ),
        "{err}"
    );

    let external = r#"<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#;
    let (code, err, md) = import(&zip_of(&[(
        "word/document.xml",
        &document_xml(external, "<w:p><w:r><w:t>BÁO CÁO &x;</w:t></w:r></w:p>"),
    )]));
    assert!(!err.contains("root:") && md.is_none(), "no file is read");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("word/document.xml có khai báo DTD"), "{err}");
}

#[test]
fn docx_without_a_document_or_with_broken_xml_is_refused_with_the_part_named() {
    let (code, err, _) = import(&zip_of(&[("word/styles.xml", b"<w:styles/>")]));
    assert_eq!(code, Some(1));
    assert!(err.contains("cu.docx: thiếu word/document.xml"), "{err}");
    let (code, err, _) = import(&zip_of(&[("word/document.xml", b"<w:document><w:body><w:p>")]));
    assert_eq!(code, Some(1));
    assert!(err.contains("cu.docx: word/document.xml không đọc được"), "{err}");
    let (code, err, _) = import(b"PK\x03\x04 not really a zip");
    assert_eq!(code, Some(1));
    assert!(err.contains("lỗi[import::docx]: cu.docx"), "{err}");
}

#[test]
fn docx_entries_with_dotdot_paths_and_huge_images_are_left_alone() {
    let body = "<w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p><w:p><w:r><w:t>Nội dung.</w:t></w:r></w:p>";
    // A 70 MiB image, deflated to a few kilobytes: never inflated, as images are only counted.
    let bytes = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
        let deflated =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in [
            ("word/document.xml", document_xml("", body)),
            ("../../ngoai.txt", b"escaped".to_vec()),
            ("word/media/image1.png", vec![0u8; 70 << 20]),
        ] {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(&data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bytes.len() < 1 << 20);
    let dir = folder(&[("sub/.keep", "")]);
    let sub = dir.path().join("sub");
    std::fs::write(sub.join("cu.docx"), bytes).unwrap();
    let start = Instant::now();
    let out = vanban(&sub, &["import", "cu.docx"]);
    assert!(start.elapsed() < Duration::from_secs(10), "bounded: {:?}", start.elapsed());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(sub.join("cu.md")).unwrap().contains("Nội dung."));
    assert!(
        !dir.path().join("ngoai.txt").exists() && !Path::new("/tmp/ngoai.txt").exists(),
        "no entry is extracted"
    );
}

#[test]
fn a_large_legacy_text_with_unconvertible_bytes_imports_in_linear_time() {
    // Found by fuzzing (`import_text` and `legacy` ran at tens of inputs a second): each
    // unconvertible character recounted the text before it, so 1 MiB took minutes.
    let mut seed = 7u32;
    // 768 KiB: its Markdown stays under a document's 2 MiB.
    let bytes: Vec<u8> = (0..768 << 10)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let b = (seed >> 16) as u8;
            if b < 0x20 { b'\n' } else { b }
        })
        .collect();
    let dir = folder(&[]);
    std::fs::write(dir.path().join("cu.txt"), bytes).unwrap();
    let start = Instant::now();
    let out = vanban(dir.path(), &["import", "cu.txt", "--encoding", "tcvn3"]);
    assert!(start.elapsed() < Duration::from_secs(20), "bounded: {:?}", start.elapsed());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.matches("cảnh báo[import::unconverted]").count(),
        21,
        "20 shown, then how many more: {err}"
    );
    assert!(err.contains("ký tự khác không chuyển được từ TCVN3"), "{err}");
}

/// `n` paragraphs of a DOCX that do not end a sentence, so each runs on into the one before.
fn running_paragraphs(n: usize) -> Vec<u8> {
    let para = "<w:p><w:r><w:t>Nội dung lặp lại của văn bản báo cáo tiếp tục ở đoạn sau</w:t></w:r></w:p>";
    let head = "<w:p><w:r><w:t>TỈNH ỦY X</w:t></w:r></w:p><w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>";
    zip_of(&[("word/document.xml", &document_xml("", &format!("{head}{}", para.repeat(n))))])
}

#[test]
fn paragraphs_that_run_on_import_in_linear_time() {
    // Each paragraph joined to the one before was measured whole again (its length, its
    // words): 4,000 took 9 s, 10,000 a minute; now 10,000 take 0.8 s (release build).
    let dir = folder(&[]);
    std::fs::write(dir.path().join("cu.docx"), running_paragraphs(10_000)).unwrap();
    let start = Instant::now();
    let out = vanban(dir.path(), &["import", "cu.docx"]);
    assert!(start.elapsed() < Duration::from_secs(20), "bounded: {:?}", start.elapsed());
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("cu.md")).unwrap();
    assert_eq!(md.matches("tiếp tục ở đoạn sau").count(), 10_000, "no paragraph lost");
}

#[test]
fn a_text_past_a_documents_size_once_read_or_written_out_is_refused() {
    // 40,000 paragraphs of Word text: 3.1 MiB, more than one document render reads.
    let (code, err, md) = import(&running_paragraphs(40_000));
    assert_eq!((code, md), (Some(1), None), "{err}");
    assert!(
        err.contains("lỗi[import::too_large]: cu.docx: chữ đọc ra dài 3,1 MiB, quá giới hạn 2 MiB"),
        "{err}"
    );
    // A text under the limit whose Markdown escapes take it past.
    let text = format!(
        "BÁO CÁO\nvề việc X\n\n{}",
        vec![format!("Đoạn {}", "*_[x]# ".repeat(10)); 24_000].join("\n\n")
    );
    assert!(text.len() < 2 << 20);
    let dir = folder(&[("cu.txt", &text)]);
    let out = vanban(dir.path(), &["import", "cu.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cu.txt: văn bản chuyển ra dài 3,0 MiB, quá giới hạn 2 MiB của một văn bản"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("cu.md").exists(), "nothing written");
}

/// A valid 1-bit greyscale PNG of `w` × `h`, all black.
fn png(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write;
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    };
    let mut z = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::best());
    let row = vec![0u8; 1 + w.div_ceil(8) as usize];
    (0..h).for_each(|_| z.write_all(&row).unwrap());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let head = [&w.to_be_bytes()[..], &h.to_be_bytes(), &[1, 0, 0, 0, 0]].concat();
    chunk(&mut out, b"IHDR", &head);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", b"");
    out
}

/// Renders a document showing `image`, with `files` beside it; the exit code and standard error.
fn showing(image: &str, files: &[(&str, Vec<u8>)]) -> (Option<i32>, String) {
    let dir = folder(&[("doc.md", &format!("{FRONT}\nNội dung.\n\n![Hình]({image})\n"))]);
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let start = Instant::now();
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert!(start.elapsed() < Duration::from_secs(20), "bounded: {:?}", start.elapsed());
    assert_eq!(out.status.code() == Some(0), dir.path().join("doc.pdf").exists(), "{}", stderr(&out));
    (out.status.code(), stderr(&out))
}

#[test]
fn an_image_that_decodes_past_its_bound_is_refused_before_it_is_decoded() {
    // 100 million pixels in a 12 KB file: decoded whole before (16 bits a channel at 20,000²
    // asked for 4.7 GB and panicked in the decoder).
    let big = png(10_000, 10_000);
    assert!(big.len() < 100_000, "{}", big.len());
    let (code, err) = showing("to.png", &[("to.png", big.clone())]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("lỗi[input::image_too_large]: ảnh `to.png` nặng quá để in: ảnh 10000 × 10000 điểm ảnh, quá giới hạn 50 triệu điểm ảnh")
            && err.contains("--> doc.md:21:1"),
        "{err}"
    );
    // The same raster linked from an SVG, or embedded in one inside it.
    let link = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><image xlink:href="to.png" width="100" height="100"/></svg>"#;
    let (code, err) = showing("h.svg", &[("h.svg", link.into()), ("to.png", big)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("ảnh `h.svg` nặng quá để in: ảnh 10000 × 10000 điểm ảnh"), "{err}");
    // A photograph's size passes.
    let (code, err) = showing("anh.png", &[("anh.png", png(3_000, 2_000))]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn an_svg_whose_filters_cover_many_times_its_area_is_refused() {
    let svg = |region: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><filter id="f" {region}><feGaussianBlur stdDeviation="8"/></filter><rect width="600" height="600" fill="red" filter="url(#f)"/></svg>"#
        )
    };
    // A blur over twenty times the picture each way: 67 s before.
    let (code, err) = showing("m.svg", &[("m.svg", svg(r#"x="-10" y="-10" width="20" height="20""#).into())]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("ảnh `m.svg` nặng quá để in: bộ lọc (filter) của SVG phủ 400 lần diện tích hình, quá giới hạn 2 lần"),
        "{err}"
    );
    assert!(err.contains("bỏ bộ lọc (đổ bóng, làm mờ)"), "{err}");
    // A shadow over its own region (the default, 1.2 times each way) renders.
    let (code, err) = showing("m.svg", &[("m.svg", svg("").into())]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn thousands_of_footnote_marks_import_in_linear_time() {
    // Each footnote's mark was looked for over the whole text: 538 KB with many marks took
    // 176 s, a DOCX with 3,000 references to a missing note 67 s.
    let paras: Vec<String> = (1..=3_000)
        .map(|i| format!("Nội dung đoạn thứ {i} về công tác xây dựng Đảng [{i}]. Tiếp tục."))
        .collect();
    let notes: Vec<String> = (1..=3_000).map(|i| format!("[{i}] Ghi chú số {i} của văn bản.")).collect();
    let text = format!(
        "TỈNH ỦY X\nSố 12-BC/TU\n\nBÁO CÁO\nvề việc X\n\n{}\n\n{}\n",
        paras.join("\n\n"),
        notes.join("\n\n")
    );
    let dir = folder(&[("cu.txt", &text)]);
    let start = Instant::now();
    let out = vanban(dir.path(), &["import", "cu.txt"]);
    assert!(start.elapsed() < Duration::from_secs(20), "bounded: {:?}", start.elapsed());
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("cu.md")).unwrap();
    assert!(md.contains("Đảng [^3000]. Tiếp tục.") && md.contains("[^3000]: Ghi chú số 3000"), "every mark");
    let refs: String = (0..3_000)
        .map(|i| {
            format!(
                r#"<w:p><w:r><w:t>Đoạn {i}.</w:t></w:r><w:r><w:footnoteReference w:id="9999"/></w:r></w:p>"#
            )
        })
        .collect();
    let head = "<w:p><w:r><w:t>TỈNH ỦY X</w:t></w:r></w:p><w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>";
    let (code, err, md) =
        import(&zip_of(&[("word/document.xml", &document_xml("", &format!("{head}{refs}")))]));
    assert_eq!(code, Some(0), "{err}");
    assert!(md.unwrap().contains("Đoạn 2999."), "every paragraph");
}
