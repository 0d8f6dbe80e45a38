//! A loaded month: the instance, its names, candidates and policy indices, built once and
//! shared by every solver, the reports and the statistics.

use crate::candidates::{Candidates, MAX_PAIRS};
use crate::format::{self, FormatError, InputForm, InstanceSpec, Issue, Names};
use crate::model::Instance;
use crate::policy::{fairness_policy, pin_issues, supply_policy, Completion, FairnessGroups, PinnedMonth, SupplyIndex};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Everything solvers need about one instance.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The dense instance.
    pub instance: Instance,
    /// Ids and names by index.
    pub names: Names,
    /// Candidate pairs.
    pub candidates: Arc<Candidates>,
    /// Which resources may supply which region.
    pub supplies: SupplyIndex,
    /// Fairness groups and targets.
    pub fairness: FairnessGroups,
    /// Time spent building the candidates.
    pub candidate_time: Duration,
    /// When the instance has pins (rule 8): the residual month the solvers search, and what
    /// gives its plans back the pins ([`crate::solve::Solver::solve`]).
    pub pinned: Option<Arc<Pinned>>,
}

/// A month's pins as the solvers use them.
#[derive(Debug, Clone)]
pub struct Pinned {
    /// The residual month as a problem of its own (without pins).
    pub residual: Problem,
    /// What the pins hold and how to complete a residual plan.
    pub completion: Completion,
}

impl Problem {
    /// Reads, validates and compiles `file`, builds candidates, and checks the rules that need
    /// them (every `must` demand has enough candidates and resources).
    pub fn load(file: &Path) -> Result<Self, FormatError> {
        Self::load_form(file).map(|(problem, _)| problem)
    }

    /// [`Problem::load`] for any input form (JSON, workbook, CSV folder), also returning the
    /// form read; problems of a spreadsheet are reported at their cells.
    pub fn load_form(file: &Path) -> Result<(Self, InputForm), FormatError> {
        let (spec, form) = format::read_instance(file)?;
        Self::from_read(file, spec, form)
    }

    /// Validates and compiles an instance already read from `file` (see
    /// [`format::read_instance`]), for callers that time or inspect the reading itself.
    pub fn from_read(file: &Path, spec: InstanceSpec, form: InputForm) -> Result<(Self, InputForm), FormatError> {
        let (instance, names) = format::compile_read(file, &spec, &form)?;
        drop(spec);
        let problem = Self::new(instance, names).map_err(|issues| form.invalid(file, issues))?;
        Ok((problem, form))
    }

    /// Validates and compiles an in-memory spec; `name` names an unnamed instance.
    pub fn from_spec(spec: &InstanceSpec, name: &str) -> Result<Self, Vec<Issue>> {
        let issues = format::validate(spec);
        if !issues.is_empty() {
            return Err(issues);
        }
        let (instance, names) = format::compile(spec, name);
        Self::new(instance, names)
    }

    /// Builds candidates and indices for a compiled instance and checks its `must` demands.
    pub fn new(instance: Instance, names: Names) -> Result<Self, Vec<Issue>> {
        Self::new_among(instance, names, |_| None)
    }

    /// As [`Problem::new`], with the candidates of demand `d` only among the volunteers
    /// `among(d)` names, where it names some ([`Candidates::build_among`]).
    pub fn new_among<'a>(
        instance: Instance,
        names: Names,
        among: impl Fn(usize) -> Option<&'a [u32]> + Sync,
    ) -> Result<Self, Vec<Issue>> {
        let started = Instant::now();
        let candidates = Candidates::build_among(&instance, among, MAX_PAIRS).map_err(|e| {
            let path = if instance.arcs.is_empty() { "policy.max_km" } else { "arcs" };
            vec![Issue::new("E1505", path, e.to_string())]
        })?;
        let candidate_time = started.elapsed();
        let mut problem = Problem {
            supplies: supply_policy(&instance),
            fairness: fairness_policy(&instance),
            instance,
            names,
            candidates: Arc::new(candidates),
            candidate_time,
            pinned: None,
        };
        let mut issues = problem.check_e1600_must_demands();
        if !problem.instance.pins.is_empty() {
            issues.extend(pin_issues(&problem.instance, &problem.names, &problem.candidates, &problem.supplies));
            if issues.is_empty() {
                problem.pinned = Some(Arc::new(problem.residual()));
            }
        }
        if issues.is_empty() {
            Ok(problem)
        } else {
            Err(issues)
        }
    }

    /// This month with `pins` (rule 8) instead of its own, reusing its candidates: pins change
    /// no pair. Fails with the reasons the pins cannot all hold ([`pin_issues`]).
    pub fn with_pins(&self, pins: Vec<crate::model::Pin>) -> Result<Self, Vec<crate::format::Issue>> {
        let mut problem = Problem {
            instance: self.instance.clone(),
            names: self.names.clone(),
            candidates: self.candidates.clone(),
            supplies: self.supplies.clone(),
            fairness: self.fairness.clone(),
            candidate_time: self.candidate_time,
            pinned: None,
        };
        problem.instance.pins = pins;
        if !problem.instance.pins.is_empty() {
            let issues = pin_issues(&problem.instance, &problem.names, &problem.candidates, &problem.supplies);
            if !issues.is_empty() {
                return Err(issues);
            }
            problem.pinned = Some(Arc::new(problem.residual()));
        }
        Ok(problem)
    }

    /// The residual month of a problem whose pins hold: what the solvers search.
    fn residual(&self) -> Pinned {
        let PinnedMonth { instance, candidates, fairness, completion } =
            PinnedMonth::of(&self.instance, &self.candidates, &self.fairness);
        let residual = Problem {
            supplies: supply_policy(&instance),
            instance,
            names: self.names.clone(),
            candidates: Arc::new(candidates),
            fairness,
            candidate_time: Duration::ZERO,
            pinned: None,
        };
        Pinned { residual, completion }
    }

    /// E1601: a `must` demand with fewer candidates than people and standby (rule 9: its backups
    /// are candidates outside its team); E1602: a `must` demand whose
    /// need exceeds what resources serving its region chain hold in total.
    fn check_e1600_must_demands(&self) -> Vec<Issue> {
        let inst = &self.instance;
        let full = inst.resource_amounts();
        let mut issues = Vec::new();
        for (d, demand) in inst.demands.iter().enumerate().filter(|(_, d)| d.must) {
            let count = self.candidates.of(d).len();
            let asked = demand.people as usize + demand.standby as usize;
            if count < asked {
                let standby = match demand.standby {
                    0 => String::new(),
                    n => format!(" and {n} standby"),
                };
                let message = format!(
                    "demand {:?} must be met but has {count} candidate(s) for {} people{standby}",
                    self.names.demands[d], demand.people
                );
                issues.push(Issue::new("E1601", format!("demands[{d}].must"), message));
            }
            for (n, need) in demand.needs.iter().enumerate() {
                let held = self.supplies.available(inst, demand, need, &full);
                if held + 1e-9 < need.amount {
                    let message = format!(
                        "demand {:?} must be met but needs {} {} and resources serving its region chain hold {held}",
                        self.names.demands[d], need.amount, self.names.kinds[need.kind as usize]
                    );
                    issues.push(Issue::new("E1602", format!("demands[{d}].needs[{n}].amount"), message));
                }
            }
        }
        issues
    }
}
