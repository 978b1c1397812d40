//! Import on generated documents: a header, a title, body paragraphs and a closing written as
//! an extraction would (lines wrapped, blank lines shuffled away, a line repeated, pages cut by
//! form feeds with page numbers and a running header). Whatever the shape, no word is lost,
//! only the furniture is dropped, and the fields are still found.

use std::path::Path;

use proptest::prelude::*;
use vanban::diag::source::SourceFile;
use vanban::import::import_text;
use vanban::input::loaded;
use vanban::model::date::{self, Date};

/// One generated document, its parts as they are to be found.
#[derive(Debug, Clone)]
struct Parts {
    state: bool,
    cap_tren: &'static str,
    ten: &'static str,
    viet_tat: &'static str,
    so: u32,
    dia_danh: &'static str,
    ngay: Date,
    loai: (&'static str, &'static str),
    trich_yeu: String,
    body: Vec<String>,
    ho_ten: &'static str,
    noi_nhan: Vec<&'static str>,
}

/// How the text is laid out.
#[derive(Debug, Clone)]
struct Shape {
    /// Characters a body line is wrapped at.
    width: usize,
    /// Which paragraph ends keep their blank line.
    blanks: Vec<bool>,
    /// A body line repeated after itself, and how many more times (a sentence ending that
    /// recurs, as `theo quy định của pháp luật.`, is not page furniture).
    repeat: Option<(usize, usize)>,
    /// Body lines on a page, or no pages.
    page: Option<usize>,
    /// A running header on every page after the first.
    running: bool,
}

const WORDS: &[&str] = &[
    "công", "tác", "lãnh", "đạo", "chỉ", "đạo", "thực", "hiện", "nhiệm", "vụ", "chính", "trị", "địa",
    "phương", "được", "chú", "trọng", "các", "chi", "bộ", "sinh", "hoạt", "đều", "đặn", "theo", "quy",
    "định", "an", "ninh", "trật", "tự", "ổn", "kinh", "tế", "xã", "hội", "phát", "triển", "Nhân", "dân",
    "tỉnh", "năm", "2026", "tháng", "12", "kế", "hoạch", "kiểm", "tra", "giám", "sát", "đảng", "viên", "số",
    "liệu", "báo", "cáo", "kết", "quả",
];

fn sentence(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..max).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(first) = s.chars().next() {
            s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        s
    })
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        any::<bool>(),
        1u32..999,
        (1u32..=28, 1u32..=12, 2025i32..=2026),
        prop::sample::select(vec![
            ("bao-cao", "BÁO CÁO"),
            ("ke-hoach", "KẾ HOẠCH"),
            ("thong-bao", "THÔNG BÁO"),
        ]),
        sentence(4, 12),
        prop::collection::vec(sentence(6, 40), 2..8),
        prop::sample::select(vec!["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường"]),
    )
        .prop_map(|(state, so, (d, m, y), loai, trich_yeu, mut body, ho_ten)| {
            let last = body.len() - 1;
            for (i, p) in body.iter_mut().enumerate() {
                p.push_str(if i == last { "./." } else { "." });
            }
            let (cap_tren, ten, viet_tat, dia_danh) = if state {
                ("UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "SCT", "Lào Cai")
            } else {
                ("ĐẢNG BỘ TỈNH KHÁNH HOÀ", "ĐẢNG UỶ XÃ CÔNG HẢI", "ĐU", "Công Hải")
            };
            Parts {
                state,
                cap_tren,
                ten,
                viet_tat,
                so,
                dia_danh,
                ngay: date::ymd(y, m as u8, d as u8).expect("a day up to 28"),
                loai,
                trich_yeu: trich_yeu.to_lowercase(),
                body,
                ho_ten,
                noi_nhan: if state {
                    vec!["UBND tỉnh", "Lưu: VT"]
                } else {
                    vec!["Ban Thường vụ Huyện uỷ", "Lưu Văn phòng"]
                },
            }
        })
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        50usize..200,
        prop::collection::vec(any::<bool>(), 8),
        prop::option::of((0usize..40, 1usize..=3)),
        prop::option::of(6usize..30),
        any::<bool>(),
    )
        .prop_map(|(width, blanks, repeat, page, running)| Shape {
            width,
            blanks,
            repeat,
            page,
            running,
        })
}

