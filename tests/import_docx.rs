//! DOCX import: the text form the reader gives the recogniser, on small Word files built
//! here for each shape (layout tables, automatic numbering, data tables with merged cells,
//! run formatting, text boxes) and on the corpus's real Word files.

mod common;

use common::zip_of;
use vanban::import::docx;
use vanban::import::text::markup::plain;

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml""#
);

/// A .docx with the given body and parts (`numbering`, `styles`: their inner XML).
fn docx_of(body: &str, numbering: &str, styles: &str) -> Vec<u8> {
    zip_of(&[
        ("word/document.xml", format!("<w:document {NS}><w:body>{body}</w:body></w:document>").as_bytes()),
        ("word/numbering.xml", format!("<w:numbering {NS}>{numbering}</w:numbering>").as_bytes()),
        ("word/styles.xml", format!("<w:styles {NS}>{styles}</w:styles>").as_bytes()),
    ])
}

/// The text form of a body.
fn text_of(body: &str, numbering: &str, styles: &str) -> String {
    docx::read(&docx_of(body, numbering, styles)).unwrap().text
}

/// A run; `format` is run properties (`<w:b/>`, `<w:i/>`).
fn r(text: &str, format: &str) -> String {
    format!(r#"<w:r><w:rPr>{format}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A paragraph of plain text.
fn p(text: &str) -> String {
    format!("<w:p>{}</w:p>", r(text, ""))
}

/// A cell of paragraphs (given as XML).
fn tc(paragraphs: &[String]) -> String {
    format!("<w:tc>{}</w:tc>", paragraphs.concat())
}

/// A table of rows of cells (given as XML).
fn tbl(rows: &[Vec<String>]) -> String {
    let rows: String = rows.iter().map(|r| format!("<w:tr>{}</w:tr>", r.concat())).collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

/// A cell of plain paragraphs.
fn cell(lines: &[&str]) -> String {
    tc(&lines.iter().map(|l| p(l)).collect::<Vec<_>>())
}

/// A paragraph in list `num` at level `ilvl`.
fn item(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text, "")
    )
}

/// A level of an abstract numbering.
fn lvl(ilvl: u32, format: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
    )
}

/// The imported Markdown of a DOCX, through the whole import.
fn imported(bytes: &[u8]) -> String {
    let dir = common::folder(&[]);
    let path = dir.path().join("vb.docx");
    std::fs::write(&path, bytes).unwrap();
    vanban::import::import_file(&path, None).unwrap().markdown
}

