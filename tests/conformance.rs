//! Conformance of the example to HD 05-HD/VPTW, read from the laid-out pages: page, margins,
//! the size, weight and style of every zone, positions, footnotes, closing band, page numbers.
//! Expected values are the rule's (shared/spec/format-rules.md §1), not the ruleset file's.

mod common;

use common::{CENTRE, EXAMPLE_RENDERED, LEFT, RIGHT, centre, close, first, only, rules_mm, style};
use vanban::inspect::{Layout, TextRun};

/// Body line spacing set in the ruleset (exactly 18–22 pt; one setting).
const LINE_PT: f64 = 18.0;

fn layout() -> &'static Layout {
    &EXAMPLE_RENDERED.1
}

fn run(text: &str) -> &'static TextRun {
    only(layout(), text)
}

fn first_run(text: &str) -> &'static TextRun {
    first(layout(), text)
}

#[test]
fn a4_pages_and_font() {
    let l = layout();
    assert!(l.pages.len() >= 2);
    for (w, h) in &l.pages {
        assert!(close(*w, 210.0, 0.01) && close(*h, 297.0, 0.01), "page {w}×{h} mm");
    }
    assert!(
        l.text.iter().all(|r| r.family == "Liberation Serif"),
        "bundled Liberation Serif without system fonts"
    );
}

#[test]
fn margins_hold_on_every_page() {
    let l = layout();
    for r in &l.text {
        assert!(r.x >= LEFT - 0.01, "left margin: {r:?}");
        assert!(r.x + r.width <= RIGHT + 0.05, "right margin: {r:?}");
        assert!(r.y <= 297.0 - 20.0, "bottom margin: {r:?}");
    }
    // Justified body lines reach both margins.
    let full: Vec<&TextRun> = l
        .text
        .iter()
        .filter(|r| r.size == 14.0 && close(r.x, LEFT, 0.01) && close(r.x + r.width, RIGHT, 0.05))
        .collect();
    assert!(full.len() > 100, "justified lines from 30 mm to 195 mm: {}", full.len());
    // The first line of text sits at the top margin: its top (baseline − 0.8 × 18 pt line) at 20 mm
    // for body pages.
    let page2_top = l
        .text
        .iter()
        .filter(|r| r.page == 2 && r.size == 14.0 && r.y > 20.0)
        .map(|r| r.y)
        .fold(f64::MAX, f64::min);
    assert!(
        close(page2_top - 0.8 * LINE_PT * 25.4 / 72.0, 20.0, 0.01),
        "first body baseline of page 2 at {page2_top} mm"
    );
}

#[test]
fn header_left_column_issuer_star_number() {
    let sup = run("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG");
    style(sup, 14.0, false, false);
    let issuer: Vec<&TextRun> =
        layout().text.iter().filter(|r| r.page == 1 && r.bold && r.size == 14.0 && r.y < 50.0).collect();
    assert_eq!(
        issuer.iter().map(|r| r.text.trim()).collect::<Vec<_>>().join(" "),
        "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ"
    );
    let col = centre(sup);
    assert!(col < CENTRE, "issuer column is on the left");
    for r in &issuer {
        assert!(close(centre(r), col, 0.5), "issuer lines centred in the column: {r:?}");
        assert!(r.y > sup.y, "issuer below the superior body");
    }
    let star = run("*");
    style(star, 14.0, false, false);
    assert!(
        close(centre(star), col, 0.5) && star.y > issuer.last().unwrap().y,
        "star centred under the issuer"
    );
    // Unnumbered: `Số` and `-BC/ĐU` with a blank slot between, no colon, centred in the column.
    let so = run("Số");
    let code = run("-BC/ĐU");
    style(so, 14.0, false, false);
    style(code, 14.0, false, false);
    assert!(close(so.y, code.y, 0.01) && so.y > star.y);
    let gap = code.x - (so.x + so.width);
    assert!(gap > 5.0, "blank slot for the number: {gap} mm");
    assert!(close((so.x + code.x + code.width) / 2.0, col, 0.5), "number line centred under the issuer");
    assert!(!layout().text.iter().any(|r| r.page == 1 && r.text.contains("Số:")), "no colon after Số");
}

