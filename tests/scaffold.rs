//! `vanban new` and `vanban rules`: every type of every ruleset scaffolds to a document that
//! validates; a scaffold renders; nothing is overwritten; rulesets print readably.

mod common;

use common::{folder, stderr, vanban};
use vanban::model::date;
use vanban::rules::ruleset::Ruleset;

#[test]
fn every_type_scaffolds_to_a_document_that_renders() {
    let day = date::ymd(2026, 6, 1).unwrap();
    for rules in Ruleset::all() {
        for slug in rules.loai.keys() {
            let text = vanban::scaffold::template(rules, slug, day, &Default::default()).unwrap();
            let dir = folder(&[("doc.md", &text)]);
            let src = vanban::input::source::read(&dir.path().join("doc.md")).unwrap();
            let doc =
                vanban::input::parse(&src).unwrap_or_else(|e| panic!("{} {slug}:\n{e}\n{text}", rules.id));
            let (chosen, _) = vanban::rules::select::select(&doc, &src).unwrap();
            assert_eq!(chosen.the_thuc, rules.the_thuc, "{} {slug}", rules.id);
            vanban::rules::derive::derive(&doc, chosen, &src, |_| true)
                .unwrap_or_else(|e| panic!("{slug}: {e}"));
            // And it lays out: a document of any type renders.
            let r =
                common::ENGINE.render(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{slug}: {e}"));
            assert!(r.pdf.starts_with(b"%PDF-") && !r.document.pages().is_empty());
        }
    }
}

#[test]
fn optional_parts_a_type_does_not_use_are_commented_out() {
    let rules = Ruleset::get("hd05-2026").unwrap();
    let report =
        vanban::scaffold::template(rules, "bao-cao", date::ymd(2026, 6, 1).unwrap(), &Default::default())
            .unwrap();
    for key in ["do_khan", "do_mat", "pham_vi", "du_thao", "lien_he", "phu_luc", "kinh_gui", "can_cu"] {
        assert!(report.contains(&format!("\n# {key}:")), "`{key}` commented out:\n{report}");
    }
    let decision =
        vanban::scaffold::template(rules, "quyet-dinh", date::ymd(2026, 6, 1).unwrap(), &Default::default())
            .unwrap();
    assert!(decision.contains("\ncan_cu: "), "{decision}");
}

#[test]
fn a_scaffold_renders_and_is_never_written_over_a_file() {
    let dir = folder(&[]);
    let out = vanban(dir.path(), &["new", "cong-van", "--the-thuc", "nha-nuoc", "-o", "cv.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("cv.md")).unwrap();
    assert!(text.contains("the_thuc: nha-nuoc") && text.contains("kinh_gui:"), "{text}");
    let out = vanban(dir.path(), &["render", "cv.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.path().join("cv.md"), "của tôi").unwrap();
    let out = vanban(dir.path(), &["new", "bao-cao", "-o", "cv.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tệp cv.md đã có"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("cv.md")).unwrap(), "của tôi");
}

#[test]
fn lists_types_and_rulesets() {
    let dir = folder(&[]);
    let out = vanban(dir.path(), &["new", "--list", "--the-thuc", "nha-nuoc"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("quy-dinh           QyĐ   Quy định"), "{list}");
    let out = vanban(dir.path(), &["rules"]);
    let rules = String::from_utf8_lossy(&out.stdout);
    assert_eq!(rules.lines().count(), 3, "{rules}");
    let out = vanban(dir.path(), &["rules", "nd30-2020"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("quoc_hieu") && l.contains("13") && l.contains("PL1 II.1a")),
        "{text}"
    );
    let out = vanban(dir.path(), &["rules", "hd99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("không có bộ quy tắc `hd99`"));
    let out = vanban(dir.path(), &["new", "khong-co"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("chưa có thể loại `khong-co`"), "{}", stderr(&out));
}
