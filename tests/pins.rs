//! Rule 8, pinned assignments: random months pinned from one of their own plans (whole pins,
//! slots only, slots with part of the team, demands only) against exhaustive search; the
//! checker's verdict on plans that break a pin; every way a set of pins can be bad input.

mod common;

use civic_match::check::{check, Rule};
use civic_match::format::{InstanceSpec, PinSpec, SolutionSpec, Status, SupplySpec};
use civic_match::problem::Problem;
use civic_match::report::solution_spec;
use civic_match::solve::{Exact, Greedy, Heuristic, Solver};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use std::time::Duration;

/// Small enough for exhaustive search.
const TINY: common::Size = common::Size { demands: 8, volunteers: 5, slots: 3 };

fn tol(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

fn heuristic() -> Heuristic {
    Heuristic::new(Duration::from_secs(30)).with_seed(3).with_iterations(Some(3000))
}

/// Pins drawn from `plan`'s assignments: about half of them, each whole, by its slot, by its
/// slot and part of its team, or by its demand alone.
fn pins_from(plan: &SolutionSpec, rng: &mut ChaCha8Rng) -> Vec<PinSpec> {
    let mut pins = Vec::new();
    for a in &plan.assignments {
        if !rng.random_bool(0.5) {
            continue;
        }
        let kind = rng.random_range(0..4);
        let supplies = (kind == 0 || rng.random_bool(0.3)).then(|| a.supplies.clone());
        let pin = match kind {
            0 => PinSpec {
                demand: a.demand.clone(),
                slot: Some(a.slot.clone()),
                volunteers: a.volunteers.clone(),
                supplies,
                standby: vec![],
            },
            1 => PinSpec {
                demand: a.demand.clone(),
                slot: Some(a.slot.clone()),
                volunteers: vec![],
                supplies: None,
                standby: vec![],
            },
            2 => {
                let keep = rng.random_range(0..a.volunteers.len());
                let volunteers = a.volunteers[..keep].to_vec();
                PinSpec { demand: a.demand.clone(), slot: Some(a.slot.clone()), volunteers, supplies, standby: vec![] }
            }
            _ => PinSpec { demand: a.demand.clone(), slot: None, volunteers: vec![], supplies: None, standby: vec![] },
        };
        pins.push(pin);
    }
    pins
}

/// Random months, pinned from a plan of their own: the exact solver (every backend) reaches the
/// exhaustive optimum of the pinned month, the heuristic and the greedy plan keep every pin
/// (checker) and stay below it, every bound stays above it, and pins never raise the optimum.
#[test]
fn pinned_random_months_match_exhaustive_search() {
    let mut pinned_months = 0;
    let mut whole_pins = 0;
    for seed in 0..200u64 {
        let spec = match seed % 3 {
            0 => common::random_spec_with_history(seed, TINY),
            _ => common::random_spec(seed, TINY),
        };
        let Ok(free) = Problem::from_spec(&spec, "free") else { continue };
        let (result, plan) = common::solve_and_check(&free, &heuristic());
        if result.objective.is_none() || plan.assignments.is_empty() {
            continue;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7069_6e73);
        let mut pinned = spec.clone();
        pinned.pinned = pins_from(&plan, &mut rng);
        if pinned.pinned.is_empty() {
            continue;
        }
        let problem = Problem::from_spec(&pinned, "pinned").unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        whole_pins += problem.instance.pins.iter().filter(|p| p.slot.is_some() && p.supplies.is_some()).count();
        let optimum = common::brute_force_optimum(&problem.instance).expect("the plan the pins come from keeps them");
        let free_optimum = common::brute_force_optimum(&free.instance).expect("a plan exists");
        assert!(optimum <= free_optimum + tol(free_optimum), "seed {seed}: pins raised the optimum");
        for backend in common::backends() {
            let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
            let (result, _) = common::solve_and_check(&problem, &exact);
            assert_eq!(result.status, Status::Optimal, "seed {seed} {backend:?}");
            let objective = result.objective.unwrap();
            assert!((objective - optimum).abs() <= tol(optimum), "seed {seed} {backend:?}: {objective} vs {optimum}");
        }
        for solver in [&heuristic() as &dyn Solver, &Greedy] {
            let (result, _) = common::solve_and_check(&problem, solver);
            let objective = result.objective.expect("a plan keeping the pins exists");
            assert!(objective <= optimum + tol(optimum), "seed {seed} {}", solver.name());
            let bound = result.bound.expect("a bound");
            assert!(bound >= optimum - tol(optimum), "seed {seed} {}: bound {bound} < {optimum}", solver.name());
        }
        pinned_months += 1;
    }
    assert!(pinned_months >= 60, "only {pinned_months} months had pins");
    assert!(whole_pins >= 30, "only {whole_pins} whole pins");
}

/// Two volunteers, two demands; v1 is the cheap one for both.
fn two_demands() -> Value {
    json!({
        "format": "civic-match/1",
        "slots": [{"id": "am", "hours": 4.0}, {"id": "pm", "hours": 4.0}],
        "regions": [{"id": "c1", "level": "community"}],
        "volunteers": [{"id": "v1", "hours": 2.0, "region": "c1"}, {"id": "v2", "hours": 2.0, "region": "c1"}],
        "demands": [{"id": "big", "weight": 5.0, "hours": 2.0, "region": "c1", "needs": [{"kind": "funds", "amount": 100.0}]},
                    {"id": "small", "weight": 2.0, "hours": 2.0, "region": "c1", "slots": ["pm"]}],
        "resources": [{"id": "r1", "kind": "funds", "amount": 150.0, "serves": ["c1"]},
                      {"id": "r2", "kind": "funds", "amount": 100.0, "serves": ["c1"]}],
        "arcs": [{"demand": "big", "volunteer": "v1", "cost": 0.5}, {"demand": "big", "volunteer": "v2", "cost": 1.5},
                 {"demand": "small", "volunteer": "v1", "cost": 0.5}, {"demand": "small", "volunteer": "v2", "cost": 1.0}]
    })
}

fn problem_with(pins: Value) -> Result<Problem, Vec<(String, String)>> {
    let mut value = two_demands();
    value["pinned"] = pins;
    let spec: InstanceSpec = serde_json::from_value(value).expect("well formed");
    Problem::from_spec(&spec, "hand")
        .map_err(|issues| issues.into_iter().map(|i| (i.code.to_string(), i.path)).collect())
}

/// Without pins v1 serves `big` and v2 `small` (5 − 0.5 + 2 − 1 = 5.5); pinning v1 to `small`
/// moves `big` to v2 (2 − 0.5 + 5 − 1.5 = 5), and the plan keeps the pin's supplies.
#[test]
fn a_pin_moves_the_optimum_as_computed_by_hand() {
    let free = problem_with(json!([])).unwrap();
    let (result, _) = common::solve_and_check(&free, &Exact::new(Duration::from_secs(10)));
    assert!((result.objective.unwrap() - 5.5).abs() < 1e-9);
    let pins = json!([{"demand": "small", "slot": "pm", "volunteers": ["v1"]},
                      {"demand": "big", "supplies": [{"resource": "r2", "amount": 60.0}, {"resource": "r1", "amount": 40.0}]}]);
    let problem = problem_with(pins).unwrap();
    for solver in [&Exact::new(Duration::from_secs(10)) as &dyn Solver, &heuristic(), &Greedy] {
        let (result, solution) = common::solve_and_check(&problem, solver);
        assert!((result.objective.unwrap() - 5.0).abs() < 1e-9, "{}", solver.name());
        let big = solution.assignments.iter().find(|a| a.demand == "big").unwrap();
        assert_eq!(big.volunteers, ["v2"]);
        let mut supplies: Vec<(String, f64)> = big.supplies.iter().map(|s| (s.resource.clone(), s.amount)).collect();
        supplies.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(supplies, [("r1".to_string(), 40.0), ("r2".to_string(), 60.0)]);
    }
}

/// The checker finds every way a plan can break a pin, one violation each.
#[test]
fn the_checker_refutes_plans_that_break_a_pin() {
    let pins = json!([{"demand": "small", "slot": "pm", "volunteers": ["v1"]},
                      {"demand": "big", "supplies": [{"resource": "r2", "amount": 100.0}]}]);
    let problem = problem_with(pins).unwrap();
    let result = Exact::new(Duration::from_secs(10)).solve(&problem);
    let good = solution_spec(&problem, &result);
    assert!(check(&problem.instance, &problem.names, &good).is_ok());
    let pinned = |solution: &SolutionSpec| -> Vec<String> {
        let report = check(&problem.instance, &problem.names, solution);
        report.violations_of(Rule::Pinned).map(|v| v.message.clone()).collect()
    };
    let edit = |f: &dyn Fn(&mut SolutionSpec)| {
        let mut s = good.clone();
        f(&mut s);
        s
    };
    let small = |s: &mut SolutionSpec| s.assignments.iter().position(|a| a.demand == "small").unwrap();
    let dropped = edit(&|s| {
        let i = small(s);
        s.assignments.remove(i);
    });
    assert_eq!(pinned(&dropped), [r#"pinned[0]: demand "small" is pinned but not assigned"#]);
    let swapped = edit(&|s| {
        let i = small(s);
        s.assignments[i].volunteers = vec!["v2".into()];
    });
    assert_eq!(pinned(&swapped), [r#"pinned[0]: demand "small" is pinned to volunteer "v1" who is not in its team"#]);
    let other_slot = edit(&|s| {
        let i = small(s);
        s.assignments[i].slot = "am".into();
    });
    assert_eq!(pinned(&other_slot), [r#"pinned[0]: demand "small" is pinned to slot "pm" but assigned in "am""#]);
    let other_supply = edit(&|s| {
        let big = s.assignments.iter_mut().find(|a| a.demand == "big").unwrap();
        big.supplies = vec![SupplySpec { resource: "r1".into(), amount: 100.0 }];
    });
    assert_eq!(
        pinned(&other_supply),
        [
            r#"pinned[1]: demand "big" is pinned to 0 from resource "r1" but is supplied 100"#,
            r#"pinned[1]: demand "big" is pinned to 100 from resource "r2" but is supplied 0"#
        ]
    );
    assert!(!check(&problem.instance, &problem.names, &other_supply).is_feasible());
}

/// Every kind of bad pin is refused with its code at its path.
#[test]
fn bad_pins_are_refused_with_their_codes_and_paths() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!([{"demand": "nope"}]), "E1210", "pinned[0].demand"),
        (json!([{"demand": "big", "slot": "night"}]), "E1210", "pinned[0].slot"),
        (json!([{"demand": "big", "slot": "am", "volunteers": ["v9"]}]), "E1210", "pinned[0].volunteers[0]"),
        (
            json!([{"demand": "big", "supplies": [{"resource": "r9", "amount": 100.0}]}]),
            "E1210",
            "pinned[0].supplies[0].resource",
        ),
        (json!([{"demand": "big"}, {"demand": "big"}]), "E1701", "pinned[1].demand"),
        (json!([{"demand": "small", "slot": "pm", "volunteers": ["v1", "v2"]}]), "E1702", "pinned[0].volunteers"),
        (json!([{"demand": "small", "volunteers": ["v1"]}]), "E1703", "pinned[0].slot"),
        (json!([{"demand": "small", "slot": "am"}]), "E1704", "pinned[0].slot"),
        (json!([{"demand": "big", "supplies": [{"resource": "r1", "amount": 90.0}]}]), "E1706", "pinned[0].supplies"),
        (
            json!([{"demand": "big", "supplies": [{"resource": "r1", "amount": -5.0}, {"resource": "r2", "amount": 105.0}]}]),
            "E1706",
            "pinned[0].supplies[0]",
        ),
        (
            json!([{"demand": "big", "slot": "am", "volunteers": ["v1"]}, {"demand": "small", "slot": "pm", "volunteers": ["v1"]}]),
            "E1708",
            "pinned[0].supplies",
        ),
        (
            json!([{"demand": "big", "slot": "am", "volunteers": ["v1"], "supplies": [{"resource": "r1", "amount": 100.0}]},
                {"demand": "small", "slot": "pm", "volunteers": ["v1"]}]),
            "E1707",
            "pinned[0]",
        ),
        (
            json!([{"demand": "small", "supplies": [{"resource": "r1", "amount": 10.0}]}]),
            "E1706",
            "pinned[0].supplies[0]",
        ),
    ];
    for (pins, code, path) in cases {
        let issues = problem_with(pins.clone()).err().unwrap_or_else(|| panic!("{pins} was accepted"));
        assert!(issues.iter().any(|(c, p)| c == code && p == path), "{pins}: {issues:?}, wanted {code} at {path}");
    }
    // A volunteer who is no candidate (E1705), and a pin that leaves its demand too few others (E1709).
    let mut value = two_demands();
    value["arcs"].as_array_mut().unwrap().retain(|a| !(a["demand"] == "small" && a["volunteer"] == "v2"));
    value["demands"][1]["people"] = json!(1);
    value["pinned"] = json!([{"demand": "small", "slot": "pm", "volunteers": ["v2"]}]);
    let spec: InstanceSpec = serde_json::from_value(value.clone()).unwrap();
    let issues = Problem::from_spec(&spec, "hand").unwrap_err();
    assert!(issues.iter().any(|i| i.code == "E1705" && i.path == "pinned[0].volunteers[0]"), "{issues:?}");
    value["demands"][0]["people"] = json!(2);
    value["pinned"] = json!([{"demand": "big", "slot": "am", "volunteers": ["v1"]}]);
    value["arcs"].as_array_mut().unwrap().retain(|a| !(a["demand"] == "big" && a["volunteer"] == "v2"));
    let spec: InstanceSpec = serde_json::from_value(value).unwrap();
    let issues = Problem::from_spec(&spec, "hand").unwrap_err();
    assert!(issues.iter().any(|i| i.code == "E1709" && i.path == "pinned[0]"), "{issues:?}");
}

/// The command line refuses conflicting pins with exit status 2, naming the file, the pins and
/// the capacity they overload, and writes no solution.
#[test]
fn conflicting_pins_exit_2_naming_the_pins() {
    let dir = tempfile::tempdir().unwrap();
    let mut value = two_demands();
    value["pinned"] = json!([{"demand": "big", "slot": "am", "volunteers": ["v1"], "supplies": [{"resource": "r1", "amount": 100.0}]},
                             {"demand": "small", "slot": "pm", "volunteers": ["v1"]}]);
    let file = dir.path().join("month.json");
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    let out_file = dir.path().join("plan.json");
    let out = common::run::civic_match(&["solve", file.to_str().unwrap(), "--out", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = common::run::text(&out.stderr);
    assert!(stderr.contains("month.json") && stderr.contains("pinned[0]") && stderr.contains("E1707"), "{stderr}");
    assert!(
        stderr.contains("pinned[0], pinned[1] together use 4 of 2 allowed for volunteer \"v1\"'s hours"),
        "{stderr}"
    );
    assert!(!out_file.exists());
}
