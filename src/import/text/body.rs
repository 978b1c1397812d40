//! The body: logical paragraphs rebuilt from the lines, headings, Kính gửi, căn cứ and the
//! decision line, footnotes taken out of the flow and put at their marks.
//!
//! An extracted text may have no blank line at all (one physical line per line). Paragraphs
//! are then found from the lines' shape ([`Shape`]): a first line indented where the text
//! indents them (pdftotext `-layout`), else the line before ending a sentence clearly short of
//! the text's usual width, and block starts (`- `, `1.`, `a)`, `I.`, `Điều n.`, `Căn cứ`).

use std::collections::HashSet;

use super::furniture::BREAK;
use super::markup::plain;
use super::{Found, Part, capitals, clean};
use crate::rules::numbering::Label;
use crate::rules::ruleset::Ruleset;

/// A footnote definition: `¹ text` or `[1] text` (`\[1\] text` escaped).
fn footnote_def(p: &str) -> Option<(u32, &str)> {
    let digits: String = p.chars().map_while(superscript).collect();
    if !digits.is_empty() {
        let n = digits.parse().ok()?;
        let rest = p.char_indices().nth(digits.chars().count()).map_or("", |(i, _)| &p[i..]);
        return rest.starts_with(' ').then(|| (n, rest.trim()));
    }
    let rest = p.strip_prefix("\\[").or_else(|| p.strip_prefix('['))?;
    let (n, rest) = rest.split_once(']')?;
    let n = n.strip_suffix('\\').unwrap_or(n);
    Some((n.parse().ok()?, rest.trim()))
}

/// The digit a superscript figure stands for.
fn superscript(c: char) -> Option<char> {
    let i = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)?;
    char::from_digit(i as u32, 10)
}

