//! The office profile: `_vanban.yaml` in the document's folder and in the folders above it, up
//! to the office root (the nearest profile with `goc: true`, else the repository root, else
//! the file-system root). A document inherits its values: the profiles from the root down,
//! the nearer winning key by key (a list replaces, it does not append), then the document's
//! own data over them. Profiles are placed in the document's source map, so every value they
//! give, and every message about one, points at the profile's line.

use std::path::{Component, Path, PathBuf};

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::data::{self, Entry, Node, Value};
use crate::model::date::{self, Date, Parsed};
use crate::model::schema::PROFILE as KEYS;

/// The profile's file name.
pub const FILE_NAME: &str = "_vanban.yaml";

/// The profile keys a document inherits as they are.
const INHERITED: [&str; 6] = ["the_thuc", "quy_tac", "co_quan", "dia_danh", "nguoi_soan", "lien_he"];

/// Reads the profiles above the document `src` names and places them in its source map, the
/// office root's first. The library's only reads outside the document's folder.
pub fn attach(src: &mut SourceFile) -> Result<(), Diagnostic> {
    let start = std::path::absolute(src.dir()).unwrap_or_else(|_| src.dir().to_owned());
    let mut found = vec![];
    for (ups, dir) in start.ancestors().enumerate() {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            let file = crate::input::source::read(&path)?;
            let root = data::parse_yaml(&file.text, 0, file.text.len()).ok();
            found.push(SourceFile::new(&shown(src.dir(), ups), file.text));
            if root.as_ref().and_then(|r| get(r, "goc")).is_some_and(|g| g.value == Value::Bool(true)) {
                break;
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    for file in found.into_iter().rev() {
        src.place(file);
    }
    Ok(())
}

/// `FILE_NAME` `ups` folders above `dir`, as a path from where `dir` is named.
fn shown(dir: &Path, ups: usize) -> PathBuf {
    let mut parts: Vec<Component> = dir.components().filter(|c| *c != Component::CurDir).collect();
    let mut climbs = 0;
    for _ in 0..ups {
        match parts.last() {
            Some(Component::Normal(_)) => _ = parts.pop(),
            _ => climbs += 1,
        }
    }
    let mut path: PathBuf = parts.iter().collect();
    (0..climbs).for_each(|_| path.push(".."));
    path.join(FILE_NAME)
}

/// The profiles placed in `src` merged into one, the office root's under the nearer ones;
/// `None` when there are none.
pub fn office(src: &SourceFile) -> Result<Option<Node>, Diagnostics> {
    let mut profiles = vec![];
    let mut errors = vec![];
    for (base, file) in src.others() {
        match data::parse_yaml(&file.text, 0, file.text.len()) {
            Ok(node) => {
                let node = node.shifted(base);
                errors.extend(shape(&node, src));
                profiles.push(node);
            }
            Err(e) => errors.push(crate::input::syntax_error(src, "YAML", base + e.at, &e.reason)),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    Ok(profiles.into_iter().reduce(merge))
}

/// The start of the cấp ủy's term the profiles placed in `src` give (`nhiem_ky.tu`), if any.
pub fn term(src: &SourceFile) -> Result<Option<Date>, Diagnostics> {
    let Some(tu) = office(src)?.and_then(|o| get(&o, "nhiem_ky").and_then(|t| get(t, "tu")).cloned()) else {
        return Ok(None);
    };
    match date_of(&tu) {
        Some(d) => Ok(Some(d)),
        None => Err(Diagnostic::error("input::wrong_type", "`nhiem_ky.tu` phải là một ngày có thật")
            .at(src.location(tu.at, 1))
            .hint("viết `tu: 2025-10-01`, ngày bế mạc đại hội")
            .into()),
    }
}

/// What an office profile gives the documents of a folder, for a new document's scaffold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    /// The keys a document inherits (`co_quan`, `dia_danh`, …).
    pub keys: Vec<String>,
    /// The signers' keys, as a document names them in `ky`.
    pub signers: Vec<String>,
    /// The types whose recipients the profile gives.
    pub recipients: Vec<String>,
}

/// The profiles above a document written in `dir`, placed in an empty source map.
fn above(dir: &Path) -> Result<SourceFile, Diagnostic> {
    let mut src = SourceFile::new(&dir.join("_"), String::new());
    attach(&mut src)?;
    Ok(src)
}

/// The office root of the documents in `dir`: the folder of the outermost profile above it,
/// else `dir` itself.
pub fn office_root(dir: &Path) -> Result<PathBuf, Diagnostic> {
    let src = above(dir)?;
    Ok(src.others().next().map_or(dir, |(_, p)| p.dir()).to_owned())
}

/// What the profiles above `dir` give a new document written there.
pub fn given(dir: &Path) -> Result<Given, Diagnostics> {
    let src = above(dir)?;
    let Some(office) = office(&src)? else { return Ok(Given::default()) };
    let names =
        |key: &str| get(&office, key).map_or(vec![], |n| entries(n).iter().map(|e| e.key.clone()).collect());
    let keys = entries(&office).iter().map(|e| e.key.clone()).filter(|k| INHERITED.contains(&k.as_str()));
    Ok(Given { keys: keys.collect(), signers: names("nguoi_ky"), recipients: names("noi_nhan") })
}

/// The document's data tree `root` with what the profiles placed in `src` give it: the values
/// it does not write, the signer it names by key, the recipients of its type, and the names in
/// force on its date.
pub fn apply(root: Node, src: &SourceFile) -> Result<Node, Diagnostics> {
    let office = office(src)?;
    if !matches!(root.value, Value::Map(_) | Value::Null) {
        return Ok(root);
    }
    let office = office.unwrap_or(Node { value: Value::Map(vec![]), at: root.at, end: root.at });
    let on = get(&root, "ngay").and_then(date_of);
    let mut defaults = vec![];
    for e in entries(&office) {
        if INHERITED.contains(&e.key.as_str()) {
            let node =
                if e.key == "co_quan" { in_force(&e.node, on, "co_quan", src)? } else { e.node.clone() };
            defaults.push(Entry { node, ..e.clone() });
        }
    }
    let loai = get(&root, "loai").and_then(|n| text(n));
    if let Some(e) =
        get(&office, "noi_nhan").and_then(|n| entries(n).iter().find(|e| Some(e.key.as_str()) == loai))
    {
        defaults.push(Entry { key: "noi_nhan".into(), ..e.clone() });
    }
    let signers = get(&office, "nguoi_ky");
    let root = signed(root, signers, on, src)?;
    Ok(merge(Node { value: Value::Map(defaults), at: office.at, end: office.at }, root))
}

/// The errors in the shape of a profile: keys it may not hold, and tables written otherwise.
fn shape(profile: &Node, src: &SourceFile) -> Vec<Diagnostic> {
    let mut out = vec![];
    let Value::Map(all) = &profile.value else {
        if profile.value != Value::Null {
            out.push(
                Diagnostic::error("input::profile_shape", "hồ sơ cơ quan phải là bảng khóa: giá trị")
                    .at(src.location(profile.at, 1))
                    .hint("viết mỗi khóa trên một dòng, ví dụ `dia_danh: Hải Phòng`"),
            );
        }
        return out;
    };
    for e in all {
        let table = |what: &str| {
            Diagnostic::error(
                "input::profile_shape",
                format!("`{}` trong hồ sơ cơ quan phải là {what}", e.key),
            )
            .at(src.location(e.node.at, 1))
        };
        match e.key.as_str() {
            "nguoi_ky" | "nhiem_ky" | "noi_nhan" if !matches!(e.node.value, Value::Map(_)) => {
                out.push(table("bảng khóa").hint(KEYS.iter().find(|k| k.0 == e.key).map_or("", |k| k.1)));
            }
            "goc" if !matches!(e.node.value, Value::Bool(_)) => out.push(table("true hoặc false")),
            key if KEYS.iter().any(|k| k.0 == key) => {}
            key => {
                let names: Vec<&str> = KEYS.iter().map(|k| k.0).collect();
                out.push(
                    Diagnostic::error(
                        "input::profile_unknown_key",
                        format!("hồ sơ cơ quan không có khóa `{key}`"),
                    )
                    .at(src.location(e.at, key.chars().count()))
                    .hint(format!("các khóa của hồ sơ: {}", names.join(", "))),
                );
            }
        }
    }
    out
}

/// `root` with its signers written as a key (`ky: pho-bi-thu`, in `ky_khac` and `ban_sao.ky`)
/// replaced by the profile's signer of that key.
fn signed(
    mut root: Node,
    signers: Option<&Node>,
    on: Option<Date>,
    src: &SourceFile,
) -> Result<Node, Diagnostics> {
    let resolve = |node: &mut Node| -> Result<(), Diagnostics> {
        let Some(key) = text(node) else { return Ok(()) };
        let known: Vec<&str> =
            signers.map_or(vec![], |s| entries(s).iter().map(|e| e.key.as_str()).collect());
        let Some(signer) = signers.and_then(|s| get(s, key)) else {
            let hint = if known.is_empty() {
                "thêm `nguoi_ky:` vào hồ sơ cơ quan `_vanban.yaml`, hoặc viết `ky` bằng các khóa tham_quyen, chuc_vu, ho_ten".to_owned()
            } else {
                format!("các người ký trong hồ sơ: {}", known.join(", "))
            };
            return Err(Diagnostic::error(
                "input::unknown_signer",
                format!("hồ sơ cơ quan không có người ký `{key}`"),
            )
            .at(src.location(node.at, key.chars().count()))
            .hint(hint)
            .into());
        };
        *node = in_force(signer, on, &format!("nguoi_ky.{key}"), src)?;
        Ok(())
    };
    let Value::Map(entries) = &mut root.value else { return Ok(root) };
    for e in entries.iter_mut() {
        match (e.key.as_str(), &mut e.node.value) {
            ("ky", _) => resolve(&mut e.node)?,
            ("ky_khac", Value::List(items)) => items.iter_mut().try_for_each(resolve)?,
            ("ban_sao", Value::Map(copy)) => {
                copy.iter_mut().filter(|c| c.key == "ky").try_for_each(|c| resolve(&mut c.node))?;
            }
            _ => {}
        }
    }
    Ok(root)
}

/// A value as it stood on `on`: a list of tables each valid from `tu_ngay` to `den_ngay` gives
/// the one whose period holds the date (without a date, the one still in force); any other
/// value is itself.
fn in_force(node: &Node, on: Option<Date>, key: &str, src: &SourceFile) -> Result<Node, Diagnostics> {
    let Value::List(periods) = &node.value else { return Ok(node.clone()) };
    let mut errors = vec![];
    let mut bound = |period: &Node, name: &str| {
        let n = get(period, name)?;
        match date_of(n) {
            Some(d) => Some(d),
            None => {
                errors.push(
                    Diagnostic::error("input::wrong_type", format!("`{name}` phải là một ngày có thật"))
                        .at(src.location(n.at, 1))
                        .hint(format!("viết `{name}: 2025-07-01`")),
                );
                None
            }
        }
    };
    let spans: Vec<(Option<Date>, Option<Date>)> =
        periods.iter().map(|p| (bound(p, "tu_ngay"), bound(p, "den_ngay"))).collect();
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let holds = |(from, to): &(Option<Date>, Option<Date>)| match on {
        Some(d) => from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t),
        None => to.is_none(),
    };
    let Some(i) = spans.iter().position(holds) else {
        let when = on.map_or("hiện nay".to_owned(), |d| format!("ngày {}", date::dmy(d)));
        return Err(Diagnostic::error(
            "input::profile_period",
            format!("hồ sơ cơ quan không có `{key}` dùng vào {when}"),
        )
        .at(src.location(node.at, 1))
        .hint("thêm một mục có `tu_ngay` và `den_ngay` bao ngày đó")
        .into());
    };
    let mut chosen = periods[i].clone();
    if let Value::Map(e) = &mut chosen.value {
        e.retain(|e| e.key != "tu_ngay" && e.key != "den_ngay");
    }
    Ok(chosen)
}

/// `over` on top of `base`: tables merge key by key, anything else replaces.
fn merge(base: Node, over: Node) -> Node {
    match (base.value, over.value) {
        (Value::Map(mut merged), Value::Map(top)) => {
            for e in top {
                match merged.iter().position(|m| m.key == e.key) {
                    Some(i) => {
                        let below = std::mem::replace(
                            &mut merged[i].node,
                            Node { value: Value::Null, at: 0, end: 0 },
                        );
                        merged[i] = Entry { node: merge(below, e.node), ..e };
                    }
                    None => merged.push(e),
                }
            }
            Node { value: Value::Map(merged), ..over }
        }
        (Value::Map(merged), Value::Null) => Node { value: Value::Map(merged), ..over },
        (_, value) => Node { value, ..over },
    }
}

/// The entries of a table (none for any other value).
fn entries(node: &Node) -> &[Entry] {
    match &node.value {
        Value::Map(e) => e,
        _ => &[],
    }
}

/// The value of `key` in a table.
fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    entries(node).iter().find(|e| e.key == key).map(|e| &e.node)
}

/// The date a value writes, when it is one that exists.
fn date_of(node: &Node) -> Option<Date> {
    match text(node).map(date::read) {
        Some(Parsed::Date(d)) => Some(d),
        _ => None,
    }
}

/// A string value.
fn text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_named_from_the_documents_folder() {
        assert_eq!(shown(Path::new("."), 0), Path::new("_vanban.yaml"));
        assert_eq!(shown(Path::new("."), 2), Path::new("../../_vanban.yaml"));
        assert_eq!(shown(Path::new("van-ban/2026"), 1), Path::new("van-ban/_vanban.yaml"));
        assert_eq!(shown(Path::new("../a"), 2), Path::new("../../_vanban.yaml"));
    }
}
