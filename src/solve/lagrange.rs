//! A Lagrangian upper bound: every capacity rule's rows (the families of
//! [`policy::capacity_families`]: a volunteer's hours and tasks in the month, its hours and
//! tasks in each slot) and the resources' amounts are priced instead of enforced, which splits
//! the month into one small problem per fairness region.
//!
//! With a price π_r ≥ 0 per row r of a family and ρ per unit of a resource, a demand met in
//! slot s by team T with supplies from resources R is worth
//! weight − Σ_{v∈T} (cost + Σ_f π_{f(v,s)}·a_f) − Σ_needs amount·min_R ρ, where f(v, s) is the
//! row of family f that v's task in slot s falls in and a_f what the task adds to it (its hours,
//! or 1 for a count); the prices pay Σ_r π_r·cap_r + Σ ρ·amount held. Letting each region meet
//! demands fractionally only relaxes further, so for any prices ≥ 0 the sum is an upper bound on
//! every plan. Prices are improved by projected subgradient steps (Polyak steps towards the
//! best known plan's objective); the lowest bound seen is kept.
//!
//! A step reads every candidate pair once, so a city month (tens of millions of pairs) takes
//! a fraction of a second per step; the pairs' usable slots are kept as one bit mask each, and
//! a pair's priced cost is computed per slot only in the slots where a row of a per-slot rule
//! has a price.
//!
//! See Fisher (1981), "The Lagrangian relaxation method for solving integer programming
//! problems", and Held, Wolfe and Crowder (1974), "Validation of subgradient optimization".

use super::lns::VolunteerPrices;
use crate::model::BitSet;
use crate::policy::{self, Amount, Family};
use crate::problem::Problem;
use rayon::prelude::*;
use std::time::Instant;

/// Most candidate pairs for which the bound is computed (its table holds a slot mask per pair).
const MAX_PAIRS: usize = 200_000_000;

/// Most candidate pairs for which the rows of the per-slot rules are priced. Beyond, a step
/// reads each pair's per-slot prices from tables of tens of megabytes at random and the steps a
/// run affords leave the larger relaxation further from its optimum than the smaller one: on
/// a city month of 45 million pairs (`scarce`, 60 s) a step took 0.6 s instead of 0.15 s and
/// the bound ended at 385,010 instead of 374,326; on a town month (5,000 demands, 30 s) the
/// per-slot rows lowered it from 14,373.9 to 14,212.8.
const SLOT_ROWS_MOST_PAIRS: usize = 10_000_000;

/// Demands whose pairs the table packs together (one thread's share of its construction).
const CHUNK: usize = 1024;

/// Weight of the last direction in a deflected step (1.5: Camerini, Fratta and Maffioli's
/// choice, which keeps the step an ascent direction for the dual).
const DEFLECTION: f64 = 1.5;

/// Step size of the first Polyak step (a share of the distance to the target); halved after
/// [`patience`] steps without a better bound.
const START_STEP: f64 = 1.0;

/// [`patience`]: 10 steps at first, one more every 30 steps, at most 30 (on county months of
/// every profile, 1,000 steps end 0.1–0.7 % lower than with a patience of 10 throughout).
const PATIENCE_FIRST: usize = 10;
const PATIENCE_GROWTH: usize = 30;
const PATIENCE_MOST: usize = 30;

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
    /// The capacity rules whose rows are priced, in the order of [`Rows::family`].
    families: Vec<Family>,
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
    /// The last step's direction (scaled rows, as the subgradient).
    direction: Option<Vec<Vec<f64>>>,
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

/// The demand's best choice at given prices: value, slot and what it uses (members as
/// positions in the demand's candidate list).
struct Choice {
    value: f64,
    slot: usize,
    members: Vec<u32>,
    supplies: Vec<(u32, f64)>,
}

/// The prices of one evaluation per volunteer, summed over the families: the monthly part of a
/// pair's priced cost, and per slot the part of the per-slot rules.
struct PairPrices {
    /// Per hour and per task of each volunteer, in the month.
    hour: Vec<f64>,
    task: Vec<f64>,
    /// Per hour and per task of volunteer v in slot s, side by side at v × slots + s (one
    /// memory read for both: a city month's table is tens of megabytes, read at random).
    slot: Vec<[f64; 2]>,
    /// The slots in which a volunteer's per-slot rows have a price.
    priced: Vec<u64>,
    slots: usize,
}

