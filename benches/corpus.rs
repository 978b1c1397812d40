//! The corpus report: every document of `tests/corpus/` imported, read back and compared with
//! its expected file (a table per document and field, the share of fields right, the words
//! kept, whether each renders and checks without errors). Run with
//! `cargo bench --bench corpus`; `-- NAME` measures the documents whose file name contains NAME.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::time::Instant;

use vanban::compile::fonts::FontOptions;
use vanban::{Engine, EngineOptions};

fn main() {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let engine = Engine::new(EngineOptions {
        fonts: FontOptions { system: false, paths: vec![] },
        ..Default::default()
    });
    let t = Instant::now();
    let outcomes: Vec<corpus::Outcome> = corpus::documents()
        .iter()
        .filter(|d| filter.is_empty() || filter.iter().any(|f| d.to_string_lossy().contains(f.as_str())))
        .map(|d| corpus::measure(d, Some(&engine)))
        .collect();
    print!("{}", corpus::report(&outcomes));
    println!("({} văn bản trong {:.1} s)", outcomes.len(), t.elapsed().as_secs_f64());
}
