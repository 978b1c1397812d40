//! The office profile (`_vanban.yaml`): documents inherit its values, the nearer profile winning
//! key by key, and render exactly as with every value written out; `check` says where each
//! inherited value came from; a profile's errors point at its own lines.

mod common;

use common::{FRONT, folder, pdf_text, printed, stderr, vanban};

const BODY: &str = "\n# I. KẾT QUẢ\n\nNội dung báo cáo.\n";

/// The office root's profile: everything FRONT writes but the document's own values.
const OFFICE: &str = "goc: true
co_quan:
  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
  ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ
  viet_tat: ĐU
dia_danh: Hải Phòng
nguoi_ky:
  pho-bi-thu:
    tham_quyen: T/M BAN THƯỜNG VỤ
    chuc_vu: PHÓ BÍ THƯ
    ho_ten: Phạm Quang Sáng
noi_nhan:
  bao-cao:
    - Các đ/c Ủy viên BTV
    - Lưu Văn phòng Đảng ủy
";

/// A document that writes only what is its own.
const OWN: &str = "---
loai: bao-cao
ngay: 2026-04-29
trich_yeu: kết quả thực hiện nhiệm vụ tháng 4
ky: pho-bi-thu
---
";

#[test]
fn a_document_inheriting_the_profile_renders_as_one_with_every_value_written() {
    let dir = folder(&[
        ("day-du/doc.md", &format!("{FRONT}{BODY}")),
        ("van-phong/_vanban.yaml", OFFICE),
        ("van-phong/doc.md", &format!("{OWN}{BODY}")),
        (
            "van-phong/json/doc.json",
            &format!(
                r#"{{"loai": "bao-cao", "ngay": "2026-04-29", "trich_yeu": "kết quả thực hiện nhiệm vụ tháng 4",
               "ky": "pho-bi-thu", "noi_dung": {:?}}}"#,
                BODY.trim_start()
            ),
        ),
    ]);
    for doc in ["day-du/doc.md", "van-phong/doc.md", "van-phong/json/doc.json"] {
        let out = vanban(dir.path(), &["render", doc]);
        assert!(out.status.success(), "{doc}: {}", stderr(&out));
    }
    let pdf = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    let written = pdf("day-du/doc.pdf");
    assert!(pdf_text(&written).contains("Phạm Quang Sáng"));
    assert!(pdf("van-phong/doc.pdf") == written, "the Markdown document with a profile: the same bytes");
    assert!(pdf("van-phong/json/doc.pdf") == written, "the JSON document with a profile: the same bytes");
}

