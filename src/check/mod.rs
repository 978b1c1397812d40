//! `vanban check`: findings about a document against its ruleset, first on the data (fast, no
//! layout), then on the laid-out pages ([`audit`]). Each finding is a [`Diagnostic`] with a
//! stable code, a severity, the place in the file, the clause it comes from and a fix.

pub mod audit;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Fix};
use crate::input::Loaded;
use crate::input::frontmatter;
use crate::model::body::Block;
use crate::model::document::{Date, Document};
use crate::rules::ruleset::Ruleset;

/// The checks that need no layout. `today` is the date future dates are measured from.
pub fn check_data(loaded: &Loaded, rules: &Ruleset, today: Date) -> Vec<Diagnostic> {
    let c = Checker { loaded, doc: &loaded.document, rules, out: vec![] };
    c.run(today)
}

struct Checker<'a> {
    loaded: &'a Loaded,
    doc: &'a Document,
    rules: &'a Ruleset,
    out: Vec<Diagnostic>,
}

/// Whether a text has lowercase letters (so is not set in capitals).
fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// Letters only, for comparing authority prefixes written with `/` or `.`.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

impl Checker<'_> {
    fn run(mut self, today: Date) -> Vec<Diagnostic> {
        self.date(today);
        self.issuer();
        self.signature();
        self.recipients();
        self.as_above_first();
        self.addressees();
        self.summary();
        self.text();
        self.headings();
        self.out
    }

    /// A finding at the value of `key`.
    fn at_key(&mut self, d: Diagnostic, key: &str, text: &str) {
        let loc = self.doc.locate(&self.loaded.source, key, text);
        self.out.push(d.at(loc));
    }

    /// A fix replacing `old` where it first stands on the line of the value of `key`.
    fn fix_at_key(&self, key: &str, old: &str, with: String) -> Option<Fix> {
        let text = &self.loaded.source.text;
        let start = *self.doc.spans.get(key)?;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let i = text[start..line_end].find(old)?;
        Some(Fix { at: start + i, len: old.len(), with })
    }

    /// A finding at a byte offset of the source.
    fn at_offset(&mut self, d: Diagnostic, at: usize, width: usize) {
        let loc = self.loaded.source.location(at, width);
        self.out.push(d.at(loc));
    }

    /// The clause of a zone, from the ruleset.
    fn zone_clause(&self, zone: &str) -> String {
        let zone = self.rules.data.get("vung").and_then(|v| v.get(zone));
        zone.and_then(|z| z.get("nguon")).and_then(toml::Value::as_str).unwrap_or_default().to_owned()
    }

    fn date(&mut self, today: Date) {
        let k = &self.rules.kiem_tra;
        let ahead = self.doc.ngay.days() - today.days();
        if ahead > i64::from(k.ngay_toi_da) {
            let d = Diagnostic::warning(
                "check::future_date",
                format!("ngày ký ở tương lai, sau hôm nay {ahead} ngày"),
            )
            .clause(k.ngay_nguon.clone())
            .hint("ngày ghi trên văn bản là ngày người có thẩm quyền ký; kiểm tra lại năm và tháng");
            self.at_key(d, "ngay", "");
        }
        if let Some(id) = &self.doc.quy_tac {
            let in_force = Ruleset::in_force(&self.rules.the_thuc, self.doc.ngay).map(|r| r.id.as_str());
            if in_force.is_some_and(|r| r != id) {
                let d = Diagnostic::warning(
                    "check::ruleset_date",
                    format!(
                        "văn bản ngày này thuộc bộ quy tắc {}, không phải {id}",
                        in_force.unwrap_or_default()
                    ),
                )
                .hint("bỏ khóa `quy_tac` nếu văn bản được trình bày theo quy định có hiệu lực vào ngày ký");
                self.at_key(d, "quy_tac", id);
            }
        }
    }

    fn issuer(&mut self) {
        let q = &self.doc.co_quan;
        for (key, value, zone) in [
            ("co_quan.ten", Some(&q.ten), "co_quan"),
            ("co_quan.cap_tren", q.cap_tren.as_ref(), "co_quan_cap_tren"),
        ] {
            if let Some(v) = value.filter(|v| has_lowercase(v)) {
                let d = Diagnostic::warning("check::issuer_case", format!("tên cơ quan `{v}` chưa viết hoa"))
                    .clause(self.zone_clause(zone))
                    .hint(format!("viết `{}`", v.to_uppercase()))
                    .fix(self.fix_at_key(key, v, v.to_uppercase()));
                self.at_key(d, key, v);
            }
        }
        let k = &self.rules.kiem_tra;
        let ceased = Date::parse(&k.ten_cu_tu).is_some_and(|d| self.doc.ngay >= d);
        for (key, value) in [("co_quan.ten", Some(&q.ten)), ("co_quan.cap_tren", q.cap_tren.as_ref())] {
            let upper = value.map(|v| v.to_uppercase()).unwrap_or_default();
            if let Some(old) = k.ten_cu.iter().find(|n| ceased && upper.contains(n.as_str())) {
                let d = Diagnostic::warning("check::historical_name", format!("`{old}` không còn từ ngày {}", k.ten_cu_tu))
                    .clause(k.ten_cu_nguon.clone())
                    .hint("ghi tên cơ quan hiện hành (cấp tỉnh, cấp xã); tên cũ chỉ dùng cho văn bản ký trước ngày đó");
                self.at_key(d, key, old);
            }
        }
        let code = &q.viet_tat;
        if code.contains(char::is_whitespace) {
            let d = Diagnostic::error("check::issuer_code", format!("chữ viết tắt `{code}` có dấu cách"))
                .clause(self.rules.kiem_tra.so_nguon.clone())
                .hint(format!("viết liền, ví dụ `{}`", code.split_whitespace().collect::<String>()));
            self.at_key(d, "co_quan.viet_tat", code);
        }
    }

    fn signature(&mut self) {
        let k = &self.rules.kiem_tra;
        let ky = &self.doc.ky;
        if let Some(first) = ky.tham_quyen.as_deref().and_then(|t| t.split_whitespace().next()) {
            let looks_like_prefix = first.contains('/') || first.ends_with('.');
            let own = self.rules.ky.tien_to.iter().find(|p| letters(p) == letters(first));
            if looks_like_prefix && !self.rules.ky.tien_to.iter().any(|p| p == first) {
                let hint = match own {
                    Some(p) => format!("theo {} viết `{p}`", self.rules.id),
                    None => format!("các quyền hạn ký: {}", self.rules.ky.tien_to.join(", ")),
                };
                let d = Diagnostic::error(
                    "check::authority_prefix",
                    format!("quyền hạn ký `{first}` không đúng thể thức"),
                )
                .clause(k.tien_to_nguon.clone())
                .hint(hint)
                .fix(own.and_then(|p| self.fix_at_key("ky.tham_quyen", first, p.clone())));
                self.at_key(d, "ky.tham_quyen", first);
            }
            let rest = ky.tham_quyen.as_deref().unwrap_or_default().to_lowercase();
            let collective = self.rules.ky.tap_the_tm.iter().find(|b| rest.contains(b.as_str()));
            if letters(first) == "KT"
                && let Some(body) = collective
            {
                let d = Diagnostic::error(
                    "check::kt_collective",
                    format!("`{first}` dùng cho tập thể `{body}`"),
                )
                .clause(k.tien_to_nguon.clone())
                .hint("tập thể ký thay mặt (T/M); ký thay (K/T) dùng khi cấp phó ký thay người đứng đầu");
                self.at_key(d, "ky.tham_quyen", first);
            }
        }
        if let Some(title) = k.hoc_ham.iter().find(|t| ky.ho_ten.starts_with(t.as_str())) {
            let d = Diagnostic::error("check::academic_title", format!("có `{title}` trước họ tên người ký"))
                .clause(k.hoc_ham_nguon.clone())
                .hint(format!("chỉ ghi họ tên: `{}`", ky.ho_ten[title.len()..].trim()))
                .fix(self.fix_at_key("ky.ho_ten", &ky.ho_ten, ky.ho_ten[title.len()..].trim().to_owned()));
            self.at_key(d, "ky.ho_ten", title);
        }
        let issuer_head: Vec<&str> = self.doc.co_quan.ten.split_whitespace().take(2).collect();
        if let Some(title) = ky.chuc_vu.as_deref()
            && issuer_head.len() == 2
            && title.to_uppercase().contains(&issuer_head.join(" ").to_uppercase())
        {
            let d = Diagnostic::warning(
                "check::title_with_body",
                format!("chức vụ `{title}` ghi kèm tên cơ quan"),
            )
            .clause(k.chuc_vu_nguon.clone())
            .hint("ghi chức vụ không kèm tên cơ quan, ví dụ `BÍ THƯ`");
            self.at_key(d, "ky.chuc_vu", title);
        }
    }

    fn recipients(&mut self) {
        let k = &self.rules.kiem_tra;
        let Some(last) = self.doc.noi_nhan.last() else { return };
        let line = last.trim().trim_start_matches(['-', ' ']);
        if !line.starts_with(k.luu.as_str()) {
            let d = Diagnostic::error(
                "check::archive_line",
                format!("dòng cuối của nơi nhận không theo mẫu `{}…`", k.luu),
            )
            .clause(k.luu_nguon.clone())
            .hint(format!("dòng cuối là nơi lưu, viết `{}…`", k.luu));
            self.at_key(d, "noi_nhan", "");
        }
    }

    /// `Như trên` (the addressees above) opens the recipient list when it is there at all.
    fn as_above_first(&mut self) {
        let at = self.doc.noi_nhan.iter().position(|l| l.contains("Như trên"));
        if at.is_some_and(|i| i > 0) {
            let d = Diagnostic::error("check::as_above_first", "`Như trên` phải là dòng đầu của nơi nhận")
                .clause(self.rules.kiem_tra.nhu_tren_nguon.clone())
                .hint("chuyển dòng `- Như trên;` lên đầu danh sách nơi nhận");
            self.at_key(d, "noi_nhan", "");
        }
    }

    fn addressees(&mut self) {
        let k = &self.rules.kiem_tra;
        if !self.doc.kinh_gui.is_empty() && !k.kinh_gui.contains(&self.doc.loai) {
            let d = Diagnostic::warning(
                "check::addressee_type",
                format!("thể loại `{}` không dùng Kính gửi", self.doc.loai),
            )
            .clause(k.kinh_gui_nguon.clone())
            .hint(format!("Kính gửi dùng cho: {}", k.kinh_gui.join(", ")));
            self.at_key(d, "kinh_gui", "");
        }
    }

    fn summary(&mut self) {
        let k = &self.rules.kiem_tra;
        let t = self.doc.trich_yeu.trim_start();
        let Some(first) = t.chars().next() else { return };
        let want_upper = k.trich_yeu_chu_dau == "hoa";
        if first.is_alphabetic() && first.is_uppercase() != want_upper {
            let fixed: String =
                if want_upper { first.to_uppercase().collect() } else { first.to_lowercase().collect() };
            let case = if want_upper { "chữ hoa" } else { "chữ thường" };
            let d = Diagnostic::warning("check::summary_case", format!("trích yếu phải bắt đầu bằng {case}"))
                .clause(k.trich_yeu_nguon.clone())
                .hint(format!("viết `{fixed}{}`", &t[first.len_utf8()..]))
                .fix(self.fix_at_key("trich_yeu", &first.to_string(), fixed.clone()));
            self.at_key(d, "trich_yeu", &first.to_string());
        }
    }

    /// Encoding and spacing, on the raw text of the file.
    fn text(&mut self) {
        let text = &self.loaded.source.text;
        if let Some(at) =
            text.char_indices().find(|(_, c)| ('\u{300}'..='\u{36f}').contains(c)).map(|(i, _)| i)
        {
            let d =
                Diagnostic::warning("check::not_nfc", "chữ có dấu viết tách (Unicode NFD), không dựng sẵn")
                    .clause("TCVN 6909:2001")
                    .hint("lưu lại tệp ở dạng Unicode dựng sẵn (NFC); `vanban render` tự chuẩn hóa khi in");
            self.at_offset(d, at.saturating_sub(1), 1);
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if legacy_debris(line) {
                let d = Diagnostic::warning(
                    "check::legacy_encoding",
                    "dòng có dấu vết bảng mã cũ (TCVN3 hoặc VNI)",
                )
                .clause("TCVN 6909:2001")
                .hint("chuyển tệp gốc sang Unicode trước khi dùng");
                self.at_offset(d, offset, line.trim_end().chars().count());
            }
            let body = line.trim_start();
            // Every run of spaces inside the line's text (indentation is Markdown's, not a gap).
            let inner = body.trim_end();
            let mut from = 0;
            while let Some(i) = inner[from..].find("  ").filter(|_| !line.starts_with("    ")) {
                let at = offset + (line.len() - body.len()) + from + i;
                let spaces = text[at..].len() - text[at..].trim_start_matches(' ').len();
                let d = Diagnostic::warning("check::double_space", "hai dấu cách liền nhau")
                    .hint("dùng một dấu cách giữa hai chữ")
                    .fix(Some(Fix { at, len: spaces, with: " ".to_owned() }));
                self.at_offset(d, at, 2);
                from += i + spaces;
            }
            offset += line.len();
        }
        for (open, close, name) in [('(', ')', "ngoặc đơn"), ('“', '”', "ngoặc kép")] {
            for p in paragraphs(&self.doc.body) {
                let opened = p.matches(open).count();
                if opened != p.matches(close).count() {
                    let d = Diagnostic::warning("check::unbalanced", format!("{name} mở và đóng không khớp"))
                        .hint(format!("kiểm tra dấu `{open}` và `{close}` trong đoạn này"));
                    let at = find(text, &p);
                    self.at_offset(d, at, 1);
                }
            }
        }
    }

    /// The author's heading numbers, level by level: in sequence, no gaps or repeats.
    fn headings(&mut self) {
        if self.doc.danh_so.as_deref() == Some("tu_dong") {
            return;
        }
        let loaded = self.loaded;
        let text = &loaded.source.text;
        let mut last: Vec<Option<Vec<u32>>> = vec![None; 7];
        for b in &self.doc.body {
            let Block::Heading { level, c } = b else { continue };
            let mut plain = String::new();
            c.iter().for_each(|x| x.plain_text(&mut plain));
            let Some(number) = heading_number(&plain) else { continue };
            let i = usize::from(*level);
            let expected = match &last[i] {
                Some(prev) if prev.len() == number.len() => {
                    let mut next = prev.clone();
                    *next.last_mut().expect("a number has parts") += 1;
                    next
                }
                _ => number.clone(),
            };
            let follows_parent =
                number.len() == 1 || last[..i].iter().flatten().last().is_some_and(|p| number.starts_with(p));
            if number != expected || !follows_parent {
                let shown: Vec<String> = expected.iter().map(u32::to_string).collect();
                let d = Diagnostic::warning(
                    "check::heading_sequence",
                    format!("đề mục `{}` không liền số với đề mục trước", plain.trim()),
                )
                .hint(format!(
                    "số mong đợi: {}; hoặc dùng `danh_so: tu_dong` để vanban đánh số",
                    shown.join(".")
                ));
                let at = find(text, plain.trim());
                self.at_offset(d, at, plain.trim().chars().count());
            }
            last[i] = Some(number);
            last[i + 1..].iter_mut().for_each(|l| *l = None);
        }
    }
}

