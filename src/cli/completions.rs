//! `netkaart completions`: the shell's completion of netkaart's commands and options, from
//! the same definitions as `--help`.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use netkaart::error::Result;
use netkaart::output::{self, Target};

use super::{Cli, Report};

/// `netkaart completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, ignore_case = true)]
    pub shell: Shell,
    /// Where to write the script, or `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// Where each shell reads a user's completions (the .deb installs them for everyone); `-o`
/// makes the folders.
pub const EXAMPLES: &str = "\
Examples:
  netkaart completions bash -o ~/.local/share/bash-completion/completions/netkaart
  netkaart completions zsh -o ~/.zfunc/_netkaart     (with fpath+=~/.zfunc in ~/.zshrc)
  netkaart completions fish -o ~/.config/fish/completions/netkaart.fish
  netkaart completions powershell >> $PROFILE

A new shell completes netkaart's commands, options and their values with Tab.";

/// Writes the completion script of `shell`.
pub fn run(a: &CompletionsArgs) -> Result<Report> {
    let written = output::write(&Target::from_arg(&a.output), &[script(a.shell)])?;
    Ok(Report { written, ..Report::default() })
}

/// The completion script of `shell`, for the command's own name (not the file's, which a
/// packager may have renamed).
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut bytes);
    bytes
}
