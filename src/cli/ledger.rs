//! `ledger show` and `ledger export`: read the ledger as plain-text tables, a workbook or CSV.

use civic_match::format::{write_atomically, write_folder_atomically};
use civic_match::ledger::Ledger;
use civic_match::report::project_list::table::{Cell, Sheet};
use civic_match::report::project_list::{csv::csv_files, list_path, xlsx::workbook_bytes};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Arguments of `ledger`.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// What to do with the ledger.
    #[command(subcommand)]
    pub action: Action,
}

/// What `ledger` does.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Print the months with their counts, each region's coverage over time and members'
    /// hours and time-bank balances.
    Show {
        /// The ledger file.
        #[arg(long)]
        ledger: PathBuf,
    },
    /// Write the ledger's tables: an `.xlsx` workbook (every sheet), a `.csv` file (one row
    /// per task and volunteer, UTF-8) or a CSV folder (a path ending in `/`: every sheet).
    Export {
        /// The ledger file.
        #[arg(long)]
        ledger: PathBuf,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs `ledger`.
pub fn run(args: LedgerArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Show { ledger } => show(&ledger),
        Action::Export { ledger, out } => export(&ledger, &out),
    }
}

fn show(file: &Path) -> anyhow::Result<ExitCode> {
    let ledger = Ledger::open(file)?;
    let sheets = [
        ("Months 月份", ledger.months_sheet()?),
        ("Coverage by region over time 覆盖率 (% of weight met)", ledger.coverage_sheet()?),
        ("Members' hours and balances 时间银行", ledger.members_sheet()?),
    ];
    for (k, (title, sheet)) in sheets.iter().enumerate() {
        if k > 0 {
            say!("");
        }
        say!("{title}");
        for line in text_table(sheet) {
            say!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The sheet as aligned lines (numbers right-aligned, Chinese text two columns a character),
/// a rule under the header; a sheet without rows says so.
fn text_table(sheet: &Sheet) -> Vec<String> {
    let cells: Vec<Vec<String>> = sheet.rows.iter().map(|r| r.cells.iter().map(Cell::to_text).collect()).collect();
    let mut widths: Vec<usize> = sheet.columns.iter().map(|c| c.width()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let pad = |text: &str, width: usize, right: bool| {
        let fill = " ".repeat(width.saturating_sub(text.width()));
        if right {
            format!("{fill}{text}")
        } else {
            format!("{text}{fill}")
        }
    };
    let line = |texts: Vec<String>| texts.join("  ").trim_end().to_string();
    let mut lines = vec![line(sheet.columns.iter().zip(&widths).map(|(c, &w)| pad(c, w, false)).collect())];
    lines.push(line(widths.iter().map(|&w| "-".repeat(w)).collect()));
    for (row, texts) in sheet.rows.iter().zip(&cells) {
        let padded = texts
            .iter()
            .zip(&widths)
            .zip(&row.cells)
            .map(|((t, &w), cell)| pad(t, w, matches!(cell, Cell::Number(_) | Cell::Integer(_))));
        lines.push(line(padded.collect()));
    }
    if sheet.rows.is_empty() {
        lines.push("(none yet)".into());
    }
    lines
}

fn export(file: &Path, out: &Path) -> anyhow::Result<ExitCode> {
    let text = out.as_os_str().to_string_lossy();
    let folder = text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || out.is_dir();
    let extension = out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    let ledger = Ledger::open(file)?;
    match (folder, extension.as_deref()) {
        (true, _) => {
            let files = csv_files(&ledger.sheets()?)?;
            write_folder_atomically(&list_path(out), &files).map_err(super::cannot_write(out))?;
        }
        (false, Some("xlsx")) => {
            let bytes = workbook_bytes(&ledger.sheets()?)?;
            write_atomically(out, &bytes).map_err(super::cannot_write(out))?;
        }
        (false, Some("csv")) => {
            let files = csv_files(&[ledger.tasks_sheet()?])?;
            write_atomically(out, &files[0].1).map_err(super::cannot_write(out))?;
        }
        _ => anyhow::bail!(
            "{}: the ledger is exported as an .xlsx workbook, a .csv file or a CSV folder (a path ending in /)",
            out.display()
        ),
    }
    say!("wrote       {}", out.display());
    Ok(ExitCode::SUCCESS)
}
