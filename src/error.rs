//! The library's error type.

use std::fmt::{self, Display, Formatter};
use std::io;
use std::path::PathBuf;

use crate::answers::InputError;

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
    /// The command asked for something that cannot be done.
    Usage(String),
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
