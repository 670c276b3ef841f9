//! The commands that render one document: `blank`, `poster`, `handout` and `handbook`.
//! Each turns its options into a [`RenderConfig`], checked before any work; [`run`] makes
//! and writes the document.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use netkaart::error::Result;
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::{Answers, Engine, Format, Orientation, Paper, Print, Request, Template};

use super::Report;
use super::args::{
    LangArgs, MakeArgs, OutputArgs, PrintArgs, beside, orientation_suffix, papers, print_suffix,
};

/// Options of every command that renders one document.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: OutputArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub make: MakeArgs,
}

/// The poster on its paper: options of `blank` and `poster`.
#[derive(Debug, Args)]
pub struct SheetArgs {
    /// Orientation of the sheet.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Orientation::Landscape)]
    pub orientation: Orientation,
    /// Paper size: the design scales with the sheet [default: a2].
    #[arg(long, ignore_case = true, value_parser = papers(Template::Poster.papers()))]
    pub paper: Option<Paper>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub print: PrintArgs,
}

impl SheetArgs {
    /// The print settings, and what a default file name adds for them
    /// (`-portrait-a3-tiles-a4`).
    fn check(&self, format: Format) -> Result<(Print, String)> {
        let print = self.print.check(self.paper, format)?;
        let suffix = format!("{}{}", orientation_suffix(self.orientation), print_suffix(&print));
        Ok((print, suffix))
    }
}

/// `netkaart blank`.
#[derive(Debug, Args)]
pub struct BlankArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sheet: SheetArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub document: DocumentArgs,
}

/// `netkaart poster`.
#[derive(Debug, Args)]
pub struct PosterArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sheet: SheetArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub document: DocumentArgs,
}

/// `netkaart handout`.
#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// An older answers file of the same participant: a page more, the network then and now.
    #[arg(long, value_name = "FILE")]
    pub before: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub document: DocumentArgs,
}

/// `netkaart handbook`.
#[derive(Debug, Args)]
pub struct HandbookArgs {
    /// An answers file, to personalise the handbook.
    pub answers: Option<PathBuf>,
    /// An older answers file of the same participant: a chapter more, the network then and
    /// now (with an answers file only).
    #[arg(long, value_name = "FILE", requires = "answers")]
    pub before: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    /// Paper size [default: a4].
    #[arg(long, ignore_case = true, value_parser = papers(Template::Handbook.papers()))]
    pub paper: Option<Paper>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub document: DocumentArgs,
}

/// A render command's options, checked: everything needed to do the work.
pub struct RenderConfig {
    /// The engine, with the fonts and the clock asked for.
    pub engine: Engine,
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
}

/// What a render command has decided before the options that every one of them shares.
pub(super) struct Document {
    pub template: Template,
    pub answers: Answers,
    pub orientation: Orientation,
    pub origin: Option<PathBuf>,
    pub print: Print,
    pub default_name: PathBuf,
    /// The older answers, for a document that shows the network then and now.
    pub before: Option<Answers>,
}

impl DocumentArgs {
    /// Checks the shared options and reads the event file: the whole configuration.
    fn config(&self, format: Format, document: Document) -> Result<RenderConfig> {
        config(&self.output, &self.make, format, document)
    }
}

/// The whole configuration of a command that makes one document, from its output options
/// and its making options.
pub(super) fn config(
    output: &OutputArgs,
    make: &MakeArgs,
    format: Format,
    document: Document,
) -> Result<RenderConfig> {
    let standards = make.standards.check(format)?;
    let print = Print { standards, ..document.print };
    let (ppi, target) = output.check(format, document.default_name)?;
    let event = make.event()?;
    let request = Request {
        event,
        print,
        before: document.before.map(Arc::new),
        ..Request::new(document.template, document.answers, document.orientation)
    };
    let engine = make.engine()?;
    Ok(RenderConfig { engine, request, origin: document.origin, format, ppi, target })
}

