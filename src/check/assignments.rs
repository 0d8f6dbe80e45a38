//! Rules 1–3: which demands are assigned, by whom, and when.

use super::pairs::{Pairs, Reach};
use super::plan::Plan;
use super::{id_list, num, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;
use std::collections::HashMap;

/// Rule 1: each demand is assigned at most once, and every `must` demand is assigned.
///
/// A demand assigned k > 1 times gives one violation naming the positions of its assignments.
pub(super) fn check_rule1_each_demand_at_most_once(instance: &Instance, names: &Names, plan: &Plan) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut positions: HashMap<u32, Vec<usize>> = HashMap::new();
    for a in plan.assignments.iter().filter(|a| plan.times_assigned[a.demand as usize] > 1) {
        positions.entry(a.demand).or_default().push(a.position);
    }
    let mut repeated: Vec<(u32, Vec<usize>)> = positions.into_iter().collect();
    repeated.sort_unstable();
    for (d, at) in repeated {
        let times = at.len();
        let at = at.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
        violations.push(Violation::new(
            Rule::AtMostOnce,
            format!("demand {} is assigned {times} times (assignments {at})", quoted(&names.demands[d as usize])),
        ));
    }
    for (d, demand) in instance.demands.iter().enumerate() {
        if demand.must && plan.times_assigned[d] == 0 {
            violations.push(Violation::new(
                Rule::AtMostOnce,
                format!("demand {} must be met but is not assigned", quoted(&names.demands[d])),
            ));
        }
    }
    violations
}

/// Rule 2: an assignment of d names exactly `people` distinct volunteers, each a candidate for d
/// (every skill of d, and an arc or, without arcs, a distance within `max_km`).
///
/// The team size counts the names as written, unknown ids included (those are reported as
/// references); a name written twice is reported once per repeated name.
pub(super) fn check_rule2_team(instance: &Instance, names: &Names, plan: &Plan, pairs: &Pairs) -> Vec<Violation> {
    let mut violations = Vec::new();
    for a in &plan.assignments {
        let demand = &instance.demands[a.demand as usize];
        let whose = format!("demand {}", quoted(&names.demands[a.demand as usize]));
        let listed = a.spec.volunteers.len();
        if listed != demand.people as usize {
            violations.push(Violation::new(
                Rule::Team,
                format!(
                    "{whose}: needs {} volunteers, the assignment names {listed} ({})",
                    demand.people,
                    id_list(a.spec.volunteers.iter().map(String::as_str))
                ),
            ));
        }
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for id in &a.spec.volunteers {
            match counts.iter_mut().find(|(seen, _)| *seen == id.as_str()) {
                Some((_, n)) => *n += 1,
                None => counts.push((id.as_str(), 1)),
            }
        }
        for (id, n) in counts.into_iter().filter(|&(_, n)| n > 1) {
            violations
                .push(Violation::new(Rule::Team, format!("{whose}: volunteer {} is listed {n} times", quoted(id))));
        }
        for &v in &a.team {
            let who = format!("{whose}: volunteer {}", quoted(&names.volunteers[v as usize]));
            let missing = pairs.missing_skills(a.demand, v);
            if !missing.is_empty() {
                let plural = if missing.len() > 1 { "s" } else { "" };
                let skills = id_list(missing.iter().map(|&s| names.skills[s as usize].as_str()));
                violations.push(Violation::new(Rule::Team, format!("{who} lacks skill{plural} {skills}")));
            }
            let why = match pairs.pair(a.demand, v).reach {
                Reach::Yes => continue,
                Reach::NoArc => {
                    "has no arc to the demand (the instance's arcs alone define the candidates)".to_string()
                }
                Reach::TooFar(km) => format!("is {} km away, beyond max_km {}", num(km), num(instance.policy.max_km)),
                Reach::NoLocation => "cannot be measured: the volunteer or the demand has no location".to_string(),
            };
            violations.push(Violation::new(Rule::Team, format!("{who} {why}")));
        }
    }
    violations
}

/// Rule 3: the slot is allowed by the demand and available to every volunteer of its team.
///
/// An assignment whose slot id is unknown is left to the reference check.
pub(super) fn check_rule3_slot(instance: &Instance, names: &Names, plan: &Plan) -> Vec<Violation> {
    let mut violations = Vec::new();
    for a in &plan.assignments {
        let Some(slot) = a.slot else { continue };
        let whose = format!("demand {}", quoted(&names.demands[a.demand as usize]));
        let slot_id = quoted(&names.slots[slot as usize]);
        if !instance.demands[a.demand as usize].slots.contains(slot as usize) {
            violations
                .push(Violation::new(Rule::Slot, format!("{whose}: slot {slot_id} is not allowed by the demand")));
        }
        for &v in &a.team {
            if !instance.volunteers[v as usize].slots.contains(slot as usize) {
                violations.push(Violation::new(
                    Rule::Slot,
                    format!(
                        "{whose}: volunteer {} is not available in slot {slot_id}",
                        quoted(&names.volunteers[v as usize])
                    ),
                ));
            }
        }
    }
    violations
}
