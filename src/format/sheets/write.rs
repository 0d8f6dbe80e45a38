//! An instance as sheets of cells, and those sheets as a workbook (`.xlsx`: headers `中文
//! english`, a frozen header row, columns as wide as their Chinese text, numbers as numbers,
//! drop-down lists) or as CSV files (UTF-8 with a byte-order mark, or GBK).

use super::columns::{need_title, CellType, Choices, Sheet, SheetDef, KINDS, POLICY_KEYS, SHEETS};
use super::encoding::{encode, TextEncoding};
use crate::format::spec::*;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Workbook, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// One written cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing (the default applies).
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
}

/// One sheet to write: its definition, headers, drop-down words per column and rows.
#[derive(Debug, Clone)]
pub struct SheetData {
    /// The sheet's name: `需求清单 demands`, or `说明` for instructions.
    pub name: String,
    /// Header cells, `中文 english`.
    pub headers: Vec<String>,
    /// Drop-down words per column.
    pub choices: Vec<Choices>,
    /// The rows below the header.
    pub rows: Vec<Vec<Value>>,
}

/// The separator lists are written with.
const LIST_SEPARATOR: &str = "、";

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Empty, text)
}

fn opt_number(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Number)
}

fn list(items: &Option<Vec<String>>) -> Value {
    items.as_ref().map_or(Value::Empty, |l| Value::Text(l.join(LIST_SEPARATOR)))
}

fn lat_lon(at: &Option<[f64; 2]>, en: &str) -> Value {
    opt_number(at.map(|a| if en == "lat" { a[0] } else { a[1] }))
}

/// The value of column `en` of item `i` of `sheet`.
fn value(spec: &InstanceSpec, sheet: Sheet, i: usize, en: &str) -> Value {
    match sheet {
        Sheet::Slots => {
            let s = &spec.slots.as_deref().unwrap_or_default()[i];
            match en {
                "id" => text(&s.id),
                "hours" => opt_number(s.hours),
                _ => Value::Empty,
            }
        }
        Sheet::Regions => {
            let r = &spec.regions[i];
            match en {
                "id" => text(&r.id),
                "parent" => opt_text(&r.parent),
                "level" => opt_text(&r.level),
                "name" => opt_text(&r.name),
                _ => Value::Empty,
            }
        }
        Sheet::Units => {
            let u = &spec.units[i];
            match en {
                "id" => text(&u.id),
                "name" => opt_text(&u.name),
                "region" => opt_text(&u.region),
                _ => Value::Empty,
            }
        }
        Sheet::Volunteers => {
            let v = &spec.volunteers[i];
            match en {
                "id" => text(&v.id),
                "name" => opt_text(&v.name),
                "region" => opt_text(&v.region),
                "unit" => opt_text(&v.unit),
                "lat" | "lon" => lat_lon(&v.at, en),
                "skills" => list(&v.skills),
                "hours" => opt_number(v.hours),
                "slots" => list(&v.slots),
                "max_tasks" => opt_number(v.max_tasks.map(|t| t as f64)),
                "max_standby" => opt_number(v.max_standby.map(|t| t as f64)),
                _ => Value::Empty,
            }
        }
        Sheet::Resources => {
            let r = &spec.resources[i];
            match en {
                "id" => text(&r.id),
                "unit" => opt_text(&r.unit),
                "kind" => text(&r.kind),
                "amount" => Value::Number(r.amount),
                "serves" => Value::Text(r.serves.join(LIST_SEPARATOR)),
                _ => Value::Empty,
            }
        }
        Sheet::Demands => {
            let d = &spec.demands[i];
            match en {
                "id" => text(&d.id),
                "region" => opt_text(&d.region),
                "lat" | "lon" => lat_lon(&d.at, en),
                "kind" => opt_text(&d.kind),
                "title" => opt_text(&d.title),
                "skills" => list(&d.skills),
                "people" => opt_number(d.people.map(|p| p as f64)),
                "standby" => opt_number(d.standby.map(|p| p as f64)),
                "hours" => opt_number(d.hours),
                "slots" => list(&d.slots),
                "needs" => d.needs.as_ref().map_or(Value::Empty, |needs| needs_text(needs)),
                "weight" => opt_number(d.weight),
                "must" => d.must.map_or(Value::Empty, |m| text(if m { "是" } else { "否" })),
                _ => Value::Empty,
            }
        }
        Sheet::Arcs => {
            let a = &spec.arcs[i];
            match en {
                "demand" => text(&a.demand),
                "volunteer" => text(&a.volunteer),
                "cost" => opt_number(a.cost),
                "hours" => opt_number(a.hours),
                _ => Value::Empty,
            }
        }
        Sheet::Policy | Sheet::Changes => Value::Empty,
    }
}

