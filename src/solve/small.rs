//! Small months are proven: a month whose integer program the compiled-in backend solves in
//! about a second gets the exact solver's proof from the heuristic too, so a planner sees
//! `optimal` whichever solver ran.

use super::ilp::{Backend, Exact};
use super::{Heuristic, SolveResult};
use crate::format::Status;
use crate::problem::Problem;
use std::time::Instant;

/// Most candidate pairs of a month that microlp proves in about a second (the OR-Library
/// gap1–gap4 sizes, 75–150 pairs, take 0.3–1.5 s; small generated months of a few dozen pairs
/// take milliseconds).
const MICROLP_PAIRS: usize = 200;

/// Most candidate pairs of a month that HiGHS proves in about a second (the OR-Library types
/// A–C of 20 × 200 = 4,000 pairs take 0.03–18 s; small generated months far less).
#[cfg(feature = "highs")]
const HIGHS_PAIRS: usize = 5_000;

/// Share of the heuristic's time limit the exact solver may take on a small month (never
/// more than the time the heuristic left).
const PROOF_SHARE: f64 = 0.5;

/// Whether `problem` is small enough for the compiled-in MIP backend to prove quickly.
pub fn provable(problem: &Problem) -> bool {
    let most = match Backend::best() {
        Backend::Microlp => MICROLP_PAIRS,
        #[cfg(feature = "highs")]
        Backend::Highs => HIGHS_PAIRS,
    };
    problem.candidates.pair_count() <= most
}

/// The heuristic's `result` on a small month, improved by the exact solver from it within
/// [`PROOF_SHARE`] of the heuristic's limit (and the time it left, counted from `started`):
/// the better plan of the two, and the lower bound. Other months, and results already
/// proven, are returned as they are.
pub(super) fn prove(problem: &Problem, heuristic: &Heuristic, started: Instant, result: SolveResult) -> SolveResult {
    if !provable(problem) || matches!(result.status, Status::Optimal | Status::Infeasible) {
        return result;
    }
    let left = (started + heuristic.time_limit).saturating_duration_since(Instant::now());
    let budget = left.min(heuristic.time_limit.mul_f64(PROOF_SHARE));
    if budget.is_zero() {
        return result;
    }
    let proven = Exact::new(budget).with_seed(heuristic.seed).improve(problem, &result);
    SolveResult { solver: result.solver, time: result.time, ..proven }
}
