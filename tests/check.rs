//! `vanban check`: one fixture per data rule triggers exactly that finding at its line and
//! column; a clean document of each ruleset yields nothing; the self-audit catches layouts
//! broken on purpose (a layout override) and lines too long to fit.

mod common;

use std::path::Path;

use common::{FRONT, folder, vanban};
use vanban::diag::Diagnostic;
use vanban::{Engine, EngineOptions};

/// Data findings (no layout) of a Markdown document.
fn findings(doc: &str) -> Vec<Diagnostic> {
    let dir = folder(&[("doc.md", doc)]);
    let loaded = vanban::input::load(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}"));
    common::ENGINE.check(&loaded, false).unwrap_or_else(|e| panic!("{e}"))
}

/// Asserts the document yields exactly one finding, `code`, at `line:col`.
fn only(doc: &str, code: &str, line: usize, col: usize) -> Diagnostic {
    let found = findings(doc);
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    assert_eq!(codes, [code], "{}", found.iter().map(ToString::to_string).collect::<String>());
    let d = found.into_iter().next().unwrap();
    let loc = d.location.as_deref().expect("a location");
    assert_eq!((loc.line, loc.col), (line, col), "{d}");
    assert!(d.hint.is_some(), "a fix is offered: {d}");
    d
}

/// The common front matter, dated under HD05, with a body.
fn doc(front_edit: impl Fn(String) -> String, body: &str) -> String {
    format!("{}\n{body}\n", front_edit(FRONT.replace("2026-04-29", "2026-06-15")))
}

#[test]
fn clean_documents_of_each_ruleset_yield_nothing() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<_> = std::fs::read_dir(&examples).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    // The April report is dated under HD36 but set under HD05 on purpose (one warning).
    let names =
        names.iter().filter_map(|n| n.to_str()).filter(|n| n.ends_with(".md") && !n.starts_with("bao-cao"));
    for name in names {
        let path = examples.join(name);
        let loaded = vanban::input::load(&path).unwrap();
        let found = common::ENGINE.check(&loaded, true).unwrap();
        assert!(found.is_empty(), "{name}: {}", found.iter().map(ToString::to_string).collect::<String>());
    }
}

