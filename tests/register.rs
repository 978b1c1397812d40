//! The register of outgoing documents, on SQLite and on a real PostgreSQL server: issuing writes
//! the number and date into the document and its PDF; the sequences the rulesets prescribe;
//! never twice (reissue, voided numbers, 20 processes at once); reservations; the XLSX export
//! read back.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{folder, pdf_text, printed, stderr, vanban};
use serde_json::Value;

const BODY: &str = "\nNội dung báo cáo.\n";

/// A Party office's profile, its term begun on 1/10/2025.
const PARTY: &str = "goc: true
co_quan: {cap_tren: ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG, ten: ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ, viet_tat: ĐU}
dia_danh: Hải Phòng
nhiem_ky: {tu: 2025-10-01}
nguoi_ky:
  pho-bi-thu: {tham_quyen: T/M BAN THƯỜNG VỤ, chuc_vu: PHÓ BÍ THƯ, ho_ten: Phạm Quang Sáng}
noi_nhan:
  bao-cao: [Các đ/c Ủy viên BTV, Lưu Văn phòng Đảng ủy]
  ke-hoach: [Các chi bộ trực thuộc, Lưu Văn phòng Đảng ủy]
";

/// A document of type `loai` the register numbers, `extra` lines added to its front matter.
fn doc(loai: &str, extra: &str) -> String {
    format!(
        "---\nloai: {loai}\n{extra}ngay: 2026-04-29\ntrich_yeu: công tác tháng 11\nky: pho-bi-thu\n---\n{BODY}"
    )
}

/// A fresh PostgreSQL database on the server `.ci/run` starts (tests/support/postgres.sh).
fn postgres() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let server = std::env::var("VANBAN_TEST_POSTGRES").expect(
        "the register's tests need a PostgreSQL server: run `.ci/run`, or set VANBAN_TEST_POSTGRES to the \
         address tests/support/postgres.sh prints",
    );
    let name = format!("vanban_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("the test server answers");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    format!("{}/{name}", server.rsplit_once('/').unwrap().0)
}

/// Runs `test` on each store, in a folder of its own holding `files`: an SQLite file in the
/// folder, then a fresh PostgreSQL database.
fn each_store(files: &[(&str, &str)], test: impl Fn(&Path, &str)) {
    for pg in [false, true] {
        let dir = folder(files);
        let store = if pg { postgres() } else { dir.path().join("so.sqlite").display().to_string() };
        test(dir.path(), &store);
    }
}

/// Runs `vanban` with the register `store`.
fn with(dir: &Path, store: &str, args: &[&str]) -> std::process::Output {
    vanban(dir, &[args, &["--so-dang-ky", store]].concat())
}

