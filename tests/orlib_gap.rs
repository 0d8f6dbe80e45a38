//! The public GAP benchmark files in `instances/orlib-gap` parse into the problem counts
//! and sizes that `VALUES.csv` lists, become valid `civic-match/1` instances, and agree with the
//! published values: a saved certificate reaches its cost, and an exact search on gap1
//! problem 1 reaches the published optima in both senses, also when the plan is checked in the
//! model and its objective converted back with `gap_value`.

use civic_match::check::check;
use civic_match::format::{
    gap_to_spec, gap_value, read_gap_file, validate, AssignmentSpec, GapProblem, GapSense, SolutionSpec, Status,
    SOLUTION_FORMAT,
};
use civic_match::problem::Problem;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The benchmark folder shipped with the crate.
const GAP_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/instances/orlib-gap");

/// The saved best known solution of d20200 (0-based agent per job), relative to the folder.
const CERTIFICATE: &str = "certificates/d20200_cost12238.txt";

fn gap_dir() -> PathBuf {
    let dir = PathBuf::from(GAP_DIR);
    assert!(dir.is_dir(), "the GAP benchmark folder {GAP_DIR} is missing; these tests read the files in it");
    dir
}

/// One row of `VALUES.csv` or `VALUES_gap1-12_min.csv`.
#[derive(Debug, Clone)]
struct Row {
    file: String,
    /// 1-based, in file order.
    problem_index: usize,
    name: String,
    m: usize,
    n: usize,
    sense: GapSense,
    value: i64,
}

/// Reads a values file by its header, so that the column order may change.
fn read_values(csv: &str) -> Vec<Row> {
    let path = gap_dir().join(csv);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let header: Vec<&str> = lines.next().unwrap_or_else(|| panic!("{csv} is empty")).split(',').collect();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).unwrap_or_else(|| panic!("{csv} has no column {name:?}"))
    };
    let (file, index, name, m, n, sense, value) = (
        column("file"),
        column("problem_index"),
        column("name"),
        column("m"),
        column("n"),
        column("sense"),
        column("value"),
    );
    lines
        .map(|line| {
            // The last column (sources) is free text; only the leading columns are split.
            let fields: Vec<&str> = line.splitn(header.len(), ',').map(str::trim).collect();
            let number = |k: usize| -> i64 {
                fields[k].parse().unwrap_or_else(|_| panic!("{csv}: {:?} is not an integer in {line:?}", fields[k]))
            };
            let sense = match fields[sense] {
                "min" => GapSense::Min,
                "max" => GapSense::Max,
                other => panic!("{csv}: unknown sense {other:?} in {line:?}"),
            };
            Row {
                file: fields[file].to_string(),
                problem_index: number(index) as usize,
                name: fields[name].to_string(),
                m: number(m) as usize,
                n: number(n) as usize,
                sense,
                value: number(value),
            }
        })
        .collect()
}

/// Every instance file of the folder: everything but the README, the value tables and the
/// certificates folder.
fn instance_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(gap_dir())
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".md") && !name.ends_with(".csv"))
        .collect();
    files.sort();
    files
}

fn read(file: &str) -> Vec<GapProblem> {
    let path = gap_dir().join(file);
    read_gap_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn row<'a>(rows: &'a [Row], file: &str, problem_index: usize) -> &'a Row {
    rows.iter()
        .find(|r| r.file == file && r.problem_index == problem_index)
        .unwrap_or_else(|| panic!("no row for {file} problem {problem_index}"))
}

/// Total cost and per-agent loads of `agent_of_job` (0-based agents, one per job).
fn evaluate(problem: &GapProblem, agent_of_job: &[usize]) -> (i64, Vec<i64>) {
    assert_eq!(agent_of_job.len(), problem.jobs);
    let mut load = vec![0; problem.agents];
    let mut cost = 0;
    for (j, &i) in agent_of_job.iter().enumerate() {
        assert!(i < problem.agents, "job {j} goes to agent {i}, beyond the {} agents", problem.agents);
        cost += problem.cost[i][j];
        load[i] += problem.resource[i][j];
    }
    (cost, load)
}

