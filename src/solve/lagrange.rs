//! A Lagrangian upper bound: volunteer hours, task counts and resource amounts are priced
//! instead of enforced, which splits the month into one small problem per fairness region.
//!
//! With prices λ (per volunteer hour), μ (per volunteer task) and ρ (per unit of a resource),
//! a demand met in slot s by team T with supplies from resources R is worth
//! weight − Σ_T (cost + λ·hours + μ) − Σ_needs amount·min_R ρ, and the prices pay
//! Σ λ·hours available + μ·tasks allowed + ρ·amount held. Dropping per-slot hours and letting
//! each region meet demands fractionally only relaxes further, so for any prices ≥ 0 the sum is
//! an upper bound on every plan. Prices are improved by projected subgradient steps (Polyak
//! steps towards the best known plan's objective); the lowest bound seen is kept.
//!
//! A step reads every candidate pair once, so a city month (tens of millions of pairs) takes
//! a fraction of a second per step; the pairs' usable slots are kept as one bit mask each.
//!
//! See Fisher (1981), "The Lagrangian relaxation method for solving integer programming
//! problems", and Held, Wolfe and Crowder (1974), "Validation of subgradient optimization".

use super::lns::VolunteerPrices;
use crate::model::BitSet;
use crate::policy;
use crate::problem::Problem;
use rayon::prelude::*;
use std::time::Instant;

/// Most candidate pairs for which the bound is computed (its table holds a slot mask per pair).
const MAX_PAIRS: usize = 200_000_000;

/// Demands whose pairs the table packs together (one thread's share of its construction).
const CHUNK: usize = 1024;

/// Demands whose use of capacities is summed together (a city month: 8 blocks).
const USAGE_CHUNK: usize = 16_384;

/// Step size of the first Polyak step (a share of the distance to the target); halved after
/// ten steps without a better bound.
const START_STEP: f64 = 1.0;

/// The Lagrangian bound after `iterations` subgradient steps aimed at `target` (the objective
/// of a known plan), or `None` when the month is out of its range (more than 64 slots or
/// `MAX_PAIRS` pairs). Deterministic whatever the thread count.
pub fn lagrangian_bound(problem: &Problem, target: f64, iterations: usize) -> Option<f64> {
    let mut lagrangian = Lagrangian::new(problem)?;
    lagrangian.improve(target, iterations, None);
    Some(lagrangian.bound())
}

/// The relaxation and its prices, improved step by step (so a solver can spend a time budget on
/// it and read the prices).
pub struct Lagrangian<'a> {
    problem: &'a Problem,
    table: Table,
    capacity: Rows,
    prices: Rows,
    /// The lowest bound seen.
    best: f64,
    /// Polyak step size, as a share of the distance to the target.
    step: f64,
    since_better: usize,
    /// Steps taken (the first is taken whatever the deadline, so there is always a bound).
    steps: usize,
    /// The target of the last steps.
    target: f64,
}

/// Which slots each pair can use, kept for the pairs that can be used at all and packed for
/// the steps, which read every pair: per demand the slots with at least `people` usable pairs
/// (0: the demand can never be met), and the usable pairs of each block of `CHUNK` demands.
struct Table {
    demand: Vec<u64>,
    chunks: Vec<Packed>,
}

/// The usable pairs of consecutive demands: per pair its volunteer, its cost, its position in
/// the demand's candidate list and its usable slots among the demand's.
#[derive(Default)]
struct Packed {
    /// Where each demand's pairs start (and, last, where they end).
    start: Vec<usize>,
    /// Volunteer and cost rounded down to `f32` (a lower cost can only raise the bound).
    pair: Vec<(u32, f32)>,
    position: Vec<u32>,
    /// Usable slots 0-31 of each pair, and 32-63 when the month has more than 32 slots.
    low: Vec<u32>,
    high: Vec<u32>,
}

impl Packed {
    /// The usable slots of pair `i`.
    fn mask(&self, i: usize) -> u64 {
        self.low[i] as u64 | self.high.get(i).map_or(0, |&h| (h as u64) << 32)
    }
}

/// The demand's best choice at given prices: value and what it uses.
struct Choice {
    value: f64,
    members: Vec<u32>,
    supplies: Vec<(u32, f64)>,
}

