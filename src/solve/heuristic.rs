//! The heuristic solver: the greedy plan improved by independent ruin-and-recreate searches
//! (one per core of a two-core machine) until a time or iteration limit, followed, when every
//! demand must be met, by a tabu search over who serves; with the Lagrangian bound of
//! [`super::Lagrangian`] (or the cheap [`super::simple_bound`] on months out of its range),
//! whose prices also steer the searches' choice of teams.

use super::blocks::Blocks;
use super::lagrange::Lagrangian;
use super::lns::Shared;
use super::progress::Progress;
use super::reassign::reassign;
use super::stop::{task_seed, Budget, Stop};
use super::{
    greedy_plan, must_alone_impossible, no_plan, plan_objective_of, result_of, simple_bound, SolveResult, Solver,
};
use crate::model::Plan;
use crate::problem::Problem;
use rayon::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// An instant no solve runs past, with the least time each solve gets however late it
    /// starts: a caller whose own work before the solve varies (re-planning) keeps its total.
    pub deadline: Option<(Instant, Duration)>,
}

/// Fewest demands for which a month with a region tree is searched in blocks side by side;
/// smaller months keep independent searches, whose best plan is taken.
const SPLIT_DEMANDS: usize = 20_000;

impl Heuristic {
    /// Independent searches per solve (a fixed count, so results do not depend on threads);
    /// each runs the iteration limit.
    pub const SEARCHES: u64 = 2;

    /// A search of `time_limit` from seed 1.
    pub fn new(time_limit: Duration) -> Self {
        Heuristic { seed: 1, time_limit, iterations: None, progress: None, deadline: None }
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

    /// Ends every solve by `deadline`, giving each at least `least`.
    pub fn with_deadline(mut self, deadline: Instant, least: Duration) -> Self {
        self.deadline = Some((deadline, least));
        self
    }

    /// The time a solve starting at `started` may take.
    fn limit_from(&self, started: Instant) -> Duration {
        match self.deadline {
            Some((deadline, least)) => self.time_limit.min(deadline.saturating_duration_since(started)).max(least),
            None => self.time_limit,
        }
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

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let (plan, complete) = greedy_plan(problem);
        let bound = simple_bound(problem);
        // A greedy plan that misses `must` demands is searched from too, unless one of them
        // cannot be met at all.
        let mut result = if complete || must_alone_impossible(problem).is_none() {
            // The bound's first step, aimed at the greedy plan, tells how long its steps take;
            // the budget shares the limit between them and the search.
            let mut lagrangian = Lagrangian::new(problem);
            let step_started = Instant::now();
            let greedy_objective = plan_objective_of(problem, &plan);
            if let Some(l) = lagrangian.as_mut() {
                l.improve(greedy_objective, Budget::MEASURED_STEPS, None);
            }
            let budget = Budget::new(
                started,
                self.limit_from(started),
                self.iterations,
                step_started.elapsed(),
                problem.candidates.pair_count(),
            );
            // A greedy plan that misses `must` demands may be worth more than any plan: the
            // steps need a target below the optimum, so they wait for a complete plan.
            let prices = lagrangian.as_mut().filter(|_| complete).map(|l| {
                let (steps, until) = budget.before_search();
                l.improve(greedy_objective, steps, until);
                l.prices()
            });
            let (search, members) = phases(problem, budget.search(self.progress.as_deref()));
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
                    let plan = blocks.improve(&shared, &plan, self.seed, search.times(Self::SEARCHES));
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
                        l.improve(target, budget.member_price_steps(), None);
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
                                    (task_seed(self.seed, i as u64 + Self::SEARCHES), i as u64),
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
                    let (steps, until) = budget.after_search(Instant::now());
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
/// members that follows it (see [`Stop::member_phases`]).
fn phases<'a>(problem: &Problem, stop: Stop<'a>) -> (Stop<'a>, Option<Stop<'a>>) {
    if !problem.instance.demands.iter().all(|d| d.must) {
        return (stop, None);
    }
    let (search, members) = stop.member_phases(Instant::now());
    (search, Some(members))
}

/// Whether `plan` meets every `must` demand.
fn meets_musts(problem: &Problem, plan: &Plan) -> bool {
    let mut met = vec![false; problem.instance.demands.len()];
    plan.assignments.iter().for_each(|a| met[a.demand as usize] = true);
    problem.instance.demands.iter().zip(&met).all(|(d, &m)| !d.must || m)
}
