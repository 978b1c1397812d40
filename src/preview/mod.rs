//! Live preview: the document recompiled whenever it or its layouts change, its pages kept as
//! SVG bands with a hash each (so a browser fetches only the [`bands`] that changed), its
//! findings, and the last error, served to a browser on the loopback interface by [`http`].

pub mod bands;
pub mod http;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

use crate::check::check_data;
use crate::diag::Diagnostics;
use crate::engine::Engine;
use crate::export;
use crate::input;
use typst_kit::watcher::Watcher;

/// How often the files are read again where the system sends no events of changes.
const POLL: Duration = Duration::from_millis(200);

/// How long the PDF and the findings wait for a browser to show new pages.
const SHOWN_WAIT: Duration = Duration::from_millis(100);

/// The most SVG sent inside an event; past it (a first compile, a change that moves every
/// page) the browser fetches the bands it lacks.
const FRESH_LIMIT: usize = 1 << 20;

/// One band of a page as the browser gets it.
#[derive(Debug, Clone)]
pub struct Band {
    /// A hash of the band's content: the browser refetches a band when it changes.
    pub hash: String,
    /// The band as SVG.
    pub svg: Arc<String>,
}

/// One page: its size and its bands, top to bottom.
#[derive(Debug, Clone)]
pub struct Page {
    /// A hash of the whole page's content.
    pub hash: String,
    /// Width and height, pt.
    pub size_pt: (f64, f64),
    /// The bands, [`bands::BAND_PT`] high, the last one shorter.
    pub bands: Vec<Band>,
}

/// What the preview shows now.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Bumped at every compile, good or bad.
    pub version: u64,
    /// The pages of the last good compile.
    pub pages: Vec<Page>,
    /// The bands of these pages that the compile before had not: sent with the event, so that
    /// an edit reaches the browser without a request of its own. Empty past [`FRESH_LIMIT`].
    pub fresh: Vec<Band>,
    /// Findings of the check and the self-audit (JSON objects as `check --format json`); `None`
    /// while they are being made, after the pages are out.
    pub findings: Option<Vec<serde_json::Value>>,
    /// The errors of the last compile when it failed (the pages are the last good ones).
    pub error: Option<String>,
    /// The last version a browser reported as shown.
    pub seen: u64,
    /// Milliseconds from the change seen to the pages ready.
    pub took_ms: f64,
}

/// A page as the page's script reads it.
#[derive(Serialize)]
struct PageSummary<'a> {
    ma: &'a str,
    rong: f64,
    cao: f64,
    dai: Vec<&'a str>,
}

/// The state as the page's script reads it (`/trang.json` and each event).
#[derive(Serialize)]
struct Summary<'a> {
    phien_ban: u64,
    trang: Vec<PageSummary<'a>>,
    cao_dai: f64,
    moi: BTreeMap<&'a str, &'a str>,
    phat_hien: Option<&'a [serde_json::Value]>,
    loi: Option<&'a str>,
    da_xem: u64,
    thoi_gian_ms: f64,
}

impl State {
    /// The JSON the page's script reads; with `fresh`, the SVG of the new bands too.
    pub fn summary_json(&self, fresh: bool) -> String {
        let s = Summary {
            phien_ban: self.version,
            trang: self
                .pages
                .iter()
                .map(|p| PageSummary {
                    ma: &p.hash,
                    rong: p.size_pt.0,
                    cao: p.size_pt.1,
                    dai: p.bands.iter().map(|b| b.hash.as_str()).collect(),
                })
                .collect(),
            cao_dai: bands::BAND_PT,
            moi: if fresh {
                self.fresh.iter().map(|b| (b.hash.as_str(), b.svg.as_str())).collect()
            } else {
                BTreeMap::new()
            },
            phat_hien: self.findings.as_deref(),
            loi: self.error.as_deref(),
            da_xem: self.seen,
            thoi_gian_ms: self.took_ms,
        };
        serde_json::to_string(&s).expect("the summary serializes")
    }

