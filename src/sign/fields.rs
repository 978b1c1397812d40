//! Empty signature fields (AcroForm `/Sig`, ISO 32000 §12.7.5.5) on the signature and seal
//! boxes, added to the PDF as an incremental update: the bytes Typst wrote stay as they are, so
//! the pages are untouched, and any PDF signer offers to sign in the right place. Each field is
//! a widget with an empty appearance and the print flag, as PDF/A asks of annotations.
//!
//! The file is read through hayro-syntax (either kind of cross-reference, object streams). The
//! objects that change, the catalog with its `/AcroForm` and each page's `/Annots`, are written
//! again with pdf-writer, every entry they had kept; the update's cross-reference section is of
//! the kind the file's last one is: a table after a table, a stream after a stream.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::str::FromStr;

use hayro_syntax::object::dict::keys::{ACRO_FORM, ANNOTS, ENCRYPT, ID, INFO, ROOT, SIZE, TYPE, XREF};
use hayro_syntax::object::{
    Array, Dict, FromBytes, MaybeRef, Name as PdfName, ObjRef, Object, ObjectIdentifier, String as PdfString,
};
use hayro_syntax::{LoadPdfError, Pdf};
use pdf_writer::types::{AnnotationFlags, FieldType};
use pdf_writer::writers::Form;
use pdf_writer::{Chunk, Finish, Name, Null, Obj, Rect, Ref, Settings, Str, TextStr};

use super::SignBox;

const ENCRYPTED: &str = "tệp được mã hóa: chưa hỗ trợ";

/// The most indirect objects a PDF may have (ISO 32000-1, Annex C).
const MAX_OBJECTS: i32 = 8_388_607;

/// `pdf` with an empty signature field on each box; the field names are `ChuKy`, `Dau` (and
/// `ChuKy2`, `Dau2`, … for further signers).
pub fn add(pdf: &[u8], boxes: &[&SignBox]) -> Result<Vec<u8>, String> {
    let trailer = Trailer::read(pdf)?;
    let doc = Pdf::new(pdf.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ENCRYPTED.to_owned(),
        LoadPdfError::Invalid => "không đọc được cấu trúc PDF".to_owned(),
    })?;
    let catalog: Dict =
        doc.xref().get(ObjectIdentifier::new(trailer.root.get(), 0)).ok_or("không đọc được /Root")?;
    if catalog.contains_key(ACRO_FORM) {
        return Err("tệp đã có /AcroForm".into());
    }
    let pages = doc
        .pages()
        .iter()
        .map(|p| Ok((page_id(&doc, p.raw())?, p.raw())))
        .collect::<Result<Vec<_>, String>>()?;

    let mut update = Update::new(trailer.size);
    let mut fields = vec![];
    let mut on_page: BTreeMap<usize, Vec<Ref>> = BTreeMap::new();
    for (b, name) in boxes.iter().zip(names(boxes)) {
        let i = b.trang.checked_sub(1).filter(|&i| i < pages.len());
        let i = i.ok_or_else(|| format!("không có trang {}", b.trang))?;
        let widget = update.widget(b, &name, pages[i].0);
        fields.push(widget);
        on_page.entry(i).or_default().push(widget);
    }
    for (i, widgets) in on_page {
        update.annotate(&doc, pages[i], &widgets)?;
    }
    update.catalog(trailer.root, &catalog, &fields)?;
    Ok(update.append_to(pdf, &trailer))
}

/// Each box's field name: `ChuKy`, `Dau`, then `ChuKy2`, `Dau2`, … in order.
fn names(boxes: &[&SignBox]) -> Vec<String> {
    let mut count = HashMap::new();
    boxes
        .iter()
        .map(|b| {
            let base = if b.loai == "dau" { "Dau" } else { "ChuKy" };
            let n = count.entry(base).and_modify(|n| *n += 1).or_insert(1);
            if *n == 1 { base.to_owned() } else { format!("{base}{n}") }
        })
        .collect()
}

/// The object of the page `dict`, checked to hold that page (a page tree's kids are references).
fn page_id(doc: &Pdf, dict: &Dict) -> Result<Ref, String> {
    let id = dict.obj_id().filter(|id| doc.xref().get::<Dict>(*id).as_ref() == Some(dict));
    own(id.ok_or("trang không phải đối tượng gián tiếp")?.into())
}

/// `r` as pdf-writer writes references: only objects of generation 0.
fn own(r: ObjRef) -> Result<Ref, String> {
    match (r.obj_number, r.gen_number) {
        (n, 0) if n > 0 => Ok(Ref::new(n)),
        (n, g) => Err(format!("đối tượng {n} {g} R: chỉ hỗ trợ đối tượng thế hệ 0")),
    }
}

