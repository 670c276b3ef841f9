//! `netkaart compare`: a participant's network then and now, from two answers files, as a
//! document (PDF, PNG, SVG) or as figures (JSON, CSV).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use netkaart::error::{Error, Result};
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::review::compare::Comparison;
use netkaart::review::table::{self, Separator};
use netkaart::{Format, Orientation, Print, Template};

use super::Report;
use super::args::{LangArgs, MakeArgs, OutputArgs, beside};
use super::render::{self, Document, load};

/// What `netkaart compare --help` shows after the options.
pub const EXAMPLES: &str = "\
Examples:
  netkaart compare januari.yaml juni.yaml              the A4 page (juni-compare.pdf)
  netkaart compare januari.yaml juni.yaml -o toen-en-nu.pdf
  netkaart compare januari.yaml juni.yaml --format json   the figures, for other tools
  netkaart handout juni.yaml --before januari.yaml    the handout with the page added

Contacts are matched by name; case, spaces, punctuation and accents do not count. A
contact renamed counts as one gone and one new.";

/// What `compare` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// the A4 page, ready to print
    Pdf,
    /// the page as a PNG image
    Png,
    /// the page as an SVG image
    Svg,
    /// the figures and every contact's change, as JSON
    Json,
    /// the figures as a table: one row each, then and now
    Csv,
}

/// `netkaart compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The older answers file (YAML): then.
    pub before: PathBuf,
    /// The newer answers file (YAML): now.
    pub after: PathBuf,
    /// Output file, or `-` for standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else pdf].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<CompareFormat>,
    /// Resolution of PNG output, in pixels per inch [default: 144].
    #[arg(long)]
    pub ppi: Option<f32>,
    /// The separator of CSV output [default: the one Excel expects in the language].
    #[arg(long, value_enum, ignore_case = true)]
    pub separator: Option<Separator>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub make: MakeArgs,
}

/// The format asked for: `--format`, else the output's extension, else PDF.
pub(super) fn chosen<F: ValueEnum + Copy + PartialEq>(
    format: Option<F>,
    output: Option<&std::path::Path>,
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

/// Compares the two files and writes the page or the figures.
pub fn run(args: &CompareArgs) -> Result<Report> {
    args.lang.speak();
    let format = chosen(args.format, args.output.as_deref(), CompareFormat::Pdf)?;
    let before = load(&args.before, &args.lang)?;
    let after = load(&args.after, &args.lang)?;
    let document = match format {
        CompareFormat::Pdf => Format::Pdf,
        CompareFormat::Png => Format::Png,
        CompareFormat::Svg => Format::Svg,
        CompareFormat::Json | CompareFormat::Csv => {
            if args.ppi.is_some() {
                return Err(Error::Usage(Message::new("cli.ppi_png")));
            }
            let comparison = Comparison::of(&before, &after);
            let lang = after.lang();
            let (bytes, ext) = if format == CompareFormat::Json {
                (table::comparison_json(&comparison), "json")
            } else {
                let separator = args.separator.unwrap_or(Separator::of(lang));
                (table::comparison_csv(&comparison, lang, separator), "csv")
            };
            let target = match &args.output {
                Some(p) => Target::from_arg(p),
                None => Target::File(beside(&args.after, &format!("compare.{ext}"))),
            };
            let written = output::write(&target, &[bytes])?;
            return Ok(Report { written, ..Report::default() });
        }
    };
    let output = OutputArgs { output: args.output.clone(), format: Some(document), ppi: args.ppi };
    let config = render::config(
        &output,
        &args.make,
        document,
        Document {
            template: Template::Compare,
            answers: after,
            orientation: Orientation::Portrait,
            origin: Some(args.after.clone()),
            print: Print::default(),
            default_name: beside(&args.after, Template::Compare.name()),
            before: Some(before),
        },
    )?;
    render::run(config)
}