    /// What a browser must be told of: a new version, or its findings ready.
    pub fn news(&self) -> (u64, bool) {
        (self.version, self.findings.is_some())
    }

    /// The SVG of the band of a page shown now whose hash is `hash`.
    pub fn band(&self, hash: &str) -> Option<Arc<String>> {
        self.pages.iter().flat_map(|p| &p.bands).find(|b| b.hash == hash).map(|b| Arc::clone(&b.svg))
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

/// Watches `source` (and the layouts folder, and the files the last compile read) and
/// recompiles on every change, forever; writes the PDF to `pdf` after each good compile when
/// given. The file system's events come through typst-kit's watcher (notify), as typst-cli's
/// do; where the system gives none, the files are read again every [`POLL`].
pub fn watch(
    engine: &Engine,
    source: &Path,
    layouts: Option<&Path>,
    pdf: Option<&Path>,
    shared: &Shared,
) -> ! {
    let mut watcher = Watcher::new(pdf.map(Path::to_owned)).ok();
    let mut compiled = None;
    // The files of the folder the last compile that laid out read (images): watched too.
    let mut read: Vec<PathBuf> = vec![];
    loop {
        // A file caught mid-write is compiled as it is, then again when whole; content already
        // compiled (a save that changed nothing, the event of our own PDF) is not compiled twice.
        let mut now = contents(source, layouts, &read);
        let content = typst::utils::hash128(&now);
        if compiled != Some(content) {
            compiled = Some(content);
            // The document compiled is the one hashed, read once.
            let text = now.swap_remove(0);
            // A bug one version of the document meets is shown as its error; the preview
            // goes on with the next.
            match crate::diag::contained(|| compile(engine, source, text, pdf, shared)) {
                Ok(Some(files)) => read = files,
                Ok(None) => {}
                Err(d) => shared.update(|s| {
                    s.version += 1;
                    s.error = Some(Diagnostics::from(d).to_string());
                    s.findings.get_or_insert_default();
                }),
            }
        }
        let waited = watcher.as_mut().is_some_and(|w| {
            let absolute = files(source, layouts, &read).filter_map(|f| std::path::absolute(f).ok());
            // A change made before the files were watched sent no event: it is looked for
            // once they are.
            let unseen = || compiled != Some(typst::utils::hash128(&contents(source, layouts, &read)));
            w.update(absolute).is_ok() && (unseen() || w.wait().is_ok())
        });
        if !waited {
            std::thread::sleep(POLL);
        }
    }
}

/// The bytes of each file the preview depends on (see [`files`]), `None` where unreadable.
fn contents(source: &Path, layouts: Option<&Path>, read: &[PathBuf]) -> Vec<Option<Vec<u8>>> {
    files(source, layouts, read).map(|f| crate::input::source::read_bounded(&f).ok()).collect()
}

/// The files the preview depends on: the document first, the layouts given, and the files of
/// its folder the compile `read`.
fn files<'a>(
    source: &Path,
    layouts: Option<&'a Path>,
    read: &'a [PathBuf],
) -> impl Iterator<Item = PathBuf> + 'a {
    let layouts =
        layouts.into_iter().flat_map(|dir| crate::compile::LAYOUTS.iter().map(|(n, _)| dir.join(n)));
    std::iter::once(source.to_owned()).chain(layouts).chain(read.iter().cloned())
}

