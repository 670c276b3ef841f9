//! `netkaart batch`: a document for every participant of a workshop, with a line (or a
//! progress bar) per participant as it is done and a summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use netkaart::batch::{Batch, NamePattern, Outcome, Shard};
use netkaart::error::{Error, Result};
use netkaart::inputs::{SheetOptions, read_inputs};
use netkaart::messages::Message;
use netkaart::templates::Then;
use netkaart::{Engine, Format, Orientation, Paper, Print, Standard, Template};

use super::Report;
use super::args::{MakeArgs, PrintArgs, RemindArgs, SpreadsheetArgs, check_paper};

/// What `netkaart batch --help` shows after the options.
pub const EXAMPLES: &str = "\
Examples:
  netkaart batch answers/ -o handouts/                one handout per participant
  netkaart batch form-export.xlsx --event workshop.yaml -o handouts/
  netkaart batch answers/ --combine print.pdf         one PDF for the printer
  netkaart batch all.yaml -o posters/ --kind poster --name '{number}-{name}'
  netkaart batch big.csv -o out/ --shard 2/4          the second of four slices
  netkaart batch answers/ -o handouts/ --calendar     and each one's actions as .ics

File names: --name takes {name} (the person's name, else the organisation), {number} (the
record's number in the batch), {file} (the input file's name), {organisation}, {lang}.
Names that collide get -2, -3, … in input order.";

/// `netkaart batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Answers: folders of .yaml files, YAML files (several documents separated by ---),
    /// or spreadsheets (.csv, .xlsx, .ods) with one row per participant.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder for one PDF per participant; it is made if it does not exist.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also (or only) write every document in one PDF for the printer, each person starting
    /// on an odd page so that double-sided printing never puts two people on one sheet.
    #[arg(long, value_name = "FILE.pdf")]
    pub combine: Option<PathBuf>,
    /// The document to make for each participant.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Template::Handout)]
    pub kind: Template,
    /// Leave the PDFs that are in the output folder already as they are, and make only the
    /// missing ones: to finish a batch that was interrupted.
    #[arg(long)]
    pub skip_existing: bool,
    /// How to name each file (see below) [default: {name}].
    #[arg(long, value_name = "PATTERN")]
    pub name: Option<String>,
    /// Stop at the first participant whose answers fail.
    #[arg(long)]
    pub fail_fast: bool,
    /// Documents made at the same time [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Make only the K-th of N equal slices of the batch, to split a large batch over
    /// machines (K from 1 to N).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Also write a calendar file (.ics) of each participant's dated actions beside their
    /// document, named like it (needs -o DIR).
    #[arg(long)]
    pub calendar: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub remind: RemindArgs,
    /// Print only failures.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sheet: SpreadsheetArgs,
    /// Orientation of the posters (--kind poster).
    #[arg(long, value_enum, ignore_case = true)]
    pub orientation: Option<Orientation>,
    /// Paper size of the posters (a0 to a4) or of the handbooks (a4 or a5) [default: a2
    /// for posters, a4 for handbooks; handouts are always a4].
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<Paper>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub print: PrintArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub make: MakeArgs,
}

/// `netkaart batch`'s arguments, checked.
pub struct BatchConfig {
    /// What to make.
    pub batch: Batch,
    /// The inputs.
    pub inputs: Vec<PathBuf>,
    /// The engine, with the fonts and the clock asked for.
    pub engine: Engine,
    /// Print only failures.
    pub quiet: bool,
    /// How spreadsheets are read.
    pub sheet: SheetOptions,
}

impl BatchArgs {
    /// Checks the arguments before any work: the combinations, the pattern, the event.
    pub fn check(&self) -> Result<BatchConfig> {
        if self.output.is_none() && self.combine.is_none() {
            return Err(Error::Usage(Message::new("cli.batch_where")));
        }
        if let Some(dir) = &self.output
            && !dir.is_dir()
            && dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            return Err(Error::Usage(
                Message::new("cli.batch_pdf_folder").arg("path", dir.display()),
            ));
        }
        if let Some(dir) = &self.output
            && dir.exists()
            && !dir.is_dir()
        {
            return Err(Error::Usage(
                Message::new("cli.batch_output_file").arg("path", dir.display()),
            ));
        }
        if let Some(file) = &self.combine {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !ext.eq_ignore_ascii_case("pdf") {
                return Err(Error::Usage(
                    Message::new("cli.combine_pdf").arg("path", file.display()),
                ));
            }
            if file.is_dir() {
                return Err(Error::Usage(
                    Message::new("cli.combine_folder").arg("path", file.display()),
                ));
            }
        }
        if self.orientation.is_some() && !self.kind.document().turns {
            return Err(Error::Usage(Message::new("cli.batch_orientation")));
        }
        // A comparison needs each participant's older file, which a batch's inputs do not
        // pair up.
        if let Then::Required(_) = self.kind.document().then {
            return Err(Error::Usage(Message::new("cli.batch_compare")));
        }
        if self.print.any() && !self.kind.document().print_shop {
            return Err(Error::Usage(Message::new("cli.batch_print")));
        }
        let paper = self.paper;
        if let Some(p) = paper {
            check_paper(self.kind, p)?;
        }
        let standards = self.make.standards.check(Format::Pdf)?;
        if standards.contains(&Standard::Ua1) && self.combine.is_some() {
            return Err(Error::Usage(Message::new("cli.batch_ua")));
        }
        let print = Print { standards, ..self.print.check(paper, Format::Pdf)? };
        let jobs = match self.jobs {
            Some(0) => return Err(Error::Usage(Message::new("cli.batch_jobs"))),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };

