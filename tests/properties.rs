//! Properties: every date from 1930 to 2100 and every number make the right lines; any text in
//! the text fields renders and reads back from the PDF as its NFC form; `check --fix` is
//! idempotent.

mod common;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::diag::source::SourceFile;
use vanban::input::Loaded;
use vanban::model::date::{self, Date};
use vanban::rules::derive::{date_line, date_slots, number};
use vanban::rules::ruleset::Ruleset;

/// HD05 I.4.2 and NĐ30 PL1 II.4: a day under 10 and the months 1 and 2 take a leading zero.
fn expected_date_line(place: &str, d: Date) -> String {
    let day = if d.day() < 10 { format!("0{}", d.day()) } else { d.day().to_string() };
    let month = u8::from(d.month());
    let month = if month < 3 { format!("0{month}") } else { month.to_string() };
    format!("{place}, ngày {day} tháng {month} năm {}", d.year())
}

#[test]
fn every_date_from_1930_to_2100_makes_the_date_line_and_its_blanks() {
    let day = |y, m, d| date::ymd(y, m, d).unwrap().to_julian_day();
    let (first, last) = (day(1930, 1, 1), day(2100, 12, 31));
    let mut count = 0;
    for id in ["hd05-2026", "hd36-2018", "nd30-2020"] {
        let rules = Ruleset::get(id).unwrap();
        for n in first..=last {
            let d = Date::from_julian_day(n).unwrap();
            let line = date_line(rules, "Hà Nội", d);
            assert_eq!(line, expected_date_line("Hà Nội", d), "{id}");
            // Before issue: the same line with the day and month left out.
            let [before, between, after] = date_slots(rules, "Hà Nội", d);
            let day_month: Vec<&str> =
                line.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
            assert_eq!(format!("{before}{}{between}{}{after}", day_month[0], day_month[1]), line);
            count += 1;
        }
    }
    // 171 years of 365 days, and 42 leap days (2000 is one, 2100 is not).
    assert_eq!(count, 3 * (171 * 365 + 42), "every day, in three rulesets");
}

#[test]
fn every_number_makes_its_line() {
    let hd05 = Ruleset::get("hd05-2026").unwrap();
    let nd30 = Ruleset::get("nd30-2020").unwrap();
    for n in 1..=10_000u32 {
        let padded = if n < 10 { format!("0{n}") } else { n.to_string() };
        assert_eq!(
            number(&hd05.so_ky_hieu.mau, hd05, "BC", "ĐU", Some(n), 2026).text(""),
            format!("Số {padded}-BC/ĐU")
        );
        assert_eq!(
            number(&nd30.so_ky_hieu.mau, nd30, "BC", "UBND", Some(n), 2026).text(""),
            format!("Số: {padded}/BC-UBND")
        );
        assert_eq!(
            number(&nd30.so_ky_hieu.mau_rieng["quy-pham"].mau, nd30, "QĐ", "UBND", Some(n), 2026).text(""),
            format!("Số: {padded}/2026/QĐ-UBND")
        );
    }
}

