//! Rulesets and structural variants, read from the laid-out examples: the State header and
//! closing (NĐ 30/2020), công văn (Party and State), tờ trình, multi-line signatures; and a table
//! of every type's title and ký hiệu, written from the spec (§1.12, §2.11).

mod common;

use std::path::Path;

use common::{CENTRE, FRONT, centre, close, example, first, folder, only, pdf_text, style};
use vanban::inspect::Layout;
use vanban::model::date;

/// The drawn rule just below a run (within 4 mm).
fn rule_under<'a>(l: &'a Layout, r: &vanban::inspect::TextRun) -> &'a vanban::inspect::Rule {
    l.rules
        .iter()
        .find(|x| x.page == r.page && x.y > r.y && x.y < r.y + 4.0)
        .unwrap_or_else(|| panic!("no rule under `{}`", r.text))
}

#[test]
fn state_report_header_title_and_closing() {
    let (r, l) = example("nha-nuoc-bao-cao.md");
    assert_eq!(r.ruleset, "nd30-2020");
    // Quốc hiệu 12–13 bold caps; Tiêu ngữ 13–14 bold with a rule of its own length [§2.2].
    let qh = only(&l, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    style(qh, 13.0, true, false);
    let tn = only(&l, "Độc lập - Tự do - Hạnh phúc");
    style(tn, 14.0, true, false);
    assert!(tn.y > qh.y && close(centre(tn), centre(qh), 0.3), "tiêu ngữ centred under the quốc hiệu");
    let under = rule_under(&l, tn);
    assert!(close(under.length, tn.width, 0.05) && close(under.x, tn.x, 0.05), "rule the tiêu ngữ's length");
    // Chủ quản 12–13 regular; issuer 12–13 bold with a centred rule of 1/3–1/2 of its line.
    style(only(&l, "THÀNH PHỐ HẢI PHÒNG"), 13.0, false, false);
    let issuer = only(&l, "SỞ NỘI VỤ");
    style(issuer, 13.0, true, false);
    let rule = rule_under(&l, issuer);
    let share = rule.length / issuer.width;
    assert!((1.0 / 3.0..=0.5).contains(&share), "issuer rule {share} of its line");
    assert!(close(rule.x + rule.length / 2.0, centre(issuer), 0.05));
    // `Số: 15/BC-SNV` (13, colon) on the line of the place and date (13–14 italic) [§2.2].
    let so = only(&l, "Số: 15/BC-SNV");
    style(so, 13.0, false, false);
    let date = only(&l, "Hải Phòng, ngày 05 tháng 6 năm 2026");
    style(date, 14.0, false, true);
    assert!(close(so.y, date.y, 0.01) && close(centre(date), centre(tn), 0.3));
    // Tên loại and trích yếu 13–14 bold, centred, a rule of 1/3–1/2 beneath [§2.3].
    let t = only(&l, "BÁO CÁO");
    style(t, 14.0, true, false);
    let ty = only(&l, "Kết quả công tác văn thư, lưu trữ 6 tháng đầu năm 2026");
    style(ty, 14.0, true, false);
    assert!(close(centre(t), CENTRE, 0.3) && close(centre(ty), CENTRE, 0.3));
    let share = rule_under(&l, ty).length / ty.width;
    assert!((1.0 / 3.0..=0.5).contains(&share), "summary rule {share} of its line");
    // A báo cáo sent upward carries Kính gửi, under the title block, one addressee on its line.
    let label = only(&l, "Kính gửi:");
    assert!(label.y > ty.y && close(first(&l, "Ủy ban nhân dân thành phố Hải Phòng.").y, label.y, 0.01));
    // Content ends with "./." [§2.1]; Nơi nhận 12 bold italic, list 11, `- Lưu: VT, …` [§2.8].
    let text = pdf_text(&r.pdf);
    assert!(text.contains("thành phố./."), "{text}");
    let nn = only(&l, "Nơi nhận:");
    style(nn, 12.0, true, true);
    assert!(!l.rules.iter().any(|x| x.page == nn.page && x.y > nn.y && x.y < nn.y + 2.0), "not underlined");
    style(only(&l, "- Lưu: VT, VTLT."), 11.0, false, false);
    // Signature: authority and title bold (unlike Party documents), name bold [§2.5].
    let kt = only(&l, "KT. GIÁM ĐỐC");
    style(kt, 14.0, true, false);
    style(only(&l, "PHÓ GIÁM ĐỐC"), 14.0, true, false);
    style(only(&l, "Trần Văn Bình"), 14.0, true, false);
    assert!(close(kt.y, nn.y, 1.0), "signature level with Nơi nhận");
}

#[test]
fn state_letter_summary_addressees_and_three_line_signature() {
    let (r, l) = example("nha-nuoc-cong-van.md");
    let so = only(&l, "Số: 08/UBND-VP");
    let vv = first(&l, "V/v tổng hợp số liệu");
    style(vv, 12.0, false, false);
    let gap_pt = (vv.y - so.y) * 72.0 / 25.4;
    assert!(gap_pt >= 12.0 + 6.0 - 0.1, "V/v at least 6 pt under the number: {gap_pt} pt");
    assert!(!l.text.iter().any(|x| x.text.trim() == "CÔNG VĂN"), "no tên loại");
    let label = only(&l, "Kính gửi:");
    style(label, 14.0, false, false);
    let first_line = first(&l, "- Các phòng chuyên môn");
    assert!(close(first_line.y, label.y, 0.01), "the list starts on the label's line");
    let last_line = first(&l, "- Trung tâm Phục vụ");
    assert!(close(last_line.x, first_line.x, 0.01), "dashes aligned");
    let text = pdf_text(&r.pdf);
    for s in ["phường;", "công phường.", "- Như trên;", "- Lưu: VT, VP.", "10/7/2026./."] {
        assert!(text.contains(s), "`{s}` in {text}");
    }
    let tm = only(&l, "TM. ỦY BAN NHÂN DÂN");
    let kt = only(&l, "KT. CHỦ TỊCH");
    let cv = only(&l, "PHÓ CHỦ TỊCH");
    assert!(tm.y < kt.y && kt.y < cv.y && tm.bold && kt.bold && cv.bold, "three-line signature");
}

#[test]
fn party_letter_and_submission() {
    let (r, l) = example("dang-cong-van.md");
    assert_eq!(r.ruleset, "hd05-2026");
    let so = only(&l, "Số 86-CV/ĐU");
    let vv = first(&l, "về việc chuẩn bị hội nghị");
    style(vv, 12.0, false, true);
    assert!(vv.y > so.y && close(centre(vv), centre(so), 1.0), "về việc under the number");
    let label = only(&l, "Kính gửi:");
    style(label, 14.0, false, true);
    let one = only(&l, "Các cấp ủy cơ sở trực thuộc");
    style(one, 14.0, false, false);
    assert!(close(one.y, label.y, 0.01), "a single addressee on the label's line");
    assert!(pdf_text(&r.pdf).contains("- Như trên; - Lưu Văn phòng Đảng ủy."));

    let (r, l) = example("dang-to-trinh.md");
    style(only(&l, "TỜ TRÌNH"), 16.0, true, false);
    let label = only(&l, "Kính trình:");
    style(label, 14.0, false, true);
    let text = pdf_text(&r.pdf);
    assert!(text.contains("- Ban Thường vụ Thành ủy; - Ủy ban Kiểm tra Thành ủy;"), "every item ends with ;");
    let kiem = only(&l, "kiêm");
    style(kiem, 14.0, false, false);
    let (bt, tb) = (only(&l, "BÍ THƯ"), only(&l, "TRƯỞNG BAN CHỈ ĐẠO"));
    assert!(bt.y < kiem.y && kiem.y < tb.y, "kiêm between the two titles");
}

/// Title and ký hiệu of every type, from the spec's tables: (slug, title, code).
type Types = &'static [(&'static str, &'static str, &'static str)];