/// The register's entries, as `so-dang-ky --format json` lists them.
fn entries(dir: &Path, store: &str) -> Vec<Value> {
    let out = with(dir, store, &["so-dang-ky", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Issues `name` dated `ngay`; asserts success and gives the number and code printed.
fn issued(dir: &Path, store: &str, name: &str, ngay: &str) -> String {
    let out = with(dir, store, &["cap-so", name, "--ngay", ngay]);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    let said = String::from_utf8(out.stdout).unwrap();
    said.strip_prefix("đã cấp số ").and_then(|s| s.split(' ').next()).unwrap_or_default().to_owned()
}

#[test]
fn an_issued_document_carries_its_number_and_date_and_the_register_its_digests() {
    let before = doc("bao-cao", "so:   # văn thư điền\n");
    each_store(&[("_vanban.yaml", PARTY), ("a.md", &before)], |dir, store| {
        assert_eq!(issued(dir, store, "a.md", "2026-12-02"), "01-BC/ĐU");
        let after = std::fs::read_to_string(dir.join("a.md")).unwrap();
        let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
        let expected =
            [("so:   # văn thư điền", "so: 1   # văn thư điền"), ("ngay: 2026-04-29", "ngay: 2026-12-02")];
        assert_eq!(changed, expected, "only the number and the date change");
        let pdf = std::fs::read(dir.join("a.pdf")).unwrap();
        let text = pdf_text(&pdf);
        assert!(text.contains("Số 01-BC/ĐU") && text.contains("ngày 02 tháng 12 năm 2026"), "{text}");
        let e = &entries(dir, store)[0];
        assert_eq!(e["trang_thai"], "da_cap");
        assert_eq!(e["day_so"], "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ · bao-cao · nhiệm kỳ từ 2025-10-01");
        assert_eq!(e["ten_loai_trich_yeu"], "Báo cáo công tác tháng 11");
        assert_eq!(
            (e["nguoi_ky"].as_str(), e["ban_luu"].as_str()),
            (Some("Phạm Quang Sáng"), Some("Lưu Văn phòng Đảng ủy"))
        );
        assert_eq!(e["sha256_pdf"], vanban::fingerprint::sha256(&pdf));
        let source = vanban::input::load(&dir.join("a.md")).unwrap().source;
        assert_eq!(
            e["sha256_nguon"],
            vanban::engine::source_sha256(&source),
            "the source as issued, with its profile"
        );
    });
}

#[test]
fn a_number_is_never_given_twice() {
    let files = [
        ("_vanban.yaml", PARTY),
        ("a.md", &doc("bao-cao", "")),
        ("b.md", &doc("bao-cao", "")),
        ("tay.md", &doc("bao-cao", "so: 5\n")),
    ];
    each_store(&files, |dir, store| {
        assert_eq!(issued(dir, store, "a.md", "2026-12-02"), "01-BC/ĐU");
        let again = with(dir, store, &["cap-so", "a.md"]);
        let found = printed(&stderr(&again));
        assert_eq!(
            (again.status.code(), found[0].code.as_str()),
            (Some(1), "register::issued"),
            "{}",
            stderr(&again)
        );
        assert!(found[0].text.contains("đã được cấp số 01-BC/ĐU ngày 2026-12-02"), "{}", found[0].text);
        let by_hand = with(dir, store, &["cap-so", "tay.md"]);
        let found = printed(&stderr(&by_hand));
        assert_eq!(
            (found[0].code.as_str(), found[0].at.as_deref()),
            ("register::numbered", Some("tay.md:3:5"))
        );
        let void = with(dir, store, &["so-dang-ky", "huy", "01-BC/ĐU", "--ly-do", "in nhầm nơi nhận"]);
        assert!(void.status.success(), "{}", stderr(&void));
        assert_eq!(
            issued(dir, store, "b.md", "2026-12-03"),
            "02-BC/ĐU",
            "a voided number is not given again"
        );
        let listed = entries(dir, store);
        let states: Vec<(&str, &str)> = listed
            .iter()
            .map(|e| (e["so_ky_hieu"].as_str().unwrap(), e["trang_thai"].as_str().unwrap()))
            .collect();
        assert_eq!(states, [("01-BC/ĐU", "huy"), ("02-BC/ĐU", "da_cap")]);
        assert_eq!(listed[0]["ghi_chu"], "in nhầm nơi nhận", "the voided number keeps its reason");
    });
}

#[test]
fn a_number_reserved_ahead_is_the_one_the_document_gets() {
    let (c, d) = (doc("bao-cao", ""), doc("bao-cao", ""));
    each_store(&[("_vanban.yaml", PARTY), ("c.md", &c), ("d.md", &d)], |dir, store| {
        let out = with(dir, store, &["cap-so", "c.md", "--giu-cho", "--ngay", "2026-12-01"]);
        assert_eq!(String::from_utf8_lossy(&out.stdout), "đã giữ số 01-BC/ĐU cho c.md\n", "{}", stderr(&out));
        assert!(!dir.join("c.pdf").exists(), "a reservation renders nothing");
        let twice = with(dir, store, &["cap-so", "c.md", "--giu-cho"]);
        assert!(stderr(&twice).contains("văn bản đã được giữ số 01-BC/ĐU"), "{}", stderr(&twice));
        assert_eq!(issued(dir, store, "d.md", "2026-12-02"), "02-BC/ĐU");
        assert_eq!(issued(dir, store, "c.md", "2026-12-03"), "01-BC/ĐU");
        let listed = entries(dir, store);
        assert_eq!(listed.len(), 2, "the reservation became the issue: {listed:?}");
        assert_eq!(
            (listed[0]["trang_thai"].as_str(), listed[0]["ngay"].as_str()),
            (Some("da_cap"), Some("2026-12-03"))
        );
    });
}

#[test]
fn party_numbers_run_by_type_in_each_term_secret_ones_in_the_same_sequence() {
    let docs = [doc("bao-cao", ""), doc("ke-hoach", ""), doc("bao-cao", "do_mat: mat\n")];
    let files = [("_vanban.yaml", PARTY), ("bc1.md", &docs[0]), ("kh1.md", &docs[1]), ("mat.md", &docs[2])];
    each_store(&[&files[..], &[("moi.md", &docs[0]), ("cu.md", &docs[0])]].concat(), |dir, store| {
        assert_eq!(issued(dir, store, "bc1.md", "2026-12-01"), "01-BC/ĐU");
        assert_eq!(issued(dir, store, "kh1.md", "2026-12-01"), "01-KH/ĐU", "each type from 01");
        assert_eq!(
            issued(dir, store, "mat.md", "2026-12-02"),
            "02-BC/ĐU",
            "a secret one continues its type's"
        );
        // A new term (the congress closed on 3/12/2026): from 01 again.
        std::fs::write(dir.join("_vanban.yaml"), PARTY.replace("tu: 2025-10-01", "tu: 2026-12-03")).unwrap();
        assert_eq!(issued(dir, store, "moi.md", "2026-12-04"), "01-BC/ĐU");
        let early = with(dir, store, &["cap-so", "cu.md", "--ngay", "2026-12-02"]);
        assert_eq!(printed(&stderr(&early))[0].code, "register::before_term", "{}", stderr(&early));
        std::fs::write(dir.join("_vanban.yaml"), PARTY.replace("nhiem_ky: {tu: 2025-10-01}\n", "")).unwrap();
        let none = with(dir, store, &["cap-so", "cu.md"]);
        let found = printed(&stderr(&none));
        assert_eq!(found[0].code, "register::no_term", "{}", stderr(&none));
        assert!(found[0].text.contains("HD05 I.3"), "the clause: {}", found[0].text);
    });
}

#[test]
fn state_numbers_run_by_calendar_year_secret_ones_apart() {
    each_store(&[("_vanban.yaml", "goc: true\nthe_thuc: nha-nuoc\n")], |dir, store| {
        for (name, loai) in
            [("cv1", "cong-van"), ("tt1", "to-trinh"), ("cv2", "cong-van"), ("mat", "cong-van")]
        {
            let out = vanban(dir, &["new", "--the-thuc", "nha-nuoc", loai, "-o", &format!("{name}.md")]);
            assert!(out.status.success(), "{}", stderr(&out));
        }
        let secret =
            std::fs::read_to_string(dir.join("mat.md")).unwrap().replacen("\nso:", "\ndo_mat: mat\nso:", 1);
        std::fs::write(dir.join("mat.md"), secret).unwrap();
        assert_eq!(issued(dir, store, "cv1.md", "2026-12-30"), "01/SNV");
        assert_eq!(issued(dir, store, "tt1.md", "2026-12-31"), "02/TTr-SNV", "one sequence for every type");
        assert_eq!(issued(dir, store, "cv2.md", "2027-01-01"), "01/SNV", "from 01 on 1 January");
        assert_eq!(issued(dir, store, "mat.md", "2027-01-02"), "01/SNV", "secret documents apart");
        let sequences: Vec<String> =
            entries(dir, store).iter().map(|e| e["day_so"].as_str().unwrap().to_owned()).collect();
        let year = |y: &str| format!("SỞ NỘI VỤ · năm {y}");
        assert_eq!(sequences, [year("2026"), year("2026"), year("2027"), year("2027") + " · mật"]);
    });
}

#[test]
fn twenty_processes_issuing_at_once_get_twenty_consecutive_numbers() {
    let names: Vec<String> = (1..=20).map(|i| format!("d{i:02}.md")).collect();
    let text = doc("bao-cao", "");
    let files: Vec<(&str, &str)> =
        names.iter().map(|n| (n.as_str(), text.as_str())).chain([("_vanban.yaml", PARTY)]).collect();
    each_store(&files, |dir, store| {
        let children: Vec<_> = names
            .iter()
            .map(|n| {
                std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
                    .args(["cap-so", n, "--ngay", "2026-12-02", "--no-system-fonts", "--so-dang-ky", store])
                    .current_dir(dir)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
        }
        let mut numbers: Vec<u64> = entries(dir, store).iter().map(|e| e["so"].as_u64().unwrap()).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=20).collect::<Vec<_>>(), "{store}");
        let mut written: Vec<u64> = names
            .iter()
            .map(|n| {
                let text = std::fs::read_to_string(dir.join(n)).unwrap();
                text.lines().find_map(|l| l.strip_prefix("so: ")).unwrap().parse().unwrap()
            })
            .collect();
        written.sort();
        assert_eq!(written, numbers, "each document carries the number the register gave it");
    });
}

#[test]
fn the_register_exports_as_the_xlsx_form_and_as_csv_with_the_same_cells() {
    use calamine::{Reader, Xlsx};
    let (a, b) = (doc("bao-cao", ""), doc("ke-hoach", ""));
    each_store(&[("_vanban.yaml", PARTY), ("a.md", &a), ("b.md", &b)], |dir, store| {
        issued(dir, store, "a.md", "2026-12-01");
        issued(dir, store, "b.md", "2026-12-02");
        assert!(with(dir, store, &["so-dang-ky", "huy", "01-KH/ĐU", "--ly-do", "ký nhầm"]).status.success());
        for file in ["so.xlsx", "so.csv"] {
            let out = with(dir, store, &["so-dang-ky", "xuat", file]);
            assert!(out.status.success(), "{}", stderr(&out));
        }
        let csv_bytes = std::fs::read(dir.join("so.csv")).unwrap();
        let csv_rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv_bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte order mark for spreadsheets"))
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let mut book: Xlsx<_> = calamine::open_workbook(dir.join("so.xlsx")).unwrap();
        assert_eq!(book.sheet_names(), ["Sổ đăng ký văn bản đi"]);
        let sheet = book.worksheet_range("Sổ đăng ký văn bản đi").unwrap();
        let xlsx_rows: Vec<Vec<String>> =
            sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(xlsx_rows, csv_rows);
        let header = ["Số TT", "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung"];
        assert_eq!(&xlsx_rows[0][..4], header);
        assert_eq!(&xlsx_rows[1][..3], ["1", "01-BC/ĐU", "01/12/2026"]);
        assert_eq!(&xlsx_rows[2][1..3], ["01-KH/ĐU", "02/12/2026"]);
        assert_eq!(xlsx_rows[2][10], "đã hủy: ký nhầm");
        assert_eq!(xlsx_rows[1][5], "Các đ/c Ủy viên BTV\nLưu Văn phòng Đảng ủy");
    });
}

#[test]
fn a_document_that_cannot_be_issued_after_all_leaves_its_number_voided_and_its_files_as_they_were() {
    let a = doc("bao-cao", "");
    let broken = [("_vanban.yaml", PARTY), ("a.md", a.as_str()), ("bo-cuc/body.typ", "#let node(")];
    each_store(&broken, |dir, store| {
        let out = with(dir, store, &["cap-so", "a.md", "--ngay", "2026-12-02", "--layouts", "bo-cuc"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(printed(&stderr(&out))[0].code, "layout::typst", "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), a, "the document untouched");
        assert!(!dir.join("a.pdf").exists());
        let listed = entries(dir, store);
        assert_eq!((listed[0]["so"].as_u64(), listed[0]["trang_thai"].as_str()), (Some(1), Some("huy")));
        assert!(listed[0]["ghi_chu"].as_str().unwrap().starts_with("không cấp được: "), "{listed:?}");
        assert_eq!(
            issued(dir, store, "a.md", "2026-12-02"),
            "02-BC/ĐU",
            "the voided number is not given again"
        );
    });
}
