//! vanban: typesets Vietnamese official documents (Party documents under HD 05-HD/VPTW and
//! HD 36-HD/VPTW, State documents under NĐ 30/2020) from structured data into print-ready PDFs,
//! compiling Typst layouts in-process. The library reads no clock and no environment: the
//! command hands them in ([`Clock`]).
//!
//! The pipeline, one module per stage: [`input`] (read, parse, validate) → [`rules`] (derive
//! the printed strings from the ruleset) → [`compile`] (Typst, in-process) → [`export`] (PDF,
//! atomic write). [`inspect`] reads the laid-out pages back for audits and tests; [`scaffold`]
//! writes ready-to-fill documents; [`import`] turns archived texts into documents.
#![warn(missing_docs)]

pub mod archive;
pub mod batch;
pub mod check;
pub mod compile;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod export;
pub mod fingerprint;
pub mod import;
pub mod input;
pub mod inspect;
pub mod model;
pub mod preview;
pub mod register;
pub mod rules;
pub mod scaffold;
pub mod sign;
pub mod walk;
pub mod yaml;

pub use diag::{Diagnostic, Diagnostics};
pub use engine::{Clock, Engine, EngineOptions, PdfSettings, Rendered};
