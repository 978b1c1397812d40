//! The rendering engine: fonts and the Typst library loaded once, then any number of
//! documents rendered in the same process, reusing Typst's caches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::archive::Record;
use crate::check::audit::audit;
use crate::check::check_data;
use crate::compile::fonts::{self, FontOptions};
use crate::compile::world::{Loader, VanbanWorld};
use crate::compile::{self, compile, memory_files};
use crate::diag::Fix;
use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::export::{self, PdfA};
use crate::fingerprint::{Fingerprint, sha256, sha256_parts};
use crate::input::{self, Loaded};
use crate::inspect::inspect;
use crate::model::date::Date;
use crate::model::document::Document;
use crate::rules::derive::{View, derive};
use crate::rules::ruleset::Ruleset;
use crate::rules::select::select;
use crate::sign::SignBox;
use unicode_normalization::UnicodeNormalization;

/// How to build an engine.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Where to find fonts.
    pub fonts: FontOptions,
    /// A folder whose layout files replace the embedded ones of the same name.
    pub layouts: Option<PathBuf>,
    /// What the command read from the clock and the environment.
    pub clock: Clock,
}

/// What the command reads from the clock and the environment and hands to the library, which
/// reads neither: the same input then gives the same output on any machine and any day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    /// Today in Vietnam (UTC+07:00), which signing dates far ahead of are flagged; none, and
    /// they are not.
    pub today: Option<Date>,
    /// The PDF's creation time, seconds since 1970 (`SOURCE_DATE_EPOCH`, as reproducible
    /// builds set it); none, and it is the document's date at midnight in Vietnam.
    pub source_date_epoch: Option<i64>,
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The ruleset used.
    pub ruleset: String,
    /// Warnings; the document was produced anyway.
    pub warnings: Vec<Diagnostic>,
    /// Findings of the self-audit of the pages.
    pub audit: Vec<Diagnostic>,
    /// The boxes of the signatures, seals and blanks to stamp.
    pub boxes: Vec<SignBox>,
    /// The archival record (its file name empty: the writer knows it).
    pub record: Record,
}

/// What the PDF is to be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfSettings {
    /// An archival standard.
    pub pdf_a: Option<PdfA>,
    /// Empty signature fields on the signature and seal boxes.
    pub sig_fields: bool,
}

/// Holds what every render shares.
pub struct Engine {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// The digest of the fonts' list, for fingerprints: made when a batch first asks, not at
    /// every start-up.
    fonts_sha256: OnceLock<String>,
    layouts: Option<PathBuf>,
    clock: Clock,
}

impl Engine {
    /// Loads fonts and the Typst library.
    pub fn new(options: EngineOptions) -> Self {
        Self {
            library: LazyHash::new(Library::default()),
            fonts: fonts::load(&options.fonts),
            fonts_sha256: OnceLock::new(),
            layouts: options.layouts,
            clock: options.clock,
        }
    }

    /// What the command read from the clock and the environment.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The digest of the faces the engine has (family, variant, flags of each).
    fn fonts_sha256(&self) -> &str {
        self.fonts_sha256.get_or_init(|| {
            let book = self.fonts.book();
            let faces: Vec<String> = (0..)
                .map_while(|i| book.info(i))
                .map(|f| format!("{}|{:?}|{:?}", f.family, f.variant, f.flags))
                .collect();
            sha256(faces.join("\n").as_bytes())
        })
    }

