//! Large neighbourhood search (ruin and recreate): remove a few demands that share
//! volunteers, re-insert them and their unmet neighbours in a randomised order, keep the
//! result unless the objective fell.
//!
//! Every move keeps the plan feasible (placements are only made where [`PlanState`] says they
//! fit), so the plan can be stopped and returned at any iteration.
//!
//! See Shaw (1998), "Using constraint programming and local search methods to solve vehicle
//! routing problems", and Schrimpf et al. (2000), "Record breaking optimization results using
//! the ruin and recreate principle".

use super::state::{Placed, PlanState};
use super::stop::Stop;
use crate::model::Plan;
use crate::problem::Problem;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::ops::Range;
use std::time::Instant;

/// Fewest demands removed by one ruin: a ruin of the seed alone would mostly put it back where
/// it was.
const MIN_RUIN: usize = 2;

/// Most demands removed by one ruin.
const MAX_RUIN: usize = 12;

/// Start temperature of the acceptance test, as a share of the mean demand weight.
const START_TEMPERATURE: f64 = 0.1;

/// Most unmet neighbours added to one recreate.
const MAX_NEIGHBOURS: usize = 16;

/// Iterations between two reports to [`Stop::progress`].
const REPORT_EVERY: u64 = 256;

/// Weights of the prices of volunteers' time in choosing teams, one drawn per iteration: 0
/// takes the cheapest team (the plan's own cost), the others more and more keep busy
/// volunteers' time for the demands that need it, so that the search tries both.
const PRICE_WEIGHTS: [f64; 4] = [0.0, 0.5, 1.0, 2.0];

/// Chance that a ruin starts from an unmet `must` demand while there are any: meeting them
/// comes first, but the rest of the plan must still make room for them.
const MUST_SEED_ODDS: f64 = 0.5;

/// Chance that a ruin starts from an unmet demand (else from a met one): insertions and
/// removals explored alike.
const UNMET_SEED_ODDS: f64 = 0.5;

/// Draws of a ruin's seed before taking one that is not of the kind wanted (met or unmet,
/// worth meeting): a month with few demands of that kind then costs a few draws, not a loop.
const SEED_DRAWS: usize = 16;

/// Demands around each freed volunteer looked at for the recreate (from a random place in its
/// list): enough to refill its time, few enough that one volunteer does not fill the pool.
const NEIGHBOURS_PER_VOLUNTEER: usize = 4;

/// Chance that a recreate orders demands by value per person-hour (else by value): the first
/// packs hours, the second favours heavy demands.
const PER_HOUR_ODDS: f64 = 0.5;

/// Noise factor on each demand's place in the recreate order: wide enough to change the order
/// of demands of close value, not so wide that it ignores value.
const ORDER_NOISE: Range<f64> = 0.7..1.3;

/// Smallest person-hours a demand's value is divided by in the recreate order, so that a
/// demand of no hours ranks first instead of dividing by zero.
const MIN_PERSON_HOURS: f64 = 1e-9;

/// Difference of objectives below which two plans count as equal: the plan's objective is a
/// running sum whose rounding must make no move look like a gain or a loss.
const OBJECTIVE_TOLERANCE: f64 = 1e-9;

/// Least gain for which a demand that need not be met is put in: a gain of rounding size would
/// take volunteers' time for nothing.
const MIN_GAIN: f64 = 1e-12;

/// Smallest monthly hours an hour price is divided by, so that a volunteer with no hours gets
/// a high price instead of dividing by zero.
const MIN_VOLUNTEER_HOURS: f64 = 1e-9;

/// Iterations between two readings of the clock against [`Stop::deadline`]: an iteration is
/// short (tens of microseconds on a county month), so the deadline is still kept to a few
/// milliseconds.
const CLOCK_EVERY: u64 = 32;

/// What a search did.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchStats {
    /// Iterations run.
    pub iterations: u64,
    /// Iterations whose result was kept.
    pub accepted: u64,
    /// Iterations that raised the best objective.
    pub improved: u64,
}

/// Improves `plan` by ruin and recreate; returns the best plan seen and what the search did.
/// Deterministic for a given `seed` and `stop` by iterations.
///
/// A plan that leaves `must` demands unmet (a greedy plan on a tight month) is first searched
/// for one that meets them all: moves that leave more of them unmet are refused, moves that
/// meet more are kept whatever they cost. The plan returned meets every `must` demand if any
/// plan seen did; otherwise it is the start plan.
pub fn improve(problem: &Problem, plan: &Plan, seed: u64, stop: Stop<'_>) -> (Plan, SearchStats) {
    improve_priced(problem, plan, seed, stop, None)
}

