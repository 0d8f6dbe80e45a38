//! The checker on small hand-made instances: a feasible plan passes, and each broken rule is
//! reported as exactly that rule, naming the ids at fault.

use civic_match::check::{check, CheckReport, Rule};
use civic_match::format::{
    compile, validate, DemandSpec, InstanceSpec, Names, SlotSpec, SolutionSpec, VolunteerSpec, SOLUTION_FORMAT,
};
use civic_match::model::Instance;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Kilometres along a meridian for a latitude difference in degrees, on the contract's sphere.
fn meridian_km(degrees: f64) -> f64 {
    6371.0088 * degrees.to_radians()
}

fn compiled(json: &str) -> (Instance, Names) {
    let spec: InstanceSpec = serde_json::from_str(json).expect("instance JSON");
    let issues = validate(&spec);
    assert!(issues.is_empty(), "{issues:?}");
    compile(&spec, "test")
}

fn solution(status: &str, objective: Option<f64>, bound: Option<f64>, assignments: Value) -> SolutionSpec {
    serde_json::from_value(json!({
        "format": SOLUTION_FORMAT,
        "instance": "test",
        "status": status,
        "objective": objective,
        "bound": bound,
        "assignments": assignments,
    }))
    .expect("solution JSON")
}

/// Checks a `feasible` plan that claims the checker's own objective, so that only the
/// feasibility rules can show up in the report.
fn check_plan(instance: &Instance, names: &Names, assignments: Value) -> CheckReport {
    let first = check(instance, names, &solution("feasible", None, None, assignments.clone()));
    check(instance, names, &solution("feasible", Some(first.objective), None, assignments))
}

fn rules(report: &CheckReport) -> BTreeSet<Rule> {
    report.violations.iter().map(|v| v.rule).collect()
}

/// Asserts that `rule` is the only rule reported and that one of its messages names all `ids`.
fn assert_only(report: &CheckReport, rule: Rule, ids: &[&str]) {
    assert_eq!(rules(report), BTreeSet::from([rule]), "{report}");
    assert!(!report.is_feasible() || !rule.breaks_feasibility(), "{report}");
    let named = report.violations.iter().any(|v| ids.iter().all(|id| v.message.contains(&format!("{id:?}"))));
    assert!(named, "no {rule:?} message names all of {ids:?}:\n{report}");
}

/// Two slots of 4 h, a street with two communities, three volunteers and five demands along
/// the meridian 103.25°E, so that every distance is a multiple of 0.001° of latitude.
const BASE: &str = r#"{
  "format": "civic-match/1",
  "name": "base",
  "slots": [{"id": "s1", "hours": 4.0}, {"id": "s2", "hours": 4.0}],
  "regions": [{"id": "st", "parent": null, "level": "street", "name": "仁德街道"},
              {"id": "c1", "parent": "st", "level": "community"},
              {"id": "c2", "parent": "st", "level": "community"}],
  "units": [{"id": "u1"}],
  "volunteers": [
    {"id": "v1", "region": "c1", "unit": "u1", "at": [25.560, 103.25], "skills": ["electrician"],
     "hours": 8.0, "max_tasks": 2},
    {"id": "v2", "region": "c1", "at": [25.565, 103.25], "slots": ["s1"]},
    {"id": "v3", "region": "c2", "at": [25.575, 103.25], "skills": ["driver"], "hours": 3.0, "max_tasks": 2}
  ],
  "demands": [
    {"id": "d1", "region": "c1", "at": [25.560, 103.25], "skills": ["electrician"], "hours": 1.5,
     "slots": ["s1"], "needs": [{"kind": "funds", "amount": 120.0}], "weight": 3.0},
    {"id": "d2", "region": "c1", "at": [25.562, 103.25], "people": 2, "hours": 2.0, "weight": 2.0, "must": true},
    {"id": "d3", "region": "c2", "at": [25.575, 103.25], "skills": ["driver"], "hours": 1.0,
     "needs": [{"kind": "venue", "amount": 4.0}]},
    {"id": "d4", "region": "c2", "at": [25.576, 103.25], "hours": 2.5},
    {"id": "d5", "region": "c1", "at": [25.561, 103.25], "hours": 1.0,
     "needs": [{"kind": "funds", "amount": 90.0}], "weight": 0.5}
  ],
  "resources": [
    {"id": "r1", "unit": "u1", "kind": "funds", "amount": 200.0, "serves": ["st"]},
    {"id": "r2", "kind": "venue", "amount": 10.0, "serves": ["c2"]},
    {"id": "r3", "kind": "funds", "amount": 100.0, "serves": ["c2"]},
    {"id": "r4", "kind": "funds", "amount": 100.0, "serves": ["c1"]}
  ],
  "policy": {"max_km": 1.25, "travel_weight": 0.1}
}"#;

