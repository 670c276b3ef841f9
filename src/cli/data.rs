//! `netkaart data`: the checked answers as the JSON the templates read, for the stock
//! `typst` command.

use std::path::PathBuf;

use clap::Args;
use netkaart::Answers;
use netkaart::error::Result;
use netkaart::output::{self, Target};

use super::Report;

/// `netkaart data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// Where to write the JSON, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "answers.json")]
    pub output: PathBuf,
}

/// Reads and checks the answers and writes their JSON.
pub fn run(a: &DataArgs) -> Result<Report> {
    let answers = Answers::load(&a.answers)?;
    let written = output::write(&Target::from_arg(&a.output), &[answers.to_json().into_bytes()])?;
    Ok(Report { written, ..Report::default() })
}
