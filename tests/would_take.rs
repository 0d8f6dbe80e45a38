//! What it would take to meet each unmet demand: on generated county and town months of
//! several profiles, every suggestion applied to the instance with its assignment added to the
//! plan passes the checker (and the assignment alone, without the change, does not); the
//! ranking; a hand-made month with one demand per kind of change; the solution schema; the
//! CLI's summary, `--no-would-take`, the workbook's 未满足 sheet and the HTML report.

mod common;

use civic_match::check::{check, haversine_km};
use civic_match::format::{
    compile, validate, write_instance, AssignmentSpec, ChangeSpec, InstanceSpec, SchemaKind, SolutionSpec,
    UnassignedSpec, WouldTakeSpec,
};
use civic_match::generate::{ask_standby, generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use civic_match::report::would_take::{
    apply_suggestion, attach_would_take, plan_with_suggestion, suggestion_words, MAX_SUGGESTIONS,
};
use civic_match::report::{plan_of_solution, solution_spec};
use civic_match::solve::{Heuristic, Solver};
use common::run::{civic_match, text};
use common::schema::assert_conforms;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Search iterations per demand of the plans suggestions are made for: short searches leave
/// demands unmet for every reason.
const ITERATIONS_PER_DEMAND: u64 = 5;

/// A plan of `spec` by a short heuristic search, with `would_take` filled.
fn solved(spec: &InstanceSpec) -> (Problem, SolutionSpec) {
    let problem = Problem::from_spec(spec, "month").expect("generated months are valid");
    let iterations = ITERATIONS_PER_DEMAND * spec.demands.len() as u64;
    let solver = Heuristic::new(Duration::from_secs(60)).with_seed(1).with_iterations(Some(iterations));
    let result = solver.solve(&problem);
    let mut solution = solution_spec(&problem, &result);
    attach_would_take(&problem, &result.plan, &mut solution);
    (problem, solution)
}

/// Checks what `apply_suggestion` did to `before` (giving `after`) against the changes of `s`,
/// field by field, without the library's code.
fn assert_applied(
    before: &InstanceSpec,
    after: &InstanceSpec,
    solution: &SolutionSpec,
    demand: &str,
    s: &WouldTakeSpec,
) {
    let d = before.demands.iter().find(|x| x.id == demand).unwrap();
    let volunteer = |spec: &InstanceSpec, id: &str| spec.volunteers.iter().find(|v| v.id == id).cloned();
    for c in &s.changes {
        match c {
            ChangeSpec::VolunteerHours { volunteer: v, add } => {
                assert!(*add > 0.0);
                let (old, new) = (volunteer(before, v).unwrap(), volunteer(after, v).unwrap());
                assert!((new.hours.unwrap() - old.hours.unwrap() - add).abs() < 1e-9, "{demand}: {c:?}");
            }
            ChangeSpec::ResourceAmount { resource, add } => {
                assert!(*add > 0.0);
                let old = before.resources.iter().find(|r| &r.id == resource).unwrap();
                let new = after.resources.iter().find(|r| &r.id == resource).unwrap();
                assert!((new.amount - old.amount - add).abs() < 1e-9, "{demand}: {c:?}");
            }
            ChangeSpec::MaxKm { value, volunteers } => {
                let old = before.policy.max_km.unwrap();
                assert!(*value > old && after.policy.max_km == Some(*value), "{demand}: {c:?}");
                assert!(!volunteers.is_empty());
                for v in volunteers {
                    let km = haversine_km(volunteer(before, v).unwrap().at.unwrap(), d.at.unwrap());
                    assert!(km > old && km <= value + 1e-9, "{demand}: {v} at {km} km, {c:?}");
                }
            }
            ChangeSpec::VolunteerSlot { volunteer: v, slot } => {
                let old = volunteer(before, v).unwrap().slots.unwrap();
                assert!(!old.contains(slot), "{demand}: {v} already offers {slot}");
                assert!(volunteer(after, v).unwrap().slots.unwrap().contains(slot));
            }
            ChangeSpec::NewVolunteer { id, skills, hours, slots, .. } => {
                assert!(volunteer(before, id).is_none(), "{id} exists already");
                let new = volunteer(after, id).unwrap();
                assert_eq!(new.skills.as_ref(), Some(skills));
                assert!(d.skills.iter().flatten().all(|k| skills.contains(k)), "{demand}: {skills:?}");
                assert_eq!((new.hours, new.slots.as_ref()), (Some(*hours), Some(slots)));
            }
            ChangeSpec::Release { demand: released } => {
                let e = before.demands.iter().find(|x| &x.id == released).unwrap();
                assert!(e.must != Some(true) && e.weight.unwrap_or(1.0) < d.weight.unwrap_or(1.0), "{released}");
                assert!(solution.assignments.iter().any(|a| &a.demand == released), "{released} was not met");
            }
        }
    }
    let kinds: Vec<&str> = s.changes.iter().map(change_word).collect();
    assert!(kinds.iter().all(|k| *k == s.kind), "{demand}: {} with changes {kinds:?}", s.kind);
    assert_eq!(s.changes.is_empty(), s.kind == "fits_now", "{demand}: {s:?}");
}

fn change_word(c: &ChangeSpec) -> &'static str {
    match c {
        ChangeSpec::VolunteerHours { .. } => "volunteer_hours",
        ChangeSpec::ResourceAmount { .. } => "resource_amount",
        ChangeSpec::MaxKm { .. } => "max_km",
        ChangeSpec::VolunteerSlot { .. } => "volunteer_slot",
        ChangeSpec::NewVolunteer { .. } => "new_volunteer",
        ChangeSpec::Release { .. } => "release",
    }
}

