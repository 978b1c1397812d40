//! `vanban import` of a text's body: page furniture dropped only by position or form and
//! reported; paragraphs rebuilt in texts without blank lines; căn cứ one by one and the
//! decision line; footnotes at the foot of a page matched with their glued marks; a plain text
//! kept as text, not read as Markdown. Each failure shape of issue 14 with its exact outcome,
//! then the corpus texts' body against their expected files.

mod common;

use std::path::Path;

use common::folder;
use vanban::import::text::{Part, recognise};

/// What an import of a text gives: the front matter, the body blocks, the report's lines.
struct Out {
    front: String,
    blocks: Vec<String>,
    report: Vec<(String, Option<usize>)>,
}

/// Imports `text` as a plain-text file, through the command's own path.
fn import(text: &str) -> Out {
    let dir = folder(&[("doc.txt", text)]);
    let out = vanban::import::import_file(&dir.path().join("doc.txt"), None).expect("imports");
    let (front, body) = out.markdown.trim_start_matches("---\n").split_once("\n---\n").expect("front matter");
    let blocks = body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned).collect();
    let report = out
        .report
        .iter()
        .map(|d| (format!("{}: {}", d.code, d.message), d.location.as_ref().map(|l| l.line)))
        .collect();
    Out { front: front.to_owned(), blocks, report }
}

impl Out {
    /// The lines dropped as furniture, as reported: (line, message).
    fn dropped(&self) -> Vec<(Option<usize>, &str)> {
        let furniture =
            ["bỏ dấu trang", "bỏ số trang", "bỏ dòng đầu trang", "bỏ ghi chú", "bỏ dấu chữ ký số"];
        self.report
            .iter()
            .filter(|(m, _)| furniture.iter().any(|f| m.contains(f)))
            .map(|(m, l)| (*l, m.trim_start_matches("import::guess: ")))
            .collect()
    }
}

const PARTY_HEADER: &str = "ĐẢNG BỘ TỈNH KHÁNH HOÀ          ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG UỶ XÃ CÔNG HẢI
*
Số 05-BC/ĐU          Công Hải, ngày 10 tháng 02 năm 2026
BÁO CÁO
tình hình tháng 1 năm 2026
-----
";

const PARTY_CLOSING: &str = "T/M ĐẢNG UỶ
BÍ THƯ
Vũ Thị Thuỳ Trang
";

#[test]
fn furniture_is_dropped_by_position_and_form_never_for_repeating() {
    // Shapes 1 and 9: the same sentence end closes three sections and stays; page markers,
    // running headers at the top of pages, the extraction notes and the e-signature stamp go,
    // each reported at its line.
    let text = format!(
        "[OCR] Bản trích chữ tự động, có thể sai.

===== Trang 1 =====
{PARTY_HEADER}I. KẾT QUẢ
Các chi bộ hoàn thành nhiệm vụ theo quy định của pháp luật.
===== Trang 2 =====
BAOCAO-T1.DOC 2
II. HẠN CHẾ
Một số chi bộ chưa làm đúng theo quy định của pháp luật.
===== Trang 3 =====
BAOCAO-T1.DOC 3
III. NHIỆM VỤ
Các chi bộ tiếp tục thực hiện theo quy định của pháp luật.
{PARTY_CLOSING}ĐẢNG UỶ XÃ CÔNG HẢI
10-02-2026 09:20:18 +07:00
===== GHI CHU =====
Ban trich tu kho luu tru.
"
    );
    let out = import(&text);
    assert_eq!(
        out.blocks,
        [
            "# I. KẾT QUẢ",
            "Các chi bộ hoàn thành nhiệm vụ theo quy định của pháp luật.",
            "# II. HẠN CHẾ",
            "Một số chi bộ chưa làm đúng theo quy định của pháp luật.",
            "# III. NHIỆM VỤ",
            "Các chi bộ tiếp tục thực hiện theo quy định của pháp luật.",
        ]
    );
    assert_eq!(
        out.dropped(),
        [
            (Some(1), "bỏ ghi chú của bản trích `[OCR] Bản trích chữ tự động, có thể sai.`"),
            (Some(3), "bỏ dấu trang `===== Trang 1 =====`"),
            (Some(13), "bỏ dấu trang `===== Trang 2 =====`"),
            (Some(14), "bỏ dòng đầu trang `BAOCAO-T1.DOC 2`"),
            (Some(17), "bỏ dấu trang `===== Trang 3 =====`"),
            (Some(18), "bỏ dòng đầu trang `BAOCAO-T1.DOC 3`"),
            (Some(24), "bỏ dấu chữ ký số `ĐẢNG UỶ XÃ CÔNG HẢI`"),
            (Some(25), "bỏ dấu chữ ký số `10-02-2026 09:20:18 +07:00`"),
            (Some(26), "bỏ ghi chú của bản trích `===== GHI CHU =====`"),
            (Some(27), "bỏ ghi chú của bản trích `Ban trich tu kho luu tru.`"),
        ]
    );
    // A line repeated without a page break is text: the old rule (three repeats) dropped it.
    let repeated = format!(
        "{PARTY_HEADER}1. Ban A thực hiện.
Hoàn thành trong tháng.
2. Ban B thực hiện.
Hoàn thành trong tháng.
3. Ban C thực hiện.
Hoàn thành trong tháng.
{PARTY_CLOSING}"
    );
    let out = import(&repeated);
    assert_eq!(out.blocks.iter().filter(|b| *b == "Hoàn thành trong tháng.").count(), 3, "{:?}", out.blocks);
    assert_eq!(out.dropped(), []);
}

