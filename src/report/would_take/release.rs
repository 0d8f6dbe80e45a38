//! Releasing a lower-weight demand: an assignment of the plan that holds candidates of the
//! demand or resources it needs, neither `must` nor pinned, whose release makes room.

use super::fits::Context;
use super::residual::UNMET;
use super::{Change, Free, Kind, Suggestion};

/// Most releases tried per demand, lowest weight first: a city demand's candidates serve
/// hundreds of assignments, and the lightest that makes room is what is suggested.
const RELEASE_TRIES: usize = 24;

/// The lowest-weight releasable demand whose release lets demand `d` be met: size, the
/// released demand's weight.
pub(super) fn release(ctx: &Context, d: usize, free: &Free) -> Option<Suggestion> {
    let inst = &ctx.problem.instance;
    let demand = &inst.demands[d];
    let list = ctx.problem.candidates.of(d);
    let r = &ctx.residual;
    let holding_members = list.volunteers.iter().flat_map(|&v| r.by_volunteer[v as usize].iter().copied());
    let holding_supplies = demand
        .needs
        .iter()
        .flat_map(|n| ctx.problem.supplies.eligible(inst, demand, n))
        .flat_map(|res| r.by_resource[res as usize].iter().copied());
    let mut others: Vec<u32> = holding_members
        .chain(holding_supplies)
        .map(|i| ctx.plan.assignments[i as usize].demand)
        .filter(|&e| {
            let other = &inst.demands[e as usize];
            !other.must && !r.pinned[e as usize] && other.weight < demand.weight && r.assignment_of[e as usize] != UNMET
        })
        .collect();
    others
        .sort_by(|&a, &b| inst.demands[a as usize].weight.total_cmp(&inst.demands[b as usize].weight).then(a.cmp(&b)));
    others.dedup();
    let people = demand.people as usize;
    others.into_iter().take(RELEASE_TRIES).find_map(|e| {
        let changes = vec![Change::Release { demand: e }];
        // Cheap tests first: the needs drawn from what the release leaves, and per slot the free
        // members plus those of the released team it frees, before a full team search.
        if ctx.problem.supplies.draw(inst, demand, &ctx.left(&changes)).is_err() {
            return None;
        }
        let team = &ctx.plan.assignments[r.assignment_of[e as usize] as usize].volunteers;
        let assignment = free.iter().find_map(|(s, members)| {
            let freed = team
                .iter()
                .filter(|&&v| !members.contains(&v))
                .filter(|&&v| ctx.pair(d, v, &[]).is_some_and(|(_, h)| ctx.state(v, *s, h, &changes).ok()))
                .count();
            if members.len() + freed < people {
                return None;
            }
            let members = ctx.cheapest(d, *s, people, &changes);
            (members.len() == people).then(|| ctx.complete(d, *s, members, &changes)).flatten()
        })?;
        Some(Suggestion { kind: Kind::Release, size: inst.demands[e as usize].weight, changes, assignment })
    })
}