    /// A document prepared once for every use a command makes of it: its ruleset selected,
    /// its printed strings derived, the layout files read.
    pub fn prepare<'a>(&self, loaded: &'a Loaded) -> Result<Prepared<'a>, Diagnostics> {
        let (ruleset, warnings) = select(&loaded.document, &loaded.source)?;
        let installed = |family: &str| self.fonts.book().contains_family(&family.to_lowercase());
        let view = derive(&loaded.document, ruleset, &loaded.source, installed)?;
        let layouts = compile::layout_files(self.layouts.as_deref())?;
        Ok(Prepared { loaded, ruleset, warnings, view, layouts })
    }

    /// What the output of a document depends on, without laying it out.
    pub fn fingerprint(&self, prepared: &Prepared, settings: PdfSettings) -> Fingerprint {
        let (loaded, rules) = (prepared.loaded, prepared.ruleset);
        let rules_json = serde_json::to_vec(&rules.data).expect("a TOML table serializes as JSON");
        Fingerprint {
            sha256_nguon: source_sha256(&loaded.source),
            sha256_bo_cuc: sha256_parts(prepared.layouts.iter().map(|(n, b)| (*n, b.as_slice()))),
            sha256_quy_tac: sha256_parts([(rules.id.as_str(), rules_json.as_slice())]),
            sha256_phong_chu: self.fonts_sha256().to_owned(),
            phien_ban: env!("CARGO_PKG_VERSION").to_owned(),
            pdf: format!("{settings:?}"),
            sha256_anh: images_sha256(loaded),
            dau_ra: String::new(),
        }
    }

    /// Reads, lays out and exports the document at `path`.
    pub fn render(&self, path: &Path) -> Result<Rendered, Diagnostics> {
        self.render_loaded(&input::load(path)?)
    }

    /// Lays out and exports a document already read.
    pub fn render_loaded(&self, loaded: &Loaded) -> Result<Rendered, Diagnostics> {
        self.render_with(loaded, PdfSettings::default())
    }

    /// Lays out and exports a document already read, into the PDF `settings` ask for.
    pub fn render_with(&self, loaded: &Loaded, settings: PdfSettings) -> Result<Rendered, Diagnostics> {
        self.render_prepared(self.prepare(loaded)?, settings)
    }

    /// Lays out and exports a prepared document, into the PDF `settings` ask for.
    pub fn render_prepared(
        &self,
        prepared: Prepared,
        settings: PdfSettings,
    ) -> Result<Rendered, Diagnostics> {
        let loaded = prepared.loaded;
        let laid = self.lay_out(prepared)?;
        let boxes = crate::sign::boxes(&laid.document);
        let pdf = laid.pdf(loaded.document.ngay, self.clock.source_date_epoch, &boxes, settings)?;
        let audit = laid.audit();
        let record = laid.record(&loaded.document, &pdf);
        Ok(Rendered {
            document: laid.document,
            pdf,
            ruleset: laid.ruleset.id.clone(),
            warnings: laid.warnings,
            audit,
            boxes,
            record,
        })
    }

    /// Checks a document: the data checks, then (with `audit`) the self-audit of its layout.
    pub fn check(&self, loaded: &Loaded, audit: bool) -> Result<Vec<Diagnostic>, Diagnostics> {
        let prepared = self.prepare(loaded)?;
        let rules = prepared.ruleset;
        // The layout's warnings hold the selection's.
        let mut findings = if audit {
            let laid = self.lay_out(prepared)?;
            let audit = laid.audit();
            [laid.warnings, audit].concat()
        } else {
            prepared.warnings
        };
        findings.extend(check_data(loaded, rules, self.clock.today));
        Ok(findings)
    }

    /// The text of the document at `path` with the safe fixes of its data findings applied:
    /// Unicode NFC first, then case, authority prefixes, titles and spaces. Returns the text as
    /// read and as fixed.
    pub fn fixed(&self, path: &Path) -> Result<(String, String), Diagnostics> {
        let original = crate::input::source::read(path)?;
        let loaded = input::loaded(SourceFile::new(path, original.text.nfc().collect()))?;
        let findings = self.check(&loaded, false)?;
        let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_deref()).collect();
        Ok((original.text, Fix::apply_all(&loaded.source.text, &fixes)))
    }

    /// The files the layout reads (layouts, ruleset, the document's data) by their path in the
    /// Typst project, to compile the same document with the Typst CLI (`--root` the folder they
    /// are written into, main file `.vanban/layouts/main.typ`).
    pub fn typst_files(&self, prepared: &Prepared) -> BTreeMap<String, Bytes> {
        let data = serde_json::to_vec(&prepared.view).expect("the view serializes");
        memory_files(data, prepared.ruleset, &prepared.layouts)
    }

    /// Lays out a document: derive with its ruleset and compile ([`Laid::audit`] audits the pages).
    pub fn layout<'a>(&self, loaded: &'a Loaded) -> Result<Laid<'a>, Diagnostics> {
        self.lay_out(self.prepare(loaded)?)
    }

    /// Lays out a prepared document.
    pub fn lay_out<'a>(&self, prepared: Prepared<'a>) -> Result<Laid<'a>, Diagnostics> {
        let Prepared { loaded, ruleset: rules, mut warnings, view, layouts } = prepared;
        let src = &loaded.source;
        let data = serde_json::to_vec(&view).expect("the view serializes");
        // The PDF's identifier comes from what is printed, not from the source's syntax.
        let ident = sha256_parts([("du_lieu", data.as_slice()), ("quy_tac", rules.id.as_bytes())]);
        let dir = src.dir();
        let root = dir.canonicalize().map_err(|e| {
            Diagnostic::error(
                "input::folder",
                format!("không mở được thư mục {}: {}", dir.display(), crate::diag::io_reason(&e)),
            )
        })?;
        let mut world = VanbanWorld::new(
            &self.library,
            &self.fonts,
            Loader::new(root, memory_files(data, rules, &layouts)),
        );
        let (document, layout_warnings) = compile(&world)?;
        warnings.extend(layout_warnings);
        let mut files = world.read_files();
        files.extend(src.others().map(|(_, profile)| profile.path.clone()));
        Ok(Laid { document, ruleset: rules, warnings, ident, files, view })
    }
}

/// A document read, its ruleset selected and its printed strings derived, with the layout
/// files it will be compiled with: made once ([`Engine::prepare`]) and used by the
/// fingerprint, the Typst project and the layout.
pub struct Prepared<'a> {
    loaded: &'a Loaded,
    /// The ruleset selected.
    pub ruleset: &'static Ruleset,
    /// The selection's warnings.
    pub warnings: Vec<Diagnostic>,
    view: View<'a>,
    layouts: Vec<(&'static str, Bytes)>,
}

