//! The library's error type.

use std::fmt::{self, Display, Formatter};
use std::io;
use std::path::PathBuf;

use crate::input_error::InputError;
use crate::limits::{MAX_MARGIN_MM, MAX_OVERLAP_MM};

/// Everything that can go wrong between an answers file and a written document.
#[derive(Debug)]
pub enum Error {
    /// An input file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An answers file is not valid: where, and what to do about it.
    Input(Box<InputError>),
    /// The templates failed to compile. This is a bug in netkaart or in a changed template.
    Compile(String),
    /// Exporting the compiled document failed.
    Export(String),
    /// An output file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Fonts could not be loaded.
    Fonts(String),
    /// A setting cannot be used as it was given.
    Setting(Setting),
    /// A message of the caller's own, such as the command line's checks of its options.
    Usage(String),
}

/// A setting that cannot be used as it was given, by what is wrong with it. The library's
/// message names the setting in words; the command line names its option (`--shard`), see
/// [`Setting::message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    /// A slice of a batch that is not K/N with 1 ≤ K ≤ N.
    Shard(String),
    /// A pattern for file names that cannot be used.
    NamePattern {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it.
        problem: PatternProblem,
    },
    /// A printer margin out of range, in millimetres.
    PrinterMargin(f64),
    /// An overlap of tiled sheets out of range, in millimetres.
    Overlap(f64),
    /// PDF standards that cannot be met at once.
    Standards {
        /// The standards, as in `a-2b,a-3b`.
        names: String,
        /// Why, in Typst's words.
        reason: String,
    },
    /// PDF/A without a date to put in the file; `combined`: for the one PDF of a batch.
    NoDate {
        /// Whether it is the combined PDF, whose date no participant's answers give.
        combined: bool,
    },
    /// A document of several pages, for standard output, which takes one file.
    PagesToStdout(usize),
    /// A folder of inputs without answers files.
    EmptyFolder(PathBuf),
    /// An input that does not exist.
    NoInput(PathBuf),
}

/// What is wrong with a pattern for file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternProblem {
    /// It holds `/` or `\`.
    Separator,
    /// A `{` without `}`.
    Unclosed,
    /// A placeholder that does not exist, and the nearest one that does.
    Unknown {
        /// The placeholder, without braces.
        key: String,
        /// The one meant, when it looks like a typo.
        suggestion: Option<&'static str>,
    },
    /// Nothing but white space.
    Empty,
}

/// A setting as a message names it: the library in words ("the shard"), the command line
/// by its option ("--shard").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    /// The slice of a batch.
    Shard,
    /// The pattern for file names.
    NamePattern,
    /// The printer margin of tiled sheets.
    PrinterMargin,
    /// The overlap of tiled sheets.
    Overlap,
    /// The PDF standards.
    PdfStandard,
    /// The event file.
    Event,
    /// The folder a batch writes to.
    OutputFolder,
    /// The file a document is written to.
    OutputFile,
}

impl Name {
    /// The setting in the library's own words.
    pub fn words(self) -> &'static str {
        match self {
            Name::Shard => "the shard",
            Name::NamePattern => "the name pattern",
            Name::PrinterMargin => "the printer margin",
            Name::Overlap => "the overlap",
            Name::PdfStandard => "the PDF standards",
            Name::Event => "the event file",
            Name::OutputFolder => "the output folder",
            Name::OutputFile => "a file name",
        }
    }
}

impl Setting {
    /// The message, with each setting called what `name` calls it.
    pub fn message(&self, name: &dyn Fn(Name) -> &'static str) -> String {
        match self {
            Setting::Shard(text) => format!(
                "{} '{text}' is not K/N with 1 ≤ K ≤ N, for example 2/5 (the second of five slices)",
                name(Name::Shard)
            ),
            Setting::NamePattern { pattern, problem } => {
                let this = name(Name::NamePattern);
                match problem {
                    PatternProblem::Separator => format!(
                        "{this} '{pattern}' contains a folder separator; it names files inside {}",
                        name(Name::OutputFolder)
                    ),
                    PatternProblem::Unclosed => {
                        format!("{this} '{pattern}' has a '{{' without '}}'")
                    }
                    PatternProblem::Unknown { key, suggestion } => format!(
                        "{this} '{pattern}' uses {{{key}}}, which is not one of {{name}}, {{n}}, {{file}}, {{organisation}}, {{lang}}{}",
                        suggestion.map(|b| format!("; did you mean {{{b}}}?")).unwrap_or_default()
                    ),
                    PatternProblem::Empty => format!("{this} is empty"),
                }
            }
            Setting::PrinterMargin(mm) => format!(
                "{} {mm} is out of range; give a number of millimetres from 0 to {MAX_MARGIN_MM}",
                name(Name::PrinterMargin)
            ),
            Setting::Overlap(mm) => format!(
                "{} {mm} is out of range; give a number of millimetres from 0 to {MAX_OVERLAP_MM}",
                name(Name::Overlap)
            ),
            Setting::Standards { names, reason } => format!(
                "{} {names} cannot be combined ({reason}); choose one of them",
                name(Name::PdfStandard)
            ),
            Setting::NoDate { combined } => format!(
                "PDF/A needs the {} date, and there is none: give {}date in {}, or set SOURCE_DATE_EPOCH",
                if *combined { "combined PDF's" } else { "document's" },
                if *combined { "" } else { "person.date in the answers, " },
                name(Name::Event)
            ),
            Setting::PagesToStdout(pages) => format!(
                "the document has {pages} pages, and standard output takes one file; give {} instead",
                name(Name::OutputFile)
            ),
            Setting::EmptyFolder(dir) => {
                format!("the folder {} holds no .yaml or .yml files", dir.display())
            }
            Setting::NoInput(path) => format!(
                "the input {} does not exist; give answers files, folders of them, or a spreadsheet",
                path.display()
            ),
        }
    }
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Display for Error {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        match self {
            Error::Read { path, source } => {
                write!(f, "failed to read {} ({})", path.display(), io_reason(source))
            }
            Error::Input(err) => Display::fmt(err, f),
            Error::Compile(msg) => write!(f, "failed to compile the document\n{msg}"),
            Error::Export(msg) => write!(f, "failed to export the document ({msg})"),
            Error::Write { path, source } => {
                write!(f, "failed to write {} ({})", path.display(), io_reason(source))
            }
            Error::Fonts(msg) => write!(f, "failed to load fonts ({msg})"),
            Error::Setting(setting) => f.write_str(&setting.message(&Name::words)),
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            Error::Input(err) => Some(err.as_ref()),
            _ => None,
        }
    }
}

impl From<InputError> for Error {
    fn from(err: InputError) -> Self {
        Error::Input(Box::new(err))
    }
}

impl From<Setting> for Error {
    fn from(setting: Setting) -> Self {
        Error::Setting(setting)
    }
}

impl From<Box<InputError>> for Error {
    fn from(err: Box<InputError>) -> Self {
        Error::Input(err)
    }
}

/// An I/O error in the lowercase words of a message, without Rust's "(os error 13)".
pub(crate) fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "file or folder not found".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        io::ErrorKind::NotADirectory => "a part of the path is not a folder".into(),
        io::ErrorKind::AlreadyExists => "it already exists".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}
