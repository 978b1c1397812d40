//! `vanban import`: the header and the closing of real documents, one test per failure shape
//! seen on archives (issue 14): a type name beyond the list, the number as printed, flattened
//! two-column headers, Word's header and closing tables, a misspelt motto, the closing's forms.

mod common;

use common::{folder, vanban};
use vanban::model::document::Document;

/// Imports `text` as a plain text file: the document and the report's lines.
fn import(text: &str) -> (Document, String) {
    let dir = folder(&[("cu.txt", text)]);
    let out = vanban::import::import_file(&dir.path().join("cu.txt"), None).expect("imports");
    let report = out.report.iter().map(|d| format!("{}: {}\n", d.code, d.message)).collect();
    (load(&out.markdown), report)
}

/// Imports a text already in the text form (a DOCX or PDF reader's: tabs between cells, bold).
fn import_form(text: &str) -> Document {
    let dir = folder(&[("cu.txt", text)]);
    let src = vanban::input::source::read(&dir.path().join("cu.txt")).unwrap();
    load(&vanban::import::import_text(&src).markdown)
}

/// Loads an imported document, the parts it lacks filled in with placeholders.
fn load(md: &str) -> Document {
    let md = md
        .replace("  # không tìm thấy trong bản gốc: điền vào", " \"?\"")
        .replace("ngay: \"?\"", "ngay: 2026-01-01");
    // A blank day given as the month and year printed: the first of that month.
    let md: String = md
        .lines()
        .map(|l| match l.strip_prefix("ngay: ").and_then(|v| v.split_once("  # bản gốc để trống ngày"))
        {
            Some((month_year, _)) => format!("ngay: 1/{month_year}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    let dir = folder(&[("doc.md", &md)]);
    vanban::input::load(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}\n{md}")).document
}

/// The document's date as `YYYY-MM-DD`.
fn iso(d: &Document) -> String {
    d.ngay.to_string()
}

const BODY: &str = "Nội dung thứ nhất của văn bản được viết thành một đoạn dài đủ để là thân bài.

Nội dung thứ hai của văn bản.
";

#[test]
fn a_type_name_beyond_the_list_keeps_the_rest_of_the_header() {
    let text = format!(
        "BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 31-CTr/TW          Hà Nội, ngày 28 tháng 7 năm 2026

CHƯƠNG TRÌNH HÀNH ĐỘNG
CỦA BỘ CHÍNH TRỊ
thực hiện Kết luận số 75-KL/TW

{BODY}"
    );
    let (d, _) = import(&text);
    assert_eq!((d.loai.as_str(), d.ten_loai.as_deref()), ("chuong-trinh", Some("CHƯƠNG TRÌNH HÀNH ĐỘNG")));
    assert_eq!(
        (d.co_quan.ten.as_str(), d.co_quan.viet_tat.as_str(), d.so),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "TW", Some(31))
    );
    assert_eq!((d.dia_danh.as_str(), iso(&d).as_str()), ("Hà Nội", "2026-07-28"));
    assert_eq!(d.trich_yeu, "CỦA BỘ CHÍNH TRỊ\nthực hiện Kết luận số 75-KL/TW");

    // A title no ruleset knows is reported, and the header is still read.
    let (d, report) = import(&text.replace("CHƯƠNG TRÌNH HÀNH ĐỘNG", "TỜ KHAI"));
    assert_eq!(
        (d.co_quan.ten.as_str(), d.so, d.dia_danh.as_str()),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", Some(31), "Hà Nội")
    );
    assert!(report.contains("import::not_found: không tìm thấy tên loại văn bản"), "{report}");
    assert!(report.contains("`TỜ KHAI`"), "the unknown title is named: {report}");
}

#[test]
fn the_number_as_archives_print_it() {
    // A legal normative document's year between number and code is kept as its number form.
    let cases: [(&str, Option<u32>, &str, Option<&str>); 5] = [
        ("Số 245 -CV/ĐU", Some(245), "ĐU", None),
        ("Số: 15 /BC-UBND", Some(15), "UBND", None),
        ("Số:      /SCT-CN", None, "SCT-CN", None),
        ("Số -BC/ĐU", None, "ĐU", None),
        ("Số: II /2026/QĐ-UBND", Some(11), "UBND", Some("quy-pham")),
    ];
    for (line, so, code, form) in cases {
        let state = line.starts_with("Số:");
        let motto = if state {
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        } else {
            "ĐẢNG CỘNG SẢN VIỆT NAM"
        };
        let text = format!(
            "SỞ CÔNG THƯƠNG          {motto}\n\n{line}          Lào Cai, ngày 10 tháng 3 năm 2026\nV/v kiểm tra\n\n{BODY}"
        );
        let (d, _) = import(&text);
        assert_eq!((d.so, d.co_quan.viet_tat.as_str(), d.mau_so.as_deref()), (so, code, form), "{line}");
        assert_eq!(d.the_thuc.as_deref(), if state { Some("nha-nuoc") } else { None }, "{line}");
    }
}

#[test]
fn the_number_renders_once_with_its_code() {
    let dir = folder(&[(
        "cv.txt",
        &format!(
            "ĐẢNG BỘ TỈNH KHÁNH HOÀ          ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG UỶ XÃ CÔNG HẢI\nSố 245 -CV/ĐU          Công Hải, ngày 12 tháng 8 năm 2025\nV/v triển khai\n\nKính gửi: Các chi bộ.\n\n{BODY}\nNơi nhận:\n- Như trên,\n- Lưu VPĐU.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nVũ Thị Thuỳ Trang\n"
        ),
    )]);
    let out = vanban(dir.path(), &["import", "cv.txt"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let render = vanban(dir.path(), &["render", "cv.md"]);
    assert!(render.status.success(), "{}", common::stderr(&render));
    let text = common::pdf_text(&std::fs::read(dir.path().join("cv.pdf")).unwrap());
    assert!(text.contains("Số 245-CV/ĐU"), "{text}");
    assert!(!text.contains("245 -CV"), "{text}");
    assert!(text.contains("về việc triển khai"), "the summary under its prefix: {text}");

    // A Party công văn's summary that opens with `Về` takes no `về việc` before it.
    let md = std::fs::read_to_string(dir.path().join("cv.md")).unwrap();
    std::fs::write(dir.path().join("cv.md"), md.replace("trich_yeu: triển khai", "trich_yeu: Về triển khai"))
        .unwrap();
    let render = vanban(dir.path(), &["render", "cv.md"]);
    assert!(render.status.success(), "{}", common::stderr(&render));
    let text = common::pdf_text(&std::fs::read(dir.path().join("cv.pdf")).unwrap());
    assert!(text.contains("Về triển khai") && !text.contains("về việc Về"), "{text}");
}

#[test]
fn flattened_two_column_headers_are_cut_apart() {
    // PyMuPDF: the left column, then the right; pdftotext: a `|` between columns, or one space.
    let text = format!(
        "ĐẢNG BỘ TỈNH KHÁNH HOÀ
------- | ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG UỶ XÃ CÔNG HẢI
Số: 10-NQ/TW Hà Nội, ngày 5 tháng 12 năm 2025
NGHỊ QUYẾT
về phòng ngừa vi phạm
-----
{BODY}"
    );
    let (d, _) = import(&text);
    assert_eq!(d.co_quan.cap_tren.as_deref(), Some("ĐẢNG BỘ TỈNH KHÁNH HOÀ"));
    assert_eq!(d.co_quan.ten, "ĐẢNG UỶ XÃ CÔNG HẢI");
    assert_eq!((d.so, d.co_quan.viet_tat.as_str(), d.dia_danh.as_str()), (Some(10), "TW", "Hà Nội"));
    assert_eq!(iso(&d), "2025-12-05");
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("nghi-quyet", "về phòng ngừa vi phạm"));

    // OCR of a State header: the columns with one space between, a rule as `_`.
    let ocr = format!(
        "ỦY BAN NHÂN DÂN _ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc\nSố: II /2026/QĐ-UBND Lào Cai, ngày 29 tháng 01 năm 2026\nQUYÉT ĐỊNH\n\nBan hành Quy định\n\n{BODY}"
    );
    let (d, _) = import(&ocr);
    assert_eq!(
        (d.co_quan.cap_tren.as_deref(), d.co_quan.ten.as_str()),
        (None, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    );
    assert_eq!((d.loai.as_str(), d.so, d.dia_danh.as_str()), ("quyet-dinh", Some(11), "Lào Cai"));
    assert_eq!(d.the_thuc.as_deref(), Some("nha-nuoc"));
}

#[test]
fn word_header_and_closing_tables_give_clean_values() {
    // The text form a DOCX gives: cells apart by tabs, the issuer bold, the place italic.
    let d = import_form(
        "UBND TỈNH LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**SỞ CÔNG THƯƠNG**\t**Độc lập – Tự do – Hạnh phúc**
Số:             /SCT-CN\t*Lào Cai, ngày        tháng 4 năm 2026*
V/v từ chối cấp giấy chứng nhận

Kính gửi: Công ty Cổ phần Thương mại

Nội dung.

***Nơi nhận:***\t**KT. GIÁM ĐỐC**
- Như trên;\t**PHÓ GIÁM ĐỐC**
- Chi nhánh số 1 - Công ty CP XNK\t
  sợi Phương Nam;\t
- Lưu: VT, CN(Loan).\t**Hoàng Văn Thuân**
",
    );
    assert_eq!(
        (d.co_quan.cap_tren.as_deref(), d.co_quan.ten.as_str()),
        (Some("UBND TỈNH LÀO CAI"), "SỞ CÔNG THƯƠNG")
    );
    assert_eq!((d.so, d.co_quan.viet_tat.as_str(), d.dia_danh.as_str()), (None, "SCT-CN", "Lào Cai"));
    assert_eq!((d.loai.as_str(), d.trich_yeu.as_str()), ("cong-van", "từ chối cấp giấy chứng nhận"));
    assert_eq!(d.kinh_gui, ["Công ty Cổ phần Thương mại"]);
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("KT. GIÁM ĐỐC"), Some("PHÓ GIÁM ĐỐC"), "Hoàng Văn Thuân")
    );
    assert_eq!(
        d.noi_nhan,
        ["Như trên", "Chi nhánh số 1 - Công ty CP XNK sợi Phương Nam", "Lưu: VT, CN(Loan)"]
    );
}

#[test]
fn a_misspelt_state_motto_still_gives_a_state_document() {
    let text = format!(
        "SỞ CÔNG THƯƠNG          CỘNG HOÀ XÄ HỘI CHỦ NGHÍA VIỆT NAM\n          Độc lập - Tự do - Hạnh phúc\nSố: 12/TB-SCT          Lào Cai, ngày 3 tháng 4 năm 2026\n\nTHÔNG BÁO\nKết quả nghiệm thu\n\n{BODY}"
    );
    let (d, _) = import(&text);
    assert_eq!((d.the_thuc.as_deref(), d.loai.as_str()), (Some("nha-nuoc"), "thong-bao"));
}

#[test]
fn closings_in_their_real_forms() {
    // Party, as PyMuPDF gives it: Nơi nhận first, wrapped items, the signature, an e-office stamp
    // number under the name.
    let text = format!(
        "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -CV/ĐU\nMời họp Ban Thường vụ\nĐẢNG CỘNG SẢN VIỆT NAM\nCông Hải, ngày tháng 3 năm 2026\n{BODY}Nơi nhận:\n- Đồng chí Lương Đức Hải - UVTV,\nTrưởng Ban Tổ chức Tỉnh uỷ,\n- Lưu VPĐU.\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nNguyễn Đăng Quang\n417\n"
    );
    let (d, report) = import(&text);
    assert_eq!((d.so, d.trich_yeu.as_str()), (Some(417), "Mời họp Ban Thường vụ"));
    assert!(report.contains("coi dòng `417` là số văn bản"), "{report}");
    assert_eq!(d.noi_nhan, ["Đồng chí Lương Đức Hải - UVTV, Trưởng Ban Tổ chức Tỉnh uỷ", "Lưu VPĐU"]);
    assert_eq!(
        (d.ky.tham_quyen.as_deref(), d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()),
        (Some("T/L BAN THƯỜNG VỤ"), Some("CHÁNH VĂN PHÒNG"), "Nguyễn Đăng Quang")
    );

    // Two signature blocks side by side (a biên bản's): the right one signs, the left is ky_khac.
    let d = import_form(
        "UBND TỈNH LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**SỞ CÔNG THƯƠNG**\t**Độc lập - Tự do - Hạnh phúc**\n\t*Lào Cai, ngày 5 tháng 7 năm 2026*\n\n**BIÊN BẢN THẨM ĐỊNH HỒ SƠ**\n\n**Phục vụ cấp Giấy phép**\n\nNội dung biên bản.\n\n**ĐẠI DIỆN CHI NHÁNH**\t**TRƯỞNG ĐOÀN**\n\n**Bùi Thanh Phương**\t**Trần Trọng Trang**\n",
    );
    assert_eq!(
        (d.loai.as_str(), d.ten_loai.as_deref(), d.trich_yeu.as_str()),
        ("bien-ban", Some("BIÊN BẢN THẨM ĐỊNH HỒ SƠ"), "Phục vụ cấp Giấy phép")
    );
    assert_eq!((d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()), (Some("TRƯỞNG ĐOÀN"), "Trần Trọng Trang"));
    assert_eq!(d.ky_khac.len(), 1);
    assert_eq!(
        (d.ky_khac[0].tham_quyen.as_deref(), d.ky_khac[0].ho_ten.as_str()),
        (Some("ĐẠI DIỆN CHI NHÁNH"), "Bùi Thanh Phương")
    );
}

#[test]
fn what_follows_the_signature_is_an_appendix() {
    let text = format!(
        "SỞ CÔNG THƯƠNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/KH-SCT          Lào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nKiểm tra\n\n{BODY}\nNơi nhận:          GIÁM ĐỐC\n- Lưu: VT.\n\n          Hoàng Văn Thuân\n\nPHỤ LỤC I\nDANH SÁCH ĐƠN VỊ\n(Kèm theo Kế hoạch số 5/KH-SCT)\n\nCông ty A.\n"
    );
    let (d, _) = import(&text);
    assert_eq!(d.ky.ho_ten, "Hoàng Văn Thuân");
    assert_eq!(d.phu_luc.len(), 1, "{:?}", d.phu_luc);
    assert_eq!(d.phu_luc[0].ten, "PHỤ LỤC I\nDANH SÁCH ĐƠN VỊ\n(Kèm theo Kế hoạch số 5/KH-SCT)");

    // Forms in an appendix keep their Kính gửi and căn cứ as text, in place, each form's.
    let form = "TỜ TRÌNH\nThẩm định dự án\n\nKính gửi: Sở Xây dựng.\n\nCăn cứ Luật Xây dựng;\n\nĐề nghị thẩm định.\n\n";
    let text = format!(
        "SỞ CÔNG THƯƠNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/KH-SCT          Lào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nKiểm tra\n\n{BODY}\nNơi nhận:          GIÁM ĐỐC\n- Lưu: VT.\n\n          Hoàng Văn Thuân\n\nPHỤ LỤC\nCÁC MẪU\n\n{form}{form}"
    );
    let (d, _) = import(&text);
    let mut appendix = String::new();
    d.phu_luc[0].body.iter().for_each(|b| {
        let mut text = String::new();
        b.plain_text(&mut text);
        appendix.push_str(text.trim());
        appendix.push('|');
    });
    let form = "Thẩm định dự án|Kính gửi: Sở Xây dựng.|Căn cứ Luật Xây dựng;|Đề nghị thẩm định.|";
    // The first form's type name stands under the appendix's title, as part of it.
    assert_eq!(d.phu_luc[0].ten, "PHỤ LỤC\nCÁC MẪU\nTỜ TRÌNH");
    assert_eq!(appendix, format!("{form}TỜ TRÌNH {form}"));

    // A Word file's: the appendix's title in lower case right under the last recipient, which
    // might have wrapped, ends the closing all the same.
    let d = import_form(
        "UBND TỈNH LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**SỞ CÔNG THƯƠNG**\t**Độc lập - Tự do - Hạnh phúc**\nSố: 5/KH-SCT\t*Lào Cai, ngày 10 tháng 3 năm 2026*\n\n**KẾ HOẠCH**\n\n**Kiểm tra**\n\nNội dung kế hoạch.\n\n***Nơi nhận***:\t**GIÁM ĐỐC**\n- Các sở, ngành;\n- Lưu: VT, KT.\t**Hoàng Văn Thuân**\n\n**Phụ lục**\n\n**MỘT SỐ NHIỆM VỤ TRỌNG TÂM**\n\n(*Kèm theo Kế hoạch số 5/KH-SCT*)\n\nCông ty A.\n",
    );
    assert_eq!(d.noi_nhan, ["Các sở, ngành", "Lưu: VT, KT"]);
    assert_eq!(d.ky.ho_ten, "Hoàng Văn Thuân");
    assert_eq!(d.phu_luc.len(), 1, "{:?}", d.phu_luc);
    assert_eq!(d.phu_luc[0].ten, "Phụ lục\nMỘT SỐ NHIỆM VỤ TRỌNG TÂM\n(Kèm theo Kế hoạch số 5/KH-SCT)");

    // The name alone in the signature's column under a last recipient with no full stop: the
    // signer's, not the recipient's wrapped tail.
    let d = import_form(
        "UBND TỈNH LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**BAN QUẢN LÝ KHU KINH TẾ**\t**Độc lập - Tự do - Hạnh phúc**\nSố: 5/KH-BQL\t*Lào Cai, ngày 10 tháng 3 năm 2026*\n\n**KẾ HOẠCH**\n\n**Kiểm tra**\n\nNội dung kế hoạch.\n\n***Nơi nhận:***\t**TRƯỞNG BAN**\n\n- Lãnh đạo Ban;\n\n- Lưu VT, QHXD7\n\n\t**Vương Trinh Quốc**\n",
    );
    assert_eq!(d.noi_nhan, ["Lãnh đạo Ban", "Lưu VT, QHXD7"]);
    assert_eq!((d.ky.chuc_vu.as_deref(), d.ky.ho_ten.as_str()), (Some("TRƯỞNG BAN"), "Vương Trinh Quốc"));
}