/// Checks `agent_of_job` as a plan of the converted instance with the independent checker and
/// returns the GAP value that the model's recomputed objective converts back to.
fn value_in_the_model(problem: &GapProblem, sense: GapSense, agent_of_job: &[usize]) -> f64 {
    let spec = gap_to_spec(problem, sense, "gap");
    let loaded = Problem::from_spec(&spec, "gap").unwrap_or_else(|issues| panic!("{issues:?}"));
    let assignments = agent_of_job
        .iter()
        .enumerate()
        .map(|(j, &i)| AssignmentSpec {
            demand: format!("job{}", j + 1),
            slot: "month".to_string(),
            volunteers: vec![format!("agent{}", i + 1)],
            supplies: Vec::new(),
            standby: Vec::new(),
        })
        .collect();
    let solution = SolutionSpec {
        format: SOLUTION_FORMAT.to_string(),
        instance: "gap".to_string(),
        status: Status::Feasible,
        objective: None,
        bound: None,
        assignments,
        unassigned: Vec::new(),
        solver: None,
        seconds: None,
        seed: None,
        changes: None,
    };
    let report = check(&loaded.instance, &loaded.names, &solution);
    assert!(report.is_feasible(), "{report}");
    gap_value(sense, report.objective)
}

#[test]
fn every_file_has_the_problems_and_sizes_values_csv_lists() {
    let rows = read_values("VALUES.csv");
    let files = instance_files();
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    let present: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(listed, present, "the instance files and the files VALUES.csv lists differ");
    let mut count = 0;
    for file in &files {
        let problems = read(file);
        let mut expected: Vec<&Row> = rows.iter().filter(|r| &r.file == file).collect();
        expected.sort_by_key(|r| r.problem_index);
        let indices: Vec<usize> = expected.iter().map(|r| r.problem_index).collect();
        assert_eq!(indices, (1..=expected.len()).collect::<Vec<_>>(), "{file}: problem indices in VALUES.csv");
        assert_eq!(problems.len(), expected.len(), "{file}: problem count");
        for (problem, row) in problems.iter().zip(&expected) {
            let size = (problem.agents, problem.jobs);
            assert_eq!(size, (row.m, row.n), "{file} problem {} ({}): m x n", row.problem_index, row.name);
            assert_eq!(problem.cost.len(), row.m);
            assert_eq!(problem.resource.len(), row.m);
            assert_eq!(problem.capacity.len(), row.m);
            assert!(problem.cost.iter().chain(&problem.resource).all(|r| r.len() == row.n));
            count += 1;
        }
    }
    assert_eq!(count, rows.len(), "every row of VALUES.csv is a problem of some file");
}

#[test]
fn every_problem_becomes_a_valid_instance() {
    let rows = read_values("VALUES.csv");
    for file in instance_files() {
        for (k, problem) in read(&file).iter().enumerate() {
            let row = row(&rows, &file, k + 1);
            let name = format!("{}-{}", file.trim_end_matches(".txt"), row.name);
            let spec = gap_to_spec(problem, row.sense, &name);
            assert_eq!(spec.volunteers.len(), problem.agents, "{name}");
            assert_eq!(spec.demands.len(), problem.jobs, "{name}");
            assert_eq!(spec.arcs.len(), problem.agents * problem.jobs, "{name}");
            // The sign of every arc cost follows the sense.
            let sign = match row.sense {
                GapSense::Min => 1.0,
                GapSense::Max => -1.0,
            };
            let first = &spec.arcs[0];
            assert_eq!((first.demand.as_str(), first.volunteer.as_str()), ("job1", "agent1"));
            assert_eq!(first.cost, Some(sign * problem.cost[0][0] as f64), "{name}");
            let issues = validate(&spec);
            assert!(issues.is_empty(), "{name}: {issues:?}");
            let loaded = Problem::from_spec(&spec, &name).unwrap_or_else(|issues| panic!("{name}: {issues:?}"));
            assert_eq!(loaded.instance.volunteers.len(), problem.agents, "{name}");
            assert_eq!(loaded.instance.demands.len(), problem.jobs, "{name}");
        }
    }
}

