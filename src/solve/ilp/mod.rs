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
//! * a pair is one binary "v serves d"; per-slot hours are first left out (a relaxation, so
//!   its bound holds) and only the volunteers whose slot hours the plan breaks get one binary
//!   per slot in the next solve; a demand with one usable slot has no slot variables; rows
//!   that cannot bind are not written;
//! * every program starts from the heuristic plan (greedy, then a share of the time limit of
//!   ruin and recreate), so a time-out still returns at least it;
//! * x ≤ z for teams tightens the relaxation.

mod backend;
mod model;

pub use backend::Backend;
use model::build;
pub(crate) use model::usable;

use super::components::{components, scarce_resources};
use super::lns::{improve, Stop};
use super::state::{Placed, PlanState};
use super::{greedy_plan, is_proven_optimal, part_bound, plan_objective_of, SolveResult, Solver};
use crate::format::Status;
use crate::model::{Assignment, Plan};
use crate::policy::Team;
use crate::problem::Problem;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Share of the time limit spent improving the start plan before the MIP, and its cap.
const START_SHARE: f64 = 0.2;
const START_SECONDS: f64 = 30.0;

/// Share of the remaining time the first, relaxed round of a component may use; the rest is
/// for re-planning around the slot hours its plan breaks (about a second on a county month).
const FIRST_ROUND_SHARE: f64 = 0.85;

/// Share of the time limit a further round needs: HiGHS checks its clock rarely before its
/// first node, so a round with less overruns the limit without finding anything.
const MIN_ROUND_SHARE: f64 = 0.2;

/// Iterations of the start search per demand: enough to settle, little for small programs.
const START_ITERATIONS_PER_DEMAND: u64 = 100;

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

    fn solve(&self, problem: &Problem) -> SolveResult {
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
        let (greedy, complete) = greedy_plan(problem);
        // A better start lets the MIP prune more and guarantees at least the heuristic's plan.
        let start = if complete {
            let search = Duration::from_secs_f64((self.time_limit.as_secs_f64() * START_SHARE).min(START_SECONDS));
            let iterations = Some(START_ITERATIONS_PER_DEMAND * inst.demands.len() as u64);
            improve(problem, &greedy, self.seed, Stop { iterations, deadline: Some(started + search), progress: None })
                .0
        } else {
            greedy
        };
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
        let status = if is_proven_optimal(objective, bound) { Status::Optimal } else { Status::Feasible };
        let bound = Some(bound.max(objective));
        finish(SolveResult { plan, status, objective: Some(objective), bound, solver: "exact", time: Duration::ZERO })
    }
}

