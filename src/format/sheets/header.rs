//! The header row of a sheet: which column holds which field, each header cell matched
//! against the dictionary in Chinese or English, with unknown and repeated headers reported
//! (an unknown one with the closest known header).

use super::cells::text;
use super::columns::{hint, names, need_kind, need_title, Sheet, SheetDef};
use super::table::{column_name, Table};
use crate::format::error::CellIssue;
use calamine::Data;

/// Where a sheet's fields are: the header row and the column of each field.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header row (0-based).
    pub row: u32,
    /// Per column of the sheet's definition: its column and header as written.
    pub columns: Vec<Option<(u32, String)>>,
    /// Need columns of the demands sheet: kind, column, header as written.
    pub needs: Vec<(String, u32, String)>,
}

impl Header {
    /// The column and header of the definition's column `en`.
    pub fn column(&self, def: &SheetDef, en: &str) -> Option<(u32, &str)> {
        let i = def.column(en)?;
        self.columns[i].as_ref().map(|(c, h)| (*c, h.as_str()))
    }
}

/// An issue at a cell of `table`.
pub fn cell_issue(table: &Table, row: u32, col: u32, header: &str, code: &'static str, message: String) -> CellIssue {
    CellIssue {
        file: table.file.clone(),
        sheet: Some(table.name.clone()),
        cell: Some(format!("{}{}", column_name(col), row + 1)),
        header: (!header.is_empty()).then(|| header.to_string()),
        code,
        message,
    }
}

/// An issue about a whole sheet.
pub fn sheet_issue(table: &Table, code: &'static str, message: String) -> CellIssue {
    CellIssue { file: table.file.clone(), sheet: Some(table.name.clone()), cell: None, header: None, code, message }
}

/// The rows holding any value, from the top.
fn filled_rows(table: &Table) -> impl Iterator<Item = (u32, usize)> + '_ {
    let start = table.grid.start().map_or(0, |s| s.0);
    table.grid.rows().enumerate().filter_map(move |(r, row)| {
        let filled = row.iter().filter(|c| !matches!(c, Data::Empty)).count();
        (filled > 0).then_some((start + r as u32, filled))
    })
}

/// The header row: the first row with values, unless that row is a title above the table
/// (one cell that names no column, e.g. `2026年7月需求清单`), then the next one.
fn header_row(table: &Table, def: &SheetDef) -> Option<u32> {
    let mut rows = filled_rows(table);
    let (first, filled) = rows.next()?;
    let names_a_column = || {
        (0..=table.grid.end().map_or(0, |e| e.1))
            .filter_map(|c| table.grid.get_value((first, c)).and_then(|v| text(v).ok().flatten()))
            .any(|t| def.columns.iter().any(|c| names(&t, c.zh, c.en, c.aliases)))
    };
    match rows.next() {
        Some((next, _)) if filled == 1 && !names_a_column() => Some(next),
        _ => Some(first),
    }
}

/// Reads the header row of `table` as sheet `def`; `kinds` are the resource kinds need columns
/// may be named after. `None` for a sheet with no values at all.
pub fn read_header(table: &Table, def: &SheetDef, kinds: &[String], issues: &mut Vec<CellIssue>) -> Option<Header> {
    let row = header_row(table, def)?;
    let (c0, c1) = (table.grid.start()?.1, table.grid.end()?.1);
    let mut header = Header { row, columns: vec![None; def.columns.len()], needs: Vec::new() };
    for col in c0..=c1 {
        let cell = table.grid.get_value((row, col)).unwrap_or(&Data::Empty);
        let Ok(Some(title)) = text(cell) else {
            if column_has_values(table, row, col) {
                let message = "values stand under a column without a header".to_string();
                issues.push(cell_issue(table, row, col, "", "E2108", message));
            }
            continue;
        };
        let found = def.columns.iter().position(|c| names(&title, c.zh, c.en, c.aliases));
        if let Some(i) = found {
            match &header.columns[i] {
                Some((first, _)) => {
                    let message = format!(
                        "the column {} appears twice (first in column {})",
                        def.columns[i].title(),
                        column_name(*first)
                    );
                    issues.push(cell_issue(table, row, col, &title, "E2109", message));
                }
                None => header.columns[i] = Some((col, title)),
            }
            continue;
        }
        if matches!(def.sheet, Sheet::Demands | Sheet::Changes) {
            if let Some(kind) = need_kind(&title, kinds) {
                if let Some((_, first, _)) = header.needs.iter().find(|(k, _, _)| *k == kind) {
                    let message =
                        format!("a second column of need kind {kind:?} (first in column {})", column_name(*first));
                    issues.push(cell_issue(table, row, col, &title, "E2109", message));
                } else {
                    header.needs.push((kind, col, title));
                }
                continue;
            }
        }
        issues.push(cell_issue(table, row, col, &title, "E2108", unknown_column(def, &title, kinds)));
    }
    for (c, _) in def.columns.iter().zip(&header.columns).filter(|(c, at)| c.required && at.is_none()) {
        let message = format!("the required column {} is missing from the header row {}", c.title(), row + 1);
        issues.push(sheet_issue(table, "E2110", message));
    }
    let has = |en: &str| header.column(def, en).is_some();
    if has("lat") != has("lon") {
        let message = "latitude and longitude come as a pair: add the missing one of 纬度 lat / 经度 lon".to_string();
        issues.push(sheet_issue(table, "E2110", message));
    }
    Some(header)
}

fn column_has_values(table: &Table, header_row: u32, col: u32) -> bool {
    let end = table.grid.end().map_or(0, |e| e.0);
    (header_row + 1..=end).any(|r| table.grid.get_value((r, col)).is_some_and(|c| !matches!(c, Data::Empty)))
}

fn unknown_column(def: &SheetDef, title: &str, kinds: &[String]) -> String {
    let need_titles: Vec<String> = if matches!(def.sheet, Sheet::Demands | Sheet::Changes) {
        kinds.iter().map(|k| need_title(k)).collect()
    } else {
        Vec::new()
    };
    let mut entries: Vec<_> = def.columns.iter().map(|c| (c.title(), c.zh, c.en)).collect();
    entries.extend(need_titles.iter().map(|t| (t.clone(), "", "")));
    format!("unknown column {title:?} in {}; {}", def.title(), hint(title, &entries))
}
