//! Count rows implied by the hours rules: a volunteer whose every task there takes at least
//! h hours takes at most ⌊cap / h⌋ tasks within a cap of `cap` hours — in a slot (rule 4) or
//! in the month (rule 5). Every plan the rules allow keeps them, so a relaxation may add them;
//! they cut off the fractional plans in which a volunteer does one and a half tasks of 2 hours
//! in a slot of 3.

use super::family::{Amount, Family};
use super::{SLACK, SLOT_HOURS, VOLUNTEER_HOURS};
use crate::model::Instance;

/// The implied count rows that are tighter than the rules' own counts, as at most two
/// families (per volunteer and slot, when `by_slot`; per volunteer). `least`: the fewest hours
/// of any task volunteer v could take, in slot s at v × slots + s when `by_slot`, else in the
/// month at v (`INFINITY`: none).
pub fn implied_count_families(instance: &Instance, least: &[f64], by_slot: bool) -> Vec<Family> {
    let slots = instance.slots.len();
    let volunteers = instance.volunteers.len();
    let width = if by_slot { slots } else { 1 };
    assert_eq!(least.len(), volunteers * width, "one least-hours entry per volunteer (and slot)");
    let per_slot_cap = match instance.policy.max_tasks_per_slot {
        u32::MAX => f64::INFINITY,
        n => f64::from(n),
    };
    let mut in_slot = vec![f64::INFINITY; volunteers * slots];
    let mut in_month = vec![f64::INFINITY; volunteers];
    for (v, volunteer) in instance.volunteers.iter().enumerate() {
        let row = &least[v * width..(v + 1) * width];
        if by_slot {
            for (s, &h) in row.iter().enumerate() {
                in_slot[v * slots + s] = tighter(most_tasks(instance.slots[s].hours, h), per_slot_cap);
            }
        }
        let fewest = row.iter().copied().fold(f64::INFINITY, f64::min);
        let max_tasks = if volunteer.max_tasks == u32::MAX { f64::INFINITY } else { f64::from(volunteer.max_tasks) };
        in_month[v] = tighter(most_tasks(volunteer.hours, fewest), max_tasks);
    }
    let group_of_slot: Vec<u32> = (0..slots as u32).collect();
    [
        Family::per_row(SLOT_HOURS, Amount::Tasks, group_of_slot, in_slot),
        Family::per_row(VOLUNTEER_HOURS, Amount::Tasks, vec![0; slots], in_month),
    ]
    .into_iter()
    .filter(Family::can_bind)
    .collect()
}

/// Most tasks of at least `hours` each within `cap` hours (`INFINITY` when no task is known).
fn most_tasks(cap: f64, hours: f64) -> f64 {
    if !(hours > 0.0 && hours.is_finite()) {
        return f64::INFINITY;
    }
    ((cap + SLACK * cap.abs().max(1.0)) / hours).floor().max(0.0)
}

/// `implied` where it is below the rule's own count `cap`, else unlimited (the row adds nothing).
fn tighter(implied: f64, cap: f64) -> f64 {
    if implied < cap {
        implied
    } else {
        f64::INFINITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_hour_tasks_fit_once_in_three_hours_and_twice_in_four() {
        assert_eq!(most_tasks(3.0, 2.0), 1.0);
        assert_eq!(most_tasks(4.0, 2.0), 2.0);
        assert_eq!(most_tasks(3.3, 1.1), 3.0);
        assert_eq!(most_tasks(4.0, f64::INFINITY), f64::INFINITY);
        assert_eq!(tighter(2.0, 2.0), f64::INFINITY);
        assert_eq!(tighter(1.0, 2.0), 1.0);
    }
}
