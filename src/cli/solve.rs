//! `solve`: load, solve, write the solution file (and, when asked, the project-list workbook or
//! CSV folder beside it) atomically, print the summary.

use super::export::render;
use super::input::{InputArgs, InputFormat};
use super::progress_bar::{Bar, Budget};
use civic_match::format::{gap_value, write_solution, GapSense, Status};
use civic_match::problem::Problem;
use civic_match::report::project_list::{list_path, Labels, ListForm};
use civic_match::report::would_take::{attach_would_take, would_take_figures};
use civic_match::report::{solution_spec, summarize};
use civic_match::solve::{
    provable, Exact, FirstComeFirstServed, Greedy, Heuristic, NearestFirst, Progress, Random, Solver,
};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Time limit when none is given.
const DEFAULT_TIME_LIMIT: f64 = 60.0;

/// Search iterations per demand when neither a time limit nor iterations are given: the
/// search then ends by deterministic work (same seed, same plan), about 10 s on a county
/// month on two cores; the default time limit caps it on a city.
const DEFAULT_ITERATIONS_PER_DEMAND: u64 = 200;

/// Seconds kept per demand for writing the solution file and its reasons (a city month of
/// 120,000 demands: about one second).
const WRITE_SECONDS_PER_DEMAND: f64 = 1e-5;

/// The least share of `--time-limit` left to the solver, however long reading took.
const MIN_SOLVE_SHARE: f64 = 0.05;

/// Most candidate pairs the exact solver accepts: each becomes at least one column, and a
/// model builder holds several hundred bytes per column.
const EXACT_MAX_PAIRS: usize = 1_000_000;

/// Limits and seeds shared by every solver choice.
pub struct Settings {
    /// Time limit in seconds.
    pub time_limit: f64,
    /// Seed of the search.
    pub seed: u64,
    /// Iteration limit of the search.
    pub iterations: Option<u64>,
    /// Relative gap for the exact solver.
    pub gap: f64,
    /// Where the heuristic search reports how far it got.
    pub progress: Option<Arc<Progress>>,
}

/// The solver `name` stands for on `problem`: `auto` decides by the problem's size.
pub fn resolve(name: SolverName, problem: &Problem) -> SolverName {
    match name {
        SolverName::Auto if provable(problem) => SolverName::Exact,
        SolverName::Auto => SolverName::Heuristic,
        other => other,
    }
}

/// The solver `name` stands for on `problem`.
pub fn make_solver(name: SolverName, problem: &Problem, settings: &Settings) -> Box<dyn Solver> {
    let limit = Duration::from_secs_f64(settings.time_limit);
    match resolve(name, problem) {
        SolverName::Greedy | SolverName::Auto => Box::new(Greedy),
        SolverName::Heuristic => {
            let heuristic = Heuristic::new(limit).with_seed(settings.seed).with_iterations(settings.iterations);
            Box::new(match &settings.progress {
                Some(progress) => heuristic.with_progress(progress.clone()),
                None => heuristic,
            })
        }
        SolverName::Exact => Box::new(Exact::new(limit).with_gap(settings.gap).with_seed(settings.seed)),
        SolverName::NearestFirst => Box::new(NearestFirst),
        SolverName::FirstComeFirstServed => Box::new(FirstComeFirstServed),
        SolverName::Random => Box::new(Random::new(settings.seed)),
    }
}

/// The solvers `--solver` offers.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SolverName {
    /// Deterministic baseline: `must` demands first, then value per scarce capacity; cheapest
    /// team and slot for each.
    Greedy,
    /// The greedy plan improved by large neighbourhood search until --time-limit or
    /// --iterations.
    Heuristic,
    /// The integer program, split into independent components, started from the heuristic
    /// plan; proves optimality or reports the gap to its bound at the time limit.
    Exact,
    /// exact for months small enough for the compiled-in MIP backend to prove quickly
    /// (microlp: at most 200 candidate pairs; HiGHS: 5,000), else heuristic.
    Auto,
    /// Hand rule 就近派单, for comparison: demands in list order (`must` first), each served
    /// whenever feasible by the team walking the fewest km, in the slot where that total is least.
    NearestFirst,
    /// Hand rule 先到先得, for comparison: demands in list order (`must` first), each served
    /// whenever feasible by the first-registered free members (lowest roster positions).
    FirstComeFirstServed,
    /// Hand rule, for comparison: demands in a random order (`must` first), each served
    /// whenever feasible by a random team; the same --seed gives the same plan.
    Random,
}

