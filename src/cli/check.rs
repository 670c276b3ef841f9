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
    /// Leave this column of a spreadsheet out (its header; repeat for more). The columns
    /// that form tools add (timestamp, e-mail, ID, …) are left out without asking.
    #[arg(long, value_name = "HEADER")]
    pub ignore_column: Vec<String>,
}

/// Checks every input and prints every problem; the report counts the records with any.
pub fn run(args: &CheckArgs) -> Result<Report> {
    let (checked, ignored) = check_inputs(&args.inputs, &args.ignore_column)?;
    let mut problems = 0;
    let mut failed = 0;
    for record in &checked {
        for warning in &record.warnings {
            eprintln!("warning: {warning}");
        }
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
    if !args.quiet {
        for line in super::ignored_lines(&ignored) {
            eprintln!("{line}");
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
