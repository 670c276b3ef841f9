//! Groups of options that several commands take (`#[command(flatten)]`), each with the
//! check that turns it into the library's settings.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use netkaart::error::{Error, Result};
use netkaart::fonts::Fonts;
use netkaart::inputs::{DateOrder, SheetOptions};
use netkaart::limits::MAX_BLEED_MM;
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::print::{self, DEFAULT_BLEED_MM};
use netkaart::tiling::{self, Tiling};
use netkaart::{Engine, Event, Format, Lang, Orientation, Paper, Print, Standard, Template};

/// A parser for `--paper` that takes the papers of `papers` only, in any case.
pub fn papers(papers: &'static [Paper]) -> impl TypedValueParser<Value = Paper> {
    let values = papers.iter().filter_map(|p| p.to_possible_value());
    PossibleValuesParser::new(values)
        .map(|name| Paper::from_str(&name, true).expect("one of the papers offered"))
}

/// How a spreadsheet is read: `--ignore-column`, `--columns`, `--date-order`.
#[derive(Debug, Args)]
pub struct SpreadsheetArgs {
    /// Leave this column of a spreadsheet out (its header; repeat for more). The columns
    /// that form tools add (timestamp, e-mail, ID, …) are left out without asking.
    #[arg(long, value_name = "HEADER")]
    pub ignore_column: Vec<String>,
    /// A YAML file of `header: key` lines naming the field of each column whose header is
    /// neither a key (person.name) nor a question of `netkaart form`.
    #[arg(long, value_name = "MAP.yaml")]
    pub columns: Option<PathBuf>,
    /// Which comes first in dates like 1/2/2027: the day (dmy), or the month (mdy, as
    /// American forms write them). Dates as 2027-02-01 are always read.
    #[arg(long, value_enum, ignore_case = true, default_value_t = DateOrder::Dmy)]
    pub date_order: DateOrder,
}

impl SpreadsheetArgs {
    /// The library's settings, with the columns file read.
    pub fn options(&self) -> Result<SheetOptions> {
        let columns = match &self.columns {
            Some(path) => SheetOptions::read_columns(path)?,
            None => Vec::new(),
        };
        Ok(SheetOptions {
            ignore: self.ignore_column.clone(),
            columns,
            date_order: self.date_order,
        })
    }
}

/// `--lang`.
#[derive(Debug, Args)]
pub struct LangArgs {
    /// Language of the document [default: the answers' `lang`, else nl].
    #[arg(long, value_enum, ignore_case = true)]
    pub lang: Option<Lang>,
}

impl LangArgs {
    /// The language asked for, else Dutch.
    pub fn or_default(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// Makes the language asked for the one of the messages that carry none of their own
    /// (the command's), before the command runs.
    pub fn speak(&self) {
        if let Some(lang) = self.lang {
            netkaart::messages::set_reader(lang);
        }
    }
}

/// Options of every command that makes documents: the fonts, the event, the PDF standards
/// and the clock.
#[derive(Debug, Args)]
pub struct MakeArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub fonts: FontArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub event: EventArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub standards: StandardArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub clock: ClockArgs,
}

impl MakeArgs {
    /// Checks the folders given and reads the event file.
    pub fn event(&self) -> Result<Option<Arc<Event>>> {
        self.fonts.check()?;
        self.event.check()?;
        self.event.load()
    }

    /// An engine with the embedded fonts and those asked for, stamped with the clock's moment.
    pub fn engine(&self) -> Result<Engine> {
        self.fonts.engine(&self.clock)
    }
}

