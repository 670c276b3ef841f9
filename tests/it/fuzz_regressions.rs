//! Every input that ever made a fuzz target fail, and a sample of the fuzzers' corpus,
//! replayed through the same checks (`netkaart::fuzzing`). A file's name says where it
//! came from: `crash-…` and `timeout-…` from `fuzz/artifacts/`, `corpus-…` from the corpus.

use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn every_input_the_fuzzers_kept_passes_both_checks() {
    let dir = root().join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 20, "only {} inputs in {}", files.len(), dir.display());
    for path in files {
        let data = std::fs::read(&path).unwrap();
        let started = Instant::now();
        netkaart::fuzzing::check(&data);
        netkaart::fuzzing::poster(engine(), &data);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{} took {took:?}", path.display());
    }
}
