//! The command line: arguments, their checks, and what each command does.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answers::{Answers, Lang};
use crate::error::{Error, Result};
use crate::fonts::Fonts;
use crate::output::{self, Target};
use crate::render::{Engine, Format, Orientation, Request};
use crate::starter;
use crate::templates::Template;

const EXAMPLES: &str = "\
Examples:
  netkaart blank                            blank A2 poster in Dutch (netkaart-blank-nl.pdf)
  netkaart blank --lang en --orientation portrait -o poster.pdf
  netkaart init -o answers.yaml             a starter answers file to fill in
  netkaart poster answers.yaml              personalised poster (answers-poster.pdf)
  netkaart poster answers.yaml --format png --ppi 50 -o preview.png
  netkaart handbook                         the guide that goes with the poster
  netkaart handbook answers.yaml            the guide with your answers, map and actions";

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
    /// Render the blank A2 fill-in poster, for a group session.
    #[command(
        after_help = "Examples:\n  netkaart blank\n  netkaart blank --lang en --orientation portrait -o blank-en.pdf\n  netkaart blank --format png --ppi 40 -o preview.png"
    )]
    Blank(BlankArgs),
    /// Render a personalised poster from an answers file.
    #[command(
        after_help = "Examples:\n  netkaart poster answers.yaml\n  netkaart poster answers.yaml -o an-peeters.pdf\n  netkaart poster answers.yaml --format svg -o poster.svg"
    )]
    Poster(PosterArgs),
    /// Render the handbook: generic, or personalised with an answers file.
    #[command(
        after_help = "Examples:\n  netkaart handbook\n  netkaart handbook --lang en -o guide.pdf\n  netkaart handbook answers.yaml"
    )]
    Handbook(HandbookArgs),
    /// Write a starter answers file with every key explained, ready to fill in.
    #[command(
        after_help = "Examples:\n  netkaart init\n  netkaart init --lang en -o my-answers.yaml"
    )]
    Init(InitArgs),
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
}

/// `netkaart blank`.
#[derive(Debug, Args)]
pub struct BlankArgs {
    /// Language of the poster.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Orientation of the A2 sheet.
    #[arg(long, value_enum, default_value_t = OrientationArg::Landscape)]
    pub orientation: OrientationArg,
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
    /// Orientation of the A2 sheet.
    #[arg(long, value_enum, default_value_t = OrientationArg::Landscape)]
    pub orientation: OrientationArg,
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
    #[command(flatten)]
    #[allow(missing_docs)]
    pub render: RenderArgs,
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
    /// 594 × 420 mm
    Landscape,
    /// 420 × 594 mm
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
    /// Checks the shared options; `default_name` is the output name without extension.
    fn check(&self, default_name: PathBuf) -> Result<(Format, f32, Target)> {
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
        for dir in &self.font_paths {
            if !dir.is_dir() {
                return Err(Error::Usage(format!("--font-path {} is not a folder", dir.display())));
            }
        }
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
        Ok((format, ppi, target))
    }
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
        let (template, answers, orientation, origin, default_name, render) = match self {
            Command::Blank(a) => {
                let lang = Lang::from(a.lang);
                let o = Orientation::from(a.orientation);
                let name = format!("netkaart-blank-{}{}", lang.code(), suffix(o));
                (Template::Poster, Answers::blank(lang), o, None, PathBuf::from(name), &a.render)
            }
            Command::Poster(a) => {
                let o = Orientation::from(a.orientation);
                let name = beside(&a.answers, &format!("poster{}", suffix(o)));
                let answers = with_lang(Answers::load(&a.answers)?, a.lang);
                (Template::Poster, answers, o, Some(a.answers.clone()), name, &a.render)
            }
            Command::Handbook(a) => match &a.answers {
                Some(path) => {
                    let answers = with_lang(Answers::load(path)?, a.lang);
                    let name = beside(path, "handbook");
                    (
                        Template::Handbook,
                        answers,
                        Orientation::Portrait,
                        Some(path.clone()),
                        name,
                        &a.render,
                    )
                }
                None => {
                    let lang = Lang::from(a.lang.unwrap_or(LangArg::Nl));
                    let name = PathBuf::from(format!("netkaart-handbook-{}", lang.code()));
                    (
                        Template::Handbook,
                        Answers::blank(lang),
                        Orientation::Portrait,
                        None,
                        name,
                        &a.render,
                    )
                }
            },
            Command::Init(_) | Command::Data(_) => return Ok(None),
        };
        let (format, ppi, target) = render.check(default_name)?;
        Ok(Some(RenderConfig {
            request: Request { template, answers, orientation },
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
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<Report> {
    if let Some(config) = cli.command.render_config()? {
        return render(&config);
    }
    match &cli.command {
        Command::Init(a) => {
            let text = starter::starter(a.lang.into());
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
            let written = output::write(&target, &[text.into_bytes()])?;
            Ok(Report { warnings: Vec::new(), written })
        }
        Command::Data(a) => {
            let answers = Answers::load(&a.answers)?;
            let written =
                output::write(&Target::from_arg(&a.output), &[answers.to_json().into_bytes()])?;
            Ok(Report { warnings: Vec::new(), written })
        }
        _ => unreachable!("render commands return above"),
    }
}

/// Compiles and writes one document.
pub fn render(config: &RenderConfig) -> Result<Report> {
    let fonts = if config.font_paths.is_empty() {
        Fonts::embedded()
    } else {
        Fonts::with_dirs(&config.font_paths)?
    };
    let mut engine = Engine::with_fonts(fonts);
    if let Some(epoch) = config.epoch {
        engine = engine.with_epoch(epoch);
    }
    let compiled = engine.compile(&config.request)?;
    let files = compiled.export(config.format, config.ppi)?;
    let written = output::write(&config.target, &files)?;
    let prefix = config.origin.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default();
    let warnings = compiled.warnings.iter().map(|w| format!("{prefix}{w}")).collect();
    Ok(Report { warnings, written })
}
