//! The month's project list (项目清单) as a planner prints it for the meeting (议事协商会议),
//! each community and each volunteer: a workbook or a folder of CSV files with five sheets.
//!
//! | sheet | one row per |
//! |---|---|
//! | `项目清单` | met demand: id, street, community, title, kind, date, half-day, slot, people, volunteers' names and ids, standby (name and id of each backup), hours, weight, supplies (kind, amount, owner unit, resource) and the amount per resource kind |
//! | `按社区` | region of the tally's grouping level (community): demands, met, weight, weight met, weight met %, the fairness floor and whether it is met (when fairness compares that level), volunteer hours, amount supplied per kind |
//! | `志愿者任务` | volunteer with tasks (a heading row: id, name, task count, home community, hours) followed by one row per task in date order: date, half-day, demand, title, community, latitude, longitude, hours, team mates |
//! | `未满足` | unmet demand: id, street, community, title, kind, weight, must, reason code (U01..U09), reason |
//! | `汇总` | figure of the month: instance, solver, seed, seconds, status, objective, bound, gap, demands met and total, shares met, the lowest community, the fairness floor, volunteers with tasks, hours and amounts supplied |
//!
//! The content is built once as a neutral table model ([`table`]) from the problem, the plan's
//! solution file and its tally ([`project_list`]), then written by [`xlsx`] or [`csv`], so the
//! two forms hold the same rows.

mod cards;
pub mod csv;
mod figures;
mod labels;
mod sheets;
pub mod table;
pub mod xlsx;

pub use labels::Labels;
pub use sheets::project_list;

use crate::format::{write_atomically, write_folder_atomically};
use std::io;
use std::path::{Path, PathBuf};
use table::Sheet;

/// The two forms of the written project list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListForm {
    /// One `.xlsx` workbook.
    Workbook,
    /// A folder with one UTF-8 (BOM) CSV file per sheet.
    CsvFolder,
}

impl ListForm {
    /// The form an output path asks for: `.xlsx` a workbook; a path ending in `/`, a name
    /// ending in `.csv` or an existing folder a CSV folder; anything else (a `.json` plan)
    /// neither.
    pub fn of(path: &Path) -> Option<ListForm> {
        let text = path.as_os_str().to_string_lossy();
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir() {
            return Some(ListForm::CsvFolder);
        }
        match extension.as_deref() {
            Some("xlsx") => Some(ListForm::Workbook),
            Some("csv") => Some(ListForm::CsvFolder),
            _ => None,
        }
    }
}

/// `path` without a trailing separator, the name the list is written under.
pub fn list_path(path: &Path) -> PathBuf {
    path.components().collect()
}

/// The written form of a project list, rendered in memory so that nothing is written until
/// every byte is ready.
#[derive(Debug, Clone, PartialEq)]
pub enum Rendered {
    /// The bytes of a workbook.
    Workbook(Vec<u8>),
    /// The files of a CSV folder.
    CsvFolder(Vec<(String, Vec<u8>)>),
}

impl Rendered {
    /// Renders `sheets` in `form`.
    pub fn new(sheets: &[Sheet], form: ListForm) -> io::Result<Rendered> {
        Ok(match form {
            ListForm::Workbook => Rendered::Workbook(xlsx::workbook_bytes(sheets).map_err(io::Error::other)?),
            ListForm::CsvFolder => Rendered::CsvFolder(csv::csv_files(sheets).map_err(io::Error::other)?),
        })
    }

    /// Writes the list to `path` atomically: a file or folder appears whole or not at all.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let path = list_path(path);
        match self {
            Rendered::Workbook(bytes) => write_atomically(&path, bytes),
            Rendered::CsvFolder(files) => write_folder_atomically(&path, files),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_path_chooses_the_form() {
        assert_eq!(ListForm::of(Path::new("plan.xlsx")), Some(ListForm::Workbook));
        assert_eq!(ListForm::of(Path::new("out/PLAN.XLSX")), Some(ListForm::Workbook));
        assert_eq!(ListForm::of(Path::new("list.csv")), Some(ListForm::CsvFolder));
        assert_eq!(ListForm::of(Path::new("no-such-folder/")), Some(ListForm::CsvFolder));
        assert_eq!(ListForm::of(Path::new(env!("CARGO_MANIFEST_DIR"))), Some(ListForm::CsvFolder));
        assert_eq!(ListForm::of(Path::new("plan.json")), None);
        assert_eq!(ListForm::of(Path::new("plan")), None);
        assert_eq!(list_path(Path::new("out/list/")), Path::new("out/list"));
        assert_eq!(list_path(Path::new("out/list/")).with_extension("json"), Path::new("out/list.json"));
    }
}
