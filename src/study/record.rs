//! What a run leaves in its output folder: one JSON record per run under `runs/`, written
//! the moment the run ends, so that an interrupted sweep keeps every finished run and
//! `--resume` and `bench-merge` read them back.

use super::metrics::Metric;
use super::runs::Runs;
use super::spec::Study;
use crate::format::write_atomically;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The run's key ([`super::runs::Run::key`]).
    pub key: String,
    /// The run's labels.
    #[serde(flatten)]
    pub label: RunLabel,
    /// The solver's status (`optimal`, `feasible`, `infeasible`, `unknown`).
    pub status: String,
    /// `ok`, or what the checker found wrong with the plan.
    pub check: String,
    /// Demands of the instance as the policy left it.
    pub demands: usize,
    /// Every metric by name; `null` where it does not apply.
    pub metrics: BTreeMap<String, Option<f64>>,
}

/// Which run a record is: set, instance, policy, rule and seed, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunLabel {
    /// The instance set.
    pub set: String,
    /// The instance.
    pub instance: String,
    /// The policy.
    pub policy: String,
    /// The policy's allocation rule.
    pub rule: String,
    /// The solver seed.
    pub seed: u64,
}

impl RunRecord {
    /// The metric values in [`Metric::ALL`] order, NaN where absent.
    pub fn values(&self) -> Vec<f64> {
        Metric::ALL.iter().map(|m| self.metrics.get(m.name()).copied().flatten().unwrap_or(f64::NAN)).collect()
    }

    /// A record of `values` in [`Metric::ALL`] order (NaN and ±∞ become `null`).
    pub fn with_values(
        key: String,
        label: RunLabel,
        status: String,
        check: String,
        demands: usize,
        values: &[f64],
    ) -> Self {
        let metrics =
            Metric::ALL.iter().zip(values).map(|(m, &v)| (m.name().to_string(), v.is_finite().then_some(v))).collect();
        RunRecord { key, label, status, check, demands, metrics }
    }
}

/// What every output folder of a study holds besides its runs: the study and every run's key
/// and labels in the study's order, so that folders of the same study (its shards) can be
/// merged without the instances at hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyPlan {
    /// The study, as checked.
    pub study: Study,
    /// Every run of the study, in its order.
    pub runs: Vec<PlannedRun>,
}

/// One run of a [`StudyPlan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRun {
    /// Its key.
    pub key: String,
    /// Its labels.
    #[serde(flatten)]
    pub label: RunLabel,
}

impl StudyPlan {
    /// The plan of `study`'s expanded `runs`.
    pub fn new(study: &Study, runs: &Runs) -> Self {
        let runs = runs
            .runs
            .iter()
            .map(|r| {
                let policy = &study.policies[r.policy];
                let instance = &runs.instances[r.instance];
                let label = RunLabel {
                    set: study.sets[instance.set].name.clone(),
                    instance: instance.name.clone(),
                    policy: policy.name.clone(),
                    rule: policy.rule.clone(),
                    seed: r.seed,
                };
                PlannedRun { key: r.key.clone(), label }
            })
            .collect();
        StudyPlan { study: study.clone(), runs }
    }
}

/// The file of the study plan in an output folder.
pub const PLAN_FILE: &str = "study.json";

/// The folder of run records in an output folder.
pub const RUNS_DIR: &str = "runs";

/// The record file of run `key` in output folder `out`.
pub fn record_path(out: &Path, key: &str) -> PathBuf {
    out.join(RUNS_DIR).join(format!("{key}.json"))
}

/// Writes `record` into `out` atomically.
pub fn write_record(out: &Path, record: &RunRecord) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    write_atomically(&record_path(out, &record.key), &bytes)
}

/// The record of run `key` in `out`, if a complete one is there (a record that does not parse
/// or names another key is treated as absent, so that the run is done again).
pub fn read_record(out: &Path, key: &str) -> Option<RunRecord> {
    let bytes = std::fs::read(record_path(out, key)).ok()?;
    serde_json::from_slice::<RunRecord>(&bytes).ok().filter(|r| r.key == key)
}
