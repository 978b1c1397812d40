//! No word lost: every word of the source's text form must be in the imported document, in a
//! front-matter value or in the body (in the source's order), unless its line was dropped as
//! page furniture. The words the layout prints itself (the motto, `Số`, `ngày … tháng … năm`,
//! `Kính gửi`, `Nơi nhận`, the type name, `QUYẾT ĐỊNH`) and the pieces of the number and date
//! held in `so` and `ngay` count as kept.
//!
//! Words are runs of letters and digits (a run of digits is a word of its own, so a footnote
//! mark glued to a word, `quy định1`, `quy định¹` or `quy định[^1]`, reads the same), compared
//! as NFC; punctuation, Markdown escapes and emphasis markers are not words. The body is
//! aligned with the source word by word (linear: runs of three words re-synchronise the two
//! after a gap), and what the body does not hold is looked up in the front matter, the
//! footnotes and the labels.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::input::data::{self, Node, Value};
use crate::input::frontmatter;
use crate::model::date::{self, Date};
use crate::rules::ruleset::Ruleset;

/// The outcome of the check on one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    /// The words of the source looked for (furniture left out).
    pub words: usize,
    /// The source lines left out as furniture, from 1.
    pub dropped: Vec<usize>,
    /// Those the imported document does not hold, in the source's order.
    pub lost: Vec<Lost>,
}

/// A word of the source not found in the imported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// Its line in the source's text form, from 1.
    pub line: usize,
    /// The word.
    pub word: String,
    /// The part of the document it stood in.
    pub part: Part,
}

/// Where a lost word stood, for the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Before the first word the body kept: the header, title, Kính gửi, căn cứ.
    Head,
    /// Among the body's words.
    Body,
    /// After the last word the body kept: the signature, Nơi nhận.
    Closing,
}

/// Words re-synchronising the body with the source after a gap.
const ANCHOR: usize = 3;
/// Positions tried on each side when re-synchronising.
const TRIES: usize = 8;
/// Words of agreement counted when choosing where to re-synchronise, at most.
const AGREE: usize = 64;
/// What a word of agreement there is worth, in words skipped.
const AGREED: usize = 16;
/// What skipping a body word costs against skipping a source word when re-synchronising: the
/// body's words all come from the source, so a body word skipped is rarely right.
const BODY_SKIP: usize = 256;

/// The words of `source` (the text form given to the recogniser) that `markdown` (the imported
/// document) does not hold, with their line; `dropped` are the source lines dropped as
/// furniture (from 1), whose words are not looked for.
pub fn lost(source: &str, markdown: &str, dropped: &[usize]) -> Kept {
    let skip: HashSet<usize> = dropped.iter().copied().collect();
    let source: String = source.nfc().collect();
    let markdown: String = markdown.nfc().collect();
    let mut from = vec![];
    for (n, line) in source.lines().enumerate().filter(|(n, _)| !skip.contains(&(n + 1))) {
        from.extend(words(line).map(|w| (w, n + 1)));
    }
    let (front, body_text) = match frontmatter::split(&markdown) {
        Ok(s) => (data::parse_yaml(&markdown, s.yaml_start, s.yaml_len).ok(), &markdown[s.body_start..]),
        Err(_) => (None, markdown.as_str()),
    };
    let (body, notes) = body_words(body_text);
    let source_words: Vec<&str> = from.iter().map(|(w, _)| w.as_str()).collect();
    // The body in the source's order first; then what is left, in order, against the
    // front-matter values and the footnotes; what is still left against them in any order.
    let (in_body, _) = align(&source_words, &body);
    let first = in_body.iter().position(|m| *m);
    let last = in_body.iter().rposition(|m| *m);
    let rest: Vec<usize> = (0..from.len()).filter(|i| !in_body[*i]).collect();
    let mut held = front.as_ref().map(values).unwrap_or_default();
    held.extend(notes);
    let rest_words: Vec<&str> = rest.iter().map(|i| source_words[*i]).collect();
    let (in_held, used) = align(&rest_words, &held);
    let unused = held.into_iter().zip(used).filter(|(_, u)| !u).map(|(w, _)| w);
    let mut bag = Held::new(front.as_ref(), unused);
    let part = |i: usize| match (first, last) {
        (Some(f), _) if i < f => Part::Head,
        (_, Some(l)) if i > l => Part::Closing,
        (Some(_), Some(_)) => Part::Body,
        _ => Part::Head,
    };
    let left: Vec<usize> = rest.into_iter().zip(in_held).filter(|(_, kept)| !kept).map(|(i, _)| i).collect();
    // The header and closing first: what the front matter holds comes from there, and a word
    // missing from the body must not take a word of theirs.
    let (outside, inside): (Vec<usize>, Vec<usize>) = left.into_iter().partition(|i| part(*i) != Part::Body);
    let mut lost: Vec<usize> =
        outside.into_iter().chain(inside).filter(|i| !bag.take(source_words[*i])).collect();
    lost.sort_unstable();
    let lost = lost
        .into_iter()
        .map(|i| {
            let (word, line) = from[i].clone();
            Lost { line, word, part: part(i) }
        })
        .collect();
    Kept { words: from.len(), dropped: dropped.to_vec(), lost }
}