const PARTY: Types = &[
    ("cuong-linh", "CƯƠNG LĨNH CHÍNH TRỊ", "CLCT"),
    ("chien-luoc", "CHIẾN LƯỢC", "CL"),
    ("nghi-quyet", "NGHỊ QUYẾT", "NQ"),
    ("quyet-dinh", "QUYẾT ĐỊNH", "QĐ"),
    ("chi-thi", "CHỈ THỊ", "CT"),
    ("ket-luan", "KẾT LUẬN", "KL"),
    ("quy-che", "QUY CHẾ", "QC"),
    ("quy-dinh", "QUY ĐỊNH", "QĐ"),
    ("thong-tri", "THÔNG TRI", "TT"),
    ("huong-dan", "HƯỚNG DẪN", "HD"),
    ("thong-bao", "THÔNG BÁO", "TB"),
    ("thong-cao", "THÔNG CÁO", "TC"),
    ("tuyen-bo", "TUYÊN BỐ", "TB"),
    ("loi-keu-goi", "LỜI KÊU GỌI", "LKG"),
    ("bao-cao", "BÁO CÁO", "BC"),
    ("ke-hoach", "KẾ HOẠCH", "KH"),
    ("quy-hoach", "QUY HOẠCH", "QH"),
    ("chuong-trinh", "CHƯƠNG TRÌNH", "CTr"),
    ("de-an", "ĐỀ ÁN", "ĐA"),
    ("phuong-an", "PHƯƠNG ÁN", "PA"),
    ("du-an", "DỰ ÁN", "DA"),
    ("to-trinh", "TỜ TRÌNH", "TTr"),
    ("cong-van", "", "CV"),
    ("bien-ban", "BIÊN BẢN", "BB"),
    ("giay-gioi-thieu", "GIẤY GIỚI THIỆU", "GGT"),
    ("giay-chung-nhan", "GIẤY CHỨNG NHẬN", "GCN"),
    ("giay-di-duong", "GIẤY ĐI ĐƯỜNG", "GĐĐ"),
    ("giay-nghi-phep", "GIẤY NGHỈ PHÉP", "GNP"),
    ("giay-moi", "GIẤY MỜI", "GM"),
    ("phieu-chuyen", "PHIẾU CHUYỂN", "PC"),
    ("phieu-gui", "PHIẾU GỬI", "PG"),
    ("thu-cong", "THƯ CÔNG", "TC"),
];

