//! `netkaart man-pages`: a manual page for netkaart and one for each of its commands, from
//! the same definitions as `--help`, as `scripts/dist` packs them.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use std::io::Write;

use clap_mangen::Man;
use netkaart::error::Result;
use netkaart::output;
use roff::{Roff, roman};

use super::{Cli, Report};

/// `netkaart man-pages`.
#[derive(Debug, Args)]
pub struct ManPagesArgs {
    /// The folder to write them in (netkaart.1, netkaart-blank.1, …); it is made if missing.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Writes the pages, all of them or none.
pub fn run(a: &ManPagesArgs) -> Result<Report> {
    let pages = pages();
    let paths: Vec<PathBuf> = pages.iter().map(|(name, _)| a.dir.join(name)).collect();
    std::fs::create_dir_all(&a.dir)
        .map_err(|source| netkaart::Error::Write { path: a.dir.clone(), source })?;
    let bytes: Vec<&[u8]> = pages.iter().map(|(_, page)| page.as_slice()).collect();
    output::write_all_atomic(&paths, &bytes)?;
    Ok(Report { written: paths, ..Report::default() })
}

/// Each page's file name and text (roff), the command's first: every command that `--help`
/// lists, under the name `man` finds it by (`man netkaart-blank`).
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    // Built, every command knows its full name (netkaart-blank) and its usage line.
    cli.build();
    let mut pages = vec![page(cli.clone())];
    pages.extend(cli.get_subcommands().filter(|c| !c.is_hide_set()).cloned().map(page));
    pages
}

/// A command's page: clap_mangen's sections, then the examples and notes of `--help` as
/// they are typed there (clap_mangen would fill them into one paragraph), then the version.
fn page(command: clap::Command) -> (String, Vec<u8>) {
    let source = format!("netkaart {}", env!("CARGO_PKG_VERSION"));
    let man = Man::new(command.clone()).manual("netkaart").source(source);
    let mut text = Vec::new();
    let write = |text: &mut Vec<u8>, render: fn(&Man, &mut dyn Write) -> std::io::Result<()>| {
        render(&man, text).expect("a Vec takes every byte");
    };
    write(&mut text, Man::render_title);
    write(&mut text, Man::render_name_section);
    write(&mut text, Man::render_synopsis_section);
    write(&mut text, Man::render_description_section);
    write(&mut text, Man::render_options_section);
    if command.has_subcommands() {
        write(&mut text, Man::render_subcommands_section);
    }
    let mut roff = Roff::new();
    if let Some(after) = command.get_after_help() {
        after_help(&mut roff, &after.to_string());
    }
    // The pages are in the language of `--help`, the messages' fallback: so is the version.
    let version = format!("netkaart {}", super::version_in(netkaart::Lang::FALLBACK));
    roff.control("SH", ["VERSION"]).text([roman(version)]);
    text.extend(roff.to_roff().into_bytes());
    (man.get_filename(), text)
}

/// The text after a command's options: blocks apart by a blank line; a block "Examples:"
/// opens the section EXAMPLES (else NOTES), its indented lines are commands, kept line by
/// line, and the other lines are filled as paragraphs.
fn after_help(roff: &mut Roff, text: &str) {
    let examples = text.starts_with("Examples:");
    roff.control("SH", [if examples { "EXAMPLES" } else { "NOTES" }]);
    for block in text.split("\n\n") {
        let lines = block.lines().filter(|l| *l != "Examples:");
        roff.control("PP", []);
        let mut words: Vec<&str> = Vec::new();
        let mut typed: Vec<&str> = Vec::new();
        for line in lines {
            if let Some(command) = line.strip_prefix("  ") {
                paragraph(roff, &mut words);
                typed.push(command);
            } else {
                commands(roff, &mut typed);
                words.push(line);
            }
        }
        paragraph(roff, &mut words);
        commands(roff, &mut typed);
    }
}

fn paragraph(roff: &mut Roff, words: &mut Vec<&str>) {
    if !words.is_empty() {
        roff.text([roman(words.join(" "))]);
        words.clear();
    }
}

fn commands(roff: &mut Roff, typed: &mut Vec<&str>) {
    if !typed.is_empty() {
        roff.control("RS", ["4"]).control("nf", []);
        for line in typed.iter() {
            roff.text([roman(*line)]);
        }
        roff.control("fi", []).control("RE", []);
        typed.clear();
    }
}
