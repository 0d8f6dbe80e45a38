//! The Lagrangian bound: never below the optimum, whatever plan objective it aims at, and far
//! tighter than the simple bound on a generated month.

mod common;

use civic_match::format::InstanceSpec;
use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::solve::{lagrangian_bound, simple_bound, Greedy, Heuristic};
use std::time::Duration;

const TINY: common::Size = common::Size { demands: 8, volunteers: 5, slots: 3 };

#[test]
fn the_bound_is_never_below_a_brute_force_optimum() {
    let mut tighter = 0;
    for seed in 0..300 {
        let problem = common::random_problem(5000 + seed, TINY);
        let Some(optimum) = common::brute_force_optimum(&problem.instance) else { continue };
        let tolerance = 1e-6 * optimum.abs().max(1.0);
        // Aiming low, at the optimum and high must all stay valid.
        for target in [optimum - 5.0, optimum, optimum + 5.0] {
            let bound = lagrangian_bound(&problem, target, 200).expect("tiny months are in range");
            assert!(bound >= optimum - tolerance, "seed {seed}, target {target}: bound {bound} < optimum {optimum}");
        }
        if lagrangian_bound(&problem, optimum, 200).unwrap() < simple_bound(&problem) - tolerance {
            tighter += 1;
        }
    }
    assert!(tighter > 0, "the prices never tightened the simple bound");
}

#[test]
fn on_a_county_month_the_bound_is_far_tighter_than_the_simple_one() {
    let problem = Problem::from_spec(&generate(Preset::County, 1), "county-1").unwrap();
    let (plan, _) =
        common::solve_and_check(&problem, &Heuristic::new(Duration::from_secs(60)).with_iterations(Some(2000)));
    let objective = plan.objective.unwrap();
    let greedy = common::solve_and_check(&problem, &Greedy).0.objective.unwrap();
    let simple = simple_bound(&problem);
    let bound = lagrangian_bound(&problem, objective, 300).unwrap();
    assert!(bound >= objective, "{bound} < the plan's {objective}");
    // The simple bound leaves a gap of ~20 % to the plan; the priced one closes most of it.
    assert!(simple - bound > 0.7 * (simple - objective), "simple {simple}, priced {bound}, plan {objective}");
    assert!(greedy <= objective);
}

/// One volunteer with a morning of `morning` hours and 8 hours in the month; `demands` demands
/// of 2 hours, each worth 1, that only it can meet, all in the morning.
fn one_morning(demands: usize, morning: f64, max_tasks_per_slot: Option<u32>) -> Problem {
    let demands: Vec<_> = (0..demands)
        .map(|d| serde_json::json!({"id": format!("d{d}"), "hours": 2.0, "slots": ["am"], "at": [25.0, 103.0]}))
        .collect();
    let mut spec = serde_json::json!({
        "format": "civic-match/1",
        "slots": [{"id": "am", "hours": morning}, {"id": "pm", "hours": 4.0}],
        "volunteers": [{"id": "v1", "hours": 8.0, "slots": ["am", "pm"], "at": [25.0, 103.0]}],
        "demands": demands,
        "policy": {}
    });
    if let Some(n) = max_tasks_per_slot {
        spec["policy"]["max_tasks_per_slot"] = n.into();
    }
    let spec: InstanceSpec = serde_json::from_value(spec).unwrap();
    Problem::from_spec(&spec, "one-morning").unwrap()
}

#[test]
fn per_slot_hours_are_priced_down_to_the_one_task_a_slot_holds() {
    // The month's hours hold four tasks and the slot's 1.5 fractionally: only the count the
    // slot's hours imply (one task of 2 hours in 3) brings the bound to the optimum, 1.
    for demands in [2, 3, 5] {
        let problem = one_morning(demands, 3.0, None);
        let optimum = common::brute_force_optimum(&problem.instance).unwrap();
        assert!((optimum - 1.0).abs() < 1e-9, "{demands} demands: optimum {optimum}");
        let bound = lagrangian_bound(&problem, optimum, 300).unwrap();
        assert!(bound >= optimum - 1e-9, "{demands} demands: bound {bound} below the optimum");
        assert!(bound <= 1.02, "{demands} demands: bound {bound}, the slot holds one task");
    }
}

#[test]
fn a_task_limit_per_slot_is_priced_too() {
    // With 2 hours a task, a slot of 4 hours holds two; at most one a slot, the optimum is 1.
    let problem = one_morning(3, 4.0, Some(1));
    let optimum = common::brute_force_optimum(&problem.instance).unwrap();
    assert!((optimum - 1.0).abs() < 1e-9, "optimum {optimum}");
    let bound = lagrangian_bound(&problem, optimum, 300).unwrap();
    assert!((optimum - 1e-9..=1.02).contains(&bound), "bound {bound}, the limit lets one task in");
}
