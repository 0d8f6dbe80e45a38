//! The allocation rules communities use by hand, as solvers: nearest first (就近派单), first
//! come first served (先到先得) and a random draw. They are the practice the optimiser is
//! measured against, so they keep every rule of a feasible plan (the same team search and
//! supply draw as every solver) but none of the objective: a demand is served whenever a team
//! and supplies exist, whatever it adds, as a planner dispatching by hand does not price it.
//!
//! Each rule is an order of the demands (`must` demands first) and a key per candidate; a
//! demand gets the team of its free, eligible candidates with the least total key, in the slot
//! where that total is least (ties: the earlier slot, then the cheaper candidates). A rule that
//! cannot place a `must` demand gives no plan, as the greedy solver does when it cannot.

use super::state::PlanState;
use super::{built_result, SolveResult, Solver};
use crate::candidates::walking_km;
use crate::model::Plan;
use crate::problem::Problem;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// 就近派单: demands in the order listed, each served by the members who walk least to it.
///
/// The key of a candidate is its haversine km to the demand (as volunteer-km counts it in the
/// summary), or its cost c'(d, v) when the month's pairs are arcs or a location is missing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NearestFirst;

impl Solver for NearestFirst {
    fn name(&self) -> &'static str {
        "nearest-first"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let inst = &problem.instance;
        dispatch(problem, self.name(), &listed_order(problem), |d| {
            let list = problem.candidates.of(d);
            (0..list.len()).map(|k| walking_km(inst, d, list.volunteers[k] as usize).unwrap_or(list.costs[k])).collect()
        })
    }
}

/// 先到先得: demands in the order listed, each served by the members who registered first.
///
/// The key of a candidate is its position in the roster (the volunteer index), so a slot's
/// team is its first-registered free members and the slot chosen is the one whose team's
/// roster positions sum least.
#[derive(Debug, Clone, Copy, Default)]
pub struct FirstComeFirstServed;

impl Solver for FirstComeFirstServed {
    fn name(&self) -> &'static str {
        "first-come-first-served"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        dispatch(problem, self.name(), &listed_order(problem), |d| {
            problem.candidates.of(d).volunteers.iter().map(|&v| f64::from(v)).collect()
        })
    }
}

/// A random draw: the `must` demands in a random order, then the others in a random order,
/// each served by a random feasible team (a uniform key in [0, 1) per candidate, drawn anew for
/// every demand). The same seed gives the same plan.
#[derive(Debug, Clone, Copy)]
pub struct Random {
    seed: u64,
}

impl Random {
    /// The rule drawing from a ChaCha8 stream seeded by `seed`.
    pub fn new(seed: u64) -> Self {
        Random { seed }
    }
}

impl Solver for Random {
    fn name(&self) -> &'static str {
        "random"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let (mut musts, mut others) = must_first(problem);
        musts.shuffle(&mut rng);
        others.shuffle(&mut rng);
        let order = [musts, others].concat();
        dispatch(problem, self.name(), &order, |d| (0..problem.candidates.of(d).len()).map(|_| rng.random()).collect())
    }
}

/// The `must` demands and the others, each in list order.
fn must_first(problem: &Problem) -> (Vec<usize>, Vec<usize>) {
    (0..problem.instance.demands.len()).partition(|&d| problem.instance.demands[d].must)
}

/// Every demand, the `must` ones first, each group in list order.
fn listed_order(problem: &Problem) -> Vec<usize> {
    let (musts, others) = must_first(problem);
    [musts, others].concat()
}

/// Serves the demands of `order` one by one, each with the team of least total `keys(d)` (one
/// key per position of its candidate list) and its supplies, whenever both exist. `order` lists
/// the `must` demands first, so that one the rule cannot place ends the dispatch without a plan.
///
/// # Complexity
/// Per demand, one pass over its candidates and their shared slots.
fn dispatch(
    problem: &Problem,
    solver: &'static str,
    order: &[usize],
    mut keys: impl FnMut(usize) -> Vec<f64>,
) -> SolveResult {
    let started = Instant::now();
    let mut state = PlanState::new(problem);
    for &d in order {
        let key = keys(d);
        match state.placement_by(d, &|k| key[k]) {
            Some(placed) => state.commit(d, placed),
            None if problem.instance.demands[d].must => {
                return built_result(problem, Plan::default(), false, solver, started)
            }
            None => {}
        }
    }
    built_result(problem, state.plan(), true, solver, started)
}