/// Like [`improve`], choosing teams with `prices` on volunteers' hours and tasks (such as the
/// Lagrangian prices of [`super::Lagrangian::prices`]) instead of its own estimate.
pub fn improve_priced(
    problem: &Problem,
    plan: &Plan,
    seed: u64,
    stop: Stop<'_>,
    prices: Option<&VolunteerPrices>,
) -> (Plan, SearchStats) {
    Shared::new(problem, prices).improve(plan, seed, stop)
}

/// What the searches of one month share: which demands are worth meeting, the prices of
/// volunteers' time and the scale of the acceptance test.
pub struct Shared<'a> {
    problem: &'a Problem,
    /// Demands that could ever add value (or must be met).
    useful: Vec<bool>,
    /// What a volunteer's time is worth to the demands that want it.
    prices: VolunteerPrices,
    start_temperature: f64,
}

impl<'a> Shared<'a> {
    /// The month searched.
    pub fn problem(&self) -> &'a Problem {
        self.problem
    }

    /// Like [`improve`], in this setting: one setting serves every search of a solve.
    pub fn improve(&self, plan: &Plan, seed: u64, stop: Stop<'_>) -> (Plan, SearchStats) {
        let start = PlanState::from_plan(self.problem, plan);
        let (state, stats) = search(self, start, None, seed, stop);
        let best = match state {
            Some(state) => state.plan(),
            None => plan.clone(),
        };
        (best, stats)
    }

    /// The setting of searches over `problem`, choosing teams at `prices` (or, without them,
    /// at an estimate of what volunteers' time is asked for).
    pub fn new(problem: &'a Problem, prices: Option<&VolunteerPrices>) -> Self {
        let inst = &problem.instance;
        let fair = &problem.fairness;
        let useful: Vec<bool> = (0..inst.demands.len())
            .map(|d| {
                let demand = &inst.demands[d];
                let list = problem.candidates.of(d);
                let people = demand.people as usize;
                let penalty = if fair.group_of[d].is_some() { fair.penalty } else { 0.0 };
                list.len() >= people
                    && (demand.must || demand.weight * (1.0 + penalty) > list.costs[..people].iter().sum::<f64>())
            })
            .collect();
        Shared {
            problem,
            prices: prices.cloned().unwrap_or_else(|| VolunteerPrices {
                hour: hour_prices(problem, &useful),
                task: vec![0.0; inst.volunteers.len()],
            }),
            start_temperature: START_TEMPERATURE * mean_weight(problem, &useful),
            useful,
        }
    }
}

/// The part of a month one search may change, so that searches over disjoint parts can run
/// side by side on copies of one plan and their results be merged.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The demands its ruins start from.
    pub seeds: Vec<u32>,
    /// Per demand, whether the search may take it out or put it in (every demand when `None`).
    pub movable: Option<Vec<bool>>,
    /// Per volunteer, whether the search may give it new work (every volunteer when `None`).
    pub owned: Option<Vec<bool>>,
}

impl Scope {
    fn movable(&self, d: usize) -> bool {
        self.movable.as_ref().is_none_or(|m| m[d])
    }

    fn owns(&self, v: usize) -> bool {
        self.owned.as_ref().is_none_or(|o| o[v])
    }
}

/// Ruin and recreate from `state` within `scope` (the whole month when `None`); returns the
/// best state meeting every `must` demand it could move (`None` if none was seen) and what the
/// search did. Deterministic for a given `seed` and `stop` by iterations.
pub fn search<'a>(
    shared: &'a Shared<'a>,
    state: PlanState<'a>,
    scope: Option<&'a Scope>,
    seed: u64,
    stop: Stop<'_>,
) -> (Option<PlanState<'a>>, SearchStats) {
    let mut search = Search::new(shared, state, scope, seed);
    let mut stats = SearchStats::default();
    let report = |iterations: u64, best: f64| {
        if let Some(progress) = stop.progress {
            progress.add_iterations(iterations);
            if best.is_finite() {
                progress.offer(best);
            }
        }
    };
    report(0, search.best.value);
    let started = Instant::now();
    while !stop.reached(stats.iterations, CLOCK_EVERY) {
        stats.iterations += 1;
        if stats.iterations % REPORT_EVERY == 0 {
            report(REPORT_EVERY, search.best.value);
        }
        search.temperature = shared.start_temperature * (1.0 - stop.share_done(stats.iterations, started));
        let before = search.best.value;
        if search.step() {
            stats.accepted += 1;
            stats.improved += u64::from(search.best.value > before);
        }
    }
    report(stats.iterations % REPORT_EVERY, search.best.value);
    if !search.best.value.is_finite() {
        return (None, stats);
    }
    search.return_to_best();
    (Some(search.state), stats)
}

