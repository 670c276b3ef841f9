//! The command line: arguments, their checks, and what each command does.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use std::sync::Arc;

use crate::answers::{self, Answers, Lang};
use crate::batch::{Batch, NamePattern, Outcome, Shard, Source, check_inputs, read_inputs};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::fonts::Fonts;
use crate::output::{self, Target};
use crate::print::{self, DEFAULT_BLEED_MM, MAX_BLEED_MM, Paper, Print, Standard};
use crate::render::{self, Engine, Format, Orientation, Request};
use crate::starter;
use crate::templates::Template;
use crate::tiling::Tiling;

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
  netkaart handbook answers.yaml            the guide with your answers, map and actions";

const BATCH_EXAMPLES: &str = "\
Examples:
  netkaart batch answers/ -o handouts/                one handout per participant
  netkaart batch form-export.xlsx --event workshop.yaml -o handouts/
  netkaart batch answers/ --combine print.pdf         one PDF for the printer
  netkaart batch all.yaml -o posters/ --kind poster --name '{n}-{name}'
  netkaart batch big.csv -o out/ --shard 2/4          the second of four slices

File names: --name takes {name} (the person's name, else the organisation), {n} (the
record's number in the batch), {file} (the input file's name), {organisation}, {lang}.
Names that collide get -2, -3, … in input order.";

/// Print-ready PDFs of the fill-in poster “Je netwerk uitbreiden en in kaart brengen”
/// (map and grow your network) and its handbook.
#[derive(Debug, Parser)]
#[command(name = "netkaart", version, after_help = EXAMPLES, max_term_width = 100)]
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
    Blank(BlankArgs),
    /// Render a personalised poster from an answers file: A2, or any A size with --paper.
    #[command(
        after_help = "Examples:\n  netkaart poster answers.yaml\n  netkaart poster answers.yaml -o an-peeters.pdf\n  netkaart poster answers.yaml --format svg -o poster.svg"
    )]
    Poster(PosterArgs),
    /// Render a participant's two-page A4 handout: network map, why and levels, action plan.
    #[command(
        after_help = "Examples:\n  netkaart handout answers.yaml\n  netkaart handout answers.yaml --event workshop.yaml -o an.pdf"
    )]
    Handout(HandoutArgs),
    /// Render the handbook: generic, or personalised with an answers file.
    #[command(
        after_help = "Examples:\n  netkaart handbook\n  netkaart handbook --lang en -o guide.pdf\n  netkaart handbook answers.yaml"
    )]
    Handbook(HandbookArgs),
    /// Make a document for every participant of a workshop: from folders of answers
    /// files, YAML files with several documents (---), or a spreadsheet (CSV, XLSX, ODS).
    #[command(after_help = BATCH_EXAMPLES)]
    Batch(BatchArgs),
    /// Write a starter answers file with every key explained, ready to fill in.
    #[command(
        after_help = "Examples:\n  netkaart init\n  netkaart init --lang en -o my-answers.yaml"
    )]
    Init(InitArgs),
    /// Check answers without rendering: every problem of each file at once. Exit status 0
    /// when all are fine, 1 otherwise.
    #[command(
        after_help = "Examples:\n  netkaart check answers.yaml\n  netkaart check answers/ workshop.csv"
    )]
    Check(CheckArgs),
    /// Print the JSON Schema of the answers file, for editors that complete keys and flag
    /// mistakes while one types (`netkaart init` points its file at it).
    #[command(
        after_help = "Examples:\n  netkaart schema -o netkaart.schema.json\n\nIn an answers file, the first line\n  # yaml-language-server: $schema=netkaart.schema.json\nlets the YAML plugin of VS Code, IntelliJ, Neovim and others use it."
    )]
    Schema(SchemaArgs),
    /// Write the checked answers as the JSON data the templates read, for use with the
    /// stock `typst` command.
    #[command(
        after_help = "Examples:\n  netkaart data answers.yaml -o answers.json\n  typst compile --root . --font-path fonts --ignore-system-fonts templates/poster.typ"
    )]
    Data(DataArgs),
}

