//! A study spread over a real single-node Slurm: tests/cluster/slurm-array.sh starts munged,
//! slurmctld and slurmd in a temporary folder, submits the study as a 4-task array with
//! docs/cluster/slurm/submit.sh and the merge as a job depending on it, and checks that the
//! merged runs.csv equals the unsharded run's (apart from time and memory).

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn a_slurm_array_of_four_shards_merges_into_the_unsharded_run() {
    if !common::tools::slurm() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("tests/cluster/slurm-array.sh"))
        .arg(root.join("tests/cluster/study.toml"))
        .arg(env!("CARGO_BIN_EXE_civic-match"))
        .env("N", "4")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("OK: merged runs.csv of 4 shards equals the unsharded one"), "{stdout}\n{stderr}");
}
