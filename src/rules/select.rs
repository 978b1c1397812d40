//! Chooses a document's ruleset: the one it names (`quy_tac`), else the one of its kind
//! (`the_thuc`, Party by default) in force on its date.

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::rules::not_among;
use crate::rules::ruleset::Ruleset;

/// The kind of document when none is named.
pub const DEFAULT_KIND: &str = "dang";

/// The document's ruleset, with a warning when it is dated before every ruleset of its kind.
pub fn select(doc: &Document, src: &SourceFile) -> Result<(&'static Ruleset, Vec<Diagnostic>), Diagnostics> {
    let mut kinds: Vec<&str> = Ruleset::all().iter().map(|r| r.the_thuc.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if let Some(kind) = doc.the_thuc.as_deref().filter(|k| !kinds.contains(k)) {
        let message = format!("không có thể thức `{kind}`");
        return Err(not_among(
            "rules::unknown_kind",
            message,
            (doc, src),
            "the_thuc",
            kind,
            "các thể thức hiện có",
            kinds,
        ));
    }
    if let Some(id) = doc.quy_tac.as_deref() {
        let Some(rules) = Ruleset::get(id) else {
            let ids = Ruleset::all().iter().map(|r| r.id.as_str());
            let message = format!("không có bộ quy tắc `{id}`");
            return Err(not_among(
                "rules::unknown_ruleset",
                message,
                (doc, src),
                "quy_tac",
                id,
                "các bộ quy tắc hiện có",
                ids,
            ));
        };
        if let Some(kind) = doc.the_thuc.as_deref().filter(|k| *k != rules.the_thuc) {
            return Err(Diagnostic::error(
                "rules::kind_mismatch",
                format!("bộ quy tắc `{id}` dành cho thể thức `{}`, không phải `{kind}`", rules.the_thuc),
            )
            .at(doc.locate(src, "quy_tac", id))
            .hint("bỏ khóa `quy_tac` để chọn theo ngày, hoặc chọn bộ quy tắc cùng thể thức")
            .into());
        }
        return Ok((rules, vec![]));
    }
    let kind = doc.the_thuc.as_deref().unwrap_or(DEFAULT_KIND);
    let rules = Ruleset::in_force(kind, doc.ngay).expect("every listed kind has a ruleset");
    let mut warnings = vec![];
    if doc.ngay < rules.effective() {
        warnings.push(
            Diagnostic::warning(
                "rules::before_rulesets",
                format!("văn bản ký trước ngày có hiệu lực của mọi bộ quy tắc sẵn có; dùng {}", rules.id),
            )
            .at(doc.locate(src, "ngay", "")),
        );
    }
    Ok((rules, warnings))
}
