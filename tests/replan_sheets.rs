//! `civic-match replan --changes` in spreadsheet form: the `变动 changes` sheet as a CSV file
//! (UTF-8 with a byte-order mark, GBK) and as a workbook gives the same re-plan as the same
//! changes in a `civic-match-changes/1` JSON file; bad rows exit 2 naming the file, row and
//! column.

mod common;

use common::run::{civic_match, text};
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A generated county month and its plan, shared by the tests of this file.
struct Month {
    dir: PathBuf,
    instance: String,
    plan: String,
}

fn month() -> &'static Month {
    static MONTH: OnceLock<Month> = OnceLock::new();
    MONTH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let instance = path(&dir, "county.json");
        let plan = path(&dir, "plan.json");
        run_ok(&["generate", "--preset", "county", "--seed", "1", "--out", &instance]);
        run_ok(&["solve", &instance, "--solver", "heuristic", "--iterations", "100", "--out", &plan]);
        Month { dir, instance, plan }
    })
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_string()
}

fn run_ok(args: &[&str]) -> String {
    let out = civic_match(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// `replan` of the shared month with `changes`, writing `NAME.new.json`, `NAME.effective.json`
/// and `NAME.diff.csv`; their bytes, the plan's without its run time.
fn replan(changes: &str, name: &str) -> (String, Vec<u8>, Vec<u8>) {
    let m = month();
    let (new, effective, diff) = (
        path(&m.dir, &format!("{name}.new.json")),
        path(&m.dir, &format!("{name}.effective.json")),
        path(&m.dir, &format!("{name}.diff.csv")),
    );
    let args = [
        "replan",
        &m.instance,
        &m.plan,
        "--changes",
        changes,
        "--out",
        &new,
        "--instance-out",
        &effective,
        "--diff",
        &diff,
        "--iterations",
        "200",
        "--seed",
        "7",
        "--time-limit",
        "120",
    ];
    run_ok(&args);
    let mut plan: Value = serde_json::from_slice(&std::fs::read(&new).unwrap()).unwrap();
    plan.as_object_mut().unwrap().remove("seconds");
    (plan.to_string(), std::fs::read(&effective).unwrap(), std::fs::read(&diff).unwrap())
}

/// The instance of the shared month.
fn instance() -> Value {
    serde_json::from_slice(&std::fs::read(&month().instance).unwrap()).unwrap()
}

/// Ids the changes name, taken from the month: two volunteers of the plan, one more
/// volunteer, a demand, a funds resource, a slot, a region.
struct Ids {
    gone: String,
    part: String,
    part_slots: Vec<String>,
    hours: String,
    cancelled: String,
    resource: String,
    slot: String,
    region: String,
    added_slots: Vec<String>,
}

fn ids() -> Ids {
    let spec = instance();
    let plan: Value = serde_json::from_slice(&std::fs::read(&month().plan).unwrap()).unwrap();
    let assigned: Vec<&Value> = plan["assignments"].as_array().unwrap().iter().collect();
    let member = |k: usize| assigned[k]["volunteers"][0].as_str().unwrap().to_string();
    let volunteer_slots = |id: &str| -> Vec<String> {
        let v = spec["volunteers"].as_array().unwrap().iter().find(|v| v["id"] == id).unwrap();
        v["slots"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
    };
    let part = member(3);
    let part_slots: Vec<String> = volunteer_slots(&part).into_iter().take(2).collect();
    let slots: Vec<String> =
        spec["slots"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    let funds = spec["resources"].as_array().unwrap().iter().find(|r| r["kind"] == "funds").unwrap();
    Ids {
        gone: member(0),
        part,
        part_slots,
        hours: member(6),
        cancelled: assigned[9]["demand"].as_str().unwrap().to_string(),
        resource: funds["id"].as_str().unwrap().to_string(),
        slot: slots[2].clone(),
        region: spec["demands"][0]["region"].as_str().unwrap().to_string(),
        added_slots: slots[10..13].to_vec(),
    }
}

/// Every kind of change, as a changes file.
fn changes_json(ids: &Ids) -> Value {
    json!({"format": "civic-match-changes/1", "changes": [
        {"change": "volunteer_unavailable", "volunteer": ids.gone},
        {"change": "volunteer_unavailable", "volunteer": ids.part, "slots": ids.part_slots},
        {"change": "volunteer_hours", "volunteer": ids.hours, "hours": 1.5},
        {"change": "demand_cancelled", "demand": ids.cancelled},
        {"change": "resource_amount", "resource": ids.resource, "amount": 900.0},
        {"change": "slot_cancelled", "slot": ids.slot},
        {"change": "demand_added", "demand": {
            "id": "urgent1", "region": ids.region, "at": [25.5645, 103.2532], "kind": "service",
            "title": "独居老人更换灯泡", "skills": ["cleaning", "computer"], "people": 2, "hours": 2.0,
            "slots": ids.added_slots, "needs": [{"kind": "funds", "amount": 100.0}], "weight": 3.0,
            "must": true}},
    ]})
}

const HEADERS: [&str; 17] = [
    "变动 change",
    "志愿者 volunteer",
    "需求 demand",
    "资源 resource",
    "数量 amount",
    "时长 hours",
    "时段 slots",
    "社区 region",
    "纬度 lat",
    "经度 lon",
    "类型 kind",
    "标题 title",
    "技能 skills",
    "人数 people",
    "资源需求 needs",
    "权重 weight",
    "必须完成 must",
];

/// The same changes as rows of the changes sheet (kinds in Chinese or English), as text cells.
fn change_rows(ids: &Ids, chinese: bool) -> Vec<Vec<String>> {
    let kind = |zh: &str, en: &str| if chinese { zh } else { en }.to_string();
    let row = |cells: &[(usize, String)]| {
        let mut r = vec![String::new(); HEADERS.len()];
        for (c, v) in cells {
            r[*c] = v.clone();
        }
        r
    };
    vec![
        row(&[(0, kind("志愿者请假", "volunteer_unavailable")), (1, ids.gone.clone())]),
        row(&[(0, kind("志愿者请假", "volunteer_unavailable")), (1, ids.part.clone()), (6, ids.part_slots.join("；"))]),
        row(&[(0, kind("时长调整", "volunteer_hours")), (1, ids.hours.clone()), (5, "1.5".into())]),
        row(&[(0, kind("取消需求", "demand_cancelled")), (2, ids.cancelled.clone())]),
        row(&[(0, kind("资源调整", "resource_amount")), (3, ids.resource.clone()), (4, "900".into())]),
        row(&[(0, kind("取消时段", "slot_cancelled")), (6, ids.slot.clone())]),
        row(&[
            (0, kind("新增需求", "demand_added")),
            (2, "urgent1".into()),
            (5, "2".into()),
            (6, ids.added_slots.join("、")),
            (7, ids.region.clone()),
            (8, "25.5645".into()),
            (9, "103.2532".into()),
            (10, "service".into()),
            (11, "独居老人更换灯泡".into()),
            (12, "cleaning、computer".into()),
            (13, "2".into()),
            (14, "funds:100".into()),
            (15, "3".into()),
            (16, "是".into()),
        ]),
    ]
}

/// CSV text of a header and rows.
fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = headers.join(",") + "\n";
    for r in rows {
        out += &(r
            .iter()
            .map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.clone() })
            .collect::<Vec<_>>()
            .join(",")
            + "\n");
    }
    out
}

fn write(name: &str, bytes: &[u8]) -> String {
    let file = path(&month().dir, name);
    std::fs::write(&file, bytes).unwrap();
    file
}

/// A workbook with a `说明` sheet and the `变动 changes` sheet of `rows`; cells of numeric
/// columns are written as numbers.
fn workbook(name: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").unwrap().write(0, 0, "本月的变动").unwrap();
    let sheet = book.add_worksheet().set_name("变动 changes").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(x) => sheet.write(r, c, x).unwrap(),
                Err(_) => sheet.write(r, c, cell.as_str()).unwrap(),
            };
        }
    }
    let file = path(&month().dir, name);
    book.save(&file).unwrap();
    file
}

