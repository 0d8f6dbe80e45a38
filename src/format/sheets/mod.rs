//! The spreadsheet form of a `civic-match/1` instance: a workbook (`.xlsx`, `.xlsm`, `.xls`,
//! `.ods`) or a folder of CSV files, one sheet per list, as planners keep the demand list
//! (需求清单), the roster (双报到) and the resource list (资源清单) in Excel or WPS.
//!
//! [`columns`] is the one dictionary of sheets and columns; reading goes through [`table`]
//! (cells), [`header`] (which column is which) and [`read`] (rows into the serde types);
//! [`locate`] maps rule problems back to cells; [`write`](mod@write) and [`template`] write workbooks
//! and CSV folders.

pub mod cells;
pub mod columns;
pub mod encoding;
pub mod header;
pub mod locate;
pub mod read;
pub mod slots;
pub mod table;
pub mod template;
pub mod write;

pub use encoding::{FileEncodings, TextEncoding};
pub use locate::{ChangePlaces, Places};
pub use table::WORKBOOK_EXTENSIONS;

use crate::format::error::FormatError;
use crate::format::spec::InstanceSpec;
use crate::replan::ChangesSpec;
use std::path::Path;

/// Reads a workbook as an instance, with the place of every item.
pub fn read_workbook(file: &Path) -> Result<(InstanceSpec, Places), FormatError> {
    let tables = table::read_workbook(file)?;
    read::read_tables(file, &tables).map_err(|issues| FormatError::Sheet { file: file.to_path_buf(), issues })
}

/// Reads a folder of CSV files as an instance, with the place of every item and the
/// encoding of each file.
pub fn read_csv_folder(dir: &Path) -> Result<(InstanceSpec, Places, FileEncodings), FormatError> {
    let (tables, encodings) = table::read_csv_folder(dir)?;
    let (spec, places) =
        read::read_tables(dir, &tables).map_err(|issues| FormatError::Sheet { file: dir.to_path_buf(), issues })?;
    Ok((spec, places, encodings))
}

/// Reads the changes of `replan` from one CSV file or from the `变动 changes` sheet of a
/// workbook (its only sheet may have any name), against the instance `spec`, with the row of
/// every change.
pub fn read_changes_sheet(file: &Path, spec: &InstanceSpec) -> Result<(ChangesSpec, ChangePlaces), FormatError> {
    let is_csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let tables = if is_csv { vec![table::read_csv_file(file)?.0] } else { table::read_workbook(file)? };
    let def = &columns::CHANGES_SHEET;
    let read: Vec<&table::Table> = tables
        .iter()
        .filter(|t| !columns::IGNORED_SHEETS.iter().any(|i| columns::names(t.name.trim(), i, i, &[])))
        .collect();
    let named = read.iter().find(|t| columns::names(t.name.trim(), def.zh, def.en, def.aliases));
    let Some(table) = named.or(if read.len() == 1 { read.first() } else { None }) else {
        let sheets: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        let message = format!(
            "has no {} sheet (named {:?} or {:?}); its sheets are {}",
            def.title(),
            def.zh,
            def.en,
            sheets.join(", ")
        );
        let issues = vec![table::file_issue(file, "E2111", message)];
        return Err(FormatError::Sheet { file: file.to_path_buf(), issues });
    };
    read::read_change_table(table, spec).map_err(|issues| FormatError::Sheet { file: file.to_path_buf(), issues })
}

/// The workbook (`.xlsx`) of an instance, with a `说明` instructions sheet.
pub fn workbook_bytes(spec: &InstanceSpec) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    write::workbook_bytes(&write::sheets_of(spec, false), Some(&template::instructions()))
}

/// The CSV files (name, bytes) of an instance in `encoding`; fails naming a character GBK
/// cannot hold.
pub fn csv_files(spec: &InstanceSpec, encoding: TextEncoding) -> Result<Vec<(String, Vec<u8>)>, String> {
    write::csv_files(&write::sheets_of(spec, false), encoding)
}