/// Options shared by every command that renders a document.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Output file, or `-` for standard output. With several PNG or SVG pages, `{p}` in the
    /// name stands for the page number (otherwise -1, -2, … is added).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else pdf].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Resolution of PNG output, in pixels per inch [default: 144].
    #[arg(long)]
    pub ppi: Option<f32>,
    /// Also use the fonts in this folder; can be given more than once. Without it, only the
    /// fonts built into netkaart are used, never the system's.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// The workshop's event file (YAML): the organisation's name, logo and colour, and the
    /// workshop's title, date, place and facilitator, shown on the document.
    #[arg(long, value_name = "FILE")]
    pub event: Option<PathBuf>,
    /// Also let the event's logo come from this folder; can be given more than once.
    /// Without it, the logo must be inside the event file's own folder.
    #[arg(long = "allow-path", value_name = "DIR", requires = "event")]
    pub allow_paths: Vec<PathBuf>,
    /// Make a PDF that meets this standard, checked while it is written: a-2b or a-3b for
    /// archives (PDF/A; needs a date: the answers', the event's or SOURCE_DATE_EPOCH), ua-1
    /// for accessibility (PDF/UA). Combine them with a comma: a-2b,ua-1.
    #[arg(long = "pdf-standard", value_enum, value_delimiter = ',', value_name = "STANDARD")]
    pub pdf_standards: Vec<Standard>,
}

/// How a poster is printed: options shared by `blank`, `poster` and `batch --kind poster`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Bleed for the print shop, in millimetres: the background runs on this far beyond the
    /// trimmed sheet [default: 3 with --crop-marks, else none].
    #[arg(long, value_name = "MM")]
    pub bleed: Option<f64>,
    /// Crop marks for the print shop, outside the bleed, with a TrimBox and a BleedBox in
    /// the PDF.
    #[arg(long)]
    pub crop_marks: bool,
    /// Cut the poster into sheets of this office paper, to tape together: an assembly page
    /// first, then every sheet with its label and cut and glue guides.
    #[arg(long, value_enum, value_name = "PAPER")]
    pub tile: Option<TileArg>,
    /// With --tile: how far neighbouring sheets overlap, for glue, in millimetres
    /// [default: 10].
    #[arg(long, value_name = "MM", requires = "tile")]
    pub overlap: Option<f64>,
    /// With --tile: the edge of each sheet that the printer leaves blank, in millimetres
    /// [default: 6].
    #[arg(long = "printer-margin", value_name = "MM", requires = "tile")]
    pub printer_margin: Option<f64>,
}

impl PrintArgs {
    /// The checked settings; `format` is the output format, for which some make no sense.
    fn check(&self, paper: Option<Paper>, format: Format) -> Result<Print> {
        if let Some(b) = self.bleed
            && !(b.is_finite() && (0.0..=MAX_BLEED_MM).contains(&b))
        {
            return Err(Error::Usage(format!(
                "--bleed {b} is out of range; give a number of millimetres from 0 to {MAX_BLEED_MM} (print shops usually ask for 3)"
            )));
        }
        let print_shop = self.bleed.is_some() || self.crop_marks;
        if print_shop && self.tile.is_some() {
            return Err(Error::Usage(
                "--tile is for an office printer, --bleed and --crop-marks for a print shop: choose one".into(),
            ));
        }
        if print_shop && format != Format::Pdf {
            return Err(Error::Usage(format!(
                "--bleed and --crop-marks apply to PDF output only; a {} preview shows the trimmed sheet",
                format.extension().to_uppercase()
            )));
        }
        let tiling = self.tile.map(|sheet| {
            let mut tiling = Tiling::new(sheet.into());
            tiling.margin_mm = self.printer_margin.unwrap_or(tiling.margin_mm);
            tiling.overlap_mm = self.overlap.unwrap_or(tiling.overlap_mm);
            tiling
        });
        if let Some(t) = &tiling {
            t.check()?;
        }
        Ok(Print {
            paper,
            bleed_mm: self.bleed.unwrap_or(if self.crop_marks { DEFAULT_BLEED_MM } else { 0.0 }),
            crop_marks: self.crop_marks,
            tiling,
            standards: Vec::new(),
        })
    }

    /// Whether any of these options is given.
    fn any(&self) -> bool {
        self.bleed.is_some() || self.crop_marks || self.tile.is_some()
    }

