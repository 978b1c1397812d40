//! The command line: rendering to a file, a chosen path and stdout; every kind of bad input
//! gives its Vietnamese message with file:line:column, exit code 1, and leaves an existing PDF
//! untouched.

mod common;

use common::{FRONT, folder, printed, stderr, vanban};

const BODY: &str = "\n# I. KẾT QUẢ\n\nNội dung báo cáo.\n";
const OLD_PDF: &[u8] = b"%PDF-old, must survive";

/// Renders `doc.md` with an existing `doc.pdf`; asserts failure, the untouched PDF, and that
/// an error of `code` points exactly at `at` (`file:line:column`) and holds every expected piece.
/// Returns stderr.
fn fails(doc: &str, code: &str, at: &str, expected: &[&str]) -> String {
    let dir = folder(&[("doc.md", doc)]);
    std::fs::write(dir.path().join("doc.pdf"), OLD_PDF).unwrap();
    let out = vanban(dir.path(), &["render", "doc.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    let found = printed(&err);
    let Some(d) = found.iter().find(|d| d.level == "lỗi" && d.code == code && d.at.as_deref() == Some(at))
    else {
        panic!("no error {code} at {at}:\n{err}");
    };
    for piece in expected {
        assert!(d.text.contains(piece), "{code} at {at} lacks `{piece}`:\n{err}");
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
    fails(
        &format!("{doc}{BODY}"),
        "input::syntax",
        "doc.md:8:5",
        &["YAML không hợp lệ", "8 | ngay: 2026-04-29"],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let doc = FRONT.replace("trich_yeu:", "trich_yue:");
    fails(
        &format!("{doc}{BODY}"),
        "input::unknown_key",
        "doc.md:9:1",
        &["khóa không hợp lệ `trich_yue`", "có phải ý bạn là `trich_yeu`?"],
    );
}

#[test]
fn missing_required_key() {
    let doc = FRONT.replace("dia_danh: Hải Phòng\n", "");
    fails(
        &format!("{doc}{BODY}"),
        "input::missing_key",
        "doc.md:2:1",
        &["thiếu khóa bắt buộc `dia_danh`", "thêm dòng `dia_danh: Hải Phòng`"],
    );
}

#[test]
fn missing_nested_key_points_at_its_table() {
    let doc = FRONT.replace("  ho_ten: Phạm Quang Sáng\n", "");
    fails(&format!("{doc}{BODY}"), "input::missing_key", "doc.md:11:3", &["thiếu khóa bắt buộc `ky.ho_ten`"]);
}

#[test]
fn wrong_type() {
    let doc = FRONT.replace("dia_danh: Hải Phòng", "dia_danh: [1, 2]");
    fails(
        &format!("{doc}{BODY}"),
        "input::wrong_type",
        "doc.md:7:11",
        &["`dia_danh` phải là một chuỗi chữ không rỗng, ở đây là danh sách"],
    );
}

#[test]
fn impossible_date() {
    let doc = FRONT.replace("ngay: 2026-04-29", "ngay: 2026-02-30");
    fails(
        &format!("{doc}{BODY}"),
        "input::impossible_date",
        "doc.md:8:7",
        &["ngày `2026-02-30` không có trong lịch", "8 | ngay: 2026-02-30", "^^^^^^^^^^"],
    );
}

#[test]
fn a_date_without_its_day() {
    // As import writes a draft's date whose day was left blank.
    let doc = FRONT.replace("ngay: 2026-04-29", "ngay: 4/2026  # bản gốc để trống ngày");
    fails(
        &format!("{doc}{BODY}"),
        "input::wrong_type",
        "doc.md:8:7",
        &[
            "lỗi[input::wrong_type]: `ngay` chưa có ngày: `4/2026` chỉ có tháng và năm",
            "^^^^^^",
            "ghi đủ ngày, ví dụ `ngay: 10/4/2026`",
        ],
    );
}

#[test]
fn empty_body() {
    fails(&format!("{FRONT}\n\n"), "input::empty_body", "doc.md:18:1", &["nội dung văn bản trống"]);
}

#[test]
fn footnote_without_definition() {
    fails(
        &format!("{FRONT}\nCó chú thích[^9] ở đây.\n"),
        "input::footnote_undefined",
        "doc.md:19:13",
        &["chú thích `[^9]` chưa có nội dung", "`[^9]: nội dung chú thích`"],
    );
}

#[test]
fn footnote_never_referenced() {
    fails(
        &format!("{FRONT}\nVăn bản.\n\n[^a]: Không ai dẫn.\n"),
        "input::footnote_unused",
        "doc.md:21:1",
        &["chú thích `[^a]` có nội dung nhưng không được dẫn ở đâu"],
    );
}

#[test]
fn several_errors_reported_together() {
    let doc = FRONT.replace("loai: bao-cao", "loai: [x]").replace("ngay: 2026-04-29", "ngay: 31/4/2026");
    let err = fails(
        &format!("{doc}{BODY}"),
        "input::impossible_date",
        "doc.md:8:7",
        &["`31/4/2026` không có trong lịch"],
    );
    let found: Vec<_> = printed(&err).into_iter().map(|d| (d.code, d.at.unwrap_or_default())).collect();
    assert_eq!(
        found,
        [
            ("input::wrong_type".into(), "doc.md:2:7".into()),
            ("input::impossible_date".into(), "doc.md:8:7".into())
        ]
    );
}

#[test]
fn missing_front_matter() {
    fails(
        "# Chỉ có nội dung\n",
        "input::front_matter_missing",
        "doc.md:1:1",
        &["thiếu phần khai báo ở đầu tệp"],
    );
}

#[test]
fn unknown_type_lists_known_ones() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao-tuan");
    fails(
        &format!("{doc}{BODY}"),
        "rules::unknown_type",
        "doc.md:2:7",
        &["chưa có thể loại `bao-cao-tuan`", "các thể loại hiện có: bao-cao"],
    );
}

#[test]
fn unknown_number_form_lists_the_rulesets_forms() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nmau_so: quy-pham");
    fails(
        &format!("{doc}{BODY}"),
        "rules::unknown_number_form",
        "doc.md:3:9",
        &["bộ quy tắc hd36-2018 không có mẫu số `quy-pham`", "chỉ có mẫu số chung: bỏ khóa"],
    );
    let doc = doc.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: nha-nuoc").replace("quy-pham", "co-nam");
    fails(
        &format!("{doc}{BODY}"),
        "rules::unknown_number_form",
        "doc.md:4:9",
        &["không có mẫu số `co-nam`", "các mẫu số riêng: quy-pham"],
    );
}

#[test]
fn unknown_ruleset_and_kind() {
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nquy_tac: hd99");
    fails(
        &format!("{doc}{BODY}"),
        "rules::unknown_ruleset",
        "doc.md:3:10",
        &["không có bộ quy tắc `hd99`", "hd05-2026, hd36-2018"],
    );
    let doc = FRONT.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: quan-doi");
    fails(&format!("{doc}{BODY}"), "rules::unknown_kind", "doc.md:3:11", &["không có thể thức `quan-doi`"]);
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

#[test]
fn help_is_in_vietnamese() {
    let dir = folder(&[]);
    for args in [&["--help"][..], &["render", "--help"], &["help", "check"]] {
        let out = vanban(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let help = String::from_utf8(out.stdout).unwrap();
        for word in ["Cách dùng:", "Tùy chọn:", "Hiện trợ giúp", "[TÙY_CHỌN]"] {
            assert!(help.contains(word), "{args:?} lacks `{word}`:\n{help}");
        }
        for word in ["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "[OPTIONS]", "[default:"]
        {
            assert!(!help.contains(word), "{args:?} has English `{word}`:\n{help}");
        }
    }
    let top = String::from_utf8(vanban(dir.path(), &["--help"]).stdout).unwrap();
    assert!(
        top.contains("Lệnh:") && top.contains("Hiện phiên bản") && top.contains("[mặc định: auto]"),
        "{top}"
    );
    let render = String::from_utf8(vanban(dir.path(), &["render", "--help"]).stdout).unwrap();
    assert!(render.contains("Đối số:") && render.contains("<VĂN_BẢN>..."), "{render}");
}

#[test]
fn a_command_line_clap_refuses_is_explained_in_vietnamese() {
    let dir = folder(&[]);
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["render", "a.md", "--formt", "pdf"],
            "không có tùy chọn `--formt`",
            "có phải định viết `--format`?",
        ),
        (&["rendr"], "không có lệnh `rendr`", "có phải định viết `render`?"),
        (
            &["render", "a.md", "--format", "doc"],
            "`--format <DẠNG>` không nhận giá trị `doc`",
            "pdf, png, svg",
        ),
        (&["render", "a.md", "--jobs", "hai"], "`hai` không phải là một số hợp lệ", "vanban --help"),
        (&["render"], "thiếu <VĂN_BẢN>...", "vanban --help"),
        (
            &["render", "a.md", "--ngay", "2026-02-30", "--so", "1", "--issue"],
            "ngày `2026-02-30` không có thật",
            "",
        ),
    ];
    for (args, message, hint) in cases {
        let out = vanban(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("lỗi[cli::usage]: "), "{args:?}: {err}");
        assert!(err.contains(message) && err.contains(hint), "{args:?} lacks `{message}`, `{hint}`:\n{err}");
        assert!(!err.contains("error:") && !err.contains("Usage:"), "{args:?} has English:\n{err}");
    }
}
