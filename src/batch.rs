//! Many participants at once: reading a workshop's answers (folders of YAML files, YAML
//! files with several documents, spreadsheets), naming each participant's file, and
//! compiling on worker threads over one shared engine. A bad record is reported and the
//! others go on.

use std::collections::HashSet;
use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use typst::foundations::Smart;
use typst::layout::{Frame, FrameItem};
use typst::model::Document;
use typst_layout::{Page, PagedDocument};

use crate::answers::{Answers, InputError, Lang};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::output;
use crate::print::{self, Print};
use crate::render::{Engine, Orientation, Request, Warning};
use crate::sheet;
use crate::templates::{self, Template};

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

/// Reads every input in order: each folder's `.yaml` and `.yml` files by name, each
/// document of each YAML file, each row of each spreadsheet. A file that cannot be read at
/// all becomes one failed record, so the others still count.
pub fn read_inputs(inputs: &[PathBuf]) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    for file in input_files(inputs)? {
        read_file(&file, &mut records);
    }
    Ok(records)
}

/// The largest input file of a batch: a YAML file with a whole workshop in it, or a
/// spreadsheet. Each participant's answers are still held to
/// [`crate::answers::MAX_FILE_BYTES`].
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The files that the inputs name: files as they are, folders' `.yaml` and `.yml` files.
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let files = yaml_files(input)?;
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "the folder {} holds no .yaml or .yml files",
                    input.display()
                )));
            }
            out.extend(files);
        } else if input.exists() {
            out.push(input.clone());
        } else {
            return Err(Error::Usage(format!(
                "the input {} does not exist; give answers files, folders of them, or a spreadsheet",
                input.display()
            )));
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
}

/// Checks every input without rendering anything: each document of each YAML file with
/// all its problems, each row of each spreadsheet.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<Vec<Checked>> {
    let mut out = Vec::new();
    for path in input_files(inputs)? {
        if sheet::is_spreadsheet(&path) {
            let mut records = Vec::new();
            read_file(&path, &mut records);
            out.extend(records.into_iter().map(|r| Checked {
                source: r.source,
                problems: r.answers.err().into_iter().collect(),
            }));
            continue;
        }
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(err) => {
                let source = Source { file: path.clone(), part: Part::Whole };
                out.push(Checked { source, problems: vec![err] });
                continue;
            }
        };
        each_document(&path, &text, |source, doc, place| {
            let problems = crate::check::problems(doc, &path);
            let problems = problems.into_iter().map(|e| Error::from(place(e))).collect();
            out.push(Checked { source, problems });
        });
    }
    Ok(out)
}