#[test]
fn data_rules_one_finding_each() {
    let body = "Nội dung.";
    only(&doc(|f| f.replace("2026-06-15", "2099-01-01"), body), "check::future_date", 8, 7);
    only(
        &doc(
            |f| {
                f.replace("2026-06-15", "2026-04-29")
                    .replace("loai: bao-cao", "loai: bao-cao\nquy_tac: hd05-2026")
            },
            body,
        ),
        "check::ruleset_date",
        3,
        10,
    );
    only(
        &doc(
            |f| {
                f.replace(
                    "ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ",
                    "ten: Đảng ủy Các cơ quan Đảng thành phố",
                )
            },
            body,
        ),
        "check::issuer_case",
        5,
        8,
    );
    only(&doc(|f| f.replace("viet_tat: ĐU", "viet_tat: Đ U"), body), "check::issuer_code", 6, 13);
    let d = only(
        &doc(|f| f.replace("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ"), body),
        "check::authority_prefix",
        11,
        15,
    );
    assert!(
        d.hint.as_deref().unwrap().contains("`T/M`") && d.clause.as_deref() == Some("HD05 I.7.1.1 [§1.6]")
    );
    only(
        &doc(|f| f.replace("T/M BAN THƯỜNG VỤ", "K/T ỦY BAN KIỂM TRA"), body),
        "check::kt_collective",
        11,
        15,
    );
    only(&doc(|f| f.replace("ho_ten: Phạm", "ho_ten: TS. Phạm"), body), "check::academic_title", 13, 11);
    only(
        &doc(|f| f.replace("chuc_vu: PHÓ BÍ THƯ", "chuc_vu: PHÓ BÍ THƯ ĐẢNG ỦY"), body),
        "check::title_with_body",
        12,
        12,
    );
    only(&doc(|f| f.replace("  - Lưu Văn phòng Đảng ủy\n", ""), body), "check::archive_line", 15, 5);
    only(
        &doc(|f| f.replace("loai: bao-cao", "loai: thong-bao\nkinh_gui: Ban Thường vụ Thành ủy"), body),
        "check::addressee_type",
        3,
        11,
    );
    let d = only(
        &doc(|f| f.replace("trich_yeu: kết quả", "trich_yeu: Kết quả"), body),
        "check::summary_case",
        9,
        12,
    );
    assert!(d.hint.as_deref().unwrap().contains("`kết quả thực hiện"));
    only(&doc(|f| f, "Nội dung vie\u{0302}\u{0323}t."), "check::not_nfc", 19, 12);
    let d = only(&doc(|f| f, "B¸o c¸o kÕt qu¶ thùc hiÖn."), "check::legacy_encoding", 19, 1);
    assert!(d.message.ends_with("TCVN3 (ABC)"), "{d}");
    let d = only(&doc(|f| f, "Vieät Nam ñaõ ñaït keát quaû."), "check::legacy_encoding", 19, 1);
    assert!(d.message.ends_with("VNI-Windows"), "{d}");
    only(&doc(|f| f, "Nội  dung."), "check::double_space", 19, 4);
    only(&doc(|f| f, "Nội dung (chưa đóng."), "check::unbalanced", 19, 1);
    only(&doc(|f| f, "# I. Một\n\nA.\n\n# III. Ba\n\nB."), "check::heading_sequence", 23, 3);
    // A heading repeated: the finding is at the repeat, not where its text first stands.
    only(&doc(|f| f, "# I. Một\n\nI. Một là.\n\n# I. Một\n\nB."), "check::heading_sequence", 23, 3);
    only(
        &doc(|f| f.replace("cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "cap_tren: HUYỆN ỦY AN DƯƠNG"), body),
        "check::historical_name",
        4,
        13,
    );
    only(
        &doc(|f| f.replace("  - Lưu Văn phòng", "  - Như trên\n  - Lưu Văn phòng"), body),
        "check::as_above_first",
        16,
        5,
    );
    // A district body is only flagged on documents signed after the districts were abolished.
    let old = doc(
        |f| {
            f.replace("cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "cap_tren: HUYỆN ỦY AN DƯƠNG")
                .replace("2026-06-15", "2025-03-10")
        },
        body,
    );
    assert!(findings(&old).is_empty());
}

#[test]
fn numbers_copied_with_their_code() {
    let with_so = |so: &'static str| {
        doc(move |f| f.replace("dia_danh: Hải Phòng", &format!("so: {so}\ndia_danh: Hải Phòng")), "Nội dung.")
    };
    only(&with_so("\"Số 05-KH/ĐU\""), "check::number_type_code", 7, 5);
    only(&with_so("\"Số 05-BC/UBND\""), "check::number_issuer_code", 7, 5);
    let d = only(&with_so("\"Số: 5-BC/ĐU\""), "check::number_form", 7, 5);
    assert!(d.message.contains("`Số 05-BC/ĐU`"), "{d}");
    let fix = d.fix.as_deref().expect("a fix");
    let fixed = vanban::diag::Fix::apply_all(&with_so("\"Số: 5-BC/ĐU\""), &[fix]);
    assert!(fixed.contains("\nso: 5\n"), "{fixed}");
    // The number alone, or copied exactly as printed, is fine.
    for ok in ["5", "\"05\"", "\"Số 05-BC/ĐU\"", "05-BC/ĐU"] {
        assert!(findings(&with_so(ok)).is_empty(), "{ok}");
    }
}

#[test]
fn superior_body_and_types_by_level() {
    let issuer = |ten: &'static str, loai: &'static str, quyen: &'static str| {
        doc(
            move |f| {
                f.replace("  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG\n", "")
                    .replace("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ", ten)
                    .replace("loai: bao-cao", &format!("loai: {loai}"))
                    .replace("T/M BAN THƯỜNG VỤ", quyen)
            },
            "Nội dung.",
        )
    };
    only(
        &issuer("ĐẢNG UỶ PHƯỜNG NGÔ QUYỀN", "bao-cao", "T/M BAN THƯỜNG VỤ"),
        "check::superior_missing",
        4,
        8,
    );
    for alone in ["TỈNH ỦY ĐIỆN BIÊN", "ĐẢNG ỦY CHÍNH PHỦ", "BAN CHẤP HÀNH TRUNG ƯƠNG"] {
        assert!(findings(&issuer(alone, "bao-cao", "T/M BAN THƯỜNG VỤ")).is_empty(), "{alone}");
    }
    let with_superior = |ten: &'static str, loai: &'static str, quyen: &'static str| {
        issuer(ten, loai, quyen).replace("co_quan:\n", "co_quan:\n  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG\n")
    };
    let d = only(
        &with_superior("CHI BỘ PHÒNG HÀNH CHÍNH", "huong-dan", "T/M CHI BỘ"),
        "check::type_for_level",
        2,
        7,
    );
    assert_eq!(d.clause.as_deref(), Some("QĐ 399-QĐ/TW Điều 11 [§1.12]"));
    // The standing committee of a ward's party committee may issue a Hướng dẫn; its executive
    // committee may not.
    assert!(
        findings(&with_superior("ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN", "huong-dan", "T/M BAN THƯỜNG VỤ")).is_empty()
    );
    only(
        &with_superior("ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN", "huong-dan", "T/M ĐẢNG ỦY"),
        "check::type_for_level",
        2,
        7,
    );
    // QĐ 399 applies from 09/01/2026.
    let before = with_superior("CHI BỘ PHÒNG HÀNH CHÍNH", "huong-dan", "T/M CHI BỘ")
        .replace("2026-06-15", "2025-12-01");
    assert!(findings(&before).is_empty());
}

