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
        // Candidates are sorted by cost, so the pass can stop early.
        self.team(instance, d, list, |k| list.costs[k], true)
    }

    /// The team of demand `d` with time left in one allowed slot whose members have the lowest
    /// total `key` (a candidate position's cost plus whatever the caller charges for using it;
    /// +∞ rules a candidate out); ties go to the earlier slot and the cheaper candidates. The
    /// team's `cost` is its real cost.
    pub fn best_team_by(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        key: &dyn Fn(usize) -> f64,
    ) -> Option<Team> {
        self.team(instance, d, list, key, false)
    }

    /// One pass over the candidates: each with a task and the monthly hours to spare is
    /// offered to the short list (the `people` lowest keys, earlier positions first on ties)
    /// of every slot it shares with the demand and has the hours in. A city demand has
    /// hundreds of candidates and dozens of slots, of which each volunteer offers a few, so
    /// this reads each candidate once instead of once per slot.
    ///
    /// `ascending`: keys never fall along the list, so the pass stops once no slot still
    /// filling can beat the best full one.
    fn team(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        key: impl Fn(usize) -> f64,
        ascending: bool,
    ) -> Option<Team> {
        let demand = &instance.demands[d];
        let people = demand.people as usize;
        let mut top = vec![(f64::INFINITY, usize::MAX); self.slot_count * people];
        let mut count = vec![0; self.slot_count];
        // The best full slot so far (total key, slot); final as soon as it is found when
        // `ascending`, else chosen after the pass.
        let mut best: Option<(f64, usize)> = None;
        for k in 0..list.len() {
            let v = list.volunteers[k] as usize;
            let hours = list.hours(k);
            if self.tasks_used[v] >= self.task_cap[v] || !fits(self.hours_used[v], hours, self.hours_cap[v]) {
                continue;
            }
            let p = key(k);
            if !p.is_finite() {
                continue;
            }
            if let Some((total, slot)) = best.filter(|_| ascending) {
                // A slot still filling ends at least at its keys so far plus `p` per place left.
                let beyond = total + 1e-9 * total.abs().max(1.0);
                let open = demand.slots.iter().filter(|&s| count[s] < people);
                if open
                    .map(|s| (top_sum(&top, s, people, count[s]) + (people - count[s]) as f64 * p, s))
                    .all(|(floor, s)| floor > beyond || (floor >= total && s > slot))
                {
                    break;
                }
            }
            for s in demand.slots.common(&instance.volunteers[v].slots) {
                if !fits(self.slot_used[v * self.slot_count + s], hours, self.slot_cap[s]) {
                    continue;
                }
                if !keep_lowest(&mut top[s * people..(s + 1) * people], &mut count[s], p, k) {
                    continue;
                }
                if ascending && count[s] == people {
                    let total = top_sum(&top, s, people, people);
                    if best.is_none_or(|(b, slot)| total < b || (total == b && s < slot)) {
                        best = Some((total, s));
                    }
                }
            }
        }
        if !ascending {
            for s in demand.slots.iter().filter(|&s| count[s] == people) {
                let total = top_sum(&top, s, people, people);
                if best.is_none_or(|(b, _)| total < b) {
                    best = Some((total, s));
                }
            }
        }
        let (_, slot) = best?;
        let members: Vec<usize> = top[slot * people..(slot + 1) * people].iter().map(|e| e.1).collect();
        let cost = members.iter().map(|&k| list.costs[k]).sum();
        Some(Team { slot, members, cost })
    }
}

/// Offers `(key, item)` to `short`, the lowest keys so far in ascending order (its first
/// `count` entries filled): kept, after any entry of an equal key, unless `short` is full of
/// keys no higher. Returns whether it was kept.
pub fn keep_lowest<T: Copy>(short: &mut [(f64, T)], count: &mut usize, key: f64, item: T) -> bool {
    let len = short.len();
    if *count == len && key >= short[len - 1].0 {
        return false;
    }
    let mut i = (*count).min(len - 1);
    while i > 0 && short[i - 1].0 > key {
        short[i] = short[i - 1];
        i -= 1;
    }
    short[i] = (key, item);
    *count = (*count + 1).min(len);
    true
}

/// The sum of the first `n` keys of slot `s`'s short list.
fn top_sum(top: &[(f64, usize)], s: usize, people: usize, n: usize) -> f64 {
    top[s * people..s * people + n].iter().map(|e| e.0).sum()
}
