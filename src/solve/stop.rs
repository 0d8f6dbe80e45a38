//! When searches stop and how a solve shares out its time and work: the stopping rule of every
//! search ([`Stop`]), the seeds of a solve's searches ([`task_seed`]), the heuristic's budgets
//! for the Lagrangian bound and its searches ([`Budget`]) and the rounds of a search in blocks
//! ([`Rounds`]).
//!
//! Under an iteration limit every share is one of work (iterations, bound steps), never of
//! time, so that a plan depends only on its seed; a time limit then only cuts a search short.

use super::progress::Progress;
use std::time::{Duration, Instant};

/// Most subgradient steps of the Lagrangian bound.
const BOUND_STEPS: usize = 1000;

/// Most of the time limit kept for the bound's steps after the search (on a city month a step
/// reads 45 million pairs and takes about 0.1 s; the search gains less from that time than the
/// bound does).
const BOUND_SHARE: f64 = 0.45;

/// The bound's steps before the search may use one part in this many of its reserve (half):
/// the rest is left for the steps after it, which are aimed at the search's better plan.
const PRE_SEARCH_PARTS: u32 = 2;

/// Candidate pairs read by the bound's steps before the search (a county month: all
/// `BOUND_STEPS` steps; a city month of 45 million pairs: 44 steps, about 5 s on two cores).
const PRICE_PAIR_READS: usize = 2_000_000_000;

/// Under an iteration limit, the bound's steps after the search per step before it (a city
/// month: 220 steps in all, which its bound needs to come within 5 % of its plan).
const AFTER_STEPS: usize = 4;

/// Steps of the bound aimed at the plan of ruin and recreate before the member search, which
/// weighs its moves at the bound's prices.
const MEMBER_PRICE_STEPS: usize = 200;

/// Share of the search time given to the search over team members when every demand must be
/// met (generalised assignment problems).
const MEMBER_SHARE: f64 = 0.9;

/// Under an iteration limit, the member search runs this many times fewer iterations than ruin
/// and recreate (which keeps its whole limit, so that it can meet every `must` demand): one of
/// its iterations evaluates a few thousand moves.
const MEMBER_ITERATION_COST: u64 = 8;

/// Rounds of block searches and a search across the cut.
const ROUNDS: u64 = 5;

/// Share of each round given to the search across the cut.
const CUT_SHARE: f64 = 0.15;

/// When to stop searching, and where to report how far it got.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stop<'a> {
    /// Most iterations (deterministic work).
    pub iterations: Option<u64>,
    /// Wall-clock deadline.
    pub deadline: Option<Instant>,
    /// Where to count iterations and offer improved objectives (never read by the search).
    pub progress: Option<&'a Progress>,
}

impl<'a> Stop<'a> {
    /// The share of the search done, in [0, 1]: by iterations when they bound it, else by time.
    pub(super) fn share_done(&self, iteration: u64, started: Instant) -> f64 {
        match (self.iterations, self.deadline) {
            (Some(n), _) => iteration as f64 / n.max(1) as f64,
            (None, Some(deadline)) => {
                let total = deadline.saturating_duration_since(started).as_secs_f64();
                let done = started.elapsed().as_secs_f64();
                if total + done > 0.0 {
                    (done / (total.max(done))).min(1.0)
                } else {
                    1.0
                }
            }
            (None, None) => 0.0,
        }
    }

    /// Whether a search that has run `iteration` iterations stops: at the iteration limit, or
    /// past the deadline, which is read every `clock_every` iterations (a search whose
    /// iterations take microseconds reads the clock less often than it iterates).
    pub(super) fn reached(&self, iteration: u64, clock_every: u64) -> bool {
        self.iterations.is_some_and(|n| iteration >= n)
            || (iteration.is_multiple_of(clock_every) && self.deadline.is_some_and(|t| Instant::now() >= t))
    }

