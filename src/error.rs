//! The library's error type.

use std::fmt::{self, Display, Formatter};
use std::io;
use std::path::PathBuf;

use crate::input_error::{InputError, thousands};
use crate::limits::{MAX_MARGIN_MM, MAX_OVERLAP_MM, MAX_PARTICIPANTS};
use crate::messages::Message;
pub use crate::problem::Remedy;

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
    /// The operating system gave no random numbers (for a workshop's private links and
    /// key): why, in its words.
    Random(String),
    /// A setting cannot be used as it was given.
    Setting(Setting),
    /// A message of the caller's own, such as the command line's checks of its options.
    Usage(Message),
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
    /// More participants in the inputs than one batch takes: how many were read.
    Participants(usize),
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
pub enum SettingName {
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

impl SettingName {
    /// The setting in the library's own words.
    pub fn described(self) -> Message {
        Message::new(match self {
            SettingName::Shard => "setting.name.shard",
            SettingName::NamePattern => "setting.name.pattern",
            SettingName::PrinterMargin => "setting.name.printer_margin",
            SettingName::Overlap => "setting.name.overlap",
            SettingName::PdfStandard => "setting.name.standards",
            SettingName::Event => "setting.name.event",
            SettingName::OutputFolder => "setting.name.output_folder",
            SettingName::OutputFile => "setting.name.output_file",
        })
    }
}

impl Setting {
    /// The message, with each setting called what `name` calls it.
    pub fn message(&self, name: &dyn Fn(SettingName) -> Message) -> Message {
        match self {
            Setting::Shard(text) => Message::new("setting.shard")
                .with("this", name(SettingName::Shard))
                .arg("text", text),
            Setting::NamePattern { pattern, problem } => {
                let key = match problem {
                    PatternProblem::Separator => "setting.pattern_separator",
                    PatternProblem::Unclosed => "setting.pattern_unclosed",
                    PatternProblem::Unknown { suggestion: Some(_), .. } => {
                        "setting.pattern_unknown_suggest"
                    }
                    PatternProblem::Unknown { suggestion: None, .. } => "setting.pattern_unknown",
                    PatternProblem::Empty => "setting.pattern_empty",
                };
                let mut text = Message::new(key)
                    .with("this", name(SettingName::NamePattern))
                    .arg("pattern", pattern)
                    .with("folder", name(SettingName::OutputFolder));
                if let PatternProblem::Unknown { key, suggestion } = problem {
                    text = text
                        .arg("key", format!("{{{key}}}"))
                        .arg("best", format!("{{{}}}", suggestion.unwrap_or_default()));
                }
                text
            }
            Setting::PrinterMargin(mm) => Message::new("setting.out_of_range")
                .with("this", name(SettingName::PrinterMargin))
                .arg("value", mm)
                .arg("limit", MAX_MARGIN_MM),
            Setting::Overlap(mm) => Message::new("setting.out_of_range")
                .with("this", name(SettingName::Overlap))
                .arg("value", mm)
                .arg("limit", MAX_OVERLAP_MM),
            Setting::Standards { names, reason } => Message::new("setting.standards")
                .with("this", name(SettingName::PdfStandard))
                .arg("names", names)
                .arg("reason", reason),
            Setting::Participants(count) => Message::new("setting.participants")
                .arg("count", thousands(*count))
                .arg("limit", thousands(MAX_PARTICIPANTS)),
            Setting::PagesToStdout(pages) => Message::new("setting.pages_to_stdout")
                .arg("pages", pages)
                .with("file", name(SettingName::OutputFile)),
            Setting::EmptyFolder(dir) => {
                Message::new("setting.empty_folder").arg("path", dir.display())
            }
            Setting::NoInput(path) => Message::new("setting.no_input").arg("path", path.display()),
        }
    }
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The error as a message, each setting named as `name` names it.
    pub fn text(&self, name: &dyn Fn(SettingName) -> Message) -> Message {
        match self {
            Error::Read { path, source } => Message::new("error.read")
                .arg("path", path.display())
                .with("reason", io_reason(source)),
            Error::Input(err) => Message::new("plain").arg("text", err),
            Error::Compile(msg) => Message::new("error.compile").arg("text", msg),
            Error::Export(msg) => Message::new("error.export").arg("text", msg),
            Error::Write { path, source } => Message::new("error.write")
                .arg("path", path.display())
                .with("reason", io_reason(source)),
            Error::Fonts(msg) => Message::new("error.fonts").arg("text", msg),
            Error::Random(msg) => Message::new("error.random").arg("text", msg),
            Error::Setting(setting) => setting.message(name),
            Error::Usage(text) => text.clone(),
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        match self {
            // A problem in the answers is worded in their own language.
            Error::Input(err) => Display::fmt(err, f),
            other => Display::fmt(&other.text(&SettingName::described), f),
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

/// An I/O error in the words of a message, without Rust's "(os error 13)".
pub(crate) fn io_reason(err: &io::Error) -> Message {
    let key = match err.kind() {
        io::ErrorKind::NotFound => "io.not_found",
        io::ErrorKind::PermissionDenied => "io.permission",
        io::ErrorKind::IsADirectory => "io.is_folder",
        io::ErrorKind::NotADirectory => "io.not_folder",
        io::ErrorKind::AlreadyExists => "io.exists",
        io::ErrorKind::StorageFull => "io.full",
        io::ErrorKind::ReadOnlyFilesystem => "io.read_only",
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            let text: String = match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            };
            return Message::new("io.other").arg("text", text);
        }
    };
    Message::new(key)
}
