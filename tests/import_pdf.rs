//! `vanban import X.pdf`: the PDF reader's text form (columns as tab-parted cells, paragraphs,
//! bold and italic, footnotes, page numbers dropped and reported) on every example rendered by
//! vanban and on the corpus PDFs; scans and empty PDFs refused as `import::no_text`, broken and
//! encrypted ones as `import::pdf`; a signed PDF read as its unsigned original.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ENGINE, folder, stderr, vanban};
use vanban::import::pdf::{self, PdfText, Unread};
use vanban::import::text::markup::plain;

/// The corpus PDF numbered `n` (the corpus PDFs are copied from `../shared/corpus/`).
fn corpus(n: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "pdf")
                && p.file_name().unwrap().to_string_lossy().starts_with(&format!("{n}-"))
        })
        .unwrap_or_else(|| panic!("tests/corpus/{n}-*.pdf missing: copy it from ../shared/corpus/"))
}

fn read(bytes: Vec<u8>) -> PdfText {
    pdf::read(bytes).unwrap_or_else(|e| panic!("{e:?}"))
}

fn read_corpus(n: &str) -> PdfText {
    read(std::fs::read(corpus(n)).unwrap())
}

/// The lines of the text form, each as its cells in plain text.
fn rows(t: &PdfText) -> Vec<Vec<String>> {
    t.text.lines().map(|l| l.split('\t').map(plain).filter(|c| !c.is_empty()).collect()).collect()
}

/// Whether a line of the text form has exactly these cells.
fn has_row(t: &PdfText, cells: &[&str]) -> bool {
    rows(t).iter().any(|r| r.iter().map(String::as_str).eq(cells.iter().copied()))
}

fn notes(t: &PdfText) -> Vec<String> {
    t.notes.iter().map(|n| n.message.clone()).collect()
}

/// The words of a text in lowercase (the layout sets some headings in capitals), letters and
/// figures only (marks, Markdown and superscripts left out).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            let kept: String =
                w.chars().filter(|c| c.is_alphanumeric() && !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c)).collect();
            kept.to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Asserts that `wanted` stands in `have` in order (other words may come between).
fn in_order(what: &str, wanted: &[String], have: &[String]) {
    let mut at = 0;
    for (i, w) in wanted.iter().enumerate() {
        match have[at..].iter().position(|h| h == w) {
            Some(k) => at += k + 1,
            None => panic!("{what}: word {i} `{w}` lost; before it: {:?}", &wanted[i.saturating_sub(8)..i]),
        }
    }
}

