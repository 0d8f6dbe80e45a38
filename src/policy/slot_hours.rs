//! Rule 4: for every volunteer and slot, the hours h(d, v) of its assignments in that slot sum
//! to at most the slot's `hours`.

use super::family::{Amount, Family, RuleName};
use crate::model::Instance;

/// How the rule names itself.
pub const SLOT_HOURS: RuleName =
    RuleName { number: "4", field: "slots[].hours", shortage: "with the slot's hours used" };

/// One row per volunteer and slot (each slot its own group) summing hours, capped by the
/// slot's `hours`.
pub fn slot_hours_family(instance: &Instance) -> Family {
    let slots = instance.slots.len();
    let caps = instance.slots.iter().map(|s| s.hours).collect();
    Family::per_group(SLOT_HOURS, Amount::Hours, instance.volunteers.len(), (0..slots as u32).collect(), caps)
}