#[test]
fn paragraphs_are_rebuilt_in_a_text_without_blank_lines() {
    // Shapes 3 and 8: one physical line per line, no blank line (a PyMuPDF extraction). A
    // paragraph ends at a sentence end clearly short of the usual width; headings stand alone
    // and are not glued to what follows; list items and a run-in heading stay whole.
    let text = format!(
        "{PARTY_HEADER}Thực hiện Kế hoạch số 26-KH/ĐU của Ban Thường vụ Đảng uỷ về công tác
tháng 1, Đảng uỷ xã báo cáo kết quả thực hiện các nhiệm vụ trọng tâm
như sau:
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Công tác lãnh đạo, chỉ đạo.
Ban Thường vụ đã ban hành các văn bản chỉ đạo kịp thời, đúng quy định và
sát với tình hình thực tế của địa phương trong tháng.
Các chi bộ đã tổ chức sinh hoạt định kỳ đầy đủ, có chất lượng.
2. Công tác tuyên truyền
- Tuyên truyền các ngày lễ lớn trên hệ thống loa truyền thanh của xã, các
thôn và trên các trang mạng xã hội;
- Tổ chức hội nghị quán triệt nghị quyết.
3. Thành phần: Các đồng chí Uỷ viên Ban Thường vụ Đảng uỷ, đại diện lãnh đạo
các ban xây dựng Đảng và các đoàn thể chính trị - xã hội của xã.
{PARTY_CLOSING}"
    );
    let out = import(&text);
    assert_eq!(
        out.blocks,
        [
            "Thực hiện Kế hoạch số 26-KH/ĐU của Ban Thường vụ Đảng uỷ về công tác tháng 1, Đảng uỷ xã \
             báo cáo kết quả thực hiện các nhiệm vụ trọng tâm như sau:",
            "# I. KẾT QUẢ ĐẠT ĐƯỢC",
            "## 1. Công tác lãnh đạo, chỉ đạo.",
            "Ban Thường vụ đã ban hành các văn bản chỉ đạo kịp thời, đúng quy định và sát với tình \
             hình thực tế của địa phương trong tháng.",
            "Các chi bộ đã tổ chức sinh hoạt định kỳ đầy đủ, có chất lượng.",
            "## 2. Công tác tuyên truyền",
            "- Tuyên truyền các ngày lễ lớn trên hệ thống loa truyền thanh của xã, các thôn và trên \
             các trang mạng xã hội;",
            "- Tổ chức hội nghị quán triệt nghị quyết.",
            "3. Thành phần: Các đồng chí Uỷ viên Ban Thường vụ Đảng uỷ, đại diện lãnh đạo các ban \
             xây dựng Đảng và các đoàn thể chính trị - xã hội của xã.",
        ]
    );
}

