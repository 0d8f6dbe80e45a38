//! `report`: check a plan against its instance, then write its self-contained HTML report.

use super::input::stem;
use civic_match::check::check;
use civic_match::format::{load_solution, write_atomically};
use civic_match::report::html::html_report;
use civic_match::report::plan_of_solution;
use civic_match::report::project_list::Labels;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Violations named in the error of a plan that does not match its instance.
const LISTED_VIOLATIONS: usize = 10;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The instance the plan is for.
    pub instance: PathBuf,
    /// The plan: a civic-match-solution/1 file of that instance.
    pub plan: PathBuf,
    /// Where to write the report [default: PLAN's stem with .report.html, in the current folder].
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `report`: a plan that is not a feasible plan of the instance with the claims it makes
/// is bad input (exit 2) and nothing is written.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (problem, labels) = Labels::load(&args.instance)?;
    let solution = load_solution(&args.plan)?;
    let loaded = started.elapsed();
    let verdict = check(&problem.instance, &problem.names, &solution);
    let checked = started.elapsed() - loaded;
    if !verdict.is_ok() {
        let listed: Vec<String> = verdict.violations.iter().take(LISTED_VIOLATIONS).map(|v| format!("  {v}")).collect();
        let more = verdict.violations.len().saturating_sub(LISTED_VIOLATIONS);
        let more = if more > 0 { format!("\n  ... and {more} more") } else { String::new() };
        let named = if solution.instance == problem.names.instance {
            String::new()
        } else {
            format!("; the plan is for instance {:?}", solution.instance)
        };
        anyhow::bail!(
            "{}: not a checked plan of {} (instance {:?}{named}): {} violation(s):\n{}{more}",
            args.plan.display(),
            args.instance.display(),
            problem.names.instance,
            verdict.violations.len(),
            listed.join("\n")
        );
    }
    if solution.instance != problem.names.instance {
        eprintln!(
            "warning: the plan is for instance {:?}, the file is {:?}",
            solution.instance, problem.names.instance
        );
    }
    let plan = plan_of_solution(&problem.names, &solution)
        .map_err(|unknown| anyhow::anyhow!("{}: {}", args.plan.display(), unknown.join("; ")))?;
    let reporting = Instant::now();
    let html = html_report(&problem, &labels, &solution, &plan, &args.plan.display().to_string())?;
    let out = args.out.unwrap_or_else(|| PathBuf::from(format!("{}.report.html", stem(&args.plan))));
    write_atomically(&out, html.as_bytes()).map_err(super::cannot_write(&out))?;
    say!(
        "wrote {}: {:.1} KB, {} of {} demands met (read {:.2} s, check {:.2} s, report {:.2} s)",
        out.display(),
        html.len() as f64 / 1024.0,
        plan.assignments.len(),
        problem.instance.demands.len(),
        loaded.as_secs_f64(),
        checked.as_secs_f64(),
        reporting.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
