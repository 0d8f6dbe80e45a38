//! Suggestions in the solution file's words: ids for indices, `new-1`, `new-2`, ... for new
//! volunteers (skipping ids the month already has).

use super::{would_take, Change, Suggestion};
use crate::format::{ChangeSpec, SolutionSpec, SuggestedAssignmentSpec, SupplySpec, WouldTakeSpec};
use crate::model::Plan;
use crate::problem::Problem;
use std::collections::{HashMap, HashSet};

/// `would_take_none` of an unmet demand for which no kind of change suffices alone.
pub const NONE_SUFFICES: &str =
    "no single kind of change suffices: it would take changes of two kinds or more (or a resource its region lacks)";

/// Fills `would_take` (and `would_take_none` where it is empty) of every `unassigned` entry of
/// `solution`, the file of `plan` on `problem`.
pub fn attach_would_take(problem: &Problem, plan: &Plan, solution: &mut SolutionSpec) {
    let found = would_take(problem, plan);
    let most_new = found.iter().flat_map(|w| &w.suggestions).map(new_count).max().unwrap_or(0);
    let names = Words { problem, new_ids: new_ids(problem, most_new) };
    let mut by_demand: HashMap<&str, Vec<WouldTakeSpec>> = HashMap::with_capacity(found.len());
    for w in &found {
        let specs = w.suggestions.iter().map(|s| names.suggestion(s)).collect();
        by_demand.insert(problem.names.demands[w.demand as usize].as_str(), specs);
    }
    for u in &mut solution.unassigned {
        let specs = by_demand.remove(u.demand.as_str()).unwrap_or_default();
        u.would_take_none = specs.is_empty().then(|| NONE_SUFFICES.to_string());
        u.would_take = Some(specs);
    }
}

/// Number of new volunteers a suggestion brings.
fn new_count(s: &Suggestion) -> usize {
    s.changes.iter().filter(|c| matches!(c, Change::NewVolunteer { .. })).count()
}

/// The first `count` ids `new-1`, `new-2`, ... that no volunteer of the month has.
fn new_ids(problem: &Problem, count: usize) -> Vec<String> {
    let taken: HashSet<&str> = problem.names.volunteers.iter().map(String::as_str).collect();
    (1..).map(|k| format!("new-{k}")).filter(|id| !taken.contains(id.as_str())).take(count).collect()
}

/// Ids for the indices of one month.
struct Words<'a> {
    problem: &'a Problem,
    new_ids: Vec<String>,
}

impl Words<'_> {
    fn volunteer(&self, v: u32) -> String {
        let names = &self.problem.names.volunteers;
        match names.get(v as usize) {
            Some(id) => id.clone(),
            None => self.new_ids[v as usize - names.len()].clone(),
        }
    }

    fn suggestion(&self, s: &Suggestion) -> WouldTakeSpec {
        let names = &self.problem.names;
        let a = &s.assignment;
        WouldTakeSpec {
            kind: s.kind.as_str().to_string(),
            size: s.size,
            changes: s.changes.iter().map(|c| self.change(c)).collect(),
            assignment: SuggestedAssignmentSpec {
                slot: names.slots[a.slot as usize].clone(),
                volunteers: a.volunteers.iter().map(|&v| self.volunteer(v)).collect(),
                supplies: a
                    .supplies
                    .iter()
                    .map(|x| SupplySpec { resource: names.resources[x.resource as usize].clone(), amount: x.amount })
                    .collect(),
                standby: a.standby.iter().map(|&v| self.volunteer(v)).collect(),
            },
        }
    }

    fn change(&self, c: &Change) -> ChangeSpec {
        let names = &self.problem.names;
        match c {
            Change::VolunteerHours { volunteer, add } => {
                ChangeSpec::VolunteerHours { volunteer: self.volunteer(*volunteer), add: *add }
            }
            Change::ResourceAmount { resource, add } => {
                ChangeSpec::ResourceAmount { resource: names.resources[*resource as usize].clone(), add: *add }
            }
            Change::MaxKm { value, volunteers } => {
                ChangeSpec::MaxKm { value: *value, volunteers: volunteers.iter().map(|&v| self.volunteer(v)).collect() }
            }
            Change::VolunteerSlot { volunteer, slot } => ChangeSpec::VolunteerSlot {
                volunteer: self.volunteer(*volunteer),
                slot: names.slots[*slot as usize].clone(),
            },
            Change::NewVolunteer { volunteer, skills, at, hours, slot } => ChangeSpec::NewVolunteer {
                id: self.volunteer(*volunteer),
                skills: skills.iter().map(|&k| names.skills[k as usize].clone()).collect(),
                at: *at,
                hours: *hours,
                slots: vec![names.slots[*slot as usize].clone()],
            },
            Change::Release { demand } => ChangeSpec::Release { demand: names.demands[*demand as usize].clone() },
        }
    }
}
