//! The top of a document, down to where its body starts: the header block, the title with its
//! trích yếu (or a công văn's summary under its number), and Kính gửi.

use super::body::heading_level;
use super::header::{Kind, Piece, header, pieces, type_at};
use super::markup::plain;
use super::{Found, capitals, fold};

/// How far down the header block may reach.
const HEADER_LINES: usize = 60;

/// The longest line that continues a công văn's summary after a blank line: its column is
/// narrow, a body's paragraph is not.
const WRAPPED_SUMMARY: usize = 60;

/// How many lines of text may stand above the header (a stamp's, a stray line's).
const STRAY_LINES: usize = 2;

/// The most lines a trích yếu or a công văn's summary runs to.
const SUMMARY_LINES: usize = 8;

/// What the top of the document gives the rest: where the body starts, and the lines of the top
/// that are no part of it (they open the body, each with a note).
pub(super) struct Top {
    pub body_from: usize,
    pub leftover: Vec<(usize, String)>,
}

/// Whether a line opens a công văn's summary.
fn opens_summary(text: &str) -> bool {
    let p = plain(text);
    ["V/v", "V/V", "Về việc", "về việc", "Về ", "Vv "].iter().any(|s| p.starts_with(s))
}

/// Whether a line is the label of the addressees.
fn addressee_label(text: &str) -> Option<&str> {
    let t = text.trim().trim_start_matches("**").trim_start_matches('*');
    ["Kính gửi", "Kính trình", "Kính gởi"].iter().find_map(|l| t.strip_prefix(l))
}

/// Whether a line starts the body whatever stands above it.
fn opens_body(text: &str) -> bool {
    let p = plain(text);
    addressee_label(text).is_some()
        || p.starts_with("Căn cứ")
        || p.starts_with("- Căn cứ")
        || p.starts_with("Điều ")
        || heading_level(text).is_some()
}

/// The line of the title: the first line among the top ones that begins with a type's name set
/// in capitals, before anything that opens the body.
fn title_line(lines: &[(usize, &str)]) -> Option<usize> {
    for (i, (_, l)) in lines.iter().enumerate().take(HEADER_LINES) {
        if opens_body(l) && i > 0 {
            return None;
        }
        let Some(first) = pieces(l).into_iter().next() else { continue };
        if let Some((_, n)) = type_at(&first.text) {
            let text = plain(&first.text);
            let head: Vec<&str> = text.split_whitespace().take(n).collect();
            if capitals(&head.join(" ")) {
                return Some(i);
            }
        }
    }
    None
}

/// Reads the top of the document into `f`.
pub(super) fn top(f: &mut Found, lines: &[(usize, &str)]) -> Top {
    let title = title_line(lines);
    let mut header_lines: Vec<(usize, Vec<Piece>)> = vec![];
    let mut summary: Vec<(usize, String)> = vec![];
    let mut summary_open = false;
    let mut just_numbered = false;
    let mut seen = false;
    let mut strays = 0;
    let mut leftover = vec![];
    let mut body_from = title.unwrap_or(lines.len().min(HEADER_LINES));
    for (i, &(n, l)) in lines.iter().enumerate().take(body_from) {
        let ps = pieces(l);
        if ps.is_empty() {
            summary_open &= summary.is_empty() || summary_goes_on(&summary, &lines[i..]);
            continue;
        }
        if title.is_none() && (addressee_label(l).is_some() || seen && opens_body(l)) {
            body_from = i;
            break;
        }
        let all_text = ps.iter().all(|p| p.kind == Kind::Text);
        // A header opens the document: text before any piece of it means there is none.
        strays += usize::from(all_text && !seen && !opens_summary(l));
        if strays > STRAY_LINES {
            body_from = 0;
            break;
        }
        let summary_may_open = just_numbered && summary.is_empty() || opens_summary(l);
        if all_text && !summary_open && title.is_none() && seen && !summary_may_open {
            body_from = i;
            break;
        }
        let numbered = ps.iter().any(|p| p.kind == Kind::Number);
        let mut kept = vec![];
        for p in ps {
            if p.kind != Kind::Text {
                summary_open = false;
                seen = true;
                kept.push(p);
            } else if title.is_none()
                && summary.len() < SUMMARY_LINES
                && (summary_open || opens_summary(&p.text) || just_numbered && summary.is_empty())
            {
                summary_open = true;
                summary.push((n, p.text));
            } else {
                leftover.push((n, p.text));
            }
        }
        // A công văn's summary without `V/v` stands right under its number.
        just_numbered = numbered;
        if kept.is_empty() && summary_open {
            continue;
        }
        // A line of text after the number and the summary, with no header piece, is the body.
        header_lines.push((n, kept));
    }
    if !seen {
        // No header at all: the text is all body.
        leftover.clear();
        body_from = title.unwrap_or(0);
    }
    leftover.extend(header(f, &header_lines));
    let mut at = body_from;
    match title {
        Some(t) => at = title_and_summary(f, lines, t, &mut leftover),
        None if !summary.is_empty() => cong_van(f, &summary),
        None => {}
    }
    let at = addressees(f, lines, at);
    Top { body_from: at, leftover }
}

