//! `bench`: the quality run. Solves generated months (several profiles, presets, seeds and
//! solvers), checks every plan with the independent checker and prints one row per run; or,
//! given a study file, runs the study into an output folder (`super::study`).

use civic_match::check::check;
use civic_match::generate::{generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use civic_match::report::{gap_percent, solution_spec};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::solve::{make_solver, Settings, SolverName};
use super::study::StudyArgs;

/// Arguments of `bench`.
#[derive(Debug, Args)]
#[command(after_long_help = super::generate::profiles_help())]
pub struct BenchArgs {
    /// A study file (docs/STUDY.md): instance sets × policies × repeats, run into the folder
    /// given by --out. Without it, `bench` compares solvers on generated months and prints a
    /// row per run.
    pub study: Option<PathBuf>,
    /// Options of a study run.
    #[command(flatten)]
    pub run: StudyArgs,
    /// With a study: search iterations of every `heuristic` policy (so that any machine, any
    /// thread count and any split into shards gives the same plans).
    #[arg(long, requires = "study")]
    pub iterations: Option<u64>,
    /// Profiles of the months (repeat or comma-separate; see the list below `--help`).
    #[arg(long, value_delimiter = ',', default_value = "standard", conflicts_with = "study")]
    pub profile: Vec<Profile>,
    /// Presets to generate (repeat or comma-separate).
    #[arg(long, value_delimiter = ',', default_value = "county", conflicts_with = "study")]
    pub preset: Vec<Preset>,
    /// Seeds, as a range `FIRST-LAST` or a single number.
    #[arg(long, default_value = "1-3", conflicts_with = "study")]
    pub seeds: String,
    /// Solvers to compare (repeat or comma-separate).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "greedy,heuristic", conflicts_with = "study")]
    pub solver: Vec<SolverName>,
    /// Time limit per run in seconds (search solvers).
    #[arg(long, default_value_t = 10.0, conflicts_with = "study")]
    pub time_limit: f64,
}

fn seeds(text: &str) -> anyhow::Result<Vec<u64>> {
    let bad = || anyhow::anyhow!("--seeds {text:?}: expected a number or FIRST-LAST, e.g. 1-3");
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b): (u64, u64) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
            anyhow::ensure!(a <= b, bad());
            Ok((a..=b).collect())
        }
        None => Ok(vec![text.trim().parse().map_err(|_| bad())?]),
    }
}

/// Runs `bench`: exit 1 if any plan fails its check.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if let Some(study) = &args.study {
        return super::study::run(study, args.run, args.iterations);
    }
    anyhow::ensure!(
        args.run.out.is_none() && args.run.shard.is_none() && !args.run.resume,
        "--out, --shard and --resume go with a study file: bench STUDY.toml --out DIR"
    );
    anyhow::ensure!(args.time_limit.is_finite() && args.time_limit > 0.0, "--time-limit must be positive");
    let seeds = seeds(&args.seeds)?;
    say!(
        "{:<8} {:<11} {:>5} {:<10} {:>9} {:>12} {:>12} {:>8} {:>9} {:<6}",
        "preset",
        "profile",
        "seed",
        "solver",
        "status",
        "objective",
        "bound",
        "gap %",
        "seconds",
        "check"
    );
    let mut all_ok = true;
    for &profile in &args.profile {
        for &preset in &args.preset {
            for &seed in &seeds {
                all_ok &= bench_month(&args, preset, profile, seed)?;
            }
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Solves one generated month with every solver, prints a row per run and says whether every
/// plan passed its check.
fn bench_month(args: &BenchArgs, preset: Preset, profile: Profile, seed: u64) -> anyhow::Result<bool> {
    let name = format!("{}-{}-{seed}", preset.name(), profile.name());
    let problem = Problem::from_spec(&generate_profile(preset, profile, seed), &name)
        .map_err(|issues| anyhow::anyhow!("generated month {name} is invalid: {}", issues[0]))?;
    let settings = Settings { time_limit: args.time_limit, seed, iterations: None, gap: 0.0, progress: None };
    let mut all_ok = true;
    for &solver_name in &args.solver {
        let solver = make_solver(solver_name, &problem, &settings);
        let started = Instant::now();
        let result = solver.solve(&problem);
        let seconds = started.elapsed().as_secs_f64();
        let report = check(&problem.instance, &problem.names, &solution_spec(&problem, &result));
        let ok = report.is_ok();
        all_ok &= ok;
        let num = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.3}"));
        let gap = gap_percent(result.objective, result.bound).map_or("-".into(), |g| format!("{g:.2}"));
        say!(
            "{:<8} {:<11} {:>5} {:<10} {:>9} {:>12} {:>12} {:>8} {:>9.3} {}",
            preset.name(),
            profile.name(),
            seed,
            solver.name(),
            result.status.as_str(),
            num(result.objective),
            num(result.bound),
            gap,
            seconds,
            if ok { "ok" } else { "FAILED" }
        );
    }
    Ok(all_ok)
}