/// A paragraph wrapped at `width` characters.
fn wrap(p: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in p.split(' ') {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(w.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
    }
    lines
}

/// The document as an extraction gives it, and the lines (from 1) that are page furniture.
fn text(p: &Parts, s: &Shape) -> (String, Vec<usize>) {
    let (motto, star, number, prefix) = if p.state {
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            format!("Số: {}/{}", p.so, p.viet_tat),
            "",
        )
    } else {
        (
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "*",
            format!(
                "Số {}-{}/{}",
                p.so,
                p.loai.1.split(' ').map(|w| &w[..1]).collect::<String>(),
                p.viet_tat
            ),
            "",
        )
    };
    let _ = prefix;
    let date = format!(
        "{}, ngày {:02} tháng {:02} năm {}",
        p.dia_danh,
        p.ngay.day(),
        u8::from(p.ngay.month()),
        p.ngay.year()
    );
    let mut head = vec![
        format!("{:<40}{motto}", p.cap_tren),
        format!("{:<40}{star}", p.ten),
        String::new(),
        format!("{number:<40}{date}"),
        String::new(),
        p.loai.1.to_owned(),
        p.trich_yeu.clone(),
        String::new(),
    ];
    let mut body = vec![];
    for (i, para) in p.body.iter().enumerate() {
        body.extend(wrap(para, s.width));
        if s.blanks[i % s.blanks.len()] {
            body.push(String::new());
        }
    }
    if let Some((n, times)) = s.repeat {
        let n = n % body.len();
        if !body[n].is_empty() {
            for _ in 0..times {
                body.insert(n + 1, body[n].clone());
            }
        }
    }
    let authority = if p.state { "KT. GIÁM ĐỐC" } else { "T/M BAN THƯỜNG VỤ" };
    let title = if p.state { "PHÓ GIÁM ĐỐC" } else { "BÍ THƯ" };
    let closing = vec![
        String::new(),
        format!("{:<40}{authority}", ""),
        format!("{:<40}{title}", "Nơi nhận:"),
        format!("- {};", p.noi_nhan[0]),
        format!("{:<40}{}", format!("- {}.", p.noi_nhan[1]), p.ho_ten),
    ];
    let mut lines: Vec<String> = vec![];
    let mut furniture = vec![];
    lines.append(&mut head);
    let mut page = 1;
    for (i, l) in body.into_iter().enumerate() {
        if s.page.is_some_and(|n| i > 0 && i % n == 0) {
            page += 1;
            lines.push(format!("\u{c}{page}"));
            furniture.push(lines.len());
            if s.running {
                lines.push("BAOCAO-T4.DOC".to_owned());
                furniture.push(lines.len());
            }
        }
        lines.push(l);
    }
    lines.extend(closing);
    (lines.join("\n") + "\n", furniture)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_word_lost_and_the_fields_found(p in parts(), s in shape()) {
        let (text, furniture) = text(&p, &s);
        let imported = import_text(&SourceFile::new(Path::new("vb.txt"), text.clone()));
        let lost: Vec<String> = imported.kept.lost.iter().map(|l| format!("{}:{}", l.line, l.word)).collect();
        prop_assert!(lost.is_empty(), "lost {lost:?}\n{text}\n{}", imported.markdown);
        let dropped: Vec<usize> = imported.kept.dropped.iter().copied().filter(|l| !furniture.contains(l)).collect();
        prop_assert!(dropped.is_empty(), "dropped lines {dropped:?} that are not furniture\n{text}");
        let doc = loaded(SourceFile::new(Path::new("vb.md"), imported.markdown.clone()))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", imported.markdown)))?
            .document;
        prop_assert_eq!(doc.the_thuc.as_deref().unwrap_or("dang"), if p.state { "nha-nuoc" } else { "dang" });
        prop_assert_eq!(&doc.loai, p.loai.0);
        prop_assert_eq!(doc.co_quan.cap_tren.as_deref(), Some(p.cap_tren));
        prop_assert_eq!(&doc.co_quan.ten, p.ten);
        prop_assert_eq!(doc.so, Some(p.so));
        prop_assert_eq!(&doc.dia_danh, p.dia_danh);
        prop_assert_eq!(doc.ngay, p.ngay);
        prop_assert_eq!(&doc.trich_yeu, &p.trich_yeu);
        prop_assert_eq!(&doc.ky.ho_ten, p.ho_ten);
        prop_assert_eq!(&doc.noi_nhan, &p.noi_nhan);
    }
}
