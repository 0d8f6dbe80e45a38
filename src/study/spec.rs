//! The study file (`study.toml`, docs/STUDY.md): instance sets, policies, repeats and the
//! metrics of the summary, read with the line and column of every mistake.

use super::metrics::Metric;
use crate::format::sheets::columns::is_demand_sheet;
use crate::format::sheets::WORKBOOK_EXTENSIONS;
use crate::format::{read_gap_file, GapSense, PolicySpec};
use crate::generate::{Preset, Profile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The allocation rules a policy may name: the hand rules communities use, and the solvers.
pub const RULES: [&str; 6] = ["nearest-first", "first-come-first-served", "random", "greedy", "heuristic", "exact"];

/// Largest study file accepted, in bytes: a study lists sets and policies, never data.
const MAX_STUDY_BYTES: u64 = 1 << 20;

/// A study, checked and normalised: what `bench` runs and what every output folder records
/// (as `study.json`), so that shard folders can be told apart from another study's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Study {
    /// The study's name (the file stem when the file gives none).
    pub name: String,
    /// The policy every other is compared with, pair by pair, in the summary.
    pub baseline: String,
    /// The solver seeds each (instance, policy) pair is run with.
    pub repeats: Vec<u64>,
    /// The metrics the summary shows (the CSV holds them all).
    pub metrics: Vec<Metric>,
    /// The instance sets, in file order.
    pub sets: Vec<InstanceSet>,
    /// The policies, in file order.
    pub policies: Vec<Policy>,
}

/// A named set of instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceSet {
    /// Its name in the outputs.
    pub name: String,
    /// Where its instances come from.
    pub source: Source,
}

/// Where the instances of a set come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Generated months: every profile × every seed of one preset.
    Generated {
        /// The generator's preset.
        preset: String,
        /// Its profiles.
        profiles: Vec<String>,
        /// Its seeds.
        seeds: Vec<u64>,
    },
    /// Every instance of a folder, in any input form: `.json` files, workbooks, and
    /// sub-folders holding `.csv` sheets, in name order.
    Folder {
        /// The folder (relative paths are relative to the study file).
        path: PathBuf,
    },
    /// Problems of an OR-Library GAP file, numbered from 1 as in the file.
    Orlib {
        /// The file (relative paths are relative to the study file).
        path: PathBuf,
        /// The problem numbers; every problem of the file when empty.
        problems: Vec<usize>,
        /// `min` (costs) or `max` (profits).
        sense: String,
    },
}

/// A named variant: an allocation rule and the `policy` fields it overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// Its name in the outputs.
    pub name: String,
    /// One of [`RULES`].
    pub rule: String,
    /// Seconds per run for the search rules (`heuristic`, `exact`).
    pub time_limit: f64,
    /// Search iterations per run (`heuristic`): with them a run gives the same plan on any
    /// machine and thread count.
    pub iterations: Option<u64>,
    /// Relative gap at which `exact` stops.
    pub gap: f64,
    /// `policy` fields set, as a JSON object merged into each instance's own policy (nested
    /// objects merge field by field).
    pub overrides: serde_json::Map<String, serde_json::Value>,
    /// Top-level `policy` fields removed from each instance (e.g. `fairness`).
    pub unset: Vec<String>,
}

/// Seconds per run when a policy gives no `time_limit` and no `iterations`.
pub const DEFAULT_TIME_LIMIT: f64 = 10.0;

/// Seconds per run when a policy gives `iterations` but no `time_limit`: the iterations end
/// the search, the limit only guards against a month far larger than intended.
pub const ITERATIONS_TIME_LIMIT: f64 = 3600.0;

impl Policy {
    /// `spec` with this policy's fields removed and overridden; an error names the field.
    pub fn apply(&self, spec: &PolicySpec) -> Result<PolicySpec, String> {
        self.applied(spec).map_err(|(path, e)| format!("policy {:?}: {path}: {e}", self.name))
    }

    /// [`Policy::apply`], its error as the path of the field and what is wrong with it.
    fn applied(&self, spec: &PolicySpec) -> Result<PolicySpec, (String, String)> {
        let mut value = serde_json::to_value(spec).map_err(|e| (".".to_string(), e.to_string()))?;
        let object = value.as_object_mut().expect("a policy serialises to an object");
        for field in &self.unset {
            object.remove(field);
        }
        merge(object, &self.overrides);
        serde_path_to_error::deserialize(value).map_err(|e| (e.path().to_string(), e.into_inner().to_string()))
    }
}

