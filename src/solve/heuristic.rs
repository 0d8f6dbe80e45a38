//! The heuristic solver: the greedy plan improved by independent ruin-and-recreate searches
//! (one per core of a two-core machine) until a time or iteration limit, followed, when every
//! demand must be met, by a tabu search over who serves; with the Lagrangian bound of
//! [`super::Lagrangian`] (or the cheap [`super::simple_bound`] on months out of its range),
//! whose prices also steer the searches' choice of teams.

use super::blocks::Blocks;
use super::lagrange::Lagrangian;
use super::lns::{Shared, Stop};
use super::progress::Progress;
use super::reassign::reassign;
use super::{
    greedy_plan, must_alone_impossible, no_plan, plan_objective_of, result_of, simple_bound, SolveResult, Solver,
};
use crate::model::Plan;
use crate::problem::Problem;
use rayon::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The seed of search `index` of a solve seeded with `seed` (SplitMix64 of both).
pub(super) fn task_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed.wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Greedy construction, then large neighbourhood search.
#[derive(Debug, Clone)]
pub struct Heuristic {
    /// Seed of the search.
    pub seed: u64,
    /// Wall-time limit.
    pub time_limit: Duration,
    /// Iteration limit; when set, the result depends only on the seed.
    pub iterations: Option<u64>,
    /// Where the searches report iterations and their best objective.
    pub progress: Option<Arc<Progress>>,
}

/// Share of the search time given to the search over team members when every demand must be
/// met (generalised assignment problems).
const MEMBER_SHARE: f64 = 0.9;

/// Under an iteration limit, the member search runs this many times fewer iterations than ruin
/// and recreate (which keeps its whole limit, so that it can meet every `must` demand): one of
/// its iterations evaluates a few thousand moves.
const MEMBER_ITERATION_COST: u64 = 8;

/// Fewest demands for which a month with a region tree is searched in blocks side by side;
/// smaller months keep independent searches, whose best plan is taken.
const SPLIT_DEMANDS: usize = 20_000;

/// Steps of the bound aimed at the plan of ruin and recreate before the member search, which
/// weighs its moves at the bound's prices.
const MEMBER_PRICE_STEPS: usize = 200;

/// Most subgradient steps of the Lagrangian bound.
const BOUND_STEPS: usize = 1000;

/// Candidate pairs read by the bound's steps before the search (a county month: all
/// `BOUND_STEPS` steps; a city month of 45 million pairs: 44 steps, about 5 s on two cores).
const PRICE_PAIR_READS: usize = 2_000_000_000;

/// Under an iteration limit, the bound's steps after the search per step before it (a city
/// month: 220 steps in all, which its bound needs to come within 5 % of its plan).
const AFTER_STEPS: usize = 4;

/// Most of the time limit kept for the bound's steps after the search (on a city month a step
/// reads 45 million pairs and takes about 0.1 s; the search gains less from that time than the
/// bound does).
const BOUND_SHARE: f64 = 0.45;

impl Heuristic {
    /// Independent searches per solve (a fixed count, so results do not depend on threads);
    /// each runs the iteration limit.
    pub const SEARCHES: u64 = 2;

    /// A search of `time_limit` from seed 1.
    pub fn new(time_limit: Duration) -> Self {
        Heuristic { seed: 1, time_limit, iterations: None, progress: None }
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Reports the searches' iterations and best objective to `progress`.
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Bounds the search by iterations instead of time alone.
    pub fn with_iterations(mut self, iterations: Option<u64>) -> Self {
        self.iterations = iterations;
        self
    }
}

impl Solver for Heuristic {
    fn name(&self) -> &'static str {
        "heuristic"
    }

