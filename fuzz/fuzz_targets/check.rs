//! Raw bytes through `netkaart check` (see `netkaart::fuzzing::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| netkaart::fuzzing::check(data));
