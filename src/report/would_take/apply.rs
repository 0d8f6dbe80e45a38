//! A suggestion applied: the instance with its changes, and the plan with its assignment (and
//! without the assignment it releases). Whoever doubts a suggestion checks the two with
//! `civic-match check`.

use crate::format::{
    ArcSpec, AssignmentSpec, ChangeSpec, InstanceSpec, SolutionSpec, Status, UnassignedSpec, VolunteerSpec,
    WouldTakeSpec,
};

/// Applies the changes of `suggestion` (made for demand `demand`) to `spec`: hours and amounts
/// grow by `add`, `policy.max_km` becomes `value`, the slot joins the volunteer's list, a new
/// volunteer joins the list (with an arc to the demand, of the demand's hours and no cost, when
/// the month has arcs); a release changes the plan only. Fails on an id the instance lacks.
pub fn apply_suggestion(spec: &mut InstanceSpec, demand: &str, suggestion: &WouldTakeSpec) -> Result<(), String> {
    for change in &suggestion.changes {
        match change {
            ChangeSpec::VolunteerHours { volunteer, add } => {
                let v = volunteer_mut(spec, volunteer)?;
                v.hours = v.hours.map(|h| h + add);
            }
            ChangeSpec::ResourceAmount { resource, add } => {
                let r = spec.resources.iter_mut().find(|r| &r.id == resource);
                r.ok_or(format!("unknown resource {resource:?}"))?.amount += add;
            }
            ChangeSpec::MaxKm { value, .. } => spec.policy.max_km = Some(*value),
            ChangeSpec::VolunteerSlot { volunteer, slot } => {
                if let Some(slots) = &mut volunteer_mut(spec, volunteer)?.slots {
                    if !slots.contains(slot) {
                        slots.push(slot.clone());
                    }
                }
            }
            ChangeSpec::NewVolunteer { id, skills, at, hours, slots } => {
                if spec.volunteers.iter().any(|v| &v.id == id) {
                    return Err(format!("volunteer {id:?} exists already"));
                }
                spec.volunteers.push(VolunteerSpec {
                    id: id.clone(),
                    at: *at,
                    skills: Some(skills.clone()),
                    hours: Some(*hours),
                    slots: Some(slots.clone()),
                    ..VolunteerSpec::default()
                });
                if !spec.arcs.is_empty() {
                    spec.arcs.push(ArcSpec {
                        demand: demand.to_string(),
                        volunteer: id.clone(),
                        cost: None,
                        hours: None,
                    });
                }
            }
            ChangeSpec::Release { .. } => {}
        }
    }
    Ok(())
}

fn volunteer_mut<'a>(spec: &'a mut InstanceSpec, id: &str) -> Result<&'a mut VolunteerSpec, String> {
    spec.volunteers.iter_mut().find(|v| v.id == id).ok_or(format!("unknown volunteer {id:?}"))
}

/// `solution` with `suggestion`'s assignment of `demand` added and the demand it releases (if
/// any) moved to `unassigned`. The objective and bound are cleared: they were the old plan's
/// (the checker gives the new plan's objective).
pub fn plan_with_suggestion(solution: &SolutionSpec, demand: &str, suggestion: &WouldTakeSpec) -> SolutionSpec {
    let mut out = solution.clone();
    for change in &suggestion.changes {
        if let ChangeSpec::Release { demand: released } = change {
            out.assignments.retain(|a| &a.demand != released);
            out.unassigned.push(UnassignedSpec {
                demand: released.clone(),
                code: None,
                reason: format!("released for {demand}"),
                would_take: None,
                would_take_none: None,
            });
        }
    }
    out.unassigned.retain(|u| u.demand != demand);
    let a = &suggestion.assignment;
    out.assignments.push(AssignmentSpec {
        demand: demand.to_string(),
        slot: a.slot.clone(),
        volunteers: a.volunteers.clone(),
        supplies: a.supplies.clone(),
        standby: a.standby.clone(),
    });
    out.status = Status::Feasible;
    out.objective = None;
    out.bound = None;
    out
}
