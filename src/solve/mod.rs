//! Solvers: one result type, one trait, and the policies that build plans.

mod blocks;
mod bound;
mod components;
mod greedy;
mod hand;
mod heuristic;
mod ilp;
mod lagrange;
mod lns;
mod progress;
mod reassign;
mod small;
mod state;
mod stop;

pub use blocks::Blocks;
pub use bound::{part_bound, simple_bound};
pub use components::{components, scarce_resources};
pub use greedy::{greedy_plan, Greedy};
pub use hand::{FirstComeFirstServed, NearestFirst, Random};
pub use heuristic::Heuristic;
#[cfg(feature = "highs")]
pub use ilp::{compact_lp_bound, PlainMip};
pub use ilp::{Backend, Exact};
pub use lagrange::{lagrangian_bound, Lagrangian};
pub use lns::{improve, improve_priced, search, Scope, SearchStats, Shared, VolunteerPrices};
pub use progress::Progress;
pub use small::provable;
pub use state::{Placed, PlanState};
pub use stop::Stop;

use crate::format::Status;
use crate::model::Plan;
use crate::policy::{capacity_policy, plan_objective};
use crate::problem::{Pinned, Problem};
use std::time::{Duration, Instant};

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

impl SolveResult {
    /// A result without a plan (`infeasible` or `unknown`).
    pub fn without_plan(status: Status, bound: Option<f64>, solver: &'static str) -> Self {
        SolveResult { plan: Plan::default(), status, objective: None, bound, solver, time: Duration::ZERO }
    }
}

/// A policy that turns a [`Problem`] into a plan.
pub trait Solver {
    /// Short name used on the command line and in solution files.
    fn name(&self) -> &'static str;

    /// Solves a problem without pins: what each solver implements.
    fn solve_unpinned(&self, problem: &Problem) -> SolveResult;

    /// Solves `problem`, keeping its pins (rule 8): the solver searches the residual month the
    /// pins leave, and its plan gets the pins back; objective and bound gain what the pins hold.
    fn solve(&self, problem: &Problem) -> SolveResult {
        match &problem.pinned {
            None => self.solve_unpinned(problem),
            Some(pinned) => with_pins(problem, pinned, self.solve_unpinned(&pinned.residual)),
        }
    }
}

/// The result of the month from `residual`, the result of its residual month.
fn with_pins(problem: &Problem, pinned: &Pinned, residual: SolveResult) -> SolveResult {
    let bound = residual.bound.map(|b| b + pinned.completion.constant);
    if residual.objective.is_none() {
        return SolveResult { bound, ..residual };
    }
    let plan = pinned.completion.complete(&residual.plan);
    let objective = plan_objective_of(problem, &plan);
    let status = match bound {
        Some(b) if is_proven_optimal(objective, b) => Status::Optimal,
        _ => Status::Feasible,
    };
    SolveResult { plan, status, objective: Some(objective), bound: bound.map(|b| b.max(objective)), ..residual }
}

/// Tolerance of MODEL.md for calling a plan optimal: bound − objective ≤ 1e-6 × max(1, |objective|).
pub fn is_proven_optimal(objective: f64, bound: f64) -> bool {
    bound - objective <= 1e-6 * objective.abs().max(1.0)
}

/// The result for a complete plan (every `must` demand met): its objective and an honest
/// status against `bound`.
fn result_of(problem: &Problem, plan: Plan, bound: f64, solver: &'static str) -> SolveResult {
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

/// The result of a plan built in one pass from `started` (`complete` when it meets every
/// `must` demand), against the cheap bound: what a constructive solver reports.
fn built_result(problem: &Problem, plan: Plan, complete: bool, solver: &'static str, started: Instant) -> SolveResult {
    let bound = simple_bound(problem);
    let mut result = if complete { result_of(problem, plan, bound, solver) } else { no_plan(problem, bound, solver) };
    result.time = started.elapsed();
    result
}

/// The result when no plan meeting every `must` demand was found: `infeasible` when one of
/// them cannot be met even alone (then no plan exists and there is no bound), else `unknown`.
fn no_plan(problem: &Problem, bound: f64, solver: &'static str) -> SolveResult {
    let (status, bound) = match must_alone_impossible(problem) {
        Some(_) => (Status::Infeasible, None),
        None => (Status::Unknown, Some(bound)),
    };
    SolveResult::without_plan(status, bound, solver)
}

/// A `must` demand that no team can serve even with every volunteer free, if any: a proof
/// that the instance has no feasible plan.
pub fn must_alone_impossible(problem: &Problem) -> Option<usize> {
    let inst = &problem.instance;
    let fresh = capacity_policy(inst);
    let full = inst.resource_amounts();
    (0..inst.demands.len()).find(|&d| {
        inst.demands[d].must
            && (fresh.cheapest_team(inst, d, problem.candidates.of(d)).is_none()
                || problem.supplies.draw(inst, &inst.demands[d], &full).is_err())
    })
}

/// The objective of `plan` under `problem`'s candidates and fairness.
pub fn plan_objective_of(problem: &Problem, plan: &Plan) -> f64 {
    plan_objective(&problem.instance, &problem.candidates, &problem.fairness, plan)
}
