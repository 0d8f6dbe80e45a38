//! `export`: the project list (项目清单) of an existing plan, as a workbook or a CSV folder —
//! the plan checked against its instance first; shared with `solve --out plan.xlsx`.

use civic_match::check::check;
use civic_match::format::{load_solution, SolutionSpec};
use civic_match::problem::Problem;
use civic_match::report::project_list::{project_list, Labels, ListForm, Rendered};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Violations listed when a plan is refused.
const LISTED_VIOLATIONS: usize = 10;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The instance the plan is for.
    pub instance: PathBuf,
    /// The civic-match-solution/1 plan.
    pub plan: PathBuf,
    /// Where to write the project list: an `.xlsx` workbook, or a CSV folder (a path ending in
    /// `/`, a name ending in `.csv` or an existing folder), one UTF-8 file per sheet.
    #[arg(long)]
    pub out: PathBuf,
}

/// The form `out` asks for, or an error saying which forms there are.
fn list_form(out: &Path) -> anyhow::Result<ListForm> {
    ListForm::of(out).ok_or_else(|| {
        anyhow::anyhow!(
            "{}: a project list is an .xlsx workbook or a CSV folder (a path ending in /, a .csv name or an existing folder)",
            out.display()
        )
    })
}

/// The project list of `solution` rendered in `form`; `plan` names the solution's file in errors.
pub fn render(
    problem: &Problem,
    labels: &Labels,
    solution: &SolutionSpec,
    form: ListForm,
    plan: &Path,
) -> anyhow::Result<Rendered> {
    let sheets = project_list(problem, labels, solution)
        .map_err(|unknown| anyhow::anyhow!("{}: {}", plan.display(), unknown.join("; ")))?;
    Rendered::new(&sheets, form).map_err(|e| anyhow::anyhow!("cannot build the project list: {e}"))
}

/// Runs `export`: exit 0 when the list is written; 2 for bad input (an unreadable or
/// infeasible plan, an id the instance lacks, an output that cannot be written).
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let form = list_form(&args.out)?;
    let started = Instant::now();
    let (problem, labels) = Labels::load(&args.instance)?;
    let solution = load_solution(&args.plan)?;
    let loaded = started.elapsed().as_secs_f64();
    let report = check(&problem.instance, &problem.names, &solution);
    if !report.is_feasible() {
        let shown: Vec<String> = report.violations.iter().take(LISTED_VIOLATIONS).map(|v| format!("  {v}")).collect();
        let more = report.violations.len().saturating_sub(LISTED_VIOLATIONS);
        let more = if more > 0 { format!("\n  ... and {more} more") } else { String::new() };
        anyhow::bail!(
            "{}: not a feasible plan of {}:\n{}{more}",
            args.plan.display(),
            args.instance.display(),
            shown.join("\n")
        );
    }
    if !report.is_ok() {
        eprintln!(
            "warning: {}: the plan is feasible but its claims do not hold (see civic-match check)",
            args.plan.display()
        );
    }
    let checked = started.elapsed().as_secs_f64();
    let rendered = render(&problem, &labels, &solution, form, &args.plan)?;
    rendered.write(&args.out).map_err(super::cannot_write(&args.out))?;
    let total = started.elapsed().as_secs_f64();
    say!("load        {loaded:.3} s; check {:.3} s; list {:.3} s", checked - loaded, total - checked);
    say!("wrote       {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
