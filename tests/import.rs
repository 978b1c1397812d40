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
    let src = vanban::input::source::read(&dir.path().join("doc.txt")).unwrap();
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
    // A copy of ../shared/reference/bao-cao-thang-4-2026.txt, so the test runs in any clone.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bao-cao-thang-4-2026.txt");
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
    assert_eq!(
        (d.dia_danh.as_str(), d.ngay.day(), u8::from(d.ngay.month()), d.ngay.year()),
        ("Điện Biên", 3, 2, 2026)
    );
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
    // A running header at the top of pages (after a form feed), with the page's number, is
    // dropped; the same words repeated elsewhere are text and stay.
    let headed = STATE_DECISION
        .replace("Điều 1.", "\u{c}Quyết định số 112/QĐ-SNV, trang 2\n\nĐiều 1.")
        .replace("Điều 2.", "\u{c}Quyết định số 112/QĐ-SNV, trang 3\n\nĐiều 2.");
    let (md, report) = import(&headed);
    assert!(!md.contains("Quyết định số 112/QĐ-SNV"), "{md}");
    let dropped: Vec<Option<usize>> =
        report.iter().filter(|(m, _)| m.contains("dòng đầu trang")).map(|(_, l)| *l).collect();
    assert_eq!(dropped, [Some(18), Some(22)]);
    let repeated = STATE_DECISION
        .replace("Điều 2.", "Quyết định số 112/QĐ-SNV\n\nĐiều 2.")
        .replace("Điều 1.", "Quyết định số 112/QĐ-SNV\n\nĐiều 1.");
    let (md, _) = import(&repeated);
    assert_eq!(md.matches("\nQuyết định số 112/QĐ-SNV\n").count(), 2, "{md}");
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
    std::fs::write(dir.path().join("b/bon.docx"), report_docx()).unwrap();
    std::fs::write(dir.path().join("nam.txt"), latin1(TCVN3_LETTER)).unwrap();
    // A link back to the folder and a FIFO are passed over (the walk followed links: forever).
    std::os::unix::fs::symlink(".", dir.path().join("a/self")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.path().join("sau.txt")).status().unwrap().success());
    let out = vanban(dir.path(), &["import", ".", "-o", "ra"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cảnh báo[import::skipped]: bỏ qua ./a/self: liên kết tới một thư mục"), "{err}");
    assert!(err.contains("bỏ qua ./sau.txt: không phải tệp thường"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path().join("ra/a")).unwrap().count(), 1, "mot.md alone");
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
    for md in ["ra/a/mot.md", "ra/b/hai.md", "ra/ba.md", "ra/b/bon.md", "ra/nam.md"] {
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

/// A Party report typed in TCVN3 (ABC) with .VnTimeH capitals, as the file's bytes: each
/// character below is the Latin-1 character of its TCVN3 byte.
const TCVN3_LETTER: &str = "§¶NG Bé TØNH §IÖN BI£N          §¶NG CéNG S¶N VIÖT NAM
§¶NG ñY PH\u{A6}êNG M\u{A6}êNG THANH
*
Sè 12-BC/§U          §iÖn Biªn, ngµy 05 th¸ng 6 n¨m 2026

B¸O C¸O
kÕt qu¶ c«ng t¸c th¸ng 5

I. KÕT QU¶

Chi bé ®· hoµn thµnh nhiÖm vô.

N¬i nhËn:                  T/M BAN TH\u{A6}êNG Vô
- Ban Th\u{AD}êng vô TØnh ñy,       BÝ TH\u{A6}
- L\u{AD}u V¨n phßng §¶ng ñy.

                             Lß V¨n Minh
";

/// Writes `text` as single bytes (every character is below U+0100).
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

/// Imports a file of the given bytes with the command; the document and stderr.
fn import_bytes(name: &str, bytes: &[u8], args: &[&str]) -> (Document, String) {
    let dir = folder(&[]);
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let mut all = vec!["import", name, "-o", "doc.md"];
    all.extend_from_slice(args);
    let out = vanban(dir.path(), &all);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let md = std::fs::read_to_string(dir.path().join("doc.md")).unwrap();
    (
        load(&fill(
            &md,
            &[("ten", "CHI BỘ"), ("viet_tat", "CB"), ("dia_danh", "Điện Biên"), ("ngay", "2026-06-05")],
        )),
        err,
    )
}

#[test]
fn a_tcvn3_text_with_vntimeh_capitals() {
    let (d, err) = import_bytes("cu.txt", &latin1(TCVN3_LETTER), &[]);
    assert!(err.contains("đã chuyển bảng mã TCVN3 (ABC) sang Unicode"), "{err}");
    assert_eq!(d.co_quan.cap_tren.as_deref(), Some("ĐẢNG BỘ TỈNH ĐIỆN BIÊN"));
    assert_eq!(d.co_quan.ten, "ĐẢNG ỦY PHƯỜNG MƯỜNG THANH");
    assert_eq!((d.dia_danh.as_str(), d.so), ("Điện Biên", Some(12)));
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("bao-cao", "kết quả công tác tháng 5"));
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("T/M BAN THƯỜNG VỤ"), Some("BÍ THƯ"), "Lò Văn Minh")
    );
    assert_eq!(d.noi_nhan, ["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy"]);
    let md = format!("{:?}", d.body);
    assert!(md.contains("KẾT QUẢ") && md.contains("Chi bộ đã hoàn thành nhiệm vụ."), "{md}");
}

