//! `record`: record what happened to a month's plan (outcomes and hours given).

use super::commit::parse_month;
use civic_match::ledger::outcomes::read_outcomes;
use civic_match::ledger::Ledger;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The ledger file.
    #[arg(long)]
    pub ledger: PathBuf,
    /// The month whose plan the outcomes are for, YYYY-MM.
    #[arg(long)]
    pub month: String,
    /// The outcomes: a CSV file (UTF-8, header demand,volunteer,outcome,hours) or a
    /// civic-match-outcomes/1 `.json` file.
    pub outcomes: PathBuf,
}

/// Runs `record`: exit 0 when recorded; 2 for any problem of the file (nothing recorded).
pub fn run(args: RecordArgs) -> anyhow::Result<ExitCode> {
    let month = parse_month(&args.month)?;
    let rows = read_outcomes(&args.outcomes)?;
    let mut ledger = Ledger::open(&args.ledger)?;
    let recorded = ledger.record(month, &args.outcomes, &rows)?;
    let [done, not_done, no_show] = recorded.counts;
    say!(
        "recorded    {month}: {} outcome(s) on plan {} ({done} done, {not_done} not done, {no_show} no-show)",
        recorded.rows,
        recorded.plan
    );
    say!("time bank   {} hour(s) credited", recorded.hours);
    Ok(ExitCode::SUCCESS)
}
