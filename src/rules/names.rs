//! An issuer's name in capitals, as it is written inside a sentence (the appendix line): `SỞ NỘI
//! VỤ` → `Sở Nội vụ`, `T/M BAN THƯỜNG VỤ` of `ĐẢNG ỦY XÃ CÔNG HẢI` → `Ban Thường vụ Đảng ủy xã
//! Công Hải`.

use crate::model::document::Document;
use crate::rules::ruleset::{Ruleset, SentenceName};

/// The body that issues `doc`, named inside a sentence: the author's `co_quan.ten_thuong`, else
/// the issuer's name, after the body that signs for it collectively when that is not the issuer
/// itself (`T/M BAN THƯỜNG VỤ`).
pub fn issuer_in_sentence(doc: &Document, rules: &Ruleset) -> String {
    if let Some(name) = &doc.co_quan.ten_thuong {
        return name.clone();
    }
    let issuer = words(&doc.co_quan.ten);
    let collective = doc.ky.tham_quyen.as_deref().and_then(|t| t.trim().strip_prefix(&rules.ky.thay_mat));
    let body = collective.map(words).filter(|b| !b.is_empty() && !issuer.starts_with(b.as_slice()));
    let rule = &rules.phu_luc.ten_co_quan;
    body.iter().chain([&issuer]).map(|n| in_sentence(n, rule)).collect::<Vec<_>>().join(" ")
}

/// The words of a name, upper case.
fn words(name: &str) -> Vec<String> {
    name.split_whitespace().map(str::to_uppercase).collect()
}

/// `name`'s words (upper case) in normal case under `rule`: one body's name, whose first word may
/// be a kind of body (`Sở`).
fn in_sentence(name: &[String], rule: &SentenceName) -> String {
    let at = |i: usize, phrase: &[String]| name.get(i..i + phrase.len()) == Some(phrase);
    let mut out: Vec<String> = name.iter().map(|w| w.to_lowercase()).collect();
    let mut capital = vec![false; name.len()];
    capital[0] = !name.is_empty();
    for i in 0..name.len() {
        // A phrase always capitalised is written as the ruleset writes it.
        for phrase in &rule.viet_hoa {
            let written: Vec<&str> = phrase.split_whitespace().collect();
            if at(i, &words(phrase)) {
                out[i..i + written.len()].iter_mut().zip(&written).for_each(|(w, p)| *w = (*p).to_owned());
            }
        }
        if let Some(kind) = rule.sau_loai.iter().map(|k| words(k)).find(|k| i == 0 && at(0, k))
            && kind.len() < name.len()
        {
            capital[kind.len()] = true;
        }
        // A unit's words to the end are its place's name (`tỉnh Lào Cai`); so are those after a
        // body named for its unit (`Tỉnh ủy Lào Cai`).
        let body = |j: usize| {
            name.get(j).is_some_and(|w| rule.khong_phai_dia_gioi.iter().any(|b| words(b) == [w.clone()]))
        };
        if let Some(unit) = rule.dia_gioi.iter().map(|u| words(u)).find(|u| at(i, u)) {
            let place = i + unit.len() + usize::from(body(i + unit.len()));
            if place < name.len() {
                capital[place..].iter_mut().for_each(|c| *c = true);
                break;
            }
        }
    }
    for (w, cap) in out.iter_mut().zip(capital) {
        if cap {
            let mut cs = w.chars();
            *w = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(name: &str, rules: &str) -> String {
        in_sentence(&words(name), &Ruleset::get(rules).unwrap().phu_luc.ten_co_quan)
    }

    #[test]
    fn names_in_normal_case() {
        assert_eq!(say("SỞ NỘI VỤ", "nd30-2020"), "Sở Nội vụ");
        assert_eq!(say("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "nd30-2020"), "Ủy ban nhân dân tỉnh Lào Cai");
        assert_eq!(
            say("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ", "hd05-2026"),
            "Đảng ủy các cơ quan Đảng thành phố"
        );
        assert_eq!(say("ĐẢNG ỦY PHƯỜNG MƯỜNG THANH", "hd05-2026"), "Đảng ủy phường Mường Thanh");
        assert_eq!(say("ỦY BAN KIỂM TRA TỈNH ỦY", "hd05-2026"), "Ủy ban Kiểm tra Tỉnh ủy");
        assert_eq!(say("TỈNH ỦY LÀO CAI", "hd05-2026"), "Tỉnh ủy Lào Cai");
    }
}