/// Whether a công văn's summary goes on past a blank line, `rest` the lines from it: a reader
/// that sets each line apart (a PDF's narrow column) leaves a blank inside the summary, which
/// goes on with a short line of text that opens nothing.
fn summary_goes_on(summary: &[(usize, String)], rest: &[(usize, &str)]) -> bool {
    let next = rest.iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty());
    summary.last().is_some_and(|(_, s)| !plain(s).ends_with(['.', ':']))
        && next.is_some_and(|l| {
            let ps = pieces(l);
            plain(l).chars().count() <= WRAPPED_SUMMARY
                && ps.iter().all(|p| p.kind == Kind::Text)
                && !opens_body(l)
        })
}

/// A document with no tên loại and a `summary` under its number, read as a công văn: its trích
/// yếu is the summary, without its `V/v`.
fn cong_van(f: &mut Found, summary: &[(usize, String)]) {
    f.loai = Some("cong-van".to_owned());
    let first = &summary[0].1;
    let p = plain(first);
    let stripped = ["V/v", "V/V", "Vv", "Về việc", "về việc"]
        .iter()
        .find_map(|s| p.strip_prefix(s))
        .map(|r| r.trim().to_owned())
        .unwrap_or(p);
    f.trich_yeu.push(stripped);
    f.trich_yeu.extend(summary[1..].iter().map(|(_, s)| plain(s)));
    f.guess(summary[0].0, "không có tên loại; coi là công văn (có trích yếu dưới số)", "kiểm tra `loai`");
}

/// The tên loại at line `t` and the trích yếu under it: lines down to the rule under it, a line
/// that opens the body, or (in a text with paragraphs) the end of the trích yếu's paragraphs;
/// returns where the rest starts.
fn title_and_summary(
    f: &mut Found,
    lines: &[(usize, &str)],
    t: usize,
    leftover: &mut Vec<(usize, String)>,
) -> usize {
    let (n, l) = lines[t];
    let mut ps = pieces(l).into_iter();
    let first = ps.next().expect("the title line has a piece");
    leftover.extend(ps.map(|p| (n, p.text)));
    let (slug, words) = type_at(&first.text).expect("a title");
    f.loai = Some(slug);
    let title_plain = plain(&first.text);
    let all: Vec<&str> = title_plain.split_whitespace().collect();
    // Words after the name: more of the title in capitals (`BÁO CÁO NHANH`), or the trích yếu run on.
    let more = &all[words..];
    let caps = more.iter().take_while(|w| capitals(w)).count();
    if caps < more.len() {
        f.trich_yeu.push(more[caps..].join(" "));
    }
    let mut at = t + 1;
    let mut bold = first.bold;
    let mut lowercase_seen = !f.trich_yeu.is_empty();
    while let Some(&(_, l)) = lines.get(at) {
        let text = l.trim();
        if text.is_empty() {
            // A blank line ends it, unless the trích yếu has not begun or goes on in bold.
            let next = lines[at..].iter().position(|(_, l)| !l.trim().is_empty()).map(|k| at + k);
            let goes_on = next.is_some_and(|k| {
                let nl = lines[k].1.trim();
                f.trich_yeu.is_empty() && !opens_body(nl) || bold && nl.starts_with("**") && !opens_body(nl)
            });
            match next {
                Some(k) if goes_on => at = k,
                _ => break,
            }
            continue;
        }
        let p = plain(text);
        if !p.is_empty() && p.chars().all(|c| "-_*=–—.~ ".contains(c)) {
            at += 1;
            break;
        }
        let authority = capitals(&p) && issuing_authority(&p);
        if opens_body(text)
            || f.trich_yeu.len() >= SUMMARY_LINES
            || lowercase_seen && capitals(&p)
            || authority
        {
            break;
        }
        lowercase_seen |= !capitals(&p);
        bold = text.starts_with("**");
        f.trich_yeu.push(p);
        at += 1;
    }
    // More capitals on the title's line are the type's printed name when a trích yếu stands
    // under it (`BÁO CÁO NHANH`, `BIÊN BẢN THẨM ĐỊNH HỒ SƠ` over `Phục vụ …`), and are the
    // trích yếu's first line when none does (`GIẤY PHÉP SỬ DỤNG …`) or when more than a word or
    // two run on into capitals under them (`QUYẾT ĐỊNH CHẤP THUẬN …` / `ĐỒNG THỜI …`).
    let runs_on = caps > 2 && f.trich_yeu.first().is_some_and(|l| capitals(l));
    if caps > 0 && (f.trich_yeu.is_empty() || runs_on) {
        f.trich_yeu.insert(0, more[..caps].join(" "));
    } else if caps > 0 {
        f.ten_loai = Some(all[..words + caps].join(" "));
    }
    if f.trich_yeu.is_empty() {
        f.guess(n, "không có trích yếu dưới tên loại", "thêm `trich_yeu` nếu văn bản có");
    }
    at
}

