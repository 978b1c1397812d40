//! The closing: the signature blocks and Nơi nhận, in whichever order and columns they stand,
//! found as the first block after the body that has a signer's name or a list of recipients.

use super::body::heading_level;
use super::markup::plain;
use super::{AUTHORITY, Found, Signer, capitals, cells};

/// How many lines a closing may span from its first line to the signer's name.
const CLOSING_LINES: usize = 40;

/// The marks of a list item; OCR reads `-` as `~`.
const ITEM_MARKS: [char; 5] = ['-', '–', '+', '•', '~'];

/// What a cell of the closing is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// `Nơi nhận:`, maybe with the first recipient after it.
    Label,
    /// `- Như trên;`, `Lưu: VT`.
    Item,
    /// `T/M BAN THƯỜNG VỤ`, `KT. GIÁM ĐỐC`.
    Authority,
    /// A title in capitals.
    Title,
    /// A person's name.
    Name,
    /// `(Ký, ghi rõ họ tên)`, `(đã ký)`: the signer's, not the document's.
    Note,
    /// Anything else.
    Other,
}

fn cell_kind(cell: &str) -> Cell {
    let p = plain(cell);
    if p.starts_with("Nơi nhận") || p.starts_with("NƠI NHẬN") {
        Cell::Label
    } else if p.starts_with(ITEM_MARKS) || p.starts_with("Lưu") {
        Cell::Item
    } else if AUTHORITY.iter().any(|a| p.starts_with(a)) || p.starts_with("ĐẠI DIỆN") {
        Cell::Authority
    } else if p.starts_with('(') && p.ends_with(')') {
        Cell::Note
    } else if capitals(&p) && heading_level(cell).is_none() && !p.ends_with(':') {
        Cell::Title
    } else if name_like(&p) {
        Cell::Name
    } else {
        Cell::Other
    }
}

/// The cells of a line of the closing, each with what it is.
fn line_cells(line: &str) -> Vec<(String, Cell)> {
    let mut out = vec![];
    for c in cells(line) {
        // `Nơi nhận: T/M BỘ CHÍNH TRỊ`: the label and the authority flattened onto one line.
        let p = plain(c);
        if let Some(rest) = p.strip_prefix("Nơi nhận:").map(str::trim).filter(|r| !r.is_empty()) {
            out.push(("Nơi nhận:".to_owned(), Cell::Label));
            out.push((rest.to_owned(), cell_kind(rest)));
        } else if let Some((item, sign)) = flattened_item(&p) {
            out.push((item.to_owned(), Cell::Item));
            out.push((sign.to_owned(), cell_kind(sign)));
        } else {
            out.push((c.to_owned(), cell_kind(c)));
        }
    }
    out
}

/// Spaces before a line of an extracted text that set it in the signature's column.
const RIGHT_COLUMN: usize = 20;

/// A recipient and the signature's column flattened onto one line with one space between:
/// `- Chính phủ; TM. ỦY BAN NHÂN DÂN`.
fn flattened_item(p: &str) -> Option<(&str, &str)> {
    if !p.starts_with(ITEM_MARKS) {
        return None;
    }
    let at = p.match_indices(';').map(|(i, _)| i + 1).find(|&i| {
        let rest = p[i..].trim();
        !rest.is_empty()
            && (AUTHORITY.iter().any(|a| rest.starts_with(a)) || capitals(rest) && !rest.contains(','))
    })?;
    Some((p[..at].trim(), p[at..].trim()))
}

