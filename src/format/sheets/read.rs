//! Sheets to an instance: each row of each sheet read into the serde types of the JSON form,
//! every bad cell reported at its place, and the place of every list item and field kept so
//! that rule problems found later (validation, `must` demands) are reported at their cells.

use super::cells::{self, Bad};
use super::columns::{
    hint, names, need_kind, Sheet, SheetDef, CHANGES_SHEET, CHANGE_KINDS, IGNORED_SHEETS, POLICY_KEYS, SHEETS,
    SHEET_COUNT,
};
use super::header::{cell_issue, read_header, sheet_issue, Header};
use super::locate::{ChangePlaces, Places, SheetPlace};
use super::slots::SlotNames;
use super::table::{file_issue, Table};
use crate::format::error::CellIssue;
use crate::format::spec::*;
use crate::replan::{Change, ChangesSpec, CHANGES_FORMAT};
use calamine::Data;
use std::path::Path;

/// Reads the tables of a workbook or CSV folder as an instance; `source` names the input in
/// problems about it as a whole (a missing sheet).
pub fn read_tables(source: &Path, tables: &[Table]) -> Result<(InstanceSpec, Places), Vec<CellIssue>> {
    let mut issues = Vec::new();
    let by_sheet = assign_sheets(source, tables, &mut issues);
    let mut spec = InstanceSpec { format: INSTANCE_FORMAT.to_string(), ..Default::default() };
    let mut places = Places::default();
    let mut kinds: Vec<String> = Vec::new();
    let mut slot_names = SlotNames::new(std::iter::once("month"));
    for def in &SHEETS {
        let Some(table) = by_sheet[def.sheet as usize] else { continue };
        let Some(header) = read_header(table, def, &kinds, &mut issues) else {
            if def.required {
                issues.push(sheet_issue(
                    table,
                    "E2110",
                    format!("the {} sheet is empty; it needs a header row", def.title()),
                ));
            }
            continue;
        };
        let mut sheet = SheetReader { table, def, header, issues: &mut issues, rows: Vec::new(), slots: &slot_names };
        match def.sheet {
            Sheet::Slots => spec.slots = Some(sheet.items(slot)),
            Sheet::Regions => spec.regions = sheet.items(region),
            Sheet::Units => spec.units = sheet.items(unit),
            Sheet::Volunteers => spec.volunteers = sheet.items(volunteer),
            Sheet::Resources => spec.resources = sheet.items(resource),
            Sheet::Demands => {
                let mut need_columns = Vec::new();
                spec.demands = sheet.items(|row| {
                    let (demand, columns) = demand(row, &kinds);
                    need_columns.push(columns);
                    demand
                });
                places.need_columns = need_columns;
            }
            Sheet::Arcs => spec.arcs = sheet.items(arc),
            Sheet::Policy => {
                let keys = sheet.policy(&mut spec);
                places.policy_keys = keys;
            }
            Sheet::Changes => {}
        }
        let (header, rows) = (sheet.header, sheet.rows);
        match def.sheet {
            Sheet::Slots => {
                let ids = spec.slots.iter().flatten().map(|s| s.id.as_str());
                slot_names = SlotNames::new(ids);
            }
            Sheet::Resources => kinds = distinct(spec.resources.iter().map(|r| r.kind.as_str())),
            _ => {}
        }
        places.sheets[def.sheet as usize] =
            Some(SheetPlace { file: table.file.clone(), name: table.name.clone(), header, rows });
    }
    if issues.is_empty() {
        Ok((spec, places))
    } else {
        Err(issues)
    }
}

