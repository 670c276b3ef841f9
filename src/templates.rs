//! The Typst templates and language files, embedded in the binary.

use crate::lang::Lang;
use crate::paper::{self, Paper};

/// The virtual path at which the templates read the answers, as data.
pub const ANSWERS_PATH: &str = "/answers.json";

/// The edition of the templates, year, month and day: the date of a PDF/A when neither the
/// answers, the event file nor `SOURCE_DATE_EPOCH` give one, and of the workbook that
/// `netkaart form` writes. Set anew for each release that changes the templates.
pub const EDITION_DATE: (i32, u8, u8) = (2026, 12, 1);

/// Every file of `templates/`, by its virtual path; the templates in the order the poster
/// imports them (`Engine` parses them ahead in this order).
pub const FILES: &[(&str, &str)] = &[
    ("/templates/theme.typ", include_str!("../templates/theme.typ")),
    ("/templates/data.typ", include_str!("../templates/data.typ")),
    ("/templates/poster.typ", include_str!("../templates/poster.typ")),
    ("/templates/poster-sheet.typ", include_str!("../templates/poster-sheet.typ")),
    ("/templates/poster-design.typ", include_str!("../templates/poster-design.typ")),
    ("/templates/brand.typ", include_str!("../templates/brand.typ")),
    ("/templates/map.typ", include_str!("../templates/map.typ")),
    ("/templates/map.yaml", include_str!("../templates/map.yaml")),
    ("/templates/map-preview.typ", include_str!("../templates/map-preview.typ")),
    ("/templates/tiles.typ", include_str!("../templates/tiles.typ")),
    ("/templates/handbook.typ", include_str!("../templates/handbook.typ")),
    ("/templates/handout.typ", include_str!("../templates/handout.typ")),
    ("/templates/paper.yaml", paper::SIZES_FILE),
    ("/templates/lang/nl.yaml", include_str!("../templates/lang/nl.yaml")),
    ("/templates/lang/en.yaml", include_str!("../templates/lang/en.yaml")),
];

/// A document that netkaart can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Template {
    /// a participant's two-page A4 handout
    Handout,
    /// the poster, blank or filled (A2, or A0 to A4)
    Poster,
    /// the handbook, generic or personalised (A4 or A5)
    Handbook,
    /// The poster's map alone: the live preview of a workshop, on phones. Not a command's
    /// document.
    #[value(skip)]
    Map,
}

impl Template {
    /// The virtual path of the template's main file.
    pub fn main_path(self) -> &'static str {
        match self {
            Template::Poster => "/templates/poster.typ",
            Template::Handbook => "/templates/handbook.typ",
            Template::Handout => "/templates/handout.typ",
            Template::Map => "/templates/map-preview.typ",
        }
    }

    /// The papers it is designed for, largest first: the poster's design scales to any A
    /// size from A0 to A4, the handbook's to an A5 booklet; the handout is A4 only.
    pub fn papers(self) -> &'static [Paper] {
        match self {
            Template::Poster => &[Paper::A0, Paper::A1, Paper::A2, Paper::A3, Paper::A4],
            Template::Map => &[Paper::A2],
            Template::Handbook => &[Paper::A4, Paper::A5],
            Template::Handout => &[Paper::A4],
        }
    }

    /// The paper it is designed on, and made on unless asked otherwise.
    pub fn paper(self) -> Paper {
        match self {
            Template::Poster | Template::Map => Paper::A2,
            Template::Handbook | Template::Handout => Paper::A4,
        }
    }

    /// A short name, used in default file names and PDF identifiers.
    pub fn name(self) -> &'static str {
        match self {
            Template::Poster => "poster",
            Template::Handbook => "handbook",
            Template::Handout => "handout",
            Template::Map => "map",
        }
    }
}

/// The text of an embedded file.
pub fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// The entry at a dotted path (`steps.why.title`) of a parsed language or message file;
/// `Null` where there is none.
pub fn at<'a>(words: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    path.split('.').fold(words, |node, part| &node[part])
}

/// The language file of `lang`, parsed (once): the words a reader sees.
pub fn words(lang: Lang) -> serde_json::Value {
    // Each parsed when it is first asked for: a document needs only its own.
    static PARSED: [std::sync::OnceLock<serde_json::Value>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    PARSED[usize::from(lang == Lang::En)]
        .get_or_init(|| {
            let path = format!("/templates/lang/{}.yaml", lang.code());
            let text = file(&path).expect("every language has a language file");
            serde_saphyr::from_str(text).expect("the embedded language files are valid YAML")
        })
        .clone()
}
