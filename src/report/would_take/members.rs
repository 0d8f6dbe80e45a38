//! Changes to the month's own candidates: none at all (the demand fits what the plan leaves),
//! more hours for some of them, or another slot opened for some of them.

use super::fits::Context;
use super::{round_up, smallest, team_cost, Change, Free, Kind, Pool, Suggestion};

/// The cheapest assignment of demand `d` that fits the residual as it is, over its slots.
pub(super) fn fits_now(ctx: &Context, d: usize, free: &Free) -> Option<Suggestion> {
    let people = ctx.problem.instance.demands[d].people as usize;
    smallest(free.iter().filter_map(|(s, members)| {
        if members.len() < people {
            return None;
        }
        let assignment = ctx.complete(d, *s, members.clone(), &[])?;
        let cost = team_cost(ctx, &assignment, &[]);
        Some((0.0, cost, Suggestion { kind: Kind::FitsNow, size: 0.0, changes: Vec::new(), assignment }))
    }))
}

/// The team of demand `d` whose members lack the fewest monthly hours in one slot (all else
/// free for them), with those hours added: size, the hours added.
pub(super) fn more_hours(ctx: &Context, d: usize, pool: &Pool) -> Option<Suggestion> {
    let demand = &ctx.problem.instance.demands[d];
    let people = demand.people as usize;
    let list = ctx.problem.candidates.of(d);
    smallest(demand.slots.iter().filter_map(|s| {
        let short: Vec<(f64, usize)> = pool
            .iter()
            .copied()
            .filter(|&(_, k)| {
                let v = list.volunteers[k];
                ctx.problem.instance.volunteers[v as usize].slots.contains(s)
                    && ctx.state(v, s, list.hours(k), &[]).slot_ok
            })
            .take(people)
            .collect();
        if short.len() < people {
            return None;
        }
        let changes: Vec<Change> = short
            .iter()
            .filter(|x| x.0 > 0.0)
            .map(|&(h, k)| Change::VolunteerHours { volunteer: list.volunteers[k], add: round_up(h) })
            .collect();
        if changes.is_empty() {
            return None;
        }
        let size = changes.iter().map(|c| if let Change::VolunteerHours { add, .. } = c { *add } else { 0.0 }).sum();
        let members = short.iter().map(|&(_, k)| list.volunteers[k]).collect();
        let assignment = ctx.complete(d, s, members, &changes)?;
        let cost = team_cost(ctx, &assignment, &changes);
        Some((size, cost, Suggestion { kind: Kind::VolunteerHours, size, changes, assignment }))
    }))
}

/// The team of demand `d` in one slot that needs the fewest of its members to open that slot
/// (all else free for them): size, the number of slots opened.
pub(super) fn open_slots(ctx: &Context, d: usize, free: &Free, pool: &Pool) -> Option<Suggestion> {
    let people = ctx.problem.instance.demands[d].people as usize;
    let list = ctx.problem.candidates.of(d);
    smallest(free.iter().filter_map(|(s, members)| {
        let (s, mut members) = (*s, members.clone());
        let missing = people - members.len();
        if missing == 0 {
            return None;
        }
        let mut by_cost: Vec<usize> = pool.iter().take_while(|p| p.0 <= 0.0).map(|p| p.1).collect();
        by_cost.sort_unstable();
        let opened: Vec<u32> = by_cost
            .into_iter()
            .filter(|&k| {
                let state = ctx.state(list.volunteers[k], s, list.hours(k), &[]);
                !state.available && state.slot_ok
            })
            .map(|k| list.volunteers[k])
            .take(missing)
            .collect();
        if opened.len() < missing {
            return None;
        }
        let changes: Vec<Change> =
            opened.iter().map(|&v| Change::VolunteerSlot { volunteer: v, slot: s as u32 }).collect();
        members.extend(opened);
        let assignment = ctx.complete(d, s, members, &changes)?;
        let cost = team_cost(ctx, &assignment, &changes);
        let size = missing as f64;
        Some((size, cost, Suggestion { kind: Kind::VolunteerSlot, size, changes, assignment }))
    }))
}
