//! The exact solver: the integer program of MODEL.md, split into independent components
//! solved in parallel, each started from the heuristic solver's plan, with a proven bound.
//!
//! What makes it solve (each step keeps the optimum unchanged):
//! * demands that cannot be met even alone (no usable slot with `people` usable candidates,
//!   a need larger than every eligible resource together) are left out; pairs whose volunteer
//!   can never take the demand (hours, slot hours, `max_tasks` = 0, no common usable slot)
//!   are not variables;
//! * connected components of demands, volunteers, resources that can run short and fairness
//!   regions are independent programs: their optima and bounds add up;
//! * one binary per pair and usable slot, one team row per demand and slot; rows that cannot
//!   bind are not written, and where only k of a volunteer's pairs fit its hours a count row
//!   says so (see [`model`]);
//! * every program starts from the heuristic solver's plan in a share of the time limit, so
//!   a time-out still returns at least it, and its bound is the lower of the programs' and the
//!   heuristic's.

mod backend;
mod model;
#[cfg(feature = "highs")]
mod plain;

pub use backend::Backend;
use model::build;
pub(crate) use model::usable;
#[cfg(feature = "highs")]
pub use plain::{compact_lp_bound, PlainMip};

use super::components::{components, scarce_resources};
use super::{greedy_plan, is_proven_optimal, part_bound, plan_objective_of, Heuristic, SolveResult, Solver};
use crate::format::Status;
use crate::model::{Assignment, Plan};
use crate::problem::Problem;
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Share of the time limit the heuristic solver gets for the start plan: the rest goes to the
/// programs, whose root alone takes HiGHS tens of seconds on a county month.
const START_SHARE: f64 = 0.2;
/// The cap of the start share: beyond it the heuristic gains less than the program does.
const START_SECONDS: f64 = 30.0;

/// Iterations per demand of each of the heuristic's start searches: those of its default run
/// (`solve` without limits), so that the start is the plan a planner gets from that run
/// whenever the start share gives it the time, and small months stop early. (Ending the
/// county starts by the share's time instead, at 1,000 per demand, gave 0.1–0.4 % worse
/// starts at 60 s on `tight-slots`: the heuristic then keeps part of its time for its bound.)
const START_ITERATIONS_PER_DEMAND: u64 = 200;

/// The exact solver.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    /// Seed of the search that improves the start plan.
    pub seed: u64,
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
        Exact { seed: 1, backend: Backend::best(), time_limit, gap: 0.0 }
    }

    /// Sets the relative gap at which to stop.
    pub fn with_gap(mut self, gap: f64) -> Self {
        self.gap = gap;
        self
    }

    /// Sets the seed of the start search.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
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

    /// The heuristic solver's plan in the start share of the limit, then the integer program
    /// from it ([`Exact::improve`]) in the rest.
    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let share = Duration::from_secs_f64((self.time_limit.as_secs_f64() * START_SHARE).min(START_SECONDS));
        let iterations = START_ITERATIONS_PER_DEMAND * problem.instance.demands.len().max(1) as u64;
        let start = Heuristic::new(share).with_seed(self.seed).with_iterations(Some(iterations)).solve(problem);
        let mut result = match start.status {
            // A small month the heuristic already proved (or a `must` demand no team can meet).
            Status::Optimal | Status::Infeasible => start,
            _ => Exact { time_limit: self.time_limit.saturating_sub(started.elapsed()), ..*self }
                .improve(problem, &start),
        };
        result.solver = self.name();
        result.time = started.elapsed();
        result
    }
}