#[test]
fn the_nearer_profile_wins_key_by_key_and_check_says_where_each_value_came_from() {
    let unit = "co_quan:\n  ten: VĂN PHÒNG ĐẢNG ỦY\n  viet_tat: VPĐU\nnoi_nhan:\n  bao-cao:\n    - Thường trực Đảng ủy\n    - Lưu Văn phòng\n";
    let dir = folder(&[
        // Above the office root: never read, though it cannot even be parsed.
        ("_vanban.yaml", "co_quan: [unclosed\n"),
        ("ubnd/_vanban.yaml", OFFICE),
        ("ubnd/van-phong/_vanban.yaml", unit),
        ("ubnd/van-phong/doc.md", &format!("{}{BODY}", OWN.replace("ngay:", "dia_danh: Thủy Nguyên\nngay:"))),
    ]);
    let out = vanban(&dir.path().join("ubnd/van-phong"), &["check", "doc.md", "--no-audit"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}{text}", stderr(&out));
    let lines: Vec<&str> =
        text.lines().skip_while(|l| *l != "Giá trị lấy từ hồ sơ cơ quan:").skip(1).collect();
    assert_eq!(
        lines,
        [
            "  co_quan.cap_tren ← ../_vanban.yaml:3",
            "  co_quan.ten ← _vanban.yaml:2",
            "  co_quan.viet_tat ← _vanban.yaml:3",
            "  ky.chuc_vu ← ../_vanban.yaml:10",
            "  ky.ho_ten ← ../_vanban.yaml:11",
            "  ky.tham_quyen ← ../_vanban.yaml:9",
            "  noi_nhan[0] ← _vanban.yaml:6",
            "  noi_nhan[1] ← _vanban.yaml:7",
        ],
        "{text}"
    );
    let out = vanban(dir.path(), &["render", "ubnd/van-phong/doc.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = pdf_text(&std::fs::read(dir.path().join("ubnd/van-phong/doc.pdf")).unwrap());
    for shown in ["VĂN PHÒNG ĐẢNG ỦY", "Thủy Nguyên", "Thường trực Đảng ủy", "Phạm Quang Sáng"]
    {
        assert!(pdf.contains(shown), "{shown}:\n{pdf}");
    }
    assert!(!pdf.contains("Ủy viên BTV"), "a list replaces the one above it:\n{pdf}");
}

/// Renders `doc.md` under a profile and gives the one error it reports.
fn refused(profile: &str, doc: &str) -> common::Printed {
    let dir = folder(&[("_vanban.yaml", profile), ("so/doc.md", doc)]);
    let out = vanban(dir.path(), &["render", "so/doc.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("so/doc.pdf").exists());
    let mut found = printed(&stderr(&out));
    assert_eq!(found.len(), 1, "{}", stderr(&out));
    found.remove(0)
}

#[test]
fn an_error_in_a_profile_points_at_the_profiles_line() {
    let own = format!("{OWN}{BODY}");
    let e = refused(&OFFICE.replace("dia_danh:", "dia_danh_cu: x\ndia_danh:"), &own);
    assert_eq!((e.code.as_str(), e.at.as_deref()), ("input::profile_unknown_key", Some("_vanban.yaml:6:1")));
    assert!(e.text.contains("hồ sơ cơ quan không có khóa `dia_danh_cu`"), "{}", e.text);
    let e = refused(&OFFICE.replace("dia_danh: Hải Phòng", "dia_danh: [Hải Phòng]"), &own);
    assert_eq!((e.code.as_str(), e.at.as_deref()), ("input::wrong_type", Some("_vanban.yaml:6:11")));
    let e = refused(&OFFICE.replace("    ho_ten: Phạm Quang Sáng\n", ""), &own);
    assert_eq!((e.code.as_str(), e.at.as_deref()), ("input::missing_key", Some("_vanban.yaml:9:5")));
    let e = refused(OFFICE, &own.replace("ky: pho-bi-thu", "ky: bi-thu"));
    assert_eq!((e.code.as_str(), e.at.as_deref()), ("input::unknown_signer", Some("so/doc.md:5:5")));
    assert!(e.text.contains("các người ký trong hồ sơ: pho-bi-thu"), "{}", e.text);
}

#[test]
fn an_archived_document_gets_the_name_in_force_on_its_date() {
    let renamed = OFFICE.replace(
        "co_quan:\n  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG\n  ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ\n  viet_tat: ĐU\n",
        "co_quan:
  - ten: HUYỆN ỦY THỦY NGUYÊN
    viet_tat: HU
    cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
    den_ngay: 2025-06-30
  - ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ
    viet_tat: ĐU
    cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
    tu_ngay: 2025-07-01
",
    );
    let dir = folder(&[
        ("_vanban.yaml", &renamed),
        ("cu.md", &format!("{}{BODY}", OWN.replace("2026-04-29", "2025-03-12"))),
        ("moi.md", &format!("{OWN}{BODY}")),
    ]);
    for (doc, name, not) in
        [("cu", "HUYỆN ỦY THỦY NGUYÊN", "CÁC CƠ QUAN"), ("moi", "CÁC CƠ QUAN ĐẢNG", "THỦY NGUYÊN")]
    {
        let out = vanban(dir.path(), &["render", &format!("{doc}.md")]);
        assert!(out.status.success(), "{doc}: {}", stderr(&out));
        let text = pdf_text(&std::fs::read(dir.path().join(format!("{doc}.pdf"))).unwrap());
        assert!(text.contains(name) && !text.contains(not), "{doc}:\n{text}");
    }
    std::fs::write(
        dir.path().join("_vanban.yaml"),
        renamed.replace("    tu_ngay: 2025-07-01\n", "    tu_ngay: 2025-08-01\n"),
    )
    .unwrap();
    let out = vanban(dir.path(), &["render", "cu.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.path().join("gap.md"), format!("{}{BODY}", OWN.replace("2026-04-29", "2025-07-15")))
        .unwrap();
    let out = vanban(dir.path(), &["render", "gap.md"]);
    let found = printed(&stderr(&out));
    assert_eq!(found.len(), 1, "{}", stderr(&out));
    assert_eq!(
        (found[0].code.as_str(), found[0].at.as_deref()),
        ("input::profile_period", Some("_vanban.yaml:3:3"))
    );
    assert!(found[0].text.contains("không có `co_quan` dùng vào ngày 15/7/2025"), "{}", found[0].text);
}

#[test]
fn a_batch_renders_again_what_an_edited_profile_changes() {
    let dir = folder(&[("kho/_vanban.yaml", OFFICE), ("kho/a.md", &format!("{OWN}{BODY}"))]);
    let run = || vanban(dir.path(), &["render", "kho", "-o", "ra", "--changed-only"]);
    assert!(run().status.success());
    let first = std::fs::read(dir.path().join("ra/a.pdf")).unwrap();
    let again = run();
    assert!(stderr(&again).contains("bỏ qua 1"), "unchanged: skipped: {}", stderr(&again));
    std::fs::write(dir.path().join("kho/_vanban.yaml"), OFFICE.replace("Phạm Quang Sáng", "Trần Văn Hùng"))
        .unwrap();
    assert!(run().status.success());
    let second = std::fs::read(dir.path().join("ra/a.pdf")).unwrap();
    assert!(first != second && pdf_text(&second).contains("Trần Văn Hùng"));
}

#[test]
fn a_new_document_leaves_to_the_profile_what_it_gives_and_renders_as_it_is() {
    let dir = folder(&[("_vanban.yaml", OFFICE)]);
    let out = vanban(dir.path(), &["new", "bao-cao", "-o", "moi.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("moi.md")).unwrap();
    assert!(
        text.contains("\nky: pho-bi-thu\n") && text.contains("lấy từ hồ sơ cơ quan (_vanban.yaml)"),
        "{text}"
    );
    for written in ["\nco_quan:", "\ndia_danh:", "\nnoi_nhan:", "\nky:\n"] {
        assert!(!text.contains(written), "`{written}` is the profile's:\n{text}");
    }
    let out = vanban(dir.path(), &["render", "moi.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = pdf_text(&std::fs::read(dir.path().join("moi.pdf")).unwrap());
    assert!(pdf.contains("CÁC CƠ QUAN ĐẢNG") && pdf.contains("Phạm Quang Sáng"), "{pdf}");
}

#[test]
fn the_profiles_schema_describes_its_keys() {
    let out = vanban(std::path::Path::new("."), &["schema", "--ho-so"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["goc", "co_quan", "nguoi_ky", "noi_nhan", "nhiem_ky", "dia_danh"] {
        assert!(keys.contains(&key), "{keys:?}");
    }
    let signer = &schema["properties"]["nguoi_ky"]["additionalProperties"]["anyOf"][0];
    assert!(signer["properties"]["ho_ten"].is_object(), "{signer}");
}