#[test]
fn recipient_punctuation_typed_against_the_ruleset() {
    let d = only(
        &doc(|f| f.replace("Các đ/c Ủy viên BTV", "Các đ/c Ủy viên BTV,"), "Nội dung."),
        "check::recipient_punctuation",
        15,
        24,
    );
    assert!(d.message.contains("`;`"), "{d}");
    // What the ruleset wants, typed or not, is fine.
    let typed = doc(|f| f.replace("BTV\n", "BTV;\n").replace("Đảng ủy\n", "Đảng ủy.\n"), "Nội dung.");
    assert!(findings(&typed).is_empty());
}

/// Findings on a recipient point at that recipient as written, wherever and however it is
/// written: a line folded over two, a quoted item, an item of a JSON list.
#[test]
fn recipient_findings_stand_at_the_recipient() {
    let folded = "  - Các đ/c Ủy viên\n    BTV,";
    let d = only(
        &doc(|f| f.replace("  - Các đ/c Ủy viên BTV", folded), "Nội dung."),
        "check::recipient_punctuation",
        16,
        8,
    );
    let text = doc(|f| f.replace("  - Các đ/c Ủy viên BTV", folded), "Nội dung.");
    let fixed = vanban::diag::Fix::apply_all(&text, &[d.fix.as_deref().expect("a fix")]);
    assert!(fixed.contains("  - Các đ/c Ủy viên\n    BTV;\n"), "{fixed}");
    // Quoted, behind another: the third item, underlined quotes and all.
    only(
        &doc(
            |f| {
                f.replace(
                    "  - Lưu Văn phòng Đảng ủy",
                    "  - \"Ban Tổ chức\"\n  - \"Như trên\"\n  - Lưu Văn phòng Đảng ủy",
                )
            },
            "Nội dung.",
        ),
        "check::as_above_first",
        17,
        5,
    );
    let json = r#"{"loai": "bao-cao", "co_quan": {"cap_tren": "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
 "ten": "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ", "viet_tat": "ĐU"}, "dia_danh": "Hải Phòng",
 "ngay": "2026-06-15", "trich_yeu": "kết quả", "ky": {"tham_quyen": "T/M BAN THƯỜNG VỤ",
 "chuc_vu": "PHÓ BÍ THƯ", "ho_ten": "Phạm Quang Sáng"}, "noi_dung": "Nội dung.",
 "noi_nhan": ["Các đ/c Ủy viên BTV", "Như trên", "Lưu Văn phòng Đảng ủy"]}"#;
    let dir = folder(&[("doc.json", json)]);
    let loaded = vanban::input::load(&dir.path().join("doc.json")).unwrap_or_else(|e| panic!("{e}"));
    let found = common::ENGINE.check(&loaded, false).unwrap();
    let d = found.iter().find(|d| d.code == "check::as_above_first").expect("Như trên second");
    let loc = d.location.as_deref().unwrap();
    assert_eq!((loc.line, loc.col, loc.width), (5, 38, 10), "{d}");
}

#[test]
fn state_rules_differ_where_the_decree_does() {
    let state = |f: String| {
        f.replace("loai: bao-cao", "loai: bao-cao\nthe_thuc: nha-nuoc")
            .replace("trich_yeu: kết quả", "trich_yeu: Kết quả")
            .replace("T/M BAN", "TM. BAN")
    };
    // The Party archive line is wrong under NĐ30: it must read `Lưu: VT, …`.
    only(&doc(state, "Nội dung."), "check::archive_line", 17, 5);
    let fixed = |f: String| state(f).replace("Lưu Văn phòng Đảng ủy", "\"Lưu: VT, VP\"");
    assert!(findings(&doc(fixed, "Nội dung.")).is_empty());
}

/// Lays out `doc` (a path) with a copy of the embedded layout edited by `edit`, and returns the
/// audit's codes.
fn audit_with(edit: impl Fn(&str) -> String, doc: &Path) -> Vec<&'static str> {
    audit_with_file("van-ban.typ", edit, doc)
}

/// As [`audit_with`], the layout file `name` edited.
fn audit_with_file(name: &str, edit: impl Fn(&str) -> String, doc: &Path) -> Vec<&'static str> {
    let dir = folder(&[(name, &edit(vanban::compile::LAYOUTS.iter().find(|(n, _)| *n == name).unwrap().1))]);
    let engine = Engine::new(EngineOptions {
        fonts: vanban::compile::fonts::FontOptions { system: false, paths: vec![] },
        layouts: Some(dir.path().to_owned()),
        ..Default::default()
    });
    engine.render(doc).unwrap().audit.iter().map(|d| d.code).collect()
}

/// The audit's codes for `path` with `from` replaced by `to` in the layout file `name`, after
/// asserting the embedded layout gives none.
fn caught(name: &str, path: &Path, from: &str, to: &str) -> Vec<&'static str> {
    assert_eq!(
        audit_with_file(name, |t| t.to_owned(), path),
        Vec::<&str>::new(),
        "the embedded layout passes"
    );
    audit_with_file(name, |t| t.replace(from, to), path)
}

/// A document laid out by the embedded layout, its pages read back.
fn laid_out(path: &Path) -> vanban::inspect::Layout {
    vanban::inspect::inspect(&common::ENGINE.layout(&vanban::input::load(path).unwrap()).unwrap().document)
}