fn base() -> (Instance, Names) {
    compiled(BASE)
}

/// d1 by v1 with 120 funds, d2 by v1 and v2, d3 by v3 with 4 of venue.
fn base_plan() -> Vec<Value> {
    vec![
        json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"], "supplies": [{"resource": "r1", "amount": 120.0}]}),
        json!({"demand": "d2", "slot": "s1", "volunteers": ["v1", "v2"]}),
        json!({"demand": "d3", "slot": "s2", "volunteers": ["v3"], "supplies": [{"resource": "r2", "amount": 4.0}]}),
    ]
}

/// The base plan's objective: weights 3 + 2 + 1, travel 0.1 × (0.002° + 0.003°) for d2's team.
fn base_objective() -> f64 {
    6.0 - 0.1 * (meridian_km(0.002) + meridian_km(0.003))
}

fn with(mut plan: Vec<Value>, position: usize, assignment: Value) -> Value {
    plan[position] = assignment;
    Value::Array(plan)
}

fn plus(mut plan: Vec<Value>, assignment: Value) -> Value {
    plan.push(assignment);
    Value::Array(plan)
}

#[test]
fn can_accept_a_feasible_plan_with_its_objective() {
    let (instance, names) = base();
    let objective = base_objective();
    let report = check(&instance, &names, &solution("optimal", Some(objective), Some(objective), json!(base_plan())));
    assert!(report.is_ok(), "{report}");
    assert!((report.objective - objective).abs() < 1e-9);
    assert!((report.terms.weight - 6.0).abs() < 1e-12 && report.terms.fairness == 0.0);
    assert_eq!((report.assigned, report.assignments), (3, 3));
}

#[test]
fn can_report_rule1_for_a_demand_assigned_twice() {
    let (instance, names) = base();
    let again =
        json!({"demand": "d3", "slot": "s2", "volunteers": ["v3"], "supplies": [{"resource": "r2", "amount": 4.0}]});
    let report = check_plan(&instance, &names, plus(base_plan(), again));
    assert_only(&report, Rule::AtMostOnce, &["d3"]);
    assert_eq!(report.assigned, 3);
    // The weight of d3 counts once.
    assert!((report.objective - base_objective()).abs() < 1e-9);
}

#[test]
fn can_report_rule1_for_a_must_demand_left_out() {
    let (instance, names) = base();
    let mut plan = base_plan();
    plan.remove(1);
    let report = check_plan(&instance, &names, Value::Array(plan));
    assert_only(&report, Rule::AtMostOnce, &["d2"]);
}