/// Words the bundled font can draw: Vietnamese letters, precomposed or as a vowel and a
/// combining tone mark (which NFC joins), the rest of Latin-1 and Latin Extended, Greek,
/// Cyrillic, digits, punctuation and symbols, and spaces. (A mark on a letter that has no
/// precomposed form, like b̀, reads back from Typst's PDF doubled: see the README's limits.)
fn drawable() -> impl Strategy<Value = String> {
    let one = |s: BoxedStrategy<char>| s.prop_map(String::from).boxed();
    let toned = (
        proptest::sample::select(vec!['a', 'e', 'i', 'o', 'u', 'y', 'â', 'ê', 'ô', 'ă', 'ơ', 'ư', 'A', 'Ơ']),
        proptest::sample::select(vec!['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}']),
    )
        .prop_map(|(v, m)| format!("{v}{m}"))
        .boxed();
    let ranges = prop_oneof![
        8 => one(proptest::char::range('a', 'z').boxed()),
        2 => one(proptest::char::range('A', 'Z').boxed()),
        2 => one(proptest::char::range('0', '9').boxed()),
        4 => one(proptest::char::range('\u{00C0}', '\u{024F}').boxed()),
        4 => one(proptest::char::range('\u{1EA0}', '\u{1EF9}').boxed()),
        2 => toned,
        1 => one(proptest::char::range('\u{0391}', '\u{03A1}').boxed()),
        1 => one(proptest::char::range('\u{03A3}', '\u{03C9}').boxed()),
        1 => one(proptest::char::range('\u{0410}', '\u{044F}').boxed()),
        2 => one(proptest::sample::select(vec![' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '\'', '/', '-', '–', '—', '…', '#', '$', '%', '&', '*', '+', '=', '<', '>', '@', '[', ']', '{', '}', '_', '`', '~', '\\', '|', '^']).boxed()),
    ];
    // Words of at most 12 characters: a longer unbroken run may not fit its column, which the
    // self-audit reports (`audit::margin`) and pdftotext then cannot read past the page's edge.
    let word = proptest::collection::vec(ranges, 1..12).prop_map(|cs| cs.concat());
    proptest::collection::vec(word, 1..6)
        .prop_map(|ws| ws.join(" "))
        // A field of only spaces or marks is an empty field, refused as such.
        .prop_filter("has a letter or digit", |s| s.chars().any(char::is_alphanumeric))
}

/// `s` without its spaces: a field may wrap anywhere, and a line break reads back as a space.
fn words(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_the_text_fields_renders_and_reads_back_as_its_nfc(summary in drawable(), name in drawable()) {
        let doc = serde_json::json!({
            "loai": "bao-cao",
            "co_quan": { "ten": "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ", "viet_tat": "ĐU",
                         "cap_tren": "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" },
            "dia_danh": "Hải Phòng",
            "ngay": "2026-06-01",
            "trich_yeu": summary,
            "ky": { "chuc_vu": "BÍ THƯ", "ho_ten": name },
            "noi_nhan": ["Lưu Văn phòng"],
            "noi_dung": "Nội dung.",
        });
        let dir = tempfile::tempdir().unwrap();
        let source = SourceFile::new(&dir.path().join("doc.json"), doc.to_string());
        let document = vanban::input::parse(&source).unwrap_or_else(|e| panic!("{e}"));
        let rendered = common::ENGINE.render_loaded(&Loaded { source, document }).unwrap_or_else(|e| panic!("{e}"));
        let text = words(&common::pdf_text(&rendered.pdf));
        for field in [&summary, &name] {
            let nfc: String = field.nfc().collect();
            prop_assert!(text.contains(&words(&nfc)), "`{}` not in `{}`", nfc, text);
        }
    }

    #[test]
    fn check_fix_is_idempotent(
        summary in prop::sample::select(vec!["Kết quả  công tác", "kết quả công tác", "KẾT QUẢ CÔNG TÁC", "ke\u{0302}\u{0301}t qua\u{0309} co\u{0302}ng ta\u{0301}c"]),
        title in prop::sample::select(vec!["BÍ THƯ", "Bí thư", "bí thư", "BÍ  THƯ"]),
        name in prop::sample::select(vec!["Phạm Quang Sáng", "Đồng chí Phạm Quang Sáng", "đ/c Phạm Quang Sáng", "TS. Phạm Quang Sáng"]),
        recipients in prop::collection::vec(prop::sample::select(vec!["- Ban Thường vụ;", "Các chi bộ", "- Lưu VP.", "Như trên,"]), 1..4),
    ) {
        let recipients: String = recipients.iter().map(|r| format!("  - \"{r}\"\n")).collect();
        let doc = format!(
            "---\nloai: bao-cao\nco_quan:\n  cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG\n  ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ\n  viet_tat: ĐU\ndia_danh: Hải Phòng\nngay: 2026-06-01\ntrich_yeu: {summary}\nky:\n  chuc_vu: {title}\n  ho_ten: {name}\nnoi_nhan:\n{recipients}---\n\nNội dung.\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, &doc).unwrap();
        let (_, once) = common::ENGINE.fixed(&path).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, &once).unwrap();
        let (_, twice) = common::ENGINE.fixed(&path).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(once, twice);
    }
}