/// An example's path.
fn example_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

#[test]
fn self_audit_catches_broken_layouts() {
    assert_eq!(
        audit_with(|t| t.to_owned(), &example_path("dang-cong-van.md")),
        Vec::<&str>::new(),
        "the embedded layout passes"
    );
    let alone = audit_with(
        |t| t.replace("  closing(rules, doc)\n", "  pagebreak()\n  closing(rules, doc)\n"),
        &example_path("dang-cong-van.md"),
    );
    assert_eq!(alone, ["audit::band_alone"]);
    let margin =
        audit_with(|t| t.replace("left: t.le_trai * 1mm", "left: 12mm"), &example_path("dang-cong-van.md"));
    assert!(margin.contains(&"audit::margin"), "{margin:?}");
    let style = audit_with(
        |t| {
            t.replace(
                r#"let date = zone(rules, "dia_danh_ngay", date-line, line: row)"#,
                "let date = text(size: 12pt, date-line)",
            )
        },
        &example_path("dang-cong-van.md"),
    );
    assert_eq!(style, ["audit::zone_style"]);
    let empty = audit_with(
        |t| format!("{}\n", t.trim_end().trim_end_matches('}')) + "  pagebreak()\n}\n",
        &example_path("dang-cong-van.md"),
    );
    assert_eq!(empty, ["audit::empty_page"]);
}

#[test]
fn rules_sit_clear_of_the_descenders_and_the_audit_sees_one_that_does_not() {
    // Under the issuer, the Tiêu ngữ and the trích yếu of a State report (and the Party title):
    // each rule `ke.cach_duoi_chu_mm` (2.2 mm) under the baseline of the line above.
    for (name, rules) in [("nha-nuoc-bao-cao.md", 3), ("dang-cong-van.md", 1)] {
        let path = example_path(name);
        let layout = laid_out(&path);
        let gaps: Vec<(String, f64)> = layout
            .rules
            .iter()
            .filter(|r| r.page == 1)
            .filter_map(|r| {
                let above = layout
                    .text
                    .iter()
                    .filter(|t| {
                        t.page == 1
                            && t.y < r.y
                            && r.y - t.y < 5.0
                            && t.x < r.x + r.length
                            && t.x + t.width > r.x
                    })
                    .max_by(|a, b| a.y.total_cmp(&b.y))?;
                // Not an underline (`Nơi nhận:`), a tenth of an em under its words.
                (r.y - above.y > 0.15 * above.size * 25.4 / 72.0).then(|| (above.text.clone(), r.y - above.y))
            })
            .collect();
        assert_eq!(gaps.len(), rules, "{name}: {gaps:?}");
        assert!(gaps.iter().all(|(_, g)| (g - 2.2).abs() < 0.05), "{name}: {gaps:?}");
    }
    // A layout that sets the rules on the descenders, as before: the audit says so.
    let on_text = audit_with(
        |t| t.replace("rules.ke.cach_duoi_chu_mm * 1mm - depth(rules, last)", "0pt"),
        &example_path("nha-nuoc-bao-cao.md"),
    );
    assert_eq!(on_text, ["audit::rule_on_text"]);
}

#[test]
fn header_names_break_into_balanced_lines_or_the_authors_and_the_audit_sees_a_bad_break() {
    // The lines of page 1 above the number line, in the issuer's column.
    let header = |path: &Path| -> Vec<String> {
        let layout = laid_out(path);
        let number = layout.text.iter().find(|r| r.page == 1 && r.text.starts_with("Số")).unwrap();
        let date = layout
            .text
            .iter()
            .find(|r| r.page == 1 && (r.y - number.y).abs() < 0.5 && r.x > number.x)
            .unwrap();
        let mut lines: Vec<(f64, String)> = vec![];
        for r in layout.text.iter().filter(|r| r.page == 1 && r.y < number.y && r.x + r.width < date.x) {
            match lines.iter_mut().find(|(y, _)| (y - r.y).abs() < 0.5) {
                Some((_, t)) => *t = format!("{t} {}", r.text.trim()),
                None => lines.push((r.y, r.text.trim().to_owned())),
            }
        }
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        lines.into_iter().map(|(_, t)| t).filter(|t| t != "*").collect()
    };
    assert_eq!(
        header(&example_path("dang-cong-van.md")),
        ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY CÁC CƠ QUAN", "ĐẢNG THÀNH PHỐ"]
    );
    assert_eq!(
        header(&example_path("nha-nuoc-bao-cao.md")),
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "SỞ NỘI VỤ"]
    );
    assert_eq!(header(&example_path("nha-nuoc-cong-van.md")), ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGÔ QUYỀN"]);
    // The author's lines, kept.
    let md = std::fs::read_to_string(example_path("nha-nuoc-cong-van.md")).unwrap();
    let own = md.replace(
        "  ten: ỦY BAN NHÂN DÂN PHƯỜNG NGÔ QUYỀN",
        "  ten: |-\n    ỦY BAN NHÂN DÂN PHƯỜNG\n    NGÔ QUYỀN",
    );
    assert_ne!(own, md);
    let dir = folder(&[("doc.md", &own)]);
    assert_eq!(header(&dir.path().join("doc.md")), ["ỦY BAN NHÂN DÂN PHƯỜNG", "NGÔ QUYỀN"]);
    // The line breaker's own break, `… CƠ QUAN ĐẢNG ‖ THÀNH PHỐ`: the audit says so.
    let naive = audit_with(
        |t| {
            t.replace(
                r#"let name = name-block(rules, "co_quan", doc.co_quan.ten, left)"#,
                r#"let name = zone(rules, "co_quan", doc.co_quan.ten)"#,
            )
        },
        &example_path("dang-cong-van.md"),
    );
    assert_eq!(naive, ["audit::header_break"]);
}

