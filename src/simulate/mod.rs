//! A simulated year: month after month of one place's lists, planned, checked, committed to
//! the ledger and recorded, with the figures that show what the history policies change
//! (docs/SIMULATE.md).
//!
//! | module | what it does |
//! |---|---|
//! | [`lists`] | each month's own lists: the same layout, members leaving and joining, recurring and fresh demands |
//! | [`policies`] | the history policies a month is planned with, and their defaults |
//! | [`happened`] | what happened to a plan: done, not done, no-shows |
//! | [`tally`] | the month's figures and the year's running totals |
//! | [`metrics`] | the Gini coefficient, coverage shares and the row of the year table |
//! | [`table`] | the year table as CSV |
//!
//! Every draw comes from ChaCha8 streams of the seed, and the heuristic runs under an
//! iteration limit, so the same options give the same year, whatever the thread count.

pub mod happened;
pub mod lists;
pub mod metrics;
pub mod policies;
pub mod table;
pub mod tally;

use crate::format::{write_instance, write_solution};
use crate::ledger::commit::check_plan;
use crate::ledger::{Ledger, LedgerError, Month};
use crate::problem::Problem;
use crate::report::solution_spec;
use crate::solve::{Heuristic, Solver};
use lists::{Lists, Place};
use metrics::MonthRow;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tally::Tally;

/// Months of region history the effective instance carries (the ledger's default).
pub const WINDOW: u32 = crate::ledger::effective::DEFAULT_WINDOW;

/// Search iterations per demand of the month when `--iterations` is not given.
pub const ITERATIONS_PER_DEMAND: u64 = 50;

/// Added to the seed for the simulation's own draws, so that they never share a stream with
/// the generator's (which seeds with the seed itself).
const DRAWS_KEY: u64 = 0x5349_4d55_4c41_5445;

/// What to simulate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The place and how its lists change.
    pub place: Place,
    /// How many months.
    pub months: u32,
    /// The first month.
    pub start: Month,
    /// Whether months are planned with the history policies.
    pub history: bool,
    /// Search iterations per month; [`ITERATIONS_PER_DEMAND`] × the month's demands when absent.
    pub iterations: Option<u64>,
    /// The ledger file to create.
    pub ledger: PathBuf,
    /// A folder to write each month's effective instance (`YYYY-MM.json`) and plan
    /// (`YYYY-MM.plan.json`) into, for `check`, `report` or `export`.
    pub plans: Option<PathBuf>,
}

/// Wall time of each phase of a month, and the ledger's size after it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Drawing the month's own lists.
    pub lists: Duration,
    /// The effective instance from the ledger, with the policies set.
    pub month: Duration,
    /// Validating and compiling it, candidates included.
    pub compile: Duration,
    /// The heuristic search.
    pub solve: Duration,
    /// The checker and the ledger's commit.
    pub commit: Duration,
    /// Drawing and recording the outcomes.
    pub record: Duration,
    /// Search iterations the month was given.
    pub iterations: u64,
    /// The ledger file's size in bytes after the month.
    pub ledger_bytes: u64,
}

/// Why a simulation stopped.
#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    /// The ledger refused or failed.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The ledger file exists already.
    #[error("{}: already exists; a simulated year starts a new ledger (remove the file or choose another --ledger)", .0.display())]
    LedgerExists(PathBuf),
    /// A month's effective instance is not valid (a fault of the simulation, reported in full).
    #[error("the effective instance of {month} is not valid:\n{issues}")]
    Invalid {
        /// The month.
        month: String,
        /// Its problems, one a line.
        issues: String,
    },
    /// The heuristic found no plan for a month.
    #[error("no plan was found for {0}")]
    NoPlan(String),
    /// A month's instance or plan could not be written.
    #[error("{}: cannot write: {source}", file.display())]
    Write {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The simulation's stream `stream` of `seed`.
fn draws(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(DRAWS_KEY));
    rng.set_stream(stream);
    rng
}

