//! Rule 8: pinned assignments. A plan keeps every pin: the pinned demand is met, in the pinned
//! slot, by a team holding the pinned volunteers, with the pinned supplies.
//!
//! Solvers never see a pin. [`PinnedMonth::of`] books what the pins hold — their volunteers'
//! hours and tasks in the month and in the slot, their supplies — and leaves a *residual*
//! month: a demand pinned whole is taken out of play (no slot, no candidate, weight 0, its
//! weight owed to its fairness region already met), a demand pinned in part becomes a `must`
//! demand for the rest of its team, in its slot, without the pinned volunteers. Every plan of
//! the residual month together with the pins is a plan of the month keeping every pin, and the
//! other way round, with objective = residual objective + [`PinnedMonth::constant`]; so every
//! solver, bound and status carries over unchanged.
//!
//! A pinned standby volunteer (rule 9) is booked by taking its pinned slot from its slots in
//! the residual month (it may neither work nor stand by again there) and one duty from its
//! `max_standby`; a demand pinned in part asks only for the standby its pin does not name.

use super::fairness::FairnessGroups;
use super::supplies::SupplyIndex;
use crate::candidates::Candidates;
use crate::format::{Issue, Names};
use crate::model::{Assignment, BitSet, Instance, Pin, Plan, SlotUse, Supply};

/// Relative tolerance of pinned supplies against needs and of booked sums against caps: the
/// checker's.
const TOLERANCE: f64 = 1e-6;

/// A month with pins, as the solvers see it, and what it takes to give their plans back the
/// pins.
#[derive(Debug, Clone)]
pub struct PinnedMonth {
    /// The residual instance: what the pins leave.
    pub instance: Instance,
    /// The residual candidates: those of the month without the demands pinned whole and
    /// without the pinned volunteers of demands pinned in part.
    pub candidates: Candidates,
    /// The residual fairness targets: each region's target less the weight its whole pins meet.
    pub fairness: FairnessGroups,
    /// What gives a residual plan back the pins.
    pub completion: Completion,
}

/// What the pins hold, to add to a plan of the residual month.
#[derive(Debug, Clone)]
pub struct Completion {
    /// Objective of what the pins hold: w'(d) − Σ c'(d, v) of every demand pinned whole, and
    /// −c'(d, v) of every pinned volunteer of a demand pinned in part.
    pub constant: f64,
    /// Assignments of the demands pinned whole.
    whole: Vec<Assignment>,
    /// Pins of demands pinned in part, by demand.
    part: Vec<Pin>,
}

/// The hours h(d, v) of pinned volunteer `v` of demand `d`.
fn pair_hours(candidates: &Candidates, d: usize, v: u32) -> Option<(f64, f64)> {
    let list = candidates.of(d);
    list.position(v).map(|k| (list.costs[k], list.hours(k)))
}

/// Whether `pin` fixes its whole assignment: slot, every volunteer, supplies (or the demand
/// needs none) and every standby volunteer: its demand's residual month needs no pairs but the
/// pinned ones. A demand pinned with its whole team but not all its standby is searched for the
/// rest of its standby alone.
pub fn is_whole(instance: &Instance, pin: &Pin) -> bool {
    let demand = &instance.demands[pin.demand as usize];
    pin.slot.is_some()
        && pin.volunteers.len() == demand.people as usize
        && (pin.supplies.is_some() || demand.needs.is_empty())
        && pin.standby.len() == demand.standby as usize
}