impl PairPrices {
    fn new(families: &[Family], prices: &Rows, volunteers: usize, slots: usize) -> Self {
        // Without per-slot rules no pair reads the per-slot table: leave it empty.
        let slots = if families.iter().any(|f| f.groups() > 1) { slots } else { 0 };
        let mut p = PairPrices {
            hour: vec![0.0; volunteers],
            task: vec![0.0; volunteers],
            slot: vec![[0.0; 2]; volunteers * slots],
            priced: vec![0; volunteers],
            slots,
        };
        for (family, price) in families.iter().zip(&prices.family) {
            let hours = family.amount() == Amount::Hours;
            if family.groups() == 1 {
                let total = if hours { &mut p.hour } else { &mut p.task };
                total.iter_mut().zip(price).for_each(|(t, p)| *t += p);
                continue;
            }
            for v in 0..volunteers {
                for s in 0..slots {
                    let (row, _) = family.use_of(v, s, 1.0);
                    if price[row] > 0.0 {
                        p.slot[v * slots + s][usize::from(!hours)] += price[row];
                        p.priced[v] |= 1 << s;
                    }
                }
            }
        }
        p
    }

    /// The slot-independent priced cost of a pair of volunteer `v`, `cost` and `hours`.
    fn base(&self, v: usize, cost: f64, hours: f64) -> f64 {
        cost + self.hour[v] * hours + self.task[v]
    }

    /// What volunteer `v`'s task of `hours` in slot `s` adds to its base cost.
    fn extra(&self, v: usize, s: usize, hours: f64) -> f64 {
        let [hour, task] = self.slot[v * self.slots + s];
        hour * hours + task
    }
}

impl<'a> Lagrangian<'a> {
    /// The relaxation of `problem` at zero prices, or `None` when the month is out of range.
    pub fn new(problem: &'a Problem) -> Option<Self> {
        if problem.candidates.pair_count() > MAX_PAIRS || problem.instance.slots.len() > 64 {
            return None;
        }
        let table = Table::new(problem);
        let by_slot = problem.candidates.pair_count() <= SLOT_ROWS_MOST_PAIRS;
        let mut families = policy::capacity_families(&problem.instance);
        if !by_slot {
            families.retain(|f| f.groups() == 1);
        }
        let least = table.least_hours(problem, by_slot);
        families.extend(policy::implied_count_families(&problem.instance, &least, by_slot));
        Some(Lagrangian {
            problem,
            table,
            capacity: Rows::capacities(problem, &families),
            prices: Rows::zeros(problem, &families),
            families,
            best: f64::INFINITY,
            step: START_STEP,
            since_better: 0,
            steps: 0,
            direction: None,
            target: f64::NAN,
        })
    }

    /// The lowest bound seen (+∞ before the first step).
    pub fn bound(&self) -> f64 {
        self.best
    }