    /// The same stop for one search doing the work of `searches` searches.
    pub(super) fn times(self, searches: u64) -> Self {
        Stop { iterations: self.iterations.map(|n| n * searches), ..self }
    }

    /// The stops of ruin and recreate and of the search over members that follows it, from
    /// `now`, when every demand must be met. Which demands are met is then settled and only who
    /// serves them is left to choose, so the member search gets `MEMBER_SHARE` of the time left
    /// (it runs until this stop's deadline); under an iteration limit ruin and recreate keeps
    /// the whole limit and the member search gets `MEMBER_ITERATION_COST` times fewer.
    pub(super) fn member_phases(self, now: Instant) -> (Self, Self) {
        let end = self.deadline.unwrap_or(now);
        let ruin_share = 1.0 - MEMBER_SHARE;
        let search = Stop { deadline: Some(now + end.saturating_duration_since(now).mul_f64(ruin_share)), ..self };
        let members = Stop { iterations: self.iterations.map(|n| n / MEMBER_ITERATION_COST), ..self };
        (search, members)
    }
}

/// The seed of search `index` of a solve seeded with `seed` (SplitMix64 of both): searches of
/// one solve draw independent streams, and the same ones whatever thread runs them.
pub(super) fn task_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed.wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How the heuristic shares a solve between the Lagrangian bound and its searches.
///
/// The bound's first step, aimed at the greedy plan, tells how long its steps take; the search
/// leaves them that time for `BOUND_STEPS` steps (the reserve, at most `BOUND_SHARE` of the
/// limit). Part of the bound's work is done before the search, whose teams are then chosen at
/// the bound's prices of volunteers' time (county months: 1.5-2 % better plans than the
/// search's own estimate of those prices): by time, `1 / PRE_SEARCH_PARTS` of the reserve; by
/// work, when the search is bounded by iterations, `PRICE_PAIR_READS` pair reads, since its
/// plan must not depend on the machine. The steps after the search get the reserve.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    /// When the solve started.
    started: Instant,
    /// The solve's time limit.
    limit: Duration,
    /// The searches' iteration limit, if any.
    iterations: Option<u64>,
    /// Time kept for the bound's steps after the search.
    reserve: Duration,
    /// The bound's steps before the search, by work.
    work_steps: usize,
}

impl Budget {
    /// Steps of the bound whose time [`Budget::new`] is given (the first one).
    pub(super) const MEASURED_STEPS: usize = 1;

    /// The budget of a solve started at `started` with time limit `limit` and iteration limit
    /// `iterations`, whose bound's first step took `step` over a month of `pairs` candidate
    /// pairs.
    pub(super) fn new(
        started: Instant,
        limit: Duration,
        iterations: Option<u64>,
        step: Duration,
        pairs: usize,
    ) -> Self {
        let reserve = (step * BOUND_STEPS as u32).min(limit.mul_f64(BOUND_SHARE));
        let work_steps = (PRICE_PAIR_READS / pairs.max(1)).clamp(1, BOUND_STEPS);
        Budget { started, limit, iterations, reserve, work_steps }
    }

    /// The end of the solve.
    pub(super) fn deadline(&self) -> Instant {
        self.started + self.limit
    }

    /// The bound's steps before the search and their deadline (by time only; `None` under an
    /// iteration limit).
    pub(super) fn before_search(&self) -> (usize, Option<Instant>) {
        (self.work_steps, self.iterations.is_none().then(|| self.started + self.reserve / PRE_SEARCH_PARTS))
    }

