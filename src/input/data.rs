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
        None => Ok(Node { value: Value::Map(vec![]), at: base }),
        Some(doc) => from_yaml(doc, &byte),
    }
}

fn from_yaml(y: MarkedYaml<'_>, byte: &dyn Fn(usize) -> usize) -> Result<Node, SyntaxError> {
    let at = byte(y.span.start.index());
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
            Value::List(items.into_iter().map(|i| from_yaml(i, byte)).collect::<Result<_, _>>()?)
        }
        YamlData::Mapping(map) => {
            let mut entries = Vec::new();
            for (k, v) in map {
                let key_at = byte(k.span.start.index());
                let key = match from_yaml(k, byte)?.value {
                    Value::Str(s) => s,
                    Value::Int(i) => i.to_string(),
                    other => {
                        return Err(SyntaxError {
                            at: key_at,
                            reason: format!("khóa phải là chữ, không phải {}", other.kind()),
                        });
                    }
                };
                entries.push(Entry { key, at: key_at, node: from_yaml(v, byte)? });
            }
            Value::Map(entries)
        }
        YamlData::Tagged(_, inner) => return from_yaml(*inner, byte),
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    };
    Ok(Node { value, at })
}

/// Parses a whole TOML file.
pub fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    let table = toml::de::DeTable::parse(text)
        .map_err(|e| SyntaxError { at: e.span().map_or(0, |s| s.start), reason: e.message().to_owned() })?;
    let at = table.span().start;
    Ok(from_toml_table(table.into_inner(), at))
}

fn from_toml_table(t: toml::de::DeTable<'_>, at: usize) -> Node {
    let entries = t
        .into_iter()
        .map(|(k, v)| {
            let key_at = k.span().start;
            Entry { key: k.into_inner().nfc().collect(), at: key_at, node: from_toml(v) }
        })
        .collect();
    Node { value: Value::Map(entries), at }
}

fn from_toml(v: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let at = v.span().start;
    let value = match v.into_inner() {
        DeValue::String(s) => Value::Str(s.nfc().collect()),
        DeValue::Integer(i) => {
            i.as_str().replace('_', "").parse().map_or_else(|_| Value::Str(i.as_str().to_owned()), Value::Int)
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse().map_or(Value::Null, Value::Float),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        DeValue::Table(t) => return from_toml_table(t, at),
    };
    Node { value, at }
}