/// A YAML input's text, read within [`MAX_INPUT_BYTES`] and decoded.
fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::answers::read_limited(path, MAX_INPUT_BYTES)?;
    Ok(crate::answers::decode(&bytes, path)?.to_string())
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_err = |source| Error::Read { path: dir.into(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        // Hidden files are editors' and systems' (.~lock, ._name), not participants'.
        if !name.starts_with('.') && (ext == "yaml" || ext == "yml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_file(path: &Path, records: &mut Vec<Record>) {
    let whole =
        |answers| Record { source: Source { file: path.into(), part: Part::Whole }, answers };
    if sheet::is_spreadsheet(path) {
        match sheet::read(path) {
            Ok(rows) => records.extend(rows.into_iter().map(|row| Record {
                source: Source { file: path.into(), part: Part::Row(row.number) },
                answers: row.answers.map_err(Error::from),
            })),
            Err(err) => records.push(whole(Err(err))),
        }
        return;
    }
    let text = match read_text(path) {
        Ok(text) => text,
        Err(err) => return records.push(whole(Err(err))),
    };
    each_document(path, &text, |source, doc, place| {
        let answers = Answers::parse_text(doc, path).map_err(|e| Error::from(place(*e)));
        records.push(Record { source, answers });
    });
}

/// Calls `f` with each document of a YAML input, its source, and what places a problem
/// found in the document in the whole file. A file of one document is passed whole, as
/// `poster` reads it, so that lines count from its top whatever comes before the document.
fn each_document(
    path: &Path,
    text: &str,
    mut f: impl FnMut(Source, &str, &dyn Fn(InputError) -> InputError),
) {
    let documents = split_documents(text);
    if documents.len() <= 1 {
        return f(Source { file: path.into(), part: Part::Whole }, text, &|e| e);
    }
    for (number, (first_line, doc)) in documents.into_iter().enumerate() {
        let place = move |e: InputError| e.in_document(first_line as u64, number + 1);
        f(Source { file: path.into(), part: Part::Document(number + 1) }, doc, &place);
    }
}

/// The documents of a YAML stream, each with the line it starts on. A document starts at
/// a `---` line (or the top of the file) and ends at the next, or at a `...` line; parts
/// that hold only comments and blank lines are not documents. Splitting by hand, rather
/// than letting the parser read the stream, keeps one document's syntax error from
/// hiding the documents after it.
pub fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    let is_content = |chunk: &str| {
        chunk.lines().any(|l| {
            let l = l.trim();
            !l.is_empty() && !l.starts_with('#') && l != "---" && l != "..."
        })
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let marker = bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t");
        let end = bare == "..." || bare.starts_with("... ");
        if marker && offset > start {
            let chunk = &text[start..offset];
            if is_content(chunk) {
                out.push((start_line, chunk));
            }
            start = offset;
            start_line = i + 1;
        } else if end {
            let chunk = &text[start..offset];
            if is_content(chunk) {
                out.push((start_line, chunk));
            }
            start = offset + line.len();
            start_line = i + 2;
        }
        offset += line.len();
    }
    let chunk = &text[start..];
    if is_content(chunk) || out.is_empty() {
        out.push((start_line, chunk));
    }
    out
}

/// How output files are named: a pattern with `{name}`, `{n}`, `{file}`, `{organisation}`
/// and `{lang}`.
#[derive(Debug, Clone)]
pub struct NamePattern(String);

impl NamePattern {
    /// The placeholders a pattern may use.
    pub const PLACEHOLDERS: &'static [&'static str] =
        &["name", "n", "file", "organisation", "lang"];

    /// Checks a pattern: known placeholders only, and no folders.
    pub fn new(pattern: &str) -> Result<Self> {
        if pattern.contains(['/', '\\']) {
            return Err(Error::Usage(format!(
                "--name '{pattern}' contains a folder separator; it names files inside the output folder (-o)"
            )));
        }
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(Error::Usage(format!("--name '{pattern}' has a '{{' without '}}'")));
            };
            let key = &rest[open + 1..open + close];
            if !Self::PLACEHOLDERS.contains(&key) {
                let hint = crate::answers::closest(key, Self::PLACEHOLDERS)
                    .map(|b| format!("; did you mean {{{b}}}?"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "--name '{pattern}' uses {{{key}}}, which is not one of {{name}}, {{n}}, {{file}}, {{organisation}}, {{lang}}{hint}"
                )));
            }
            rest = &rest[open + close + 1..];
        }
        if pattern.trim().is_empty() {
            return Err(Error::Usage("--name is empty".into()));
        }
        Ok(NamePattern(pattern.to_string()))
    }

    fn expand(&self, answers: &Answers, source: &Source, n: usize, width: usize) -> String {
        let person = answers.person.as_ref();
        let stem = source.file.file_stem().map(|s| s.to_string_lossy().into_owned());
        let fallback = match source.part {
            Part::Whole => stem.clone().unwrap_or_default(),
            Part::Document(d) => format!("{}-{d}", stem.clone().unwrap_or_default()),
            Part::Row(r) => format!("{}-row-{r}", stem.clone().unwrap_or_default()),
        };
        let name = person
            .and_then(|p| p.name.as_ref().map(|t| t.0.clone()))
            .or_else(|| person.and_then(|p| p.organisation.as_ref().map(|t| t.0.clone())))
            .unwrap_or(fallback.clone());
        let organisation =
            person.and_then(|p| p.organisation.as_ref().map(|t| t.0.clone())).unwrap_or_default();
        let mut out = self.0.clone();
        out = out.replace("{name}", &file_safe(&name));
        out = out.replace("{n}", &format!("{n:0width$}"));
        out = out.replace("{file}", &file_safe(&stem.unwrap_or_default()));
        out = out.replace("{organisation}", &file_safe(&organisation));
        out = out.replace("{lang}", answers.lang().code());
        let out = out.trim_matches(['-', '.', ' ']).to_string();
        if out.is_empty() { file_safe(&fallback) } else { out }
    }
}