/// Arguments of `solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The instance.
    #[command(flatten)]
    pub input: InputArgs,
    /// Which solver builds the plan.
    #[arg(long, value_enum, default_value_t = SolverName::Auto)]
    pub solver: SolverName,
    /// Where to write the plan: a civic-match-solution/1 `.json` file, or the project list
    /// (项目清单) as an `.xlsx` workbook or a CSV folder (a path ending in `/`, a name ending
    /// in `.csv` or an existing folder), with the JSON plan beside it (same stem, `.json`)
    /// [default: INSTANCE's name with .solution.json, in the current folder].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// With a project-list --out: where to write the JSON plan instead of beside the list.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// Seed of the heuristic search and of the random rule (the greedy solver and the other
    /// hand rules are deterministic and need none).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Time limit in seconds of the whole run, reading the instance and writing the plan
    /// included, for solvers that search (the greedy solver finishes on its own) [default: 60;
    /// the heuristic then stops earlier, after 200 iterations per demand, unless --iterations
    /// is given].
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Bound the search by iterations (deterministic work: the same seed gives the same plan,
    /// whatever --threads is).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Relative gap at which the exact solver may stop (0 proves optimality).
    #[arg(long, default_value_t = 0.0)]
    pub gap: f64,
    /// Worker threads [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Leave out what it would take to meet each unmet demand (`would_take` of the
    /// `unassigned` entries).
    #[arg(long)]
    pub no_would_take: bool,
}

/// Where the JSON plan goes: `--json`, else beside a project list (same stem, `.json`), else
/// `--out`, else the instance's name with `.solution.json`. Both folders must exist before
/// anything is solved, so that a run that cannot write wastes no time and writes nothing.
fn plan_path(args: &SolveArgs, form: Option<ListForm>) -> anyhow::Result<PathBuf> {
    let out = match (form, &args.out, &args.json) {
        (None, Some(out), Some(_)) => {
            anyhow::bail!("{}: --json goes with a project-list --out (.xlsx or a CSV folder)", out.display())
        }
        (_, _, Some(json)) => json.clone(),
        (Some(_), Some(list), None) => list_path(list).with_extension("json"),
        (_, Some(out), None) => out.clone(),
        (_, None, None) => PathBuf::from(format!("{}.solution.json", args.input.name())),
    };
    for file in args.out.iter().chain([&out]) {
        let folder = list_path(file).parent().map(Path::to_path_buf).unwrap_or_default();
        if !folder.as_os_str().is_empty() && !folder.is_dir() {
            anyhow::bail!("{}: cannot write: the folder {} does not exist", file.display(), folder.display());
        }
    }
    Ok(out)
}

/// The problem and the labels a project list shows (titles, names), read once.
fn load_labelled(input: &InputArgs) -> anyhow::Result<(Problem, Labels)> {
    Ok(match input.format {
        InputFormat::Civic => Labels::load(&input.instance)?,
        InputFormat::OrlibGap => (input.load()?, Labels::default()),
    })
}

