//! `validate` and `stats`: look at an instance without solving it.

use civic_match::format::{read_instance, InputForm};
use civic_match::problem::Problem;
use civic_match::report::instance_stats;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// An instance file argument.
#[derive(Debug, Args)]
pub struct InstanceArg {
    /// The instance: civic-match/1 JSON, a workbook (.xlsx, .xlsm, .xls, .ods) or a CSV folder.
    pub instance: PathBuf,
}

/// Loads the instance (every validation rule, including those needing candidates).
pub fn validate(args: InstanceArg) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (spec, form) = read_instance(&args.instance)?;
    let read_time = started.elapsed();
    let (problem, form) = Problem::from_read(&args.instance, spec, form)?;
    let checked_time = started.elapsed() - read_time - problem.candidate_time;
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
    if !matches!(form, InputForm::Json) {
        say!(
            "{}: read as {} in {:.2} s (validated and compiled in {:.2} s, candidates in {:.2} s)",
            args.instance.display(),
            form.describe(),
            read_time.as_secs_f64(),
            checked_time.as_secs_f64(),
            problem.candidate_time.as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the instance's statistics.
pub fn stats(args: InstanceArg) -> anyhow::Result<ExitCode> {
    let problem = Problem::load(&args.instance)?;
    say!("{}", instance_stats(&problem));
    Ok(ExitCode::SUCCESS)
}
