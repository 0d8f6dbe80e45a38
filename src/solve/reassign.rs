//! Who serves the met demands: a tabu search over team members that may pass through plans
//! which overload volunteers, with the overload priced by a penalty that rises while the plan
//! is overloaded and falls while it is not (strategic oscillation).
//!
//! The met demands and their slots and supplies stay as they are, so only the teams' cost
//! changes; this is the whole problem on a generalised assignment problem (every demand a
//! `must` of one person), where ruin and recreate alone packs the volunteers' hours poorly.
//! A move gives one team place to another candidate free in the demand's slot, or swaps the
//! volunteers of two demands' team places; each iteration takes the best move that is not
//! tabu over a random window of places, overloaded or not. With prices of volunteers' time
//! (the Lagrangian bound's), a move's cost change is weighed with most of the price of the time
//! it takes and frees, and a place moves only to the few candidates of least priced cost.
//!
//! When a stretch of the search finds no better plan, its best plan joins a small elite and the
//! search starts again partway along the path from one elite plan to another (path relinking):
//! the plans between two good ones share what both got right and leave the basin of either.
//!
//! See Díaz and Fernández (2001), "A tabu search heuristic for the generalized assignment
//! problem", Yagiura, Ibaraki and Glover (2004), "An ejection chain approach for the
//! generalized assignment problem", and Yagiura, Ibaraki and Glover (2006), "A path relinking
//! approach with ejection chains for the generalized assignment problem".

use super::lns::VolunteerPrices;
use super::stop::Stop;
use crate::model::Plan;
use crate::policy::{capacity_policy, Capacity};
use crate::problem::Problem;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::ops::Range;

/// Most one-member moves evaluated in one iteration, over a window of jobs at a random place.
const SHIFT_EVALUATIONS: usize = 3_000;

/// Most swaps evaluated in one iteration, likewise.
const SWAP_EVALUATIONS: usize = 5_000;

/// Share of the prices of volunteers' time added to a move's cost change in choosing moves
/// (the plan's cost itself is never priced): priced moves keep the cheap but hungry
/// assignments for the volunteers whose time is worth least. Measured on type D GAPs d401600,
/// d40400 and d20100 at 9.5 s, % above the best known: unpriced 2.21 / 2.12 / 1.96, share 0.5:
/// 1.37 / 1.42 / 1.31, 0.9: 0.42 / 0.75 / 0.73, 1.0: 1.40 / 3.61 / 2.64.
const PRICE_SHARE: f64 = 0.9;

/// Factor by which the overload penalty rises (overloaded plan) or falls (feasible plan).
const PENALTY_STEP: f64 = 1.05;

/// Overload or cost change below which it counts as none: the running sums are updated move
/// by move and carry rounding.
const ROUNDING: f64 = 1e-9;

/// Smallest mean hours and cost of a team place that the overload penalty is scaled by, so
/// that a plan of free or zero-hour places does not divide by zero.
const MIN_MEAN: f64 = 1e-6;

/// Iterations for which a job may not return to the volunteer it left (plus the growth of
/// `TENURE_ROOT_DIVISOR`): drawn anew for each move, so that the search does not cycle with a
/// fixed period.
const TENURE: Range<u64> = 5..15;

/// The tabu tenure also grows by the square root of the number of jobs over this: a larger
/// plan needs a longer memory for the search to leave the plans around a local optimum.
const TENURE_ROOT_DIVISOR: u64 = 4;

/// With prices, how many candidates of each demand a member may move to (those of least
/// weight), for the searches of even and of odd index: the two differ so that one solve gets
/// both. Measured at 9.5 s, % above the best known, on e801600 / d801600 / d60900: all
/// candidates 0.60 / 0.57 / 0.64, 30: 0.35 / 0.44 / 0.52, 20: 0.28 / 0.43 / 0.49, 15: 0.27 /
/// 0.60 / 0.53, 10: 0.22 / 1.59 / 1.15, 5 (e801600): 1.53. Over the 15 type E GAPs, 10 for
/// both searches: mean 0.14 %; 15 for both: 0.17 %.
const SHORT_LISTS: [usize; 2] = [10, 20];

