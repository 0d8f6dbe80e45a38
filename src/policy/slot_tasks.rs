//! Rule 4b: for every volunteer and slot, the number of its assignments in that slot is at
//! most `policy.max_tasks_per_slot` ("a member takes at most one task per half day").

use super::family::{Amount, Family, RuleName};
use crate::model::Instance;

/// How the rule names itself.
pub const SLOT_TASKS: RuleName =
    RuleName { number: "4b", field: "max_tasks_per_slot", shortage: "at max_tasks_per_slot" };

/// One row per volunteer and slot (each slot its own group) counting tasks, every row capped
/// by `policy.max_tasks_per_slot` (unlimited when absent: then no row can bind), less what pins
/// hold of it on a residual instance.
pub fn slot_tasks_family(instance: &Instance) -> Family {
    let slots = instance.slots.len();
    if instance.has_bookings() && instance.policy.max_tasks_per_slot != u32::MAX {
        let caps = (0..instance.volunteers.len())
            .flat_map(|v| (0..slots).map(move |s| instance.slot_tasks_left(v, s)))
            .collect();
        return Family::per_row(SLOT_TASKS, Amount::Tasks, (0..slots as u32).collect(), caps);
    }
    let cap = match instance.policy.max_tasks_per_slot {
        u32::MAX => f64::INFINITY,
        n => f64::from(n),
    };
    Family::per_group(
        SLOT_TASKS,
        Amount::Tasks,
        instance.volunteers.len(),
        (0..slots as u32).collect(),
        vec![cap; slots],
    )
}
