//! The greedy solver: every plan passes the checker, reasons are specific, runs are repeatable.

mod common;

use civic_match::format::Status;
use civic_match::problem::Problem;
use civic_match::solve::Greedy;

#[test]
fn greedy_plans_of_300_random_instances_pass_the_checker() {
    let mut with_plan = 0;
    for seed in 0..300 {
        let problem = common::random_problem(seed, common::SMALL);
        let (result, _) = common::solve_and_check(&problem, &Greedy);
        with_plan += usize::from(matches!(result.status, Status::Feasible | Status::Optimal));
    }
    // `must` demands of random instances can compete for the same volunteers; the greedy
    // finds a plan for nearly all of them.
    assert!(with_plan >= 290, "only {with_plan} of 300 random instances got a plan");
}

#[test]
fn greedy_plans_of_bundled_instances_pass_the_checker() {
    for entry in std::fs::read_dir("instances").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let problem = Problem::load(&path).unwrap();
            let (result, _) = common::solve_and_check(&problem, &Greedy);
            assert!(result.objective.is_some(), "{}: no plan", path.display());
        }
    }
}

#[test]
fn every_unmet_demand_gets_its_specific_reason() {
    let problem = Problem::load("instances/xundian-july.json".as_ref()).unwrap();
    let (_, solution) = common::solve_and_check(&problem, &Greedy);
    let reason = |d: &str| {
        let u = solution.unassigned.iter().find(|u| u.demand == d).unwrap_or_else(|| panic!("{d} was met"));
        (u.code.clone().unwrap(), u.reason.clone())
    };
    assert_eq!(reason("d6"), ("U01".into(), "no volunteer with skill 'tutoring' within 1.25 km".into()));
    assert_eq!(reason("d8"), ("U01".into(), "no volunteer with skill 'legal' within 1.25 km".into()));
    assert_eq!(reason("d4").0, "U02");
    assert!(reason("d4").1.starts_with("needs 2 volunteers; only 1 candidate(s)"));
    assert_eq!(
        reason("d7"),
        ("U04".into(), "needs 400 funds; resources serving community 塘子社区 (c3) hold only 200 in all".into())
    );
    assert_eq!(reason("d5").0, "U05");
    assert!(reason("d5").1.contains("1 out of monthly hours"), "{}", reason("d5").1);
    // The must demand is met first.
    assert!(solution.assignments.iter().any(|a| a.demand == "d1"));
}

#[test]
fn greedy_is_deterministic() {
    let problem = common::random_problem(7, common::Size { demands: 60, volunteers: 30, slots: 6 });
    let (_, first) = common::solve_and_check(&problem, &Greedy);
    let (_, second) = common::solve_and_check(&problem, &Greedy);
    assert_eq!(first.assignments, second.assignments);
}

#[test]
fn a_must_demand_no_team_can_serve_makes_the_instance_infeasible() {
    let text = r#"{"format": "civic-match/1",
        "volunteers": [{"id": "v1", "at": [32.0, 112.0], "max_tasks": 0}],
        "demands": [{"id": "d1", "at": [32.0, 112.0], "must": true}, {"id": "d2", "at": [32.0, 112.0]}]}"#;
    let spec = serde_json::from_str(text).unwrap();
    let problem = Problem::from_spec(&spec, "t").unwrap();
    let (result, solution) = common::solve_and_check(&problem, &Greedy);
    assert_eq!(result.status, Status::Infeasible);
    assert_eq!(solution.bound, None);
    let reason = &solution.unassigned.iter().find(|u| u.demand == "d1").unwrap().reason;
    assert_eq!(reason, "must demand not met: 1 candidate(s) available in its slots, too few with time left for a team of 1: 1 at max_tasks");
}

#[test]
fn colliding_must_demands_are_placed_by_backtracking() {
    // v1 can serve both d1 and d2 but only once; the cheapest choice for d1 (v1, nearer)
    // leaves d2 without a team, so d1 must take v2.
    let text = r#"{"format": "civic-match/1", "policy": {"max_km": 2.0, "travel_weight": 1.0},
        "volunteers": [{"id": "v1", "at": [32.0, 112.0], "max_tasks": 1},
                       {"id": "v2", "at": [32.005, 112.0], "max_tasks": 1}],
        "demands": [{"id": "d1", "at": [32.0, 112.0], "must": true, "weight": 5},
                    {"id": "d2", "at": [32.0, 111.99], "skills": [], "must": true, "weight": 5}],
        "arcs": []}"#;
    let mut spec: civic_match::format::InstanceSpec = serde_json::from_str(text).unwrap();
    // d2 is out of v2's reach: 0.95 km west of v1, v2 is 0.55 km north of v1.
    spec.policy.max_km = Some(1.0);
    let problem = Problem::from_spec(&spec, "t").unwrap();
    assert_eq!(problem.candidates.of(1).volunteers, &[0]);
    let (result, solution) = common::solve_and_check(&problem, &Greedy);
    assert_eq!(result.status, Status::Feasible);
    let team = |d: &str| solution.assignments.iter().find(|a| a.demand == d).unwrap().volunteers.clone();
    assert_eq!((team("d1"), team("d2")), (vec!["v2".to_string()], vec!["v1".to_string()]));
}

#[test]
fn tens_of_thousands_of_must_demands_are_placed_on_a_small_stack() {
    use civic_match::format::{ArcSpec, DemandSpec, InstanceSpec, VolunteerSpec, INSTANCE_FORMAT};
    // Each must demand has one candidate of its own: the search places them all, one frame per
    // demand, which must not need a call stack as deep as the list.
    let n = 30_000;
    let spec = InstanceSpec {
        format: INSTANCE_FORMAT.into(),
        volunteers: (0..n).map(|i| VolunteerSpec { id: format!("v{i}"), ..Default::default() }).collect(),
        demands: (0..n).map(|i| DemandSpec { id: format!("d{i}"), must: Some(true), ..Default::default() }).collect(),
        arcs: (0..n)
            .map(|i| ArcSpec { demand: format!("d{i}"), volunteer: format!("v{i}"), ..Default::default() })
            .collect(),
        ..Default::default()
    };
    let problem = Problem::from_spec(&spec, "many-musts").unwrap();
    let solved = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let (result, _) = common::solve_and_check(&problem, &Greedy);
            result.plan.assignments.len()
        })
        .unwrap()
        .join()
        .expect("greedy ran out of stack");
    assert_eq!(solved, n);
}