#[test]
fn the_d20200_certificate_is_feasible_at_its_cost() {
    let rows = read_values("VALUES.csv");
    let path = gap_dir().join(CERTIFICATE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let agent_of_job: Vec<usize> = text
        .split_ascii_whitespace()
        .map(|token| token.parse().unwrap_or_else(|_| panic!("{CERTIFICATE}: {token:?} is not an agent index")))
        .collect();
    let claimed: i64 = CERTIFICATE.rsplit("_cost").next().unwrap().trim_end_matches(".txt").parse().unwrap();
    // The same problem is the single file d20200 and problem 6 of gapd.txt.
    let single = read("d20200").remove(0);
    let gapd_index = rows.iter().find(|r| r.file == "gapd.txt" && r.name == "d20200").unwrap().problem_index;
    assert_eq!(read("gapd.txt")[gapd_index - 1], single, "d20200 and gapd.txt problem {gapd_index} differ");
    let row = row(&rows, "d20200", 1);
    assert_eq!(row.sense, GapSense::Min);
    assert_eq!(row.value, claimed, "VALUES.csv and the certificate's name disagree");

    let (cost, load) = evaluate(&single, &agent_of_job);
    assert_eq!(cost, claimed);
    for (i, (&used, &capacity)) in load.iter().zip(&single.capacity).enumerate() {
        assert!(used <= capacity, "agent {i} carries {used} of capacity {capacity}");
    }
    assert_eq!(value_in_the_model(&single, GapSense::Min, &agent_of_job), claimed as f64);
}

/// Depth-first branch and bound for the minimum-cost assignment of `cost` ([agent][job]) under
/// the capacities of `problem`: the bound adds, for every job still open, its cheapest agent
/// that still has room for it.
struct Search<'a> {
    problem: &'a GapProblem,
    cost: Vec<Vec<i64>>,
    /// Jobs, the most constrained (largest smallest resource) first, so that capacity cuts
    /// come early.
    order: Vec<usize>,
    load: Vec<i64>,
    agent_of_job: Vec<usize>,
    best: Option<(i64, Vec<usize>)>,
}

impl<'a> Search<'a> {
    fn minimum(problem: &'a GapProblem, cost: Vec<Vec<i64>>) -> Option<(i64, Vec<usize>)> {
        let mut order: Vec<usize> = (0..problem.jobs).collect();
        order.sort_by_key(|&j| std::cmp::Reverse((0..problem.agents).map(|i| problem.resource[i][j]).min()));
        let mut search = Search {
            problem,
            cost,
            order,
            load: vec![0; problem.agents],
            agent_of_job: vec![usize::MAX; problem.jobs],
            best: None,
        };
        search.branch(0, 0);
        search.best
    }

    fn fits(&self, i: usize, j: usize) -> bool {
        self.load[i] + self.problem.resource[i][j] <= self.problem.capacity[i]
    }

    fn branch(&mut self, depth: usize, partial: i64) {
        if depth == self.order.len() {
            if self.best.as_ref().is_none_or(|(best, _)| partial < *best) {
                self.best = Some((partial, self.agent_of_job.clone()));
            }
            return;
        }
        let mut bound = partial;
        for &j in &self.order[depth..] {
            match (0..self.problem.agents).filter(|&i| self.fits(i, j)).map(|i| self.cost[i][j]).min() {
                Some(cheapest) => bound += cheapest,
                None => return,
            }
        }
        if self.best.as_ref().is_some_and(|(best, _)| bound >= *best) {
            return;
        }
        let j = self.order[depth];
        let mut agents: Vec<usize> = (0..self.problem.agents).filter(|&i| self.fits(i, j)).collect();
        agents.sort_by_key(|&i| self.cost[i][j]);
        for i in agents {
            self.load[i] += self.problem.resource[i][j];
            self.agent_of_job[j] = i;
            self.branch(depth + 1, partial + self.cost[i][j]);
            self.load[i] -= self.problem.resource[i][j];
        }
        self.agent_of_job[j] = usize::MAX;
    }
}

