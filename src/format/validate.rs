//! Validation of a parsed `civic-match/1` instance: every rule of a valid instance that can be
//! seen without computing candidates. Each `check_eNNNN_*` function owns one code.
//!
//! All problems are collected in one pass so that a planner can fix a file in one go.

use super::error::Issue;
use super::spec::{InstanceSpec, INSTANCE_FORMAT};
use crate::ledger::Month;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Ids of each kind that references may name.
struct IdSets<'a> {
    slots: HashSet<&'a str>,
    regions: HashMap<&'a str, usize>,
    units: HashSet<&'a str>,
    volunteers: HashSet<&'a str>,
    demands: HashSet<&'a str>,
}

/// Every problem of `spec` that does not need candidates, grouped by rule.
pub fn validate(spec: &InstanceSpec) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_e1001_format_tag(spec, &mut issues);
    let ids = check_e1101_unique_ids(spec, &mut issues);
    check_e1200_references(spec, &ids, &mut issues);
    check_e1301_region_tree_is_acyclic(spec, &ids, &mut issues);
    check_e1400_numbers(spec, &mut issues);
    check_e1501_one_need_per_kind(spec, &mut issues);
    check_e1502_locations_without_arcs(spec, &mut issues);
    check_e1503_unique_arcs(spec, &mut issues);
    check_e1504_fairness_complete(spec, &mut issues);
    check_history(spec, &ids, &mut issues);
    check_e1210_pin_references(spec, &ids, &mut issues);
    issues
}

fn check_e1001_format_tag(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    if spec.format != INSTANCE_FORMAT {
        let message = format!("is {:?}; this tool reads {INSTANCE_FORMAT:?}", spec.format);
        issues.push(Issue::new("E1001", "format", message));
    }
}

/// Longest id, in bytes of UTF-8. Ids are keys that planners type and tables print; a longer
/// one is a column pasted into the wrong place, and a file of such ids would make every table
/// of names that large.
pub const MAX_ID_BYTES: usize = 256;

/// Position of each id; a repeated id is reported and keeps its first position, an id longer
/// than [`MAX_ID_BYTES`] is reported (E1102) and kept.
fn unique_ids<'a>(kind: &str, ids: impl Iterator<Item = &'a str>, issues: &mut Vec<Issue>) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.len() > MAX_ID_BYTES {
            let start: String = id.chars().take(24).collect();
            let message = format!("id {start:?}… is {} bytes long; ids may have at most {MAX_ID_BYTES}", id.len());
            issues.push(Issue::new("E1102", format!("{kind}[{i}].id"), message));
        }
        match seen.get(id) {
            Some(first) => issues.push(Issue::new(
                "E1101",
                format!("{kind}[{i}].id"),
                format!("duplicate id {id:?} (first used by {kind}[{first}])"),
            )),
            None => {
                seen.insert(id, i);
            }
        }
    }
    seen
}

fn check_e1101_unique_ids<'a>(spec: &'a InstanceSpec, issues: &mut Vec<Issue>) -> IdSets<'a> {
    let keys = |m: HashMap<&'a str, usize>| m.into_keys().collect::<HashSet<_>>();
    let slots = spec.slots.as_deref().unwrap_or_default();
    let ids = IdSets {
        slots: keys(unique_ids("slots", slots.iter().map(|s| s.id.as_str()), issues)),
        regions: unique_ids("regions", spec.regions.iter().map(|r| r.id.as_str()), issues),
        units: keys(unique_ids("units", spec.units.iter().map(|u| u.id.as_str()), issues)),
        volunteers: keys(unique_ids("volunteers", spec.volunteers.iter().map(|v| v.id.as_str()), issues)),
        demands: keys(unique_ids("demands", spec.demands.iter().map(|d| d.id.as_str()), issues)),
    };
    unique_ids("resources", spec.resources.iter().map(|r| r.id.as_str()), issues);
    ids
}