#[test]
fn can_report_rule2_for_a_volunteer_without_the_skill_and_too_far() {
    let (instance, names) = base();
    let far =
        json!({"demand": "d1", "slot": "s1", "volunteers": ["v3"], "supplies": [{"resource": "r1", "amount": 120.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, far));
    assert_only(&report, Rule::Team, &["d1", "v3", "electrician"]);
    assert_eq!(report.violations.len(), 2, "{report}");
    assert!(report.violations.iter().any(|v| v.message.contains("km")), "{report}");
}

#[test]
fn can_report_rule2_for_a_team_of_the_wrong_size() {
    let (instance, names) = base();
    let report = check_plan(
        &instance,
        &names,
        with(base_plan(), 1, json!({"demand": "d2", "slot": "s1", "volunteers": ["v1"]})),
    );
    assert_only(&report, Rule::Team, &["d2", "v1"]);
}

#[test]
fn can_report_rule2_for_a_volunteer_listed_twice() {
    let (instance, names) = base();
    let twice = json!({"demand": "d2", "slot": "s1", "volunteers": ["v1", "v1"]});
    let report = check_plan(&instance, &names, with(base_plan(), 1, twice));
    assert_only(&report, Rule::Team, &["d2", "v1"]);
    assert_eq!(report.violations.len(), 1, "{report}");
}

#[test]
fn can_report_rule3_for_a_slot_the_demand_does_not_allow() {
    let (instance, names) = base();
    let late =
        json!({"demand": "d1", "slot": "s2", "volunteers": ["v1"], "supplies": [{"resource": "r1", "amount": 120.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, late));
    assert_only(&report, Rule::Slot, &["d1", "s2"]);
}

#[test]
fn can_report_rule3_for_a_volunteer_unavailable_in_the_slot() {
    let (instance, names) = base();
    let late = json!({"demand": "d2", "slot": "s2", "volunteers": ["v1", "v2"]});
    let report = check_plan(&instance, &names, with(base_plan(), 1, late));
    assert_only(&report, Rule::Slot, &["d2", "v2", "s2"]);
    assert_eq!(report.violations.len(), 1, "{report}");
}

#[test]
fn can_report_rule4_for_too_many_hours_in_one_slot() {
    let (instance, names) = base();
    // v2 has unlimited hours of its own, but 2 + 2.5 h in the 4 h slot s1.
    let report =
        check_plan(&instance, &names, plus(base_plan(), json!({"demand": "d4", "slot": "s1", "volunteers": ["v2"]})));
    assert_only(&report, Rule::SlotHours, &["v2", "s1", "d2", "d4"]);
}

#[test]
fn can_report_rule5_for_too_many_hours_in_the_month() {
    let (instance, names) = base();
    // v3 works 1 h in s2 and 2.5 h in s1: each slot is fine, its 3 h are not.
    let report =
        check_plan(&instance, &names, plus(base_plan(), json!({"demand": "d4", "slot": "s1", "volunteers": ["v3"]})));
    assert_only(&report, Rule::VolunteerLimits, &["v3", "d3", "d4"]);
}

#[test]
fn can_report_rule5_for_too_many_tasks() {
    let (instance, names) = base();
    let third =
        json!({"demand": "d5", "slot": "s2", "volunteers": ["v1"], "supplies": [{"resource": "r4", "amount": 90.0}]});
    let report = check_plan(&instance, &names, plus(base_plan(), third));
    assert_only(&report, Rule::VolunteerLimits, &["v1", "d1", "d2", "d5"]);
    assert!(report.violations[0].message.contains("max_tasks 2"), "{report}");
}

#[test]
fn can_report_rule6_for_a_resource_that_does_not_serve_the_demand() {
    let (instance, names) = base();
    let split = json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"],
                       "supplies": [{"resource": "r1", "amount": 20.0}, {"resource": "r3", "amount": 100.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, split));
    assert_only(&report, Rule::Supplies, &["d1", "r3", "c1", "st"]);
    assert_eq!(report.violations.len(), 1, "{report}");
}

#[test]
fn can_report_rule6_for_a_need_not_met_exactly() {
    let (instance, names) = base();
    let short =
        json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"], "supplies": [{"resource": "r1", "amount": 100.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, short));
    assert_only(&report, Rule::Supplies, &["d1", "funds"]);
}

#[test]
fn can_report_rule6_for_a_kind_the_demand_does_not_need() {
    let (instance, names) = base();
    let extra = json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"],
                       "supplies": [{"resource": "r1", "amount": 120.0}, {"resource": "r2", "amount": 4.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, extra));
    assert_only(&report, Rule::Supplies, &["d1", "r2", "venue"]);
}

#[test]
fn can_report_rule6_for_a_supply_that_is_not_positive() {
    let (instance, names) = base();
    let zero = json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"],
                      "supplies": [{"resource": "r1", "amount": 120.0}, {"resource": "r1", "amount": 0.0}]});
    let report = check_plan(&instance, &names, with(base_plan(), 0, zero));
    assert_only(&report, Rule::Supplies, &["d1", "r1"]);
    assert_eq!(report.violations.len(), 1, "{report}");
}

#[test]
fn can_report_rule6_for_a_need_without_supplies() {
    let (instance, names) = base();
    let report = check_plan(
        &instance,
        &names,
        with(base_plan(), 2, json!({"demand": "d3", "slot": "s2", "volunteers": ["v3"]})),
    );
    assert_only(&report, Rule::Supplies, &["d3", "venue"]);
}

#[test]
fn can_report_rule7_for_a_resource_overdrawn() {
    let (instance, names) = base();
    let more =
        json!({"demand": "d5", "slot": "s1", "volunteers": ["v2"], "supplies": [{"resource": "r1", "amount": 90.0}]});
    let report = check_plan(&instance, &names, plus(base_plan(), more));
    assert_only(&report, Rule::ResourceAmount, &["r1", "d1", "d5"]);
}

#[test]
fn can_report_every_violation_not_just_the_first() {
    let (instance, names) = base();
    let plan = json!([
        {"demand": "d1", "slot": "s2", "volunteers": ["v2"], "supplies": [{"resource": "r3", "amount": 500.0}]},
        {"demand": "d3", "slot": "s2", "volunteers": ["v3"], "supplies": [{"resource": "r2", "amount": 4.0}]},
        {"demand": "d3", "slot": "s2", "volunteers": ["v3"], "supplies": [{"resource": "r2", "amount": 4.0}]},
    ]);
    let report = check_plan(&instance, &names, plan);
    let expected = BTreeSet::from([Rule::AtMostOnce, Rule::Team, Rule::Slot, Rule::Supplies, Rule::ResourceAmount]);
    assert_eq!(rules(&report), expected, "{report}");
    // d3 twice and d2 missing are two violations of rule 1.
    assert_eq!(report.violations_of(Rule::AtMostOnce).count(), 2, "{report}");
}

#[test]
fn can_report_a_wrong_claimed_objective() {
    let (instance, names) = base();
    let report =
        check(&instance, &names, &solution("feasible", Some(base_objective() + 0.01), None, json!(base_plan())));
    assert_only(&report, Rule::Objective, &[]);
    assert!(report.is_feasible() && !report.is_ok());
    // Within 1e-6 relative is fine.
    let close =
        check(&instance, &names, &solution("feasible", Some(base_objective() + 1e-8), None, json!(base_plan())));
    assert!(close.is_ok(), "{close}");
}

#[test]
fn can_report_a_plan_without_a_claimed_objective() {
    let (instance, names) = base();
    let report = check(&instance, &names, &solution("feasible", None, None, json!(base_plan())));
    assert_only(&report, Rule::Objective, &[]);
}

#[test]
fn can_report_a_bound_below_the_objective() {
    let (instance, names) = base();
    let objective = base_objective();
    let report =
        check(&instance, &names, &solution("feasible", Some(objective), Some(objective - 0.5), json!(base_plan())));
    assert_only(&report, Rule::Bound, &[]);
    let above =
        check(&instance, &names, &solution("feasible", Some(objective), Some(objective + 7.0), json!(base_plan())));
    assert!(above.is_ok(), "{above}");
}

#[test]
fn can_report_optimal_with_a_gap_or_without_a_bound() {
    let (instance, names) = base();
    let objective = base_objective();
    let gap =
        check(&instance, &names, &solution("optimal", Some(objective), Some(objective + 0.5), json!(base_plan())));
    assert_only(&gap, Rule::Bound, &[]);
    let none = check(&instance, &names, &solution("optimal", Some(objective), None, json!(base_plan())));
    assert_only(&none, Rule::Bound, &[]);
    let tight =
        check(&instance, &names, &solution("optimal", Some(objective), Some(objective + 1e-9), json!(base_plan())));
    assert!(tight.is_ok(), "{tight}");
}

#[test]
fn can_report_an_unknown_volunteer_as_a_reference() {
    let (instance, names) = base();
    let stranger = json!({"demand": "d2", "slot": "s1", "volunteers": ["v1", "v99"]});
    let report = check_plan(&instance, &names, with(base_plan(), 1, stranger));
    assert_only(&report, Rule::Reference, &["d2", "v99"]);
    assert!(!report.is_feasible());
}

#[test]
fn can_report_every_unknown_id_without_panicking() {
    let (instance, names) = base();
    let mut plan = base_plan();
    plan[0] =
        json!({"demand": "d1", "slot": "s1", "volunteers": ["v1"], "supplies": [{"resource": "r9", "amount": 120.0}]});
    plan[2] =
        json!({"demand": "d3", "slot": "s7", "volunteers": ["v3"], "supplies": [{"resource": "r2", "amount": 4.0}]});
    plan.push(json!({"demand": "d42", "slot": "s1", "volunteers": ["v1"]}));
    let mut spec = solution("feasible", None, None, Value::Array(plan));
    spec.unassigned = serde_json::from_value(json!([{"demand": "d4", "reason": "-"}, {"demand": "zz", "reason": "-"}]))
        .expect("unassigned");
    let first = check(&instance, &names, &spec);
    spec.objective = Some(first.objective);
    let report = check(&instance, &names, &spec);
    assert_eq!(rules(&report), BTreeSet::from([Rule::Reference]), "{report}");
    for id in ["r9", "s7", "d42", "zz"] {
        assert!(report.violations.iter().any(|v| v.message.contains(&format!("{id:?}"))), "{id}: {report}");
    }
    assert_eq!(report.violations.len(), 4, "{report}");
    assert_eq!((report.assigned, report.assignments), (3, 4));
}

/// A city with two communities (one with a grid), and one volunteer everywhere.
const FAIRNESS: &str = r#"{
  "format": "civic-match/1",
  "regions": [{"id": "city", "level": "city"},
              {"id": "c1", "parent": "city", "level": "community"},
              {"id": "c2", "parent": "city", "level": "community"},
              {"id": "g1", "parent": "c1", "level": "grid"}],
  "volunteers": [{"id": "w", "at": [30.0, 120.0]}],
  "demands": [
    {"id": "a1", "region": "c1", "at": [30.0, 120.0], "weight": 2.0},
    {"id": "a2", "region": "c1", "at": [30.0, 120.0], "weight": 2.0},
    {"id": "a3", "region": "g1", "at": [30.0, 120.0], "weight": 1.0},
    {"id": "b1", "region": "c2", "at": [30.0, 120.0], "weight": 4.0},
    {"id": "x1", "region": "city", "at": [30.0, 120.0], "weight": 1.0}
  ],
  "policy": {"fairness": {"level": "community", "min_coverage": 0.6, "penalty": 3.0}}
}"#;

fn month_plan(demands: &[&str]) -> Value {
    demands.iter().map(|d| json!({"demand": d, "slot": "month", "volunteers": ["w"]})).collect()
}

#[test]
fn can_include_the_fairness_penalty_in_the_objective() {
    let (instance, names) = compiled(FAIRNESS);
    // c1 holds a1, a2 and a3 (through g1): W = 5, F = 2, short 0.6 × 5 − 2 = 1.
    // c2 holds b1: W = 4, F = 0, short 2.4. x1 has no community and stays outside.
    // Objective = (2 + 1) − 3 × (1 + 2.4) = −7.2.
    let report = check(&instance, &names, &solution("feasible", Some(-7.2), None, month_plan(&["a1", "x1"])));
    assert!(report.is_ok(), "{report}");
    assert!((report.terms.fairness - 10.2).abs() < 1e-9, "{report:?}");
    // With a3 as well, c1 meets its 3 and only c2 falls short: (2 + 1 + 1) − 3 × 2.4 = −3.2.
    let report = check(&instance, &names, &solution("feasible", Some(-3.2), None, month_plan(&["a1", "a3", "x1"])));
    assert!(report.is_ok(), "{report}");
    // The empty plan falls short by 3 + 2.4.
    let report = check(&instance, &names, &solution("feasible", Some(-16.2), Some(0.0), json!([])));
    assert!(report.is_ok(), "{report}");
    let wrong = check(&instance, &names, &solution("feasible", Some(3.0), None, month_plan(&["a1", "x1"])));
    assert_only(&wrong, Rule::Objective, &[]);
}

/// A GAP-like instance: the arcs alone give the pairs, their costs (negative: profits) and hours.
const ARCS: &str = r#"{
  "format": "civic-match/1",
  "volunteers": [{"id": "a1", "hours": 5.0}, {"id": "a2", "hours": 4.0}],
  "demands": [{"id": "j1", "weight": 0.0, "must": true},
              {"id": "j2", "weight": 0.0, "must": true},
              {"id": "j3", "weight": 0.0, "must": true}],
  "arcs": [{"demand": "j1", "volunteer": "a1", "cost": -3.0, "hours": 3.0},
           {"demand": "j2", "volunteer": "a1", "cost": -2.0, "hours": 3.0},
           {"demand": "j2", "volunteer": "a2", "cost": -5.0, "hours": 2.0},
           {"demand": "j3", "volunteer": "a2", "cost": -1.0, "hours": 2.0},
           {"demand": "j3", "volunteer": "a1", "cost": 4.0}]
}"#;

