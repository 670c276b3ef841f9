//! `netkaart stats`: a workshop's answers counted, one row per participant (CSV or JSON),
//! or the group's portrait (PDF, PNG, SVG). A participant whose answers cannot be read is
//! reported, and the others are counted.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use netkaart::error::Result;
use netkaart::inputs::read_inputs;
use netkaart::messages::Message;
use netkaart::review::group::{Group, Naming, Row};
use netkaart::review::table::{self, Separator};
use netkaart::{Answers, Format, Orientation, Print, Request, Template};

use super::Report;
use super::args::{FiguresArgs, LangArgs, MakeArgs, SpreadsheetArgs};
use super::render::{self, Document};

/// What `netkaart stats --help` shows after the options.
pub const EXAMPLES: &str = "\
Examples:
  netkaart stats answers/                     one row per participant (netkaart-stats.csv)
  netkaart stats answers/ -o groep.pdf        the group's portrait, to project or print
  netkaart stats form-export.xlsx -o cijfers.json
  netkaart stats answers/ --names -o groep.pdf    with the participants' names

The CSV file opens in Excel and LibreOffice as it is: UTF-8, one header row, cells
separated by ; (by , with --lang en, or as --separator says).";

/// What `stats` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// one row per participant, for a spreadsheet
    Csv,
    /// every participant's figures and the group's, as JSON
    Json,
    /// the group's portrait, one A4 page
    Pdf,
    /// the group's portrait as a PNG image
    Png,
    /// the group's portrait as an SVG image
    Svg,
}

/// `netkaart stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Answers: folders of .yaml files, YAML files (several documents separated by ---),
    /// or spreadsheets (.csv, .xlsx, .ods) with one row per participant.
    #[arg(required = true, value_name = "ANSWERS")]
    pub inputs: Vec<PathBuf>,
    /// Output format [default: from the output file's extension, else csv].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<StatsFormat>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub out: FiguresArgs,
    /// Name the participants (by the name in their answers); by default they are numbered
    /// and the portrait names nobody.
    #[arg(long)]
    pub names: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sheet: SpreadsheetArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub make: MakeArgs,
}

/// Reads every input, reports those that cannot be read, and writes the figures or the
/// portrait of the others.
pub fn run(args: &StatsArgs) -> Result<Report> {
    args.lang.speak();
    let format = args.out.format(args.format, StatsFormat::Csv)?;
    let inputs = read_inputs(&args.inputs, &args.sheet.options()?)?;
    for warning in &inputs.warnings {
        eprintln!("{}", super::warning_line(warning));
    }
    let naming = if args.names { Naming::Names } else { Naming::Numbers };
    let mut counted: Vec<Answers> = Vec::new();
    let mut rows = Vec::new();
    let mut failed = 0;
    for record in inputs.records {
        match record.answers {
            Ok(answers) => {
                let fallback = record.source.file.file_stem().unwrap_or_default().to_string_lossy();
                rows.push(Row::of(rows.len() + 1, &answers, naming, &fallback));
                counted.push(answers);
            }
            Err(err) => {
                failed += 1;
                eprintln!("{}", super::error_line(&record.source, &err));
            }
        }
    }
    let lang = args.lang.lang.or_else(|| counted.first().map(Answers::lang)).unwrap_or_default();
    let group = Group::of(&counted, naming);
    let sets = Message::new(if counted.len() == 1 { "cli.set" } else { "cli.sets" });
    let key = if failed == 0 { "cli.stats_fine" } else { "cli.stats_summary" };
    eprintln!(
        "{}",
        Message::new(key).arg("counted", counted.len()).with("sets", sets).arg("failed", failed)
    );
    let document = match format {
        StatsFormat::Pdf => Format::Pdf,
        StatsFormat::Png => Format::Png,
        StatsFormat::Svg => Format::Svg,
        StatsFormat::Csv | StatsFormat::Json => {
            let (bytes, ext) = if format == StatsFormat::Json {
                (table::json(&rows, &group), "json")
            } else {
                let separator = args.out.separator.unwrap_or(Separator::of(lang));
                (table::csv(&rows, lang, separator), "csv")
            };
            let written = args.out.write(bytes, format!("netkaart-stats.{ext}").into())?;
            return Ok(Report { written, failed, ..Report::default() });
        }
    };
    let mut config = render::config(
        &args.out.document(document),
        &args.make,
        document,
        Document {
            template: Template::Portrait,
            answers: Answers::blank(lang),
            orientation: Orientation::Landscape,
            origin: None,
            print: Print::default(),
            default_name: format!("netkaart-{}", Template::Portrait.name()).into(),
            before: None,
        },
    )?;
    config.request = Request { group: Some(Arc::new(group)), ..config.request };
    let report = render::run(config)?;
    Ok(Report { failed, ..report })
}
