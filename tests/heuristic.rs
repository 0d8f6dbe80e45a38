//! The heuristic solver on generated months: feasible, better than greedy, repeatable.

mod common;

use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::solve::{Greedy, Heuristic};
use std::time::Duration;

#[test]
fn heuristic_improves_on_greedy_and_is_repeatable_by_iterations() {
    let problem = Problem::from_spec(&generate(Preset::County, 2), "county-2").unwrap();
    let (greedy, _) = common::solve_and_check(&problem, &Greedy);
    let heuristic = Heuristic::new(Duration::from_secs(600)).with_seed(5).with_iterations(Some(3000));
    let (first, first_file) = common::solve_and_check(&problem, &heuristic);
    let (_, second_file) = common::solve_and_check(&problem, &heuristic);
    assert_eq!(first_file.assignments, second_file.assignments, "same seed and iterations, same plan");
    let (g, h) = (greedy.objective.unwrap(), first.objective.unwrap());
    assert!(h > g * 1.03, "search gained too little: greedy {g}, heuristic {h}");
}

#[test]
fn one_and_four_threads_give_the_same_plan_by_iterations() {
    let problem = Problem::from_spec(&generate(Preset::County, 3), "county-3").unwrap();
    let heuristic = Heuristic::new(Duration::from_secs(600)).with_seed(11).with_iterations(Some(1500));
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| common::solve_and_check(&problem, &heuristic).1.assignments)
    };
    assert_eq!(on(1), on(4));
}

#[test]
fn progress_counts_every_iteration_and_its_best_is_the_plan_without_changing_it() {
    let problem = Problem::from_spec(&generate(Preset::County, 4), "county-4").unwrap();
    let heuristic = Heuristic::new(Duration::from_secs(600)).with_seed(3).with_iterations(Some(1000));
    let progress = std::sync::Arc::new(civic_match::solve::Progress::new());
    let (watched, watched_file) = common::solve_and_check(&problem, &heuristic.clone().with_progress(progress.clone()));
    let (_, plain_file) = common::solve_and_check(&problem, &heuristic);
    assert_eq!(watched_file.assignments, plain_file.assignments, "reporting progress changed the plan");
    assert_eq!(progress.iterations(), 1000 * Heuristic::SEARCHES);
    let best = progress.best().expect("the searches offered their objectives");
    assert!(
        (best - watched.objective.unwrap()).abs() <= 1e-6 * best.abs().max(1.0),
        "{best} vs {:?}",
        watched.objective
    );
}
