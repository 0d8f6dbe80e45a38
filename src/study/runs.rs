//! The runs of a study: every instance of every set × every policy × every repeat, in one
//! stable order, each with a key (a hash of what decides its result) and an estimate of its
//! work; and the split of the runs into balanced shards.

use super::spec::{folder_instances, gap_sense, Policy, Source, Study};
use crate::format::{gap_to_spec, read_gap_file, read_instance, FormatError, InstanceSpec};
use crate::generate::{generate_profile, Preset, Profile};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::PathBuf;

/// One instance of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceRef {
    /// The set's position in the study.
    pub set: usize,
    /// The instance's name in the outputs (`county-standard-3`, a file stem, `gapc.txt#2`).
    pub name: String,
    /// How to get it.
    pub origin: Origin,
    /// What identifies its content: the generator's arguments, or a hash of the file.
    pub identity: String,
    /// Demands it is estimated to hold (for balancing shards).
    pub size: f64,
}

/// How to get an instance.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The generator's month of `preset`, `profile`, `seed`.
    Generated(Preset, Profile, u64),
    /// A file or CSV folder in any input form.
    File(PathBuf),
    /// Problem `problem` (from 1) of an OR-Library GAP file, in `sense`.
    Orlib(PathBuf, usize, String),
}

/// One run: an instance, a policy and a solver seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Its position in the study's order (instance, then policy, then repeat).
    pub index: usize,
    /// The instance's position in [`Runs::instances`].
    pub instance: usize,
    /// The policy's position in the study.
    pub policy: usize,
    /// The solver seed.
    pub seed: u64,
    /// 16 hex digits of SHA-256 over the instance's identity, the policy and the seed: the same
    /// key means the same result, so `--resume` can skip it.
    pub key: String,
    /// Estimated work, in arbitrary units (demands × the rule's factor).
    pub work: f64,
}

/// The expanded study.
#[derive(Debug, Clone, PartialEq)]
pub struct Runs {
    /// Every instance, set by set.
    pub instances: Vec<InstanceRef>,
    /// Every run, in the study's order.
    pub runs: Vec<Run>,
}

/// An instance that could not be listed or read.
#[derive(Debug)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

impl From<FormatError> for LoadError {
    fn from(e: FormatError) -> Self {
        LoadError(e.to_string())
    }
}

/// The demands of a generated month of each preset, for the work estimate.
fn preset_demands(preset: Preset) -> f64 {
    match preset {
        Preset::County => 600.0,
        Preset::Town => 5_000.0,
        Preset::City => 120_000.0,
        Preset::Province => 1_000_000.0,
    }
}

/// Bytes of an instance file per demand, for the work estimate of files.
const BYTES_PER_DEMAND: f64 = 800.0;

/// How much more work than a one-pass rule a rule is estimated to take.
fn rule_factor(policy: &Policy) -> f64 {
    match policy.rule.as_str() {
        "heuristic" => 1.0 + policy.iterations.map_or(50.0, |i| i as f64 / 1_000.0),
        "exact" => 100.0,
        _ => 1.0,
    }
}

