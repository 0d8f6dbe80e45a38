//! Rule 9, standby posts: random small months asking standby, with pins, against exhaustive
//! search; the checker's verdict on plans that break each clause of the rule; bad standby
//! fields as invalid input; county months whose critical demands ask one backup, re-planned
//! after a team member of each drops out.

mod common;

use civic_match::check::{check, Rule};
use civic_match::format::{AssignmentSpec as SolutionAssignment, InstanceSpec, PinSpec, SolutionSpec, Status};
use civic_match::problem::Problem;
use civic_match::report::solution_spec;
use civic_match::solve::{Exact, Greedy, Heuristic, Solver};
use common::run::{civic_match, text};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use std::time::Duration;

/// Small enough for exhaustive search.
const TINY: common::Size = common::Size { demands: 7, volunteers: 6, slots: 3 };

/// An edit of a JSON document, one case of a table of cases.
type Edit = Box<dyn Fn(&mut Value)>;

fn tol(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

fn heuristic() -> Heuristic {
    Heuristic::new(Duration::from_secs(30)).with_seed(5).with_iterations(Some(2000))
}

/// A random month where about 40 % of the demands ask one backup (a few two) and some
/// volunteers cap their standby duties.
fn standby_spec(seed: u64) -> InstanceSpec {
    let mut spec = common::random_spec(seed, TINY);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7374_616e);
    for d in &mut spec.demands {
        if rng.random_bool(0.4) {
            d.standby = Some(if rng.random_bool(0.2) { 2 } else { 1 });
        }
    }
    for v in &mut spec.volunteers {
        if rng.random_bool(0.3) {
            v.max_standby = Some(rng.random_range(0..=1));
        }
    }
    spec
}

/// Pins drawn from `plan`: about half its assignments, whole (team, supplies and standby), by
/// slot and part of the team with part of the standby, or by demand alone.
fn pins_from(plan: &SolutionSpec, rng: &mut ChaCha8Rng) -> Vec<PinSpec> {
    let mut pins = Vec::new();
    for a in &plan.assignments {
        if !rng.random_bool(0.5) {
            continue;
        }
        let pin = match rng.random_range(0..3) {
            0 => PinSpec {
                demand: a.demand.clone(),
                slot: Some(a.slot.clone()),
                volunteers: a.volunteers.clone(),
                supplies: Some(a.supplies.clone()),
                standby: a.standby.clone(),
            },
            1 => PinSpec {
                demand: a.demand.clone(),
                slot: Some(a.slot.clone()),
                volunteers: a.volunteers[..rng.random_range(0..a.volunteers.len())].to_vec(),
                supplies: None,
                standby: a.standby[..rng.random_range(0..=a.standby.len())].to_vec(),
            },
            _ => PinSpec { demand: a.demand.clone(), ..PinSpec::default() },
        };
        pins.push(pin);
    }
    pins
}

/// Exact, heuristic and greedy on `problem` against the exhaustive `optimum`: the exact solver
/// (every backend) reaches it, the others pass the checker and stay below it, every bound
/// stays above it. Returns how many demands asking standby the exact plan meets.
fn judge(problem: &Problem, optimum: f64, what: &str) -> usize {
    let mut met_with_standby = 0;
    for backend in common::backends() {
        let exact = Exact::new(Duration::from_secs(30)).with_backend(backend);
        let (result, plan) = common::solve_and_check(problem, &exact);
        assert_eq!(result.status, Status::Optimal, "{what} {backend:?}");
        let objective = result.objective.unwrap();
        assert!((objective - optimum).abs() <= tol(optimum), "{what} {backend:?}: {objective} vs {optimum}");
        met_with_standby = plan.assignments.iter().filter(|a| !a.standby.is_empty()).count();
    }
    for solver in [&heuristic() as &dyn Solver, &Greedy] {
        // The greedy plan may miss a `must` demand a pin makes (no search): then it has no plan
        // to check, and only its bound is judged.
        let result = match solver.solve(problem) {
            r if r.objective.is_none() => r,
            _ => common::solve_and_check(problem, solver).0,
        };
        if let Some(objective) = result.objective {
            assert!(objective <= optimum + tol(optimum), "{what} {}", solver.name());
        }
        let bound = result.bound.expect("a bound");
        assert!(bound >= optimum - tol(optimum), "{what} {}: bound {bound} < {optimum}", solver.name());
    }
    met_with_standby
}

