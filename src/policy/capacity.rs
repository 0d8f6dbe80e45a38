//! The volunteer-capacity rules together (rules 4, 4b and 5): every family of rows of
//! [`capacity_families`] with the use of each row so far, and the tests, bookings and team
//! searches solvers make against all of them at once.
//!
//! A rule is added by writing its family's module and naming it in [`capacity_families`];
//! nothing else here names a rule.

use super::family::{Amount, Family};
use super::slot_hours::slot_hours_family;
use super::slot_tasks::slot_tasks_family;
use super::standby::Standby;
use super::task_count::task_count_family;
use super::volunteer_hours::volunteer_hours_family;
use crate::candidates::CandidateList;
use crate::model::{BitSet, Instance};
use std::sync::Arc;

/// Every volunteer-capacity rule of `instance` whose caps can bind, as families of rows, in
/// the order a [`Shortage`] is looked for (and reasons list them) among the month-long
/// families and among the others: the month's count and hours, then the slot's hours and
/// count.
///
/// This is the one list of the rules: the solvers' bookkeeping ([`Capacity`]), the member
/// search's overload and the reasons all read it, and an integer program or a Lagrangian
/// relaxation enumerates its rows with [`Family::rows`] and [`Family::use_of`].
pub fn capacity_families(instance: &Instance) -> Vec<Family> {
    [
        task_count_family(instance),
        volunteer_hours_family(instance),
        slot_hours_family(instance),
        slot_tasks_family(instance),
    ]
    .into_iter()
    .filter(Family::can_bind)
    .collect()
}

/// What the second team search of a demand asking standby charges for a member who could stand
/// by instead: more than any team's cost, so that such members are taken only when needed.
const STANDBY_SPARING: f64 = 1e9;

/// The use so far of every row of every family of [`capacity_families`].
#[derive(Debug, Clone)]
pub struct Capacity {
    /// The families, those with one row per volunteer first, shared by every copy of a plan's
    /// state.
    families: Arc<[Family]>,
    /// One ledger per family, in the same order.
    ledgers: Vec<Ledger>,
    /// How many families (the first) have one row per volunteer: the team search tests those
    /// once per candidate and the others per candidate and slot.
    monthly: usize,
    /// Rule 9: who stands by where; a volunteer on standby in a slot takes no task there.
    standby: Standby,
}

/// One family's rows as the hot loops read them: the use of each row beside the family's
/// arrays (shared, not copied), so that a test is a few reads from one place. Its tests are
/// inlined into the team search, which makes them per candidate and slot (a city month's
/// greedy plan makes hundreds of millions).
#[derive(Debug, Clone)]
struct Ledger {
    used: Vec<f64>,
    group_of_slot: Arc<[u32]>,
    groups: usize,
    strides: (usize, usize),
    caps: Arc<[f64]>,
    limits: Arc<[f64]>,
    /// Whether a task adds 1 to its row (a count) rather than its hours.
    counts: bool,
}

impl Ledger {
    fn of(family: &Family) -> Self {
        Ledger {
            used: vec![0.0; family.row_count()],
            group_of_slot: family.group_of_slot.clone(),
            groups: family.groups,
            strides: family.strides,
            caps: family.caps.clone(),
            limits: family.limits.clone(),
            counts: family.amount() == Amount::Tasks,
        }
    }

    /// What a task of `hours` (and `tasks` tasks) adds to its row.
    #[inline(always)]
    fn amount(&self, hours: f64, tasks: f64) -> f64 {
        if self.counts {
            tasks
        } else {
            hours
        }
    }

    /// Whether `used + add` stays within the limit of volunteer `v`'s row in group `g`.
    #[inline(always)]
    fn fits_row(&self, used: f64, add: f64, v: usize, g: usize) -> bool {
        used + add <= self.limits[v * self.strides.0 + g * self.strides.1]
    }

    /// Whether volunteer `v` can add a task of `hours` in slot `s`.
    #[inline(always)]
    fn fits(&self, v: usize, s: usize, hours: f64) -> bool {
        let g = self.group_of_slot[s] as usize;
        self.fits_row(self.used[v * self.groups + g], self.amount(hours, 1.0), v, g)
    }