/// Iterations without a better plan, per job, after which the search starts again from a
/// point on the way between two elite plans (path relinking). Measured on e20100 at 9.5 s:
/// no restarts 0.85 % above the best known, 2 per job 0.56, 4: 0.45, 10: 0.88; over the 15
/// type E GAPs the mean fell from 0.25 % to 0.22 %.
const STALL_PER_JOB: u64 = 4;

/// Elite plans kept for path relinking.
const ELITE: usize = 10;

/// Share of the way from one elite plan to the other at which the search starts again, drawn
/// per restart: far enough from both to leave their basins.
const RELINK_SHARE: Range<f64> = 0.3..0.7;

/// Iterations between two exact recomputations of the overload: often enough that rounding in
/// the running sum cannot drift, rarely enough that it costs nothing next to the moves.
const RESUM_EVERY: u64 = 1024;

/// Iterations between two readings of the clock against [`Stop::deadline`]: every iteration,
/// since one evaluates a few thousand moves.
const CLOCK_EVERY: u64 = 1;

/// One team place: the demand, its slot and the member's candidate position.
#[derive(Debug, Clone, Copy)]
struct Job {
    demand: u32,
    slot: u32,
    member: u32,
}

struct Search<'a> {
    problem: &'a Problem,
    jobs: Vec<Job>,
    /// Jobs of each demand's team, as a range of `jobs` (teams are consecutive).
    team: Vec<(u32, u32)>,
    /// What the volunteers carry in every row of every capacity rule, over their caps or not.
    loads: Capacity,
    /// Hours of a count row's excess (one task over counts as this many hours over).
    task_hours: f64,
    cost: f64,
    overload: f64,
    penalty: f64,
    /// Jobs each volunteer holds.
    on: Vec<Vec<u32>>,
    /// Per job, the volunteers it may not return to before the given iteration.
    tabu: Vec<Vec<(u32, u64)>>,
    /// Per candidate position of every demand's list, what choosing it is weighed at: its cost
    /// plus, with prices, the price of the volunteer's hours and task.
    weight: Vec<Vec<f64>>,
    rng: ChaCha8Rng,
    /// Per demand, the candidate positions a member may move to: with prices, those of least
    /// priced cost; else all.
    short: Vec<Vec<u32>>,
    /// Per demand and candidate position, whether it is in `short`.
    kept: Vec<Vec<bool>>,
}