/// Superscript marks (and `[n]`, `\\[n\\]` for known footnotes) as Markdown footnote
/// references, in one pass.
fn markers(p: &str, known: &HashSet<u32>) -> String {
    let mut out = String::with_capacity(p.len());
    let mut digits = String::new();
    let mut rest = p;
    while let Some(c) = rest.chars().next() {
        if let Some(d) = superscript(c) {
            digits.push(d);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if !digits.is_empty() {
            out.push_str(&format!("[^{digits}]"));
            digits.clear();
        }
        let bracketed = bracket(rest).filter(|(n, _)| known.contains(n));
        match bracketed {
            Some((n, len)) => {
                out.push_str(&format!("[^{n}]"));
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !digits.is_empty() {
        out.push_str(&format!("[^{digits}]"));
    }
    out
}

/// A footnote mark `[n]` (or escaped, `\\[n\\]`) at the start of `s`: its number and length.
fn bracket(s: &str) -> Option<(u32, usize)> {
    let (open, close) = if s.starts_with("\\[") { ("\\[", "\\]") } else { ("[", "]") };
    let inner = s.strip_prefix(open)?;
    let len = inner.find(close)?;
    let n = &inner[..len];
    (n.len() <= 4 && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .then(|| (n.parse().ok(), open.len() + len + close.len()))
        .and_then(|(n, l)| Some((n?, l)))
}

/// The heading level of a paragraph: `I.`/`I-` 1, `1.` 2, `2.1.` 3, …; `None` for text (long,
/// or ending as a sentence does).
pub(super) fn heading_level(p: &str) -> Option<usize> {
    // A heading set in bold is a heading all the same.
    let p = clean(p);
    if p.chars().nth(160).is_some() || p.ends_with(['.', ';', ',']) {
        return None;
    }
    label_depth(p)
}

/// The depth of a paragraph's number label followed by text: `I.`/`I-` 1, `1.` 2, `2.1.` 3.
fn label_depth(p: &str) -> Option<usize> {
    label(p).map(|l| l.depth())
}

/// A paragraph's number label followed by text: `II.`, `2.1-`, of at most four digits a part.
fn label(p: &str) -> Option<Label> {
    let p = clean(p);
    // Text must follow the label.
    p.split_whitespace().nth(1)?;
    marked(p).filter(|l| l.digits <= 4)
}

/// The number label a line opens with, marked `.` or `-` as a point's or heading's is.
fn marked(line: &str) -> Option<Label> {
    Label::read(clean(line)).filter(|l| matches!(l.mark, Some('.' | '-')))
}

/// The depth and last number of an Arabic label: `2.1.` is 3 and 1.
fn arabic(label: Label) -> Option<(usize, u32)> {
    (!label.roman).then(|| (label.depth(), *label.parts.last().expect("a label has parts")))
}

/// A numbered paragraph standing between the headings numbered just before and just after it
/// at its depth is one of them (`4. … khó khăn,` between `3.` and `5.`), however it ends.
fn between_headings(parts: &mut [Part]) {
    let numbered = |t: &str| label(t).and_then(arabic);
    let heading = |p: &Part| match p {
        Part::Heading(level, t) => numbered(t).map(|n| (*level, n)),
        _ => None,
    };
    for i in 0..parts.len() {
        let Part::Para(t) = &parts[i] else { continue };
        let Some((depth, n)) = numbered(t).filter(|_| t.chars().count() <= 300) else { continue };
        let before = parts[..i].iter().rev().find_map(heading);
        let after = parts[i + 1..].iter().find_map(heading);
        if let (Some((level, (d1, b))), Some((l2, (d2, a)))) = (before, after)
            && level == l2
            && d1 == depth
            && d2 == depth
            && b + 1 == n
            && n + 1 == a
        {
            parts[i] = Part::Heading(level, heading_text(t));
        }
    }
}

/// Whether a paragraph ends a sentence (so the next one is not its continuation).
fn ends_sentence(p: &str) -> bool {
    let t = p.trim_end_matches(['”', '"', ')', '*', '’', '\\']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// The labels addressees stand under in a body.
const ADDRESSED: [&str; 2] = ["Kính gửi:", "Kính trình:"];

/// The grounds of a decision and the proposals after them, with or without a `- ` bullet.
fn ground(p: &str) -> Option<&str> {
    // A DOCX sets them in italics: `*Căn cứ …*;`.
    let core = p.strip_prefix("- ").or_else(|| p.strip_prefix("+ ")).unwrap_or(p).trim_start_matches('*');
    ["Căn cứ", "Theo đề nghị", "Xét đề nghị"].iter().any(|g| core.starts_with(g)).then_some(core)
}

/// Whether a ground runs on into the next paragraph: `Some(true)` after a comma, `Some(false)`
/// when it ends without a mark (it goes on if the next starts in lower case), `None` when it
/// ends with `;`, `.` or `:`.
fn open_ground(g: &str) -> Option<bool> {
    let t = plain(g);
    let t = t.trim_end();
    match t.chars().last() {
        Some(',') => Some(true),
        Some(c) if c.is_alphanumeric() => Some(false),
        _ => None,
    }
}

/// A decision line: `QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`, `BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH`; gives
/// the words before the decision and the decision itself.
fn decision(p: &str) -> Option<(&str, &str)> {
    let t = clean(p).trim_end_matches(':').trim_end();
    if !capitals(t) {
        return None;
    }
    ["QUYẾT ĐỊNH", "QUYẾT NGHỊ"].iter().find_map(|d| t.strip_suffix(d).map(|before| (before.trim(), *d)))
}

/// A list item or an enumerated point: `- `, `+ `, `a)`, `đ)`, `1)`.
fn item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("+ ") || line.starts_with("– ") {
        return true;
    }
    let head = line.split_whitespace().next().unwrap_or("");
    head.strip_suffix(')').is_some_and(|h| {
        let n = h.chars().count();
        (n == 1 && h.chars().all(char::is_lowercase))
            || (1..=2).contains(&n) && h.chars().all(|c| c.is_ascii_digit())
    })
}

/// A rule under the title (`-----`, `___`): drawn by the layout.
fn rule(line: &str) -> bool {
    line.chars().count() >= 3 && line.chars().all(|c| "-_=*–—.\\ ".contains(c))
}

/// Whether a line starts a paragraph of its own inside a run of lines.
fn starts_block(line: &str) -> bool {
    item(line)
        || rule(line)
        || line.starts_with('|')
        || heading_level(line).is_some()
        || footnote_def(line).is_some()
        || line.starts_with("Điều ")
        || ground(line).is_some()
        || decision(line).is_some()
        || ADDRESSED.iter().any(|l| line.starts_with(l))
        || numbered(line)
}

/// `1. Text`, `2.1. Text`, `II. Text`: a numbered point, heading or run-in.
fn numbered(line: &str) -> bool {
    marked(line).is_some_and(|l| l.digits <= 2)
}

/// What the lines of a text look like: the usual width, the left margin, whether a
/// paragraph's first line is indented.
struct Shape {
    width: usize,
    margin: usize,
    indents: bool,
}

impl Shape {
    fn of(lines: &[(usize, &str)]) -> Self {
        let text: Vec<&str> = lines.iter().map(|(_, l)| *l).filter(|l| !l.trim().is_empty()).collect();
        let mut widths: Vec<usize> = text.iter().map(|l| l.trim().chars().count()).collect();
        widths.sort_unstable();
        let width = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
        let indent = |l: &&str| l.len() - l.trim_start().len();
        let margin = text.iter().map(indent).min().unwrap_or(0);
        let indented = text.iter().filter(|l| indent(l) >= margin + 2).count();
        // Some indented first lines among many flush ones: pdftotext -layout.
        let indents = indented >= 3 && indented * 10 <= text.len() * 7 && indented * 20 >= text.len();
        Shape { width, margin, indents }
    }

    /// Whether a line is clearly shorter than the text's usual line.
    fn short(&self, line: &str) -> bool {
        self.under(line, 85)
    }

    /// Whether a line is shorter than `percent` of the text's usual line.
    fn under(&self, line: &str, percent: usize) -> bool {
        line.trim().chars().count() * 100 < self.width * percent
    }

    fn indented(&self, line: &str) -> bool {
        self.indents && line.len() - line.trim_start().len() >= self.margin + 2
    }
}

/// A paragraph of the source.
struct Para {
    /// The line it starts on.
    line: usize,
    text: String,
    /// Whether a blank line or page break stood before it (a paragraph cut by a page break may
    /// continue the one before).
    gap: bool,
    /// Whether it is one line clearly shorter than the text's usual line (a heading's shape).
    lone: bool,
}

/// The paragraphs of the lines.
fn paragraphs(lines: &[(usize, &str)]) -> Vec<Para> {
    let shape = Shape::of(lines);
    let filled = lines.iter().filter(|(_, l)| !l.trim().is_empty()).count();
    let gaps = lines.windows(2).filter(|w| !w[0].1.trim().is_empty() && w[1].1.trim().is_empty()).count();
    // Blank lines between paragraphs (a DOCX, a text written so): they alone end paragraphs.
    let blank_separated = gaps * 5 >= filled * 2;
    let mut paras: Vec<Para> = vec![];
    let mut open = false;
    let mut gap = true;
    let mut prev = "";
    for &(n, line) in lines {
        let l = line.trim();
        if l.is_empty() {
            open = false;
            gap = true;
            continue;
        }
        let table = paras.last().is_some_and(|p| p.text.starts_with('|'));
        let new = !open
            || (table != l.starts_with('|'))
            || (!table && starts_block(l))
            || (!blank_separated
                && !table
                && new_paragraph(&shape, prev, line, &paras.last().expect("open").text));
        if !new {
            let last = paras.last_mut().expect("open");
            // Bold running on from the line above stays one run (`**… nhân dân các xã**`).
            let bold = !table && last.text.ends_with("**") && l.starts_with("**") && l.len() > 2;
            if bold {
                last.text.truncate(last.text.len() - 2);
            }
            last.text.push(if table { '\n' } else { ' ' });
            last.text.push_str(if bold { &l[2..] } else { l });
            last.lone = false;
        } else {
            paras.push(Para { line: n, text: l.to_owned(), gap, lone: shape.short(l) });
        }
        open = true;
        gap = false;
        prev = line;
    }
    paras
}

/// Whether `line` starts a new paragraph after `prev` in a text without blank lines, `sofar`
/// being the paragraph `prev` belongs to.
fn new_paragraph(shape: &Shape, prev: &str, line: &str, sofar: &str) -> bool {
    let (p, l) = (prev.trim(), line.trim());
    let short = shape.short(p);
    shape.indented(line)
        || rule(p)
        // A heading ends short of the line; a numbered point's first line may fall short when
        // its next word is long, so it must end well short (a part, `II.`, is rarely run in).
        || (short && heading_level(sofar) == Some(1))
        || (shape.under(p, 75) && (heading_level(sofar).is_some() || article_title(sofar)))
        || (short && ends_sentence(p))
        || (short && capitals(p) && !capitals(l))
        || (p.ends_with(':') && l.starts_with(char::is_uppercase))
}

/// The decision line: dropped where the layout prints it itself (`QUYẾT ĐỊNH:` of a State
/// quyết định); the words it does not print go to `tham_quyen_ban_hanh`, or stay in the body.
fn decision_line(f: &mut Found, n: usize, p: &str, flow: &mut Vec<Para>) {
    let Some((before, words)) = decision(p) else { return };
    let printed = format!("{words}:");
    let prints = f.loai.as_deref().is_some_and(|slug| {
        Ruleset::all()
            .iter()
            .filter(|r| Some(r.the_thuc.as_str()) == f.the_thuc)
            .any(|r| r.loai.get(slug).and_then(|t| t.quyet_nghi.as_deref()) == Some(printed.as_str()))
    });
    let rest = if prints { before } else { clean(p) };
    if rest.is_empty() {
        return;
    }
    if f.tham_quyen_ban_hanh.is_none() {
        f.guess(
            n,
            format!("coi `{}` là dòng thẩm quyền ban hành", plain(rest)),
            "kiểm tra `tham_quyen_ban_hanh`",
        );
        f.tham_quyen_ban_hanh = Some(plain(rest));
    } else {
        flow.push(Para { line: n, text: rest.to_owned(), gap: true, lone: false });
    }
}

/// The body: paragraphs, headings, Kính gửi and căn cứ lines (when `front`, the body under the
/// document's title; an appendix keeps them as its text, in place), footnotes taken out and
/// put at their marks, paragraphs split by page breaks joined again.
pub(super) fn body(f: &mut Found, lines: &[(usize, &str)], front: bool) {
    let lines = feet(f, lines);
    let flow = flow(f, &lines, front);
    let mut joined = rejoined(f, flow);
    let known: HashSet<u32> = f.footnotes.iter().map(|(n, _)| *n).collect();
    glued_marks(f, &mut joined, &known);
    let mut parts = parts(&joined, &known);
    between_headings(&mut parts);
    f.body.extend(parts);
    layout_ending(f);
}

/// The paragraphs of the text's flow; footnote definitions go to `f.footnotes` and, when
/// `front`, the lines of the document's head that stand in the body (Kính gửi, the authority
/// line, căn cứ, the decision line) to their keys.
fn flow(f: &mut Found, lines: &[(usize, &str)], front: bool) -> Vec<Para> {
    let mut flow: Vec<Para> = vec![];
    let mut addressees = false;
    let mut preamble = true;
    let mut ground_open = None;
    let item = |s: &str| s.trim().trim_end_matches(['.', ';', ',']).to_owned();
    for para in paragraphs(lines) {
        let (n, p) = (para.line, para.text.as_str());
        let listed = addressees && p.starts_with("- ");
        addressees = listed;
        if rule(p) && flow.is_empty() {
            // The rule under the title, drawn by the layout.
        } else if let Some((k, text)) = footnote_def(p) {
            f.footnotes.push((k, text.to_owned()));
        } else if !front {
            flow.push(para);
        } else if let Some(rest) = ADDRESSED.iter().find_map(|l| p.strip_prefix(l)) {
            // One addressee on the label's line, or a list of `- …` lines under it.
            if rest.trim().is_empty() {
                addressees = true;
            } else {
                f.kinh_gui.push(item(rest));
            }
        } else if listed {
            f.kinh_gui.push(item(&p[2..]));
        } else if preamble && decision(p).is_some() {
            decision_line(f, n, p, &mut flow);
            preamble = false;
        } else if capitals(p) && flow.is_empty() && f.can_cu.is_empty() && heading_level(p).is_none() {
            f.guess(n, format!("coi `{p}` là dòng thẩm quyền ban hành"), "kiểm tra `tham_quyen_ban_hanh`");
            f.tham_quyen_ban_hanh = Some(plain(p));
        } else if let Some(g) = ground(p).filter(|_| preamble && flow.is_empty()) {
            f.can_cu.push(plain(g).trim_end_matches(['.', ';', ',']).to_owned());
            ground_open = open_ground(g);
        } else if ground_open.is_some_and(|comma| comma || p.starts_with(char::is_lowercase))
            && preamble
            && flow.is_empty()
            && ground(p).is_none()
        {
            // A ground the author broke over paragraphs (`… xuất nhập khẩu` / `sợi Phương Nam,`).
            let last = f.can_cu.last_mut().expect("a ground is open");
            last.push_str(if ground_open == Some(true) { ", " } else { " " });
            last.push_str(plain(p).trim_end_matches(['.', ';', ',']));
            ground_open = open_ground(p);
        } else {
            flow.push(para);
        }
    }
    flow
}

/// The paragraphs of `flow` with each one a page break cut joined to the one before it.
fn rejoined(f: &mut Found, flow: Vec<Para>) -> Vec<Para> {
    let mut joined: Vec<Para> = vec![];
    for para in flow {
        let (n, p) = (para.line, &para.text);
        let continues = para.gap && joined.last().is_some_and(|prev| runs_on(&prev.text, p));
        if continues {
            f.guess(n, "nối đoạn bị ngắt trang với đoạn trước", "kiểm tra chỗ nối trong văn bản nhập");
            let prev = &mut joined.last_mut().expect("continues").text;
            prev.push(' ');
            prev.push_str(p);
        } else {
            joined.push(para);
        }
    }
    joined
}

/// Whether paragraph `p`, after a gap, may carry on paragraph `prev`: neither ends or starts
/// a part of its own.
fn runs_on(prev: &str, p: &str) -> bool {
    // A numbered part is not run on into a sentence of its own.
    let part_then_sentence = label_depth(prev).is_some() && p.starts_with(char::is_uppercase);
    // A note in brackets is whole (`(Có bản dự thảo kèm theo)`), in italics or not.
    let note = prev.trim().trim_matches('*').trim();
    let note = note.starts_with('(') && note.ends_with(')');
    !(heading_level(prev).is_some()
        || note
        || article_title(prev)
        || part_then_sentence
        || ends_sentence(prev)
        || starts_block(p)
        || prev.starts_with('|'))
}

/// The body's parts: headings and paragraphs (articles and their clauses where the body has
/// articles), `known` footnotes' marks as references.
fn parts(joined: &[Para], known: &HashSet<u32>) -> Vec<Part> {
    // Under articles, a numbered line is a clause (khoản) of its article, not a heading.
    let articles = joined.iter().any(|p| article_label(&p.text).is_some());
    let mut parts = vec![];
    for (i, para) in joined.iter().enumerate() {
        // A numbered line standing alone, ending as a sentence does (`1. Công tác lãnh đạo.`),
        // heads what follows unless a sibling item stands next to it.
        let depth = label_depth(&para.text);
        let sibling =
            |j: Option<usize>| j.and_then(|j| joined.get(j)).is_some_and(|p| label_depth(&p.text) == depth);
        let content = joined.get(i + 1).is_some();
        let lone =
            para.lone && depth.is_some() && content && !sibling(Some(i + 1)) && !sibling(i.checked_sub(1));
        // A numbered paragraph whose first child follows (`1. …` then `1.1. …`) heads them.
        let parent = depth.is_some_and(|d| {
            joined.get(i + 1).and_then(|next| label_depth(&next.text)) == Some(d + 1)
                && para.text.chars().count() <= 200
        });
        let titled = (lone || parent) && !para.text.ends_with(';');
        let p = markers(&para.text, known);
        // An article's title is short of the line, or its clauses follow it.
        let heads = para.lone || joined.get(i + 1).is_some_and(|n| label_depth(&n.text).is_some());
        parts.push(match articles {
            true => article(p, heads),
            false => block(p, titled.then_some(depth).flatten()),
        });
    }
    parts
}

/// The ending the layout prints after the last paragraph (`./.` of a State document) taken off
/// the text, so that it is not printed twice: the layout writes `/.` after a final `.`.
fn layout_ending(f: &mut Found) {
    let rules = Ruleset::all().iter().find(|r| Some(r.the_thuc.as_str()) == f.the_thuc);
    let Some(end) = rules.map(|r| r.doan.ket_thuc.as_str()).filter(|e| e.len() > 1) else { return };
    let Some(Part::Para(p)) = f.body.last_mut() else { return };
    let first = &end[..end.chars().next().map_or(0, char::len_utf8)];
    if let Some(kept) = p.strip_suffix(end).map(|t| format!("{t}{first}")) {
        *p = kept;
    }
}

/// An article's number, the mark after it as printed (`.` or `:`) and what follows its label:
/// `Điều 1. Text`, `Điều 2: Text`, `**Điều 3.** Text`, `**Điều 4. Title**`.
fn article_label(p: &str) -> Option<(&str, char, &str)> {
    let t = p.trim();
    let (bold, t) = t.strip_prefix("**").map_or((false, t), |r| (true, r));
    let rest = t.strip_prefix("Điều ")?;
    let i = rest.find(['.', ':'])?;
    let num = &rest[..i];
    let mark = rest[i..].chars().next()?;
    let after = &rest[i + 1..];
    let after = match bold {
        true => after.strip_prefix("**").or_else(|| after.strip_suffix("**")).unwrap_or(after),
        false => after,
    };
    (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit())).then_some((num, mark, after))
}

/// An article's title standing alone (`Điều 2. Hiệu lực thi hành`): a heading.
fn article_title(p: &str) -> bool {
    article_label(p)
        .is_some_and(|(_, _, t)| !t.trim().is_empty() && !ends_sentence(t) && t.chars().nth(160).is_none())
}

/// A heading's text: the bold the whole line is set in taken off, also when punctuation
/// follows it outside the markers (`**3. Quy mô nổ mìn**:`, as a DOCX gives it).
fn heading_text(p: &str) -> String {
    let bold = p.trim().strip_prefix("**").and_then(|r| r.rsplit_once("**"));
    match bold {
        Some((inner, tail)) if !inner.contains("**") && !tail.chars().any(char::is_alphanumeric) => {
            format!("{inner}{tail}")
        }
        _ => clean(p).to_owned(),
    }
}

/// A body block: a heading (`I.`, `1.`, an article's title) or a paragraph, the label of a
/// run-in article in bold.
fn block(p: String, titled: Option<usize>) -> Part {
    match heading_level(&p).or(titled) {
        Some(level) => Part::Heading(level, heading_text(&p)),
        None => Part::Para(p),
    }
}

/// An article's title as a heading (when `heads`), a run-in article with its label in bold, or
/// a paragraph.
fn article(p: String, heads: bool) -> Part {
    match article_label(&p) {
        Some((num, mark, text)) if heads && article_title(&p) => {
            Part::Heading(3, format!("Điều {num}{mark} {}", text.trim()))
        }
        Some((num, mark, text)) => Part::Para(format!("**Điều {num}{mark}**{text}")),
        None => Part::Para(p),
    }
}

/// A footnote's number at the start of a line of the page's foot (`   1 Các quy định …`).
fn foot_number(line: &str) -> Option<u32> {
    let t = line.trim();
    let (n, rest) = t.split_once(' ')?;
    let first = rest.chars().next()?;
    (n.len() <= 2
        && n.chars().all(|c| c.is_ascii_digit())
        && (first.is_uppercase() || first.is_ascii_digit()))
    .then(|| n.parse().ok())
    .flatten()
}

/// Footnote texts at the foot of a page, numbered in order, taken out of the lines: in a
/// laid-out text, the block after a blank line that holds `n text` before a page break (lines
/// before its first number continue the footnote of the page before); in a text without blank
/// lines, a line `n text` wider than the text's lines (set smaller) up to its sentence's end.
/// A footnote is taken only when its mark stands glued in the text (`khoáng sản1.`).
fn feet<'t>(f: &mut Found, lines: &[(usize, &'t str)]) -> Vec<(usize, &'t str)> {
    let shape = Shape::of(lines);
    let text: String = lines.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    let mut out: Vec<(usize, &str)> = vec![];
    let mut next = f.footnotes.len() as u32 + 1;
    // Whether footnote `next` has its mark in the text, found once for each number.
    let mut marked: Option<(u32, bool)> = None;
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len()).find(|&i| lines[i].1 == BREAK).unwrap_or(lines.len());
        let page = &lines[start..end];
        let def = page.iter().position(|(_, l)| {
            foot_number(l) == Some(next) && {
                let has = marked.filter(|(k, _)| *k == next).map(|(_, m)| m);
                let has = has.unwrap_or_else(|| glued_mark(&text, next, 0).is_some());
                marked = Some((next, has));
                has
            }
        });
        match def {
            Some(d) if end < lines.len() && d > 0 && page[..d].iter().any(|(_, l)| l.trim().is_empty()) => {
                let top = page[..d].iter().rposition(|(_, l)| l.trim().is_empty()).map_or(0, |b| b + 1);
                out.extend_from_slice(&page[..top]);
                for &(n, l) in &page[top..] {
                    let t = l.trim();
                    if t.is_empty() {
                        continue;
                    }
                    match foot_number(l).filter(|&k| k == next) {
                        Some(k) => {
                            f.footnotes.push((k, t[t.find(' ').unwrap_or(0)..].trim().to_owned()));
                            next += 1;
                        }
                        None => match f.footnotes.last_mut() {
                            Some((_, note)) => {
                                note.push(' ');
                                note.push_str(t);
                            }
                            None => out.push((n, l)),
                        },
                    }
                }
            }
            Some(d) if page[d].1.trim().chars().count() * 100 > shape.width * 110 => {
                out.extend_from_slice(&page[..d]);
                let t = page[d].1.trim();
                let mut note = t[t.find(' ').unwrap_or(0)..].trim().to_owned();
                let mut i = d + 1;
                while i < page.len() && i <= d + 3 && !ends_sentence(&note) {
                    note.push(' ');
                    note.push_str(page[i].1.trim());
                    i += 1;
                }
                f.footnotes.push((next, note));
                next += 1;
                out.extend_from_slice(&page[i..]);
            }
            _ => out.extend_from_slice(page),
        }
        start = end;
    }
    out
}

