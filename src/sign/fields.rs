//! Empty signature fields (AcroForm `/Sig`, ISO 32000 §12.7.5.5) on the signature and seal
//! boxes, added to the PDF as an incremental update: the bytes Typst wrote stay as they are, so
//! the pages are untouched, and any PDF signer offers to sign in the right place. Each field is
//! a widget with an empty appearance and the print flag, as PDF/A asks of annotations.

use std::fmt::Write as _;

use super::SignBox;

/// A PDF as Typst writes it: a classic cross-reference table, uncompressed objects.
struct Pdf<'a> {
    bytes: &'a [u8],
    /// Byte offset of each object, by number.
    offsets: Vec<Option<usize>>,
    /// The trailer's `/Root`, `/Info` and `/ID` as written.
    root: usize,
    info: Option<String>,
    id: Option<String>,
    /// Where the last cross-reference table starts.
    startxref: usize,
}

/// `pdf` with an empty signature field on each box; the field names are `ChuKy`, `Dau` (and
/// `ChuKy2`, `Dau2`, … for further signers).
pub fn add(pdf: &[u8], boxes: &[&SignBox]) -> Result<Vec<u8>, String> {
    let doc = Pdf::read(pdf)?;
    let catalog = doc.dict(doc.root)?;
    let pages = doc.dict(reference(&catalog, "/Pages").ok_or("không thấy /Pages trong /Root")?)?;
    let kids = array(&pages, "/Kids").ok_or("không thấy /Kids trong cây trang")?;
    let kids: Vec<usize> =
        kids.split(" R").filter_map(|r| r.split_whitespace().next()?.parse().ok()).collect();

    let mut next = doc.offsets.len();
    let mut objects: Vec<(usize, String)> = vec![];
    let mut fields = vec![];
    let mut on_page: Vec<Vec<usize>> = vec![vec![]; kids.len()];
    let mut count = std::collections::HashMap::new();
    for b in boxes {
        let page = *kids.get(b.trang - 1).ok_or_else(|| format!("không có trang {}", b.trang))?;
        let n = count.entry(b.loai.as_str()).and_modify(|n| *n += 1).or_insert(1);
        let base = if b.loai == "dau" { "Dau" } else { "ChuKy" };
        let name = if *n == 1 { base.to_owned() } else { format!("{base}{n}") };
        let (widget, appearance) = (next, next + 1);
        next += 2;
        let who = b.nguoi_ky.as_deref().map_or(String::new(), |w| format!("/TU{}", text_string(w)));
        objects.push((
            widget,
            format!(
                "<</Type/Annot/Subtype/Widget/FT/Sig/T({name}){who}/Rect[{} {} {} {}]/F 4/P {page} 0 R/AP<</N {appearance} 0 R>>>>",
                num(b.x),
                num(b.y),
                num(b.x + b.rong),
                num(b.y + b.cao)
            ),
        ));
        objects.push((
            appearance,
            format!(
                "<</Type/XObject/Subtype/Form/BBox[0 0 {} {}]/Length 0>>\nstream\n\nendstream",
                num(b.rong),
                num(b.cao)
            ),
        ));
        fields.push(widget);
        on_page[b.trang - 1].push(widget);
    }
    for (i, widgets) in on_page.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
        let refs = refs(widgets);
        let page = doc.dict(kids[i])?;
        let updated = match page.find("/Annots") {
            None => insert_before_end(&page, &format!("/Annots[{refs}]")),
            Some(at) => {
                let rest = &page[at + "/Annots".len()..];
                if !rest.trim_start().starts_with('[') {
                    return Err("trang có /Annots gián tiếp: chưa hỗ trợ".into());
                }
                let close = at + "/Annots".len() + rest.find(']').ok_or("/Annots không đóng")?;
                format!("{} {refs}{}", &page[..close], &page[close..])
            }
        };
        objects.push((kids[i], updated));
    }
    if catalog.contains("/AcroForm") {
        return Err("tệp đã có /AcroForm".into());
    }
    objects
        .push((doc.root, insert_before_end(&catalog, &format!("/AcroForm<</Fields[{}]>>", refs(&fields)))));
    Ok(doc.update(objects, next))
}