    /// [`Ledger::fits`] for a family of one row per volunteer, whatever the slot.
    #[inline(always)]
    fn fits_monthly(&self, v: usize, hours: f64) -> bool {
        self.fits_row(self.used[v], self.amount(hours, 1.0), v, 0)
    }

    /// How far `used` is above the cap of volunteer `v`'s row in group `g` (0 within it).
    fn excess(&self, used: f64, v: usize, g: usize) -> f64 {
        let i = v * self.strides.0 + g * self.strides.1;
        if used <= self.limits[i] {
            0.0
        } else {
            used - self.caps[i]
        }
    }

    /// What one unit over a cap costs in [`Capacity::overload`].
    fn weight(&self, task_weight: f64) -> f64 {
        if self.counts {
            task_weight
        } else {
            1.0
        }
    }
}

/// Which rule refuses a use: the position of its family in [`Capacity::families`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortage(pub usize);

/// An empty capacity state for `instance`.
pub fn capacity_policy(instance: &Instance) -> Capacity {
    let mut families = capacity_families(instance);
    // Stable: each kind keeps the order of `capacity_families`.
    families.sort_by_key(|f| f.groups != 1);
    let monthly = families.iter().filter(|f| f.groups == 1).count();
    let ledgers = families.iter().map(Ledger::of).collect();
    Capacity { families: families.into(), ledgers, monthly, standby: Standby::of(instance) }
}

impl Capacity {
    /// The families booked: those of [`capacity_families`] with one row per volunteer, then
    /// the others, each in the order of [`capacity_families`].
    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// The first rule that keeps volunteer `v` from adding a task of `hours` in slot `s`, or
    /// `None` when it can. Availability (the volunteer's slot list) is the caller's test.
    pub fn shortage(&self, v: usize, s: usize, hours: f64) -> Option<Shortage> {
        self.ledgers.iter().position(|l| !l.fits(v, s, hours)).map(Shortage)
    }

    /// Whether volunteer `v` can add `hours` in slot `s`.
    pub fn can_take(&self, v: usize, s: usize, hours: f64) -> bool {
        !self.standby.stands_by(v, s) && self.ledgers.iter().all(|l| l.fits(v, s, hours))
    }

    /// The standby (rule 9) of demand `d` served in slot `s` by the candidates at positions
    /// `members` of `list`, `None` when too few are free to stand by; empty when `d` asks none.
    pub fn standby_for(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        s: usize,
        members: &[usize],
    ) -> Option<Vec<usize>> {
        self.more_standby(instance, list, s, members, instance.demands[d].standby as usize)
    }

    /// Books volunteer `v` on standby in slot `s` for a task of `hours`: the duty, and the call
    /// held in its month (hours and one task of rule 5), so that the backup stays callable.
    pub fn stand_by(&mut self, v: usize, s: usize, hours: f64) {
        let held = self.callable(v, hours);
        self.standby.stand_by(v, s, held);
        if held {
            self.hold_call(v, hours, 1.0);
        }
    }

    /// Books or frees (`on`) the duty of `v` in `s` alone, its call not held.
    pub(super) fn duty(&mut self, v: usize, s: usize, on: bool) {
        match on {
            true => self.standby.stand_by(v, s, false),
            false => {
                self.standby.leave(v, s);
            }
        }
    }

    /// Adds a call of `hours` (`tasks` ±1) to volunteer `v`'s month-long rows.
    pub(super) fn hold_call(&mut self, v: usize, hours: f64, tasks: f64) {
        for l in &mut self.ledgers[..self.monthly] {
            l.used[v] += l.amount(hours, tasks);
        }
    }

    /// Whether volunteer `v`'s month could still take a call of `hours` (rule 5).
    pub(super) fn callable(&self, v: usize, hours: f64) -> bool {
        self.ledgers[..self.monthly].iter().all(|l| l.fits_monthly(v, hours))
    }

    /// Who stands by where (rule 9).
    pub fn standby(&self) -> &Standby {
        &self.standby
    }

