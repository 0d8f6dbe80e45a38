//! The hand rules (nearest first, first come first served, random): checked plans on generated
//! months, the teams each rule picks on a hand-built month, and the greedy solver's answer when
//! a rule cannot place a `must` demand.

mod common;

use civic_match::format::{InstanceSpec, SolutionSpec, Status};
use civic_match::generate::{generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use civic_match::report::summarize;
use civic_match::solve::{simple_bound, FirstComeFirstServed, Greedy, NearestFirst, PlanState, Random, Solver};

/// The generated county months tested: profiles whose scarcity (members' time, slot hours,
/// resources, team sizes, `must` demands) makes the rules' choices collide, two seeds of the
/// plain month.
const MONTHS: [(Profile, u64); 6] = [
    (Profile::Standard, 1),
    (Profile::Standard, 2),
    (Profile::Scarce, 1),
    (Profile::TightSlots, 2),
    (Profile::Teams, 1),
    (Profile::MustHeavy, 1),
];

fn problem_of(spec: &InstanceSpec, name: &str) -> Problem {
    Problem::from_spec(spec, name).unwrap_or_else(|issues| panic!("{name}: {}", issues[0]))
}

/// Whether no demand the plan leaves unmet could still be served: a rule serves every demand
/// it can at its turn, and later turns only take capacity and supplies away.
fn nothing_left_to_serve(problem: &Problem, result: &civic_match::solve::SolveResult) -> bool {
    let state = PlanState::from_plan(problem, &result.plan);
    (0..problem.instance.demands.len()).all(|d| state.placed[d].is_some() || state.best_placement(d).is_none())
}

#[test]
fn every_rule_gives_checked_plans_on_generated_months_and_nearest_first_walks_least() {
    let rules: [&dyn Solver; 3] = [&NearestFirst, &FirstComeFirstServed, &Random::new(1)];
    for (profile, seed) in MONTHS {
        let name = format!("county-{}-{seed}", profile.name());
        let problem = problem_of(&generate_profile(Preset::County, profile, seed), &name);
        let (greedy, _) = common::solve_and_check(&problem, &Greedy);
        let mut line = format!("{name}: greedy {:.2}", greedy.objective.unwrap());
        let mut km = Vec::new();
        for rule in rules {
            let (result, _) = common::solve_and_check(&problem, rule);
            assert_eq!(result.status, Status::Feasible, "{name}: {}", rule.name());
            assert_eq!(result.bound, Some(simple_bound(&problem)), "{name}: {}", rule.name());
            assert!(nothing_left_to_serve(&problem, &result), "{name}: {} left a servable demand", rule.name());
            let walked = summarize(&problem, &result).volunteer_km.expect("generated months have locations");
            line += &format!(
                ", {} {:.2} ({} met, {walked:.1} km)",
                rule.name(),
                result.objective.unwrap(),
                result.plan.assignments.len()
            );
            km.push(walked);
        }
        eprintln!("{line}");
        assert!(km[0] <= km[1], "{name}: nearest-first walks {} km, first-come-first-served {} km", km[0], km[1]);
    }
}

#[test]
fn random_is_the_same_for_a_seed_and_differs_for_another() {
    let problem = problem_of(&generate_profile(Preset::County, Profile::Scarce, 2), "county-scarce-2");
    let plan = |seed: u64| common::solve_and_check(&problem, &Random::new(seed)).1.assignments;
    let first = plan(7);
    assert_eq!(first, plan(7));
    assert_ne!(first, plan(8));
}

/// One 2-member demand `d1` (slots am, pm), a `must` 1-member demand `d2` listed after it (pm
/// only) and a 1-member demand `d3` worth nothing (am only), all at one place; five members in
/// roster order v1..v5 at 0.8, 0.6, 0.1, 0.2 and 0.3 km, v3 and v4 free in the afternoon only,
/// v5 in the morning only; one task per half day, and no travel cost, so that only the rules
/// tell the members apart.
const TINY: &str = r#"{"format": "civic-match/1",
    "slots": [{"id": "am", "hours": 4}, {"id": "pm", "hours": 4}],
    "volunteers": [{"id": "v1", "at": [32.0072, 112.0]},
                   {"id": "v2", "at": [32.0054, 112.0]},
                   {"id": "v3", "at": [32.0009, 112.0], "slots": ["pm"]},
                   {"id": "v4", "at": [32.0018, 112.0], "slots": ["pm"]},
                   {"id": "v5", "at": [32.0027, 112.0], "slots": ["am"]}],
    "demands": [{"id": "d1", "at": [32.0, 112.0], "people": 2, "hours": 2},
                {"id": "d2", "at": [32.0, 112.0], "hours": 2, "slots": ["pm"], "must": true},
                {"id": "d3", "at": [32.0, 112.0], "hours": 2, "slots": ["am"], "weight": 0}],
    "policy": {"max_km": 1.0, "max_tasks_per_slot": 1}}"#;

/// The slot and sorted team of each demand met, by demand id.
fn teams(solution: &SolutionSpec) -> Vec<(String, String, Vec<String>)> {
    solution
        .assignments
        .iter()
        .map(|a| {
            let mut team = a.volunteers.clone();
            team.sort();
            (a.demand.clone(), a.slot.clone(), team)
        })
        .collect()
}

