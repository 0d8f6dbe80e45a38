//! The Lagrangian bound: never below the optimum, whatever plan objective it aims at, and far
//! tighter than the simple bound on a generated month.

mod common;

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
