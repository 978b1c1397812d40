//! The number and date written into an issued document's source: the values of `so` and
//! `ngay` replaced (or `so` added before `ngay`), every other byte of the file as it was.

use crate::diag::source::SourceFile;
use crate::input::data::{self, Entry, Node, Value};
use crate::input::frontmatter;
use crate::model::date::Date;

/// `src`'s text with `so` and `ngay` set; `None` when its data cannot be found (the document
/// was validated before, so this does not happen to a file read once).
pub fn issued(src: &SourceFile, so: u32, ngay: Date) -> Option<String> {
    let text = &src.text;
    let ext = src.path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let root = match ext.as_str() {
        "md" | "markdown" => {
            let split = frontmatter::split(text).ok()?;
            data::parse_yaml(text, split.yaml_start, split.yaml_len).ok()?
        }
        "toml" => data::parse_toml(text).ok()?,
        _ => data::parse_yaml(text, 0, text.len()).ok()?,
    };
    let Value::Map(entries) = &root.value else { return None };
    let find = |key: &str| entries.iter().find(|e| e.key == key);
    let date = find("ngay")?;
    let quoted = matches!(ext.as_str(), "json" | "toml");
    let shown = if quoted { format!("\"{ngay}\"") } else { ngay.to_string() };
    // Back to front, so that each edit's offsets still hold.
    let mut edits = vec![(date.node.at, date.node.end, shown)];
    edits.push(match find("so") {
        Some(e) => number_at(text, e, so),
        None => {
            let line = match ext.as_str() {
                "json" => format!("\"so\": {so}, "),
                "toml" => format!("so = {so}\n"),
                _ => format!("so: {so}\n"),
            };
            (date.at, date.at, line)
        }
    });
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.clone();
    for (at, end, with) in edits {
        out.replace_range(at..end, &with);
    }
    Some(out)
}

/// The edit that gives the key `so` the number: its value replaced, or, written empty
/// (`so:`), the number put after the colon.
fn number_at(text: &str, e: &Entry, so: u32) -> (usize, usize, String) {
    let Node { value, at, end } = &e.node;
    let written = text.get(*at..*end).unwrap_or("");
    if *value != Value::Null || matches!(written, "null" | "~") {
        return (*at, *end, so.to_string());
    }
    let colon = text[e.at..].find(':').map_or(e.at, |i| e.at + i + 1);
    (colon, colon, format!(" {so}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::ymd;

    fn issued_as(name: &str, text: &str) -> String {
        let src = SourceFile::new(std::path::Path::new(name), text.to_owned());
        issued(&src, 7, ymd(2026, 12, 2).unwrap()).unwrap()
    }

    #[test]
    fn the_number_and_date_replace_what_was_written_and_nothing_else() {
        let md = "---\nloai: bao-cao\nso:   # văn thư điền\nngay: 2026-04-29 # ngày ký\n---\n\nNội dung.\n";
        assert_eq!(
            issued_as("a.md", md),
            "---\nloai: bao-cao\nso: 7   # văn thư điền\nngay: 2026-12-02 # ngày ký\n---\n\nNội dung.\n"
        );
        let md = "---\nloai: bao-cao\nngay: \"29/4/2026\"\n---\nso: không phải khóa\n";
        assert_eq!(
            issued_as("a.md", md),
            "---\nloai: bao-cao\nso: 7\nngay: 2026-12-02\n---\nso: không phải khóa\n"
        );
        let json = r#"{"loai": "bao-cao", "so": null, "ngay": "2026-04-29"}"#;
        assert_eq!(issued_as("a.json", json), r#"{"loai": "bao-cao", "so": 7, "ngay": "2026-12-02"}"#);
        let json = r#"{"loai": "bao-cao", "ngay": "2026-04-29"}"#;
        assert_eq!(issued_as("a.json", json), r#"{"loai": "bao-cao", "so": 7, "ngay": "2026-12-02"}"#);
        let toml = "loai = \"bao-cao\"\nngay = \"2026-04-29\"\n";
        assert_eq!(issued_as("a.toml", toml), "loai = \"bao-cao\"\nso = 7\nngay = \"2026-12-02\"\n");
    }
}
