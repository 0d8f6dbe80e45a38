//! Bad input never panics and never leaves an output file: each case exits with status 2 and
//! an error naming the file, the JSON path and the problem.

use std::path::Path;
use std::process::Command;

const GOOD: &str = r#"{
  "format": "civic-match/1",
  "slots": [{"id": "am", "hours": 4.0}],
  "regions": [{"id": "s1", "parent": null, "level": "street"},
              {"id": "c1", "parent": "s1", "level": "community"}],
  "units": [{"id": "u1", "region": "s1"}],
  "volunteers": [{"id": "v1", "region": "c1", "unit": "u1", "at": [25.56, 103.25], "skills": ["electrician"], "hours": 8.0, "slots": ["am"], "max_tasks": 3}],
  "demands": [{"id": "d1", "region": "c1", "at": [25.561, 103.252], "skills": ["electrician"], "people": 1, "hours": 1.5, "slots": ["am"], "needs": [{"kind": "funds", "amount": 120.0}], "weight": 3.0, "must": true}],
  "resources": [{"id": "r1", "unit": "u1", "kind": "funds", "amount": 200.0, "serves": ["s1"]}],
  "policy": {"max_km": 1.25, "travel_weight": 0.1, "fairness": {"level": "community", "min_coverage": 0.6, "penalty": 2.0}}
}"#;

/// Runs `civic-match solve` on `text` and returns (exit code, stderr), asserting no plan file.
/// Writes `text` as `dir/month.json` and runs `civic-match solve` on it with `--out dir/plan.json`.
fn run_solve(dir: &Path, text: &[u8]) -> std::process::Output {
    let input = dir.join("month.json");
    std::fs::write(&input, text).unwrap();
    Command::new(env!("CARGO_BIN_EXE_civic-match"))
        .arg("solve")
        .arg(&input)
        .arg("--out")
        .arg(dir.join("plan.json"))
        .output()
        .unwrap()
}

fn solve_text(dir: &Path, text: &[u8]) -> (Option<i32>, String) {
    let out = dir.join("plan.json");
    let run = run_solve(dir, text);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(!out.exists(), "a plan file was written for bad input: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (run.status.code(), stderr)
}

#[test]
fn the_good_instance_solves() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_solve(dir.path(), GOOD.as_bytes());
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(dir.path().join("plan.json").exists());
}