/// The file's last cross-reference section (ISO 32000 §7.5.4, §7.5.8): its kind, and what the
/// update's trailer carries on.
struct Trailer {
    /// Where the section starts: the update's `/Prev`.
    at: i32,
    /// A cross-reference stream, not a table.
    stream: bool,
    /// The first object number free for the update.
    size: i32,
    root: Ref,
    info: Option<Ref>,
    id: Option<Vec<Vec<u8>>>,
}

impl Trailer {
    fn read(pdf: &[u8]) -> Result<Self, String> {
        let at = startxref(pdf).ok_or("không thấy startxref ở cuối tệp")?;
        let mut words = Words { bytes: pdf, at };
        let stream = words.next() != Some(b"xref");
        let header = if stream {
            // `N G obj`, its number read already.
            words.nth(1).filter(|w| *w == b"obj").map(drop)
        } else {
            words.past_table()
        };
        header.ok_or("bảng tham chiếu cuối tệp hỏng")?;
        let dict = Dict::from_bytes(words.rest()).ok_or("trailer hỏng")?;
        if stream && dict.get::<PdfName>(TYPE).as_deref() != Some(XREF) {
            return Err("startxref không chỉ tới bảng tham chiếu".into());
        }
        if dict.contains_key(ENCRYPT) {
            return Err(ENCRYPTED.into());
        }
        let id =
            dict.get::<Array>(ID).map(|a| a.iter::<PdfString>().map(|s| s.as_bytes().to_vec()).collect());
        Ok(Trailer {
            at: i32::try_from(at).map_err(|_| "tệp lớn quá 2 GiB")?,
            stream,
            size: dict
                .get::<i32>(SIZE)
                .filter(|n| (1..=MAX_OBJECTS).contains(n))
                .ok_or("/Size của trailer hỏng")?,
            root: own(dict.get_ref(ROOT).ok_or("trailer không có /Root")?)?,
            info: dict.get_ref(INFO).map(own).transpose()?,
            id,
        })
    }

    /// The update's trailer entries into `dict`: `/Root`, `/Info`, `/ID` carried on.
    fn write(&self, dict: &mut pdf_writer::Dict, size: i32) {
        dict.pair(Name(SIZE), size).pair(Name(ROOT), self.root);
        if let Some(info) = self.info {
            dict.pair(Name(INFO), info);
        }
        if let Some(id) = &self.id {
            dict.insert(Name(ID)).array().items(id.iter().map(|part| Str(part)));
        }
        dict.pair(Name(b"Prev"), self.at);
    }

    /// The same entries, as the dictionary after `trailer`.
    fn text(&self, size: i32) -> String {
        let mut text = format!("<</Size {size}/Root {} 0 R", self.root.get());
        if let Some(info) = self.info {
            let _ = write!(text, "/Info {} 0 R", info.get());
        }
        if let Some(id) = &self.id {
            let hex: Vec<String> =
                id.iter().map(|part| part.iter().map(|b| format!("{b:02X}")).collect()).collect();
            let _ = write!(text, "/ID[<{}>]", hex.join("><"));
        }
        let _ = write!(text, "/Prev {}>>", self.at);
        text
    }
}

/// The offset the file's last lines give: `startxref`, the offset, `%%EOF` (§7.5.5).
fn startxref(pdf: &[u8]) -> Option<usize> {
    let rest = trim_end(trim_end(pdf).strip_suffix(b"%%EOF")?);
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (rest, offset) = rest.split_at(rest.len() - digits);
    trim_end(rest).ends_with(b"startxref").then_some(())?;
    number(offset)
}

/// Words separated by white space (or a dictionary's `<<`), from `at`: what a cross-reference
/// table and an object's `N G obj` are made of.
struct Words<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest();
        let len = rest.iter().position(|&b| is_space(b) || b == b'<').unwrap_or(rest.len());
        self.at = self.bytes.len() - rest.len() + len;
        (len > 0).then(|| &rest[..len])
    }
}

impl<'a> Words<'a> {
    /// What follows, white space skipped.
    fn rest(&self) -> &'a [u8] {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        &rest[rest.len() - trim_start(rest).len()..]
    }

    /// Past a cross-reference table's subsections, up to just after `trailer`.
    fn past_table(&mut self) -> Option<()> {
        loop {
            let first = self.next()?;
            if first == b"trailer" {
                return Some(());
            }
            number::<usize>(first)?;
            let count: usize = number(self.next()?)?;
            for _ in 0..count {
                self.nth(2)?;
            }
        }
    }
}

