//! The Typst world vanban compiles in: layouts, rulesets and the document's data served from
//! memory under `/.vanban/`, the document's own folder as the project root (images), no
//! packages, no network, nothing read outside that folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

use crate::input::source::read_regular;

/// Prefix of the in-memory files: layouts, rulesets and `data.json`.
pub const INTERNAL: &str = "/.vanban/";

/// The virtual path of the resolved ruleset.
pub const RULES: &str = "/.vanban/rules.json";

/// The virtual path of the document's data.
pub const DATA: &str = "/.vanban/data.json";

/// The entry layout.
pub const MAIN: &str = "/.vanban/layouts/main.typ";

/// A file id in the project root, for vanban's own fixed paths (panics on a path that
/// escapes the root).
pub fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid virtual path")).intern()
}

/// Serves one compile's files.
pub struct Loader {
    /// The document's folder, canonical.
    root: PathBuf,
    /// In-memory files by virtual path.
    memory: BTreeMap<String, Bytes>,
}

impl Loader {
    /// A loader for the document folder `root` with the in-memory files `memory`.
    pub fn new(root: PathBuf, memory: BTreeMap<String, Bytes>) -> Self {
        Self { root, memory }
    }
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if id.root() != &VirtualRoot::Project {
            return Err(FileError::Other(Some("vanban không dùng gói Typst (package)".into())));
        }
        let vpath = id.vpath().get_with_slash();
        if vpath.starts_with(INTERNAL) {
            return self.memory.get(vpath).cloned().ok_or_else(|| FileError::NotFound(vpath.into()));
        }
        let path = id.vpath().realize(&self.root)?;
        let f = |e| FileError::from_io(e, &path);
        // Symbolic links may not lead out of the document's folder.
        let real = path.canonicalize().map_err(f)?;
        if !real.starts_with(&self.root) {
            return Err(FileError::AccessDenied);
        }
        read_regular(&real).map(Bytes::new)
    }
}

/// A world for one document: shared library and fonts, its own files.
pub struct VanbanWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a FontStore,
    files: FileStore<Loader>,
    main: FileId,
}

impl<'a> VanbanWorld<'a> {
    /// A world over `loader`, starting at the entry layout.
    pub fn new(library: &'a LazyHash<Library>, fonts: &'a FontStore, loader: Loader) -> Self {
        Self { library, fonts, files: FileStore::new(loader), main: file_id(MAIN) }
    }

    /// The document's folder.
    pub fn root(&self) -> &Path {
        &self.files.loader().root
    }

    /// The files of the document's folder the compile read (its images), sorted.
    pub fn read_files(&mut self) -> Vec<PathBuf> {
        let (loader, ids) = self.files.dependencies();
        let mut files: Vec<PathBuf> = ids
            .filter(|id| {
                id.root() == &VirtualRoot::Project && !id.vpath().get_with_slash().starts_with(INTERNAL)
            })
            .filter_map(|id| id.vpath().realize(&loader.root).ok())
            .collect();
        files.sort();
        files
    }
}

impl World for VanbanWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// No clock: the output must not depend on when it was made.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
