//! The baseline policy: `must` demands first, then a value-per-scarce-capacity order, each
//! demand given the cheapest team in its cheapest slot and supplies from the nearest resources.
//!
//! It mirrors how a branch dispatches by hand (支部派单), made deterministic and rule-exact,
//! and is the start every better solver improves on.

use super::{result_of, simple_bound, SolveResult, Solver};
use crate::model::{Assignment, Plan, Supply};
use crate::policy::{capacity_policy, Capacity, Team};
use crate::problem::Problem;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::Instant;

/// The greedy solver (deterministic; no options).
#[derive(Debug, Clone, Copy, Default)]
pub struct Greedy;

impl Solver for Greedy {
    fn name(&self) -> &'static str {
        "greedy"
    }

    fn solve(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let (plan, complete) = greedy_plan(problem);
        let mut result = result_of(problem, plan, complete, simple_bound(problem), self.name());
        result.time = started.elapsed();
        result
    }
}

/// The greedy plan and whether it meets every `must` demand.
///
/// # Complexity
/// O(D log D) for the order plus, per demand, O(S·k) for S allowed slots and the k candidates
/// scanned until a team is found.
pub fn greedy_plan(problem: &Problem) -> (Plan, bool) {
    let mut state = State::new(problem);
    let inst = &problem.instance;
    let mut musts: Vec<usize> = (0..inst.demands.len()).filter(|&d| inst.demands[d].must).collect();
    musts.sort_by_key(|&d| (problem.candidates.of(d).len(), d));
    let complete = musts.into_iter().fold(true, |ok, d| state.try_assign(d) && ok);

    let scarcity = Scarcity::new(problem);
    let mut heap: BinaryHeap<Entry> = (0..inst.demands.len())
        .filter(|&d| !inst.demands[d].must && scarcity.cost[d].is_finite())
        .map(|d| Entry { key: scarcity.priority(problem, d, &state.met), demand: d })
        .collect();
    while let Some(top) = heap.pop() {
        // Priorities only fall (the fairness gain shrinks as regions fill), so a popped entry
        // whose fresh priority is still at least the next key is truly the best.
        let fresh = scarcity.priority(problem, top.demand, &state.met);
        if heap.peek().is_some_and(|next| fresh < next.key) {
            heap.push(Entry { key: fresh, demand: top.demand });
            continue;
        }
        state.try_assign(top.demand);
    }
    let mut plan = Plan { assignments: state.assignments };
    plan.assignments.sort_by_key(|a| a.demand);
    (plan, complete)
}

/// A heap entry: higher key first, then lower demand index.
struct Entry {
    key: f64,
    demand: usize,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.total_cmp(&other.key).then(other.demand.cmp(&self.demand))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

/// Static parts of the order: each demand's cheapest team cost and the share of the capacity
/// open to it that it would use.
struct Scarcity {
    cost: Vec<f64>,
    share: Vec<f64>,
}

impl Scarcity {
    fn new(problem: &Problem) -> Self {
        let inst = &problem.instance;
        let full: Vec<f64> = inst.resources.iter().map(|r| r.amount).collect();
        let (mut cost, mut share) = (Vec::new(), Vec::new());
        for (d, demand) in inst.demands.iter().enumerate() {
            let list = problem.candidates.of(d);
            let people = demand.people as usize;
            let pool: f64 = (0..list.len()).map(|k| inst.volunteers[list.volunteers[k] as usize].hours.min(1e6)).sum();
            let mut s = people as f64 * demand.hours / pool.max(1e-9);
            let mut possible = list.len() >= people;
            for need in &demand.needs {
                let held = problem.supplies.available(inst, demand, need, &full);
                possible &= held + 1e-9 >= need.amount;
                s += need.amount / held.max(1e-9);
            }
            cost.push(if possible { list.costs[..people].iter().sum() } else { f64::INFINITY });
            share.push(s);
        }
        Scarcity { cost, share }
    }

    /// Value (weight − cheapest cost + current fairness gain) per share of capacity used.
    fn priority(&self, problem: &Problem, d: usize, met: &[f64]) -> f64 {
        let weight = problem.instance.demands[d].weight;
        let value = weight - self.cost[d] + problem.fairness.gain(d, weight, met);
        value / (self.share[d] + 1e-9)
    }
}

/// Capacity left and assignments made so far.
struct State<'a> {
    problem: &'a Problem,
    capacity: Capacity,
    left: Vec<f64>,
    met: Vec<f64>,
    assignments: Vec<Assignment>,
}

impl<'a> State<'a> {
    fn new(problem: &'a Problem) -> Self {
        let inst = &problem.instance;
        State {
            problem,
            capacity: capacity_policy(inst),
            left: inst.resources.iter().map(|r| r.amount).collect(),
            met: vec![0.0; problem.fairness.total.len()],
            assignments: Vec::new(),
        }
    }

    /// Assigns `d` if a team and supplies exist and (unless it is a `must`) it raises the
    /// objective. Returns whether it was assigned.
    fn try_assign(&mut self, d: usize) -> bool {
        let inst = &self.problem.instance;
        let demand = &inst.demands[d];
        let list = self.problem.candidates.of(d);
        let Some(Team { slot, members, cost }) = self.capacity.cheapest_team(inst, d, list) else { return false };
        let Ok(supplies) = self.problem.supplies.draw(inst, demand, &self.left) else { return false };
        let gain = demand.weight - cost + self.problem.fairness.gain(d, demand.weight, &self.met);
        if !demand.must && gain <= 0.0 {
            return false;
        }
        for &k in &members {
            self.capacity.take(list.volunteers[k] as usize, slot, list.hours(k));
        }
        for &Supply { resource, amount } in &supplies {
            self.left[resource as usize] -= amount;
        }
        if let Some(g) = self.problem.fairness.group_of[d] {
            self.met[g as usize] += demand.weight;
        }
        let volunteers = members.iter().map(|&k| list.volunteers[k]).collect();
        self.assignments.push(Assignment { demand: d as u32, slot: slot as u32, volunteers, supplies });
        true
    }
}
