//! Splitting a month into independent parts: connected components of the graph joining each
//! demand to its candidate volunteers, to the resources that may run short for it, and to the
//! other demands of its fairness region.

use crate::problem::Problem;
use petgraph::unionfind::UnionFind;

/// Which resources can run short: those whose eligible demands together need more than they
/// hold. A need with a resource that cannot run short among its eligible ones is always
/// coverable and couples nothing.
pub fn scarce_resources(problem: &Problem) -> Vec<bool> {
    let inst = &problem.instance;
    let mut asked = vec![0.0; inst.resources.len()];
    for demand in &inst.demands {
        for need in &demand.needs {
            problem.supplies.eligible(inst, demand, need).for_each(|r| asked[r as usize] += need.amount);
        }
    }
    asked.iter().zip(&inst.resources).map(|(a, r)| *a > r.amount * (1.0 + 1e-9)).collect()
}

/// Whether need `n` of demand `d` draws only on scarce resources (and so must be modelled).
pub fn need_is_scarce(problem: &Problem, scarce: &[bool], d: usize, n: usize) -> bool {
    let inst = &problem.instance;
    let demand = &inst.demands[d];
    problem.supplies.eligible(inst, demand, &demand.needs[n]).all(|r| scarce[r as usize])
}

/// The demands of each component (each list ascending; components ordered by their first
/// demand). Only demands for which `keep` holds take part.
///
/// # Complexity
/// Near-linear in candidate pairs plus needs: one union–find pass.
pub fn components(problem: &Problem, keep: &[bool]) -> Vec<Vec<usize>> {
    let inst = &problem.instance;
    let (nd, nv, nr) = (inst.demands.len(), inst.volunteers.len(), inst.resources.len());
    let scarce = scarce_resources(problem);
    let fair = &problem.fairness;
    let mut uf = UnionFind::<usize>::new(nd + nv + nr + fair.total.len());
    for d in (0..nd).filter(|&d| keep[d]) {
        for &v in problem.candidates.of(d).volunteers {
            uf.union(d, nd + v as usize);
        }
        let demand = &inst.demands[d];
        for (n, need) in demand.needs.iter().enumerate() {
            if need_is_scarce(problem, &scarce, d, n) {
                problem.supplies.eligible(inst, demand, need).for_each(|r| {
                    uf.union(d, nd + nv + r as usize);
                });
            }
        }
        if let Some(g) = fair.group_of[d].filter(|&g| fair.penalty > 0.0 && fair.target[g as usize] > 0.0) {
            uf.union(d, nd + nv + nr + g as usize);
        }
    }
    let mut index_of_root = std::collections::HashMap::new();
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for d in (0..nd).filter(|&d| keep[d]) {
        let root = uf.find(d);
        let i = *index_of_root.entry(root).or_insert_with(|| {
            parts.push(Vec::new());
            parts.len() - 1
        });
        parts[i].push(d);
    }
    parts
}