impl<'a> Search<'a> {
    fn new(problem: &'a Problem, plan: &Plan, (seed, index): (u64, u64), prices: Option<&VolunteerPrices>) -> Self {
        let inst = &problem.instance;
        let mut loads = capacity_policy(inst);
        let mut jobs = Vec::new();
        let mut team = vec![(0, 0); inst.demands.len()];
        let mut cost = 0.0;
        for a in &plan.assignments {
            let list = problem.candidates.of(a.demand as usize);
            let start = jobs.len() as u32;
            for &v in &a.volunteers {
                let k = list.position(v).expect("plan volunteers are candidates");
                jobs.push(Job { demand: a.demand, slot: a.slot, member: k as u32 });
                loads.take(v as usize, a.slot as usize, list.hours(k));
                cost += list.costs[k];
            }
            team[a.demand as usize] = (start, jobs.len() as u32);
            // Standby stay as they are (rule 9): no member moves into a slot where it stands by.
            for &b in &a.standby {
                let hours = list.position(b).map_or(0.0, |k| list.hours(k));
                loads.stand_by(b as usize, a.slot as usize, hours);
            }
        }
        let hours: f64 = jobs.iter().map(|j| problem.candidates.of(j.demand as usize).hours(j.member as usize)).sum();
        let task_hours = if jobs.is_empty() { 1.0 } else { (hours / jobs.len() as f64).max(MIN_MEAN) };
        let mean_cost = if jobs.is_empty() { 1.0 } else { (cost.abs() / jobs.len() as f64).max(MIN_MEAN) };
        let mut on = vec![Vec::new(); inst.volunteers.len()];
        for (j, job) in jobs.iter().enumerate() {
            on[problem.candidates.of(job.demand as usize).volunteers[job.member as usize] as usize].push(j as u32);
        }
        let weight: Vec<Vec<f64>> = (0..inst.demands.len())
            .map(|d| {
                let list = problem.candidates.of(d);
                (0..list.len())
                    .map(|k| {
                        let v = list.volunteers[k] as usize;
                        list.costs[k] + prices.map_or(0.0, |p| PRICE_SHARE * (p.hour[v] * list.hours(k) + p.task[v]))
                    })
                    .collect()
            })
            .collect();
        let (short, kept) = short_lists(&weight, prices.is_some(), SHORT_LISTS[(index % 2) as usize]);
        let mut search = Search {
            short,
            kept,
            problem,
            weight,
            on,
            tabu: vec![Vec::new(); jobs.len()],
            jobs,
            team,
            loads,
            task_hours,
            cost,
            overload: 0.0,
            // One hour over costs about as much as a member's cost per hour.
            penalty: mean_cost / task_hours,
            rng: ChaCha8Rng::seed_from_u64(seed),
        };
        search.overload = search.total_overload();
        search
    }

    /// Σ over the rows of every capacity rule of the excess of their use over their cap.
    fn total_overload(&self) -> f64 {
        self.loads.overload(self.task_hours)
    }

    /// Change of the overload when volunteer `v` takes `hours` more (or less) in slot `s`
    /// with `tasks` more tasks.
    fn overload_change(&self, v: usize, s: usize, hours: f64, tasks: f64) -> f64 {
        self.loads.overload_change(v, s, hours, tasks, self.task_hours)
    }

    /// Whether candidate `k` of `demand` can ever serve it in slot `s` alone.
    fn fits(&self, demand: usize, k: usize, s: usize) -> bool {
        let list = self.problem.candidates.of(demand);
        let v = list.volunteers[k] as usize;
        self.problem.instance.volunteers[v].slots.contains(s)
            && !self.loads.standby().stands_by(v, s)
            && self.loads.fits_alone(v, s, list.hours(k))
    }

    /// Change of the overload if job `j` moves to candidate `n`.
    fn shift_overload(&self, j: usize, n: usize) -> f64 {
        let job = self.jobs[j];
        let (d, s, k) = (job.demand as usize, job.slot as usize, job.member as usize);
        let list = self.problem.candidates.of(d);
        self.overload_change(list.volunteers[k] as usize, s, -list.hours(k), -1.0)
            + self.overload_change(list.volunteers[n] as usize, s, list.hours(n), 1.0)
    }

