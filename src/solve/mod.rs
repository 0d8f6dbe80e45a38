//! Solvers: one result type, one trait, and the policies that build plans.

mod bound;
mod greedy;

pub use bound::simple_bound;
pub use greedy::{greedy_plan, Greedy};

use crate::format::Status;
use crate::model::Plan;
use crate::policy::plan_objective;
use crate::problem::Problem;
use std::time::Duration;

/// What every solver returns.
#[derive(Debug, Clone)]
pub struct SolveResult {
    /// The plan (empty when no feasible plan was found).
    pub plan: Plan,
    /// What is known about the plan.
    pub status: Status,
    /// The plan's objective; `None` when there is no feasible plan.
    pub objective: Option<f64>,
    /// A proven upper bound on the optimum, if any.
    pub bound: Option<f64>,
    /// The solver's name.
    pub solver: &'static str,
    /// Wall time of the solve.
    pub time: Duration,
}

/// A policy that turns a [`Problem`] into a plan.
pub trait Solver {
    /// Short name used on the command line and in solution files.
    fn name(&self) -> &'static str;

    /// Solves `problem`.
    fn solve(&self, problem: &Problem) -> SolveResult;
}

/// Tolerance of MODEL.md for calling a plan optimal: bound − objective ≤ 1e-6 × max(1, |objective|).
pub fn is_proven_optimal(objective: f64, bound: f64) -> bool {
    bound - objective <= 1e-6 * objective.abs().max(1.0)
}

/// The result for a plan that meets every `must` demand (`complete`) or not, with its
/// objective and honest status against `bound`.
fn result_of(problem: &Problem, plan: Plan, complete: bool, bound: f64, solver: &'static str) -> SolveResult {
    if !complete {
        let status = Status::Unknown;
        return SolveResult {
            plan: Plan::default(),
            status,
            objective: None,
            bound: Some(bound),
            solver,
            time: Duration::ZERO,
        };
    }
    let objective = plan_objective(&problem.instance, &problem.candidates, &problem.fairness, &plan);
    let status = if is_proven_optimal(objective, bound) { Status::Optimal } else { Status::Feasible };
    SolveResult {
        plan,
        status,
        objective: Some(objective),
        bound: Some(bound.max(objective)),
        solver,
        time: Duration::ZERO,
    }
}