impl PinnedMonth {
    /// The residual month of `instance` (whose pins passed [`pin_issues`]).
    pub fn of(instance: &Instance, candidates: &Candidates, fairness: &FairnessGroups) -> Self {
        let mut residual = instance.clone();
        residual.pins.clear();
        let mut fairness = fairness.clone();
        let (mut whole, mut part, mut constant) = (Vec::new(), Vec::new(), 0.0);
        // Pairs the residual month drops: every pair of a demand pinned whole, the pinned
        // volunteers' pairs of a demand pinned in part.
        let mut dropped_all = vec![false; instance.demands.len()];
        let mut dropped = vec![Vec::new(); instance.demands.len()];
        for pin in &instance.pins {
            let d = pin.demand as usize;
            for &v in &pin.volunteers {
                let (cost, hours) = pair_hours(candidates, d, v).expect("pinned volunteers are candidates");
                constant -= cost;
                let slot = pin.slot.expect("pins naming volunteers name their slot");
                book(&mut residual, v as usize, slot, hours);
            }
            for supply in pin.supplies.iter().flatten() {
                let left = &mut residual.resources[supply.resource as usize].amount;
                *left = (*left - supply.amount).max(0.0);
            }
            for &b in &pin.standby {
                let backup = &mut residual.volunteers[b as usize];
                backup.slots.remove(pin.slot.expect("pins naming standby name their slot") as usize);
                if backup.max_standby != u32::MAX {
                    backup.max_standby = backup.max_standby.saturating_sub(1);
                }
            }
            let demand = &mut residual.demands[d];
            if is_whole(instance, pin) {
                constant += demand.weight;
                if let Some(g) = fairness.group_of[d] {
                    let g = g as usize;
                    fairness.target[g] = (fairness.target[g] - demand.weight).max(0.0);
                    fairness.total[g] -= demand.weight;
                }
                demand.weight = 0.0;
                demand.listed_weight = 0.0;
                demand.must = false;
                demand.slots = BitSet::empty(instance.slots.len());
                demand.needs.clear();
                dropped_all[d] = true;
                whole.push(Assignment {
                    demand: pin.demand,
                    slot: pin.slot.expect("whole pins name their slot"),
                    volunteers: pin.volunteers.clone(),
                    supplies: pin.supplies.clone().unwrap_or_default(),
                    standby: pin.standby.clone(),
                });
            } else {
                demand.must = true;
                demand.people -= pin.volunteers.len() as u32;
                demand.standby -= pin.standby.len() as u32;
                if let Some(s) = pin.slot {
                    let mut only = BitSet::empty(instance.slots.len());
                    only.insert(s as usize);
                    demand.slots = only;
                }
                if pin.supplies.is_some() {
                    demand.needs.clear();
                }
                dropped[d] = pin.volunteers.clone();
                part.push(pin.clone());
            }
        }
        let candidates = candidates.without(|d, v| dropped_all[d] || dropped[d].contains(&v));
        PinnedMonth { instance: residual, candidates, fairness, completion: Completion { constant, whole, part } }
    }
}

impl Completion {
    /// A plan of the month from a plan of the residual month: the whole pins added, and each
    /// demand pinned in part given back its pinned volunteers and supplies.
    pub fn complete(&self, residual: &Plan) -> Plan {
        let mut assignments: Vec<Assignment> = residual.assignments.clone();
        for pin in &self.part {
            if let Some(a) = assignments.iter_mut().find(|a| a.demand == pin.demand) {
                a.volunteers.splice(0..0, pin.volunteers.iter().copied());
                a.standby.splice(0..0, pin.standby.iter().copied());
                if let Some(supplies) = &pin.supplies {
                    a.supplies = supplies.clone();
                }
            }
        }
        assignments.extend(self.whole.iter().cloned());
        assignments.sort_by_key(|a| a.demand);
        Plan { assignments }
    }
}

/// Books a pinned task of `hours` of volunteer `v` in `slot`: its month's hours and tasks and
/// its slot's hours and tasks shrink by it.
fn book(instance: &mut Instance, v: usize, slot: u32, hours: f64) {
    let volunteer = &mut instance.volunteers[v];
    volunteer.hours = (volunteer.hours - hours).max(0.0);
    if volunteer.max_tasks != u32::MAX {
        volunteer.max_tasks = volunteer.max_tasks.saturating_sub(1);
    }
    match volunteer.booked.iter_mut().find(|b| b.slot == slot) {
        Some(b) => {
            b.hours += hours;
            b.tasks += 1;
        }
        None => volunteer.booked.push(SlotUse { slot, hours, tasks: 1 }),
    }
}

