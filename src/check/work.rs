//! The work of a plan per volunteer and slot, which the checks of rules 4, 4b and 5 sum.

use super::id_list;
use super::pairs::Pairs;
use super::plan::Plan;
use crate::format::Names;

/// One volunteer's work on one assignment.
pub(super) struct Work {
    /// Position of the assignment in the solution file.
    pub position: usize,
    /// The volunteer.
    pub volunteer: u32,
    /// The slot, `None` when its id is unknown.
    pub slot: Option<u32>,
    /// The hours h(d, v).
    pub hours: f64,
    /// The demand.
    pub demand: u32,
}

/// Every (volunteer, assignment) of the plan with the hours h(d, v), grouped by volunteer and
/// then slot, in file order within a group. A team member listed twice works once.
pub(super) fn work(plan: &Plan, pairs: &Pairs) -> Vec<Work> {
    let mut work: Vec<Work> = plan
        .assignments
        .iter()
        .flat_map(|a| {
            a.team.iter().map(move |&v| Work {
                position: a.position,
                volunteer: v,
                slot: a.slot,
                hours: pairs.pair(a.demand, v).hours,
                demand: a.demand,
            })
        })
        .collect();
    work.sort_by_key(|w| (w.volunteer, w.slot));
    work
}

/// The groups of `work` of one volunteer in one known slot (assignments whose slot id is
/// unknown are left to the reference check).
pub(super) fn per_volunteer_and_slot(work: &[Work]) -> impl Iterator<Item = (u32, u32, &[Work])> {
    work.chunk_by(|a, b| (a.volunteer, a.slot) == (b.volunteer, b.slot))
        .filter_map(|group| group[0].slot.map(|slot| (group[0].volunteer, slot, group)))
}

/// The demand ids of a group of work in file order, for messages.
pub(super) fn demands_of(names: &Names, group: &[Work]) -> String {
    let mut group: Vec<&Work> = group.iter().collect();
    group.sort_by_key(|w| w.position);
    id_list(group.iter().map(|w| names.demands[w.demand as usize].as_str()))
}