/// The same changes as JSON, as a UTF-8 CSV with a byte-order mark (Chinese kind names), as a
/// GBK CSV and as a workbook (English kind names) give the same new plan, effective instance
/// and coordinator's list, byte for byte; and the changes are in effect.
#[test]
fn sheets_and_json_give_the_same_replan() {
    let ids = ids();
    let json_file = write("changes.json", changes_json(&ids).to_string().as_bytes());
    let from_json = replan(&json_file, "json");

    let chinese = csv_text(&HEADERS, &change_rows(&ids, true));
    let bom = write("changes-bom.csv", &[b"\xEF\xBB\xBF".as_slice(), chinese.as_bytes()].concat());
    let (gbk_bytes, _, unmappable) = encoding_rs::GBK.encode(&chinese);
    assert!(!unmappable);
    let gbk = write("changes-gbk.csv", &gbk_bytes);
    assert!(std::str::from_utf8(&gbk_bytes).is_err(), "the GBK file is no UTF-8");
    let xlsx = workbook("changes.xlsx", &HEADERS, &change_rows(&ids, false));

    for (file, name) in [(&bom, "bom"), (&gbk, "gbk"), (&xlsx, "xlsx")] {
        let got = replan(file, name);
        assert!(got.0 == from_json.0, "{name}: the new plan differs from the JSON changes'");
        assert!(got.1 == from_json.1, "{name}: the effective instance differs from the JSON changes'");
        assert!(got.2 == from_json.2, "{name}: the diff differs from the JSON changes'");
    }

    let effective: Value = serde_json::from_slice(&from_json.1).unwrap();
    let added = effective["demands"].as_array().unwrap().iter().find(|d| d["id"] == "urgent1").unwrap();
    assert_eq!(added["must"], true);
    assert_eq!(added["skills"], json!(["cleaning", "computer"]));
    assert_eq!(added["needs"], json!([{"kind": "funds", "amount": 100.0}]));
    assert!(!effective["demands"].as_array().unwrap().iter().any(|d| d["id"] == ids.cancelled.as_str()));
    let hours = effective["volunteers"].as_array().unwrap().iter().find(|v| v["id"] == ids.hours.as_str()).unwrap();
    assert_eq!(hours["hours"], 1.5);
}

