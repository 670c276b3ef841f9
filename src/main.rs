//! The `netkaart` command: parse the arguments, run, report, exit.

use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(&cli) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for path in &report.written {
                eprintln!("wrote {}", path.display());
            }
            if report.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(err) => {
            eprintln!("error: {}", cli::message(&err));
            ExitCode::FAILURE
        }
    }
}