const STATE: Types = &[
    ("nghi-quyet", "NGHỊ QUYẾT", "NQ"),
    ("quyet-dinh", "QUYẾT ĐỊNH", "QĐ"),
    ("chi-thi", "CHỈ THỊ", "CT"),
    ("quy-che", "QUY CHẾ", "QC"),
    ("quy-dinh", "QUY ĐỊNH", "QyĐ"),
    ("thong-cao", "THÔNG CÁO", "TC"),
    ("thong-bao", "THÔNG BÁO", "TB"),
    ("huong-dan", "HƯỚNG DẪN", "HD"),
    ("chuong-trinh", "CHƯƠNG TRÌNH", "CTr"),
    ("ke-hoach", "KẾ HOẠCH", "KH"),
    ("phuong-an", "PHƯƠNG ÁN", "PA"),
    ("de-an", "ĐỀ ÁN", "ĐA"),
    ("du-an", "DỰ ÁN", "DA"),
    ("bao-cao", "BÁO CÁO", "BC"),
    ("bien-ban", "BIÊN BẢN", "BB"),
    ("to-trinh", "TỜ TRÌNH", "TTr"),
    ("hop-dong", "HỢP ĐỒNG", "HĐ"),
    ("cong-dien", "CÔNG ĐIỆN", "CĐ"),
    ("ban-ghi-nho", "BẢN GHI NHỚ", "BGN"),
    ("ban-thoa-thuan", "BẢN THỎA THUẬN", "BTT"),
    ("giay-uy-quyen", "GIẤY ỦY QUYỀN", "GUQ"),
    ("giay-moi", "GIẤY MỜI", "GM"),
    ("giay-gioi-thieu", "GIẤY GIỚI THIỆU", "GGT"),
    ("giay-nghi-phep", "GIẤY NGHỈ PHÉP", "GNP"),
    ("phieu-gui", "PHIẾU GỬI", "PG"),
    ("phieu-chuyen", "PHIẾU CHUYỂN", "PC"),
    ("phieu-bao", "PHIẾU BÁO", "PB"),
    // Not in NĐ30 Điều 7: licences and certificates in its form, a convention.
    ("giay-phep", "GIẤY PHÉP", "GP"),
    ("giay-chung-nhan", "GIẤY CHỨNG NHẬN", "GCN"),
    ("cong-van", "", ""),
    ("thu-cong", "", ""),
];