#[test]
fn an_exact_search_on_gap1_problem_1_reaches_the_published_optima() {
    let file = "gap1.txt";
    let problem = read(file).remove(0);
    let max_row = row(&read_values("VALUES.csv"), file, 1).clone();
    let min_row = row(&read_values("VALUES_gap1-12_min.csv"), file, 1).clone();
    assert_eq!((max_row.sense, min_row.sense), (GapSense::Max, GapSense::Min));
    assert_eq!((problem.agents, problem.jobs), (max_row.m, max_row.n));

    let (min_cost, min_plan) = Search::minimum(&problem, problem.cost.clone()).expect("gap1 problem 1 is feasible");
    assert_eq!(min_cost, min_row.value, "minimum cost of {}", min_row.name);
    assert_eq!(evaluate(&problem, &min_plan).0, min_cost);
    assert_eq!(value_in_the_model(&problem, GapSense::Min, &min_plan), min_row.value as f64);

    let negated: Vec<Vec<i64>> = problem.cost.iter().map(|row| row.iter().map(|&p| -p).collect()).collect();
    let (negative_profit, max_plan) = Search::minimum(&problem, negated).expect("gap1 problem 1 is feasible");
    assert_eq!(-negative_profit, max_row.value, "maximum profit of {}", max_row.name);
    let (profit, load) = evaluate(&problem, &max_plan);
    assert_eq!(profit, max_row.value);
    assert!(load.iter().zip(&problem.capacity).all(|(used, capacity)| used <= capacity));
    assert_eq!(value_in_the_model(&problem, GapSense::Max, &max_plan), max_row.value as f64);
}

#[test]
fn a_missing_benchmark_file_is_reported_by_name() {
    let missing = Path::new(GAP_DIR).join("gap13.txt");
    let err = read_gap_file(&missing).unwrap_err();
    assert!(err.to_string().contains("gap13.txt"), "{err}");
}

#[test]
fn the_values_files_cover_gap1_to_gap12_in_both_senses() {
    let max: BTreeMap<(String, usize), Row> =
        read_values("VALUES.csv").into_iter().map(|r| ((r.file.clone(), r.problem_index), r)).collect();
    let min = read_values("VALUES_gap1-12_min.csv");
    for row in &min {
        let other = &max[&(row.file.clone(), row.problem_index)];
        assert_eq!((row.m, row.n, row.name.as_str()), (other.m, other.n, other.name.as_str()));
        assert_eq!((row.sense, other.sense), (GapSense::Min, GapSense::Max), "{}", row.name);
    }
}

mod common;

/// Files whose problems the exact solver proves in the tests: gap1..gap3 with the pure-Rust
/// backend, all of gap1..gap12 with HiGHS.
fn proven_in_tests() -> Vec<(String, civic_match::solve::Backend)> {
    use civic_match::solve::Backend;
    #[cfg(feature = "highs")]
    let (files, backend) = (1..=12, Backend::Highs);
    #[cfg(not(feature = "highs"))]
    let (files, backend) = (1..=3, Backend::Microlp);
    files.map(|f| (format!("gap{f}.txt"), backend)).collect()
}

#[test]
fn the_exact_solver_reaches_the_published_optima_of_gap1_to_gap12() {
    use civic_match::solve::Exact;
    let mut rows = read_values("VALUES.csv");
    rows.extend(read_values("VALUES_gap1-12_min.csv"));
    let mut solved = 0;
    for (file, backend) in proven_in_tests() {
        for (index, problem) in read(&file).iter().enumerate() {
            for row in rows.iter().filter(|r| r.file == file && r.problem_index == index + 1) {
                let spec = gap_to_spec(problem, row.sense, &row.name);
                let model = Problem::from_spec(&spec, &row.name).unwrap();
                let exact = Exact::new(std::time::Duration::from_secs(120)).with_backend(backend);
                let (result, _) = common::solve_and_check(&model, &exact);
                assert_eq!(result.status, Status::Optimal, "{} ({:?})", row.name, row.sense);
                let value = gap_value(row.sense, result.objective.unwrap());
                assert!(
                    (value - row.value as f64).abs() < 1e-6,
                    "{} ({:?}): {value}, published {}",
                    row.name,
                    row.sense,
                    row.value
                );
                solved += 1;
            }
        }
    }
    assert_eq!(solved, proven_in_tests().len() * 10, "every problem in both senses");
}
