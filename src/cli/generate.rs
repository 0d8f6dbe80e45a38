//! `generate`: write a seeded, realistic month.

use civic_match::format::write_instance;
use civic_match::generate::{ask_standby, generate_profile, Preset, Profile};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `generate`.
#[derive(Debug, Args)]
#[command(after_long_help = profiles_help())]
pub struct GenerateArgs {
    /// Which month to generate: county (~7 communities, 400 volunteers, 600 demands), town
    /// (~27 communities, 4,000 volunteers, 5,000 demands) or city (513 communities in 28
    /// streets, 100,000 volunteers, 120,000 demands).
    #[arg(long)]
    pub preset: Preset,
    /// The month's shape (see the list below `--help`): standard, tight-slots, low-hours,
    /// scarce, teams, must-heavy, return-day, rural or arcs.
    #[arg(long, default_value = "standard")]
    pub profile: Profile,
    /// Seed: the same preset, profile and seed give a byte-identical file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share (0 to 1) of the critical demands (`must`, or the heaviest tenth by weight) that ask
    /// one standby volunteer (rule 9); 0 leaves the month exactly as without the option.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub standby: f64,
    /// The instance file to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// A share in [0, 1].
fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{text:?} is not a share between 0 and 1")),
    }
}

/// The profiles, one line each, for the end of `generate --help` and `bench --help`.
pub fn profiles_help() -> String {
    format!("Profiles (--profile):\n{}", Profile::help())
}

/// Runs `generate`.
pub fn run(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut spec = generate_profile(args.preset, args.profile, args.seed);
    ask_standby(&mut spec, args.standby, args.seed);
    let generated = started.elapsed().as_secs_f64();
    write_instance(&args.out, &spec).map_err(super::cannot_write(&args.out))?;
    say!(
        "wrote {}: {} demands, {} volunteers, {} resources, {} regions, {} arcs (generated in {generated:.3} s, written in {:.3} s)",
        args.out.display(),
        spec.demands.len(),
        spec.volunteers.len(),
        spec.resources.len(),
        spec.regions.len(),
        spec.arcs.len(),
        started.elapsed().as_secs_f64() - generated
    );
    Ok(ExitCode::SUCCESS)
}
