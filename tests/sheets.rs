//! The spreadsheet form: workbooks and CSV folders (UTF-8 with and without BOM, GBK) read back
//! as the instance they were written from; solving a workbook gives the plan of the JSON file;
//! the template validates and carries drop-down lists.

mod common;

use civic_match::format::sheets::{csv_files, workbook_bytes, TextEncoding};
use civic_match::format::{read_instance, read_json, write_folder_atomically, InputForm, InstanceSpec, SolutionSpec};
use civic_match::generate::{generate, Preset};
use common::run::{bundled_instances, civic_match, text};
use std::path::Path;
use std::process::Command;

/// Writes `spec` as a workbook, a UTF-8 CSV folder and a GBK CSV folder, and asserts each reads
/// back as `spec`, in the form it was written.
fn assert_round_trips(spec: &InstanceSpec, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("month.xlsx");
    std::fs::write(&book, workbook_bytes(spec).unwrap()).unwrap();
    let (back, form) = read_instance(&book).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(matches!(form, InputForm::Workbook(_)));
    assert!(back == *spec, "{what}: the workbook reads back as a different instance");
    for encoding in [TextEncoding::Utf8Bom, TextEncoding::Gbk] {
        let folder = dir.path().join(format!("month-{encoding}"));
        write_folder_atomically(&folder, &csv_files(spec, encoding).unwrap()).unwrap();
        let (back, form) = read_instance(&folder).unwrap_or_else(|e| panic!("{what} {encoding}: {e}"));
        let InputForm::CsvFolder(_, encodings) = form else { panic!("{what}: read as a CSV folder") };
        assert!(encodings.iter().all(|(_, e)| *e == encoding), "{what}: {encodings:?}");
        assert!(back == *spec, "{what}: the {encoding} CSV folder reads back as a different instance");
    }
}

#[test]
fn every_bundled_instance_survives_workbook_and_csv() {
    for file in bundled_instances() {
        let spec: InstanceSpec = read_json(&file).unwrap();
        assert_round_trips(&spec, &file.display().to_string());
    }
}

#[test]
fn a_task_limit_per_slot_survives_workbook_and_csv() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/xundian-july.json");
    let mut spec: InstanceSpec = read_json(&file).unwrap();
    spec.policy.max_tasks_per_slot = Some(1.0);
    assert_round_trips(&spec, "xundian-july with max_tasks_per_slot 1");
}

#[test]
fn generated_county_and_town_months_survive_workbook_and_csv() {
    for preset in [Preset::County, Preset::Town] {
        assert_round_trips(&generate(preset, 7), preset.name());
    }
}

#[test]
#[ignore = "a city month takes a minute and a few GB"]
fn generated_city_month_survives_workbook_and_csv() {
    assert_round_trips(&generate(Preset::City, 1), "city");
}

#[test]
fn convert_writes_each_form_and_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/xundian-july.json");
    let spec: InstanceSpec = read_json(&source).unwrap();
    let book = dir.path().join("july.xlsx");
    let folder = dir.path().join("july-gbk");
    let back = dir.path().join("back.json");
    let run = |args: &[&str]| {
        let out = civic_match(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    };
    run(&["convert", source.to_str().unwrap(), "--out", book.to_str().unwrap()]);
    run(&["convert", book.to_str().unwrap(), "--out", &format!("{}/", folder.display()), "--encoding", "gbk"]);
    run(&["convert", folder.to_str().unwrap(), "--out", back.to_str().unwrap()]);
    assert!(read_json::<InstanceSpec>(&back).unwrap() == spec);
    let first = std::fs::read(folder.join("需求清单 demands.csv")).unwrap();
    assert!(std::str::from_utf8(&first).is_err(), "GBK output is not UTF-8");
    assert!(encoding_rs::GBK.decode_without_bom_handling(&first).0.starts_with("编号 id"));
}

/// Text to the bytes of one encoding.
type Encode = dyn Fn(&str) -> Vec<u8>;

/// The same rows as CSV text in UTF-8, UTF-8 with BOM and GBK.
fn write_encoded(dir: &Path, encode: impl Fn(&str) -> Vec<u8>) {
    std::fs::create_dir_all(dir).unwrap();
    let volunteers = "编号 id,姓名 name,纬度 lat,经度 lon,技能 skills\nv1,张师傅,25.56,103.25,电工、水管工\nv2,李阿姨,25.561,103.251,理发\n";
    let demands = "编号 id,标题 title,纬度 lat,经度 lon,技能 skills,必须完成 must\nd1,独居老人更换灯泡,25.5605,103.2505,电工,否\nd2,上门理发,25.5612,103.2511,理发,是\n";
    std::fs::write(dir.join("志愿者.csv"), encode(volunteers)).unwrap();
    std::fs::write(dir.join("需求清单.csv"), encode(demands)).unwrap();
}

