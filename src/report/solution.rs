//! Turning a solver's result into a `civic-match-solution/1` file.

use super::reasons::unassigned_reasons;
use crate::format::{AssignmentSpec, SolutionSpec, SupplySpec, UnassignedSpec, SOLUTION_FORMAT};
use crate::problem::Problem;
use crate::solve::SolveResult;

/// The solution file of `result`, with a reason for every unmet demand; its `seed` is left for
/// the caller, who knows which seed the solver was given.
pub fn solution_spec(problem: &Problem, result: &SolveResult) -> SolutionSpec {
    let names = &problem.names;
    let assignments = result
        .plan
        .assignments
        .iter()
        .map(|a| AssignmentSpec {
            demand: names.demands[a.demand as usize].clone(),
            slot: names.slots[a.slot as usize].clone(),
            volunteers: a.volunteers.iter().map(|&v| names.volunteers[v as usize].clone()).collect(),
            supplies: a
                .supplies
                .iter()
                .map(|s| SupplySpec { resource: names.resources[s.resource as usize].clone(), amount: s.amount })
                .collect(),
            standby: a.standby.iter().map(|&v| names.volunteers[v as usize].clone()).collect(),
        })
        .collect();
    let unassigned = unassigned_reasons(problem, &result.plan)
        .into_iter()
        .map(|r| UnassignedSpec {
            demand: names.demands[r.demand as usize].clone(),
            code: Some(r.code.as_str().to_string()),
            reason: r.text,
            would_take: None,
            would_take_none: None,
        })
        .collect();
    SolutionSpec {
        format: SOLUTION_FORMAT.to_string(),
        instance: names.instance.clone(),
        status: result.status,
        objective: result.objective,
        bound: result.bound,
        assignments,
        unassigned,
        solver: Some(result.solver.to_string()),
        seconds: Some(result.time.as_secs_f64()),
        seed: None,
        changes: None,
    }
}