/// The objects of the update, written with pdf-writer, and where each starts in the chunk.
struct Update {
    chunk: Chunk,
    offsets: Vec<(Ref, usize)>,
    /// The next free object number.
    next: Ref,
}

impl Update {
    fn new(size: i32) -> Self {
        Update {
            chunk: Chunk::with_settings(Settings { pretty: false }),
            offsets: vec![],
            next: Ref::new(size),
        }
    }

    /// The chunk, to write the object `id` next.
    fn at(&mut self, id: Ref) -> &mut Chunk {
        self.offsets.push((id, self.chunk.len()));
        &mut self.chunk
    }

    /// A signature field merged with its widget on `page`, and the widget's empty appearance.
    fn widget(&mut self, b: &SignBox, name: &str, page: Ref) -> Ref {
        let (widget, appearance) = (self.next.bump(), self.next.bump());
        let (x, y, w, h) = (b.x as f32, b.y as f32, b.rong as f32, b.cao as f32);
        let mut field = self.at(widget).form_field(widget);
        field.field_type(FieldType::Signature).partial_name(TextStr(name));
        if let Some(who) = &b.nguoi_ky {
            field.alternate_name(TextStr(who));
        }
        let mut annotation = field.into_annotation();
        annotation.rect(Rect::new(x, y, x + w, y + h)).flags(AnnotationFlags::PRINT).page(page);
        annotation.appearance().normal().stream(appearance);
        annotation.finish();
        self.at(appearance).form_xobject(appearance, b"").bbox(Rect::new(0.0, 0.0, w, h));
        widget
    }

    /// `widgets` joined to the annotations of `page`: its `/Annots` array written again where it
    /// is, in the page or in an object of its own, the annotations it had kept.
    fn annotate(&mut self, doc: &Pdf, (id, page): (Ref, &Dict), widgets: &[Ref]) -> Result<(), String> {
        match page.get_raw::<Array>(ANNOTS) {
            Some(MaybeRef::Ref(r)) => {
                let array: Array = doc.xref().get(r.into()).ok_or("không đọc được mảng /Annots")?;
                let array_id = own(r)?;
                joined(self.at(array_id).indirect(array_id).array(), Some(&array), widgets)
            }
            Some(MaybeRef::NotRef(array)) => self.page(id, page, Some(&array), widgets),
            None if page.contains_key(ANNOTS) => Err("/Annots của trang không phải mảng".into()),
            None => self.page(id, page, None, widgets),
        }
    }

    /// The page written again, its entries kept, its `/Annots` the `annots` it had and `widgets`.
    fn page(&mut self, id: Ref, page: &Dict, annots: Option<&Array>, widgets: &[Ref]) -> Result<(), String> {
        let mut dict = self.at(id).indirect(id).dict();
        copy_entries(&mut dict, page, Some(ANNOTS))?;
        joined(dict.insert(Name(ANNOTS)).array(), annots, widgets)
    }

    /// The catalog written again, its entries kept, with the `/AcroForm` of `fields`.
    fn catalog(&mut self, id: Ref, catalog: &Dict, fields: &[Ref]) -> Result<(), String> {
        let mut dict = self.at(id).indirect(id).dict();
        copy_entries(&mut dict, catalog, None)?;
        dict.insert(Name(ACRO_FORM)).start::<Form>().fields(fields.iter().copied());
        Ok(())
    }

    /// `pdf` with the update appended: its objects, a cross-reference section of the kind the
    /// last one is, the trailer.
    fn append_to(mut self, pdf: &[u8], trailer: &Trailer) -> Vec<u8> {
        let mut out = pdf.to_vec();
        if out.last() != Some(&b'\n') {
            out.push(b'\n');
        }
        let base = out.len();
        out.extend_from_slice(self.chunk.as_bytes());
        let mut entries: Vec<(Ref, usize)> = self.offsets.iter().map(|&(id, at)| (id, base + at)).collect();
        let xref = out.len();
        if trailer.stream {
            let id = self.next.bump();
            entries.push((id, xref));
            entries.sort();
            out.extend(xref_stream(&entries, id, trailer));
        } else {
            entries.sort();
            out.extend(xref_table(&entries, trailer, self.next.get()).bytes());
        }
        out.extend(format!("startxref\n{xref}\n%%EOF\n").bytes());
        out
    }
}

/// A cross-reference table for `entries` (§7.5.4), and the trailer.
fn xref_table(entries: &[(Ref, usize)], trailer: &Trailer, size: i32) -> String {
    let mut table = String::from("xref\n");
    for (id, at) in entries {
        let _ = write!(table, "{} 1\n{at:010} 00000 n\r\n", id.get());
    }
    table + "trailer\n" + &trailer.text(size) + "\n"
}