fn met(d: &str, slot: &str, team: &[&str]) -> (String, String, Vec<String>) {
    (d.to_string(), slot.to_string(), team.iter().map(|v| v.to_string()).collect())
}

#[test]
fn each_rule_picks_its_own_team_on_a_tiny_month() {
    let problem = problem_of(&serde_json::from_str(TINY).unwrap(), "tiny");
    // The must demand d2 goes first and takes the nearest (v3); d1 then walks 0.2 + 0.6 km in
    // the afternoon rather than 0.3 + 0.6 in the morning; d3, worth nothing, is served all the
    // same by the nearest member left in the morning.
    let (_, nearest) = common::solve_and_check(&problem, &NearestFirst);
    assert_eq!(teams(&nearest), [met("d1", "pm", &["v2", "v4"]), met("d2", "pm", &["v3"]), met("d3", "am", &["v5"])]);
    // d2 takes the first registered (v1) in the afternoon, which leaves v1 and v2, the first
    // two, free in the morning for d1.
    let (_, first_come) = common::solve_and_check(&problem, &FirstComeFirstServed);
    assert_eq!(
        teams(&first_come),
        [met("d1", "am", &["v1", "v2"]), met("d2", "pm", &["v1"]), met("d3", "am", &["v5"])]
    );
    // The greedy solver prices d3 (no gain) and leaves it.
    let (_, greedy) = common::solve_and_check(&problem, &Greedy);
    assert!(greedy.assignments.iter().all(|a| a.demand != "d3"));
    // A random draw serves what can be served, and repeats itself.
    let (_, random) = common::solve_and_check(&problem, &Random::new(3));
    assert_eq!(random.assignments.len(), 3);
    assert_eq!(random.assignments, common::solve_and_check(&problem, &Random::new(3)).1.assignments);
}

#[test]
fn with_arcs_nearest_first_takes_the_cheapest_arcs() {
    let text = r#"{"format": "civic-match/1",
        "volunteers": [{"id": "v1"}, {"id": "v2"}, {"id": "v3"}],
        "demands": [{"id": "d1", "people": 2}],
        "arcs": [{"demand": "d1", "volunteer": "v1", "cost": 0.5},
                 {"demand": "d1", "volunteer": "v2", "cost": 0.9},
                 {"demand": "d1", "volunteer": "v3", "cost": 0.2}]}"#;
    let problem = problem_of(&serde_json::from_str(text).unwrap(), "arcs");
    let (_, nearest) = common::solve_and_check(&problem, &NearestFirst);
    assert_eq!(teams(&nearest), [met("d1", "month", &["v1", "v3"])]);
    let (_, first_come) = common::solve_and_check(&problem, &FirstComeFirstServed);
    assert_eq!(teams(&first_come), [met("d1", "month", &["v1", "v2"])]);
}

#[test]
fn a_must_demand_a_rule_cannot_place_gives_the_greedy_answer_without_a_plan() {
    // v1 can serve both must demands but only once, and d2 has no one else: the greedy solver's
    // search gives d1 to v2, but both deterministic rules give d1 to v1 (nearest, and first
    // registered) and are left without a team for d2.
    let text = r#"{"format": "civic-match/1", "policy": {"max_km": 1.0, "travel_weight": 1.0},
        "volunteers": [{"id": "v1", "at": [32.0, 112.0], "max_tasks": 1},
                       {"id": "v2", "at": [32.005, 112.0], "max_tasks": 1}],
        "demands": [{"id": "d1", "at": [32.0, 112.0], "must": true, "weight": 5},
                    {"id": "d2", "at": [32.0, 111.99], "must": true, "weight": 5}]}"#;
    let problem = problem_of(&serde_json::from_str(text).unwrap(), "collide");
    assert_eq!(common::solve_and_check(&problem, &Greedy).0.status, Status::Feasible);
    for rule in [&NearestFirst as &dyn Solver, &FirstComeFirstServed] {
        let (result, solution) = common::solve_and_check(&problem, rule);
        assert_eq!(result.status, Status::Unknown, "{}", rule.name());
        assert_eq!(result.bound, Some(simple_bound(&problem)), "{}", rule.name());
        assert_eq!(solution.solver.as_deref(), Some(rule.name()));
    }
}

#[test]
fn the_command_line_runs_each_rule_and_records_the_random_seed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    for (rule, seed) in [("nearest-first", None), ("first-come-first-served", None), ("random", Some(4))] {
        let solved = common::run::civic_match(&[
            "solve",
            "instances/xundian-july.json",
            "--solver",
            rule,
            "--seed",
            "4",
            "--out",
            plan,
        ]);
        assert_eq!(solved.status.code(), Some(0), "{rule}: {}", common::run::text(&solved.stderr));
        let solution: SolutionSpec = serde_json::from_str(&std::fs::read_to_string(plan).unwrap()).unwrap();
        assert_eq!((solution.solver.as_deref(), solution.seed), (Some(rule), seed));
    }
}