impl<'a> Lagrangian<'a> {
    /// The relaxation of `problem` at zero prices, or `None` when the month is out of range.
    pub fn new(problem: &'a Problem) -> Option<Self> {
        if problem.candidates.pair_count() > MAX_PAIRS || problem.instance.slots.len() > 64 {
            return None;
        }
        Some(Lagrangian {
            problem,
            table: Table::new(problem),
            capacity: Rows::capacities(problem),
            prices: Rows::zeros(problem),
            best: f64::INFINITY,
            step: START_STEP,
            since_better: 0,
            steps: 0,
            target: f64::NAN,
        })
    }

    /// The lowest bound seen (+∞ before the first step).
    pub fn bound(&self) -> f64 {
        self.best
    }

    /// The current prices of volunteers' hours and tasks.
    pub fn prices(&self) -> VolunteerPrices {
        VolunteerPrices { hour: self.prices.hour.clone(), task: self.prices.task.clone() }
    }

    /// Takes up to `steps` subgradient steps aimed at `target`, stopping early at `deadline`
    /// or once the step size or the subgradient vanishes; returns the lowest bound seen.
    /// A new target restarts the step size: the old one may have shrunk while aiming wrong.
    pub fn improve(&mut self, target: f64, steps: usize, deadline: Option<Instant>) -> f64 {
        if target != self.target {
            self.target = target;
            self.step = START_STEP;
            self.since_better = 0;
        }
        for _ in 0..steps.max(1) {
            if self.steps > 0 && deadline.is_some_and(|t| Instant::now() >= t) {
                break;
            }
            if !self.step(target) {
                break;
            }
        }
        self.best
    }

    /// One evaluation and price update; false when no further step can help.
    fn step(&mut self, target: f64) -> bool {
        self.steps += 1;
        let (value, usage) = self.evaluate();
        if value < self.best - 1e-9 {
            self.best = value;
            self.since_better = 0;
        } else {
            self.since_better += 1;
            if self.since_better >= 10 {
                self.step /= 2.0;
                self.since_better = 0;
            }
        }
        // Subgradient of the dual, each row scaled by its capacity (hours, tasks and yuan
        // differ by orders of magnitude): capacity minus use, over capacity.
        let g: Vec<Vec<f64>> = self
            .capacity
            .each()
            .iter()
            .zip(usage.each())
            .map(|(cap, used)| cap.iter().zip(used).map(|(&c, &u)| if scaled(c) { (c - u) / c } else { 0.0 }).collect())
            .collect();
        // Only rows that can move the bound count: a zero price with slack stays zero.
        let norm: f64 = g
            .iter()
            .zip(self.prices.each())
            .flat_map(|(g, p)| g.iter().zip(p.iter()).filter(|(g, p)| **g < 0.0 || **p > 0.0).map(|(g, _)| g * g))
            .sum();
        if norm <= 1e-12 || self.step < 1e-4 {
            return false;
        }
        let t = self.step * (value - target).max(1e-6 * value.abs().max(1.0)) / norm;
        // A price per unit moves by t·g/capacity: the step in the scaled row's price over the
        // capacity.
        for ((p, g), cap) in self.prices.each_mut().into_iter().zip(&g).zip(self.capacity.each()) {
            for ((p, g), &c) in p.iter_mut().zip(g).zip(cap) {
                if scaled(c) {
                    *p = (*p - t * g / c).max(0.0);
                }
            }
        }
        true
    }