#[test]
fn justified_lines_reach_the_margin_and_the_audit_sees_a_layout_where_they_do_not() {
    // The Party công văn's one paragraph is its last block, the one that sticks to the closing
    // band: its first line ends at the right margin (it stopped 4.1 mm short).
    let path = example_path("dang-cong-van.md");
    let layout = laid_out(&path);
    let first = layout.text.iter().find(|r| r.page == 1 && r.text.starts_with("Để chuẩn bị")).unwrap();
    assert!((first.x + first.width - common::RIGHT).abs() < 0.05, "{first:?}");
    let short =
        audit_with(|t| t.replace("block(sticky: true, width: 100%, node", "block(sticky: true, node"), &path);
    assert_eq!(short, ["audit::short_line"]);
}

#[test]
fn only_the_last_paragraph_goes_with_the_closing_band_and_the_audit_sees_a_page_left_part_empty() {
    // The example report ends with a list under a heading: its last item alone moves with the
    // band (the whole list and its section moved before, and page 8 ended 103 mm early).
    let path = example_path("bao-cao-thang-4-2026.md");
    let layout = laid_out(&path);
    let last = layout.pages.len();
    for page in 1..last {
        let lowest = layout.text.iter().filter(|r| r.page == page).map(|r| r.y).fold(0.0, f64::max);
        assert!(lowest > 297.0 - 20.0 - 3.0 * 18.0 * 25.4 / 72.0, "page {page} ends at {lowest:.1} mm");
    }
    let item = layout.text.iter().find(|r| r.text.starts_with("5. Lãnh đạo các đoàn thể")).unwrap();
    assert_eq!(item.page, last, "the last item stands on the band's page");
    let whole = caught(
        "van-ban.typ",
        &path,
        "split-last(doc.noi_dung)",
        "(doc.noi_dung.slice(0, -1), doc.noi_dung.last(), 0)",
    );
    assert_eq!(whole, ["audit::short_page"]);
    // A page that ends early because a tall image did not fit under its text is not short.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="200mm"><rect width="100%" height="100%"/></svg>"#;
    let body = format!("{}![Sơ đồ](so-do.svg)\n\n{}", filler(8), filler(2));
    let dir = folder(&[("doc.md", &doc(|f| f, &body)), ("so-do.svg", svg)]);
    let layout = laid_out(&dir.path().join("doc.md"));
    assert_eq!(layout.images[0].page, 2, "the image moved to page 2");
    assert_eq!(audit_with(|t| t.to_owned(), &dir.path().join("doc.md")), Vec::<&str>::new());
}

#[test]
fn recipients_hang_under_their_text_and_the_audit_sees_a_list_that_does_not() {
    // The April report's recipients wrapped to a line of one word (`cáo);`, `ủy;`) at the left
    // edge; now each wrapped line hangs under the text after the dash, two words at least.
    let path = example_path("bao-cao-thang-4-2026.md");
    let layout = laid_out(&path);
    let label = layout.text.iter().find(|r| r.text.trim() == "Nơi nhận:").unwrap();
    let dash = layout
        .text
        .iter()
        .find(|r| r.page == label.page && r.text.starts_with("- Đ/c Đỗ Mạnh Hiến"))
        .unwrap();
    let wrapped =
        layout.text.iter().find(|r| r.page == label.page && r.text.starts_with("Thành ủy, Bí thư")).unwrap();
    assert!(wrapped.x > dash.x + 1.0 && wrapped.y > dash.y, "{wrapped:?} hangs");
    assert!(
        !layout
            .text
            .iter()
            .any(|r| r.page == label.page && r.y > label.y && ["cáo);", "ủy;"].contains(&r.text.trim()))
    );
    let flush = caught(
        "van-ban.typ",
        &path,
        "  recipients(rules, doc.noi_nhan, line:",
        "  lines(rules, \"noi_nhan\", doc.noi_nhan, line:",
    );
    assert_eq!(flush, ["audit::recipient_wrap"]);
}