    /// The best swap of two jobs' volunteers over a window of jobs starting at `first`:
    /// (penalised change, job, its new member, other job, its new member).
    fn best_swap(&mut self, first: usize, iteration: u64, best_cost: f64) -> Option<(f64, [(usize, usize); 2])> {
        let mut best: Option<(f64, [(usize, usize); 2])> = None;
        let mut evaluations = 0;
        for j in self.window(first) {
            if evaluations >= SWAP_EVALUATIONS {
                break;
            }
            let job = self.jobs[j];
            let (d, s, k) = (job.demand as usize, job.slot as usize, job.member as usize);
            let list = self.problem.candidates.of(d);
            let v = list.volunteers[k];
            for i in 0..self.short[d].len() {
                let n = self.short[d][i] as usize;
                let u = list.volunteers[n] as usize;
                if n == k || self.on[u].is_empty() || self.in_team(d, n) || !self.fits(d, n, s) {
                    continue;
                }
                for t in 0..self.on[u].len() {
                    let j2 = self.on[u][t] as usize;
                    let other = self.jobs[j2];
                    let d2 = other.demand as usize;
                    evaluations += 1;
                    if d2 == d {
                        continue;
                    }
                    let list2 = self.problem.candidates.of(d2);
                    let (s2, k2) = (other.slot as usize, other.member as usize);
                    let Some(p) = list2.position(v) else { continue };
                    if !self.kept[d2][p] {
                        continue;
                    }
                    if self.in_team(d2, p) || !self.fits(d2, p, s2) {
                        continue;
                    }
                    let change = list.costs[n] - list.costs[k] + list2.costs[p] - list2.costs[k2];
                    let (w, w2) = (&self.weight[d], &self.weight[d2]);
                    let weighed = w[n] - w[k] + w2[p] - w2[k2];
                    let over = self.swap_overload(j, n, j2, p);
                    let value = weighed + self.penalty * over;
                    if best.as_ref().is_some_and(|(b, _)| value >= *b) {
                        continue;
                    }
                    if self.allowed(&[(j, u as u32), (j2, v)], over, change, iteration, best_cost) {
                        best = Some((value, [(j, n), (j2, p)]));
                    }
                }
            }
        }
        best
    }

    /// Change of the overload if job `j` moves to candidate `n` and job `j2` to candidate `p`
    /// (the volunteers of the two jobs trade places).
    fn swap_overload(&mut self, j: usize, n: usize, j2: usize, p: usize) -> f64 {
        let (a, b) = (self.jobs[j], self.jobs[j2]);
        let (list, list2) =
            (self.problem.candidates.of(a.demand as usize), self.problem.candidates.of(b.demand as usize));
        let (k, k2) = (a.member as usize, b.member as usize);
        let (v, u) = (list.volunteers[k] as usize, list2.volunteers[k2] as usize);
        if a.slot == b.slot {
            // Each volunteer keeps its task count and trades hours within one slot.
            let s = a.slot as usize;
            let (give_v, give_u) = (list2.hours(p) - list.hours(k), list.hours(n) - list2.hours(k2));
            return self.overload_change(v, s, give_v, 0.0) + self.overload_change(u, s, give_u, 0.0);
        }
        // Slots differ: the first move is made in the loads while the second is measured.
        let first = self.shift_overload(j, n);
        let s = a.slot as usize;
        self.loads.add(v, s, -list.hours(k), -1.0);
        self.loads.add(u, s, list.hours(n), 1.0);
        self.jobs[j].member = n as u32;
        let over = first + self.shift_overload(j2, p);
        self.jobs[j].member = k as u32;
        self.loads.add(u, s, -list.hours(n), -1.0);
        self.loads.add(v, s, list.hours(k), 1.0);
        over
    }

    /// The members of every job now.
    fn members(&self) -> Vec<u32> {
        self.jobs.iter().map(|j| j.member).collect()
    }

    /// Gives every job the member of `members`, with no move tabu.
    fn set_members(&mut self, members: &[u32]) {
        for (j, &m) in members.iter().enumerate() {
            if self.jobs[j].member != m {
                self.apply(j, m as usize, 0);
            }
        }
        self.tabu.iter_mut().for_each(Vec::clear);
        self.overload = self.total_overload();
    }

