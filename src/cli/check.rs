//! `netkaart check`: every problem of every input at once, without rendering.

use std::path::PathBuf;

use clap::Args;
use netkaart::error::Result;
use netkaart::inputs::check_inputs;

use super::Report;

/// `netkaart check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Answers files, folders of them, YAML files with several documents, or spreadsheets.
    #[arg(required = true, value_name = "ANSWERS")]
    pub inputs: Vec<PathBuf>,
    /// Print only the problems, not the files that are fine.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Checks every input and prints every problem; the report counts the records with any.
pub fn run(args: &CheckArgs) -> Result<Report> {
    let checked = check_inputs(&args.inputs)?;
    let mut problems = 0;
    let mut failed = 0;
    for record in &checked {
        if record.problems.is_empty() {
            if !args.quiet {
                eprintln!("ok: {}", record.source);
            }
            continue;
        }
        failed += 1;
        for problem in &record.problems {
            problems += 1;
            eprintln!("error: {}", super::failure_message(&record.source, problem));
        }
    }
    let total = checked.len();
    let noun = if total == 1 { "set of answers" } else { "sets of answers" };
    if failed == 0 {
        if !args.quiet {
            eprintln!("{total} {noun} checked: no problems");
        }
    } else {
        eprintln!(
            "{total} {noun} checked: {problems} problem{} in {failed}",
            if problems == 1 { "" } else { "s" }
        );
    }
    Ok(Report { failed, ..Report::default() })
}