#[test]
fn the_audit_sees_an_appendix_line_in_capitals_or_without_its_rule() {
    let path = example_path("nha-nuoc-bao-cao.md");
    let bare = caught("van-ban.typ", &path, "if \"duoi_chi_dan\" in r {", "if false {");
    assert_eq!(bare, ["audit::appendix_line"]);
    // The name in capitals, as the header prints it, given by the author.
    let source = std::fs::read_to_string(&path).unwrap();
    let dir = folder(&[(
        "bc.md",
        &source.replace("  viet_tat: SNV\n", "  viet_tat: SNV\n  ten_thuong: SỞ NỘI VỤ\n"),
    )]);
    let shouted = audit_with(|t| t.to_owned(), &dir.path().join("bc.md"));
    assert_eq!(shouted, ["audit::appendix_line"]);
}

#[test]
fn state_header_gaps_as_word_sets_them_and_the_audit_sees_a_crowded_header() {
    // Measured on the corpus's Word-made State PDFs: the number 8.1–11.2 mm under the issuer's
    // last line, Kính gửi 12.1–19.2 mm under a công văn's V/v (baseline to baseline).
    let path = example_path("nha-nuoc-cong-van.md");
    let layout = laid_out(&path);
    let at = |text: &str| layout.text.iter().find(|r| r.page == 1 && r.text.starts_with(text)).unwrap().y;
    let number = at("Số: 08/UBND-VP") - at("PHƯỜNG NGÔ QUYỀN");
    assert!((8.1..=11.2).contains(&number), "number {number:.1} mm under the issuer");
    let date = at("Phường Ngô Quyền, ngày") - at("Độc lập - Tự do - Hạnh phúc");
    assert!((9.2..=12.1).contains(&date), "date {date:.1} mm under the motto");
    let addressed = at("Kính gửi:") - at("chính quý II năm 2026");
    assert!((12.1..=19.2).contains(&addressed), "Kính gửi {addressed:.1} mm under the V/v");
    let tight = caught("van-ban.typ", &path, "row-gutter: d.cach_hang_so_pt * 1pt, ", "");
    assert_eq!(tight, ["audit::header_gap"]);
    let close = audit_with(|t| t.replace("v(rules.dau_trang.cach_duoi_cong_van_pt * 1pt)", "v(12pt)"), &path);
    assert_eq!(close, ["audit::header_gap"]);
}

#[test]
fn a_copy_stamps_fields_keep_their_values_whole_and_the_audit_sees_one_broken() {
    let path = example_path("dang-ban-sao.md");
    let layout = laid_out(&path);
    let lines: Vec<String> = layout.lines(1).into_iter().map(|(_, l)| l).collect();
    for value in ["VĂN PHÒNG ĐẢNG ỦY", "Hải Phòng, ngày 22 tháng 6 năm 2026"] {
        assert!(lines.iter().any(|l| l.trim() == value), "`{value}` on a line of its own: {lines:?}");
    }
    let broken = caught("van-ban.typ", &path, "{ box(v) } else { v }", "{ v } else { v }");
    assert_eq!(broken, ["audit::copy_field"]);
}

#[test]
fn the_audit_sees_a_stamp_framed_in_another_colour_than_its_word() {
    let path = example_path("nha-nuoc-hoa-toc.md");
    let black = caught(
        "van-ban.typ",
        &path,
        "let color = if \"mau\" in z { rgb(z.mau) } else { black }",
        "let color = black",
    );
    assert_eq!(black, ["audit::frame_colour"]);
}

#[test]
fn tables_span_the_text_and_the_audit_sees_a_narrow_one() {
    // The State report's appendix table was 38 mm wide, flush left.
    let path = example_path("nha-nuoc-bao-cao.md");
    let layout = laid_out(&path);
    let top =
        layout.rules.iter().filter(|r| r.page == 2).max_by(|a, b| a.length.total_cmp(&b.length)).unwrap();
    // Its borders reach the margins, but for half the stroke.
    assert!(
        (top.x - common::LEFT).abs() < 0.1 && (top.x + top.length - common::RIGHT).abs() < 0.1,
        "{top:?}"
    );
    let narrow = caught("body.typ", &path, "if s.ca_dong {", "if false {");
    assert_eq!(narrow, ["audit::table_width"]);
}

#[test]
fn codes_dates_and_articles_never_break_and_the_audit_sees_a_layout_that_breaks_them() {
    // The example report's codes fall at line ends (`15-CTr/ ‖ ĐU`, `57- ‖ NQ/TW` before):
    // every line of its pages holds each code whole.
    let path = example_path("bao-cao-thang-4-2026.md");
    let loaded = vanban::input::load(&path).unwrap();
    let layout = vanban::inspect::inspect(&common::ENGINE.layout(&loaded).unwrap().document);
    let codes = ["15-CTr/ĐU", "57-NQ/TW", "05-KH/UBKT", "07-NQ/TU", "03-NQ/TU"];
    let text: Vec<String> =
        (1..=layout.pages.len()).flat_map(|p| layout.lines(p).into_iter().map(|(_, l)| l)).collect();
    for code in codes {
        assert!(text.iter().any(|l| l.contains(code)), "{code} is printed whole");
        let (head, _) = code.split_once('/').unwrap();
        assert!(!text.iter().any(|l| l.trim_end().ends_with(&format!("{head}/"))), "{code} is cut");
    }
    assert_eq!(audit_with_file("body.typ", |t| t.to_owned(), &path), Vec::<&str>::new());
    // The same layout without the boxes: the audit reports each page where a code is cut.
    let broken = audit_with_file("body.typ", |t| t.replace("unbroken(rules, x.t)", "x.t"), &path);
    assert!(!broken.is_empty() && broken.iter().all(|c| *c == "audit::broken_run"), "{broken:?}");
}

