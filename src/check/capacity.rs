//! Rules 4 and 5: a volunteer's hours per slot and over the month, and its number of tasks.

use super::pairs::Pairs;
use super::plan::Plan;
use super::{exceeds, id_list, num, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

/// One volunteer's work on one assignment.
struct Work {
    position: usize,
    volunteer: u32,
    slot: Option<u32>,
    hours: f64,
    demand: u32,
}

/// Every (volunteer, assignment) of the plan with the hours h(d, v), grouped by volunteer and
/// then slot, in file order within a group. A team member listed twice works once.
fn work(plan: &Plan, pairs: &Pairs) -> Vec<Work> {
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

/// The demand ids of a group of work in file order, for messages.
fn demands_of(names: &Names, group: &[Work]) -> String {
    let mut group: Vec<&Work> = group.iter().collect();
    group.sort_by_key(|w| w.position);
    id_list(group.iter().map(|w| names.demands[w.demand as usize].as_str()))
}

/// Rule 4: for every volunteer and slot, the hours h(d, v) of its assignments in that slot sum
/// to at most the slot's `hours` (plus `1e-6 × max(1, hours)`).
///
/// Assignments whose slot id is unknown are left to the reference check.
pub(super) fn check_rule4_slot_hours(instance: &Instance, names: &Names, plan: &Plan, pairs: &Pairs) -> Vec<Violation> {
    let work = work(plan, pairs);
    let mut violations = Vec::new();
    for group in work.chunk_by(|a, b| (a.volunteer, a.slot) == (b.volunteer, b.slot)) {
        let Some(slot) = group[0].slot else { continue };
        let cap = instance.slots[slot as usize].hours;
        let total: f64 = group.iter().map(|w| w.hours).sum();
        if exceeds(total, cap) {
            violations.push(Violation::new(
                Rule::SlotHours,
                format!(
                    "volunteer {} works {} h in slot {}, above the slot's {} h (demands {})",
                    quoted(&names.volunteers[group[0].volunteer as usize]),
                    num(total),
                    quoted(&names.slots[slot as usize]),
                    num(cap),
                    demands_of(names, group)
                ),
            ));
        }
    }
    violations
}

/// Rule 5: for every volunteer, the hours h(d, v) of all its assignments sum to at most its
/// `hours` (plus `1e-6 × max(1, hours)`), and their count is at most its `max_tasks` (exactly:
/// a count has no tolerance).
pub(super) fn check_rule5_volunteer_limits(
    instance: &Instance,
    names: &Names,
    plan: &Plan,
    pairs: &Pairs,
) -> Vec<Violation> {
    let work = work(plan, pairs);
    let mut violations = Vec::new();
    for group in work.chunk_by(|a, b| a.volunteer == b.volunteer) {
        let v = group[0].volunteer;
        let volunteer = &instance.volunteers[v as usize];
        let who = quoted(&names.volunteers[v as usize]);
        let total: f64 = group.iter().map(|w| w.hours).sum();
        if exceeds(total, volunteer.hours) {
            violations.push(Violation::new(
                Rule::VolunteerLimits,
                format!(
                    "volunteer {who} works {} h, above its {} h (demands {})",
                    num(total),
                    num(volunteer.hours),
                    demands_of(names, group)
                ),
            ));
        }
        if group.len() as u64 > u64::from(volunteer.max_tasks) {
            violations.push(Violation::new(
                Rule::VolunteerLimits,
                format!(
                    "volunteer {who} has {} assignments, above its max_tasks {} (demands {})",
                    group.len(),
                    volunteer.max_tasks,
                    demands_of(names, group)
                ),
            ));
        }
    }
    violations
}
