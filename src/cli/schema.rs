//! `schema`: print the JSON Schema of the instance or solution format.

use civic_match::format::{json_schema, write_atomically, SchemaKind};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// The files whose schema can be printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Which {
    /// civic-match/1 instance files.
    Instance,
    /// civic-match-solution/1 solution files.
    Solution,
}

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format.
    #[arg(value_enum)]
    pub which: Which,
    /// Write the schema to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `schema`.
pub fn run(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    let kind = match args.which {
        Which::Instance => SchemaKind::Instance,
        Which::Solution => SchemaKind::Solution,
    };
    let text = serde_json::to_string_pretty(&json_schema(kind))?;
    match args.out {
        Some(out) => write_atomically(&out, format!("{text}\n").as_bytes()).map_err(super::cannot_write(&out))?,
        None => say!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