    /// The current prices of volunteers' hours and tasks in the month (the per-slot rules'
    /// prices are left out: the searches weigh a volunteer's time whatever the slot).
    pub fn prices(&self) -> VolunteerPrices {
        let inst = &self.problem.instance;
        let p = PairPrices::new(&self.families, &self.prices, inst.volunteers.len(), 0);
        VolunteerPrices { hour: p.hour, task: p.task }
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
            if self.since_better >= patience(self.steps) {
                self.step /= 2.0;
                self.since_better = 0;
            }
        }
        // Subgradient of the dual, each row scaled by its capacity (hours, tasks and yuan
        // differ by orders of magnitude): capacity minus use, over capacity.
        let g: Vec<Vec<f64>> = self
            .capacity
            .each()
            .into_iter()
            .zip(usage.each())
            .map(|(cap, used)| cap.iter().zip(used).map(|(&c, &u)| if scaled(c) { (c - u) / c } else { 0.0 }).collect())
            .collect();
        // Deflected towards the last direction while the two point apart (Camerini, Fratta and
        // Maffioli, 1975): the prices then zigzag less between rows that trade off.
        let mut d = g;
        if let Some(last) = self.direction.as_ref() {
            let along = dot(&d, last);
            let last_norm = dot_self(last);
            if along < 0.0 && last_norm > 0.0 {
                let beta = -DEFLECTION * along / last_norm;
                for (d, last) in d.iter_mut().zip(last) {
                    d.iter_mut().zip(last).for_each(|(d, l)| *d += beta * l);
                }
            }
        }
        // Only rows that can move the bound count: a zero price with slack stays zero.
        for (d, p) in d.iter_mut().zip(self.prices.each()) {
            d.iter_mut().zip(p.iter()).filter(|(d, p)| **d > 0.0 && **p <= 0.0).for_each(|(d, _)| *d = 0.0);
        }
        let norm = dot_self(&d);
        if norm <= 1e-12 || self.step < 1e-4 {
            return false;
        }
        let g = &d;
        let t = self.step * (value - target).max(1e-6 * value.abs().max(1.0)) / norm;
        // A price per unit moves by t·g/capacity: the step in the scaled row's price over the
        // capacity.
        for ((p, g), cap) in self.prices.each_mut().into_iter().zip(g).zip(self.capacity.each()) {
            for ((p, g), &c) in p.iter_mut().zip(g).zip(cap) {
                if scaled(c) {
                    *p = (*p - t * g / c).max(0.0);
                }
            }
        }
        self.direction = Some(d);
        true
    }

    /// The relaxed problem at the current prices: its value (an upper bound) and the
    /// capacities it uses (fractional where a region meets a demand in part).
    fn evaluate(&self) -> (f64, Rows) {
        let problem = self.problem;
        let inst = &problem.instance;
        let fair = &problem.fairness;
        let pair_prices = PairPrices::new(&self.families, &self.prices, inst.volunteers.len(), inst.slots.len());
        let choices: Vec<Option<Choice>> = (0..inst.demands.len())
            .into_par_iter()
            .map_init(Scratch::default, |scratch, d| self.best_choice(d, &pair_prices, scratch))
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
        // What the choices use, summed in demand order (the same sums whatever the thread
        // count; a few additions per member, so a city month's take milliseconds).
        let mut usage = Rows::zeros(problem, &self.families);
        for (d, choice) in choices.iter().enumerate() {
            let Some(choice) = choice.as_ref().filter(|_| z[d] > 0.0) else { continue };
            let list = problem.candidates.of(d);
            for &k in &choice.members {
                let (v, hours) = (list.volunteers[k as usize] as usize, list.hours(k as usize));
                for (family, used) in self.families.iter().zip(&mut usage.family) {
                    let (row, amount) = family.use_of(v, choice.slot, hours);
                    used[row] += z[d] * amount;
                }
            }
            for &(r, amount) in &choice.supplies {
                usage.unit[r as usize] += z[d] * amount;
            }
        }
        rayon::spawn(move || drop(choices));
        let prices = &self.prices;
        let capacity = &self.capacity;
        // Unlimited rows are never priced (their price stays 0).
        let paid = |p: &[f64], c: &[f64]| p.iter().zip(c).filter(|(p, _)| **p > 0.0).map(|(p, c)| p * c).sum::<f64>();
        value += prices.each().into_iter().zip(capacity.each()).map(|(p, c)| paid(p, c)).sum::<f64>();
        (value, usage)
    }

    /// Demand `d`'s best slot and team at the current prices (the `people` cheapest priced
    /// pairs usable in one slot) with its cheapest priced supplies, or `None` if it can never
    /// be met.
    fn best_choice(&self, d: usize, pair_prices: &PairPrices, scratch: &mut Scratch) -> Option<Choice> {
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
        let hours = |i: usize| fixed.unwrap_or_else(|| list.hours(table.position[i] as usize));
        let pair = |i: usize| {
            let (v, cost) = table.pair[i];
            let h = hours(i);
            PricedPair {
                mask: table.mask(i),
                priced: pair_prices.priced[v as usize],
                base: pair_prices.base(v as usize, cost as f64, h),
                v,
                hours: h,
            }
        };
        let extra = |p: &PricedPair, s: usize| pair_prices.extra(p.v as usize, s, p.hours);
        let (team_cost, slot, members) = if demand.people == 1 {
            // The cheapest pair in its cheapest slot; a slot without a per-slot price costs
            // just the base, so the lowest such slot serves.
            let mut best: Option<(f64, usize, usize)> = None;
            for i in lo..hi {
                let p = pair(i);
                let free = p.mask & !p.priced;
                let (cost, s) = if free != 0 {
                    (p.base, free.trailing_zeros() as usize)
                } else {
                    slots_of(p.mask).map(|s| (p.base + extra(&p, s), s)).min_by(|a, b| a.0.total_cmp(&b.0))?
                };
                if best.is_none_or(|(c, _, _)| cost < c) {
                    best = Some((cost, s, i));
                }
            }
            let (cost, s, i) = best?;
            (cost, s, vec![table.position[i]])
        } else {
            let (cost, s, team) = scratch.cheapest_team(demand.people as usize, (lo..hi).map(pair), extra)?;
            (cost, s, team.into_iter().map(|j| table.position[lo + j as usize]).collect())
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
        Some(Choice { value: demand.weight - team_cost - supply_cost, slot, members, supplies })
    }
}

/// Per-thread buffers of [`Scratch::cheapest_team`]: per slot its cheapest pairs so far.
#[derive(Default)]
struct Scratch {
    /// `people` (priced cost, position) entries per slot, cheapest first.
    top: Vec<(f64, u32)>,
    count: Vec<usize>,
}

