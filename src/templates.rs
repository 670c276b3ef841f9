//! The Typst templates and language files, embedded in the binary.

use crate::lang::Lang;
use crate::paper::{self, Orientation, Paper};

/// The virtual path at which the templates read the answers, as data.
pub const ANSWERS_PATH: &str = "/answers.json";

/// The edition of the templates, year, month and day: the date of a PDF/A when neither the
/// answers, the event file nor `SOURCE_DATE_EPOCH` give one, and of the workbook that
/// `netkaart form` writes; `netkaart --version` names it. Set anew with every change to the
/// templates or the documents' language files (`tests/it/install.rs` holds it to that).
pub const EDITION_DATE: (i32, u8, u8) = (2026, 12, 7);

/// The files of `templates/` but the language files, by their virtual paths; the templates
/// in the order the poster imports them (`Engine` parses them ahead in this order). The
/// language files come from the list of languages (`Lang::words_file`): see [`embedded`].
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
    ("/templates/comparison.typ", include_str!("../templates/comparison.typ")),
    ("/templates/compare.typ", include_str!("../templates/compare.typ")),
    ("/templates/portrait.typ", include_str!("../templates/portrait.typ")),
    ("/templates/paper.yaml", paper::SIZES_FILE),
];

/// A document that netkaart can make. What is known of each is written once, in
/// [`DOCUMENTS`]; a new document is a variant here and its row there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Template {
    /// a participant's two-page A4 handout
    Handout,
    /// the poster, blank or filled (A2, or A0 to A4)
    Poster,
    /// the handbook, generic or personalised (A4 or A5)
    Handbook,
    /// A participant's network then and now, from two answers files (A4)
    Compare,
    /// The group's portrait: a workshop's maps counted together (A4 landscape). Made by
    /// `netkaart stats`, not a kind of one participant's document.
    #[value(skip)]
    Portrait,
    /// The poster's map alone: the live preview of a workshop, on phones. Not a command's
    /// document.
    #[value(skip)]
    Map,
}

/// How a document's network map is sized: its entry of `templates/map.yaml`, scaled with
/// the paper as the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapScale {
    /// The poster's entry, the whole A2 design scaled to the sheet (A0: 2, A4: 0.5).
    Poster,
    /// Its own entry, on its one paper.
    Fixed(&'static str),
    /// Its own entry, scaled by the paper's handbook scale of `paper.yaml`.
    Handbook(&'static str),
}

/// Whether a document shows a network then and now, from an older answers file
/// (`--before`), and with the map of which document it draws the map of the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// It does not.
    Never,
    /// When given an older file: a page or chapter more.
    Optional(Template),
    /// It is the comparison: it needs the older file.
    Required(Template),
}

/// What a document is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// One participant's answers (or none: blank).
    Answers,
    /// A group's answers, counted together.
    Group,
}