/// The titles that open the line of the issuing authority above a decision's grounds
/// (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI`), folded.
const AUTHORITY_TITLES: &[&str] = &[
    "CHU TICH",
    "PHO CHU TICH",
    "GIAM DOC",
    "BO TRUONG",
    "THU TRUONG",
    "THU TUONG",
    "CUC TRUONG",
    "TONG CUC TRUONG",
    "VIEN TRUONG",
    "HIEU TRUONG",
    "TRUONG BAN",
    "CHANH VAN PHONG",
    "CHANH THANH TRA",
    "TONG GIAM DOC",
];

/// Whether a line of capitals is the issuing authority's, not a trích yếu's.
fn issuing_authority(p: &str) -> bool {
    let folded = fold(p);
    AUTHORITY_TITLES.iter().any(|t| folded.starts_with(&format!("{t} ")))
        || folded.ends_with("QUYET DINH:")
        || folded.ends_with("QUYET NGHI:")
}

/// Kính gửi at `at`: one addressee on the label's line or a list under it, items wrapped onto the
/// next line joined; returns where the body starts.
fn addressees(f: &mut Found, lines: &[(usize, &str)], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|(_, l)| l.trim().is_empty()) {
        at += 1;
    }
    let Some(rest) = lines.get(at).and_then(|(_, l)| addressee_label(l)) else { return at };
    let rest = rest.trim_start_matches("**").trim_start_matches('*').trim_start_matches(':').trim();
    let mut items: Vec<String> = vec![];
    let push = |items: &mut Vec<String>, line: &str| {
        let p = plain(line);
        let cont = items.last().is_some_and(|l| !l.ends_with([';', ',', '.']));
        match p.strip_prefix(['-', '–', '+', '•']) {
            Some(item) => items.push(item.trim().to_owned()),
            None if cont => {
                let last = items.last_mut().expect("continued");
                last.push(' ');
                last.push_str(&p);
            }
            None => items.push(p),
        }
    };
    let mut dashed = rest.starts_with(['-', '–', '+', '•']);
    if !rest.is_empty() {
        push(&mut items, rest);
    }
    at += 1;
    while let Some(&(_, l)) = lines.get(at) {
        let p = plain(l.trim());
        let is_item = p.starts_with(['-', '–', '+', '•']);
        dashed |= is_item;
        let open = items.last().is_none_or(|l| !l.ends_with('.'));
        let wrapped = items.last().is_some_and(|l| !l.ends_with([';', ',', '.']));
        if p.is_empty() {
            // A blank line inside the list (a DOCX's or a PDF's paragraphs) keeps it open
            // before an item, or before the rest of an item wrapped.
            let next = lines[at..].iter().map(|(_, l)| plain(l.trim())).find(|l| !l.is_empty());
            let more = next.is_some_and(|l| {
                l.starts_with(['-', '–', '+', '•'])
                    || dashed && wrapped && l.chars().count() <= WRAPPED_SUMMARY
            });
            if !(open && more) {
                break;
            }
        } else if open && (is_item || wrapped) {
            push(&mut items, l.trim());
        } else {
            break;
        }
        at += 1;
    }
    f.kinh_gui = items.into_iter().map(|i| i.trim_end_matches([';', ',', '.']).trim().to_owned()).collect();
    at
}
