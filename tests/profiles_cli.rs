//! `generate --profile` and `bench --profile` as a planner or a benchmark run uses them.

mod common;

use civic_match::format::instance_bytes;
use civic_match::generate::{generate_profile, Preset, Profile};
use common::run::{civic_match_in, text};

#[test]
fn generate_writes_the_profiles_month_and_help_lists_every_profile() {
    let dir = tempfile::tempdir().unwrap();
    let run = civic_match_in(
        &["generate", "--preset", "county", "--profile", "tight-slots", "--seed", "4", "--out", "m.json"],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let written = std::fs::read(dir.path().join("m.json")).unwrap();
    let expected = instance_bytes(&generate_profile(Preset::County, Profile::TightSlots, 4)).unwrap();
    assert!(written == expected, "the file is not the profile's month");

    let help = text(&civic_match_in(&["generate", "--help"], dir.path()).stdout);
    for p in Profile::ALL {
        assert!(help.lines().any(|l| l.starts_with(p.name()) && l.contains(p.description())), "{p} missing:\n{help}");
    }
    assert!(text(&civic_match_in(&["bench", "--help"], dir.path()).stdout).contains(Profile::Arcs.description()));
}

#[test]
fn an_unknown_profile_is_a_usage_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = civic_match_in(&["generate", "--preset", "county", "--profile", "hilly", "--out", "m.json"], dir.path());
    assert_eq!(run.status.code(), Some(2));
    let err = text(&run.stderr);
    assert!(err.contains("hilly") && err.contains("return-day"), "{err}");
    assert!(!dir.path().join("m.json").exists());
}

#[test]
fn bench_names_the_profile_in_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let run = civic_match_in(
        &["bench", "--preset", "county", "--profile", "scarce,return-day", "--seeds", "1", "--solver", "greedy"],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("county")).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains(" scarce ") && rows[1].contains(" return-day "), "{out}");
    assert!(rows.iter().all(|r| r.ends_with("ok")), "{out}");
}