    /// `-a3-tiles-a4`: what the default file name adds for these settings.
    fn suffix(print: &Print) -> String {
        let mut s = String::new();
        if let Some(paper) = print.paper {
            s.push('-');
            s.push_str(paper.name());
        }
        if let Some(t) = &print.tiling {
            s.push_str("-tiles-");
            s.push_str(t.sheet.name());
        }
        s
    }
}

/// Checks `--pdf-standard` against the format.
fn check_standards(args: &[Standard], format: Format) -> Result<Vec<Standard>> {
    let mut standards: Vec<Standard> = Vec::new();
    for &s in args {
        if !standards.contains(&s) {
            standards.push(s);
        }
    }
    if !standards.is_empty() && format != Format::Pdf {
        return Err(Error::Usage(format!(
            "--pdf-standard applies to PDF output only, not to {}",
            format.extension().to_uppercase()
        )));
    }
    print::pdf_standards(&standards)?;
    Ok(standards)
}

/// `netkaart blank`.
#[derive(Debug, Args)]
pub struct BlankArgs {
    /// Language of the poster.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Orientation of the sheet.
    #[arg(long, value_enum, default_value_t = OrientationArg::Landscape)]
    pub orientation: OrientationArg,
    /// Paper size: the design scales with the sheet [default: a2].
    #[arg(long, value_enum)]
    pub paper: Option<PosterPaperArg>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub print: PrintArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub render: RenderArgs,
}

/// `netkaart poster`.
#[derive(Debug, Args)]
pub struct PosterArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// Language of the poster [default: the answers' `lang`, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Orientation of the sheet.
    #[arg(long, value_enum, default_value_t = OrientationArg::Landscape)]
    pub orientation: OrientationArg,
    /// Paper size: the design scales with the sheet [default: a2].
    #[arg(long, value_enum)]
    pub paper: Option<PosterPaperArg>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub print: PrintArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub render: RenderArgs,
}

/// `netkaart handout`.
#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// Language of the handout [default: the answers' `lang`, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub render: RenderArgs,
}

/// `netkaart handbook`.
#[derive(Debug, Args)]
pub struct HandbookArgs {
    /// An answers file, to personalise the handbook.
    pub answers: Option<PathBuf>,
    /// Language of the handbook [default: the answers' `lang`, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Paper size [default: a4].
    #[arg(long, value_enum)]
    pub paper: Option<HandbookPaperArg>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub render: RenderArgs,
}

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
    #[arg(long, value_enum, default_value_t = KindArg::Handout)]
    pub kind: KindArg,
    /// The workshop's event file (YAML): organisation, logo, colour, title, date, place and
    /// facilitator, shown on every document.
    #[arg(long, value_name = "FILE")]
    pub event: Option<PathBuf>,
    /// Also let the event's logo come from this folder; can be given more than once.
    /// Without it, the logo must be inside the event file's own folder.
    #[arg(long = "allow-path", value_name = "DIR", requires = "event")]
    pub allow_paths: Vec<PathBuf>,
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
    /// Orientation of the posters (--kind poster).
    #[arg(long, value_enum)]
    pub orientation: Option<OrientationArg>,
    /// Paper size of the posters (a0 to a4) or of the handbooks (a4 or a5) [default: a2
    /// for posters, a4 for handbooks; handouts are always a4].
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub print: PrintArgs,
    /// Make PDFs that meet this standard: a-2b, a-3b (PDF/A), ua-1 (PDF/UA; not with
    /// --combine, which is for the printer). Combine them with a comma.
    #[arg(long = "pdf-standard", value_enum, value_delimiter = ',', value_name = "STANDARD")]
    pub pdf_standards: Vec<Standard>,
    /// Also use the fonts in this folder; can be given more than once.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}

/// `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum KindArg {
    /// the two-page A4 handout
    Handout,
    /// the A2 poster
    Poster,
    /// the A4 handbook
    Handbook,
}

impl From<KindArg> for Template {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Handout => Template::Handout,
            KindArg::Poster => Template::Poster,
            KindArg::Handbook => Template::Handbook,
        }
    }
}

/// `netkaart init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Language of the comments (and of the poster).
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Where to write it, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "answers.yaml")]
    pub output: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// What the file's `$schema` line points to, for editors: a URL or a path. By default
    /// netkaart.schema.json, which init writes beside the answers file.
    #[arg(long, value_name = "URL|PATH")]
    pub schema: Option<String>,
}

