//! The neutral table model of the project list: sheets of typed cells that the workbook and the
//! CSV writers render alike, so that both forms always hold the same rows and values.

use crate::format::SlotWhen;
use unicode_width::UnicodeWidthStr;

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, shown as is.
    Text(String),
    /// A number with a fraction (hours, amounts, weights, shares in %).
    Number(f64),
    /// A whole number (counts).
    Integer(i64),
    /// A calendar date as a spreadsheet serial date (days since 1899-12-30), so that the
    /// workbook holds a real date that sorts and filters as one.
    Date(f64),
}

impl Cell {
    /// A text cell, empty for empty text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// The cell as CSV text: numbers in their shortest exact form, dates as `YYYY-MM-DD`.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(x) => x.to_string(),
            Cell::Integer(n) => n.to_string(),
            Cell::Date(serial) => SlotWhen::from_serial_date(*serial)
                .map_or_else(String::new, |w| format!("{:04}-{:02}-{:02}", w.year.unwrap_or_default(), w.month, w.day)),
        }
    }

    /// Display width in columns of a fixed-width font (a Chinese character takes two).
    fn width(&self) -> usize {
        match self {
            Cell::Text(text) => text.width(),
            Cell::Date(_) => 10,
            other => other.to_text().len(),
        }
    }
}

/// What a row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An ordinary row of the list.
    Data,
    /// The heading row of a block (a volunteer's task card): printed bold, and the workbook
    /// starts a new page before it.
    Heading,
}

/// A row of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row is for.
    pub kind: RowKind,
    /// Its cells, one per column (fewer leave the rest empty).
    pub cells: Vec<Cell>,
}

impl Row {
    /// An ordinary row.
    pub fn data(cells: Vec<Cell>) -> Row {
        Row { kind: RowKind::Data, cells }
    }

    /// A block's heading row.
    pub fn heading(cells: Vec<Cell>) -> Row {
        Row { kind: RowKind::Heading, cells }
    }
}

/// One sheet: a header row of `中文 english` column names and the rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sheet name (also the CSV file's stem), e.g. `项目清单`.
    pub name: &'static str,
    /// Column headers.
    pub columns: Vec<String>,
    /// The rows below the header.
    pub rows: Vec<Row>,
}

/// Narrowest and widest column, in characters of a fixed-width font.
const WIDTH_RANGE: (usize, usize) = (6, 60);

impl Sheet {
    /// A sheet with `columns` and no rows yet.
    pub fn new(name: &'static str, columns: Vec<String>) -> Sheet {
        Sheet { name, columns, rows: Vec::new() }
    }

    /// Column widths that fit the widest cell of each column (header included), Chinese text
    /// counted two columns a character, within a range that keeps a sheet printable.
    pub fn widths(&self) -> Vec<f64> {
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.width()).collect();
        for row in self.rows.iter().filter(|r| r.kind == RowKind::Data) {
            for (w, cell) in widths.iter_mut().zip(&row.cells) {
                *w = (*w).max(cell.width());
            }
        }
        widths.into_iter().map(|w| (w + 2).clamp(WIDTH_RANGE.0, WIDTH_RANGE.1) as f64).collect()
    }

    /// How many rows are block headings (volunteers on the task-card sheet).
    pub fn headings(&self) -> usize {
        self.rows.iter().filter(|r| r.kind == RowKind::Heading).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_text_the_way_a_spreadsheet_shows_them() {
        assert_eq!(Cell::Number(120.0).to_text(), "120");
        assert_eq!(Cell::Number(1.5).to_text(), "1.5");
        assert_eq!(Cell::Integer(7).to_text(), "7");
        assert_eq!(Cell::Date(46206.0).to_text(), "2026-07-03");
        assert_eq!(Cell::text(""), Cell::Empty);
    }

    #[test]
    fn chinese_text_is_counted_two_columns_a_character() {
        let mut sheet = Sheet::new("s", vec!["需求 title".to_string(), "id".to_string()]);
        sheet.rows.push(Row::data(vec![Cell::text("独居老人更换灯泡更换灯泡"), Cell::text("d1")]));
        sheet.rows.push(Row::heading(vec![Cell::text("x".repeat(200))]));
        // 12 Chinese characters are 24 columns; the id column keeps the narrowest width; the
        // heading row does not widen the column.
        assert_eq!(sheet.widths(), vec![26.0, 6.0]);
        assert_eq!(sheet.headings(), 1);
    }
}