#[test]
fn automatic_numbering_is_written_out() {
    let numbering = [
        format!(
            r#"<w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum>"#,
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "lowerLetter", "%2)", "")
        ),
        format!(r#"<w:abstractNum w:abstractNumId="2">{}</w:abstractNum>"#, lvl(0, "bullet", "\u{f0b7}", "")),
        format!(
            r#"<w:abstractNum w:abstractNumId="3">{}{}</w:abstractNum>"#,
            lvl(0, "upperRoman", "%1.", ""),
            lvl(1, "decimal", "%1.%2.", "<w:isLgl/>")
        ),
        format!(r#"<w:abstractNum w:abstractNumId="4">{}</w:abstractNum>"#, lvl(0, "decimal", "Điều %1.", "")),
        format!(r#"<w:abstractNum w:abstractNumId="5">{}</w:abstractNum>"#, lvl(0, "decimal", "%1", "")),
        r#"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#.to_owned(),
        r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#.to_owned(),
        r#"<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#.to_owned(),
        r#"<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>"#.to_owned(),
        r#"<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>"#.to_owned(),
        r#"<w:num w:numId="6"><w:abstractNumId w:val="5"/></w:num>"#.to_owned(),
    ]
    .concat();
    // A style carries list 5: its paragraphs are numbered without a `numPr` of their own.
    let styles = r#"<w:style w:type="paragraph" w:styleId="Dieu"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"#;
    let dieu = |t: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="Dieu"/></w:pPr>{}</w:p>"#, r(t, ""));
    let body = [
        item(1, 0, "Mục tiêu"),
        item(1, 1, "Một"),
        item(1, 1, "Hai"),
        item(1, 0, "Yêu cầu"),
        item(1, 1, "Ba"),
        item(2, 0, "Lại từ đầu"),
        item(3, 0, "Một ý"),
        item(4, 0, "NHIỆM VỤ"),
        item(4, 1, "Nhiệm vụ chung"),
        item(4, 1, "Nhiệm vụ riêng"),
        dieu("Phạm vi điều chỉnh"),
        dieu("Đối tượng áp dụng"),
        tbl(&[
            vec![cell(&["TT"]), cell(&["Đơn vị"])],
            vec![tc(&[item(6, 0, "")]), cell(&["Sở Xây dựng"])],
            vec![tc(&[item(6, 0, "")]), cell(&["Sở Tài chính"])],
        ]),
    ]
    .concat();
    assert_eq!(
        text_of(&body, &numbering, styles),
        "1. Mục tiêu\n\na) Một\n\nb) Hai\n\n2. Yêu cầu\n\na) Ba\n\n1. Lại từ đầu\n\n- Một ý\n\nI. NHIỆM VỤ\n\n\
         1.1. Nhiệm vụ chung\n\n1.2. Nhiệm vụ riêng\n\nĐiều 1. Phạm vi điều chỉnh\n\nĐiều 2. Đối tượng áp dụng\n\n\
         | TT | Đơn vị |\n|---|---|\n| 1 | Sở Xây dựng |\n| 2 | Sở Tài chính |\n\n"
    );
}

#[test]
fn a_header_table_gives_its_cells_apart_by_a_tab() {
    let italic = format!("<w:p>{}</w:p>", r("Lào Cai, ngày      tháng 4 năm 2026", "<w:i/>"));
    let header = tbl(&[vec![
        cell(&["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Số:      /SCT-CN"]),
        cell(&[""]),
        tc(&[p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"), italic]),
    ]]);
    let body = [header, p("V/v trả lời kiến nghị")].concat();
    assert_eq!(
        text_of(&body, "", ""),
        "UBND TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ CÔNG THƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n\
         Số: /SCT-CN\t*Lào Cai, ngày tháng 4 năm 2026*\n\nV/v trả lời kiến nghị\n\n"
    );
    let md = imported(&docx_of(&body, "", ""));
    assert!(
        md.contains("co_quan:\n  cap_tren: UBND TỈNH LÀO CAI\n  ten: SỞ CÔNG THƯƠNG\n  viet_tat: SCT-CN\n"),
        "{md}"
    );
    // The same line typed with a tab in one paragraph, the issuer joined by spaces in one cell.
    let body = [
        tbl(&[vec![
            cell(&["ỦY BAN NHÂN DÂN          TỈNH LÀO CAI"]),
            cell(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
        ]]),
        format!(
            "<w:p>{}<w:r><w:tab/><w:tab/></w:r>{}</w:p>",
            r("Số:    /KH-UBND", ""),
            r("Lào Cai, ngày    tháng 4 năm 2026", "")
        ),
    ]
    .concat();
    assert_eq!(
        text_of(&body, "", ""),
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\
         Số: /KH-UBND\tLào Cai, ngày tháng 4 năm 2026\n\n"
    );
}

#[test]
fn a_closing_table_gives_noi_nhan_and_the_signature_side_by_side() {
    let closing = tbl(&[vec![
        cell(&["Nơi nhận:", "- Như trên;", "- Lưu: VT, CN."]),
        cell(&["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Hoàng Văn Thuân"]),
    ]]);
    let body =
        [p("QUYẾT ĐỊNH"), p("Về việc kiểm tra"), p("Quyết định này có hiệu lực kể từ ngày ký./."), closing]
            .concat();
    let text = text_of(&body, "", "");
    assert!(
        text.ends_with(
            "Nơi nhận:\tKT. GIÁM ĐỐC\n- Như trên;\tPHÓ GIÁM ĐỐC\n- Lưu: VT, CN.\n\n\tHoàng Văn Thuân\n\n"
        ),
        "{text}"
    );
    let md = imported(&docx_of(&body, "", ""));
    assert!(
        md.contains("ky:\n  tham_quyen: KT. GIÁM ĐỐC\n  chuc_vu: PHÓ GIÁM ĐỐC\n  ho_ten: Hoàng Văn Thuân\n"),
        "{md}"
    );
    assert!(md.contains("noi_nhan:\n  - Như trên\n  - \"Lưu: VT, CN\"\n"), "{md}");
    // Two signature blocks and no keyword: a layout table by its shape; a break in a cell
    // starts a line of its own.
    let two = tbl(&[vec![
        cell(&["ĐẠI DIỆN CHI NHÁNH", "", "", "Bùi Thanh Phương"]),
        tc(&[
            format!("<w:p>{}<w:r><w:br/></w:r>{}</w:p>", r("TRƯỞNG ĐOÀN", ""), r("KIỂM TRA", "")),
            p(""),
            p(""),
            p("Trần Trọng Trang"),
        ]),
    ]]);
    assert_eq!(
        text_of(&two, "", ""),
        "ĐẠI DIỆN CHI NHÁNH\tTRƯỞNG ĐOÀN\n\tKIỂM TRA\n\nBùi Thanh Phương\n\tTrần Trọng Trang\n\n"
    );
}

#[test]
fn a_luu_line_outside_a_table_is_kept() {
    let body =
        [p("Nơi nhận:"), p("- Như trên;"), p("- Lưu: VT, VP."), p("GIÁM ĐỐC"), p("Trần Văn Bình")].concat();
    assert_eq!(
        text_of(&body, "", ""),
        "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n\n"
    );
    let md = imported(&docx_of(&body, "", ""));
    assert!(md.contains("noi_nhan:\n  - Như trên\n  - \"Lưu: VT, VP\"\n"), "{md}");
}

#[test]
fn a_data_table_with_merged_cells_keeps_its_columns() {
    let span = |t: &str| format!(r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc>"#, p(t));
    let merge = |v: &str, t: &str| format!(r#"<w:tc><w:tcPr><w:vMerge{v}/></w:tcPr>{}</w:tc>"#, p(t));
    let table = tbl(&[
        vec![cell(&["TT"]), span("Số hiệu UN và tên"), cell(&["Ghi chú"])],
        vec![merge(r#" w:val="restart""#, "1"), cell(&["1005"]), cell(&["Amoniac"]), cell(&["Lỏng", "Độc"])],
        vec![merge("", ""), cell(&["1951"]), cell(&["Argon | khí"]), cell(&[""])],
    ]);
    assert_eq!(
        text_of(&table, "", ""),
        "| TT | Số hiệu UN và tên |  | Ghi chú |\n|---|---|---|---|\n| 1 | 1005 | Amoniac | Lỏng Độc |\n\
         |  | 1951 | Argon \\| khí |  |\n\n"
    );
}

#[test]
fn runs_are_escaped_and_marked_round_their_words() {
    let body = [
        format!(
            "<w:p>{}{}{}{}</w:p>",
            r("Điểm 2 * 3 = 6 và ", ""),
            r("quan trọng", "<w:b/>"),
            r(", ", ""),
            r(" (theo phụ lục) ", "<w:i/>")
        ),
        format!(
            "<w:p>{}{}{}</w:p>",
            r("ĐOÀN KIỂM TRA", "<w:b/>"),
            r(" ", ""),
            r("THEO QĐ SỐ 2872", "<w:b/>")
        ),
        format!("<w:p>{}</w:p>", r("Trọng tải (kg)", "<w:b/>")),
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Dòng một</w:t><w:br/><w:t>dòng hai.</w:t></w:r></w:p>"
            .to_owned(),
        format!(r#"<w:p>{}</w:p>"#, r("chữ hoa", "<w:caps/>")),
    ]
    .concat();
    assert_eq!(
        text_of(&body, "", ""),
        "Điểm 2 \\* 3 = 6 và **quan trọng**, (*theo phụ lục*)\n\n**ĐOÀN KIỂM TRA THEO QĐ SỐ 2872**\n\n\
         **Trọng tải (kg)**\n\n**Dòng một**\n**dòng hai**.\n\nCHỮ HOA\n\n"
    );
    // Bold and italic from the styles: a paragraph style, and a character style over it.
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:styleId="Tieude"><w:rPr><w:b/></w:rPr></w:style>"#,
        r#"<w:style w:type="character" w:styleId="Nghieng"><w:rPr><w:b w:val="0"/><w:i/></w:rPr></w:style>"#,
    );
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Tieude"/></w:pPr>{}{}</w:p>"#,
        r("BÁO CÁO ", ""),
        r("tháng 5", r#"<w:rStyle w:val="Nghieng"/>"#)
    );
    assert_eq!(text_of(&body, "", styles), "**BÁO CÁO** *tháng 5*\n\n");
}

#[test]
fn text_boxes_and_content_controls_are_read_once_field_codes_and_deletions_not() {
    let txbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let shape = format!(
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice>\
         <mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        txbx("DỰ THẢO"),
        txbx("DỰ THẢO")
    );
    let field = concat!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    );
    let body = [
        format!("<w:p>{}{shape}</w:p>", r("Trang ", "")),
        format!("<w:p>{}{field}</w:p>", r("Xem trang ", "")),
        format!(
            "<w:p>{}<w:del><w:r><w:delText>cũ </w:delText></w:r></w:del><w:ins><w:r><w:t>mới</w:t></w:r></w:ins></w:p>",
            r("Bản ", "")
        ),
        format!("<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>", p("Nội dung trong ô điều khiển")),
        format!("<w:p><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt></w:p>", r("Tên đơn vị", "")),
    ]
    .concat();
    assert_eq!(
        text_of(&body, "", ""),
        "Trang\n\nDỰ THẢO\n\nXem trang 3\n\nBản mới\n\nNội dung trong ô điều khiển\n\nTên đơn vị\n\n"
    );
}

#[test]
fn pictures_are_reported_and_drawn_rules_are_not() {
    let picture = r#"<w:p><w:r><w:drawing><a:graphic><a:graphicData><a:blip/></a:graphicData></a:graphic></w:drawing></w:r></w:p>"#;
    let rule = r#"<w:p><w:r><w:drawing><wps:wsp/></w:drawing></w:r></w:p>"#;
    let doc =
        docx::read(&docx_of(&[p("Sơ đồ"), picture.to_owned(), rule.to_owned()].concat(), "", "")).unwrap();
    let notes: Vec<&str> = doc.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(notes, ["hình ảnh ở đoạn 2 chưa được nhập"]);
}

/// The corpus's Word files.
fn corpus(prefix: &str) -> (String, Vec<u8>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                && p.extension().is_some_and(|x| x == "docx")
        })
        .unwrap();
    let bytes = std::fs::read(path).unwrap();
    (docx::read(&bytes).unwrap().text, bytes)
}

#[test]
fn corpus_headers_closings_and_tables() {
    let (qd, _) = corpus("24-");
    assert!(
        qd.starts_with(
            "UBND TỈNH LÀO CAI\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ CÔNG THƯƠNG\tĐộc lập -Tự do - Hạnh phúc\n\n\
             Số: /QĐ-SCT\t*Lào Cai, ngày tháng 5 năm 2026*\n\nQUYẾT ĐỊNH\n\n"
        ),
        "{qd}"
    );
    assert!(
        qd.contains("| TT | Đơn vị kiểm tra | Địa chỉ Dự án |\n|---|---|---|\n| 01 | Công ty TNHH một thành viên Khí công nghiệp Lào Cai |"),
        "the appendix is a table: {qd}"
    );
    assert!(qd.contains("- Lưu: VT, CN(Loan).\n"), "{qd}");
    let (kh, _) = corpus("26-");
    assert!(
        kh.starts_with("**ỦY BAN NHÂN DÂN TỈNH LÀO CAI**\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"),
        "{kh}"
    );
    assert!(
        kh.contains("- Bộ Nông nghiệp và Môi trường (để báo cáo);\t**KT. CHỦ TỊCH**\n"),
        "a break in the signature cell: {kh}"
    );
    let (bb, _) = corpus("22-");
    assert!(bb.contains("| **STT** | **Tài liệu** |\n|---|---|\n| 1. | Giấy đề nghị"), "{bb}");
    assert!(bb.contains("**ĐẠI DIỆN CHI NHÁNH**\t**TRƯỞNG ĐOÀN**\n"), "{bb}");
    assert!(bb.contains("| **TT** | **Tên gọi và Mô tả** | **Số hiệu UN** |"), "not a layout table: {bb}");
    let (bc, _) = corpus("25-");
    assert!(bc.starts_with("SỞ CÔNG THƯƠNG LÀO CAI\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**ĐOÀN KIỂM TRA THEO QĐ SỐ 2872/QĐ-SCT**\t"), "{bc}");
}

/// The words of a text, letters and digits only.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[test]
fn every_word_of_the_corpus_docx_reaches_the_text_form() {
    use unicode_normalization::UnicodeNormalization;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    for n in 21..=28 {
        let (text, bytes) = corpus(&format!("{n}-"));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        // The text Word shows: `w:t` outside deletions and the fallback copies of shapes,
        // paragraphs, tabs and breaks apart.
        let mut source = String::new();
        for n in doc
            .descendants()
            .filter(|n| !n.ancestors().any(|a| matches!(a.tag_name().name(), "del" | "Fallback")))
        {
            match n.tag_name().name() {
                "t" if n.tag_name().namespace() == Some(W) => source.push_str(n.text().unwrap_or_default()),
                "p" | "tab" | "br" | "cr" => source.push(' '),
                _ => {}
            }
        }
        let mut left: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for w in words(&plain(&text.replace('\t', " ")).nfc().collect::<String>()) {
            *left.entry(w).or_default() += 1;
        }
        let mut lost = vec![];
        for w in words(&source.nfc().collect::<String>()) {
            match left.get_mut(&w) {
                Some(k) if *k > 0 => *k -= 1,
                _ => lost.push(w),
            }
        }
        assert!(lost.is_empty(), "{n}: {lost:?}");
    }
}
