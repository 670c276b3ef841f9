//! `netkaart check`: every problem of every input at once, without rendering.

use std::path::PathBuf;

use clap::Args;
use netkaart::error::Result;
use netkaart::inputs::check_inputs;

use netkaart::messages::Message;

use super::Report;
use super::args::SpreadsheetArgs;

/// `netkaart check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Answers files, folders of them, YAML files with several documents, or spreadsheets.
    #[arg(required = true, value_name = "ANSWERS")]
    pub inputs: Vec<PathBuf>,
    /// Print only the problems, not the files that are fine.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sheet: SpreadsheetArgs,
}

/// Checks every input and prints every problem; the report counts the records with any.
pub fn run(args: &CheckArgs) -> Result<Report> {
    let (checked, ignored) = check_inputs(&args.inputs, &args.sheet.options()?)?;
    let mut problems = 0;
    let mut failed = 0;
    for record in &checked {
        for warning in &record.warnings {
            eprintln!("{}", super::warning_line(warning));
        }
        if record.problems.is_empty() {
            if !args.quiet {
                eprintln!("{}", Message::new("cli.ok").arg("source", &record.source));
            }
            continue;
        }
        failed += 1;
        for problem in &record.problems {
            problems += 1;
            eprintln!("{}", super::error_line(&record.source, problem));
        }
    }
    if !args.quiet {
        for line in super::ignored_lines(&ignored) {
            eprintln!("{line}");
        }
    }
    let total = checked.len();
    if failed == 0 {
        if !args.quiet {
            eprintln!(
                "{}",
                Message::new("cli.check_fine").arg("total", total).with("sets", sets(total))
            );
        }
    } else {
        eprintln!(
            "{}",
            Message::new("cli.check_summary")
                .arg("total", total)
                .with("sets", sets(total))
                .arg("problems", problems)
                .with(
                    "problem",
                    Message::new(if problems == 1 { "cli.problem" } else { "cli.problems" })
                )
                .arg("failed", failed)
        );
    }
    Ok(Report { failed, ..Report::default() })
}

/// "set of answers" or "sets of answers", for `n` of them.
fn sets(n: usize) -> Message {
    Message::new(if n == 1 { "cli.set" } else { "cli.sets" })
}