/// The words of a text: runs of letters and digits, a run of digits apart; superscript digits
/// read as digits; emphasis markers are not there, also where a reader set them inside a word
/// (`*năm 20*26`, `C**ỘNG`).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = text.chars().filter(|c| *c != '*').map(superscript).peekable();
    std::iter::from_fn(move || {
        while chars.peek().is_some_and(|c| !in_word(*c)) {
            chars.next();
        }
        let first = chars.next()?;
        let digits = first.is_ascii_digit();
        let mut w = String::from(first);
        while let Some(c) =
            chars.next_if(|c| in_word(*c) && (c.is_ascii_digit() == digits || is_combining_mark(*c)))
        {
            w.push(c);
        }
        Some(w)
    })
}

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A superscript digit as its digit; any other character as itself.
fn superscript(c: char) -> char {
    match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴'..='⁹' => char::from_digit(c as u32 - '⁰' as u32, 10).unwrap_or(c),
        _ => c,
    }
}

/// The body's words in order, and the words of its footnote texts (`[^n]: …` and the lines
/// indented under it), which stand at the end whatever their place in the source.
fn body_words(body: &str) -> (Vec<String>, Vec<String>) {
    let (mut main, mut notes) = (vec![], vec![]);
    let mut in_note = false;
    for line in body.lines() {
        if line.starts_with("[^") && line.contains("]:") {
            in_note = true;
        } else if !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            in_note = false;
        }
        // A mark reads as its number glued to the word before, as the source prints it
        // (`2024[^3]` as `20243`).
        let line = line.replace("[^", "");
        (if in_note { &mut notes } else { &mut main }).extend(words(&line));
    }
    (main, notes)
}

/// Which words of `source` the `target` holds in the same order: `true` at each source word
/// matched, and at each target word used.
fn align(source: &[&str], target: &[String]) -> (Vec<bool>, Vec<bool>) {
    let body: Vec<&str> = target.iter().map(String::as_str).collect();
    let (s_index, b_index) = (Index::new(source), Index::new(&body));
    let mut matched = vec![false; source.len()];
    let mut used = vec![false; body.len()];
    let (mut i, mut j) = (0, 0);
    while i < source.len() && j < body.len() {
        if source[i] == body[j] {
            matched[i] = true;
            used[j] = true;
            i += 1;
            j += 1;
            continue;
        }
        // The nearest place where both agree again, counting the words skipped on both sides,
        // less the words they then agree on (up to [`AGREE`]): a short run of common words (a
        // title's words in the body's first sentence) must not pull the body back onto them.
        let mut best: Option<(usize, usize)> = None;
        let agree = |a: usize, b: usize| {
            (0..AGREE)
                .take_while(|k| a + k < source.len() && b + k < body.len() && source[a + k] == body[b + k])
                .count()
        };
        let key =
            |a: usize, b: usize| (a - i + (b - j) * BODY_SKIP) as isize - (agree(a, b) * AGREED) as isize;
        let mut consider = |a: usize, b: usize| {
            if best.is_none_or(|(x, y)| key(a, b) < key(x, y)) {
                best = Some((a, b));
            }
        };
        for b in j..(j + TRIES).min(body.len()) {
            if let Some(a) = s_index.next(&body[b..], i) {
                consider(a, b);
            }
        }
        for a in i..(i + TRIES).min(source.len()) {
            if let Some(b) = b_index.next(&source[a..], j) {
                consider(a, b);
            }
        }
        match best {
            Some((a, b)) => (i, j) = (a, b),
            // Nothing agrees on three words: skip the source word.
            None => i += 1,
        }
    }
    (matched, used)
}

