//! The `civic-match` command line: argument parsing and one file per command.

/// Prints a line to standard output; a closed pipe (`| head`) ends the program quietly.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::print_line(format_args!($($arg)*))
    };
}

mod bench;
mod check;
mod commit;
mod convert;
mod export;
mod generate;
mod input;
mod inspect;
mod ledger;
mod month;
mod progress_bar;
mod record;
mod replan;
mod report;
mod schema;
mod simulate;
mod solve;
mod study;
mod template;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status for bad input or usage (clap uses the same for usage errors).
pub const EXIT_BAD_INPUT: u8 = 2;

/// Turn a month of community demands, volunteers and co-building resources into a checked
/// project list (项目清单): which demand is met, in which slot, by whom, with what, and why
/// the rest are not.
///
/// Exit status: 0 success; 1 a plan failed its check or no feasible plan was found;
/// 2 bad input or usage (the message names the file, the JSON path and the problem).
#[derive(Debug, Parser)]
#[command(name = "civic-match", version, about, long_about)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve an instance and write its project list (a civic-match-solution/1 file).
    Solve(solve::SolveArgs),
    /// Verify a plan: rules 1-9 of the model, the objective, bound and status it claims.
    Check(check::CheckArgs),
    /// Validate an instance: list every problem with its JSON path, or say it is valid.
    Validate(inspect::InstanceArg),
    /// Compare solvers on generated months, or run a study (policies × instance sets, or one
    /// shard of it) into a folder: every plan checked; a tidy CSV, a summary and plots.
    Bench(bench::BenchArgs),
    /// Combine the output folders of a study's shards into the CSV, summary and plots of one
    /// unsharded run.
    BenchMerge(study::MergeArgs),
    /// Convert an instance between JSON, workbook (.xlsx) and CSV folder, or a GAP problem into one.
    Convert(convert::ConvertArgs),
    /// Generate a seeded, realistic month (same preset and seed: byte-identical file).
    Generate(generate::GenerateArgs),
    /// Print an instance's sizes, candidates per demand and candidate-graph components.
    Stats(inspect::InstanceArg),
    /// Write an empty instance workbook (项目模板): headers, an example row per sheet, drop-down
    /// lists and instructions.
    Template(template::TemplateArgs),
    /// Write the project list (项目清单) of an existing plan as a workbook or CSV folder.
    Export(export::ExportArgs),
    /// Write a self-contained HTML report of a plan: charts, map, summary and unmet demands.
    Report(report::ReportArgs),
    /// Print the JSON Schema of the instance or solution format.
    Schema(schema::SchemaArgs),
    /// Record a checked plan as a month's plan in the ledger (台账).
    Commit(commit::CommitArgs),
    /// Record what happened to a month's plan: outcomes and hours given, from CSV or JSON.
    Record(record::RecordArgs),
    /// Write a month's effective instance: its lists, the demands carried from earlier months
    /// and the history section.
    Month(month::MonthArgs),
    /// Read the ledger: `show` prints its tables, `export` writes them as a workbook or CSV.
    Ledger(ledger::LedgerArgs),
    /// Simulate a year of one generated place through the ledger: lists that change, plans,
    /// commits and outcomes month after month, one CSV row of figures per month.
    Simulate(simulate::SimulateArgs),
    /// Re-plan a dispatched plan after changes (a member out, a demand added or cancelled, a
    /// resource or slot lost), keeping every assignment the changes do not touch.
    Replan(replan::ReplanArgs),
}

/// Writes one line to standard output, exiting quietly when the reader has gone away.
pub fn print_line(line: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(err) = writeln!(std::io::stdout().lock(), "{line}") {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// The error of an output file that could not be written, naming it.
pub fn cannot_write<E: std::fmt::Display>(path: &std::path::Path) -> impl FnOnce(E) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("{}: cannot write: {e}", path.display())
}

/// Parses the command line and runs it; errors carry the file, field path and problem.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::Check(args) => check::run(args),
        Command::Validate(args) => inspect::validate(args),
        Command::Stats(args) => inspect::stats(args),
        Command::Generate(args) => generate::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Bench(args) => bench::run(args),
        Command::BenchMerge(args) => study::merge(args),
        Command::Template(args) => template::run(args),
        Command::Export(args) => export::run(args),
        Command::Report(args) => report::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Commit(args) => commit::run(args),
        Command::Record(args) => record::run(args),
        Command::Month(args) => month::run(args),
        Command::Ledger(args) => ledger::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Replan(args) => replan::run(args),
    }
}
