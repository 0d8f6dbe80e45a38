//! `month`: write a month's effective instance from its lists and the ledger.

use super::commit::parse_month;
use civic_match::format::{read_instance, validate, write_instance};
use civic_match::ledger::effective::DEFAULT_WINDOW;
use civic_match::ledger::{Ledger, LedgerError};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Demands left out that are named one by one; the rest are counted.
const LISTED_NOTES: usize = 10;

/// Arguments of `month`.
#[derive(Debug, Args)]
pub struct MonthArgs {
    /// This month's lists (JSON, workbook or CSV folder).
    pub instance: PathBuf,
    /// The ledger file.
    #[arg(long)]
    pub ledger: PathBuf,
    /// The month to plan, YYYY-MM; the history comes from committed months before it.
    #[arg(long)]
    pub month: String,
    /// Months of region history (offered and met weight) before the month.
    #[arg(long, default_value_t = DEFAULT_WINDOW)]
    pub window: u32,
    /// Where to write the effective civic-match/1 instance (JSON).
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `month`: exit 0 when the effective instance is written; 2 for bad input.
pub fn run(args: MonthArgs) -> anyhow::Result<ExitCode> {
    let month = parse_month(&args.month)?;
    anyhow::ensure!(args.window >= 1, "--window must be at least 1 month");
    let (spec, form) = read_instance(&args.instance)?;
    // This month's own lists must be valid before anything is added to them. Only the file's
    // rules are checked here and below, not the candidates' (E1601, E1602), whose lists a city
    // month takes seconds to build: `solve` builds them and names any such problem.
    let issues = validate(&spec);
    if !issues.is_empty() {
        return Err(form.invalid(&args.instance, issues).into());
    }
    let ledger = Ledger::open(&args.ledger)?;
    let effective = ledger.effective(month, spec, args.window)?;
    let issues = validate(&effective.spec);
    if !issues.is_empty() {
        let lines: Vec<String> = issues.iter().map(|i| format!("  {i}")).collect();
        let message = format!("the effective instance of {month} is not valid:\n{}", lines.join("\n"));
        return Err(LedgerError::Refused { file: args.ledger.clone(), message }.into());
    }
    write_instance(&args.out, &effective.spec).map_err(super::cannot_write(&args.out))?;
    for note in effective.left_out.iter().take(LISTED_NOTES) {
        eprintln!("note: not carried: {note}");
    }
    if effective.left_out.len() > LISTED_NOTES {
        eprintln!("note: ... and {} more not carried", effective.left_out.len() - LISTED_NOTES);
    }
    let history = effective.spec.history.as_ref().expect("the effective instance has a history");
    say!(
        "month       {month}: {} demand(s), {} carried from earlier months",
        effective.spec.demands.len(),
        effective.carried
    );
    say!(
        "history     {} region(s) over {} month(s), {} volunteer(s) with hours this year, {} series",
        history.regions.len(),
        args.window,
        history.volunteers.len(),
        history.series.len()
    );
    say!("wrote       {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