/// (case, edit of GOOD: (from, to) replaced once, expected fragments of the message)
const CASES: &[(&str, &str, &str, &[&str])] = &[
    ("syntax error", r#""hours": 8.0,"#, r#""hours": 8.0,,"#, &["month.json:7:", "volunteers[0]"]),
    ("wrong type", r#""people": 1,"#, r#""people": "two","#, &["demands[0].people", "expected i64"]),
    ("missing field", r#""volunteers": ["#, r#""helpers": ["#, &["missing field `volunteers`"]),
    (
        "unknown region",
        r#""id": "d1", "region": "c1""#,
        r#""id": "d1", "region": "c9""#,
        &["E1201", "demands[0].region", "\"c9\""],
    ),
    ("unknown slot", r#""max_tasks": 3}"#, r#""max_tasks": 3, "slots": ["pm"]}"#, &["month.json:"]),
    (
        "unknown volunteer slot",
        r#""slots": ["am"], "max_tasks": 3"#,
        r#""slots": ["pm"], "max_tasks": 3"#,
        &["E1204", "volunteers[0].slots[0]", "\"pm\""],
    ),
    ("unknown unit", r#""unit": "u1", "kind""#, r#""unit": "u7", "kind""#, &["E1203", "resources[0].unit"]),
    ("unknown serves", r#""serves": ["s1"]"#, r#""serves": ["s1", "nowhere"]"#, &["E1205", "resources[0].serves[1]"]),
    (
        "duplicate id",
        r#"{"id": "c1", "parent": "s1""#,
        r#"{"id": "s1", "parent": "s1""#,
        &["E1101", "regions[1].id", "duplicate id \"s1\""],
    ),
    (
        "id too long",
        r#"{"id": "v1", "region""#,
        r#"{"id": "v123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", "region""#,
        &["E1102", "volunteers[0].id", "is 301 bytes long", "at most 256"],
    ),
    (
        "cyclic region tree",
        r#""id": "s1", "parent": null"#,
        r#""id": "s1", "parent": "c1""#,
        &["E1301", "cycle", "s1", "c1"],
    ),
    ("negative hours", r#""hours": 8.0"#, r#""hours": -8.0"#, &["E1402", "volunteers[0].hours", "-8"]),
    (
        "number too large",
        r#""weight": 3.0"#,
        r#""weight": 1e999"#,
        &["month.json:8:", "demands[0].weight", "out of range"],
    ),
    ("NaN literal", r#""weight": 3.0"#, r#""weight": NaN"#, &["month.json:8:", "demands[0].weight"]),
    (
        "latitude out of range",
        r#""at": [25.561, 103.252]"#,
        r#""at": [125.561, 103.252]"#,
        &["E1406", "demands[0].at", "latitude"],
    ),
    ("people below one", r#""people": 1,"#, r#""people": 0,"#, &["E1403", "demands[0].people"]),
    ("negative max_tasks", r#""max_tasks": 3"#, r#""max_tasks": -1"#, &["E1404", "volunteers[0].max_tasks"]),
    (
        "min_coverage above one",
        r#""min_coverage": 0.6"#,
        r#""min_coverage": 1.5"#,
        &["E1405", "policy.fairness.min_coverage"],
    ),
    ("fairness incomplete", r#""min_coverage": 0.6, "#, "", &["E1504", "policy.fairness.min_coverage"]),
    ("missing location", r#""at": [25.56, 103.25], "#, "", &["E1502", "volunteers[0].at"]),
    (
        "two needs of a kind",
        r#"{"kind": "funds", "amount": 120.0}"#,
        r#"{"kind": "funds", "amount": 120.0}, {"kind": "funds", "amount": 1.0}"#,
        &["E1501", "demands[0].needs[1].kind"],
    ),
    ("wrong format tag", r#""civic-match/1""#, r#""civic-match/9""#, &["E1001", "format"]),
    (
        "must without candidates",
        r#""skills": ["electrician"], "people""#,
        r#""skills": ["legal"], "people""#,
        &["E1601", "demands[0].must"],
    ),
    ("must without enough funds", r#""amount": 200.0"#, r#""amount": 100.0"#, &["E1602", "demands[0].needs[0].amount"]),
    (
        "unknown fairness level",
        r#""level": "community", "min"#,
        r#""level": "grid", "min"#,
        &["E1207", "policy.fairness.level"],
    ),
    (
        "arc to unknown volunteer",
        r#""resources":"#,
        r#""arcs": [{"demand": "d1", "volunteer": "v2"}], "resources":"#,
        &["E1206", "arcs[0].volunteer"],
    ),
    (
        "duplicate arc",
        r#""resources":"#,
        r#""arcs": [{"demand": "d1", "volunteer": "v1"}, {"demand": "d1", "volunteer": "v1"}], "resources":"#,
        &["E1503", "arcs[1]"],
    ),
];

#[test]
fn every_bad_input_exits_2_with_the_field_path() {
    let dir = tempfile::tempdir().unwrap();
    for (case, from, to, expected) in CASES {
        assert!(GOOD.contains(from), "{case}: the edit does not apply");
        let text = GOOD.replacen(from, to, 1);
        let (code, stderr) = solve_text(dir.path(), text.as_bytes());
        assert_eq!(code, Some(2), "{case}: {stderr}");
        assert!(stderr.contains("month.json"), "{case}: the file is not named: {stderr}");
        for fragment in *expected {
            assert!(stderr.contains(fragment), "{case}: {fragment:?} missing from: {stderr}");
        }
    }
}

#[test]
fn a_truncated_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = solve_text(dir.path(), &GOOD.as_bytes()[..GOOD.len() / 2]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("truncated"), "{stderr}");
}

#[test]
fn an_empty_file_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = solve_text(dir.path(), b"");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("month.json:1:0"), "{stderr}");
}

#[test]
fn all_problems_are_listed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        GOOD.replacen(r#""hours": 8.0"#, r#""hours": -8.0"#, 1).replacen(r#""people": 1,"#, r#""people": 0,"#, 1);
    let (code, stderr) = solve_text(dir.path(), text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(stderr.contains("2 problems") && stderr.contains("E1402") && stderr.contains("E1403"), "{stderr}");
}

#[test]
fn a_huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("huge.json");
    // A sparse file: its size is what counts, no disk is used.
    std::fs::File::create(&input).unwrap().set_len(civic_match::format::MAX_INPUT_BYTES + 1).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_civic-match")).arg("validate").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr.contains("huge.json") && stderr.contains("input limit"), "{stderr}");
}

#[test]
fn a_missing_file_is_named() {
    let run =
        Command::new(env!("CARGO_BIN_EXE_civic-match")).args(["validate", "no/such/month.json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr.contains("no/such/month.json") && stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn a_failed_solve_keeps_an_existing_plan_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("month.json");
    let out = dir.path().join("plan.json");
    std::fs::write(&input, GOOD.replacen(r#""hours": 8.0"#, r#""hours": -8.0"#, 1)).unwrap();
    std::fs::write(&out, "previous plan").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_civic-match"))
        .arg("solve")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous plan");
}