impl<'a> Pdf<'a> {
    /// Reads the last cross-reference table and the trailer.
    fn read(bytes: &'a [u8]) -> Result<Self, String> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let at = find_last(tail, b"startxref").ok_or("không thấy startxref: không phải PDF của vanban")?;
        let startxref: usize = ascii(&tail[at + 9..])
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or("startxref hỏng")?;
        let table = bytes.get(startxref..).ok_or("startxref ngoài tệp")?;
        let text = ascii(table);
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some("xref") {
            return Err("bảng tham chiếu nén: chưa hỗ trợ".into());
        }
        let mut offsets = vec![];
        let mut trailer = String::new();
        while let Some(line) = lines.next() {
            if line.starts_with("trailer") {
                trailer = lines.take_while(|l| !l.starts_with("startxref")).collect::<Vec<_>>().join("\n");
                trailer.insert_str(0, line.trim_start_matches("trailer"));
                break;
            }
            let mut head = line.split_whitespace().map(str::parse::<usize>);
            let (Some(Ok(first)), Some(Ok(n))) = (head.next(), head.next()) else {
                return Err(format!("bảng tham chiếu hỏng: `{line}`"));
            };
            offsets.resize(offsets.len().max(first + n), None);
            for k in 0..n {
                let entry = lines.next().ok_or("bảng tham chiếu cụt")?;
                let mut f = entry.split_whitespace();
                let offset = f.next().and_then(|o| o.parse().ok());
                offsets[first + k] = offset.filter(|_| f.nth(1) == Some("n"));
            }
        }
        let root = reference(&trailer, "/Root").ok_or("trailer không có /Root")?;
        let raw = |key: &str| -> Option<String> {
            let at = trailer.find(key)?;
            let rest = &trailer[at..];
            let end = if key == "/ID" { rest.find(']')? + 1 } else { rest.find(" R")? + 2 };
            Some(rest[..end].to_owned())
        };
        Ok(Pdf { bytes, offsets, root, info: raw("/Info"), id: raw("/ID"), startxref })
    }

    /// The dictionary of object `n`, as written.
    fn dict(&self, n: usize) -> Result<String, String> {
        let offset =
            self.offsets.get(n).copied().flatten().ok_or_else(|| format!("không có đối tượng {n}"))?;
        let rest = self.bytes.get(offset..).ok_or("đối tượng ngoài tệp")?;
        let end = rest.windows(6).position(|w| w == b"endobj").ok_or("đối tượng không đóng")?;
        let text = ascii(&rest[..end]);
        let start = text.find("obj").ok_or("đối tượng hỏng")? + 3;
        let body = text[start..].trim();
        // It is written back: only plain ASCII dictionaries are taken.
        if !(body.starts_with("<<") && body.ends_with(">>")) || body.contains("stream") || !body.is_ascii() {
            return Err(format!("đối tượng {n} không phải từ điển"));
        }
        Ok(body.to_owned())
    }

    /// The file with `objects` appended as an incremental update.
    fn update(&self, mut objects: Vec<(usize, String)>, size: usize) -> Vec<u8> {
        objects.sort_by_key(|(n, _)| *n);
        let mut out = self.bytes.to_vec();
        if out.last() != Some(&b'\n') {
            out.push(b'\n');
        }
        let mut offsets = vec![];
        for (n, body) in &objects {
            offsets.push((*n, out.len()));
            out.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
        }
        let xref = out.len();
        let mut table = String::from("xref\n");
        for (n, offset) in offsets {
            let _ = write!(table, "{n} 1\n{offset:010} 00000 n\r\n");
        }
        let info = self.info.as_deref().unwrap_or_default();
        let id = self.id.as_deref().unwrap_or_default();
        let _ = write!(
            table,
            "trailer\n<</Size {size}/Root {} 0 R{info}{id}/Prev {}>>\nstartxref\n{xref}\n%%EOF\n",
            self.root, self.startxref
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

/// The object number of `key N 0 R` in `dict`.
fn reference(dict: &str, key: &str) -> Option<usize> {
    let at = dict.find(key)?;
    dict[at + key.len()..].split_whitespace().next()?.trim_start_matches(['/', '<']).parse().ok()
}

/// The inside of the array `key[…]` in `dict`.
fn array<'d>(dict: &'d str, key: &str) -> Option<&'d str> {
    let at = dict.find(key)? + key.len();
    let rest = dict[at..].trim_start().strip_prefix('[')?;
    Some(&rest[..rest.find(']')?])
}

/// `dict` with `entry` added before its closing `>>`.
fn insert_before_end(dict: &str, entry: &str) -> String {
    format!("{}{entry}>>", &dict[..dict.len() - 2])
}

/// `a 0 R b 0 R …`.
fn refs(objects: &[usize]) -> String {
    objects.iter().map(|n| format!("{n} 0 R")).collect::<Vec<_>>().join(" ")
}

/// A number as PDF writes it: at most three decimals.
fn num(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A PDF text string: UTF-16BE with its byte order mark, in hex.
fn text_string(s: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex + ">"
}

/// Bytes as text, non-ASCII bytes replaced (only the PDF's structure is read).
fn ascii(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Where `needle` last occurs in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
