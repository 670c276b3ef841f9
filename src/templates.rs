//! The Typst templates and language files, embedded in the binary.

use crate::answers::Lang;

/// The virtual path at which the templates read the answers, as data.
pub const ANSWERS_PATH: &str = "/answers.json";

/// Every file of `templates/`, by its virtual path.
pub const FILES: &[(&str, &str)] = &[
    ("/templates/theme.typ", include_str!("../templates/theme.typ")),
    ("/templates/data.typ", include_str!("../templates/data.typ")),
    ("/templates/map.typ", include_str!("../templates/map.typ")),
    ("/templates/brand.typ", include_str!("../templates/brand.typ")),
    ("/templates/poster.typ", include_str!("../templates/poster.typ")),
    ("/templates/poster-sheet.typ", include_str!("../templates/poster-sheet.typ")),
    ("/templates/poster-design.typ", include_str!("../templates/poster-design.typ")),
    ("/templates/tiles.typ", include_str!("../templates/tiles.typ")),
    ("/templates/handbook.typ", include_str!("../templates/handbook.typ")),
    ("/templates/handout.typ", include_str!("../templates/handout.typ")),
    ("/templates/lang/nl.yaml", include_str!("../templates/lang/nl.yaml")),
    ("/templates/lang/en.yaml", include_str!("../templates/lang/en.yaml")),
];

/// A document that netkaart can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// The A2 poster, blank or filled.
    Poster,
    /// The A4 handbook, generic or personalised.
    Handbook,
    /// The personalised two-page A4 handout of a workshop.
    Handout,
}

impl Template {
    /// The virtual path of the template's main file.
    pub fn main_path(self) -> &'static str {
        match self {
            Template::Poster => "/templates/poster.typ",
            Template::Handbook => "/templates/handbook.typ",
            Template::Handout => "/templates/handout.typ",
        }
    }

    /// A short name, used in default file names and PDF identifiers.
    pub fn name(self) -> &'static str {
        match self {
            Template::Poster => "poster",
            Template::Handbook => "handbook",
            Template::Handout => "handout",
        }
    }
}

/// The text of an embedded file.
pub fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// The language file of `lang`, parsed: the words a reader sees.
pub fn words(lang: Lang) -> serde_json::Value {
    let path = format!("/templates/lang/{}.yaml", lang.code());
    let text = file(&path).expect("every language has a language file");
    serde_saphyr::from_str(text).expect("the embedded language files are valid YAML")
}
