//! `vanban check`: findings about a document against its ruleset, first on the data (fast, no
//! layout), then on the laid-out pages ([`audit`]). Each finding is a [`Diagnostic`] with a
//! stable code, a severity, the place in the file, the clause it comes from and a fix.

pub mod audit;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Fix};
use crate::import::legacy::{self, Encoding};
use crate::input::Loaded;
use crate::model::body::Block;
use crate::model::date::{self, Date};
use crate::model::document::{Document, WrittenNumber};
use crate::rules::derive;
use crate::rules::numbering::Label;
use crate::rules::ruleset::Ruleset;

/// The checks that need no layout. `today` is the date future dates are measured from (none:
/// they are not).
pub fn check_data(loaded: &Loaded, rules: &Ruleset, today: Option<Date>) -> Vec<Diagnostic> {
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

/// A body's name in capitals, with `UỶ` written `ỦY`, for comparing names.
fn fold(s: &str) -> String {
    s.to_uppercase().replace("UỶ", "ỦY")
}

/// The codes of a number's code part: `-BC/ĐU` → `BC`, `ĐU`.
fn codes(code: &str) -> Vec<&str> {
    code.split(['-', '/']).filter(|c| !c.is_empty()).collect()
}

/// Letters only, for comparing authority prefixes written with `/` or `.`.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

impl<'a> Checker<'a> {
    fn run(mut self, today: Option<Date>) -> Vec<Diagnostic> {
        self.date(today);
        self.numbers();
        self.issuer();
        self.superior();
        self.type_for_level();
        self.signature();
        self.recipients();
        self.recipient_punctuation();
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

    /// A fix replacing `old` where it first stands in the value of `key` as written.
    fn fix_at_key(&self, key: &str, old: &str, with: String) -> Option<Fix> {
        let (start, written) = self.written(key)?;
        let i = written.find(old)?;
        Some(Fix { at: start + i, len: old.len(), with })
    }

    /// Where the value of `key` (or a list's item, `noi_nhan[2]`) starts in the source, and its
    /// text there as written, quotes included.
    fn written(&self, key: &str) -> Option<(usize, &'a str)> {
        let span = self.doc.spans.get(key)?;
        Some((span.at, self.loaded.source.slice(span.at, span.end)?))
    }

    /// A finding at a byte offset of the source.
    fn at_offset(&mut self, d: Diagnostic, at: usize, width: usize) {
        let loc = self.loaded.source.location(at, width);
        self.out.push(d.at(loc));
    }

    fn date(&mut self, today: Option<Date>) {
        let k = &self.rules.kiem_tra;
        let ahead = today.map_or(0, |t| (self.doc.ngay - t).whole_days());
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

    /// Numbers copied with their code (`so: "Số 05-BC/ĐU"`): the codes must be the ones
    /// vanban prints, and the form the ruleset's. The fix leaves the bare number.
    fn numbers(&mut self) {
        let rules = self.rules;
        let Some(kind) = rules.loai.get(&self.doc.loai) else { return };
        // An unknown form is the render's error.
        let Ok((form, _)) = derive::number_forms(self.doc, rules, kind, &self.loaded.source) else { return };
        let doc = self.doc;
        let mut numbers = vec![(
            "so",
            doc.so,
            derive::number(form, rules, &kind.ma, &doc.co_quan.viet_tat, doc.so, doc.ngay.year()),
            kind.ma.as_str(),
            self.doc.co_quan.viet_tat.as_str(),
        )];
        if let Some(c) = &self.doc.ban_sao
            && let Some(form) = rules.ban_sao.hinh_thuc.get(&c.hinh_thuc)
        {
            let template = rules.ban_sao.mau_so.replace("{ma_hinh_thuc}", &form.ma);
            numbers.push((
                "ban_sao.so",
                c.so,
                derive::number(&template, rules, "", &c.viet_tat, c.so, c.ngay.year()),
                "",
                &c.viet_tat,
            ));
        }
        for (key, n, expected, type_code, issuer_code) in numbers {
            let (Some(n), Some((at, raw))) = (n, self.written(key)) else { continue };
            let Some(w) = WrittenNumber::parse(raw.trim_matches(['"', '\''])) else { continue };
            if w.prefix.is_empty() && w.code.is_empty() {
                continue;
            }
            let printed = expected.text("");
            let written = codes(w.code);
            let d = if !type_code.is_empty() && !written.is_empty() && !written.contains(&type_code) {
                Diagnostic::error(
                    "check::number_type_code",
                    format!(
                        "mã thể loại trong `{raw}` không phải `{type_code}` của `loai: {}`",
                        self.doc.loai
                    ),
                )
            } else if !written.is_empty() && !codes(issuer_code).iter().all(|c| written.contains(c)) {
                Diagnostic::error(
                    "check::number_issuer_code",
                    format!("mã cơ quan trong `{raw}` không phải `{issuer_code}` của `co_quan.viet_tat`"),
                )
            } else if !(w.prefix.is_empty() || w.prefix == expected.truoc)
                || format!("{}{}", w.digits, w.code) != printed[expected.truoc.len()..]
            {
                Diagnostic::warning(
                    "check::number_form",
                    format!("số và ký hiệu viết `{raw}`, theo {} là `{printed}`", rules.id),
                )
            } else {
                continue;
            };
            let d = d
                .clause(rules.kiem_tra.so_nguon.clone())
                .hint(format!("chỉ ghi số, `{key}: {n}`: vanban tự in `{printed}`"))
                .fix(Some(Fix { at, len: raw.len(), with: n.to_string() }));
            self.at_offset(d, at, raw.chars().count());
        }
    }

    /// A body below the provincial level needs its superior body above it (HD05 I.2.1).
    fn superior(&mut self) {
        let k = &self.rules.kiem_tra;
        let name = fold(&self.doc.co_quan.ten);
        let starts = |list: &[String]| list.iter().any(|p| name.starts_with(&fold(p)));
        if self.doc.co_quan.cap_tren.is_none() && starts(&k.cap_tren_can) && !starts(&k.cap_tren_mien) {
            let d = Diagnostic::warning(
                "check::superior_missing",
                format!("`{}` thiếu tên cơ quan cấp trên trực tiếp", self.doc.co_quan.ten),
            )
            .clause(k.cap_tren_nguon.clone())
            .hint("thêm `cap_tren:` trong `co_quan`, ví dụ `cap_tren: ĐẢNG BỘ TỈNH …`");
            let ten = self.doc.co_quan.ten.clone();
            self.at_key(d, "co_quan.ten", &ten);
        }
    }

    /// The types a grassroots level may issue (QĐ 399 Điều 11).
    fn type_for_level(&mut self) {
        let k = &self.rules.kiem_tra;
        if date::parse(&k.cap_tu).is_none_or(|from| self.doc.ngay < from) {
            return;
        }
        let name = fold(&self.doc.co_quan.ten);
        let authority = fold(self.doc.ky.tham_quyen.as_deref().unwrap_or_default());
        let level = k.cap.iter().find(|l| {
            l.dau_ten.iter().any(|p| name.starts_with(&fold(p)))
                && l.tham_quyen.as_deref().is_none_or(|t| authority.contains(&fold(t)))
        });
        if let Some(level) = level.filter(|l| l.khong_duoc.contains(&self.doc.loai)) {
            let d = Diagnostic::error(
                "check::type_for_level",
                format!("{} không ban hành thể loại `{}`", level.ten, self.doc.loai),
            )
            .clause(k.cap_nguon.clone())
            .hint("kiểm tra thể loại, hoặc cơ quan ban hành và quyền hạn ký");
            let loai = self.doc.loai.clone();
            self.at_key(d, "loai", &loai);
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
                    .clause(self.rules.zone(zone).nguon.clone())
                    .hint(format!("viết `{}`", v.to_uppercase()))
                    .fix(self.fix_at_key(key, v, v.to_uppercase()));
                self.at_key(d, key, v);
            }
        }
        let k = &self.rules.kiem_tra;
        let ceased = date::parse(&k.ten_cu_tu).is_some_and(|d| self.doc.ngay >= d);
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
            self.at_recipient(d, self.doc.noi_nhan.len() - 1);
        }
    }

    /// A finding at recipient line `i`, or at the list when the line is not there.
    fn at_recipient(&mut self, d: Diagnostic, i: usize) {
        match self.written(&format!("noi_nhan[{i}]")) {
            Some((at, written)) => self.at_offset(d, at, written.chars().count()),
            None => self.at_key(d, "noi_nhan", ""),
        }
    }

    /// End punctuation the author typed on a recipient line that is not the ruleset's (the
    /// PDF prints the ruleset's; the fix makes the file agree).
    fn recipient_punctuation(&mut self) {
        let r = &self.rules.noi_nhan;
        let n = self.doc.noi_nhan.len();
        for (i, item) in self.doc.noi_nhan.iter().enumerate() {
            let want = if i + 1 == n { r.dong.cuoi_cung.trim() } else { r.dong.cuoi_dong.trim() };
            let Some((at, written)) = self.written(&format!("noi_nhan[{i}]")) else { continue };
            let Some(typed) = item.chars().last().filter(|c| [',', ';', '.'].contains(c)) else { continue };
            if want != typed.to_string() {
                let end = at + written.rfind(typed).expect("the item's last character is in its text");
                let d = Diagnostic::warning(
                    "check::recipient_punctuation",
                    format!("dòng nơi nhận kết thúc bằng `{typed}`, theo {} là `{want}`", self.rules.id),
                )
                .clause(self.rules.noi_nhan.nguon.clone())
                .hint(format!("viết `{want}` ở cuối dòng; bản in luôn theo bộ quy tắc"))
                .fix(Some(Fix { at: end, len: 1, with: want.to_owned() }));
                self.at_offset(d, end, 1);
            }
        }
    }

    /// `Như trên` (the addressees above) opens the recipient list when it is there at all.
    fn as_above_first(&mut self) {
        let at = self.doc.noi_nhan.iter().position(|l| l.contains(&self.rules.kinh_gui.nhu_tren));
        if let Some(i) = at.filter(|&i| i > 0) {
            let d = Diagnostic::error("check::as_above_first", "`Như trên` phải là dòng đầu của nơi nhận")
                .clause(self.rules.kiem_tra.nhu_tren_nguon.clone())
                .hint("chuyển dòng `- Như trên;` lên đầu danh sách nơi nhận");
            self.at_recipient(d, i);
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
        let letter = self.rules.loai.get(&self.doc.loai).is_some_and(|t| !t.in_ten_loai);
        let (case, clause) = if letter {
            (&k.trich_yeu_cong_van_chu_dau, &k.trich_yeu_cong_van_nguon)
        } else {
            (&k.trich_yeu_chu_dau, &k.trich_yeu_nguon)
        };
        let want_upper = case == "hoa";
        if first.is_alphabetic() && first.is_uppercase() != want_upper {
            let fixed: String =
                if want_upper { first.to_uppercase().collect() } else { first.to_lowercase().collect() };
            let case = if want_upper { "chữ hoa" } else { "chữ thường" };
            let d = Diagnostic::warning("check::summary_case", format!("trích yếu phải bắt đầu bằng {case}"))
                .clause(clause.clone())
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
                    .clause(self.rules.kiem_tra.unicode_nguon.clone())
                    .hint("lưu lại tệp ở dạng Unicode dựng sẵn (NFC); `vanban render` tự chuẩn hóa khi in");
            self.at_offset(d, at.saturating_sub(1), 1);
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let encoding = legacy::detect(line);
            if encoding != Encoding::Unicode {
                let d = Diagnostic::warning(
                    "check::legacy_encoding",
                    format!("dòng có dấu vết bảng mã cũ {}", encoding.name()),
                )
                .clause(self.rules.kiem_tra.unicode_nguon.clone())
                .hint("chuyển tệp gốc sang Unicode bằng `vanban import` trước khi dùng");
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
                    let body = self.doc.spans.get("noi_dung").map_or(0, |s| s.at);
                    self.at_offset(d, find(text, body, &p), 1);
                }
            }
        }
    }

    /// The author's heading numbers, level by level: in sequence, no gaps or repeats.
    fn headings(&mut self) {
        if self.doc.danh_so.as_deref() == Some("tu_dong") {
            return;
        }
        let mut last: Vec<Option<Vec<u32>>> = vec![None; 7];
        for b in &self.doc.body {
            let Block::Heading { level, c, at } = b else { continue };
            let mut plain = String::new();
            c.iter().for_each(|x| x.plain_text(&mut plain));
            let Some(number) = Label::read(&plain).map(|l| l.parts) else { continue };
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
                self.at_offset(d, at.0, plain.trim().chars().count());
            }
            last[i] = Some(number);
            last[i + 1..].iter_mut().for_each(|l| *l = None);
        }
    }
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

/// Where `needle` (or its first words) stands in `text` from the body's start, else that start.
fn find(text: &str, start: usize, needle: &str) -> usize {
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