    /// Walks from the plan's members towards `guide`'s for `steps` moves, each the move of one
    /// job to its guide's member that costs least at the current penalty, among at most
    /// `SHIFT_EVALUATIONS` of the jobs still to move (from a random one on).
    fn relink(&mut self, guide: &[u32], steps: usize) {
        let mut differ: Vec<usize> = (0..guide.len()).filter(|&j| self.jobs[j].member != guide[j]).collect();
        for _ in 0..steps {
            if differ.is_empty() {
                break;
            }
            let first = self.rng.random_range(0..differ.len());
            let mut best: Option<(f64, usize)> = None;
            for i in (0..differ.len().min(SHIFT_EVALUATIONS)).map(|i| (first + i) % differ.len()) {
                let j = differ[i];
                let job = self.jobs[j];
                let (d, k, n) = (job.demand as usize, job.member as usize, guide[j] as usize);
                if self.in_team(d, n) {
                    continue;
                }
                let value = self.weight[d][n] - self.weight[d][k] + self.penalty * self.shift_overload(j, n);
                if best.is_none_or(|(b, _)| value < b) {
                    best = Some((value, i));
                }
            }
            // Every job left waits for a team-mate to move first: the walk ends here.
            let Some((_, i)) = best else { break };
            let j = differ.swap_remove(i);
            self.apply(j, guide[j] as usize, 0);
        }
        self.tabu.iter_mut().for_each(Vec::clear);
        self.overload = self.total_overload();
    }

    /// Whether candidate `n` of demand `d` is already in its team.
    fn in_team(&self, d: usize, n: usize) -> bool {
        let (start, end) = self.team[d];
        (start..end).any(|t| self.jobs[t as usize].member as usize == n)
    }

    /// Every job index once, from `first` on and round.
    fn window(&self, first: usize) -> impl Iterator<Item = usize> {
        let n = self.jobs.len();
        (0..n).map(move |i| (first + i) % n)
    }

    /// Whether a move sending each job of `moves` to its volunteer may be taken: none is tabu,
    /// or it gives the best plan without overload (aspiration).
    fn allowed(&self, moves: &[(usize, u32)], over: f64, change: f64, iteration: u64, best_cost: f64) -> bool {
        let tabu = |&(j, v): &(usize, u32)| self.tabu[j].iter().any(|&(u, until)| u == v && until > iteration);
        !moves.iter().any(tabu) || (self.overload + over <= ROUNDING && self.cost + change < best_cost - ROUNDING)
    }

    /// The best move of the iteration over a window of jobs starting at `first`: (penalised
    /// change, job, new member).
    fn best_move(&self, first: usize, iteration: u64, best_cost: f64) -> Option<(f64, usize, usize)> {
        let mut best: Option<(f64, usize, usize)> = None;
        let mut evaluations = 0;
        for j in self.window(first) {
            if evaluations >= SHIFT_EVALUATIONS {
                break;
            }
            let job = self.jobs[j];
            let (d, s, k) = (job.demand as usize, job.slot as usize, job.member as usize);
            let list = self.problem.candidates.of(d);
            let (v, h) = (list.volunteers[k] as usize, list.hours(k));
            let leave = self.overload_change(v, s, -h, -1.0);
            evaluations += self.short[d].len();
            for &n in &self.short[d] {
                let n = n as usize;
                if n == k || self.in_team(d, n) || !self.fits(d, n, s) {
                    continue;
                }
                let u = list.volunteers[n];
                let over = leave + self.overload_change(u as usize, s, list.hours(n), 1.0);
                let change = list.costs[n] - list.costs[k];
                let value = self.weight[d][n] - self.weight[d][k] + self.penalty * over;
                if best.is_some_and(|(b, _, _)| value >= b) {
                    continue;
                }
                if self.allowed(&[(j, u)], over, change, iteration, best_cost) {
                    best = Some((value, j, n));
                }
            }
        }
        best
    }

    /// Gives job `j`'s place to candidate `n`; `j` may not return to its old volunteer for a
    /// few iterations.
    fn apply(&mut self, j: usize, n: usize, iteration: u64) {
        let job = self.jobs[j];
        let (d, s, k) = (job.demand as usize, job.slot as usize, job.member as usize);
        let list = self.problem.candidates.of(d);
        let (from, to) = (list.volunteers[k] as usize, list.volunteers[n] as usize);
        self.overload = (self.overload + self.shift_overload(j, n)).max(0.0);
        self.loads.add(from, s, -list.hours(k), -1.0);
        self.loads.add(to, s, list.hours(n), 1.0);
        self.cost += list.costs[n] - list.costs[k];
        self.jobs[j].member = n as u32;
        self.on[from].retain(|&i| i as usize != j);
        self.on[to].push(j as u32);
        let tenure = self.rng.random_range(TENURE) + (self.jobs.len() as f64).sqrt() as u64 / TENURE_ROOT_DIVISOR;
        let tabu = &mut self.tabu[j];
        tabu.retain(|&(_, until)| until > iteration);
        tabu.push((list.volunteers[k], iteration + tenure));
    }
}

