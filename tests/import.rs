//! `vanban import`: the seed text gives the example's body paragraph by paragraph and footnote
//! by footnote; headers, công văn, quyết định and the signature forms are recognised; every
//! import checks and renders once the parts reported missing are filled in.

mod common;

use std::path::Path;

use common::{folder, vanban};
use vanban::model::document::Document;

/// Imports `text` as `doc.txt` in a fresh folder: the Markdown and the report's codes+lines.
fn import(text: &str) -> (String, Vec<(String, Option<usize>)>) {
    let dir = folder(&[("doc.txt", text)]);
    let src = vanban::input::source::SourceFile::read(&dir.path().join("doc.txt")).unwrap();
    let out = vanban::import::import_text(&src);
    let report = out
        .report
        .iter()
        .map(|d| (format!("{}: {}", d.code, d.message), d.location.as_ref().map(|l| l.line)))
        .collect();
    (out.markdown, report)
}

/// Loads a Markdown document.
fn load(md: &str) -> Document {
    let dir = folder(&[("doc.md", md)]);
    vanban::input::load(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}\n{md}")).document
}

/// The imported document with the values the text lacked filled in.
fn fill(md: &str, values: &[(&str, &str)]) -> String {
    let mut md = md.to_owned();
    for (key, value) in values {
        md = md.replace(
            &format!("{key}:  # không tìm thấy trong bản gốc: điền vào"),
            &format!("{key}: {value}"),
        );
    }
    md
}

#[test]
fn the_seed_text_gives_the_example_report() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/bao-cao-thang-4-2026.txt");
    let (md, report) = import(&std::fs::read_to_string(seed).unwrap());
    let example = load(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bao-cao-thang-4-2026.md"),
        )
        .unwrap(),
    );
    let got = load(&fill(
        &md,
        &[
            ("ten", "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ"),
            ("viet_tat", "ĐU"),
            ("dia_danh", "Hải Phòng"),
            ("ngay", "2026-04-29"),
        ],
    ));
    assert_eq!(got.body.len(), example.body.len(), "as many blocks");
    for (i, (a, b)) in got.body.iter().zip(&example.body).enumerate() {
        assert_eq!(a, b, "block {i}");
    }
    assert_eq!(
        (&got.loai, &got.trich_yeu, &got.ky, &got.noi_nhan),
        (&example.loai, &example.trich_yeu, &example.ky, &example.noi_nhan)
    );
    // The header block was lost: reported, each part by name.
    for missing in ["tên cơ quan ban hành", "mã cơ quan (ký hiệu)", "số văn bản", "địa danh", "ngày ký"]
    {
        assert!(
            report.contains(&(format!("import::not_found: không tìm thấy {missing}"), None)),
            "{missing}: {report:?}"
        );
    }
    // The five paragraphs split by page breaks, rejoined, each at its line.
    let joined: Vec<Option<usize>> =
        report.iter().filter(|(m, _)| m.contains("nối đoạn")).map(|(_, l)| *l).collect();
    assert_eq!(joined, [Some(35), Some(51), Some(65), Some(79), Some(93)]);
}

const PARTY_LETTER: &str = "ĐẢNG BỘ TỈNH ĐIỆN BIÊN          ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY PHƯỜNG MƯỜNG THANH
*
Số 07-CV/ĐU          Điện Biên, ngày 03 tháng 02 năm 2026
về việc chuẩn bị hội nghị sơ kết

Kính gửi:
- Các chi bộ trực thuộc;
- Văn phòng Đảng ủy.

Để chuẩn bị hội nghị sơ kết, Ban Thường vụ đề nghị các chi bộ gửi báo cáo trước ngày
10/02/2026.

Nơi nhận:                         T/M BAN THƯỜNG VỤ
- Như trên,                        PHÓ BÍ THƯ
- Lưu Văn phòng Đảng ủy.

                                   Lò Văn Minh
";