    /// `n` more standby for a demand in slot `s` from `list` outside the positions `taken`.
    pub fn more_standby(
        &self,
        instance: &Instance,
        list: CandidateList,
        s: usize,
        taken: &[usize],
        n: usize,
    ) -> Option<Vec<usize>> {
        let callable = |k: usize| self.callable(list.volunteers[k] as usize, list.hours(k));
        self.standby.more(instance, list, s, taken, n, callable)
    }

    /// Undoes [`Capacity::stand_by`].
    pub fn leave_standby(&mut self, v: usize, s: usize, hours: f64) {
        if self.standby.active() && self.standby.leave(v, s) == Some(true) {
            self.hold_call(v, -hours, -1.0);
        }
    }

    /// Whether volunteer `v` could take a task of `hours` in slot `s` with nothing else booked.
    pub fn fits_alone(&self, v: usize, s: usize, hours: f64) -> bool {
        self.ledgers.iter().all(|l| l.fits_row(0.0, l.amount(hours, 1.0), v, l.group_of_slot[s] as usize))
    }

    /// Books `hours` of volunteer `v` in slot `s` as one task.
    pub fn take(&mut self, v: usize, s: usize, hours: f64) {
        self.add(v, s, hours, 1.0);
    }

    /// Undoes [`Capacity::take`].
    pub fn release(&mut self, v: usize, s: usize, hours: f64) {
        self.add(v, s, -hours, -1.0);
    }

    /// Adds `hours` and `tasks` (either may be negative) to volunteer `v`'s rows of slot `s`;
    /// the member search moves work with it through plans that break caps.
    pub fn add(&mut self, v: usize, s: usize, hours: f64, tasks: f64) {
        self.standby.work(v, s, tasks);
        for l in &mut self.ledgers {
            let row = v * l.groups + l.group_of_slot[s] as usize;
            l.used[row] += l.amount(hours, tasks);
        }
    }

    /// Monthly hours volunteer `v` has left (`INFINITY` when unlimited): the least left in
    /// its rows of month-long hour families.
    pub fn hours_left(&self, v: usize) -> f64 {
        self.ledgers[..self.monthly]
            .iter()
            .filter(|l| !l.counts)
            .map(|l| (l.caps[v * l.strides.0] - l.used[v]).max(0.0))
            .fold(f64::INFINITY, f64::min)
    }

    /// How far the booked uses are above the caps: Σ over every row of its excess, a count
    /// row's weighted by `task_weight` (hours one task over is worth).
    pub fn overload(&self, task_weight: f64) -> f64 {
        let mut total = 0.0;
        for l in &self.ledgers {
            let weight = l.weight(task_weight);
            for (r, &u) in l.used.iter().enumerate() {
                total += weight * l.excess(u, r / l.groups, r % l.groups);
            }
        }
        total
    }

