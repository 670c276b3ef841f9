//! What the fuzz targets in `fuzz/` check, shared with the test that replays every input
//! they ever failed on (`tests/it/fuzz_regressions.rs`). Each function panics on a bug.

use std::path::Path;

use crate::answers::Answers;
use crate::paper::Orientation;
use crate::render::{Engine, Request};
use crate::templates::Template;

/// Raw bytes through reading, checking and compiling the poster: refusing the bytes is an
/// answer; accepted answers that fail to compile or export are a bug.
pub fn poster(engine: &Engine, data: &[u8]) {
    let Ok(answers) = Answers::parse(data, Path::new("fuzz.yaml")) else { return };
    let request = Request::new(Template::Poster, answers, Orientation::Landscape);
    let compiled = match engine.compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => panic!("accepted answers failed to compile: {err}"),
    };
    if let Err(err) = compiled.pdf() {
        panic!("accepted answers failed to export: {err}");
    }
    crate::render::evict();
}

/// Raw bytes through `netkaart check`: it must find a problem exactly when the reader
/// refuses the text, and never panic, also on each document of a workshop's file.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let origin = Path::new("fuzz.yaml");
    let problems = crate::check::problems(text, origin);
    let refused = Answers::parse_text(text, origin).is_err();
    assert_eq!(refused, !problems.is_empty(), "check and the reader disagree: {problems:?}");
    for problem in &problems {
        let _ = problem.to_string();
    }
    for (_, document) in crate::inputs::split_documents(text) {
        let _ = crate::check::problems(document, origin);
    }
}
