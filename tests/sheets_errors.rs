//! Bad spreadsheets: each kind of bad cell, header or sheet stops `solve` with exit status 2,
//! a message naming the file, the sheet, the cell and the code, and no plan written; several
//! problems are listed at once; a misspelt header names the closest known one.

use civic_match::format::read_json;
use civic_match::format::sheets::{csv_files, TextEncoding};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A valid month as a UTF-8 CSV folder in a fresh temporary folder.
struct Month {
    dir: tempfile::TempDir,
}

impl Month {
    fn new() -> Self {
        let spec = read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/xundian-july.json")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("month")).unwrap();
        for (name, bytes) in csv_files(&spec, TextEncoding::Utf8).unwrap() {
            std::fs::write(dir.path().join("month").join(name), bytes).unwrap();
        }
        Month { dir }
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("month")
    }

    fn sheet(&self, name: &str) -> PathBuf {
        self.folder().join(format!("{name}.csv"))
    }

    fn rows(&self, name: &str) -> Vec<Vec<String>> {
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(self.sheet(name)).unwrap();
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    }

    fn write_rows(&self, name: &str, rows: &[Vec<String>]) {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_path(self.sheet(name)).unwrap();
        rows.iter().for_each(|r| writer.write_record(r).unwrap());
        writer.flush().unwrap();
    }

    /// Sets the cell of data row `row` (1 = first below the header) under `header`, adding the
    /// column when the sheet lacks it.
    fn set(&self, name: &str, row: usize, header: &str, value: &str) -> &Self {
        let mut rows = self.rows(name);
        let col = rows[0].iter().position(|h| h == header).unwrap_or_else(|| {
            rows[0].push(header.to_string());
            rows[0].len() - 1
        });
        for r in rows.iter_mut() {
            r.resize(r.len().max(col + 1), String::new());
        }
        rows[row][col] = value.to_string();
        self.write_rows(name, &rows);
        self
    }

    fn drop_column(&self, name: &str, header: &str) {
        let mut rows = self.rows(name);
        let col = rows[0].iter().position(|h| h == header).unwrap();
        rows.iter_mut().for_each(|r| {
            r.remove(col);
        });
        self.write_rows(name, &rows);
    }

    /// Runs `solve` on the folder (or `input`), asserting exit 2, no plan, and a message
    /// holding every one of `expected`; returns the message.
    fn fails(&self, input: Option<&Path>, expected: &[&str]) -> String {
        let plan = self.dir.path().join("plan.json");
        let input = input.map_or(self.folder(), Path::to_path_buf);
        let out = Command::new(env!("CARGO_BIN_EXE_civic-match"))
            .args(["solve", input.to_str().unwrap(), "--solver", "greedy", "--out", plan.to_str().unwrap()])
            .output()
            .unwrap();
        let message = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{message}");
        assert!(!plan.exists(), "no plan is written");
        for e in expected {
            assert!(message.contains(e), "{e:?} is not in:\n{message}");
        }
        message
    }
}

const DEMANDS: &str = "需求清单 demands";
const VOLUNTEERS: &str = "志愿者 volunteers";

/// `FILE:SHEET!CELL (header): ... [code]` for a cell of the demands sheet.
fn at(m: &Month, sheet: &str, cell: &str, header: &str, code: &str) -> String {
    format!("{}:{sheet}!{cell} ({header}): ", m.sheet(sheet).display()) + "\u{0}" + code
}

/// Asserts the message holds the location and, on the same line, the code.
fn assert_at(message: &str, location: &str) {
    let (place, code) = location.split_once('\u{0}').unwrap();
    let line = message.lines().find(|l| l.contains(place)).unwrap_or_else(|| panic!("{place:?} is not in:\n{message}"));
    assert!(line.ends_with(&format!("[{code}]")), "{line}");
}

fn column_of(m: &Month, sheet: &str, header: &str) -> char {
    let i = m.rows(sheet)[0].iter().position(|h| h == header).unwrap();
    (b'A' + i as u8) as char
}

fn bad_cell(sheet: &str, row: usize, header: &str, value: &str, code: &str) {
    let m = Month::new();
    m.set(sheet, row, header, value);
    let cell = format!("{}{}", column_of(&m, sheet, header), row + 1);
    let message = m.fails(None, &[value]);
    assert_at(&message, &at(&m, sheet, &cell, header, code));
}

