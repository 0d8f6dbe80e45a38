//! Properties over small structured months, with shrinking: proptest draws the bytes that
//! `fuzz/targets.rs` turns into a month (up to 4 slots, 3 communities, 8 members, 10
//! demands), so a failing case shrinks to a shorter byte string, and so to a smaller month.

// The other targets are replayed by tests/fuzz_corpus.rs.
#[allow(dead_code)]
#[path = "../fuzz/targets.rs"]
mod targets;

use civic_match::format::sheets::{read_workbook, workbook_bytes};
use civic_match::format::{instance_bytes, parse_json, validate, InstanceSpec};
use proptest::collection::vec;
use proptest::prelude::*;
use std::path::Path;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The greedy plan and a short search both pass the checker, and the search never ends
    /// below its greedy start.
    #[test]
    fn plans_of_small_months_pass_the_checker(bytes in vec(any::<u8>(), 0..400)) {
        targets::solve_small(&bytes);
    }

    /// A valid month written as JSON and as a workbook reads back as itself from both.
    #[test]
    fn small_months_read_back_from_json_and_workbook(bytes in vec(any::<u8>(), 0..400)) {
        let Some(spec) = targets::month_of(&bytes) else { return Ok(()) };
        prop_assume!(validate(&spec).is_empty());
        let json = instance_bytes(&spec).expect("the month is written as JSON");
        let from_json: InstanceSpec = parse_json(Path::new("month.json"), &json).expect("the JSON reads back");
        prop_assert_eq!(&from_json, &spec);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let book = dir.path().join("month.xlsx");
        std::fs::write(&book, workbook_bytes(&spec).expect("the month is written as a workbook")).expect("written");
        let (from_book, _) = read_workbook(&book).expect("the workbook reads back");
        prop_assert_eq!(from_book, spec);
    }
}
