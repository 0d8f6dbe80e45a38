//! New volunteers: people with the demand's skills living at its place, available in one of
//! its slots with the hours it takes, complete its team. What a coordinator recruits for.

use super::fits::Context;
use super::{smallest, team_cost, Change, Free, Kind, Suggestion};

/// Demand `d`'s cheapest free members in one slot and new volunteers for the places left:
/// size, the number of new volunteers.
pub(super) fn new_volunteers(ctx: &Context, d: usize, free: &Free) -> Option<Suggestion> {
    let inst = &ctx.problem.instance;
    let demand = &inst.demands[d];
    let people = demand.people as usize;
    let first = ctx.volunteer_count() as u32;
    smallest(free.iter().filter_map(|(s, members)| {
        let (s, mut members) = (*s, members.clone());
        let missing = people - members.len();
        if missing == 0 {
            return None;
        }
        let changes: Vec<Change> = (0..missing as u32)
            .map(|j| Change::NewVolunteer {
                volunteer: first + j,
                skills: demand.skills.clone(),
                at: demand.at,
                hours: demand.hours,
                slot: s as u32,
            })
            .collect();
        members.extend(first..first + missing as u32);
        let assignment = ctx.complete(d, s, members, &changes)?;
        let cost = team_cost(ctx, &assignment, &changes);
        let size = missing as f64;
        Some((size, cost, Suggestion { kind: Kind::NewVolunteer, size, changes, assignment }))
    }))
}