/// The best plan meeting every `must` demand seen so far, kept as the placements the search
/// has changed since: copying a city's plan whenever the search leaves its best for a worse
/// one would cost more than the moves.
struct Best {
    /// Its objective (−∞ before any plan meets every `must` demand).
    value: f64,
    /// The best plan's placement of each demand moved since, in the order first moved.
    since: Vec<(usize, Option<Placed>)>,
    /// Whether each demand is in `since`.
    moved: Vec<bool>,
}

impl Best {
    /// Whether the current state is the best plan.
    fn is_current(&self) -> bool {
        self.value.is_finite() && self.since.is_empty()
    }

    /// Records a kept move that took out `removed` (with their placements) and put in
    /// `inserted`.
    fn note(&mut self, removed: &[(usize, Placed)], inserted: &[usize]) {
        let before = removed.iter().map(|(d, p)| (*d, Some(p))).chain(inserted.iter().map(|&d| (d, None)));
        for (d, placed) in before {
            if !self.moved[d] {
                self.moved[d] = true;
                self.since.push((d, placed.cloned()));
            }
        }
    }

    /// Makes the current state, of objective `value`, the best plan.
    fn set_current(&mut self, value: f64) {
        for (d, _) in self.since.drain(..) {
            self.moved[d] = false;
        }
        self.value = value;
    }
}

struct Search<'a> {
    shared: &'a Shared<'a>,
    scope: Option<&'a Scope>,
    state: PlanState<'a>,
    rng: ChaCha8Rng,
    /// Weight of the hour price in choosing teams, drawn per iteration.
    price_weight: f64,
    /// Simulated-annealing temperature: a result worse by Δ is kept with probability e^(−Δ/T).
    temperature: f64,
    /// The `must` demands the current plan leaves unmet (of those the search may move), in no
    /// particular order.
    unmet_musts: Vec<usize>,
    best: Best,
}

impl<'a> Search<'a> {
    fn new(shared: &'a Shared<'a>, state: PlanState<'a>, scope: Option<&'a Scope>, seed: u64) -> Self {
        let inst = &shared.problem.instance;
        let unmet_musts: Vec<usize> = (0..inst.demands.len())
            .filter(|&d| inst.demands[d].must && state.placed[d].is_none() && scope.is_none_or(|s| s.movable(d)))
            .collect();
        let value = if unmet_musts.is_empty() { state.objective() } else { f64::NEG_INFINITY };
        let best = Best { value, since: Vec::new(), moved: vec![false; inst.demands.len()] };
        Search {
            shared,
            scope,
            best,
            unmet_musts,
            state,
            rng: ChaCha8Rng::seed_from_u64(seed),
            price_weight: 0.0,
            temperature: 0.0,
        }
    }

    fn movable(&self, d: usize) -> bool {
        self.scope.is_none_or(|s| s.movable(d))
    }

    fn owns(&self, v: usize) -> bool {
        self.scope.is_none_or(|s| s.owns(v))
    }

