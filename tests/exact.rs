//! The exact solver against exhaustive search on tiny instances, and the honesty of every
//! bound it and the greedy solver claim.

mod common;

use civic_match::format::Status;
use civic_match::solve::{Backend, Exact, Greedy};
use std::time::Duration;

const TINY: common::Size = common::Size { demands: 8, volunteers: 4, slots: 3 };

fn backends() -> Vec<Backend> {
    #[cfg(feature = "highs")]
    return vec![Backend::Microlp, Backend::Highs];
    #[cfg(not(feature = "highs"))]
    vec![Backend::Microlp]
}

#[test]
fn exact_equals_brute_force_on_tiny_random_instances() {
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    let mut proven = 0;
    let mut greedy_short = 0;
    for seed in 0..300 {
        let problem = common::random_problem(1000 + seed, TINY);
        let optimum = common::brute_force_optimum(&problem.instance);
        let (greedy, _) = common::solve_and_check(&problem, &Greedy);
        for backend in backends() {
            let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
            let (result, _) = common::solve_and_check(&problem, &exact);
            match optimum {
                None => assert!(
                    matches!(result.status, Status::Infeasible | Status::Unknown),
                    "seed {seed}: {backend:?} found a plan where none exists"
                ),
                Some(best) => {
                    assert_eq!(result.status, Status::Optimal, "seed {seed}: {backend:?}");
                    let objective = result.objective.unwrap();
                    assert!(
                        (objective - best).abs() <= tol(best),
                        "seed {seed}: {backend:?} {objective} vs optimum {best}"
                    );
                    assert!(result.bound.unwrap() >= best - tol(best), "seed {seed}: bound below the optimum");
                    proven += 1;
                }
            }
        }
        if let Some(best) = optimum {
            if let Some(objective) = greedy.objective {
                assert!(objective <= best + tol(best), "seed {seed}: greedy {objective} beats the optimum {best}");
                greedy_short += usize::from(objective < best - tol(best));
            }
            assert!(greedy.bound.unwrap() >= best - tol(best), "seed {seed}: greedy bound below the optimum {best}");
        }
    }
    assert!(proven >= 280 * backends().len(), "only {proven} instances had a plan to compare");
    // The instances must be hard enough for the comparison to mean something.
    assert!(greedy_short >= 15, "the greedy plan was optimal on all but {greedy_short} instances");
}

#[test]
fn heuristic_plans_pass_the_checker_and_never_beat_the_optimum() {
    use civic_match::solve::Heuristic;
    for seed in 0..100 {
        let problem = common::random_problem(2000 + seed, TINY);
        let optimum = common::brute_force_optimum(&problem.instance);
        let heuristic = Heuristic::new(Duration::from_secs(10)).with_seed(seed).with_iterations(Some(200));
        let (result, _) = common::solve_and_check(&problem, &heuristic);
        if let (Some(best), Some(objective)) = (optimum, result.objective) {
            assert!(
                objective <= best + 1e-6 * best.abs().max(1.0),
                "seed {seed}: {objective} beats the optimum {best}"
            );
            assert!(result.bound.unwrap() >= best - 1e-6 * best.abs().max(1.0));
        }
    }
}
