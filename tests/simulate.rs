//! `simulate`: a short county year whose every plan passes the checker, whose ledger holds its
//! months, whose table is the same bytes on a rerun and on one or two threads; the figures on
//! a hand-made month; bad arguments refused with exit 2.

use civic_match::format::{AssignmentSpec, DemandSpec, InstanceSpec, RegionSpec, SolutionSpec, Status, VolunteerSpec};
use civic_match::format::{HistorySpec, SeriesHistorySpec};
use civic_match::ledger::effective::Effective;
use civic_match::ledger::outcomes::{Outcome, OutcomeRow};
use civic_match::ledger::Ledger;
use civic_match::simulate::metrics::gini;
use civic_match::simulate::tally::Tally;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_civic-match");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().unwrap()
}

/// Three county months with a small search, on `threads` threads, into `name`.csv and
/// `name`.db; each month's instance and plan into the folder `name`.
fn short_year(dir: &Path, name: &str, threads: &str) -> Output {
    std::fs::create_dir_all(dir.join(name)).unwrap();
    let (db, csv) = (format!("{name}.db"), format!("{name}.csv"));
    let args = ["simulate", "--preset", "county", "--months", "3", "--seed", "2", "--iterations", "400"];
    let more = ["--ledger", &db, "--out", &csv, "--threads", threads, "--plans", name];
    run(dir, &[&args[..], &more[..]].concat())
}

#[test]
fn a_short_county_year_is_checked_committed_and_the_same_on_one_or_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let one = short_year(dir.path(), "one", "1");
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let two = short_year(dir.path(), "two", "2");
    assert!(two.status.success(), "{}", String::from_utf8_lossy(&two.stderr));
    let table = std::fs::read_to_string(dir.path().join("one.csv")).unwrap();
    assert_eq!(table.as_bytes(), std::fs::read(dir.path().join("two.csv")).unwrap(), "1 vs 2 threads");

    // Every month's plan passes the checker on its effective instance.
    for month in ["2026-01", "2026-02", "2026-03"] {
        let (instance, plan) = (format!("one/{month}.json"), format!("one/{month}.plan.json"));
        let checked = run(dir.path(), &["check", &instance, &plan]);
        assert!(checked.status.success(), "{month}: {}", String::from_utf8_lossy(&checked.stdout));
    }
    // The ledger holds the three months.
    let ledger = Ledger::open(&dir.path().join("one.db")).unwrap();
    assert_eq!(ledger.months_sheet().unwrap().rows.len(), 3);

    // One line per month on standard error, with every phase and the ledger's size.
    let progress = String::from_utf8_lossy(&one.stderr);
    let lines: Vec<&str> = progress.lines().filter(|l| l.contains("| lists ")).collect();
    assert_eq!(lines.len(), 3, "{progress}");
    for phase in ["month ", "compile ", "solve ", "check+commit ", "record ", "% of solve", "ledger "] {
        assert!(lines.iter().all(|l| l.contains(phase)), "{phase}: {progress}");
    }

    // What a month leaves unmet is what the next carries (no demand is left out in the county).
    let rows: Vec<Vec<&str>> = table.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(table.lines().next().unwrap().split(',').count(), 14);
    let number = |r: &[&str], k: usize| r[k].parse::<usize>().unwrap();
    assert_eq!(number(&rows[0], 12), 0, "nothing is carried into the first month");
    for k in 1..3 {
        assert_eq!(number(&rows[k], 12), number(&rows[k - 1], 1) - number(&rows[k - 1], 2), "month {k}");
    }

    // A rerun gives the same bytes.
    std::fs::remove_dir_all(dir.path().join("one")).unwrap();
    std::fs::remove_file(dir.path().join("one.db")).unwrap();
    let again = short_year(dir.path(), "one", "2");
    assert!(again.status.success());
    assert_eq!(table, std::fs::read_to_string(dir.path().join("one.csv")).unwrap(), "rerun");
}

fn demand(id: &str, region: &str, weight: f64) -> DemandSpec {
    DemandSpec { id: id.into(), region: Some(region.into()), weight: Some(weight), ..Default::default() }
}

fn region(id: &str, parent: Option<&str>, level: &str) -> RegionSpec {
    RegionSpec { id: id.into(), parent: parent.map(Into::into), level: Some(level.into()), name: None }
}

fn outcome(demand: &str, volunteer: &str, outcome: Outcome, hours: f64) -> OutcomeRow {
    let hours = (outcome != Outcome::NoShow).then_some(hours);
    OutcomeRow { place: String::new(), demand: demand.into(), volunteer: volunteer.into(), outcome, hours }
}