impl Prepared<'_> {
    /// The number and code as printed after `Số` (`05-BC/ĐU`; the number blank before issue).
    pub fn so_ky_hieu(&self) -> String {
        let n = &self.view.so_ky_hieu;
        format!("{}{}", n.so.as_deref().unwrap_or_default(), n.sau)
    }
}

/// A laid-out document with what was found on the way.
pub struct Laid<'a> {
    /// The pages.
    pub document: PagedDocument,
    /// The ruleset used.
    pub ruleset: &'static Ruleset,
    /// Warnings of selection and layout.
    pub warnings: Vec<Diagnostic>,
    /// A digest of the printed data and the ruleset, for the PDF's identifier.
    pub ident: String,
    /// The files of the document's folder the compile read (its images), and the office
    /// profiles it inherits from: what a watch watches.
    pub files: Vec<PathBuf>,
    /// The printed strings the pages were laid out from.
    view: View<'a>,
}

impl Laid<'_> {
    /// Findings of the self-audit of the pages.
    pub fn audit(&self) -> Vec<Diagnostic> {
        audit(&inspect(&self.document), &self.view, self.ruleset)
    }

    /// The PDF of these pages dated `date` (made at `epoch` when given, [`Clock`]), as
    /// `settings` ask; `boxes` are the pages' boxes ([`crate::sign::boxes`]), for the signature
    /// fields.
    pub fn pdf(
        &self,
        date: Date,
        epoch: Option<i64>,
        boxes: &[SignBox],
        settings: PdfSettings,
    ) -> Result<Vec<u8>, Diagnostics> {
        let pdf = export::pdf(&self.document, date, epoch, &self.ident, settings.pdf_a)?;
        if !settings.sig_fields {
            return Ok(pdf);
        }
        let signable: Vec<&SignBox> =
            boxes.iter().filter(|b| b.loai == "chu_ky" || b.loai == "dau").collect();
        Ok(crate::sign::fields::add(&pdf, &signable).map_err(|e| {
            Diagnostic::error("export::sig_fields", format!("không thêm được ô chữ ký vào PDF: {e}"))
        })?)
    }

    /// The archival record of `doc` laid out as these pages, its PDF `pdf`.
    fn record(&self, doc: &Document, pdf: &[u8]) -> Record {
        let n = &self.view.so_ky_hieu;
        let kind = self.ruleset.loai.get(&doc.loai).map_or(doc.loai.clone(), |k| k.ten.clone());
        Record {
            so: n.so.clone().unwrap_or_default(),
            ky_hieu: n.sau.trim_start_matches(['-', '/']).to_owned(),
            ngay: doc.ngay.to_string(),
            co_quan: doc.co_quan.ten.clone(),
            ten_loai: kind,
            trich_yeu: doc.trich_yeu.split_whitespace().collect::<Vec<_>>().join(" "),
            nguoi_ky: doc.ky.ho_ten.clone(),
            do_mat: self.view.do_mat.as_ref().map_or(String::new(), |m| m.chu.to_owned()),
            so_trang: self.document.pages().len(),
            ten_tep: String::new(),
            ngon_ngu: self.ruleset.phong.ngon_ngu.clone(),
            quy_tac: self.ruleset.id.clone(),
            sha256: sha256(pdf),
        }
    }
}

/// The digest of the images `loaded` places, by path, with their bytes (a missing one as
/// empty: the render reports it).
fn images_sha256(loaded: &Loaded) -> String {
    let doc = &loaded.document;
    let mut srcs = vec![];
    let appendices = doc.phu_luc.iter().flat_map(|a| &a.body);
    doc.body.iter().chain(appendices).for_each(|b| {
        b.walk(&mut |x| {
            if let crate::model::body::Block::Image { src, .. } = x {
                srcs.push(src.as_str());
            }
        })
    });
    srcs.sort_unstable();
    srcs.dedup();
    let dir = loaded.source.dir();
    // What the compile would refuse (not a regular file, too large) counts as empty.
    let read = |s: &str| {
        crate::input::source::read_regular(&dir.join(s.trim_start_matches('/'))).unwrap_or_default()
    };
    let files: Vec<(&str, Vec<u8>)> = srcs.into_iter().map(|s| (s, read(s))).collect();
    sha256_parts(files.iter().map(|(s, b)| (*s, b.as_slice())))
}

/// The SHA-256 of a document's source: its text, and with it the texts of the office profiles
/// it inherits from, root first, when there are any (not their paths, which depend on where the
/// command was run).
pub fn source_sha256(src: &SourceFile) -> String {
    if src.others().next().is_none() {
        return sha256(src.text.as_bytes());
    }
    let profiles = src.others().map(|(_, f)| ("ho_so", f.text.as_bytes()));
    sha256_parts(std::iter::once(("", src.text.as_bytes())).chain(profiles))
}