    /// One ruin and recreate; returns whether its result was kept.
    fn step(&mut self) -> bool {
        let problem = self.state.problem;
        let n = problem.instance.demands.len();
        if n == 0 || self.scope.is_some_and(|s| s.seeds.is_empty()) {
            return false;
        }
        let before = self.state.objective();
        self.price_weight = PRICE_WEIGHTS[self.rng.random_range(0..PRICE_WEIGHTS.len())];
        let seed = self.pick_seed(n);
        let removed = self.ruin(seed);
        let pool = self.pool(seed, &removed);
        // An unmet `must` seed goes first, into the room its ruin made (an ejection move).
        let first = self.unmet_musts.contains(&seed).then_some(seed);
        let inserted = self.recreate(pool, first);
        // Unmet `must` demands come first: fewer is always kept, more never.
        let inst = &problem.instance;
        let lost = removed.iter().filter(|(d, _)| inst.demands[*d].must && self.state.placed[*d].is_none()).count();
        let won = inserted.iter().filter(|&&d| inst.demands[d].must && self.unmet_musts.contains(&d)).count();
        let after = self.state.objective();
        let keep = won > lost
            || (won == lost
                && (after >= before - OBJECTIVE_TOLERANCE
                    || (self.temperature > 0.0
                        && self.rng.random::<f64>() < ((after - before) / self.temperature).exp())));
        if keep {
            if won > 0 || lost > 0 {
                let placed = &self.state.placed;
                self.unmet_musts.retain(|&d| placed[d].is_none());
                self.unmet_musts
                    .extend(removed.iter().map(|(d, _)| *d).filter(|&d| inst.demands[d].must && placed[d].is_none()));
            }
            let musts_met = self.unmet_musts.is_empty();
            if self.best.is_current() && after >= self.best.value - OBJECTIVE_TOLERANCE {
                self.best.value = self.best.value.max(after);
            } else if self.best.value.is_finite() {
                self.best.note(&removed, &inserted);
                if musts_met && after > self.best.value + OBJECTIVE_TOLERANCE {
                    self.best.set_current(after);
                }
            } else if musts_met {
                self.best.set_current(after);
            }
            return true;
        }
        self.undo(removed, &inserted);
        false
    }

    /// Undoes a move: takes out the `inserted` demands and puts the `removed` ones back.
    fn undo(&mut self, removed: Vec<(usize, Placed)>, inserted: &[usize]) {
        for &d in inserted {
            self.state.remove(d);
        }
        for (d, placed) in removed {
            self.state.commit(d, placed);
        }
    }

    /// Puts back the best plan's placements of the demands moved since.
    fn return_to_best(&mut self) {
        let since = std::mem::take(&mut self.best.since);
        for (d, _) in &since {
            self.state.remove(*d);
        }
        for (d, placed) in since {
            self.best.moved[d] = false;
            if let Some(placed) = placed {
                self.state.commit(d, placed);
            }
        }
    }

    /// An unmet `must` demand half the time while there are any; else half the time an unmet
    /// demand worth meeting, else a met one.
    fn pick_seed(&mut self, n: usize) -> usize {
        if !self.unmet_musts.is_empty() && self.rng.random_bool(MUST_SEED_ODDS) {
            return self.unmet_musts[self.rng.random_range(0..self.unmet_musts.len())];
        }
        let want_unmet = self.rng.random_bool(UNMET_SEED_ODDS);
        let seeds = self.scope.map(|s| &s.seeds[..]);
        let draw = |rng: &mut ChaCha8Rng| match seeds {
            Some(seeds) => seeds[rng.random_range(0..seeds.len())] as usize,
            None => rng.random_range(0..n),
        };
        let mut d = draw(&mut self.rng);
        for _ in 0..SEED_DRAWS {
            if self.shared.useful[d] && (self.state.placed[d].is_none() == want_unmet) {
                break;
            }
            d = draw(&mut self.rng);
        }
        d
    }

    /// Removes the seed and demands served by the seed's nearest candidates.
    fn ruin(&mut self, seed: usize) -> Vec<(usize, Placed)> {
        let problem = self.state.problem;
        let mut removed = Vec::new();
        if let Some(p) = self.state.remove(seed) {
            removed.push((seed, p));
        }
        let limit = self.rng.random_range(MIN_RUIN..=MAX_RUIN);
        let list = problem.candidates.of(seed);
        for &v in list.volunteers {
            if removed.len() >= limit {
                break;
            }
            if !self.owns(v as usize) {
                continue;
            }
            while let Some(e) = self.state.serving[v as usize].iter().copied().find(|&e| self.movable(e as usize)) {
                let placed = self.state.remove(e as usize).expect("served demands are placed");
                removed.push((e as usize, placed));
                if removed.len() >= limit {
                    break;
                }
            }
        }
        removed
    }

    /// The demands to re-insert: the removed ones, the seed, and unmet demands of the freed
    /// volunteers.
    fn pool(&mut self, seed: usize, removed: &[(usize, Placed)]) -> Vec<usize> {
        let problem = self.state.problem;
        let mut pool: Vec<usize> = removed.iter().map(|(d, _)| *d).collect();
        if !pool.contains(&seed) && self.shared.useful[seed] {
            pool.push(seed);
        }
        let mut added = 0;
        for (d, placed) in removed {
            let list = problem.candidates.of(*d);
            for &k in &placed.members {
                let v = list.volunteers[k] as usize;
                let around = problem.candidates.demands_of(v);
                if around.is_empty() || !self.owns(v) {
                    continue;
                }
                let offset = self.rng.random_range(0..around.len());
                for i in 0..around.len().min(NEIGHBOURS_PER_VOLUNTEER) {
                    let e = around[(offset + i) % around.len()] as usize;
                    if added < MAX_NEIGHBOURS
                        && self.shared.useful[e]
                        && self.state.placed[e].is_none()
                        && self.movable(e)
                        && !pool.contains(&e)
                    {
                        pool.push(e);
                        added += 1;
                    }
                }
            }
        }
        pool
    }