/// What netkaart knows of a document.
#[derive(Debug)]
pub struct Document {
    /// The document.
    pub template: Template,
    /// A short name: default file names, PDF identifiers, the server's downloads
    /// (`poster.pdf`), the key of its title in a combined PDF (`combined_title.NAME`).
    pub name: &'static str,
    /// The virtual path of its main file.
    pub main: &'static str,
    /// The paper it is designed on, and made on unless asked otherwise.
    pub paper: Paper,
    /// The papers it takes, largest first: the poster's design scales to any A size from
    /// A0 to A4, the handbook's to an A5 booklet; the handout is A4 only.
    pub papers: &'static [Paper],
    /// Its orientation unless asked otherwise.
    pub orientation: Orientation,
    /// Whether it may be turned the other way (`--orientation`).
    pub turns: bool,
    /// Whether it takes the print shop's options: bleed, crop marks, tiling.
    pub print_shop: bool,
    /// Its network map.
    pub map: MapScale,
    /// The message key of its name: "a poster".
    pub word: &'static str,
    /// The message key of its name, several: "posters".
    pub words: &'static str,
    /// The browser's download of it: the key of the button's word, and whether a
    /// workshop's participant gets it too. `None`: not offered for download.
    pub download: Option<(&'static str, bool)>,
    /// Whether it shows the network then and now.
    pub then: Then,
    /// What it is made from.
    pub source: Source,
}

/// Every document, with its facts.
pub const DOCUMENTS: &[Document] = &[
    Document {
        template: Template::Poster,
        name: "poster",
        main: "/templates/poster.typ",
        paper: Paper::A2,
        papers: &[Paper::A0, Paper::A1, Paper::A2, Paper::A3, Paper::A4],
        orientation: Orientation::Landscape,
        turns: true,
        print_shop: true,
        map: MapScale::Poster,
        word: "cli.document.poster",
        words: "cli.documents.poster",
        download: Some(("serve.poster", true)),
        then: Then::Never,
        source: Source::Answers,
    },
    Document {
        template: Template::Handout,
        name: "handout",
        main: "/templates/handout.typ",
        paper: Paper::A4,
        papers: &[Paper::A4],
        orientation: Orientation::Portrait,
        turns: false,
        print_shop: false,
        map: MapScale::Fixed("handout"),
        word: "cli.document.handout",
        words: "cli.documents.handout",
        download: Some(("serve.handout", true)),
        then: Then::Optional(Template::Compare),
        source: Source::Answers,
    },
    Document {
        template: Template::Handbook,
        name: "handbook",
        main: "/templates/handbook.typ",
        paper: Paper::A4,
        papers: &[Paper::A4, Paper::A5],
        orientation: Orientation::Portrait,
        turns: false,
        print_shop: false,
        map: MapScale::Handbook("handbook"),
        word: "cli.document.handbook",
        words: "cli.documents.handbook",
        download: Some(("serve.handbook", false)),
        then: Then::Optional(Template::Handbook),
        source: Source::Answers,
    },
    Document {
        template: Template::Compare,
        name: "compare",
        main: "/templates/compare.typ",
        paper: Paper::A4,
        papers: &[Paper::A4],
        orientation: Orientation::Portrait,
        turns: false,
        print_shop: false,
        map: MapScale::Fixed("compare"),
        word: "cli.document.compare",
        words: "cli.documents.compare",
        download: Some(("serve.compare", false)),
        then: Then::Required(Template::Compare),
        source: Source::Answers,
    },
    Document {
        template: Template::Portrait,
        name: "portrait",
        main: "/templates/portrait.typ",
        paper: Paper::A4,
        papers: &[Paper::A4],
        orientation: Orientation::Landscape,
        turns: false,
        print_shop: false,
        map: MapScale::Fixed("portrait"),
        word: "cli.document.portrait",
        words: "cli.documents.portrait",
        download: None,
        then: Then::Never,
        source: Source::Group,
    },
    Document {
        template: Template::Map,
        name: "map",
        main: "/templates/map-preview.typ",
        paper: Paper::A2,
        papers: &[Paper::A2],
        orientation: Orientation::Landscape,
        turns: false,
        print_shop: false,
        map: MapScale::Poster,
        word: "cli.document.poster",
        words: "cli.documents.poster",
        download: None,
        then: Then::Never,
        source: Source::Answers,
    },
];

impl Template {
    /// Every document, in the order of [`DOCUMENTS`].
    pub fn all() -> impl Iterator<Item = Template> {
        DOCUMENTS.iter().map(|d| d.template)
    }

    /// Its facts.
    pub fn document(self) -> &'static Document {
        DOCUMENTS.iter().find(|d| d.template == self).expect("every document has its row")
    }

    /// The virtual path of the template's main file.
    pub fn main_path(self) -> &'static str {
        self.document().main
    }

    /// The papers it is designed for, largest first.
    pub fn papers(self) -> &'static [Paper] {
        self.document().papers
    }

    /// The paper it is designed on, and made on unless asked otherwise.
    pub fn paper(self) -> Paper {
        self.document().paper
    }

    /// A short name, used in default file names and PDF identifiers.
    pub fn name(self) -> &'static str {
        self.document().name
    }
}

/// Every embedded file by its virtual path: [`FILES`], then each language's file.
pub fn embedded() -> impl Iterator<Item = (String, &'static str)> {
    let files = FILES.iter().map(|(path, text)| (path.to_string(), *text));
    files.chain(Lang::ALL.iter().map(|l| (l.words_path(), l.words_file())))
}

/// The text of an embedded file.
pub fn file(path: &str) -> Option<&'static str> {
    let template = FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text);
    template.or_else(|| Lang::ALL.iter().find(|l| l.words_path() == path).map(|l| l.words_file()))
}

/// The entry at a dotted path (`steps.why.title`) of a parsed language or message file;
/// `Null` where there is none.
pub fn at<'a>(words: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    path.split('.').fold(words, |node, part| &node[part])
}

/// The language file of `lang`, parsed once, when first asked for (a document needs only
/// its own): the words a reader sees.
pub fn words(lang: Lang) -> &'static serde_json::Value {
    static PARSED: [std::sync::OnceLock<serde_json::Value>; crate::lang::COUNT] =
        [const { std::sync::OnceLock::new() }; crate::lang::COUNT];
    PARSED[lang.index()].get_or_init(|| {
        serde_saphyr::from_str(lang.words_file())
            .expect("the embedded language files are valid YAML")
    })
}

/// `text` after its `label` as the language file `words` joins them ("Met wie: An",
/// "Avec qui : An"): the language's own punctuation.
pub fn labelled(words: &serde_json::Value, label: &str, text: &str) -> String {
    let pattern = words["labelled"].as_str().expect("every language file has `labelled`");
    pattern.replace("{label}", label).replace("{text}", text)
}
