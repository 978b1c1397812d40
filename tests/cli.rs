//! The command line: rendering to a file, a chosen path and stdout; every kind of bad input
//! gives its Vietnamese message with file:line:column, exit code 1, and leaves an existing PDF
//! untouched.

mod common;

use common::{FRONT, folder, stderr, vanban};

const BODY: &str = "\n# I. KẾT QUẢ\n\nNội dung báo cáo.\n";
const OLD_PDF: &[u8] = b"%PDF-old, must survive";

/// Renders `doc.md` with an existing `doc.pdf`; asserts failure, the untouched PDF, and that
/// stderr holds every expected piece. Returns stderr.
fn fails(doc: &str, expected: &[&str]) -> String {
    let dir = folder(&[("doc.md", doc)]);
    std::fs::write(dir.path().join("doc.pdf"), OLD_PDF).unwrap();
    let out = vanban(dir.path(), &["render", "doc.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    for piece in expected {
        assert!(err.contains(piece), "stderr lacks `{piece}`:\n{err}");
    }
    assert_eq!(std::fs::read(dir.path().join("doc.pdf")).unwrap(), OLD_PDF, "existing PDF untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
    assert!(err.lines().count() <= 25, "one screen:\n{err}");
    err
}

#[test]
fn renders_next_to_the_input_by_default() {
    let dir = folder(&[("doc.md", &format!("{FRONT}{BODY}"))]);
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(dir.path().join("doc.pdf")).unwrap().starts_with(b"%PDF-"));
    assert!(stderr(&out).is_empty(), "no warnings: {}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &str| std::fs::metadata(dir.path().join(p)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("doc.pdf"), 0o644, "a new PDF is readable by others, like any file");
        std::fs::set_permissions(dir.path().join("doc.pdf"), std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(vanban(dir.path(), &["render", "doc.md"]).status.success());
        assert_eq!(mode("doc.pdf"), 0o600, "a replaced PDF keeps its mode");
    }
}

#[test]
fn renders_to_a_chosen_path_and_to_stdout() {
    let dir = folder(&[("doc.md", &format!("{FRONT}{BODY}"))]);
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "out/report.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read(dir.path().join("out/report.pdf")).unwrap();
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "-"]);
    assert!(out.status.success());
    assert_eq!(out.stdout, file, "stdout carries the same PDF");
    assert!(!dir.path().join("doc.pdf").exists());
}

#[test]
fn unwritable_output_exits_2() {
    let dir = folder(&[("doc.md", &format!("{FRONT}{BODY}"))]);
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "missing/dir/x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("không ghi được missing/dir/x.pdf"), "{}", stderr(&out));
}