#[test]
fn header_right_column_title_rule_date() {
    let title = run("ĐẢNG CỘNG SẢN VIỆT NAM");
    style(title, 15.0, true, false);
    let sup = run("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG");
    assert!(close(title.y, sup.y, 1.0), "title level with the first line on the left");
    assert!(centre(title) > CENTRE, "title in the right column");
    // A solid rule of the title's own length, centred beneath it.
    let rule = layout()
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y > title.y && r.y < title.y + 5.0)
        .expect("rule under the title");
    assert!(close(rule.length, title.width, 0.05), "rule {} mm vs title {} mm", rule.length, title.width);
    assert!(close(rule.x, title.x, 0.05));
    // Unnumbered, so not yet issued: the day and month are blanks for the văn thư to stamp,
    // the line still centred under the rule as one.
    let (place, month, year) = (run("Hải Phòng, ngày"), run("tháng"), run("năm 2026"));
    for piece in [place, month, year] {
        style(piece, 14.0, false, true);
        assert!(close(piece.y, place.y, 0.01), "one line: {piece:?}");
    }
    let blank = rules_mm("o_ky", "o_ngay_trong");
    assert!(month.x - (place.x + place.width) > blank, "the day's blank, {blank} mm and its spaces");
    assert!(year.x - (month.x + month.width) > blank, "the month's blank");
    let middle = (place.x + year.x + year.width) / 2.0;
    assert!(place.y > rule.y && close(middle, centre(title), 0.5), "date centred under the rule");
    assert!(close(place.y, run("Số").y, 0.01), "date on the number's row");
}

#[test]
fn title_summary_and_separator_centred() {
    let t = run("BÁO CÁO");
    style(t, 16.0, true, false);
    assert!(close(centre(t), CENTRE, 0.3));
    let l1 = run("kết quả thực hiện nhiệm vụ tháng 4;");
    let l2 = run("triển khai một số nhiệm vụ trọng tâm tháng 5/2026");
    for l in [l1, l2] {
        style(l, 14.0, true, false);
        assert!(close(centre(l), CENTRE, 0.3));
    }
    assert!(t.y < l1.y && l1.y < l2.y, "summary lines as written, under the title");
    let sep = run("-----");
    assert!(sep.y > l2.y && close(centre(sep), CENTRE, 0.3));
    assert!(t.y > run("Số").y, "title below the header");
}

#[test]
fn body_paragraphs_size_indent_spacing() {
    let l = layout();
    let first = first_run("- Tổ chức Hội nghị Ban Chấp hành");
    style(first, 14.0, false, false);
    assert!(close(first.x, LEFT + 10.0, 0.01), "first-line indent 10 mm: {}", first.x);
    // Lines of one paragraph are exactly 18 pt apart; paragraphs at least 6 pt more.
    let lines: Vec<f64> = l.lines(1).into_iter().map(|(y, _)| y).filter(|y| *y > first.y - 0.1).collect();
    let step = (lines[1] - lines[0]) * 72.0 / 25.4;
    assert!(close(step, LINE_PT, 0.01), "line spacing {step} pt");
    let para2 = first_run("- Lãnh đạo, chỉ đạo các tổ chức cơ sở đảng");
    let before: f64 = lines.iter().copied().filter(|y| *y < para2.y - 0.1).fold(0.0, f64::max);
    let gap = (para2.y - before) * 72.0 / 25.4;
    assert!(gap >= LINE_PT + 6.0 - 0.01, "paragraph spacing {gap} pt");
    // Every paragraph's first line is indented: the numbered items of part II too.
    assert!(close(first_run("1. Chỉ đạo các cấp ủy cơ sở").x, LEFT + 10.0, 0.01));
}

#[test]
fn heading_levels_have_distinct_styles() {
    let h1 = first_run("I. ƯU ĐIỂM, KẾT QUẢ");
    let h2 = first_run("1. Công tác lãnh đạo, chỉ đạo");
    let h3 = first_run("2.1. Phối hợp lãnh đạo");
    let h4 = first_run("2.2.1. Công tác tư tưởng");
    let styles: Vec<(f64, bool, bool)> =
        [h1, h2, h3, h4].iter().map(|r| (r.size, r.bold, r.italic)).collect();
    assert_eq!(styles, [(14.0, true, false), (14.0, true, false), (14.0, true, true), (14.0, false, true)]);
    for h in [h1, h2, h3, h4] {
        assert!(close(h.x, LEFT + 10.0, 0.01), "heading keeps the paragraph indent: {h:?}");
    }
}

#[test]
fn footnotes_sit_on_the_page_of_their_marker() {
    let l = layout();
    let texts = [
        "Chỉ thị số 09-CT/TU ngày 06/4/2026",
        "02 tổ chức cơ sở Đảng",
        "(1) Báo cáo số 52-BC/ĐU",
        "Báo cáo thực hiện Hướng dẫn số 08-HD/UBKTTW",
        "Đảng ủy MTTQVN kiểm tra 02 đảng viên",
    ];
    let markers: Vec<&TextRun> =
        l.text.iter().filter(|r| r.size < 10.0 && r.text.trim().parse::<u32>().is_ok()).collect();
    for (i, text) in texts.iter().enumerate() {
        let n = (i + 1).to_string();
        let at: Vec<&&TextRun> = markers.iter().filter(|r| r.text.trim() == n).collect();
        assert_eq!(at.len(), 2, "marker {n} once in the text and once before its footnote");
        let (mark, entry) = (at[0], at[1]);
        let note = first_run(text);
        style(note, 12.0, false, false);
        assert_eq!(mark.page, note.page, "footnote {n} on the page of its marker");
        assert_eq!(entry.page, note.page);
        assert!(note.y > mark.y, "footnote {n} below its marker");
        // Superscript: smaller and raised above the baseline of the line it belongs to.
        let line_base = l
            .text
            .iter()
            .filter(|r| r.page == mark.page && r.size == 14.0 && r.y > mark.y && r.y - mark.y < 3.0)
            .count();
        assert!(line_base > 0, "marker {n} raised above a body line");
        let sep =
            l.rules.iter().find(|r| r.page == note.page && r.y < note.y && r.y > mark.y && r.length > 20.0);
        assert!(sep.is_some(), "separator rule between marker and footnote {n}");
    }
}