#[test]
fn a_numbered_line_over_its_first_child_is_a_heading() {
    // A wrapped point ending as a sentence does heads the points numbered under it; a list of
    // sibling points stays a list.
    let text = format!(
        "{PARTY_HEADER}1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác, thu hồi
khoáng sản trên địa bàn xã.
1.1. Thực hiện đúng quy định của Luật Địa chất và Khoáng sản năm 2024.
1.2. Báo cáo sản lượng khai thác hằng năm.
2. Giao Văn phòng theo dõi.
3. Giao các chi bộ thực hiện.
{PARTY_CLOSING}"
    );
    let out = import(&text);
    assert_eq!(
        out.blocks,
        [
            "## 1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác, thu hồi khoáng \
             sản trên địa bàn xã.",
            "1.1. Thực hiện đúng quy định của Luật Địa chất và Khoáng sản năm 2024.",
            "1.2. Báo cáo sản lượng khai thác hằng năm.",
            "2. Giao Văn phòng theo dõi.",
            "3. Giao các chi bộ thực hiện.",
        ]
    );
}

#[test]
fn a_laid_out_text_by_first_line_indent_with_its_page_feet() {
    // pdftotext -layout: a paragraph's first line indented, its continuation flush; a page
    // number after the form feed; a paragraph running over the page break joined again; the
    // footnote at the foot of the page (split over two lines) out of the flow, its mark glued
    // to the word (`pháp luật1.`) written `[^1]`; "Điều 22" and a year stay as they are.
    let text = "      UBND TỈNH LÀO CAI                      CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                         Độc lập - Tự do - Hạnh phúc

         Số: 6987 /SNNMT-KS                      Lào Cai, ngày 23 tháng 7 năm 2026
 V/v thực hiện các quy định của pháp luật

      Để việc khai thác khoáng sản đảm bảo theo đúng quy định của pháp luật, Sở yêu
cầu Công ty thực hiện đầy đủ các nội dung sau:
      - Đăng ký ngày bắt đầu xây dựng cơ bản mỏ với cơ quan có thẩm quyền theo
đúng quy định của pháp luật1. Khi đăng ký phải có văn bản giao đất theo Điều 22
Luật Đất đai năm 2024.
      - Thực hiện lập bản đồ hiện trạng khu vực được phép khai thác khoáng sản từ
khi bắt đầu xây dựng cơ bản mỏ cho đến khi kết thúc khai thác và

       1 Hồ sơ đăng ký ngày bắt đầu xây dựng cơ bản mỏ được quy định tại

khoản 2 Điều 8 Thông tư số 36/2025/TT-BNNMT.
\u{c}                                                    2

đóng cửa mỏ khoáng sản.
      Sở Nông nghiệp và Môi trường yêu cầu Công ty nghiêm túc thực hiện./.

 Nơi nhận:                                          KT. GIÁM ĐỐC
 - Như trên;                                        PHÓ GIÁM ĐỐC
 - Lưu: VT, KS.
                                                    Phạm Năng Chung
";
    let out = import(text);
    assert_eq!(
        out.blocks,
        [
            "Để việc khai thác khoáng sản đảm bảo theo đúng quy định của pháp luật, Sở yêu cầu Công \
             ty thực hiện đầy đủ các nội dung sau:",
            "- Đăng ký ngày bắt đầu xây dựng cơ bản mỏ với cơ quan có thẩm quyền theo đúng quy định \
             của pháp luật[^1]. Khi đăng ký phải có văn bản giao đất theo Điều 22 Luật Đất đai năm \
             2024.",
            "- Thực hiện lập bản đồ hiện trạng khu vực được phép khai thác khoáng sản từ khi bắt đầu \
             xây dựng cơ bản mỏ cho đến khi kết thúc khai thác và đóng cửa mỏ khoáng sản.",
            // The State layout prints `./.` after the last paragraph itself: `.` is kept.
            "Sở Nông nghiệp và Môi trường yêu cầu Công ty nghiêm túc thực hiện.",
            "[^1]: Hồ sơ đăng ký ngày bắt đầu xây dựng cơ bản mỏ được quy định tại khoản 2 Điều 8 \
             Thông tư số 36/2025/TT-BNNMT.",
        ]
    );
    assert_eq!(out.dropped(), [(Some(18), "bỏ số trang `2`")]);
    assert!(out.report.contains(&("import::guess: nối đoạn bị ngắt trang với đoạn trước".into(), Some(20))));
}