/// One compile of the document `source` as `bytes` (read again when none): the new pages first
/// (SVG made only for the bands whose content changed), then the PDF when asked, then the
/// findings; or the error, with the last good pages kept. Gives the files of the document's
/// folder the compile read, when it laid the document out.
pub fn compile(
    engine: &Engine,
    source: &Path,
    bytes: Option<Vec<u8>>,
    pdf: Option<&Path>,
    shared: &Shared,
) -> Option<Vec<PathBuf>> {
    let start = std::time::Instant::now();
    let failed = |errors: Diagnostics| {
        let took = start.elapsed().as_secs_f64() * 1000.0;
        shared.update(|s| {
            s.version += 1;
            s.error = Some(errors.to_string());
            s.findings.get_or_insert_default();
            s.took_ms = took;
        });
    };
    let read = match bytes {
        Some(bytes) => {
            crate::input::source::from_bytes(source, bytes).map_err(Diagnostics::from).and_then(input::loaded)
        }
        None => input::load(source),
    };
    let loaded = match read {
        Ok(loaded) => loaded,
        Err(errors) => {
            failed(errors);
            return None;
        }
    };
    let laid = match engine.layout(&loaded) {
        Ok(laid) => laid,
        Err(errors) => {
            failed(errors);
            return None;
        }
    };
    // Cloned, not taken: the pages stay served until the new ones replace them.
    let old = shared.state.lock().expect("not poisoned").pages.clone();
    let known = Known {
        bands: old.iter().flat_map(|p| &p.bands).map(|b| (b.hash.clone(), Arc::clone(&b.svg))).collect(),
        pages: old.into_iter().map(|p| (p.hash.clone(), p)).collect(),
    };
    let pages: Vec<Page> = laid.document.pages().iter().map(|page| known.page(page)).collect();
    let mut fresh: Vec<Band> =
        pages.iter().flat_map(|p| &p.bands).filter(|b| !known.bands.contains_key(&b.hash)).cloned().collect();
    if fresh.iter().map(|b| b.svg.len()).sum::<usize>() > FRESH_LIMIT {
        fresh.clear();
    }
    let took = start.elapsed().as_secs_f64() * 1000.0;
    shared.update(|s| {
        s.version += 1;
        s.pages = pages;
        s.fresh = fresh;
        s.findings = None;
        s.error = None;
        s.took_ms = took;
    });
    // The rest waits for a browser to show the pages (or a moment, when none does), so as
    // not to take the processor from it.
    {
        let state = shared.state.lock().expect("not poisoned");
        let _ = shared.changed.wait_timeout_while(state, SHOWN_WAIT, |s| s.seen < s.version);
    }
    if let Some(path) = pdf {
        let epoch = engine.clock().source_date_epoch;
        let written = export::pdf(&laid.document, loaded.document.ngay, epoch, &laid.ident, None)
            .and_then(|bytes| Ok(export::write_atomic(path, &bytes)?));
        if let Err(errors) = written {
            failed(errors);
            return Some(laid.files);
        }
    }
    let mut findings = laid.warnings.clone();
    findings.extend(laid.audit());
    findings.extend(check_data(&loaded, laid.ruleset, engine.clock().today));
    shared.update(|s| s.findings = Some(findings.iter().map(crate::diag::Diagnostic::to_json).collect()));
    Some(laid.files)
}

/// The pages and bands of the compile before, by their hash.
struct Known {
    pages: HashMap<String, Page>,
    bands: HashMap<String, Arc<String>>,
}

impl Known {
    /// A page as the preview keeps it: the one before when its content is the same, else cut
    /// into bands, with the SVG of a band made only when its content is new.
    fn page(&self, page: &typst_layout::Page) -> Page {
        // Cheap: Typst caches the hash of a frame's items.
        let hash = format!("{:032x}", typst::utils::hash128(&page.frame));
        if let Some(same) = self.pages.get(&hash) {
            return same.clone();
        }
        let options = typst_svg::SvgOptions::default();
        let bands = bands::bands(page)
            .iter()
            .map(|band| {
                let hash = format!("{:032x}", typst::utils::hash128(&band.frame));
                let svg = match self.bands.get(&hash) {
                    Some(svg) => Arc::clone(svg),
                    None => Arc::new(typst_svg::svg(band, &options)),
                };
                Band { hash, svg }
            })
            .collect();
        let size = page.frame.size();
        Page { hash, size_pt: (size.x.to_pt(), size.y.to_pt()), bands }
    }
}
