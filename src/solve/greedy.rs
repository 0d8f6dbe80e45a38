//! The baseline policy: `must` demands first, then a value-per-scarce-capacity order, each
//! demand given the cheapest team in its cheapest slot and supplies from the nearest resources.
//!
//! It mirrors how a branch dispatches by hand (支部派单), made deterministic and rule-exact,
//! and is the start every better solver improves on.

use super::state::{Placed, PlanState};
use super::{built_result, SolveResult, Solver};
use crate::model::{Plan, Supply};
use crate::policy::{Team, SLACK};
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

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let (plan, complete) = greedy_plan(problem);
        built_result(problem, plan, complete, self.name(), started)
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
    let complete = state.place_musts(&musts, &mut MUST_SEARCH_NODES.clone());

    let scarcity = Scarcity::new(problem);
    let mut heap: BinaryHeap<Entry> = (0..inst.demands.len())
        .filter(|&d| !inst.demands[d].must && scarcity.cost[d].is_finite())
        .map(|d| Entry { key: scarcity.priority(problem, d, &state.plan.met), demand: d })
        .collect();
    while let Some(top) = heap.pop() {
        // Priorities only fall (the fairness gain shrinks as regions fill), so a popped entry
        // whose fresh priority is still at least the next key is truly the best.
        let fresh = scarcity.priority(problem, top.demand, &state.plan.met);
        if heap.peek().is_some_and(|next| fresh < next.key) {
            heap.push(Entry { key: fresh, demand: top.demand });
            continue;
        }
        state.try_assign(top.demand);
    }
    (state.plan.plan(), complete)
}

/// Most teams tried when placing `must` demands before giving up (a bound on the search).
const MUST_SEARCH_NODES: usize = 100_000;

/// Teams tried per slot, and in all, for one `must` demand.
const MUST_TEAMS_PER_SLOT: usize = 6;

/// Teams tried in all for one `must` demand (the cheapest over its slots): with
/// `MUST_TEAMS_PER_SLOT`, a few slots' worth of alternatives when the cheapest choices collide.
const MUST_TEAMS: usize = 24;

/// Most hours of one volunteer counted in the hours open to a demand, so that a volunteer
/// without a real limit (hours set very high) does not make every demand look cheap in time.
const POOL_HOURS_CAP: f64 = 1e6;

/// Smallest capacity (hours open, amount held, share used) divided by in the scarcity order,
/// so that a demand with none ranks last or first instead of dividing by zero.
const MIN_CAPACITY: f64 = 1e-9;

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
        let full = inst.resource_amounts();
        let (mut cost, mut share) = (Vec::new(), Vec::new());
        for (d, demand) in inst.demands.iter().enumerate() {
            let list = problem.candidates.of(d);
            let people = demand.people as usize;
            let pool: f64 =
                (0..list.len()).map(|k| inst.volunteers[list.volunteers[k] as usize].hours.min(POOL_HOURS_CAP)).sum();
            let mut s = people as f64 * demand.hours / pool.max(MIN_CAPACITY);
            let mut possible = list.len() >= people;
            for need in &demand.needs {
                let held = problem.supplies.available(inst, demand, need, &full);
                possible &= held + SLACK >= need.amount;
                s += need.amount / held.max(MIN_CAPACITY);
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
        value / (self.share[d] + MIN_CAPACITY)
    }
}

/// A `must` demand being tried by [`State::place_musts`]: its supplies, the teams not yet
/// tried, and whether one of them is committed now.
struct MustFrame {
    demand: usize,
    supplies: Vec<Supply>,
    teams: std::vec::IntoIter<Team>,
    committed: bool,
}

/// Greedy placement on top of a [`PlanState`].
struct State<'a> {
    plan: PlanState<'a>,
}

impl<'a> State<'a> {
    fn new(problem: &'a Problem) -> Self {
        State { plan: PlanState::new(problem) }
    }