/// The number at the start of a heading: `I.`/`I-` (Roman), `1.`, `2.1.`; each part as a number.
fn heading_number(text: &str) -> Option<Vec<u32>> {
    let head = text.split_whitespace().next()?;
    let head = head.trim_end_matches(['.', '-', ')']);
    if let Some(n) = roman_value(head) {
        return Some(vec![n]);
    }
    head.split('.').map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>().filter(|v| !v.is_empty())
}

/// The value of a Roman numeral of capitals, if it is one.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let digits: Vec<i64> = s
        .chars()
        .map(|c| match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => 100,
        })
        .collect();
    let total: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| if digits.get(i + 1).is_some_and(|n| n > d) { -d } else { *d })
        .sum();
    u32::try_from(total).ok()
}

/// Dense runs of characters that only appear in Vietnamese text decoded with the wrong legacy
/// code page (TCVN3/ABC: ¸ µ ¶ …; VNI: vowel + ø ù û õ ï …).
fn legacy_debris(line: &str) -> bool {
    const TCVN3: &str = "¸µ¶·¹¨©®¬¦§¤¥ª«¼½¾Þßæçëîïñöøûüþ×";
    let tcvn3 = line.chars().filter(|c| TCVN3.contains(*c)).count();
    let chars: Vec<char> = line.chars().collect();
    let vni =
        chars.windows(2).filter(|w| "aeiouyâêôAEIOUY".contains(w[0]) && "øùûõïäåæ".contains(w[1])).count();
    tcvn3 >= 3 || vni >= 2
}

