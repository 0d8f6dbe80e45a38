//! Rule 4b: a volunteer's number of assignments within one slot.

use super::pairs::Pairs;
use super::plan::Plan;
use super::work::{demands_of, per_volunteer_and_slot, work};
use super::{quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

/// Rule 4b: for every volunteer and slot, the number of its assignments in that slot is at
/// most `policy.max_tasks_per_slot` (exactly: a count has no tolerance).
///
/// Assignments whose slot id is unknown are left to the reference check.
pub(super) fn check_rule4b_slot_tasks(
    instance: &Instance,
    names: &Names,
    plan: &Plan,
    pairs: &Pairs,
) -> Vec<Violation> {
    let cap = instance.policy.max_tasks_per_slot;
    if cap == u32::MAX {
        // Unlimited: no count can exceed it, so the plan's work need not be gathered.
        return Vec::new();
    }
    let work = work(plan, pairs);
    let mut violations = Vec::new();
    for (volunteer, slot, group) in per_volunteer_and_slot(&work) {
        if group.len() as u64 > u64::from(cap) {
            violations.push(Violation::new(
                Rule::SlotTasks,
                format!(
                    "volunteer {} has {} assignments in slot {}, above max_tasks_per_slot {cap} (demands {})",
                    quoted(&names.volunteers[volunteer as usize]),
                    group.len(),
                    quoted(&names.slots[slot as usize]),
                    demands_of(names, group)
                ),
            ));
        }
    }
    violations
}