fn gap_plan(pairs: &[(&str, &str)]) -> Value {
    pairs.iter().map(|(d, v)| json!({"demand": d, "slot": "month", "volunteers": [v]})).collect()
}

#[test]
fn can_take_cost_and_hours_from_arcs() {
    let (instance, names) = compiled(ARCS);
    // a2 works 2 + 2 = 4 of its 4 h; objective −(−3 − 5 − 1) = 9.
    let best = gap_plan(&[("j1", "a1"), ("j2", "a2"), ("j3", "a2")]);
    let report = check(&instance, &names, &solution("optimal", Some(9.0), Some(9.0), best));
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.terms.cost, -9.0);
    // The arc j3–a1 has no hours: the demand's default 1 h applies, and its cost 4 counts.
    let other = gap_plan(&[("j1", "a1"), ("j2", "a2"), ("j3", "a1")]);
    let report = check(&instance, &names, &solution("feasible", Some(4.0), Some(9.0), other));
    assert!(report.is_ok(), "{report}");
}

#[test]
fn can_report_arc_hours_beyond_a_volunteers_hours() {
    let (instance, names) = compiled(ARCS);
    // 3 + 3 arc hours on a1's 5, though the demands' own hours (1 each) would fit.
    let report = check_plan(&instance, &names, gap_plan(&[("j1", "a1"), ("j2", "a1"), ("j3", "a2")]));
    assert_only(&report, Rule::VolunteerLimits, &["a1", "j1", "j2"]);
}

