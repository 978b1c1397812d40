//! Rendering many documents in one process: the engine (fonts, library, layouts) shared, the
//! documents spread over worker threads, each failure kept to its own document, and a manifest
//! in the output folder recording what each output was made from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::archive;
use crate::diag::io_reason;
use crate::diag::source::folder_of;
use crate::diag::{Diagnostic, Diagnostics};
use crate::engine::{Engine, PdfSettings, Rendered};
use crate::export;
use crate::fingerprint::{Fingerprint, sha256};
use crate::input;

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "vanban-manifest.json";

/// The extensions of documents vanban reads.
pub const DOCUMENTS: &[&str] = &["md", "json", "yaml", "yml", "toml"];

/// What to write for each document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Formats {
    /// The PDF.
    pub pdf: bool,
    /// Each page as PNG.
    pub png: bool,
    /// Each page as SVG.
    pub svg: bool,
    /// PNG resolution, pixels per inch.
    pub ppi: f32,
    /// The boxes for signing and stamping, `<name>.sign.json` beside the PDF.
    pub sign_info: bool,
}

/// Writes what `formats` asks for: the PDF at `pdf`, page images beside it, the signing boxes.
/// All are made and flushed first, then put in place together: a full disk or any other
/// failure replaces none. Page images of an earlier run that the new ones do not replace are
/// reported, not removed (a figure of the same name may be the author's): the warning is
/// returned.
pub fn write_outputs(
    pdf: &Path,
    rendered: &Rendered,
    formats: Formats,
) -> Result<Option<Diagnostic>, Diagnostic> {
    let mut staged = vec![];
    if formats.pdf {
        staged.push(export::stage(pdf, &rendered.pdf)?);
    }
    // Page images are made and staged one at a time: one page's pixels in memory, never all.
    let pages = rendered.document.pages();
    let mut stale = vec![];
    let mut images = |ext: &str, image: &dyn Fn(usize) -> Result<Vec<u8>, Diagnostic>| {
        let paths = export::page_paths(pdf, ext, pages.len());
        stale.extend(export::stale_pages(pdf, ext, &paths));
        for (i, path) in paths.iter().enumerate() {
            staged.push(export::stage(path, &image(i)?)?);
        }
        Ok::<(), Diagnostic>(())
    };
    if formats.png {
        images("png", &|i| export::png(&pages[i], i + 1, formats.ppi))?;
    }
    if formats.svg {
        images("svg", &|i| Ok(export::svg(&pages[i])))?;
    }
    if formats.sign_info {
        let name = pdf.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let json = crate::sign::sidecar_json(&rendered.document, &name, &rendered.boxes);
        staged.push(export::stage(&pdf.with_extension("sign.json"), json.as_bytes())?);
    }
    staged.into_iter().try_for_each(export::Pending::commit)?;
    let names: Vec<String> =
        stale.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
    Ok((!names.is_empty()).then(|| {
        Diagnostic::warning(
            "export::stale_pages",
            format!("ảnh trang của lần in trước vẫn còn bên cạnh: {}", names.join(", ")),
        )
        .hint("văn bản nay ít trang hơn: xóa các ảnh này nếu không dùng đến")
    }))
}

/// One document to render and where its PDF goes (page images go beside it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The source.
    pub source: PathBuf,
    /// The PDF to write.
    pub output: PathBuf,
}

/// How one document went.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Written: the number of pages and the audit's findings.
    Rendered {
        /// Pages.
        pages: usize,
        /// Findings of the self-audit.
        audit: Vec<Diagnostic>,
    },
    /// Up to date (`--changed-only`).
    Skipped,
    /// Not written; why.
    Failed(Diagnostics),
}

/// The manifest: for each output (its path relative to the output folder), what it was made
/// from and its own digest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Entries by output path.
    pub tep: BTreeMap<String, Entry>,
}

/// One output in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The source, as given.
    pub nguon: String,
    /// What it was made from.
    #[serde(flatten)]
    pub dau_vao: Fingerprint,
    /// The PDF's digest.
    pub sha256_pdf: String,
}

impl Manifest {
    /// Reads the manifest of `dir`, with the entries a batch that did not finish wrote to its
    /// journal (a torn last line is left out); an absent or unreadable one is empty
    /// (everything renders).
    pub fn read(dir: &Path) -> Self {
        let mut manifest: Self = std::fs::read(dir.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let journal = std::fs::read_to_string(dir.join(JOURNAL)).unwrap_or_default();
        for (key, entry) in journal.lines().filter_map(|l| serde_json::from_str::<(String, Entry)>(l).ok()) {
            manifest.tep.insert(key, entry);
        }
        manifest
    }

    /// Writes it into `dir` atomically; the journal it now holds is removed.
    pub fn write(&self, dir: &Path) -> Result<(), Diagnostic> {
        let json = serde_json::to_vec_pretty(self).expect("the manifest serializes");
        export::write_atomic(&dir.join(MANIFEST), &json)?;
        match std::fs::remove_file(dir.join(JOURNAL)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Diagnostic::error(
                "export::write",
                format!("không xóa được {}: {}", dir.join(JOURNAL).display(), io_reason(&e)),
            )),
            _ => Ok(()),
        }
    }
}

