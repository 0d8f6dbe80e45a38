//! Rule 9: standby posts.

use super::pairs::{Pairs, Reach};
use super::plan::Plan;
use super::{quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;
use std::collections::HashMap;

/// Rule 9: for every met demand d in slot s with standby set B_d: |B_d| = standby(d), listed
/// once each; B_d ⊆ candidates(d); B_d ∩ team(d) = ∅; every b ∈ B_d is available in s, has no
/// assignment in s and stands by for no other demand in s; and each volunteer's standby duties
/// over the plan number at most its `max_standby`. A backup's hours count in no other rule.
pub(super) fn check_rule9_standby(instance: &Instance, names: &Names, plan: &Plan, pairs: &Pairs) -> Vec<Violation> {
    let mut violations = Vec::new();
    let vid = |v: u32| quoted(&names.volunteers[v as usize]);
    // Who works in which slot, and who stands by where (volunteer, slot) → demands.
    let mut works: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let mut duties: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let mut count = vec![0u64; instance.volunteers.len()];
    for a in &plan.assignments {
        let Some(s) = a.slot else { continue };
        for &v in &a.team {
            works.entry((v, s)).or_default().push(a.demand);
        }
        for &b in &a.standby {
            duties.entry((b, s)).or_default().push(a.demand);
            count[b as usize] += 1;
        }
    }
    for a in &plan.assignments {
        let d = a.demand;
        let demand = &instance.demands[d as usize];
        let whose = format!("demand {}", quoted(&names.demands[d as usize]));
        let mut broken = |what: String| violations.push(Violation::new(Rule::Standby, format!("{whose}: {what}")));
        if a.spec.standby.len() != demand.standby as usize {
            broken(format!("names {} standby, but the demand asks {}", a.spec.standby.len(), demand.standby));
        }
        for (j, &b) in a.standby.iter().enumerate() {
            if a.standby[..j].contains(&b) {
                broken(format!("names standby {} twice", vid(b)));
                continue;
            }
            if a.team.contains(&b) {
                broken(format!("standby {} is in its own team", vid(b)));
            }
            let pair = pairs.pair(d, b);
            if pair.reach != Reach::Yes || !pairs.missing_skills(d, b).is_empty() {
                broken(format!("standby {} is not a candidate", vid(b)));
            }
            let Some(s) = a.slot else { continue };
            let slot = quoted(&names.slots[s as usize]);
            if !instance.volunteers[b as usize].slots.contains(s as usize) {
                broken(format!("standby {} is not available in slot {slot}", vid(b)));
            }
            if let Some(list) = works.get(&(b, s)) {
                let others: Vec<String> = list.iter().map(|&e| quoted(&names.demands[e as usize])).collect();
                broken(format!("standby {} has an assignment in slot {slot} ({})", vid(b), others.join(", ")));
            }
            if duties.get(&(b, s)).is_some_and(|list| list.iter().any(|&e| e != d)) {
                broken(format!("standby {} stands by for another demand in slot {slot} too", vid(b)));
            }
        }
    }
    for (v, &n) in count.iter().enumerate() {
        let limit = instance.volunteers[v].max_standby;
        if n > u64::from(limit) {
            let message = format!("volunteer {} stands by {n} times, more than its max_standby {limit}", vid(v as u32));
            violations.push(Violation::new(Rule::Standby, message));
        }
    }
    violations
}