    fn solve(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let (plan, complete) = greedy_plan(problem);
        let bound = simple_bound(problem);
        // A greedy plan that misses `must` demands is searched from too, unless one of them
        // cannot be met at all.
        let mut result = if complete || must_alone_impossible(problem).is_none() {
            let deadline = started + self.time_limit;
            // The bound's first step, aimed at the greedy plan, tells how long its steps take;
            // the search leaves them that time (up to a share of the limit). Half of it is
            // spent before the search, whose teams are then chosen at the bound's prices of
            // volunteers' time (county months: 1.5-2 % better plans than the search's own
            // estimate of those prices).
            let mut lagrangian = Lagrangian::new(problem);
            let step_started = Instant::now();
            let greedy_objective = plan_objective_of(problem, &plan);
            if let Some(l) = lagrangian.as_mut() {
                l.improve(greedy_objective, 1, None);
            }
            let reserve = (step_started.elapsed() * BOUND_STEPS as u32).min(self.time_limit.mul_f64(BOUND_SHARE));
            // By work, not time, when the search is bounded by iterations: its plan must not
            // depend on the machine.
            let pre_deadline = self.iterations.is_none().then(|| started + reserve / 2);
            let work_steps = (PRICE_PAIR_READS / problem.candidates.pair_count().max(1)).clamp(1, BOUND_STEPS);
            // A greedy plan that misses `must` demands may be worth more than any plan: the
            // steps need a target below the optimum, so they wait for a complete plan.
            let prices = lagrangian.as_mut().filter(|_| complete).map(|l| {
                l.improve(greedy_objective, work_steps, pre_deadline);
                l.prices()
            });
            let stop = Stop {
                iterations: self.iterations,
                deadline: Some(deadline.checked_sub(reserve).unwrap_or(deadline)),
                progress: self.progress.as_deref(),
            };
            let (search, members) = phases(problem, stop);
            let value = |plan: &Plan| match meets_musts(problem, plan) {
                true => plan_objective_of(problem, plan),
                false => f64::NEG_INFINITY,
            };
            let blocks = (complete && problem.instance.demands.len() >= SPLIT_DEMANDS && members.is_none())
                .then(|| Blocks::of(problem))
                .flatten();
            let shared = Shared::new(problem, prices.as_ref());
            let runs: Vec<(f64, Plan)> = match blocks {
                // One search over the blocks side by side, with the work of all the searches.
                Some(blocks) => {
                    let work = Stop { iterations: search.iterations.map(|n| n * Self::SEARCHES), ..search };
                    let plan = blocks.improve(&shared, &plan, self.seed, work);
                    vec![(value(&plan), plan)]
                }
                // A fixed number of independent searches, each seeded from (seed, index) and
                // combined in index order: the same plan whatever the thread count when the
                // search is bounded by iterations.
                None => {
                    let searched: Vec<Plan> = (0..Self::SEARCHES)
                        .into_par_iter()
                        .map(|i| shared.improve(&plan, task_seed(self.seed, i), search).0)
                        .collect();
                    // The member search weighs moves at the bound's prices, aimed at the best
                    // plan so far.
                    let target = searched.iter().map(&value).fold(f64::NEG_INFINITY, f64::max);
                    let member_prices = members.filter(|_| target.is_finite()).and_then(|_| {
                        let l = lagrangian.as_mut()?;
                        l.improve(target, work_steps.min(MEMBER_PRICE_STEPS), None);
                        Some(l.prices())
                    });
                    searched
                        .into_par_iter()
                        .enumerate()
                        .map(|(i, plan)| {
                            let plan = match members {
                                Some(members) => reassign(
                                    problem,
                                    &plan,
                                    task_seed(self.seed, i as u64 + Self::SEARCHES),
                                    members,
                                    member_prices.as_ref(),
                                ),
                                None => plan,
                            };
                            (value(&plan), plan)
                        })
                        .collect()
                }
            };
            match runs.into_iter().reduce(|a, b| if b.0 > a.0 { b } else { a }) {
                Some((objective, best)) if objective.is_finite() => {
                    // The steps after the search get its reserve; under an iteration limit,
                    // `AFTER_STEPS` times as many steps as before it (the same bound whatever
                    // the thread count, unless the time limit comes first).
                    let (steps, until) = match self.iterations {
                        Some(_) => ((work_steps * AFTER_STEPS).min(BOUND_STEPS), deadline),
                        None => (BOUND_STEPS, deadline.min(Instant::now() + reserve)),
                    };
                    let bound =
                        lagrangian.as_mut().map_or(bound, |l| l.improve(objective, steps, Some(until)).min(bound));
                    result_of(problem, best, bound, self.name())
                }
                _ => no_plan(problem, bound, self.name()),
            }
        } else {
            no_plan(problem, bound, self.name())
        };
        result = super::small::prove(problem, self, started, result);
        result.time = started.elapsed();
        result
    }
}

/// The limits of ruin and recreate and, when every demand must be met, of the search over
/// members that follows it. Which demands are met is then settled and only who serves them is
/// left to choose, so the member search gets most of the time.
fn phases<'a>(problem: &Problem, stop: Stop<'a>) -> (Stop<'a>, Option<Stop<'a>>) {
    if !problem.instance.demands.iter().all(|d| d.must) {
        return (stop, None);
    }
    let now = Instant::now();
    let end = stop.deadline.unwrap_or(now);
    let ruin_share = 1.0 - MEMBER_SHARE;
    let search = Stop { deadline: Some(now + end.saturating_duration_since(now).mul_f64(ruin_share)), ..stop };
    let members = Stop { iterations: stop.iterations.map(|n| n / MEMBER_ITERATION_COST), ..stop };
    (search, Some(members))
}

/// Whether `plan` meets every `must` demand.
fn meets_musts(problem: &Problem, plan: &Plan) -> bool {
    let mut met = vec![false; problem.instance.demands.len()];
    plan.assignments.iter().for_each(|a| met[a.demand as usize] = true);
    problem.instance.demands.iter().zip(&met).all(|(d, &m)| !d.must || m)
}
