//! The JSON Schemas `civic-match schema` prints: every bundled instance, generated months of
//! every preset and the solutions the CLI writes conform to them (checked by an independent
//! validator), and files the reader rejects for their shape are rejected by the schema too.

mod common;

use civic_match::format::SchemaKind;
use civic_match::generate::{generate, Preset};
use common::run::bundled_instances;
use common::schema::{assert_conforms, schema_errors};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_civic-match");

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn bundled_and_generated_instances_conform() {
    let files = bundled_instances();
    assert!(files.len() >= 4, "{files:?}");
    for file in &files {
        assert_conforms(SchemaKind::Instance, &read(file), &file.display().to_string());
    }
    for preset in [Preset::County, Preset::Town] {
        let spec = generate(preset, 3);
        assert_conforms(SchemaKind::Instance, &serde_json::to_value(&spec).unwrap(), preset.name());
    }
}

#[test]
fn the_printed_schema_is_what_the_library_generates() {
    let dir = tempfile::tempdir().unwrap();
    for (which, kind) in [("instance", SchemaKind::Instance), ("solution", SchemaKind::Solution)] {
        let out = Command::new(BIN).args(["schema", which]).output().unwrap();
        assert!(out.status.success());
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(printed, civic_match::format::json_schema(kind));
        let file = dir.path().join(format!("{which}.schema.json"));
        let status = Command::new(BIN).args(["schema", which, "--out"]).arg(&file).status().unwrap();
        assert!(status.success());
        assert_eq!(read(&file), printed);
    }
}

#[test]
fn solutions_written_by_the_cli_conform() {
    let dir = tempfile::tempdir().unwrap();
    for file in bundled_instances() {
        let out = dir.path().join("plan.json");
        for solver in ["greedy", "heuristic"] {
            let status = Command::new(BIN)
                .args(["solve", "--solver", solver, "--iterations", "200", "--out"])
                .arg(&out)
                .arg(&file)
                .output()
                .unwrap()
                .status;
            assert!(status.success(), "{solver} on {}", file.display());
            assert_conforms(SchemaKind::Solution, &read(&out), &format!("{solver} on {}", file.display()));
        }
    }
}

#[test]
fn shapes_the_reader_rejects_are_rejected_by_the_schema() {
    let good = json!({"format": "civic-match/1", "volunteers": [{"id": "v1"}], "demands": [{"id": "d1"}]});
    assert!(schema_errors(SchemaKind::Instance, &good).is_empty());
    let bad = [
        json!({"format": "civic-match/2", "volunteers": [], "demands": []}),
        json!({"format": "civic-match/1", "demands": []}),
        json!({"format": "civic-match/1", "volunteers": [{"id": 7}], "demands": []}),
        json!({"format": "civic-match/1", "volunteers": [{"id": "v", "at": [1.0]}], "demands": []}),
        json!({"format": "civic-match/1", "volunteers": [], "demands": [{"id": "d", "people": 1.5}]}),
        json!({"format": "civic-match/1", "volunteers": [], "demands": [{"id": "d", "needs": [{"kind": "funds"}]}]}),
    ];
    for value in bad {
        assert!(!schema_errors(SchemaKind::Instance, &value).is_empty(), "accepted {value}");
    }
    let solution = json!({"format": "civic-match-solution/1", "instance": "x", "status": "proven",
        "objective": 1.0, "bound": 1.0, "assignments": []});
    assert!(!schema_errors(SchemaKind::Solution, &solution).is_empty());
}
