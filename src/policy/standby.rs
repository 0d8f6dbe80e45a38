//! Rule 9: standby posts. A met demand asking `standby: n` names n backup volunteers, each a
//! candidate for it outside its team, available in its slot, with no assignment of its own in
//! that slot, standing by for no other demand in that slot, and within its `max_standby` duties
//! of the month. A backup's hours are not spent unless it is called, so rules 2–5 ignore it.
//!
//! [`Standby`] is the solvers' bookkeeping of the rule, kept inside
//! [`super::Capacity`] so that every team search, booking and test sees it: a volunteer on
//! standby in a slot cannot take a task there, and one with a task there cannot stand by.

use crate::candidates::CandidateList;
use crate::model::{Instance, Plan};
use crate::problem::Problem;
use std::sync::Arc;

/// Who stands by where, and who works in which slot, for the volunteers of a month whose
/// demands ask for standby; empty (and free to copy) for a month that asks none.
#[derive(Debug, Clone)]
pub struct Standby {
    /// Per volunteer, the slots it stands by in (at most one duty per slot), each with whether
    /// its call is held in the volunteer's month.
    on: Vec<Vec<(u32, bool)>>,
    /// Per volunteer, `(slot, tasks)` of the slots where it has assignments.
    busy: Vec<Vec<(u32, u32)>>,
    /// Per volunteer, the standby duties it holds in the month.
    duties: Vec<u32>,
    /// Per volunteer, its `max_standby`.
    limit: Arc<[u32]>,
}

/// Whether any demand of `instance` asks for standby.
pub fn asks_standby(instance: &Instance) -> bool {
    instance.demands.iter().any(|d| d.standby > 0)
}

impl Standby {
    /// The empty bookkeeping of `instance`: no one stands by, no one works.
    pub fn of(instance: &Instance) -> Self {
        if !asks_standby(instance) {
            return Standby { on: Vec::new(), busy: Vec::new(), duties: Vec::new(), limit: Arc::new([]) };
        }
        let n = instance.volunteers.len();
        // Tasks pins hold (a residual month's bookings) keep their volunteers from standing by.
        let busy = instance.volunteers.iter().map(|v| v.booked.iter().map(|b| (b.slot, b.tasks)).collect()).collect();
        Standby {
            on: vec![Vec::new(); n],
            busy,
            duties: vec![0; n],
            limit: instance.volunteers.iter().map(|v| v.max_standby).collect(),
        }
    }

    /// Whether the month asks for standby at all (otherwise every test passes at once).
    #[inline(always)]
    pub fn active(&self) -> bool {
        !self.on.is_empty()
    }

    /// Whether volunteer `v` stands by in slot `s` (and so may take no task there).
    #[inline(always)]
    pub fn stands_by(&self, v: usize, s: usize) -> bool {
        self.active() && self.on[v].iter().any(|e| e.0 == s as u32)
    }

    /// Whether volunteer `v` may stand by in slot `s`: no task and no duty there, and duties
    /// left in the month. Availability and candidacy are the caller's test.
    pub fn can_stand_by(&self, v: usize, s: usize) -> bool {
        self.active()
            && self.duties[v] < self.limit[v]
            && !self.on[v].iter().any(|e| e.0 == s as u32)
            && !self.busy[v].iter().any(|&(t, n)| t == s as u32 && n > 0)
    }

    /// Books a standby duty of `v` in `s`, its call `held` or not.
    pub fn stand_by(&mut self, v: usize, s: usize, held: bool) {
        self.on[v].push((s as u32, held));
        self.duties[v] += 1;
    }

    /// Undoes [`Standby::stand_by`]: whether the call was held, `None` when `v` did not stand by
    /// in `s`.
    pub fn leave(&mut self, v: usize, s: usize) -> Option<bool> {
        let i = self.on[v].iter().position(|e| e.0 == s as u32)?;
        let (_, held) = self.on[v].swap_remove(i);
        self.duties[v] -= 1;
        Some(held)
    }