/// The format asked for (`format`), else the one `output`'s extension names (by its value's
/// name: `pdf`, `csv`), else `default`; a format that the extension contradicts is refused.
fn chosen_format<F: ValueEnum + Copy + PartialEq>(
    format: Option<F>,
    output: Option<&Path>,
    default: F,
) -> Result<F> {
    let name = |f: F| f.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    let from_ext = output.and_then(|p| F::from_str(p.extension()?.to_str()?, true).ok());
    match (format, from_ext) {
        (Some(f), Some(e)) if f != e => Err(Error::Usage(
            Message::new("cli.format_extension").arg("format", name(f)).arg("extension", name(e)),
        )),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(default),
    }
}

/// `-o`, `--ppi` and `--separator` of the commands that write figures (JSON, CSV) or a
/// document (PDF, PNG, SVG): `compare` and `stats`, whose `--format` lists both kinds.
#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// Output file, or `-` for standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Resolution of PNG output, in pixels per inch [default: 144].
    #[arg(long)]
    pub ppi: Option<f32>,
    /// The separator of CSV output [default: the one Excel expects in the language].
    #[arg(long, value_enum, ignore_case = true)]
    pub separator: Option<netkaart::review::table::Separator>,
}

impl FiguresArgs {
    /// The format asked for: `format`, else the output file's extension, else `default`.
    pub fn format<F: ValueEnum + Copy + PartialEq>(
        &self,
        format: Option<F>,
        default: F,
    ) -> Result<F> {
        chosen_format(format, self.output.as_deref(), default)
    }

    /// The output options of a document in `format`.
    pub fn document(&self, format: Format) -> OutputArgs {
        OutputArgs { output: self.output.clone(), format: Some(format), ppi: self.ppi }
    }

    /// Writes figures (`bytes`) to `-o`, else to `default`.
    pub fn write(&self, bytes: Vec<u8>, default: PathBuf) -> Result<Vec<PathBuf>> {
        if self.ppi.is_some() {
            return Err(Error::Usage(Message::new("cli.ppi_png")));
        }
        let target = self.output.as_deref().map_or(Target::File(default), Target::from_arg);
        output::write(&target, &[bytes])
    }
}

/// `-o`, `--format` and `--ppi`: where a document goes, and as what.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output file, or `-` for standard output. With several PNG or SVG pages, `{p}` in the
    /// name stands for the page number (otherwise -1, -2, … is added).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else pdf].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,
    /// Resolution of PNG output, in pixels per inch [default: 144].
    #[arg(long)]
    pub ppi: Option<f32>,
}

impl OutputArgs {
    /// The output format: `--format`, else the output file's extension, else PDF.
    pub fn format(&self) -> Result<Format> {
        chosen_format(self.format, self.output.as_deref(), Format::Pdf)
    }

    /// The PNG resolution and where to write; `default_name` is the output's name without
    /// extension, for when there is no `-o`.
    pub fn check(&self, format: Format, default_name: PathBuf) -> Result<(f32, Target)> {
        let ppi = match self.ppi {
            Some(_) if format != Format::Png => {
                return Err(Error::Usage(Message::new("cli.ppi_png")));
            }
            Some(p) if !(1.0..=1200.0).contains(&p) => {
                return Err(Error::Usage(Message::new("cli.ppi_range").arg("ppi", p)));
            }
            Some(p) => p,
            None => netkaart::render::DEFAULT_PPI,
        };
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
            return Err(Error::Usage(
                Message::new("cli.output_folder")
                    .arg("path", path.display())
                    .arg("example", path.join(format!("poster.{}", format.extension())).display()),
            ));
        }
        Ok((ppi, target))
    }
}

/// `--font-path`.
#[derive(Debug, Args)]
pub struct FontArgs {
    /// Also use the fonts in this folder; can be given more than once. Without it, only the
    /// fonts built into netkaart are used, never the system's.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}

impl FontArgs {
    /// Refuses a font path that is not a folder.
    pub fn check(&self) -> Result<()> {
        check_folders("--font-path", &self.font_paths)
    }

