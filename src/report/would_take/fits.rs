//! The one feasibility test of a suggested assignment against the plan's residual with a
//! suggestion's changes applied, and the member and supply tests the searches build on.
//!
//! Every suggestion passes [`Context::fits`] before it is offered, so a rule of the month is
//! added to suggestions by adding it there (and to [`Context::state`] when a search should
//! steer by it).

use super::residual::{pair_hours, Residual, UNMET};
use super::Change;
use crate::candidates::{haversine_km, SkillRows, VolunteerIndex};
use crate::model::{Assignment, Plan, Supply};
use crate::policy::fits as within;
use crate::policy::Standby;
use crate::problem::Problem;
use std::borrow::Cow;

/// Tolerance of an exact supply total (rule 6), as the checker's.
const SUPPLY_TOLERANCE: f64 = 1e-6;

/// The month, the plan and what the plan leaves, shared by every search of one solution.
pub(super) struct Context<'a> {
    pub problem: &'a Problem,
    pub plan: &'a Plan,
    pub residual: Residual,
    pub rows: SkillRows,
    /// Volunteers within the widest radius a `max_km` suggestion may ask (without arcs and
    /// with a finite radius only).
    pub wide: Option<VolunteerIndex>,
    /// That radius in km.
    pub wide_km: f64,
    /// Who stands by and who works in which slot in the plan (rule 9).
    pub standby: Standby,
}

/// The plan's standby duties and tasks per slot, for the rule-9 tests.
fn standby_of(problem: &Problem, plan: &Plan) -> Standby {
    let mut standby = Standby::of(&problem.instance);
    if standby.active() {
        for a in &plan.assignments {
            a.volunteers.iter().for_each(|&v| standby.work(v as usize, a.slot as usize, 1.0));
            a.standby.iter().for_each(|&b| standby.stand_by(b as usize, a.slot as usize, false));
        }
    }
    standby
}

/// What keeps a volunteer from serving a demand in a slot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct MemberState {
    /// The volunteer is available in the slot (or a change opens it).
    pub available: bool,
    /// Monthly hours missing (0 when they suffice).
    pub hours_short: f64,
    /// The volunteer's `max_tasks` leaves room for one more task.
    pub tasks_ok: bool,
    /// The slot's hours and `max_tasks_per_slot` leave room for the task.
    pub slot_ok: bool,
}

impl MemberState {
    /// Whether nothing keeps the volunteer out.
    pub fn ok(&self) -> bool {
        self.available && self.hours_short <= 0.0 && self.tasks_ok && self.slot_ok
    }
}

impl<'a> Context<'a> {
    /// The context of `plan`, with the radius index a `max_km` suggestion searches.
    pub fn new(problem: &'a Problem, plan: &'a Plan, wide_km: f64) -> Self {
        let inst = &problem.instance;
        let wide =
            (inst.arcs.is_empty() && inst.policy.max_km.is_finite()).then(|| VolunteerIndex::within(inst, wide_km));
        Context {
            problem,
            plan,
            residual: Residual::of(problem, plan),
            rows: SkillRows::of_volunteers(inst),
            wide,
            wide_km,
            standby: standby_of(problem, plan),
        }
    }

    /// Number of volunteers of the month; indices from it on stand for new volunteers.
    pub fn volunteer_count(&self) -> usize {
        self.problem.instance.volunteers.len()
    }