#[test]
fn text_where_a_whole_number_belongs() {
    bad_cell(DEMANDS, 6, "人数 people", "两", "E2101");
}

#[test]
fn text_where_a_number_belongs() {
    bad_cell(DEMANDS, 2, "权重 weight", "heavy", "E2102");
}

#[test]
fn a_bad_yes_or_no() {
    bad_cell(DEMANDS, 1, "必须完成 must", "maybe", "E2103");
}

#[test]
fn a_bad_latitude() {
    bad_cell(VOLUNTEERS, 3, "纬度 lat", "北纬25度", "E2104");
}

#[test]
fn a_bad_location_cell() {
    bad_cell(VOLUNTEERS, 2, "坐标 at", "25.56", "E2104");
}

#[test]
fn a_bad_needs_cell() {
    bad_cell(DEMANDS, 4, "资源需求 needs", "funds 120", "E2106");
}

#[test]
fn an_empty_required_cell() {
    let m = Month::new();
    m.set(DEMANDS, 3, "编号 id", "");
    let message = m.fails(None, &["required in every row"]);
    assert_at(&message, &at(&m, DEMANDS, "A4", "编号 id", "E2107"));
}

#[test]
fn an_unknown_column_names_the_closest_header() {
    let m = Month::new();
    m.set(VOLUNTEERS, 1, "skils", "electrician");
    let message = m.fails(None, &["did you mean \"技能 skills\"?"]);
    assert!(message.contains("[E2108]"), "{message}");
    let m = Month::new();
    m.set(DEMANDS, 1, "技 能", "electrician");
    m.fails(None, &["unknown column \"技 能\" in 需求清单 demands; did you mean \"技能 skills\"?", "[E2108]"]);
}

#[test]
fn a_duplicated_header() {
    let m = Month::new();
    let mut rows = m.rows(DEMANDS);
    rows.iter_mut().for_each(|r| {
        let v = r[0].clone();
        r.push(if v == "编号 id" { "id".into() } else { v });
    });
    m.write_rows(DEMANDS, &rows);
    m.fails(None, &[&format!("{}:{DEMANDS}!", m.sheet(DEMANDS).display()), "appears twice", "[E2109]"]);
}

#[test]
fn a_missing_required_column() {
    let m = Month::new();
    m.drop_column("资源清单 resources", "数量 amount");
    m.fails(None, &["资源清单 resources: the required column 数量 amount is missing", "[E2110]"]);
}

#[test]
fn a_missing_required_sheet() {
    let m = Month::new();
    std::fs::remove_file(m.sheet(VOLUNTEERS)).unwrap();
    m.fails(None, &[&format!("{}: the required sheet 志愿者 volunteers is missing", m.folder().display()), "[E2111]"]);
}

#[test]
fn a_sheet_given_twice() {
    let m = Month::new();
    std::fs::copy(m.sheet(DEMANDS), m.folder().join("demands.csv")).unwrap();
    m.fails(None, &["需求清单 demands appears twice", "[E2112]"]);
}

#[test]
fn an_unknown_policy_key() {
    let m = Month::new();
    m.set("规则 policy", 1, "参数 key", "max_kms");
    m.fails(None, &["规则 policy!A2 (参数 key): unknown policy key \"max_kms\"; did you mean", "[E2113]"]);
}

#[test]
fn a_fractional_task_limit_per_slot_is_reported_at_its_value_cell() {
    let m = Month::new();
    let mut rows = m.rows("规则 policy");
    let mut row = vec![String::new(); rows[0].len()];
    row[0] = "每时段最多任务 max_tasks_per_slot".into();
    row[1] = "1.5".into();
    rows.push(row);
    m.write_rows("规则 policy", &rows);
    let message = m.fails(None, &["max_tasks_per_slot", "[E1404]"]);
    assert!(message.contains(&format!("规则 policy!B{}", rows.len())), "{message}");
}