    /// An engine with the embedded fonts and these, stamped with the clock's moment.
    pub fn engine(&self, clock: &ClockArgs) -> Result<Engine> {
        let engine = if self.font_paths.is_empty() {
            Engine::new()
        } else {
            Engine::with_fonts(Fonts::with_dirs(&self.font_paths)?)
        };
        Ok(match clock.seconds() {
            Some(epoch) => engine.with_epoch(epoch),
            None => engine,
        })
    }
}

/// `--event` and `--allow-path`.
#[derive(Debug, Args)]
pub struct EventArgs {
    /// The workshop's event file (YAML): the organisation's name, logo and colour, and the
    /// workshop's title, date, place and facilitator, shown on the document.
    #[arg(long, value_name = "FILE")]
    pub event: Option<PathBuf>,
    /// Also let the event's logo come from this folder; can be given more than once.
    /// Without it, the logo must be inside the event file's own folder.
    #[arg(long = "allow-path", value_name = "DIR", requires = "event")]
    pub allow_paths: Vec<PathBuf>,
}

impl EventArgs {
    /// Refuses an allowed path that is not a folder.
    pub fn check(&self) -> Result<()> {
        check_folders("--allow-path", &self.allow_paths)
    }

    /// The event file, read and checked, with its logo.
    pub fn load(&self) -> Result<Option<Arc<Event>>> {
        match &self.event {
            Some(path) => Ok(Some(Arc::new(Event::load(path, &self.allow_paths)?))),
            None => Ok(None),
        }
    }
}

/// `--pdf-standard`.
#[derive(Debug, Args)]
pub struct StandardArgs {
    /// Make a PDF that meets this standard, checked while it is written: a-2b or a-3b for
    /// archives (PDF/A; needs a date: the answers', the event's or SOURCE_DATE_EPOCH), ua-1
    /// for accessibility (PDF/UA; not with batch's --combine). Combine them with a comma:
    /// a-2b,ua-1.
    #[arg(
        long = "pdf-standard",
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        value_name = "STANDARD"
    )]
    pub pdf_standards: Vec<Standard>,
}

impl StandardArgs {
    /// The standards, each once, checked against the format and against each other.
    pub fn check(&self, format: Format) -> Result<Vec<Standard>> {
        let mut standards: Vec<Standard> = Vec::new();
        for &s in &self.pdf_standards {
            if !standards.contains(&s) {
                standards.push(s);
            }
        }
        if !standards.is_empty() && format != Format::Pdf {
            return Err(Error::Usage(
                Message::new("cli.standard_pdf").arg("format", format.extension().to_uppercase()),
            ));
        }
        print::check_standards(&standards)?;
        Ok(standards)
    }
}

/// The moment a document is stamped with, as reproducible builds set it.
#[derive(Debug, Args)]
pub struct ClockArgs {
    /// Put this moment (seconds since 1970, UTC) into the documents as their date; without
    /// it no clock goes into a file [env: SOURCE_DATE_EPOCH].
    #[arg(
        long = "creation-timestamp",
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        value_parser = parse_epoch,
        hide_env = true
    )]
    epoch: Option<Epoch>,
}

/// A moment in seconds since 1970; none when the variable is set but empty.
#[derive(Debug, Clone, Copy)]
pub struct Epoch(Option<i64>);

fn parse_epoch(text: &str) -> std::result::Result<Epoch, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Epoch(None));
    }
    trimmed
        .parse()
        .map(|s| Epoch(Some(s)))
        .map_err(|_| Message::new("cli.epoch").arg("text", text).to_string())
}

impl ClockArgs {
    /// The moment, if one is set.
    pub fn seconds(&self) -> Option<i64> {
        self.epoch.and_then(|e| e.0)
    }
}

/// `--remind` and `--review`: what a calendar file holds besides the actions (`calendar`,
/// `batch --calendar`).
#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Add a reminder at 9:00, DAYS days before each action (0: on the day itself).
    #[arg(long, value_name = "DAYS")]
    pub remind: Option<u32>,
    /// Add a look back on the network, three months after the latest action: the
    /// long-term follow-up of step 5.
    #[arg(long)]
    pub review: bool,
}