        if self.skip_existing && self.output.is_none() {
            return Err(Error::Usage(Message::new("cli.batch_skip_needs_dir")));
        }
        if self.skip_existing && self.combine.is_some() {
            return Err(Error::Usage(Message::new("cli.batch_skip_combine")));
        }
        let names = match &self.name {
            Some(p) => NamePattern::new(p)?,
            None => NamePattern::default(),
        };
        if self.calendar && self.output.is_none() {
            return Err(Error::Usage(Message::new("cli.batch_calendar_dir")));
        }
        if self.remind.any() && !self.calendar {
            return Err(Error::Usage(Message::new("cli.batch_calendar_options")));
        }
        let calendar = match self.calendar {
            true => Some(self.remind.options(&self.make.clock)?),
            false => None,
        };
        let shard = self.shard.as_deref().map(Shard::parse).transpose()?;
        let event = self.make.event()?;
        Ok(BatchConfig {
            batch: Batch {
                template: self.kind,
                orientation: self.orientation.unwrap_or_default(),
                event,
                out_dir: self.output.clone(),
                combine: self.combine.clone(),
                names,
                shard,
                fail_fast: self.fail_fast,
                jobs,
                skip_existing: self.skip_existing,
                print,
                calendar,
            },
            inputs: self.inputs.clone(),
            engine: self.make.engine()?,
            quiet: self.quiet,
            sheet: self.sheet.options()?,
        })
    }
}

/// Runs a batch, reporting each record as it finishes: a progress bar on a terminal,
/// a line per record otherwise, only failures with `--quiet`.
pub fn run(args: &BatchArgs) -> Result<Report> {
    let config = args.check()?;
    // The inputs first: too many participants are refused before a folder is made.
    let inputs = read_inputs(&config.inputs, &config.sheet)?;
    config.batch.check(&config.engine)?;
    for warning in &inputs.warnings {
        eprintln!("{}", super::warning_line(warning));
    }
    let records = inputs.records;
    let total = config.batch.shard.map_or(records.len(), |s| s.range(records.len()).len());
    let bar = (!config.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} {elapsed_precise:.dim} (about {eta} left) {wide_msg:.dim}",
            )
            .expect("a valid template"),
        );
        bar
    });
    let print = |line: String| match &bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    };
    let width = total.to_string().len();
    let report = |outcome: &Outcome, n: usize| {
        match &outcome.result {
            Ok(written) => {
                if !config.quiet {
                    let prefix = format!("{}: ", outcome.source);
                    for line in super::warning_lines(&prefix, &outcome.warnings) {
                        print(line);
                    }
                    if bar.is_none() {
                        let what = match written {
                            Some(path) if outcome.kept => {
                                Message::new("cli.kept").arg("path", path.display())
                            }
                            Some(path) => Message::new("cli.wrote").arg("path", path.display()),
                            None => Message::new("cli.made").arg("source", &outcome.source),
                        };
                        print(format!("[{n:>width$}/{total}] {what}"));
                        if let Some(path) = &outcome.calendar {
                            let what = Message::new("cli.wrote").arg("path", path.display());
                            print(format!("[{n:>width$}/{total}] {what}"));
                        }
                    }
                }
            }
            Err(err) => print(super::error_line(&outcome.source, err)),
        }
        if let Some(bar) = &bar {
            bar.set_position(n as u64);
            bar.set_message(outcome.source.to_string());
        }
    };
    let summary = config.batch.run(&config.engine, records, &report)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let kind = Message::new(config.batch.template.document().words);
    let mut lines = Vec::new();
    let place = match (&config.batch.out_dir, &summary.combined) {
        (Some(dir), Some(file)) => {
            Message::new("cli.in_both").arg("dir", dir.display()).arg("file", file.display())
        }
        (Some(dir), None) => Message::new("cli.in").arg("place", dir.display()),
        (None, Some(file)) => Message::new("cli.in").arg("place", file.display()),
        (None, None) => Message::new("cli.nowhere"),
    };
    let skipped = if summary.skipped > 0 {
        Message::new("cli.not_started").arg("n", summary.skipped)
    } else {
        Message::new("cli.nowhere")
    };
    lines.push(
        Message::new("cli.batch_summary")
            .arg("written", summary.written)
            .arg("total", summary.total)
            .with("kind", kind)
            .with("place", place)
            .arg("failed", summary.failed.len())
            .with("skipped", skipped)
            .to_string(),
    );
    if summary.kept > 0 {
        lines.push(Message::new("cli.batch_kept").arg("n", summary.kept).to_string());
    }
    if config.batch.calendar.is_some() {
        let line = match summary.calendars {
            1 => Message::new("cli.batch_calendar_one"),
            n => Message::new("cli.batch_calendars").arg("n", n),
        };
        lines.push(line.to_string());
    }
    lines.extend(super::ignored_lines(&inputs.ignored));
    for (source, err) in &summary.failed {
        let message = super::failure_message(source, err);
        let first = message.lines().next().unwrap_or("");
        lines.push(Message::new("cli.failed_line").arg("text", first).to_string());
    }
    if !config.quiet || !summary.failed.is_empty() {
        for line in lines {
            eprintln!("{line}");
        }
    }
    Ok(Report { failed: summary.failed.len(), ..Report::default() })
}
