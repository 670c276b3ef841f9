//! Many participants at once: each record's document compiled on worker threads over one
//! shared engine, written to its own file and, if asked, into one PDF for the printer. A
//! bad record is reported and the others go on.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use typst::model::Document;
use typst_layout::Page;

use crate::answers::{Answers, Lang};
use crate::calendar;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::inputs::{Record, Source};
use crate::output;
use crate::paper::Orientation;
use crate::print::{self, Print};
use crate::render::{Engine, Request, Warning};
use crate::templates::Template;

mod combine;
mod names;
mod shard;

pub use names::{NamePattern, assign_names, file_safe, name_stem};
pub use shard::Shard;

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
    /// A calendar file of each participant's actions beside their document (in
    /// `out_dir`), named like it: `an-peeters.ics` beside `an-peeters.pdf`.
    pub calendar: Option<calendar::Options>,
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
    /// The calendar file written beside its document (`calendar`), if there was anything
    /// dated to put in one.
    pub calendar: Option<PathBuf>,
}

impl Outcome {
    /// A record that failed, and why.
    fn failed(position: usize, source: Source, err: Error) -> Self {
        Outcome {
            position,
            source,
            result: Err(err),
            warnings: Vec::new(),
            kept: false,
            calendar: None,
        }
    }
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
    /// Calendar files written beside the documents.
    pub calendars: usize,
    /// The combined PDF, when asked for and written.
    pub combined: Option<PathBuf>,
}

impl Batch {
    /// Refuses, before any work, what would fail only at the end: a combined PDF/A with no
    /// date to carry (the workshop's or the engine's clock).
    pub fn check(&self, engine: &Engine) -> Result<()> {
        if self.combine.is_some() {
            let event_date = self.event.as_ref().and_then(|e| e.date.as_ref());
            let clock = engine.timestamp();
            print::document_date(&self.print.standards, None, event_date, clock)?;
        }
        Ok(())
    }

    /// Makes every record's document (or those of the shard), calling `report` as each
    /// one is done, in the order they finish.
    pub fn run(
        &self,
        engine: &Engine,
        records: Vec<Record>,
        report: &dyn Fn(&Outcome, usize),
    ) -> Result<Summary> {
        self.check(engine)?;
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
            .map_or(Lang::default(), Answers::lang);
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
            summary.calendars += usize::from(o.calendar.is_some());
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
            let pdf = combine::combine(documents, self, lang, engine)?;
            output::write_atomic(path, &pdf)?;
            summary.combined = Some(path.clone());
        }
        Ok(summary)
    }

    /// Writes the calendar of `answers` to `path`, and returns it, with its warnings.
    /// Answers with nothing dated get no calendar, and a warning that says why.
    fn write_calendar(
        &self,
        answers: &Answers,
        source: &Source,
        options: &calendar::Options,
        path: PathBuf,
    ) -> Result<(Option<PathBuf>, Vec<Warning>)> {
        match calendar::calendar(answers, &source.file, options) {
            Ok(made) => {
                output::write_atomic(&path, made.ics.as_bytes())?;
                Ok((Some(path), made.warnings))
            }
            Err(Error::Input(e)) => Ok((
                None,
                vec![Warning {
                    field: e.field.clone().unwrap_or_default(),
                    message: e.message.clone(),
                    lang: answers.lang(),
                    remedy: None,
                }],
            )),
            Err(other) => Err(other),
        }
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
                return (Outcome::failed(position, source, err), None);
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
                    calendar: None,
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
            before: None,
            group: None,
        };
        let (mut calendar_warnings, mut calendar) = (Vec::new(), None);
        let result = (|| {
            let compiled = engine.compile(&request)?;
            let mut written = None;
            if let Some(dir) = &self.out_dir {
                let stem = name.clone().unwrap_or_default();
                // The calendar before the document: a document that is there (and that
                // `skip_existing` keeps) has its calendar beside it.
                if let Some(options) = &self.calendar {
                    (calendar, calendar_warnings) = self.write_calendar(
                        &request.answers,
                        &source,
                        options,
                        dir.join(format!("{stem}.ics")),
                    )?;
                }
                let path = dir.join(format!("{stem}.pdf"));
                output::write_atomic(&path, &compiled.pdf()?)?;
                written = Some(path);
            }
            Ok((written, compiled))
        })();
        match result {
            Ok((written, compiled)) => {
                let mut warnings = compiled.warnings.clone();
                warnings.extend(calendar_warnings);
                // Only the pages and the details: the rest of the compiled document (its
                // introspector) would hold on to much more memory until the batch ends.
                let document = self.combine.is_some().then(|| Kept {
                    pages: compiled
                        .document
                        .pages()
                        .iter()
                        .cloned()
                        .map(combine::untagged)
                        .collect(),
                    info: compiled.document.info().clone(),
                    ident: compiled.ident().to_string(),
                });
                let result = Ok(written);
                (Outcome { position, source, result, warnings, kept: false, calendar }, document)
            }
            Err(err) => (Outcome::failed(position, source, err), None),
        }
    }
}
