//! Fonts: the faces embedded in the binary, optional folders of the user's, and a check that
//! every character of the answers can be drawn (Typst itself silently draws empty boxes).

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::error::{Error, Result};

/// The embedded faces: the text face first, then the fallbacks in the order Typst tries them.
pub(crate) const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../fonts/SourceSans3_400Regular.ttf"),
    include_bytes!("../fonts/SourceSans3_400Regular_Italic.ttf"),
    include_bytes!("../fonts/SourceSans3_600SemiBold.ttf"),
    include_bytes!("../fonts/SourceSans3_700Bold.ttf"),
    include_bytes!("../fonts/NotoSansArabic_400Regular.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/NotoEmoji_400Regular.ttf"),
];

/// The fonts a document may use.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Only the embedded fonts: the same output on every machine.
    pub fn embedded() -> Self {
        Self::from_fonts(embedded_fonts())
    }

    /// The embedded fonts and, after them, every font found in `dirs` (searched recursively).
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Self> {
        let mut fonts = embedded_fonts();
        for dir in dirs {
            fonts.extend(load_dir(dir)?);
        }
        Ok(Self::from_fonts(fonts))
    }

    fn from_fonts(fonts: Vec<Font>) -> Self {
        let book = FontBook::from_fonts(&fonts);
        Fonts { book: LazyHash::new(book), fonts }
    }

    /// The font book that Typst selects faces from.
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// A font by its index in the book.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        (0..self.fonts.len())
            .filter_map(|i| self.book.info(i))
            .any(|info| info.coverage.contains(c as u32))
    }

    /// The characters of `text` that no loaded font can draw, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            // Controls, joiners and variation selectors are not drawn as glyphs.
            if c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
            {
                continue;
            }
            if !out.contains(&c) && !self.covers(c) {
                out.push(c);
            }
        }
        out
    }
}

fn embedded_fonts() -> Vec<Font> {
    EMBEDDED.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect()
}

fn load_dir(dir: &Path) -> Result<Vec<Font>> {
    let meta = std::fs::metadata(dir).map_err(|source| Error::Read { path: dir.into(), source })?;
    if !meta.is_dir() {
        return Err(Error::Fonts(format!("{} is not a folder", dir.display())));
    }
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(dir);
    // Sorted, so that the same folder always gives the same book.
    let mut faces: Vec<(PathBuf, u32)> = db
        .faces()
        .filter_map(|face| match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                Some((path.clone(), face.index))
            }
            fontdb::Source::Binary(_) => None,
        })
        .collect();
    faces.sort();
    faces.dedup();
    let mut fonts = Vec::new();
    let mut last: Option<(PathBuf, Bytes)> = None;
    for (path, index) in faces {
        let data = match &last {
            Some((p, data)) if *p == path => data.clone(),
            _ => {
                let bytes = std::fs::read(&path)
                    .map_err(|source| Error::Read { path: path.clone(), source })?;
                let data = Bytes::new(bytes);
                last = Some((path.clone(), data.clone()));
                data
            }
        };
        if let Some(font) = Font::new(data, index) {
            fonts.push(font);
        }
    }
    Ok(fonts)
}

/// Describes characters for a message: `'☃' (U+2603)`.
pub fn describe(chars: &[char]) -> String {
    chars.iter().map(|c| format!("'{c}' (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ")
}