fn check_e1200_references(spec: &InstanceSpec, ids: &IdSets, issues: &mut Vec<Issue>) {
    let mut check = |code: &'static str, what: &str, known: bool, path: String, id: &str| {
        if !known {
            issues.push(Issue::new(code, path, format!("unknown {what} {id:?}")));
        }
    };
    let default_slots = spec.slots.is_none();
    let check_slots =
        |path: &str, slots: &Option<Vec<String>>, check: &mut dyn FnMut(&'static str, &str, bool, String, &str)| {
            for (k, s) in slots.iter().flatten().enumerate() {
                let known = ids.slots.contains(s.as_str()) || (default_slots && s == "month");
                check("E1204", "slot", known, format!("{path}.slots[{k}]"), s);
            }
        };
    for (i, r) in spec.regions.iter().enumerate() {
        if let Some(p) = &r.parent {
            check("E1202", "parent region", ids.regions.contains_key(p.as_str()), format!("regions[{i}].parent"), p);
        }
    }
    for (i, u) in spec.units.iter().enumerate() {
        if let Some(r) = &u.region {
            check("E1201", "region", ids.regions.contains_key(r.as_str()), format!("units[{i}].region"), r);
        }
    }
    for (i, v) in spec.volunteers.iter().enumerate() {
        if let Some(r) = &v.region {
            check("E1201", "region", ids.regions.contains_key(r.as_str()), format!("volunteers[{i}].region"), r);
        }
        if let Some(u) = &v.unit {
            check("E1203", "unit", ids.units.contains(u.as_str()), format!("volunteers[{i}].unit"), u);
        }
        check_slots(&format!("volunteers[{i}]"), &v.slots, &mut check);
    }
    for (i, d) in spec.demands.iter().enumerate() {
        if let Some(r) = &d.region {
            check("E1201", "region", ids.regions.contains_key(r.as_str()), format!("demands[{i}].region"), r);
        }
        check_slots(&format!("demands[{i}]"), &d.slots, &mut check);
    }
    for (i, r) in spec.resources.iter().enumerate() {
        if let Some(u) = &r.unit {
            check("E1203", "unit", ids.units.contains(u.as_str()), format!("resources[{i}].unit"), u);
        }
        for (k, g) in r.serves.iter().enumerate() {
            let path = format!("resources[{i}].serves[{k}]");
            check("E1205", "region", ids.regions.contains_key(g.as_str()), path, g);
        }
    }
    for (i, a) in spec.arcs.iter().enumerate() {
        check("E1206", "demand", ids.demands.contains(a.demand.as_str()), format!("arcs[{i}].demand"), &a.demand);
        let known = ids.volunteers.contains(a.volunteer.as_str());
        check("E1206", "volunteer", known, format!("arcs[{i}].volunteer"), &a.volunteer);
    }
    if let Some(level) = spec.policy.fairness.as_ref().and_then(|f| f.level.as_ref()) {
        if !spec.regions.iter().any(|r| r.level.as_ref() == Some(level)) {
            let message = format!("no region has level {level:?}, so the fairness term would be empty");
            issues.push(Issue::new("E1207", "policy.fairness.level", message));
        }
    }
}

fn check_e1301_region_tree_is_acyclic(spec: &InstanceSpec, ids: &IdSets, issues: &mut Vec<Issue>) {
    // 0 = unvisited, 1 = on the current walk, 2 = known to reach a root.
    let mut state = vec![0u8; spec.regions.len()];
    let parent = |i: usize| spec.regions[i].parent.as_deref().and_then(|p| ids.regions.get(p).copied());
    let id = |j: &usize| spec.regions[*j].id.as_str();
    for start in 0..spec.regions.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let cycle_start = walk.iter().position(|&j| j == i).unwrap_or(0);
                    let names: Vec<&str> = walk[cycle_start..].iter().map(id).collect();
                    let message = format!("region parents form a cycle: {} -> {}", names.join(" -> "), names[0]);
                    issues.push(Issue::new("E1301", format!("regions[{i}].parent"), message));
                    break;
                }
                _ => {
                    state[i] = 1;
                    walk.push(i);
                    at = parent(i);
                }
            }
        }
        walk.into_iter().for_each(|j| state[j] = 2);
    }
}

/// Collects number problems: not finite, negative where it must not be, out of range.
struct Numbers<'a> {
    issues: &'a mut Vec<Issue>,
}