#[test]
fn the_figures_of_a_hand_made_month() {
    assert!((gini(&[1.0, 2.0, 3.0, 4.0]) - 0.25).abs() < 1e-12);
    let regions = vec![
        region("s", None, "street"),
        region("a", Some("s"), "community"),
        region("b", Some("s"), "community"),
        region("a1", Some("a"), "grid"),
    ];
    let layout = InstanceSpec { regions: regions.clone(), ..Default::default() };
    let mut tally = Tally::new(&layout);
    let volunteers: Vec<VolunteerSpec> =
        ["v1", "v2", "v3", "v4"].iter().map(|id| VolunteerSpec { id: id.to_string(), ..Default::default() }).collect();
    let mut series = demand("d3", "b", 1.0);
    series.series = Some("s1".into());
    let mut carried = demand("d4", "a1", 2.0);
    carried.age = Some(2.0);
    let spec = InstanceSpec {
        regions,
        volunteers: volunteers.clone(),
        demands: vec![demand("d1", "a1", 3.0), demand("d2", "b", 1.0), series, carried],
        history: Some(HistorySpec {
            series: vec![SeriesHistorySpec {
                series: "s1".into(),
                month: "2026-01".into(),
                volunteers: vec!["v2".into()],
            }],
            ..Default::default()
        }),
        ..Default::default()
    };
    let effective = Effective { spec, carried: 1, left_out: Vec::new() };
    let assign = |d: &str, vs: &[&str]| AssignmentSpec {
        demand: d.into(),
        slot: "x".into(),
        volunteers: vs.iter().map(|v| v.to_string()).collect(),
        supplies: Vec::new(),
        standby: Vec::new(),
    };
    let solution = SolutionSpec {
        format: String::new(),
        instance: String::new(),
        status: Status::Feasible,
        objective: None,
        bound: None,
        assignments: vec![assign("d1", &["v1"]), assign("d2", &["v3"]), assign("d3", &["v2"]), assign("d4", &["v1"])],
        unassigned: Vec::new(),
        solver: None,
        seconds: None,
        seed: None,
        changes: None,
    };
    // d2 is not finished; the rest are done.
    let outcomes = [
        outcome("d1", "v1", Outcome::Done, 2.0),
        outcome("d2", "v3", Outcome::NotDone, 1.0),
        outcome("d3", "v2", Outcome::Done, 1.0),
        outcome("d4", "v1", Outcome::Done, 1.0),
    ];
    let row = tally.month("2026-02", &effective, &solution, &outcomes, &volunteers);
    assert_eq!((row.demands, row.met, row.carried), (4, 3, 1));
    assert_eq!(row.weight_met, 6.0);
    assert!((row.weight_met_pct - 100.0 * 6.0 / 7.0).abs() < 1e-9);
    // Community a: 5 of 5 met; b: 1 of 2.
    assert_eq!(row.lowest_month, Some(0.5));
    // Arrived since the first month: a 3 (the carried d4 arrived earlier), b 2; met a 5, b 1.
    assert_eq!(row.lowest_cumulative, Some(0.5));
    assert!((row.gini_coverage - gini(&[1.0, 0.5])).abs() < 1e-12);
    // Hours v1 3, v2 1, v3 1, v4 0; v4 never asked.
    assert!((row.gini_hours - gini(&[3.0, 1.0, 1.0, 0.0])).abs() < 1e-12);
    assert_eq!(row.never_asked, 0.25);
    assert_eq!((row.continuity, row.continuity_of), (Some(1.0), 1));
    assert_eq!(row.mean_age_met_carried, Some(2.0));
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.db"), b"").unwrap();
    let base = ["simulate", "--preset", "county", "--out", "y.csv"];
    for (more, expected) in [
        (&["--ledger", "l.db", "--months", "0"][..], "--months must be at least 1"),
        (&["--ledger", "l.db", "--arrivals", "1.5"][..], "--arrivals must be in (0, 1]"),
        (&["--ledger", "l.db", "--min-coverage", "1.5"][..], "--min-coverage must be in [0, 1]"),
        (&["--ledger", "l.db", "--start", "2026-13"][..], "--start: \"2026-13\" is not a month"),
        (&["--ledger", "l.db", "--profile", "arcs"][..], "--profile arcs cannot be simulated"),
        (&["--ledger", "old.db"][..], "old.db: already exists"),
        (&["--ledger", "no/such/l.db"][..], "the folder no/such does not exist"),
    ] {
        let out = run(dir.path(), &[&base[..], more].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{more:?}: {stderr}");
        assert!(stderr.contains(expected), "{more:?}: {stderr}");
    }
    assert!(!dir.path().join("y.csv").exists() && !dir.path().join("l.db").exists());
}
