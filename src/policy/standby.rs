//! Rule 9: standby posts. A met demand asking `standby: n` names n backup volunteers, each a
//! candidate for it outside its team, available in its slot, with no assignment of its own in
//! that slot, standing by for no other demand in that slot, and within its `max_standby` duties
//! of the month. A backup's hours are not spent unless it is called, so rules 2–5 ignore it.
//!
//! [`Standby`] is the solvers' bookkeeping of the rule, kept inside
//! [`super::Capacity`] so that every team search, booking and test sees it: a volunteer on
//! standby in a slot cannot take a task there, and one with a task there cannot stand by.

use crate::candidates::CandidateList;
use crate::model::Instance;
use std::sync::Arc;

/// Who stands by where, and who works in which slot, for the volunteers of a month whose
/// demands ask for standby; empty (and free to copy) for a month that asks none.
#[derive(Debug, Clone)]
pub struct Standby {
    /// Per volunteer, the slots it stands by in (at most one duty per slot).
    on: Vec<Vec<u32>>,
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
        self.active() && self.on[v].contains(&(s as u32))
    }

    /// Whether volunteer `v` may stand by in slot `s`: no task and no duty there, and duties
    /// left in the month. Availability and candidacy are the caller's test.
    pub fn can_stand_by(&self, v: usize, s: usize) -> bool {
        self.active()
            && self.duties[v] < self.limit[v]
            && !self.on[v].contains(&(s as u32))
            && !self.busy[v].iter().any(|&(t, n)| t == s as u32 && n > 0)
    }

    /// Books a standby duty of `v` in `s`.
    pub fn stand_by(&mut self, v: usize, s: usize) {
        self.on[v].push(s as u32);
        self.duties[v] += 1;
    }

    /// Undoes [`Standby::stand_by`].
    pub fn leave(&mut self, v: usize, s: usize) {
        if let Some(i) = self.on[v].iter().position(|&t| t == s as u32) {
            self.on[v].swap_remove(i);
            self.duties[v] -= 1;
        }
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

    /// The standby of demand `d` served in slot `s` by the candidates at positions `members`
    /// of `list`: its `standby` other candidates free to stand by there, the costliest first (the
    /// cheap ones are the teams' first choice elsewhere); `None` when too few are free.
    pub fn choose(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        s: usize,
        members: &[usize],
    ) -> Option<Vec<usize>> {
        self.more(instance, list, s, members, instance.demands[d].standby as usize)
    }

    /// `n` candidates of `list` outside the positions `taken`, free to stand by in slot `s`,
    /// the costliest first; `None` when fewer are free.
    pub fn more(
        &self,
        instance: &Instance,
        list: CandidateList,
        s: usize,
        taken: &[usize],
        n: usize,
    ) -> Option<Vec<usize>> {
        let members = taken;
        let mut chosen = Vec::with_capacity(n);
        if n == 0 {
            return Some(chosen);
        }
        for k in (0..list.len()).rev() {
            if chosen.len() == n {
                break;
            }
            let v = list.volunteers[k] as usize;
            if !members.contains(&k) && instance.volunteers[v].slots.contains(s) && self.can_stand_by(v, s) {
                chosen.push(k);
            }
        }
        (chosen.len() == n).then_some(chosen)
    }
}