const STATE_DECISION: &str = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                        Độc lập - Tự do - Hạnh phúc
Số: 1050/QĐ-SCT                       Lào Cai, ngày 06 tháng 3 năm 2026
QUYẾT ĐỊNH
Về việc kiểm tra vật liệu nổ công nghiệp năm 2026
-----
GIÁM ĐỐC SỞ CÔNG THƯƠNG
Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 29 tháng 6
năm 2024;
Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31 tháng 12 năm 2024 của Chính phủ quy
định chi tiết một số điều của Luật;
Căn cứ Quyết định số 15/2025/QĐ-UBND ngày 10 tháng 3 năm 2025 của Ủy ban nhân dân
tỉnh;
Theo đề nghị của Trưởng phòng Quản lý Công nghiệp.
QUYẾT ĐỊNH:
Điều 1. Kiểm tra việc sử dụng vật liệu nổ công nghiệp tại các đơn vị trên địa bàn
tỉnh năm 2026.
Căn cứ kết quả kiểm tra, Đoàn kiểm tra kiến nghị xử lý các vi phạm theo quy định.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận:                             KT. GIÁM ĐỐC
- Như Điều 2;                         PHÓ GIÁM ĐỐC
- Lưu: VT, QLCN.
                                      Nguyễn Văn An
";

/// The first two blocks of [`STATE_DECISION`]'s body: a run-in article, then a paragraph that
/// starts "Căn cứ" after the decision line.
const DECISION_OPENING: [&str; 2] = [
    "**Điều 1.** Kiểm tra việc sử dụng vật liệu nổ công nghiệp tại các đơn vị trên địa bàn tỉnh năm 2026.",
    "Căn cứ kết quả kiểm tra, Đoàn kiểm tra kiến nghị xử lý các vi phạm theo quy định.",
];

#[test]
fn a_decision_gives_each_ground_and_prints_its_decision_line_once() {
    // Shape 7: each căn cứ its own item though it wraps and no blank line parts them; the
    // proposal kept with them; `QUYẾT ĐỊNH:` printed by the State layout, so not in the body;
    // a body paragraph starting "Căn cứ" after it stays in the body; the `./.` the layout
    // adds not doubled.
    let out = import(STATE_DECISION);
    assert!(out.front.contains("tham_quyen_ban_hanh: GIÁM ĐỐC SỞ CÔNG THƯƠNG\n"), "{}", out.front);
    assert!(
        out.front.contains(
            "can_cu:
  - Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 29 tháng 6 năm 2024
  - Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31 tháng 12 năm 2024 của Chính phủ quy định chi tiết một số điều của Luật
  - Căn cứ Quyết định số 15/2025/QĐ-UBND ngày 10 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh
  - Theo đề nghị của Trưởng phòng Quản lý Công nghiệp
"
        ),
        "{}",
        out.front
    );
    assert_eq!(
        out.blocks,
        [&DECISION_OPENING[..], &["**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký."]].concat()
    );
}

#[test]
fn articles_keep_their_mark_and_number_their_clauses() {
    // Shape 8: an article's mark is kept as printed (`Điều 2:`); a title set short of the line,
    // or followed by its clauses, is a heading, though as long as the line; a full line run on
    // into its text is a run-in label; under articles a numbered line is a clause, never a
    // heading above the article, even when it ends without a stop.
    let text = STATE_DECISION.replace(
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n",
        "Điều 2: Đối tượng, phạm vi, nội dung, thời hạn và thời hiệu kiểm tra năm 2026
1. Đối tượng kiểm tra: Gồm 03 đơn vị (Theo phụ lục đính kèm)
2. Phạm vi kiểm tra: việc sử dụng và bảo quản vật liệu nổ công nghiệp.
Điều 3. Tổ chức thực hiện
Quyết định này có hiệu lực kể từ ngày ký./.
",
    );
    let out = import(&text);
    assert_eq!(
        out.blocks,
        [
            &DECISION_OPENING[..],
            &[
                "### Điều 2: Đối tượng, phạm vi, nội dung, thời hạn và thời hiệu kiểm tra năm 2026",
                "1. Đối tượng kiểm tra: Gồm 03 đơn vị (Theo phụ lục đính kèm)",
                "2. Phạm vi kiểm tra: việc sử dụng và bảo quản vật liệu nổ công nghiệp.",
                "### Điều 3. Tổ chức thực hiện",
                "Quyết định này có hiệu lực kể từ ngày ký.",
            ],
        ]
        .concat()
    );
}