/// Parses and derives (no layout) a document of type `slug` under the given front-matter keys.
fn derived(slug: &str, kind: &str, date: &str) -> (Option<String>, String) {
    let text = FRONT
        .replace("loai: bao-cao", &format!("loai: {slug}\nthe_thuc: {kind}\nso: 3"))
        .replace("2026-04-29", date);
    let dir = folder(&[("doc.md", &format!("{text}\nNội dung.\n"))]);
    let src = vanban::input::source::read(&dir.path().join("doc.md")).unwrap();
    let doc = vanban::input::parse(&src).unwrap();
    let (rules, _) = vanban::rules::select::select(&doc, &src).unwrap();
    let view = vanban::rules::derive::derive(&doc, rules, &src, |_| true).unwrap();
    let n = view.so_ky_hieu;
    (view.ten_loai.map(str::to_uppercase), format!("{}{}{}", n.truoc, n.so.unwrap(), n.sau))
}

/// Checks every type of `table` against the ruleset of `kind` in force in June 2026.
fn check_types(table: Types, kind: &str, number: impl Fn(&str) -> String) {
    let june = date::ymd(2026, 6, 1).unwrap();
    let rules = vanban::rules::ruleset::Ruleset::in_force(kind, june).unwrap();
    assert_eq!(rules.loai.len(), table.len(), "{kind}: every type and no other");
    for (slug, title, code) in table {
        let (t, n) = derived(slug, kind, "2026-06-01");
        assert_eq!(t.unwrap_or_default(), *title, "{kind} {slug}: title");
        assert_eq!(n, number(code), "{kind} {slug}: ký hiệu");
    }
}

#[test]
fn every_type_has_its_title_and_code() {
    check_types(PARTY, "dang", |code| format!("Số 03-{code}/ĐU"));
    check_types(STATE, "nha-nuoc", |code| {
        if code.is_empty() { "Số: 03/ĐU".to_owned() } else { format!("Số: 03/{code}-ĐU") }
    });
    // Quy định under the 2018 Party rules.
    assert_eq!(derived("quy-dinh", "dang", "2019-01-01").1, "Số 03-QĐi/ĐU");
}

#[test]
fn state_decision_authority_grounds_and_decision_line() {
    let (r, l) = example("nha-nuoc-quyet-dinh.md");
    let summary = first(&l, "Ban hành Quy chế công tác văn thư");
    let authority = only(&l, "GIÁM ĐỐC SỞ NỘI VỤ");
    style(authority, 14.0, true, false);
    assert!(
        authority.y > summary.y && close(centre(authority), CENTRE, 0.3),
        "authority line centred under the summary"
    );
    let ground = first(&l, "Căn cứ Luật Lưu trữ");
    style(ground, 14.0, false, true);
    assert!(ground.y > authority.y && close(ground.x, common::LEFT + 10.0, 0.01), "grounds italic, indented");
    let decide = only(&l, "QUYẾT ĐỊNH:");
    style(decide, 14.0, true, false);
    assert!(decide.y > first(&l, "Theo đề nghị").y && close(centre(decide), CENTRE, 0.3));
    let text = pdf_text(&r.pdf);
    for s in ["ngày 21 tháng 6 năm 2024;", "về công tác văn thư;", "Chánh Văn phòng Sở.", "Quyết định này./."]
    {
        assert!(text.contains(s), "`{s}` in {text}");
    }
    // Signed by the head directly: no authority line, the title level with Nơi nhận.
    assert!(close(only(&l, "GIÁM ĐỐC").y, only(&l, "Nơi nhận:").y, 1.0));
}

