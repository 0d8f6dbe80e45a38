//! The exact solver against exhaustive search on tiny instances, and the honesty of every
//! bound it and the greedy solver claim; its program never returns less than the plan it
//! starts from; the plain baseline of the benchmarks (HiGHS only) gives checked plans.

mod common;

use civic_match::format::Status;
use civic_match::generate::Profile;
use civic_match::problem::Problem;
use civic_match::solve::{Exact, Greedy, Heuristic, SolveResult, Solver};
use std::time::Duration;

const TINY: common::Size = common::Size { demands: 8, volunteers: 4, slots: 3 };

#[test]
fn exact_equals_brute_force_on_tiny_random_instances() {
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    let mut proven = 0;
    let mut greedy_short = 0;
    for seed in 0..300 {
        let problem = common::random_problem(1000 + seed, TINY);
        let optimum = common::brute_force_optimum(&problem.instance);
        let (greedy, _) = common::solve_and_check(&problem, &Greedy);
        for backend in common::backends() {
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
    assert!(proven >= 280 * common::backends().len(), "only {proven} instances had a plan to compare");
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

/// The exact solver's program run from a given start plan ([`Exact::improve`]).
struct FromStart<'a> {
    exact: Exact,
    start: &'a SolveResult,
}

impl Solver for FromStart<'_> {
    fn name(&self) -> &'static str {
        "exact"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        self.exact.improve(problem, self.start)
    }
}

#[test]
fn from_the_greedy_plan_every_backend_proves_small_months_of_tight_slots_and_return_day() {
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    let mut compared = 0;
    for profile in [Profile::TightSlots, Profile::ReturnDay] {
        for seed in 0..8 {
            let problem = common::sample::small_month(profile, seed, 7, 6);
            let Some(best) = common::brute_force_optimum(&problem.instance) else { continue };
            let greedy = Greedy.solve(&problem);
            for backend in common::backends() {
                let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
                let (result, _) = common::solve_and_check(&problem, &FromStart { exact, start: &greedy });
                let name = format!("{} seed {seed}, {backend:?}", profile.name());
                assert_eq!(result.status, Status::Optimal, "{name}");
                let objective = result.objective.unwrap();
                assert!((objective - best).abs() <= tol(best), "{name}: {objective} vs optimum {best}");
            }
            compared += 1;
        }
    }
    assert!(compared >= 12, "only {compared} small months had a plan");
}

#[test]
fn the_program_never_returns_less_than_its_start_nor_a_higher_bound() {
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    for (i, profile) in [Profile::TightSlots, Profile::Scarce, Profile::Arcs, Profile::Teams].into_iter().enumerate() {
        let problem = common::sample::small_month(profile, 20 + i as u64, 40, 30);
        let heuristic = Heuristic::new(Duration::from_secs(10)).with_iterations(Some(50));
        for start in [Greedy.solve(&problem), heuristic.solve(&problem)] {
            let Some(before) = start.objective else { continue };
            for backend in common::backends() {
                // From no time at all to some search: never below the start.
                for seconds in [0.001, 0.05, 0.5] {
                    let exact = Exact::new(Duration::from_secs_f64(seconds)).with_backend(backend);
                    let (result, _) = common::solve_and_check(&problem, &FromStart { exact, start: &start });
                    let name = format!("{} from {}, {backend:?}, {seconds} s", profile.name(), start.solver);
                    let objective = result.objective.expect("a start plan is kept");
                    assert!(objective >= before - tol(before), "{name}: {objective} below its start {before}");
                    if let (Some(was), Some(now)) = (start.bound, result.bound) {
                        assert!(now <= was + tol(was), "{name}: bound {now} above the start's {was}");
                    }
                }
            }
        }
        // The whole solver: at least the heuristic's plan in its start share.
        let (exact, _) = common::solve_and_check(&problem, &Exact::new(Duration::from_secs(10)));
        let iterations = 200 * problem.instance.demands.len() as u64;
        let alone = Heuristic::new(Duration::from_secs(2)).with_iterations(Some(iterations));
        let (alone, _) = common::solve_and_check(&problem, &alone);
        let (e, h) = (exact.objective.unwrap(), alone.objective.unwrap());
        assert!(e >= h - tol(h), "{}: exact {e} below the heuristic's {h}", profile.name());
    }
}

#[cfg(feature = "highs")]
#[test]
fn plain_highs_on_the_straightforward_model_gives_checked_plans_and_valid_bounds() {
    use civic_match::solve::{compact_lp_bound, PlainMip};
    let tol = |x: f64| 1e-6 * x.abs().max(1.0);
    let mut proven = 0;
    for seed in 0..60 {
        let problem = common::random_problem(3000 + seed, TINY);
        let optimum = common::brute_force_optimum(&problem.instance);
        let (result, _) = common::solve_and_check(&problem, &PlainMip::new(Duration::from_secs(30)));
        let lp = compact_lp_bound(&problem, Duration::from_secs(30));
        match optimum {
            None => assert!(matches!(result.status, Status::Infeasible | Status::Unknown), "seed {seed}"),
            Some(best) => {
                assert_eq!(result.status, Status::Optimal, "seed {seed}");
                assert!((result.objective.unwrap() - best).abs() <= tol(best), "seed {seed}");
                let lp = lp.expect("the relaxation of a feasible program is solved");
                assert!(lp >= best - tol(best), "seed {seed}: LP bound {lp} below the optimum {best}");
                proven += 1;
            }
        }
    }
    assert!(proven >= 50, "only {proven} instances had a plan");
    // A county month: the plan within a short limit passes the checker, its bound holds.
    let month = civic_match::generate::generate_profile(civic_match::generate::Preset::County, Profile::TightSlots, 1);
    let problem = Problem::from_spec(&month, "county").unwrap();
    let (result, _) = common::solve_and_check(&problem, &PlainMip::new(Duration::from_secs(5)));
    let objective = result.objective.expect("plain HiGHS starts from the greedy plan");
    // A loaded machine may not finish the root in 5 s: then there is no bound to check.
    assert!(result.bound.is_none_or(|bound| bound >= objective), "{:?} below the plan's {objective}", result.bound);
    let lp = compact_lp_bound(&problem, Duration::from_secs(60)).expect("the county LP is solved in a minute");
    assert!(lp >= objective, "LP bound {lp} below the plan's {objective}");
}