    /// Inserts the pool's demands, `first` (if any) and `must` ones first, then by value per
    /// hour with noise; returns those placed.
    fn recreate(&mut self, mut pool: Vec<usize>, first: Option<usize>) -> Vec<usize> {
        let problem = self.state.problem;
        let inst = &problem.instance;
        // Alternate the order's measure: value per person-hour packs hours, plain value favours
        // heavy demands; noise breaks ties differently each time.
        let per_hour = self.rng.random_bool(PER_HOUR_ODDS);
        let keys: Vec<(bool, f64)> = pool
            .iter()
            .map(|&d| {
                let demand = &inst.demands[d];
                let noise = self.rng.random_range(ORDER_NOISE);
                let size = if per_hour { (demand.people as f64 * demand.hours).max(MIN_PERSON_HOURS) } else { 1.0 };
                (demand.must, if first == Some(d) { f64::INFINITY } else { noise * demand.weight / size })
            })
            .collect();
        let mut order: Vec<usize> = (0..pool.len()).collect();
        order.sort_by(|&a, &b| {
            keys[b].0.cmp(&keys[a].0).then(keys[b].1.total_cmp(&keys[a].1)).then(pool[a].cmp(&pool[b]))
        });
        pool = order.into_iter().map(|i| pool[i]).collect();
        let mut inserted = Vec::new();
        for d in pool {
            if self.state.placed[d].is_some() {
                continue;
            }
            let list = problem.candidates.of(d);
            let (prices, weight) = (&self.shared.prices, self.price_weight);
            let owned = self.scope.and_then(|s| s.owned.as_ref());
            let key = |k: usize| {
                let v = list.volunteers[k] as usize;
                match owned.is_none_or(|o| o[v]) {
                    true => list.costs[k] + weight * (list.hours(k) * prices.hour[v] + prices.task[v]),
                    false => f64::INFINITY,
                }
            };
            let placement = match weight == 0.0 && owned.is_none() {
                true => self.state.best_placement(d),
                false => self.state.placement_by(d, &key),
            };
            if let Some(placed) = placement {
                if inst.demands[d].must || self.state.gain(d, placed.cost) > MIN_GAIN {
                    self.state.commit(d, placed);
                    inserted.push(d);
                }
            }
        }
        inserted
    }
}

/// Prices of volunteers' time: per hour and per task.
#[derive(Debug, Clone)]
pub struct VolunteerPrices {
    /// Per hour of each volunteer.
    pub hour: Vec<f64>,
    /// Per task of each volunteer.
    pub task: Vec<f64>,
}

/// The price of an hour of each volunteer's time when no better prices are known: the hours
/// its candidate demands ask of it per hour it has, times the mean value of an hour.
fn hour_prices(problem: &Problem, useful: &[bool]) -> Vec<f64> {
    let inst = &problem.instance;
    let mut asked = vec![0.0; inst.volunteers.len()];
    let (mut value, mut hours) = (0.0, 0.0);
    for d in (0..inst.demands.len()).filter(|&d| useful[d]) {
        let demand = &inst.demands[d];
        let list = problem.candidates.of(d);
        let share = demand.people as f64 / list.len() as f64;
        for k in 0..list.len() {
            asked[list.volunteers[k] as usize] += share * list.hours(k);
        }
        value += demand.weight;
        hours += demand.people as f64 * demand.hours;
    }
    let hour_value = if hours > 0.0 { value / hours } else { 0.0 };
    asked.iter().zip(&inst.volunteers).map(|(a, v)| hour_value * a / v.hours.max(MIN_VOLUNTEER_HOURS)).collect()
}

/// Mean weight of the demands worth meeting (the scale of one move's effect).
fn mean_weight(problem: &Problem, useful: &[bool]) -> f64 {
    let weights: Vec<f64> =
        (0..useful.len()).filter(|&d| useful[d]).map(|d| problem.instance.demands[d].weight).collect();
    weights.iter().sum::<f64>() / weights.len().max(1) as f64
}
