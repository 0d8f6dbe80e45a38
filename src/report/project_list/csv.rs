//! The project list as a folder of CSV files, one per sheet (`项目清单.csv`, ...), UTF-8 with a
//! byte-order mark so that Excel and WPS open the Chinese text correctly.

use super::table::Sheet;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The files of the CSV folder: one `(file name, bytes)` per sheet, the header row first and
/// then every row of the sheet (task-card headings included), dates as `YYYY-MM-DD`.
pub fn csv_files(sheets: &[Sheet]) -> csv::Result<Vec<(String, Vec<u8>)>> {
    sheets.iter().map(|sheet| Ok((format!("{}.csv", sheet.name), csv_bytes(sheet)?))).collect()
}

fn csv_bytes(sheet: &Sheet) -> csv::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record(&sheet.columns)?;
    for row in &sheet.rows {
        let mut cells: Vec<String> = row.cells.iter().map(|c| c.to_text()).collect();
        cells.resize(sheet.columns.len(), String::new());
        out.write_record(&cells)?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