#[test]
fn a_legal_normative_decision_numbers_with_its_year() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nha-nuoc-quyet-dinh.md");
    let source = std::fs::read_to_string(example).unwrap();
    let doc = source.replace("so: 112\n", "so: 7\nmau_so: quy-pham\n").replace(
        "noi_nhan:",
        "phu_luc:\n  - ten: Quy chế công tác văn thư\n    noi_dung: Chương I.\nnoi_nhan:",
    );
    let dir = folder(&[("qd.md", &doc)]);
    let r = common::ENGINE.render(&dir.path().join("qd.md")).expect("renders");
    let l = vanban::inspect::inspect(&r.document);
    style(only(&l, "Số: 07/2026/QĐ-SNV"), 13.0, false, false);
    let tie = l.text.iter().find(|r| r.text.starts_with("(Kèm theo")).expect("the appendix's line");
    assert!(
        tie.text.starts_with("(Kèm theo Quyết định số 07/2026/QĐ-SNV ngày 14 tháng 8 năm 2026"),
        "{}",
        tie.text
    );
}

#[test]
fn party_regulation_grounds_chapters_and_articles() {
    let (r, l) = example("dang-quy-dinh.md");
    assert!(pdf_text(&r.pdf).contains("Số 04-QĐ/ĐU"));
    let ground = only(&l, "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;");
    style(ground, 14.0, false, false);
    for (text, centred) in
        [("Chương I", true), ("QUY ĐỊNH CHUNG", true), ("Điều 1. Phạm vi điều chỉnh", false)]
    {
        let h = only(&l, text);
        style(h, 14.0, true, false);
        if centred {
            assert!(close(centre(h), CENTRE, 0.3), "`{text}` centred");
        } else {
            assert!(close(h.x, common::LEFT + 10.0, 0.01), "`{text}` indented like a paragraph");
        }
    }
}

#[test]
fn record_has_two_signatures_side_by_side_lead_on_the_right() {
    let (_, l) = example("dang-bien-ban.md");
    let (lead, other) = (only(&l, "CHỦ TRÌ HỘI NGHỊ"), only(&l, "NGƯỜI GHI BIÊN BẢN"));
    assert!(close(lead.y, other.y, 0.01), "one row");
    assert!(centre(lead) > CENTRE && centre(other) < CENTRE, "lead on the right");
    let (a, b) = (only(&l, "Nguyễn Văn Hùng"), only(&l, "Trần Thị Lan"));
    assert!(close(centre(a), centre(lead), 0.3) && close(centre(b), centre(other), 0.3));
    assert!(only(&l, "Nơi nhận:").y > a.y, "Nơi nhận below the signatures");
}

/// The stroked box around a run.
fn frame_around<'a>(l: &'a Layout, r: &vanban::inspect::TextRun) -> &'a vanban::inspect::Area {
    l.frames
        .iter()
        .find(|f| {
            f.page == r.page
                && f.x <= r.x
                && r.x + r.width <= f.x + f.width
                && f.y <= r.y
                && r.y <= f.y + f.height
        })
        .unwrap_or_else(|| panic!("no box around `{}`", r.text))
}