    /// The relaxed problem at the current prices: its value (an upper bound) and the
    /// capacities it uses (fractional where a region meets a demand in part).
    fn evaluate(&self) -> (f64, Rows) {
        let problem = self.problem;
        let inst = &problem.instance;
        let fair = &problem.fairness;
        let choices: Vec<Option<Choice>> = (0..inst.demands.len())
            .into_par_iter()
            .map_init(Scratch::default, |scratch, d| self.best_choice(d, scratch))
            .collect();
        // Each region meets its demands fractionally: all worth it, then the cheapest losses
        // per unit of weight while they reduce the shortfall (a region with nothing to meet
        // pays its whole target); demands outside regions alone.
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
        for (d, choice) in choices.iter().enumerate() {
            if let Some(choice) = choice.as_ref().filter(|_| z[d] > 0.0) {
                value += z[d] * choice.value;
            }
        }
        // What the choices use, summed per block of demands in parallel and then block by block
        // (the same sums whatever the thread count).
        let parts: Vec<Rows> = choices
            .par_chunks(USAGE_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut usage = Rows::zeros(problem);
                for (i, choice) in chunk.iter().enumerate() {
                    let d = c * USAGE_CHUNK + i;
                    let Some(choice) = choice.as_ref().filter(|_| z[d] > 0.0) else { continue };
                    let list = problem.candidates.of(d);
                    for &k in &choice.members {
                        let v = list.volunteers[k as usize] as usize;
                        usage.hour[v] += z[d] * list.hours(k as usize);
                        usage.task[v] += z[d];
                    }
                    for &(r, amount) in &choice.supplies {
                        usage.unit[r as usize] += z[d] * amount;
                    }
                }
                usage
            })
            .collect();
        rayon::spawn(move || drop(choices));
        let mut usage = Rows::zeros(problem);
        for (row, total) in usage.each_mut().into_iter().enumerate() {
            total.par_chunks_mut(CHUNK).enumerate().for_each(|(c, total)| {
                for part in &parts {
                    let part = &part.each()[row][c * CHUNK..c * CHUNK + total.len()];
                    total.iter_mut().zip(part).for_each(|(t, p)| *t += p);
                }
            });
        }
        let prices = &self.prices;
        let capacity = &self.capacity;
        // Unlimited rows are never priced (their price stays 0).
        let paid = |p: &[f64], c: &[f64]| p.iter().zip(c).filter(|(p, _)| **p > 0.0).map(|(p, c)| p * c).sum::<f64>();
        value += prices.each().iter().zip(capacity.each()).map(|(p, c)| paid(p, c)).sum::<f64>();
        (value, usage)
    }

    /// Demand `d`'s best slot and team at the current prices (the `people` cheapest priced
    /// pairs usable in one slot) with its cheapest priced supplies, or `None` if it can never
    /// be met.
    fn best_choice(&self, d: usize, scratch: &mut Scratch) -> Option<Choice> {
        let problem = self.problem;
        let inst = &problem.instance;
        let demand = &inst.demands[d];
        if self.table.demand[d] == 0 {
            return None;
        }
        let list = problem.candidates.of(d);
        let table = &self.table.chunks[d / CHUNK];
        let (lo, hi) = (table.start[d % CHUNK], table.start[d % CHUNK + 1]);
        let prices = &self.prices;
        let fixed = problem.instance.arcs.is_empty().then_some(demand.hours);
        let priced = |i: usize| {
            let (v, cost) = table.pair[i];
            let hours = fixed.unwrap_or_else(|| list.hours(table.position[i] as usize));
            cost as f64 + prices.hour[v as usize] * hours + prices.task[v as usize]
        };
        let (team_cost, members) = if demand.people == 1 {
            let mut best: Option<(f64, usize)> = None;
            for i in lo..hi {
                let p = priced(i);
                if best.is_none_or(|(c, _)| p < c) {
                    best = Some((p, i));
                }
            }
            let (cost, i) = best?;
            (cost, vec![table.position[i]])
        } else {
            let (cost, team) =
                scratch.cheapest_team(demand.people as usize, (lo..hi).map(|i| (table.mask(i), priced(i))))?;
            (cost, team.into_iter().map(|j| table.position[lo + j as usize]).collect())
        };
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
}

/// Per-thread buffers of [`Scratch::cheapest_team`]: per slot its cheapest pairs so far.
#[derive(Default)]
struct Scratch {
    /// `people` (priced cost, position) entries per slot, cheapest first.
    top: Vec<(f64, u32)>,
    count: Vec<usize>,
}

impl Scratch {
    /// The cheapest team of `people` pairs sharing a slot, in one pass over the pairs: each
    /// pair is offered to the sorted short list of every slot it can use.
    /// `pairs` gives each pair's usable slots and priced cost; the team is returned as the
    /// pairs' places in `pairs`.
    fn cheapest_team(&mut self, people: usize, pairs: impl Iterator<Item = (u64, f64)>) -> Option<(f64, Vec<u32>)> {
        self.top.clear();
        self.top.resize(64 * people, (f64::INFINITY, u32::MAX));
        self.count.clear();
        self.count.resize(64, 0);
        for (k, (mask, p)) in pairs.enumerate() {
            let mut rest = mask;
            while rest != 0 {
                let s = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                // Positions rise with k, so ties keep the earlier pair.
                policy::keep_lowest(&mut self.top[s * people..(s + 1) * people], &mut self.count[s], p, k as u32);
            }
        }
        let mut best: Option<(f64, usize)> = None;
        for s in (0..64).filter(|&s| self.count[s] == people) {
            let cost: f64 = self.top[s * people..(s + 1) * people].iter().map(|e| e.0).sum();
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, s));
            }
        }
        let (cost, s) = best?;
        Some((cost, self.top[s * people..(s + 1) * people].iter().map(|e| e.1).collect()))
    }
}