fn distinct<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Which table holds which sheet; unknown and repeated sheets and missing required ones are
/// reported.
fn assign_sheets<'t>(
    source: &Path,
    tables: &'t [Table],
    issues: &mut Vec<CellIssue>,
) -> [Option<&'t Table>; SHEET_COUNT] {
    let mut by_sheet: [Option<&Table>; SHEET_COUNT] = [None; SHEET_COUNT];
    for table in tables {
        let name = table.name.trim();
        if IGNORED_SHEETS.iter().any(|i| names(name, i, i, &[])) {
            continue;
        }
        let Some(def) = SHEETS.iter().find(|d| names(name, d.zh, d.en, d.aliases)) else {
            let entries: Vec<_> = SHEETS.iter().map(|d| (d.title(), d.zh, d.en)).collect();
            issues.push(sheet_issue(table, "E2116", format!("unknown sheet {name:?}; {}", hint(name, &entries))));
            continue;
        };
        match by_sheet[def.sheet as usize] {
            Some(first) => {
                let message =
                    format!("{} appears twice: as {:?} and as {:?}; keep one", def.title(), first.name, table.name);
                issues.push(sheet_issue(table, "E2112", message));
            }
            None => by_sheet[def.sheet as usize] = Some(table),
        }
    }
    for def in SHEETS.iter().filter(|d| d.required && by_sheet[d.sheet as usize].is_none()) {
        let message = format!("the required sheet {} is missing (named {:?} or {:?})", def.title(), def.zh, def.en);
        issues.push(file_issue(source, "E2111", message));
    }
    by_sheet
}

/// Reads the rows of one sheet.
struct SheetReader<'a> {
    table: &'a Table,
    def: &'static SheetDef,
    header: Header,
    issues: &'a mut Vec<CellIssue>,
    /// The row of each item read.
    rows: Vec<u32>,
    slots: &'a SlotNames,
}

impl<'a> SheetReader<'a> {
    /// Every non-empty row below the header, read by `item`.
    fn items<T>(&mut self, mut item: impl FnMut(&mut Row) -> T) -> Vec<T> {
        let end = self.table.grid.end().map_or(0, |e| e.0);
        let mut out = Vec::new();
        for r in self.header.row + 1..=end {
            if self.row_is_empty(r) {
                continue;
            }
            let mut row = Row { sheet: self, row: r };
            out.push(item(&mut row));
            self.rows.push(r);
        }
        out
    }

    fn row_is_empty(&self, r: u32) -> bool {
        let (c0, c1) = (self.table.grid.start().map_or(0, |s| s.1), self.table.grid.end().map_or(0, |e| e.1));
        (c0..=c1).all(|c| {
            self.table.grid.get_value((r, c)).is_none_or(|v| match v {
                Data::Empty => true,
                Data::String(s) => s.trim().is_empty(),
                _ => false,
            })
        })
    }

