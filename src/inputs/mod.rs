//! The inputs of a workshop: folders of answers files, YAML files with several documents
//! (`---`), and spreadsheets, read into one record per participant, in input order, for
//! `batch` and for `check`. A file that cannot be read at all is one failed record; the
//! others still count.

use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};

use crate::answers::Answers;
use crate::error::{Error, Result, Setting};
use crate::input_error::InputError;
use crate::limits::{MAX_INPUT_BYTES, MAX_PARTICIPANTS};
use crate::messages::Message;
use crate::problem::Problem;
use crate::reading::{comment_warnings, decode, read_limited};

mod cells;
mod documents;
mod form_columns;
mod grid;
pub mod spreadsheet;

pub use cells::DateOrder;
use documents::each_document;
pub use documents::split_documents;

/// How the columns and the cells of a spreadsheet are read.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Headers of columns to leave out (case, spaces and punctuation forgiven).
    pub ignore: Vec<String>,
    /// Headers to read as the dotted key of a field, as (header, key), from `--columns`.
    pub columns: Vec<(String, String)>,
    /// The order of day and month in a date written with numbers only.
    pub date_order: DateOrder,
}

impl SheetOptions {
    /// Reads a file of `header: key` lines, which names the field of each column whose
    /// header is neither a key nor a question of `netkaart form`.
    pub fn read_columns(path: &Path) -> Result<Vec<(String, String)>> {
        let bytes = read_limited(path, crate::limits::MAX_FILE_BYTES)?;
        let text = decode(&bytes, path)?;
        let map: std::collections::BTreeMap<String, String> = serde_saphyr::from_str(text)
            .map_err(|_| {
                InputError::new(path, Message::new("sheet.columns_file"))
                    .help(Message::new("sheet.columns_file_help"))
            })?;
        Ok(map.into_iter().collect())
    }
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The input file.
    pub file: PathBuf,
    /// Which part of it.
    pub part: Part,
}

/// A part of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole file.
    Whole,
    /// One document of a YAML file with several, counting from 1.
    Document(usize),
    /// One row of a spreadsheet, as the spreadsheet numbers it.
    Row(u64),
}

impl Display for Source {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match self.part {
            Part::Whole => Ok(()),
            Part::Document(n) => write!(f, " (document {n})"),
            Part::Row(n) => write!(f, " (row {n})"),
        }
    }
}

/// One participant of a batch: where the answers came from and the answers, or why they
/// could not be read.
#[derive(Debug)]
pub struct Record {
    /// Where it came from.
    pub source: Source,
    /// The answers, or what is wrong with them.
    pub answers: Result<Answers>,
}

/// The columns of a spreadsheet that were not read: those a form tool adds, and those the
/// user asked to leave out. Said once, in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The spreadsheet.
    pub file: PathBuf,
    /// The headers of the columns, in order.
    pub columns: Vec<String>,
}

/// Every input read: one record per participant, and the columns left out.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The records, in input order.
    pub records: Vec<Record>,
    /// The spreadsheets' columns that were not read.
    pub ignored: Vec<Ignored>,
    /// What the YAML inputs say that was read otherwise than it looks (a `#` taken for a
    /// comment), placed in their files.
    pub warnings: Vec<InputError>,
}

/// Reads every input in order: each folder's `.yaml` and `.yml` files by name, each
/// document of each YAML file, each row of each spreadsheet (without the columns a form
/// tool adds, and those named in `ignore`). A file that cannot be read at all becomes one
/// failed record, so the others still count.
pub fn read_inputs(inputs: &[PathBuf], options: &SheetOptions) -> Result<Inputs> {
    let mut read = Inputs::default();
    for file in input_files(inputs)? {
        read_file(&file, options, &mut read);
        // A spreadsheet of more participants than a batch takes stops the batch, as the
        // inputs together do.
        if let Some(Record { answers: Err(Error::Input(e)), .. }) = read.records.last()
            && matches!(e.problem, Some(Problem::TooManyRows { .. }))
            && let Some(Record { answers: Err(err), .. }) = read.records.pop()
        {
            return Err(err);
        }
        if read.records.len() > MAX_PARTICIPANTS {
            return Err(Setting::Participants(read.records.len()).into());
        }
    }
    Ok(read)
}