/// Simulates `options.months` months into a new ledger, calling `each` after every month
/// with its row and timings; returns the rows.
pub fn simulate(options: &Options, mut each: impl FnMut(&MonthRow, &Timings)) -> Result<Vec<MonthRow>, SimulateError> {
    if options.ledger.exists() {
        return Err(SimulateError::LedgerExists(options.ledger.clone()));
    }
    let mut ledger = Ledger::create_or_open(&options.ledger)?;
    let mut lists = Lists::new(options.place, &mut draws(options.place.seed, 0));
    let mut tally = Tally::new(lists.layout());
    let mut rows = Vec::new();
    for k in 0..options.months {
        let month = options.start.plus(k as i32);
        let (row, timings) = simulate_month(options, &mut ledger, &mut lists, &mut tally, k, month)?;
        each(&row, &timings);
        rows.push(row);
    }
    Ok(rows)
}

/// Simulates month number `k`, `month`.
fn simulate_month(
    options: &Options,
    ledger: &mut Ledger,
    lists: &mut Lists,
    tally: &mut Tally,
    k: u32,
    month: Month,
) -> Result<(MonthRow, Timings), SimulateError> {
    let seed = options.place.seed;
    let month_text = month.to_string();
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut lap = || {
        let phase = clock.elapsed();
        clock = Instant::now();
        phase
    };
    let name = format!("{}-simulated-{month_text}-seed{seed}", options.place.preset);
    let own = lists.month(k, &month_text, name.clone(), &mut draws(seed, 1 + 2 * u64::from(k)));
    timings.lists = lap();

    let mut effective = ledger.effective(month, own, WINDOW)?;
    if let (Some(floor), Some(fairness)) = (options.place.min_coverage, effective.spec.policy.fairness.as_mut()) {
        fairness.min_coverage = Some(floor);
    }
    if options.history {
        policies::with_history(&mut effective.spec, month);
    } else {
        policies::without_history(&mut effective.spec);
    }
    timings.month = lap();

    let problem = Problem::from_spec(&effective.spec, &name).map_err(|issues| SimulateError::Invalid {
        month: month_text.clone(),
        issues: issues.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"),
    })?;
    timings.compile = lap();

    timings.iterations =
        options.iterations.unwrap_or(ITERATIONS_PER_DEMAND * problem.instance.demands.len().max(1) as u64);
    // The iteration limit ends the search; the time limit only guards against a runaway.
    let heuristic =
        Heuristic::new(Duration::from_secs(24 * 3600)).with_seed(seed).with_iterations(Some(timings.iterations));
    let result = heuristic.solve(&problem);
    if result.objective.is_none() {
        return Err(SimulateError::NoPlan(month_text));
    }
    let mut solution = solution_spec(&problem, &result);
    solution.seed = Some(seed);
    timings.solve = lap();

    let plan_name = format!("the simulated plan of {month_text}");
    let (instance, names) = (&problem.instance, &problem.names);
    let checked = check_plan((&effective.spec, instance, names), Path::new(&plan_name), &solution)?;
    ledger.commit(month, &effective.spec, (instance, names), checked, false)?;
    timings.commit = lap();
    if let Some(dir) = &options.plans {
        let write =
            |file: PathBuf, result: std::io::Result<()>| result.map_err(|source| SimulateError::Write { file, source });
        let instance = dir.join(format!("{month_text}.json"));
        write(instance.clone(), write_instance(&instance, &effective.spec))?;
        let plan = dir.join(format!("{month_text}.plan.json"));
        write(plan.clone(), write_solution(&plan, &solution))?;
        // Writing the files is no phase of the month.
        lap();
    }

    let planned = tally::planned_hours(&problem);
    let outcomes = happened::draw_outcomes(&solution, &month_text, planned, &mut draws(seed, 2 + 2 * u64::from(k)));
    let outcome_name = format!("simulated outcomes of {month_text}");
    ledger.record(month, Path::new(&outcome_name), &outcomes)?;
    timings.record = lap();

    timings.ledger_bytes = std::fs::metadata(&options.ledger).map(|m| m.len()).unwrap_or(0);
    let row = tally.month(&month_text, &effective, &solution, &outcomes, &lists.members);
    Ok((row, timings))
}