#[test]
fn a_vni_text_detected_or_forced() {
    let vni = "BAÙO CAÙO\nkeát quaû coâng taùc thaùng 5\n\nChi boä ñaõ hoaøn thaønh nhieäm vuï.\n\nNôi nhaän:\n- Löu Vaên phoøng.\n\nBÍ THÖ\n\nLoø Vaên Minh\n";
    let (d, err) = import_bytes("vni.txt", &latin1(vni), &[]);
    assert!(err.contains("VNI-Windows"), "{err}");
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("bao-cao", "kết quả công tác tháng 5"));
    assert_eq!((d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()), (Some("BÍ THƯ"), "Lò Văn Minh"));
    assert_eq!(d.noi_nhan, ["Lưu Văn phòng"]);
    // Forced as Unicode, nothing is converted: the title is not found.
    let dir = folder(&[]);
    std::fs::write(dir.path().join("vni.txt"), latin1(vni)).unwrap();
    let out = vanban(dir.path(), &["import", "vni.txt", "--encoding", "unicode"]);
    assert!(common::stderr(&out).contains("không tìm thấy tên loại văn bản"));
}

/// A .docx with the given body XML (WordprocessingML) and footnotes, stored uncompressed.
fn docx(body: &str, footnotes: &str) -> Vec<u8> {
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    common::zip_of(&[
        ("word/document.xml", format!("<w:document {ns}><w:body>{body}</w:body></w:document>").as_bytes()),
        ("word/footnotes.xml", format!("<w:footnotes {ns}>{footnotes}</w:footnotes>").as_bytes()),
    ])
}

