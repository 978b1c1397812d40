//! Structured data (YAML front matter, JSON, YAML, TOML) parsed into one tree that keeps the
//! byte offset of every key and value, so later stages can point at `file:line:column`.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use unicode_normalization::UnicodeNormalization;

/// A value with the byte offset where it starts in the source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte offset in the source file.
    pub at: usize,
    /// Byte offset just past the value as written (a scalar's quotes included).
    pub end: usize,
}

/// A data value. Strings are in NFC.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Null, or nothing written.
    Null,
    /// true / false.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (also TOML dates, as written).
    Str(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Byte offset of the key.
    pub at: usize,
    /// The value.
    pub node: Node,
}

impl Node {
    /// The node with every offset moved by `by`: a file placed further on in a source map.
    pub fn shifted(self, by: usize) -> Node {
        let value = match self.value {
            Value::List(items) => Value::List(items.into_iter().map(|n| n.shifted(by)).collect()),
            Value::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|e| Entry { at: e.at + by, node: e.node.shifted(by), key: e.key })
                    .collect(),
            ),
            other => other,
        };
        Node { value, at: self.at + by, end: self.end + by }
    }
}

impl Value {
    /// The kind of value, in Vietnamese, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "giá trị rỗng",
            Value::Bool(_) => "giá trị đúng/sai",
            Value::Int(_) | Value::Float(_) => "số",
            Value::Str(_) => "chuỗi",
            Value::List(_) => "danh sách",
            Value::Map(_) => "bảng khóa",
        }
    }
}

/// A syntax error: byte offset and the parser's own explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Byte offset in the source file.
    pub at: usize,
    /// What the parser said.
    pub reason: String,
}

/// Parses YAML (and JSON, a subset of YAML 1.2) found at byte `base` of `file_text`.
pub fn parse_yaml(file_text: &str, base: usize, len: usize) -> Result<Node, SyntaxError> {
    let text = &file_text[base..base + len];
    // The parser reports character indices; map them back to bytes in the file.
    let bytes: Vec<usize> = text.char_indices().map(|(i, _)| base + i).chain([base + text.len()]).collect();
    let byte = |chars: usize| bytes[chars.min(bytes.len() - 1)];
    let docs = MarkedYaml::load_from_str(text)
        .map_err(|e| SyntaxError { at: byte(e.marker().index()), reason: e.info().to_owned() })?;
    match docs.into_iter().next() {
        None => Ok(Node { value: Value::Map(vec![]), at: base, end: base }),
        Some(doc) => from_yaml(doc, file_text, &byte),
    }
}

fn from_yaml(y: MarkedYaml<'_>, text: &str, byte: &dyn Fn(usize) -> usize) -> Result<Node, SyntaxError> {
    let (at, mut end) = (byte(y.span.start.index()), byte(y.span.end.index()));
    if matches!(y.data, YamlData::Value(_) | YamlData::Representation(..)) {
        end = quoted_end(text, at, end);
    }
    let value = match y.data {
        YamlData::Value(s) => match s {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(b),
            Scalar::Integer(i) => Value::Int(i),
            Scalar::FloatingPoint(f) => Value::Float(f.into_inner()),
            Scalar::String(s) => Value::Str(s.nfc().collect()),
        },
        YamlData::Representation(s, _, _) => Value::Str(s.nfc().collect()),
        YamlData::Sequence(items) => {
            Value::List(items.into_iter().map(|i| from_yaml(i, text, byte)).collect::<Result<_, _>>()?)
        }
        YamlData::Mapping(map) => {
            let mut entries = Vec::new();
            for (k, v) in map {
                let key_at = byte(k.span.start.index());
                let key = match from_yaml(k, text, byte)?.value {
                    Value::Str(s) => s,
                    Value::Int(i) => i.to_string(),
                    other => {
                        return Err(SyntaxError {
                            at: key_at,
                            reason: format!("khóa phải là chữ, không phải {}", other.kind()),
                        });
                    }
                };
                entries.push(Entry { key, at: key_at, node: from_yaml(v, text, byte)? });
            }
            Value::Map(entries)
        }
        YamlData::Tagged(_, inner) => return from_yaml(*inner, text, byte),
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    };
    Ok(Node { value, at, end })
}

/// Where a scalar starting at `at` ends: past its closing quote when it is quoted (saphyr's end
/// marker for a quoted scalar stands after the spaces and the comment that follow it).
fn quoted_end(text: &str, at: usize, end: usize) -> usize {
    let raw = &text[at..end];
    let Some(q) = raw.chars().next().filter(|c| matches!(c, '"' | '\'')) else { return end };
    let mut chars = raw.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && q == '"' {
            chars.next();
        } else if c == q && q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
            // `''` inside single quotes is one quote.
            chars.next();
        } else if c == q {
            return at + i + 1;
        }
    }
    end
}

/// Parses a whole TOML file.
pub fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    let table = toml::de::DeTable::parse(text)
        .map_err(|e| SyntaxError { at: e.span().map_or(0, |s| s.start), reason: e.message().to_owned() })?;
    let span = table.span();
    Ok(from_toml_table(table.into_inner(), span))
}

fn from_toml_table(t: toml::de::DeTable<'_>, span: std::ops::Range<usize>) -> Node {
    let entries = t
        .into_iter()
        .map(|(k, v)| {
            let key_at = k.span().start;
            Entry { key: k.into_inner().nfc().collect(), at: key_at, node: from_toml(v) }
        })
        .collect();
    Node { value: Value::Map(entries), at: span.start, end: span.end }
}

fn from_toml(v: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let span = v.span();
    let value = match v.into_inner() {
        DeValue::String(s) => Value::Str(s.nfc().collect()),
        DeValue::Integer(i) => {
            i.as_str().replace('_', "").parse().map_or_else(|_| Value::Str(i.as_str().to_owned()), Value::Int)
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse().map_or(Value::Null, Value::Float),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        DeValue::Table(t) => return from_toml_table(t, span),
    };
    Node { value, at: span.start, end: span.end }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value's text as its span in `t` reads.
    fn spans(t: &str) -> Vec<&str> {
        fn walk<'t>(n: &Node, t: &'t str, out: &mut Vec<&'t str>) {
            match &n.value {
                Value::Map(entries) => entries.iter().for_each(|e| walk(&e.node, t, out)),
                Value::List(items) => items.iter().for_each(|i| walk(i, t, out)),
                _ => out.push(&t[n.at..n.end]),
            }
        }
        let mut out = vec![];
        walk(&parse_yaml(t, 0, t.len()).unwrap(), t, &mut out);
        out
    }

    #[test]
    fn a_scalars_span_is_what_was_written() {
        let t =
            "a: \"Số \\\" 05\" # chú thích \"x\"\nb: plain text  \nc:\n  - x1\n  - 'y '' 2'   \nd: 5 # c\n";
        assert_eq!(spans(t), ["\"Số \\\" 05\"", "plain text", "x1", "'y '' 2'", "5"]);
        assert_eq!(spans("{\"a\": \"x\", \"b\": [\"y\", 7]}"), ["\"x\"", "\"y\"", "7"]);
        let t = "a = \"Số 5\" # c\nb = [\"x\", 'y']\n";
        let n = parse_toml(t).unwrap();
        let Value::Map(e) = &n.value else { panic!() };
        assert_eq!(&t[e[0].node.at..e[0].node.end], "\"Số 5\"");
        let Value::List(items) = &e[1].node.value else { panic!() };
        assert_eq!(&t[items[1].at..items[1].end], "'y'");
    }
}
