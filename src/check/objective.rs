//! The objective, recomputed from the contract, and the claims a solution makes about it: the
//! objective itself, the bound and the status.

use super::pairs::Pairs;
use super::plan::Plan;
use super::{at_most, matches, num, Rule, Violation, TOLERANCE};
use crate::format::{SolutionSpec, Status};
use crate::model::Instance;

/// The four terms of the objective; the objective is `weight − cost + reward − fairness`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ObjectiveTerms {
    /// Sum of the weights w'(d) of the assigned demands (each demand once), ageing applied.
    pub weight: f64,
    /// Sum over assignments, over their volunteers, of c(d, v).
    pub cost: f64,
    /// Sum over assignments, over their volunteers, of the history policies' rewards:
    /// `per_hour × h(d, v) × max(0, 1 − H(v) / target)` (balance) plus `bonus` when v served
    /// d's series last time (continuity).
    pub reward: f64,
    /// `penalty × Σ_g max(0, min_coverage × (O_g + W(g)) − (M_g + F(g)))` over the fairness
    /// regions g, where O_g and M_g are the past weight offered and met with cumulative
    /// fairness and 0 without it.
    pub fairness: f64,
}

impl ObjectiveTerms {
    /// The objective: `weight − cost + reward − fairness`.
    pub fn value(&self) -> f64 {
        self.weight - self.cost + self.reward - self.fairness
    }
}

/// Recomputes the objective's terms for `plan`.
pub(super) fn objective(instance: &Instance, plan: &Plan, pairs: &Pairs) -> ObjectiveTerms {
    let weights = aged_weights(instance);
    let weight = weights.iter().enumerate().filter(|&(d, _)| plan.times_assigned[d] > 0).map(|(_, w)| w).sum();
    let (mut cost, mut reward) = (0.0, 0.0);
    for (d, v) in plan.assignments.iter().flat_map(|a| a.team.iter().map(move |&v| (a.demand, v))) {
        let pair = pairs.pair(d, v);
        cost += pair.cost;
        reward += balance_reward(instance, v, pair.hours) + continuity_reward(instance, d, v);
    }
    ObjectiveTerms { weight, cost, reward, fairness: fairness_penalty(instance, plan, &weights) }
}

/// The balance reward of `hours` given by volunteer `v`: `per_hour` for each hour, scaled by
/// the share of the target the volunteer's past hours still leave open.
fn balance_reward(instance: &Instance, v: u32, hours: f64) -> f64 {
    let Some(balance) = instance.policy.balance else { return 0.0 };
    let open = balance.target - instance.volunteers[v as usize].past_hours;
    match open > 0.0 {
        true => balance.per_hour * hours * open / balance.target,
        false => 0.0,
    }
}

/// The continuity bonus of volunteer `v` serving demand `d` again.
fn continuity_reward(instance: &Instance, d: u32, v: u32) -> f64 {
    match instance.policy.continuity {
        Some(continuity) if instance.demands[d as usize].kept.contains(&v) => continuity.bonus,
        _ => 0.0,
    }
}

/// w'(d) = weight(d) × min(cap, 1 + per_month × age(d)) of every demand, from the weights the
/// file lists (the weight itself without an ageing policy).
fn aged_weights(instance: &Instance) -> Vec<f64> {
    let factor = |age: u32| match instance.policy.aging {
        Some(aging) => (1.0 + aging.per_month * f64::from(age)).min(aging.cap),
        None => 1.0,
    };
    instance.demands.iter().map(|d| d.listed_weight * factor(d.age)).collect()
}