/// Where each run of [`ANCHOR`] words (or a last shorter run) starts, in order.
struct Index<'w> {
    at: HashMap<&'w [&'w str], Vec<usize>>,
}

impl<'w> Index<'w> {
    fn new(words: &'w [&'w str]) -> Self {
        let mut at: HashMap<&[&str], Vec<usize>> = HashMap::new();
        for p in 0..words.len() {
            at.entry(&words[p..(p + ANCHOR).min(words.len())]).or_default().push(p);
        }
        Self { at }
    }

    /// The first position at or after `from` where the words `run` starts with begin.
    fn next(&self, run: &[&str], from: usize) -> Option<usize> {
        let positions = self.at.get(&run[..ANCHOR.min(run.len())])?;
        positions.get(positions.partition_point(|p| *p < from)).copied()
    }
}

/// What the imported document holds that the source's order did not place: front-matter and
/// footnote words left over, the pieces of the number and date, the labels the layout prints.
/// Each held word accounts for one source word.
struct Held {
    exact: HashMap<String, usize>,
    numbers: HashMap<u64, usize>,
    labels: HashMap<String, usize>,
}

/// Front-matter keys whose values are names of things, not words of the document.
const SLUGS: &[&str] =
    &["loai", "the_thuc", "quy_tac", "danh_so", "mau_so", "do_khan", "do_mat", "so", "ngay"];

impl Held {
    fn new(front: Option<&Node>, left: impl Iterator<Item = String>) -> Self {
        let mut held = Held { exact: HashMap::new(), numbers: HashMap::new(), labels: HashMap::new() };
        left.for_each(|w| *held.exact.entry(w).or_default() += 1);
        let Some(front) = front else { return held };
        let get = |key: &str| match &front.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.node.value),
            _ => None,
        };
        if let Some(Value::Int(n)) = get("so") {
            *held.numbers.entry(n.unsigned_abs()).or_default() += 1;
        }
        let date = match get("ngay") {
            Some(Value::Str(s)) => date::parse(s),
            _ => None,
        };
        // A whole date, or what a draft with a blank day printed of it (`02/2026`, `2026`).
        let pieces: Vec<u64> = match (date, get("ngay")) {
            (Some(d), _) => vec![d.day().into(), u8::from(d.month()).into(), d.year().unsigned_abs().into()],
            (None, Some(Value::Str(s))) => s.split('/').filter_map(|n| n.trim().parse().ok()).collect(),
            (None, Some(Value::Int(n))) => vec![n.unsigned_abs()],
            _ => vec![],
        };
        let text = |key: &str| match get(key) {
            Some(Value::Str(s)) => Some(s.as_str()),
            _ => None,
        };
        let kind = text("the_thuc").unwrap_or(crate::rules::select::DEFAULT_KIND);
        let on = date.unwrap_or(Date::MAX);
        let rules = Ruleset::in_force(kind, on);
        // A number form with the year (`11/2026/QĐ-UBND`) prints it a second time.
        let form = text("mau_so").and_then(|m| rules?.so_ky_hieu.mau_rieng.get(m));
        let year = date.filter(|_| form.is_some_and(|f| f.mau.contains("{nam}")));
        let year = year.map(|d| d.year().unsigned_abs().into());
        pieces.into_iter().chain(year).for_each(|n| *held.numbers.entry(n).or_default() += 1);
        let present = |key: &str| match get(key) {
            Some(Value::List(items)) => !items.is_empty(),
            Some(Value::Str(s)) => !s.is_empty(),
            _ => false,
        };
        if let Some(rules) = rules {
            held.labels_of(rules, text("loai"), present("kinh_gui"), present("noi_nhan"));
        }
        held
    }

    /// The words the layout prints itself under `rules`, for a document of type `loai`.
    fn labels_of(&mut self, rules: &Ruleset, loai: Option<&str>, addressees: bool, recipients: bool) {
        let mut texts: Vec<String> = vec![rules.so_ky_hieu.mau.clone(), rules.ngay_thang.mau.clone()];
        texts.extend(rules.dau_trang.phai.iter().map(|line| line.chu.clone()));
        let kind = loai.and_then(|l| rules.loai.get(l));
        if let Some(k) = kind {
            texts.extend([k.ten.clone(), k.ma.clone()]);
            texts.extend(k.quyet_nghi.clone().into_iter().chain(k.mau_so.clone()));
            if !k.in_ten_loai {
                texts.push(rules.cong_van.tien_to.clone());
            }
        }
        if addressees {
            texts.extend(
                kind.and_then(|k| k.nhan_kinh_gui.clone()).into_iter().chain([rules.kinh_gui.nhan.clone()]),
            );
        }
        if recipients {
            texts.push(rules.noi_nhan.nhan.clone());
        }
        for t in texts {
            // Template slots (`{so}`) are filled from the data, not printed.
            let printed: String =
                t.split('{').map(|p| p.split_once('}').map_or(p, |(_, rest)| rest)).collect();
            words(&printed).for_each(|w| *self.labels.entry(fold(&w)).or_default() += 1);
        }
    }

    /// Whether the imported document holds `word` outside the body's order (and, if so, that
    /// one is used up).
    fn take(&mut self, word: &str) -> bool {
        fn one<K: std::hash::Hash + Eq>(bag: &mut HashMap<K, usize>, key: &K) -> bool {
            match bag.get_mut(key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            }
        }
        // A number OCR misread (`II` for 11) is held as the recogniser read it.
        let read: String = word.chars().map(crate::import::text::ocr_digit).collect();
        one(&mut self.exact, &word.to_owned())
            || read.parse::<u64>().is_ok_and(|n| one(&mut self.numbers, &n))
            || one(&mut self.labels, &fold(word))
    }
}

