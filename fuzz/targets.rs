//! The fuzz targets: each takes arbitrary bytes and drives one reader (or the solvers) the way
//! the command line does, asserting what must hold for every input, not only that nothing
//! panics. The `afl` binaries in `bin/` run them under AFL++; `tests/fuzz_corpus.rs` replays the
//! committed corpus through them as ordinary tests.

use arbitrary::{Arbitrary, Unstructured};
use civic_match::check::check;
use civic_match::format::{
    gap_to_spec, parse_gap, parse_json, validate, DemandSpec, GapSense, InstanceSpec, NeedSpec, PolicySpec, RegionSpec,
    ResourceSpec, SlotSpec, SolutionSpec, VolunteerSpec, INSTANCE_FORMAT,
};
use civic_match::problem::Problem;
use civic_match::report::solution_spec;
use civic_match::solve::{Greedy, Heuristic, Solver};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// A target: arbitrary bytes in, a panic when an assertion fails.
pub type Target = fn(&[u8]);

/// Every target, by the name of its corpus folder and binary.
pub const TARGETS: [(&str, Target); 5] = [
    ("instance_json", instance_json),
    ("sheets", sheets),
    ("orlib_gap", orlib_gap),
    ("check_solution", check_solution),
    ("solve_small", solve_small),
];

/// A `civic-match/1` JSON file: read, validated, and — when valid — compiled into a problem,
/// which then succeeds or names what only the candidates show; a valid instance written back
/// reads as itself.
pub fn instance_json(data: &[u8]) {
    let Ok(spec) = parse_json::<InstanceSpec>(Path::new("fuzz.json"), data) else { return };
    if !validate(&spec).is_empty() {
        return;
    }
    compiles_when_valid(&spec);
    let written = serde_json::to_vec(&spec).expect("an instance serialises");
    let again: InstanceSpec = parse_json(Path::new("again.json"), &written).expect("a written instance reads back");
    assert!(again == spec, "an instance written and read back changed");
}

/// A workbook (the bytes as an `.xlsx` file) and a CSV folder (the bytes as its demands sheet,
/// beside a valid volunteers sheet): each reads, or fails with an error; what reads and
/// validates compiles.
pub fn sheets(data: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let book = dir.path().join("month.xlsx");
    std::fs::write(&book, data).expect("the workbook is written");
    if let Ok((spec, _)) = civic_match::format::sheets::read_workbook(&book) {
        compiles_when_valid(&spec);
    }
    let folder = dir.path().join("csv");
    std::fs::create_dir(&folder).expect("the CSV folder is made");
    std::fs::write(folder.join("demands.csv"), data).expect("the demands sheet is written");
    std::fs::write(
        folder.join("volunteers.csv"),
        "id,at,skills,hours\nv1,\"25.0,103.0\",clean tutor,3\nv2,\"25.0,103.001\",clean,2\n",
    )
    .expect("the volunteers sheet");
    if let Ok((spec, _, _)) = civic_match::format::sheets::read_csv_folder(&folder) {
        compiles_when_valid(&spec);
    }
}

/// An OR-Library GAP file: every problem it reads becomes, in both senses, a valid instance
/// that compiles.
pub fn orlib_gap(data: &[u8]) {
    let Ok(problems) = parse_gap(Path::new("gap.txt"), data) else { return };
    for (p, problem) in problems.iter().enumerate() {
        for sense in [GapSense::Min, GapSense::Max] {
            let spec = gap_to_spec(problem, sense, &format!("gap-{p}"));
            let issues = validate(&spec);
            assert!(issues.is_empty(), "problem {p} read from a GAP file is not a valid instance: {issues:?}");
            compiles_when_valid(&spec);
        }
    }
}