/// Every reason the pins of `instance` cannot all hold, as invalid input: E1701 a demand pinned
/// twice; E1702 more volunteers than the demand's people, or one twice; E1703 volunteers without
/// a slot; E1704 a slot the demand does not allow or a pinned volunteer does not have; E1705 a
/// pinned volunteer who is not a candidate; E1706 supplies that do not meet rule 6 exactly;
/// E1707 pins that together overload a volunteer (rules 4, 4b, 5) or a resource (rule 7),
/// naming every pin involved; E1708 a whole team pinned without the supplies its demand needs;
/// E1709 a demand pinned in part left without enough other candidates or resources.
pub fn pin_issues(instance: &Instance, names: &Names, candidates: &Candidates, supplies: &SupplyIndex) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut first_pin = vec![None; instance.demands.len()];
    for (k, pin) in instance.pins.iter().enumerate() {
        let at = |field: &str| format!("pinned[{k}]{field}");
        let d = pin.demand as usize;
        let demand = &instance.demands[d];
        let id = &names.demands[d];
        if let Some(j) = first_pin[d] {
            issues.push(Issue::new(
                "E1701",
                at(".demand"),
                format!("demand {id:?} is pinned twice (also by pinned[{j}])"),
            ));
            continue;
        }
        first_pin[d] = Some(k);
        let count = pin.volunteers.len();
        if count > demand.people as usize {
            let message = format!("pins {count} volunteers to demand {id:?}, which needs {}", demand.people);
            issues.push(Issue::new("E1702", at(".volunteers"), message));
        }
        for (j, v) in pin.volunteers.iter().enumerate() {
            if pin.volunteers[..j].contains(v) {
                let message = format!("volunteer {:?} is pinned twice", names.volunteers[*v as usize]);
                issues.push(Issue::new("E1702", at(&format!(".volunteers[{j}]")), message));
            }
        }
        match pin.slot {
            None if count > 0 => {
                let message = format!("pins volunteers to demand {id:?} without a slot; name the slot they serve in");
                issues.push(Issue::new("E1703", at(".slot"), message));
            }
            None => {}
            Some(s) => {
                let slot = &names.slots[s as usize];
                if !demand.slots.contains(s as usize) {
                    let message = format!("demand {id:?} does not allow slot {slot:?}");
                    issues.push(Issue::new("E1704", at(".slot"), message));
                }
                for (j, &v) in pin.volunteers.iter().enumerate() {
                    if !instance.volunteers[v as usize].slots.contains(s as usize) {
                        let message =
                            format!("volunteer {:?} is not available in slot {slot:?}", names.volunteers[v as usize]);
                        issues.push(Issue::new("E1704", at(&format!(".volunteers[{j}]")), message));
                    }
                }
            }
        }
        for (j, &v) in pin.volunteers.iter().enumerate() {
            if pair_hours(candidates, d, v).is_none() {
                let message =
                    format!("volunteer {:?} is not a candidate for demand {id:?}", names.volunteers[v as usize]);
                issues.push(Issue::new("E1705", at(&format!(".volunteers[{j}]")), message));
            }
        }
        match &pin.supplies {
            Some(list) => supply_issues(instance, names, supplies, k, pin.demand, list, &mut issues),
            None if count == demand.people as usize && !demand.needs.is_empty() => {
                let message = format!("pins the whole team of demand {id:?} but not the supplies it needs");
                issues.push(Issue::new("E1708", at(".supplies"), message));
            }
            None => {}
        }
        standby_pin_issues(instance, names, candidates, k, pin, &mut issues);
    }
    if issues.is_empty() {
        standby_overload_issues(instance, names, &mut issues);
    }
    if issues.is_empty() {
        overload_issues(instance, names, candidates, &mut issues);
    }
    if issues.is_empty() {
        residual_issues(instance, names, candidates, supplies, &mut issues);
    }
    issues
}

/// Rule 9 in pin `k`: E1702 more standby than the demand asks, one twice or one of the pinned
/// team; E1703 standby without a slot; E1704 a standby not available in the pinned slot; E1705
/// one who is not a candidate. A pin naming the whole team but not all the standby leaves the
/// rest of the standby to the solver.
fn standby_pin_issues(
    instance: &Instance,
    names: &Names,
    candidates: &Candidates,
    k: usize,
    pin: &Pin,
    issues: &mut Vec<Issue>,
) {
    let d = pin.demand as usize;
    let demand = &instance.demands[d];
    let id = &names.demands[d];
    let at = |j: usize| format!("pinned[{k}].standby[{j}]");
    if pin.standby.len() > demand.standby as usize {
        let message = format!("pins {} standby to demand {id:?}, which asks {}", pin.standby.len(), demand.standby);
        issues.push(Issue::new("E1702", format!("pinned[{k}].standby"), message));
    }
    if !pin.standby.is_empty() && pin.slot.is_none() {
        let message = format!("pins standby to demand {id:?} without a slot; name the slot they stand by in");
        issues.push(Issue::new("E1703", format!("pinned[{k}].slot"), message));
    }
    for (j, &b) in pin.standby.iter().enumerate() {
        let vid = &names.volunteers[b as usize];
        if pin.standby[..j].contains(&b) || pin.volunteers.contains(&b) {
            issues.push(Issue::new("E1702", at(j), format!("volunteer {vid:?} is pinned twice to demand {id:?}")));
        }
        if pin.slot.is_some_and(|s| !instance.volunteers[b as usize].slots.contains(s as usize)) {
            let message = format!("standby {vid:?} is not available in the pinned slot");
            issues.push(Issue::new("E1704", at(j), message));
        }
        if pair_hours(candidates, d, b).is_none() {
            let message = format!("standby {vid:?} is not a candidate for demand {id:?}");
            issues.push(Issue::new("E1705", at(j), message));
        }
    }
}