/// The cheapest distinct plans (members of every job) that ended a stretch of the search.
#[derive(Default)]
struct Elite {
    plans: Vec<(f64, Vec<u32>)>,
}

impl Elite {
    /// Keeps `plan` if it is new and among the `ELITE` cheapest.
    fn offer(&mut self, plan: &(f64, Vec<u32>)) {
        if plan.0.is_finite() && !self.plans.iter().any(|(_, m)| *m == plan.1) {
            self.plans.push(plan.clone());
            self.plans.sort_by(|a, b| a.0.total_cmp(&b.0));
            self.plans.truncate(ELITE);
        }
    }

    /// Two different elite plans drawn at random: where to start and where to walk to.
    fn pair(&self, rng: &mut ChaCha8Rng) -> Option<(Vec<u32>, Vec<u32>)> {
        let n = self.plans.len();
        if n < 2 {
            return None;
        }
        let a = rng.random_range(0..n);
        let b = (a + rng.random_range(1..n)) % n;
        Some((self.plans[a].1.clone(), self.plans[b].1.clone()))
    }
}

/// Per demand, the candidate positions a member may move to, and per position whether it is
/// one: with prices, the `short` of least weight (cost and priced time); without, all.
fn short_lists(weight: &[Vec<f64>], priced: bool, short: usize) -> (Vec<Vec<u32>>, Vec<Vec<bool>>) {
    weight
        .iter()
        .map(|w| {
            let mut order: Vec<u32> = (0..w.len() as u32).collect();
            if priced {
                order.sort_by(|&a, &b| w[a as usize].total_cmp(&w[b as usize]).then(a.cmp(&b)));
                order.truncate(short);
            }
            let mut mask = vec![false; w.len()];
            order.iter().for_each(|&k| mask[k as usize] = true);
            (order, mask)
        })
        .unzip()
}