/// Where the closing stands among `lines[from..]`: the first run that opens with `Nơi nhận`,
/// an authority line, or a title over a name, and holds a signer's name or recipients; and where
/// it ends (after the name and the recipients, whichever comes last).
pub(super) fn closing_span(lines: &[(usize, &str)], from: usize) -> Option<(usize, usize)> {
    let opens = |i: usize| {
        let cs = line_cells(lines[i].1);
        let marked = cs.iter().any(|(_, k)| matches!(k, Cell::Label | Cell::Authority));
        // Direct signing: a title (or titles side by side) whose next line is a name.
        let direct = !cs.is_empty() && cs.iter().all(|(_, k)| *k == Cell::Title) && {
            let next = lines[i + 1..].iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty());
            next.is_some_and(|l| line_cells(l).iter().any(|(_, k)| *k == Cell::Name))
        };
        marked || direct
    };
    (from..lines.len()).filter(|&i| opens(i)).find_map(|start| Some((start, closing_end(lines, start)?)))
}

/// The end of a closing that opens at `start`, if it holds a name or recipients: text belongs to
/// it only where it continues a wrapped recipient; after the name, only recipients and a second
/// signature block do.
fn closing_end(lines: &[(usize, &str)], start: usize) -> Option<usize> {
    let (mut name, mut items, mut listing, mut wraps) = (false, false, false, false);
    let mut under = 0;
    let mut end = start;
    for (i, &(_, l)) in lines.iter().enumerate().skip(start) {
        if l.trim().is_empty() {
            continue;
        }
        if !name && i - start > CLOSING_LINES {
            break;
        }
        let cs = line_cells(l);
        let has = |k: Cell| cs.iter().any(|(_, c)| *c == k);
        let listed = has(Cell::Label) || has(Cell::Item);
        let other = cs.iter().all(|(_, k)| *k == Cell::Other);
        let second = (has(Cell::Title) || has(Cell::Authority)) && signer_follows(lines, i);
        // Text that does not continue a wrapped recipient ends the closing; after the name, a
        // line or two of capitals that open nothing are the signer's (`PHÓ GIÁM ĐỐC SỞ …`).
        let under_name = name && under < 2 && has(Cell::Title) && !opens_appendix(l);
        // An appendix's title ends it, even under a recipient that might wrap.
        let appendix = (name || items) && opens_appendix(l);
        if appendix || other && !wraps || name && !(listed || second || other || under_name) {
            break;
        }
        under = if name && !second && has(Cell::Title) { under + 1 } else { 0 };
        // A recipient wrapped onto the next line follows an item.
        wraps = listing && (has(Cell::Item) || wraps && other);
        listing |= has(Cell::Label);
        items |= listing && has(Cell::Item);
        name |= has(Cell::Name);
        end = i + 1;
    }
    (name || items).then_some(end)
}

/// Whether a line opens an appendix or a form after the closing.
pub(super) fn opens_appendix(l: &str) -> bool {
    let p = super::fold(&plain(l));
    ["PHU LUC", "MAU SO", "BIEU MAU"].iter().any(|w| p.starts_with(w))
}

/// Whether a second signature block (a title over a name) starts at line `i`.
fn signer_follows(lines: &[(usize, &str)], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(4)
        .any(|(_, l)| line_cells(l).iter().any(|(_, k)| *k == Cell::Name))
}