#[test]
fn a_part_numbered_between_its_sibling_headings_is_one() {
    // Shape 8: `2.` ends with a comma, as a real report's heading does, yet stands between the
    // headings `1.` and `3.`; a heading set in bold over two lines is one bold run.
    let body = "**1. Công tác lãnh đạo, chỉ đạo**

Đảng uỷ đã ban hành kế hoạch và chỉ đạo các chi bộ triển khai thực hiện nghiêm túc, kịp thời.

2. Công tác chăm lo Tết cho Nhân dân, bảo đảm an sinh xã hội cho các gia đình chính sách,

Các chi bộ đã thăm hỏi, tặng quà các gia đình chính sách, hộ nghèo đúng thời gian quy định.

**3. Công an xã, các ban, ngành, đoàn thể và Ủy ban nhân dân**
**các thôn**

Tổ chức thực hiện nghiêm túc các nội dung trên, báo cáo kết quả về Đảng uỷ.

";
    // The text form a DOCX or PDF reader gives, bold marked.
    let found = recognise(&format!("{PARTY_HEADER}\n{body}{PARTY_CLOSING}"));
    let headings: Vec<(usize, &str)> = found
        .body
        .iter()
        .filter_map(|p| if let Part::Heading(level, t) = p { Some((*level, t.as_str())) } else { None })
        .collect();
    assert_eq!(
        headings,
        [
            (2, "1. Công tác lãnh đạo, chỉ đạo"),
            (2, "2. Công tác chăm lo Tết cho Nhân dân, bảo đảm an sinh xã hội cho các gia đình chính sách,"),
            (2, "3. Công an xã, các ban, ngành, đoàn thể và Ủy ban nhân dân các thôn"),
        ]
    );
}

#[test]
fn a_ground_broken_over_paragraphs_is_one_and_a_note_in_brackets_is_whole() {
    // Shape 7: a Word file whose author broke a ground with Enter (`… xuất nhập khẩu` /
    // `sợi Phương Nam,` / `Sở Công Thương … cho phép:`) gives one ground; a note in brackets
    // before the last paragraph is not run on into it.
    let text = "UBND TỈNH LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**SỞ CÔNG THƯƠNG**\t**Độc lập - Tự do - Hạnh phúc**
Số: 12/GP-SCT\t*Lào Cai, ngày 10 tháng 3 năm 2026*

**GIẤY PHÉP**

**VẬN CHUYỂN HÀNG HÓA NGUY HIỂM**

Theo đề nghị của: Chi nhánh số 1 - Công ty cổ phần xuất nhập khẩu

sợi Phương Nam,

Sở Công Thương tỉnh Lào Cai cho phép:

Tên cơ quan, tổ chức, cá nhân: Chi nhánh số 1 - Công ty cổ phần xuất nhập khẩu sợi Phương Nam.

(*Có danh sách phương tiện kèm theo*)

Thời hạn của Giấy phép: 24 tháng kể từ ngày ký.

**GIÁM ĐỐC**

**Hoàng Văn Thuân**
";
    let found = recognise(text);
    assert_eq!(
        found.can_cu,
        [
            "Theo đề nghị của: Chi nhánh số 1 - Công ty cổ phần xuất nhập khẩu sợi Phương Nam, Sở Công Thương tỉnh Lào Cai cho phép:"
        ]
    );
    let paragraphs: Vec<&str> = found
        .body
        .iter()
        .filter_map(|p| if let Part::Para(t) = p { Some(t.as_str()) } else { None })
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Tên cơ quan, tổ chức, cá nhân: Chi nhánh số 1 - Công ty cổ phần xuất nhập khẩu sợi Phương Nam.",
            "(*Có danh sách phương tiện kèm theo*)",
            "Thời hạn của Giấy phép: 24 tháng kể từ ngày ký.",
        ]
    );
}

#[test]
fn a_footnote_printed_under_the_signature_goes_to_its_mark() {
    // The foot of the signature's page holds a footnote whose mark is glued in the body: it is
    // a footnote, not an appendix.
    let text = format!(
        "{PARTY_HEADER}
Các chi bộ thực hiện việc bảo vệ môi trường theo quy định của pháp luật1. Kết quả được báo cáo đầy đủ.

{PARTY_CLOSING}

1 Luật Bảo vệ môi trường năm 2020 và các văn bản hướng dẫn
thi hành.
"
    );
    let out = import(&text);
    assert!(!out.front.contains("phu_luc"), "{}", out.front);
    assert_eq!(
        out.blocks[out.blocks.len() - 2..],
        [
            "Các chi bộ thực hiện việc bảo vệ môi trường theo quy định của pháp luật[^1]. Kết quả được báo cáo đầy đủ.",
            "[^1]: Luật Bảo vệ môi trường năm 2020 và các văn bản hướng dẫn thi hành.",
        ]
    );
}