    /// The plan's assignment a `release` in `changes` frees, if any.
    fn released(&self, changes: &[Change]) -> Option<&'a Assignment> {
        changes.iter().find_map(|c| match c {
            Change::Release { demand } => match self.residual.assignment_of[*demand as usize] {
                UNMET => None,
                i => Some(&self.plan.assignments[i as usize]),
            },
            _ => None,
        })
    }

    /// c(d, v) and h(d, v) of volunteer `v` for demand `d` with `changes`, or `None` when `v`
    /// is no candidate even with them.
    pub fn pair(&self, d: usize, v: u32, changes: &[Change]) -> Option<(f64, f64)> {
        let inst = &self.problem.instance;
        let demand = &inst.demands[d];
        if v as usize >= self.volunteer_count() {
            let new = changes.iter().any(|c| matches!(c, Change::NewVolunteer { volunteer, .. } if *volunteer == v));
            return new.then_some((0.0, demand.hours));
        }
        let list = self.problem.candidates.of(d);
        if let Some(k) = list.position(v) {
            return Some((list.costs[k], list.hours(k)));
        }
        let value = changes.iter().find_map(|c| match c {
            Change::MaxKm { value, .. } => Some(*value),
            _ => None,
        })?;
        let vol = &inst.volunteers[v as usize];
        let km = haversine_km(vol.at?, demand.at?);
        let skilled = self.rows.holds(v as usize, &self.rows.row(&demand.skills));
        (inst.arcs.is_empty() && skilled && km <= value + 1e-9)
            .then_some((inst.policy.travel_weight * km, demand.hours))
    }

    /// What keeps volunteer `v` from a task of `hours` in slot `s`, with `changes`.
    pub fn state(&self, v: u32, s: usize, hours: f64, changes: &[Change]) -> MemberState {
        let inst = &self.problem.instance;
        let slot_hours = inst.slots[s].hours;
        let slot_tasks = inst.policy.max_tasks_per_slot;
        if v as usize >= self.volunteer_count() {
            let new = changes.iter().find_map(|c| match c {
                Change::NewVolunteer { volunteer, hours, slot, .. } if *volunteer == v => Some((*hours, *slot)),
                _ => None,
            });
            let Some((own, slot)) = new else {
                return MemberState { available: false, hours_short: hours, tasks_ok: false, slot_ok: false };
            };
            return MemberState {
                available: slot as usize == s,
                hours_short: if within(0.0, hours, own) { 0.0 } else { hours - own },
                tasks_ok: true,
                slot_ok: within(0.0, hours, slot_hours) && slot_tasks >= 1,
            };
        }
        let vol = &inst.volunteers[v as usize];
        let r = &self.residual;
        let (mut used, mut tasks) = (r.hours[v as usize], r.tasks[v as usize]);
        let (mut in_slot, mut slot_count) = r.slot_use(v as usize, s);
        if let Some(a) = self.released(changes).filter(|a| a.volunteers.contains(&v)) {
            let h = pair_hours(self.problem, a.demand as usize, v);
            used -= h;
            tasks -= 1;
            if a.slot as usize == s {
                in_slot -= h;
                slot_count -= 1;
            }
        }
        let mut cap = vol.hours;
        let mut available = vol.slots.contains(s);
        for c in changes {
            match c {
                Change::VolunteerHours { volunteer, add } if *volunteer == v => cap += add,
                Change::VolunteerSlot { volunteer, slot } if *volunteer == v && *slot as usize == s => available = true,
                _ => {}
            }
        }
        MemberState {
            available,
            hours_short: if within(used, hours, cap) { 0.0 } else { used + hours - cap },
            tasks_ok: vol.max_tasks == u32::MAX || tasks < vol.max_tasks,
            slot_ok: within(in_slot, hours, slot_hours)
                && (slot_tasks == u32::MAX || slot_count < slot_tasks)
                && !self.standby.stands_by(v as usize, s),
        }
    }

    /// What is left of every resource with `changes` (more of a resource, a released
    /// assignment's supplies back).
    pub fn left(&self, changes: &[Change]) -> Cow<'_, [f64]> {
        let released = self.released(changes);
        let added = changes.iter().any(|c| matches!(c, Change::ResourceAmount { .. }));
        if released.is_none() && !added {
            return Cow::Borrowed(&self.residual.left);
        }
        let mut left = self.residual.left.clone();
        released.iter().flat_map(|a| &a.supplies).for_each(|s| left[s.resource as usize] += s.amount);
        for c in changes {
            if let Change::ResourceAmount { resource, add } = c {
                left[*resource as usize] += add;
            }
        }
        Cow::Owned(left)
    }

    /// The assignment of demand `d` in slot `s` by `members`, with supplies drawn from what
    /// `changes` leave, when it [`fits`](Context::fits).
    pub fn complete(&self, d: usize, s: usize, members: Vec<u32>, changes: &[Change]) -> Option<Assignment> {
        let inst = &self.problem.instance;
        let supplies = self.problem.supplies.draw(inst, &inst.demands[d], &self.left(changes)).ok()?;
        let list = self.problem.candidates.of(d);
        let taken: Vec<usize> = members.iter().filter_map(|&v| list.position(v)).collect();
        let standby = self.standby.more(inst, list, s, &taken, inst.demands[d].standby as usize, |_| true)?;
        let standby = standby.into_iter().map(|k| list.volunteers[k]).collect();
        let a = Assignment { demand: d as u32, slot: s as u32, volunteers: members, supplies, standby };
        self.fits(&a, changes).then_some(a)
    }

    /// The cheapest `want` members of demand `d`'s candidates that nothing keeps from slot `s`
    /// with `changes`, cheapest first (fewer when there are not so many).
    pub fn cheapest(&self, d: usize, s: usize, want: usize, changes: &[Change]) -> Vec<u32> {
        let list = self.problem.candidates.of(d);
        let volunteers = &self.problem.instance.volunteers;
        // Only an opened slot makes a volunteer available beyond its own slots.
        let opens = changes.iter().any(|c| matches!(c, Change::VolunteerSlot { .. }));
        (0..list.len())
            .filter(|&k| {
                let v = list.volunteers[k];
                (opens || volunteers[v as usize].slots.contains(s)) && self.state(v, s, list.hours(k), changes).ok()
            })
            .map(|k| list.volunteers[k])
            .take(want)
            .collect()
    }

    /// Whether assignment `a` of an unmet demand is feasible against the plan's residual with
    /// `changes` applied: rules 1–9 for the one assignment added (its demand unmet, exactly
    /// `people` distinct candidates, a slot the demand allows and every member is available
    /// in, every member's hours, tasks and slot use within their caps, supplies covering each
    /// need exactly from resources that may supply it and have that much left, and its standby
    /// free to stand by in the slot, no team member standing by there), a released
    /// demand neither `must` nor pinned and of lower weight, and every other assignment kept.
    ///
    /// This is the single test every suggestion passes; a new rule of the month belongs here.
    pub fn fits(&self, a: &Assignment, changes: &[Change]) -> bool {
        let inst = &self.problem.instance;
        let d = a.demand as usize;
        let Some(demand) = inst.demands.get(d) else { return false };
        let s = a.slot as usize;
        if self.residual.assignment_of[d] != UNMET || s >= inst.slots.len() || !demand.slots.contains(s) {
            return false;
        }
        if a.volunteers.len() != demand.people as usize {
            return false;
        }
        for (i, &v) in a.volunteers.iter().enumerate() {
            if a.volunteers[..i].contains(&v) {
                return false;
            }
            let Some((_, hours)) = self.pair(d, v, changes) else { return false };
            if !self.state(v, s, hours, changes).ok() {
                return false;
            }
        }
        if !self.standby_fits(a) {
            return false;
        }
        for c in changes {
            if let Change::Release { demand: e } = *c {
                let e = e as usize;
                let other = &inst.demands[e];
                let held = self.residual.assignment_of[e] != UNMET;
                if !held || other.must || self.residual.pinned[e] || other.weight >= demand.weight {
                    return false;
                }
            }
        }
        self.supplies_fit(d, &a.supplies, changes)
    }

    /// Rule 9 for the standby of assignment `a`: exactly its demand's `standby`, distinct
    /// candidates of the month outside the team, available in the slot, with no task and no
    /// other duty there and a duty left in the month (the plan's tasks and duties stay as they
    /// are, a released assignment's included).
    fn standby_fits(&self, a: &Assignment) -> bool {
        let inst = &self.problem.instance;
        let d = a.demand as usize;
        let s = a.slot as usize;
        let list = self.problem.candidates.of(d);
        a.standby.len() == inst.demands[d].standby as usize
            && a.standby.iter().enumerate().all(|(i, &b)| {
                (b as usize) < self.volunteer_count()
                    && !a.standby[..i].contains(&b)
                    && !a.volunteers.contains(&b)
                    && list.position(b).is_some()
                    && inst.volunteers[b as usize].slots.contains(s)
                    && self.standby.can_stand_by(b as usize, s)
            })
    }

    /// Rules 6 and 7 for the supplies of one assignment of demand `d`.
    fn supplies_fit(&self, d: usize, supplies: &[Supply], changes: &[Change]) -> bool {
        let inst = &self.problem.instance;
        let demand = &inst.demands[d];
        let left = self.left(changes);
        let mut taken: Vec<(u32, f64)> = Vec::with_capacity(supplies.len());
        for s in supplies {
            let Some(r) = inst.resources.get(s.resource as usize) else { return false };
            let Some(need) = demand.needs.iter().find(|n| n.kind == r.kind) else { return false };
            let eligible = self.problem.supplies.eligible(inst, demand, need).any(|e| e == s.resource);
            // A NaN amount is no positive amount.
            if !eligible || s.amount.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                return false;
            }
            match taken.iter_mut().find(|t| t.0 == s.resource) {
                Some(t) => t.1 += s.amount,
                None => taken.push((s.resource, s.amount)),
            }
        }
        let covered = demand.needs.iter().all(|need| {
            let total: f64 = supplies
                .iter()
                .filter(|s| inst.resources[s.resource as usize].kind == need.kind)
                .map(|s| s.amount)
                .sum();
            (total - need.amount).abs() <= SUPPLY_TOLERANCE * need.amount.max(1.0)
        });
        covered && taken.iter().all(|&(r, amount)| within(0.0, amount, left[r as usize]))
    }
}
