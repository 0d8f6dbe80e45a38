//! Re-planning a dispatched month after changes (a member declines, an urgent demand arrives,
//! a venue is withdrawn, a slot is rained off) while changing as little as possible: members
//! already told are not told again.
//!
//! The dispatched plan's assignments the changes do not touch become pins (rule 8) of the
//! effective month; those with a member out are mended by a replacement each where one is free;
//! the solver then fills what is left. `max_changes` lets up to that many untouched assignments
//! move, chosen where a plan built from scratch would use their members for demands the pinned
//! plan leaves unmet.

mod changes;
mod diff;
mod keep;

pub use changes::{apply, change_issues, changes_error, read_changes, Change, ChangesSpec, CHANGES_FORMAT};
pub use diff::{diff, diff_csv, same};
pub use keep::{keep, Fate, Kept};

use crate::format::{Issue, SolutionSpec, Status};
use crate::model::Pin;
use crate::problem::Problem;
use crate::report::solution_spec;
use crate::solve::{is_proven_optimal, SolveResult, Solver};
use foldhash::{HashMap, HashMapExt};

/// A re-planned month.
#[derive(Debug, Clone)]
pub struct Replanned {
    /// The effective month with the pins the plan was built under.
    pub problem: Problem,
    /// The solve (its bound: over plans keeping every untouched assignment but `max_changes`).
    pub result: SolveResult,
    /// The new solution file, its `changes` section filled.
    pub solution: SolutionSpec,
    /// The objective of a plan of the effective month built from scratch by the same solver,
    /// when `max_changes` > 0 (the plan the untouched assignments to move are chosen by).
    pub from_scratch: Option<f64>,
    /// The objective with no untouched assignment moved, when `max_changes` > 0.
    pub pinned_objective: Option<f64>,
}

/// Re-plans `old` (a plan of the month before the changes) in `effective` (the month with the
/// changes applied, [`apply`]) with `solver`, letting at most `max_changes` untouched
/// assignments move. Fails with the pins' issues when the dispatched plan's assignments cannot
/// all hold together (a plan that was not feasible).
pub fn replan(
    effective: &Problem,
    old: &SolutionSpec,
    max_changes: usize,
    solver: &dyn Solver,
) -> Result<Replanned, Vec<Issue>> {
    let kept = keep(effective, old);
    let own: Vec<Pin> =
        effective.instance.pins.iter().filter(|p| !kept.pins.iter().any(|k| k.demand == p.demand)).cloned().collect();
    let pins_without = |dropped: &[usize]| -> Vec<Pin> {
        let mut pins: Vec<Pin> =
            kept.pins.iter().enumerate().filter(|(i, _)| !dropped.contains(i)).map(|(_, p)| p.clone()).collect();
        pins.extend(own.iter().cloned());
        pins
    };
    let pinned = effective.with_pins(pins_without(&[]))?;
    let mut result = solver.solve(&pinned);
    let mut problem = pinned;
    let (mut from_scratch, mut pinned_objective) = (None, None);
    if max_changes > 0 && result.objective.is_some() {
        let free = solver.solve(effective);
        from_scratch = free.objective;
        pinned_objective = result.objective;
        let chosen = to_move(effective, &kept, &result, &free, max_changes);
        if !chosen.is_empty() {
            let moved = effective.with_pins(pins_without(&chosen))?;
            let second = solver.solve(&moved);
            if second.objective > result.objective {
                result = second;
                problem = moved;
            }
        }
        // The plans allowed are those of the effective month moving at most `max_changes`
        // untouched assignments: all plans of the month bound them.
        if let (Some(objective), Some(bound)) = (result.objective, free.bound) {
            let bound = bound.max(objective);
            result.bound = Some(bound);
            result.status = if is_proven_optimal(objective, bound) { Status::Optimal } else { Status::Feasible };
        }
    }
    let mut solution = solution_spec(&problem, &result);
    let mut changes = diff(old, &solution);
    changes.touched = kept.fates.iter().filter(|f| **f != Fate::Kept).count();
    changes.max_changes = max_changes;
    changes.displaced = old
        .assignments
        .iter()
        .zip(&kept.fates)
        .filter(|(_, fate)| **fate == Fate::Displaced)
        .map(|(a, _)| a.demand.clone())
        .collect();
    let new_of: HashMap<&str, &crate::format::AssignmentSpec> =
        solution.assignments.iter().map(|a| (a.demand.as_str(), a)).collect();
    changes.moved = old
        .assignments
        .iter()
        .zip(&kept.fates)
        .filter(|(a, fate)| **fate == Fate::Kept && new_of.get(a.demand.as_str()).is_none_or(|b| !same(a, b)))
        .count();
    solution.changes = Some(changes);
    Ok(Replanned { problem, result, solution, from_scratch, pinned_objective })
}

/// Up to `max_changes` kept pins (indices into `kept.pins`) to let move: those whose members a
/// plan from scratch (`free`) uses for demands the pinned plan (`pinned`) leaves unmet, scored
/// by the weight of those demands; ties by position.
fn to_move(problem: &Problem, kept: &Kept, pinned: &SolveResult, free: &SolveResult, max_changes: usize) -> Vec<usize> {
    let inst = &problem.instance;
    let mut met = vec![false; inst.demands.len()];
    for a in &pinned.plan.assignments {
        met[a.demand as usize] = true;
    }
    // For every volunteer, the weight of the demands the free plan gives them and the pinned
    // plan leaves unmet.
    let mut wanted: HashMap<u32, f64> = HashMap::new();
    for a in free.plan.assignments.iter().filter(|a| !met[a.demand as usize]) {
        for &v in &a.volunteers {
            *wanted.entry(v).or_default() += inst.demands[a.demand as usize].weight;
        }
    }
    let mut scored: Vec<(f64, usize)> = kept
        .pins
        .iter()
        .enumerate()
        .filter(|(i, _)| kept.origin.get(*i).is_some_and(|&o| kept.fates[o] == Fate::Kept))
        .filter_map(|(i, pin)| {
            let score: f64 = pin.volunteers.iter().filter_map(|v| wanted.get(v)).sum();
            (score > 0.0).then_some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(max_changes).map(|(_, i)| i).collect()
}
