//! Small months of every generator profile: the exact solver equals the brute force, the
//! heuristic's plan never beats it and its bound never falls below it, and every plan passes
//! the checker.

mod common;

use civic_match::format::Status;
use civic_match::generate::Profile;
use civic_match::solve::{lagrangian_bound, Exact, Greedy, Heuristic, Solver};
use std::time::Duration;

/// Small months per profile.
const SEEDS: u64 = 12;

#[test]
fn on_small_months_of_every_profile_exact_equals_brute_force_and_bounds_hold() {
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    let mut greedy_short = 0;
    for profile in Profile::ALL {
        let mut compared = 0;
        for seed in 0..SEEDS {
            let problem = common::sample::small_month(profile, seed, 7, 6);
            let name = format!("{} seed {seed}", profile.name());
            let optimum = common::brute_force_optimum(&problem.instance);
            for backend in common::backends() {
                let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
                let (result, _) = common::solve_and_check(&problem, &exact);
                match optimum {
                    None => assert!(
                        matches!(result.status, Status::Infeasible | Status::Unknown),
                        "{name}: {backend:?} found a plan where none exists"
                    ),
                    Some(best) => {
                        assert_eq!(result.status, Status::Optimal, "{name}: {backend:?}");
                        let objective = result.objective.unwrap();
                        assert!((objective - best).abs() <= tol(best), "{name}: {backend:?} {objective} vs {best}");
                    }
                }
            }
            let Some(best) = optimum else { continue };
            compared += 1;
            greedy_short += usize::from(Greedy.solve(&problem).objective.is_none_or(|g| g < best - tol(best)));
            let heuristic = Heuristic::new(Duration::from_secs(10)).with_seed(seed).with_iterations(Some(300));
            let (result, _) = common::solve_and_check(&problem, &heuristic);
            if let Some(objective) = result.objective {
                assert!(objective <= best + tol(best), "{name}: heuristic {objective} beats the optimum {best}");
            }
            assert!(result.bound.unwrap() >= best - tol(best), "{name}: heuristic bound below the optimum {best}");
            for target in [best - 5.0, best, best + 5.0] {
                let bound = lagrangian_bound(&problem, target, 300).expect("small months are in range");
                assert!(bound >= best - tol(best), "{name}, target {target}: bound {bound} < optimum {best}");
            }
        }
        assert!(compared >= SEEDS as usize * 3 / 4, "{}: only {compared} small months had a plan", profile.name());
    }
    // The months must be hard enough for the comparison to mean something.
    assert!(greedy_short >= 20, "the greedy plan was optimal on all but {greedy_short} small months");
}