/// The end of a footnote printed right after the closing at `after` (`5 Ưu tiên …`, the foot
/// of the signature's page), when its mark stands glued in the body (`lines[body.0..body.1]`):
/// its lines up to an appendix's title or the end; `after` when there is none.
pub(super) fn note_after(lines: &[(usize, &str)], body: (usize, usize), after: usize) -> usize {
    let Some(first) = lines[after..].iter().position(|(_, l)| !l.trim().is_empty()).map(|i| after + i) else {
        return after;
    };
    let text: String = lines[body.0..body.1].iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    match foot_number(lines[first].1) {
        Some(n) if glued_mark(&text, n, 0).is_some() => {
            let appendix = lines[first + 1..].iter().position(|(_, l)| super::closing::opens_appendix(l));
            appendix.map_or(lines.len(), |i| first + 1 + i)
        }
        _ => after,
    }
}

/// Where a footnote's mark stands glued to a word: `luật1.`, `định1)`, `năm 20243.` (a year
/// with the mark after it); the byte offset of the mark in `p`.
fn glued_mark(p: &str, n: u32, from: usize) -> Option<usize> {
    let digits = n.to_string();
    let mut at = from;
    while let Some(i) = p.get(at..)?.find(&digits) {
        let k = at + i;
        let after = p[k + digits.len()..].chars().next();
        let ends = after.is_none_or(|c| ".,;:) ".contains(c));
        let before = &p[..k];
        let lead = before.chars().rev().take_while(char::is_ascii_digit).count();
        let letter = lead == 0 && before.chars().next_back().is_some_and(|c| c.is_lowercase() || c == ')');
        let year = lead == 4 && ["19", "20"].iter().any(|y| before[k - 4..].starts_with(y));
        if ends && (letter || year) {
            return Some(k);
        }
        at = k + digits.len();
    }
    None
}

