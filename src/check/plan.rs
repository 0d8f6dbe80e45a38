//! Resolving the solution's string ids to the instance's dense indices, reporting every id
//! that names nothing.

use super::{quoted, Rule, Violation};
use crate::format::{AssignmentSpec, Names, SolutionSpec};
use crate::model::Instance;
use std::collections::HashMap;

/// One assignment of a known demand, its references resolved.
pub(super) struct Assigned<'a> {
    /// Position in the solution's `assignments`.
    pub position: usize,
    /// The assignment as written, for the names and counts rule 2 looks at.
    pub spec: &'a AssignmentSpec,
    /// The demand.
    pub demand: u32,
    /// The slot, `None` when its id is unknown.
    pub slot: Option<u32>,
    /// The known volunteers, each once, in the order first listed.
    pub team: Vec<u32>,
    /// The supplies from known resources, in the order listed.
    pub supplies: Vec<(u32, f64)>,
    /// Whether a supply names an unknown resource, so that the need sums cannot be judged.
    pub unknown_resource: bool,
    /// The known standby volunteers (rule 9), as listed (repeats kept: rule 9 reports them).
    pub standby: Vec<u32>,
}

/// The plan of a solution in dense indices. Assignments of unknown demands are left out.
pub(super) struct Plan<'a> {
    /// The assignments of known demands, in file order.
    pub assignments: Vec<Assigned<'a>>,
    /// Number of assignments per demand.
    pub times_assigned: Vec<u32>,
}

impl Plan<'_> {
    /// Number of distinct demands assigned.
    pub fn assigned_count(&self) -> usize {
        self.times_assigned.iter().filter(|&&n| n > 0).count()
    }
}

/// Position of each id.
fn index(ids: &[String]) -> HashMap<&str, u32> {
    ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect()
}

/// Resolves every id of `solution`, pushing a [`Rule::Reference`] violation for each unknown one
/// (in assignments and in the `unassigned` list alike).
pub(super) fn resolve<'a>(
    instance: &Instance,
    names: &Names,
    solution: &'a SolutionSpec,
    violations: &mut Vec<Violation>,
) -> Plan<'a> {
    let demands = index(&names.demands);
    let slots = index(&names.slots);
    let volunteers = index(&names.volunteers);
    let resources = index(&names.resources);
    let mut plan = Plan {
        assignments: Vec::with_capacity(solution.assignments.len()),
        times_assigned: vec![0; instance.demands.len()],
    };
    // A volunteer listed twice is a rule 2 matter; here it is kept once so that its hours and
    // costs are not counted twice.
    let mut seen = vec![u32::MAX; instance.volunteers.len()];
    for (position, a) in solution.assignments.iter().enumerate() {
        let demand = demands.get(a.demand.as_str()).copied();
        let whose = match demand {
            Some(_) => format!("demand {}", quoted(&a.demand)),
            None => {
                violations.push(Violation::new(
                    Rule::Reference,
                    format!("assignment {position}: unknown demand {}", quoted(&a.demand)),
                ));
                format!("assignment {position} (unknown demand {})", quoted(&a.demand))
            }
        };
        let slot = slots.get(a.slot.as_str()).copied();
        if slot.is_none() {
            violations.push(Violation::new(Rule::Reference, format!("{whose}: unknown slot {}", quoted(&a.slot))));
        }
        let mut team = Vec::with_capacity(a.volunteers.len());
        for id in &a.volunteers {
            match volunteers.get(id.as_str()) {
                Some(&v) if seen[v as usize] != position as u32 => {
                    seen[v as usize] = position as u32;
                    team.push(v);
                }
                Some(_) => {}
                None => violations
                    .push(Violation::new(Rule::Reference, format!("{whose}: unknown volunteer {}", quoted(id)))),
            }
        }
        let mut supplies = Vec::with_capacity(a.supplies.len());
        let mut unknown_resource = false;
        for s in &a.supplies {
            match resources.get(s.resource.as_str()) {
                Some(&r) => supplies.push((r, s.amount)),
                None => {
                    unknown_resource = true;
                    violations.push(Violation::new(
                        Rule::Reference,
                        format!("{whose}: unknown resource {}", quoted(&s.resource)),
                    ));
                }
            }
        }
        let mut standby = Vec::with_capacity(a.standby.len());
        for id in &a.standby {
            match volunteers.get(id.as_str()) {
                Some(&v) => standby.push(v),
                None => violations.push(Violation::new(
                    Rule::Reference,
                    format!("{whose}: unknown standby volunteer {}", quoted(id)),
                )),
            }
        }
        if let Some(demand) = demand {
            plan.times_assigned[demand as usize] += 1;
            let assigned = Assigned { position, spec: a, demand, slot, team, supplies, unknown_resource, standby };
            plan.assignments.push(assigned);
        }
    }
    for (position, u) in solution.unassigned.iter().enumerate() {
        if !demands.contains_key(u.demand.as_str()) {
            violations.push(Violation::new(
                Rule::Reference,
                format!("unassigned entry {position}: unknown demand {}", quoted(&u.demand)),
            ));
        }
    }
    plan
}
