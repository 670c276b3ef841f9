//! Helpers shared by the integration tests: run the real binary, compile through the
//! library, and compare text the way a reader sees it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use netkaart::{Answers, Compiled, Engine, Lang, Orientation, Request, Template};

/// The seven kinds of contact of the schema, in the order of the map's sectors.
pub const KINDS: [&str; 7] = [
    "acquaintance",
    "neighbour",
    "policy_maker",
    "key_figure",
    "colleague",
    "organisation",
    "other",
];

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One engine for the whole test binary: fonts and templates load once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

pub fn compile(template: Template, answers: Answers, orientation: Orientation) -> Compiled {
    let request = Request { template, answers, orientation };
    match engine().compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => panic!("compiling failed: {err}"),
    }
}

pub fn blank(lang: Lang, orientation: Orientation) -> Compiled {
    compile(Template::Poster, Answers::blank(lang), orientation)
}

pub fn example(name: &str) -> Answers {
    Answers::load(&root().join("examples").join(name)).expect("the examples are valid")
}

/// The `netkaart` binary, run in `dir`.
pub fn netkaart(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netkaart"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
pub fn must_succeed(out: &Output) {
    assert!(out.status.success(), "netkaart failed ({}):\n{}", out.status, stderr(out));
    must_not_panic(out);
}

#[track_caller]
pub fn must_fail(out: &Output) {
    assert_eq!(out.status.code(), Some(1), "expected exit status 1, stderr:\n{}", stderr(out));
    must_not_panic(out);
}

#[track_caller]
pub fn must_not_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "netkaart panicked:\n{err}");
}

/// Text without white space: line breaks and spacing differ between the input and the
/// laid-out page, the characters do not.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[track_caller]
pub fn must_contain(haystack: &str, needle: &str) {
    assert!(
        squash(haystack).contains(&squash(needle)),
        "expected to find {needle:?} in the text:\n{}",
        haystack.chars().take(3000).collect::<String>()
    );
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("netkaart-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Every string in a language file's section, recursively.
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}