/// E1707 for pinned standby (rule 9): a standby with a pinned task in its slot, on standby for
/// two pins in one slot, or pinned to more duties than its `max_standby`.
fn standby_overload_issues(instance: &Instance, names: &Names, issues: &mut Vec<Issue>) {
    let mut duties: Vec<(u32, u32, usize)> = Vec::new();
    for (k, pin) in instance.pins.iter().enumerate() {
        let Some(s) = pin.slot else { continue };
        for &b in &pin.standby {
            duties.push((b, s, k));
            let vid = &names.volunteers[b as usize];
            for (j, other) in instance.pins.iter().enumerate() {
                if other.slot == Some(s) && other.volunteers.contains(&b) {
                    let message = format!(
                        "pinned[{k}] has {vid:?} on standby in the slot pinned[{j}] gives it a task in (rule 9)"
                    );
                    issues.push(Issue::new("E1707", format!("pinned[{k}]"), message));
                }
            }
        }
    }
    duties.sort_unstable();
    for group in duties.chunk_by(|a, b| a.0 == b.0) {
        let b = group[0].0;
        let vid = &names.volunteers[b as usize];
        for pair in group.windows(2).filter(|p| p[0].1 == p[1].1) {
            let message = format!(
                "pinned[{}], pinned[{}] both have {vid:?} on standby in one slot (rule 9)",
                pair[0].2, pair[1].2
            );
            issues.push(Issue::new("E1707", format!("pinned[{}]", pair[0].2), message));
        }
        let limit = instance.volunteers[b as usize].max_standby;
        if group.len() as u64 > u64::from(limit) {
            let list: Vec<String> = group.iter().map(|u| format!("pinned[{}]", u.2)).collect();
            let message = format!(
                "{} together give {vid:?} {} standby duties of {limit} allowed (rule 9)",
                list.join(", "),
                group.len()
            );
            issues.push(Issue::new("E1707", format!("pinned[{}]", group[0].2), message));
        }
    }
}

/// E1706 for pin `k`'s supplies to demand `d`.
fn supply_issues(
    instance: &Instance,
    names: &Names,
    index: &SupplyIndex,
    k: usize,
    d: u32,
    list: &[Supply],
    issues: &mut Vec<Issue>,
) {
    let demand = &instance.demands[d as usize];
    let id = &names.demands[d as usize];
    for (j, supply) in list.iter().enumerate() {
        let resource = &instance.resources[supply.resource as usize];
        let rid = &names.resources[supply.resource as usize];
        let path = format!("pinned[{k}].supplies[{j}]");
        let problem = match demand.needs.iter().find(|n| n.kind == resource.kind) {
            _ if supply.amount <= 0.0 => Some(format!("supplies {} of {rid:?}; an amount must be > 0", supply.amount)),
            None => Some(format!("resource {rid:?} is of a kind demand {id:?} does not need")),
            Some(need) if !index.eligible(instance, demand, need).any(|r| r == supply.resource) => {
                Some(format!("resource {rid:?} does not serve demand {id:?}'s region"))
            }
            Some(_) => None,
        };
        if let Some(message) = problem {
            issues.push(Issue::new("E1706", path, message));
        }
    }
    for need in &demand.needs {
        let given: f64 =
            list.iter().filter(|s| instance.resources[s.resource as usize].kind == need.kind).map(|s| s.amount).sum();
        if (given - need.amount).abs() > TOLERANCE * need.amount.abs().max(1.0) {
            let kind = &names.kinds[need.kind as usize];
            let message = format!("supplies {given} {kind} to demand {id:?}, which needs {}", need.amount);
            issues.push(Issue::new("E1706", format!("pinned[{k}].supplies"), message));
        }
    }
}

/// A capacity pins can fill, as (kind, object, slot): 0 a volunteer's hours, 1 its tasks (rule
/// 5), 2 its hours in a slot (rule 4), 3 its tasks in a slot (rule 4b), 4 a resource (rule 7).
type Row = (u8, u32, u32);

