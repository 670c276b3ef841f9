//! The Typst `World` of one document: the embedded templates, the answers (and the event
//! and its logo) as data at fixed paths, the loaded fonts, and nothing else: no packages,
//! no other files.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::event::{EVENT_PATH, LOGO_PATH};
use crate::fonts::Fonts;
use crate::templates::{self, ANSWERS_PATH};

/// A project path as an interned id. The set of paths is fixed, so the global interner
/// (capped at 65,536 ids) never grows with the number of documents.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the embedded paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The templates, each parsed the first time a document asks for it (a poster never
/// needs the handbook) and then shared by every document.
pub(crate) struct Sources {
    sources: HashMap<FileId, (&'static str, OnceLock<Source>)>,
    files: HashMap<FileId, Bytes>,
    answers: FileId,
    event: FileId,
    logo: FileId,
}

impl Sources {
    pub(crate) fn new() -> Self {
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (path, text) in templates::embedded() {
            let id = file_id(&path);
            if path.ends_with(".typ") {
                sources.insert(id, (text, OnceLock::new()));
            }
            files.insert(id, Bytes::new(text.as_bytes()));
        }
        Sources {
            sources,
            files,
            answers: file_id(ANSWERS_PATH),
            event: file_id(EVENT_PATH),
            logo: file_id(LOGO_PATH),
        }
    }

    /// Parses every template, in the order the documents import them.
    pub(crate) fn parse_all(&self) {
        for (path, _) in templates::FILES.iter().filter(|(p, _)| p.ends_with(".typ")) {
            self.source(file_id(path));
        }
    }

    fn source(&self, id: FileId) -> Option<Source> {
        let (text, parsed) = self.sources.get(&id)?;
        Some(parsed.get_or_init(|| Source::new(id, text.to_string())).clone())
    }
}

/// Everything one compilation sees.
pub(crate) struct NetWorld<'a> {
    pub(crate) library: Arc<LazyHash<Library>>,
    pub(crate) fonts: &'a Fonts,
    pub(crate) sources: &'a Sources,
    pub(crate) main: FileId,
    pub(crate) answers: Bytes,
    pub(crate) event: Option<Bytes>,
    pub(crate) logo: Option<Bytes>,
    pub(crate) today: Option<Datetime>,
}

impl NetWorld<'_> {
    fn check_root(id: FileId) -> FileResult<()> {
        match id.root() {
            VirtualRoot::Project => Ok(()),
            VirtualRoot::Package(spec) => Err(FileError::Package(PackageError::Other(Some(
                format!("packages such as {spec} are not available: netkaart uses only its own templates")
                    .into(),
            )))),
        }
    }
}

impl World for NetWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        Self::check_root(id)?;
        match self.sources.source(id) {
            Some(source) => Ok(source),
            None if self.sources.files.contains_key(&id)
                || [self.sources.answers, self.sources.event, self.sources.logo].contains(&id) =>
            {
                Err(FileError::NotSource)
            }
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Self::check_root(id)?;
        if id == self.sources.answers {
            return Ok(self.answers.clone());
        }
        let extra = if id == self.sources.event {
            Some(&self.event)
        } else if id == self.sources.logo {
            Some(&self.logo)
        } else {
            None
        };
        if let Some(extra) = extra {
            return extra.clone().ok_or_else(|| not_found(id));
        }
        self.sources.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::LibraryExt;

    /// Compiles a probe document in a netkaart world and returns its errors.
    fn errors_of(text: &'static str) -> Vec<String> {
        let mut sources = Sources::new();
        let id = file_id("/probe.typ");
        sources.sources.insert(id, (text, OnceLock::new()));
        let fonts = Fonts::embedded();
        let world = NetWorld {
            library: Arc::new(LazyHash::new(Library::builder().build())),
            fonts: &fonts,
            sources: &sources,
            main: id,
            answers: Bytes::new(b"{\"version\": 1}".to_vec()),
            event: None,
            logo: None,
            today: None,
        };
        match typst::compile::<typst_layout::PagedDocument>(&world).output {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.message.to_string()).collect(),
        }
    }

    #[test]
    fn packages_are_refused_with_a_reason() {
        let errors = errors_of("#import \"@preview/cetz:0.3.4\": canvas\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("not available: netkaart uses only its own templates"));
    }

    #[test]
    fn only_the_templates_and_the_data_can_be_read() {
        assert_eq!(
            errors_of("#json(\"/answers.json\")\n#read(\"/templates/data.typ\")"),
            Vec::<String>::new()
        );
        for probe in [
            "#read(\"/etc/passwd\")",
            "#read(\"../../../../etc/passwd\")",
            "#read(\"/src/main.rs\")",
            "#read(\"/templates/../Cargo.toml\")",
            "#image(\"/event-logo\")",
            "#json(\"/event.json\")",
            "#include \"/answers.json\"",
        ] {
            let errors = errors_of(Box::leak(probe.to_string().into_boxed_str()));
            assert_eq!(errors.len(), 1, "{probe}: {errors:?}");
        }
    }

    #[test]
    fn no_system_font_is_loaded() {
        let fonts = Fonts::embedded();
        let families: std::collections::BTreeSet<String> =
            fonts.book().families().map(|(name, _)| name.to_lowercase()).collect();
        let expected: std::collections::BTreeSet<String> =
            ["dejavu sans", "noto emoji", "noto sans arabic", "source sans 3"]
                .into_iter()
                .map(String::from)
                .collect();
        assert_eq!(families, expected);
    }
}