    /// The stop of the searches: the iteration limit, and the deadline less the reserve.
    pub(super) fn search<'a>(&self, progress: Option<&'a Progress>) -> Stop<'a> {
        let deadline = self.deadline();
        Stop {
            iterations: self.iterations,
            deadline: Some(deadline.checked_sub(self.reserve).unwrap_or(deadline)),
            progress,
        }
    }

    /// The bound's steps aimed at the plan of ruin and recreate before the member search.
    pub(super) fn member_price_steps(&self) -> usize {
        self.work_steps.min(MEMBER_PRICE_STEPS)
    }

    /// The bound's steps after a search that ended at `now`, and their deadline: under an
    /// iteration limit, `AFTER_STEPS` times as many steps as before it (the same bound whatever
    /// the thread count, unless the time limit comes first); else the reserve.
    pub(super) fn after_search(&self, now: Instant) -> (usize, Instant) {
        let deadline = self.deadline();
        match self.iterations {
            Some(_) => ((self.work_steps * AFTER_STEPS).min(BOUND_STEPS), deadline),
            None => (BOUND_STEPS, deadline.min(now + self.reserve)),
        }
    }
}

/// How a search in blocks shares its stop between rounds, and each round between the block
/// searches and the search across the cut.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rounds {
    /// Rounds in all: `ROUNDS`, or fewer when there are fewer iterations.
    count: u64,
    /// Share of each round given to the search across the cut (none when nothing joins the
    /// blocks).
    cut_share: f64,
    /// Threads the block searches run on side by side.
    threads: f64,
}

/// One round's part of a [`Rounds`] stop.
#[derive(Debug, Clone, Copy)]
pub(super) struct Round<'a> {
    /// The whole search's stop.
    stop: Stop<'a>,
    /// The round's time, when the search has a deadline.
    time: Option<Duration>,
    /// The round's iterations, when the search has an iteration limit.
    work: Option<u64>,
    /// See [`Rounds::cut_share`].
    cut_share: f64,
    /// See [`Rounds::threads`].
    threads: f64,
}

impl Rounds {
    /// The rounds of a search bounded by `stop` over blocks searched on `threads` threads,
    /// with a search across the cut when `cut` (blocks that nothing joins need none).
    pub(super) fn new(stop: &Stop<'_>, cut: bool, threads: usize) -> Self {
        Rounds {
            count: ROUNDS.min(stop.iterations.unwrap_or(ROUNDS)).max(1),
            cut_share: if cut { CUT_SHARE } else { 0.0 },
            threads: threads as f64,
        }
    }

    /// Rounds in all.
    pub(super) fn count(&self) -> u64 {
        self.count
    }

    /// Whether each round ends with a search across the cut.
    pub(super) fn has_cut(&self) -> bool {
        self.cut_share > 0.0
    }

    /// Round `round` of a search bounded by `stop`, starting now: an equal part of the time
    /// left and of the iterations; `None` once the deadline has passed.
    pub(super) fn round<'a>(&self, stop: Stop<'a>, round: u64) -> Option<Round<'a>> {
        self.round_at(stop, round, Instant::now())
    }

    /// Round `round` of a search bounded by `stop`, starting at `now`.
    fn round_at<'a>(&self, stop: Stop<'a>, round: u64, now: Instant) -> Option<Round<'a>> {
        let left = stop.deadline.map(|t| t.saturating_duration_since(now));
        if left.is_some_and(|t| t.is_zero()) {
            return None;
        }
        Some(Round {
            stop,
            time: left.map(|t| t / (self.count - round) as u32),
            work: stop.iterations.map(|n| n / self.count),
            cut_share: self.cut_share,
            threads: self.threads,
        })
    }
}

