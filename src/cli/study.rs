//! `bench STUDY`: runs a study (or one shard of it) into an output folder, every plan
//! checked, and `bench-merge`: the folders of a study's shards as one.

use super::solve::{make_solver, Settings, SolverName};
use civic_match::check::check;
use civic_match::format::{InstanceSpec, PolicySpec};
use civic_match::problem::Problem;
use civic_match::report::solution_spec;
use civic_match::study::record::read_record;
use civic_match::study::spec::ITERATIONS_TIME_LIMIT;
use civic_match::study::{
    expand, load, merge_folders, read_study, run_metrics, shards, start_folder, write_outputs, write_record, Results,
    Run, RunRecord, Runs, Shard, Study, StudyPlan,
};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Options of `bench STUDY`.
#[derive(Debug, Args)]
pub struct StudyArgs {
    /// The output folder: the runs' records, runs.csv, summary.md and the plots.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only part of the study: `I/N` for the I-th (from 0) of N balanced parts, `slurm`
    /// for the array task's part (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of
    /// SLURM_ARRAY_TASK_COUNT), `k8s/N` for an Indexed Job's (JOB_COMPLETION_INDEX of N).
    #[arg(long)]
    pub shard: Option<String>,
    /// Skip the runs whose records are already in the output folder (same instance, policy
    /// and seed), so that an interrupted sweep goes on where it stopped.
    #[arg(long)]
    pub resume: bool,
}

/// Which part of the runs `text` names, reading the schedulers' variables through `var`.
pub fn parse_shard(text: &str, var: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Shard> {
    let number = |name: &str, value: &str| -> anyhow::Result<usize> {
        value.trim().parse().map_err(|_| anyhow::anyhow!("--shard {text}: {name} is {value:?}, not a whole number"))
    };
    let env = |name: &str| -> anyhow::Result<usize> {
        let value = var(name).ok_or_else(|| anyhow::anyhow!("--shard {text}: {name} is not set"))?;
        number(name, &value)
    };
    let (index, count) = if text == "slurm" {
        let min = match var("SLURM_ARRAY_TASK_MIN") {
            Some(v) => number("SLURM_ARRAY_TASK_MIN", &v)?,
            None => 0,
        };
        let id = env("SLURM_ARRAY_TASK_ID")?;
        anyhow::ensure!(id >= min, "--shard slurm: SLURM_ARRAY_TASK_ID {id} is below SLURM_ARRAY_TASK_MIN {min}");
        (id - min, env("SLURM_ARRAY_TASK_COUNT")?)
    } else if let Some(count) = text.strip_prefix("k8s/") {
        (env("JOB_COMPLETION_INDEX")?, number("the count", count)?)
    } else {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| anyhow::anyhow!("--shard {text:?}: expected I/N (e.g. 0/4), slurm or k8s/N"))?;
        (number("I", i)?, number("N", n)?)
    };
    anyhow::ensure!(count >= 1, "--shard {text}: the count of shards must be at least 1");
    anyhow::ensure!(
        index < count,
        "--shard {text}: shard index {index} is out of range 0..{count} (indices start at 0)"
    );
    Ok(Shard { index, count })
}

/// Where a study's time goes.
#[derive(Debug, Default)]
struct Clock {
    load: Duration,
    solve: Duration,
    check: Duration,
}