    /// The policy sheet's key / value rows into `spec`; the row of each key.
    fn policy(&mut self, spec: &mut InstanceSpec) -> Vec<(&'static str, u32)> {
        let mut keys: Vec<(&'static str, u32)> = Vec::new();
        let values = self.items(|row| {
            let key = row.text("key")?;
            let Some(def) = POLICY_KEYS.iter().find(|k| names(&key, k.zh, k.en, &[])) else {
                let entries: Vec<_> = POLICY_KEYS.iter().map(|k| (k.title(), k.zh, k.en)).collect();
                let hint = hint(&key, &entries);
                row.bad("key", ("E2113", format!("unknown policy key {key:?}; {hint}")));
                return None;
            };
            let value = match def.cell {
                super::columns::CellType::Number => row.read("value", cells::number).map(PolicyValue::Number),
                _ => row.text("value").map(PolicyValue::Text),
            };
            if value.is_none() && row.cell("value").is_some_and(|(c, _)| matches!(c, Data::Empty)) {
                row.bad("value", ("E2107", format!("the value of {} is empty", def.title())));
            }
            Some((def.en, row.row, value?))
        });
        for (key, r, value) in values.into_iter().flatten() {
            if let Some((_, first)) = keys.iter().find(|(k, _)| *k == key) {
                let message = format!("the policy key {key:?} is given twice (first in row {})", first + 1);
                let (col, header) =
                    self.header.column(self.def, "key").map_or((0, String::new()), |(c, h)| (c, h.to_string()));
                self.issues.push(cell_issue(self.table, r, col, &header, "E2118", message));
                continue;
            }
            keys.push((key, r));
            set_policy(spec, key, value);
        }
        keys
    }
}

/// A policy value as read.
enum PolicyValue {
    Number(f64),
    Text(String),
}

fn set_policy(spec: &mut InstanceSpec, key: &str, value: PolicyValue) {
    let (number, text) = match value {
        PolicyValue::Number(x) => (Some(x), None),
        PolicyValue::Text(t) => (None, Some(t)),
    };
    let fairness = || FairnessSpec::default();
    match key {
        "name" => spec.name = text,
        "max_km" => spec.policy.max_km = number,
        "travel_weight" => spec.policy.travel_weight = number,
        "max_tasks_per_slot" => spec.policy.max_tasks_per_slot = number,
        "fairness.level" => spec.policy.fairness.get_or_insert_with(fairness).level = text,
        "fairness.min_coverage" => spec.policy.fairness.get_or_insert_with(fairness).min_coverage = number,
        "fairness.penalty" => spec.policy.fairness.get_or_insert_with(fairness).penalty = number,
        _ => unreachable!("every policy key of the dictionary is set here"),
    }
}

/// One row being read.
struct Row<'r, 'a> {
    sheet: &'r mut SheetReader<'a>,
    row: u32,
}

impl Row<'_, '_> {
    /// The cell of column `en` and its column, when the sheet has the column.
    fn cell(&self, en: &str) -> Option<(&Data, u32)> {
        let (col, _) = self.sheet.header.column(self.sheet.def, en)?;
        Some((self.sheet.table.grid.get_value((self.row, col)).unwrap_or(&Data::Empty), col))
    }

    fn bad(&mut self, en: &str, (code, message): Bad) {
        let (col, header) =
            self.sheet.header.column(self.sheet.def, en).map_or((0, String::new()), |(c, h)| (c, h.to_string()));
        self.sheet.issues.push(cell_issue(self.sheet.table, self.row, col, &header, code, message));
    }

    /// Column `en` read by `parse`; a bad cell is reported and reads as empty.
    fn read<T>(&mut self, en: &str, parse: impl Fn(&Data) -> Result<Option<T>, Bad>) -> Option<T> {
        let result = parse(self.cell(en)?.0);
        result.unwrap_or_else(|bad| {
            self.bad(en, bad);
            None
        })
    }

    fn text(&mut self, en: &str) -> Option<String> {
        self.read(en, cells::text)
    }

    /// A column every row must fill, read by `parse` (reported when empty).
    fn required_with<T: Default>(&mut self, en: &str, parse: impl Fn(&Data) -> Result<Option<T>, Bad>) -> T {
        let value = self.read(en, parse);
        if value.is_none() && self.cell(en).is_some_and(|(c, _)| cells::text(c).is_ok_and(|t| t.is_none())) {
            let title = sheet_def_column_title(self.sheet.def, en);
            self.bad(en, ("E2107", format!("{title} is required in every row")));
        }
        value.unwrap_or_default()
    }

    /// A text column every row must fill.
    fn required(&mut self, en: &str) -> String {
        self.required_with(en, cells::text)
    }

    /// A column the change `title` reads and needs: reported when the sheet lacks the column
    /// or the row leaves it empty.
    fn needed<T>(&mut self, en: &str, title: &str, parse: impl Fn(&Data) -> Result<Option<T>, Bad>) -> Option<T> {
        let column = sheet_def_column_title(self.sheet.def, en);
        let Some((cell, _)) = self.cell(en) else {
            let message = format!("{title} needs the column {column}, which the sheet does not have");
            self.sheet.issues.push(CellIssue {
                file: self.sheet.table.file.clone(),
                sheet: Some(self.sheet.table.name.clone()),
                cell: Some(format!("row {}", self.row + 1)),
                header: Some(column),
                code: "E2110",
                message,
            });
            return None;
        };
        let empty = cells::text(cell).is_ok_and(|t| t.is_none());
        let value = self.read(en, parse);
        if empty {
            self.bad(en, ("E2107", format!("{title} needs {column}; the cell is empty")));
        }
        value
    }