/// Lists the instances and runs of `study`.
pub fn expand(study: &Study) -> Result<Runs, LoadError> {
    let mut instances = Vec::new();
    for (s, set) in study.sets.iter().enumerate() {
        match &set.source {
            Source::Generated { preset, profiles, seeds } => {
                let preset = *Preset::ALL.iter().find(|p| p.name() == preset).expect("a checked preset");
                for profile in profiles {
                    let profile = *Profile::ALL.iter().find(|p| p.name() == profile).expect("a checked profile");
                    for &seed in seeds {
                        let name = format!("{}-{}-{seed}", preset.name(), profile.name());
                        let identity = format!("generated {name}");
                        let origin = Origin::Generated(preset, profile, seed);
                        instances.push(InstanceRef { set: s, name, origin, identity, size: preset_demands(preset) });
                    }
                }
            }
            Source::Folder { path } => {
                let files = folder_instances(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
                for file in files {
                    let (identity, bytes) = content_hash(&file)?;
                    let name = file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    let size = bytes as f64 / BYTES_PER_DEMAND;
                    instances.push(InstanceRef { set: s, name, origin: Origin::File(file), identity, size });
                }
            }
            Source::Orlib { path, problems, sense } => {
                let (hash, _) = content_hash(path)?;
                let all = read_gap_file(path)?;
                let numbers: Vec<usize> =
                    if problems.is_empty() { (1..=all.len()).collect() } else { problems.clone() };
                let file = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                for n in numbers {
                    let gap = all.get(n - 1).ok_or_else(|| LoadError(format!("{}: no problem {n}", path.display())))?;
                    let name = format!("{file}#{n}");
                    let identity = format!("orlib {hash} {n} {sense}");
                    let origin = Origin::Orlib(path.clone(), n, sense.clone());
                    instances.push(InstanceRef { set: s, name, origin, identity, size: gap.jobs as f64 });
                }
            }
        }
    }
    let mut runs = Vec::new();
    for (i, instance) in instances.iter().enumerate() {
        for (p, policy) in study.policies.iter().enumerate() {
            let definition = serde_json::to_string(policy).expect("a policy serialises");
            for &seed in &study.repeats {
                let mut hash = Sha256::new();
                hash.update(format!("{}\n{definition}\n{seed}", instance.identity));
                let key: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
                let work = instance.size * rule_factor(policy);
                runs.push(Run { index: runs.len(), instance: i, policy: p, seed, key, work });
            }
        }
    }
    Ok(Runs { instances, runs })
}

/// `file` hashed (SHA-256, hex; for a CSV folder, its `.csv` files in name order) and its size
/// in bytes.
fn content_hash(file: &std::path::Path) -> Result<(String, u64), LoadError> {
    let io = |e: std::io::Error| LoadError(format!("{}: {e}", file.display()));
    let mut parts = if file.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(file).map_err(io)?.flatten().map(|e| e.path()).collect();
        files.retain(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")));
        files
    } else {
        vec![file.to_path_buf()]
    };
    parts.sort();
    let mut hash = Sha256::new();
    let mut size = 0u64;
    for part in &parts {
        let bytes = std::fs::read(part).map_err(io)?;
        size += bytes.len() as u64;
        hash.update(part.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        hash.update(&bytes);
    }
    Ok((hash.finalize().iter().map(|b| format!("{b:02x}")).collect(), size))
}

/// The instance `instance` as a spec.
pub fn load(instance: &InstanceRef) -> Result<InstanceSpec, LoadError> {
    match &instance.origin {
        Origin::Generated(preset, profile, seed) => Ok(generate_profile(*preset, *profile, *seed)),
        Origin::File(path) => Ok(read_instance(path)?.0),
        Origin::Orlib(path, n, sense) => {
            let all = read_gap_file(path)?;
            let gap = all.get(n - 1).ok_or_else(|| LoadError(format!("{}: no problem {n}", path.display())))?;
            Ok(gap_to_spec(gap, gap_sense(sense), &instance.name))
        }
    }
}

/// Which shard of how many: `index` in `0..count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 0-based.
    pub index: usize,
    /// How many shards the runs are split into.
    pub count: usize,
}

/// The runs of each of `count` shards, each in the study's order: longest-processing-time
/// first (runs by falling work, ties by index, each to the shard with the least work so far,
/// ties to the lowest shard), so that the shards are disjoint, cover every run, carry nearly
/// equal work and are the same on every machine.
pub fn shards(runs: &[Run], count: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[b].work.total_cmp(&runs[a].work).then(a.cmp(&b)));
    let mut load = vec![0.0f64; count.max(1)];
    let mut parts = vec![Vec::new(); count.max(1)];
    for r in order {
        let lightest = (0..load.len()).min_by(|&a, &b| load[a].total_cmp(&load[b]).then(a.cmp(&b))).expect("a shard");
        load[lightest] += runs[r].work;
        parts[lightest].push(r);
    }
    parts.iter_mut().for_each(|p| p.sort_unstable());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(index: usize, work: f64) -> Run {
        Run { index, instance: 0, policy: 0, seed: 1, key: String::new(), work }
    }

    #[test]
    fn shards_are_disjoint_complete_and_balanced() {
        let runs: Vec<Run> = (0..50).map(|i| run(i, 1.0 + (i % 7) as f64)).collect();
        for count in [1, 3, 7] {
            let parts = shards(&runs, count);
            assert_eq!(parts.len(), count);
            let mut all: Vec<usize> = parts.concat();
            all.sort_unstable();
            assert_eq!(all, (0..50).collect::<Vec<_>>());
            let loads: Vec<f64> = parts.iter().map(|p| p.iter().map(|&r| runs[r].work).sum()).collect();
            let (lo, hi) = loads.iter().fold((f64::MAX, 0.0f64), |(lo, hi), &l| (lo.min(l), hi.max(l)));
            // LPT keeps the spread within the largest single run.
            assert!(hi - lo <= 7.0, "{loads:?}");
            assert_eq!(parts, shards(&runs, count));
        }
    }
}
