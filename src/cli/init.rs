//! `netkaart init`: a starter answers file, with the schema beside it for editors.

use std::path::PathBuf;

use clap::Args;
use netkaart::answers::json_schema_in;
use netkaart::error::{Error, Result};
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::{Lang, starter};

use super::Report;

/// The name of the schema file that `init` writes beside the answers.
pub const SCHEMA_FILE: &str = "netkaart.schema.json";

/// `netkaart init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Language of the comments (and of the poster).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Lang::default())]
    pub lang: Lang,
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

/// Writes the starter file, and the schema beside it unless it points elsewhere.
pub fn run(a: &InitArgs) -> Result<Report> {
    let schema = a.schema.as_deref().unwrap_or(SCHEMA_FILE);
    let text = starter::starter(a.lang, Some(schema));
    let target = Target::from_arg(&a.output);
    if let Target::File(path) = &target
        && path.exists()
        && !a.force
    {
        return Err(Error::Usage(Message::new("cli.exists").arg("path", path.display())));
    }
    let mut written = output::write(&target, &[text.into_bytes()])?;
    // The schema the file points to, beside it; rewritten each time, so that it is
    // the schema of the netkaart that wrote the file.
    if a.schema.is_none()
        && let Target::File(path) = &target
    {
        let schema_path = path.with_file_name(SCHEMA_FILE);
        output::write_atomic(&schema_path, json_schema_in(a.lang).as_bytes())?;
        written.push(schema_path);
    }
    Ok(Report { written, ..Report::default() })
}