#[test]
fn state_marks_boxed_notice_draft_drafter_and_contact() {
    let (_, l) = example("nha-nuoc-hoa-toc.md");
    let vv = first(&l, "V/v khẩn trương");
    let draft = only(&l, "Dự thảo lần 2");
    style(draft, 14.0, false, true);
    let urgent = only(&l, "HỎA TỐC");
    style(urgent, 13.0, true, false);
    let b = frame_around(&l, urgent);
    assert!(close(b.width, 30.0, 0.01) && close(b.height, 8.0, 0.01), "HỎA TỐC box 30×8 mm: {b:?}");
    assert!(vv.y < draft.y && draft.y < urgent.y, "draft line then urgency under the number");
    let secret = only(&l, "MẬT");
    assert!(close(frame_around(&l, secret).width, 20.0, 0.01) && secret.y > urgent.y);
    // Each stamp in one ink, box and word: the bright red of its zone.
    for mark in [urgent, secret] {
        assert_eq!(
            (mark.colour.as_str(), frame_around(&l, mark).colour.as_deref()),
            ("#e00000", Some("#e00000"))
        );
    }
    let notice = only(&l, "XEM XONG TRẢ LẠI");
    style(notice, 13.0, true, false);
    let nb = frame_around(&l, notice);
    assert!(
        close(nb.y + nb.height / 2.0, 10.0, 0.01) && close(nb.x + nb.width, common::RIGHT, 0.01),
        "top right: {nb:?}"
    );
    let drafter = only(&l, "NVA.(05)");
    style(drafter, 11.0, false, false);
    assert!(drafter.y > only(&l, "- Lưu: VT.").y);
    let contact = first(&l, "Địa chỉ: số 1 đường Lạch Tray");
    style(contact, 11.0, false, false);
    assert_eq!(contact.page, 1);
    assert!(contact.y > 250.0, "at the foot of page 1");
    let rule = l
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y < contact.y && r.y > contact.y - 8.0)
        .expect("rule above the contact");
    assert!(close(rule.length, 165.0, 0.01), "full-width rule");
}

#[test]
fn party_marks_are_words_not_boxes() {
    let (_, l) = example("dang-cong-van.md");
    let urgent = only(&l, "KHẨN");
    style(urgent, 14.0, true, false);
    assert!(urgent.y > first(&l, "về việc").y && l.frames.is_empty(), "KHẨN under the summary, no box");
    let notice = only(&l, "LƯU HÀNH NỘI BỘ");
    style(notice, 12.0, true, false);
    assert!(close(notice.x + notice.width, common::RIGHT, 0.05) && notice.y < 20.0, "top right of page 1");
    let contact = first(&l, "Văn phòng Đảng ủy: số 2 Lê Đại Hành");
    style(contact, 10.0, false, false);
    assert_eq!(contact.page, l.pages.len(), "contact on the last page");
    style(only(&l, "VP-12"), 11.0, false, false);
}

#[test]
fn headings_numbered_by_the_ruleset_scheme() {
    let body = "\n# Kết quả\n\n## Công tác tư tưởng\n\n### Học tập nghị quyết\n\nNội dung.\n\n# Phương hướng\n\n## Nhiệm vụ\n\nNội dung.\n";
    let party =
        FRONT.replace("loai: bao-cao", "loai: bao-cao\ndanh_so: tu_dong").replace("2026-04-29", "2026-06-01");
    let state = party.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: nha-nuoc");
    let dir = folder(&[("dang.md", &format!("{party}{body}")), ("nn.md", &format!("{state}{body}"))]);
    let text = |name: &str| pdf_text(&common::ENGINE.render(&dir.path().join(name)).unwrap().pdf);
    let dang = text("dang.md");
    for s in
        ["I- KẾT QUẢ", "1. Công tác tư tưởng", "1.1. Học tập nghị quyết", "II- PHƯƠNG HƯỚNG", "1. Nhiệm vụ"]
    {
        assert!(dang.contains(s), "`{s}` in {dang}");
    }
    let nn = text("nn.md");
    for s in ["I. KẾT QUẢ", "1. Công tác tư tưởng", "a) Học tập nghị quyết", "II. PHƯƠNG HƯỚNG"]
    {
        assert!(nn.contains(s), "`{s}` in {nn}");
    }
}

