//! Compiles a derived document in-process with Typst: builds the in-memory files, runs the
//! layout, and turns Typst's diagnostics into vanban's.

pub mod fonts;
pub mod world;

use std::collections::BTreeMap;
use std::path::Path;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::rules::ruleset::Ruleset;
use world::{INTERNAL, VanbanWorld};

/// The embedded layout files (layouts/*.typ), by name.
pub const LAYOUTS: &[(&str, &str)] = &[
    ("main.typ", include_str!("../../layouts/main.typ")),
    ("van-ban.typ", include_str!("../../layouts/van-ban.typ")),
    ("body.typ", include_str!("../../layouts/body.typ")),
    ("style.typ", include_str!("../../layouts/style.typ")),
];

/// How many compiles' memoized work Typst keeps.
const CACHE_GENERATIONS: usize = 2;

/// Ruleset tables that only the Rust side reads (types, checks, numbering, derived strings).
const RUST_ONLY: &[&str] =
    &["loai", "kiem_tra", "danh_so", "so_ky_hieu", "ngay_thang", "cong_van", "can_cu", "du_thao"];

/// The in-memory files of one compile: the layouts ([`layout_files`]), the resolved ruleset,
/// and the document's data.
pub fn memory_files(data: Vec<u8>, rules: &Ruleset, layouts: &[(&str, Bytes)]) -> BTreeMap<String, Bytes> {
    let mut files = BTreeMap::new();
    for (name, bytes) in layouts {
        files.insert(format!("{INTERNAL}layouts/{name}"), bytes.clone());
    }
    files.insert(world::RULES.to_owned(), Bytes::new(layout_rules(rules)));
    files.insert(world::DATA.to_owned(), Bytes::new(data));
    files
}

/// The layout files by name: a file of the same name in `layouts_dir` replaces the embedded one.
pub fn layout_files(layouts_dir: Option<&Path>) -> Result<Vec<(&'static str, Bytes)>, Diagnostics> {
    let mut files = vec![];
    for (name, text) in LAYOUTS {
        let custom = layouts_dir.map(|d| d.join(name)).filter(|p| p.is_file());
        let bytes = match custom {
            Some(path) => Bytes::new(crate::input::source::read(&path)?.text.into_bytes()),
            None => Bytes::from_string(*text),
        };
        files.push((*name, bytes));
    }
    Ok(files)
}

/// The ruleset as the layout gets it (JSON), without the tables only Rust reads: less to hash
/// in Typst.
pub fn layout_rules(rules: &Ruleset) -> Vec<u8> {
    let table: toml::Table = rules
        .data
        .iter()
        .filter(|(k, _)| !RUST_ONLY.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::to_vec(&table).expect("a TOML table serializes as JSON")
}

/// Lays out the document; returns it with Typst's warnings, or the errors.
pub fn compile(world: &VanbanWorld) -> Result<(PagedDocument, Vec<Diagnostic>), Diagnostics> {
    let result = typst::compile::<PagedDocument>(world);
    // Keep the memoized work of the last compiles (a document recompiled in the preview reuses
    // it), drop the rest: with 10 generations, a two-thread batch grew 14 % from 100 to 1,000
    // documents; with 2 it stays within 4 % (benches/batch.sh).
    typst::comemo::evict(CACHE_GENERATIONS);
    let warnings = result.warnings.iter().map(|d| convert(world, d)).collect();
    match result.output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => Err(Diagnostics(errors.iter().map(|d| convert(world, d)).collect())),
    }
}

/// A Typst diagnostic in vanban's terms. Errors inside the layout name the layout file; errors
/// about the document's own files (images) name that file.
fn convert(world: &VanbanWorld, d: &SourceDiagnostic) -> Diagnostic {
    let base = match d.severity {
        TypstSeverity::Error => {
            Diagnostic::error("layout::typst", format!("lỗi khi dàn trang: {}", d.message))
        }
        TypstSeverity::Warning => Diagnostic::warning("layout::typst", format!("dàn trang: {}", d.message)),
    };
    let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    let base = if hints.is_empty() { base } else { base.hint(hints.join("; ")) };
    let Some(id) = d.span.id() else { return base };
    let vpath = id.vpath().get_with_slash();
    let Some(range) = world.range(d.span) else { return base };
    let (shown, text) = match vpath.strip_prefix(INTERNAL) {
        Some(internal) => {
            (Path::new(internal).to_owned(), world.source(id).map(|s| s.text().to_owned()).ok())
        }
        None => (world.root().join(id.vpath().get_without_slash()), None),
    };
    match text {
        Some(text) => {
            let src = SourceFile::new(&shown, text);
            let width = src.text[range.clone()].chars().count();
            base.at(src.location(range.start, width))
        }
        None => base.at(crate::diag::Location { file: shown, line: 1, col: 1, source_line: None, width: 1 }),
    }
}
