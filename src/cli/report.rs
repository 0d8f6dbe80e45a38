//! `report`: placeholder while the command is written.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {}

/// Runs `report`.
pub fn run(_args: ReportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("report: not written yet")
}