/// A cross-reference stream for `entries`, itself among them as the object `id` (§7.5.8),
/// carrying the trailer's entries.
fn xref_stream(entries: &[(Ref, usize)], id: Ref, trailer: &Trailer) -> Vec<u8> {
    let last = entries.iter().map(|&(_, at)| at as u64).max().unwrap_or_default();
    let width = (u64::BITS - last.leading_zeros()).div_ceil(8).max(1) as usize;
    let mut data = vec![];
    for &(_, at) in entries {
        data.push(1);
        data.extend_from_slice(&(at as u64).to_be_bytes()[8 - width..]);
        data.push(0);
    }
    let mut chunk = Chunk::with_settings(Settings { pretty: false });
    let mut stream = chunk.stream(id, &data);
    stream.pair(Name(TYPE), Name(XREF));
    stream.insert(Name(b"W")).array().items([1, width as i32, 1]);
    stream.insert(Name(b"Index")).array().items(entries.iter().flat_map(|&(n, _)| [n.get(), 1]));
    trailer.write(&mut stream, id.get() + 1);
    stream.finish();
    chunk.as_bytes().to_vec()
}

/// The entries of `dict` but `except`, into `out`, as they were read.
fn copy_entries(out: &mut pdf_writer::Dict, dict: &Dict, except: Option<&[u8]>) -> Result<(), String> {
    for (key, value) in dict.entries().filter(|(key, _)| Some(&**key) != except) {
        copy(out.insert(Name(&key)), value)?;
    }
    Ok(())
}

/// The items of `existing`, then `widgets`, into `out`.
fn joined(mut out: pdf_writer::Array, existing: Option<&Array>, widgets: &[Ref]) -> Result<(), String> {
    for item in existing.into_iter().flat_map(Array::raw_iter) {
        copy(out.push(), item)?;
    }
    out.items(widgets.iter().copied());
    Ok(())
}

/// `value` written as it was read: a reference stays a reference.
fn copy(obj: Obj<'_>, value: MaybeRef<Object<'_>>) -> Result<(), String> {
    let value = match value {
        MaybeRef::Ref(r) => {
            obj.primitive(own(r)?);
            return Ok(());
        }
        MaybeRef::NotRef(value) => value,
    };
    match value {
        Object::Null(_) => obj.primitive(Null),
        Object::Boolean(b) => obj.primitive(b),
        Object::Number(n) if n.as_f64().fract() != 0.0 => obj.primitive(n.as_f64() as f32),
        Object::Number(n) => {
            obj.primitive(i32::try_from(n.as_i64()).map_err(|_| format!("số {} quá lớn", n.as_i64()))?)
        }
        Object::String(s) => obj.primitive(Str(s.as_bytes())),
        Object::Name(n) => obj.primitive(Name(&n)),
        Object::Array(a) => joined(obj.array(), Some(&a), &[])?,
        Object::Dict(d) => copy_entries(&mut obj.dict(), &d, None)?,
        Object::Stream(_) => return Err("luồng ở chỗ chỉ được có tham chiếu".into()),
    }
    Ok(())
}

fn number<T: FromStr>(word: &[u8]) -> Option<T> {
    std::str::from_utf8(word).ok()?.parse().ok()
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| is_space(b)).count();
    &bytes[n..]
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().rev().take_while(|&&b| is_space(b)).count();
    &bytes[..bytes.len() - n]
}

#[cfg(test)]
mod tests {
    use hayro_syntax::object::dict::keys::{FIELDS, SUBTYPE};

    use super::*;

    /// A PDF of `objects` (number, generation, body) with a classic table; object 1 the catalog.
    fn classic(objects: &[(i32, i32, &str)], trailer: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut table = String::from("xref\n0 1\n0000000000 65535 f\r\n");
        for (n, g, body) in objects {
            let _ = write!(table, "{n} 1\n{:010} {g:05} n\r\n", out.len());
            out.extend(format!("{n} {g} obj\n{body}\nendobj\n").bytes());
        }
        let size = objects.iter().map(|o| o.0).max().unwrap_or_default() + 1;
        let at = out.len();
        out.extend(table.bytes());
        out.extend(
            format!("trailer\n<</Size {size}/Root 1 0 R{trailer}>>\nstartxref\n{at}\n%%EOF\n").bytes(),
        );
        out
    }