impl Default for NamePattern {
    fn default() -> Self {
        NamePattern("{name}".into())
    }
}

/// A name made safe as a file name on every system: lowercase letters and digits (of any
/// script), the rest turned into single dashes, at most 60 characters.
pub fn file_safe(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    // Names that Windows keeps for devices.
    const RESERVED: &[&str] = &["con", "prn", "aux", "nul", "com1", "com2", "lpt1", "lpt2"];
    if RESERVED.contains(&out.as_str()) { format!("{out}-") } else { out }
}

/// Names for every record that was read, unique within the batch (without regard to case,
/// as on Windows and macOS), with `-2`, `-3`, … added in input order.
pub fn assign_names(records: &[Record], pattern: &NamePattern) -> Vec<Option<String>> {
    let width = records.len().to_string().len();
    let mut taken: HashSet<String> = HashSet::new();
    records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let answers = record.answers.as_ref().ok()?;
            let base = pattern.expand(answers, &record.source, i + 1, width);
            let mut name = base.clone();
            let mut k = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{base}-{k}");
                k += 1;
            }
            Some(name)
        })
        .collect()
}

/// Which slice of the records to make: the K-th of N (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::Usage(format!(
                "--shard '{text}' is not K/N with 1 ≤ K ≤ N, for example 2/5 (the second of five slices)"
            ))
        };
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The positions of this slice among `total` records: a contiguous run, so that the
    /// slices in order are the batch in order.
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        (self.index - 1) * total / self.count..self.index * total / self.count
    }
}

/// What a document keeps for the combined PDF.
struct Kept {
    pages: Vec<Page>,
    info: typst::model::DocumentInfo,
    ident: String,
}

/// A record to make: its position in the batch, the record, its file name.
type Job = (usize, Record, Option<String>);

/// What a batch makes and where.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The document of each participant.
    pub template: Template,
    /// The poster's orientation.
    pub orientation: Orientation,
    /// The workshop's branding.
    pub event: Option<Arc<Event>>,
    /// The folder for one PDF per participant.
    pub out_dir: Option<PathBuf>,
    /// One PDF with every participant, for the printer.
    pub combine: Option<PathBuf>,
    /// How files are named.
    pub names: NamePattern,
    /// Only this slice of the records.
    pub shard: Option<Shard>,
    /// Stop at the first failure.
    pub fail_fast: bool,
    /// Worker threads.
    pub jobs: usize,
    /// Leave a participant's PDF that is already in the output folder as it is: to finish
    /// a batch that was interrupted. (Every file there is complete: files are written whole
    /// or not at all.)
    pub skip_existing: bool,
    /// The paper, bleed, tiling and PDF standards of every document.
    pub print: Print,
}

/// What became of one record.
#[derive(Debug)]
pub struct Outcome {
    /// Its position in the whole batch, from 0.
    pub position: usize,
    /// Where it came from.
    pub source: Source,
    /// The file written for it (none with only `--combine`), or why it failed.
    pub result: Result<Option<PathBuf>>,
    /// What its document warned about.
    pub warnings: Vec<Warning>,
    /// Its file was there already and was left alone (`skip_existing`).
    pub kept: bool,
}

/// The end of a batch.
#[derive(Debug, Default)]
pub struct Summary {
    /// Records in this run (the shard's, with `--shard`).
    pub total: usize,
    /// Documents made (or kept, with `skip_existing`).
    pub written: usize,
    /// Of those, the ones that were there already and were left alone.
    pub kept: usize,
    /// Records that failed, in input order, with why.
    pub failed: Vec<(Source, Error)>,
    /// Records not attempted because `--fail-fast` stopped the batch.
    pub skipped: usize,
    /// The combined PDF, when asked for and written.
    pub combined: Option<PathBuf>,
}

