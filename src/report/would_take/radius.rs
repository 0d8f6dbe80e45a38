//! A wider walking radius: the nearest volunteers just beyond `max_km` who hold the demand's
//! skills and are free in one of its slots complete its team.

use super::fits::Context;
use super::{round_up, smallest, team_cost, Change, Free, Kind, Suggestion};
use crate::candidates::haversine_km;

/// Demand `d`'s team in one slot completed by the nearest free volunteers within
/// [`super::RADIUS_FACTOR`] × `max_km` who are not candidates yet: size, the km added to
/// `max_km` (the new radius rounded up to hundredths of a km).
pub(super) fn wider_radius(ctx: &Context, d: usize, free: &Free) -> Option<Suggestion> {
    let inst = &ctx.problem.instance;
    let demand = &inst.demands[d];
    let (Some(index), Some(at)) = (&ctx.wide, demand.at) else { return None };
    let max_km = inst.policy.max_km;
    let row = ctx.rows.row(&demand.skills);
    let mut beyond: Vec<(f64, u32)> = index
        .near(at, &demand.skills)
        .filter(|&v| ctx.rows.holds(v, &row))
        .filter_map(|v| {
            let km = haversine_km(inst.volunteers[v].at?, at);
            (km > max_km + 1e-9 && km <= ctx.wide_km).then_some((km, v as u32))
        })
        .collect();
    // Hours and tasks do not depend on the slot: those short of them are dropped once, not per
    // slot (a city ring holds a thousand volunteers).
    let any = demand.slots.iter().next()?;
    beyond.retain(|&(_, v)| {
        let state = ctx.state(v, any, demand.hours, &[]);
        state.hours_short <= 0.0 && state.tasks_ok
    });
    if beyond.is_empty() {
        return None;
    }
    beyond.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let people = demand.people as usize;
    smallest(free.iter().filter_map(|(s, members)| {
        let (s, mut members) = (*s, members.clone());
        let missing = people - members.len();
        if missing == 0 {
            return None;
        }
        let brought: Vec<(f64, u32)> = beyond
            .iter()
            .copied()
            .filter(|&(_, v)| inst.volunteers[v as usize].slots.contains(s) && ctx.state(v, s, demand.hours, &[]).ok())
            .take(missing)
            .collect();
        if brought.len() < missing {
            return None;
        }
        let value = round_up(brought[missing - 1].0);
        let volunteers: Vec<u32> = brought.iter().map(|b| b.1).collect();
        members.extend(&volunteers);
        let changes = vec![Change::MaxKm { value, volunteers }];
        let assignment = ctx.complete(d, s, members, &changes)?;
        let cost = team_cost(ctx, &assignment, &changes);
        let size = value - max_km;
        Some((size, cost, Suggestion { kind: Kind::MaxKm, size, changes, assignment }))
    }))
}
