//! Studies through the command line: bad study files name their line and exit 2; the shards
//! of a study merge into exactly the unsharded results; `--resume` runs only what is missing;
//! every plan is checked.

mod common;

use common::run::{civic_match_in, text};
use std::path::{Path, PathBuf};

/// The policies of the test study: the hand rules, the greedy dispatch, the optimiser under an
/// iteration limit, and a variant without the fairness term.
const POLICIES: &str = r#"
[[policies]]
name = "heuristic"
rule = "heuristic"
iterations = 50

[[policies]]
name = "nearest"
rule = "nearest-first"

[[policies]]
name = "fcfs"
rule = "first-come-first-served"

[[policies]]
name = "random"
rule = "random"

[[policies]]
name = "greedy-no-fairness"
rule = "greedy"
unset = ["fairness"]
"#;

/// A folder with a study over a generated county month, a folder of two bundled instances and
/// one OR-Library GAP problem, all copied beside the study file.
fn study_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("files")).unwrap();
    for name in ["xundian-july.json", "return-home-day-arcs.json"] {
        std::fs::copy(root.join("instances").join(name), dir.path().join("files").join(name)).unwrap();
    }
    std::fs::copy(root.join("instances/orlib-gap/c05100"), dir.path().join("c05100")).unwrap();
    let study = format!(
        "name = \"shards\"\nbaseline = \"heuristic\"\nrepeats = \"1-2\"\n\n[[sets]]\nname = \"county\"\npreset = \"county\"\nseeds = 1\n\n\
         [[sets]]\nname = \"files\"\nfolder = \"files\"\n\n[[sets]]\nname = \"gap\"\norlib = \"c05100\"\nproblems = [1]\n{POLICIES}"
    );
    std::fs::write(dir.path().join("study.toml"), study).unwrap();
    dir
}

