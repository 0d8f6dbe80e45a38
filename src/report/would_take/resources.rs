//! More of a resource: the cheapest team that fits as the month is, with each need the
//! resources serving the demand cannot cover topped up at the largest of them.

use super::fits::Context;
use super::{round_up, smallest, team_cost, Change, Free, Kind, Suggestion};

/// The size of adding `add` to a resource of `amount`: the share of its amount added, at most
/// 1 (a resource of nothing counts as 1).
pub(super) fn share(add: f64, amount: f64) -> f64 {
    if amount > 0.0 {
        (add / amount).min(1.0)
    } else {
        1.0
    }
}

/// Demand `d` met by its cheapest free team, its short needs covered by more of the largest
/// eligible resource of each: size, the sum of the shares added.
pub(super) fn more_resources(ctx: &Context, d: usize, free: &Free) -> Option<Suggestion> {
    let inst = &ctx.problem.instance;
    let demand = &inst.demands[d];
    if demand.needs.is_empty() {
        return None;
    }
    let left = &ctx.residual.left;
    let mut changes = Vec::new();
    let mut size = 0.0;
    for need in &demand.needs {
        let have = ctx.problem.supplies.available(inst, demand, need, left);
        if have + 1e-9 * need.amount.max(1.0) >= need.amount {
            continue;
        }
        let largest = ctx
            .problem
            .supplies
            .eligible(inst, demand, need)
            .min_by(|&a, &b| inst.resources[b as usize].amount.total_cmp(&inst.resources[a as usize].amount))?;
        let add = round_up(need.amount - have);
        size += share(add, inst.resources[largest as usize].amount);
        changes.push(Change::ResourceAmount { resource: largest, add });
    }
    if changes.is_empty() {
        return None;
    }
    let people = demand.people as usize;
    // More of a resource frees no member: the free members are those of the plan as it is.
    smallest(free.iter().filter_map(|(s, members)| {
        if members.len() < people {
            return None;
        }
        let assignment = ctx.complete(d, *s, members.clone(), &changes)?;
        let cost = team_cost(ctx, &assignment, &changes);
        Some((size, cost, Suggestion { kind: Kind::ResourceAmount, size, changes: changes.clone(), assignment }))
    }))
}