/// Re-chooses the members of `plan`'s teams (a feasible plan) to lower their cost; returns the
/// cheapest feasible plan seen. `index` is the search's among those of one solve, which set
/// its short lists apart ([`SHORT_LISTS`]). Moves are weighed at `PRICE_SHARE` of `prices`, when given.
/// Deterministic for a given `seed` and `stop` by iterations.
/// Its iterations are not counted in `stop.progress`, whose total is ruin-and-recreate's.
pub fn reassign(
    problem: &Problem,
    plan: &Plan,
    (seed, index): (u64, u64),
    stop: Stop<'_>,
    prices: Option<&VolunteerPrices>,
) -> Plan {
    let mut search = Search::new(problem, plan, (seed, index), prices);
    if search.jobs.is_empty() || search.overload > ROUNDING {
        return plan.clone();
    }
    let mut best_cost = search.cost;
    let mut best_members: Vec<u32> = search.jobs.iter().map(|j| j.member).collect();
    let mut iteration = 0;
    // Iterations without a better plan after which the search starts again between two elite
    // plans.
    let stall = STALL_PER_JOB * search.jobs.len() as u64;
    let mut elite = Elite::default();
    let mut episode = (best_cost, best_members.clone());
    let mut since = 0;

    while !stop.reached(iteration, CLOCK_EVERY) {
        iteration += 1;
        since += 1;
        if since > stall {
            elite.offer(&episode);
            if let Some((from, guide)) = elite.pair(&mut search.rng) {
                search.set_members(&from);
                let differ = from.iter().zip(&guide).filter(|(a, b)| a != b).count();
                let steps = (differ as f64 * search.rng.random_range(RELINK_SHARE)) as usize;
                search.relink(&guide, steps);
            }
            since = 0;
            episode.0 = f64::INFINITY;
        }
        let first = search.rng.random_range(0..search.jobs.len());
        let shift = search.best_move(first, iteration, best_cost);
        let at = search.rng.random_range(0..search.jobs.len());
        let swap = search.best_swap(at, iteration, best_cost);
        match (shift, swap) {
            (Some((a, _, _)), Some((b, moves))) if b < a => {
                moves.iter().for_each(|&(j, n)| search.apply(j, n, iteration))
            }
            (Some((_, j, n)), _) => search.apply(j, n, iteration),
            (None, Some((_, moves))) => moves.iter().for_each(|&(j, n)| search.apply(j, n, iteration)),
            (None, None) => break,
        }
        // Exact totals now and then, so that rounding in the running sums cannot drift.
        if iteration % RESUM_EVERY == 0 {
            search.overload = search.total_overload();
        }
        if search.overload > ROUNDING {
            search.penalty *= PENALTY_STEP;
            continue;
        }
        search.penalty /= PENALTY_STEP;
        if search.cost < episode.0 - ROUNDING {
            episode = (search.cost, search.members());
            since = 0;
            if search.cost < best_cost - ROUNDING {
                best_cost = search.cost;
                best_members = episode.1.clone();
            }
        }
    }
    let mut best = plan.clone();
    let mut next = 0;
    for a in &mut best.assignments {
        let list = problem.candidates.of(a.demand as usize);
        for v in &mut a.volunteers {
            *v = list.volunteers[best_members[next] as usize];
            next += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_elite_keeps_the_cheapest_distinct_plans_and_draws_two_different_ones() {
        let mut elite = Elite::default();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        assert!(elite.pair(&mut rng).is_none(), "no pair from an empty elite");
        elite.offer(&(50.0, vec![0, 1]));
        elite.offer(&(50.0, vec![0, 1]));
        elite.offer(&(f64::INFINITY, vec![1, 1]));
        assert_eq!(elite.plans.len(), 1, "a plan seen before or of no cost found is not kept");
        assert!(elite.pair(&mut rng).is_none(), "no pair from one plan");
        for i in 0..2 * ELITE as u32 {
            elite.offer(&(f64::from(i), vec![i + 2, 0]));
        }
        assert_eq!(elite.plans.len(), ELITE);
        let costs: Vec<f64> = elite.plans.iter().map(|p| p.0).collect();
        assert_eq!(costs, (0..ELITE).map(|i| i as f64).collect::<Vec<_>>(), "the cheapest, in order");
        for _ in 0..100 {
            let (a, b) = elite.pair(&mut rng).expect("a pair");
            assert_ne!(a, b);
        }
    }

    #[test]
    fn short_lists_keep_the_candidates_of_least_weight_only_with_prices() {
        let weight = vec![(0..30).map(|k| f64::from((k * 7) % 30)).collect::<Vec<f64>>(), vec![2.0, 1.0]];
        let (short, kept) = short_lists(&weight, true, 10);
        assert_eq!(short[0].len(), 10);
        let worst_kept = short[0].iter().map(|&k| weight[0][k as usize]).fold(f64::MIN, f64::max);
        let left: Vec<f64> = (0..30).filter(|&k| !kept[0][k]).map(|k| weight[0][k]).collect();
        assert!(left.iter().all(|&w| w >= worst_kept), "a cheaper candidate was left out");
        assert_eq!(short[1], vec![1, 0], "a short list is ordered by weight");
        let (all, kept) = short_lists(&weight, false, 10);
        assert_eq!(all[0].len(), 30);
        assert!(kept.iter().flatten().all(|&k| k), "without prices every candidate stays");
    }
}
