//! The exact solver: the integer program of MODEL.md, split into independent components
//! solved in parallel, each started from the greedy plan, with a proven bound.
//!
//! What makes it solve (each step keeps the optimum unchanged):
//! * demands that cannot be met even alone (no usable slot with `people` usable candidates,
//!   a need larger than every eligible resource together) are left out; pairs whose volunteer
//!   can never take the demand (hours, slot hours, `max_tasks` = 0, no common usable slot)
//!   are not variables;
//! * connected components of demands, volunteers, resources that can run short and fairness
//!   regions are independent programs: their optima and bounds add up;
//! * a pair is one binary "v serves d" unless its volunteer's per-slot hours can bind; a
//!   demand with one usable slot has no slot variables; rows that cannot bind are not written;
//! * every program starts from the greedy plan, so a time-out still returns at least it;
//! * x ≤ z for teams and people·y ≤ Σ usable members tighten the relaxation.

mod backend;
mod model;

pub use backend::Backend;
use model::{build, usable};

use super::components::{components, scarce_resources};
use super::{greedy_plan, is_proven_optimal, part_bound, plan_objective_of, SolveResult, Solver};
use crate::format::Status;
use crate::model::{Assignment, Plan};
use crate::problem::Problem;
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// The exact solver.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    /// MIP backend.
    pub backend: Backend,
    /// Wall-time limit for the whole solve.
    pub time_limit: Duration,
    /// Relative gap at which a component's search may stop (0 for a proof of optimality).
    pub gap: f64,
}

impl Exact {
    /// The exact solver with the best compiled-in backend, a time limit and gap 0.
    pub fn new(time_limit: Duration) -> Self {
        Exact { backend: Backend::best(), time_limit, gap: 0.0 }
    }

    /// Sets the relative gap at which to stop.
    pub fn with_gap(mut self, gap: f64) -> Self {
        self.gap = gap;
        self
    }

    /// Sets the backend.
    pub fn with_backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }
}

/// What solving one component gave.
struct PartResult {
    assignments: Option<Vec<Assignment>>,
    bound: f64,
    infeasible: bool,
}

impl Solver for Exact {
    fn name(&self) -> &'static str {
        "exact"
    }

    fn solve(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let deadline = started + self.time_limit;
        let inst = &problem.instance;
        let full: Vec<f64> = inst.resources.iter().map(|r| r.amount).collect();
        let possible: Vec<bool> = (0..inst.demands.len())
            .map(|d| {
                let demand = &inst.demands[d];
                !usable(problem, d).0.is_empty()
                    && demand
                        .needs
                        .iter()
                        .all(|n| problem.supplies.available(inst, demand, n, &full) + 1e-9 >= n.amount)
            })
            .collect();
        let finish = |mut result: SolveResult| {
            result.time = started.elapsed();
            result
        };
        if inst.demands.iter().zip(&possible).any(|(d, &ok)| d.must && !ok) {
            let plan = Plan::default();
            let result = SolveResult {
                plan,
                status: Status::Infeasible,
                objective: None,
                bound: None,
                solver: "exact",
                time: Duration::ZERO,
            };
            return finish(result);
        }
        let (start, _) = greedy_plan(problem);
        let scarce = scarce_resources(problem);
        let mut parts = components(problem, &possible);
        // Largest first, so that the longest program starts at once.
        parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let results: Vec<PartResult> = parts
            .par_iter()
            .map(|part| {
                let in_part: Vec<&Assignment> =
                    start.assignments.iter().filter(|a| part.binary_search(&(a.demand as usize)).is_ok()).collect();
                self.solve_part(problem, part, &scarce, &in_part, deadline)
            })
            .collect();

        // Fairness regions none of whose demands can be met pay their whole target.
        let fair = &problem.fairness;
        let mut reachable = vec![false; fair.total.len()];
        (0..inst.demands.len()).filter(|&d| possible[d]).for_each(|d| {
            if let Some(g) = fair.group_of[d] {
                reachable[g as usize] = true;
            }
        });
        let constant: f64 =
            (0..fair.total.len()).filter(|&g| !reachable[g]).map(|g| -fair.penalty * fair.target[g]).sum();
        let bound = constant + results.iter().map(|r| r.bound).sum::<f64>();
        if results.iter().any(|r| r.infeasible) {
            let result = SolveResult {
                plan: Plan::default(),
                status: Status::Infeasible,
                objective: None,
                bound: None,
                solver: "exact",
                time: Duration::ZERO,
            };
            return finish(result);
        }
        if results.iter().any(|r| r.assignments.is_none()) {
            let result = SolveResult {
                plan: Plan::default(),
                status: Status::Unknown,
                objective: None,
                bound: Some(bound),
                solver: "exact",
                time: Duration::ZERO,
            };
            return finish(result);
        }
        let mut assignments: Vec<Assignment> =
            results.into_iter().flat_map(|r| r.assignments.unwrap_or_default()).collect();
        assignments.sort_by_key(|a| a.demand);
        supply_plentiful_needs(problem, &scarce, &mut assignments);
        let plan = Plan { assignments };
        let objective = plan_objective_of(problem, &plan);
        let status = if is_proven_optimal(objective, bound) { Status::Optimal } else { Status::Feasible };
        let bound = Some(bound.max(objective));
        finish(SolveResult { plan, status, objective: Some(objective), bound, solver: "exact", time: Duration::ZERO })
    }
}

impl Exact {
    fn solve_part(
        &self,
        problem: &Problem,
        part: &[usize],
        scarce: &[bool],
        start: &[&Assignment],
        deadline: Instant,
    ) -> PartResult {
        let model = build(problem, part, scarce);
        let start_values = model::start_values(problem, &model, start);
        let demands = model.demands.clone();
        let all = model.all.clone();
        let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        let run = backend::run(self.backend, model, start_values.clone(), seconds, self.gap);
        let simple = part_bound(problem, part);
        if run.infeasible {
            return PartResult { assignments: None, bound: simple, infeasible: true };
        }
        let position: std::collections::HashMap<good_lp::Variable, usize> =
            all.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let read = |values: &[f64]| model::read_plan(problem, &demands, |v| values[position[&v]]);
        let start_complete =
            part.iter().all(|&d| !problem.instance.demands[d].must || start.iter().any(|a| a.demand as usize == d));
        let assignments = match &run.values {
            Some(values) => Some(read(values)),
            None if start_complete => Some(read(&start_values)),
            None => None,
        };
        let bound = run.bound.map_or(simple, |b| b.min(simple));
        PartResult { assignments, bound, infeasible: false }
    }
}

/// Supplies the needs that have no variables: each from the resources that cannot run short
/// (there is always enough there, by definition).
fn supply_plentiful_needs(problem: &Problem, scarce: &[bool], assignments: &mut [Assignment]) {
    let inst = &problem.instance;
    let mut left: Vec<f64> = inst.resources.iter().map(|r| r.amount).collect();
    for a in assignments.iter() {
        a.supplies.iter().for_each(|s| left[s.resource as usize] -= s.amount);
    }
    for a in assignments.iter_mut() {
        let demand = &inst.demands[a.demand as usize];
        for (n, need) in demand.needs.iter().enumerate() {
            let modelled =
                need.amount > 0.0 && super::components::need_is_scarce(problem, scarce, a.demand as usize, n);
            if modelled {
                continue;
            }
            let drawn = problem
                .supplies
                .draw_need(inst, demand, need, &left, |r| !scarce[r as usize])
                .expect("resources that cannot run short cover every need they serve");
            drawn.iter().for_each(|s| left[s.resource as usize] -= s.amount);
            a.supplies.extend(drawn);
        }
    }
}
