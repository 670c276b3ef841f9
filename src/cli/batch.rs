//! `netkaart batch`: a document for every participant of a workshop, with a line (or a
//! progress bar) per participant as it is done and a summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use netkaart::batch::{Batch, NamePattern, Outcome, Shard};
use netkaart::error::{Error, Result};
use netkaart::inputs::read_inputs;
use netkaart::{Engine, Format, Orientation, Paper, Print, Standard, Template};

use super::Report;
use super::args::{MakeArgs, PrintArgs, check_paper};

/// What `netkaart batch --help` shows after the options.
pub const EXAMPLES: &str = "\
Examples:
  netkaart batch answers/ -o handouts/                one handout per participant
  netkaart batch form-export.xlsx --event workshop.yaml -o handouts/
  netkaart batch answers/ --combine print.pdf         one PDF for the printer
  netkaart batch all.yaml -o posters/ --kind poster --name '{number}-{name}'
  netkaart batch big.csv -o out/ --shard 2/4          the second of four slices

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
    /// Print only failures.
    #[arg(short, long)]
    pub quiet: bool,
    /// Leave this column of a spreadsheet out (its header; repeat for more). The columns
    /// that form tools add (timestamp, e-mail, ID, …) are left out without asking.
    #[arg(long, value_name = "HEADER")]
    pub ignore_column: Vec<String>,
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
    /// The spreadsheet columns to leave out.
    pub ignore_columns: Vec<String>,
}

impl BatchArgs {
    /// Checks the arguments before any work: the combinations, the pattern, the event.
    pub fn check(&self) -> Result<BatchConfig> {
        if self.output.is_none() && self.combine.is_none() {
            return Err(Error::Usage(
                "say where the documents go: -o DIR for one PDF per participant, --combine FILE.pdf for one PDF with all of them, or both".into(),
            ));
        }
        if let Some(dir) = &self.output
            && !dir.is_dir()
            && dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            return Err(Error::Usage(format!(
                "-o {} names a folder for one PDF per participant; for one PDF with all of them, use --combine {}",
                dir.display(),
                dir.display()
            )));
        }
        if let Some(dir) = &self.output
            && dir.exists()
            && !dir.is_dir()
        {
            return Err(Error::Usage(format!(
                "-o {} is a file; give a folder, where each participant's PDF will go",
                dir.display()
            )));
        }
        if let Some(file) = &self.combine {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !ext.eq_ignore_ascii_case("pdf") {
                return Err(Error::Usage(format!(
                    "--combine {} should be a .pdf file name",
                    file.display()
                )));
            }
            if file.is_dir() {
                return Err(Error::Usage(format!(
                    "--combine {} is a folder; give a file name such as print.pdf",
                    file.display()
                )));
            }
        }
        if self.orientation.is_some() && self.kind != Template::Poster {
            return Err(Error::Usage(
                "--orientation applies to posters only (--kind poster)".into(),
            ));
        }
        if self.print.any() && self.kind != Template::Poster {
            return Err(Error::Usage(
                "--bleed, --crop-marks and --tile apply to posters only (--kind poster)".into(),
            ));
        }
        let paper = self.paper;
        if let Some(p) = paper {
            check_paper(self.kind, p)?;
        }
        let standards = self.make.standards.check(Format::Pdf)?;
        if standards.contains(&Standard::Ua1) && self.combine.is_some() {
            return Err(Error::Usage(
                "--pdf-standard ua-1 does not go with --combine: the combined PDF is for the printer and carries no tags; make one accessible PDF per participant with -o DIR".into(),
            ));
        }
        let print = Print { standards, ..self.print.check(paper, Format::Pdf)? };
        let jobs = match self.jobs {
            Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };

        if self.skip_existing && self.output.is_none() {
            return Err(Error::Usage(
                "--skip-existing needs -o DIR: it leaves the PDFs in that folder as they are"
                    .into(),
            ));
        }
        if self.skip_existing && self.combine.is_some() {
            return Err(Error::Usage(
                "--skip-existing and --combine do not go together: the combined PDF needs every document made; run the batch once with --skip-existing, then once with --combine".into(),
            ));
        }
        let names = match &self.name {
            Some(p) => NamePattern::new(p)?,
            None => NamePattern::default(),
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
            },
            inputs: self.inputs.clone(),
            engine: self.make.engine()?,
            quiet: self.quiet,
            ignore_columns: self.ignore_column.clone(),
        })
    }
}

/// Runs a batch, reporting each record as it finishes: a progress bar on a terminal,
/// a line per record otherwise, only failures with `--quiet`.
pub fn run(args: &BatchArgs) -> Result<Report> {
    let config = args.check()?;
    config.batch.check(&config.engine)?;
    let inputs = read_inputs(&config.inputs, &config.ignore_columns)?;
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
                    for w in &outcome.warnings {
                        print(format!("warning: {}: {w}", outcome.source));
                    }
                    if bar.is_none() {
                        let what = match written {
                            Some(path) if outcome.kept => {
                                format!("kept {} (it was there already)", path.display())
                            }
                            Some(path) => format!("wrote {}", path.display()),
                            None => format!("made {}", outcome.source),
                        };
                        print(format!("[{n:>width$}/{total}] {what}"));
                    }
                }
            }
            Err(err) => print(format!("error: {}", super::failure_message(&outcome.source, err))),
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
    let kind = config.batch.template.name();
    let mut lines = Vec::new();
    let written_to = match (&config.batch.out_dir, &summary.combined) {
        (Some(dir), Some(file)) => format!(" in {} and in {}", dir.display(), file.display()),
        (Some(dir), None) => format!(" in {}", dir.display()),
        (None, Some(file)) => format!(" in {}", file.display()),
        (None, None) => String::new(),
    };
    lines.push(format!(
        "{} of {} {kind}s made{written_to}; {} failed{}",
        summary.written,
        summary.total,
        summary.failed.len(),
        if summary.skipped > 0 {
            format!(", {} not started (--fail-fast)", summary.skipped)
        } else {
            String::new()
        }
    ));
    if summary.kept > 0 {
        lines.push(format!("  ({} of them were there already and were kept)", summary.kept));
    }
    lines.extend(super::ignored_lines(&inputs.ignored));
    for (source, err) in &summary.failed {
        let message = super::failure_message(source, err);
        lines.push(format!("  failed: {}", message.lines().next().unwrap_or("")));
    }
    if !config.quiet || !summary.failed.is_empty() {
        for line in lines {
            eprintln!("{line}");
        }
    }
    Ok(Report { failed: summary.failed.len(), ..Report::default() })
}