#[test]
fn gbk_and_utf8_csv_folders_give_the_same_instance_and_validate_names_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let forms: [(&str, &str, Box<Encode>); 3] = [
        ("gbk", "GBK", Box::new(|t| encoding_rs::GBK.encode(t).0.into_owned())),
        ("utf8", "UTF-8", Box::new(|t| t.as_bytes().to_vec())),
        ("bom", "UTF-8 with BOM", Box::new(|t| [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat())),
    ];
    let mut specs = Vec::new();
    for (name, label, encode) in &forms {
        let folder = dir.path().join(name);
        write_encoded(&folder, encode);
        specs.push(read_instance(&folder).unwrap().0);
        let out = civic_match(&["validate", folder.to_str().unwrap()]);
        let said = text(&out.stdout);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            said.contains(&format!("志愿者.csv: {label}")) && said.contains(&format!("需求清单.csv: {label}")),
            "{said}"
        );
    }
    assert_eq!(specs[0], specs[1]);
    assert_eq!(specs[1], specs[2]);
    assert_eq!(specs[0].volunteers[0].skills.as_deref(), Some(&["电工".to_string(), "水管工".to_string()][..]));
    assert_eq!(specs[0].demands[1].must, Some(true));
}

fn assignments(file: &Path) -> Vec<(String, String, Vec<String>)> {
    let solution: SolutionSpec = read_json(file).unwrap();
    solution.assignments.iter().map(|a| (a.demand.clone(), a.slot.clone(), a.volunteers.clone())).collect()
}

#[test]
fn solving_a_workbook_gives_the_plan_of_its_json_and_the_plan_checks_against_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let json = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/county-seed1.json");
    let book = dir.path().join("county-seed1.xlsx");
    let spec: InstanceSpec = read_json(&json).unwrap();
    std::fs::write(&book, workbook_bytes(&spec).unwrap()).unwrap();
    let mut plans = Vec::new();
    for (input, plan) in [(json.clone(), "from-json.json"), (book.clone(), "from-xlsx.json")] {
        let plan = dir.path().join(plan);
        let args =
            ["solve", input.to_str().unwrap(), "--seed", "3", "--iterations", "200", "--out", plan.to_str().unwrap()];
        let out = civic_match(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        plans.push(plan);
    }
    let (a, b) = (assignments(&plans[0]), assignments(&plans[1]));
    assert!(!a.is_empty());
    assert_eq!(a, b);
    let out = civic_match(&["check", book.to_str().unwrap(), plans[1].to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("feasible; objective and claims hold"));
}

#[test]
fn the_template_validates_and_holds_drop_down_lists() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("模板.xlsx");
    let out = civic_match(&["template", "--out", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = civic_match(&["validate", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid: 1 demands, 1 volunteers, 1 resources"));
    let (spec, _) = read_instance(&book).unwrap();
    assert!(spec.policy.fairness.is_some() && spec.slots.is_some() && !spec.arcs.is_empty());
    if !common::tools::python_openpyxl() {
        return;
    }
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for dv in ws.data_validations.dataValidation:
        print(ws.title, ws.cell(1, sorted(dv.sqref.ranges, key=str)[0].min_col).value, dv.type, dv.formula1)
print("freeze", wb["需求清单 demands"].freeze_panes)
print("sheets", "|".join(wb.sheetnames))
"#;
    let out = Command::new("python3").args(["-c", script, book.to_str().unwrap()]).output().unwrap();
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(said.contains("需求清单 demands 必须完成 must list \"是,否\""), "{said}");
    assert!(said.contains("资源清单 resources 种类 kind list \"funds,venue,materials\""), "{said}");
    assert!(said.contains("区域 regions 层级 level list"), "{said}");
    assert!(said.contains("freeze A2"), "{said}");
    assert!(said.contains("|说明"), "{said}");
}

#[test]
fn convert_still_turns_gap_problems_into_instances() {
    let dir = tempfile::tempdir().unwrap();
    for (extra, out) in [(&[][..], "plain.json"), (&["--format", "orlib-gap"][..], "flagged.xlsx")] {
        let out = dir.path().join(out);
        let mut args = vec!["convert", "instances/orlib-gap/gap1.txt", "--problem", "2", "--sense", "max"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--out", out.to_str().unwrap()]);
        let run = civic_match(&args);
        assert!(run.status.success(), "{}", text(&run.stderr));
        assert!(text(&run.stdout).contains("jobs as must demands"));
        let (spec, _) = read_instance(&out).unwrap();
        assert!(!spec.arcs.is_empty() && spec.demands.iter().all(|d| d.must == Some(true)));
    }
}

#[test]
fn a_title_row_above_the_headers_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    let titled = dir.path().join("titled");
    write_encoded(&plain, |t| t.as_bytes().to_vec());
    write_encoded(&titled, |t| format!("2026年7月需求清单,,\n\n{t}").into_bytes());
    let (a, b) = (read_instance(&plain).unwrap().0, read_instance(&titled).unwrap().0);
    assert_eq!(a.demands.len(), 2);
    assert_eq!(a, b);
}

#[test]
fn the_same_instance_gives_the_same_workbook_bytes() {
    let spec: InstanceSpec =
        read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/xundian-july.json")).unwrap();
    let first = workbook_bytes(&spec).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first == workbook_bytes(&spec).unwrap(), "workbook bytes depend on the instance alone");
}

#[test]
fn xls_and_ods_workbooks_read_as_the_instance_they_hold() {
    // Saved by Excel 97-2003 and OpenDocument writers from the bundled month's workbook
    // (tests/tools/legacy_workbooks.py).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected: InstanceSpec = read_json(&root.join("instances/xundian-july.json")).unwrap();
    for name in ["xundian-july.xls", "xundian-july.ods"] {
        let (spec, form) = read_instance(&root.join("tests/fixtures/sheets").join(name)).unwrap();
        assert_eq!(form.describe(), "workbook", "{name}");
        assert_eq!(spec, expected, "{name}");
    }
}