/// An example's body (after its front matter) without footnote references, and its footnotes.
fn body_and_notes(md: &str) -> (String, Vec<(u32, String)>) {
    let body = md.split_once("\n---\n").map_or("", |(_, body)| body);
    let mut text = String::new();
    let mut footnotes = vec![];
    for line in body.lines() {
        if let Some((n, rest)) = line.strip_prefix("[^").and_then(|l| l.split_once("]: ")) {
            footnotes.push((n.parse().unwrap(), rest.to_owned()));
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    // `[^3]` references render as raised figures.
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once(']').map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    (out, footnotes)
}

fn superscript(n: u32) -> String {
    n.to_string().chars().map(|d| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d as usize - '0' as usize).unwrap()).collect()
}

/// What a PDF cannot carry, so the round trip does not compare it: the ruleset chosen
/// (`quy_tac`), YAML comments, and keys the layout prints nowhere or prints as plain text a
/// reader cannot tell from the body (`nguoi_soan`, `lien_he`, `ban_sao`, `phu_luc`, `ky_khac`,
/// `do_khan`, `pham_vi`). Compared: the header's columns and number line, the signer, the
/// body's words in order, each footnote, the page numbers; and after recognition `loai`,
/// `the_thuc`, `so`, `co_quan.viet_tat`, `dia_danh` and `can_cu`. The day of a document not yet
/// issued is printed blank (`ngày … tháng … năm`), so `ngay` cannot come back from its PDF.
#[test]
fn every_example_reads_back_from_its_pdf() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&examples)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 12, "{paths:?}");
    let dir = folder(&[]);
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let md = std::fs::read_to_string(path).unwrap();
        let doc = vanban::input::load(path).unwrap().document;
        let rendered = ENGINE.render(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = read(rendered.pdf.clone());
        let motto = if name.starts_with("nha-nuoc") {
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        } else {
            "ĐẢNG CỘNG SẢN VIỆT NAM"
        };
        let issuer = doc.co_quan.cap_tren.clone().unwrap_or_else(|| doc.co_quan.ten.clone());
        let first = issuer.split_whitespace().next().unwrap();
        // The header's first row: the issuer's first line | the motto.
        assert!(
            rows(&text).iter().any(|r| r.len() == 2 && r[0].starts_with(first) && r[1] == motto),
            "{name}: no issuer | motto row in\n{}",
            text.text
        );
        // The number and the place and date, side by side.
        assert!(
            rows(&text).iter().any(|r| r.len() == 2 && r[0].starts_with("Số") && r[1].contains(", ngày")),
            "{name}: no number | date row in\n{}",
            text.text
        );
        // The signer's name in the right-hand column.
        assert!(
            text.text
                .lines()
                .any(|l| l.contains('\t') && plain(l.rsplit('\t').next().unwrap()) == doc.ky.ho_ten),
            "{name}: signer `{}` not in a column",
            doc.ky.ho_ten
        );
        // No word of the body lost, in order; each footnote as `ⁿ text`.
        let (body, footnotes) = body_and_notes(&md);
        let have = words(&text.text);
        in_order(&name, &words(&body), &have);
        for (n, note) in &footnotes {
            let mark = format!("{} ", superscript(*n));
            let line = text.text.lines().find(|l| l.starts_with(&mark));
            let line = line.unwrap_or_else(|| panic!("{name}: footnote {n} not a `{mark}…` paragraph"));
            assert_eq!(words(line), words(note), "{name}: footnote {n}");
        }
        // The pages' numbers dropped, each reported at its page; none left as a line.
        let pages = rendered.document.pages().len();
        let numbers: Vec<String> =
            notes(&text).into_iter().filter(|n| n.starts_with("bỏ số trang")).collect();
        for said in &numbers {
            let k = said.rsplit(' ').next().unwrap();
            assert_eq!(said, &format!("bỏ số trang `{k}` ở trang {k}"), "{name}");
        }
        if name == "bao-cao-thang-4-2026" {
            assert_eq!(pages, 9);
            assert_eq!(numbers.len(), 8, "pages 2 to 9: {numbers:?}");
        }
        assert!(!text.text.lines().any(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit())), "{name}");
        // Recognised from the PDF as from the source.
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, &rendered.pdf).unwrap();
        let imported = vanban::import::import_file(&file, None).unwrap().markdown;
        // A Party document is the default: only a State one says so.
        let state = imported.contains("\nthe_thuc: nha-nuoc\n");
        assert_eq!(state, name.starts_with("nha-nuoc"), "{name}:\n{imported}");
        for (key, value) in
            [("loai", &doc.loai), ("dia_danh", &doc.dia_danh), ("  viet_tat", &doc.co_quan.viet_tat)]
        {
            assert!(imported.contains(&format!("\n{key}: {value}\n")), "{name}: {key}\n{imported}");
        }
        for ground in &doc.can_cu {
            assert!(imported.contains(&format!("\n  - {ground}\n")), "{name}: {ground}\n{imported}");
        }
        if let Some(so) = doc.so {
            assert!(imported.contains(&format!("\nso: {so}\n")), "{name}:\n{imported}");
        }
    }
}