/// The checker's verdict on `plan` against `spec` with its claimed objective replaced by the
/// checker's own: accepted or not, and the report's words.
fn accepted(spec: &InstanceSpec, plan: &SolutionSpec) -> (bool, String) {
    assert!(validate(spec).is_empty(), "{:?}", validate(spec));
    let (instance, names) = compile(spec, "changed");
    let report = check(&instance, &names, plan);
    let mut plan = plan.clone();
    plan.objective = Some(report.objective);
    let report = check(&instance, &names, &plan);
    (report.is_ok(), report.to_string())
}

/// `solution` with the suggested assignment of `demand` added and nothing released.
fn with_assignment_alone(solution: &SolutionSpec, demand: &str, s: &WouldTakeSpec) -> SolutionSpec {
    let mut out = solution.clone();
    out.unassigned.retain(|u| u.demand != demand);
    let a = &s.assignment;
    out.assignments.push(AssignmentSpec {
        demand: demand.into(),
        slot: a.slot.clone(),
        volunteers: a.volunteers.clone(),
        supplies: a.supplies.clone(),
        standby: a.standby.clone(),
    });
    out
}

/// Every suggestion of `solution` (of `spec`) checked: applied, it gives a plan the checker
/// accepts; the assignment without the change is refused (but for `fits_now`); the ranking
/// never falls. Returns the number of unmet demands with a suggestion and the count per kind.
fn verify_every_suggestion(spec: &InstanceSpec, solution: &SolutionSpec) -> (usize, BTreeMap<String, usize>) {
    let mut kinds = BTreeMap::new();
    let mut suggested = 0;
    for u in &solution.unassigned {
        let list = u.would_take.as_ref().unwrap_or_else(|| panic!("{}: no would_take", u.demand));
        assert!(list.len() <= MAX_SUGGESTIONS);
        assert_eq!(list.is_empty(), u.would_take_none.is_some(), "{}", u.demand);
        suggested += usize::from(!list.is_empty());
        let ranks: Vec<(bool, f64)> = list.iter().map(|s| (s.kind == "new_volunteer", s.size)).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        for s in list {
            *kinds.entry(s.kind.clone()).or_default() += 1;
            let mut changed = spec.clone();
            apply_suggestion(&mut changed, &u.demand, s).unwrap();
            assert_applied(spec, &changed, solution, &u.demand, s);
            let (ok, words) = accepted(&changed, &plan_with_suggestion(solution, &u.demand, s));
            assert!(ok, "{}: {s:?}: {words}", u.demand);
            let (alone, _) = accepted(spec, &with_assignment_alone(solution, &u.demand, s));
            assert_eq!(alone, s.kind == "fits_now", "{}: {s:?} without its change", u.demand);
        }
    }
    (suggested, kinds)
}

