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
pub use keep::{keep, Dispatched, Fate, Kept};

use crate::format::{Issue, Names, SolutionSpec, Status};
use crate::model::{Instance, Pin};
use crate::policy::is_whole;
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

/// Why a month cannot be re-planned.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplanError {
    /// The effective month itself is bad input (a `must` demand no one can serve).
    Month(Vec<Issue>),
    /// The dispatched plan's assignments cannot all hold together (a plan that was not feasible).
    Plan(Vec<Issue>),
}

/// Re-plans `old` (a plan of the month before the changes) in the effective month (`instance`
/// with the changes applied, [`apply`], compiled) with `solver`, letting at most `max_changes`
/// untouched assignments move.
///
/// With none allowed to move, only the demands the kept assignments leave open get all their
/// candidate pairs: the rest need only their dispatched teams', which at city scale is most of
/// the month's time saved.
pub fn replan(
    mut instance: Instance,
    names: Names,
    old: &SolutionSpec,
    max_changes: usize,
    solver: &dyn Solver,
) -> Result<Replanned, ReplanError> {
    let own = std::mem::take(&mut instance.pins);
    if max_changes > 0 {
        let effective = Problem::new(instance, names).map_err(ReplanError::Month)?;
        let dispatched = Dispatched::of(&effective.names, old);
        return replan_moving(&effective, old, &dispatched, own, max_changes, solver);
    }
    // Keeping decides with the dispatched teams' pairs, and every pair of a `must` demand (which
    // may need a new team) and of a demand asking standby (which may need new backups); the
    // search then needs every pair of what stays open.
    let dispatched = Dispatched::of(&names, old);
    let teams = dispatched.teams(instance.demands.len());
    let open: Vec<bool> = instance.demands.iter().map(|d| d.must || d.standby > 0).collect();
    let first = Problem::new_among(instance.clone(), names.clone(), |d| (!open[d]).then_some(teams[d].as_slice()))
        .map_err(ReplanError::Month)?;
    let kept = keep(&first, &dispatched);
    drop(first);
    let pins = with_own(&kept, &[], &own);
    let mut fixed: Vec<Option<Vec<u32>>> = vec![None; instance.demands.len()];
    for pin in pins.iter().filter(|p| is_whole(&instance, p)) {
        fixed[pin.demand as usize] = Some(pin.volunteers.iter().chain(&pin.standby).copied().collect());
    }
    let effective = Problem::new_among(instance, names, |d| fixed[d].as_deref()).map_err(ReplanError::Month)?;
    let pinned = effective.with_pins(pins).map_err(ReplanError::Plan)?;
    let result = solver.solve(&pinned);
    Ok(finish(pinned, result, old, &kept, 0, None))
}

/// The kept pins but those at positions `dropped`, then the month's own pins of other demands.
fn with_own(kept: &Kept, dropped: &[usize], own: &[Pin]) -> Vec<Pin> {
    let mut pins: Vec<Pin> =
        kept.pins.iter().enumerate().filter(|(i, _)| !dropped.contains(i)).map(|(_, p)| p.clone()).collect();
    pins.extend(own.iter().filter(|p| !kept.pins.iter().any(|k| k.demand == p.demand)).cloned());
    pins
}

/// [`replan`] with `max_changes` > 0: a plan from scratch of the effective month tells which
/// untouched assignments to let move.
fn replan_moving(
    effective: &Problem,
    old: &SolutionSpec,
    dispatched: &Dispatched,
    own: Vec<Pin>,
    max_changes: usize,
    solver: &dyn Solver,
) -> Result<Replanned, ReplanError> {
    let kept = keep(effective, dispatched);
    let pinned = effective.with_pins(with_own(&kept, &[], &own)).map_err(ReplanError::Plan)?;
    let mut result = solver.solve(&pinned);
    let mut problem = pinned;
    let mut objectives = None;
    if result.objective.is_some() {
        let free = solver.solve(effective);
        objectives = free.objective.zip(result.objective);
        let chosen = to_move(effective, &kept, &result, &free, max_changes);
        if !chosen.is_empty() {
            let moved = effective.with_pins(with_own(&kept, &chosen, &own)).map_err(ReplanError::Plan)?;
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
    Ok(finish(problem, result, old, &kept, max_changes, objectives))
}

/// The re-planned month's solution file with its `changes` section; `objectives` are the
/// from-scratch and none-moved objectives when assignments could move.
fn finish(
    problem: Problem,
    result: SolveResult,
    old: &SolutionSpec,
    kept: &Kept,
    max_changes: usize,
    objectives: Option<(f64, f64)>,
) -> Replanned {
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
    let (from_scratch, pinned_objective) = objectives.unzip();
    Replanned { problem, result, solution, from_scratch, pinned_objective }
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
