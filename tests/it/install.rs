//! What an installed netkaart brings besides its commands: `--version` naming what made it,
//! the shells' completions and the manual pages, all from the clap definitions of `--help`.
//! (The archive and the .deb themselves are built and tried by `scripts/check-dist`, in CI.)
//!
//! The manual pages are rendered by man-db's `man`; without it the test says that it skipped,
//! unless `NETKAART_REQUIRE_MAN` is set (`.ci/run` installs man-db and sets it).

use std::path::Path;
use std::process::Command;

use netkaart::templates::{EDITION_DATE, embedded};
use sha2::{Digest, Sha256};

use crate::common::*;

/// The edition the templates are at, and their fingerprint then (SHA-256 of every embedded
/// template and language file of the documents, path and text). A change to any of them is
/// a new edition: the test below fails until both are set anew.
const EDITION: ((i32, u8, u8), &str) =
    ((2026, 12, 7), "429b91818bbc0998e6c521d32cd0065f68833172723d465753bd7238949aaaf4");

fn fingerprint() -> String {
    let mut hash = Sha256::new();
    for (path, text) in embedded() {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update(text.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn edition() -> String {
    let (y, m, d) = EDITION_DATE;
    format!("{y:04}-{m:02}-{d:02}")
}

/// Typst's version as `Cargo.toml` pins it (`typst = "=0.15.1"`).
fn typst_pin() -> String {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let line = manifest.lines().find(|l| l.starts_with("typst = ")).expect("typst is pinned");
    line.split('"').nth(1).unwrap().trim_start_matches('=').to_string()
}

#[test]
fn the_version_names_netkaart_typst_and_the_templates_edition() {
    let dir = temp_dir("version");
    let out = netkaart(&dir, &["--version"]);
    must_succeed(&out);
    let line = String::from_utf8(out.stdout).unwrap();
    let expected = format!(
        "netkaart {} (Typst {}, templates from {})\n",
        env!("CARGO_PKG_VERSION"),
        typst_pin(),
        edition()
    );
    assert_eq!(line, expected);

    // In the reader's language, as every message.
    let out = netkaart_in(&dir, &["-V"], Some("nl_BE.UTF-8"));
    must_succeed(&out);
    must_contain(&String::from_utf8(out.stdout).unwrap(), &format!("sjablonen van {}", edition()));
}

#[test]
fn the_edition_is_set_anew_when_the_templates_change() {
    let (date, recorded) = EDITION;
    let now = fingerprint();
    assert!(
        EDITION_DATE == date && now == recorded,
        "the templates or their language files changed since the edition of {:?}: set \
         templates::EDITION_DATE to the day this change lands (`--version` names it, and it \
         dates a generic PDF/A), and EDITION in tests/it/install.rs to that date and \
         \"{now}\"",
        date
    );
}

/// The commands that `--help` lists, by name.
fn commands() -> Vec<String> {
    let dir = temp_dir("commands");
    let out = netkaart(&dir, &["--help"]);
    must_succeed(&out);
    let help = String::from_utf8(out.stdout).unwrap();
    let list = help.split("Commands:\n").nth(1).expect("a list of commands");
    let list = list.split("\n\n").next().unwrap();
    let names: Vec<String> = list
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .filter(|name| name != "help")
        .collect();
    assert!(names.len() >= 15, "{names:?}");
    names
}

#[test]
fn every_shell_completes_every_command() {
    let dir = temp_dir("completions");
    let commands = commands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = netkaart(&dir, &["completions", shell]);
        must_succeed(&out);
        let script = String::from_utf8(out.stdout).unwrap();
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell} does not complete {command}");
        }
    }
    // -o writes the same script to a file.
    let out = netkaart(&dir, &["completions", "fish", "-o", "netkaart.fish"]);
    must_succeed(&out);
    let stdout = netkaart(&dir, &["completions", "fish"]).stdout;
    assert_eq!(std::fs::read(dir.join("netkaart.fish")).unwrap(), stdout);

    // A shell it cannot complete in is refused as any wrong value is, naming those it can.
    let out = netkaart(&dir, &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    must_contain(&stderr(&out), "bash, elvish, fish, powershell, zsh");
}

/// What bash offers after `words` (the last one being completed), through the script of
/// `netkaart completions bash` sourced as bash-completion does.
fn bash_offers(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = words.join(" ");
    let program = format!(
        "source '{}' && complete -p netkaart >/dev/null && \
         COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
         _netkaart netkaart '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        line.len(),
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = Command::new("bash").args(["--norc", "-c", &program]).output().expect("bash runs");
    assert!(out.status.success(), "bash: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_commands_options_and_their_values() {
    let dir = temp_dir("bash-completion");
    let out = netkaart(&dir, &["completions", "bash", "-o", "netkaart.bash"]);
    must_succeed(&out);
    let script = dir.join("netkaart.bash");
    assert_eq!(bash_offers(&script, &["netkaart", "han"]), ["handout", "handbook"]);
    assert_eq!(bash_offers(&script, &["netkaart", "blank", "--lang", ""]), ["nl", "en", "fr"]);
    let options = bash_offers(&script, &["netkaart", "blank", "--or"]);
    assert_eq!(options, ["--orientation"]);
}

/// The first example that `netkaart COMMAND --help` gives, as typed.
fn help_example(page: &str) -> Option<String> {
    let dir = temp_dir("help-example");
    let args: Vec<&str> = page.strip_prefix("netkaart-").into_iter().chain(["--help"]).collect();
    let help = String::from_utf8(netkaart(&dir, &args).stdout).unwrap();
    let examples = help.split("Examples:\n").nth(1)?;
    Some(examples.lines().next()?.trim().to_string())
}

/// Whether man-db's `man` is here; else the test skips, unless it may not.
fn man_here() -> bool {
    let here = Command::new("man").arg("--version").output().is_ok_and(|o| o.status.success());
    if !here {
        let required = std::env::var_os("NETKAART_REQUIRE_MAN").is_some();
        assert!(!required, "NETKAART_REQUIRE_MAN is set, but man (man-db) is missing");
        eprintln!("\nSKIPPED rendering the manual pages: it needs man (apt install man-db)\n");
    }
    here
}

#[test]
fn every_command_has_a_manual_page_that_man_renders_without_warnings() {
    let dir = temp_dir("man-pages");
    let out = netkaart(&dir, &["man-pages", "man"]);
    must_succeed(&out);
    let mut written: Vec<String> = std::fs::read_dir(dir.join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> =
        commands().iter().map(|c| format!("netkaart-{c}.1")).chain(["netkaart.1".into()]).collect();
    expected.sort();
    assert_eq!(written, expected);

    if !man_here() {
        return;
    }
    for page in &written {
        let out = Command::new("man")
            .args(["--warnings", "-l"])
            .arg(dir.join("man").join(page))
            .env("MANWIDTH", "80")
            .env_remove("MANPAGER")
            .env("PAGER", "cat")
            .output()
            .expect("man runs");
        assert!(out.status.success(), "{page}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{page}: man warns");
        let text = String::from_utf8_lossy(&out.stdout);
        let name = page.trim_end_matches(".1");
        // Every page has its sections, and ends with the version it documents.
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "VERSION"] {
            assert!(text.contains(section), "{page} has no {section}");
        }
        must_contain(&text, &format!("{name} - "));
        must_contain(&text, &format!("netkaart {} (Typst", env!("CARGO_PKG_VERSION")));
        must_contain(&text, &format!("templates from {}", edition()));
        // The examples of `--help` are kept as typed, one command a line.
        if let Some(example) = help_example(name) {
            assert!(text.lines().any(|l| l.trim() == example), "{page}: {example:?} is not a line");
        }
    }
}
