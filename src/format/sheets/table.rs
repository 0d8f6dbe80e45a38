//! A spreadsheet as grids of typed cells: the sheets of a workbook (`.xlsx`, `.xlsm`, `.xls`,
//! `.ods`, read with calamine) or a folder of CSV files, one file per sheet (each read in the
//! encoding it was saved in).

use super::encoding::{decode, FileEncodings, TextEncoding};
use crate::format::error::{CellIssue, FormatError};
use crate::format::read::{read_limited, MAX_INPUT_BYTES};
use calamine::{Data, Range, Reader};
use std::path::{Path, PathBuf};

/// One sheet: its name, the file it came from and its cells (absolute positions, `(0, 0)` is A1).
#[derive(Debug)]
pub struct Table {
    /// The sheet name, or the CSV file's stem.
    pub name: String,
    /// The workbook, or the CSV file.
    pub file: PathBuf,
    /// The cells; CSV cells are all text.
    pub grid: Range<Data>,
}

/// Extensions of the workbooks calamine reads.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// A problem with a whole file (no sheet or cell).
pub fn file_issue(file: &Path, code: &'static str, message: String) -> CellIssue {
    CellIssue { file: file.to_path_buf(), sheet: None, cell: None, header: None, code, message }
}

fn refused(file: &Path, issue: CellIssue) -> FormatError {
    FormatError::Sheet { file: file.to_path_buf(), issues: vec![issue] }
}

fn check_size(file: &Path) -> Result<(), FormatError> {
    let size = std::fs::metadata(file).map_err(|source| FormatError::Io { file: file.to_path_buf(), source })?.len();
    if size > MAX_INPUT_BYTES {
        return Err(FormatError::TooLarge { file: file.to_path_buf(), size, limit: MAX_INPUT_BYTES });
    }
    Ok(())
}

/// Every sheet of a workbook.
pub fn read_workbook(file: &Path) -> Result<Vec<Table>, FormatError> {
    check_size(file)?;
    let unreadable = |e: calamine::Error| {
        let message = format!("cannot be read as a workbook (.xlsx, .xlsm, .xls, .ods): {e}");
        refused(file, file_issue(file, "E2115", message))
    };
    // The workbook reader can fail on malformed content by panicking (an overflow on an
    // absurd cell reference in builds with overflow checks, found by fuzzing); that is one more
    // unreadable file, not a crash of the tool.
    let read = std::panic::catch_unwind(|| -> Result<Vec<Table>, FormatError> {
        let mut workbook = calamine::open_workbook_auto(file).map_err(unreadable)?;
        let mut tables = Vec::new();
        for name in workbook.sheet_names() {
            let grid = workbook.worksheet_range(&name).map_err(unreadable)?;
            tables.push(Table { name, file: file.to_path_buf(), grid });
        }
        Ok(tables)
    });
    read.unwrap_or_else(|_| {
        let message = "cannot be read as a workbook (.xlsx, .xlsm, .xls, .ods): its content is malformed".to_string();
        Err(refused(file, file_issue(file, "E2115", message)))
    })
}

/// Every `.csv` file of a folder (in name order), with the encoding each was read in.
/// Encoding problems of all files are reported together.
pub fn read_csv_folder(dir: &Path) -> Result<(Vec<Table>, FileEncodings), FormatError> {
    let io = |source| FormatError::Io { file: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    if files.is_empty() {
        let message = "holds no .csv file; a CSV instance is a folder with one file per sheet".to_string();
        return Err(refused(dir, file_issue(dir, "E2115", message)));
    }
    let (mut tables, mut encodings, mut issues) = (Vec::new(), Vec::new(), Vec::new());
    for file in files {
        match csv_table(&file)? {
            Ok((table, encoding)) => {
                tables.push(table);
                encodings.push((file, encoding));
            }
            Err(issue) => issues.push(issue),
        }
    }
    if !issues.is_empty() {
        return Err(FormatError::Sheet { file: dir.to_path_buf(), issues });
    }
    Ok((tables, encodings))
}

/// One CSV file as a sheet named after the file's stem, with the encoding it was read in; text
/// that is no CSV in a known encoding is an E2114 issue.
fn csv_table(file: &Path) -> Result<Result<(Table, TextEncoding), CellIssue>, FormatError> {
    let bytes = read_limited(file)?;
    Ok(match decode(&bytes).and_then(|(text, encoding)| Ok((csv_grid(&text)?, encoding))) {
        Ok((grid, encoding)) => {
            let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((Table { name, file: file.to_path_buf(), grid }, encoding))
        }
        Err(message) => Err(file_issue(file, "E2114", message)),
    })
}

/// One CSV file (a sheet on its own, e.g. the changes of `replan`), with its encoding.
pub fn read_csv_file(file: &Path) -> Result<(Table, TextEncoding), FormatError> {
    csv_table(file)?.map_err(|issue| refused(file, issue))
}

/// The cells of CSV text, every non-empty one as text.
fn csv_grid(text: &str) -> Result<Range<Data>, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut width = 0;
    for record in reader.records() {
        let record = record.map_err(|e| format!("is not readable CSV: {e}"))?;
        width = width.max(record.len());
        rows.push(record);
    }
    if rows.is_empty() || width == 0 {
        return Ok(Range::empty());
    }
    let mut grid = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, record) in rows.iter().enumerate() {
        for (c, field) in record.iter().enumerate().filter(|(_, f)| !f.trim().is_empty()) {
            grid.set_value((r as u32, c as u32), Data::String(field.to_string()));
        }
    }
    Ok(grid)
}

/// The A1 name of a column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut name = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        name.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_the_spreadsheet_convention() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn csv_cells_keep_their_positions() {
        let grid = csv_grid("a,b\n,c,d\n").unwrap();
        assert_eq!(grid.get_value((1, 2)), Some(&Data::String("d".into())));
        assert_eq!(grid.get_value((1, 0)), Some(&Data::Empty));
    }
}
