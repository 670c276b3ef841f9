//! Raw bytes through everything a participant's file goes through: decoding, YAML, the
//! schema and its limits, and compiling the poster (see `netkaart::fuzzing::poster`).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use netkaart::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fuzz_target!(|data: &[u8]| netkaart::fuzzing::poster(engine(), data));
