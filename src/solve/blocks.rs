//! A large month split along its region tree, so that both cores improve one plan: each block
//! (the regions at one depth of the tree, such as the districts of a city) is searched on its own
//! copy of the plan with its own demands, its own volunteers and a share of the resources it
//! shares with other blocks; the blocks' changes are then merged, which keeps the plan
//! feasible, and a search across the cut moves the demands the split kept from candidates in
//! other blocks. Round after round, until the time or the iterations run out.
//!
//! A fairness region never spans two blocks (blocks are taken at the fairness level or above),
//! so each block's gain is its gain in the merged plan.

use super::components::{components, scarce_resources};
use super::lns::{search, Scope, Shared};
use super::state::{Placed, PlanState};
use super::stop::{task_seed, Rounds, Stop};
use crate::model::{Instance, Plan};
use crate::problem::Problem;
use rayon::prelude::*;

/// Fewest blocks worth splitting a month into (the tree's depth is chosen to give at least
/// this many). A city's 28 streets would leave 103,199 of its 120,000 demands with a candidate
/// in another block; its 4 districts, 32,014.
const MIN_BLOCKS: usize = 4;

/// Most blocks a month of several components is packed into.
const COMPONENT_BLOCKS: usize = 16;

/// The demands a block search moved, with their new placements.
type Changes = Vec<(usize, Option<Placed>)>;

/// The blocks of a month and its cut.
#[derive(Debug, Clone)]
pub struct Blocks {
    /// Per block: its demands, which it alone may move, and its volunteers, which it alone may
    /// give new work.
    pub parts: Vec<Scope>,
    /// The demands in no block or with a candidate in another block; every demand may be
    /// moved and every volunteer used when the search starts from them.
    pub cut: Scope,
    /// Per resource, the share of its unused amount each block may draw: one over the number
    /// of blocks it can supply, unless it can never run short.
    pub share: Vec<f64>,
}

impl Blocks {
    /// The blocks of `problem`: the regions at the shallowest depth of its tree with at least
    /// `MIN_BLOCKS` of them holding demands and no fairness region above it, else its
    /// connected components packed into at most `COMPONENT_BLOCKS` blocks; `None` when neither
    /// splits it.
    pub fn of(problem: &Problem) -> Option<Blocks> {
        Self::by_regions(problem).or_else(|| Self::by_components(problem))
    }

    /// The regions at the shallowest depth of the tree with at least `MIN_BLOCKS` regions
    /// holding demands and no fairness region above it.
    fn by_regions(problem: &Problem) -> Option<Blocks> {
        let inst = &problem.instance;
        let chains: Vec<Vec<u32>> =
            (0..inst.regions.len() as u32).map(|r| inst.region_chain(Some(r)).collect()).collect();
        let depth = |r: u32| chains[r as usize].len() - 1;
        let deepest = problem.fairness.region.iter().map(|&r| depth(r)).min().unwrap_or(usize::MAX);
        let tallest = chains.iter().map(|c| c.len()).max()?;
        let (count, block_of_region) = (0..tallest.min(deepest.saturating_add(1))).find_map(|at| {
            let blocks = number_blocks(inst, &chains, at);
            (blocks.0 >= MIN_BLOCKS).then_some(blocks)
        })?;
        let block = |region: Option<u32>| region.and_then(|r| block_of_region[r as usize]);
        let demand_block: Vec<Option<u32>> = inst.demands.iter().map(|d| block(d.region)).collect();
        let volunteer_block: Vec<Option<u32>> = inst.volunteers.iter().map(|v| block(v.region)).collect();
        Some(Self::split(problem, count, &demand_block, &volunteer_block))
    }

    /// The connected components of the candidate graph (see [`components`]), packed into at
    /// most `COMPONENT_BLOCKS` blocks of even size, largest first: nothing joins two blocks,
    /// so the cut is empty. `None` for a month of one component.
    fn by_components(problem: &Problem) -> Option<Blocks> {
        let inst = &problem.instance;
        let parts = components(problem, &vec![true; inst.demands.len()]);
        if parts.len() < 2 {
            return None;
        }
        let count = parts.len().min(COMPONENT_BLOCKS);
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by_key(|&c| (std::cmp::Reverse(parts[c].len()), c));
        let mut size = vec![0usize; count];
        let mut demand_block = vec![None; inst.demands.len()];
        let mut volunteer_block = vec![None; inst.volunteers.len()];
        for c in order {
            let b = (0..count).min_by_key(|&b| (size[b], b)).expect("at least two blocks");
            size[b] += parts[c].len();
            for &d in &parts[c] {
                demand_block[d] = Some(b as u32);
                for &v in problem.candidates.of(d).volunteers {
                    volunteer_block[v as usize] = Some(b as u32);
                }
            }
        }
        Some(Self::split(problem, count, &demand_block, &volunteer_block))
    }

