//! The history policies: ageing raises a carried demand's weight, cumulative fairness counts a
//! region's past, members' balance rewards hours of those who have not served, continuity
//! rewards a series' last volunteers. Hand-computed months, random months against exhaustive
//! search, the checker's own recomputation, and validation of the new fields.

mod common;

use civic_match::check::{check, Rule};
use civic_match::format::{validate, InstanceSpec, SolutionSpec, Status};
use civic_match::problem::Problem;
use civic_match::solve::{lagrangian_bound, Exact, Greedy, Heuristic, SolveResult};
use serde_json::{json, Value};
use std::time::Duration;

fn tol(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

fn spec_of(value: Value) -> InstanceSpec {
    serde_json::from_value(value).expect("a well-formed instance")
}

fn problem_of(value: Value) -> Problem {
    Problem::from_spec(&spec_of(value), "hand").expect("a valid instance")
}

/// Solves `problem` exactly (every backend), checks the plan and returns the demands met
/// (sorted) with the objective the checker recomputed; all backends must agree.
fn solve_exactly(problem: &Problem) -> (Vec<String>, f64) {
    let mut outcome: Option<(Vec<String>, f64)> = None;
    for backend in common::backends() {
        let (result, solution) =
            common::solve_and_check(problem, &Exact::new(Duration::from_secs(30)).with_backend(backend));
        assert_eq!(result.status, Status::Optimal, "{backend:?}");
        let report = check(&problem.instance, &problem.names, &solution);
        let mut met: Vec<String> = solution.assignments.iter().map(|a| a.demand.clone()).collect();
        met.sort();
        if let Some((first, value)) = &outcome {
            assert_eq!(first, &met, "{backend:?}");
            assert!((value - report.objective).abs() <= tol(*value), "{backend:?}");
        }
        outcome = Some((met, report.objective));
    }
    outcome.expect("at least one backend")
}

/// One volunteer with time for one task; a fresh demand of weight 3 and a carried one of weight
/// 2 that has waited 3 months.
fn ageing_month(aging: Option<Value>) -> Value {
    let mut value = json!({
        "format": "civic-match/1",
        "volunteers": [{"id": "v1", "hours": 1.0}],
        "demands": [{"id": "fresh", "weight": 3.0}, {"id": "carried", "weight": 2.0, "age": 3}],
        "arcs": [{"demand": "fresh", "volunteer": "v1"}, {"demand": "carried", "volunteer": "v1"}]
    });
    if let Some(aging) = aging {
        value["policy"] = json!({ "aging": aging });
    }
    value
}

#[test]
fn ageing_lets_a_carried_demand_overtake_a_fresher_heavier_one() {
    // Without ageing the fresh demand (3) beats the carried one (2).
    assert_eq!(solve_exactly(&problem_of(ageing_month(None))), (vec!["fresh".to_string()], 3.0));
    // 2 × min(2, 1 + 0.25 × 3) = 3.5 > 3.
    let aged = problem_of(ageing_month(Some(json!({"per_month": 0.25, "cap": 2.0}))));
    assert_eq!(aged.instance.demands[1].weight, 3.5);
    let (met, objective) = solve_exactly(&aged);
    assert_eq!(met, ["carried"]);
    assert!((objective - 3.5).abs() <= 1e-9, "{objective}");
    // The cap binds: 2 × min(1.25, 1.75) = 2.5 < 3.
    let capped = problem_of(ageing_month(Some(json!({"per_month": 0.25, "cap": 1.25}))));
    let (met, objective) = solve_exactly(&capped);
    assert_eq!(met, ["fresh"]);
    assert!((objective - 3.0).abs() <= 1e-9, "{objective}");
}

/// Two communities with one demand each and one volunteer with time for one of them; c2 was
/// met poorly over the window (2 of 10), c1 well (8 of 10).
fn fairness_month(cumulative: Option<bool>) -> Value {
    let mut fairness = json!({"level": "community", "min_coverage": 0.5, "penalty": 1.0});
    if let Some(c) = cumulative {
        fairness["cumulative"] = json!(c);
    }
    json!({
        "format": "civic-match/1",
        "regions": [{"id": "s", "parent": null, "level": "street"},
                    {"id": "c1", "parent": "s", "level": "community"},
                    {"id": "c2", "parent": "s", "level": "community"}],
        "volunteers": [{"id": "v1", "hours": 1.0}],
        "demands": [{"id": "d1", "region": "c1", "weight": 2.2}, {"id": "d2", "region": "c2", "weight": 2.0}],
        "arcs": [{"demand": "d1", "volunteer": "v1"}, {"demand": "d2", "volunteer": "v1"}],
        "policy": {"fairness": fairness},
        "history": {"regions": [{"region": "c1", "offered": 10.0, "met": 8.0},
                                {"region": "c2", "offered": 10.0, "met": 2.0}]}
    })
}

#[test]
fn cumulative_fairness_sends_the_volunteer_where_the_past_fell_short() {
    // This month alone: d1 gives 2.2 − 1 × (0.5 × 2 − 0) = 1.2, d2 gives 2 − (0.5 × 2.2) = 0.9.
    for flag in [None, Some(false)] {
        let (met, objective) = solve_exactly(&problem_of(fairness_month(flag)));
        assert_eq!(met, ["d1"], "{flag:?}");
        assert!((objective - 1.2).abs() <= 1e-9, "{flag:?}: {objective}");
    }
    // With the past: d1 leaves c2 short by 0.5 × (10 + 2) − 2 = 4 (objective −1.8); d2 leaves c2
    // short by 6 − 4 = 2 and c1 none (0.5 × 12.2 = 6.1 < 8), objective 2 − 2 = 0.
    let problem = problem_of(fairness_month(Some(true)));
    let (met, objective) = solve_exactly(&problem);
    assert_eq!(met, ["d2"]);
    assert!(objective.abs() <= 1e-9, "{objective}");
    // The checker's terms of the other plan are the hand-computed ones too.
    let other = solution(&problem, &["d1"], -1.8);
    let report = check(&problem.instance, &problem.names, &other);
    assert!(report.is_ok(), "{report}");
    assert!((report.terms.weight - 2.2).abs() <= 1e-9 && (report.terms.fairness - 4.0).abs() <= 1e-9, "{report}");
}

/// A feasible solution assigning `demands` to v1 in the slot `month`, claiming `objective`.
fn solution(problem: &Problem, demands: &[&str], objective: f64) -> SolutionSpec {
    let assignments =
        demands.iter().map(|d| json!({"demand": d, "slot": "month", "volunteers": ["v1"]})).collect::<Vec<_>>();
    serde_json::from_value(json!({
        "format": "civic-match-solution/1", "instance": problem.names.instance, "status": "feasible",
        "objective": objective, "bound": null, "assignments": assignments
    }))
    .unwrap()
}

/// MODEL.md's example: a 2-hour visit of series `visit-zhang`; v1 gave 8 hours this year and
/// made the visit last month, v2 gave none. One task each.
fn visit_month(policy: Value) -> Value {
    json!({
        "format": "civic-match/1",
        "volunteers": [{"id": "v1", "max_tasks": 1}, {"id": "v2", "max_tasks": 1}],
        "demands": [{"id": "visit", "hours": 2.0, "series": "visit-zhang"}],
        "arcs": [{"demand": "visit", "volunteer": "v1"}, {"demand": "visit", "volunteer": "v2"}],
        "policy": policy,
        "history": {"volunteers": [{"volunteer": "v1", "hours": 8.0}],
                    "series": [{"series": "visit-zhang", "month": "2026-08", "volunteers": ["v1"]}]}
    })
}

/// The volunteers of the exact plan's one assignment and the checker's objective terms.
fn visit_plan(problem: &Problem) -> (Vec<String>, f64, f64) {
    let (_, solution) = common::solve_and_check(problem, &Exact::new(Duration::from_secs(30)));
    let report = check(&problem.instance, &problem.names, &solution);
    assert!(report.is_ok(), "{report}");
    (solution.assignments[0].volunteers.clone(), report.terms.reward, report.objective)
}

#[test]
fn balance_and_continuity_decide_who_serves_as_computed_by_hand() {
    // Continuity 0.3: v1 is worth 0.1 × 2 × (1 − 8/10) + 0.3 = 0.34, v2 0.1 × 2 × 1 = 0.2.
    let policy = json!({"balance": {"target": 10.0, "per_hour": 0.1}, "continuity": {"bonus": 0.3}});
    let (team, reward, objective) = visit_plan(&problem_of(visit_month(policy)));
    assert_eq!(team, ["v1"]);
    assert!((reward - 0.34).abs() <= 1e-9 && (objective - 1.34).abs() <= 1e-9, "{reward} {objective}");
    // Continuity 0.1: v1 is worth 0.14, v2 keeps 0.2.
    let policy = json!({"balance": {"target": 10.0, "per_hour": 0.1}, "continuity": {"bonus": 0.1}});
    let (team, reward, objective) = visit_plan(&problem_of(visit_month(policy)));
    assert_eq!(team, ["v2"]);
    assert!((reward - 0.2).abs() <= 1e-9 && (objective - 1.2).abs() <= 1e-9, "{reward} {objective}");
    // Past the target a member earns nothing: with target 8, v1's balance part is 0.
    let policy = json!({"balance": {"target": 8.0, "per_hour": 0.1}, "continuity": {"bonus": 0.15}});
    let (team, reward, _) = visit_plan(&problem_of(visit_month(policy)));
    assert_eq!((team, (reward * 1e9).round() / 1e9), (vec!["v2".to_string()], 0.2));
    // Without the policies the history fields change nothing: both cost 0, the tie goes either way
    // and the reward is 0.
    let (_, reward, objective) = visit_plan(&problem_of(visit_month(json!({}))));
    assert_eq!((reward, objective), (0.0, 1.0));
}

#[test]
fn the_checker_recomputes_the_rewards_of_a_plan_it_did_not_make() {
    let problem =
        problem_of(visit_month(json!({"balance": {"target": 10.0, "per_hour": 0.1}, "continuity": {"bonus": 0.3}})));
    let plan = |volunteer: &str, objective: f64| -> SolutionSpec {
        serde_json::from_value(json!({
            "format": "civic-match-solution/1", "instance": problem.names.instance, "status": "feasible",
            "objective": objective, "bound": null,
            "assignments": [{"demand": "visit", "slot": "month", "volunteers": [volunteer]}]
        }))
        .unwrap()
    };
    assert!(check(&problem.instance, &problem.names, &plan("v2", 1.2)).is_ok());
    // A claim that leaves the rewards out is refuted.
    let report = check(&problem.instance, &problem.names, &plan("v2", 1.0));
    assert!(report.is_feasible() && !report.is_ok(), "{report}");
    let messages: Vec<&str> = report.violations_of(Rule::Objective).map(|v| v.message.as_str()).collect();
    assert_eq!(messages, ["the solution claims objective 1, the plan's objective is 1.2"]);
    // A bound from the month without rewards (1) is below the plan and refuted.
    let mut bounded = plan("v2", 1.2);
    bounded.bound = Some(1.0);
    assert_eq!(check(&problem.instance, &problem.names, &bounded).violations_of(Rule::Bound).count(), 1);
    assert!(check(&problem.instance, &problem.names, &plan("v1", 1.34)).is_ok());
}

#[test]
fn the_checker_rejects_an_objective_that_ignores_ageing() {
    let problem = problem_of(ageing_month(Some(json!({"per_month": 0.25, "cap": 2.0}))));
    let ignoring = solution(&problem, &["carried"], 2.0);
    let report = check(&problem.instance, &problem.names, &ignoring);
    assert!(report.is_feasible() && !report.is_ok(), "{report}");
    let messages: Vec<&str> = report.violations_of(Rule::Objective).map(|v| v.message.as_str()).collect();
    assert_eq!(messages, ["the solution claims objective 2, the plan's objective is 3.5"]);
    let honest = solution(&problem, &["carried"], 3.5);
    assert!(check(&problem.instance, &problem.names, &honest).is_ok());
    // Status optimal with a bound at the un-aged optimum is refuted as well.
    let mut optimal = honest.clone();
    optimal.status = Status::Optimal;
    optimal.bound = Some(3.0);
    let report = check(&problem.instance, &problem.names, &optimal);
    assert_eq!(report.violations_of(Rule::Bound).count(), 1, "{report}");
}

const TINY: common::Size = common::Size { demands: 8, volunteers: 4, slots: 3 };

#[test]
fn random_months_with_history_match_exhaustive_search() {
    let (mut proven, mut aged, mut owed, mut rewarded) = (0, 0, 0, 0);
    for seed in 0..200 {
        let spec = common::random_spec_with_history(7000 + seed, TINY);
        let problem = Problem::from_spec(&spec, "random").expect("random instances are valid");
        let inst = &problem.instance;
        aged += usize::from(inst.demands.iter().any(|d| d.weight > d.listed_weight));
        let fairness = inst.policy.fairness.as_ref().unwrap();
        owed += usize::from(fairness.cumulative && fairness.past.iter().any(|&[o, m]| o > m));
        let kept = inst.demands.iter().any(|d| !d.kept.is_empty());
        let below = inst.volunteers.iter().any(|v| v.past_hours < inst.policy.balance.unwrap().target);
        rewarded += usize::from(kept && below);
        let optimum = common::brute_force_optimum(inst);
        let (greedy, _) = common::solve_and_check(&problem, &Greedy);
        let mut results: Vec<SolveResult> = Vec::new();
        for backend in common::backends() {
            results
                .push(common::solve_and_check(&problem, &Exact::new(Duration::from_secs(30)).with_backend(backend)).0);
        }
        let heuristic = Heuristic::new(Duration::from_secs(10)).with_seed(seed).with_iterations(Some(200));
        let (heuristic, _) = common::solve_and_check(&problem, &heuristic);
        let Some(best) = optimum else {
            assert!(results.iter().all(|r| matches!(r.status, Status::Infeasible | Status::Unknown)), "seed {seed}");
            continue;
        };
        for exact in &results {
            assert_eq!(
                exact.status,
                Status::Optimal,
                "seed {seed}: {:?} {:?} best {best}",
                exact.objective,
                exact.bound
            );
            let objective = exact.objective.unwrap();
            assert!((objective - best).abs() <= tol(best), "seed {seed}: exact {objective} vs optimum {best}");
            proven += 1;
        }
        for (name, result) in [("greedy", &greedy), ("heuristic", &heuristic)] {
            if let Some(objective) = result.objective {
                assert!(objective <= best + tol(best), "seed {seed}: {name} {objective} beats the optimum {best}");
            }
            assert!(result.bound.unwrap() >= best - tol(best), "seed {seed}: {name} bound below the optimum {best}");
        }
        if let Some(bound) = lagrangian_bound(&problem, best, 50) {
            assert!(bound >= best - tol(best), "seed {seed}: Lagrangian bound {bound} below the optimum {best}");
        }
    }
    assert!(proven >= 180 * common::backends().len(), "only {proven} instances had a plan to compare");
    assert!(
        aged >= 150 && owed >= 150 && rewarded >= 150,
        "too few months exercise the policies: {aged} aged, {owed} owed, {rewarded} with rewards"
    );
}

#[test]
fn random_specs_keep_their_instances_without_history() {
    for seed in 0..20 {
        let plain = common::random_spec(7000 + seed, TINY);
        let mut with = common::random_spec_with_history(7000 + seed, TINY);
        assert!(with.history.is_some() && with.policy.aging.is_some());
        with.history = None;
        with.policy.aging = None;
        with.policy.balance = None;
        with.policy.continuity = None;
        with.demands.iter_mut().for_each(|d| (d.age, d.series) = (None, None));
        let fairness = with.policy.fairness.as_mut().unwrap();
        fairness.cumulative = None;
        if plain.policy.fairness.is_none() {
            with.policy.fairness = None;
        }
        assert_eq!(plain, with, "seed {seed}");
    }
}

fn codes_at(value: Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> =
        validate(&spec_of(value)).into_iter().map(|i| (i.code.to_string(), i.path)).collect();
    found.sort();
    found
}

fn pair(code: &str, path: &str) -> (String, String) {
    (code.to_string(), path.to_string())
}

#[test]
fn bad_policy_fields_are_named_at_their_paths() {
    let with_aging = |aging: Value| {
        let mut value = ageing_month(None);
        value["policy"] = json!({ "aging": aging });
        value
    };
    assert_eq!(codes_at(with_aging(json!({"per_month": -0.5, "cap": 2.0}))), [pair("E1402", "policy.aging.per_month")]);
    assert_eq!(codes_at(with_aging(json!({"per_month": 0.5, "cap": 0.5}))), [pair("E1409", "policy.aging.cap")]);
    // NaN cannot be written in JSON; a spec built in code can hold it.
    let mut spec = spec_of(with_aging(json!({"per_month": 0.5, "cap": 2.0})));
    spec.policy.aging.as_mut().unwrap().per_month = f64::NAN;
    spec.policy.aging.as_mut().unwrap().cap = f64::INFINITY;
    let mut found: Vec<(String, String)> = validate(&spec).into_iter().map(|i| (i.code.to_string(), i.path)).collect();
    found.sort();
    assert_eq!(found, [pair("E1401", "policy.aging.cap"), pair("E1401", "policy.aging.per_month")]);
    assert!(codes_at(with_aging(json!({"per_month": 0.0, "cap": 1.0}))).is_empty());
    let with_policy = |policy: Value| {
        let mut value = ageing_month(None);
        value["policy"] = policy;
        value
    };
    assert_eq!(
        codes_at(with_policy(json!({"balance": {"target": 0.0, "per_hour": -1.0}, "continuity": {"bonus": -0.5}}))),
        [
            pair("E1402", "policy.balance.per_hour"),
            pair("E1402", "policy.continuity.bonus"),
            pair("E1410", "policy.balance.target")
        ]
    );
    assert_eq!(
        codes_at(with_policy(json!({"balance": {"target": -3.0, "per_hour": 0.0}}))),
        [pair("E1410", "policy.balance.target")]
    );
    assert!(codes_at(with_policy(json!({"balance": {"target": 0.5, "per_hour": 0.0}, "continuity": {"bonus": 0.0}})))
        .is_empty());
    let mut spec =
        spec_of(with_policy(json!({"balance": {"target": 5.0, "per_hour": 0.1}, "continuity": {"bonus": 0.1}})));
    spec.policy.balance.as_mut().unwrap().target = f64::NAN;
    spec.policy.continuity.as_mut().unwrap().bonus = f64::INFINITY;
    let mut found: Vec<(String, String)> = validate(&spec).into_iter().map(|i| (i.code.to_string(), i.path)).collect();
    found.sort();
    assert_eq!(found, [pair("E1401", "policy.balance.target"), pair("E1401", "policy.continuity.bonus")]);
    // `cumulative` alone is no fairness policy.
    let mut value = ageing_month(None);
    value["policy"] = json!({"fairness": {"cumulative": true}});
    assert_eq!(
        codes_at(value),
        [
            pair("E1504", "policy.fairness.level"),
            pair("E1504", "policy.fairness.min_coverage"),
            pair("E1504", "policy.fairness.penalty")
        ]
    );
}

#[test]
fn instances_with_history_policies_conform_to_the_printed_schema() {
    use civic_match::format::SchemaKind;
    for seed in 0..10 {
        let spec = common::random_spec_with_history(7000 + seed, TINY);
        let value = serde_json::to_value(&spec).unwrap();
        assert_eq!(value["policy"]["fairness"]["cumulative"], json!(true));
        common::schema::assert_conforms(SchemaKind::Instance, &value, &format!("seed {seed}"));
    }
    let mut bad = ageing_month(None);
    bad["policy"] = json!({"aging": {"per_month": 0.5, "cap": 0.5}});
    assert!(!common::schema::schema_errors(SchemaKind::Instance, &bad).is_empty(), "cap < 1 passes the schema");
}

#[test]
fn the_command_line_solves_and_checks_with_ageing_and_rejects_a_bad_cap() {
    use common::run::{civic_match_in, text};
    let dir = tempfile::tempdir().unwrap();
    let aged = ageing_month(Some(json!({"per_month": 0.25, "cap": 2.0})));
    std::fs::write(dir.path().join("aged.json"), aged.to_string()).unwrap();
    let out = civic_match_in(&["solve", "aged.json", "--solver", "exact", "--out", "aged.solution.json"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let solution: SolutionSpec =
        serde_json::from_slice(&std::fs::read(dir.path().join("aged.solution.json")).unwrap()).unwrap();
    assert_eq!((solution.status, solution.objective), (Status::Optimal, Some(3.5)));
    assert_eq!(solution.assignments[0].demand, "carried");
    let out = civic_match_in(&["check", "aged.json", "aged.solution.json"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stdout));
    let mut bad = aged;
    bad["policy"]["aging"]["cap"] = json!(0.5);
    std::fs::write(dir.path().join("bad.json"), bad.to_string()).unwrap();
    let out = civic_match_in(&["solve", "bad.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("policy.aging.cap") && stderr.contains("E1409"), "{stderr}");
}