/// The marks of footnotes found without their `[n]` or superscript, in order through the
/// text, written as `[^n]`.
fn glued_marks(f: &Found, paras: &mut [Para], known: &HashSet<u32>) {
    let mut marked: HashSet<u32> = HashSet::new();
    for p in paras.iter() {
        let text = markers(&p.text, known);
        for (i, _) in text.match_indices("[^") {
            marked.extend(text[i + 2..].split(']').next().and_then(|n| n.parse::<u32>().ok()));
        }
    }
    let mut cursor = (0, 0);
    for &(n, _) in f.footnotes.iter().filter(|(n, _)| !marked.contains(n)) {
        let found = (cursor.0..paras.len()).find_map(|i| {
            let from = if i == cursor.0 { cursor.1 } else { 0 };
            glued_mark(&paras[i].text, n, from).map(|k| (i, k))
        });
        if let Some((i, k)) = found {
            let mark = format!("[^{n}]");
            paras[i].text.replace_range(k..k + n.to_string().len(), &mark);
            cursor = (i, k + mark.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_sentences() {
        assert_eq!(heading_level("I. ƯU ĐIỂM, KẾT QUẢ"), Some(1));
        assert_eq!(heading_level("2.2.1. Công tác tư tưởng, dân vận, dân chủ"), Some(4));
        assert_eq!(heading_level("1. Chỉ đạo các cấp ủy cơ sở phối hợp."), None);
        assert!(!ends_sentence("tham mưu"));
        assert!(ends_sentence("“Dân vận khéo”."));
    }

    #[test]
    fn footnotes() {
        assert_eq!(footnote_def("¹ Chỉ thị số 09"), Some((1, "Chỉ thị số 09")));
        assert_eq!(footnote_def("[12] Xem"), Some((12, "Xem")));
        assert_eq!(footnote_def("\\[3\\] Xem"), Some((3, "Xem")));
        assert_eq!(markers("tư pháp¹. Và²³", &HashSet::new()), "tư pháp[^1]. Và[^23]");
        assert_eq!(
            markers("luật\\[2\\], năm [3] và [4]", &HashSet::from([2, 3])),
            "luật[^2], năm [^3] và [4]"
        );
    }

    #[test]
    fn glued_marks_by_place() {
        let p = "theo quy định của pháp luật1. Khi";
        assert_eq!(glued_mark(p, 1, 0), p.find("1. Khi"));
        let p = "Khoáng sản năm 20243.";
        assert_eq!(glued_mark(p, 3, 0), p.find("3."));
        // Not a mark: a chemical formula, a number, an article.
        assert_eq!(glued_mark("oxit xeri (CeO2), Điều 22 và 2 xe", 2, 0), None);
    }

    #[test]
    fn decision_lines() {
        assert_eq!(decision("QUYẾT ĐỊNH:"), Some(("", "QUYẾT ĐỊNH")));
        assert_eq!(
            decision("BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH"),
            Some(("BAN THƯỜNG VỤ ĐẢNG UỶ", "QUYẾT ĐỊNH"))
        );
        assert_eq!(decision("Quyết định:"), None);
    }
}
