//! Writing YAML front matter that reads back as written: what `vanban import` and `vanban new`
//! write for the author to edit.

/// A YAML scalar: plain when that reads back as the same string, else double-quoted.
pub fn scalar(s: &str) -> String {
    let special = s.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    ]) || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.parse::<f64>().is_ok()
        || ["true", "false", "null", "yes", "no", "~"].contains(&s.to_lowercase().as_str());
    if special || s.trim() != s { quoted(s) } else { s.to_owned() }
}

/// A YAML double-quoted string (a JSON string is one).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// `key: value`, the value already written as YAML.
pub fn entry(indent: &str, key: &str, value: &str) -> String {
    format!("{indent}{key}: {value}\n")
}

/// A list under `key`, one item a line, each written by `write`; nothing when empty.
pub fn list(indent: &str, key: &str, items: &[String], write: fn(&str) -> String) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}{key}:\n");
    items.iter().for_each(|i| out.push_str(&format!("{indent}  - {}\n", write(i))));
    out
}

/// Lines as one value: one line a scalar, several a literal block (`|-`).
pub fn lines(indent: &str, key: &str, lines: &[String]) -> String {
    match lines {
        [] => String::new(),
        [one] => entry(indent, key, &scalar(one)),
        many => {
            let mut out = format!("{indent}{key}: |-\n");
            many.iter().for_each(|l| out.push_str(&format!("{indent}  {l}\n")));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever is written reads back as the same string.
    #[test]
    fn scalars_read_back_as_written() {
        for s in
            ["Lưu: VT, VP", "- Như trên", "05", "true", " lề ", "a #b", "Báo cáo", "\"x\" \\ y", "tab\there"]
        {
            let text = entry("", "k", &scalar(s));
            let node = crate::input::data::parse_yaml(&text, 0, text.len()).unwrap();
            let crate::input::data::Value::Map(e) = node.value else { panic!("{text}") };
            assert_eq!(e[0].node.value, crate::input::data::Value::Str(s.into()), "{text}");
        }
        assert_eq!(scalar("Báo cáo"), "Báo cáo");
        assert_eq!(lines("  ", "ten", &["a".into(), "b".into()]), "  ten: |-\n    a\n    b\n");
    }
}
