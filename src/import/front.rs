//! Writes what was recognised as a vanban document: YAML front matter in the order of the
//! schema, then the Markdown body and its footnotes. A required part not found is written as
//! an empty key with a comment, so that `vanban check` points at the line to fill in.

use super::text::{Found, Part, Signer};
use crate::yaml::{self, scalar};

/// `key: value`, or `key:` with a note when the value was not found.
fn line(out: &mut String, indent: &str, key: &str, value: Option<&str>) {
    match value {
        Some(v) => out.push_str(&yaml::entry(indent, key, &scalar(v))),
        None => out.push_str(&format!("{indent}{key}:  # không tìm thấy trong bản gốc: điền vào\n")),
    }
}

/// A list under `key`, or nothing when empty.
fn list(out: &mut String, indent: &str, key: &str, items: &[String]) {
    out.push_str(&yaml::list(indent, key, items, scalar));
}

/// Lines as one value: one line plain, several as a literal block.
fn text(out: &mut String, indent: &str, key: &str, lines: &[String]) {
    out.push_str(&yaml::lines(indent, key, lines));
}

/// A signature block; the name is written even when not found where `required`.
fn signer(out: &mut String, indent: &str, s: &Signer, required: bool) {
    let mut block = String::new();
    text(&mut block, indent, "tham_quyen", &s.tham_quyen);
    text(&mut block, indent, "chuc_vu", &s.chuc_vu);
    if required || s.ho_ten.is_some() {
        line(&mut block, indent, "ho_ten", s.ho_ten.as_deref());
    }
    if required {
        out.push_str(&block);
    } else {
        // An item of a list of tables: its first key after `- `.
        let cut = indent.len();
        out.push_str(&format!("{}- {}", &indent[..cut - 2], &block[cut..]));
    }
}

/// Body blocks as Markdown, each after a blank line.
fn blocks(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push('\n');
        match part {
            Part::Heading(level, t) => out.push_str(&format!("{} {t}\n", "#".repeat(*level))),
            Part::Para(t) => out.push_str(&format!("{t}\n")),
        }
    }
    out
}

/// The whole document.
pub fn document(f: &Found) -> String {
    let mut out = String::from("---\n");
    line(&mut out, "", "loai", f.loai.as_deref());
    if let Some(t) = &f.ten_loai {
        line(&mut out, "", "ten_loai", Some(t));
    }
    if f.the_thuc == Some("nha-nuoc") {
        line(&mut out, "", "the_thuc", Some("nha-nuoc"));
    }
    out.push_str("co_quan:\n");
    if let Some(c) = &f.cap_tren {
        line(&mut out, "  ", "cap_tren", Some(c));
    }
    line(&mut out, "  ", "ten", f.ten.as_deref());
    line(&mut out, "  ", "viet_tat", f.viet_tat.as_deref());
    if let Some(n) = f.so {
        out.push_str(&format!("so: {n}\n"));
    }
    if let Some(form) = &f.mau_so {
        line(&mut out, "", "mau_so", Some(form));
    }
    line(&mut out, "", "dia_danh", f.dia_danh.as_deref());
    let date = f.ngay.map(|d| d.to_string());
    match (date, &f.ngay_in) {
        (None, Some(printed)) => out.push_str(&format!(
            "ngay: {}  # bản gốc để trống ngày: ghi đủ ngày, ví dụ 10/{printed}\n",
            scalar(printed)
        )),
        (date, _) => line(&mut out, "", "ngay", date.as_deref()),
    }
    if f.trich_yeu.is_empty() {
        line(&mut out, "", "trich_yeu", None);
    }
    text(&mut out, "", "trich_yeu", &f.trich_yeu);
    list(&mut out, "", "kinh_gui", &f.kinh_gui);
    if let Some(t) = &f.tham_quyen_ban_hanh {
        line(&mut out, "", "tham_quyen_ban_hanh", Some(t));
    }
    list(&mut out, "", "can_cu", &f.can_cu);
    out.push_str("ky:\n");
    signer(&mut out, "  ", &f.ky, true);
    if !f.ky_khac.is_empty() {
        out.push_str("ky_khac:\n");
        for s in &f.ky_khac {
            signer(&mut out, "    ", s, false);
        }
    }
    if f.noi_nhan.is_empty() {
        line(&mut out, "", "noi_nhan", None);
    }
    list(&mut out, "", "noi_nhan", &f.noi_nhan);
    if !f.appendices.is_empty() {
        out.push_str("phu_luc:\n");
        for a in &f.appendices {
            let mut table = String::new();
            text(&mut table, "    ", "ten", &a.ten);
            let body = blocks(&a.body);
            let lines: Vec<String> = body.trim().lines().map(str::to_owned).collect();
            text(&mut table, "    ", "noi_dung", &lines);
            out.push_str(&format!("  - {}", &table[4..]));
        }
    }
    out.push_str("---\n");
    out.push_str(&blocks(&f.body));
    for (n, t) in &f.footnotes {
        out.push_str(&format!("\n[^{n}]: {t}\n"));
    }
    out
}
