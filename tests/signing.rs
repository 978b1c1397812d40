//! Archive- and signing-ready PDFs: PDF/A checked by an independent validator, the boxes of the
//! sidecar against the words of the produced PDF, a real signer (pyHanko) signing into the empty
//! field (also of a PDF pyHanko compressed), the metadata read back, issuing with a number and
//! date, and the archival records.
//! The Python tools come from `tests/support/requirements.txt`, installed by `.ci/run` into
//! `target/py` (or name another interpreter with `VANBAN_PYTHON`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{EXAMPLE, Word, folder, pdf_words, rules_mm, stderr, vanban};
use hayro_syntax::object::dict::keys::{ANNOTS, SUBTYPE};
use hayro_syntax::object::{Array, Dict, Name};
use serde_json::Value;
use vanban::sign::SignBox;

/// The Python interpreter with the test tools.
fn python() -> PathBuf {
    std::env::var_os("VANBAN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py/bin/python"))
}

/// Runs `tests/support/pdf_tools.py` with `args`; its JSON answer.
fn tool(args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/pdf_tools.py");
    let out = Command::new(python()).arg(script).args(args).output().unwrap_or_else(|e| {
        panic!("{}: {e}; run .ci/run, or install tests/support/requirements.txt there", python().display())
    });
    assert!(out.status.success(), "pdf_tools {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The example, copied into a scratch folder, rendered with `args`; the folder.
fn rendered(args: &[&str]) -> tempfile::TempDir {
    let dir = folder(&[("bc.md", &std::fs::read_to_string(EXAMPLE).unwrap())]);
    let out = vanban(dir.path(), &[&["render", "bc.md", "-o", "bc.pdf"], args].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn path_str(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn pdf_a_2b_and_1b_pass_an_independent_validator_with_or_without_fields() {
    for (args, profile) in [
        (&["--pdf-a"][..], "2b"),
        (&["--pdf-a=2b", "--sig-fields"], "2b"),
        (&["--pdf-a=1b", "--sig-fields"], "1b"),
    ] {
        let dir = rendered(args);
        let report = tool(&["pdfa", profile, &path_str(dir.path(), "bc.pdf")]);
        assert_eq!(report["hop_le"], true, "{args:?}: {report}");
    }
    // `--pdf-a` takes its level only after `=`: the document after it stays the document.
    let dir = folder(&[("bc.md", &std::fs::read_to_string(EXAMPLE).unwrap())]);
    let out = vanban(dir.path(), &["render", "--pdf-a", "bc.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tool(&["pdfa", "2b", &path_str(dir.path(), "bc.pdf")])["hop_le"], true);
    // The validator tells: a plain PDF is no PDF/A.
    let dir = rendered(&[]);
    let report = tool(&["pdfa", "2b", &path_str(dir.path(), "bc.pdf")]);
    assert_eq!(report["hop_le"], false, "{report}");
}

/// A box of the sidecar, in PDF points from the top left as pdftotext gives words.
struct Box_ {
    page: usize,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

fn boxes(sidecar: &Value, kind: &str) -> Vec<Box_> {
    let heights: Vec<f64> =
        sidecar["trang"].as_array().unwrap().iter().map(|p| p[1].as_f64().unwrap()).collect();
    sidecar["o"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["loai"] == kind)
        .map(|b| {
            let page = b["trang"].as_u64().unwrap() as usize;
            let (x, y, w, h) = ["x", "y", "rong", "cao"].map(|k| b[k].as_f64().unwrap()).into();
            let top = heights[page - 1] - y - h;
            Box_ { page, left: x, right: x + w, top, bottom: top + h }
        })
        .collect()
}

/// The words of `page` on the line of `word` (its top within 1 pt).
fn line_of<'a>(words: &'a [Word], page: usize, text: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.page == page && w.text == text)
        .unwrap_or_else(|| panic!("`{text}` on page {page}"))
}

#[test]
fn the_sidecar_boxes_hold_the_right_text() {
    let dir = rendered(&["--sign-info"]);
    let pdf = std::fs::read(dir.path().join("bc.pdf")).unwrap();
    let sidecar: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("bc.sign.json")).unwrap()).unwrap();
    assert_eq!(sidecar["tep"], "bc.pdf");
    let words = pdf_words(&pdf);

    // The signature: the name just below it, the chức vụ just above, the box over the block.
    let [sig] = &boxes(&sidecar, "chu_ky")[..] else { panic!("one signature box") };
    let name = line_of(&words, sig.page, "Sáng");
    let title = line_of(&words, sig.page, "THƯ");
    assert!(
        name.y_top > sig.bottom && name.y_top - sig.bottom < 6.0,
        "name {} under box {}",
        name.y_top,
        sig.bottom
    );
    assert!(
        title.y_bottom < sig.top && sig.top - title.y_bottom < 6.0,
        "chức vụ {} above {}",
        title.y_bottom,
        sig.top
    );
    assert!(
        words.iter().all(|w| w.page != sig.page
            || w.y_bottom < sig.top
            || w.y_top > sig.bottom
            || w.x_right < sig.left
            || w.x > sig.right),
        "no word inside the signature box"
    );
    let centre = (sig.left + sig.right) / 2.0;
    let name_line: Vec<&Word> =
        words.iter().filter(|w| w.page == sig.page && (w.y_top - name.y_top).abs() < 1.0).collect();
    let name_centre = (name_line.first().unwrap().x + name_line.last().unwrap().x_right) / 2.0;
    assert!((centre - name_centre).abs() < 1.0, "box centred on the name: {centre} vs {name_centre}");

    // The seal: over the ruleset's share of the signature, on its left, level with its middle.
    let [seal] = &boxes(&sidecar, "dau")[..] else { panic!("one seal box") };
    let share = rules_mm("o_ky", "dau_che");
    let overlap = seal.right - sig.left;
    assert!((overlap / (sig.right - sig.left) - share).abs() < 1e-6, "overlap {overlap} pt");
    assert!(seal.left < sig.left, "the seal reaches left of the signature");
    assert!(((seal.top + seal.bottom) - (sig.top + sig.bottom)).abs() < 1e-6, "level with its middle");

    // The number's blank: between `Số` and `-BC/ĐU`, on their line.
    let [so] = &boxes(&sidecar, "so")[..] else { panic!("one number box") };
    let (label, code) = (line_of(&words, 1, "Số"), line_of(&words, 1, "-BC/ĐU"));
    assert!(
        label.x_right <= so.left && so.right <= code.x,
        "{} ≤ {} … {} ≤ {}",
        label.x_right,
        so.left,
        so.right,
        code.x
    );
    assert!(so.top < label.y_top && so.bottom > label.y_bottom, "the blank spans the line");

    // The day's and month's blanks: `ngày [ ] tháng [ ] năm 2026`.
    let [day] = &boxes(&sidecar, "ngay")[..] else { panic!("one day box") };
    let [month] = &boxes(&sidecar, "thang")[..] else { panic!("one month box") };
    let (ngay, thang, nam) =
        (line_of(&words, 1, "ngày"), line_of(&words, 1, "tháng"), line_of(&words, 1, "năm"));
    assert!(ngay.x_right <= day.left && day.right <= thang.x);
    assert!(thang.x_right <= month.left && month.right <= nam.x);

    // The organisation's signature: page 1, top right, in the top margin, right-aligned to the text.
    let [org] = &boxes(&sidecar, "to_chuc")[..] else { panic!("one organisation box") };
    let pt = |mm: f64| mm * 72.0 / 25.4;
    assert_eq!(org.page, 1);
    assert!((org.right - (pt(210.0) - pt(rules_mm("trang", "le_phai")))).abs() < 0.01);
    assert!((org.bottom - pt(rules_mm("trang", "le_tren"))).abs() < 0.01);
}

#[test]
fn a_real_signer_signs_into_the_empty_field_and_a_validator_accepts_it() {
    let dir = rendered(&["--pdf-a", "--sig-fields"]);
    let unsigned = std::fs::read(dir.path().join("bc.pdf")).unwrap();
    assert!(dir.path().join("bc.sign.json").exists(), "the sidecar comes with the fields");
    let report = tool(&[
        "sign",
        &path_str(dir.path(), "bc.pdf"),
        &path_str(dir.path(), "ky.pdf"),
        &dir.path().display().to_string(),
    ]);
    assert_eq!(report["o_trong"], serde_json::json!(["ChuKy", "Dau"]), "{report}");
    assert_eq!(report["so_o"], 2, "signed into the field, no new one: {report}");
    assert_eq!(report["o_da_ky"], "ChuKy");
    for key in ["nguyen_ven", "hop_le", "tin_cay", "noi_dung_giong"] {
        assert_eq!(report[key], true, "{key}: {report}");
    }
    assert_eq!(report["pham_vi"], "ENTIRE_FILE");
    let signed = std::fs::read(dir.path().join("ky.pdf")).unwrap();
    assert!(signed.starts_with(&unsigned), "the signature is appended; vanban's bytes stay");
    // The unsigned PDF is still known for what it is.
    let out = vanban(dir.path(), &["verify", "bc.pdf", "bc.md", "--no-system-fonts"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("PDF/A-2b có ô chữ ký"), "{said}");
}

/// `pdfinfo`'s value of `key`.
fn info(pdf: &Path, key: &str) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line =
        text.lines().find(|l| l.starts_with(&format!("{key}:"))).unwrap_or_else(|| panic!("{key}: {text}"));
    line[key.len() + 1..].trim().to_owned()
}

#[test]
fn issued_with_a_number_and_date_its_metadata_and_record_read_back() {
    let dir = rendered(&["--issue", "--so", "15", "--ngay", "2026-05-04", "--metadata", "csv"]);
    let pdf = dir.path().join("bc.pdf");
    let words: Vec<String> = pdf_words(&std::fs::read(&pdf).unwrap())
        .into_iter()
        .filter(|w| w.page == 1)
        .map(|w| w.text)
        .collect();
    let text = words.join(" ");
    assert!(text.contains("Số 15-BC/ĐU"), "{text}");
    assert!(text.contains("Hải Phòng, ngày 04 tháng 5 năm 2026"), "{text}");

    let summary = "kết quả thực hiện nhiệm vụ tháng 4; triển khai một số nhiệm vụ trọng tâm tháng 5/2026";
    assert_eq!(info(&pdf, "Title"), format!("Báo cáo {summary}"));
    assert_eq!(info(&pdf, "Author"), "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ");
    assert!(info(&pdf, "Subject").starts_with("Số 15-BC/ĐU, ngày 4/5/2026; người ký: Phạm Quang Sáng"));
    assert_eq!(info(&pdf, "Keywords"), "Báo cáo, Số 15-BC/ĐU, Phạm Quang Sáng, hd05-2026");
    assert_eq!(info(&pdf, "CreationDate"), "Sun May  3 17:00:00 2026 UTC", "midnight of 4 May in Vietnam");

    let csv = std::fs::read_to_string(dir.path().join("vanban-ho-so.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}so,ky_hieu,ngay,co_quan,ten_loai,trich_yeu,nguoi_ky,do_mat,so_trang,ten_tep,ngon_ngu,quy_tac,sha256"
    );
    let digest = vanban::fingerprint::sha256(&std::fs::read(&pdf).unwrap());
    let pages = common::EXAMPLE_RENDERED.1.pages.len();
    assert_eq!(
        lines[1],
        format!(
            "15,BC/ĐU,2026-05-04,ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ,Báo cáo,{summary},Phạm Quang Sáng,,{pages},bc.pdf,vi,hd05-2026,{digest}"
        )
    );

    // Issuing needs both; a bad date is refused before anything is written.
    let out = vanban(dir.path(), &["render", "bc.md", "-o", "x.pdf", "--issue", "--so", "15"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = vanban(
        dir.path(),
        &["render", "bc.md", "-o", "x.pdf", "--issue", "--so", "15", "--ngay", "2026-02-30"],
    );
    assert!(stderr(&out).contains("ngày `2026-02-30` không có thật"), "{}", stderr(&out));
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_batch_appends_one_record_per_document_and_a_rerun_appends_again() {
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let docs: Vec<(String, String)> = (1..=3)
        .map(|i| (format!("kho/{i}.md"), example.replace("Phạm Quang Sáng", &format!("Người Ký {i}"))))
        .collect();
    let files: Vec<(&str, &str)> = docs.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let dir = folder(&files);
    for round in 1..=2 {
        let out = vanban(dir.path(), &["render", "kho", "-o", "ra", "--metadata", "json", "--jobs", "2"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let jsonl = std::fs::read_to_string(dir.path().join("ra/vanban-ho-so.jsonl")).unwrap();
        let records: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(records.len(), 3 * round);
        let mut signers: Vec<&str> = records.iter().map(|r| r["nguoi_ky"].as_str().unwrap()).collect();
        signers.sort();
        signers.dedup();
        assert_eq!(signers, ["Người Ký 1", "Người Ký 2", "Người Ký 3"]);
        assert!(records.iter().all(|r| r["ten_tep"].as_str().unwrap().ends_with(".pdf")
            && r["so_trang"] == common::EXAMPLE_RENDERED.1.pages.len()));
    }
}

/// The subtypes of each page's annotations, read through hayro-syntax.
fn annotations(pdf: &[u8]) -> Vec<Vec<String>> {
    let pdf = hayro_syntax::Pdf::new(pdf.to_vec()).expect("the PDF reads");
    let subtype = |a: Dict| a.get::<Name>(SUBTYPE).map_or(String::new(), |n| n.as_str().to_owned());
    pdf.pages()
        .iter()
        .map(|page| {
            page.raw().get::<Array>(ANNOTS).map_or(vec![], |a| a.iter::<Dict>().map(subtype).collect())
        })
        .collect()
}

#[test]
fn fields_join_the_links_a_page_already_has() {
    let doc = format!(
        "{}\nXem <https://vanban.example/huong-dan> và [văn bản gốc](https://vanban.example/goc).\n",
        common::FRONT
    );
    let dir = folder(&[("lk.md", &doc)]);
    let out = vanban(dir.path(), &["render", "lk.md", "-o", "lk.pdf", "--pdf-a", "--sig-fields"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("lk.pdf")).unwrap();
    // The page written again in the update: its two links, then the two fields.
    let pages = annotations(&pdf);
    assert_eq!(pages.concat(), ["Link", "Link", "Widget", "Widget"], "{pages:?}");
    assert!(pages.iter().any(|p| p.len() == 4), "on one page: {pages:?}");
    assert_eq!(
        tool(&["revisions", &path_str(dir.path(), "lk.pdf")])["bang"],
        serde_json::json!(["STANDARD", "STANDARD"])
    );
    let report = tool(&["pdfa", "2b", &path_str(dir.path(), "lk.pdf")]);
    assert_eq!(report["hop_le"], true, "{report}");
    let signed = tool(&[
        "sign",
        &path_str(dir.path(), "lk.pdf"),
        &path_str(dir.path(), "ky.pdf"),
        &dir.path().display().to_string(),
    ]);
    assert_eq!(
        (signed["hop_le"].clone(), signed["noi_dung_giong"].clone()),
        (Value::Bool(true), Value::Bool(true)),
        "{signed}"
    );
}

#[test]
fn fields_are_added_to_a_pdf_with_a_compressed_cross_reference() {
    let dir = folder(&[]);
    let (plain, compressed) = (dir.path().join("bc.pdf"), dir.path().join("nen.pdf"));
    let rendered = &common::EXAMPLE_RENDERED.0;
    std::fs::write(&plain, &rendered.pdf).unwrap();
    let packed = tool(&["compress", &plain.display().to_string(), &compressed.display().to_string()]);
    assert!(packed["doi_tuong_nen"].as_u64() > Some(0), "{packed}");
    let compressed = std::fs::read(compressed).unwrap();

    // The boxes the engine read back from the pages, through the code path of `--sig-fields`.
    let signable: Vec<&SignBox> =
        rendered.boxes.iter().filter(|b| b.loai == "chu_ky" || b.loai == "dau").collect();
    let with_fields = vanban::sign::fields::add(&compressed, &signable).unwrap();
    assert!(with_fields.starts_with(&compressed), "an incremental update");
    std::fs::write(dir.path().join("o.pdf"), &with_fields).unwrap();
    let fields = path_str(dir.path(), "o.pdf");
    assert_eq!(tool(&["revisions", &fields])["bang"], serde_json::json!(["STREAM", "STREAM"]));

    let report = tool(&["sign", &fields, &path_str(dir.path(), "ky.pdf"), &dir.path().display().to_string()]);
    assert_eq!(report["o_trong"], serde_json::json!(["ChuKy", "Dau"]), "{report}");
    assert_eq!(report["so_o"], 2, "signed into the field, no new one: {report}");
    for key in ["nguyen_ven", "hop_le", "tin_cay", "noi_dung_giong"] {
        assert_eq!(report[key], true, "{key}: {report}");
    }
    assert_eq!(report["pham_vi"], "ENTIRE_FILE");
}