impl Table {
    /// The usable slots of every pair: slots both sides allow, whose hours fit the pair's
    /// hours, of volunteers with a task and the hours to spare; then only slots with enough
    /// pairs for a team, and only demands whose needs the resources can cover.
    fn new(problem: &Problem) -> Self {
        let inst = &problem.instance;
        let mask_of = |set: &BitSet| set.iter().take_while(|&s| s < 64).fold(0u64, |m, s| m | 1 << s);
        let volunteer: Vec<u64> =
            inst.volunteers.iter().map(|v| if v.max_tasks == 0 { 0 } else { mask_of(&v.slots) }).collect();
        let shortest = inst.slots.iter().map(|s| s.hours).fold(f64::INFINITY, f64::min);
        let fits = |h: f64, mask: u64| {
            if policy::fits(0.0, h, shortest) {
                return mask;
            }
            (0..inst.slots.len())
                .filter(|&s| mask >> s & 1 == 1 && policy::fits(0.0, h, inst.slots[s].hours))
                .fold(0u64, |m, s| m | 1 << s)
        };
        let wide = inst.slots.len() > 32;
        // In blocks of demands, each packed by one thread.
        let chunks: Vec<(Vec<u64>, Packed)> = (0..inst.demands.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut slots_of = Vec::with_capacity(CHUNK);
                let demands = c * CHUNK..((c + 1) * CHUNK).min(inst.demands.len());
                let most: usize = demands.clone().map(|d| problem.candidates.of(d).len()).sum();
                let mut packed = Packed {
                    start: vec![0],
                    pair: Vec::with_capacity(most),
                    position: Vec::with_capacity(most),
                    low: Vec::with_capacity(most),
                    high: Vec::with_capacity(if wide { most } else { 0 }),
                };
                for d in demands {
                    let demand = &inst.demands[d];
                    let list = problem.candidates.of(d);
                    let wanted = mask_of(&demand.slots);
                    let masks: Vec<u64> = (0..list.len())
                        .map(|k| {
                            let v = list.volunteers[k] as usize;
                            let h = list.hours(k);
                            if !policy::fits(0.0, h, inst.volunteers[v].hours) {
                                return 0;
                            }
                            fits(h, wanted & volunteer[v])
                        })
                        .collect();
                    let mut count = [0usize; 64];
                    for &m in &masks {
                        let mut rest = m;
                        while rest != 0 {
                            count[rest.trailing_zeros() as usize] += 1;
                            rest &= rest - 1;
                        }
                    }
                    let slots = (0..64).filter(|&s| count[s] >= demand.people as usize).fold(0u64, |m, s| m | 1 << s);
                    let slots = if problem.supplies.covers(inst, demand) { slots } else { 0 };
                    for (k, m) in masks.iter().map(|m| m & slots).enumerate().filter(|(_, m)| *m != 0) {
                        packed.pair.push((list.volunteers[k], f32_below(list.costs[k])));
                        packed.position.push(k as u32);
                        packed.low.push(m as u32);
                        if wide {
                            packed.high.push((m >> 32) as u32);
                        }
                    }
                    packed.start.push(packed.pair.len());
                    slots_of.push(slots);
                }
                (slots_of, packed)
            })
            .collect();
        let demand = chunks.iter().flat_map(|(slots, _)| slots.iter().copied()).collect();
        Table { demand, chunks: chunks.into_iter().map(|(_, packed)| packed).collect() }
    }
}

/// The largest `f32` not above `x`.
fn f32_below(x: f64) -> f32 {
    let y = x as f32;
    match y as f64 <= x {
        true => y,
        false if y > 0.0 => f32::from_bits(y.to_bits() - 1),
        false if y < 0.0 => f32::from_bits(y.to_bits() + 1),
        false => -f32::from_bits(1),
    }
}

/// Whether a row with capacity `c` is priced: positive and finite (an unlimited row never
/// binds).
fn scaled(c: f64) -> bool {
    c > 0.0 && c.is_finite()
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
            task: inst
                .volunteers
                .iter()
                .map(|v| if v.max_tasks == u32::MAX { f64::INFINITY } else { v.max_tasks as f64 })
                .collect(),
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
