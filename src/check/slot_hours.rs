//! Rule 4: a volunteer's hours within one slot.

use super::pairs::Pairs;
use super::plan::Plan;
use super::work::{demands_of, per_volunteer_and_slot, work};
use super::{exceeds, num, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

/// Rule 4: for every volunteer and slot, the hours h(d, v) of its assignments in that slot sum
/// to at most the slot's `hours` (plus `1e-6 × max(1, hours)`).
///
/// Assignments whose slot id is unknown are left to the reference check.
pub(super) fn check_rule4_slot_hours(instance: &Instance, names: &Names, plan: &Plan, pairs: &Pairs) -> Vec<Violation> {
    let work = work(plan, pairs);
    let mut violations = Vec::new();
    for (volunteer, slot, group) in per_volunteer_and_slot(&work) {
        let cap = instance.slots[slot as usize].hours;
        let total: f64 = group.iter().map(|w| w.hours).sum();
        if exceeds(total, cap) {
            violations.push(Violation::new(
                Rule::SlotHours,
                format!(
                    "volunteer {} works {} h in slot {}, above the slot's {} h (demands {})",
                    quoted(&names.volunteers[volunteer as usize]),
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
