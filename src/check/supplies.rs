//! Rules 6 and 7: the supplies of each assignment, and the amounts taken from each resource.

use super::plan::Plan;
use super::{at_most, exceeds, id_list, matches, num, quoted, Rule, Violation};
use crate::format::Names;
use crate::model::Instance;

/// Rule 6: for every need `{kind, amount}` of d, the supplies of the assignment from resources of
/// that kind sum to `amount` within `1e-6 × max(1, amount)`; every supply has a positive amount,
/// is of a kind d needs, and comes from a resource whose `serves` holds a region of d's region
/// chain.
///
/// A supply that breaks one of the per-supply conditions still counts in its kind's sum, as the
/// contract sums all supplies of a kind. The sums of an assignment that names an unknown resource
/// are not judged: that supply's kind is unknown, and the reference is reported already.
pub(super) fn check_rule6_supplies(instance: &Instance, names: &Names, plan: &Plan) -> Vec<Violation> {
    let mut violations = Vec::new();
    for a in &plan.assignments {
        let demand = &instance.demands[a.demand as usize];
        let whose = format!("demand {}", quoted(&names.demands[a.demand as usize]));
        let chain: Vec<u32> = instance.region_chain(demand.region).collect();
        for &(r, amount) in &a.supplies {
            let resource = &instance.resources[r as usize];
            let from = format!("{whose}: supply from resource {}", quoted(&names.resources[r as usize]));
            if at_most(amount, 0.0) || amount.is_nan() {
                violations.push(Violation::new(Rule::Supplies, format!("{from} has amount {amount}, not positive")));
            }
            if !demand.needs.iter().any(|n| n.kind == resource.kind) {
                violations.push(Violation::new(
                    Rule::Supplies,
                    format!(
                        "{from} is of kind {}, which the demand does not need",
                        quoted(&names.kinds[resource.kind as usize])
                    ),
                ));
            }
            if !resource.serves.iter().any(|g| chain.contains(g)) {
                let where_ = match chain.is_empty() {
                    true => "the demand has no region".to_string(),
                    false => format!(
                        "the demand's region chain is {}",
                        id_list(chain.iter().map(|&g| names.regions[g as usize].as_str()))
                    ),
                };
                violations.push(Violation::new(
                    Rule::Supplies,
                    format!(
                        "{from} serves {}, none of the demand's regions ({where_})",
                        id_list(resource.serves.iter().map(|&g| names.regions[g as usize].as_str()))
                    ),
                ));
            }
        }
        if a.unknown_resource {
            continue;
        }
        for need in &demand.needs {
            let total: f64 = a
                .supplies
                .iter()
                .filter(|&&(r, _)| instance.resources[r as usize].kind == need.kind)
                .map(|&(_, x)| x)
                .sum();
            if !matches(total, need.amount) {
                violations.push(Violation::new(
                    Rule::Supplies,
                    format!(
                        "{whose}: needs {} of {}, the assignment supplies {}",
                        num(need.amount),
                        quoted(&names.kinds[need.kind as usize]),
                        num(total)
                    ),
                ));
            }
        }
    }
    violations
}

/// Rule 7: for every resource, all its supplies sum to at most its `amount` (plus
/// `1e-6 × max(1, amount)`). Every supply counts, whether or not it breaks rule 6.
pub(super) fn check_rule7_resource_amount(instance: &Instance, names: &Names, plan: &Plan) -> Vec<Violation> {
    let mut taken = vec![0.0; instance.resources.len()];
    for a in &plan.assignments {
        for &(r, amount) in &a.supplies {
            taken[r as usize] += amount;
        }
    }
    let over: Vec<usize> = (0..taken.len()).filter(|&r| exceeds(taken[r], instance.resources[r].amount)).collect();
    if over.is_empty() {
        return Vec::new();
    }
    // Only resources over their amount need the demands they supply, for the message.
    let mut supplied: Vec<Vec<u32>> = vec![Vec::new(); instance.resources.len()];
    for a in &plan.assignments {
        for &(r, _) in &a.supplies {
            if exceeds(taken[r as usize], instance.resources[r as usize].amount) {
                supplied[r as usize].push(a.demand);
            }
        }
    }
    let mut violations = Vec::new();
    for r in over {
        let mut demands = std::mem::take(&mut supplied[r]);
        demands.dedup();
        violations.push(Violation::new(
            Rule::ResourceAmount,
            format!(
                "resource {} supplies {} in total, above its amount {} (demands {})",
                quoted(&names.resources[r]),
                num(taken[r]),
                num(instance.resources[r].amount),
                id_list(demands.iter().map(|&d| names.demands[d as usize].as_str()))
            ),
        ));
    }
    violations
}
