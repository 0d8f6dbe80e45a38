//! `simulate`: a simulated year of one place, month after month through the ledger, with one
//! CSV row of figures per month and the timings of each phase on standard error.

use super::commit::parse_month;
use civic_match::format::write_atomically;
use civic_match::generate::{Preset, Profile};
use civic_match::simulate::lists::Place;
use civic_match::simulate::metrics::MonthRow;
use civic_match::simulate::table::csv_text;
use civic_match::simulate::{simulate, Options, Timings};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Share of a generated month's demands that arrive fresh each month when not given.
const DEFAULT_ARRIVALS: f64 = 0.6;

/// Arguments of `simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The place: county, town, city or province (the generator's presets).
    #[arg(long)]
    pub preset: Preset,
    /// The generator's month shape (see `generate --help`); `arcs` is refused, as its arcs
    /// name one draw's members.
    #[arg(long, default_value = "standard")]
    pub profile: Profile,
    /// How many months.
    #[arg(long, default_value_t = 12)]
    pub months: u32,
    /// Seed of the layout and of every draw: the same options give a byte-identical --out.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The ledger file to create (it must not exist).
    #[arg(long)]
    pub ledger: PathBuf,
    /// The year table to write (CSV, one row per month).
    #[arg(long)]
    pub out: PathBuf,
    /// Plan every month without the history policies (ageing, cumulative fairness); carried
    /// demands are still listed.
    #[arg(long)]
    pub no_history: bool,
    /// The first month, YYYY-MM.
    #[arg(long, default_value = "2026-01")]
    pub start: String,
    /// Search iterations per month [default: 50 per demand of the month].
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Share of a generated month's demands that arrive fresh each month, in (0, 1].
    #[arg(long, default_value_t = DEFAULT_ARRIVALS)]
    pub arrivals: f64,
    /// The fairness floor of every month, in both runs: the share of each community's weight
    /// to be met, in [0, 1] [default: the generator's 0.6].
    #[arg(long)]
    pub min_coverage: Option<f64>,
    /// Worker threads [default: all cores]; the year does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also write each month's effective instance (YYYY-MM.json) and plan (YYYY-MM.plan.json)
    /// into this existing folder, for check, report or export.
    #[arg(long, value_name = "DIR")]
    pub plans: Option<PathBuf>,
    /// Also write each month's phase timings and the ledger's size as CSV here.
    #[arg(long, value_name = "FILE")]
    pub timings: Option<PathBuf>,
}

/// The timings table's header.
const TIMINGS_HEADER: &str = "month,lists_s,month_s,compile_s,solve_s,commit_s,record_s,iterations,ledger_bytes";

/// Runs `simulate`.
pub fn run(args: SimulateArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.months >= 1, "--months must be at least 1");
    anyhow::ensure!(
        args.arrivals.is_finite() && args.arrivals > 0.0 && args.arrivals <= 1.0,
        "--arrivals must be in (0, 1], the share of a generated month's demands that arrive; got {}",
        args.arrivals
    );
    if let Some(floor) = args.min_coverage {
        anyhow::ensure!(
            (0.0..=1.0).contains(&floor),
            "--min-coverage must be in [0, 1], the share of a community's weight to meet; got {floor}"
        );
    }
    anyhow::ensure!(args.iterations != Some(0), "--iterations must be at least 1");
    anyhow::ensure!(
        args.profile != Profile::Arcs,
        "--profile arcs cannot be simulated: its arcs name the members of one generated month; choose another profile"
    );
    let start =
        parse_month(&args.start).map_err(|e| anyhow::anyhow!("{}", e.to_string().replacen("--month", "--start", 1)))?;
    for file in [Some(&args.out), args.timings.as_ref(), Some(&args.ledger)].into_iter().flatten() {
        let folder = file.parent().filter(|f| !f.as_os_str().is_empty());
        if let Some(folder) = folder.filter(|f| !f.is_dir()) {
            anyhow::bail!("{}: cannot write: the folder {} does not exist", file.display(), folder.display());
        }
    }
    if let Some(dir) = args.plans.as_ref().filter(|d| !d.is_dir()) {
        anyhow::bail!("{}: --plans must be an existing folder", dir.display());
    }
    if let Some(n) = args.threads {
        anyhow::ensure!(n >= 1, "--threads must be at least 1");
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    let options = Options {
        place: Place {
            preset: args.preset,
            profile: args.profile,
            seed: args.seed,
            arrivals: args.arrivals,
            min_coverage: args.min_coverage,
        },
        months: args.months,
        start,
        history: !args.no_history,
        iterations: args.iterations,
        ledger: args.ledger.clone(),
        plans: args.plans.clone(),
    };
    let mut timings: Vec<(String, Timings)> = Vec::new();
    let rows = simulate(&options, |row, t| {
        progress(row, t);
        timings.push((row.month.clone(), *t));
    })?;
    write_atomically(&args.out, csv_text(&rows).as_bytes()).map_err(super::cannot_write(&args.out))?;
    if let Some(file) = &args.timings {
        write_atomically(file, timings_text(&timings).as_bytes()).map_err(super::cannot_write(file))?;
    }
    summary(&rows, &timings);
    say!("wrote       {}", args.out.display());
    say!("ledger      {}", args.ledger.display());
    Ok(ExitCode::SUCCESS)
}