#[test]
fn a_date_line_too_wide_is_caught_and_strict_writes_nothing() {
    let place = "Thành phố Hồ Chí Minh thuộc vùng kinh tế trọng điểm phía Nam của Việt Nam";
    let dir = folder(&[(
        "doc.md",
        &doc(|f| f.replace("dia_danh: Hải Phòng", &format!("dia_danh: {place}")), "Nội dung."),
    )]);
    let out = vanban(dir.path(), &["render", "doc.md", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("audit::wrapped") && err.contains("--strict"), "{err}");
    assert!(!dir.path().join("doc.pdf").exists(), "nothing written under --strict");
    let out = vanban(dir.path(), &["render", "doc.md"]);
    assert!(
        out.status.success() && dir.path().join("doc.pdf").exists(),
        "without --strict: written, finding printed"
    );
}

#[test]
fn check_command_exit_codes_and_json() {
    let dir = folder(&[
        ("ok.md", &doc(|f| f, "Nội dung.")),
        ("bad.md", &doc(|f| f.replace("ho_ten: Phạm", "ho_ten: TS. Phạm"), "Nội dung.")),
        ("broken.md", "---\nloai: [\n---\nx\n"),
    ]);
    assert_eq!(vanban(dir.path(), &["check", "ok.md"]).status.code(), Some(0));
    let out = vanban(dir.path(), &["check", "bad.md", "--format", "json", "--no-audit"]);
    assert_eq!(out.status.code(), Some(1));
    let line = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(v["ma"], "check::academic_title");
    assert_eq!(v["muc_do"], "loi");
    assert_eq!((v["dong"].as_u64(), v["cot"].as_u64()), (Some(13), Some(11)));
    assert_eq!(v["nguon"], "HD05 I.7.1.4 [§1.6]");
    assert_eq!(vanban(dir.path(), &["check", "broken.md"]).status.code(), Some(2));
    // An unreadable document's errors are JSON on standard output too, for editors.
    let out = vanban(dir.path(), &["check", "broken.md", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(out.stdout.trim_ascii()).unwrap();
    assert_eq!((v["ma"].as_str(), v["dong"].as_u64()), (Some("input::syntax"), Some(3)));
}

#[test]
fn colour_on_request_and_on_terminals_only() {
    let dir = folder(&[("bad.md", &doc(|f| f.replace("ho_ten: Phạm", "ho_ten: TS. Phạm"), "Nội dung."))]);
    let shown = |args: &[&str]| String::from_utf8(vanban(dir.path(), args).stdout).unwrap();
    let plain = shown(&["check", "bad.md", "--no-audit"]);
    assert!(plain.starts_with("lỗi[check::academic_title]") && !plain.contains('\x1b'), "{plain}");
    let coloured = shown(&["check", "bad.md", "--no-audit", "--color", "always"]);
    assert!(coloured.starts_with("\x1b[1m\x1b[91mlỗi[check::academic_title]\x1b[0m"), "{coloured:?}");
    assert_eq!(strip_ansi(&coloured), plain, "colour changes nothing but the colour");
}

/// A text without its ANSI colour sequences.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find('m').map_or(rest.len(), |m| m + 1)..];
    }
    out + rest
}

#[test]
fn fix_round_trip_checks_clean_and_renders() {
    let broken = doc(
        |f| {
            f.replace("ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ", "ten: Đảng ủy Các cơ quan Đảng thành phố")
                .replace("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ")
                .replace("ho_ten: Phạm", "ho_ten: TS. Phạm")
                .replace("trich_yeu: kết quả", "trich_yeu: Kết quả")
        },
        "Nội  dung vie\u{0302}\u{0323}t  nam.",
    );
    let dir = folder(&[("doc.md", &broken)]);
    let out = vanban(dir.path(), &["check", "doc.md", "--fix", "--no-audit"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "clean after the fixes:\n{shown}{}", common::stderr(&out));
    for line in [
        "+   ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ",
        "+   tham_quyen: T/M BAN THƯỜNG VỤ",
        "+   ho_ten: Phạm Quang Sáng",
        "+ trich_yeu: kết quả",
        "+ Nội dung việt nam.",
    ] {
        assert!(shown.contains(line), "diff shows `{line}`:\n{shown}");
    }
    let fixed = std::fs::read_to_string(dir.path().join("doc.md")).unwrap();
    assert!(findings(&fixed).is_empty(), "the fixed file checks clean");
    assert!(vanban(dir.path(), &["render", "doc.md"]).status.success(), "and renders");
}

#[test]
fn a_selection_warning_is_reported_once() {
    let old = doc(|f| f.replace("2026-06-15", "2010-03-01"), "Nội dung.");
    let dir = folder(&[("doc.md", &old)]);
    let loaded = vanban::input::load(&dir.path().join("doc.md")).unwrap();
    for audit in [false, true] {
        let found = common::ENGINE.check(&loaded, audit).unwrap();
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["rules::before_rulesets"], "audit {audit}");
    }
}

/// The audit's codes for a Markdown document laid out with the embedded layout.
fn audit_of(doc: &str) -> Vec<&'static str> {
    let dir = folder(&[("doc.md", doc)]);
    let loaded = vanban::input::load(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}"));
    common::ENGINE.layout(&loaded).unwrap_or_else(|e| panic!("{e}")).audit().iter().map(|d| d.code).collect()
}