impl Numbers<'_> {
    fn finite(&mut self, path: impl Fn() -> String, x: f64) -> bool {
        if !x.is_finite() {
            self.issues.push(Issue::new("E1401", path(), format!("{x} is not a finite number")));
        }
        x.is_finite()
    }

    fn non_negative(&mut self, path: impl Fn() -> String, x: Option<f64>) {
        if let Some(x) = x {
            if self.finite(&path, x) && x < 0.0 {
                self.issues.push(Issue::new("E1402", path(), format!("is {x}; it must be >= 0")));
            }
        }
    }

    fn location(&mut self, path: impl Fn() -> String, at: &Option<[f64; 2]>) {
        if let Some([lat, lon]) = *at {
            if self.finite(&path, lat) && !(-90.0..=90.0).contains(&lat) {
                let message = format!("latitude {lat} is outside [-90, 90] (is it [latitude, longitude]?)");
                self.issues.push(Issue::new("E1406", path(), message));
            }
            if self.finite(&path, lon) && !(-180.0..=180.0).contains(&lon) {
                self.issues.push(Issue::new("E1406", path(), format!("longitude {lon} is outside [-180, 180]")));
            }
        }
    }
}

fn check_e1400_numbers(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    let mut n = Numbers { issues };
    for (i, s) in spec.slots.iter().flatten().enumerate() {
        n.non_negative(|| format!("slots[{i}].hours"), s.hours);
    }
    for (i, v) in spec.volunteers.iter().enumerate() {
        n.non_negative(|| format!("volunteers[{i}].hours"), v.hours);
        n.location(|| format!("volunteers[{i}].at"), &v.at);
        if let Some(t) = v.max_tasks.filter(|&t| t < 0) {
            n.issues.push(Issue::new(
                "E1404",
                format!("volunteers[{i}].max_tasks"),
                format!("is {t}; it must be >= 0"),
            ));
        }
        if let Some(t) = v.max_standby.filter(|&t| t < 0) {
            let message = format!("is {t}; it must be a whole number >= 0 (standby duties in the month)");
            n.issues.push(Issue::new("E1412", format!("volunteers[{i}].max_standby"), message));
        }
    }
    for (i, d) in spec.demands.iter().enumerate() {
        n.non_negative(|| format!("demands[{i}].hours"), d.hours);
        n.non_negative(|| format!("demands[{i}].weight"), d.weight);
        n.location(|| format!("demands[{i}].at"), &d.at);
        if let Some(p) = d.people.filter(|&p| p < 1) {
            n.issues.push(Issue::new("E1403", format!("demands[{i}].people"), format!("is {p}; it must be >= 1")));
        }
        if let Some(b) = d.standby.filter(|&b| b < 0) {
            let message = format!("is {b}; it must be a whole number >= 0 (backup volunteers)");
            n.issues.push(Issue::new("E1411", format!("demands[{i}].standby"), message));
        }
        for (k, need) in d.needs.iter().flatten().enumerate() {
            n.non_negative(|| format!("demands[{i}].needs[{k}].amount"), Some(need.amount));
        }
        if let Some(age) = d.age {
            if n.finite(|| format!("demands[{i}].age"), age) && (age < 1.0 || age.fract() != 0.0) {
                let message = format!("is {age}; it must be a whole number >= 1 (months the demand has waited)");
                n.issues.push(Issue::new("E1407", format!("demands[{i}].age"), message));
            }
        }
    }
    for (i, r) in spec.resources.iter().enumerate() {
        n.non_negative(|| format!("resources[{i}].amount"), Some(r.amount));
    }
    for (i, a) in spec.arcs.iter().enumerate() {
        if let Some(c) = a.cost {
            n.finite(|| format!("arcs[{i}].cost"), c);
        }
        n.non_negative(|| format!("arcs[{i}].hours"), a.hours);
    }
    let p = &spec.policy;
    n.non_negative(|| "policy.max_km".into(), p.max_km);
    n.non_negative(|| "policy.travel_weight".into(), p.travel_weight);
    if let Some(t) = p.max_tasks_per_slot {
        if n.finite(|| "policy.max_tasks_per_slot".into(), t) && (t < 0.0 || t.fract() != 0.0) {
            let message = format!("is {t}; it must be a whole number >= 0 (tasks per volunteer and slot)");
            n.issues.push(Issue::new("E1404", "policy.max_tasks_per_slot", message));
        }
    }
    if let Some(a) = &p.aging {
        n.non_negative(|| "policy.aging.per_month".into(), Some(a.per_month));
        if n.finite(|| "policy.aging.cap".into(), a.cap) && a.cap < 1.0 {
            let message = format!("is {}; it must be >= 1 (the largest multiple of a demand's weight)", a.cap);
            n.issues.push(Issue::new("E1409", "policy.aging.cap", message));
        }
    }
    if let Some(b) = &p.balance {
        n.non_negative(|| "policy.balance.per_hour".into(), Some(b.per_hour));
        if n.finite(|| "policy.balance.target".into(), b.target) && b.target <= 0.0 {
            let message = format!("is {}; it must be > 0 (the hours a member is expected to have given)", b.target);
            n.issues.push(Issue::new("E1410", "policy.balance.target", message));
        }
    }
    if let Some(c) = &p.continuity {
        n.non_negative(|| "policy.continuity.bonus".into(), Some(c.bonus));
    }
    if let Some(f) = &p.fairness {
        n.non_negative(|| "policy.fairness.penalty".into(), f.penalty);
        if let Some(c) = f.min_coverage {
            if n.finite(|| "policy.fairness.min_coverage".into(), c) && !(0.0..=1.0).contains(&c) {
                let message = format!("is {c}; it must be in [0, 1]");
                n.issues.push(Issue::new("E1405", "policy.fairness.min_coverage", message));
            }
        }
    }
}

