//! The fuzz corpus replayed through the fuzz targets as ordinary tests: every seed input and
//! every input a fuzzing run ever found crashing (kept in the corpus once fixed) must pass
//! the targets' assertions. docs/FUZZING.md runs the same targets under AFL++.

#[path = "../fuzz/targets.rs"]
mod targets;

use civic_match::format::validate;
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

#[test]
fn every_corpus_input_passes_its_target() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (name, target) in targets::TARGETS {
        let folder = corpus.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|entry| entry.expect("a corpus entry").path())
            .collect();
        files.sort();
        assert!(
            files.len() >= 3,
            "{}: the corpus of {name} holds {} inputs, too few to seed it",
            folder.display(),
            files.len()
        );
        for file in files {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                panic!("{name} fails on {}", file.display());
            }
        }
    }
}

#[test]
fn the_solve_target_reaches_the_solvers() {
    // A corpus input only tests the solvers if it builds a valid month: most byte strings must,
    // or the target would fuzz the builder alone.
    let mut valid = 0;
    for seed in 0..200u32 {
        let mut bytes = vec![0u8; 300];
        ChaCha8Rng::seed_from_u64(u64::from(seed)).fill_bytes(&mut bytes);
        if targets::month_of(&bytes).is_some_and(|spec| validate(&spec).is_empty()) {
            valid += 1;
        }
    }
    assert!(valid >= 150, "only {valid} of 200 byte strings build a valid month");
}