#[test]
fn can_report_a_pair_without_an_arc() {
    let (instance, names) = compiled(ARCS);
    let report = check_plan(&instance, &names, gap_plan(&[("j1", "a2"), ("j2", "a1"), ("j3", "a1")]));
    assert_only(&report, Rule::Team, &["j1", "a2"]);
    assert!(report.violations[0].message.contains("arc"), "{report}");
}

const MONTH: &str = r#"{
  "format": "civic-match/1",
  "volunteers": [{"id": "v1", "at": [25.56, 103.25], "hours": 2.0}],
  "demands": [{"id": "d1", "at": [25.56, 103.25], "hours": 1.5, "weight": 2.0},
              {"id": "d2", "at": [25.56, 103.25], "hours": 1.0}]
}"#;

#[test]
fn can_use_the_default_month_slot() {
    let (instance, names) = compiled(MONTH);
    let plan = json!([{"demand": "d1", "slot": "month", "volunteers": ["v1"]}]);
    let report = check(&instance, &names, &solution("feasible", Some(2.0), None, plan));
    assert!(report.is_ok(), "{report}");
    let elsewhere = json!([{"demand": "d1", "slot": "s1", "volunteers": ["v1"]}]);
    let report = check(&instance, &names, &solution("feasible", Some(2.0), None, elsewhere));
    assert_only(&report, Rule::Reference, &["d1", "s1"]);
    // The month slot is unlimited, the volunteer's own 2 h are not.
    let both = json!([{"demand": "d1", "slot": "month", "volunteers": ["v1"]},
                      {"demand": "d2", "slot": "month", "volunteers": ["v1"]}]);
    let report = check_plan(&instance, &names, both);
    assert_only(&report, Rule::VolunteerLimits, &["v1"]);
}