fn check_e1501_one_need_per_kind(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    for (i, d) in spec.demands.iter().enumerate() {
        let mut kinds = HashSet::new();
        for (k, need) in d.needs.iter().flatten().enumerate() {
            if !kinds.insert(need.kind.as_str()) {
                let message = format!("a second need of kind {:?}; merge them into one amount", need.kind);
                issues.push(Issue::new("E1501", format!("demands[{i}].needs[{k}].kind"), message));
            }
        }
    }
}

fn check_e1502_locations_without_arcs(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    if !spec.arcs.is_empty() {
        return;
    }
    let message = "`at` is required when the instance has no arcs (candidates come from distances)";
    for (i, v) in spec.volunteers.iter().enumerate().filter(|(_, v)| v.at.is_none()) {
        issues.push(Issue::new("E1502", format!("volunteers[{i}].at"), format!("{message}; volunteer {:?}", v.id)));
    }
    for (i, d) in spec.demands.iter().enumerate().filter(|(_, d)| d.at.is_none()) {
        issues.push(Issue::new("E1502", format!("demands[{i}].at"), format!("{message}; demand {:?}", d.id)));
    }
}

fn check_e1503_unique_arcs(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, a) in spec.arcs.iter().enumerate() {
        if let Some(first) = seen.insert((a.demand.as_str(), a.volunteer.as_str()), i) {
            let message = format!("a second arc joins {:?} and {:?} (first: arcs[{first}])", a.demand, a.volunteer);
            issues.push(Issue::new("E1503", format!("arcs[{i}]"), message));
        }
    }
}

fn check_e1504_fairness_complete(spec: &InstanceSpec, issues: &mut Vec<Issue>) {
    if let Some(f) = &spec.policy.fairness {
        let missing = [
            ("level", f.level.is_none()),
            ("min_coverage", f.min_coverage.is_none()),
            ("penalty", f.penalty.is_none()),
        ];
        for (field, _) in missing.iter().filter(|(_, m)| *m) {
            let message = "is required when policy.fairness is given (level, min_coverage and penalty)";
            issues.push(Issue::new("E1504", format!("policy.fairness.{field}"), message));
        }
    }
}

