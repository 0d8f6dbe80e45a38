//! `template`: write the instance workbook planners fill in (项目模板): every sheet with its
//! headers, an example row per sheet, drop-down lists and a `说明` sheet of instructions.

use civic_match::format::sheets::template::template_bytes;
use civic_match::format::write_atomically;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The workbook to write (`.xlsx`).
    #[arg(long, default_value = "模板.xlsx")]
    pub out: PathBuf,
}

/// Runs `template`.
pub fn run(args: TemplateArgs) -> anyhow::Result<ExitCode> {
    let ext = args.out.extension().map(|e| e.to_string_lossy().to_lowercase());
    if ext.as_deref() != Some("xlsx") {
        anyhow::bail!("{}: the template is a workbook; give a path ending in .xlsx", args.out.display());
    }
    let bytes = template_bytes().map_err(super::cannot_write(&args.out))?;
    write_atomically(&args.out, &bytes).map_err(super::cannot_write(&args.out))?;
    say!("wrote {}: every sheet with an example row, drop-down lists and a 说明 sheet", args.out.display());
    Ok(ExitCode::SUCCESS)
}