/// Merges `overrides` into `into`: objects field by field, anything else replaced.
fn merge(
    into: &mut serde_json::Map<String, serde_json::Value>,
    overrides: &serde_json::Map<String, serde_json::Value>,
) {
    for (key, value) in overrides {
        match (into.get_mut(key), value) {
            (Some(serde_json::Value::Object(old)), serde_json::Value::Object(new)) => merge(old, new),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// A mistake in a study file, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyError {
    /// The study file.
    pub file: PathBuf,
    /// 1-based line and column; `None` for a file that cannot be read.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for StudyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for StudyError {}

/// Seeds as the file may give them: `3`, `"1-5"` or `[1, 4, 9]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SeedsFile {
    One(u64),
    Range(String),
    List(Vec<u64>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StudyFile {
    name: Option<String>,
    baseline: Option<Spanned<String>>,
    repeats: Option<Spanned<SeedsFile>>,
    metrics: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    sets: Vec<Spanned<SetFile>>,
    #[serde(default)]
    policies: Vec<Spanned<PolicyFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    name: Spanned<String>,
    preset: Option<Spanned<String>>,
    profiles: Option<Vec<Spanned<String>>>,
    seeds: Option<Spanned<SeedsFile>>,
    folder: Option<Spanned<String>>,
    orlib: Option<Spanned<String>>,
    problems: Option<Spanned<SeedsFile>>,
    sense: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    name: Spanned<String>,
    rule: Spanned<String>,
    time_limit: Option<Spanned<f64>>,
    iterations: Option<Spanned<u64>>,
    gap: Option<Spanned<f64>>,
    policy: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    unset: Option<Vec<Spanned<String>>>,
}

/// Reads and checks the study file `file`.
pub fn read_study(file: &Path) -> Result<Study, StudyError> {
    let unreadable = |message: String| StudyError { file: file.to_path_buf(), at: None, message };
    let size = std::fs::metadata(file).map_err(|e| unreadable(e.to_string()))?.len();
    if size > MAX_STUDY_BYTES {
        return Err(unreadable(format!("{size} bytes; a study file is at most {MAX_STUDY_BYTES}")));
    }
    let text = std::fs::read_to_string(file).map_err(|e| unreadable(e.to_string()))?;
    parse_study(file, &text)
}

/// Checks the study `text` read from `file` (whose folder relative paths start from).
pub fn parse_study(file: &Path, text: &str) -> Result<Study, StudyError> {
    let at = |span: Range<usize>, message: String| StudyError {
        file: file.to_path_buf(),
        at: Some(line_column(text, span.start)),
        message,
    };
    let parsed: StudyFile = toml::from_str(text).map_err(|e| at(e.span().unwrap_or(0..0), e.message().to_string()))?;
    let base = file.parent().unwrap_or(Path::new("."));

    if parsed.sets.is_empty() {
        return Err(at(0..0, "the study has no instance set: add a [[sets]] table".into()));
    }
    if parsed.policies.is_empty() {
        return Err(at(0..0, "the study has no policy: add a [[policies]] table".into()));
    }
    let mut sets = Vec::new();
    for set in &parsed.sets {
        let checked = read_set(set.get_ref(), base, &at)?;
        if sets.iter().any(|s: &InstanceSet| s.name == checked.name) {
            return Err(at(set.get_ref().name.span(), format!("a second set named {:?}", checked.name)));
        }
        sets.push(checked);
    }
    let mut policies = Vec::new();
    for policy in &parsed.policies {
        let checked = read_policy(policy.get_ref(), &at)?;
        if policies.iter().any(|p: &Policy| p.name == checked.name) {
            return Err(at(policy.get_ref().name.span(), format!("a second policy named {:?}", checked.name)));
        }
        policies.push(checked);
    }
    let baseline = match &parsed.baseline {
        Some(b) if !policies.iter().any(|p| &p.name == b.get_ref()) => {
            let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
            return Err(at(
                b.span(),
                format!("baseline {:?} is none of the policies ({})", b.get_ref(), names.join(", ")),
            ));
        }
        Some(b) => b.get_ref().clone(),
        None => policies[0].name.clone(),
    };
    let repeats = match &parsed.repeats {
        Some(r) => seeds(r, "repeats", &at)?,
        None => vec![1],
    };
    let metrics = match &parsed.metrics {
        None => Metric::SUMMARY.to_vec(),
        Some(list) => {
            let mut metrics = Vec::new();
            for m in list {
                let metric = Metric::from_name(m.get_ref()).ok_or_else(|| {
                    let names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
                    at(m.span(), format!("unknown metric {:?}; the metrics are {}", m.get_ref(), names.join(", ")))
                })?;
                metrics.push(metric);
            }
            metrics
        }
    };
    let name = parsed
        .name
        .clone()
        .unwrap_or_else(|| file.file_stem().map_or_else(|| "study".into(), |s| s.to_string_lossy().into_owned()));
    Ok(Study { name, baseline, repeats, metrics, sets, policies })
}

/// Where in the file a mistake is: the span of the value, the field and the message.
type At<'a> = dyn Fn(Range<usize>, String) -> StudyError + 'a;

fn read_set(set: &SetFile, base: &Path, at: &At) -> Result<InstanceSet, StudyError> {
    let name = nonempty(&set.name, "set name", at)?;
    let given = [set.preset.as_ref(), set.folder.as_ref(), set.orlib.as_ref()];
    if given.iter().flatten().count() != 1 {
        return Err(at(set.name.span(), format!("set {name:?}: give exactly one of preset, folder or orlib")));
    }
    let only_with = |field: Option<Range<usize>>, what: &str, with: &str| match field {
        Some(span) => Err(at(span, format!("set {name:?}: {what} goes only with {with}"))),
        None => Ok(()),
    };
    if let Some(preset) = &set.preset {
        let known = Preset::ALL.iter().find(|p| p.name() == preset.get_ref());
        if known.is_none() {
            let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
            return Err(at(
                preset.span(),
                format!("unknown preset {:?}; the presets are {}", preset.get_ref(), names.join(", ")),
            ));
        }
        only_with(set.problems.as_ref().map(|p| p.span()), "problems", "orlib")?;
        only_with(set.sense.as_ref().map(|s| s.span()), "sense", "orlib")?;
        let mut profiles = Vec::new();
        for p in set.profiles.iter().flatten() {
            if !Profile::ALL.iter().any(|known| known.name() == p.get_ref()) {
                let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
                return Err(at(
                    p.span(),
                    format!("unknown profile {:?}; the profiles are {}", p.get_ref(), names.join(", ")),
                ));
            }
            profiles.push(p.get_ref().clone());
        }
        if set.profiles.as_ref().is_some_and(|p| p.is_empty()) {
            return Err(at(set.name.span(), format!("set {name:?}: profiles is empty")));
        }
        if profiles.is_empty() {
            profiles.push(Profile::Standard.name().to_string());
        }
        let seeds = match &set.seeds {
            Some(s) => seeds(s, "seeds", at)?,
            None => {
                return Err(at(
                    preset.span(),
                    format!("set {name:?}: a generated set needs seeds, e.g. seeds = \"1-5\""),
                ))
            }
        };
        let source = Source::Generated { preset: preset.get_ref().clone(), profiles, seeds };
        return Ok(InstanceSet { name, source });
    }
    only_with(set.profiles.as_ref().and_then(|p| p.first()).map(|p| p.span()), "profiles", "preset")?;
    only_with(set.seeds.as_ref().map(|s| s.span()), "seeds", "preset")?;
    if let Some(folder) = &set.folder {
        only_with(set.problems.as_ref().map(|p| p.span()), "problems", "orlib")?;
        only_with(set.sense.as_ref().map(|s| s.span()), "sense", "orlib")?;
        let path = base.join(folder.get_ref());
        if !path.is_dir() {
            return Err(at(folder.span(), format!("set {name:?}: {} is not a folder", path.display())));
        }
        if folder_instances(&path).map_err(|e| at(folder.span(), format!("set {name:?}: {e}")))?.is_empty() {
            let message = format!(
                "set {name:?}: {} holds no instance (.json, workbook, or folder of .csv sheets)",
                path.display()
            );
            return Err(at(folder.span(), message));
        }
        return Ok(InstanceSet { name, source: Source::Folder { path } });
    }
    let orlib = set.orlib.as_ref().expect("one of the three sources");
    let path = base.join(orlib.get_ref());
    if !path.is_file() {
        return Err(at(orlib.span(), format!("set {name:?}: {} is not a file", path.display())));
    }
    let problems = match &set.problems {
        Some(p) => seeds(p, "problems", at)?.into_iter().map(|n| n as usize).collect(),
        None => Vec::new(),
    };
    let count = read_gap_file(&path).map_err(|e| at(orlib.span(), format!("set {name:?}: {e}")))?.len();
    if let Some(p) = &set.problems {
        if let Some(bad) = problems.iter().find(|&&n| n == 0 || n > count) {
            return Err(at(
                p.span(),
                format!("set {name:?}: no problem {bad} in {} (it holds problems 1 to {count})", path.display()),
            ));
        }
    }
    let sense = match &set.sense {
        None => "min".to_string(),
        Some(s) if s.get_ref() == "min" || s.get_ref() == "max" => s.get_ref().clone(),
        Some(s) => {
            return Err(at(s.span(), format!("set {name:?}: sense is \"min\" or \"max\", not {:?}", s.get_ref())))
        }
    };
    Ok(InstanceSet { name, source: Source::Orlib { path, problems, sense } })
}

fn read_policy(policy: &PolicyFile, at: &At) -> Result<Policy, StudyError> {
    let name = nonempty(&policy.name, "policy name", at)?;
    let rule = policy.rule.get_ref();
    if !RULES.contains(&rule.as_str()) {
        return Err(at(
            policy.rule.span(),
            format!("policy {name:?}: unknown rule {rule:?}; the rules are {}", RULES.join(", ")),
        ));
    }
    let positive = |value: &Option<Spanned<f64>>, what: &str| match value {
        Some(v) if !(v.get_ref().is_finite() && *v.get_ref() > 0.0) => Err(at(
            v.span(),
            format!("policy {name:?}: {what} must be a positive number of seconds, not {}", v.get_ref()),
        )),
        _ => Ok(()),
    };
    positive(&policy.time_limit, "time_limit")?;
    if let Some(g) = &policy.gap {
        if !(g.get_ref().is_finite() && (0.0..1.0).contains(g.get_ref())) {
            return Err(at(g.span(), format!("policy {name:?}: gap is a share in [0, 1), not {}", g.get_ref())));
        }
    }
    if let Some(i) = &policy.iterations {
        if *i.get_ref() == 0 {
            return Err(at(i.span(), format!("policy {name:?}: iterations must be at least 1")));
        }
    }
    let fields = policy_fields();
    let mut overrides = serde_json::Map::new();
    for (key, value) in policy.policy.iter().flatten() {
        let Some(known) = fields.get(key.get_ref().as_str()) else {
            let names: Vec<&str> = fields.keys().map(String::as_str).collect();
            return Err(at(
                key.span(),
                format!(
                    "policy {name:?}: unknown policy field {:?}; the fields are {}",
                    key.get_ref(),
                    names.join(", ")
                ),
            ));
        };
        let json = serde_json::to_value(value.get_ref()).map_err(|e| at(value.span(), e.to_string()))?;
        if let (serde_json::Value::Object(given), Some(inner)) = (&json, known) {
            if let Some(bad) = given.keys().find(|k| !inner.contains(k)) {
                return Err(at(
                    key.span(),
                    format!(
                        "policy {name:?}: unknown field {:?} of {}; its fields are {}",
                        bad,
                        key.get_ref(),
                        inner.join(", ")
                    ),
                ));
            }
        }
        overrides.insert(key.get_ref().clone(), json);
    }
    let mut unset = Vec::new();
    for field in policy.unset.iter().flatten() {
        if !fields.contains_key(field.get_ref()) {
            return Err(at(
                field.span(),
                format!("policy {name:?}: unset names {:?}, which is no policy field", field.get_ref()),
            ));
        }
        unset.push(field.get_ref().clone());
    }
    let checked = Policy {
        name: name.clone(),
        rule: rule.clone(),
        time_limit: policy.time_limit.as_ref().map(|t| *t.get_ref()).unwrap_or(if policy.iterations.is_some() {
            ITERATIONS_TIME_LIMIT
        } else {
            DEFAULT_TIME_LIMIT
        }),
        iterations: policy.iterations.as_ref().map(|i| *i.get_ref()),
        gap: policy.gap.as_ref().map_or(0.0, |g| *g.get_ref()),
        overrides,
        unset,
    };
    // A value of the wrong type (a word where a number goes) shows on a policy of every field.
    if let Err((path, message)) = checked.applied(&full_policy()) {
        let field = path.split('.').next().unwrap_or_default();
        let key = policy.policy.iter().flatten().find(|(k, _)| k.get_ref() == field);
        let span = key.map_or(policy.name.span(), |(_, v)| v.span());
        return Err(at(span, format!("policy {name:?}: {path}: {message}")));
    }
    Ok(checked)
}

/// The fields of `policy` and, for each that is an object, the names of its own fields: what a
/// policy may override, taken from the serialised form of a policy with every field present.
fn policy_fields() -> BTreeMap<String, Option<Vec<String>>> {
    let value = serde_json::to_value(full_policy()).expect("a policy serialises");
    let object = value.as_object().expect("an object");
    object.iter().map(|(k, v)| (k.clone(), v.as_object().map(|inner| inner.keys().cloned().collect()))).collect()
}

/// A policy with every field present, so that its serialised form names them all.
fn full_policy() -> PolicySpec {
    use crate::format::{AgingSpec, BalanceSpec, ContinuitySpec, FairnessSpec};
    PolicySpec {
        max_km: Some(1.0),
        travel_weight: Some(0.0),
        max_tasks_per_slot: Some(1.0),
        fairness: Some(FairnessSpec {
            level: Some("community".into()),
            min_coverage: Some(0.5),
            penalty: Some(1.0),
            cumulative: Some(false),
        }),
        aging: Some(AgingSpec { per_month: 0.1, cap: 2.0 }),
        balance: Some(BalanceSpec { target: 1.0, per_hour: 0.1 }),
        continuity: Some(ContinuitySpec { bonus: 1.0 }),
    }
}

fn nonempty(name: &Spanned<String>, what: &str, at: &At) -> Result<String, StudyError> {
    let text = name.get_ref().trim();
    if text.is_empty() {
        return Err(at(name.span(), format!("{what} is empty")));
    }
    Ok(text.to_string())
}

/// The numbers of a seed-like field: one number, `"FIRST-LAST"` or a list; never empty, never
/// backwards.
fn seeds(value: &Spanned<SeedsFile>, what: &str, at: &At) -> Result<Vec<u64>, StudyError> {
    let span = value.span();
    let list = match value.get_ref() {
        SeedsFile::One(n) => vec![*n],
        SeedsFile::List(list) => list.clone(),
        SeedsFile::Range(text) => {
            let bad = || at(span.clone(), format!("{what} {text:?}: expected a number, \"FIRST-LAST\" or a list"));
            match text.split_once('-') {
                Some((a, b)) => {
                    let a: u64 = a.trim().parse().map_err(|_| bad())?;
                    let b: u64 = b.trim().parse().map_err(|_| bad())?;
                    if a > b {
                        return Err(at(span, format!("{what} {text:?} runs backwards: write \"{b}-{a}\"")));
                    }
                    (a..=b).collect()
                }
                None => vec![text.trim().parse().map_err(|_| bad())?],
            }
        }
    };
    if list.is_empty() {
        return Err(at(span, format!("{what} is empty")));
    }
    if list.len() > 1_000_000 {
        return Err(at(span, format!("{what}: {} numbers; at most 1,000,000", list.len())));
    }
    Ok(list)
}

/// The instances of a folder set, in name order: `.json` files (but solution files),
/// workbooks, and sub-folders that hold the demand list as a `.csv` file.
pub fn folder_instances(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let instance = if path.is_dir() {
            std::fs::read_dir(&path)?.flatten().any(|e| {
                let file = e.path();
                let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                file.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) && is_demand_sheet(&stem)
            })
        } else {
            (ext == "json" && !name.ends_with(".solution.json")) || WORKBOOK_EXTENSIONS.contains(&ext.as_str())
        };
        if instance {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// 1-based line and column of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The GAP sense a set's `sense` names.
pub fn gap_sense(sense: &str) -> GapSense {
    if sense == "max" {
        GapSense::Max
    } else {
        GapSense::Min
    }
}