    fn slots(&mut self, en: &str) -> Option<Vec<String>> {
        let names = self.sheet.slots;
        self.read(en, |c| names.list(c))
    }

    /// The location: latitude and longitude columns, or one `at` cell.
    fn at(&mut self) -> Option<[f64; 2]> {
        let lat = self.read("lat", cells::coordinate);
        let lon = self.read("lon", cells::coordinate);
        let point = self.read("at", cells::point);
        match (lat, lon) {
            (Some(lat), Some(lon)) => Some([lat, lon]),
            (Some(_), None) if self.cell("lon").is_some_and(|(c, _)| matches!(c, Data::Empty)) => {
                self.bad("lon", ("E2104", "the latitude is given but the longitude is empty".into()));
                None
            }
            (None, Some(_)) if self.cell("lat").is_some_and(|(c, _)| matches!(c, Data::Empty)) => {
                self.bad("lat", ("E2104", "the longitude is given but the latitude is empty".into()));
                None
            }
            _ => point,
        }
    }
}

fn sheet_def_column_title(def: &SheetDef, en: &str) -> String {
    def.column(en).map_or(en.to_string(), |i| def.columns[i].title())
}

fn slot(row: &mut Row) -> SlotSpec {
    let id = match row.cell("id") {
        Some((Data::DateTime(d), _)) => {
            let serial = d.as_f64();
            crate::format::SlotWhen::from_serial_date(serial).map(|w| w.canonical_id())
        }
        _ => None,
    };
    let id = id.unwrap_or_else(|| row.required("id"));
    SlotSpec { id, hours: row.read("hours", cells::number) }
}

fn region(row: &mut Row) -> RegionSpec {
    RegionSpec { id: row.required("id"), parent: row.text("parent"), level: row.text("level"), name: row.text("name") }
}

fn unit(row: &mut Row) -> UnitSpec {
    UnitSpec { id: row.required("id"), name: row.text("name"), region: row.text("region") }
}

fn volunteer(row: &mut Row) -> VolunteerSpec {
    VolunteerSpec {
        id: row.required("id"),
        name: row.text("name"),
        region: row.text("region"),
        unit: row.text("unit"),
        at: row.at(),
        skills: row.read("skills", cells::words),
        hours: row.read("hours", cells::number),
        slots: row.slots("slots"),
        max_tasks: row.read("max_tasks", cells::whole),
        max_standby: row.read("max_standby", cells::whole),
    }
}

fn resource(row: &mut Row) -> ResourceSpec {
    ResourceSpec {
        id: row.required("id"),
        unit: row.text("unit"),
        kind: row.required("kind"),
        amount: row.required_with("amount", cells::number),
        serves: row.read("serves", cells::words).unwrap_or_default(),
    }
}

/// A demand and, per need, the column it came from.
fn demand(row: &mut Row, kinds: &[String]) -> (DemandSpec, Vec<u32>) {
    let mut d = DemandSpec {
        id: row.required("id"),
        region: row.text("region"),
        at: row.at(),
        kind: row.text("kind"),
        title: row.text("title"),
        skills: row.read("skills", cells::words),
        people: row.read("people", cells::whole),
        standby: row.read("standby", cells::whole),
        hours: row.read("hours", cells::number),
        slots: row.slots("slots"),
        needs: None,
        weight: row.read("weight", cells::number),
        must: row.read("must", cells::boolean),
        age: None,
        series: None,
    };
    let mut needs: Vec<NeedSpec> = Vec::new();
    let mut columns = Vec::new();
    if let Some(cell_needs) = row.read("needs", |c| needs_cell(c, kinds)) {
        let col = row.cell("needs").map_or(0, |(_, c)| c);
        columns.extend(std::iter::repeat_n(col, cell_needs.len()));
        needs.extend(cell_needs);
    }
    let need_columns = row.sheet.header.needs.clone();
    for (kind, col, header) in need_columns {
        let cell = row.sheet.table.grid.get_value((row.row, col)).unwrap_or(&Data::Empty);
        match cells::number(cell) {
            Ok(Some(amount)) => {
                needs.push(NeedSpec { kind, amount });
                columns.push(col);
            }
            Ok(None) => {}
            Err((code, message)) => {
                row.sheet.issues.push(cell_issue(row.sheet.table, row.row, col, &header, code, message))
            }
        }
    }
    d.needs = (!needs.is_empty() || row.cell("needs").is_some_and(|(c, _)| is_none_word(c))).then_some(needs);
    (d, columns)
}

/// A needs cell that says "none" explicitly: `-` or 无.
fn is_none_word(cell: &Data) -> bool {
    matches!(cell, Data::String(s) if matches!(s.trim(), "-" | "无" | "none"))
}

/// `funds:120; venue:1` (also `资金：120`, `funds=120`), `None` when empty.
fn needs_cell(cell: &Data, kinds: &[String]) -> Result<Option<Vec<NeedSpec>>, Bad> {
    if is_none_word(cell) {
        return Ok(None);
    }
    let Some(text) = cells::text(cell)? else { return Ok(None) };
    let bad = |why: String| ("E2106", format!("{} is not a list of `kind:amount` ({why})", cells::shown(cell)));
    let mut needs = Vec::new();
    for item in text.split([';', '；', '、', ',', '，', '\n']).map(str::trim).filter(|i| !i.is_empty()) {
        let Some((kind, amount)) = item.split_once([':', '：', '=']) else {
            return Err(bad(format!("{item:?} has no `:`")));
        };
        let kind = need_kind(kind, kinds).unwrap_or_else(|| kind.trim().to_string());
        let amount = cells::number(&Data::String(amount.to_string()))
            .ok()
            .flatten()
            .ok_or_else(|| bad(format!("{:?} is not an amount", amount.trim())))?;
        if kind.is_empty() {
            return Err(bad(format!("{item:?} names no kind")));
        }
        needs.push(NeedSpec { kind, amount });
    }
    Ok(Some(needs))
}

fn arc(row: &mut Row) -> ArcSpec {
    ArcSpec {
        demand: row.required("demand"),
        volunteer: row.required("volunteer"),
        cost: row.read("cost", cells::number),
        hours: row.read("hours", cells::number),
    }
}

/// Reads the changes sheet (or CSV file) `table` against the instance `spec` (whose slots
/// date cells are mapped onto and whose resource kinds name need columns of added demands).
pub fn read_change_table(table: &Table, spec: &InstanceSpec) -> Result<(ChangesSpec, ChangePlaces), Vec<CellIssue>> {
    let def = &CHANGES_SHEET;
    let mut issues = Vec::new();
    let kinds = distinct(spec.resources.iter().map(|r| r.kind.as_str()));
    let slot_names = match &spec.slots {
        Some(slots) => SlotNames::new(slots.iter().map(|s| s.id.as_str())),
        None => SlotNames::new(std::iter::once("month")),
    };
    let Some(header) = read_header(table, def, &kinds, &mut issues) else {
        issues.push(sheet_issue(table, "E2110", format!("the {} sheet is empty; it needs a header row", def.title())));
        return Err(issues);
    };
    let mut sheet = SheetReader { table, def, header, issues: &mut issues, rows: Vec::new(), slots: &slot_names };
    let changes = sheet.items(|row| change(row, &kinds));
    let (header, rows) = (sheet.header, sheet.rows);
    if !issues.is_empty() {
        return Err(issues);
    }
    let changes = ChangesSpec { format: CHANGES_FORMAT.to_string(), changes: changes.into_iter().flatten().collect() };
    Ok((changes, ChangePlaces { file: table.file.clone(), name: table.name.clone(), header, rows }))
}

/// The columns each kind of change reads (an added demand reads the demand columns too).
fn change_columns(kind: &str) -> &'static [&'static str] {
    match kind {
        "volunteer_unavailable" => &["volunteer", "slots"],
        "volunteer_hours" => &["volunteer", "hours"],
        "demand_cancelled" => &["demand"],
        "resource_amount" => &["resource", "amount"],
        "slot_cancelled" => &["slots"],
        _ => &["demand", "hours", "slots"],
    }
}