/// The small bundled month every solution file is checked against.
fn checked_month() -> &'static Problem {
    static MONTH: OnceLock<Problem> = OnceLock::new();
    MONTH.get_or_init(|| {
        let bytes = include_bytes!("../instances/xundian-july.json");
        let spec: InstanceSpec = parse_json(Path::new("xundian-july.json"), bytes).expect("the bundled month reads");
        Problem::from_spec(&spec, "xundian-july").expect("the bundled month is valid")
    })
}

/// A solution file: read, then judged by the checker against the bundled month; whatever its
/// ids, hours or claims, the checker answers with a report.
pub fn check_solution(data: &[u8]) {
    let Ok(solution) = parse_json::<SolutionSpec>(Path::new("solution.json"), data) else { return };
    let problem = checked_month();
    let report = check(&problem.instance, &problem.names, &solution);
    assert!(report.is_feasible() || !report.violations.is_empty(), "an infeasible plan must name a violation");
}

/// A small structured month built from the bytes (up to 4 slots, 3 communities, 8 members,
/// 10 demands, funds and a venue): the greedy plan and a short search must both pass the
/// checker, and the search must not end below the greedy plan it starts from.
pub fn solve_small(data: &[u8]) {
    let Some(spec) = month_of(data) else { return };
    let Ok(problem) = Problem::from_spec(&spec, "fuzz") else { return };
    let greedy = Greedy.solve(&problem);
    let search = Heuristic::new(Duration::from_secs(60)).with_seed(1).with_iterations(Some(200)).solve(&problem);
    for (name, result) in [("greedy", &greedy), ("heuristic", &search)] {
        if result.objective.is_none() {
            continue;
        }
        let report = check(&problem.instance, &problem.names, &solution_spec(&problem, result));
        assert!(report.violations.is_empty(), "{name}: the checker rejects the plan: {:?}", report.violations);
    }
    if let (Some(g), Some(h)) = (greedy.objective, search.objective) {
        assert!(h >= g - 1e-6 * g.abs().max(1.0), "the search ended at {h}, below its greedy start {g}");
    }
}

/// The small month the bytes build, if they are enough to build one.
pub fn month_of(data: &[u8]) -> Option<InstanceSpec> {
    small_month(&mut Unstructured::new(data)).ok()
}

const SKILLS: [&str; 3] = ["clean", "wiring", "tutor"];