/// `funds:120; venue:1`, or `-` for an explicitly empty list.
fn needs_text(needs: &[NeedSpec]) -> Value {
    if needs.is_empty() {
        return text("-");
    }
    Value::Text(needs.iter().map(|n| format!("{}:{}", n.kind, n.amount)).collect::<Vec<_>>().join("; "))
}

fn item_count(spec: &InstanceSpec, sheet: Sheet) -> usize {
    match sheet {
        Sheet::Slots => spec.slots.as_ref().map_or(0, Vec::len),
        Sheet::Regions => spec.regions.len(),
        Sheet::Units => spec.units.len(),
        Sheet::Volunteers => spec.volunteers.len(),
        Sheet::Resources => spec.resources.len(),
        Sheet::Demands => spec.demands.len(),
        Sheet::Arcs => spec.arcs.len(),
        Sheet::Policy | Sheet::Changes => 0,
    }
}

/// The order of need columns when every demand's needs can be written one column per kind
/// and read back as they are (same kinds in the same order, no kind twice, no explicitly
/// empty list, no kind named like another column); `None` when the needs cell is needed.
///
/// With `every_kind` (the template) the known kinds get columns even when unused.
fn need_columns(spec: &InstanceSpec, def: &SheetDef, every_kind: bool) -> Option<Vec<String>> {
    let mut order: Vec<String> = KINDS.iter().map(|k| k.en.to_string()).collect();
    let mut before: Vec<(usize, usize)> = Vec::new();
    for d in &spec.demands {
        let Some(needs) = &d.needs else { continue };
        if needs.is_empty() {
            return None;
        }
        let mut positions = Vec::new();
        for need in needs {
            let p = order.iter().position(|k| *k == need.kind).unwrap_or_else(|| {
                order.push(need.kind.clone());
                order.len() - 1
            });
            if positions.contains(&p) {
                return None;
            }
            positions.push(p);
        }
        before.extend(positions.windows(2).map(|w| (w[0], w[1])));
    }
    before.sort_unstable();
    before.dedup();
    let clash = |kind: &str| def.columns.iter().any(|c| super::columns::names(kind, c.zh, c.en, c.aliases));
    if order.iter().any(|k| clash(k) || k.trim() != k || k.is_empty()) {
        return None;
    }
    // Kinds in an order that keeps every demand's order: repeatedly take the first kind that
    // no remaining kind must precede.
    let mut left: Vec<usize> = (0..order.len()).collect();
    let mut sorted = Vec::new();
    while !left.is_empty() {
        let free = left.iter().position(|&k| !before.iter().any(|&(a, b)| b == k && left.contains(&a)))?;
        sorted.push(order[left.remove(free)].clone());
    }
    let used: Vec<&String> = spec.demands.iter().flat_map(|d| d.needs.iter().flatten().map(|n| &n.kind)).collect();
    Some(sorted.into_iter().filter(|k| every_kind || used.contains(&k)).collect())
}

/// The sheets of `spec`. With `every_column` (the template) every sheet and column is written;
/// otherwise only sheets with items and columns with values.
pub fn sheets_of(spec: &InstanceSpec, every_column: bool) -> Vec<SheetData> {
    let mut out = Vec::new();
    for def in &SHEETS {
        if def.sheet == Sheet::Policy {
            if let Some(policy) = policy_sheet(spec, def, every_column) {
                out.push(policy);
            }
            continue;
        }
        let count = item_count(spec, def.sheet);
        let present = match def.sheet {
            Sheet::Slots => spec.slots.is_some(),
            _ => count > 0 || def.required,
        };
        if !present && !every_column {
            continue;
        }
        let kinds = if def.sheet == Sheet::Demands { need_columns(spec, def, every_column) } else { Some(Vec::new()) };
        let mut columns: Vec<&'static str> = Vec::new();
        let mut sheet =
            SheetData { name: def.title(), headers: Vec::new(), choices: Vec::new(), rows: vec![Vec::new(); count] };
        for c in def.columns {
            let skip = match c.cell {
                CellType::Point => true,
                CellType::Notes => !every_column,
                CellType::Needs => kinds.is_some(),
                _ => false,
            };
            let used =
                every_column || c.required || (0..count).any(|i| value(spec, def.sheet, i, c.en) != Value::Empty);
            if skip || !used {
                continue;
            }
            columns.push(c.en);
            sheet.headers.push(c.title());
            sheet.choices.push(c.choices);
            for (i, row) in sheet.rows.iter_mut().enumerate() {
                row.push(value(spec, def.sheet, i, c.en));
            }
        }
        if def.sheet == Sheet::Demands {
            add_need_columns(spec, &mut sheet, &columns, kinds.unwrap_or_default());
        }
        out.push(sheet);
    }
    out
}