    /// One page, its dictionary ending in `annots`, and `more` objects.
    fn one_page(annots: &str, more: &[(i32, i32, &str)]) -> Vec<u8> {
        let page = format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]{annots}>>");
        let objects = [
            &[
                (1, 0, "<</Type/Catalog/Pages 2 0 R/Lang(vi)>>"),
                (2, 0, "<</Type/Pages/Kids[3 0 R]/Count 1>>"),
            ],
            &[(3, 0, page.as_str())][..],
            more,
        ]
        .concat();
        classic(&objects, "")
    }

    fn signature() -> SignBox {
        SignBox {
            loai: "chu_ky".into(),
            trang: 1,
            x: 364.5,
            y: 193.25,
            rong: 141.7,
            cao: 79.4,
            nguoi_ky: Some("Phạm Quang Sáng".into()),
        }
    }

    /// The subtypes of page 1's annotations, the number of fields and the catalog's keys.
    fn read_back(pdf: &[u8]) -> (Vec<String>, usize, Vec<String>) {
        let doc = Pdf::new(pdf.to_vec()).unwrap();
        let page = doc.pages()[0].raw();
        let annots = page.get::<Array>(ANNOTS).unwrap();
        let subtype = |a: Dict| a.get::<PdfName>(SUBTYPE).unwrap().as_str().to_owned();
        let catalog: Dict = doc.xref().get(doc.xref().root_id()).unwrap();
        let fields = catalog.get::<Dict>(ACRO_FORM).unwrap().get::<Array>(FIELDS).unwrap();
        let keys = catalog.keys().map(|k| k.as_str().to_owned()).collect();
        (annots.iter::<Dict>().map(subtype).collect(), fields.raw_iter().count(), keys)
    }

    #[test]
    fn a_table_is_followed_by_a_table_and_a_stream_by_a_stream() {
        let mut writer = pdf_writer::Pdf::new();
        writer.catalog(Ref::new(1)).pages(Ref::new(2));
        writer.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
        writer.page(Ref::new(3)).parent(Ref::new(2)).media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        let stream = writer.finish_with_xref_stream(Ref::new(4));
        for pdf in [one_page("", &[]), stream] {
            let before = Trailer::read(&pdf).unwrap();
            let out = add(&pdf, &[&signature()]).unwrap();
            assert!(out.starts_with(&pdf));
            let after = Trailer::read(&out).unwrap();
            assert_eq!((after.stream, after.root), (before.stream, before.root));
            assert!(after.at > before.at);
            let (annots, fields, mut keys) = read_back(&out);
            assert_eq!((annots, fields), (vec!["Widget".to_owned()], 1));
            keys.sort();
            let had: &[&str] = if before.stream { &["Pages", "Type"] } else { &["Lang", "Pages", "Type"] };
            assert_eq!(keys, [&["AcroForm"], had].concat(), "the catalog's entries kept");
            // The update is a PDF again: a second one goes on top of it.
            let twice = add(&out, &[&signature()]);
            assert_eq!(twice.unwrap_err(), "tệp đã có /AcroForm");
        }
    }

    #[test]
    fn annotations_stay_whether_inline_or_an_object_of_their_own() {
        let link = (5, 0, "<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/F 4>>");
        let inline = add(&one_page("/Annots[5 0 R]", &[link]), &[&signature()]).unwrap();
        assert_eq!(read_back(&inline).0, ["Link", "Widget"]);
        let indirect = one_page("/Annots 4 0 R", &[(4, 0, "[5 0 R]"), link]);
        let out = add(&indirect, &[&signature()]).unwrap();
        assert_eq!(read_back(&out).0, ["Link", "Widget"]);
        // The array is written again where it is; the page keeps pointing at it.
        let doc = Pdf::new(out).unwrap();
        assert_eq!(doc.pages()[0].raw().get_ref(ANNOTS), Some(ObjRef::new(4, 0)));
    }

    #[test]
    fn encrypted_files_and_other_generations_are_refused() {
        let encrypted = classic(&[(1, 0, "<</Type/Catalog/Pages 2 0 R>>")], "/Encrypt 9 0 R");
        assert_eq!(add(&encrypted, &[&signature()]).unwrap_err(), ENCRYPTED);
        let page = one_page("/Annots[5 1 R]", &[(5, 1, "<</Type/Annot/Subtype/Link/Rect[0 0 1 1]>>")]);
        let err = add(&page, &[&signature()]).unwrap_err();
        assert_eq!(err, "đối tượng 5 1 R: chỉ hỗ trợ đối tượng thế hệ 0");
        let err = add(&one_page("", &[]), &[&SignBox { trang: 2, ..signature() }]).unwrap_err();
        assert_eq!(err, "không có trang 2");
    }
}
