//! `schema`: placeholder while the command is written.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {}

/// Runs `schema`.
pub fn run(_args: SchemaArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("schema: not written yet")
}