#[test]
fn corpus_headers_come_as_two_columns_with_the_number_and_date_apart() {
    let t = read_corpus("15");
    assert!(has_row(&t, &["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]), "{}", t.text);
    assert!(has_row(&t, &["TỈNH LÀO CAI", "Độc lập - Tự do - Hạnh phúc"]));
    // The number and day the e-office system stamped (an annotation) stand in their blanks.
    assert!(has_row(&t, &["Số: 7432 /UBND-XD", "Lào Cai, ngày 21 tháng 7 năm 2026"]), "{}", t.text);
    assert!(has_row(&t, &["Nơi nhận:", "KT. CHỦ TỊCH"]));
    assert!(has_row(&t, &["- Chủ tịch UBND tỉnh;", "PHÓ CHỦ TỊCH"]));
    // The signer alone on his row keeps his column.
    assert!(t.text.lines().any(|l| l == "\t**Phan Trung Bá**"), "{}", t.text);
    let t = read_corpus("16");
    assert!(has_row(&t, &["BỘ XÂY DỰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]));
    assert!(has_row(&t, &["Số: 1074/QĐ-BXD", "Hà Nội, ngày 29 tháng 6 năm 2026"]));
    let t = read_corpus("18");
    // The stamped number in the blank: `Số:`, the number and the code stay one cell.
    assert!(
        rows(&t)
            .iter()
            .any(|r| r.len() == 2 && r[0] == "Số: 1178 /ĐCK-CTT" && r[1].starts_with("Hà Nội, ngày")),
        "{}",
        t.text
    );
    for n in ["17", "36", "37"] {
        let t = read_corpus(n);
        assert!(has_row(&t, &["TỈNH LÀO CAI", "Độc lập - Tự do - Hạnh phúc"]), "{n}:\n{}", t.text);
    }
    let t = read_corpus("38");
    assert!(has_row(&t, &["BAN QUẢN LÝ KHU KINH TẾ", "Độc lập - Tự do - Hạnh phúc"]), "{}", t.text);
}

#[test]
fn corpus_paragraphs_styles_and_repairs() {
    let t = read_corpus("16");
    let lines: Vec<&str> = t.text.lines().collect();
    // The title in bold, the trích yếu's lines as printed, each căn cứ its own italic paragraph.
    assert!(lines.contains(&"**QUYẾT ĐỊNH**"));
    assert!(lines.contains(&"**QUYẾT ĐỊNH:**"));
    let can_cu: Vec<&&str> = lines.iter().filter(|l| l.starts_with("*Căn cứ ")).collect();
    assert_eq!(can_cu.len(), 5, "{can_cu:?}");
    assert!(can_cu.iter().all(|l| l.ends_with(";*")), "{can_cu:?}");
    assert!(lines.contains(
        &"*Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15 ngày 29 tháng 11 năm 2024;*"
    ));
    // A paragraph over five lines is one line of the text form, followed by a blank line.
    let art = lines.iter().position(|l| l.starts_with("**Điều 1.** Ban hành kèm theo")).expect("Điều 1");
    assert!(lines[art].ends_with("(sau đây gọi tắt là Giải pháp kỹ thuật)."), "{}", lines[art]);
    assert_eq!(lines[art + 1], "");
    assert_eq!(lines[art + 2], "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.");
    // A paragraph going on over the page break is joined.
    assert!(lines.contains(&"**Điều 3.** Tổ chức thực hiện"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2. Chánh Văn phòng Bộ") && l.ends_with("thi hành Quyết định này./."))
    );
    // `ƣ` (U+01A3) where the font meant `ư`: read as `ư`, and said.
    let t = read_corpus("18");
    assert!(!t.text.contains('ƣ') && t.text.contains("V/v hướng dẫn về công tác quản"));
    assert!(notes(&t).contains(&"đã sửa 18 chữ `ƣ` thành `ư` (lớp chữ của PDF ghi sai mã)".to_owned()));
    let t = read_corpus("17");
    // The label and the addressee set at a tab stop.
    assert!(has_row(&t, &["Kính gửi:", "Sở Công Thương."]), "{}", t.text);
    // A dash set in bold is no emphasis.
    assert!(t.text.lines().any(|l| l == "- Như trên;"), "{}", t.text);
    let t = read_corpus("38");
    assert!(t.text.lines().any(|l| l == "**GIẤY CHỨNG NHẬN ĐĂNG KÝ ĐẦU TƯ**"));
}

#[test]
fn corpus_page_numbers_are_dropped_and_listed() {
    let t = read_corpus("37");
    let said: Vec<String> = notes(&t).into_iter().filter(|n| n.starts_with("bỏ số trang")).collect();
    assert_eq!(said, ["bỏ số trang `2` ở trang 2", "bỏ số trang `3` ở trang 3", "bỏ số trang `4` ở trang 4"]);
    assert!(!t.text.lines().any(|l| ["2", "3", "4"].contains(&l.trim())));
    // An appendix that numbers its pages again: each number at its page.
    let t = read_corpus("36");
    let said: Vec<String> = notes(&t).into_iter().filter(|n| n.starts_with("bỏ số trang")).collect();
    assert!(said.contains(&"bỏ số trang `2` ở trang 6".to_owned()), "{said:?}");
}

#[test]
fn scans_and_empty_pdfs_have_no_text() {
    for n in ["19", "20"] {
        match pdf::read(std::fs::read(corpus(n)).unwrap()) {
            Err(Unread::NoText(why)) => assert!(why.contains("% có dấu"), "{n}: {why}"),
            other => panic!("{n}: {other:?}"),
        }
    }
    // Through the command: the code, the file, the hint to OCR it first.
    let dir = folder(&[]);
    std::fs::copy(corpus("19"), dir.path().join("scan.pdf")).unwrap();
    let out = vanban(dir.path(), &["import", "scan.pdf"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("lỗi[import::no_text]: scan.pdf không có lớp chữ tiếng Việt dùng được"), "{err}");
    assert!(err.contains("tesseract") && err.contains("-l vie"), "{err}");
    assert!(!dir.path().join("scan.md").exists());
    // A page with nothing drawn on it.
    match pdf::read(blank_pdf()) {
        Err(Unread::NoText(why)) => assert_eq!(why, "chỉ có 0 chữ cái"),
        other => panic!("{other:?}"),
    }
}

/// A PDF made by hand: each page's content stream, with `/F1` Helvetica and `/F2` a TrueType
/// font that is not embedded (its text written in the font's 8-bit codes).
fn pdf_of(pages: &[&[u8]]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /VnTime /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend_from_slice(o);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
    );
    pdf
}

/// A PDF of one empty page.
fn blank_pdf() -> Vec<u8> {
    pdf_of(&[b""])
}

/// A line at `y` points from the top in the 8-bit font, its words parted by kerning alone (no
/// space glyph), as many PDF producers write them.
fn kerned(y: u32, words: &[&str]) -> Vec<u8> {
    let mut out = format!("BT /F2 12 Tf 72 {} Td [", 842 - y).into_bytes();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b" -400 ");
        }
        out.push(b'(');
        out.extend(w.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1")));
        out.push(b')');
    }
    out.extend_from_slice(b"] TJ ET\n");
    out
}

#[test]
fn a_legacy_font_without_space_glyphs_and_a_short_numbered_page() {
    // TCVN3 codes in a font the PDF names but does not embed: converted by what the text is.
    let one = [
        kerned(100, &["kÕt", "qu¶", "c«ng", "t¸c", "th¸ng", "5"]),
        kerned(130, &["Chi", "bé", "®·", "hoµn", "thµnh", "nhiÖm", "vô."]),
    ]
    .concat();
    // A page of two lines: its number at the top, one line of text.
    let two = [
        b"BT /F1 12 Tf 290 802 Td (2) Tj ET\n".to_vec(),
        kerned(100, &["®¶ng", "viªn", "®Òu", "tham", "gia."]),
    ]
    .concat();
    let t = read(pdf_of(&[&one, &two]));
    // The short line ends its paragraph; the line that fills the measure goes on over the
    // page break.
    assert_eq!(
        t.text, "kết quả công tác tháng 5\n\nChi bộ đã hoàn thành nhiệm vụ. đảng viên đều tham gia.\n\n",
        "{:?}",
        t.notes
    );
    // Each line of the text form is counted at the page its paragraph starts on.
    assert_eq!(t.pages, [1, 1, 1, 1]);
    let said = notes(&t);
    assert!(said.contains(&"bỏ số trang `2` ở trang 2".to_owned()), "{said:?}");
    assert!(said.contains(&"đã chuyển 3 đoạn chữ phông `không tên` sang Unicode".to_owned()), "{said:?}");
}

#[test]
fn broken_and_truncated_pdfs_are_refused_by_name() {
    let dir = folder(&[("hong.pdf", "%PDF-1.7\nnot a pdf at all")]);
    let out = vanban(dir.path(), &["import", "hong.pdf"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("lỗi[import::pdf]: hong.pdf: không phải tệp PDF đọc được"), "{err}");
    // Any prefix of a real PDF: an error or a text, never a panic.
    let real = std::fs::read(corpus("16")).unwrap();
    for cut in [10, 1000, real.len() / 3, real.len() / 2, real.len() - 100] {
        match pdf::read(real[..cut].to_vec()) {
            Ok(_) | Err(Unread::Broken(_)) | Err(Unread::NoText(_)) => {}
        }
    }
    // Bytes flipped all over a real file.
    let mut bad = real.clone();
    for i in (200..bad.len()).step_by(997) {
        bad[i] ^= 0x5a;
    }
    let _ = pdf::read(bad);
}

#[test]
fn a_folder_of_pdfs_is_imported() {
    let dir = folder(&[]);
    std::fs::create_dir_all(dir.path().join("luu/con")).unwrap();
    std::fs::copy(corpus("16"), dir.path().join("luu/con/qd.pdf")).unwrap();
    std::fs::copy(corpus("20"), dir.path().join("luu/scan.pdf")).unwrap();
    let out = vanban(dir.path(), &["import", "luu", "-o", "ra"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "the scan fails: {err}");
    let md = std::fs::read_to_string(dir.path().join("ra/con/qd.md")).unwrap();
    assert!(md.contains("\nso: 1074\n") && md.contains("**Điều 1.** Ban hành kèm theo"), "{md}");
    assert!(err.contains("luu/scan.pdf") && err.contains("lỗi: luu/scan.pdf không có lớp chữ"), "{err}");
}

/// The Python interpreter with pyHanko (as `tests/signing.rs` uses it).
fn python() -> PathBuf {
    std::env::var_os("VANBAN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py/bin/python"))
}

#[test]
fn a_signed_pdf_reads_as_its_unsigned_original() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nha-nuoc-quyet-dinh.md");
    let dir = folder(&[("qd.md", &std::fs::read_to_string(example).unwrap())]);
    let out = vanban(dir.path(), &["render", "qd.md", "-o", "qd.pdf", "--sig-fields"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plain_out = vanban(dir.path(), &["render", "qd.md", "-o", "plain.pdf"]);
    assert!(plain_out.status.success(), "{}", stderr(&plain_out));
    let unsigned = read(std::fs::read(dir.path().join("plain.pdf")).unwrap());
    // Empty signature fields, added as an incremental update.
    let fields = read(std::fs::read(dir.path().join("qd.pdf")).unwrap());
    assert_eq!(fields.text, unsigned.text);
    // Signed by pyHanko into the field: one more incremental update.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/pdf_tools.py");
    let signed = Command::new(python())
        .arg(script)
        .args(["sign", "qd.pdf", "ky.pdf", "."])
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| {
            panic!("{}: {e}; install tests/support/requirements.txt there", python().display())
        });
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    let signed = read(std::fs::read(dir.path().join("ky.pdf")).unwrap());
    assert_eq!(signed.text, unsigned.text);
    assert_eq!(signed.pages, unsigned.pages);
}