#[test]
fn can_accept_no_plan_with_status_unknown_but_not_infeasible() {
    let (instance, names) = compiled(MONTH);
    let report = check(&instance, &names, &solution("unknown", None, None, json!([])));
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.assigned, 0);
    // Nothing must be met, so the empty plan is feasible and "infeasible" is wrong.
    let report = check(&instance, &names, &solution("infeasible", None, None, json!([])));
    assert_only(&report, Rule::Bound, &[]);
    // Status feasible claims a plan and so an objective, even for an empty plan.
    let report = check(&instance, &names, &solution("feasible", None, None, json!([])));
    assert_only(&report, Rule::Objective, &[]);
}

#[test]
fn can_judge_infeasible_without_a_plan_by_its_must_demands() {
    let (instance, names) = base();
    let report = check(&instance, &names, &solution("infeasible", None, None, json!([])));
    assert_only(&report, Rule::AtMostOnce, &["d2"]);
}

/// One slot of `cap` hours, one volunteer of `cap` hours, one demand of `hours` hours needing
/// `need` funds, supplied with `supply` from a resource of `amount`.
fn tolerance_case(cap: f64, hours: f64, need: f64, supply: f64, amount: f64) -> CheckReport {
    let text = format!(
        r#"{{"format": "civic-match/1",
             "slots": [{{"id": "s", "hours": {cap:?}}}],
             "regions": [{{"id": "c"}}],
             "volunteers": [{{"id": "v", "at": [0.0, 0.0], "hours": {cap:?}}}],
             "demands": [{{"id": "d", "region": "c", "at": [0.0, 0.0], "hours": {hours:?},
                          "needs": [{{"kind": "funds", "amount": {need:?}}}]}}],
             "resources": [{{"id": "r", "kind": "funds", "amount": {amount:?}, "serves": ["c"]}}]}}"#
    );
    let (instance, names) = compiled(&text);
    let plan =
        json!([{"demand": "d", "slot": "s", "volunteers": ["v"], "supplies": [{"resource": "r", "amount": supply}]}]);
    check(&instance, &names, &solution("feasible", Some(1.0), None, plan))
}

