//! `netkaart compare`: a participant's network then and now, from two answers files, as a
//! document (PDF, PNG, SVG) or as figures (JSON, CSV).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use netkaart::error::Result;
use netkaart::review::compare::Comparison;
use netkaart::review::table::{self, Separator};
use netkaart::{Format, Orientation, Print, Template};

use super::Report;
use super::args::{FiguresArgs, LangArgs, MakeArgs, beside};
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
    /// Output format [default: from the output file's extension, else pdf].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<CompareFormat>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub out: FiguresArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub make: MakeArgs,
}

/// Compares the two files and writes the page or the figures.
pub fn run(args: &CompareArgs) -> Result<Report> {
    args.lang.speak();
    let format = args.out.format(args.format, CompareFormat::Pdf)?;
    let before = load(&args.before, &args.lang)?;
    let after = load(&args.after, &args.lang)?;
    let document = match format {
        CompareFormat::Pdf => Format::Pdf,
        CompareFormat::Png => Format::Png,
        CompareFormat::Svg => Format::Svg,
        CompareFormat::Json | CompareFormat::Csv => {
            let comparison = Comparison::of(&before, &after);
            let lang = after.lang();
            let (bytes, ext) = if format == CompareFormat::Json {
                (table::comparison_json(&comparison), "json")
            } else {
                let separator = args.out.separator.unwrap_or(Separator::of(lang));
                (table::comparison_csv(&comparison, lang, separator), "csv")
            };
            let default = beside(&args.after, &format!("compare.{ext}"));
            let written = args.out.write(bytes, default)?;
            return Ok(Report { written, ..Report::default() });
        }
    };
    let config = render::config(
        &args.out.document(document),
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
