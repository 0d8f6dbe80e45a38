//! Rule 5: a volunteer's hours over the month and its number of tasks.

use super::pairs::Pairs;
use super::plan::Plan;
use super::work::{demands_of, work};
use super::{exceeds, num, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

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
