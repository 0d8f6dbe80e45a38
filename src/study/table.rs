//! The results of a study as arrays: runs × metrics, and for each metric a cube of policy ×
//! instance set × replicate (instance and seed) for the summary; and the tidy CSV.

use super::metrics::Metric;
use super::record::{RunRecord, StudyPlan};
use ndarray::{Array2, Array3};
use std::collections::HashMap;

/// The runs of a study that have a record, in the study's order.
#[derive(Debug, Clone)]
pub struct Results {
    /// The study plan the runs belong to.
    pub plan: StudyPlan,
    /// The records found, in the plan's order.
    pub records: Vec<RunRecord>,
    /// records × [`Metric::ALL`], NaN where a metric does not apply.
    pub values: Array2<f64>,
}

/// How a record's `check` starts when the checker refuted the plan (`ok` when it passed,
/// `no plan` when the rule found none).
pub const FAILED: &str = "failed";

/// Figures of the instance sets: per set, its replicates (instance × seed) in order.
type Replicates = Vec<HashMap<(String, u64), usize>>;

impl Results {
    /// The records of `plan`'s runs among `found` (any order, any extra ignored).
    pub fn new(plan: StudyPlan, found: impl IntoIterator<Item = RunRecord>) -> Self {
        let mut by_key: HashMap<String, RunRecord> = found.into_iter().map(|r| (r.key.clone(), r)).collect();
        let records: Vec<RunRecord> = plan.runs.iter().filter_map(|r| by_key.remove(&r.key)).collect();
        let mut values = Array2::from_elem((records.len(), Metric::ALL.len()), f64::NAN);
        for (i, record) in records.iter().enumerate() {
            for (j, v) in record.values().into_iter().enumerate() {
                values[[i, j]] = v;
            }
        }
        Results { plan, records, values }
    }

    /// How many of the plan's runs have no record.
    pub fn missing(&self) -> usize {
        self.plan.runs.len() - self.records.len()
    }

    /// The cube of `metric`: policy × set × replicate, where a set's replicates are its
    /// (instance, seed) pairs in the study's order; NaN where a run is missing. The same
    /// replicate of two policies is the same instance with the same seed: a pair.
    pub fn cube(&self, metric: Metric) -> Array3<f64> {
        let study = &self.plan.study;
        let replicates = self.replicates();
        let depth = replicates.iter().map(HashMap::len).max().unwrap_or(0);
        let mut cube = Array3::from_elem((study.policies.len(), study.sets.len(), depth), f64::NAN);
        let column = metric.index();
        for (i, record) in self.records.iter().enumerate() {
            let p = study.policies.iter().position(|p| p.name == record.label.policy).expect("a planned policy");
            let s = study.sets.iter().position(|s| s.name == record.label.set).expect("a planned set");
            let r = replicates[s][&(record.label.instance.clone(), record.label.seed)];
            cube[[p, s, r]] = self.values[[i, column]];
        }
        cube
    }

    /// Each set's (instance, seed) pairs, numbered in the plan's order.
    fn replicates(&self) -> Replicates {
        let study = &self.plan.study;
        let mut replicates: Replicates = vec![HashMap::new(); study.sets.len()];
        for run in &self.plan.runs {
            let s = study.sets.iter().position(|s| s.name == run.label.set).expect("a planned set");
            let next = replicates[s].len();
            replicates[s].entry((run.label.instance.clone(), run.label.seed)).or_insert(next);
        }
        replicates
    }

    /// How many plans failed their check.
    pub fn failed_checks(&self) -> usize {
        self.records.iter().filter(|r| r.check.starts_with(FAILED)).count()
    }
}

/// The tidy CSV: one row per run in the study's order, the label columns, then `status`,
/// `check`, `demands` and every metric of [`Metric::ALL`]; numbers in Rust's shortest
/// round-trip form, an empty cell where a metric does not apply. `machine` false leaves the
/// columns of time and memory out (to compare results across machines and shards).
pub fn tidy_csv(results: &Results, machine: bool) -> Vec<u8> {
    let metrics: Vec<Metric> = Metric::ALL.into_iter().filter(|m| machine || !m.is_machine()).collect();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["set", "instance", "policy", "rule", "seed", "key", "status", "check", "demands"];
    header.extend(metrics.iter().map(|m| m.name()));
    out.write_record(&header).expect("writing to memory");
    for (i, r) in results.records.iter().enumerate() {
        let mut row = vec![
            r.label.set.clone(),
            r.label.instance.clone(),
            r.label.policy.clone(),
            r.label.rule.clone(),
            r.label.seed.to_string(),
            r.key.clone(),
            r.status.clone(),
            r.check.clone(),
            r.demands.to_string(),
        ];
        row.extend(metrics.iter().map(|m| {
            let v = results.values[[i, m.index()]];
            if v.is_finite() {
                v.to_string()
            } else {
                String::new()
            }
        }));
        out.write_record(&row).expect("writing to memory");
    }
    out.into_inner().expect("writing to memory")
}
