//! Running the command-line binary as a user would, and the bundled instances tests go over.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `civic-match ARGS` in `dir`.
pub fn civic_match_in(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civic-match")).args(args).current_dir(dir).output().unwrap()
}

/// Runs `civic-match ARGS` in the crate's folder, where `instances/` is.
pub fn civic_match(args: &[&str]) -> Output {
    civic_match_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// A program's output as text.
pub fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Every `instances/*.json`, sorted.
pub fn bundled_instances() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the bundled instances are there: {files:?}");
    files
}