/// Runs `bench STUDY`: exit 1 if any plan fails its check.
pub fn run(file: &Path, args: StudyArgs, iterations: Option<u64>) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut study = read_study(file)?;
    if let Some(n) = iterations {
        for policy in study.policies.iter_mut().filter(|p| p.rule == "heuristic") {
            policy.time_limit = policy.time_limit.max(ITERATIONS_TIME_LIMIT);
            policy.iterations = Some(n);
        }
    }
    let out =
        args.out.ok_or_else(|| anyhow::anyhow!("bench {}: give the output folder with --out DIR", file.display()))?;
    let shard = match &args.shard {
        Some(text) => parse_shard(text, &|name| std::env::var(name).ok())?,
        None => Shard { index: 0, count: 1 },
    };
    let runs = expand(&study).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let plan = StudyPlan::new(&study, &runs);
    if let Ok(existing) = civic_match::study::output::read_plan(&out) {
        anyhow::ensure!(
            existing == plan,
            "{} holds the results of another study (or of this one before it changed): choose another --out",
            out.display()
        );
        anyhow::ensure!(
            args.resume || std::fs::read_dir(out.join("runs")).map_or(true, |mut d| d.next().is_none()),
            "{} already holds runs of this study: add --resume to go on where it stopped, or choose another --out",
            out.display()
        );
    }
    start_folder(&out, &plan)?;
    let mine = shards(&runs.runs, shard.count).swap_remove(shard.index);
    let bar = progress(mine.len() as u64);
    let mut clock = Clock::default();
    let (mut done, mut skipped) = (0, 0);
    let mut cached: Option<Loaded> = None;
    for &r in &mine {
        let run = &runs.runs[r];
        if args.resume && read_record(&out, &run.key).is_some() {
            skipped += 1;
            bar.inc(1);
            continue;
        }
        let record = execute(&study, &runs, &plan, run, &mut cached, &mut clock)?;
        write_record(&out, &record).map_err(super::cannot_write(&out))?;
        done += 1;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let found = plan.runs.iter().filter_map(|r| read_record(&out, &r.key));
    let results = Results::new(plan.clone(), found.collect::<Vec<_>>());
    write_outputs(&out, &results)?;
    let total = started.elapsed().as_secs_f64();
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.max(1e-9);
    say!(
        "{} runs of {} (shard {} of {}): {done} run, {skipped} already there; {} plans failed their check",
        mine.len(),
        plan.runs.len(),
        shard.index,
        shard.count,
        results.failed_checks()
    );
    let own = total - (clock.load + clock.solve + clock.check).as_secs_f64();
    say!(
        "time {total:.2} s: solvers {:.2} s ({:.1} %), loading instances {:.2} s ({:.1} %), checking and metrics {:.2} s ({:.1} %), the rest {own:.2} s ({:.1} %)",
        clock.solve.as_secs_f64(),
        share(clock.solve),
        clock.load.as_secs_f64(),
        share(clock.load),
        clock.check.as_secs_f64(),
        share(clock.check),
        100.0 * own / total.max(1e-9)
    );
    say!("wrote {}", out.display());
    Ok(if results.failed_checks() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A bar on standard error when it is a terminal.
fn progress(length: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} runs, {eta} left")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar
}

/// The instance the last run read, and the problem it built under the last policy's rules:
/// runs follow on one instance, and policies that differ only in their allocation rule (or
/// seeds of one policy) share one problem instead of building its candidates again.
struct Loaded {
    instance: usize,
    spec: InstanceSpec,
    problem: Option<(PolicySpec, Problem)>,
}

/// Runs `run`: its instance and problem (built once for the runs that share them) under its
/// policy, solved, checked and measured.
fn execute(
    study: &Study,
    runs: &Runs,
    plan: &StudyPlan,
    run: &Run,
    cached: &mut Option<Loaded>,
    clock: &mut Clock,
) -> anyhow::Result<RunRecord> {
    let policy = &study.policies[run.policy];
    let instance = &runs.instances[run.instance];
    let loading = Instant::now();
    if cached.as_ref().is_none_or(|l| l.instance != run.instance) {
        let spec = load(instance).map_err(|e| anyhow::anyhow!("set {:?}: {e}", study.sets[instance.set].name))?;
        *cached = Some(Loaded { instance: run.instance, spec, problem: None });
    }
    let loaded = cached.as_mut().expect("loaded above");
    let rules = policy.apply(&loaded.spec.policy).map_err(|e| anyhow::anyhow!("{}: {e}", instance.name))?;
    if loaded.problem.as_ref().is_none_or(|(built, _)| *built != rules) {
        let spec = InstanceSpec { policy: rules.clone(), ..loaded.spec.clone() };
        let problem = Problem::from_spec(&spec, &instance.name).map_err(|issues| {
            anyhow::anyhow!(
                "{} under policy {:?}: {} (and {} more problems)",
                instance.name,
                policy.name,
                issues[0],
                issues.len() - 1
            )
        })?;
        loaded.problem = Some((rules, problem));
    }
    let problem = &loaded.problem.as_ref().expect("built above").1;
    clock.load += loading.elapsed();

    let rule = SolverName::from_str(&policy.rule, false).map_err(|e| anyhow::anyhow!("rule {:?}: {e}", policy.rule))?;
    let settings = Settings {
        time_limit: policy.time_limit,
        seed: run.seed,
        iterations: policy.iterations,
        gap: policy.gap,
        progress: None,
    };
    let solver = make_solver(rule, problem, &settings);
    reset_peak_memory();
    let solving = Instant::now();
    let result = solver.solve(problem);
    let seconds = solving.elapsed();
    clock.solve += seconds;
    let peak = peak_memory_mb();

    let checking = Instant::now();
    let check_text = if result.objective.is_none() {
        "no plan".to_string()
    } else {
        let report = check(&problem.instance, &problem.names, &solution_spec(problem, &result));
        match report.violations.first() {
            None => "ok".to_string(),
            Some(v) => format!("{}: {v}", civic_match::study::table::FAILED),
        }
    };
    let values = run_metrics(problem, &result, seconds.as_secs_f64(), peak);
    clock.check += checking.elapsed();
    let label = plan.runs[run.index].label.clone();
    let demands = problem.instance.demands.len();
    Ok(RunRecord::with_values(run.key.clone(), label, result.status.as_str().into(), check_text, demands, &values))
}

/// Starts a fresh peak of resident memory for this process (Linux: `/proc/self/clear_refs`);
/// elsewhere the peak stays the process's.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since the last reset, MB (`VmHWM`); NaN where unknown.
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:"));
    let kb = line.and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse::<f64>().ok());
    kb.map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Arguments of `bench-merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folders of the shards (of one study).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where to write the merged CSV, summary and plots.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `bench-merge`: exit 1 if any plan failed its check, 2 if a run has no record.
pub fn merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let results = merge_folders(&args.dirs)?;
    let missing = results.missing();
    if missing > 0 {
        let absent: Vec<&str> = (results.plan.runs.iter())
            .filter(|r| !results.records.iter().any(|x| x.key == r.key))
            .take(5)
            .map(|r| r.key.as_str())
            .collect();
        anyhow::bail!(
            "{missing} of {} runs have no record in the folders given (first keys: {}): is a shard missing or unfinished? Run it (with --resume) and merge again",
            results.plan.runs.len(),
            absent.join(", ")
        );
    }
    start_folder(&args.out, &results.plan)?;
    for record in &results.records {
        write_record(&args.out, record).map_err(super::cannot_write(&args.out))?;
    }
    write_outputs(&args.out, &results)?;
    say!("merged {} runs from {} folders into {}", results.records.len(), args.dirs.len(), args.out.display());
    Ok(if results.failed_checks() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
