//! The project list (项目清单) as a planner receives it: the workbook `solve --out plan.xlsx`
//! writes is read back by an independent reader (python3 + openpyxl) and compared with the JSON
//! plan beside it; the CSV folder holds the same rows; `export` of that plan writes the same
//! workbook; bad input to `export` writes nothing.

mod common;

use civic_match::format::{write_instance, InstanceSpec, RegionSpec, SolutionSpec};
use civic_match::generate::{generate, Preset};
use common::run::{civic_match, text};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SHEETS: [&str; 5] = ["项目清单", "按社区", "志愿者任务", "未满足", "汇总"];

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A county month written as an instance file in `dir`, with its spec.
fn county(dir: &Path) -> (PathBuf, InstanceSpec) {
    let spec = generate(Preset::County, 1);
    let file = dir.join("county.json");
    write_instance(&file, &spec).unwrap();
    (file, spec)
}

/// Solves `instance` greedily into `out` (a project list), asserting success.
fn solve_to(instance: &Path, out: &str) -> Output {
    let solved = civic_match(&["solve", path(instance), "--solver", "greedy", "--out", out]);
    assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
    solved
}

fn read_plan(file: &Path) -> SolutionSpec {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// The workbook as openpyxl reads it (see `tests/tools/read_workbook.py`).
fn read_workbook(file: &Path) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/read_workbook.py");
    let out = Command::new("python3").arg(script).arg(file).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// The rows of a sheet below its header.
fn rows(sheet: &Value) -> &[Value] {
    &sheet["rows"].as_array().unwrap()[1..]
}

/// The column of a sheet whose header starts with `header`.
fn column(sheet: &Value, header: &str) -> usize {
    let headers = sheet["rows"][0].as_array().unwrap();
    headers.iter().position(|h| h.as_str().unwrap().starts_with(header)).unwrap_or_else(|| panic!("no {header}"))
}

fn cell(row: &Value, c: usize) -> &Value {
    row.as_array().unwrap().get(c).unwrap_or(&Value::Null)
}

fn sheet<'a>(book: &'a [Value], name: &str) -> &'a Value {
    book.iter().find(|s| s["name"] == name).unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The community-level region of each demand that has one.
fn communities(spec: &InstanceSpec) -> BTreeSet<String> {
    let regions: HashMap<&str, &RegionSpec> = spec.regions.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut found = BTreeSet::new();
    for d in &spec.demands {
        let mut region = d.region.as_deref().map(|id| regions[id]);
        while let Some(r) = region {
            if r.level.as_deref() == Some("community") {
                found.insert(r.id.clone());
                break;
            }
            region = r.parent.as_deref().map(|id| regions[id]);
        }
    }
    found
}

