//! `vanban new`: a ready-to-fill document of a type, with every key the type uses and a
//! Vietnamese comment on each, that renders as it is.

use std::fmt::Write;

use crate::input::profile::{FILE_NAME, Given};
use crate::model::date::Date;
use crate::model::schema::{FIELDS, Field, Kind, children, field, leaf};
use crate::rules::ruleset::{DocType, Ruleset};
use crate::yaml::{self, quoted};

/// Example values that differ for State documents (NĐ 30/2020), by key.
const STATE_EXAMPLES: &[(&str, &str)] = &[
    ("co_quan.cap_tren", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
    ("co_quan.ten", "SỞ NỘI VỤ"),
    ("co_quan.viet_tat", "SNV"),
    ("ky.tham_quyen", "KT. GIÁM ĐỐC"),
    ("ky.chuc_vu", "PHÓ GIÁM ĐỐC"),
    ("ky.ho_ten", "Nguyễn Văn An"),
    ("tham_quyen_ban_hanh", "GIÁM ĐỐC SỞ NỘI VỤ"),
    (
        "can_cu",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
    ),
];

/// The document template of type `slug` under `rules`, dated `date`, leaving out what the
/// office profile gives (`given`); `None` for an unknown type.
pub fn template(rules: &Ruleset, slug: &str, date: Date, given: &Given) -> Option<String> {
    let kind = rules.loai.get(slug)?;
    let state = rules.the_thuc != "dang";
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# {} theo {}.", kind.ten, rules.ten);
    let _ =
        writeln!(out, "# Điền các giá trị, viết nội dung sau dòng --- cuối, rồi chạy: vanban render <tệp>");
    // The keys of a list of tables (phu_luc.ten) are written inside that list's example.
    let in_tables = |f: &&Field| {
        f.path
            .rsplit_once('.')
            .and_then(|(parent, _)| field(parent))
            .is_some_and(|p| matches!(p.kind, Kind::Tables(_)))
    };
    let mut off: Vec<&str> = vec![];
    for f in FIELDS.iter().filter(|f| !f.data_only && !in_tables(f)) {
        let (top, nested) = f.path.split_once('.').map_or((f.path, false), |(t, _)| (t, true));
        if top == "ky" && !given.signers.is_empty() {
            if !nested {
                let _ = writeln!(
                    out,
                    "# {}: mã người ký trong hồ sơ cơ quan ({})",
                    f.meaning,
                    given.signers.join(", ")
                );
                let _ = writeln!(out, "ky: {}", given.signers[0]);
            }
            continue;
        }
        if given.keys.iter().any(|k| k == top)
            || (top == "noi_nhan" && given.recipients.iter().any(|t| t == slug))
        {
            if !nested {
                let _ = writeln!(out, "# {}: lấy từ hồ sơ cơ quan ({FILE_NAME})", f.meaning);
            }
            continue;
        }
        let depth = f.path.matches('.').count();
        let pad = "  ".repeat(depth);
        // A key the type does not use is commented out, and so are the keys under it.
        let parent = f.path.rsplit_once('.').map(|(p, _)| p);
        let commented =
            (!f.required && !used_by(f.path, slug, kind, rules)) || parent.is_some_and(|p| off.contains(&p));
        if commented {
            off.push(f.path);
        }
        let _ = writeln!(out, "{pad}# {}{}", f.meaning, if f.required { "" } else { " (không bắt buộc)" });
        let hash = if commented { "# " } else { "" };
        for l in line(f, slug, &rules.id, state, date).lines() {
            let _ = writeln!(out, "{pad}{hash}{l}");
        }
    }
    out.push_str("---\n\nNội dung văn bản.\n");
    Some(out)
}

/// Whether a type uses an optional key; the others are written commented out, ready to use.
fn used_by(path: &str, slug: &str, kind: &DocType, rules: &Ruleset) -> bool {
    match path {
        "the_thuc" | "so" | "co_quan" | "co_quan.cap_tren" | "ky.tham_quyen" | "ky.chuc_vu" => true,
        // Công văn and tờ trình are addressed; a báo cáo sent upward may be.
        "kinh_gui" => kind.nhu_tren,
        "ky_khac" => slug == "bien-ban",
        "can_cu" => kind.kieu_muc != rules.kieu_muc || kind.quyet_nghi.is_some(),
        "tham_quyen_ban_hanh" => kind.quyet_nghi.is_some(),
        _ => false,
    }
}

/// A field's example value: the State one where it differs.
fn example_of(f: &Field, state: bool) -> &'static str {
    STATE_EXAMPLES.iter().find(|(p, _)| state && *p == f.path).map_or(f.example, |(_, e)| e)
}

/// `key: value` for one field.
fn line(f: &Field, slug: &str, ruleset: &str, state: bool, date: Date) -> String {
    let key = leaf(f.path);
    let example = example_of(f, state);
    match (f.path, f.kind) {
        ("loai", _) => format!("{key}: {slug}"),
        ("the_thuc", _) => format!("{key}: {}", if state { "nha-nuoc" } else { "dang" }),
        ("quy_tac", _) => format!("{key}: {ruleset}"),
        ("so", _) => format!("{key}:"),
        ("ngay", _) => format!("{key}: {date}"),
        ("noi_nhan", _) => {
            let archive = if state { "Lưu: VT, VP" } else { "Lưu Văn phòng" };
            yaml::list("", key, &["Nơi nhận thứ nhất".into(), archive.into()], quoted).trim_end().to_owned()
        }
        (_, Kind::Map) => format!("{key}:"),
        (_, Kind::Tables(keys)) => {
            // One example table: its keys with their examples, the first after the dash.
            let mut out = format!("{key}:");
            for (i, c) in children(keys).enumerate() {
                let value = example_of(c, state);
                let lead = if i == 0 { "  - " } else { "    " };
                out.push_str(&format!("\n{lead}{}: {}", leaf(c.path), quoted(value)));
            }
            out
        }
        _ => format!("{key}: {}", quoted(example)),
    }
}

/// The types of a ruleset with their names and codes, one per line.
pub fn list(rules: &Ruleset) -> String {
    let mut out = format!("Thể loại theo {} ({}):\n", rules.ten, rules.id);
    for (slug, t) in &rules.loai {
        let code = if t.ma.is_empty() { "—" } else { &t.ma };
        let _ = writeln!(out, "  {slug:<18} {code:<5} {}", t.ten);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date;

    #[test]
    fn writes_every_key_of_the_type() {
        let rules = Ruleset::get("hd05-2026").unwrap();
        let t = template(rules, "to-trinh", date::ymd(2026, 6, 1).unwrap(), &Default::default()).unwrap();
        for key in ["loai: to-trinh", "ngay: 2026-06-01", "kinh_gui: ", "ho_ten: "] {
            assert!(t.contains(key), "`{key}` in\n{t}");
        }
    }
}