/// The answers of `path` in the language asked for, with a warning for a `#` that cut an
/// answer short. A file with more than one problem says how many, and where to see them
/// all: rendering stops at the first.
pub(super) fn load(path: &std::path::Path, lang: &LangArgs) -> Result<Answers> {
    use netkaart::reading::{comment_warnings, read_limited};
    let bytes = read_limited(path, netkaart::limits::MAX_FILE_BYTES)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut answers = Answers::parse(&bytes, path).map_err(|err| match err {
        netkaart::Error::Input(mut e) => {
            let count = netkaart::check::problems(&text, path).len();
            if count > 1 {
                e.notes.push(
                    Message::new("cli.more_problems")
                        .arg("count", count)
                        .arg("path", path.display()),
                );
            }
            netkaart::Error::Input(e)
        }
        other => other,
    })?;
    if let Some(l) = lang.lang {
        answers.lang = Some(l);
    }
    for warning in comment_warnings(&text, path) {
        eprintln!("{}", super::warning_line(&warning));
    }
    Ok(answers)
}

impl BlankArgs {
    /// The checked configuration.
    pub fn config(&self) -> Result<RenderConfig> {
        self.lang.speak();
        let format = self.document.output.format()?;
        let lang = self.lang.or_default();
        let (print, suffix) = self.sheet.check(format)?;
        let name = format!("netkaart-blank-{}{suffix}", lang.code());
        self.document.config(
            format,
            Document {
                template: Template::Poster,
                answers: Answers::blank(lang),
                orientation: self.sheet.orientation,
                origin: None,
                print,
                default_name: name.into(),
                before: None,
            },
        )
    }
}

impl PosterArgs {
    /// The checked configuration, with the answers read and checked.
    pub fn config(&self) -> Result<RenderConfig> {
        self.lang.speak();
        let format = self.document.output.format()?;
        let (print, suffix) = self.sheet.check(format)?;
        self.document.config(
            format,
            Document {
                template: Template::Poster,
                answers: load(&self.answers, &self.lang)?,
                orientation: self.sheet.orientation,
                origin: Some(self.answers.clone()),
                print,
                default_name: beside(
                    &self.answers,
                    &format!("{}{suffix}", Template::Poster.name()),
                ),
                before: None,
            },
        )
    }
}

impl HandoutArgs {
    /// The checked configuration, with the answers read and checked.
    pub fn config(&self) -> Result<RenderConfig> {
        self.lang.speak();
        let format = self.document.output.format()?;
        self.document.config(
            format,
            Document {
                template: Template::Handout,
                answers: load(&self.answers, &self.lang)?,
                orientation: Orientation::Portrait,
                origin: Some(self.answers.clone()),
                print: Print::default(),
                default_name: beside(&self.answers, Template::Handout.name()),
                before: self.before.as_deref().map(|p| load(p, &self.lang)).transpose()?,
            },
        )
    }
}

impl HandbookArgs {
    /// The checked configuration, with the answers (if any) read and checked.
    pub fn config(&self) -> Result<RenderConfig> {
        self.lang.speak();
        let format = self.document.output.format()?;
        let print = Print { paper: self.paper, ..Print::default() };
        let paper = print_suffix(&print);
        let (answers, default_name) = match &self.answers {
            Some(path) => {
                let name = format!("{}{paper}", Template::Handbook.name());
                (load(path, &self.lang)?, beside(path, &name))
            }
            None => {
                let lang = self.lang.or_default();
                let name = format!("netkaart-{}-{}{paper}", Template::Handbook.name(), lang.code());
                (Answers::blank(lang), PathBuf::from(name))
            }
        };
        self.document.config(
            format,
            Document {
                template: Template::Handbook,
                answers,
                orientation: Orientation::Portrait,
                origin: self.answers.clone(),
                print,
                default_name,
                before: self.before.as_deref().map(|p| load(p, &self.lang)).transpose()?,
            },
        )
    }
}

/// Compiles and writes one document, the command's only work.
pub fn run(config: RenderConfig) -> Result<Report> {
    let compiled = config.engine.compile(&config.request)?;
    let files = compiled.export(config.format, config.ppi)?;
    let written = output::write(&config.target, &files)?;
    let prefix = config.origin.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default();
    let warnings = super::warning_lines(&prefix, &compiled.warnings);
    // The process ends after this one document: freeing its laid-out pages, the parsed
    // templates and the fonts would take a tenth of the time it took to make them, for
    // nothing.
    std::mem::forget(compiled);
    std::mem::forget(config);
    Ok(Report { warnings, written, failed: 0 })
}