/// Nơi nhận and the signature blocks from the closing's lines. The last block is the signer
/// (`ky`, on the right), the others go to `ky_khac`.
pub(super) fn closing_block(f: &mut Found, lines: &[(usize, &str)]) {
    // Whether the line above ended in the list, so that text under it continues a recipient.
    let mut wraps = false;
    let mut blocks: Vec<Signer> = vec![Signer::default()];
    let mut columns: Vec<Signer> = vec![];
    for (at, &(_, line)) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cs = line_cells(line);
        // Signature blocks side by side (a biên bản's): each cell to its column's block.
        let signing = |k: &Cell| matches!(k, Cell::Authority | Cell::Title | Cell::Name);
        if cs.len() > 1 && cs.iter().all(|(_, k)| signing(k)) {
            columns.resize_with(columns.len().max(cs.len()), Signer::default);
            for ((cell, kind), block) in cs.into_iter().zip(&mut columns) {
                let p = plain(&cell);
                match kind {
                    Cell::Authority => block.tham_quyen.push(p),
                    Cell::Title => block.chuc_vu.push(p),
                    _ => block.ho_ten = Some(p),
                }
            }
            continue;
        }
        // Only a line that starts no item of its own can continue one, in the list's column: not
        // a line whose first cell the reader left empty, or set far to the right.
        let right = line.starts_with('\t') || line.len() - line.trim_start().len() >= RIGHT_COLUMN;
        let continues = wraps && !right && !cs.iter().any(|(_, k)| *k == Cell::Item);
        let listed = place_cells(f, &mut blocks, lines, at, cs, continues);
        // A recipient ended by a full stop is the last; a wrapped one ends with neither mark.
        wraps = listed && !line.trim_end().ends_with('.');
    }
    for item in &mut f.noi_nhan {
        *item = item.trim_end_matches([',', ';', '.']).trim().to_owned();
    }
    blocks.extend(columns);
    blocks.retain(|b| b.ho_ten.is_some() || !b.chuc_vu.is_empty() || !b.tham_quyen.is_empty());
    if let Some(last) = blocks.pop() {
        f.ky = last;
    }
    f.ky_khac = blocks;
}

/// Places the cells `cs` of line `at` of the closing: recipients into `f.noi_nhan` (a line that
/// `continues` one, onto it), signers' lines into `blocks`, the rest noted. Returns whether the
/// line is in the list of recipients.
fn place_cells(
    f: &mut Found,
    blocks: &mut Vec<Signer>,
    lines: &[(usize, &str)],
    at: usize,
    cs: Vec<(String, Cell)>,
    continues: bool,
) -> bool {
    let n = lines[at].0;
    let mut listed = false;
    for (i, (cell, kind)) in cs.into_iter().enumerate() {
        let p = plain(&cell);
        let named = blocks.last().is_some_and(|b| b.ho_ten.is_some());
        match kind {
            Cell::Label => {}
            Cell::Item => {
                let item = p.trim_start_matches(ITEM_MARKS).trim();
                f.noi_nhan.push(item.to_owned());
                listed = true;
            }
            Cell::Authority | Cell::Title if named && !signer_follows(lines, at) => {
                f.guess(
                    n,
                    format!("bỏ dòng `{p}` dưới tên người ký"),
                    "thể thức không có dòng này; thêm vào `ky.chuc_vu` nếu cần",
                );
                f.dropped.push((n, p));
            }
            Cell::Authority | Cell::Title => {
                if named {
                    blocks.push(Signer::default());
                }
                let block = blocks.last_mut().expect("one block");
                if kind == Cell::Authority { block.tham_quyen.push(p) } else { block.chuc_vu.push(p) }
            }
            Cell::Note => {
                f.guess(
                    n,
                    format!("bỏ qua `{p}` ở khối chữ ký"),
                    "chữ ký và dấu do người ký thêm vào bản in",
                );
                f.dropped.push((n, p));
            }
            Cell::Name | Cell::Other if continues && i == 0 && !f.noi_nhan.is_empty() => {
                // A recipient wrapped onto the next line.
                let last = f.noi_nhan.last_mut().expect("not empty");
                last.push(' ');
                last.push_str(&p);
                listed = true;
            }
            Cell::Name if !named => blocks.last_mut().expect("one block").ho_ten = Some(p),
            Cell::Name | Cell::Other => {
                f.guess(
                    n,
                    format!("chưa xếp được dòng `{p}` ở khối chữ ký"),
                    "chuyển vào khóa phù hợp nếu cần",
                );
                f.unplaced.push((n, cell));
            }
        }
    }
    listed
}

/// A person's name: two to six words, each capitalised, not all in capitals, no digits.
fn name_like(s: &str) -> bool {
    let s = s.trim_end_matches(['.', ',']);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !capitals(s)
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit()))
}
