//! The development corpus (`tests/corpus/`): no word lost on any document, the share of
//! fields right not below its floor, every document with a complete source renders; the
//! no-word-lost check catches a line the import loses. The full table:
//! `cargo bench --bench corpus`.

mod common;
#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::sync::LazyLock;

use corpus::{Outcome, Render};
use vanban::import::kept::{self, Part};

/// The share of fields right over the corpus, at least (a ratchet: raise it as import improves).
const FLOOR: f64 = 0.92;

/// Documents that still lose words, by number (a ratchet: a document that no longer loses
/// must leave the list). None does.
const LOSING: &[&str] = &[];

/// Documents with a complete source that do not yet render and check without errors, by
/// number (a ratchet, as [`LOSING`]). 33 renders; its check finds the source's own signing
/// prefix `T/M.` wrong for a State document (`TM.`), kept as printed.
const NOT_RENDERING: &[&str] = &["33-"];

/// Every corpus document measured once; rendered only when its source is complete.
static OUTCOMES: LazyLock<Vec<Outcome>> = LazyLock::new(|| {
    corpus::documents()
        .iter()
        .map(|d| {
            let engine = corpus::lacks(d).is_empty().then_some(&*common::ENGINE);
            corpus::measure(d, engine)
        })
        .collect()
});

fn listed(list: &[&str], name: &str) -> bool {
    list.iter().any(|l| name.starts_with(l))
}

#[test]
fn no_word_lost_in_any_corpus_document() {
    let mut wrong = vec![];
    for o in OUTCOMES.iter().filter(|o| o.failed.is_none()) {
        let losing = listed(LOSING, &o.name);
        if losing == o.lost.is_empty() {
            let lost: Vec<String> =
                o.lost.iter().take(20).map(|l| format!("{}:{}", l.line, l.word)).collect();
            wrong.push(format!(
                "{} ({}): {}",
                o.name,
                if losing { "no longer loses" } else { "loses" },
                lost.join(" ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_share_of_fields_right_holds_its_floor() {
    let share = corpus::share_right(&OUTCOMES);
    assert!(share >= FLOOR, "{:.3} < {FLOOR}\n{}", share, corpus::report(&OUTCOMES));
}

#[test]
fn every_document_with_a_complete_source_renders() {
    let mut wrong = vec![];
    for o in OUTCOMES.iter().filter(|o| o.failed.is_none() && o.lacks.is_empty()) {
        let clean = matches!(o.render, Render::Clean);
        if clean == listed(NOT_RENDERING, &o.name) {
            wrong.push(format!("{}: {:?}", o.name, o.render));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A Party report in the text form of an extraction, columns side by side.
const REPORT: &str = "\
ĐẢNG BỘ TỈNH KHÁNH HOÀ          ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG UỶ XÃ CÔNG HẢI
*
Số 12-BC/ĐU                     Công Hải, ngày 10 tháng 02 năm 2026

BÁO CÁO
kết quả công tác tháng 01 năm 2026

Trong tháng, Đảng uỷ xã đã lãnh đạo thực hiện tốt các nhiệm vụ chính trị của địa phương.

Công tác xây dựng Đảng được chú trọng, các chi bộ sinh hoạt đều đặn theo quy định.

Tình hình an ninh trật tự trên địa bàn ổn định, không có vụ việc phức tạp./.

                                   T/M BAN THƯỜNG VỤ
Nơi nhận:                          BÍ THƯ
- Ban Thường vụ Huyện uỷ,
- Lưu Văn phòng Đảng uỷ.           Nguyễn Văn An
";

fn import(text: &str) -> vanban::import::Imported {
    vanban::import::import_text(&vanban::diag::source::SourceFile::new(
        Path::new("bao-cao.txt"),
        text.to_owned(),
    ))
}

/// Every word is kept, the labels and the number and date pieces included; a body line taken
/// out of the import is lost word by word at its line, and a Nơi nhận item in the closing.
#[test]
fn a_line_taken_out_of_the_import_is_lost_at_its_line() {
    let imported = import(REPORT);
    assert_eq!(imported.kept, kept::Kept { words: 113, dropped: vec![], lost: vec![] });
    let lost = |markdown: &str| -> Vec<(usize, String, Part)> {
        kept::lost(REPORT, markdown, &[]).lost.into_iter().map(|l| (l.line, l.word, l.part)).collect()
    };
    let line = |n: usize, words: &str, part: Part| -> Vec<(usize, String, Part)> {
        words.split(' ').map(|w| (n, w.to_owned(), part)).collect()
    };
    let second = "Công tác xây dựng Đảng được chú trọng, các chi bộ sinh hoạt đều đặn theo quy định.";
    let without = imported.markdown.replace(&format!("\n{second}\n"), "");
    assert_eq!(
        lost(&without),
        line(
            11,
            "Công tác xây dựng Đảng được chú trọng các chi bộ sinh hoạt đều đặn theo quy định",
            Part::Body
        )
    );
    let without = imported.markdown.replace("  - Lưu Văn phòng Đảng uỷ\n", "");
    assert_eq!(lost(&without), line(18, "Lưu Văn phòng Đảng uỷ", Part::Closing));
}

/// A date line whose day is blank keeps its month and year in `ngay`, with a comment saying
/// what to fill, and no word of it is lost.
#[test]
fn a_blank_day_keeps_the_month_and_year() {
    let blank_day = REPORT.replace("ngày 10 tháng", "ngày    tháng");
    let imported = import(&blank_day);
    assert!(
        imported
            .markdown
            .contains("\nngay: 02/2026  # bản gốc để trống ngày: ghi đủ ngày, ví dụ 10/02/2026\n"),
        "{}",
        imported.markdown
    );
    assert_eq!(imported.kept.lost, vec![]);
    assert!(!imported.report.iter().any(|d| d.code == "import::lost"), "{:?}", imported.report);
}