/// The header and closing zones every Party ruleset shares (HD05 PL2; 36-HD PL3 where visible).
fn party_zones(l: &Layout, title: &str) {
    style(only(l, "ĐẢNG CỘNG SẢN VIỆT NAM"), 15.0, true, false);
    style(first(l, "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"), 14.0, false, false);
    style(only(l, "ĐẢNG ỦY CÁC CƠ QUAN"), 14.0, true, false);
    style(only(l, "*"), 14.0, false, false);
    style(first(l, "Hải Phòng, ngày"), 14.0, false, true);
    let t = only(l, title);
    style(t, 16.0, true, false);
    assert!(close(centre(t), CENTRE, 0.3));
    style(only(l, "Nơi nhận:"), 14.0, false, false);
}

#[test]
fn the_2018_party_rules_on_a_document_of_2025() {
    let (r, l) = example("dang-thong-bao-2025.md");
    assert_eq!(r.ruleset, "hd36-2018");
    party_zones(&l, "THÔNG BÁO");
    let text = pdf_text(&r.pdf);
    assert!(text.contains("Số 31-TB/ĐU") && text.contains("ngày 15 tháng 12 năm 2025"), "{text}");
    assert!(
        text.contains(
            "- Các đồng chí Ủy viên Ban Thường vụ, - Các cấp ủy cơ sở trực thuộc, - Lưu Văn phòng Đảng ủy."
        ),
        "{text}"
    );
    let (_, l) = example("dang-to-trinh.md");
    party_zones(&l, "TỜ TRÌNH");
}

#[test]
fn appendices_on_their_own_pages_numbered_by_the_ruleset() {
    let (_, l) = example("nha-nuoc-bao-cao.md");
    assert_eq!(l.pages.len(), 3, "the report, then one page per appendix");
    for (page, label, title) in [
        (2, "Phụ lục I", "SỐ LIỆU VĂN BẢN ĐI, ĐẾN 6 THÁNG ĐẦU NĂM 2026"),
        (3, "Phụ lục II", "DANH MỤC HỒ SƠ ĐÃ CHỈNH LÝ"),
    ] {
        let lab = only(&l, label);
        assert_eq!(lab.page, page);
        style(lab, 14.0, true, false);
        assert!(close(centre(lab), CENTRE, 0.3));
        let t = only(&l, title);
        style(t, 14.0, true, false);
        let tie = l.text.iter().find(|r| r.page == page && r.text.starts_with("(Kèm theo")).expect("chỉ dẫn");
        style(tie, 14.0, false, true);
        // The issuer in normal case inside the italic line, a short rule under it (PL3 mẫu 2.1).
        assert_eq!(tie.text, "(Kèm theo Báo cáo số 15/BC-SNV ngày 05 tháng 6 năm 2026 của Sở Nội vụ)");
        assert!(lab.y < t.y && t.y < tie.y);
        let under = rule_under(&l, tie);
        assert!(close(under.x + under.length / 2.0, centre(tie), 0.05) && under.length < tie.width / 2.0);
        assert!(
            !l.text.iter().any(|r| r.page == page && r.y < 20.0),
            "an appendix's first page has no number"
        );
    }
    let (_, l) = example("dang-quy-dinh.md");
    let lab = only(&l, "Phụ lục");
    assert_eq!(lab.page, l.pages.len(), "a single appendix is not numbered");
    // Signed T/M BAN THƯỜNG VỤ: the body that issues it is the standing committee.
    let tie =
        l.text.iter().filter(|r| r.page == lab.page && r.italic).flat_map(|r| r.text.split_whitespace());
    assert_eq!(
        tie.collect::<Vec<_>>().join(" "),
        "(Kèm theo Quy định số 04-QĐ/ĐU ngày 02 tháng 9 năm 2026 của Ban Thường vụ Đảng ủy các cơ quan Đảng thành phố)"
    );
    assert!(!l.rules.iter().any(|r| r.page == lab.page), "no rule under the Party line");
}