#[test]
fn every_suggestion_on_generated_months_gives_a_plan_the_checker_accepts() {
    let months = [
        (Preset::County, Profile::Standard, 1),
        (Preset::County, Profile::Scarce, 1),
        (Preset::County, Profile::Teams, 2),
        (Preset::County, Profile::LowHours, 3),
        (Preset::County, Profile::TightSlots, 2),
        (Preset::County, Profile::Rural, 1),
        (Preset::County, Profile::Arcs, 1),
        (Preset::Town, Profile::Scarce, 1),
        // Critical demands asking one backup each (rule 9): suggested assignments name it.
        (Preset::County, Profile::Teams, 1),
    ];
    let mut all_kinds: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (preset, profile, seed)) in months.into_iter().enumerate() {
        let mut spec = generate_profile(preset, profile, seed);
        let with_standby = i == months.len() - 1;
        if with_standby {
            ask_standby(&mut spec, 1.0, seed);
        }
        let (_, solution) = solved(&spec);
        if with_standby {
            let mut suggested = solution.unassigned.iter().filter_map(|u| u.would_take.as_ref()).flatten();
            let named = suggested.any(|w| !w.assignment.standby.is_empty());
            assert!(named, "no suggestion names a backup on a month whose critical demands ask one");
        }
        let (suggested, kinds) = verify_every_suggestion(&spec, &solution);
        eprintln!(
            "{} {} {seed}: {suggested} / {} unmet with a suggestion, {kinds:?}",
            preset.name(),
            profile.name(),
            solution.unassigned.len()
        );
        kinds.into_iter().for_each(|(k, n)| *all_kinds.entry(k).or_default() += n);
    }
    for kind in ["volunteer_hours", "resource_amount", "new_volunteer"] {
        assert!(all_kinds.contains_key(kind), "no {kind} suggestion in any month: {all_kinds:?}");
    }
}

/// One community, every demand with a skill of its own (so each has its own candidates), and
/// a plan that leaves each unmet for one reason only one kind of change (besides recruiting)
/// removes.
fn hand_made() -> (InstanceSpec, SolutionSpec) {
    let at = [25.56, 103.25];
    // 1.5 km north: beyond the 1.25 km radius, within twice it.
    let far = [25.56 + 1.5 / 111.195, 103.25];
    let spec: InstanceSpec = serde_json::from_value(json!({
        "format": "civic-match/1",
        "name": "hand-made",
        "slots": [{"id": "s1", "hours": 4.0}, {"id": "s2", "hours": 4.0}],
        "regions": [{"id": "c1", "parent": null, "level": "community"}],
        "volunteers": [
            {"id": "vA", "region": "c1", "at": at, "skills": ["a"], "hours": 1.0, "slots": ["s1"]},
            {"id": "vB", "region": "c1", "at": at, "skills": ["b"], "hours": 10.0, "slots": ["s1"]},
            {"id": "vC", "region": "c1", "at": at, "skills": ["c"], "hours": 10.0, "slots": ["s1"]},
            {"id": "vK", "region": "c1", "at": far, "skills": ["k"], "hours": 10.0, "slots": ["s1"]},
            {"id": "vL", "region": "c1", "at": at, "skills": ["l"], "hours": 2.0, "slots": ["s1"]},
            {"id": "vM", "region": "c1", "at": at, "skills": ["m"], "hours": 10.0, "slots": ["s1"]}
        ],
        "demands": [
            {"id": "dH", "region": "c1", "at": at, "skills": ["a"], "hours": 2.0, "slots": ["s1"], "weight": 2.0},
            {"id": "dS", "region": "c1", "at": at, "skills": ["b"], "hours": 2.0, "slots": ["s2"], "weight": 2.0},
            {"id": "dR", "region": "c1", "at": at, "skills": ["c"], "hours": 1.0,
             "needs": [{"kind": "funds", "amount": 100.0}], "weight": 2.0},
            {"id": "dK", "region": "c1", "at": at, "skills": ["k"], "hours": 1.0, "weight": 2.0},
            {"id": "dN", "region": "c1", "at": at, "skills": ["n"], "hours": 1.5, "slots": ["s2"], "weight": 2.0},
            {"id": "dL", "region": "c1", "at": at, "skills": ["l"], "hours": 2.0, "weight": 5.0},
            {"id": "dl", "region": "c1", "at": at, "skills": ["l"], "hours": 2.0, "weight": 1.0},
            {"id": "dM", "region": "c1", "at": at, "skills": ["m"], "hours": 1.0,
             "needs": [{"kind": "funds", "amount": 150.0}], "must": true}
        ],
        "resources": [{"id": "r1", "kind": "funds", "amount": 200.0, "serves": ["c1"]}],
        "policy": {"max_km": 1.25}
    }))
    .unwrap();
    let unmet: Vec<Value> =
        ["dH", "dS", "dR", "dK", "dN", "dL"].iter().map(|d| json!({"demand": d, "reason": "by hand"})).collect();
    let plan: SolutionSpec = serde_json::from_value(json!({
        "format": "civic-match-solution/1", "instance": "hand-made", "status": "feasible",
        "objective": 1.0, "bound": null,
        "assignments": [
            {"demand": "dM", "slot": "s1", "volunteers": ["vM"], "supplies": [{"resource": "r1", "amount": 150.0}]},
            {"demand": "dl", "slot": "s1", "volunteers": ["vL"]}
        ],
        "unassigned": unmet
    }))
    .unwrap();
    (spec, plan)
}