/// `netkaart check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Answers files, folders of them, YAML files with several documents, or spreadsheets.
    #[arg(required = true, value_name = "ANSWERS")]
    pub inputs: Vec<PathBuf>,
    /// Print only the problems, not the files that are fine.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `netkaart schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write it, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// `netkaart data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// Where to write the JSON, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "answers.json")]
    pub output: PathBuf,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum LangArg {
    /// Dutch (the original)
    Nl,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// `--orientation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum OrientationArg {
    /// wider than tall (594 × 420 mm on A2)
    Landscape,
    /// taller than wide (420 × 594 mm on A2)
    Portrait,
}

impl From<OrientationArg> for Orientation {
    fn from(o: OrientationArg) -> Self {
        match o {
            OrientationArg::Landscape => Orientation::Landscape,
            OrientationArg::Portrait => Orientation::Portrait,
        }
    }
}

/// `--paper` of a poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum PosterPaperArg {
    /// 841 × 1189 mm, twice A2
    A0,
    /// 594 × 841 mm
    A1,
    /// 420 × 594 mm, the poster's own size
    A2,
    /// 297 × 420 mm
    A3,
    /// 210 × 297 mm, an overview of handout size
    A4,
}

impl From<PosterPaperArg> for Paper {
    fn from(p: PosterPaperArg) -> Self {
        match p {
            PosterPaperArg::A0 => Paper::A0,
            PosterPaperArg::A1 => Paper::A1,
            PosterPaperArg::A2 => Paper::A2,
            PosterPaperArg::A3 => Paper::A3,
            PosterPaperArg::A4 => Paper::A4,
        }
    }
}

/// `--paper` of the handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum HandbookPaperArg {
    /// 210 × 297 mm
    A4,
    /// 148 × 210 mm, a booklet
    A5,
}

impl From<HandbookPaperArg> for Paper {
    fn from(p: HandbookPaperArg) -> Self {
        match p {
            HandbookPaperArg::A4 => Paper::A4,
            HandbookPaperArg::A5 => Paper::A5,
        }
    }
}

/// `--tile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum TileArg {
    /// sheets of A4
    A4,
    /// sheets of A3
    A3,
}

impl From<TileArg> for Paper {
    fn from(t: TileArg) -> Self {
        match t {
            TileArg::A4 => Paper::A4,
            TileArg::A3 => Paper::A3,
        }
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum FormatArg {
    /// one PDF, ready to print
    Pdf,
    /// one PNG image per page
    Png,
    /// one SVG image per page
    Svg,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Png => Format::Png,
            FormatArg::Svg => Format::Svg,
        }
    }
}

/// A render command's arguments, checked: everything needed to do the work.
#[derive(Debug)]
pub struct RenderConfig {
    /// What to compile.
    pub request: Request,
    /// Where the answers came from, for messages.
    pub origin: Option<PathBuf>,
    /// The output format.
    pub format: Format,
    /// PNG resolution.
    pub ppi: f32,
    /// Where to write.
    pub target: Target,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// `SOURCE_DATE_EPOCH`, when set.
    pub epoch: Option<i64>,
}

impl RenderArgs {
    /// The output format: `--format`, else the output file's extension, else PDF.
    fn format(&self) -> Result<Format> {
        let from_ext = self.output.as_deref().and_then(|p| {
            match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
                "pdf" => Some(Format::Pdf),
                "png" => Some(Format::Png),
                "svg" => Some(Format::Svg),
                _ => None,
            }
        });
        let format = match (self.format.map(Format::from), from_ext) {
            (Some(f), Some(e)) if f != e => {
                return Err(Error::Usage(format!(
                    "--format {} does not match the output file's extension (.{}); change one of them",
                    f.extension(),
                    e.extension()
                )));
            }
            (Some(f), _) => f,
            (None, Some(e)) => e,
            (None, None) => Format::Pdf,
        };
        Ok(format)
    }

    /// Checks the shared options; `default_name` is the output name without extension.
    fn check(&self, format: Format, default_name: PathBuf) -> Result<(f32, Target)> {
        let ppi = match self.ppi {
            Some(_) if format != Format::Png => {
                return Err(Error::Usage("--ppi applies only to PNG output (--format png)".into()));
            }
            Some(p) if !(1.0..=1200.0).contains(&p) => {
                return Err(Error::Usage(format!(
                    "--ppi {p} is out of range; choose a value from 1 to 1200"
                )));
            }
            Some(p) => p,
            None => 144.0,
        };
        check_folders("--font-path", &self.font_paths)?;
        check_folders("--allow-path", &self.allow_paths)?;
        let target = match &self.output {
            Some(p) => Target::from_arg(p),
            None => {
                let mut name = default_name.into_os_string();
                name.push(".");
                name.push(format.extension());
                Target::File(name.into())
            }
        };
        if let Target::File(path) = &target
            && path.is_dir()
        {
            return Err(Error::Usage(format!(
                "the output {} is a folder; give a file name, such as {}",
                path.display(),
                path.join(format!("poster.{}", format.extension())).display()
            )));
        }
        Ok((ppi, target))
    }
}

