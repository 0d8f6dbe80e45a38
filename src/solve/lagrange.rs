//! A Lagrangian upper bound: volunteer hours, task counts and resource amounts are priced
//! instead of enforced, which splits the month into one small problem per fairness region.
//!
//! With prices λ (per volunteer hour), μ (per volunteer task) and ρ (per unit of a resource),
//! a demand met in slot s by team T with supplies from resources R is worth
//! weight − Σ_T (cost + λ·hours + μ) − Σ_needs amount·min_R ρ, and the prices pay
//! Σ λ·hours available + μ·tasks allowed + ρ·amount held. Dropping per-slot hours and letting
//! each region meet demands fractionally only relaxes further, so for any prices ≥ 0 the sum is
//! an upper bound on every plan. Prices are improved by projected subgradient steps (Polyak
//! steps towards the best known plan's objective); the lowest bound seen is returned.
//!
//! See Fisher (1981), "The Lagrangian relaxation method for solving integer programming
//! problems", and Held, Wolfe and Crowder (1974), "Validation of subgradient optimization".

use super::ilp::usable;
use crate::problem::Problem;
use rayon::prelude::*;

/// A pair usable by a demand: volunteer, cost, hours and the usable slots as a bit mask.
struct Pair {
    v: u32,
    cost: f64,
    hours: f64,
    slots: u64,
}

/// One demand's options: its usable slots (bit mask) and pairs.
struct Options {
    slots: u64,
    pairs: Vec<Pair>,
}

/// The demand's best choice at given prices: value and what it uses.
struct Choice {
    value: f64,
    members: Vec<usize>,
    supplies: Vec<(u32, f64)>,
}

/// Most candidate pairs for which the bound is computed (its table holds every usable pair).
const MAX_PAIRS: usize = 2_000_000;

/// The Lagrangian bound after `iterations` subgradient steps aimed at `target` (the objective
/// of a known plan), or `None` when the month is too large for it (more than `MAX_PAIRS`
/// pairs or more than 64 slots). Deterministic whatever the thread count.
pub fn lagrangian_bound(problem: &Problem, target: f64, iterations: usize) -> Option<f64> {
    let inst = &problem.instance;
    if problem.candidates.pair_count() > MAX_PAIRS || inst.slots.len() > 64 {
        return None;
    }
    let options: Vec<Option<Options>> = (0..inst.demands.len())
        .into_par_iter()
        .map(|d| {
            let demand = &inst.demands[d];
            let (slots, pairs) = usable(problem, d);
            if slots.is_empty() || !problem.supplies.covers(inst, demand) {
                return None;
            }
            let list = problem.candidates.of(d);
            let mask = |ss: &[usize]| ss.iter().fold(0u64, |m, &s| m | 1 << s);
            let pairs = pairs
                .iter()
                .map(|(k, ss)| Pair {
                    v: list.volunteers[*k],
                    cost: list.costs[*k],
                    hours: list.hours(*k),
                    slots: mask(ss),
                })
                .collect();
            Some(Options { slots: mask(&slots), pairs })
        })
        .collect();
    let capacity = Rows::capacities(problem);
    let mut prices = Rows::zeros(problem);
    let mut best = f64::INFINITY;
    let mut step = 2.0;
    let mut since_better = 0;
    for _ in 0..iterations.max(1) {
        let (value, usage) = evaluate(problem, &options, &prices, &capacity);
        if value < best - 1e-9 {
            best = value;
            since_better = 0;
        } else {
            since_better += 1;
            if since_better >= 10 {
                step /= 2.0;
                since_better = 0;
            }
        }
        // Subgradient of the dual, each row scaled by its capacity (hours, tasks and yuan
        // differ by orders of magnitude): capacity minus use, over capacity.
        let g: Vec<Vec<f64>> = capacity
            .each()
            .iter()
            .zip(usage.each())
            .map(|(cap, used)| cap.iter().zip(used).map(|(&c, &u)| if c > 0.0 { (c - u) / c } else { 0.0 }).collect())
            .collect();
        // Only rows that can move the bound count: a zero price with slack stays zero.
        let norm: f64 = g
            .iter()
            .zip(prices.each())
            .flat_map(|(g, p)| g.iter().zip(p.iter()).filter(|(g, p)| **g < 0.0 || **p > 0.0).map(|(g, _)| g * g))
            .sum();
        if norm <= 1e-12 || step < 1e-4 {
            break;
        }
        let t = step * (value - target).max(1e-6 * value.abs().max(1.0)) / norm;
        // A price per unit moves by t·g/capacity: the step in the scaled row's price over the
        // capacity.
        for ((p, g), cap) in prices.each_mut().into_iter().zip(&g).zip(capacity.each()) {
            for ((p, g), &c) in p.iter_mut().zip(g).zip(cap) {
                if c > 0.0 {
                    *p = (*p - t * g / c).max(0.0);
                }
            }
        }
    }
    Some(best)
}

/// One value per relaxed row (volunteer hours, volunteer tasks, resource amounts): their
/// prices, capacities, or use.
struct Rows {
    hour: Vec<f64>,
    task: Vec<f64>,
    unit: Vec<f64>,
}

impl Rows {
    fn zeros(problem: &Problem) -> Self {
        let inst = &problem.instance;
        Rows {
            hour: vec![0.0; inst.volunteers.len()],
            task: vec![0.0; inst.volunteers.len()],
            unit: vec![0.0; inst.resources.len()],
        }
    }