impl Exact {
    /// Solves one component. Per-slot hours are first left out (a smaller relaxation whose
    /// bound is valid); when the plan found breaks them, the volunteers at fault get per-slot
    /// variables and the program is solved again, until a plan keeps them or time runs out.
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
        let mut bound = part_bound(problem, part);
        let mut per_slot = BTreeSet::new();
        let mut best: Option<Vec<Assignment>> = None;
        for round in 0.. {
            let model = build(problem, part, scarce, &per_slot);
            // Later rounds start from the best feasible plan so far.
            let start_values = match &best {
                Some(plan) => model::start_values(problem, &model, &plan.iter().collect::<Vec<_>>()),
                None => model::start_values(problem, &model, start),
            };
            let demands = model.demands.clone();
            let all = model.all.clone();
            // The relaxed first round leaves time to re-plan around the slot hours it breaks.
            let share = if round == 0 { FIRST_ROUND_SHARE } else { 1.0 };
            let seconds = share * deadline.saturating_duration_since(Instant::now()).as_secs_f64();
            let run = backend::run(self.backend, model, start_values.clone(), seconds, self.gap);
            if run.infeasible {
                return PartResult { assignments: None, bound, infeasible: true };
            }
            bound = run.bound.map_or(bound, |b| b.min(bound));
            if best.is_none() && start_complete {
                best = Some(model::read_values(problem, &demands, &all, &start_values));
            }
            let found = run.values.as_deref().map(|values| model::read_values(problem, &demands, &all, values));
            let violators = found.as_deref().map(|f| model::slot_violators(problem, f)).unwrap_or_default();
            // A MIP solver may hand back an incumbent worse than its start (HiGHS can after a
            // restart): the best feasible plan seen is kept.
            let feasible = match found {
                Some(found) if violators.is_empty() => Some(found),
                Some(found) => self.repair(problem, part, scarce, &found, &violators, deadline),
                None => None,
            };
            best = better(problem, part, best, feasible);
            let left = deadline.saturating_duration_since(Instant::now());
            if violators.is_empty() || left.as_secs_f64() < MIN_ROUND_SHARE * self.time_limit.as_secs_f64() {
                break;
            }
            per_slot.extend(violators);
        }
        PartResult { assignments: best, bound, infeasible: false }
    }

    /// A feasible plan near `found`, which breaks the slot hours of `violators`. The
    /// assignments that involve none of them are kept, and the program with every slot's
    /// hours re-plans the rest (the demands the violators served and those left unmet) in the
    /// time left, started from the greedy repair; the better of the two plans
    /// is returned.
    fn repair(
        &self,
        problem: &Problem,
        part: &[usize],
        scarce: &[bool],
        found: &[Assignment],
        violators: &BTreeSet<usize>,
        deadline: Instant,
    ) -> Option<Vec<Assignment>> {
        let inst = &problem.instance;
        let breaks = |a: &Assignment| a.volunteers.iter().any(|&v| violators.contains(&(v as usize)));
        let greedy = repair_greedily(problem, found, &breaks);
        // A `must` demand whose team breaks the rules needs room: its candidates are freed.
        let mut needed = vec![false; inst.volunteers.len()];
        for a in found.iter().filter(|a| inst.demands[a.demand as usize].must && breaks(a)) {
            problem.candidates.of(a.demand as usize).volunteers.iter().for_each(|&v| needed[v as usize] = true);
        }
        let kept: Vec<&Assignment> =
            found.iter().filter(|a| !breaks(a) && a.volunteers.iter().all(|&v| !needed[v as usize])).collect();
        let everyone: BTreeSet<usize> =
            part.iter().flat_map(|&d| problem.candidates.of(d).volunteers.iter().map(|&v| v as usize)).collect();
        let mut model = build(problem, part, scarce, &everyone);
        model::fix(problem, &mut model, &kept);
        let start = match &greedy {
            Some(plan) => model::start_values(problem, &model, &plan.iter().collect::<Vec<_>>()),
            None => model::start_values(problem, &model, &kept),
        };
        let (demands, all) = (model.demands.clone(), model.all.clone());
        let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        let run = backend::run(self.backend, model, start, seconds, self.gap);
        let replanned = run
            .values
            .map(|values| model::read_values(problem, &demands, &all, &values))
            .filter(|plan| model::slot_violators(problem, plan).is_empty());
        better(problem, part, greedy, replanned)
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

/// A feasible plan near `found` (which may break slot hours): its assignments, `must` demands
/// first, those that do not `break` a rule before those that do, then by weight, each kept if
/// its team still has the time, else given the cheapest team that has; supplies as found.
/// `None` if a `must` demand cannot be kept.
fn repair_greedily(
    problem: &Problem,
    found: &[Assignment],
    breaks: &dyn Fn(&Assignment) -> bool,
) -> Option<Vec<Assignment>> {
    let inst = &problem.instance;
    let mut order: Vec<&Assignment> = found.iter().collect();
    order.sort_by(|a, b| {
        let (da, db) = (&inst.demands[a.demand as usize], &inst.demands[b.demand as usize]);
        db.must
            .cmp(&da.must)
            .then(breaks(a).cmp(&breaks(b)))
            .then(db.weight.total_cmp(&da.weight))
            .then(a.demand.cmp(&b.demand))
    });
    let mut state = PlanState::new(problem);
    for a in order {
        let d = a.demand as usize;
        let list = problem.candidates.of(d);
        let members: Vec<usize> = a.volunteers.iter().filter_map(|&v| list.position(v)).collect();
        let fits = members
            .iter()
            .all(|&k| state.capacity.can_take(list.volunteers[k] as usize, a.slot as usize, list.hours(k)));
        let team = if fits {
            let cost = members.iter().map(|&k| list.costs[k]).sum();
            Some(Team { slot: a.slot as usize, members, cost })
        } else {
            state.capacity.cheapest_team(inst, d, list)
        };
        match team {
            Some(Team { slot, members, cost }) => {
                state.commit(d, Placed { slot, members, supplies: a.supplies.clone(), cost });
            }
            None if inst.demands[d].must => return None,
            None => {}
        }
    }
    Some(state.plan().assignments)
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