fn check_folders(option: &str, dirs: &[PathBuf]) -> Result<()> {
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Error::Usage(format!("{option} {} is not a folder", dir.display())));
        }
    }
    Ok(())
}

fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().map(Some).map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH is '{v}', which is not a number of seconds since 1970"
            ))
        }),
        _ => Ok(None),
    }
}

/// `answers.yaml` → `answers-{suffix}` in the same folder.
fn beside(input: &Path, suffix: &str) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}-{suffix}"))
}

impl Command {
    /// Turns a render command's arguments into a checked configuration, reading and
    /// validating its answers file; `None` for commands that render nothing.
    pub fn render_config(&self) -> Result<Option<RenderConfig>> {
        let epoch = source_date_epoch()?;
        let suffix = |o: Orientation| if o == Orientation::Portrait { "-portrait" } else { "" };
        let render = match self {
            Command::Blank(a) => &a.render,
            Command::Poster(a) => &a.render,
            Command::Handout(a) => &a.render,
            Command::Handbook(a) => &a.render,
            Command::Init(_)
            | Command::Data(_)
            | Command::Batch(_)
            | Command::Check(_)
            | Command::Schema(_) => return Ok(None),
        };
        let format = render.format()?;
        let (template, answers, orientation, origin, print, default_name) = match self {
            Command::Blank(a) => {
                let lang = Lang::from(a.lang);
                let o = Orientation::from(a.orientation);
                let print = a.print.check(a.paper.map(Paper::from), format)?;
                let name = format!(
                    "netkaart-blank-{}{}{}",
                    lang.code(),
                    suffix(o),
                    PrintArgs::suffix(&print)
                );
                (Template::Poster, Answers::blank(lang), o, None, print, PathBuf::from(name))
            }
            Command::Poster(a) => {
                let o = Orientation::from(a.orientation);
                let print = a.print.check(a.paper.map(Paper::from), format)?;
                let name = beside(
                    &a.answers,
                    &format!("poster{}{}", suffix(o), PrintArgs::suffix(&print)),
                );
                let answers = with_lang(Answers::load(&a.answers)?, a.lang);
                (Template::Poster, answers, o, Some(a.answers.clone()), print, name)
            }
            Command::Handout(a) => {
                let name = beside(&a.answers, "handout");
                let answers = with_lang(Answers::load(&a.answers)?, a.lang);
                let o = Orientation::Portrait;
                (Template::Handout, answers, o, Some(a.answers.clone()), Print::default(), name)
            }
            Command::Handbook(a) => {
                let print = Print { paper: a.paper.map(Paper::from), ..Print::default() };
                let paper = PrintArgs::suffix(&print);
                let o = Orientation::Portrait;
                match &a.answers {
                    Some(path) => {
                        let answers = with_lang(Answers::load(path)?, a.lang);
                        let name = beside(path, &format!("handbook{paper}"));
                        (Template::Handbook, answers, o, Some(path.clone()), print, name)
                    }
                    None => {
                        let lang = Lang::from(a.lang.unwrap_or(LangArg::Nl));
                        let name =
                            PathBuf::from(format!("netkaart-handbook-{}{paper}", lang.code()));
                        (Template::Handbook, Answers::blank(lang), o, None, print, name)
                    }
                }
            }
            _ => unreachable!("the commands that render nothing returned above"),
        };
        let standards = check_standards(&render.pdf_standards, format)?;
        let print = Print { standards, ..print };
        let (ppi, target) = render.check(format, default_name)?;
        let event = match &render.event {
            Some(path) => Some(Arc::new(Event::load(path, &render.allow_paths)?)),
            None => None,
        };
        Ok(Some(RenderConfig {
            request: Request { template, answers, orientation, event, print },
            origin,
            format,
            ppi,
            target,
            font_paths: render.font_paths.clone(),
            epoch,
        }))
    }
}