    /// The `count` blocks given each demand's and volunteer's block, and the cut between them.
    fn split(problem: &Problem, count: usize, demand_block: &[Option<u32>], volunteer_block: &[Option<u32>]) -> Blocks {
        let inst = &problem.instance;
        let mut parts = vec![
            Scope {
                seeds: Vec::new(),
                movable: Some(vec![false; inst.demands.len()]),
                owned: Some(vec![false; inst.volunteers.len()]),
            };
            count
        ];
        for (d, b) in demand_block.iter().enumerate() {
            if let Some(b) = b {
                let part = &mut parts[*b as usize];
                part.seeds.push(d as u32);
                part.movable.as_mut().expect("blocks have demand masks")[d] = true;
            }
        }
        for (v, b) in volunteer_block.iter().enumerate() {
            if let Some(b) = b {
                parts[*b as usize].owned.as_mut().expect("blocks have volunteer masks")[v] = true;
            }
        }
        let cut: Vec<u32> = (0..inst.demands.len())
            .into_par_iter()
            .filter(|&d| {
                let own = demand_block[d];
                own.is_none() || problem.candidates.of(d).volunteers.iter().any(|&v| volunteer_block[v as usize] != own)
            })
            .map(|d| d as u32)
            .collect();
        let share = resource_shares(problem, &parts);
        Blocks { parts, cut: Scope { seeds: cut, movable: None, owned: None }, share }
    }

    /// Improves `plan` (which meets every `must` demand) by rounds of searches over the blocks
    /// side by side and across the cut, in `work` iterations in all (when `stop` has an
    /// iteration limit) or by `stop`'s deadline. The same plan for a given `seed` and work
    /// whatever the thread count: each block's search is seeded from (seed, round, block) and
    /// the changes are merged in block order.
    pub fn improve<'a>(&'a self, shared: &'a Shared<'a>, plan: &Plan, seed: u64, stop: Stop<'_>) -> Plan {
        let problem = shared.problem();
        let mut state = PlanState::from_plan(problem, plan);
        let in_blocks: usize = self.parts.iter().map(|p| p.seeds.len()).sum();
        // Blocks that nothing joins (components) need no search across the cut.
        let rounds = Rounds::new(&stop, !self.cut.seeds.is_empty(), rayon::current_num_threads());
        for round in 0..rounds.count() {
            // Each round gets an equal part of what is left, the block searches a share of it
            // in proportion to their demands (on all threads), the cut the rest.
            let Some(this) = rounds.round(stop, round) else { break };
            let part_stop = |b: usize| this.block(self.parts[b].seeds.len() as f64 / in_blocks.max(1) as f64);
            // Largest blocks first, each to the next free thread, so that the threads finish
            // together; merged in block order whatever ran where.
            let mut order: Vec<usize> = (0..self.parts.len()).collect();
            order.sort_by_key(|&b| std::cmp::Reverse(self.parts[b].seeds.len()));
            let mut changes: Vec<(usize, Changes)> = order
                .into_iter()
                .par_bridge()
                .map(|b| {
                    let scope = &self.parts[b];
                    let mut local = state.clone();
                    local.left.iter_mut().zip(&self.share).for_each(|(left, share)| *left *= share);
                    let index = round * self.parts.len() as u64 + b as u64;
                    let (found, _) = search(shared, local, Some(scope), task_seed(seed, index), part_stop(b));
                    let Some(found) = found else { return (b, Vec::new()) };
                    let moved = scope.seeds.iter().map(|&d| d as usize).filter(|&d| found.placed[d] != state.placed[d]);
                    (b, moved.map(|d| (d, found.placed[d].clone())).collect())
                })
                .collect();
            changes.sort_by_key(|(b, _)| *b);
            let changes: Vec<Changes> = changes.into_iter().map(|(_, c)| c).collect();
            for &(d, _) in changes.iter().flatten() {
                state.remove(d);
            }
            for (d, placed) in changes.into_iter().flatten() {
                if let Some(placed) = placed {
                    state.commit(d, placed);
                }
            }
            if rounds.has_cut() {
                let index = (rounds.count() + round) * self.parts.len() as u64;
                let before = state.clone();
                state = search(shared, state, Some(&self.cut), task_seed(seed, index), this.cut()).0.unwrap_or(before);
            }
        }
        state.plan()
    }
}

/// The number of blocks at depth `at` of the region tree that hold demands, and the block of
/// every region at that depth or below (numbered by region index).
fn number_blocks(inst: &Instance, chains: &[Vec<u32>], at: usize) -> (usize, Vec<Option<u32>>) {
    let top = |r: u32| {
        let chain = &chains[r as usize];
        chain.len().checked_sub(at + 1).map(|i| chain[i])
    };
    let mut number = vec![None; inst.regions.len()];
    let mut count = 0;
    let mut holds = vec![false; inst.regions.len()];
    inst.demands.iter().filter_map(|d| d.region.and_then(top)).for_each(|t| holds[t as usize] = true);
    for (t, _) in holds.iter().enumerate().filter(|(_, &h)| h) {
        number[t] = Some(count);
        count += 1;
    }
    let block_of = (0..inst.regions.len() as u32).map(|r| top(r).and_then(|t| number[t as usize])).collect();
    (count as usize, block_of)
}

/// Per resource, one over the number of blocks with a demand it may supply (1 when none, or
/// when it holds enough for every demand it may supply, so that it can never run short).
fn resource_shares(problem: &Problem, parts: &[Scope]) -> Vec<f64> {
    let inst = &problem.instance;
    let mut reached = vec![0usize; inst.resources.len()];
    let mut last = vec![usize::MAX; inst.resources.len()];
    for (b, part) in parts.iter().enumerate() {
        for &d in &part.seeds {
            let demand = &inst.demands[d as usize];
            for need in &demand.needs {
                for r in problem.supplies.eligible(inst, demand, need).map(|r| r as usize) {
                    if last[r] != b {
                        last[r] = b;
                        reached[r] += 1;
                    }
                }
            }
        }
    }
    let scarce = scarce_resources(problem);
    reached.iter().zip(&scarce).map(|(&n, &scarce)| if scarce { 1.0 / n.max(1) as f64 } else { 1.0 }).collect()
}
