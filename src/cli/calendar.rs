//! `netkaart calendar`: step 5's actions as a calendar file (.ics) to import into any
//! calendar app.

use std::path::PathBuf;

use clap::Args;
use netkaart::calendar;
use netkaart::error::{Error, Result};
use netkaart::inputs::spreadsheet;
use netkaart::messages::Message;
use netkaart::output::{self, Target};

use super::Report;
use super::args::{ClockArgs, LangArgs, RemindArgs, beside};

/// `netkaart calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The answers file (YAML).
    pub answers: PathBuf,
    /// Where to write the calendar file, or `-` for standard output [default: beside the
    /// answers, ANSWERS-calendar.ics].
    #[arg(short, long, value_name = "FILE.ics")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub remind: RemindArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub clock: ClockArgs,
}

/// Reads the answers and writes their calendar; the actions left out are warnings.
pub fn run(a: &CalendarArgs) -> Result<Report> {
    a.lang.speak();
    if spreadsheet::is_spreadsheet(&a.answers) {
        return Err(Error::Usage(
            Message::new("cli.calendar_sheet").arg("path", a.answers.display()),
        ));
    }
    let options = a.remind.options(&a.clock)?;
    let answers = super::render::load(&a.answers, &a.lang)?;
    let made = calendar::calendar(&answers, &a.answers, &options)?;
    let target = match &a.output {
        Some(path) => Target::from_arg(path),
        None => Target::File(beside(&a.answers, "calendar.ics")),
    };
    let written = output::write(&target, &[made.ics.into_bytes()])?;
    let prefix = format!("{}: ", a.answers.display());
    let warnings = super::warning_lines(&prefix, &made.warnings);
    Ok(Report { warnings, written, failed: 0 })
}