fn with_lang(mut answers: Answers, lang: Option<LangArg>) -> Answers {
    if let Some(l) = lang {
        answers.lang = Some(l.into());
    }
    answers
}

/// What a command reports besides its files: warnings, and the files it wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings about the input, prefixed with its file.
    pub warnings: Vec<String>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Records of a batch that failed (already reported).
    pub failed: usize,
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<Report> {
    if let Some(config) = cli.command.render_config()? {
        return render(&config);
    }
    match &cli.command {
        Command::Init(a) => {
            let schema = a.schema.as_deref().unwrap_or(SCHEMA_FILE);
            let text = starter::starter(a.lang.into(), Some(schema));
            let target = Target::from_arg(&a.output);
            if let Target::File(path) = &target
                && path.exists()
                && !a.force
            {
                return Err(Error::Usage(format!(
                    "{} already exists; choose another name with -o, or replace it with --force",
                    path.display()
                )));
            }
            let mut written = output::write(&target, &[text.into_bytes()])?;
            // The schema the file points to, beside it; rewritten each time, so that it is
            // the schema of the netkaart that wrote the file.
            if a.schema.is_none()
                && let Target::File(path) = &target
            {
                let schema_path = path.with_file_name(SCHEMA_FILE);
                output::write_atomic(&schema_path, answers::json_schema().as_bytes())?;
                written.push(schema_path);
            }
            Ok(Report { written, ..Report::default() })
        }
        Command::Check(a) => check(a),
        Command::Schema(a) => {
            let target = Target::from_arg(&a.output);
            let written = output::write(&target, &[answers::json_schema().into_bytes()])?;
            Ok(Report { written, ..Report::default() })
        }
        Command::Data(a) => {
            let answers = Answers::load(&a.answers)?;
            let written =
                output::write(&Target::from_arg(&a.output), &[answers.to_json().into_bytes()])?;
            Ok(Report { written, ..Report::default() })
        }
        Command::Batch(a) => batch(&a.check()?),
        _ => unreachable!("render commands return above"),
    }
}

/// The name of the schema file that `init` writes beside the answers.
pub const SCHEMA_FILE: &str = "netkaart.schema.json";

/// Checks every input and prints every problem; the report counts the records with any.
fn check(args: &CheckArgs) -> Result<Report> {
    let checked = check_inputs(&args.inputs)?;
    let mut problems = 0;
    let mut failed = 0;
    for record in &checked {
        if record.problems.is_empty() {
            if !args.quiet {
                eprintln!("ok: {}", record.source);
            }
            continue;
        }
        failed += 1;
        for problem in &record.problems {
            problems += 1;
            eprintln!("error: {}", failure_message(&record.source, problem));
        }
    }
    let total = checked.len();
    let noun = if total == 1 { "set of answers" } else { "sets of answers" };
    if failed == 0 {
        if !args.quiet {
            eprintln!("{total} {noun} checked: no problems");
        }
    } else {
        eprintln!(
            "{total} {noun} checked: {problems} problem{} in {failed}",
            if problems == 1 { "" } else { "s" }
        );
    }
    Ok(Report { failed, ..Report::default() })
}

/// An engine with the embedded fonts and those of `font_paths`, stamped with `epoch`.
fn engine(font_paths: &[PathBuf], epoch: Option<i64>) -> Result<Engine> {
    let fonts =
        if font_paths.is_empty() { Fonts::embedded() } else { Fonts::with_dirs(font_paths)? };
    let engine = Engine::with_fonts(fonts);
    Ok(match epoch {
        Some(epoch) => engine.with_epoch(epoch),
        None => engine,
    })
}

