//! The pipeline end to end: the same document as Markdown, JSON, YAML and TOML gives the same
//! PDF; the same input gives byte-identical output; the shipped JSON Schema matches the schema.

mod common;

use std::path::Path;
use std::process::Command;

use common::{ENGINE, EXAMPLE, EXAMPLE_RENDERED, folder, vanban};

const MD: &str = "---
loai: bao-cao
co_quan:
  ten: CHI BỘ PHÒNG HÀNH CHÍNH
  viet_tat: CB
so: 7
dia_danh: Hà Nội
ngay: 3/2/2026
trich_yeu: |-
  công tác quý I
  năm 2026
ky:
  tham_quyen: T/M CHI BỘ
  chuc_vu: BÍ THƯ
  ho_ten: Nguyễn Văn An
noi_nhan: [Đảng ủy cơ quan, Lưu Chi bộ]
---
# I. Kết quả

Đạt **nhiều** kết quả[^1].

[^1]: Theo *Kế hoạch* số 01-KH/CB.
";

const JSON: &str = r##"{
  "loai": "bao-cao",
  "co_quan": { "ten": "CHI BỘ PHÒNG HÀNH CHÍNH", "viet_tat": "CB" },
  "so": "7",
  "dia_danh": "Hà Nội",
  "ngay": "2026-02-03",
  "trich_yeu": "công tác quý I\nnăm 2026",
  "ky": { "tham_quyen": "T/M CHI BỘ", "chuc_vu": "BÍ THƯ", "ho_ten": "Nguyễn Văn An" },
  "noi_nhan": ["Đảng ủy cơ quan", "Lưu Chi bộ"],
  "noi_dung": "# I. Kết quả\n\nĐạt **nhiều** kết quả[^1].\n\n[^1]: Theo *Kế hoạch* số 01-KH/CB.\n"
}"##;

const YAML: &str = "loai: bao-cao
co_quan: { ten: CHI BỘ PHÒNG HÀNH CHÍNH, viet_tat: CB }
so: 7
dia_danh: Hà Nội
ngay: 2026-02-03
trich_yeu: \"công tác quý I\\nnăm 2026\"
ky: { tham_quyen: T/M CHI BỘ, chuc_vu: BÍ THƯ, ho_ten: Nguyễn Văn An }
noi_nhan:
  - Đảng ủy cơ quan
  - Lưu Chi bộ
noi_dung: |
  # I. Kết quả

  Đạt **nhiều** kết quả[^1].

  [^1]: Theo *Kế hoạch* số 01-KH/CB.
";

const TOML: &str = r#"loai = "bao-cao"
so = 7
dia_danh = "Hà Nội"
ngay = 2026-02-03
trich_yeu = """
công tác quý I
năm 2026"""
noi_nhan = ["Đảng ủy cơ quan", "Lưu Chi bộ"]
noi_dung = """
# I. Kết quả

Đạt **nhiều** kết quả[^1].

[^1]: Theo *Kế hoạch* số 01-KH/CB.
"""

[co_quan]
ten = "CHI BỘ PHÒNG HÀNH CHÍNH"
viet_tat = "CB"

[ky]
tham_quyen = "T/M CHI BỘ"
chuc_vu = "BÍ THƯ"
ho_ten = "Nguyễn Văn An"
"#;