impl Exact {
    /// The integer program of `problem` started from `start` (a plan of any solver, with its
    /// proven bound, if any), within the time limit: never a worse plan than `start`'s, and
    /// a bound no higher than its.
    pub fn improve(&self, problem: &Problem, start: &SolveResult) -> SolveResult {
        let started = Instant::now();
        let deadline = started + self.time_limit;
        let inst = &problem.instance;
        let possible: Vec<bool> = (0..inst.demands.len())
            .map(|d| !usable(problem, d).0.is_empty() && problem.supplies.covers(inst, &inst.demands[d]))
            .collect();
        let finish = |mut result: SolveResult| {
            result.time = started.elapsed();
            result
        };
        if inst.demands.iter().zip(&possible).any(|(d, &ok)| d.must && !ok) {
            return finish(SolveResult::without_plan(Status::Infeasible, None, "exact"));
        }
        // Without a plan of its own, the program starts from the greedy plan (which may miss
        // `must` demands: then the components it leaves incomplete start without a plan).
        let start_plan = match start.objective {
            Some(_) => start.plan.clone(),
            None => greedy_plan(problem).0,
        };
        let scarce = scarce_resources(problem);
        let mut parts = components(problem, &possible);
        // Largest first, so that the longest program starts at once.
        parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let results: Vec<PartResult> = parts
            .par_iter()
            .map(|part| {
                let in_part: Vec<&Assignment> = start_plan
                    .assignments
                    .iter()
                    .filter(|a| part.binary_search(&(a.demand as usize)).is_ok())
                    .collect();
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
        let mip_bound = constant + results.iter().map(|r| r.bound).sum::<f64>();
        let bound = start.bound.map_or(mip_bound, |b| b.min(mip_bound));
        if results.iter().any(|r| r.infeasible) {
            return finish(SolveResult::without_plan(Status::Infeasible, None, "exact"));
        }
        if results.iter().any(|r| r.assignments.is_none()) {
            return finish(SolveResult::without_plan(Status::Unknown, Some(bound), "exact"));
        }
        let mut assignments: Vec<Assignment> =
            results.into_iter().flat_map(|r| r.assignments.unwrap_or_default()).collect();
        assignments.sort_by_key(|a| a.demand);
        supply_plentiful_needs(problem, &scarce, &mut assignments);
        let plan = Plan { assignments };
        let objective = plan_objective_of(problem, &plan);
        // Each component keeps the better of its start and its program's plans; the start's
        // plan as a whole is kept when it is still at least as good (supplies of plentiful
        // needs are re-drawn above, which leaves the objective as it was).
        let (plan, objective) = match start.objective {
            Some(before) if before > objective => (start.plan.clone(), before),
            _ => (plan, objective),
        };
        let status = if is_proven_optimal(objective, bound) { Status::Optimal } else { Status::Feasible };
        let bound = Some(bound.max(objective));
        finish(SolveResult { plan, status, objective: Some(objective), bound, solver: "exact", time: Duration::ZERO })
    }
}

impl Exact {
    /// Solves one component from its part of the start plan, keeping the start when the
    /// program returns nothing better.
    fn solve_part(
        &self,
        problem: &Problem,
        part: &[usize],
        scarce: &[bool],
        start: &[&Assignment],
        deadline: Instant,
    ) -> PartResult {
        let start_complete =
            part.iter().all(|&d| !problem.instance.demands[d].must || start.iter().any(|a| a.demand as usize == d));
        let model = build(problem, part, scarce);
        let start_values = model::start_values(problem, &model, start);
        let (demands, all) = (model.demands.clone(), model.all.clone());
        let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        let run = backend::run(self.backend, model, start_values.clone(), seconds, self.gap);
        let bound = run.bound.map_or(part_bound(problem, part), |b| b.min(part_bound(problem, part)));
        if run.infeasible {
            return PartResult { assignments: None, bound, infeasible: true };
        }
        let kept = start_complete.then(|| model::read_values(problem, &demands, &all, &start_values));
        // A MIP solver may hand back an incumbent worse than its start (HiGHS can after a
        // restart): the better of the two is kept.
        let found = run.values.map(|values| model::read_values(problem, &demands, &all, &values));
        PartResult { assignments: better(problem, part, kept, found), bound, infeasible: false }
    }
}

/// The better of two optional plans of component `part` (the first on a tie).
fn better(
    problem: &Problem,
    part: &[usize],
    a: Option<Vec<Assignment>>,
    b: Option<Vec<Assignment>>,
) -> Option<Vec<Assignment>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            Some(if part_objective(problem, part, &b) > part_objective(problem, part, &a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// The objective terms of one component's assignments: Σ weight − Σ cost of its demands and
/// the fairness penalty of its regions (a component holds every demand of a penalised region).
fn part_objective(problem: &Problem, part: &[usize], assignments: &[Assignment]) -> f64 {
    let fair = &problem.fairness;
    let mut met = vec![0.0; fair.total.len()];
    let mut touched = vec![false; fair.total.len()];
    part.iter().filter_map(|&d| fair.group_of[d]).for_each(|g| touched[g as usize] = true);
    let mut value = 0.0;
    for a in assignments {
        let d = a.demand as usize;
        let list = problem.candidates.of(d);
        value += problem.instance.demands[d].weight;
        for v in &a.volunteers {
            value -= list.position(*v).map_or(0.0, |k| list.costs[k]);
        }
        if let Some(g) = fair.group_of[d] {
            met[g as usize] += problem.instance.demands[d].weight;
        }
    }
    let short: f64 = (0..met.len()).filter(|&g| touched[g]).map(|g| (fair.target[g] - met[g]).max(0.0)).sum();
    value - fair.penalty * short
}

/// Supplies the needs that have no variables: each from the resources that cannot run short
/// (there is always enough there, by definition).
fn supply_plentiful_needs(problem: &Problem, scarce: &[bool], assignments: &mut [Assignment]) {
    let inst = &problem.instance;
    let mut left = inst.resource_amounts();
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