    /// Places every demand of `musts` (in order), backtracking over a few cheap teams per slot
    /// when the cheapest choices collide; `budget` bounds the teams tried. Returns whether all
    /// were placed (otherwise none of `musts` is left placed).
    ///
    /// A depth-first search with its own stack, one frame per placed demand, so that a month
    /// of tens of thousands of `must` demands needs no deep call stack (a worker thread's
    /// stack is 2 MB).
    fn place_musts(&mut self, musts: &[usize], budget: &mut usize) -> bool {
        let Some(&first) = musts.first() else { return true };
        let mut stack: Vec<MustFrame> = self.must_frame(first).into_iter().collect();
        while let Some(top) = stack.last_mut() {
            if top.committed {
                self.plan.remove(top.demand);
                top.committed = false;
            }
            let Some(Team { slot, members, cost, standby }) = top.teams.next() else {
                stack.pop();
                continue;
            };
            if *budget == 0 {
                for frame in stack.iter().rev().filter(|f| f.committed) {
                    self.plan.remove(frame.demand);
                }
                return false;
            }
            *budget -= 1;
            self.plan.commit(top.demand, Placed { slot, members, supplies: top.supplies.clone(), cost, standby });
            top.committed = true;
            match musts.get(stack.len()) {
                None => return true,
                Some(&next) => stack.extend(self.must_frame(next)),
            }
        }
        false
    }

    /// The search frame of `must` demand `d`, or `None` when its supplies cannot be drawn from
    /// what is left.
    fn must_frame(&self, d: usize) -> Option<MustFrame> {
        let inst = &self.plan.problem.instance;
        let supplies = self.plan.problem.supplies.draw(inst, &inst.demands[d], &self.plan.left).ok()?;
        Some(MustFrame { demand: d, supplies, teams: self.team_options(d).into_iter(), committed: false })
    }

    /// Up to [`MUST_TEAMS`] teams of `d` with time left, cheapest first: per allowed slot, the
    /// first [`MUST_TEAMS_PER_SLOT`] combinations of available candidates in cost order.
    fn team_options(&self, d: usize) -> Vec<Team> {
        let problem = self.plan.problem;
        let inst = &problem.instance;
        let list = problem.candidates.of(d);
        let people = inst.demands[d].people as usize;
        let mut teams = Vec::new();
        for slot in inst.demands[d].slots.iter() {
            let free: Vec<usize> = (0..list.len())
                .filter(|&k| {
                    let v = list.volunteers[k] as usize;
                    inst.volunteers[v].slots.contains(slot) && self.plan.capacity.can_take(v, slot, list.hours(k))
                })
                .collect();
            for members in combinations(&free, people, MUST_TEAMS_PER_SLOT) {
                // A team whose slot leaves too few free to stand by (rule 9) is no option.
                let Some(standby) = self.plan.capacity.standby_for(inst, d, list, slot, &members) else { continue };
                let cost = members.iter().map(|&k| list.costs[k]).sum();
                teams.push(Team { slot, members, cost, standby });
            }
        }
        teams.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.slot.cmp(&b.slot)));
        teams.truncate(MUST_TEAMS);
        teams
    }

    /// Places `d` if a team and supplies exist and it raises the objective.
    fn try_assign(&mut self, d: usize) {
        if let Some(placed) = self.plan.best_placement(d) {
            if self.plan.gain(d, placed.cost) > 0.0 {
                self.plan.commit(d, placed);
            }
        }
    }
}

/// The first `limit` `size`-element combinations of `items`, in lexicographic order of positions.
fn combinations(items: &[usize], size: usize, limit: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut pick: Vec<usize> = (0..size).collect();
    if size > items.len() {
        return out;
    }
    while out.len() < limit {
        out.push(pick.iter().map(|&i| items[i]).collect());
        // Advance the rightmost position that can still move right.
        let Some(i) = (0..size).rev().find(|&i| pick[i] < items.len() - size + i) else { break };
        pick[i] += 1;
        for j in i + 1..size {
            pick[j] = pick[j - 1] + 1;
        }
    }
    out
}
