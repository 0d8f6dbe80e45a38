//! `commit`: record a checked plan as a month's plan in the ledger.

use civic_match::format::{compile_read, load_solution, read_instance};
use civic_match::ledger::commit::check_plan;
use civic_match::ledger::{Ledger, Month};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `commit`.
#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The month's instance (JSON, workbook or CSV folder), e.g. the effective file of `month`.
    pub instance: PathBuf,
    /// The civic-match-solution/1 plan to record; it must pass `civic-match check`.
    pub plan: PathBuf,
    /// The ledger file (created by the first commit).
    #[arg(long)]
    pub ledger: PathBuf,
    /// The month the plan is for, YYYY-MM.
    #[arg(long)]
    pub month: String,
    /// Record the plan in place of the month's committed plan, which is kept as history.
    #[arg(long)]
    pub replace: bool,
}

/// Parses `--month`, naming the option in the error.
pub fn parse_month(text: &str) -> anyhow::Result<Month> {
    Month::parse(text).map_err(|message| anyhow::anyhow!("--month: {message}"))
}

/// Runs `commit`: exit 0 when recorded; 2 when refused (the ledger is then untouched).
pub fn run(args: CommitArgs) -> anyhow::Result<ExitCode> {
    let month = parse_month(&args.month)?;
    // The instance is validated and compiled without candidate lists (the checker does not
    // need them), while the plan is read.
    let (compiled, solution) = rayon::join(
        || -> anyhow::Result<_> {
            let (spec, form) = read_instance(&args.instance)?;
            let (instance, names) = compile_read(&args.instance, &spec, &form)?;
            Ok((spec, instance, names))
        },
        || load_solution(&args.plan),
    );
    let (spec, instance, names) = compiled?;
    let solution = solution?;
    let checked = check_plan((&spec, &instance, &names), &args.plan, &solution)?;
    let mut ledger = Ledger::create_or_open(&args.ledger)?;
    let committed = ledger.commit(month, &spec, (&instance, &names), checked, args.replace)?;
    say!(
        "committed   {month}: plan {} of {} ({} of {} demands met, {} carried)",
        committed.plan,
        names.instance,
        committed.assigned,
        committed.demands,
        committed.carried
    );
    if let Some(old) = committed.replaced {
        say!("replaced    plan {old}, kept as history");
    }
    say!("ledger      {}", args.ledger.display());
    Ok(ExitCode::SUCCESS)
}