/// Rows of text cells.
type Rows = Vec<Vec<String>>;

/// `replan` with the changes `file`: its exit status and standard error.
fn replan_err(file: &str) -> (Option<i32>, String) {
    let m = month();
    let new = path(&m.dir, "bad.new.json");
    let out = civic_match(&["replan", &m.instance, &m.plan, "--changes", file, "--out", &new, "--iterations", "10"]);
    (out.status.code(), text(&out.stderr))
}

fn assert_names(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "{part:?} missing from: {stderr}");
    }
}

/// Bad rows exit 2 naming the file, the sheet, the cell (or row) and the problem: an unknown
/// kind, a column a kind needs that the sheet lacks, an empty needed cell, a bad number, a
/// value in a column the kind does not use, several slots cancelled in one row, and ids the
/// month does not have (validated as a JSON changes file is, at the rows).
#[test]
fn bad_rows_exit_2_naming_the_row() {
    let ids = ids();
    let r = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<String>>();
    let headers = ["变动 change", "志愿者 volunteer", "时段 slots", "需求 demand"];
    let cases: Vec<(&str, Rows, Vec<String>)> = vec![
        (
            "unknown-kind",
            vec![r(&["志愿者请假", &ids.gone, "", ""]), r(&["请假", &ids.part, "", ""])],
            vec!["!A3 (变动 change)".into(), "unknown change \"请假\"".into(), "志愿者请假".into(), "E2120".into()],
        ),
        (
            "missing-column",
            vec![r(&["volunteer_hours", &ids.hours, "", ""])],
            vec!["!row 2 (时长 hours)".into(), "needs the column 时长 hours".into(), "E2110".into()],
        ),
        (
            "empty-cell",
            vec![r(&["取消需求", &ids.gone, "", ""])],
            vec!["!D2 (需求 demand)".into(), "needs 需求 demand".into(), "E2107".into(), "!B2".into(), "E2121".into()],
        ),
        (
            "two-slots",
            vec![r(&["取消时段", "", &format!("{};{}", ids.slot, ids.added_slots[0]), ""])],
            vec!["!C2 (时段 slots)".into(), "names one slot".into(), "E2121".into()],
        ),
        (
            "unknown-ids",
            vec![r(&["取消需求", "", "", &ids.cancelled]), r(&["志愿者请假", "v999999", "2026-13-40am", ""])],
            vec![
                "!B3 (志愿者 volunteer): unknown volunteer \"v999999\"".into(),
                "!C3 (时段 slots): unknown slot".into(),
                "E1801".into(),
            ],
        ),
    ];
    for (name, rows, parts) in &cases {
        let file = write(&format!("{name}.csv"), csv_text(&headers, rows).as_bytes());
        let (code, stderr) = replan_err(&file);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        let mut wanted = vec![format!("{name}.csv:{name}")];
        wanted.extend(parts.iter().cloned());
        assert_names(&stderr, &wanted.iter().map(String::as_str).collect::<Vec<_>>());
    }

    // A bad number in a workbook, at its sheet and cell.
    let rows = vec![r(&["resource_amount", "", "", "", &ids.resource, "很多"])];
    let file = workbook(
        "bad.xlsx",
        &["变动 change", "志愿者 volunteer", "时段 slots", "需求 demand", "资源 resource", "数量 amount", "时长 hours"],
        &rows,
    );
    let (code, stderr) = replan_err(&file);
    assert_eq!(code, Some(2), "{stderr}");
    assert_names(&stderr, &["bad.xlsx:变动 changes!F2 (数量 amount)", "\"很多\" is not a number", "E2102"]);

    let rows = vec![r(&["volunteer_hours", &ids.hours, "", "", "", "", "-2"])];
    let file = workbook(
        "negative.xlsx",
        &["变动 change", "志愿者 volunteer", "时段 slots", "需求 demand", "资源 resource", "数量 amount", "时长 hours"],
        &rows,
    );
    let (code, stderr) = replan_err(&file);
    assert_eq!(code, Some(2), "{stderr}");
    assert_names(&stderr, &["negative.xlsx:变动 changes!G2 (时长 hours)", "finite number >= 0", "E1802"]);

    // A workbook without a changes sheet, among several.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("需求清单").unwrap();
    book.add_worksheet().set_name("other").unwrap();
    let file = path(&month().dir, "nosheet.xlsx");
    book.save(&file).unwrap();
    let (code, stderr) = replan_err(&file);
    assert_eq!(code, Some(2), "{stderr}");
    assert_names(&stderr, &["nosheet.xlsx", "has no 变动 changes sheet", "E2111"]);
}