/// Runs `solve`.
pub fn run(args: SolveArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        anyhow::ensure!(n >= 1, "--threads must be at least 1");
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    let time_limit = args.time_limit.unwrap_or(DEFAULT_TIME_LIMIT);
    anyhow::ensure!(time_limit.is_finite() && time_limit > 0.0, "--time-limit must be a positive number of seconds");
    anyhow::ensure!((0.0..1.0).contains(&args.gap), "--gap must be in [0, 1)");
    let form = args.out.as_deref().and_then(ListForm::of);
    let out = plan_path(&args, form)?;
    let started = Instant::now();
    let (problem, labels) = match form {
        Some(_) => load_labelled(&args.input)?,
        None => (args.input.load()?, Labels::default()),
    };
    let load_seconds = started.elapsed().as_secs_f64();
    if matches!(args.solver, SolverName::Exact) && problem.candidates.pair_count() > EXACT_MAX_PAIRS {
        anyhow::bail!(
            "{}: {} candidate pairs is beyond what the exact solver's integer program can hold in memory (at most {EXACT_MAX_PAIRS}); use --solver heuristic",
            args.input.instance.display(),
            problem.candidates.pair_count()
        );
    }
    let iterations = match (args.iterations, args.time_limit) {
        (None, None) => Some(DEFAULT_ITERATIONS_PER_DEMAND * problem.instance.demands.len().max(1) as u64),
        (iterations, _) => iterations,
    };
    // The limit is the whole run's: the solver gets what reading left, less the time writing
    // the plan will take.
    let writing = WRITE_SECONDS_PER_DEMAND * problem.instance.demands.len() as f64;
    let time_limit = (time_limit - load_seconds - writing).max(MIN_SOLVE_SHARE * time_limit);
    let progress = Arc::new(Progress::new());
    let settings =
        Settings { time_limit, seed: args.seed, iterations, gap: args.gap, progress: Some(progress.clone()) };
    let chosen = resolve(args.solver, &problem);
    let solver = make_solver(chosen, &problem, &settings);
    let budget = match (chosen, iterations) {
        (SolverName::Heuristic, Some(n)) => Some(Budget::Iterations(n * Heuristic::SEARCHES)),
        (SolverName::Heuristic | SolverName::Exact, _) => Some(Budget::Time(Duration::from_secs_f64(time_limit))),
        _ => None,
    };
    let bar = budget.map(|budget| Bar::start(progress, budget));
    let result = solver.solve(&problem);
    drop(bar);
    let mut solution = solution_spec(&problem, &result);
    solution.seed =
        matches!(chosen, SolverName::Heuristic | SolverName::Exact | SolverName::Random).then_some(args.seed);
    let would_take = (!args.no_would_take).then(|| {
        let started = Instant::now();
        attach_would_take(&problem, &result.plan, &mut solution);
        started.elapsed().as_secs_f64()
    });
    let list = match (form, &args.out) {
        (Some(form), Some(list)) => {
            let rendered = render(&problem, &labels, &solution, form, &out)?;
            rendered.write(list).map_err(super::cannot_write(list))?;
            if let Err(err) = write_solution(&out, &solution) {
                // Neither or both: the list without its plan is taken back.
                let list = list_path(list);
                let _ = if list.is_dir() { std::fs::remove_dir_all(&list) } else { std::fs::remove_file(&list) };
                return Err(super::cannot_write(&out)(err));
            }
            Some(list)
        }
        _ => {
            write_solution(&out, &solution).map_err(super::cannot_write(&out))?;
            None
        }
    };
    say!("{}", summarize(&problem, &result));
    if let (Some(seconds), Some(figures)) = (would_take, would_take_figures(&solution)) {
        say!("{figures}");
        let share = 100.0 * seconds / result.time.as_secs_f64().max(1e-9);
        say!("would-take  {seconds:.3} s ({share:.1}% of the solve's {:.3} s)", result.time.as_secs_f64());
    }
    if let (Some(sense), Some(objective)) = (args.input.gap_sense(), result.objective) {
        let bound = result.bound.map_or("-".to_string(), |b| gap_value(sense, b).to_string());
        let word = if sense == GapSense::Min { "cost" } else { "profit" };
        say!("GAP {word}    {} (bound {bound})", gap_value(sense, objective));
    }
    say!(
        "load        {load_seconds:.3} s (candidates {:.3} s, {} pairs)",
        problem.candidate_time.as_secs_f64(),
        problem.candidates.pair_count()
    );
    if let Some(list) = list {
        say!("wrote       {}", list.display());
    }
    say!("wrote       {}", out.display());
    Ok(match result.status {
        Status::Optimal | Status::Feasible => ExitCode::SUCCESS,
        Status::Infeasible | Status::Unknown => {
            eprintln!("no feasible plan: see the reasons of the must demands in {}", out.display());
            ExitCode::FAILURE
        }
    })
}
