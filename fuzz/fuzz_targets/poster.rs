//! Raw bytes through everything a participant's file goes through: decoding, YAML, the
//! schema and its limits, and compiling the poster. A parse error is an answer; a panic, a
//! hang or a compile error for answers that were accepted is a bug.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use netkaart::{Answers, Engine, Orientation, Request, Template};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(answers) = Answers::parse(data, Path::new("fuzz.yaml")) else {
        return;
    };
    let request = Request::new(Template::Poster, answers, Orientation::Landscape);
    let compiled = match engine().compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => panic!("accepted answers failed to compile: {err}"),
    };
    if let Err(err) = compiled.pdf() {
        panic!("accepted answers failed to export: {err}");
    }
    netkaart::render::evict();
});