/// The plain text of every paragraph of the body (list items included).
fn paragraphs(body: &[Block]) -> Vec<String> {
    let mut out = vec![];
    for b in body {
        match b {
            Block::Par { .. } | Block::Heading { .. } => {
                let mut s = String::new();
                b.plain_text(&mut s);
                out.push(s.trim().nfc().collect());
            }
            Block::List { items, .. } => items.iter().for_each(|i| out.extend(paragraphs(i))),
            Block::Quote { c } => out.extend(paragraphs(c)),
            _ => {}
        }
    }
    out
}

/// Where `needle` (or its first words) stands in the file, else the start of the body.
fn find(text: &str, needle: &str) -> usize {
    let start = frontmatter::split(text).map_or(0, |s| s.body_start);
    let probe: String = needle.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    text[start..].find(&probe).map_or(start, |i| start + i)
}

/// The lines that differ between two versions of a text, as `-` and `+` lines with their
/// numbers (fixes change lines, never add or remove them).
pub fn line_diff(before: &str, after: &str) -> String {
    let mut out = String::new();
    for (n, (a, b)) in before.lines().zip(after.lines()).enumerate() {
        if a != b {
            out.push_str(&format!("{:>4} - {a}\n{:>4} + {b}\n", n + 1, n + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_number("I. ƯU ĐIỂM"), Some(vec![1]));
        assert_eq!(heading_number("IV- NHIỆM VỤ"), Some(vec![4]));
        assert_eq!(heading_number("2.2.1. Công tác"), Some(vec![2, 2, 1]));
        assert_eq!(heading_number("Kết quả"), None);
    }

    #[test]
    fn legacy_debris_is_dense_foreign_characters() {
        assert!(legacy_debris("B¸o c¸o kÕt qu¶ thùc hiÖn"));
        assert!(legacy_debris("Vieät Nam ñaõ ñaït"));
        assert!(!legacy_debris("Báo cáo kết quả thực hiện nhiệm vụ tháng 4"));
    }
}