    /// Adds `tasks` (±1) to the tasks of `v` in `s`.
    pub fn work(&mut self, v: usize, s: usize, tasks: f64) {
        if !self.active() {
            return;
        }
        let list = &mut self.busy[v];
        match list.iter().position(|&(t, _)| t == s as u32) {
            Some(i) => {
                let n = (f64::from(list[i].1) + tasks).max(0.0) as u32;
                if n == 0 {
                    list.swap_remove(i);
                } else {
                    list[i].1 = n;
                }
            }
            None if tasks > 0.0 => list.push((s as u32, tasks as u32)),
            None => {}
        }
    }

    /// `n` candidates of `list` outside the positions `taken`, free to stand by in slot `s`:
    /// those `callable` (by position) first, each kind the costliest first (the cheap ones are
    /// the teams' first choice elsewhere); `None` when fewer are free.
    pub fn more(
        &self,
        instance: &Instance,
        list: CandidateList,
        s: usize,
        taken: &[usize],
        n: usize,
        callable: impl Fn(usize) -> bool,
    ) -> Option<Vec<usize>> {
        let mut chosen = Vec::with_capacity(n);
        if n == 0 {
            return Some(chosen);
        }
        let free = |k: usize| {
            let v = list.volunteers[k] as usize;
            !taken.contains(&k) && instance.volunteers[v].slots.contains(s) && self.can_stand_by(v, s)
        };
        let mut later = Vec::new();
        for k in (0..list.len()).rev().filter(|&k| free(k)) {
            if chosen.len() == n {
                break;
            }
            match callable(k) {
                true => chosen.push(k),
                false => later.push(k),
            }
        }
        chosen.extend(later.into_iter().take(n - chosen.len()));
        (chosen.len() == n).then_some(chosen)
    }
}

/// Gives every standby post of `plan` a backup who could be called: a backup whose month
/// (hours, tasks) could not take the demand's task besides the calls held for the posts before
/// it is swapped, where one exists, for another candidate free to stand by in the slot who could.
/// Rule 9 asks nothing of a backup's hours (they are not spent unless it is called), so this
/// changes neither feasibility nor the objective; it makes the one-change mend of re-planning
/// possible for plans (the exact solver's) whose search did not hold the calls. Heaviest demands
/// choose first.
pub fn callable_backups(problem: &Problem, plan: &mut Plan) {
    let inst = &problem.instance;
    if !asks_standby(inst) {
        return;
    }
    let mut capacity = super::capacity_policy(inst);
    for a in &plan.assignments {
        let list = problem.candidates.of(a.demand as usize);
        for &v in &a.volunteers {
            if let Some(k) = list.position(v) {
                capacity.take(v as usize, a.slot as usize, list.hours(k));
            }
        }
    }
    for a in &plan.assignments {
        a.standby.iter().for_each(|&b| capacity.duty(b as usize, a.slot as usize, true));
    }
    let mut order: Vec<usize> =
        (0..plan.assignments.len()).filter(|&i| !plan.assignments[i].standby.is_empty()).collect();
    order.sort_by(|&i, &j| {
        let w = |i: usize| inst.demands[plan.assignments[i].demand as usize].weight;
        w(j).total_cmp(&w(i)).then(i.cmp(&j))
    });
    for i in order {
        let a = &mut plan.assignments[i];
        let (d, s) = (a.demand as usize, a.slot as usize);
        let list = problem.candidates.of(d);
        for j in 0..a.standby.len() {
            let b = a.standby[j];
            if let Some(k) = list.position(b).filter(|&k| capacity.callable(b as usize, list.hours(k))) {
                capacity.hold_call(b as usize, list.hours(k), 1.0);
                continue;
            }
            let taken: Vec<usize> = a.volunteers.iter().chain(&a.standby).filter_map(|&v| list.position(v)).collect();
            if let Some(k) = capacity.more_standby(inst, list, s, &taken, 1).and_then(|found| found.first().copied()) {
                let v = list.volunteers[k];
                capacity.duty(b as usize, s, false);
                capacity.duty(v as usize, s, true);
                capacity.hold_call(v as usize, list.hours(k), 1.0);
                a.standby[j] = v;
            }
        }
    }
}
