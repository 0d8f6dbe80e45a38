//! From JSON paths back to cells: validation and the `must`-demand rules report problems at
//! JSON paths (`demands[12].slots[0]`); a spreadsheet instance reports them at the sheet and
//! cell the value was read from.

use super::columns::{sheet_def, Sheet, CHANGES_SHEET, SHEETS, SHEET_COUNT};
use super::header::Header;
use super::table::column_name;
use crate::format::error::{CellIssue, Issue};
use std::path::{Path, PathBuf};

/// Where one sheet's items were read.
#[derive(Debug, Clone)]
pub struct SheetPlace {
    /// The workbook or CSV file.
    pub file: PathBuf,
    /// The sheet's name as written.
    pub name: String,
    /// Its header.
    pub header: Header,
    /// The row of each item, by list index.
    pub rows: Vec<u32>,
}

/// Where every list item and field of a spreadsheet instance was read.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Per sheet (indexed by [`Sheet`]), when present.
    pub sheets: [Option<SheetPlace>; SHEET_COUNT],
    /// Per demand, the column of each of its needs.
    pub need_columns: Vec<Vec<u32>>,
    /// The row of each policy key given.
    pub policy_keys: Vec<(&'static str, u32)>,
}

/// Where each change of a changes sheet (or CSV file) was read.
#[derive(Debug, Clone)]
pub struct ChangePlaces {
    /// The workbook, or the CSV file.
    pub file: PathBuf,
    /// The sheet's name as written.
    pub name: String,
    /// Its header.
    pub header: Header,
    /// The row of each change, by index.
    pub rows: Vec<u32>,
}

impl ChangePlaces {
    /// The cell issue of an issue at a path of the changes (`changes[3].volunteer`).
    pub fn locate(&self, issue: Issue) -> CellIssue {
        let Issue { code, path, message } = issue;
        let (_, k, field, _) = split_path(&path);
        let sheet = Some(self.name.clone());
        let Some(&row) = k.and_then(|k| self.rows.get(k)) else {
            return CellIssue { file: self.file.clone(), sheet, cell: None, header: None, code, message };
        };
        let field = if field == "slot" { "slots" } else { field };
        let (cell, header) = match self.header.column(&CHANGES_SHEET, field) {
            Some((c, h)) => (format!("{}{}", column_name(c), row + 1), h.to_string()),
            None => (
                format!("row {}", row + 1),
                CHANGES_SHEET.column(field).map_or(String::new(), |i| CHANGES_SHEET.columns[i].title()),
            ),
        };
        let header = (!header.is_empty()).then_some(header);
        CellIssue { file: self.file.clone(), sheet, cell: Some(cell), header, code, message }
    }
}

/// `demands[12].slots[0]` as (`demands`, 12, `slots`, 0).
fn split_path(path: &str) -> (&str, Option<usize>, &str, Option<usize>) {
    let index = |s: &str| s.strip_suffix(']').and_then(|s| s.parse().ok());
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (list, i) = match head.split_once('[') {
        Some((list, i)) => (list, index(i)),
        None => (head, None),
    };
    let field = rest.split('.').next().unwrap_or("");
    let (field, k) = match field.split_once('[') {
        Some((f, k)) => (f, index(k)),
        None => (field, None),
    };
    (list, i, field, k)
}

impl Places {
    /// The cell issue of a JSON-path issue.
    pub fn locate(&self, source: &Path, issue: Issue) -> CellIssue {
        let Issue { code, path, message } = issue;
        let whole = |message: String| CellIssue {
            file: source.to_path_buf(),
            sheet: None,
            cell: None,
            header: None,
            code,
            message,
        };
        let (list, i, field, k) = split_path(&path);
        if list == "policy" {
            return self.locate_policy(source, &path, code, message);
        }
        let Some(def) = SHEETS.iter().find(|d| d.en == list) else { return whole(format!("{path}: {message}")) };
        let Some(place) = &self.sheets[def.sheet as usize] else { return whole(format!("{path}: {message}")) };
        let Some(row) = i.and_then(|i| place.rows.get(i)).copied() else {
            return CellIssue {
                file: place.file.clone(),
                sheet: Some(place.name.clone()),
                cell: None,
                header: None,
                code,
                message,
            };
        };
        let column = if def.sheet == Sheet::Demands && field == "needs" {
            let col = i.and_then(|i| self.need_columns.get(i)).and_then(|cols| cols.get(k.unwrap_or(0))).copied();
            col.map(|c| (c, header_of(&place.header, c)))
        } else {
            def.columns
                .iter()
                .enumerate()
                .filter(|(_, c)| !field.is_empty() && c.json == field)
                .find_map(|(n, _)| place.header.columns[n].clone())
        };
        let (cell, header) = match column {
            Some((c, header)) => (format!("{}{}", column_name(c), row + 1), Some(header)),
            None => {
                let wanted = def.columns.iter().find(|c| c.json == field).map(|c| c.title());
                (format!("row {}", row + 1), wanted)
            }
        };
        CellIssue { file: place.file.clone(), sheet: Some(place.name.clone()), cell: Some(cell), header, code, message }
    }

    fn locate_policy(&self, source: &Path, path: &str, code: &'static str, message: String) -> CellIssue {
        let key = path.trim_start_matches("policy.");
        let Some(place) = &self.sheets[Sheet::Policy as usize] else {
            return CellIssue {
                file: source.to_path_buf(),
                sheet: None,
                cell: None,
                header: None,
                code,
                message: format!("{path}: {message}"),
            };
        };
        let def = sheet_def(Sheet::Policy);
        let row = self.policy_keys.iter().find(|(k, _)| *k == key).map(|(_, r)| *r);
        let message = format!("{key}: {message}");
        let (cell, header) = match (row, place.header.column(def, "value")) {
            (Some(r), Some((c, h))) => (Some(format!("{}{}", column_name(c), r + 1)), Some(h.to_string())),
            _ => (None, None),
        };
        CellIssue { file: place.file.clone(), sheet: Some(place.name.clone()), cell, header, code, message }
    }
}

fn header_of(header: &Header, col: u32) -> String {
    let named = header.columns.iter().flatten().find(|(c, _)| *c == col).map(|(_, h)| h.clone());
    named.or_else(|| header.needs.iter().find(|(_, c, _)| *c == col).map(|(_, _, h)| h.clone())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::split_path;

    #[test]
    fn paths_split_into_list_index_field_and_item() {
        assert_eq!(split_path("demands[12].slots[0]"), ("demands", Some(12), "slots", Some(0)));
        assert_eq!(split_path("demands[3].needs[1].amount"), ("demands", Some(3), "needs", Some(1)));
        assert_eq!(split_path("arcs[4]"), ("arcs", Some(4), "", None));
        assert_eq!(split_path("policy.fairness.level"), ("policy", None, "fairness", None));
    }
}