#[test]
fn can_allow_caps_exceeded_within_the_tolerance_only() {
    let ok = tolerance_case(1.0, 1.0 + 1e-9, 1.0 + 1e-9, 1.0 + 1e-9, 1.0);
    assert!(ok.is_ok(), "{ok}");
    let hours = tolerance_case(1.0, 1.001, 1.0, 1.0, 1.0);
    assert_eq!(rules(&hours), BTreeSet::from([Rule::SlotHours, Rule::VolunteerLimits]), "{hours}");
    let amount = tolerance_case(1.0, 1.0, 1.001, 1.001, 1.0);
    assert_only(&amount, Rule::ResourceAmount, &["r", "d"]);
    // The tolerance grows with the cap: 1e-6 × 1000 = 1e-3.
    assert!(tolerance_case(1000.0, 1000.0009, 1.0, 1.0, 1.0).is_ok());
    let big = tolerance_case(1000.0, 1000.002, 1.0, 1.0, 1.0);
    assert_eq!(rules(&big), BTreeSet::from([Rule::SlotHours, Rule::VolunteerLimits]), "{big}");
}

#[test]
fn can_allow_a_need_met_within_the_tolerance_only() {
    assert!(tolerance_case(1.0, 1.0, 1.0, 1.0 + 1e-9, 2.0).is_ok());
    assert!(tolerance_case(1.0, 1.0, 1.0, 1.0 - 1e-9, 2.0).is_ok());
    let over = tolerance_case(1.0, 1.0, 1.0, 1.001, 2.0);
    assert_only(&over, Rule::Supplies, &["d", "funds"]);
    let under = tolerance_case(1.0, 1.0, 1.0, 0.999, 2.0);
    assert_only(&under, Rule::Supplies, &["d", "funds"]);
}

