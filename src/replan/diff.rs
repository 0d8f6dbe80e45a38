//! What re-planning changed, for the coordinator: who is newly asked for what, who is released,
//! which demands are lost or newly met.

use crate::format::{AssignmentSpec, DiffSpec, PairChange, SolutionSpec};
use std::collections::{BTreeMap, BTreeSet};

/// Whether two assignments of one demand are the same: slot, team (as a set) and supplies.
pub fn same(a: &AssignmentSpec, b: &AssignmentSpec) -> bool {
    let team = |x: &AssignmentSpec| x.volunteers.iter().cloned().collect::<BTreeSet<_>>();
    let supplies = |x: &AssignmentSpec| {
        let mut list: Vec<(String, u64)> =
            x.supplies.iter().map(|s| (s.resource.clone(), s.amount.to_bits())).collect();
        list.sort();
        list
    };
    a.slot == b.slot && team(a) == team(b) && supplies(a) == supplies(b)
}

/// The difference between the dispatched plan `old` and the new plan `new`; `touched` and
/// `max_changes` are the re-plan's own counts, `moved` is counted by the caller.
pub fn diff(old: &SolutionSpec, new: &SolutionSpec) -> DiffSpec {
    let by_demand = |s: &SolutionSpec| -> BTreeMap<String, AssignmentSpec> {
        s.assignments.iter().map(|a| (a.demand.clone(), a.clone())).collect()
    };
    let (before, after) = (by_demand(old), by_demand(new));
    let pairs = |m: &BTreeMap<String, AssignmentSpec>| -> BTreeSet<PairChange> {
        m.values()
            .flat_map(|a| {
                a.volunteers.iter().map(|v| PairChange {
                    volunteer: v.clone(),
                    demand: a.demand.clone(),
                    slot: a.slot.clone(),
                })
            })
            .collect()
    };
    let (was, is) = (pairs(&before), pairs(&after));
    DiffSpec {
        kept: before.iter().filter(|(d, a)| after.get(*d).is_some_and(|b| same(a, b))).count(),
        asked: is.difference(&was).cloned().collect(),
        released: was.difference(&is).cloned().collect(),
        newly_met: after.keys().filter(|d| !before.contains_key(*d)).cloned().collect(),
        lost: before.keys().filter(|d| !after.contains_key(*d)).cloned().collect(),
        rescheduled: before
            .iter()
            .filter(|(d, a)| after.get(*d).is_some_and(|b| b.slot != a.slot))
            .map(|(d, _)| d.clone())
            .collect(),
        ..DiffSpec::default()
    }
}

/// The diff as CSV rows for the coordinator (UTF-8 with a BOM, for spreadsheet programs):
/// `变动 change, 需求 demand, 志愿者 volunteer, 时段 slot`, one row per volunteer asked or
/// released and per demand newly met, lost or rescheduled.
pub fn diff_csv(diff: &DiffSpec, new: &SolutionSpec) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let slot_of = |d: &str| new.assignments.iter().find(|a| a.demand == d).map_or("", |a| a.slot.as_str()).to_string();
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
