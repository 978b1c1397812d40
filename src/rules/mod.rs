//! Format rules as data, and what is derived from them.

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::document::Document;

pub mod derive;
pub mod describe;
pub mod names;
pub mod numbering;
pub mod ruleset;
pub mod select;

/// An error for a value of `key` that is none of the ruleset's `options`: it points at the value
/// and lists the options under `what` (e.g. `các thể loại hiện có`).
pub(crate) fn not_among<'a>(
    code: &'static str,
    message: String,
    (doc, src): (&Document, &SourceFile),
    key: &str,
    value: &str,
    what: &str,
    options: impl IntoIterator<Item = &'a str>,
) -> Diagnostics {
    let list: Vec<&str> = options.into_iter().collect();
    Diagnostic::error(code, message)
        .at(doc.locate(src, key, value))
        .hint(format!("{what}: {}", list.join(", ")))
        .into()
}