/// Compiles and writes one document.
pub fn render(config: &RenderConfig) -> Result<Report> {
    let engine = engine(&config.font_paths, config.epoch)?;
    let compiled = engine.compile(&config.request)?;
    let files = compiled.export(config.format, config.ppi)?;
    let written = output::write(&config.target, &files)?;
    let prefix = config.origin.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default();
    let warnings = compiled.warnings.iter().map(|w| format!("{prefix}{w}")).collect();
    Ok(Report { warnings, written, failed: 0 })
}

/// `netkaart batch`'s arguments, checked.
#[derive(Debug)]
pub struct BatchConfig {
    /// What to make.
    pub batch: Batch,
    /// The inputs.
    pub inputs: Vec<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// `SOURCE_DATE_EPOCH`.
    pub epoch: Option<i64>,
    /// Print only failures.
    pub quiet: bool,
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
        if self.orientation.is_some() && self.kind != KindArg::Poster {
            return Err(Error::Usage(
                "--orientation applies to posters only (--kind poster)".into(),
            ));
        }
        if self.print.any() && self.kind != KindArg::Poster {
            return Err(Error::Usage(
                "--bleed, --crop-marks and --tile apply to posters only (--kind poster)".into(),
            ));
        }
        let paper = self.paper;
        match (self.kind, paper) {
            (_, None)
            | (KindArg::Poster, Some(Paper::A0 | Paper::A1 | Paper::A2 | Paper::A3 | Paper::A4)) => {
            }
            (KindArg::Handbook, Some(Paper::A4 | Paper::A5)) => {}
            (KindArg::Poster, Some(p)) => {
                return Err(Error::Usage(format!(
                    "--paper {} is too small for a poster; choose a0, a1, a2, a3 or a4",
                    p.name()
                )));
            }
            (KindArg::Handbook, Some(p)) => {
                return Err(Error::Usage(format!(
                    "--paper {} is not a handbook size; choose a4 or a5",
                    p.name()
                )));
            }
            (KindArg::Handout, Some(_)) => {
                return Err(Error::Usage(
                    "--paper does not apply to handouts, which are always A4 (posters: --kind poster; handbooks: --kind handbook)".into(),
                ));
            }
        }
        let standards = check_standards(&self.pdf_standards, Format::Pdf)?;
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
        check_folders("--font-path", &self.font_paths)?;
        check_folders("--allow-path", &self.allow_paths)?;
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
        let event = match &self.event {
            Some(path) => Some(Arc::new(Event::load(path, &self.allow_paths)?)),
            None => None,
        };
        let epoch = source_date_epoch()?;
        if self.combine.is_some() {
            // The combined PDF is written last: a missing date is said before the work.
            let event_date = event.as_ref().and_then(|e| e.date.as_ref());
            let clock = epoch.and_then(render::epoch_datetime);
            print::document_date(&print.standards, None, event_date, clock, true)?;
        }
        Ok(BatchConfig {
            batch: Batch {
                template: self.kind.into(),
                orientation: self.orientation.map_or(Orientation::Landscape, Orientation::from),
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
            font_paths: self.font_paths.clone(),
            epoch,
            quiet: self.quiet,
        })
    }
}

/// A failed record in one message: the input's own place for answers that are wrong,
/// the record's source before anything else.
fn failure_message(source: &Source, err: &Error) -> String {
    match err {
        Error::Input(_) => err.to_string(),
        other => format!("{source}: {other}"),
    }
}

/// Runs a batch, reporting each record as it finishes: a progress bar on a terminal,
/// a line per record otherwise, only failures with `--quiet`.
pub fn batch(config: &BatchConfig) -> Result<Report> {
    let engine = engine(&config.font_paths, config.epoch)?;
    let records = read_inputs(&config.inputs)?;
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
            Err(err) => print(format!("error: {}", failure_message(&outcome.source, err))),
        }
        if let Some(bar) = &bar {
            bar.set_position(n as u64);
            bar.set_message(outcome.source.to_string());
        }
    };
    let summary = config.batch.run(&engine, records, &report)?;
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
    for (source, err) in &summary.failed {
        let message = failure_message(source, err);
        lines.push(format!("  failed: {}", message.lines().next().unwrap_or("")));
    }
    if !config.quiet || !summary.failed.is_empty() {
        for line in lines {
            eprintln!("{line}");
        }
    }
    Ok(Report { failed: summary.failed.len(), ..Report::default() })
}
