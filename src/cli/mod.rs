//! The `netkaart` command line: its options, their checks, and what it prints. One module
//! per command (the four that render one document share `render`), the option groups that
//! several commands take in `args`. The library does the work; this part words it for a
//! person at a terminal, naming options where the library names settings.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Parser, Subcommand};
use netkaart::Lang;
use netkaart::error::{Error, Remedy, Result, SettingName};
use netkaart::inputs::Source;
use netkaart::messages::Message;
use netkaart::templates::EDITION_DATE;

mod args;
mod batch;
mod calendar;
mod check;
mod compare;
mod completions;
mod data;
mod form;
mod init;
mod man_pages;
mod render;
mod schema;
mod serve;
mod stats;

const EXAMPLES: &str = "\
Examples:
  netkaart blank                            blank A2 poster in Dutch (netkaart-blank-nl.pdf)
  netkaart blank --lang en --orientation portrait -o poster.pdf
  netkaart init -o answers.yaml             a starter answers file to fill in
  netkaart check answers.yaml               every mistake in it, without rendering
  netkaart poster answers.yaml              personalised poster (answers-poster.pdf)
  netkaart poster answers.yaml --format png --ppi 50 -o preview.png
  netkaart blank --paper a0 --crop-marks      for the print shop: A0, 3 mm bleed, crop marks
  netkaart poster answers.yaml --tile a4      on A4 sheets to tape together, with a guide
  netkaart handbook --paper a5 --pdf-standard a-2b,ua-1
  netkaart handbook                         the guide that goes with the poster
  netkaart handbook answers.yaml            the guide with your answers, map and actions
  netkaart calendar answers.yaml            the dated actions of step 5 for your calendar
  netkaart compare januari.yaml juni.yaml   your network then and now, on one page
  netkaart stats answers/ -o groep.pdf      a workshop's group portrait
  netkaart completions bash                 Tab completes commands and options in bash";

