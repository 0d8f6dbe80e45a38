//! Rules 4 and 5: per volunteer and slot hours, monthly hours and the task count.

use super::fits;
use crate::candidates::CandidateList;
use crate::model::Instance;

/// Hours and tasks used so far, per volunteer and per volunteer–slot.
#[derive(Debug, Clone)]
pub struct Capacity {
    slot_count: usize,
    slot_cap: Vec<f64>,
    hours_cap: Vec<f64>,
    task_cap: Vec<u32>,
    hours_used: Vec<f64>,
    tasks_used: Vec<u32>,
    slot_used: Vec<f64>,
}

/// Why a volunteer cannot take on more work in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortage {
    /// Not available in the slot at all.
    Unavailable,
    /// At `max_tasks`.
    Tasks,
    /// Monthly hours used up.
    Hours,
    /// The slot's hours used up.
    SlotHours,
}

/// An empty capacity state for `instance`.
pub fn capacity_policy(instance: &Instance) -> Capacity {
    let (v, s) = (instance.volunteers.len(), instance.slots.len());
    Capacity {
        slot_count: s,
        slot_cap: instance.slots.iter().map(|x| x.hours).collect(),
        hours_cap: instance.volunteers.iter().map(|x| x.hours).collect(),
        task_cap: instance.volunteers.iter().map(|x| x.max_tasks).collect(),
        hours_used: vec![0.0; v],
        tasks_used: vec![0; v],
        slot_used: vec![0.0; v * s],
    }
}

impl Capacity {
    /// Why volunteer `v` cannot add `hours` in slot `s`, or `None` when it can.
    /// Availability (the volunteer's slot list) is the caller's test.
    pub fn shortage(&self, v: usize, s: usize, hours: f64) -> Option<Shortage> {
        if self.tasks_used[v] >= self.task_cap[v] {
            Some(Shortage::Tasks)
        } else if !fits(self.hours_used[v], hours, self.hours_cap[v]) {
            Some(Shortage::Hours)
        } else if !fits(self.slot_used[v * self.slot_count + s], hours, self.slot_cap[s]) {
            Some(Shortage::SlotHours)
        } else {
            None
        }
    }

    /// Whether volunteer `v` can add `hours` in slot `s`.
    pub fn can_take(&self, v: usize, s: usize, hours: f64) -> bool {
        self.shortage(v, s, hours).is_none()
    }

    /// Books `hours` of volunteer `v` in slot `s` as one task.
    pub fn take(&mut self, v: usize, s: usize, hours: f64) {
        self.tasks_used[v] += 1;
        self.hours_used[v] += hours;
        self.slot_used[v * self.slot_count + s] += hours;
    }

    /// Undoes [`Capacity::take`].
    pub fn release(&mut self, v: usize, s: usize, hours: f64) {
        self.tasks_used[v] -= 1;
        self.hours_used[v] -= hours;
        self.slot_used[v * self.slot_count + s] -= hours;
    }

    /// Monthly hours volunteer `v` has left (`INFINITY` when unlimited).
    pub fn hours_left(&self, v: usize) -> f64 {
        (self.hours_cap[v] - self.hours_used[v]).max(0.0)
    }
}

/// A team for one demand in one slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// The slot.
    pub slot: usize,
    /// Positions of the members in the demand's candidate list.
    pub members: Vec<usize>,
    /// Total cost of the members.
    pub cost: f64,
}

impl Capacity {
    /// The cheapest team of demand `d` (candidates `list`) with time left in one allowed slot;
    /// ties go to the earlier slot.
    pub fn cheapest_team(&self, instance: &Instance, d: usize, list: CandidateList) -> Option<Team> {
        let demand = &instance.demands[d];
        let people = demand.people as usize;
        // Candidates are sorted by cost: no team is cheaper than the first `people`.
        let floor: f64 = list.costs.iter().take(people).sum();
        let mut best: Option<Team> = None;
        for slot in demand.slots.iter() {
            let members: Vec<usize> = (0..list.len())
                .filter(|&k| {
                    let v = list.volunteers[k] as usize;
                    instance.volunteers[v].slots.contains(slot) && self.can_take(v, slot, list.hours(k))
                })
                .take(people)
                .collect();
            if members.len() < people {
                continue;
            }
            let cost: f64 = members.iter().map(|&k| list.costs[k]).sum();
            if best.as_ref().is_none_or(|b| cost < b.cost) {
                best = Some(Team { slot, members, cost });
                if cost <= floor {
                    break;
                }
            }
        }
        best
    }
}

impl Capacity {
    /// The team of demand `d` with time left in one allowed slot whose members have the lowest
    /// total `key` (a candidate position's cost plus whatever the caller charges for using it);
    /// ties go to the earlier slot and the cheaper candidates. The team's `cost` is its real cost.
    pub fn best_team_by(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        key: &dyn Fn(usize) -> f64,
    ) -> Option<Team> {
        let demand = &instance.demands[d];
        let people = demand.people as usize;
        let mut best: Option<(f64, Team)> = None;
        let mut free: Vec<(f64, usize)> = Vec::new();
        for slot in demand.slots.iter() {
            free.clear();
            free.extend((0..list.len()).filter_map(|k| {
                let v = list.volunteers[k] as usize;
                (instance.volunteers[v].slots.contains(slot) && self.can_take(v, slot, list.hours(k)))
                    .then(|| (key(k), k))
            }));
            if free.len() < people {
                continue;
            }
            free.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let total: f64 = free[..people].iter().map(|x| x.0).sum();
            if best.as_ref().is_none_or(|b| total < b.0) {
                let members: Vec<usize> = free[..people].iter().map(|x| x.1).collect();
                let cost = members.iter().map(|&k| list.costs[k]).sum();
                best = Some((total, Team { slot, members, cost }));
            }
        }
        best.map(|b| b.1)
    }
}
