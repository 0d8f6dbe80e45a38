//! Rule 4b, `policy.max_tasks_per_slot` (the worked example of docs/EXTENDING.md): read and
//! validated from the file, kept by the greedy and heuristic plans (through the checker),
//! judged by the checker, never beaten against the brute force, named in reasons, and its rows
//! enumerated as an integer program or a Lagrangian relaxation reads them.

mod common;

use civic_match::check::{check, Rule};
use civic_match::format::{gap_to_spec, validate, GapSense, InstanceSpec, SchemaKind, SolutionSpec, Status};
use civic_match::model::Plan;
use civic_match::policy::{capacity_families, slot_tasks_family, Amount, SLOT_TASKS};
use civic_match::problem::Problem;
use civic_match::solve::{greedy_plan, Exact, Greedy, Heuristic, Solver};
use common::run::{civic_match, text};
use serde_json::json;
use std::time::Duration;

/// A random instance of `size` with `policy.max_tasks_per_slot` set to `limit`; `only`:
/// without the volunteers' hours and `max_tasks` and the slots' hours, so that rule 4b is the
/// cap that binds.
fn limited(seed: u64, size: common::Size, limit: Option<u32>, only: bool) -> Problem {
    let mut spec = common::random_spec(seed, size);
    spec.policy.max_tasks_per_slot = limit.map(f64::from);
    if only {
        spec.volunteers.iter_mut().for_each(|v| (v.hours, v.max_tasks) = (None, None));
        spec.slots.iter_mut().flatten().for_each(|s| s.hours = None);
    }
    Problem::from_spec(&spec, "limited").expect("a random instance with a task limit per slot is valid")
}

/// The most assignments one volunteer has in one slot of `plan`.
fn most_in_one_slot(problem: &Problem, plan: &Plan) -> usize {
    let slots = problem.instance.slots.len();
    let mut count = vec![0; problem.instance.volunteers.len() * slots];
    for a in &plan.assignments {
        for &v in &a.volunteers {
            count[v as usize * slots + a.slot as usize] += 1;
        }
    }
    count.into_iter().max().unwrap_or(0)
}

fn tolerance(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

#[test]
fn greedy_and_heuristic_plans_keep_the_limit_where_it_binds() {
    let size = common::Size { demands: 20, volunteers: 6, slots: 3 };
    let mut binding = 0;
    for seed in 0..80 {
        let limit = [1, 2, 0][seed as usize % 3];
        let problem = limited(seed, size, Some(limit), false);
        let heuristic = Heuristic::new(Duration::from_secs(60)).with_seed(seed).with_iterations(Some(300));
        for solver in [&Greedy as &dyn Solver, &heuristic] {
            // The checker passes every plan, rule 4b included.
            let (result, _) = common::solve_and_check(&problem, solver);
            assert!(most_in_one_slot(&problem, &result.plan) <= limit as usize, "seed {seed}: {}", solver.name());
        }
        let free = limited(seed, size, None, false);
        binding += usize::from(most_in_one_slot(&free, &greedy_plan(&free).0) > limit as usize);
    }
    // Without the limit, plans give a volunteer more tasks in one slot than it allows.
    assert!(binding >= 40, "the limit bound only {binding} of 80 instances");
}

/// Two demands of one hour that only v1 can serve, both allowed in slot s1 only, with at most
/// one task per volunteer and slot.
fn two_in_one_slot() -> InstanceSpec {
    serde_json::from_value(json!({
        "format": "civic-match/1",
        "slots": [{"id": "s1", "hours": 4.0}, {"id": "s2", "hours": 4.0}],
        "volunteers": [{"id": "v1", "at": [32.0, 112.0]}, {"id": "v2", "at": [32.0, 112.0], "slots": ["s2"]}],
        "demands": [{"id": "d1", "at": [32.0, 112.0], "slots": ["s1"], "weight": 3.0},
                    {"id": "d2", "at": [32.0, 112.0], "weight": 2.0, "slots": ["s1"]}],
        "policy": {"max_km": 1.0, "max_tasks_per_slot": 1}
    }))
    .unwrap()
}

fn solution(assignments: serde_json::Value) -> SolutionSpec {
    serde_json::from_value(json!({"format": "civic-match-solution/1", "instance": "two", "status": "feasible",
        "objective": 5.0, "bound": null, "assignments": assignments}))
    .unwrap()
}

#[test]
fn the_checker_rejects_two_tasks_in_one_slot_naming_rule_4b_the_volunteer_and_the_slot() {
    let problem = Problem::from_spec(&two_in_one_slot(), "two").unwrap();
    let both = json!([{"demand": "d1", "slot": "s1", "volunteers": ["v1"]},
                      {"demand": "d2", "slot": "s1", "volunteers": ["v1"]}]);
    let report = check(&problem.instance, &problem.names, &solution(both));
    let rules: Vec<Rule> = report.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::SlotTasks], "{report}");
    assert!(!report.is_feasible());
    let violation = report.violations[0].to_string();
    for words in ["rule 4b", "\"v1\"", "\"s1\"", "max_tasks_per_slot 1", "\"d1\", \"d2\""] {
        assert!(violation.contains(words), "{words} not in {violation}");
    }
    assert_eq!(Rule::SlotTasks.number(), Some("4b"));
    // The same plan without the limit breaks nothing.
    let mut free = two_in_one_slot();
    free.policy.max_tasks_per_slot = None;
    let free = Problem::from_spec(&free, "two").unwrap();
    let both = json!([{"demand": "d1", "slot": "s1", "volunteers": ["v1"]},
                      {"demand": "d2", "slot": "s1", "volunteers": ["v1"]}]);
    let report = check(&free.instance, &free.names, &solution(both));
    assert!(report.is_ok(), "{report}");
}