    fn capacities(problem: &Problem) -> Self {
        let inst = &problem.instance;
        Rows {
            hour: inst.volunteers.iter().map(|v| v.hours).collect(),
            task: inst.volunteers.iter().map(|v| v.max_tasks as f64).collect(),
            unit: inst.resources.iter().map(|r| r.amount).collect(),
        }
    }

    fn each(&self) -> [&Vec<f64>; 3] {
        [&self.hour, &self.task, &self.unit]
    }

    fn each_mut(&mut self) -> [&mut Vec<f64>; 3] {
        [&mut self.hour, &mut self.task, &mut self.unit]
    }
}

/// The relaxed problem at `prices`: its value (an upper bound) and the capacities it uses
/// (fractional where a region meets a demand in part).
fn evaluate(problem: &Problem, options: &[Option<Options>], prices: &Rows, capacity: &Rows) -> (f64, Rows) {
    let inst = &problem.instance;
    let fair = &problem.fairness;
    let choices: Vec<Option<Choice>> = options
        .par_iter()
        .enumerate()
        .map(|(d, o)| o.as_ref().and_then(|o| best_choice(problem, d, o, prices)))
        .collect();
    // Each region meets its demands fractionally: all worth it, then the cheapest losses per
    // unit of weight while they reduce the shortfall (a region with nothing to meet pays its
    // whole target); demands outside regions alone.
    let mut z = vec![0.0; inst.demands.len()];
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); fair.total.len()];
    for (d, choice) in choices.iter().enumerate() {
        let Some(choice) = choice else { continue };
        match fair.group_of[d] {
            Some(g) => by_group[g as usize].push(d),
            None if inst.demands[d].must || choice.value > 0.0 => z[d] = 1.0,
            None => {}
        }
    }
    let mut value = 0.0;
    for (g, members) in by_group.iter().enumerate() {
        let mut covered = 0.0;
        let mut losses = Vec::new();
        for &d in members {
            let choice = choices[d].as_ref().expect("grouped demands have a choice");
            if inst.demands[d].must || choice.value >= 0.0 {
                z[d] = 1.0;
                covered += inst.demands[d].weight;
            } else if inst.demands[d].weight > 0.0 {
                losses.push(d);
            }
        }
        let ratio = |d: usize| choices[d].as_ref().map_or(0.0, |c| c.value) / inst.demands[d].weight;
        losses.sort_by(|&a, &b| ratio(b).total_cmp(&ratio(a)).then(a.cmp(&b)));
        for d in losses {
            let short = fair.target[g] - covered;
            if short <= 0.0 || ratio(d) <= -fair.penalty {
                break;
            }
            let part = (short / inst.demands[d].weight).min(1.0);
            z[d] = part;
            covered += part * inst.demands[d].weight;
        }
        value -= fair.penalty * (fair.target[g] - covered).max(0.0);
    }
    let mut usage = Rows::zeros(problem);
    for (d, choice) in choices.iter().enumerate() {
        let (Some(choice), Some(o)) = (choice, &options[d]) else { continue };
        if z[d] <= 0.0 {
            continue;
        }
        value += z[d] * choice.value;
        for &i in &choice.members {
            let p = &o.pairs[i];
            usage.hour[p.v as usize] += z[d] * p.hours;
            usage.task[p.v as usize] += z[d];
        }
        for &(r, amount) in &choice.supplies {
            usage.unit[r as usize] += z[d] * amount;
        }
    }
    value += (0..inst.volunteers.len())
        .map(|v| prices.hour[v] * capacity.hour[v] + prices.task[v] * capacity.task[v])
        .sum::<f64>();
    value += (0..inst.resources.len()).map(|r| prices.unit[r] * capacity.unit[r]).sum::<f64>();
    (value, usage)
}

/// Demand `d`'s best slot and team at `prices` (the `people` cheapest priced pairs usable in a
/// slot) with its cheapest priced supplies, or `None` if no slot has enough pairs.
fn best_choice(problem: &Problem, d: usize, o: &Options, prices: &Rows) -> Option<Choice> {
    let inst = &problem.instance;
    let demand = &inst.demands[d];
    let people = demand.people as usize;
    let priced: Vec<f64> =
        o.pairs.iter().map(|p| p.cost + prices.hour[p.v as usize] * p.hours + prices.task[p.v as usize]).collect();
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut in_slot: Vec<usize> = Vec::with_capacity(o.pairs.len());
    for s in (0..64).filter(|s| o.slots >> s & 1 == 1) {
        in_slot.clear();
        in_slot.extend((0..o.pairs.len()).filter(|&i| o.pairs[i].slots >> s & 1 == 1));
        if in_slot.len() < people {
            continue;
        }
        if people > 0 && people < in_slot.len() {
            in_slot.select_nth_unstable_by(people - 1, |&a, &b| priced[a].total_cmp(&priced[b]).then(a.cmp(&b)));
        }
        let team = &in_slot[..people];
        let cost: f64 = team.iter().map(|&i| priced[i]).sum();
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, team.to_vec()));
        }
    }
    let (team_cost, members) = best?;
    let mut supplies = Vec::new();
    let mut supply_cost = 0.0;
    for need in demand.needs.iter().filter(|n| n.amount > 0.0) {
        let r = problem
            .supplies
            .eligible(inst, demand, need)
            .min_by(|&a, &b| prices.unit[a as usize].total_cmp(&prices.unit[b as usize]).then(a.cmp(&b)))?;
        supply_cost += need.amount * prices.unit[r as usize];
        supplies.push((r, need.amount));
    }
    Some(Choice { value: demand.weight - team_cost - supply_cost, members, supplies })
}