/// `penalty × Σ_g max(0, min_coverage × (O_g + W(g)) − (M_g + F(g)))`, where a demand belongs
/// to the first region of its region chain whose level is `fairness.level` (if any), W(g) is
/// the weight `weights` of g's demands, F(g) that of its assigned ones, and O_g, M_g are the
/// region's past offered and met weight with cumulative fairness (0 without it). Only regions
/// holding a demand of this month are summed.
fn fairness_penalty(instance: &Instance, plan: &Plan, weights: &[f64]) -> f64 {
    let Some(fairness) = &instance.policy.fairness else { return 0.0 };
    let Some(level) = fairness.level else { return 0.0 };
    let regions = instance.regions.len();
    let (mut total, mut met, mut holds) = (vec![0.0; regions], vec![0.0; regions], vec![false; regions]);
    for (d, demand) in instance.demands.iter().enumerate() {
        let group = instance.region_chain(demand.region).find(|&g| instance.regions[g as usize].level == Some(level));
        if let Some(g) = group.map(|g| g as usize) {
            holds[g] = true;
            total[g] += weights[d];
            if plan.times_assigned[d] > 0 {
                met[g] += weights[d];
            }
        }
    }
    let past = |g: usize| match fairness.cumulative {
        true => fairness.past.get(g).copied().unwrap_or([0.0; 2]),
        false => [0.0; 2],
    };
    let short: f64 = (0..regions)
        .filter(|&g| holds[g])
        .map(|g| {
            let [offered, past_met] = past(g);
            (fairness.min_coverage * (offered + total[g]) - (past_met + met[g])).max(0.0)
        })
        .sum();
    fairness.penalty * short
}

/// Compares the solution's claims with the recomputed objective `value` of its plan.
///
/// * The claimed objective must match `value` within `1e-6 × max(1, |value|)`. It may be null
///   only for a solution without a plan: no assignments and status `infeasible` or `unknown`.
/// * A bound, when given, must be at least `value − 1e-6 × max(1, |value|)`.
/// * Status `optimal` needs a bound within `1e-6 × max(1, |value|)` above `value`.
/// * Status `infeasible` contradicts a feasible plan, the empty plan included (`feasible` tells
///   whether the plan broke any of rules 1–9 or named unknown objects).
pub(super) fn check_claims(solution: &SolutionSpec, value: f64, feasible: bool) -> Vec<Violation> {
    let mut violations = Vec::new();
    let tol = TOLERANCE * value.abs().max(1.0);
    let status = solution.status.as_str();
    match solution.objective {
        Some(claimed) if !matches(claimed, value) => violations.push(Violation::new(
            Rule::Objective,
            format!("the solution claims objective {claimed}, the plan's objective is {value}"),
        )),
        Some(_) => {}
        None if !solution.assignments.is_empty() => violations.push(Violation::new(
            Rule::Objective,
            format!(
                "no objective is claimed for a plan of {} assignments (its objective is {value})",
                solution.assignments.len()
            ),
        )),
        None if matches!(solution.status, Status::Optimal | Status::Feasible) => violations.push(Violation::new(
            Rule::Objective,
            format!("status {status} claims a plan, but no objective is given (the empty plan's is {value})"),
        )),
        None => {}
    }
    if let Some(bound) = solution.bound {
        if !at_most(value - tol, bound) {
            violations.push(Violation::new(
                Rule::Bound,
                format!("bound {bound} is below the plan's objective {value}, so it bounds nothing"),
            ));
        }
    }
    if solution.status == Status::Optimal {
        match solution.bound {
            None => violations.push(Violation::new(Rule::Bound, "status optimal needs a bound, but it is null")),
            Some(bound) if !at_most(bound - value, tol) => violations.push(Violation::new(
                Rule::Bound,
                format!(
                    "status optimal, but bound {bound} is {} above the objective {value} (at most {} allowed)",
                    num(bound - value),
                    num(tol)
                ),
            )),
            Some(_) => {}
        }
    }
    if solution.status == Status::Infeasible && feasible {
        let plan = match solution.assignments.is_empty() {
            true => "the empty plan is feasible (no demand must be met)".to_string(),
            false => format!("the plan given is feasible (objective {value})"),
        };
        violations.push(Violation::new(Rule::Bound, format!("status infeasible, but {plan}")));
    }
    violations
}