/// The words of the string values under `node` in order, but those of [`SLUGS`].
fn values(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Str(s) => words(s).collect(),
        Value::List(items) => items.iter().flat_map(values).collect(),
        Value::Map(entries) => entries
            .iter()
            .filter(|e| !SLUGS.contains(&e.key.as_str()))
            .flat_map(|e| values(&e.node))
            .collect(),
        _ => vec![],
    }
}

/// A label's word compared without case and marks: the old and new placements of a tone
/// (`hòa`, `hoà`) read the same, and so does a mark a PDF's font or an OCR misreads (`HÕA`,
/// `QUYÉT`), since the layout prints the label right whatever the source had.
fn fold(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_digits_and_read_superscripts() {
        let w: Vec<String> =
            words("quy định¹, định[^2] **Số** 264a-CV/ĐU \\*x\\* *năm 20*26 C**ỘNG").collect();
        assert_eq!(
            w,
            ["quy", "định", "1", "định", "2", "Số", "264", "a", "CV", "ĐU", "x", "năm", "2026", "CỘNG"]
        );
        let (body, _) = body_words("năm 2024[^3] và luật[^4].");
        assert_eq!(body, ["năm", "20243", "và", "luật", "4"]);
    }

    #[test]
    fn a_number_ocr_misread_is_held_as_read() {
        // `II` for 11 on the number line, which import reads into `so: 11`.
        let source = "Số: II/QĐ-UBND\nNội dung văn bản.\n";
        let markdown = "---\nloai: quyet-dinh\nthe_thuc: nha-nuoc\nco_quan:\n  viet_tat: UBND\nso: 11\n---\n\nNội dung văn bản.\n";
        assert_eq!(lost(source, markdown, &[]).lost, []);
        let other = markdown.replace("so: 11", "so: 12");
        assert_eq!(
            lost(source, &other, &[]).lost.iter().map(|l| l.word.as_str()).collect::<Vec<_>>(),
            ["II"]
        );
    }

    #[test]
    fn a_line_out_of_order_is_lost() {
        let source = "một hai ba bốn năm sáu\nbảy tám\nchín mười mười một mười hai\n";
        let markdown =
            "---\nloai: bao-cao\n---\n\nmột hai ba bốn năm sáu\n\nchín mười mười một mười hai\n\nbảy tám\n";
        let lost = lost(source, markdown, &[]).lost;
        let part = Part::Body;
        assert_eq!(
            lost,
            [Lost { line: 2, word: "bảy".into(), part }, Lost { line: 2, word: "tám".into(), part }]
        );
        assert_eq!(super::lost(source, markdown.replace("\n\nbảy", " bảy").as_str(), &[2]).lost, []);
    }
}