impl Batch {
    /// Makes every record's document (or those of the shard), calling `report` as each
    /// one is done, in the order they finish.
    pub fn run(
        &self,
        engine: &Engine,
        records: Vec<Record>,
        report: &dyn Fn(&Outcome, usize),
    ) -> Result<Summary> {
        let names = assign_names(&records, &self.names);
        let range = self.shard.map_or(0..records.len(), |s| s.range(records.len()));
        let work: Vec<Job> = records
            .into_iter()
            .zip(names)
            .enumerate()
            .filter(|(i, _)| range.contains(i))
            .map(|(i, (r, n))| (i, r, n))
            .collect();
        let total = work.len();
        let lang = work
            .iter()
            .find_map(|(_, r, _)| r.answers.as_ref().ok())
            .map_or(Lang::Nl, Answers::lang);
        if let Some(dir) = &self.out_dir {
            std::fs::create_dir_all(dir)
                .map_err(|source| Error::Write { path: dir.clone(), source })?;
            // A run that was killed leaves its temporary files; never its PDFs half-written.
            output::remove_stale_temporaries(dir);
        }
        // The combined PDF's folder too, before the work rather than after it.
        if let Some(parent) = self.combine.as_ref().and_then(|c| c.parent())
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
        }

        // The workers take records in input order from one queue.
        let queue = Mutex::new(work.into_iter());
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(Outcome, Option<Kept>)>();
        let jobs = self.jobs.clamp(1, total.max(1));

