//! `replan`: a dispatched plan, the month's changes, a new plan that keeps what it can.

use super::progress_bar::{Bar, Budget};
use civic_match::format::{
    compile_read, load_solution, read_instance, write_atomically, write_instance, write_solution, FormatError,
};
use civic_match::replan::{apply, changes_error, diff_csv, read_changes, replan, ReplanError};
use civic_match::report::summarize;
use civic_match::report::would_take::{attach_would_take, would_take_figures};
use civic_match::solve::{Heuristic, Progress, Solver};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Demands per second of the default time limit.
const DEMANDS_PER_SECOND: f64 = 12_000.0;

/// Share of the time limit kept for writing the plan and its files.
const WRITE_SHARE: f64 = 0.1;

/// Seconds kept per demand for the solution file's reasons and diff after the search (about
/// 1 s for a city month of 120,000 demands on two cores).
const FINISH_PER_DEMAND: f64 = 10e-6;

/// Seconds kept per demand for what it would take to meet the unmet ones (about 1.5 s for a
/// city month on two cores), unless `--no-would-take`.
const WOULD_TAKE_PER_DEMAND: f64 = 12e-6;

/// The least share of the time limit the search gets, however long reading took.
const MIN_SEARCH_SHARE: f64 = 0.05;

/// Arguments of `replan`.
#[derive(Debug, Args)]
pub struct ReplanArgs {
    /// The month's instance as the plan was built for it (JSON, workbook or CSV folder).
    pub instance: PathBuf,
    /// The dispatched plan (a civic-match-solution/1 file of INSTANCE).
    pub plan: PathBuf,
    /// What happened since: a civic-match-changes/1 JSON file, or the `变动 changes` sheet as a
    /// `.csv` file or a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
    #[arg(long)]
    pub changes: PathBuf,
    /// Where to write the new plan, with its `changes` section.
    #[arg(long)]
    pub out: PathBuf,
    /// How many assignments the changes did not touch may move as well [default: 0: every
    /// untouched assignment is kept].
    #[arg(long, default_value_t = 0)]
    pub max_changes: usize,
    /// Where to write the effective instance (INSTANCE with the changes applied), against which
    /// `civic-match check` verifies the new plan.
    #[arg(long, value_name = "PATH")]
    pub instance_out: Option<PathBuf>,
    /// Where to write the coordinator's list of changes as CSV (who is newly asked, who is
    /// released, which demands are newly met or lost).
    #[arg(long, value_name = "PATH")]
    pub diff: Option<PathBuf>,
    /// Time limit of the whole run in seconds, reading and writing included [default: 1 per
    /// 12,000 demands, at least 1: a county or town month 1 s, a city month 10 s].
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Bound the search by iterations instead (deterministic: the same seed gives the same plan).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Seed of the search.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Leave out what it would take to meet each unmet demand (`would_take` of the
    /// `unassigned` entries).
    #[arg(long)]
    pub no_would_take: bool,
}

/// Runs `replan`.
pub fn run(args: ReplanArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (spec, form) = read_instance(&args.instance)?;
    let old = load_solution(&args.plan)?;
    let (changes, places) = read_changes(&args.changes, &spec)?;
    if let Some(err) = changes_error(&args.changes, &spec, &changes, places.as_ref()) {
        return Err(err.into());
    }
    let mut effective = apply(&spec, &changes);
    if effective.name.is_none() {
        effective.name = Some(super::input::stem(&args.instance));
    }
    let read = started.elapsed().as_secs_f64();
    let (instance, names) = compile_read(&args.instance, &effective, &form)?;
    if old.instance != names.instance {
        eprintln!("warning: the plan is for instance {:?}, the file is {:?}", old.instance, names.instance);
    }
    let loaded = started.elapsed().as_secs_f64();
    let demands = instance.demands.len();
    let total = args.time_limit.unwrap_or((demands as f64 / DEMANDS_PER_SECOND).max(1.0));
    anyhow::ensure!(total.is_finite() && total > 0.0, "--time-limit must be a positive number of seconds");
    // Each search ends by the deadline, which leaves time for the solution file and writing; with
    // --max-changes there are three searches (pinned, from scratch, with the chosen assignments
    // free), each given a third of what is left now.
    let per_demand = FINISH_PER_DEMAND + if args.no_would_take { 0.0 } else { WOULD_TAKE_PER_DEMAND };
    let reserve = total * WRITE_SHARE + demands as f64 * per_demand;
    let deadline = started + Duration::from_secs_f64((total - reserve).max(0.0));
    let searches = if args.max_changes > 0 { 3.0 } else { 1.0 };
    let least = Duration::from_secs_f64(MIN_SEARCH_SHARE * total);
    let time_limit =
        Duration::from_secs_f64(deadline.saturating_duration_since(Instant::now()).as_secs_f64() / searches).max(least);
    let progress = Arc::new(Progress::new());
    let heuristic = Heuristic::new(time_limit)
        .with_deadline(deadline, least)
        .with_seed(args.seed)
        .with_iterations(args.iterations)
        .with_progress(progress.clone());
    let budget = match args.iterations {
        Some(n) => Budget::Iterations(n * Heuristic::SEARCHES),
        None => Budget::Time(time_limit),
    };
    let bar = Bar::start(progress, budget);
    let replanned =
        replan(instance, names, &old, args.max_changes, &heuristic as &dyn Solver).map_err(|err| match err {
            ReplanError::Plan(issues) => FormatError::Invalid { file: args.plan.clone(), issues }.into(),
            ReplanError::Month(issues) => {
                anyhow::Error::from(FormatError::Invalid { file: args.instance.clone(), issues })
                    .context(format!("the instance with the changes of {} applied", args.changes.display()))
            }
        })?;
    drop(bar);
    let searched = started.elapsed().as_secs_f64();
    let mut solution = replanned.solution;
    solution.seed = Some(args.seed);
    let would_take = (!args.no_would_take).then(|| {
        let started = Instant::now();
        attach_would_take(&replanned.problem, &replanned.result.plan, &mut solution);
        started.elapsed().as_secs_f64()
    });
    solution.seconds = Some(started.elapsed().as_secs_f64());
    if let Some(path) = &args.instance_out {
        write_instance(path, &effective).map_err(super::cannot_write(path))?;
    }
    if let Some(path) = &args.diff {
        let changes = solution.changes.as_ref().expect("a re-plan has changes");
        write_atomically(path, &diff_csv(changes, &solution)).map_err(super::cannot_write(path))?;
    }
    write_solution(&args.out, &solution).map_err(super::cannot_write(&args.out))?;
    say!("{}", summarize(&replanned.problem, &replanned.result));
    if let (Some(seconds), Some(figures)) = (would_take, would_take_figures(&solution)) {
        say!("{figures}");
        say!("would-take  {seconds:.3} s");
    }
    let c = solution.changes.as_ref().expect("a re-plan has changes");
    say!(
        "changes     {} kept, {} touched ({} displaced for must demands), {} untouched moved (of at most {}); {} asked, {} released, {} newly met, {} lost",
        c.kept,
        c.touched,
        c.displaced.len(),
        c.moved,
        c.max_changes,
        c.asked.len(),
        c.released.len(),
        c.newly_met.len(),
        c.lost.len()
    );
    if let (Some(scratch), Some(pinned), Some(now)) =
        (replanned.from_scratch, replanned.pinned_objective, replanned.result.objective)
    {
        say!("objective   {now} (with none moved {pinned}; from scratch {scratch})");
    }
    let total = started.elapsed().as_secs_f64();
    say!(
        "time        {total:.3} s (read {read:.3} s, load {:.3} s, keep and search {:.3} s, write {:.3} s)",
        loaded - read,
        searched - loaded,
        total - searched
    );
    for path in [&args.instance_out, &args.diff].into_iter().flatten() {
        say!("wrote       {}", path.display());
    }
    say!("wrote       {}", args.out.display());
    let code = match replanned.result.objective {
        Some(_) => ExitCode::SUCCESS,
        None => {
            eprintln!("no feasible plan keeping the untouched assignments: see the reasons in {}", args.out.display());
            ExitCode::FAILURE
        }
    };
    // Everything is written: the process ends without freeing a city month piece by piece
    // (about 0.4 s of a coordinator's wait).
    std::mem::forget((replanned.problem, replanned.result, solution, spec, effective, old));
    Ok(code)
}
