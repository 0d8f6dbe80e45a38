//! Rule 5, the hours: the hours h(d, v) of all of a volunteer's assignments sum to at most its
//! `hours`.

use super::family::{Amount, Family, RuleName};
use crate::model::Instance;

/// How the rule names itself.
pub const VOLUNTEER_HOURS: RuleName = RuleName { number: "5", field: "hours", shortage: "out of monthly hours" };

/// One row per volunteer summing its hours over the month, capped by its `hours`.
pub fn volunteer_hours_family(instance: &Instance) -> Family {
    let caps = instance.volunteers.iter().map(|v| v.hours).collect();
    Family::per_volunteer(VOLUNTEER_HOURS, Amount::Hours, instance.slots.len(), caps)
}
