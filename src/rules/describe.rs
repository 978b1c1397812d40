//! Rulesets in readable form, for `vanban rules`: every zone with its case, size, style,
//! position and source clause, then page, paragraphs and document types.

use std::fmt::Write;

use toml::{Table, Value};

use crate::rules::ruleset::Ruleset;

/// One line per ruleset: id, kind, first day in force, name.
pub fn list() -> String {
    let mut out = String::new();
    for r in Ruleset::all() {
        let _ = writeln!(out, "{:<10} {:<9} từ {}  {}", r.id, r.the_thuc, r.hieu_luc_tu, r.ten);
    }
    out
}

fn text<'a>(t: &'a Table, key: &str) -> &'a str {
    t.get(key).and_then(Value::as_str).unwrap_or("")
}

fn flag(t: &Table, key: &str) -> bool {
    t.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn number(t: &Table, key: &str) -> String {
    match t.get(key) {
        Some(Value::Float(f)) => format!("{f}"),
        Some(Value::Integer(i)) => i.to_string(),
        _ => "?".to_owned(),
    }
}

/// A mark after values that are the project's convention, not a rule.
fn convention(t: &Table) -> &'static str {
    if flag(t, "quy_uoc") { " (*)" } else { "" }
}

/// One ruleset, readable.
pub fn describe(r: &Ruleset) -> String {
    let d = &r.data;
    let table = |key: &str| d.get(key).and_then(Value::as_table).cloned().unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}\nThể thức: {}; hiệu lực từ {}\n", r.id, r.ten, r.the_thuc, r.hieu_luc_tu);
    let page = table("trang");
    let _ = writeln!(
        out,
        "Trang {}, lề trên {} mm, dưới {} mm, trái {} mm, phải {} mm{}  [{}]",
        text(&page, "kho").to_uppercase(),
        number(&page, "le_tren"),
        number(&page, "le_duoi"),
        number(&page, "le_trai"),
        number(&page, "le_phai"),
        convention(&page),
        text(&page, "nguon"),
    );
    let body = table("doan");
    let _ = writeln!(
        out,
        "Đoạn văn: thụt đầu dòng {} mm, dãn dòng đúng {} pt, cách đoạn {} pt, dàn đều hai lề{}  [{}]",
        number(&body, "thut_dau_dong"),
        number(&body, "dan_dong_pt"),
        number(&body, "cach_doan_pt"),
        convention(&body),
        text(&body, "nguon"),
    );
    let _ = writeln!(out, "Phông chữ: {}\n", r.phong.ho.join(", "));
    let _ =
        writeln!(out, "{:<20} {:<9} {:>4}  {:<22} {:<58} Nguồn", "Thành phần", "Chữ", "Cỡ", "Kiểu", "Vị trí");
    for (name, zone) in table("vung") {
        let Some(z) = zone.as_table() else { continue };
        let mut style = vec![if flag(z, "nghieng") { "nghiêng" } else { "đứng" }];
        if flag(z, "dam") {
            style.push("đậm");
        }
        if flag(z, "gach_chan") {
            style.push("gạch chân");
        }
        let case = if flag(z, "in_hoa") { "in hoa" } else { "thường" };
        let _ = writeln!(
            out,
            "{:<20} {:<9} {:>4}  {:<22} {:<58} {}{}",
            name,
            case,
            number(z, "size"),
            style.join(", "),
            text(z, "vi_tri"),
            text(z, "nguon"),
            convention(z),
        );
    }
    let _ = writeln!(out, "\nThể loại ({}):", r.loai.len());
    for (slug, t) in &r.loai {
        let code = if t.ma.is_empty() { "không có mã".to_owned() } else { t.ma.clone() };
        let _ = writeln!(out, "  {slug:<18} {} ({code})", t.ten);
    }
    let _ = writeln!(out, "\n(*) quy ước của vanban khi quy định không nói rõ, không phải quy định.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_ruleset() {
        let l = list();
        for id in ["hd05-2026", "hd36-2018", "nd30-2020"] {
            assert!(l.contains(id), "{l}");
        }
    }

    #[test]
    fn describes_zones_with_size_style_position_and_source() {
        let d = describe(Ruleset::get("hd05-2026").unwrap());
        let line = d.lines().find(|l| l.starts_with("tieu_de ")).expect("tieu_de row");
        for part in ["in hoa", "15", "đứng, đậm", "đầu trang 1, bên phải", "HD05 I.1.2"] {
            assert!(line.contains(part), "`{part}` in `{line}`");
        }
        assert!(d.contains("Trang A4, lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm"), "{d}");
        assert!(
            d.lines().any(|l| l.trim_start().starts_with("bao-cao") && l.ends_with("Báo cáo (BC)")),
            "{d}"
        );
        let state = describe(Ruleset::get("nd30-2020").unwrap());
        assert!(
            state.lines().any(|l| l.starts_with("noi_nhan_nhan") && l.contains("nghiêng, đậm")),
            "{state}"
        );
    }
}
