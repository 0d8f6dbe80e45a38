//! `validate` and `stats`: look at an instance without solving it.

use civic_match::problem::Problem;
use civic_match::report::instance_stats;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// An instance file argument.
#[derive(Debug, Args)]
pub struct InstanceArg {
    /// The civic-match/1 instance file.
    pub instance: PathBuf,
}

/// Loads the instance (every validation rule, including those needing candidates).
pub fn validate(args: InstanceArg) -> anyhow::Result<ExitCode> {
    let problem = Problem::load(&args.instance)?;
    let inst = &problem.instance;
    say!(
        "{}: valid: {} demands, {} volunteers, {} resources, {} slots, {} candidate pairs",
        args.instance.display(),
        inst.demands.len(),
        inst.volunteers.len(),
        inst.resources.len(),
        inst.slots.len(),
        problem.candidates.pair_count()
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints the instance's statistics.
pub fn stats(args: InstanceArg) -> anyhow::Result<ExitCode> {
    let problem = Problem::load(&args.instance)?;
    say!("{}", instance_stats(&problem));
    Ok(ExitCode::SUCCESS)
}