#[test]
fn an_unreadable_encoding() {
    let m = Month::new();
    std::fs::write(m.sheet(VOLUNTEERS), b"\xFF\xFE\x16\x7f\x0d\x55").unwrap();
    m.fails(None, &[&format!("{}: is UTF-16 text", m.sheet(VOLUNTEERS).display()), "[E2114]"]);
    std::fs::write(m.sheet(VOLUNTEERS), b"id\n\x81\x20\xff\n").unwrap();
    m.fails(None, &["neither UTF-8 nor GBK", "[E2114]"]);
}

#[test]
fn an_unreadable_workbook() {
    let m = Month::new();
    let book = m.dir.path().join("month.xlsx");
    std::fs::write(&book, b"this is not a zip file").unwrap();
    m.fails(Some(&book), &[&format!("{}: cannot be read as a workbook", book.display()), "[E2115]"]);
}

#[test]
fn an_unknown_sheet() {
    let m = Month::new();
    std::fs::copy(m.sheet(DEMANDS), m.folder().join("需求清淡.csv")).unwrap();
    m.fails(None, &["需求清淡: unknown sheet \"需求清淡\"; did you mean \"需求清单 demands\"?", "[E2116]"]);
}

#[test]
fn a_policy_key_given_twice() {
    let m = Month::new();
    let mut rows = m.rows("规则 policy");
    rows.push(rows[1].clone());
    m.write_rows("规则 policy", &rows);
    m.fails(None, &["is given twice", "[E2118]"]);
}

#[test]
fn a_date_cell_that_is_no_slot() {
    let m = Month::new();
    let book = m.dir.path().join("dates.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 8, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let ws = workbook.add_worksheet().set_name("志愿者").unwrap();
    for (c, h) in ["编号 id", "纬度 lat", "经度 lon", "可服务时段 slots"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "v1").unwrap().write_number(1, 1, 25.5).unwrap().write_number(1, 2, 103.2).unwrap();
    ws.write_datetime_with_format(1, 3, &date, &format).unwrap();
    let ws = workbook.add_worksheet().set_name("需求清单").unwrap();
    for (c, h) in ["编号 id", "纬度 lat", "经度 lon"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "d1").unwrap().write_number(1, 1, 25.5).unwrap().write_number(1, 2, 103.2).unwrap();
    workbook.save(&book).unwrap();
    m.fails(
        Some(&book),
        &[&format!("{}:志愿者!D2 (可服务时段 slots): the date 2026年8月1日 is no slot", book.display()), "[E2105]"],
    );
}

#[test]
fn rule_problems_are_reported_at_their_cells() {
    let m = Month::new();
    m.set(VOLUNTEERS, 2, "报到社区 region", "c99");
    m.set(DEMANDS, 1, "时段 slots", "2026-08-01 上午");
    let region = format!("{}{}", column_of(&m, VOLUNTEERS, "报到社区 region"), 3);
    let slot = format!("{}{}", column_of(&m, DEMANDS, "时段 slots"), 2);
    let message = m.fails(None, &["unknown region \"c99\"", "unknown slot \"2026-08-01 上午\""]);
    assert_at(&message, &at(&m, VOLUNTEERS, &region, "报到社区 region", "E1201"));
    assert_at(&message, &at(&m, DEMANDS, &slot, "时段 slots", "E1204"));
}

#[test]
fn every_problem_is_listed_at_once() {
    let m = Month::new();
    m.set(DEMANDS, 1, "人数 people", "两");
    m.set(DEMANDS, 2, "必须完成 must", "maybe");
    m.set(VOLUNTEERS, 1, "可服务小时 hours", "many");
    m.set(VOLUNTEERS, 2, "纬度 lat", "north");
    let message = m.fails(None, &["4 problems", "[E2101]", "[E2103]", "[E2102]", "[E2104]"]);
    assert_eq!(message.matches(&m.folder().display().to_string()).count(), 5, "{message}");
}

#[test]
fn values_under_a_column_without_a_header() {
    let m = Month::new();
    m.set(DEMANDS, 3, "", "stray");
    let col = (b'A' + m.rows(DEMANDS)[0].len() as u8 - 1) as char;
    let place = format!(
        "{}:{DEMANDS}!{col}1: values stand under a column without a header [E2108]",
        m.sheet(DEMANDS).display()
    );
    m.fails(None, &[&place]);
}