#[test]
fn a_party_decision_line_keeps_its_words() {
    // The Party layout prints no decision line: "BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH" is kept whole
    // as the issuing authority's line; "- Căn cứ" bullets are grounds; `./.` stays as written.
    let text = "ĐẢNG BỘ TỈNH KHÁNH HOÀ          ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG UỶ XÃ CÔNG HẢI
*
Số 6-QĐ/ĐU          Công Hải, ngày 05 tháng 9 năm 2025
QUYẾT ĐỊNH
Về việc điều động cán bộ
-----
- Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương;
- Căn cứ Thông báo số 02-TB/ĐU ngày 15/8/2025 của Ban Thường vụ
Đảng uỷ về nhân sự;
- Xét đề nghị của Ban Xây dựng Đảng,
BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH
Điều 1. Điều động đồng chí Sầm Văn Tim đến nhận công tác tại Ban Xây dựng Đảng.
Điều 2. Các cơ quan có liên quan thi hành Quyết định này./.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Vũ Thị Thuỳ Trang
";
    let out = import(text);
    assert!(out.front.contains("tham_quyen_ban_hanh: BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH\n"), "{}", out.front);
    assert!(
        out.front.contains(
            "can_cu:
  - Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương
  - Căn cứ Thông báo số 02-TB/ĐU ngày 15/8/2025 của Ban Thường vụ Đảng uỷ về nhân sự
  - Xét đề nghị của Ban Xây dựng Đảng
"
        ),
        "{}",
        out.front
    );
    assert_eq!(
        out.blocks,
        [
            "**Điều 1.** Điều động đồng chí Sầm Văn Tim đến nhận công tác tại Ban Xây dựng Đảng.",
            "**Điều 2.** Các cơ quan có liên quan thi hành Quyết định này./.",
        ]
    );
}

#[test]
fn a_plain_text_is_not_markdown() {
    // Shape 9: OCR backticks, a literal star and underscores stay text.
    let text = format!(
        "{PARTY_HEADER}Tỷ lệ đạt 2 * 3 = 6 chỉ tiêu, mã `HS_01` theo mẫu.
{PARTY_CLOSING}"
    );
    let out = import(&text);
    assert_eq!(out.blocks, ["Tỷ lệ đạt 2 \\* 3 = 6 chỉ tiêu, mã \\`HS\\_01\\` theo mẫu."]);
}

#[test]
fn a_footnote_set_wider_than_the_text_inside_the_flow() {
    // A PyMuPDF text puts the footnote (smaller type: a wider line) where it stood on the page,
    // inside a paragraph; its mark is glued after the word (`quy định1)`).
    let text = format!(
        "{PARTY_HEADER}Các cơ quan, tổ chức đảng thực hiện nghiêm túc việc báo cáo kết quả
thực hiện nhiệm vụ được giao trên hệ thống theo dõi nghị quyết của Trung
1 Theo Kế hoạch 02-KH/TU ngày 02/10/2025 về triển khai ứng dụng “Sổ tay đảng viên điện tử” trên địa bàn tỉnh
không bao gồm đảng viên thuộc Chi bộ Quân sự xã.
ương; toàn thể đảng viên sử dụng Sổ tay đảng viên (trừ những trường hợp theo
quy định1). Duy trì, làm sạch dữ liệu đảng viên thường xuyên.
{PARTY_CLOSING}"
    );
    let out = import(&text);
    assert_eq!(
        out.blocks,
        [
            "Các cơ quan, tổ chức đảng thực hiện nghiêm túc việc báo cáo kết quả thực hiện nhiệm vụ \
             được giao trên hệ thống theo dõi nghị quyết của Trung ương; toàn thể đảng viên sử dụng \
             Sổ tay đảng viên (trừ những trường hợp theo quy định[^1]). Duy trì, làm sạch dữ liệu \
             đảng viên thường xuyên.",
            "[^1]: Theo Kế hoạch 02-KH/TU ngày 02/10/2025 về triển khai ứng dụng “Sổ tay đảng viên \
             điện tử” trên địa bàn tỉnh không bao gồm đảng viên thuộc Chi bộ Quân sự xã.",
        ]
    );
}