#[test]
fn copies_party_stamp_and_state_block() {
    let (r, l) = example("dang-ban-sao.md");
    let title = only(&l, "BẢN SAO VĂN BẢN");
    style(title, 13.0, true, false);
    let stamp = frame_around(&l, title);
    assert!(close(stamp.width, 80.0, 0.01) && close(stamp.height, 50.0, 0.01), "stamp 80×50 mm: {stamp:?}");
    assert!(stamp.x < CENTRE, "stamp on the left");
    let rule = l.rules.iter().find(|x| x.y < stamp.y && x.y > stamp.y - 15.0).expect("rule above the copy");
    assert!(close(rule.length, 165.0, 0.01), "full-width rule");
    let text = pdf_text(&r.pdf);
    assert!(text.contains("03-BS/VPĐU") && text.contains("Sao y"), "{text}");
    // The recipients run on after the field's label, without the list's dash.
    assert!(text.contains("Nơi nhận bản sao: Các chi bộ trực thuộc."), "{text}");
    let signer = only(&l, "PHÓ CHÁNH VĂN PHÒNG");
    assert!(centre(signer) > CENTRE && signer.y > rule.y, "copy-signer on the right");

    let (r, l) = example("nha-nuoc-ban-sao.md");
    let form = only(&l, "SAO Y");
    style(form, 14.0, true, false);
    let date = only(&l, "Phường Ngô Quyền, ngày 25 tháng 6 năm 2026");
    assert!(date.y > form.y && close(centre(date), centre(form), 0.3), "date on one line under the form");
    assert!(pdf_text(&r.pdf).contains("Số: 14/SY"));
    let nn: Vec<_> = l.text.iter().filter(|x| x.text.trim() == "Nơi nhận:").collect();
    assert_eq!(nn.len(), 2, "the copy has its own Nơi nhận");
}

#[test]
fn legal_types_number_chapters_and_articles_themselves() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/dang-quy-dinh.md"))
            .unwrap();
    let front = &text[..text.find("\n---\n").unwrap() + 5];
    let front = front.replace("loai: quy-dinh", "loai: quy-dinh\ndanh_so: tu_dong");
    let body = "\n# Quy định chung\n\n### Phạm vi điều chỉnh\n\nNội dung.\n\n# Chế độ báo cáo\n\n### Báo cáo định kỳ\n\nNội dung.\n";
    let dir = folder(&[("qd.md", &format!("{front}{body}"))]);
    let r = common::ENGINE.render(&dir.path().join("qd.md")).unwrap();
    let l = vanban::inspect::inspect(&r.document);
    for (t, centred) in [
        ("Chương I", true),
        ("QUY ĐỊNH CHUNG", true),
        ("Chương II", true),
        ("Điều 2. Báo cáo định kỳ", false),
    ] {
        let h = only(&l, t);
        style(h, 14.0, true, false);
        assert_eq!(close(centre(h), CENTRE, 0.3), centred, "`{t}` centred: {centred}");
    }
}

#[test]
fn collective_signature_without_a_title_and_the_resolution_line() {
    let doc = FRONT.replace("  chuc_vu: PHÓ BÍ THƯ\n", "").replace("T/M BAN THƯỜNG VỤ", "T/M BỘ CHÍNH TRỊ");
    let dir = folder(&[("doc.md", &format!("{doc}\nNội dung.\n"))]);
    let r = common::ENGINE.render(&dir.path().join("doc.md")).unwrap();
    let l = vanban::inspect::inspect(&r.document);
    let tm = only(&l, "T/M BỘ CHÍNH TRỊ");
    assert!(close(tm.y, only(&l, "Nơi nhận:").y, 0.01), "the authority line level with Nơi nhận");
    assert!(only(&l, "Phạm Quang Sáng").y - tm.y > 20.0, "room to sign under the authority line");
    let (title, _) = derived("nghi-quyet", "nha-nuoc", "2026-06-01");
    assert_eq!(title.as_deref(), Some("NGHỊ QUYẾT"));
    let state = vanban::rules::ruleset::Ruleset::get("nd30-2020").unwrap();
    assert_eq!(state.loai["nghi-quyet"].quyet_nghi.as_deref(), Some("QUYẾT NGHỊ:"));
}