/// A paragraph of runs `(text, bold, italic, font)`.
fn p(runs: &[(&str, bool, bool, &str)]) -> String {
    let runs: String = runs
        .iter()
        .map(|(t, b, i, font)| {
            let font =
                if font.is_empty() { String::new() } else { format!(r#"<w:rFonts w:ascii="{font}"/>"#) };
            let b = if *b { "<w:b/>" } else { "" };
            let i = if *i { "<w:i/>" } else { "" };
            format!(r#"<w:r><w:rPr>{font}{b}{i}</w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#)
        })
        .collect();
    format!("<w:p>{runs}</w:p>")
}

/// A plain paragraph.
fn pt(text: &str) -> String {
    p(&[(text, false, false, "")])
}

/// A table of rows of cells, each cell a list of paragraphs.
fn table(rows: &[&[&[&str]]]) -> String {
    let rows: String = rows
        .iter()
        .map(|r| {
            let cells: String = r
                .iter()
                .map(|c| format!("<w:tc>{}</w:tc>", c.iter().map(|t| pt(t)).collect::<String>()))
                .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

/// A Party report as a DOCX: header and closing tables, bold and italic runs, a footnote, a
/// data table and an image.
fn report_docx() -> Vec<u8> {
    let body = [
        table(&[&[
            &["ĐẢNG BỘ TỈNH ĐIỆN BIÊN", "ĐẢNG ỦY PHƯỜNG MƯỜNG THANH", "*", "Số 12-BC/ĐU"],
            &["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Điện Biên, ngày 05 tháng 6 năm 2026"],
        ]]),
        p(&[("BÁO CÁO", true, false, "")]),
        p(&[("kết quả công tác tháng 5", true, false, "")]),
        p(&[("I. KẾT QUẢ", true, false, "")]),
        p(&[
            ("Chi bộ đã ", false, false, ""),
            ("hoàn thành", true, false, ""),
            (" các nhiệm vụ ", false, false, ""),
            ("trọng tâm", false, true, ""),
            (".", false, false, ""),
        ])
        .replace("</w:p>", r#"<w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#),
        table(&[&[&["Chỉ tiêu"], &["Kết quả"]], &[&["Đảng viên mới"], &["3"]]]),
        "<w:p><w:r><w:drawing/></w:r></w:p>".to_owned(),
        table(&[&[
            &["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Lưu Văn phòng Đảng ủy."],
            &["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Lò Văn Minh"],
        ]]),
    ]
    .concat();
    let notes = format!(r#"<w:footnote w:id="2">{}</w:footnote>"#, pt("Theo Kế hoạch số 05-KH/ĐU."));
    docx(&body, &notes)
}

#[test]
fn a_docx_with_header_and_closing_tables_footnotes_and_a_table() {
    let (d, err) = import_bytes("bc.docx", &report_docx(), &[]);
    assert_eq!(d.co_quan.cap_tren.as_deref(), Some("ĐẢNG BỘ TỈNH ĐIỆN BIÊN"));
    assert_eq!(
        (d.co_quan.ten.as_str(), d.co_quan.viet_tat.as_str(), d.so),
        ("ĐẢNG ỦY PHƯỜNG MƯỜNG THANH", "ĐU", Some(12))
    );
    assert_eq!((d.dia_danh.as_str(), d.ngay.day(), u8::from(d.ngay.month())), ("Điện Biên", 5, 6));
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("bao-cao", "kết quả công tác tháng 5"));
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("T/M BAN THƯỜNG VỤ"), Some("BÍ THƯ"), "Lò Văn Minh")
    );
    assert_eq!(d.noi_nhan, ["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy"]);
    let dir = folder(&[]);
    std::fs::write(dir.path().join("bc.docx"), report_docx()).unwrap();
    vanban(dir.path(), &["import", "bc.docx"]);
    let md = std::fs::read_to_string(dir.path().join("bc.md")).unwrap();
    assert!(md.contains("\n# I. KẾT QUẢ\n"), "{md}");
    assert!(
        md.contains("Chi bộ đã **hoàn thành** các nhiệm vụ *trọng tâm*.[^1]"),
        "bold, italic and the marker: {md}"
    );
    assert!(md.contains("[^1]: Theo Kế hoạch số 05-KH/ĐU."), "{md}");
    assert!(
        md.contains("| Chỉ tiêu | Kết quả |\n|---|---|\n| Đảng viên mới | 3 |"),
        "a Markdown table: {md}"
    );
    assert!(
        err.contains("hình ảnh ở đoạn") && err.contains("chưa được nhập"),
        "the image is reported: {err}"
    );
}

#[test]
fn a_docx_in_legacy_fonts() {
    let body = [
        p(&[("b¸o c¸o", true, false, ".VnTimeH")]),
        p(&[("kÕt qu¶ c«ng t¸c th¸ng 5", true, false, ".VnTime")]),
        p(&[
            ("Chi bé ®· hoµn thµnh nhiÖm vô ", false, false, ".VnTime"),
            ("cuûa Vieät Nam.", false, false, "VNI-Times"),
        ]),
        pt("Nơi nhận:"),
        pt("- Lưu Văn phòng."),
        pt("BÍ THƯ"),
        pt("Lò Văn Minh"),
    ]
    .concat();
    let (d, err) = import_bytes("cu.docx", &docx(&body, ""), &[]);
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("bao-cao", "kết quả công tác tháng 5"));
    let text = format!("{:?}", d.body);
    assert!(text.contains("Chi bộ đã hoàn thành nhiệm vụ của Việt Nam."), "{text}");
    assert!(err.contains("phông `.VnTimeH`") && err.contains("phông `VNI-Times`"), "{err}");
}

#[test]
fn a_character_that_cannot_be_converted_is_reported_at_its_line() {
    let text = TCVN3_LETTER.replace("Chi bé ®· hoµn thµnh nhiÖm vô.", "NhiÖt ®é 30°C.");
    let (_, err) = import_bytes("cu.txt", &latin1(&text), &[]);
    assert!(
        err.contains("ký tự `°` không chuyển được từ TCVN3 (ABC)") && err.contains("--> cu.txt:11:12"),
        "{err}"
    );
}

#[test]
fn a_state_letter_with_v_v() {
    let letter = "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                          Độc lập - Tự do - Hạnh phúc
Số: 45/SNV-VP                      Điện Biên, ngày 10 tháng 7 năm 2026
V/v tổng hợp số liệu cải cách hành chính

Kính gửi: Các phòng, đơn vị thuộc Sở.

Đề nghị các đơn vị gửi số liệu trước ngày 20/7/2026.

Nơi nhận:                          KT. GIÁM ĐỐC
- Như trên;                        PHÓ GIÁM ĐỐC
- Lưu: VT, VP.

                                   Trần Văn Bình
";
    let (md, _) = import(letter);
    let d = load(&md);
    assert_eq!((d.loai.as_str(), d.the_thuc.as_deref()), ("cong-van", Some("nha-nuoc")));
    assert_eq!((d.co_quan.viet_tat.as_str(), d.so), ("SNV-VP", Some(45)));
    assert_eq!(d.trich_yeu, "tổng hợp số liệu cải cách hành chính");
    assert_eq!(d.kinh_gui, ["Các phòng, đơn vị thuộc Sở"]);
    assert_eq!(d.noi_nhan, ["Như trên", "Lưu: VT, VP"]);
    let dir = folder(&[("cv.md", &md)]);
    assert!(vanban(dir.path(), &["render", "cv.md"]).status.success());
}

#[test]
fn a_docx_that_inflates_beyond_the_limit_is_refused() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..65 {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "small on disk: {}", bytes.len());
    let dir = folder(&[]);
    std::fs::write(dir.path().join("bom.docx"), bytes).unwrap();
    let out = vanban(dir.path(), &["import", "bom.docx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("word/document.xml lớn hơn 64 MiB khi giải nén"),
        "{}",
        common::stderr(&out)
    );
    assert!(!dir.path().join("bom.md").exists());
}