#[test]
fn four_formats_one_pdf() {
    let dir = folder(&[("a.md", MD), ("b.json", JSON), ("c.yaml", YAML), ("d.toml", TOML)]);
    let rendered: Vec<vanban::Rendered> = ["a.md", "b.json", "c.yaml", "d.toml"]
        .iter()
        .map(|n| ENGINE.render(&dir.path().join(n)).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    // Dated 3/2/2026, before HD05 took effect: the 2018 Party rules apply.
    assert!(rendered.iter().all(|r| r.ruleset == "hd36-2018"));
    let pdfs: Vec<&Vec<u8>> = rendered.iter().map(|r| &r.pdf).collect();
    for (i, pdf) in pdfs.iter().enumerate().skip(1) {
        assert!(pdf == &pdfs[0], "format {i} gives a different PDF");
    }
    let text = common::pdf_text(pdfs[0]);
    // `# I. Kết quả`: a level-1 heading is set in capitals (the ruleset's convention).
    for expected in
        ["Số 07-BC/CB", "Hà Nội, ngày 03 tháng 02 năm 2026", "- Đảng ủy cơ quan,", "- Lưu Chi bộ."]
    {
        assert!(text.contains(expected), "`{expected}` in:\n{text}");
    }
}

#[test]
fn data_file_errors_point_into_the_data() {
    let bad = JSON
        .replace("\"ngay\": \"2026-02-03\"", "\"ngay\": \"2026-02-31\"")
        .replace("\"dia_danh\"", "\"dia_dahn\"");
    let dir = folder(&[("x.json", &bad), ("y.toml", &TOML.replace("so = 7", "so = 0"))]);
    let err = ENGINE.render(&dir.path().join("x.json")).unwrap_err().to_string();
    assert!(
        err.contains("khóa không hợp lệ `dia_dahn`")
            && err.contains("x.json:5:3")
            && err.contains("`dia_danh`"),
        "{err}"
    );
    let err = ENGINE.render(&dir.path().join("y.toml")).unwrap_err().to_string();
    assert!(
        err.contains("`so` phải là một số nguyên dương, ở đây là số `0`") && err.contains("y.toml:2:6"),
        "{err}"
    );
}

#[test]
fn same_input_same_bytes() {
    let again = ENGINE.render(Path::new(EXAMPLE)).unwrap();
    assert!(again.pdf == EXAMPLE_RENDERED.0.pdf, "two renders in one process differ");
    let dir = folder(&[("doc.md", &std::fs::read_to_string(EXAMPLE).unwrap())]);
    let out = vanban(dir.path(), &["render", "doc.md", "-o", "-"]);
    assert!(out.status.success());
    assert!(out.stdout == EXAMPLE_RENDERED.0.pdf, "a separate process gives other bytes");
}

#[test]
fn shipped_json_schema_is_current() {
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/vanban.schema.json")).unwrap();
    let current = serde_json::to_string_pretty(&vanban::model::schema::json_schema()).unwrap();
    assert_eq!(shipped.trim_end(), current, "regenerate with `vanban schema > examples/vanban.schema.json`");
}

#[test]
fn readme_documents_every_key() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for f in vanban::model::schema::FIELDS {
        assert!(readme.contains(&format!("| `{}` |", f.path)), "README lacks the key `{}`", f.path);
    }
}

#[test]
fn windows_line_ends_byte_order_mark_and_blank_number() {
    let doc = format!("\u{feff}{}", MD.replace("so: 7", "so:").replace('\n', "\r\n"));
    let dir = folder(&[("doc.md", &doc)]);
    let r = ENGINE.render(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}"));
    let text = common::pdf_text(&r.pdf);
    assert!(text.contains("Số -BC/CB") && text.contains("công tác quý I năm 2026"), "{text}");
}