/// `n` two-line paragraphs.
fn filler(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "Đoạn văn số {i} có nội dung vừa đủ dài để chiếm hai dòng trên trang giấy khổ A4 theo thể \
                 thức văn bản của Đảng hiện hành.\n\n"
            )
        })
        .collect()
}

#[test]
fn grounds_that_carry_the_body_to_page_two_are_no_overflow() {
    // A real decision with nine grounds starts `Điều 1.` on page 2; the title and the first
    // ground are on page 1.
    let ground = "  - Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31 tháng 12 năm 2024 của Chính phủ quy định \
                  chi tiết một số điều của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ về vật \
                  liệu nổ công nghiệp và tiền chất thuốc nổ\n";
    let grounds = format!("can_cu:\n{}", ground.repeat(14));
    let d = doc(
        |f| f.replace("loai: bao-cao", "loai: quyet-dinh").replace("ky:\n", &format!("{grounds}ky:\n")),
        "Điều 1. Nội dung.",
    );
    assert_eq!(audit_of(&d), Vec::<&str>::new());
}

#[test]
fn a_summary_too_long_for_page_one_is_caught() {
    let long = "kết quả thực hiện nhiệm vụ chính trị của các chi bộ trực thuộc ".repeat(45);
    let found = audit_of(&doc(|f| f.replace("kết quả thực hiện nhiệm vụ tháng 4", &long), "Nội dung."));
    assert_eq!(found, ["audit::title_overflow"]);
    // A body that starts with a table, or is one link, starts on page 1: nothing to report
    // (the table's cells ran together in the probe, `AB12` for `A | B`).
    for body in ["| Cột A | Cột B |\n|---|---|\n| 1 | 2 |", "Xem [đây](#)."] {
        assert_eq!(audit_of(&doc(|f| f, body)), Vec::<&str>::new(), "{body}");
    }
}

#[test]
fn a_footnote_entry_off_its_markers_page_is_caught() {
    // A footnote in a table row: Typst may set the row on one page and the entry on another.
    let note = format!("[^1]: {}", "Chú thích dài. ".repeat(60));
    let in_table = |n| {
        let body = format!(
            "{}| Cột A | Cột B |\n|---|---|\n| Ô có chú thích[^1] | x |\n\nĐoạn sau.\n\n{note}",
            filler(n)
        );
        audit_of(&doc(|f| f, &body))
    };
    let moved: Vec<usize> = (8..16).filter(|&n| in_table(n).contains(&"audit::footnote_moved")).collect();
    assert!(!moved.is_empty(), "some placement of the row strands its footnote");
    // In a paragraph the line moves with its footnote: never reported.
    for n in moved {
        let body = format!("{}Đoạn có chú thích[^1] ở cuối trang.\n\nĐoạn sau.\n\n{note}", filler(n));
        assert_eq!(audit_of(&doc(|f| f, &body)), Vec::<&str>::new(), "{n} paragraphs");
    }
}

#[test]
fn a_band_split_and_a_heading_at_the_foot_are_caught() {
    let split = audit_with(
        |t| {
            t.replace(
                "  closing(rules, doc)\n",
                "  zone(rules, \"noi_nhan_nhan\", rules.noi_nhan.nhan)\n  pagebreak()\n  signature(rules, doc.ky)\n",
            )
        },
        &example_path("dang-cong-van.md"),
    );
    assert_eq!(split, ["audit::band_split"]);

    // Headings keep with the next paragraph; with that turned off, some length of text before
    // a heading leaves it as the last line of a page.
    let unsticky = |t: &str| {
        t.replace(
            "show heading: it => block(width: 100%, sticky: true",
            "show heading: it => block(width: 100%, sticky: false",
        )
    };
    let stranded = (10..22).find_map(|n| {
        let dir =
            folder(&[("doc.md", &doc(|f| f, &format!("{}# II. TIẾP THEO\n\n{}", filler(n), filler(3))))]);
        let path = dir.path().join("doc.md");
        audit_with(unsticky, &path).contains(&"audit::heading_at_foot").then_some((dir, path))
    });
    let (_dir, path) = stranded.expect("a heading stranded at the foot of a page");
    assert_eq!(audit_with(|t| t.to_owned(), &path), Vec::<&str>::new(), "the embedded layout keeps it");
}