/// Print-ready PDFs of the fill-in poster “Je netwerk uitbreiden en in kaart brengen”
/// (map and grow your network) and its handbook.
#[derive(Debug, Parser)]
#[command(name = "netkaart", version = version(), after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// What to make.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the blank fill-in poster for a group session: A2, or any A size with --paper,
    /// for a print shop (--crop-marks) or on office paper (--tile).
    #[command(
        after_help = "Examples:\n  netkaart blank\n  netkaart blank --lang en --orientation portrait -o blank-en.pdf\n  netkaart blank --format png --ppi 40 -o preview.png"
    )]
    Blank(render::BlankArgs),
    /// Render a personalised poster from an answers file: A2, or any A size with --paper.
    #[command(
        after_help = "Examples:\n  netkaart poster answers.yaml\n  netkaart poster answers.yaml -o an-peeters.pdf\n  netkaart poster answers.yaml --format svg -o poster.svg"
    )]
    Poster(render::PosterArgs),
    /// Render a participant's two-page A4 handout: network map, why and levels, action plan.
    #[command(
        after_help = "Examples:\n  netkaart handout answers.yaml\n  netkaart handout answers.yaml --event workshop.yaml -o an.pdf"
    )]
    Handout(render::HandoutArgs),
    /// Render the handbook: generic, or personalised with an answers file.
    #[command(
        after_help = "Examples:\n  netkaart handbook\n  netkaart handbook --lang en -o guide.pdf\n  netkaart handbook answers.yaml"
    )]
    Handbook(render::HandbookArgs),
    /// Compare two answers files of one participant: the network then and now, on one A4
    /// page (what is new, gone, realised, closer, further out) or as figures.
    #[command(after_help = compare::EXAMPLES)]
    Compare(compare::CompareArgs),
    /// Count a workshop's answers: one row per participant (CSV for Excel, or JSON), or
    /// the group's portrait as a page to project or print.
    #[command(after_help = stats::EXAMPLES)]
    Stats(stats::StatsArgs),
    /// Make a document for every participant of a workshop: from folders of answers
    /// files, YAML files with several documents (---), or a spreadsheet (CSV, XLSX, ODS).
    #[command(after_help = batch::EXAMPLES)]
    Batch(batch::BatchArgs),
    /// Write the actions of step 5 that have a date as a calendar file (.ics), one all-day
    /// event each, for any calendar app: Google, Outlook, Apple, Thunderbird.
    #[command(
        after_help = "Examples:\n  netkaart calendar answers.yaml\n  netkaart calendar answers.yaml --remind 2 --review -o actions.ics\n\nImporting the file again after a change updates the events instead of doubling them."
    )]
    Calendar(calendar::CalendarArgs),
    /// Write a starter answers file with every key explained, ready to fill in.
    #[command(
        after_help = "Examples:\n  netkaart init\n  netkaart init --lang en -o my-answers.yaml"
    )]
    Init(init::InitArgs),
    /// Check answers without rendering: every problem of each file at once. Exit status 0
    /// when all are fine, 1 otherwise.
    #[command(
        after_help = "Examples:\n  netkaart check answers.yaml\n  netkaart check answers/ workshop.csv"
    )]
    Check(check::CheckArgs),
    /// The questions of an online form (Google Forms, Microsoft Forms, LimeSurvey) whose
    /// export `batch` reads as it is: as Markdown to build the form from, or as an empty
    /// CSV or XLSX file with the questions as its header.
    #[command(after_help = form::EXAMPLES)]
    Form(form::FormArgs),
    /// Fill in the poster in a browser and watch it being drawn: a local web server, with
    /// nothing from the network.
    #[command(after_help = "Examples:\n  netkaart serve\n  netkaart serve --lang en --port 8080")]
    Serve(serve::ServeArgs),
    /// Print the JSON Schema of the answers file, for editors that complete keys and flag
    /// mistakes while one types (`netkaart init` points its file at it).
    #[command(
        after_help = "Examples:\n  netkaart schema -o netkaart.schema.json\n\nIn an answers file, the first line\n  # yaml-language-server: $schema=netkaart.schema.json\nlets the YAML plugin of VS Code, IntelliJ, Neovim and others use it."
    )]
    Schema(schema::SchemaArgs),
    /// Write the checked answers as the JSON data the templates read, for use with the
    /// stock `typst` command.
    #[command(
        after_help = "Examples:\n  netkaart data answers.yaml -o answers.json\n  typst compile --root . --font-path fonts --ignore-system-fonts templates/poster.typ"
    )]
    Data(data::DataArgs),
    /// Print the shell's completion of netkaart's commands and options: bash, zsh, fish,
    /// PowerShell or elvish.
    #[command(after_help = completions::EXAMPLES)]
    Completions(completions::CompletionsArgs),
    /// Write the manual pages of netkaart and of each command into a folder: for a system
    /// without the .deb (which installs them), or for a packager.
    #[command(
        after_help = "Examples:\n  netkaart man-pages ~/.local/share/man/man1\n  man netkaart-poster"
    )]
    ManPages(man_pages::ManPagesArgs),
}

/// What `--version` says after the name: netkaart's version, Typst's, and the templates'
/// edition, in the reader's language (the environment's: `--lang` is not read yet).
fn version() -> &'static str {
    static LINE: LazyLock<String> = LazyLock::new(|| version_in(netkaart::messages::reader()));
    &LINE
}

/// The version line in `lang`.
pub(crate) fn version_in(lang: Lang) -> String {
    let (y, m, d) = EDITION_DATE;
    Message::new("cli.version")
        .arg("version", env!("CARGO_PKG_VERSION"))
        .arg("typst", typst::utils::version().raw())
        .arg("edition", format!("{y:04}-{m:02}-{d:02}"))
        .render(lang)
}

/// What a command reports besides its files: warnings, and the files it wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings about the input, whole lines ("warning: FILE: …") in the input's language.
    pub warnings: Vec<String>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Records of a batch that failed (already reported).
    pub failed: usize,
}

/// Runs a parsed command line. Messages that no answers file words (the command's own) are
/// in the language asked for with `--lang`, else the environment's.
pub fn run(cli: &Cli) -> Result<Report> {
    match &cli.command {
        Command::Blank(a) => render::run(a.config()?),
        Command::Poster(a) => render::run(a.config()?),
        Command::Handout(a) => render::run(a.config()?),
        Command::Handbook(a) => render::run(a.config()?),
        Command::Compare(a) => compare::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Calendar(a) => calendar::run(a),
        Command::Init(a) => init::run(a),
        Command::Check(a) => check::run(a),
        Command::Form(a) => form::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Data(a) => data::run(a),
        Command::Completions(a) => completions::run(a),
        Command::ManPages(a) => man_pages::run(a),
    }
}