#[test]
fn closing_band_level_and_unsplit() {
    let l = layout();
    let last = l.pages.len();
    let nn = run("Nơi nhận:");
    style(nn, 14.0, false, false);
    assert!(close(nn.x, LEFT, 0.01), "Nơi nhận flush left");
    let underline =
        l.rules.iter().find(|r| r.page == nn.page && r.y > nn.y && r.y < nn.y + 3.0).expect("underlined");
    assert!(
        close(underline.length, nn.width, 0.01) && close(underline.x, nn.x, 0.01),
        "underline the phrase's length"
    );
    let lines = [
        "- Đ/c Đỗ Mạnh Hiến - Phó Bí thư Thường trực Thành ủy, Bí thư Đảng ủy (để báo cáo);",
        "- Các đ/c Ủy viên BTV, BCH Đảng bộ;",
        "- Các cơ quan tham mưu, giúp việc Đảng ủy;",
        "- Các cấp ủy cơ sở, tổ chức chính trị - xã hội trực thuộc;",
        "- Lưu Văn phòng Đảng ủy.",
    ];
    let list: Vec<&TextRun> =
        l.text.iter().filter(|r| r.page == nn.page && r.size == 12.0 && r.y > nn.y).collect();
    let joined = list.iter().map(|r| r.text.trim()).collect::<Vec<_>>().join(" ");
    assert_eq!(joined, lines.join(" "), "recipients with the ruleset's punctuation");
    assert!(list.iter().all(|r| !r.bold && !r.italic && r.x + r.width < CENTRE));
    let tq = run("T/M BAN THƯỜNG VỤ");
    style(tq, 14.0, true, false);
    let cv = run("PHÓ BÍ THƯ");
    style(cv, 14.0, false, false);
    let name = run("Phạm Quang Sáng");
    style(name, 14.0, true, false);
    assert!(close(tq.y, nn.y, 0.01), "signature's first line level with Nơi nhận");
    assert!(
        centre(tq) > CENTRE && close(centre(tq), centre(cv), 0.3) && close(centre(cv), centre(name), 0.3)
    );
    assert!(name.y - cv.y > 20.0, "room for signature and seal: {} mm", name.y - cv.y);
    // Never split, never alone: everything on the last page, with body text above it.
    for r in [nn, tq, cv, name].into_iter().chain(list.iter().copied()) {
        assert_eq!(r.page, last, "closing band on one page: {r:?}");
    }
    assert!(l.text.iter().any(|r| r.page == last
        && r.size == 14.0
        && r.y < nn.y
        && r.y > 20.0
        && r.text.len() > 20));
}

#[test]
fn page_numbers_from_page_two() {
    let l = layout();
    assert!(!l.text.iter().any(|r| r.page == 1 && r.y < 20.0), "no page number on page 1");
    for page in 2..=l.pages.len() {
        let top: Vec<&TextRun> = l.text.iter().filter(|r| r.page == page && r.y < 20.0).collect();
        assert_eq!(top.len(), 1, "one run in the top margin of page {page}");
        let n = top[0];
        assert_eq!(n.text, page.to_string());
        style(n, 14.0, false, false);
        assert!(close(centre(n), CENTRE, 0.01), "centred over the text area");
        // The middle of the digits' box (cap height ≈ 0.66 em) about 10 mm from the top edge.
        let middle = n.y - 0.33 * 14.0 * 25.4 / 72.0;
        assert!(close(middle, 10.0, 1.0), "page number middle at {middle} mm");
    }
}

#[test]
fn pdf_records_ruleset_and_language() {
    let (r, _) = &*EXAMPLE_RENDERED;
    assert_eq!(r.ruleset, "hd05-2026");
    let pdf = String::from_utf8_lossy(&r.pdf);
    assert!(pdf.contains("hd05-2026"), "ruleset id in the PDF metadata");
    assert!(pdf.contains("/Lang (vi)") || pdf.contains("/Lang(vi)"), "document language vi");
}