/// A key of an expected file: its value (a quoted string or a number), or its list items.
fn expected(yaml: &str, key: &str) -> Vec<String> {
    let mut lines = yaml.lines().skip_while(|l| !l.starts_with(&format!("{key}:")));
    let Some(first) = lines.next() else { return vec![] };
    let value = first[key.len() + 1..].split(" #").next().unwrap_or("").trim();
    let unquote = |v: &str| serde_json::from_str::<String>(v).unwrap_or_else(|_| v.to_owned());
    if !value.is_empty() {
        return vec![unquote(value)];
    }
    lines
        .take_while(|l| l.starts_with("  - "))
        .map(|l| unquote(l[4..].split("  #").next().unwrap().trim()))
        .collect()
}

/// A Markdown block as the text it prints: markers and escapes off, spaces collapsed.
fn printed(block: &str) -> String {
    let mut out = String::new();
    let mut chars = block.trim_start_matches('#').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            '[' if chars.peek() == Some(&'^') => {
                chars.by_ref().take_while(|&c| c != ']').for_each(drop);
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The top-level headings as the corpus counts them: articles (`Điều 1.` for a run-in one)
/// where the body has them, else the headings and run-in numbered points of the top level.
fn top_headings(blocks: &[String]) -> Vec<String> {
    let label = |b: &str| printed(b).split_whitespace().next().unwrap_or("").to_owned();
    let articles: Vec<String> = blocks
        .iter()
        .filter(|b| b.starts_with("**Điều ") || b.starts_with("### Điều "))
        .map(|b| match b.starts_with('#') {
            true => printed(b),
            false => printed(b).split_whitespace().take(2).collect::<Vec<_>>().join(" "),
        })
        .collect();
    if !articles.is_empty() {
        return articles;
    }
    // A number label's level as a heading's: `I.` 1, `1.` 2, `2.1.` 3.
    let depth = |b: &str| {
        let head = label(b);
        let number = head.strip_suffix(['.', '-'])?;
        if !number.is_empty() && number.chars().all(|c| "IVXLC".contains(c)) {
            return Some(1);
        }
        let parts: Vec<&str> = number.split('.').collect();
        parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            .then_some(parts.len() + 1)
    };
    let level = |b: &str| b.chars().take_while(|&c| c == '#').count();
    let heads = blocks.iter().map(|b| level(b)).filter(|&l| l > 0).min();
    // Without headings, the run-in points of the top level.
    let top = heads.or_else(|| blocks.iter().filter_map(|b| depth(b)).min()).unwrap_or(0);
    blocks
        .iter()
        .filter_map(|b| match level(b) {
            0 if top > 0 && depth(b) == Some(top) => Some(label(b)),
            l if l == top && top > 0 => Some(printed(b)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_corpus_texts_give_their_body() {
    // The documents whose header the recogniser finds: the first and last paragraph, the
    // top-level headings and the footnotes as printed (a State document's last paragraph with
    // the `./.` its layout prints).
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let documents =
        ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "29", "30", "33", "34"];
    let mut checked = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".txt") || !documents.iter().any(|d| name.starts_with(d)) {
            continue;
        }
        let yaml = std::fs::read_to_string(path.with_extension("expected.yaml")).unwrap();
        let out = import(&std::fs::read_to_string(&path).unwrap());
        let (notes, paras): (Vec<&String>, Vec<&String>) =
            out.blocks.iter().partition(|b| b.starts_with("[^"));
        let first: String = printed(paras[0]).chars().take(60).collect();
        let mut last = printed(paras[paras.len() - 1]);
        if out.front.contains("the_thuc: nha-nuoc") {
            last.push_str("/.");
        }
        let last: String = last.chars().skip(last.chars().count().saturating_sub(60)).collect();
        assert_eq!(first, expected(&yaml, "body_first")[0], "{name}: body_first");
        assert_eq!(last, expected(&yaml, "body_last")[0], "{name}: body_last");
        assert_eq!(notes.len().to_string(), expected(&yaml, "footnotes")[0], "{name}: footnotes");
        let headings: Vec<String> = top_headings(&out.blocks);
        assert_eq!(headings, expected(&yaml, "headings"), "{name}: headings");
        checked += 1;
    }
    assert_eq!(checked, documents.len());
}