/// Random months asking standby, free and then pinned from a plan of their own (standby
/// included): the exact solver equals exhaustive search, heuristic and greedy plans pass the
/// checker, every bound is at least the optimum.
#[test]
fn standby_months_with_pins_match_exhaustive_search() {
    let (mut months, mut pinned_months, mut met_with_standby, mut pinned_standby) = (0, 0, 0, 0);
    for seed in 0..160u64 {
        let spec = standby_spec(seed);
        let Ok(free) = Problem::from_spec(&spec, "free") else { continue };
        let Some(optimum) = common::brute_force_optimum(&free.instance) else { continue };
        met_with_standby += judge(&free, optimum, &format!("seed {seed}"));
        months += 1;
        let (result, plan) = common::solve_and_check(&free, &heuristic());
        if result.objective.is_none() || plan.assignments.is_empty() {
            continue;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7069_6e73);
        let mut pinned = spec.clone();
        pinned.pinned = pins_from(&plan, &mut rng);
        if pinned.pinned.is_empty() {
            continue;
        }
        let problem = Problem::from_spec(&pinned, "pinned").unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        pinned_standby += problem.instance.pins.iter().map(|p| p.standby.len()).sum::<usize>();
        let pinned_optimum = common::brute_force_optimum(&problem.instance).expect("the plan keeps its pins");
        assert!(pinned_optimum <= optimum + tol(optimum), "seed {seed}: pins raised the optimum");
        judge(&problem, pinned_optimum, &format!("seed {seed} pinned"));
        pinned_months += 1;
    }
    assert!(months >= 100, "only {months} months");
    assert!(pinned_months >= 50, "only {pinned_months} pinned months");
    assert!(met_with_standby >= 60, "only {met_with_standby} demands met with standby");
    assert!(pinned_standby >= 15, "only {pinned_standby} pinned standby");
}

/// Exhaustive search and the exact solver agree that asking standby costs what it takes: d1
/// (weight 5) asks one backup among v1, v2; d2 (weight 3) wants v2 in the same slot, where v2 has
/// time for one task. Without standby both are met (8); with it only one of them in `am` is,
/// unless d2 moves to `pm`.
#[test]
fn standby_decides_the_optimum_as_computed_by_hand() {
    let month = |standby: i64, d2_slots: &[&str]| -> Problem {
        let value = json!({
            "format": "civic-match/1",
            "slots": [{"id": "am", "hours": 1.0}, {"id": "pm", "hours": 1.0}],
            "volunteers": [{"id": "v1", "slots": ["am"]}, {"id": "v2"}],
            "demands": [{"id": "d1", "weight": 5.0, "slots": ["am"], "standby": standby},
                        {"id": "d2", "weight": 3.0, "slots": d2_slots}],
            "arcs": [{"demand": "d1", "volunteer": "v1"}, {"demand": "d1", "volunteer": "v2"},
                     {"demand": "d2", "volunteer": "v2"}]
        });
        Problem::from_spec(&serde_json::from_value(value).unwrap(), "hand").unwrap()
    };
    for (problem, want) in [(month(0, &["am"]), 8.0), (month(1, &["am"]), 5.0), (month(1, &["am", "pm"]), 8.0)] {
        assert_eq!(common::brute_force_optimum(&problem.instance), Some(want));
        for solver in [&Exact::new(Duration::from_secs(10)) as &dyn Solver, &heuristic(), &Greedy] {
            let (result, solution) = common::solve_and_check(&problem, solver);
            assert!((result.objective.unwrap() - want).abs() < 1e-9, "{}: {want}", solver.name());
            let d1 = solution.assignments.iter().find(|a| a.demand == "d1").unwrap();
            assert_eq!(d1.standby.len(), problem.instance.demands[0].standby as usize);
        }
    }
}

