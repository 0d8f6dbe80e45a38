//! What re-planning changed, for the coordinator: who is newly asked for what, who is released,
//! which demands are lost or newly met.

use crate::format::{AssignmentSpec, DiffSpec, PairChange, SolutionSpec};
use foldhash::HashMap;

/// Whether two assignments of one demand are the same: slot, team (as a set) and supplies.
pub fn same(a: &AssignmentSpec, b: &AssignmentSpec) -> bool {
    a.slot == b.slot
        && a.volunteers.len() == b.volunteers.len()
        && (a.volunteers == b.volunteers || team(a) == team(b))
        && supplies(a) == supplies(b)
}

/// An assignment's team, sorted.
fn team(a: &AssignmentSpec) -> Vec<&str> {
    let mut team: Vec<&str> = a.volunteers.iter().map(String::as_str).collect();
    team.sort_unstable();
    team
}

/// An assignment's supplies as (resource, amount bits), sorted.
fn supplies(a: &AssignmentSpec) -> Vec<(&str, u64)> {
    let mut list: Vec<(&str, u64)> = a.supplies.iter().map(|s| (s.resource.as_str(), s.amount.to_bits())).collect();
    list.sort_unstable();
    list
}

/// One (volunteer, demand, slot) of a plan, in [`PairChange`]'s order.
type Pair<'a> = (&'a str, &'a str, &'a str);

/// A plan's assignments by demand id.
fn by_demand(s: &SolutionSpec) -> HashMap<&str, &AssignmentSpec> {
    s.assignments.iter().map(|a| (a.demand.as_str(), a)).collect()
}

/// A plan's (volunteer, demand, slot) pairs, sorted and distinct.
fn pairs(s: &SolutionSpec) -> Vec<Pair<'_>> {
    let mut pairs: Vec<Pair> = s
        .assignments
        .iter()
        .flat_map(|a| a.volunteers.iter().map(|v| (v.as_str(), a.demand.as_str(), a.slot.as_str())))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The pairs of `these` not in `those` (both sorted).
fn only_in(these: &[Pair], those: &[Pair]) -> Vec<PairChange> {
    these
        .iter()
        .filter(|p| those.binary_search(p).is_err())
        .map(|&(volunteer, demand, slot)| PairChange {
            volunteer: volunteer.to_string(),
            demand: demand.to_string(),
            slot: slot.to_string(),
        })
        .collect()
}

/// The demand ids of `from` whose assignment passes `keep`, sorted.
fn demands(from: &HashMap<&str, &AssignmentSpec>, keep: impl Fn(&str, &AssignmentSpec) -> bool) -> Vec<String> {
    let mut ids: Vec<String> = from.iter().filter(|(d, a)| keep(d, a)).map(|(d, _)| d.to_string()).collect();
    ids.sort_unstable();
    ids
}

/// The difference between the dispatched plan `old` and the new plan `new`; `touched` and
/// `max_changes` are the re-plan's own counts, `moved` is counted by the caller. Every list is
/// sorted (pairs by volunteer, demand, slot; demands by id).
pub fn diff(old: &SolutionSpec, new: &SolutionSpec) -> DiffSpec {
    let (before, after) = (by_demand(old), by_demand(new));
    let (was, is) = (pairs(old), pairs(new));
    DiffSpec {
        kept: before.iter().filter(|(d, a)| after.get(*d).is_some_and(|b| same(a, b))).count(),
        asked: only_in(&is, &was),
        released: only_in(&was, &is),
        newly_met: demands(&after, |d, _| !before.contains_key(d)),
        lost: demands(&before, |d, _| !after.contains_key(d)),
        rescheduled: demands(&before, |d, a| after.get(d).is_some_and(|b| b.slot != a.slot)),
        ..DiffSpec::default()
    }
}

/// The diff as CSV rows for the coordinator (UTF-8 with a BOM, for spreadsheet programs):
/// `变动 change, 需求 demand, 志愿者 volunteer, 时段 slot`, one row per volunteer asked or
/// released and per demand newly met, lost or rescheduled.
pub fn diff_csv(diff: &DiffSpec, new: &SolutionSpec) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let slots: HashMap<&str, &str> = new.assignments.iter().map(|a| (a.demand.as_str(), a.slot.as_str())).collect();
    let slot_of = |d: &str| slots.get(d).copied().unwrap_or_default().to_string();
    let mut rows: Vec<[String; 4]> = Vec::new();
    for p in &diff.asked {
        rows.push(["新派 asked".into(), p.demand.clone(), p.volunteer.clone(), p.slot.clone()]);
    }
    for p in &diff.released {
        rows.push(["撤回 released".into(), p.demand.clone(), p.volunteer.clone(), p.slot.clone()]);
    }
    for d in &diff.newly_met {
        rows.push(["新满足 newly met".into(), d.clone(), String::new(), slot_of(d)]);
    }
    for d in &diff.lost {
        rows.push(["未能满足 lost".into(), d.clone(), String::new(), String::new()]);
    }
    for d in &diff.rescheduled {
        rows.push(["改期 rescheduled".into(), d.clone(), String::new(), slot_of(d)]);
    }
    out.write_record(["变动 change", "需求 demand", "志愿者 volunteer", "时段 slot"]).expect("writing to memory");
    for row in rows {
        out.write_record(row).expect("writing to memory");
    }
    out.into_inner().expect("writing to memory")
}