#[test]
fn can_keep_a_volunteer_at_max_km_within_the_slack() {
    let limit = meridian_km(0.01);
    let text = |max_km: f64| {
        format!(
            r#"{{"format": "civic-match/1",
                 "volunteers": [{{"id": "v", "at": [25.56, 103.25]}}],
                 "demands": [{{"id": "d", "at": [25.57, 103.25]}}],
                 "policy": {{"max_km": {max_km:?}, "travel_weight": 1.0}}}}"#
        )
    };
    let plan = json!([{"demand": "d", "slot": "month", "volunteers": ["v"]}]);
    // Half of the 1e-9 km slack beyond max_km is still a candidate.
    let (instance, names) = compiled(&text(limit - 5e-10));
    let report = check(&instance, &names, &solution("feasible", Some(1.0 - limit), None, plan.clone()));
    assert!(report.is_ok(), "{report}");
    let (instance, names) = compiled(&text(limit - 1e-6));
    let report = check(&instance, &names, &solution("feasible", Some(1.0 - limit), None, plan));
    assert_only(&report, Rule::Team, &["d", "v"]);
}

#[test]
fn can_check_a_city_month_quickly() {
    const DEMANDS: usize = 120_000;
    const VOLUNTEERS: usize = 40_000;
    let slots: Vec<SlotSpec> = (0..30).map(|s| SlotSpec { id: format!("s{s}"), hours: Some(8.0) }).collect();
    let at = |i: usize| [25.0 + (i % 1000) as f64 * 1e-3, 103.0 + (i / 1000) as f64 * 1e-3];
    let volunteers = (0..VOLUNTEERS)
        .map(|v| VolunteerSpec { id: format!("v{v}"), at: Some(at(v)), hours: Some(20.0), ..Default::default() })
        .collect();
    let demands = (0..DEMANDS)
        .map(|d| DemandSpec { id: format!("d{d}"), at: Some(at(d % VOLUNTEERS)), ..Default::default() })
        .collect();
    let spec = InstanceSpec {
        format: "civic-match/1".into(),
        slots: Some(slots),
        volunteers,
        demands,
        policy: civic_match::format::PolicySpec { max_km: Some(1.0), ..Default::default() },
        ..Default::default()
    };
    assert!(validate(&spec).is_empty());
    let (instance, names) = compile(&spec, "city");
    let plan: Value = (0..DEMANDS)
        .map(|d| json!({"demand": format!("d{d}"), "slot": format!("s{}", d / VOLUNTEERS), "volunteers": [format!("v{}", d % VOLUNTEERS)]}))
        .collect();
    let solution = solution("feasible", Some(DEMANDS as f64), None, plan);
    let start = std::time::Instant::now();
    let report = check(&instance, &names, &solution);
    let elapsed = start.elapsed();
    assert!(report.is_ok(), "{}", report.violations.len());
    assert_eq!(report.assigned, DEMANDS);
    assert!(elapsed.as_secs_f64() < 10.0, "{elapsed:?}");
}