/// A candidate pair as a step prices it.
struct PricedPair {
    /// Its usable slots, and those of them in which its volunteer's per-slot rows have a price.
    mask: u64,
    priced: u64,
    /// Its priced cost in a slot without a per-slot price.
    base: f64,
    v: u32,
    hours: f64,
}

/// The slots of `mask`, lowest first.
fn slots_of(mask: u64) -> impl Iterator<Item = usize> {
    let mut rest = mask;
    std::iter::from_fn(move || {
        (rest != 0).then(|| {
            let s = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            s
        })
    })
}

impl Scratch {
    /// The cheapest team of `people` pairs sharing a slot, in one pass over the pairs: each
    /// pair is offered, at its priced cost there (its base plus `extra` where a per-slot row
    /// has a price), to the sorted short list of every slot it can use.
    /// Returns the team's cost, its slot and the pairs' places in `pairs`.
    fn cheapest_team(
        &mut self,
        people: usize,
        pairs: impl Iterator<Item = PricedPair>,
        extra: impl Fn(&PricedPair, usize) -> f64,
    ) -> Option<(f64, usize, Vec<u32>)> {
        self.top.clear();
        self.top.resize(64 * people, (f64::INFINITY, u32::MAX));
        self.count.clear();
        self.count.resize(64, 0);
        for (k, pair) in pairs.enumerate() {
            for s in slots_of(pair.mask) {
                let p = if pair.priced >> s & 1 == 1 { pair.base + extra(&pair, s) } else { pair.base };
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
        Some((cost, s, self.top[s * people..(s + 1) * people].iter().map(|e| e.1).collect()))
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

/// Steps without a better bound after which the step size halves: few at first, so that the
/// first steps (all a city month gets before its search) come near the dual optimum quickly,
/// more later, so that long runs (a county month's thousand steps) do not stall short of it.
fn patience(steps: usize) -> usize {
    (PATIENCE_FIRST + steps / PATIENCE_GROWTH).min(PATIENCE_MOST)
}

/// Σ a·b over rows of equal shapes.
fn dot(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a.iter().zip(b).map(|(a, b)| a * b).sum::<f64>()).sum()
}

/// Σ a².
fn dot_self(a: &[Vec<f64>]) -> f64 {
    dot(a, a)
}

impl Table {
    /// The fewest hours of any usable pair of each volunteer in each slot, at
    /// v × slots + s, or over the month, at v, unless `by_slot` (`INFINITY`: none); a
    /// minimum, so the same whatever the thread count.
    fn least_hours(&self, problem: &Problem, by_slot: bool) -> Vec<f64> {
        let inst = &problem.instance;
        let slots = if by_slot { inst.slots.len() } else { 1 };
        let cells = inst.volunteers.len() * slots;
        let fixed = inst.arcs.is_empty();
        self.chunks
            .par_iter()
            .enumerate()
            .fold(
                || vec![f64::INFINITY; cells],
                |mut least, (c, packed)| {
                    for (i, start) in packed.start.windows(2).enumerate() {
                        let d = c * CHUNK + i;
                        let list = problem.candidates.of(d);
                        for j in start[0]..start[1] {
                            let v = packed.pair[j].0 as usize;
                            let h = if fixed { inst.demands[d].hours } else { list.hours(packed.position[j] as usize) };
                            if by_slot {
                                for s in slots_of(packed.mask(j)) {
                                    let cell = &mut least[v * slots + s];
                                    *cell = cell.min(h);
                                }
                            } else {
                                least[v] = least[v].min(h);
                            }
                        }
                    }
                    least
                },
            )
            .reduce(
                || vec![f64::INFINITY; cells],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(a, b)| *a = a.min(b));
                    a
                },
            )
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

/// One value per relaxed row (the rows of each capacity family, then resource amounts): their
/// prices, capacities, or use.
struct Rows {
    family: Vec<Vec<f64>>,
    unit: Vec<f64>,
}

impl Rows {
    fn zeros(problem: &Problem, families: &[Family]) -> Self {
        Rows {
            family: families.iter().map(|f| vec![0.0; f.row_count()]).collect(),
            unit: vec![0.0; problem.instance.resources.len()],
        }
    }

    fn capacities(problem: &Problem, families: &[Family]) -> Self {
        Rows {
            family: families.iter().map(|f| (0..f.row_count()).map(|r| f.cap(r)).collect()).collect(),
            unit: problem.instance.resources.iter().map(|r| r.amount).collect(),
        }
    }

    fn each(&self) -> Vec<&Vec<f64>> {
        self.family.iter().chain(std::iter::once(&self.unit)).collect()
    }

    fn each_mut(&mut self) -> Vec<&mut Vec<f64>> {
        self.family.iter_mut().chain(std::iter::once(&mut self.unit)).collect()
    }
}