#[test]
fn unreadable_file() {
    let dir = folder(&[]);
    let out = vanban(dir.path(), &["render", "khong-co.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("không đọc được tệp khong-co.md: không tìm thấy tệp"), "{}", stderr(&out));
}

#[test]
fn broken_yaml() {
    let doc = FRONT.replace("dia_danh: Hải Phòng", "dia_danh: [Hải Phòng");
    fails(&format!("{doc}{BODY}"), &["lỗi[input::syntax]: YAML không hợp lệ", "--> doc.md:"]);
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let doc = FRONT.replace("trich_yeu:", "trich_yue:");
    fails(
        &format!("{doc}{BODY}"),
        &["khóa không hợp lệ `trich_yue`", "--> doc.md:9:1", "có phải ý bạn là `trich_yeu`?"],
    );
}

#[test]
fn missing_required_key() {
    let doc = FRONT.replace("dia_danh: Hải Phòng\n", "");
    fails(
        &format!("{doc}{BODY}"),
        &["thiếu khóa bắt buộc `dia_danh`", "--> doc.md:2:1", "thêm dòng `dia_danh: Hải Phòng`"],
    );
}

#[test]
fn missing_nested_key_points_at_its_table() {
    let doc = FRONT.replace("  ho_ten: Phạm Quang Sáng\n", "");
    fails(&format!("{doc}{BODY}"), &["thiếu khóa bắt buộc `ky.ho_ten`", "--> doc.md:11:3"]);
}

#[test]
fn wrong_type() {
    let doc = FRONT.replace("dia_danh: Hải Phòng", "dia_danh: [1, 2]");
    fails(
        &format!("{doc}{BODY}"),
        &["`dia_danh` phải là một chuỗi chữ không rỗng, ở đây là danh sách", "--> doc.md:7:11"],
    );
}

#[test]
fn impossible_date() {
    let doc = FRONT.replace("ngay: 2026-04-29", "ngay: 2026-02-30");
    fails(
        &format!("{doc}{BODY}"),
        &["ngày `2026-02-30` không có trong lịch", "--> doc.md:8:7", "8 | ngay: 2026-02-30", "^^^^^^^^^^"],
    );
}

#[test]
fn a_date_without_its_day() {
    // As import writes a draft's date whose day was left blank.
    let doc = FRONT.replace("ngay: 2026-04-29", "ngay: 4/2026  # bản gốc để trống ngày");
    fails(
        &format!("{doc}{BODY}"),
        &[
            "lỗi[input::wrong_type]: `ngay` chưa có ngày: `4/2026` chỉ có tháng và năm",
            "--> doc.md:8:7",
            "^^^^^^",
            "ghi đủ ngày, ví dụ `ngay: 10/4/2026`",
        ],
    );
}

#[test]
fn empty_body() {
    fails(&format!("{FRONT}\n\n"), &["nội dung văn bản trống", "--> doc.md:18:1"]);
}

#[test]
fn footnote_without_definition() {
    fails(
        &format!("{FRONT}\nCó chú thích[^9] ở đây.\n"),
        &["chú thích `[^9]` chưa có nội dung", "--> doc.md:19:13", "`[^9]: nội dung chú thích`"],
    );
}

#[test]
fn footnote_never_referenced() {
    fails(
        &format!("{FRONT}\nVăn bản.\n\n[^a]: Không ai dẫn.\n"),
        &["chú thích `[^a]` có nội dung nhưng không được dẫn ở đâu", "--> doc.md:21:1"],
    );
}

#[test]
fn several_errors_reported_together() {
    let doc = FRONT.replace("loai: bao-cao", "loai: [x]").replace("ngay: 2026-04-29", "ngay: 31/4/2026");
    let err = fails(&format!("{doc}{BODY}"), &["`loai` phải là", "ngày `31/4/2026` không có trong lịch"]);
    assert_eq!(err.matches("lỗi[").count(), 2);
}

#[test]
fn missing_front_matter() {
    fails("# Chỉ có nội dung\n", &["thiếu phần khai báo ở đầu tệp", "--> doc.md:1:1"]);
}

#[test]
fn unknown_type_lists_known_ones() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao-tuan");
    fails(
        &format!("{doc}{BODY}"),
        &["chưa có thể loại `bao-cao-tuan`", "--> doc.md:2:7", "các thể loại hiện có: bao-cao"],
    );
}

#[test]
fn unknown_number_form_lists_the_rulesets_forms() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nmau_so: quy-pham");
    fails(
        &format!("{doc}{BODY}"),
        &[
            "bộ quy tắc hd36-2018 không có mẫu số `quy-pham`",
            "--> doc.md:3:9",
            "chỉ có mẫu số chung: bỏ khóa",
        ],
    );
    let doc = doc.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: nha-nuoc").replace("quy-pham", "co-nam");
    fails(
        &format!("{doc}{BODY}"),
        &["không có mẫu số `co-nam`", "--> doc.md:4:9", "các mẫu số riêng: quy-pham"],
    );
}

#[test]
fn unknown_ruleset_and_kind() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nquy_tac: hd99");
    fails(
        &format!("{doc}{BODY}"),
        &["không có bộ quy tắc `hd99`", "--> doc.md:3:10", "hd05-2026, hd36-2018"],
    );
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: quan-doi");
    fails(&format!("{doc}{BODY}"), &["không có thể thức `quan-doi`", "--> doc.md:3:11"]);
}

#[test]
fn standard_output_takes_one_document_and_the_resolution_its_range() {
    let dir = folder(&[("a.md", &format!("{FRONT}{BODY}")), ("b.md", &format!("{FRONT}{BODY}"))]);
    // A batch cannot go to standard output: refused, and no folder named `-` made.
    let out = vanban(dir.path(), &["render", "a.md", "b.md", "-o", "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("đầu ra chuẩn `-` chỉ nhận một PDF"), "{}", stderr(&out));
    assert!(!dir.path().join("-").exists());
    // Import to `-` prints the Markdown and writes no file named `-`.
    std::fs::write(
        dir.path().join("cu.txt"),
        "ĐẢNG BỘ TỈNH ĐIỆN BIÊN    ĐẢNG CỘNG SẢN VIỆT NAM\n\nNội dung.\n",
    )
    .unwrap();
    let out = vanban(dir.path(), &["import", "cu.txt", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("---\n"), "the Markdown on standard output");
    assert!(!dir.path().join("-").exists());
    // Below 1 pixel per inch is refused, as the message says.
    for ppi in ["0.5", "2401"] {
        let out = vanban(dir.path(), &["render", "a.md", "--format", "png", "--ppi", ppi]);
        assert_eq!(out.status.code(), Some(2), "{ppi}");
        assert!(stderr(&out).contains(&format!("độ phân giải `{ppi}` không hợp lệ")), "{}", stderr(&out));
    }
    // An A4 page at 2400 ppi is 557 million pixels (2.2 GB asked for at once): refused with
    // the resolution that fits, and neither the PDF nor any image is written.
    let out = vanban(dir.path(), &["render", "a.md", "--format", "pdf,png", "--ppi", "2400"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "lỗi[export::png_too_large]: ảnh trang 1 ở 2400 ppi là 19843 × 28063 điểm ảnh, quá giới hạn 100 triệu"
        ) && stderr(&out).contains("dùng `--ppi` đến 1017"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("a.pdf").exists() && !dir.path().join("a-1.png").exists());
}