    /// Change of [`Capacity::overload`] if volunteer `v` adds `hours` and `tasks` (either may
    /// be negative) in slot `s`.
    pub fn overload_change(&self, v: usize, s: usize, hours: f64, tasks: f64, task_weight: f64) -> f64 {
        let mut change = 0.0;
        for l in &self.ledgers {
            let g = l.group_of_slot[s] as usize;
            let now = l.used[v * l.groups + g];
            let after = now + l.amount(hours, tasks);
            change += l.weight(task_weight) * (l.excess(after, v, g) - l.excess(now, v, g));
        }
        change
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
    /// Positions of its standby (rule 9) in the demand's candidate list.
    pub standby: Vec<usize>,
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

    /// One pass over the candidates: each that the month-long rules let take the task is
    /// offered to the short list (the `people` lowest keys, earlier positions first on ties)
    /// of every slot it shares with the demand and that the slot rules let it take it in. A
    /// city demand has hundreds of candidates and dozens of slots, of which each volunteer
    /// offers a few, so this reads each candidate once instead of once per slot.
    ///
    /// `ascending`: keys never fall along the list, so the pass stops once no slot still
    /// filling can beat the best full one.
    ///
    /// A demand asking standby (rule 9) takes a slot only when its team leaves enough
    /// candidates free to stand by there: the best team of each slot is tried in turn, so a
    /// demand counts as placeable only when both are found.
    fn team(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        key: impl Fn(usize) -> f64,
        ascending: bool,
    ) -> Option<Team> {
        if instance.demands[d].standby == 0 {
            return self.team_in(instance, d, list, &key, ascending, None);
        }
        let mut skip = BitSet::empty(instance.slots.len());
        loop {
            let mut team = self.team_in(instance, d, list, &key, ascending, Some(&skip))?;
            let s = team.slot;
            if let Some(standby) = self.standby_for(instance, d, list, s, &team.members) {
                team.standby = standby;
                return Some(team);
            }
            // Once more in that slot, the team drawn first from those who may not stand by.
            let mut others = BitSet::full(instance.slots.len());
            others.remove(s);
            let spare = |k: usize| {
                let free = self.standby.can_stand_by(list.volunteers[k] as usize, s);
                key(k) + if free { STANDBY_SPARING } else { 0.0 }
            };
            if let Some(mut second) = self.team_in(instance, d, list, &spare, false, Some(&others)) {
                if let Some(standby) = self.standby_for(instance, d, list, s, &second.members) {
                    second.standby = standby;
                    return Some(second);
                }
            }
            skip.insert(s);
        }
    }

    /// [`Capacity::team`] without standby, over the demand's slots outside `skip`.
    fn team_in(
        &self,
        instance: &Instance,
        d: usize,
        list: CandidateList,
        key: &impl Fn(usize) -> f64,
        ascending: bool,
        skip: Option<&BitSet>,
    ) -> Option<Team> {
        let demand = &instance.demands[d];
        let open_slot = |s: usize| skip.is_none_or(|b| !b.contains(s));
        // A demand pinned with its whole team but not all its standby looks for standby alone.
        if demand.people == 0 {
            let slot = demand.slots.iter().find(|&s| open_slot(s))?;
            return Some(Team { slot, members: Vec::new(), cost: 0.0, standby: Vec::new() });
        }
        let people = demand.people as usize;
        let (monthly, per_slot) = self.ledgers.split_at(self.monthly);
        let slot_count = instance.slots.len();
        let mut top = vec![(f64::INFINITY, usize::MAX); slot_count * people];
        let mut count = vec![0; slot_count];
        // The best full slot so far (total key, slot); final as soon as it is found when
        // `ascending`, else chosen after the pass.
        let mut best: Option<(f64, usize)> = None;
        for k in 0..list.len() {
            let v = list.volunteers[k] as usize;
            let hours = list.hours(k);
            if !monthly.iter().all(|l| l.fits_monthly(v, hours)) {
                continue;
            }
            let p = key(k);
            if !p.is_finite() {
                continue;
            }
            if let Some((total, slot)) = best.filter(|_| ascending) {
                // A slot still filling ends at least at its keys so far plus `p` per place left.
                let beyond = total + 1e-9 * total.abs().max(1.0);
                let open = demand.slots.iter().filter(|&s| count[s] < people && open_slot(s));
                if open
                    .map(|s| (top_sum(&top, s, people, count[s]) + (people - count[s]) as f64 * p, s))
                    .all(|(floor, s)| floor > beyond || (floor >= total && s > slot))
                {
                    break;
                }
            }
            for s in demand.slots.common(&instance.volunteers[v].slots) {
                if !open_slot(s) || self.standby.stands_by(v, s) || !per_slot.iter().all(|l| l.fits(v, s, hours)) {
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
            for s in demand.slots.iter().filter(|&s| count[s] == people && open_slot(s)) {
                let total = top_sum(&top, s, people, people);
                if best.is_none_or(|(b, _)| total < b) {
                    best = Some((total, s));
                }
            }
        }
        let (_, slot) = best?;
        let members: Vec<usize> = top[slot * people..(slot + 1) * people].iter().map(|e| e.1).collect();
        let cost = members.iter().map(|&k| list.costs[k]).sum();
        Some(Team { slot, members, cost, standby: Vec::new() })
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