        let (mut outcomes, mut documents) = std::thread::scope(|scope| {
            for _ in 0..jobs {
                let tx = tx.clone();
                let (queue, stop) = (&queue, &stop);
                scope.spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        let job = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                        let Some((position, record, name)) = job else { break };
                        let (outcome, document) = self.make(engine, position, record, name);
                        // Memoised results of earlier documents are of no use to later
                        // ones but the shared template parts, which stay in use.
                        crate::render::evict();
                        if outcome.result.is_err() && self.fail_fast {
                            stop.store(true, Ordering::SeqCst);
                        }
                        if tx.send((outcome, document)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut outcomes = Vec::new();
            let mut documents = Vec::new();
            for (n, (outcome, document)) in rx.into_iter().enumerate() {
                report(&outcome, n + 1);
                if let Some(d) = document {
                    documents.push((outcome.position, d));
                }
                outcomes.push(outcome);
            }
            (outcomes, documents)
        });
        outcomes.sort_by_key(|o| o.position);
        documents.sort_by_key(|(p, _)| *p);

        let mut summary = Summary { total, skipped: total - outcomes.len(), ..Summary::default() };
        for o in outcomes {
            summary.kept += usize::from(o.kept);
            match o.result {
                Ok(_) => summary.written += 1,
                Err(e) => summary.failed.push((o.source, e)),
            }
        }
        if let Some(path) = &self.combine
            && !documents.is_empty()
            && (!self.fail_fast || summary.failed.is_empty())
        {
            let documents = documents.into_iter().map(|(_, d)| d).collect();
            let pdf = combine(documents, self, lang, engine)?;
            output::write_atomic(path, &pdf)?;
            summary.combined = Some(path.clone());
        }
        Ok(summary)
    }

    /// Compiles and writes one record.
    fn make(
        &self,
        engine: &Engine,
        position: usize,
        record: Record,
        name: Option<String>,
    ) -> (Outcome, Option<Kept>) {
        let source = record.source;
        let answers = match record.answers {
            Ok(a) => a,
            Err(err) => {
                return (
                    Outcome {
                        position,
                        source,
                        result: Err(err),
                        warnings: Vec::new(),
                        kept: false,
                    },
                    None,
                );
            }
        };
        if self.skip_existing
            && let Some(dir) = &self.out_dir
        {
            let path = dir.join(format!("{}.pdf", name.clone().unwrap_or_default()));
            if path.is_file() {
                let outcome = Outcome {
                    position,
                    source,
                    result: Ok(Some(path)),
                    warnings: vec![],
                    kept: true,
                };
                return (outcome, None);
            }
        }
        let request = Request {
            template: self.template,
            answers,
            orientation: self.orientation,
            event: self.event.clone(),
            print: self.print.clone(),
        };
        let result = (|| {
            let compiled = engine.compile(&request)?;
            let mut written = None;
            if let Some(dir) = &self.out_dir {
                let path = dir.join(format!("{}.pdf", name.clone().unwrap_or_default()));
                output::write_atomic(&path, &compiled.pdf()?)?;
                written = Some(path);
            }
            Ok((written, compiled))
        })();
        match result {
            Ok((written, compiled)) => {
                let warnings = compiled.warnings.clone();
                // Only the pages and the details: the rest of the compiled document (its
                // introspector) would hold on to much more memory until the batch ends.
                let document = self.combine.is_some().then(|| Kept {
                    pages: compiled.document.pages().iter().cloned().map(untagged).collect(),
                    info: compiled.document.info().clone(),
                    ident: compiled.ident().to_string(),
                });
                (Outcome { position, source, result: Ok(written), warnings, kept: false }, document)
            }
            Err(err) => (
                Outcome { position, source, result: Err(err), warnings: Vec::new(), kept: false },
                None,
            ),
        }
    }
}

/// A page without the introspection tags in its frames. The tags hold the document's
/// content, far more than the drawing; the combined PDF, made for the printer, is not
/// tagged and needs none of it.
fn untagged(mut page: Page) -> Page {
    fn strip(frame: &mut Frame) {
        frame.retain(|item| match item {
            FrameItem::Tag(_) => false,
            FrameItem::Group(group) => {
                strip(&mut group.frame);
                true
            }
            _ => true,
        });
    }
    strip(&mut page.frame);
    page
}

/// Every document's pages in order in one PDF, each document starting on an odd page (a
/// blank page of the same size after a document with an odd number of pages), so that
/// printing on both sides never puts two people on one sheet.
fn combine(documents: Vec<Kept>, batch: &Batch, lang: Lang, engine: &Engine) -> Result<Vec<u8>> {
    let (template, event) = (batch.template, batch.event.as_deref());
    let mut all: typst::ecow::EcoVec<Page> = typst::ecow::EcoVec::new();
    for document in &documents {
        for page in &document.pages {
            let mut page = page.clone();
            page.number = all.len() as u64 + 1;
            all.push(page);
        }
        if document.pages.len() % 2 == 1
            && let Some(last) = document.pages.last()
        {
            all.push(Page {
                frame: Frame::hard(last.frame.size()),
                bleed: last.bleed,
                fill: last.fill.clone(),
                numbering: None,
                supplement: typst::foundations::Content::empty(),
                number: all.len() as u64 + 1,
            });
        }
    }
    let words = templates::words(lang);
    let title = words["combined_title"][template.name()].as_str().unwrap_or_default();
    let mut info = documents.first().map(|d| d.info.clone()).unwrap_or_default();
    info.title = Some(match event.and_then(|e| e.title.as_deref()) {
        Some(workshop) => format!("{title} · {workshop}").into(),
        None => title.into(),
    });
    info.author = Vec::new();
    let combined = PagedDocument::new(all, info);
    // PDF/A's date: the workshop's, else the clock's; the answers of one participant would
    // not do for all.
    let event_date = event.and_then(|e| e.date.as_ref());
    let timestamp =
        print::document_date(&batch.print.standards, None, event_date, engine.timestamp(), true)?;
    let options = typst_pdf::PdfOptions {
        timestamp: timestamp.map(typst_pdf::Timestamp::new_utc),
        standards: print::pdf_standards(&batch.print.standards)?,
        // Typst hashes the identifier: the combined file's comes from everything in it.
        ident: Smart::Custom(format!(
            "netkaart/combined/{}",
            documents.iter().map(|d| d.ident.as_str()).collect::<Vec<_>>().join("\n")
        )),
        tagged: false,
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(&combined, &options).map_err(|diags| {
        Error::Export(diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    batch.print.with_boxes(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_split_at_their_markers_with_their_first_lines() {
        let text =
            "# people\n---\nversion: 1\n---\n# only a comment\n---\nversion: 1\nlang: en\n...\n";
        let docs = split_documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].0, 2);
        assert_eq!(docs[1].0, 6);
        assert!(docs[1].1.contains("lang: en"));
        assert_eq!(split_documents("version: 1\n").len(), 1);
    }

    #[test]
    fn names_are_file_safe_and_unique_in_input_order() {
        assert_eq!(file_safe("An Peeters"), "an-peeters");
        assert_eq!(file_safe("  Jan/De Smet: ok? "), "jan-de-smet-ok");
        assert_eq!(file_safe("Zoë Ağaoğlu"), "zoë-ağaoğlu");
        assert_eq!(file_safe("CON"), "con-");
    }

    #[test]
    fn shards_cover_the_batch_once() {
        let total = 20;
        let mut all = Vec::new();
        for k in 1..=3 {
            all.extend(Shard { index: k, count: 3 }.range(total));
        }
        assert_eq!(all, (0..total).collect::<Vec<_>>());
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert_eq!(Shard::parse("2/3").unwrap(), Shard { index: 2, count: 3 });
    }
}
