//! `netkaart form`: the questions of an online form, for a person (Markdown) or as the
//! empty spreadsheet a form tool exports (CSV, XLSX).

use std::path::PathBuf;

use clap::Args;
use netkaart::error::{Error, Result};
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::{Lang, form};

use super::Report;

/// Examples shown under `netkaart form --help`.
pub const EXAMPLES: &str = "\
Examples:
  netkaart form                          the questions as Markdown, on standard output
  netkaart form -o vragen.md             the same, in a file
  netkaart form --lang en -o form.md     in English
  netkaart form -o antwoorden.xlsx       an empty workbook with the questions as its header
  netkaart form -o antwoorden.csv        the same as CSV

A form built from these questions exports a file that `netkaart batch` and `netkaart check`
read as it is: the titles, the options and the form tool's own columns are recognised.";

/// `netkaart form`.
#[derive(Debug, Args)]
pub struct FormArgs {
    /// Language of the questions.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Lang::default())]
    pub lang: Lang,
    /// Where to write them: a .md file (the questions, their types and options), a .csv or
    /// .xlsx file (an empty sheet with the questions as its header), or `-` for Markdown on
    /// standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// Writes the form in the format that the file name asks for.
pub fn run(a: &FormArgs) -> Result<Report> {
    let target = Target::from_arg(&a.output);
    let extension = match &target {
        Target::File(path) => {
            path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
        }
        Target::Stdout => "md".to_string(),
    };
    let bytes = match extension.as_str() {
        "md" | "markdown" | "txt" => form::markdown(a.lang).into_bytes(),
        "csv" => form::csv(a.lang),
        "xlsx" => form::xlsx(a.lang)?,
        other => {
            return Err(Error::Usage(Message::new("cli.form_extension").arg("extension", other)));
        }
    };
    let written = output::write(&target, &[bytes])?;
    Ok(Report { written, ..Report::default() })
}