/// A small month from unstructured bytes; every count and value is kept in the ranges the
/// format allows, so that most inputs are valid and reach the solvers.
fn small_month(u: &mut Unstructured) -> arbitrary::Result<InstanceSpec> {
    let slots = u.int_in_range(1..=4usize)?;
    let regions = u.int_in_range(1..=3usize)?;
    let slot_ids: Vec<String> = (0..slots).map(|s| format!("s{s}")).collect();
    let region_ids: Vec<String> = (0..regions).map(|r| format!("c{r}")).collect();
    let pick_slots = |u: &mut Unstructured| -> arbitrary::Result<Option<Vec<String>>> {
        let mask = u.int_in_range(0..=(1u8 << slots) - 1)?;
        Ok((mask != 0).then(|| (0..slots).filter(|s| mask & (1 << s) != 0).map(|s| slot_ids[s].clone()).collect()))
    };
    let place = |u: &mut Unstructured| -> arbitrary::Result<[f64; 2]> {
        Ok([25.0 + f64::from(u.int_in_range(0..=40u8)?) * 0.001, 103.0 + f64::from(u.int_in_range(0..=40u8)?) * 0.001])
    };
    let skills = |u: &mut Unstructured| -> arbitrary::Result<Option<Vec<String>>> {
        let mask = u.int_in_range(0..=7u8)?;
        Ok((mask != 0).then(|| (0..3).filter(|k| mask & (1 << k) != 0).map(|k| SKILLS[k].to_string()).collect()))
    };
    let mut volunteers = Vec::new();
    for v in 0..u.int_in_range(0..=8usize)? {
        volunteers.push(VolunteerSpec {
            id: format!("v{v}"),
            region: Some(region_ids[u.choose_index(regions)?].clone()),
            at: Some(place(u)?),
            skills: skills(u)?,
            hours: Some(f64::from(u.int_in_range(0..=16u8)?) * 0.5),
            slots: pick_slots(u)?,
            max_tasks: Some(i64::from(u.int_in_range(1..=3u8)?)),
            ..VolunteerSpec::default()
        });
    }
    let mut demands = Vec::new();
    for d in 0..u.int_in_range(0..=10usize)? {
        let mut needs = Vec::new();
        if bool::arbitrary(u)? {
            needs.push(NeedSpec { kind: "funds".into(), amount: f64::from(u.int_in_range(0..=50u8)?) * 10.0 });
        }
        if bool::arbitrary(u)? {
            needs.push(NeedSpec { kind: "venue".into(), amount: 1.0 });
        }
        demands.push(DemandSpec {
            id: format!("d{d}"),
            region: Some(region_ids[u.choose_index(regions)?].clone()),
            at: Some(place(u)?),
            skills: skills(u)?.map(|mut s| {
                s.truncate(1);
                s
            }),
            people: Some(i64::from(u.int_in_range(1..=3u8)?)),
            hours: Some(f64::from(u.int_in_range(1..=8u8)?) * 0.5),
            slots: pick_slots(u)?,
            needs: (!needs.is_empty()).then_some(needs),
            weight: Some(f64::from(u.int_in_range(1..=50u8)?) * 0.1),
            must: Some(u.ratio(1, 12)?),
            ..DemandSpec::default()
        });
    }
    let mut resources = Vec::new();
    for (r, region) in region_ids.iter().enumerate() {
        let amount = f64::from(u.int_in_range(0..=100u8)?) * 10.0;
        resources.push(ResourceSpec {
            id: format!("f{r}"),
            kind: "funds".into(),
            amount,
            serves: vec![region.clone()],
            ..ResourceSpec::default()
        });
    }
    resources.push(ResourceSpec {
        id: "hall".into(),
        kind: "venue".into(),
        amount: f64::from(u.int_in_range(0..=3u8)?),
        serves: region_ids.clone(),
        ..ResourceSpec::default()
    });
    let max_km = u.int_in_range(0..=3u8)?;
    Ok(InstanceSpec {
        format: INSTANCE_FORMAT.into(),
        name: Some("fuzz".into()),
        slots: Some(
            slot_ids
                .iter()
                .map(|id| Ok(SlotSpec { id: id.clone(), hours: Some(f64::from(u.int_in_range(2..=8u8)?)) }))
                .collect::<arbitrary::Result<_>>()?,
        ),
        regions: region_ids.iter().map(|id| RegionSpec { id: id.clone(), ..RegionSpec::default() }).collect(),
        volunteers,
        demands,
        resources,
        policy: PolicySpec {
            max_km: (max_km > 0).then(|| f64::from(max_km) * 1.5),
            travel_weight: Some(f64::from(u.int_in_range(0..=4u8)?) * 0.1),
            ..PolicySpec::default()
        },
        ..InstanceSpec::default()
    })
}

/// What reads and validates must compile into a problem.
/// A valid instance compiles, or is refused only for what validation cannot see before the
/// candidates are built: too many pairs (E1505), `must` demands without a team (E16xx), pins
/// that do not fit (E17xx); each refusal names a field and says why.
fn compiles_when_valid(spec: &InstanceSpec) {
    if !validate(spec).is_empty() {
        return;
    }
    if let Err(issues) = Problem::from_spec(spec, "fuzz") {
        let candidate_stage = |code: &str| code == "E1505" || code.starts_with("E16") || code.starts_with("E17");
        assert!(
            !issues.is_empty()
                && issues.iter().all(|i| candidate_stage(i.code) && !i.path.is_empty() && !i.message.is_empty()),
            "a validated instance did not compile: {issues:?}"
        );
    }
}