/// The `history` section: its ids name this instance's regions, volunteers and demands (E1201,
/// E1208, E1209), its months are `YYYY-MM` (E1408) and its figures are finite and >= 0.
fn check_history(spec: &InstanceSpec, ids: &IdSets, issues: &mut Vec<Issue>) {
    let Some(history) = &spec.history else { return };
    let mut unknown = |code: &'static str, what: &str, known: bool, path: String, id: &str| {
        if !known {
            issues.push(Issue::new(code, path, format!("unknown {what} {id:?} (history names only this month's ids)")));
        }
    };
    for (k, r) in history.regions.iter().enumerate() {
        unknown(
            "E1201",
            "region",
            ids.regions.contains_key(r.region.as_str()),
            format!("history.regions[{k}].region"),
            &r.region,
        );
    }
    for (k, v) in history.volunteers.iter().enumerate() {
        let path = format!("history.volunteers[{k}].volunteer");
        unknown("E1208", "volunteer", ids.volunteers.contains(v.volunteer.as_str()), path, &v.volunteer);
    }
    for (k, s) in history.series.iter().enumerate() {
        for (j, v) in s.volunteers.iter().enumerate() {
            let path = format!("history.series[{k}].volunteers[{j}]");
            unknown("E1208", "volunteer", ids.volunteers.contains(v.as_str()), path, v);
        }
    }
    for (k, c) in history.carried.iter().enumerate() {
        unknown(
            "E1209",
            "demand",
            ids.demands.contains(c.demand.as_str()),
            format!("history.carried[{k}].demand"),
            &c.demand,
        );
    }
    let months = history.month.iter().map(|m| ("history.month".to_string(), m));
    let months = months
        .chain(history.series.iter().enumerate().map(|(k, s)| (format!("history.series[{k}].month"), &s.month)))
        .chain(history.carried.iter().enumerate().map(|(k, c)| (format!("history.carried[{k}].since"), &c.since)));
    for (path, month) in months {
        if let Err(message) = Month::parse(month) {
            issues.push(Issue::new("E1408", path, message));
        }
    }
    let mut n = Numbers { issues };
    for (k, r) in history.regions.iter().enumerate() {
        n.non_negative(|| format!("history.regions[{k}].offered"), Some(r.offered));
        n.non_negative(|| format!("history.regions[{k}].met"), Some(r.met));
    }
    for (k, v) in history.volunteers.iter().enumerate() {
        n.non_negative(|| format!("history.volunteers[{k}].hours"), Some(v.hours));
    }
}

/// E1210: a pin names a demand, slot, volunteer or resource the instance does not have; E1401
/// for a pinned supply amount that is not finite. Whether the pins can hold is checked with
/// the candidates ([`crate::policy::pin_issues`]).
fn check_e1210_pin_references(spec: &InstanceSpec, ids: &IdSets, issues: &mut Vec<Issue>) {
    let resources: HashSet<&str> = spec.resources.iter().map(|r| r.id.as_str()).collect();
    let default_slots = spec.slots.is_none();
    let mut unknown = |what: &str, known: bool, path: String, id: &str| {
        if !known {
            issues.push(Issue::new("E1210", path, format!("pins unknown {what} {id:?}")));
        }
    };
    for (k, pin) in spec.pinned.iter().enumerate() {
        unknown("demand", ids.demands.contains(pin.demand.as_str()), format!("pinned[{k}].demand"), &pin.demand);
        if let Some(s) = &pin.slot {
            let known = ids.slots.contains(s.as_str()) || (default_slots && s == "month");
            unknown("slot", known, format!("pinned[{k}].slot"), s);
        }
        for (j, v) in pin.volunteers.iter().enumerate() {
            unknown("volunteer", ids.volunteers.contains(v.as_str()), format!("pinned[{k}].volunteers[{j}]"), v);
        }
        for (j, v) in pin.standby.iter().enumerate() {
            unknown("volunteer", ids.volunteers.contains(v.as_str()), format!("pinned[{k}].standby[{j}]"), v);
        }
        for (j, s) in pin.supplies.iter().flatten().enumerate() {
            let path = format!("pinned[{k}].supplies[{j}].resource");
            unknown("resource", resources.contains(s.resource.as_str()), path, &s.resource);
        }
    }
    let mut numbers = Numbers { issues };
    for (k, pin) in spec.pinned.iter().enumerate() {
        for (j, s) in pin.supplies.iter().flatten().enumerate() {
            numbers.finite(|| format!("pinned[{k}].supplies[{j}].amount"), s.amount);
        }
    }
}