/// The file a batch holds locked in its output folder while it runs.
const LOCK: &str = ".vanban-khoa";

/// The entries of a running batch, a JSON line each as its documents finish: a batch killed
/// half-way keeps what it wrote, and the next one reads them with the manifest.
const JOURNAL: &str = ".vanban-manifest.journal";

/// An output folder one batch holds: two at once would each write the manifest over the
/// other's (200 documents, 100 entries).
struct Held {
    _lock: std::fs::File,
    journal: Mutex<std::fs::File>,
}

/// Takes `out` for one batch, or refuses when another holds it.
fn hold(out: &Path) -> Result<Held, Diagnostic> {
    let open = |name: &str| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(out.join(name))
            .map_err(|e| export::write_error(&out.join(name), &e))
    };
    let lock = open(LOCK)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Diagnostic::error(
                "batch::busy",
                format!("một lượt in khác đang ghi vào thư mục {}", out.display()),
            )
            .hint("chờ lượt kia xong rồi chạy lại, hoặc in ra một thư mục khác"));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(export::write_error(&out.join(LOCK), &e)),
    }
    Ok(Held { _lock: lock, journal: Mutex::new(open(JOURNAL)?) })
}

impl Held {
    /// Adds `entry` to the journal, one line written whole.
    fn record(&self, key: &str, entry: &Entry) {
        let mut line = serde_json::to_string(&(key, entry)).expect("an entry serializes");
        line.push('\n');
        let mut journal = self.journal.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // The journal only saves work: a batch it could not be written to still runs.
        let _ = std::io::Write::write_all(&mut *journal, line.as_bytes());
    }
}

/// What a batch did: each document's outcome, in the order of the jobs, and whether the
/// manifest was written.
pub struct Ran {
    /// The outcomes.
    pub outcomes: Vec<Outcome>,
    /// The manifest's write.
    pub manifest: Result<(), Diagnostic>,
}

/// What a batch will render, and what it passed over in its folders.
#[derive(Debug, Default)]
pub struct Plan {
    /// One job per document.
    pub jobs: Vec<Job>,
    /// Warnings for what was not walked into or not read: links to folders, files that are not
    /// regular (a FIFO would block the batch).
    pub skipped: Vec<Diagnostic>,
}

/// The documents under `inputs` (files as given, folders searched for documents) and their
/// outputs in `out`, each folder's tree mirrored. Refused when two sources would write one
/// output (`a.md` and `a.json`; `d1/x.md` and `d2/x.md` given as files), before anything is
/// rendered.
pub fn plan(inputs: &[PathBuf], out: &Path) -> Result<Plan, Diagnostic> {
    let mut plan = Plan::default();
    for input in inputs {
        if input.is_dir() {
            let mut found = vec![];
            crate::walk::walk(input, &document, "batch::skipped", &mut found, &mut plan.skipped).map_err(
                |e| {
                    Diagnostic::error(
                        "batch::read_dir",
                        format!("không đọc được thư mục {}: {}", input.display(), io_reason(&e)),
                    )
                },
            )?;
            found.sort();
            for source in found {
                let rel = source.strip_prefix(input).unwrap_or(&source).with_extension("pdf");
                plan.jobs.push(Job { output: out.join(rel), source });
            }
        } else {
            let name = Path::new(input.file_name().unwrap_or_default()).with_extension("pdf");
            plan.jobs.push(Job { source: input.clone(), output: out.join(name) });
        }
    }
    let mut by_output: BTreeMap<&Path, &Path> = BTreeMap::new();
    for job in &plan.jobs {
        if let Some(first) = by_output.insert(&job.output, &job.source) {
            return Err(Diagnostic::error(
                "batch::same_output",
                format!(
                    "{} và {} cùng in ra {}",
                    first.display(),
                    job.source.display(),
                    job.output.display()
                ),
            )
            .hint("đổi tên một trong hai tệp, hoặc in từng thư mục ra một thư mục riêng"));
        }
    }
    Ok(plan)
}

/// A manifest, a JSON Schema or an office profile, which sit among documents without being one.
fn not_a_document(p: &Path) -> bool {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    name == MANIFEST || name == crate::input::profile::FILE_NAME || name.ends_with(".schema.json")
}

/// Whether `p` names a document a batch renders.
fn document(p: &Path) -> bool {
    p.extension().is_some_and(|x| DOCUMENTS.iter().any(|d| x == *d)) && !not_a_document(p)
}

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// What to write.
    pub formats: Formats,
    /// Worker threads.
    pub threads: usize,
    /// Skip documents whose output the manifest shows up to date.
    pub changed_only: bool,
    /// A document whose pages the self-audit finds fault with fails, and is not written.
    pub strict: bool,
    /// What the PDF is to be.
    pub pdf: PdfSettings,
    /// Append each document's archival record to the output folder's record file.
    pub metadata: Option<archive::Format>,
}