/// One line per month on standard error: what was met and how long each phase took.
fn progress(row: &MonthRow, t: &Timings) {
    let s = |d: std::time::Duration| d.as_secs_f64();
    eprintln!(
        "{}  {}/{} met ({:.1} % of weight), {} carried | lists {:.2} s, month {:.2} s, compile {:.2} s, solve {:.2} s ({} iterations), check+commit {:.2} s, record {:.2} s | month+commit {:.1} % of solve | ledger {:.1} KB",
        row.month,
        row.met,
        row.demands,
        row.weight_met_pct,
        row.carried,
        s(t.lists),
        s(t.month),
        s(t.compile),
        s(t.solve),
        t.iterations,
        s(t.commit),
        s(t.record),
        100.0 * (s(t.month) + s(t.commit)) / s(t.solve).max(1e-9),
        t.ledger_bytes as f64 / 1024.0
    );
}

/// The year's figures: the acceptance figures of docs/SIMULATE.md and the timing ratios.
fn summary(rows: &[MonthRow], timings: &[(String, Timings)]) {
    let Some(last) = rows.last() else { return };
    let weight: f64 = rows.iter().map(|r| r.weight_met).sum();
    let continuing: usize = rows.iter().map(|r| r.continuity_of).sum();
    let kept: f64 = rows.iter().filter_map(|r| r.continuity.map(|c| c * r.continuity_of as f64)).sum();
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{:.1} %", 100.0 * x));
    say!(
        "year        weight met {weight:.1}; lowest community {} of its weight; never asked {}; Gini of hours {:.4}; continuity {} of {continuing}",
        pct(last.lowest_cumulative),
        pct(Some(last.never_asked)),
        last.gini_hours,
        pct((continuing > 0).then(|| kept / continuing as f64)),
    );
    let s = |f: fn(&Timings) -> std::time::Duration| timings.iter().map(|(_, t)| f(t).as_secs_f64()).sum::<f64>();
    let solve = s(|t| t.solve);
    let bytes = timings.last().map_or(0, |(_, t)| t.ledger_bytes);
    say!(
        "timings     solve {solve:.1} s; month + commit {:.1} % of solve; ledger {:.1} KB, {:.1} KB a month",
        100.0 * (s(|t| t.month) + s(|t| t.commit)) / solve.max(1e-9),
        bytes as f64 / 1024.0,
        bytes as f64 / 1024.0 / timings.len().max(1) as f64
    );
}

/// The timings as CSV, one row per month.
fn timings_text(timings: &[(String, Timings)]) -> String {
    let mut text = format!("{TIMINGS_HEADER}\n");
    for (month, t) in timings {
        let s = |d: std::time::Duration| format!("{:.3}", d.as_secs_f64());
        text.push_str(&format!(
            "{month},{},{},{},{},{},{},{},{}\n",
            s(t.lists),
            s(t.month),
            s(t.compile),
            s(t.solve),
            s(t.commit),
            s(t.record),
            t.iterations,
            t.ledger_bytes
        ));
    }
    text
}