#[test]
fn the_workbook_holds_the_plan_an_independent_reader_sees() {
    if !common::tools::python_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (instance, spec) = county(dir.path());
    let list = dir.path().join("plan.xlsx");
    solve_to(&instance, path(&list));
    let plan = read_plan(&dir.path().join("plan.json"));
    let book = read_workbook(&list);
    let names: Vec<&str> = book.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, SHEETS);
    for s in &book {
        assert_eq!(s["freeze"], "A2", "{}: header row frozen", s["name"]);
        assert_eq!(s["print_title_rows"], "$1:$1", "{}: header printed on every page", s["name"]);
        assert_eq!(s["fit_to_page"], true, "{}: printed one page wide", s["name"]);
    }

    // 项目清单: one row per met demand, in the plan's order, with its title, team and supplies.
    let met = sheet(&book, "项目清单");
    assert!(plan.assignments.len() > 100);
    assert_eq!(rows(met).len(), plan.assignments.len());
    let demands: HashMap<&str, _> = spec.demands.iter().map(|d| (d.id.as_str(), d)).collect();
    let kind_of: HashMap<&str, &str> = spec.resources.iter().map(|r| (r.id.as_str(), r.kind.as_str())).collect();
    let (id, title, date, ids, funds) = (
        column(met, "需求编号"),
        column(met, "需求 title"),
        column(met, "日期"),
        column(met, "志愿者编号"),
        column(met, "资金"),
    );
    for (row, a) in rows(met).iter().zip(&plan.assignments) {
        assert_eq!(cell(row, id), a.demand.as_str());
        assert_eq!(cell(row, title).as_str(), demands[a.demand.as_str()].title.as_deref());
        let team: Vec<&str> = cell(row, ids).as_str().unwrap().split('、').collect();
        assert_eq!(team, a.volunteers);
        // Slot ids of the generated month are dates with a half-day: the cell is a real date.
        assert_eq!(cell(row, date)["date"].as_str().unwrap(), &a.slot[..10], "{}", a.demand);
        let funded: f64 = a.supplies.iter().filter(|s| kind_of[s.resource.as_str()] == "funds").map(|s| s.amount).sum();
        assert_eq!(cell(row, funds).as_f64().unwrap_or(0.0), funded, "{}", a.demand);
    }
    let supplied = rows(met).iter().filter(|r| cell(r, column(met, "资源")).is_string()).count();
    assert_eq!(supplied, plan.assignments.iter().filter(|a| !a.supplies.is_empty()).count());

    // 按社区: one row per community holding demands; its met counts add up to the plan's.
    let by_community = sheet(&book, "按社区");
    let listed: BTreeSet<String> =
        rows(by_community).iter().map(|r| cell(r, 0).as_str().unwrap().to_string()).collect();
    assert_eq!(listed, communities(&spec));
    let met_sum: u64 =
        rows(by_community).iter().map(|r| cell(r, column(by_community, "已满足 met")).as_u64().unwrap()).sum();
    assert_eq!(met_sum as usize, plan.assignments.len());
    assert!(rows(by_community).iter().all(|r| cell(r, column(by_community, "公平底线")) == 60));

    // 志愿者任务: a heading per volunteer with tasks, a row per task, a page break per card.
    let cards = sheet(&book, "志愿者任务");
    let busy: BTreeSet<&str> = plan.assignments.iter().flat_map(|a| a.volunteers.iter().map(String::as_str)).collect();
    let headings: Vec<&Value> =
        rows(cards).iter().filter(|r| cell(r, 2).as_str().is_some_and(|t| t.ends_with("tasks"))).collect();
    assert_eq!(headings.len(), busy.len());
    let tasks: usize = plan.assignments.iter().map(|a| a.volunteers.len()).sum();
    assert_eq!(rows(cards).len(), busy.len() + tasks);
    assert_eq!(cards["page_breaks"].as_array().unwrap().len(), busy.len() - 1);

    // 未满足: every unmet demand with its code.
    let unmet = sheet(&book, "未满足");
    assert_eq!(rows(unmet).len(), plan.unassigned.len());
    for (row, u) in rows(unmet).iter().zip(&plan.unassigned) {
        assert_eq!(cell(row, 0), u.demand.as_str());
        assert_eq!(cell(row, column(unmet, "原因代码")).as_str(), u.code.as_deref());
    }

    // 汇总: the plan's figures.
    let summary: HashMap<&str, &Value> =
        rows(sheet(&book, "汇总")).iter().map(|r| (cell(r, 0).as_str().unwrap(), cell(r, 1))).collect();
    assert_eq!(summary["状态 status"], "feasible");
    assert_eq!(summary["求解器 solver"], "greedy");
    assert_eq!(summary["满足需求 demands met"].as_u64(), Some(plan.assignments.len() as u64));
    assert_eq!(summary["需求总数 demands"].as_u64(), Some(spec.demands.len() as u64));
    assert!(summary["最低社区 lowest community"].as_str().unwrap().ends_with(')'));
}

/// The CSV cell `text` holds what the workbook cell `value` holds.
fn same_cell(text: &str, value: &Value) -> bool {
    match value {
        Value::Null => text.is_empty(),
        Value::String(s) => s == text,
        Value::Number(n) => {
            text.parse::<f64>().is_ok_and(|x| (x - n.as_f64().unwrap()).abs() <= 1e-9 * x.abs().max(1.0))
        }
        Value::Object(date) => date["date"] == text,
        other => panic!("unexpected cell {other}"),
    }
}

