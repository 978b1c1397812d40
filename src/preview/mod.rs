//! Live preview: the document recompiled whenever it or its layouts change, its pages kept as
//! SVG with a hash each (so a browser fetches only the pages that changed), its findings, and
//! the last error, served to a browser on the loopback interface by [`http`].

pub mod http;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::check::check_data;
use crate::engine::Engine;
use crate::export;
use crate::input;
use crate::model::document::Date;

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(10);

/// One page as the browser gets it.
#[derive(Debug, Clone)]
pub struct Page {
    /// A hash of the page's content: the browser refetches a page when it changes.
    pub hash: String,
    /// The page as SVG.
    pub svg: Arc<Vec<u8>>,
}

/// What the preview shows now.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Bumped at every compile, good or bad.
    pub version: u64,
    /// The pages of the last good compile.
    pub pages: Vec<Page>,
    /// Findings of the check and the self-audit (JSON objects as `check --format json`).
    pub findings: Vec<serde_json::Value>,
    /// The errors of the last compile when it failed (the pages are the last good ones).
    pub error: Option<String>,
    /// The last version a browser reported as shown.
    pub seen: u64,
    /// Milliseconds the last compile took.
    pub took_ms: f64,
}

/// The state as the page's script reads it (`/trang.json`).
#[derive(Serialize)]
struct Summary<'a> {
    phien_ban: u64,
    trang: Vec<&'a str>,
    phat_hien: &'a [serde_json::Value],
    loi: Option<&'a str>,
    da_xem: u64,
    thoi_gian_ms: f64,
}

impl State {
    /// The JSON the page's script polls.
    pub fn summary_json(&self) -> String {
        let s = Summary {
            phien_ban: self.version,
            trang: self.pages.iter().map(|p| p.hash.as_str()).collect(),
            phat_hien: &self.findings,
            loi: self.error.as_deref(),
            da_xem: self.seen,
            thoi_gian_ms: self.took_ms,
        };
        serde_json::to_string(&s).expect("the summary serializes")
    }
}

/// The shared state and the signal of its changes.
#[derive(Default)]
pub struct Shared {
    /// The state.
    pub state: Mutex<State>,
    /// Notified on every change.
    pub changed: Condvar,
}

impl Shared {
    /// Applies `f` to the state and wakes whoever waits for a change.
    pub fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().expect("not poisoned"));
        self.changed.notify_all();
    }
}

/// Watches `source` (and the layouts folder) and recompiles on every change, forever; writes
/// the PDF to `pdf` after each good compile when given.
pub fn watch(
    engine: &Engine,
    source: &Path,
    layouts: Option<&Path>,
    pdf: Option<&Path>,
    shared: &Shared,
) -> ! {
    let mut last = None;
    loop {
        let now = stamps(source, layouts);
        if last.as_ref() != Some(&now) {
            last = Some(now);
            compile(engine, source, pdf, shared);
        }
        std::thread::sleep(POLL);
    }
}

/// The modification times of the files the preview depends on.
fn stamps(source: &Path, layouts: Option<&Path>) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut files = vec![source.to_owned()];
    if let Some(dir) = layouts {
        files.extend(crate::compile::LAYOUTS.iter().map(|(n, _)| dir.join(n)));
    }
    files
        .into_iter()
        .map(|f| {
            let t = std::fs::metadata(&f).and_then(|m| m.modified()).ok();
            (f, t)
        })
        .collect()
}

/// One compile: new pages (SVG only for the pages whose content changed), findings, or the
/// error with the last good pages kept.
pub fn compile(engine: &Engine, source: &Path, pdf: Option<&Path>, shared: &Shared) {
    let start = std::time::Instant::now();
    let result = input::load(source).and_then(|loaded| {
        let laid = engine.layout(&loaded)?;
        let mut findings = laid.warnings.clone();
        findings.extend(laid.audit.iter().cloned());
        findings.extend(check_data(&loaded, laid.ruleset, Date::today()));
        if let Some(path) = pdf {
            let bytes = export::pdf(&laid.document, loaded.document.ngay, &laid.ident)?;
            export::write_atomic(path, &bytes)?;
        }
        Ok((laid.document, findings))
    });
    let old: Vec<Page> = shared.state.lock().expect("not poisoned").pages.clone();
    match result {
        Ok((document, findings)) => {
            let options = typst_svg::SvgOptions::default();
            let pages = document
                .pages()
                .iter()
                .enumerate()
                .map(|(i, page)| {
                    let hash = format!("{:032x}", typst::utils::hash128(&page.frame));
                    match old.get(i).filter(|p| p.hash == hash) {
                        Some(p) => p.clone(),
                        None => Page { hash, svg: Arc::new(typst_svg::svg(page, &options).into_bytes()) },
                    }
                })
                .collect();
            let took = start.elapsed().as_secs_f64() * 1000.0;
            shared.update(|s| {
                s.version += 1;
                s.pages = pages;
                s.findings = findings.iter().map(crate::diag::Diagnostic::to_json).collect();
                s.error = None;
                s.took_ms = took;
            });
        }
        Err(errors) => {
            let took = start.elapsed().as_secs_f64() * 1000.0;
            shared.update(|s| {
                s.version += 1;
                s.error = Some(errors.to_string());
                s.took_ms = took;
            });
        }
    }
}