/// The hand-made month's plan with `would_take` filled.
fn hand_made_would_take() -> (InstanceSpec, SolutionSpec) {
    let (spec, mut plan) = hand_made();
    let problem = Problem::from_spec(&spec, "hand-made").unwrap();
    let dense = plan_of_solution(&problem.names, &plan).unwrap();
    attach_would_take(&problem, &dense, &mut plan);
    (spec, plan)
}

#[test]
fn a_hand_made_month_gets_the_one_change_each_demand_lacks() {
    let (spec, plan) = hand_made_would_take();
    let first: HashMap<&str, &WouldTakeSpec> =
        plan.unassigned.iter().map(|u| (u.demand.as_str(), &u.would_take.as_ref().unwrap()[0])).collect();
    let json = |s: &WouldTakeSpec| serde_json::to_value(s).unwrap();
    assert_eq!(
        json(first["dH"]),
        json!({"kind": "volunteer_hours", "size": 1.0, "changes": [{"change": "volunteer_hours", "volunteer": "vA", "add": 1.0}],
               "assignment": {"slot": "s1", "volunteers": ["vA"], "supplies": []}})
    );
    assert_eq!(
        json(first["dS"]),
        json!({"kind": "volunteer_slot", "size": 1.0, "changes": [{"change": "volunteer_slot", "volunteer": "vB", "slot": "s2"}],
               "assignment": {"slot": "s2", "volunteers": ["vB"], "supplies": []}})
    );
    // 50 more funds on a resource of 200: a quarter of it.
    assert_eq!(
        json(first["dR"]),
        json!({"kind": "resource_amount", "size": 0.25, "changes": [{"change": "resource_amount", "resource": "r1", "add": 50.0}],
               "assignment": {"slot": "s1", "volunteers": ["vC"], "supplies": [{"resource": "r1", "amount": 100.0}]}})
    );
    let ChangeSpec::MaxKm { value, volunteers } = &first["dK"].changes[0] else { panic!("{:?}", first["dK"]) };
    assert!((1.5..=1.51).contains(value) && volunteers == &["vK"], "{value} {volunteers:?}");
    assert!((first["dK"].size - (value - 1.25)).abs() < 1e-12);
    assert_eq!(
        json(first["dN"]),
        json!({"kind": "new_volunteer", "size": 1.0,
               "changes": [{"change": "new_volunteer", "id": "new-1", "skills": ["n"], "at": [25.56, 103.25], "hours": 1.5, "slots": ["s2"]}],
               "assignment": {"slot": "s2", "volunteers": ["new-1"], "supplies": []}})
    );
    // Releasing dl (weight 1) ranks before 2 more hours for vL.
    assert_eq!(
        json(first["dL"]),
        json!({"kind": "release", "size": 1.0, "changes": [{"change": "release", "demand": "dl"}],
               "assignment": {"slot": "s1", "volunteers": ["vL"], "supplies": []}})
    );
    let dl: Vec<&str> = plan
        .unassigned
        .iter()
        .find(|u| u.demand == "dL")
        .unwrap()
        .would_take
        .as_ref()
        .unwrap()
        .iter()
        .map(|s| s.kind.as_str())
        .collect();
    assert_eq!(dl, ["release", "volunteer_hours", "new_volunteer"]);
    // The must demand's assignment is never released, nor a heavier one: dM's volunteer and
    // funds stay where they are in every suggestion.
    let (suggested, kinds) = verify_every_suggestion(&spec, &plan);
    assert_eq!(suggested, 6);
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}