#[test]
fn every_markdown_construct_lays_out() {
    let body = "
## 1. Bảng và danh sách

| Chỉ tiêu | Kế hoạch | Thực hiện |
|:---|:---:|---:|
| Kết nạp đảng viên | 10 | 12 |
| Khen thưởng | 5 |

- Mục một
  - Mục con
- Mục hai với ~~chữ gạch~~ và `mã`,\\
  xuống dòng, [liên kết](https://example.org)

> Trích dẫn nguyên văn.

```
khối mã
```

---

3. Đoạn đánh số từ ba
4. Đoạn bốn
";
    let dir = folder(&[("doc.md", &format!("{}{body}", &MD[..MD.find("# I.").unwrap()]))]);
    let r = ENGINE.render(&dir.path().join("doc.md")).unwrap_or_else(|e| panic!("{e}"));
    let l = vanban::inspect::inspect(&r.document);
    let lines: Vec<String> = l.lines(1).into_iter().map(|(_, t)| t).collect();
    let has = |s: &str| lines.iter().any(|l| l.contains(s));
    for s in [
        "Chỉ tiêu",
        "Kết nạp đảng viên",
        "- Mục một",
        "+ Mục con",
        "- Mục hai",
        "Trích dẫn nguyên văn.",
        "khối mã",
        "3. Đoạn đánh số từ ba",
        "4. Đoạn bốn",
    ] {
        assert!(has(s), "`{s}` laid out on page 1: {lines:#?}");
    }
    let cell = l.find("Chỉ tiêu").unwrap();
    assert!(cell.bold && cell.size == 13.0, "table header bold at the table size: {cell:?}");
}

#[test]
fn the_date_picks_the_party_ruleset() {
    let before = MD.replace("ngay: 3/2/2026", "ngay: 26/5/2026");
    let after = MD.replace("ngay: 3/2/2026", "ngay: 27/5/2026");
    let dir = folder(&[("truoc.md", &before), ("sau.md", &after)]);
    for (name, id, line) in
        [("truoc.md", "hd36-2018", "- Đảng ủy cơ quan,"), ("sau.md", "hd05-2026", "- Đảng ủy cơ quan;")]
    {
        let r = ENGINE.render(&dir.path().join(name)).unwrap();
        assert_eq!(r.ruleset, id);
        let text = common::pdf_text(&r.pdf);
        assert!(text.contains(line), "{name}: {text}");
        assert!(String::from_utf8_lossy(&r.pdf).contains(id), "{name}: ruleset id in the PDF metadata");
    }
}

#[test]
fn a_system_liberation_serif_does_not_replace_the_bundled_one() {
    // Debian's fonts-liberation 1.07 (installed by .ci/run) names the same family without the
    // Vietnamese letters: lines would mix two fonts, and the self-audit would fail.
    let old = Path::new("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf");
    assert!(old.exists(), "fonts-liberation is installed (by .ci/run)");
    let dir = folder(&[("doc.md", &format!("{}\nNội dung.\n", common::FRONT))]);
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "doc.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success() && common::stderr(&out).is_empty(),
        "no audit finding: {}",
        common::stderr(&out)
    );
    let fonts =
        Command::new("pdffonts").arg(dir.path().join("doc.pdf")).output().expect("pdffonts (poppler-utils)");
    let listed = String::from_utf8(fonts.stdout).unwrap();
    let regular = listed
        .lines()
        .filter(|l| l.split_whitespace().next().is_some_and(|n| n.ends_with("+LiberationSerif")))
        .count();
    assert_eq!(regular, 1, "one Liberation Serif, the bundled one:\n{listed}");
}

#[test]
fn times_new_roman_breaks_the_lines_as_the_bundled_liberation_serif() {
    // Offices have Times New Roman; Liberation Serif has its metrics, so every line must break
    // at the same word with either. Measured only where Times New Roman is installed.
    let system = vanban::Engine::new(vanban::EngineOptions {
        fonts: vanban::compile::fonts::FontOptions { system: true, paths: vec![] },
        ..Default::default()
    });
    let rendered = system.render(Path::new(EXAMPLE)).expect("the example renders");
    let with_tnr = vanban::inspect::inspect(&rendered.document);
    if !with_tnr.text.iter().any(|r| r.family == "Times New Roman") {
        eprintln!("skipped: Times New Roman is not installed (fc-list lists no such family)");
        return;
    }
    let lines = |l: &vanban::inspect::Layout| -> Vec<Vec<String>> {
        (1..=l.pages.len())
            .map(|p| l.lines(p).into_iter().map(|(_, t)| t.trim().to_owned()).collect())
            .collect()
    };
    assert_eq!(lines(&with_tnr), lines(&EXAMPLE_RENDERED.1), "the same lines on the same pages");
}
