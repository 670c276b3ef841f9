//! `netkaart schema`: the JSON Schema of the answers file.

use std::path::PathBuf;

use clap::Args;
use netkaart::answers::json_schema;
use netkaart::error::Result;
use netkaart::output::{self, Target};

use super::Report;

/// `netkaart schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write it, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// Writes the schema.
pub fn run(a: &SchemaArgs) -> Result<Report> {
    let target = Target::from_arg(&a.output);
    let written = output::write(&target, &[json_schema().into_bytes()])?;
    Ok(Report { written, ..Report::default() })
}
