//! `check`: judge a solution file against its instance with the independent checker.

use civic_match::check::check;
use civic_match::format::{load_instance, load_solution};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The instance: civic-match/1 JSON, a workbook or a CSV folder.
    pub instance: PathBuf,
    /// The civic-match-solution/1 file to verify.
    pub solution: PathBuf,
    /// How many violations to list (all are counted).
    #[arg(long, default_value_t = 20)]
    pub max: usize,
}

/// Runs `check`: exit 0 only for a feasible plan whose claims hold.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let (_, instance, names) = load_instance(&args.instance)?;
    let solution = load_solution(&args.solution)?;
    if solution.instance != names.instance {
        eprintln!("warning: the solution is for instance {:?}, the file is {:?}", solution.instance, names.instance);
    }
    let report = check(&instance, &names, &solution);
    let claimed = report.claimed_objective.map_or("none".to_string(), |c| c.to_string());
    let verdict = if report.is_ok() {
        "feasible; objective and claims hold"
    } else if report.is_feasible() {
        "feasible, but its claims do not hold"
    } else {
        "NOT feasible"
    };
    say!("{}: {verdict}", args.solution.display());
    say!(
        "assigned {} of {} demands; objective {} (claimed {claimed}); status {}",
        report.assigned,
        instance.demands.len(),
        report.objective,
        solution.status.as_str()
    );
    for v in report.violations.iter().take(args.max) {
        say!("  {v}");
    }
    if report.violations.len() > args.max {
        say!("  ... and {} more violations (--max to list more)", report.violations.len() - args.max);
    }
    Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
