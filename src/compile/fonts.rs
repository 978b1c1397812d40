//! Fonts: the bundled Liberation Serif (metric-compatible with Times New Roman), the system's
//! fonts found with fontdb (Times New Roman when installed), and folders named by the user.

use std::path::PathBuf;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{self, FontStore};

/// Liberation Serif 2.1.5, SIL OFL 1.1 (fonts/LICENSE-LiberationSerif.txt).
const BUNDLED: &[&[u8]] = &[
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Where to look for fonts besides the bundled ones.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// Search the operating system's font folders.
    pub system: bool,
    /// Extra folders, searched recursively.
    pub paths: Vec<PathBuf>,
}

impl Default for FontOptions {
    fn default() -> Self {
        Self { system: true, paths: vec![] }
    }
}

/// Builds the font store: user folders first, then system fonts, then the bundled fallback.
/// The layout asks for "Times New Roman" before "Liberation Serif", so a real Times New Roman
/// wins wherever it is installed.
pub fn load(options: &FontOptions) -> FontStore {
    let mut store = FontStore::new();
    for path in &options.paths {
        store.extend(fonts::scan(path));
    }
    let bundled: Vec<(Font, typst::text::FontInfo)> = BUNDLED
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .map(|font| {
            let info = font.info().clone();
            (font, info)
        })
        .collect();
    if options.system {
        // A system font of the bundled family is left out: Debian's fonts-liberation (1.07) has
        // the family's name without its Vietnamese letters, and lines would mix the two.
        let families: Vec<String> = bundled.iter().map(|(_, i)| i.family.clone()).collect();
        store.extend(fonts::system().filter(|(_, info)| !families.contains(&info.family)));
    }
    store.extend(bundled);
    store
}
