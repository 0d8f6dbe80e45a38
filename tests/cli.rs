//! The command line as a planner uses it: solve a bundled month, check the plan, inspect.

use std::path::Path;
use std::process::{Command, Output};

fn civic_match(args: &[&str], dir: &Path) -> Output {
    let root = env!("CARGO_MANIFEST_DIR");
    Command::new(env!("CARGO_BIN_EXE_civic-match")).args(args).current_dir(root).env("TMPDIR", dir).output().unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn solve_by_default_proves_the_bundled_month_and_check_accepts_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    let solved = civic_match(&["solve", "instances/xundian-july.json", "--out", plan], dir.path());
    assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
    let summary = text(&solved.stdout);
    for line in [
        "solver      exact",
        "status      optimal",
        "bound       2.028  (gap 0.00%)",
        "demands met 5 / 10",
        "lowest      塘子社区 (c3)",
        "volunteer-km",
        "wrote",
    ] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    let checked = civic_match(&["check", "instances/xundian-july.json", plan], dir.path());
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).contains("feasible; objective and claims hold"));
}

#[test]
fn check_rejects_a_tampered_plan_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan_str = plan.to_str().unwrap();
    civic_match(&["solve", "instances/xundian-july.json", "--out", plan_str], dir.path());
    // Give d2's team to a volunteer without the skill.
    let tampered = std::fs::read_to_string(&plan).unwrap().replace(
        r#""demand":"d2","slot":"07-03am","volunteers":["v2"]"#,
        r#""demand":"d2","slot":"07-03am","volunteers":["v7"]"#,
    );
    assert!(tampered.contains(r#""volunteers":["v7"]"#), "the plan changed shape:\n{tampered}");
    std::fs::write(&plan, tampered).unwrap();
    let checked = civic_match(&["check", "instances/xundian-july.json", plan_str], dir.path());
    assert_eq!(checked.status.code(), Some(1));
    let out = text(&checked.stdout);
    assert!(out.contains("NOT feasible") && out.contains("rule 2") && out.contains("\"v7\""), "{out}");
}

#[test]
fn validate_and_stats_describe_the_instance() {
    let dir = tempfile::tempdir().unwrap();
    let valid = civic_match(&["validate", "instances/xundian-july.json"], dir.path());
    assert_eq!(valid.status.code(), Some(0));
    assert!(text(&valid.stdout).contains("valid: 10 demands, 7 volunteers, 5 resources, 4 slots"));
    let stats = civic_match(&["stats", "instances/xundian-july.json"], dir.path());
    assert_eq!(stats.status.code(), Some(0));
    let out = text(&stats.stdout);
    assert!(out.contains("demands               10") && out.contains("components"), "{out}");
}

#[test]
fn solve_writes_next_to_the_current_folder_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/defaults-only.json");
    let run = Command::new(env!("CARGO_BIN_EXE_civic-match"))
        .arg("solve")
        .arg(&input)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(dir.path().join("defaults-only.solution.json").exists());
}

#[test]
fn help_speaks_to_planners() {
    let dir = tempfile::tempdir().unwrap();
    let help = text(&civic_match(&["--help"], dir.path()).stdout);
    for word in ["project list", "solve", "check", "validate", "stats", "Exit status"] {
        assert!(help.contains(word), "{word:?} missing from --help:\n{help}");
    }
}

#[test]
fn bench_checks_every_plan_it_reports() {
    let dir = tempfile::tempdir().unwrap();
    let run = civic_match(
        &["bench", "--preset", "county", "--seeds", "3", "--solver", "greedy,heuristic", "--time-limit", "0.5"],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    assert_eq!(out.lines().filter(|l| l.starts_with("county") && l.ends_with("ok")).count(), 2, "{out}");
    let bad = civic_match(&["bench", "--seeds", "3-1"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--seeds"));
}

#[test]
fn the_exact_solver_refuses_a_month_too_large_for_its_program() {
    let dir = tempfile::tempdir().unwrap();
    let month = dir.path().join("town.json");
    let month = month.to_str().unwrap();
    let made = civic_match(&["generate", "--preset", "town", "--seed", "1", "--out", month], dir.path());
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let plan = dir.path().join("plan.json");
    let run = civic_match(&["solve", month, "--solver", "exact", "--out", plan.to_str().unwrap()], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("use --solver heuristic"), "{}", text(&run.stderr));
    assert!(!plan.exists());
}

#[test]
fn generate_is_byte_identical_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a.json"), dir.path().join("b.json"), dir.path().join("c.json"));
    for (file, seed) in [(&a, "4"), (&b, "4"), (&c, "5")] {
        let run = civic_match(
            &["generate", "--preset", "county", "--seed", seed, "--out", file.to_str().unwrap()],
            dir.path(),
        );
        assert_eq!(run.status.code(), Some(0));
    }
    let read = |f: &std::path::Path| std::fs::read(f).unwrap();
    assert_eq!(read(&a), read(&b));
    assert_ne!(read(&a), read(&c));
}

#[test]
fn auto_proves_a_small_month_and_searches_a_large_one() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    let small = text(
        &civic_match(&["solve", "instances/xundian-july.json", "--solver", "auto", "--out", plan], dir.path()).stdout,
    );
    assert!(small.contains("solver      exact") && small.contains("status      optimal"), "{small}");
    let args = ["solve", "instances/county-seed1.json", "--solver", "auto", "--time-limit", "0.5", "--out", plan];
    let large = text(&civic_match(&args, dir.path()).stdout);
    assert!(large.contains("solver      heuristic"), "{large}");
    assert_eq!(civic_match(&["check", "instances/county-seed1.json", plan], dir.path()).status.code(), Some(0));
}

#[test]
fn the_heuristic_proves_a_small_month_too() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    let args = ["solve", "instances/xundian-july.json", "--solver", "heuristic", "--out", plan];
    let solved = civic_match(&args, dir.path());
    assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
    let summary = text(&solved.stdout);
    for line in ["solver      heuristic", "status      optimal", "objective   2.028", "bound       2.028"] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    assert_eq!(civic_match(&["check", "instances/xundian-july.json", plan], dir.path()).status.code(), Some(0));
}

#[test]
fn solve_by_default_gives_the_same_plan_each_run_and_draws_no_bar_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let plans: Vec<String> = (0..2)
        .map(|i| {
            let plan = dir.path().join(format!("plan{i}.json"));
            let solved =
                civic_match(&["solve", "instances/xundian-july.json", "--out", plan.to_str().unwrap()], dir.path());
            assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
            assert!(text(&solved.stdout).contains("status      optimal"), "{}", text(&solved.stdout));
            assert_eq!(text(&solved.stderr), "", "standard error is not a terminal here: no progress bar");
            let checked = civic_match(&["check", "instances/xundian-july.json", plan.to_str().unwrap()], dir.path());
            assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
            std::fs::read_to_string(plan).unwrap()
        })
        .collect();
    let assignments =
        |plan: &str| plan.split("\"assignments\"").nth(1).unwrap().split("\"unassigned\"").next().unwrap().to_string();
    assert_eq!(assignments(&plans[0]), assignments(&plans[1]), "no limits given: the same proven plan");
}

#[test]
fn an_output_that_cannot_be_written_is_named_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("out.json");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["solve", "instances/xundian-july.json", "--solver", "greedy", "--out", missing],
        vec!["generate", "--preset", "county", "--seed", "1", "--out", missing],
    ] {
        let run = civic_match(&args, dir.path());
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let err = text(&run.stderr);
        assert!(err.contains(missing) && err.contains("cannot write"), "{args:?}: {err}");
    }
}
