//! The objective of MODEL.md evaluated on a plan, for solvers' own bookkeeping.

use super::FairnessGroups;
use crate::candidates::Candidates;
use crate::model::{Instance, Plan};

/// Σ weight − Σ c(d, v) − fairness penalty of `plan`.
///
/// # Panics
/// When a volunteer of the plan is not a candidate of its demand.
pub fn plan_objective(instance: &Instance, candidates: &Candidates, fairness: &FairnessGroups, plan: &Plan) -> f64 {
    let mut met = vec![0.0; fairness.total.len()];
    let mut value = 0.0;
    for a in &plan.assignments {
        let d = a.demand as usize;
        let list = candidates.of(d);
        value += instance.demands[d].weight;
        for v in &a.volunteers {
            let k = list.position(*v).expect("plan volunteer is a candidate");
            value -= list.costs[k];
        }
        if let Some(g) = fairness.group_of[d] {
            met[g as usize] += instance.demands[d].weight;
        }
    }
    value - fairness.penalty_of(&met)
}
