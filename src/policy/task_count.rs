//! Rule 5, the count: a volunteer takes at most its `max_tasks` assignments in the month.

use super::family::{Amount, Family, RuleName};
use crate::model::Instance;

/// How the rule names itself.
pub const TASK_COUNT: RuleName = RuleName { number: "5", field: "max_tasks", shortage: "at max_tasks" };

/// One row per volunteer counting its tasks, capped by its `max_tasks`.
pub fn task_count_family(instance: &Instance) -> Family {
    let caps = instance
        .volunteers
        .iter()
        .map(|v| if v.max_tasks == u32::MAX { f64::INFINITY } else { f64::from(v.max_tasks) })
        .collect();
    Family::per_volunteer(TASK_COUNT, Amount::Tasks, instance.slots.len(), caps)
}