#[test]
fn a_party_letter_header_and_closing_side_by_side() {
    let (md, report) = import(PARTY_LETTER);
    let d = load(&md);
    assert_eq!(d.loai, "cong-van");
    assert_eq!(d.co_quan.cap_tren.as_deref(), Some("ĐẢNG BỘ TỈNH ĐIỆN BIÊN"));
    assert_eq!(
        (d.co_quan.ten.as_str(), d.co_quan.viet_tat.as_str(), d.so),
        ("ĐẢNG ỦY PHƯỜNG MƯỜNG THANH", "ĐU", Some(7))
    );
    assert_eq!((d.dia_danh.as_str(), d.ngay.day, d.ngay.month, d.ngay.year), ("Điện Biên", 3, 2, 2026));
    assert_eq!(d.trich_yeu, "chuẩn bị hội nghị sơ kết");
    assert_eq!(d.kinh_gui, ["Các chi bộ trực thuộc", "Văn phòng Đảng ủy"]);
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("T/M BAN THƯỜNG VỤ"), Some("PHÓ BÍ THƯ"), "Lò Văn Minh")
    );
    assert_eq!(d.noi_nhan, ["Như trên", "Lưu Văn phòng Đảng ủy"]);
    // A paragraph wrapped over two lines is one paragraph.
    assert_eq!(d.body.len(), 1);
    assert!(report.iter().all(|(m, _)| !m.starts_with("import::not_found")), "{report:?}");
}

const STATE_DECISION: &str = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                              Độc lập - Tự do - Hạnh phúc
Số: 112/QĐ-SNV                         Hải Phòng, ngày 14 tháng 8 năm 2026

QUYẾT ĐỊNH
Ban hành Quy chế công tác văn thư của Sở Nội vụ

GIÁM ĐỐC SỞ NỘI VỤ

Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;

Theo đề nghị của Chánh Văn phòng Sở.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

- 2 -

Nơi nhận:
- Như Điều 2;
- Lưu: VT, VP.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Nguyễn Thị Dung
";

#[test]
fn a_state_decision_with_grounds_and_articles() {
    let (md, report) = import(STATE_DECISION);
    let d = load(&md);
    assert_eq!((d.loai.as_str(), d.the_thuc.as_deref()), ("quyet-dinh", Some("nha-nuoc")));
    assert_eq!(
        (d.co_quan.cap_tren.as_deref(), d.co_quan.ten.as_str()),
        (Some("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"), "SỞ NỘI VỤ")
    );
    assert_eq!((d.co_quan.viet_tat.as_str(), d.so), ("SNV", Some(112)));
    assert_eq!(d.can_cu.len(), 3);
    assert!(d.can_cu[2].starts_with("Theo đề nghị"));
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("KT. GIÁM ĐỐC"), Some("PHÓ GIÁM ĐỐC"), "Nguyễn Thị Dung")
    );
    assert_eq!(d.noi_nhan, ["Như Điều 2", "Lưu: VT, VP"]);
    assert!(md.contains("\n**Điều 1.** Ban hành") && md.contains("\n**Điều 2.** Quyết định"), "{md}");
    // The authority line of the decision is not body text; the running page number is dropped.
    assert!(!md.contains("GIÁM ĐỐC SỞ NỘI VỤ\n\n**Điều"), "{md}");
    assert!(report.iter().any(|(m, l)| m.contains("bỏ số trang") && *l == Some(22)), "{report:?}");
}

#[test]
fn direct_signing_and_the_command_on_a_folder() {
    let direct = "BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 12-TB/TW          Hà Nội, ngày 27 tháng 5 năm 2026

THÔNG BÁO
kết luận của Ban Bí thư

Nội dung thông báo.

TỔNG BÍ THƯ

Nguyễn Văn An

Nơi nhận:
- Các tỉnh ủy, thành ủy,
- Lưu Văn phòng Trung ương Đảng.
";
    let dir = folder(&[("a/mot.txt", direct), ("b/hai.txt", STATE_DECISION), ("ba.txt", PARTY_LETTER)]);
    let out = vanban(dir.path(), &["import", ".", "-o", "ra"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("kết quả") && err.contains("đã nhập"), "a summary table: {err}");
    let d = load(&std::fs::read_to_string(dir.path().join("ra/a/mot.md")).unwrap());
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (None, Some("TỔNG BÍ THƯ"), "Nguyễn Văn An")
    );
    assert_eq!(d.loai, "thong-bao");
    assert_eq!(
        d.noi_nhan,
        ["Các tỉnh ủy, thành ủy", "Lưu Văn phòng Trung ương Đảng"],
        "Nơi nhận after the signature"
    );
    // Round trip: every import checks and renders.
    for md in ["ra/a/mot.md", "ra/b/hai.md", "ra/ba.md"] {
        let check = vanban(dir.path(), &["check", md]);
        assert_ne!(check.status.code(), Some(2), "{md}: {}", common::stderr(&check));
        let render = vanban(dir.path(), &["render", md]);
        assert!(render.status.success(), "{md}: {}", common::stderr(&render));
    }
    // Importing again does not write over the imports, nor ever over the source.
    let again = vanban(dir.path(), &["import", "ba.txt", "-o", "ra/ba.md"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("ba.txt")).unwrap(), PARTY_LETTER);
}
