//! Solve-and-check: every plan a test obtains goes through the independent checker.

use civic_match::check::check;
use civic_match::format::{SchemaKind, SolutionSpec, Status};
use civic_match::problem::Problem;
use civic_match::report::solution_spec;
use civic_match::solve::{SolveResult, Solver};

/// Solves `problem` with `solver`, writes the solution file in memory and checks it: it must
/// conform to the solution schema, a plan must pass every rule and its claims must hold; a
/// result without a plan must say so.
pub fn solve_and_check(problem: &Problem, solver: &dyn Solver) -> (SolveResult, SolutionSpec) {
    let result = solver.solve(problem);
    let solution = solution_spec(problem, &result);
    let json = serde_json::to_value(&solution).expect("a solution serialises");
    super::schema::assert_conforms(SchemaKind::Solution, &json, &problem.names.instance);
    let report = check(&problem.instance, &problem.names, &solution);
    match result.status {
        Status::Optimal | Status::Feasible => assert!(report.is_ok(), "{}: {report}", problem.names.instance),
        Status::Unknown | Status::Infeasible => {
            assert!(result.objective.is_none() && solution.assignments.is_empty());
            assert!(problem.instance.demands.iter().any(|d| d.must), "no plan although nothing is a must");
        }
    }
    if let (Some(objective), Some(bound)) = (result.objective, result.bound) {
        assert!(bound >= objective - 1e-6 * objective.abs().max(1.0), "bound {bound} < objective {objective}");
    }
    let unassigned = problem.instance.demands.len() - solution.assignments.len();
    assert_eq!(solution.unassigned.len(), unassigned, "every unmet demand has a reason");
    (result, solution)
}

/// [`solve_and_check`] on a pool of `threads` worker threads.
pub fn solve_and_check_on(
    threads: usize,
    problem: &Problem,
    solver: &(dyn Solver + Sync),
) -> (SolveResult, SolutionSpec) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| solve_and_check(problem, solver))
}
