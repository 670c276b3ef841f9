//! `netkaart schema`: the JSON Schema of the answers file.

use std::path::PathBuf;

use clap::Args;
use netkaart::Lang;
use netkaart::answers::{json_schema, json_schema_in};
use netkaart::error::Result;
use netkaart::output::{self, Target};

use super::Report;

/// `netkaart schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Language of the descriptions, which editors show while one types [default: the
    /// types' own, in English].
    #[arg(long, value_enum, ignore_case = true)]
    pub lang: Option<Lang>,
    /// Where to write it, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// Writes the schema.
pub fn run(a: &SchemaArgs) -> Result<Report> {
    let target = Target::from_arg(&a.output);
    let schema = match a.lang {
        Some(lang) => json_schema_in(lang),
        None => json_schema(),
    };
    let written = output::write(&target, &[schema.into_bytes()])?;
    Ok(Report { written, ..Report::default() })
}