/// An error in the command line's words: a setting is named by its option (`--shard`).
/// A problem in answers is worded in their language, anything else in the reader's.
pub fn message(err: &Error) -> String {
    match err {
        Error::Input(e) => with_option(e).to_string(),
        other => other.text(&option).to_string(),
    }
}

/// A problem whose remedy is a setting of the command line, with the option that sets it
/// added to its help.
fn with_option(e: &netkaart::InputError) -> netkaart::InputError {
    let mut e = e.clone();
    if let Some(remedy) = e.remedy.take() {
        let remedy = remedy_text(&remedy);
        e.help = Some(match e.help.take() {
            Some(help) => {
                Message::new("cli.remedy.joined").with("help", help).with("remedy", remedy)
            }
            None => remedy,
        });
    }
    e
}

/// What the command line offers for a remedy, by its option.
fn remedy_text(remedy: &Remedy) -> Message {
    match remedy {
        Remedy::DateOrder => Message::new("cli.remedy.date_order"),
        Remedy::IgnoreColumn(name) => Message::new("cli.remedy.ignore_column").arg("name", name),
        Remedy::AllowPath => Message::new("cli.remedy.allow_path"),
        Remedy::FontPath(1) => Message::new("cli.remedy.font_path_one"),
        Remedy::FontPath(_) => Message::new("cli.remedy.font_path"),
    }
}

/// The option that sets a setting, as messages name it.
fn option(name: SettingName) -> Message {
    let plain = |option: &str| Message::new("plain").arg("text", option);
    match name {
        SettingName::Shard => plain("--shard"),
        SettingName::NamePattern => plain("--name"),
        SettingName::PrinterMargin => plain("--printer-margin"),
        SettingName::Overlap => plain("--overlap"),
        SettingName::PdfStandard => plain("--pdf-standard"),
        SettingName::Event => Message::new("cli.option.event"),
        SettingName::OutputFolder => Message::new("cli.option.output_folder"),
        SettingName::OutputFile => Message::new("cli.option.output_file"),
    }
}

/// A failed record in one message: the input's own place for answers that are wrong,
/// the record's source before anything else.
pub(crate) fn failure_message(source: &Source, err: &Error) -> String {
    match err {
        Error::Input(_) => message(err),
        other => format!("{source}: {}", message(other)),
    }
}

/// The line that reports a failed record: "error: …", in the language of its answers when
/// the answers are at fault, else in the reader's.
pub(crate) fn error_line(source: &Source, err: &Error) -> String {
    let text = Message::new("cli.error").arg("text", failure_message(source, err));
    match err {
        Error::Input(e) => text.render(e.language()),
        _ => text.to_string(),
    }
}

/// A document's warnings as lines, "warning: PREFIX: field: …", each in its language.
pub(crate) fn warning_lines(prefix: &str, warnings: &[netkaart::Warning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| {
            let mut w = w.clone();
            if let Some(remedy) = w.remedy.take() {
                let remedy = remedy_text(&remedy);
                w.message = Message::new("cli.remedy.font")
                    .with("message", w.message)
                    .with("remedy", remedy);
            }
            Message::new("cli.warning").arg("text", format!("{prefix}{w}")).render(w.lang)
        })
        .collect()
}

/// A warning about answers, "warning: …", in their language.
pub(crate) fn warning_line(warning: &netkaart::InputError) -> String {
    Message::new("cli.warning").arg("text", with_option(warning)).render(warning.language())
}

/// The spreadsheet columns that were not read, a line per file, for the summary.
pub(crate) fn ignored_lines(ignored: &[netkaart::inputs::Ignored]) -> Vec<String> {
    ignored
        .iter()
        .map(|i| {
            let columns: Vec<String> = i.columns.iter().map(|c| format!("'{c}'")).collect();
            Message::new("cli.not_read")
                .arg("file", i.file.display())
                .arg("columns", columns.join(", "))
                .to_string()
        })
        .collect()
}
