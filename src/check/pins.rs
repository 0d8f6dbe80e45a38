//! Rule 8: a plan keeps every pin exactly.

use super::plan::Plan;
use super::{matches, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

/// Rule 8: every pinned demand is assigned; in the pinned slot when the pin names one; its team
/// holds every pinned volunteer; and, when the pin names supplies, the assignment's supplies
/// are exactly those (the same resources, each with the same total amount within 1e-6 ×
/// max(1, amount)).
///
/// A demand assigned more than once is judged by its first assignment (rule 1 reports the
/// repetition).
pub(super) fn check_rule8_pins(instance: &Instance, names: &Names, plan: &Plan) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut first = vec![None; instance.demands.len()];
    for (i, a) in plan.assignments.iter().enumerate().rev() {
        first[a.demand as usize] = Some(i);
    }
    for (k, pin) in instance.pins.iter().enumerate() {
        let d = pin.demand as usize;
        let demand = quoted(&names.demands[d]);
        let mut broken = |what: String| {
            violations.push(Violation::new(Rule::Pinned, format!("pinned[{k}]: demand {demand} {what}")));
        };
        let Some(i) = first[d] else {
            broken("is pinned but not assigned".to_string());
            continue;
        };
        let a = &plan.assignments[i];
        if let (Some(s), Some(got)) = (pin.slot, a.slot) {
            if s != got {
                let (s, got) = (quoted(&names.slots[s as usize]), quoted(&names.slots[got as usize]));
                broken(format!("is pinned to slot {s} but assigned in {got}"));
            }
        }
        for v in pin.volunteers.iter().filter(|v| !a.team.contains(v)) {
            broken(format!("is pinned to volunteer {} who is not in its team", quoted(&names.volunteers[*v as usize])));
        }
        for v in pin.standby.iter().filter(|v| !a.standby.contains(v)) {
            broken(format!(
                "is pinned to standby {} who is not among its standby",
                quoted(&names.volunteers[*v as usize])
            ));
        }
        if let Some(pinned) = &pin.supplies {
            let total = |list: &mut dyn Iterator<Item = (u32, f64)>, r: u32| -> f64 {
                list.filter(|s| s.0 == r).fold(0.0, |sum, s| sum + s.1)
            };
            let mut resources: Vec<u32> =
                pinned.iter().map(|s| s.resource).chain(a.supplies.iter().map(|s| s.0)).collect();
            resources.sort_unstable();
            resources.dedup();
            for r in resources {
                let want = total(&mut pinned.iter().map(|s| (s.resource, s.amount)), r);
                let got = total(&mut a.supplies.iter().copied(), r);
                if !matches(got, want) {
                    let id = quoted(&names.resources[r as usize]);
                    broken(format!("is pinned to {want} from resource {id} but is supplied {got}"));
                }
            }
        }
    }
    violations
}