#[test]
fn suggestions_conform_to_the_solution_schema() {
    let (_, plan) = hand_made_would_take();
    let value = serde_json::to_value(&plan).unwrap();
    assert_conforms(SchemaKind::Solution, &value, "hand-made plan with would_take");
    // A change of an unknown kind is no solution file.
    let mut bad = value.clone();
    bad["unassigned"][0]["would_take"][0]["changes"][0]["change"] = json!("more_luck");
    assert!(!common::schema::schema_errors(SchemaKind::Solution, &bad).is_empty());
    let parsed: SolutionSpec = serde_json::from_value(value).unwrap();
    assert_eq!(parsed, plan);
}

/// The workbook as openpyxl reads it (see `tests/tools/read_workbook.py`).
fn read_workbook(file: &Path) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/read_workbook.py");
    let out = Command::new("python3").arg(script).arg(file).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn solve_writes_prints_and_shows_the_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let month = dir.path().join("scarce.json");
    write_instance(&month, &generate_profile(Preset::County, Profile::Scarce, 1)).unwrap();
    let month = month.to_str().unwrap();
    let book = dir.path().join("plan.xlsx");
    let out = civic_match(&["solve", month, "--solver", "greedy", "--out", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("unmet demands have a suggestion") && stdout.contains("would-take  "), "{stdout}");
    let plan_file = dir.path().join("plan.json");
    let plan: Value = serde_json::from_slice(&std::fs::read(&plan_file).unwrap()).unwrap();
    assert_conforms(SchemaKind::Solution, &plan, "solve's plan");
    let plan: SolutionSpec = serde_json::from_value(plan).unwrap();
    let unmet: Vec<&UnassignedSpec> = plan.unassigned.iter().collect();
    assert!(unmet.iter().all(|u| u.would_take.is_some()));
    let with = unmet.iter().filter(|u| !u.would_take.as_ref().unwrap().is_empty()).count();
    assert!(stdout.contains(&format!("{with} / {} unmet demands", unmet.len())), "{stdout}");

    if common::tools::python_openpyxl() {
        let workbook = read_workbook(&book);
        let sheet = workbook.iter().find(|s| s["name"] == "未满足").unwrap();
        let rows = sheet["rows"].as_array().unwrap();
        let headers: Vec<&str> = rows[0].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
        let first = headers.iter().position(|h| *h == "建议一 would take 1").expect("a suggestion column");
        assert_eq!(headers[first + 1..first + 3], ["建议二 would take 2", "建议三 would take 3"]);
        for (row, u) in rows[1..].iter().zip(&unmet) {
            let cells = row.as_array().unwrap();
            let list = u.would_take.as_ref().unwrap();
            for k in 0..MAX_SUGGESTIONS {
                let cell = cells.get(first + k).and_then(Value::as_str).unwrap_or_default();
                match list.get(k) {
                    Some(s) => assert_eq!(cell, suggestion_words(s), "{}", u.demand),
                    None if k == 0 => assert!(cell.starts_with("无 none"), "{}: {cell}", u.demand),
                    None => assert_eq!(cell, ""),
                }
            }
        }
    }

    let report = dir.path().join("report.html");
    let out = civic_match(&["report", month, plan_file.to_str().unwrap(), "--out", report.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("所需改变 would take"));
    assert!(unmet.len() <= civic_match::report::html::UNMET_ROWS, "every unmet demand has its row");
    for u in &unmet {
        if let Some(s) = u.would_take.as_ref().unwrap().first() {
            let words = suggestion_words(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(html.contains(&words), "{}: {words} not in the report", u.demand);
        }
    }

    let bare = dir.path().join("bare.json");
    let out = civic_match(&["solve", month, "--solver", "greedy", "--no-would-take", "--out", bare.to_str().unwrap()]);
    assert!(out.status.success() && !text(&out.stdout).contains("would take"));
    let bare: SolutionSpec = serde_json::from_slice(&std::fs::read(&bare).unwrap()).unwrap();
    assert!(bare.unassigned.iter().all(|u| u.would_take.is_none() && u.would_take_none.is_none()));
    assert_eq!(bare.assignments, plan.assignments);
}
