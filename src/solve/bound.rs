//! A cheap upper bound valid for every plan, so that even the baseline reports an honest gap.

use crate::problem::Problem;

/// Each demand alone at its cheapest team, minus the fairness penalty no plan can avoid.
///
/// Every non-`must` demand contributes max(0, weight − cheapest team cost) if it could be met at
/// all (enough candidates, enough resources in total); every `must` demand its weight − cheapest
/// team cost. A fairness region whose reachable demands weigh less than its target pays at
/// least the shortfall. Each part bounds its term of the objective separately, so the sum is a
/// bound.
///
/// # Complexity
/// O(P + D·N) for P candidate pairs, D demands and N needs per demand.
pub fn simple_bound(problem: &Problem) -> f64 {
    let all: Vec<usize> = (0..problem.instance.demands.len()).collect();
    part_bound(problem, &all)
}

/// [`simple_bound`] of the demands `part` alone, with the fairness regions they belong to
/// (a region with demands outside `part` is treated as if those were never met).
pub fn part_bound(problem: &Problem, part: &[usize]) -> f64 {
    let inst = &problem.instance;
    let mut reachable = vec![0.0; problem.fairness.total.len()];
    let mut touched = vec![false; problem.fairness.total.len()];
    let mut bound = 0.0;
    for &d in part {
        let demand = &inst.demands[d];
        if let Some(g) = problem.fairness.group_of[d] {
            touched[g as usize] = true;
        }
        let list = problem.candidates.of(d);
        let people = demand.people as usize;
        if list.len() < people || !problem.supplies.covers(inst, demand) {
            continue;
        }
        // Candidates are sorted by cost, so the cheapest team is the first `people`.
        let value = demand.weight - list.costs[..people].iter().sum::<f64>();
        bound += if demand.must { value } else { value.max(0.0) };
        if let Some(g) = problem.fairness.group_of[d] {
            reachable[g as usize] += demand.weight;
        }
    }
    let fair = &problem.fairness;
    let penalty: f64 =
        (0..fair.total.len()).filter(|&g| touched[g]).map(|g| (fair.target[g] - reachable[g]).max(0.0)).sum();
    bound - fair.penalty * penalty
}