impl<'a> Round<'a> {
    /// The stop of the search of a block holding `part` of the blocks' demands, starting now:
    /// the block searches share the round less the cut's share in proportion to their demands,
    /// the time on all threads (at least one iteration each).
    pub(super) fn block(&self, part: f64) -> Stop<'a> {
        Stop {
            iterations: self.work.map(|n| ((n as f64 * (1.0 - self.cut_share) * part) as u64).max(1)),
            deadline: within(self.stop.deadline, self.block_time(part)),
            ..self.stop
        }
    }

    /// The stop of the search across the cut, starting now: the cut's share of the round.
    pub(super) fn cut(&self) -> Stop<'a> {
        Stop {
            iterations: self.work.map(|n| ((n as f64 * self.cut_share) as u64).max(1)),
            deadline: within(self.stop.deadline, self.cut_time()),
            ..self.stop
        }
    }

    /// The time of the search of a block holding `part` of the blocks' demands.
    fn block_time(&self, part: f64) -> Option<Duration> {
        self.time.map(|t| t.mul_f64((1.0 - self.cut_share) * self.threads * part))
    }

    /// The time of the search across the cut.
    fn cut_time(&self) -> Option<Duration> {
        self.time.map(|t| t.mul_f64(self.cut_share))
    }
}

/// The deadline `time` from now, but not past `deadline`.
fn within(deadline: Option<Instant>, time: Option<Duration>) -> Option<Instant> {
    let own = time.map(|t| Instant::now() + t);
    match (deadline, own) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Limits, bound-step times and pair counts from a GAP to beyond a city month.
    const LIMITS: [u64; 4] = [100, 1_000, 10_000, 60_000];
    const STEPS: [u64; 5] = [0, 1, 7, 100, 5_000];
    const PAIRS: [usize; 5] = [0, 2_000, 44_377, 44_676_777, 5_000_000_000];

    /// Every combination of `LIMITS`, `STEPS` and `PAIRS`, with the pair count.
    fn budgets(iterations: Option<u64>) -> impl Iterator<Item = (Duration, usize, Budget)> {
        let started = Instant::now();
        LIMITS.into_iter().flat_map(move |limit| {
            STEPS.into_iter().flat_map(move |step| {
                PAIRS.into_iter().map(move |pairs| {
                    let limit = Duration::from_millis(limit);
                    (limit, pairs, Budget::new(started, limit, iterations, Duration::from_millis(step), pairs))
                })
            })
        })
    }

    #[test]
    fn by_time_the_search_and_the_bound_share_the_limit() {
        for (limit, _, budget) in budgets(None) {
            let deadline = budget.deadline();
            assert_eq!(deadline, budget.started + limit);
            let search = budget.search(None).deadline.expect("a time limit gives the search a deadline");
            // The search and the reserve kept for the bound add up to the limit.
            assert_eq!(search + budget.reserve, deadline);
            assert!(budget.reserve <= limit.mul_f64(BOUND_SHARE));
            // The bound's steps before the search end before the search must.
            let (before, until) = budget.before_search();
            let until = until.expect("by time the steps before the search have a deadline");
            assert!(before >= 1 && until <= search && until >= budget.started);
            // The steps after the search have at most the reserve, and end by the limit.
            let (after, end) = budget.after_search(search);
            assert!(after >= before && end <= deadline && end - search <= budget.reserve);
            // A search that overran its deadline leaves the bound no time past the limit.
            assert_eq!(budget.after_search(deadline).1, deadline);
        }
    }

    #[test]
    fn by_work_the_bound_steps_depend_on_the_month_alone() {
        let steps = |budget: &Budget| {
            (budget.before_search().0, budget.member_price_steps(), budget.after_search(budget.started).0)
        };
        let all: Vec<(Duration, usize, Budget)> = budgets(Some(2_000)).collect();
        let mut by_pairs = Vec::new();
        for &pairs in &PAIRS {
            let mut of_month = all.iter().filter(|(_, p, _)| *p == pairs).map(|(_, _, b)| b);
            let first = of_month.next().expect("every pair count has budgets");
            let (before, member, after) = steps(first);
            assert!(before >= 1 && member >= 1 && member <= before && after >= before);
            // The same steps whatever the limit and the bound's first step took.
            assert!(of_month.all(|b| steps(b) == (before, member, after) && b.before_search().1.is_none()));
            by_pairs.push(before);
        }
        // More pairs, fewer steps before the search (each step reads every pair).
        assert!(by_pairs.windows(2).all(|w| w[0] >= w[1]) && by_pairs[0] > by_pairs[PAIRS.len() - 1]);
        assert!(all.iter().all(|(_, _, b)| b.search(None).iterations == Some(2_000)));
    }

    #[test]
    fn member_phases_split_the_time_left_and_the_work() {
        let now = Instant::now();
        for seconds in [0, 1, 9, 60] {
            for iterations in [None, Some(0), Some(7), Some(8), Some(20_001)] {
                let end = now + Duration::from_secs(seconds);
                let stop = Stop { iterations, deadline: Some(end), progress: None };
                let (search, members) = stop.member_phases(now);
                let search_end = search.deadline.expect("ruin and recreate keeps a deadline");
                // Ruin and recreate ends first; the member search runs to the end.
                assert!(now <= search_end && search_end <= end);
                assert!(search_end - now <= end - search_end || seconds == 0);
                assert_eq!(members.deadline, Some(end));
                // Ruin and recreate keeps the whole limit; the members' iterations fit in it.
                assert_eq!(search.iterations, iterations);
                let (n, m) = (iterations.unwrap_or(0), members.iterations.unwrap_or(0));
                assert!(m <= n && (m + 1) * MEMBER_ITERATION_COST > n);
            }
        }
    }

    #[test]
    fn rounds_share_the_work_and_time_between_blocks_and_the_cut() {
        let parts = [0.5, 0.3, 0.15, 0.05];
        for iterations in [1, 3, 5, 7, 1_000, 12_345] {
            for cut in [false, true] {
                let stop = Stop { iterations: Some(iterations), deadline: None, progress: None };
                let rounds = Rounds::new(&stop, cut, 2);
                assert!(rounds.count() >= 1 && rounds.count() <= iterations && rounds.has_cut() == cut);
                let mut total = 0;
                for r in 0..rounds.count() {
                    let round = rounds.round(stop, r).expect("no deadline to pass");
                    let work = round.work.expect("an iteration limit gives each round work");
                    let blocks: u64 = parts.iter().map(|&p| round.block(p).iterations.expect("work")).sum();
                    let cut_work = if cut { round.cut().iterations.expect("work") } else { 0 };
                    // At most the round's work, each search taking at least one iteration.
                    assert!(blocks + cut_work <= work + parts.len() as u64 + 1);
                    assert!(blocks + cut_work + parts.len() as u64 + 1 >= work);
                    total += work;
                }
                assert!(total <= iterations && total + rounds.count() >= iterations);
            }
        }
    }

    #[test]
    fn rounds_take_equal_parts_of_the_time_left_and_stop_at_the_deadline() {
        let parts = [0.5, 0.3, 0.15, 0.05];
        let start = Instant::now();
        let limit = Duration::from_millis(2_400);
        let stop = Stop { iterations: None, deadline: Some(start + limit), progress: None };
        for threads in [1, 2, 8] {
            let rounds = Rounds::new(&stop, true, threads);
            let mut now = start;
            for r in 0..rounds.count() {
                let round = rounds.round_at(stop, r, now).expect("time is left");
                let time = round.time.expect("a deadline gives each round time");
                // Side by side on the threads, the blocks and then the cut fill the round.
                let on_threads: Duration =
                    parts.iter().map(|&p| round.block_time(p).expect("time") / threads as u32).sum();
                let used = on_threads + round.cut_time().expect("time");
                assert!(used <= time + Duration::from_micros(1) && time <= used + Duration::from_micros(1));
                assert_eq!(round.block(1.0).iterations, None);
                assert!(round.block(1.0).deadline <= stop.deadline && round.cut().deadline <= stop.deadline);
                now += time;
            }
            // Rounds that use their time end at the deadline, and none starts past it.
            assert!(now <= start + limit && start + limit - now <= Duration::from_micros(1));
            assert!(rounds.round_at(stop, rounds.count() - 1, start + limit).is_none());
        }
    }
}
