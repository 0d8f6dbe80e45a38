//! The heuristic solver: the greedy plan improved by ruin and recreate until a time or
//! iteration limit, with the cheap bound of [`super::simple_bound`].

use super::lns::{improve, Stop};
use super::{greedy_plan, no_plan, result_of, simple_bound, SolveResult, Solver};
use crate::problem::Problem;
use std::time::{Duration, Instant};

/// Greedy construction, then large neighbourhood search.
#[derive(Debug, Clone, Copy)]
pub struct Heuristic {
    /// Seed of the search.
    pub seed: u64,
    /// Wall-time limit.
    pub time_limit: Duration,
    /// Iteration limit; when set, the result depends only on the seed.
    pub iterations: Option<u64>,
}

impl Heuristic {
    /// A search of `time_limit` from seed 1.
    pub fn new(time_limit: Duration) -> Self {
        Heuristic { seed: 1, time_limit, iterations: None }
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
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
        let mut result = if complete {
            let stop = Stop { iterations: self.iterations, deadline: Some(started + self.time_limit) };
            let (plan, _) = improve(problem, &plan, self.seed, stop);
            result_of(problem, plan, bound, self.name())
        } else {
            no_plan(problem, bound, self.name())
        };
        result.time = started.elapsed();
        result
    }
}
