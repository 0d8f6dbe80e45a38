//! The project list as an `.xlsx` workbook a planner prints: frozen bold header rows repeated
//! on every printed page, columns as wide as their text, real dates and numbers, pages one
//! sheet wide, and a page per volunteer on the task-card sheet.

use super::table::{Cell, RowKind, Sheet};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// Excel holds at most this many manual page breaks per sheet; a sheet with more blocks is
/// printed without them (its header row still repeats on every page).
const MAX_PAGE_BREAKS: usize = 1023;

/// Sheets this wide (in characters) are printed in landscape.
const LANDSCAPE_WIDTH: f64 = 120.0;

/// Deflate level of the workbook's zip container: faster than the default level 6 for a file
/// about a sixth larger (a city month's list: 5.5 s instead of 7 s, 25 MB instead of 21 MB).
const ZIP_LEVEL: u8 = 3;

/// The cell formats of the workbook.
struct Formats {
    header: Format,
    heading: Format,
    date: Format,
    heading_date: Format,
}

impl Formats {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        let heading =
            Format::new().set_bold().set_background_color(Color::RGB(0xFCE4D6)).set_border_top(FormatBorder::Thin);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let heading_date = heading.clone().set_num_format("yyyy-mm-dd");
        Formats { header, heading, date, heading_date }
    }
}

/// The bytes of the workbook holding `sheets`, in order.
pub fn workbook_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_LEVEL);
    for sheet in sheets {
        write_sheet(workbook.add_worksheet_with_constant_memory()?, sheet, &formats)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    for (c, header) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, header, &formats.header)?;
    }
    let widths = sheet.widths();
    for (c, &w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    let mut breaks = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        let at = r as u32 + 1;
        let heading = row.kind == RowKind::Heading;
        if heading && r > 0 {
            breaks.push(at);
        }
        for (c, cell) in row.cells.iter().enumerate() {
            write_cell(ws, at, c as u16, cell, heading, formats)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_paper_size(9); // A4
    if widths.iter().sum::<f64>() > LANDSCAPE_WIDTH {
        ws.set_landscape();
    }
    if sheet.headings() > 0 {
        if breaks.len() <= MAX_PAGE_BREAKS {
            ws.set_page_breaks(&breaks)?;
        }
    } else if !sheet.rows.is_empty() && sheet.columns.len() > 2 {
        ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.columns.len() as u16 - 1)?;
    }
    Ok(())
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell, heading: bool, f: &Formats) -> Result<(), XlsxError> {
    match (cell, heading) {
        (Cell::Empty, false) => {}
        (Cell::Empty, true) => {
            ws.write_blank(r, c, &f.heading)?;
        }
        (Cell::Text(text), false) => {
            ws.write_string(r, c, text)?;
        }
        (Cell::Text(text), true) => {
            ws.write_string_with_format(r, c, text, &f.heading)?;
        }
        (Cell::Number(x), false) => {
            ws.write_number(r, c, *x)?;
        }
        (Cell::Integer(n), false) => {
            ws.write_number(r, c, *n as f64)?;
        }
        (Cell::Number(x), true) => {
            ws.write_number_with_format(r, c, *x, &f.heading)?;
        }
        (Cell::Integer(n), true) => {
            ws.write_number_with_format(r, c, *n as f64, &f.heading)?;
        }
        (Cell::Date(serial), heading) => {
            ws.write_number_with_format(r, c, *serial, if heading { &f.heading_date } else { &f.date })?;
        }
    }
    Ok(())
}
