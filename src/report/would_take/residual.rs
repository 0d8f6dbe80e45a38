//! What a plan leaves of the month, computed once per solution: hours and tasks used per
//! volunteer and per (volunteer, slot), what is left of every resource, and which assignment
//! holds each demand, volunteer and resource (for releases).

use crate::model::Plan;
use crate::problem::Problem;

/// A volunteer's use of one slot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SlotUse {
    /// Slot index.
    pub slot: u32,
    /// Hours h(d, v) of the volunteer's assignments in the slot.
    pub hours: f64,
    /// Number of them.
    pub tasks: u32,
}

/// The plan's use of every capacity, in dense indices.
#[derive(Debug, Clone)]
pub(super) struct Residual {
    /// Hours each volunteer gives in the plan.
    pub hours: Vec<f64>,
    /// Tasks each volunteer takes in the plan.
    pub tasks: Vec<u32>,
    /// Per volunteer, its uses of slots (one entry per slot used, few per volunteer).
    pub slot_use: Vec<Vec<SlotUse>>,
    /// What is left of every resource.
    pub left: Vec<f64>,
    /// Per demand, the position of its assignment in the plan (`u32::MAX` when unmet).
    pub assignment_of: Vec<u32>,
    /// Per volunteer, the positions of the assignments it serves.
    pub by_volunteer: Vec<Vec<u32>>,
    /// Per resource, the positions of the assignments it supplies.
    pub by_resource: Vec<Vec<u32>>,
    /// Whether each demand is pinned (rule 8): a pinned assignment is never released.
    pub pinned: Vec<bool>,
}

/// Not assigned, in [`Residual::assignment_of`].
pub(super) const UNMET: u32 = u32::MAX;

impl Residual {
    /// The use `plan` makes of `problem`'s month.
    pub fn of(problem: &Problem, plan: &Plan) -> Self {
        let inst = &problem.instance;
        let volunteers = inst.volunteers.len();
        let mut out = Residual {
            hours: vec![0.0; volunteers],
            tasks: vec![0; volunteers],
            slot_use: vec![Vec::new(); volunteers],
            left: inst.resource_amounts(),
            assignment_of: vec![UNMET; inst.demands.len()],
            by_volunteer: vec![Vec::new(); volunteers],
            by_resource: vec![Vec::new(); inst.resources.len()],
            pinned: vec![false; inst.demands.len()],
        };
        inst.pins.iter().for_each(|p| out.pinned[p.demand as usize] = true);
        for (i, a) in plan.assignments.iter().enumerate() {
            out.assignment_of[a.demand as usize] = i as u32;
            for &v in &a.volunteers {
                let h = pair_hours(problem, a.demand as usize, v);
                let v = v as usize;
                out.hours[v] += h;
                out.tasks[v] += 1;
                out.by_volunteer[v].push(i as u32);
                match out.slot_use[v].iter_mut().find(|u| u.slot == a.slot) {
                    Some(u) => {
                        u.hours += h;
                        u.tasks += 1;
                    }
                    None => out.slot_use[v].push(SlotUse { slot: a.slot, hours: h, tasks: 1 }),
                }
            }
            for s in &a.supplies {
                out.left[s.resource as usize] -= s.amount;
                if out.by_resource[s.resource as usize].last() != Some(&(i as u32)) {
                    out.by_resource[s.resource as usize].push(i as u32);
                }
            }
        }
        out
    }

    /// Hours and tasks volunteer `v` holds in slot `s`.
    pub fn slot_use(&self, v: usize, s: usize) -> (f64, u32) {
        self.slot_use[v].iter().find(|u| u.slot as usize == s).map_or((0.0, 0), |u| (u.hours, u.tasks))
    }
}

/// h(d, v) of a pair of the plan: its candidate hours, or the demand's hours for a volunteer
/// that is not a candidate (a plan the checker refuses; its hours still count).
pub(super) fn pair_hours(problem: &Problem, d: usize, v: u32) -> f64 {
    let list = problem.candidates.of(d);
    list.position(v).map_or(problem.instance.demands[d].hours, |k| list.hours(k))
}