/// Renders `jobs` into `out`, which it holds locked for the while (another batch there is
/// refused, `batch::busy`); `done` hears of each document as it ends (its index, outcome and
/// time taken). Each document's manifest entry is kept as it ends, the manifest written at the
/// end.
pub fn run(
    engine: &Engine,
    jobs: &[Job],
    out: &Path,
    options: Options,
    done: &(dyn Fn(usize, &Outcome, std::time::Duration) + Sync),
) -> Result<Ran, Diagnostic> {
    let held = hold(out)?;
    // What a batch killed here before left half-written.
    let folders: std::collections::BTreeSet<&Path> = jobs.iter().map(|j| folder_of(&j.output)).collect();
    folders.into_iter().for_each(export::sweep);
    let manifest = Mutex::new(Manifest::read(out));
    let previous = manifest.lock().expect("not poisoned").clone();
    let outcomes: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    // One record written at a time, in the order documents end.
    let records = Mutex::new(());
    let records = Records { folder: out, lock: &records };
    std::thread::scope(|scope| {
        for _ in 0..options.threads.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let key = archive::relative(&job.output, out);
                    let recorded = options.changed_only.then(|| previous.tep.get(&key)).flatten();
                    let start = std::time::Instant::now();
                    let (outcome, entry) = one(engine, job, options, recorded, &records);
                    let took = start.elapsed();
                    if let Some(entry) = entry {
                        held.record(&key, &entry);
                        manifest.lock().expect("not poisoned").tep.insert(key, entry);
                    }
                    done(i, &outcome, took);
                    *outcomes[i].lock().expect("not poisoned") = Some(outcome);
                }
            });
        }
    });
    let outcomes =
        outcomes.into_iter().map(|o| o.into_inner().expect("not poisoned").expect("every job ran")).collect();
    let manifest = manifest.into_inner().expect("not poisoned").write(out);
    Ok(Ran { outcomes, manifest })
}

/// Where the archival records go, one at a time.
struct Records<'a> {
    folder: &'a Path,
    lock: &'a Mutex<()>,
}

/// Renders one document, unless `recorded` shows its output up to date; the new manifest entry
/// when written.
fn one(
    engine: &Engine,
    job: &Job,
    options: Options,
    recorded: Option<&Entry>,
    records: &Records,
) -> (Outcome, Option<Entry>) {
    let formats = options.formats;
    let attempt = || -> Result<(Outcome, Option<Entry>), Diagnostics> {
        let loaded = input::load(&job.source)?;
        let prepared = engine.prepare(&loaded)?;
        let mut fingerprint = engine.fingerprint(&prepared, options.pdf);
        fingerprint.dau_ra = format!("{formats:?}");
        if let Some(entry) = recorded
            && entry.dau_vao == fingerprint
            && (!formats.pdf || std::fs::read(&job.output).is_ok_and(|b| sha256(&b) == entry.sha256_pdf))
        {
            return Ok((Outcome::Skipped, None));
        }
        let rendered = engine.render_prepared(prepared, options.pdf)?;
        if options.strict && !rendered.audit.is_empty() {
            return Err(Diagnostics(rendered.audit));
        }
        if let Some(dir) = job.output.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Diagnostic::error(
                    "export::write",
                    format!("không tạo được thư mục {}: {}", dir.display(), io_reason(&e)),
                )
            })?;
        }
        let stale = write_outputs(&job.output, &rendered, formats)?;
        if let Some(format) = options.metadata {
            // A document that panicked while holding it left nothing half-written: one write.
            let _one_at_a_time = records.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            archive::append(records.folder, &job.output, format, &rendered.record)?;
        }
        let entry = Entry {
            nguon: job.source.display().to_string(),
            dau_vao: fingerprint,
            sha256_pdf: sha256(&rendered.pdf),
        };
        let mut audit = rendered.audit;
        audit.extend(stale);
        Ok((Outcome::Rendered { pages: rendered.document.pages().len(), audit }, Some(entry)))
    };
    isolated(|| attempt().unwrap_or_else(|errors| (Outcome::Failed(errors), None)))
}

/// Runs one document's work so that a panic inside it (a library's bug met by one document) is
/// that document's `internal::panic` failure: the batch goes on with the others.
fn isolated<T>(work: impl FnOnce() -> (Outcome, Option<T>)) -> (Outcome, Option<T>) {
    crate::diag::contained(work).unwrap_or_else(|d| {
        let d = d.hint("các văn bản khác vẫn được in; báo lỗi này cho người quản trị vanban");
        (Outcome::Failed(d.into()), None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_the_documents_failure_and_the_work_goes_on() {
        let (outcome, entry) = isolated::<()>(|| panic!("end byte index 65535 is not a char boundary"));
        let Outcome::Failed(errors) = outcome else { panic!("a failure") };
        assert_eq!(errors.0[0].code, "internal::panic");
        assert!(errors.0[0].message.contains("65535 is not a char boundary"), "{}", errors.0[0].message);
        assert!(entry.is_none());
        // The next document runs as usual.
        assert!(matches!(isolated::<()>(|| (Outcome::Skipped, None)), (Outcome::Skipped, None)));
    }
}