/// `bench` in `dir`, asserting it succeeds; its standard output.
fn bench(dir: &Path, args: &[&str]) -> String {
    let out = civic_match_in(&[&["bench", "study.toml"], args].concat(), dir);
    assert!(out.status.success(), "bench {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

/// The CSV of output folder `out` without the columns of time and memory.
fn results_without_machine(out: &Path) -> String {
    let mut reader = csv::Reader::from_path(out.join("runs.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let keep: Vec<usize> =
        (0..header.len()).filter(|&i| !["seconds", "peak_memory_mb"].contains(&&header[i])).collect();
    let mut lines = vec![keep.iter().map(|&i| &header[i]).collect::<Vec<_>>().join(",")];
    for row in reader.records() {
        let row = row.unwrap();
        lines.push(keep.iter().map(|&i| &row[i]).collect::<Vec<_>>().join(","));
    }
    lines.join("\n")
}

#[test]
fn shards_merge_into_the_unsharded_results_and_every_plan_is_checked() {
    let dir = study_folder();
    let d = dir.path();
    let all = bench(d, &["--out", "all"]);
    let reference = results_without_machine(&d.join("all"));
    let rows: Vec<&str> = reference.lines().skip(1).collect();
    // 4 instances × 5 policies × 2 seeds.
    assert_eq!(rows.len(), 40, "{all}");
    let mut reader = csv::Reader::from_path(d.join("all/runs.csv")).unwrap();
    for row in reader.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row.unwrap();
        assert!(row["check"] == "ok" || row["check"] == "no plan", "{row:?}");
        if row["check"] == "ok" {
            assert!(["optimal", "feasible"].contains(&row["status"].as_str()), "{row:?}");
            assert!(!row["weight_met_pct"].is_empty() && !row["objective"].is_empty(), "{row:?}");
        }
    }
    // The random rule draws from its seed: the two repeats of the county month differ.
    let random: Vec<&&str> = rows.iter().filter(|r| r.starts_with("county,") && r.contains(",random,")).collect();
    assert_eq!(random.len(), 2);
    assert_ne!(random[0].split(',').skip(8).collect::<Vec<_>>(), random[1].split(',').skip(8).collect::<Vec<_>>());

    // N = 1: the one folder merged alone is the run itself, byte for byte.
    let out = civic_match_in(&["bench-merge", "all", "--out", "merged-1"], d);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for file in ["runs.csv", "summary.md", "frontier.svg", "coverage.svg", "time-vs-gap.svg"] {
        assert_eq!(
            std::fs::read(d.join("all").join(file)).unwrap(),
            std::fs::read(d.join("merged-1").join(file)).unwrap(),
            "{file}"
        );
    }
    for count in [3usize, 7] {
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut ran = 0;
        for index in 0..count {
            let folder = format!("shard-{count}-{index}");
            let said = bench(d, &["--shard", &format!("{index}/{count}"), "--out", &folder]);
            ran += said.split_whitespace().next().unwrap().parse::<usize>().unwrap();
            folders.push(folder.into());
        }
        assert_eq!(ran, 40, "the shards of {count} are disjoint and cover every run");
        let merged = format!("merged-{count}");
        let args: Vec<&str> = ["bench-merge"]
            .into_iter()
            .chain(folders.iter().map(|f| f.to_str().unwrap()))
            .chain(["--out", &merged])
            .collect();
        let out = civic_match_in(&args, d);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(results_without_machine(&d.join(&merged)), reference, "{count} shards");
        for file in ["frontier.svg", "coverage.svg"] {
            assert_eq!(
                std::fs::read(d.join("all").join(file)).unwrap(),
                std::fs::read(d.join(&merged).join(file)).unwrap()
            );
        }
        // Merging without one shard says which runs are missing, and writes nothing.
        let partial = civic_match_in(&["bench-merge", folders[0].to_str().unwrap(), "--out", "partial"], d);
        assert_eq!(partial.status.code(), Some(2));
        assert!(text(&partial.stderr).contains("have no record"), "{}", text(&partial.stderr));
        assert!(!d.join("partial").exists());
    }

    // --resume runs only the runs whose records are gone.
    let runs = d.join("all/runs");
    let mut records: Vec<PathBuf> = std::fs::read_dir(&runs).unwrap().map(|e| e.unwrap().path()).collect();
    records.sort();
    for record in &records[..3] {
        std::fs::remove_file(record).unwrap();
    }
    let again = civic_match_in(&["bench", "study.toml", "--out", "all"], d);
    assert_eq!(again.status.code(), Some(2), "a folder with runs needs --resume");
    assert!(text(&again.stderr).contains("--resume"), "{}", text(&again.stderr));
    let resumed = bench(d, &["--out", "all", "--resume"]);
    assert!(resumed.contains("3 run, 37 already there"), "{resumed}");
    assert_eq!(results_without_machine(&d.join("all")), reference);
}

#[test]
fn bad_study_files_name_their_line_and_exit_2() {
    let set = "[[sets]]\nname = \"county\"\npreset = \"county\"\nseeds = \"1-2\"\n";
    let policy = "[[policies]]\nname = \"greedy\"\nrule = \"greedy\"\n";
    let cases: Vec<(String, &str, &str)> = vec![
        (format!("{set}{policy}[policies.policy]\nmax_kms = 1.0\n"), ":9:", "unknown policy field \"max_kms\""),
        (
            format!("{set}{policy}[policies.policy]\nfairness = {{ flor = 0.5 }}\n"),
            ":9:",
            "unknown field \"flor\" of fairness",
        ),
        (format!("{set}{policy}[policies.policy]\nmax_km = \"far\"\n"), ":9:", "max_km"),
        (format!("{set}[[policies]]\nname = \"x\"\nrule = \"nearest\"\n"), ":7:", "unknown rule \"nearest\""),
        (format!("[[sets]]\nname = \"county\"\npreset = \"county\"\nseeds = []\n{policy}"), ":4:", "seeds is empty"),
        (
            format!("[[sets]]\nname = \"county\"\npreset = \"county\"\nseeds = \"5-1\"\n{policy}"),
            ":4:",
            "runs backwards",
        ),
        (
            format!("[[sets]]\nname = \"county\"\npreset = \"county\"\nprofiles = []\nseeds = 1\n{policy}"),
            ":2:",
            "profiles is empty",
        ),
        (
            format!("[[sets]]\nname = \"c\"\npreset = \"village\"\nseeds = 1\n{policy}"),
            ":3:",
            "unknown preset \"village\"",
        ),
        (format!("[[sets]]\nname = \"c\"\nfolder = \"nowhere\"\n{policy}"), ":3:", "is not a folder"),
        (format!("[[sets]]\nname = \"c\"\nfolder = \"empty\"\n{policy}"), ":3:", "holds no instance"),
        (format!("{set}{policy}[[policies]]\nname = \"greedy\"\nrule = \"greedy\"\n"), ":9:", "a second policy named"),
        (format!("baseline = \"best\"\n{set}{policy}"), ":1:", "baseline \"best\" is none of the policies"),
        (format!("{set}{policy}time_limit = -1.0\n"), ":8:", "positive number of seconds"),
        (format!("{set}{policy}colour = 3\n"), ":8:", "unknown field `colour`"),
        (policy.to_string(), ":1:", "no instance set"),
        (set.to_string(), ":1:", "no policy"),
        ("[[sets]\n".to_string(), ":1:", "unclosed array table"),
    ];
    for (study, line, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("empty")).unwrap();
        std::fs::write(dir.path().join("study.toml"), &study).unwrap();
        let out = civic_match_in(&["bench", "study.toml", "--out", "out"], dir.path());
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{study}\n{err}");
        assert!(
            err.contains(&format!("study.toml{line}")) && err.contains(message),
            "{study}\nwanted {line} {message:?}, got {err}"
        );
        assert!(!dir.path().join("out").exists(), "nothing is written for a bad study");
    }
    // A shard out of range, and scheduler variables that are not set, exit 2 before any run.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("study.toml"), format!("{set}{policy}")).unwrap();
    for (shard, message) in [
        ("4/4", "out of range 0..4"),
        ("1/0", "at least 1"),
        ("two", "expected I/N"),
        ("slurm", "SLURM_ARRAY_TASK_ID is not set"),
    ] {
        let out = civic_match_in(&["bench", "study.toml", "--out", "out", "--shard", shard], dir.path());
        assert_eq!(out.status.code(), Some(2), "{shard}");
        assert!(text(&out.stderr).contains(message), "{shard}: {}", text(&out.stderr));
        assert!(!dir.path().join("out").exists());
    }
}