/// One column per need kind, placed after the demands' slots column.
fn add_need_columns(spec: &InstanceSpec, sheet: &mut SheetData, columns: &[&str], kinds: Vec<String>) {
    let at = columns.iter().position(|c| *c == "slots" || *c == "needs").map_or(columns.len(), |p| p + 1);
    for (n, kind) in kinds.iter().enumerate() {
        sheet.headers.insert(at + n, need_title(kind));
        sheet.choices.insert(at + n, Choices::Free);
        for (d, row) in spec.demands.iter().zip(&mut sheet.rows) {
            let amount = d.needs.iter().flatten().find(|need| need.kind == *kind).map(|need| need.amount);
            row.insert(at + n, opt_number(amount));
        }
    }
}

fn policy_sheet(spec: &InstanceSpec, def: &'static SheetDef, every_column: bool) -> Option<SheetData> {
    let p = &spec.policy;
    let f = p.fairness.as_ref();
    let mut rows = Vec::new();
    for key in POLICY_KEYS {
        let value = match key.en {
            "name" => opt_text(&spec.name),
            "max_km" => opt_number(p.max_km),
            "travel_weight" => opt_number(p.travel_weight),
            "max_tasks_per_slot" => opt_number(p.max_tasks_per_slot),
            "fairness.level" => f.map_or(Value::Empty, |f| opt_text(&f.level)),
            "fairness.min_coverage" => opt_number(f.and_then(|f| f.min_coverage)),
            _ => opt_number(f.and_then(|f| f.penalty)),
        };
        if value != Value::Empty {
            rows.push(vec![Value::Text(key.title()), value, text(key.about_zh)]);
        }
    }
    if rows.is_empty() && !every_column {
        return None;
    }
    let headers = def.columns.iter().map(|c| c.title()).collect();
    Some(SheetData { name: def.title(), headers, choices: vec![Choices::Free; 3], rows })
}

/// Display width of a column: its widest cell, within limits that keep sheets usable.
fn column_width(sheet: &SheetData, col: usize) -> f64 {
    let widest = sheet
        .rows
        .iter()
        .map(|r| match &r[col] {
            Value::Text(t) => t.width(),
            Value::Number(x) => format!("{x}").len(),
            Value::Empty => 0,
        })
        .chain(std::iter::once(sheet.headers[col].width()))
        .max()
        .unwrap_or(0);
    (widest.clamp(6, 60) + 2) as f64
}

/// The workbook of `sheets`, with a `说明` instructions sheet when `instructions` is given;
/// the same sheets always give the same bytes.
pub fn workbook_bytes(sheets: &[SheetData], instructions: Option<&SheetData>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes of a workbook a function of its instance alone.
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title("civic-match/1"));
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    for sheet in sheets.iter().chain(instructions) {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, header) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, header, &bold)?;
            ws.set_column_width(c as u16, column_width(sheet, c))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match value {
                    Value::Empty => {}
                    Value::Text(t) => {
                        ws.write_string(r, c, t)?;
                    }
                    Value::Number(x) => {
                        ws.write_number(r, c, *x)?;
                    }
                }
            }
        }
        for (c, choices) in sheet.choices.iter().enumerate() {
            if let Some((words, open)) = choices.words() {
                let style =
                    if open { DataValidationErrorStyle::Information } else { DataValidationErrorStyle::Warning };
                let validation = DataValidation::new().allow_list_strings(&words)?.set_error_style(style);
                ws.add_data_validation(1, c as u16, 1_048_575, c as u16, &validation)?;
            }
        }
    }
    workbook.save_to_buffer()
}

/// The CSV files of `sheets` (`需求清单 demands.csv`, ...) in `encoding`.
pub fn csv_files(sheets: &[SheetData], encoding: TextEncoding) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for sheet in sheets {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| e.to_string();
        writer.write_record(&sheet.headers).map_err(io)?;
        for row in &sheet.rows {
            let cells = row.iter().map(|v| match v {
                Value::Empty => String::new(),
                Value::Text(t) => t.clone(),
                Value::Number(x) => format!("{x}"),
            });
            writer.write_record(cells).map_err(io)?;
        }
        let bytes = writer.into_inner().map_err(|e| e.to_string())?;
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        let name = format!("{}.csv", sheet.name);
        let encoded = encode(&text, encoding).map_err(|e| format!("{name}: {e}"))?;
        files.push((name, encoded));
    }
    Ok(files)
}