#[test]
fn the_csv_folder_holds_the_rows_of_the_workbook_in_utf8_with_bom() {
    if !common::tools::python_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (instance, _) = county(dir.path());
    let list = dir.path().join("plan.xlsx");
    solve_to(&instance, path(&list));
    let folder = dir.path().join("list.csv");
    let exported =
        civic_match(&["export", path(&instance), path(&dir.path().join("plan.json")), "--out", path(&folder)]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let mut files: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    let mut expected: Vec<String> = SHEETS.iter().map(|s| format!("{s}.csv")).collect();
    expected.sort();
    assert_eq!(files, expected);
    for sheet in read_workbook(&list) {
        let name = sheet["name"].as_str().unwrap();
        let bytes = std::fs::read(folder.join(format!("{name}.csv"))).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: UTF-8 byte-order mark");
        let content = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(content.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let book_rows = sheet["rows"].as_array().unwrap();
        assert_eq!(records.len(), book_rows.len(), "{name}: same rows");
        for (record, row) in records.iter().zip(book_rows) {
            for (c, field) in record.iter().enumerate() {
                assert!(same_cell(field, cell(row, c)), "{name}: {field:?} vs {}", cell(row, c));
            }
        }
    }
}

#[test]
fn export_of_the_solved_plan_writes_the_workbook_solve_wrote() {
    if !common::tools::python_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (instance, _) = county(dir.path());
    let solved = dir.path().join("solved.xlsx");
    let output = solve_to(&instance, path(&solved));
    let plan = dir.path().join("solved.json");
    assert!(text(&output.stdout).contains(path(&plan)), "the JSON plan is written beside the workbook");
    let checked = civic_match(&["check", path(&instance), path(&plan)]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let exported = dir.path().join("exported.xlsx");
    let run = civic_match(&["export", path(&instance), path(&plan), "--out", path(&exported)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let (a, b) = (read_workbook(&solved), read_workbook(&exported));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["rows"].as_array().unwrap().len(), y["rows"].as_array().unwrap().len());
        for (rx, ry) in x["rows"].as_array().unwrap().iter().zip(y["rows"].as_array().unwrap()) {
            // Numbers through the JSON plan and back may differ in the last bit, nothing more.
            let same = rx.as_array().unwrap().iter().zip(ry.as_array().unwrap()).all(|(p, q)| match (p, q) {
                (Value::Number(p), Value::Number(q)) => {
                    (p.as_f64().unwrap() - q.as_f64().unwrap()).abs() <= 1e-12 * p.as_f64().unwrap().abs().max(1.0)
                }
                _ => p == q,
            });
            assert!(
                same && rx.as_array().unwrap().len() == ry.as_array().unwrap().len(),
                "{}: {rx} vs {ry}",
                x["name"]
            );
        }
    }
}

#[test]
fn a_heuristic_plan_records_its_seed_and_greedy_none() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("july.csv");
    let json = dir.path().join("elsewhere.json");
    let args = ["solve", "instances/xundian-july.json", "--seed", "7", "--iterations", "200", "--out", path(&list)];
    let run = civic_match(&[&args[..], &["--json", path(&json)]].concat());
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(read_plan(&json).seed, Some(7));
    assert!(!dir.path().join("july.json").exists(), "--json names the plan's place");
    let summary = std::fs::read_to_string(list.join("汇总.csv")).unwrap();
    assert!(summary.contains("随机种子 seed,7\n"), "{summary}");
    // The bundled month's slot ids have no year: the date column shows the day in words.
    let met = std::fs::read_to_string(list.join("项目清单.csv")).unwrap();
    assert!(met.contains(",7月3日,上午,07-03am,"), "{met}");
    let greedy = dir.path().join("greedy.json");
    civic_match(&["solve", "instances/xundian-july.json", "--solver", "greedy", "--out", path(&greedy)]);
    let written = std::fs::read_to_string(&greedy).unwrap();
    assert!(!written.contains("\"seed\""), "greedy uses no seed");
}

/// Runs `export` on `plan` into `dir/list.xlsx` and asserts exit 2, a message naming `named`,
/// and nothing written.
fn export_refuses(dir: &Path, instance: &Path, plan: &Path, out: &Path, named: &Path) -> String {
    let run = civic_match(&["export", path(instance), path(plan), "--out", path(out)]);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(path(named)), "{stderr}");
    assert!(!out.exists(), "nothing written");
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().starts_with(".civic-match-")), "no temporary left: {left:?}");
    stderr
}

/// A solved county month in `dir`: the instance and the plan's text.
fn solved_county(dir: &Path) -> (PathBuf, String) {
    let (instance, _) = county(dir);
    let plan = dir.join("plan.json");
    let solved = civic_match(&["solve", path(&instance), "--solver", "greedy", "--out", path(&plan)]);
    assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
    (instance, std::fs::read_to_string(&plan).unwrap())
}

