//! `convert`: write one OR-Library GAP problem as a civic-match/1 instance.

use super::input::{InputArgs, InputFormat};
use civic_match::format::write_instance;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The GAP file and problem.
    #[command(flatten)]
    pub input: InputArgs,
    /// The civic-match/1 file to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `convert`.
pub fn run(mut args: ConvertArgs) -> anyhow::Result<ExitCode> {
    args.input.format = InputFormat::OrlibGap;
    let spec = args.input.gap_spec()?;
    write_instance(&args.out, &spec).map_err(super::cannot_write(&args.out))?;
    say!(
        "wrote {}: {} agents as volunteers, {} jobs as must demands, {} arcs; the model's optimum is {} the GAP's optimum",
        args.out.display(),
        spec.volunteers.len(),
        spec.demands.len(),
        spec.arcs.len(),
        if args.input.gap_sense() == Some(civic_match::format::GapSense::Min) { "minus" } else { "equal to" }
    );
    Ok(ExitCode::SUCCESS)
}