/// One row of the changes sheet; `None` when it has problems (each reported).
fn change(row: &mut Row, kinds: &[String]) -> Option<Change> {
    let written = row.required("change");
    if written.is_empty() {
        return None;
    }
    let Some(&(zh, kind)) = CHANGE_KINDS.iter().find(|(zh, en)| names(&written, zh, en, &[])) else {
        let entries: Vec<_> = CHANGE_KINDS.iter().map(|(zh, en)| (format!("{zh} {en}"), *zh, *en)).collect();
        let message = format!("unknown change {written:?}; {}", hint(&written, &entries));
        row.bad("change", ("E2120", message));
        return None;
    };
    let title = format!("the change {zh} {kind}");
    let adds = kind == "demand_added";
    // A value in a column the change does not read is a mistake of the row, never ignored.
    let used = change_columns(kind);
    let demand_field = |en: &str| !matches!(en, "volunteer" | "resource" | "amount");
    let mut stray: Vec<(u32, String)> = Vec::new();
    for (c, at) in row.sheet.def.columns.iter().zip(&row.sheet.header.columns) {
        let Some((col, header)) = at else { continue };
        let read = c.en == "change" || c.cell == super::columns::CellType::Notes || used.contains(&c.en);
        if !(read || adds && demand_field(c.en)) {
            stray.push((*col, header.clone()));
        }
    }
    if !adds {
        stray.extend(row.sheet.header.needs.iter().map(|(_, col, header)| (*col, header.clone())));
    }
    let mut clean = true;
    for (col, header) in stray {
        let cell = row.sheet.table.grid.get_value((row.row, col)).unwrap_or(&Data::Empty);
        if cells::text(cell).is_ok_and(|t| t.is_none()) {
            continue;
        }
        let message = format!("{title} does not use {header}; clear the cell (or give the change its own row)");
        row.sheet.issues.push(cell_issue(row.sheet.table, row.row, col, &header, "E2121", message));
        clean = false;
    }
    let change = match kind {
        "volunteer_unavailable" => {
            let volunteer = row.needed("volunteer", &title, cells::text);
            let slots = row.slots("slots");
            Change::VolunteerUnavailable { volunteer: volunteer?, slots }
        }
        "volunteer_hours" => {
            let volunteer = row.needed("volunteer", &title, cells::text);
            let hours = row.needed("hours", &title, cells::number);
            Change::VolunteerHours { volunteer: volunteer?, hours: hours? }
        }
        "demand_added" => {
            let (mut demand, _) = demand(row, kinds);
            demand.id = row.needed("demand", &title, cells::text)?;
            Change::DemandAdded { demand: Box::new(demand) }
        }
        "demand_cancelled" => Change::DemandCancelled { demand: row.needed("demand", &title, cells::text)? },
        "resource_amount" => {
            let resource = row.needed("resource", &title, cells::text);
            let amount = row.needed("amount", &title, cells::number);
            Change::ResourceAmount { resource: resource?, amount: amount? }
        }
        _ => {
            let names = row.sheet.slots;
            let slots = row.needed("slots", &title, |c| names.list(c))?;
            let [slot] = <[String; 1]>::try_from(slots).ok().or_else(|| {
                row.bad("slots", ("E2121", format!("{title} names one slot; give each slot its own row")));
                None
            })?;
            Change::SlotCancelled { slot }
        }
    };
    clean.then_some(change)
}
