//! `template`: placeholder while the command is written.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {}

/// Runs `template`.
pub fn run(_args: TemplateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("template: not written yet")
}
