//! `netkaart data`: the checked answers as the JSON the templates read, for the stock
//! `typst` command.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use netkaart::error::{Error, Result};
use netkaart::inputs::spreadsheet;
use netkaart::messages::Message;
use netkaart::output::{self, Target};
use netkaart::templates::Then;
use netkaart::{Answers, Orientation, Paper, Request, Template};

use super::Report;
use super::args::{LangArgs, check_paper};

/// `netkaart data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// The answers file (YAML); without one, the data of the blank document.
    pub answers: Option<PathBuf>,
    /// An older answers file of the same participant: the data holds the network then and
    /// now, for `compare.typ` and for the handout's and the handbook's page more.
    #[arg(long, value_name = "FILE", requires = "answers")]
    pub before: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub lang: LangArgs,
    /// The document whose map is laid out in the data.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Template::Poster)]
    pub kind: Template,
    /// The poster's orientation [default: landscape].
    #[arg(long, value_enum, ignore_case = true)]
    pub orientation: Option<Orientation>,
    /// The paper the document is printed on [default: its own].
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<Paper>,
    /// Where to write the JSON, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "answers.json")]
    pub output: PathBuf,
}

/// Reads and checks the answers and writes the data the templates read: the answers and the
/// map laid out for the document.
pub fn run(a: &DataArgs) -> Result<Report> {
    if let Some(paper) = a.paper {
        check_paper(a.kind, paper)?;
    }
    if let Some(path) = &a.answers
        && spreadsheet::is_spreadsheet(path)
    {
        return Err(Error::Usage(Message::new("cli.data_sheet").arg("path", path.display())));
    }
    let mut answers = match &a.answers {
        Some(path) => Answers::load(path)?,
        None => Answers::blank(a.lang.or_default()),
    };
    if let Some(lang) = a.lang.lang {
        answers.lang = Some(lang);
    }
    let document = a.kind.document();
    let orientation = a.orientation.filter(|_| document.turns).unwrap_or(document.orientation);
    let before = match &a.before {
        Some(path) => Some(Arc::new(Answers::load(path)?)),
        None if matches!(document.then, Then::Required(_)) => {
            return Err(Error::Usage(Message::new("cli.data_before")));
        }
        None => None,
    };
    let mut request = Request { before, ..Request::new(a.kind, answers, orientation) };
    request.print.paper = a.paper;
    let written = output::write(&Target::from_arg(&a.output), &[request.data().into_bytes()])?;
    Ok(Report { written, ..Report::default() })
}
