//! `solve`: load, solve, write the solution file atomically, print the summary.

use super::input::InputArgs;
use civic_match::format::{gap_value, write_solution, GapSense, Status};
use civic_match::problem::Problem;
use civic_match::report::{solution_spec, summarize};
use civic_match::solve::{Backend, Exact, Greedy, Heuristic, Solver};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Most candidate pairs the exact solver accepts: each becomes at least one column, and a
/// model builder holds several hundred bytes per column.
const EXACT_MAX_PAIRS: usize = 1_000_000;

/// Most candidate pairs for which `--solver auto` runs the exact solver: what the backend
/// proves in seconds (microlp: the OR-Library gap1–gap4 sizes; HiGHS: the 20 × 200 GAP types).
fn auto_exact_pairs() -> usize {
    match Backend::best() {
        Backend::Microlp => 200,
        #[cfg(feature = "highs")]
        Backend::Highs => 5_000,
    }
}

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
}

/// The solver `name` stands for on `problem` (`auto` decides by the problem's size).
pub fn make_solver(name: SolverName, problem: &Problem, settings: &Settings) -> Box<dyn Solver> {
    let limit = Duration::from_secs_f64(settings.time_limit);
    let name = match name {
        SolverName::Auto if problem.candidates.pair_count() <= auto_exact_pairs() => SolverName::Exact,
        SolverName::Auto => SolverName::Heuristic,
        other => other,
    };
    match name {
        SolverName::Greedy | SolverName::Auto => Box::new(Greedy),
        SolverName::Heuristic => {
            Box::new(Heuristic::new(limit).with_seed(settings.seed).with_iterations(settings.iterations))
        }
        SolverName::Exact => Box::new(Exact::new(limit).with_gap(settings.gap).with_seed(settings.seed)),
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
    /// exact for months small enough for the compiled-in MIP backend to prove, else heuristic.
    Auto,
}

/// Arguments of `solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The instance.
    #[command(flatten)]
    pub input: InputArgs,
    /// Which solver builds the plan.
    #[arg(long, value_enum, default_value_t = SolverName::Greedy)]
    pub solver: SolverName,
    /// Where to write the plan [default: INSTANCE's name with .solution.json, in the current folder].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seed of the heuristic search (the greedy solver is deterministic and needs none).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Time limit in seconds for solvers that search (the greedy solver finishes on its own).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub time_limit: f64,
    /// Bound the search by iterations (deterministic work: the same seed gives the same plan).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Relative gap at which the exact solver may stop (0 proves optimality).
    #[arg(long, default_value_t = 0.0)]
    pub gap: f64,
    /// Worker threads [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Runs `solve`.
pub fn run(args: SolveArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        anyhow::ensure!(n >= 1, "--threads must be at least 1");
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    anyhow::ensure!(
        args.time_limit.is_finite() && args.time_limit > 0.0,
        "--time-limit must be a positive number of seconds"
    );
    anyhow::ensure!((0.0..1.0).contains(&args.gap), "--gap must be in [0, 1)");
    let started = Instant::now();
    let problem = args.input.load()?;
    let load_seconds = started.elapsed().as_secs_f64();
    if matches!(args.solver, SolverName::Exact) && problem.candidates.pair_count() > EXACT_MAX_PAIRS {
        anyhow::bail!(
            "{}: {} candidate pairs is beyond what the exact solver's integer program can hold in memory (at most {EXACT_MAX_PAIRS}); use --solver heuristic",
            args.input.instance.display(),
            problem.candidates.pair_count()
        );
    }
    let settings =
        Settings { time_limit: args.time_limit, seed: args.seed, iterations: args.iterations, gap: args.gap };
    let solver = make_solver(args.solver, &problem, &settings);
    let result = solver.solve(&problem);
    let solution = solution_spec(&problem, &result);
    let out = args.out.unwrap_or_else(|| PathBuf::from(format!("{}.solution.json", args.input.name())));
    write_solution(&out, &solution).map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", out.display()))?;
    say!("{}", summarize(&problem, &result));
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
    say!("wrote       {}", out.display());
    Ok(match result.status {
        Status::Optimal | Status::Feasible => ExitCode::SUCCESS,
        Status::Infeasible | Status::Unknown => {
            eprintln!("no feasible plan: see the reasons of the must demands in {}", out.display());
            ExitCode::FAILURE
        }
    })
}
