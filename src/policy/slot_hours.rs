//! Rule 4: for every volunteer and slot, the hours h(d, v) of its assignments in that slot sum
//! to at most the slot's `hours`.

use super::family::{Amount, Family, RuleName};
use crate::model::Instance;

/// How the rule names itself.
pub const SLOT_HOURS: RuleName =
    RuleName { number: "4", field: "slots[].hours", shortage: "with the slot's hours used" };

/// One row per volunteer and slot (each slot its own group) summing hours, capped by the
/// slot's `hours` (less what pins hold of it, on a residual instance).
pub fn slot_hours_family(instance: &Instance) -> Family {
    let slots = instance.slots.len();
    if instance.has_bookings() {
        let caps = (0..instance.volunteers.len())
            .flat_map(|v| (0..slots).map(move |s| instance.slot_hours_left(v, s)))
            .collect();
        return Family::per_row(SLOT_HOURS, Amount::Hours, (0..slots as u32).collect(), caps);
    }
    let caps = instance.slots.iter().map(|s| s.hours).collect();
    Family::per_group(SLOT_HOURS, Amount::Hours, instance.volunteers.len(), (0..slots as u32).collect(), caps)
}