/// Three volunteers free in both slots, three demands of which d1 asks one backup.
fn three() -> Value {
    json!({
        "format": "civic-match/1",
        "slots": [{"id": "am"}, {"id": "pm"}],
        "volunteers": [{"id": "v1"}, {"id": "v2"}, {"id": "v3", "slots": ["am"]}, {"id": "v4", "max_standby": 1}],
        "demands": [{"id": "d1", "weight": 5.0, "standby": 1, "slots": ["am"]},
                    {"id": "d2", "weight": 3.0, "standby": 1, "slots": ["am"]},
                    {"id": "d3", "weight": 2.0, "slots": ["pm"]}],
        "arcs": [{"demand": "d1", "volunteer": "v1"}, {"demand": "d1", "volunteer": "v2"},
                 {"demand": "d1", "volunteer": "v4"}, {"demand": "d2", "volunteer": "v3"},
                 {"demand": "d2", "volunteer": "v2"}, {"demand": "d2", "volunteer": "v4"},
                 {"demand": "d3", "volunteer": "v1"}]
    })
}

/// The checker names rule 9 for every clause a plan breaks, one violation each.
#[test]
fn the_checker_refutes_each_clause_of_rule_9() {
    let spec: InstanceSpec = serde_json::from_value(three()).unwrap();
    let problem = Problem::from_spec(&spec, "hand").unwrap();
    let good_plan = json!({
        "format": "civic-match-solution/1", "instance": "hand", "status": "feasible", "objective": 10.0, "bound": null,
        "assignments": [{"demand": "d1", "slot": "am", "volunteers": ["v1"], "standby": ["v2"]},
                        {"demand": "d2", "slot": "am", "volunteers": ["v3"], "standby": ["v4"]},
                        {"demand": "d3", "slot": "pm", "volunteers": ["v1"]}]
    });
    let verdict = |edit: &dyn Fn(&mut Value)| -> Vec<String> {
        let mut plan = good_plan.clone();
        edit(&mut plan);
        let solution: SolutionSpec = serde_json::from_value(plan).unwrap();
        let report = check(&problem.instance, &problem.names, &solution);
        assert!(report.violations.iter().all(|v| v.rule == Rule::Standby), "{report}");
        report.violations_of(Rule::Standby).map(|v| v.to_string()).collect()
    };
    assert_eq!(verdict(&|_| {}), Vec::<String>::new());
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|p| p["assignments"][0]["standby"] = json!([])),
            r#"demand "d1": names 0 standby, but the demand asks 1"#,
        ),
        (
            Box::new(|p| p["assignments"][0]["standby"] = json!(["v2", "v2"])),
            r#"demand "d1": names standby "v2" twice"#,
        ),
        (
            Box::new(|p| p["assignments"][0]["standby"] = json!(["v3"])),
            r#"demand "d1": standby "v3" is not a candidate"#,
        ),
        (
            Box::new(|p| p["assignments"][0]["standby"] = json!(["v1"])),
            r#"demand "d1": standby "v1" is in its own team"#,
        ),
        (
            Box::new(|p| {
                p["assignments"][2] = json!({"demand": "d3", "slot": "pm", "volunteers": ["v1"], "standby": ["v1"]});
            }),
            r#"demand "d3": names 1 standby, but the demand asks 0"#,
        ),
        (
            Box::new(|p| p["assignments"][1]["standby"] = json!(["v2"])),
            r#"demand "d1": standby "v2" stands by for another demand in slot "am" too"#,
        ),
        (
            Box::new(|p| {
                p["assignments"][0]["volunteers"] = json!(["v2"]);
                p["assignments"][0]["standby"] = json!(["v4"]);
                p["assignments"][1]["standby"] = json!(["v2"]);
            }),
            r#"demand "d2": standby "v2" has an assignment in slot "am" ("d1")"#,
        ),
    ];
    for (edit, want) in &cases {
        let found = verdict(edit.as_ref());
        assert!(found.iter().any(|m| m == &format!("rule 9 (standby): {want}")), "{found:?}, wanted {want}");
    }
    // Not available in the slot: d1 and d2 moved to `pm`, where v3 is not free.
    let mut value = three();
    value["demands"][1]["slots"] = json!(["am", "pm"]);
    value["arcs"].as_array_mut().unwrap().push(json!({"demand": "d2", "volunteer": "v1"}));
    let spec: InstanceSpec = serde_json::from_value(value).unwrap();
    let other = Problem::from_spec(&spec, "hand").unwrap();
    let plan: SolutionSpec = serde_json::from_value(json!({
        "format": "civic-match-solution/1", "instance": "hand", "status": "feasible", "objective": 10.0, "bound": null,
        "assignments": [{"demand": "d2", "slot": "pm", "volunteers": ["v1"], "standby": ["v3"]}]
    }))
    .unwrap();
    let report = check(&other.instance, &other.names, &plan);
    let messages: Vec<String> = report.violations_of(Rule::Standby).map(|v| v.message.clone()).collect();
    assert_eq!(messages, [r#"demand "d2": standby "v3" is not available in slot "pm""#]);
    // More duties than max_standby: v4 stands by twice.
    let mut value = three();
    value["slots"] = json!([{"id": "am"}, {"id": "pm"}, {"id": "eve"}]);
    value["demands"][1]["slots"] = json!(["pm"]);
    let spec: InstanceSpec = serde_json::from_value(value).unwrap();
    let other = Problem::from_spec(&spec, "hand").unwrap();
    let plan: SolutionSpec = serde_json::from_value(json!({
        "format": "civic-match-solution/1", "instance": "hand", "status": "feasible", "objective": 8.0, "bound": null,
        "assignments": [{"demand": "d1", "slot": "am", "volunteers": ["v1"], "standby": ["v4"]},
                        {"demand": "d2", "slot": "pm", "volunteers": ["v2"], "standby": ["v4"]}]
    }))
    .unwrap();
    let report = check(&other.instance, &other.names, &plan);
    let messages: Vec<String> = report.violations_of(Rule::Standby).map(|v| v.to_string()).collect();
    assert_eq!(messages, [r#"rule 9 (standby): volunteer "v4" stands by 2 times, more than its max_standby 1"#]);
    assert!(!report.is_feasible());
}

fn issues_of(value: Value) -> Vec<(String, String)> {
    let spec: InstanceSpec = serde_json::from_value(value).expect("well formed");
    match Problem::from_spec(&spec, "hand") {
        Ok(_) => Vec::new(),
        Err(issues) => issues.into_iter().map(|i| (i.code.to_string(), i.path)).collect(),
    }
}

/// Bad standby numbers, a `must` demand with too few candidates for its team and standby, and
/// pins whose standby cannot hold are invalid input, each with its code at its path.
#[test]
fn bad_standby_fields_are_refused_with_their_codes_and_paths() {
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut value = three();
        edit(&mut value);
        issues_of(value)
    };
    let cases: Vec<(Edit, &str, &str)> = vec![
        (Box::new(|v| v["demands"][0]["standby"] = json!(-1)), "E1411", "demands[0].standby"),
        (Box::new(|v| v["volunteers"][0]["max_standby"] = json!(-2)), "E1412", "volunteers[0].max_standby"),
        (
            Box::new(|v| {
                v["demands"][2]["must"] = json!(true);
                v["demands"][2]["standby"] = json!(1);
            }),
            "E1601",
            "demands[2].must",
        ),
        (
            Box::new(|v| v["pinned"] = json!([{"demand": "d1", "slot": "am", "standby": ["v9"]}])),
            "E1210",
            "pinned[0].standby[0]",
        ),
        (
            Box::new(|v| v["pinned"] = json!([{"demand": "d1", "slot": "am", "standby": ["v2", "v4"]}])),
            "E1702",
            "pinned[0].standby",
        ),
        (
            Box::new(|v| {
                v["pinned"] = json!([{"demand": "d1", "slot": "am", "volunteers": ["v1"], "standby": ["v1"]}])
            }),
            "E1702",
            "pinned[0].standby[0]",
        ),
        (Box::new(|v| v["pinned"] = json!([{"demand": "d1", "standby": ["v2"]}])), "E1703", "pinned[0].slot"),
        (
            Box::new(|v| v["pinned"] = json!([{"demand": "d1", "slot": "am", "standby": ["v3"]}])),
            "E1705",
            "pinned[0].standby[0]",
        ),
        (
            Box::new(|v| {
                v["pinned"] = json!([{"demand": "d1", "slot": "am", "standby": ["v4"]},
                                     {"demand": "d2", "slot": "am", "standby": ["v4"]}]);
            }),
            "E1707",
            "pinned[0]",
        ),
        (
            Box::new(|v| {
                v["pinned"] = json!([{"demand": "d1", "slot": "am", "standby": ["v2"]},
                                     {"demand": "d2", "slot": "am", "volunteers": ["v2"], "standby": ["v4"]}]);
            }),
            "E1707",
            "pinned[0]",
        ),
    ];
    for (edit, code, path) in &cases {
        let issues = with(edit.as_ref());
        assert!(issues.iter().any(|(c, p)| c == code && p == path), "{issues:?}, wanted {code} at {path}");
    }
    assert_eq!(with(&|_| {}), Vec::<(String, String)>::new());
    // A pin of the whole team without its standby leaves the standby to the solver.
    let whole_team = |v: &mut Value| v["pinned"] = json!([{"demand": "d1", "slot": "am", "volunteers": ["v1"]}]);
    assert_eq!(with(&whole_team), Vec::<(String, String)>::new());
}

/// The command line refuses a bad standby field with exit status 2, naming the file, the field
/// path and the problem, and writes nothing.
#[test]
fn a_bad_standby_field_exits_2_naming_the_file_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut value = three();
    value["demands"][1]["standby"] = json!(-1);
    let file = dir.path().join("month.json");
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    let out_file = dir.path().join("plan.json");
    let out = civic_match(&["solve", file.to_str().unwrap(), "--out", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("month.json") && stderr.contains("demands[1].standby") && stderr.contains("E1411"),
        "{stderr}"
    );
    assert!(!out_file.exists());
}

/// A solution's standby goes through the solution file and back: written only where asked.
#[test]
fn standby_lists_are_written_only_where_asked() {
    let spec: InstanceSpec = serde_json::from_value(three()).unwrap();
    let problem = Problem::from_spec(&spec, "hand").unwrap();
    let result = Exact::new(Duration::from_secs(10)).solve(&problem);
    let solution = solution_spec(&problem, &result);
    let json = serde_json::to_value(&solution).unwrap();
    for a in json["assignments"].as_array().unwrap() {
        let asks = a["demand"] != "d3";
        assert_eq!(a.get("standby").is_some(), asks, "{a}");
    }
}

fn run_ok(args: &[&str]) {
    let out = civic_match(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
}

/// A standard county month whose critical demands all ask one backup: every such met
/// demand names one. Then one team member of each post (one with no other task in its slot)
/// drops out of that slot, and `replan`, in a plan that checks against the effective month,
/// fills the post from its backup with one change (the backup asked, nobody else) wherever the
/// backup could be called (its month had the hours and a task left for the demand) and a new
/// backup could be found: at least nine in ten of those posts; every post it fills from its
/// backup takes exactly that one change and no longer counts the called backup as standby.
#[test]
fn county_backups_fill_the_posts_after_a_member_drops_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let read_plan =
        |path: &str| -> SolutionSpec { civic_match::format::read_json(std::path::Path::new(path)).unwrap() };
    for profile in ["standard"] {
        let (month, plan_file) = (file(&format!("{profile}.json")), file(&format!("{profile}.plan.json")));
        let args = ["generate", "--preset", "county", "--profile", profile, "--seed", "1", "--standby", "1"];
        run_ok(&[&args[..], &["--out", &month]].concat());
        run_ok(&["solve", &month, "--solver", "heuristic", "--iterations", "20000", "--out", &plan_file]);
        let spec: InstanceSpec = civic_match::format::read_json(std::path::Path::new(&month)).unwrap();
        let asks: Vec<&str> = spec.demands.iter().filter(|d| d.standby == Some(1)).map(|d| d.id.as_str()).collect();
        assert!(asks.len() >= 30, "{profile}: only {} demands ask standby", asks.len());
        let plan = read_plan(&plan_file);
        let posts: Vec<_> = plan.assignments.iter().filter(|a| asks.contains(&a.demand.as_str())).collect();
        assert!(posts.len() * 10 >= asks.len() * 7, "{profile}: {} of {} met", posts.len(), asks.len());
        assert!(posts.iter().all(|a| a.standby.len() == 1), "{profile}: a met demand without its backup");
        let in_slot = |v: &String, slot: &String| {
            plan.assignments.iter().filter(|b| &b.slot == slot && b.volunteers.contains(v)).count()
        };
        let drops: Vec<(&SolutionAssignment, String)> = posts
            .iter()
            .filter_map(|a| a.volunteers.iter().find(|v| in_slot(v, &a.slot) == 1).map(|v| (*a, v.clone())))
            .collect();
        assert!(drops.len() * 10 >= posts.len() * 6, "{profile}: {} of {} posts", drops.len(), posts.len());
        let changes: Vec<Value> = drops
            .iter()
            .map(|(a, v)| json!({"change": "volunteer_unavailable", "volunteer": v, "slots": [a.slot]}))
            .collect();
        let changes_file = file(&format!("{profile}.changes.json"));
        std::fs::write(&changes_file, json!({"format": "civic-match-changes/1", "changes": changes}).to_string())
            .unwrap();
        let (new_file, effective) = (file(&format!("{profile}.new.json")), file(&format!("{profile}.effective.json")));
        let replan = ["replan", &month, &plan_file, "--changes", &changes_file, "--out", &new_file];
        run_ok(&[&replan[..], &["--instance-out", &effective, "--iterations", "5000"]].concat());
        let new = read_plan(&new_file);
        let effective_spec: InstanceSpec = civic_match::format::read_json(std::path::Path::new(&effective)).unwrap();
        let (instance, names) = civic_match::format::compile(&effective_spec, "effective");
        let report = check(&instance, &names, &new);
        assert!(report.is_feasible(), "{profile}: {report}");
        let diff = new.changes.as_ref().expect("a changes section");
        // Whether the backup's month had room for the demand's task in the dispatched plan.
        let callable = |a: &SolutionAssignment| {
            let b = &a.standby[0];
            let volunteer = spec.volunteers.iter().find(|v| &v.id == b).unwrap();
            let hours_of = |d: &str| spec.demands.iter().find(|x| x.id == d).unwrap().hours.unwrap_or(1.0);
            let tasks: Vec<_> = plan.assignments.iter().filter(|x| x.volunteers.contains(b)).collect();
            let used: f64 = tasks.iter().map(|x| hours_of(&x.demand)).sum();
            volunteer.max_tasks.is_none_or(|m| (tasks.len() as i64) < m)
                && used + hours_of(&a.demand) <= volunteer.hours.unwrap_or(f64::INFINITY) + 1e-9
        };
        let (mut filled, mut could) = (0, 0);
        for (old, dropped) in &drops {
            let backup = &old.standby[0];
            let mut want: Vec<&String> = old.volunteers.iter().filter(|v| *v != dropped).collect();
            want.push(backup);
            want.sort();
            let now = new.assignments.iter().find(|a| a.demand == old.demand && a.slot == old.slot);
            let from_backup = now.is_some_and(|a| {
                let mut team: Vec<&String> = a.volunteers.iter().collect();
                team.sort();
                team == want
            });
            could += usize::from(callable(old));
            if !from_backup {
                continue;
            }
            filled += 1;
            assert!(!now.unwrap().standby.contains(backup), "{profile}: the called backup still stands by");
            let asked: Vec<_> = diff.asked.iter().filter(|c| c.demand == old.demand).collect();
            assert_eq!(asked.len(), 1, "{profile}: {} took {} changes", old.demand, asked.len());
            assert_eq!(&asked[0].volunteer, backup);
        }
        eprintln!(
            "{profile}: {} posts, {} dropped, {could} with a callable backup, {filled} filled from it",
            posts.len(),
            drops.len()
        );
        assert!(filled * 10 >= could * 9, "{profile}: {filled} filled of {could} with a callable backup");
    }
}