#[test]
fn an_unmet_demand_blocked_only_by_the_limit_gets_its_reason() {
    let problem = Problem::from_spec(&two_in_one_slot(), "two").unwrap();
    let (result, solution) = common::solve_and_check(&problem, &Greedy);
    assert_eq!(result.plan.assignments.len(), 1);
    assert_eq!(solution.assignments[0].demand, "d1", "the heavier demand is met");
    let unmet = &solution.unassigned[0];
    assert_eq!((unmet.demand.as_str(), unmet.code.as_deref()), ("d2", Some("U05")));
    assert_eq!(
        unmet.reason,
        format!(
            "1 candidate(s) available in its slots, too few with time left for a team of 1: 1 {}",
            SLOT_TASKS.shortage
        )
    );
    assert_eq!(SLOT_TASKS.shortage, "at max_tasks_per_slot");
}

#[test]
fn validation_rejects_a_negative_or_fractional_limit_at_its_path() {
    for (value, shown) in [(-1.0, "-1"), (1.5, "1.5")] {
        let mut spec = two_in_one_slot();
        spec.policy.max_tasks_per_slot = Some(value);
        let issues = validate(&spec);
        assert_eq!(issues.len(), 1, "{issues:?}");
        let issue = &issues[0];
        assert_eq!((issue.code, issue.path.as_str()), ("E1404", "policy.max_tasks_per_slot"));
        assert!(issue.message.contains(shown) && issue.message.contains("whole number >= 0"), "{issue}");
        // The command says so too, and the schema refuses the value.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("month.json");
        std::fs::write(&file, serde_json::to_string(&spec).unwrap()).unwrap();
        let out = civic_match(&["validate", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(stderr.contains("E1404 policy.max_tasks_per_slot: is ") && stderr.contains(shown), "{stderr}");
        let json = serde_json::to_value(&spec).unwrap();
        assert!(!common::schema::schema_errors(SchemaKind::Instance, &json).is_empty(), "schema accepted {value}");
    }
    for value in [0.0, 2.0] {
        let mut spec = two_in_one_slot();
        spec.policy.max_tasks_per_slot = Some(value);
        assert!(validate(&spec).is_empty());
        common::schema::assert_conforms(SchemaKind::Instance, &serde_json::to_value(&spec).unwrap(), "a whole limit");
    }
}

#[test]
fn the_heuristic_never_beats_the_brute_force_optimum_under_the_limit() {
    let tiny = common::Size { demands: 9, volunteers: 4, slots: 2 };
    let (mut compared, mut lower) = (0, 0);
    for seed in 0..80 {
        let only = seed % 2 == 0;
        let problem = limited(3000 + seed, tiny, Some(1), only);
        let optimum = common::brute_force_optimum(&problem.instance);
        let heuristic = Heuristic::new(Duration::from_secs(10)).with_seed(seed).with_iterations(Some(200));
        let (result, _) = common::solve_and_check(&problem, &heuristic);
        let (greedy, _) = common::solve_and_check(&problem, &Greedy);
        let Some(best) = optimum else {
            assert!(result.objective.is_none() && greedy.objective.is_none(), "seed {seed}: a plan where none exists");
            continue;
        };
        for (name, objective) in [("heuristic", result.objective), ("greedy", greedy.objective)] {
            if let Some(objective) = objective {
                assert!(
                    objective <= best + tolerance(best),
                    "seed {seed}: {name} {objective} beats the optimum {best}"
                );
            }
        }
        assert!(result.bound.unwrap() >= best - tolerance(best), "seed {seed}: bound below the optimum {best}");
        compared += 1;
        // The brute force honours the limit: on some instances it costs value.
        let free = limited(3000 + seed, tiny, None, only);
        lower += usize::from(common::brute_force_optimum(&free.instance).is_some_and(|f| f > best + tolerance(best)));
    }
    assert!(compared >= 60, "only {compared} instances had a plan");
    assert!(lower >= 8, "the limit lowered the optimum of only {lower} instances");
}

#[test]
fn the_exact_solver_equals_the_brute_force_under_the_limit() {
    let tiny = common::Size { demands: 8, volunteers: 4, slots: 2 };
    let backends = common::backends();
    let mut compared = 0;
    for seed in 0..60 {
        let problem = limited(4000 + seed, tiny, Some(1), seed % 2 == 0);
        let Some(best) = common::brute_force_optimum(&problem.instance) else { continue };
        for &backend in &backends {
            let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
            let (start, _) = common::solve_and_check(&problem, &Greedy);
            let result = exact.improve(&problem, &start);
            let objective = result.objective.expect("a plan exists");
            assert!((objective - best).abs() <= tolerance(best), "seed {seed}: {backend:?} {objective} vs {best}");
            assert!(most_in_one_slot(&problem, &result.plan) <= 1, "seed {seed}: {backend:?} breaks the limit");
            assert_eq!(result.status, Status::Optimal, "seed {seed}: {backend:?}");
        }
        let (result, _) = common::solve_and_check(&problem, &Exact::new(Duration::from_secs(30)));
        assert_eq!(result.status, Status::Optimal, "seed {seed}");
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} instances had a plan");
}

#[test]
fn the_member_search_of_generalised_assignment_problems_keeps_the_limit() {
    // Every demand `must` in the one slot of the month: the search over who serves moves work
    // through plans that break the caps, rule 4b's among them.
    let (mut solved, mut reached) = (0, 0);
    for seed in 0..40 {
        let gap = common::gap::tiny_type_d(seed, 2, 1);
        let mut spec = gap_to_spec(&gap, GapSense::Min, "tiny");
        spec.policy.max_tasks_per_slot = Some(3.0);
        let problem = Problem::from_spec(&spec, "tiny").unwrap();
        let optimum = common::brute_force_optimum(&problem.instance);
        let heuristic = Heuristic::new(Duration::from_secs(60)).with_seed(seed).with_iterations(Some(1000));
        let on = |threads: usize| common::solve_and_check_on(threads, &problem, &heuristic);
        let ((result, file), (_, other)) = (on(1), on(2));
        assert_eq!(file.assignments, other.assignments, "seed {seed}: 1 and 2 threads differ");
        match (optimum, result.objective) {
            (None, objective) => assert!(objective.is_none(), "seed {seed}: a plan where none exists"),
            (Some(best), Some(objective)) => {
                assert!(objective <= best + tolerance(best), "seed {seed}: {objective} beats the optimum {best}");
                assert!(most_in_one_slot(&problem, &result.plan) <= 3);
                solved += 1;
                reached += usize::from(objective >= best - tolerance(best));
            }
            (Some(_), None) => assert_eq!(result.status, Status::Unknown),
        }
    }
    assert!(solved >= 20, "only {solved} problems had a plan");
    assert!(reached * 10 >= solved * 8, "only {reached} of {solved} plans reached the optimum");
}

#[test]
fn the_rows_of_every_family_hold_the_plans_the_checker_accepts() {
    // What an integer program would write: per family, Σ amount over the uses of a row ≤ cap.
    let size = common::Size { demands: 20, volunteers: 6, slots: 3 };
    for seed in 0..30 {
        let problem = limited(seed, size, Some(1), seed % 2 == 0);
        let inst = &problem.instance;
        let plan = greedy_plan(&problem).0;
        let families = capacity_families(inst);
        assert!(families.iter().any(|f| f.name() == SLOT_TASKS), "seed {seed}: rule 4b can bind");
        for family in &families {
            let mut total = vec![0.0; family.row_count()];
            for a in &plan.assignments {
                let list = problem.candidates.of(a.demand as usize);
                for &v in &a.volunteers {
                    let hours = list.hours(list.position(v).unwrap());
                    let (row, amount) = family.use_of(v as usize, a.slot as usize, hours);
                    total[row] += amount;
                }
            }
            for row in family.rows() {
                assert!(total[row.row] <= row.cap + tolerance(row.cap), "seed {seed}: {:?} row {row:?}", family.name());
            }
        }
    }
    // Rule 4b's family: one row per volunteer and slot, each a count capped by the limit.
    let problem = Problem::from_spec(&two_in_one_slot(), "two").unwrap();
    let family = slot_tasks_family(&problem.instance);
    assert_eq!(family.amount(), Amount::Tasks);
    assert_eq!(family.rows().count(), 2 * 2);
    assert!(family.rows().all(|r| r.cap == 1.0));
    let (row, amount) = family.use_of(0, 0, 1.0);
    assert_eq!((row, amount, family.cap(row)), (0, 1.0, 1.0));
    assert_ne!(family.use_of(0, 1, 1.0).0, row, "another slot is another row");
    // Without the limit it cannot bind, and the bookkeeping leaves it out.
    let mut free = two_in_one_slot();
    free.policy.max_tasks_per_slot = None;
    let free = Problem::from_spec(&free, "two").unwrap();
    assert!(!slot_tasks_family(&free.instance).can_bind());
    assert!(capacity_families(&free.instance).iter().all(|f| f.name() != SLOT_TASKS));
}
