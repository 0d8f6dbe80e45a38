//! `export`: placeholder while the command is written.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {}

/// Runs `export`.
pub fn run(_args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export: not written yet")
}