#[test]
fn export_refuses_a_plan_naming_an_unknown_demand() {
    let dir = tempfile::tempdir().unwrap();
    let (instance, plan) = solved_county(dir.path());
    let bad = dir.path().join("unknown.json");
    std::fs::write(&bad, plan.replacen(r#""demand":"d1","#, r#""demand":"d999999","#, 1)).unwrap();
    let stderr = export_refuses(dir.path(), &instance, &bad, &dir.path().join("list.xlsx"), &bad);
    assert!(stderr.contains("d999999"), "{stderr}");
}

#[test]
fn export_refuses_an_infeasible_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (instance, plan) = solved_county(dir.path());
    let value: Value = serde_json::from_str(&plan).unwrap();
    let first = &value["assignments"][0];
    // The first assignment twice: rule 1.
    let twice = plan.replacen("\"assignments\": [", &format!("\"assignments\": [\n    {first},"), 1);
    let bad = dir.path().join("twice.json");
    std::fs::write(&bad, twice).unwrap();
    let stderr = export_refuses(dir.path(), &instance, &bad, &dir.path().join("list.csv"), &bad);
    assert!(stderr.contains("rule 1"), "{stderr}");
}

#[test]
fn export_refuses_malformed_json() {
    let dir = tempfile::tempdir().unwrap();
    let (instance, plan) = solved_county(dir.path());
    let bad = dir.path().join("cut.json");
    std::fs::write(&bad, &plan[..plan.len() / 2]).unwrap();
    export_refuses(dir.path(), &instance, &bad, &dir.path().join("list.xlsx"), &bad);
}

#[test]
fn export_refuses_an_output_in_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (instance, _) = solved_county(dir.path());
    let plan = dir.path().join("plan.json");
    for out in ["missing/list.xlsx", "missing/list.csv", "missing/folder/"] {
        let out = dir.path().join(out);
        export_refuses(dir.path(), &instance, &plan, &out, &out);
    }
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn solve_into_a_missing_folder_writes_neither_file() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("missing/plan.xlsx");
    let run = civic_match(&["solve", "instances/xundian-july.json", "--solver", "greedy", "--out", path(&list)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains(path(&list)), "{}", text(&run.stderr));
    // The list's folder exists but the JSON plan's does not: nothing is written either.
    let list = dir.path().join("plan.xlsx");
    let json = dir.path().join("missing/plan.json");
    let run = civic_match(&[
        "solve",
        "instances/xundian-july.json",
        "--solver",
        "greedy",
        "--out",
        path(&list),
        "--json",
        path(&json),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains(path(&json)), "{}", text(&run.stderr));
    assert!(!list.exists() && !json.exists());
}

/// The data rows of a CSV file of a written folder, header first.
fn csv_rows(folder: &Path, sheet: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(folder.join(format!("{sheet}.csv"))).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

#[test]
fn months_without_streets_dates_or_regions_show_what_they_have() {
    let dir = tempfile::tempdir().unwrap();
    // Regions at the levels `town` and `community`: the street column shows the community's parent.
    let arcs = dir.path().join("arcs/");
    solve_to(Path::new("instances/return-home-day-arcs.json"), path(&arcs));
    let met = csv_rows(&arcs, "项目清单");
    assert!(met.len() > 1);
    assert!(met[1..].iter().all(|r| r[1] == "桃城镇" && r[2].ends_with("社区")), "{met:?}");
    assert_eq!(csv_rows(&arcs, "按社区").len(), 3, "two communities below the header");
    // No regions and the one slot `month`: places are empty, the date column holds the slot id.
    let plain = dir.path().join("plain.csv");
    solve_to(Path::new("instances/defaults-only.json"), path(&plain));
    let met = csv_rows(&plain, "项目清单");
    assert!(met.len() > 1);
    assert!(
        met[1..].iter().all(|r| r[1].is_empty() && r[2].is_empty() && r[5] == "month" && r[6].is_empty()),
        "{met:?}"
    );
    assert_eq!(csv_rows(&plain, "按社区").len(), 1, "no community: only the header");
    assert!(met[1..].iter().any(|r| r[3] == "为卧床老人上门理发"), "titles shown");
}