/// E1707: every volunteer's month (hours, tasks), slot (hours, tasks) and resource the pins
/// together fill beyond its cap, each naming every pin that uses it.
fn overload_issues(instance: &Instance, names: &Names, candidates: &Candidates, issues: &mut Vec<Issue>) {
    let count_cap = |n: u32| if n == u32::MAX { f64::INFINITY } else { f64::from(n) };
    let cap = |&(kind, i, s): &Row| match kind {
        0 => instance.volunteers[i as usize].hours,
        1 => count_cap(instance.volunteers[i as usize].max_tasks),
        2 => instance.slots[s as usize].hours,
        3 => count_cap(instance.policy.max_tasks_per_slot),
        _ => instance.resources[i as usize].amount,
    };
    // Every use of every row, as (row, amount, pin).
    let mut uses: Vec<(Row, f64, usize)> = Vec::new();
    for (k, pin) in instance.pins.iter().enumerate() {
        let d = pin.demand as usize;
        for &v in &pin.volunteers {
            let (_, hours) = pair_hours(candidates, d, v).expect("checked: candidates");
            let s = pin.slot.expect("checked: pins with volunteers name a slot");
            uses.extend([((0, v, 0), hours, k), ((1, v, 0), 1.0, k), ((2, v, s), hours, k), ((3, v, s), 1.0, k)]);
        }
        for supply in pin.supplies.iter().flatten() {
            uses.push(((4, supply.resource, 0), supply.amount, k));
        }
    }
    uses.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    for group in uses.chunk_by(|a, b| a.0 == b.0) {
        let row = group[0].0;
        let total: f64 = group.iter().map(|u| u.1).sum();
        let cap = cap(&row);
        let over = match row.0 {
            1 | 3 => total > cap,
            _ => total > cap + TOLERANCE * cap.abs().max(1.0),
        };
        if !over {
            continue;
        }
        let mut pins: Vec<usize> = group.iter().map(|u| u.2).collect();
        pins.dedup();
        let (kind, i, s) = row;
        let what = match kind {
            0 => format!("volunteer {:?}'s hours (rule 5)", names.volunteers[i as usize]),
            1 => format!("volunteer {:?}'s max_tasks (rule 5)", names.volunteers[i as usize]),
            2 => format!(
                "volunteer {:?}'s hours in slot {:?} (rule 4)",
                names.volunteers[i as usize], names.slots[s as usize]
            ),
            3 => format!(
                "volunteer {:?}'s tasks in slot {:?} (rule 4b)",
                names.volunteers[i as usize], names.slots[s as usize]
            ),
            _ => format!("resource {:?} (rule 7)", names.resources[i as usize]),
        };
        let list: Vec<String> = pins.iter().map(|k| format!("pinned[{k}]")).collect();
        let message = format!("{} together use {total} of {cap} allowed for {what}", list.join(", "));
        issues.push(Issue::new("E1707", format!("pinned[{}]", pins[0]), message));
    }
}

/// E1709: a demand pinned in part must still find the rest of its team and its needs.
fn residual_issues(
    instance: &Instance,
    names: &Names,
    candidates: &Candidates,
    index: &SupplyIndex,
    issues: &mut Vec<Issue>,
) {
    let mut left = instance.resource_amounts();
    for supply in instance.pins.iter().flat_map(|p| p.supplies.iter().flatten()) {
        left[supply.resource as usize] -= supply.amount;
    }
    for (k, pin) in instance.pins.iter().enumerate().filter(|(_, p)| !is_whole(instance, p)) {
        let d = pin.demand as usize;
        let demand = &instance.demands[d];
        let id = &names.demands[d];
        let more = demand.people as usize - pin.volunteers.len() + demand.standby as usize - pin.standby.len();
        let others = candidates
            .of(d)
            .volunteers
            .iter()
            .filter(|v| !pin.volunteers.contains(v) && !pin.standby.contains(v))
            .filter(|&&v| pin.slot.is_none_or(|s| instance.volunteers[v as usize].slots.contains(s as usize)))
            .count();
        if others < more {
            let message = format!("demand {id:?} needs {more} more volunteer(s) and has {others} other candidate(s)");
            issues.push(Issue::new("E1709", format!("pinned[{k}]"), message));
        }
        if pin.supplies.is_none() {
            for need in &demand.needs {
                let held = index.available(instance, demand, need, &left);
                if held + 1e-9 < need.amount {
                    let kind = &names.kinds[need.kind as usize];
                    let message = format!(
                        "demand {id:?} needs {} {kind} and what the pins leave of the resources serving it is {held}",
                        need.amount
                    );
                    issues.push(Issue::new("E1709", format!("pinned[{k}].supplies"), message));
                }
            }
        }
    }
}