/// The files that the inputs name: files as they are, folders' `.yaml` and `.yml` files.
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let files = yaml_files(input)?;
            if files.is_empty() {
                return Err(Setting::EmptyFolder(input.clone()).into());
            }
            out.extend(files);
        } else if input.exists() {
            out.push(input.clone());
        } else {
            return Err(Setting::NoInput(input.clone()).into());
        }
    }
    Ok(out)
}

/// What `netkaart check` found in one record: every problem of a YAML document, the
/// first of a spreadsheet row (its cells are read as one piece).
#[derive(Debug)]
pub struct Checked {
    /// Where the record came from.
    pub source: Source,
    /// Its problems; none when it is fine.
    pub problems: Vec<Error>,
    /// What it says that was read otherwise than it looks (a `#` taken for a comment).
    pub warnings: Vec<InputError>,
}

/// Checks every input without rendering anything: each document of each YAML file with
/// all its problems, each row of each spreadsheet; and says which columns were left out.
pub fn check_inputs(
    inputs: &[PathBuf],
    options: &SheetOptions,
) -> Result<(Vec<Checked>, Vec<Ignored>)> {
    let mut out = Vec::new();
    let mut ignored = Vec::new();
    for path in input_files(inputs)? {
        if spreadsheet::is_spreadsheet(&path) {
            let sheet = match spreadsheet::read(&path, options) {
                Ok(sheet) => sheet,
                Err(err) => {
                    let source = Source { file: path.clone(), part: Part::Whole };
                    out.push(Checked { source, problems: vec![err], warnings: Vec::new() });
                    continue;
                }
            };
            if !sheet.ignored.is_empty() {
                ignored.push(Ignored { file: path.clone(), columns: sheet.ignored });
            }
            // Every problem of each row, from the checker's one pass.
            out.extend(sheet.rows.into_iter().map(|row| {
                let mut problems = row.answers.err().unwrap_or_default();
                problems.truncate(crate::check::MAX_PROBLEMS);
                Checked {
                    source: Source { file: path.clone(), part: Part::Row(row.number) },
                    problems: problems.into_iter().map(Error::from).collect(),
                    warnings: Vec::new(),
                }
            }));
            continue;
        }
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(err) => {
                let source = Source { file: path.clone(), part: Part::Whole };
                out.push(Checked { source, problems: vec![err], warnings: Vec::new() });
                continue;
            }
        };
        if out.len() > MAX_PARTICIPANTS {
            return Err(Setting::Participants(out.len()).into());
        }
        each_document(&path, &text, |source, doc, place| {
            let problems = crate::check::problems(doc, &path);
            let problems = problems.into_iter().map(|e| Error::from(place(e))).collect();
            let warnings = comment_warnings(doc, &path).into_iter().map(&place).collect();
            out.push(Checked { source, problems, warnings });
        });
    }
    Ok((out, ignored))
}

/// A YAML input's text, read within [`MAX_INPUT_BYTES`] and decoded.
fn read_text(path: &Path) -> Result<String> {
    let bytes = read_limited(path, MAX_INPUT_BYTES)?;
    Ok(decode(&bytes, path)?.to_string())
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_err = |source| Error::Read { path: dir.into(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = grid::extension(&path);
        // Hidden files are editors' and systems' (.~lock, ._name), not participants'.
        if !name.starts_with('.') && (ext == "yaml" || ext == "yml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_file(path: &Path, options: &SheetOptions, read: &mut Inputs) {
    let whole =
        |answers| Record { source: Source { file: path.into(), part: Part::Whole }, answers };
    if spreadsheet::is_spreadsheet(path) {
        match spreadsheet::read(path, options) {
            Ok(sheet) => {
                if !sheet.ignored.is_empty() {
                    read.ignored.push(Ignored { file: path.into(), columns: sheet.ignored });
                }
                read.records.extend(sheet.rows.into_iter().map(|row| Record {
                    source: Source { file: path.into(), part: Part::Row(row.number) },
                    answers: row.answers.map_err(|mut problems| Error::from(problems.remove(0))),
                }));
            }
            Err(err) => read.records.push(whole(Err(err))),
        }
        return;
    }
    let text = match read_text(path) {
        Ok(text) => text,
        Err(err) => return read.records.push(whole(Err(err))),
    };
    each_document(path, &text, |source, doc, place| {
        let answers = Answers::parse_text(doc, path).map_err(|e| Error::from(place(*e)));
        read.warnings.extend(comment_warnings(doc, path).into_iter().map(&place));
        read.records.push(Record { source, answers });
    });
}
