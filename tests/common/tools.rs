//! External programs some tests drive (headless Chromium, python3 with openpyxl): CI installs
//! them and sets `CIVIC_MATCH_REQUIRE_TOOLS=1`, which turns a missing one into a failure; on a
//! developer's machine without them such a test says so on standard error and passes.

use std::process::Command;

/// Whether `program --version`-style probe `args` runs successfully.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|out| out.status.success())
}

/// True when the tool is there; false (after a note) when it is missing and not required;
/// panics when it is missing and `CIVIC_MATCH_REQUIRE_TOOLS=1`.
fn available(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    let required = std::env::var("CIVIC_MATCH_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    assert!(!required, "{what} is required (CIVIC_MATCH_REQUIRE_TOOLS=1) but not installed");
    eprintln!("skipped: {what} is not installed (.ci/run installs it)");
    false
}

/// The headless browser's program name, when installed (or required).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|p| runs(p, &["--version"]));
    available("chromium", found.is_some()).then(|| found.expect("checked"))
}

/// Whether python3 can import openpyxl (or it is required).
pub fn python_openpyxl() -> bool {
    available("python3 with openpyxl", runs("python3", &["-c", "import openpyxl"]))
}

/// Whether a single-node Slurm can be started here: its daemons and munge installed, and this
/// process root (slurmctld and slurmd run as root without systemd), or required.
pub fn slurm() -> bool {
    // sbatch cannot say its version without a cluster's configuration: look it up on the PATH.
    let paths = std::env::var_os("PATH").unwrap_or_default();
    let on_path = |p: &str| std::env::split_paths(&paths).any(|dir| dir.join(p).is_file());
    let installed = ["slurmctld", "slurmd", "sbatch", "squeue", "munged"].into_iter().all(on_path);
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    available("Slurm (slurm-wlm and munge, run as root)", installed && root)
}