impl RemindArgs {
    /// Whether either was given.
    pub fn any(&self) -> bool {
        self.remind.is_some() || self.review
    }

    /// The library's options, the reminder checked against its limit.
    pub fn options(&self, clock: &ClockArgs) -> Result<netkaart::calendar::Options> {
        let limit = netkaart::limits::MAX_REMIND_DAYS;
        let remind = match self.remind {
            Some(days) if days > u32::from(limit) => {
                return Err(Error::Usage(
                    Message::new("cli.remind_range").arg("days", days).arg("limit", limit),
                ));
            }
            days => days.map(|d| d as u16),
        };
        Ok(netkaart::calendar::Options { remind, review: self.review, clock: clock.seconds() })
    }
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
    #[arg(long, ignore_case = true, value_name = "PAPER", value_parser = papers(tiling::SHEETS))]
    pub tile: Option<Paper>,
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
    /// The checked settings on `paper`; `format` is the output format, for which some make
    /// no sense.
    pub fn check(&self, paper: Option<Paper>, format: Format) -> Result<Print> {
        if let Some(b) = self.bleed
            && !(b.is_finite() && (0.0..=MAX_BLEED_MM).contains(&b))
        {
            return Err(Error::Usage(
                Message::new("cli.bleed_range").arg("bleed", b).arg("limit", MAX_BLEED_MM),
            ));
        }
        let print_shop = self.bleed.is_some() || self.crop_marks;
        if print_shop && self.tile.is_some() {
            return Err(Error::Usage(Message::new("cli.tile_or_shop")));
        }
        if print_shop && format != Format::Pdf {
            return Err(Error::Usage(
                Message::new("cli.shop_pdf").arg("format", format.extension().to_uppercase()),
            ));
        }
        let tiling = self.tile.map(|sheet| {
            let mut tiling = Tiling::new(sheet);
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
    pub fn any(&self) -> bool {
        self.bleed.is_some() || self.crop_marks || self.tile.is_some()
    }
}

/// `-a3-tiles-a4`: what a default file name adds for these print settings.
pub fn print_suffix(print: &Print) -> String {
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

/// `-portrait`: what a default file name adds for the orientation.
pub fn orientation_suffix(orientation: Orientation) -> &'static str {
    match orientation {
        Orientation::Portrait => "-portrait",
        Orientation::Landscape => "",
    }
}

/// `answers.yaml` → `answers-{suffix}` in the same folder.
pub fn beside(input: &Path, suffix: &str) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}-{suffix}"))
}

/// Refuses any of `dirs` that is not a folder, naming the option.
pub fn check_folders(option: &str, dirs: &[PathBuf]) -> Result<()> {
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Error::Usage(
                Message::new("cli.not_a_folder").arg("option", option).arg("path", dir.display()),
            ));
        }
    }
    Ok(())
}

/// Refuses a paper that `template` is not designed for, saying which are; a document made
/// on one paper only takes no `--paper` at all.
pub fn check_paper(template: Template, paper: Paper) -> Result<()> {
    let papers = template.papers();
    if let [only] = papers {
        return Err(Error::Usage(
            Message::new("cli.paper_fixed")
                .with("document", Message::new(template.document().words))
                .arg("paper", only.name().to_uppercase()),
        ));
    }
    if papers.contains(&paper) {
        return Ok(());
    }
    let names: Vec<&str> = papers.iter().map(|p| p.name()).collect();
    let choose = names.join(", ");
    let too_small = papers.iter().all(|p| p.size_mm().0 > paper.size_mm().0);
    let key = if too_small { "cli.paper_too_small" } else { "cli.paper_not_for" };
    Err(Error::Usage(
        Message::new(key)
            .arg("paper", paper.name())
            .with("document", Message::new(template.document().word))
            .arg("choose", choose),
    ))
}
