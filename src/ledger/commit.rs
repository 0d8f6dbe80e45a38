//! Recording a month's plan: the instance's hash and name, its demands (with their fairness
//! region, age, origin and series), the assignments and teams with their planned hours, the
//! unmet demands with their reasons, and the weight offered and met per fairness region.

use super::{Ledger, LedgerError, Month, NOW};
use crate::check::check;
use crate::format::{instance_bytes, InstanceSpec, Names, SolutionSpec};
use crate::model::Instance;
use crate::policy::fairness_policy;
use foldhash::{HashMap, HashMapExt};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Violations listed when a plan is refused.
const LISTED_VIOLATIONS: usize = 10;

/// What a commit recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    /// The new plan's row id.
    pub plan: i64,
    /// The plan it replaced, kept as history.
    pub replaced: Option<i64>,
    /// Demands of the instance.
    pub demands: usize,
    /// Demands assigned by the plan.
    pub assigned: usize,
    /// Demands carried from earlier months (with an `age`).
    pub carried: usize,
}

/// The SHA-256 (hex) of the instance's canonical JSON text (what `write_instance` writes), so
/// that the same month read from JSON, a workbook or a CSV folder has the same hash.
pub fn instance_sha256(spec: &InstanceSpec) -> String {
    let bytes = instance_bytes(spec).expect("an instance spec always serialises");
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Each demand's fairness region id: the region of the fairness level in its chain when the
/// instance compares regions, else its own region.
fn fairness_regions<'a>(instance: &Instance, names: &'a Names) -> Vec<Option<&'a str>> {
    let fairness = fairness_policy(instance);
    (0..instance.demands.len())
        .map(|d| match instance.policy.fairness {
            Some(_) => fairness.group_of[d].map(|g| names.regions[fairness.region[g as usize] as usize].as_str()),
            None => instance.demands[d].region.map(|r| names.regions[r as usize].as_str()),
        })
        .collect()
}

/// A plan the checker found feasible, with every claim holding, for the instance it names,
/// with that instance's hash: the only kind [`Ledger::commit`] records.
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    solution: &'a SolutionSpec,
    sha256: String,
}

/// Checks `solution` (read from `plan_file`) against the instance `spec`, compiled as
/// `instance` and `names`, with the project's checker; a plan for another instance, an
/// infeasible plan or one whose claims do not hold is refused, naming the first violations.
/// The checker needs no candidate lists, so neither does a commit: a city month is checked
/// without building its 45 million pairs, and the instance is hashed while it is checked.
pub fn check_plan<'a>(
    (spec, instance, names): (&InstanceSpec, &Instance, &Names),
    plan_file: &Path,
    solution: &'a SolutionSpec,
) -> Result<Checked<'a>, LedgerError> {
    let refuse = |message: String| LedgerError::Refused { file: plan_file.to_path_buf(), message };
    if solution.instance != names.instance {
        return Err(refuse(format!(
            "is a plan of instance {:?}, not of {:?}; commit a plan with the instance it was made for",
            solution.instance, names.instance
        )));
    }
    let (report, sha256) = rayon::join(|| check(instance, names, solution), || instance_sha256(spec));
    if !report.is_ok() {
        let shown: Vec<String> = report.violations.iter().take(LISTED_VIOLATIONS).map(|v| format!("  {v}")).collect();
        let more = report.violations.len().saturating_sub(LISTED_VIOLATIONS);
        let more = if more > 0 { format!("\n  ... and {more} more") } else { String::new() };
        let verdict = if report.is_feasible() { "its claims do not hold" } else { "it is not a feasible plan" };
        return Err(refuse(format!("refused, {verdict} (see civic-match check):\n{}{more}", shown.join("\n"))));
    }
    Ok(Checked { solution, sha256 })
}

impl Ledger {
    /// Records the checked plan as the plan of `month` for the instance `spec` (compiled as
    /// `instance` and `names`, the ones the plan was checked against). A month that already has
    /// a plan is refused unless `replace`, which keeps the earlier plan as history, marked
    /// replaced.
    pub fn commit(
        &mut self,
        month: Month,
        spec: &InstanceSpec,
        (instance, names): (&Instance, &Names),
        plan: Checked,
        replace: bool,
    ) -> Result<Committed, LedgerError> {
        let solution = plan.solution;
        let hash = plan.sha256;
        let regions = fairness_regions(instance, names);
        let month_text = month.to_string();
        self.write(|tx, file| {
            let sql = |source| LedgerError::Sql { file: file.to_path_buf(), source };
            let current: Option<(i64, String, String)> = tx
                .query_row(
                    "SELECT id, instance, committed_at FROM plans WHERE month = ?1 AND replaced_at IS NULL",
                    [&month_text],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(sql)?;
            if let Some((id, instance, at)) = &current {
                if !replace {
                    let message = format!(
                        "{month} is already committed (plan {id} of instance {instance:?}, committed {at}); \
                         --replace records the new plan in its place and keeps this one as history"
                    );
                    return Err(LedgerError::Refused { file: file.to_path_buf(), message });
                }
                tx.execute(&format!("UPDATE plans SET replaced_at = {NOW} WHERE id = ?1"), [id]).map_err(sql)?;
            }
            tx.execute(
                &format!(
                    "INSERT INTO plans (month, instance, instance_sha256, status, objective, bound, solver, committed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW})"
                ),
                params![
                    month_text,
                    names.instance,
                    hash,
                    solution.status.as_str(),
                    solution.objective,
                    solution.bound,
                    solution.solver
                ],
            )
            .map_err(sql)?;
            let plan = tx.last_insert_rowid();
            let mut volunteer = tx
                .prepare("INSERT INTO volunteers (plan, volunteer, name) VALUES (?1, ?2, ?3)")
                .map_err(sql)?;
            for v in &spec.volunteers {
                volunteer.execute(params![plan, v.id, v.name]).map_err(sql)?;
            }
            let origins: HashMap<&str, (&str, &str)> = spec
                .history
                .iter()
                .flat_map(|h| &h.carried)
                .map(|c| (c.demand.as_str(), (c.since.as_str(), c.id.as_str())))
                .collect();
            let mut demand = tx
                .prepare(
                    "INSERT INTO demands (plan, demand, region, weight, title, spec, age, since, origin, series)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(sql)?;
            let mut carried = 0;
            for (d, spec_d) in spec.demands.iter().enumerate() {
                let age = spec_d.age.map_or(0, |a| a as i64);
                carried += usize::from(age > 0);
                let (since, origin) = origins.get(spec_d.id.as_str()).copied().unwrap_or((&month_text, &spec_d.id));
                let json = serde_json::to_string(spec_d).expect("a demand spec always serialises");
                let weight = instance.demands[d].weight;
                demand
                    .execute(params![plan, spec_d.id, regions[d], weight, spec_d.title, json, age, since, origin, spec_d.series])
                    .map_err(sql)?;
            }
            let demand_at: HashMap<&str, usize> =
                names.demands.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
            let volunteer_at: HashMap<&str, u32> =
                names.volunteers.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
            let arc_hours: HashMap<(u32, u32), f64> =
                instance.arcs.iter().map(|a| ((a.demand, a.volunteer), a.hours)).collect();
            let mut assignment = tx
                .prepare("INSERT INTO assignments (plan, demand, slot, supplies) VALUES (?1, ?2, ?3, ?4)")
                .map_err(sql)?;
            let mut member =
                tx.prepare("INSERT INTO team (plan, demand, volunteer, hours) VALUES (?1, ?2, ?3, ?4)").map_err(sql)?;
            let mut met = vec![false; spec.demands.len()];
            for a in &solution.assignments {
                let d = demand_at[a.demand.as_str()];
                met[d] = true;
                let supplies = serde_json::to_string(&a.supplies).expect("supplies always serialise");
                assignment.execute(params![plan, a.demand, a.slot, supplies]).map_err(sql)?;
                for v in &a.volunteers {
                    let key = (d as u32, volunteer_at[v.as_str()]);
                    let hours = arc_hours.get(&key).copied().unwrap_or(instance.demands[d].hours);
                    member.execute(params![plan, a.demand, v, hours]).map_err(sql)?;
                }
            }
            let reasons: HashMap<&str, (Option<&str>, &str)> =
                solution.unassigned.iter().map(|u| (u.demand.as_str(), (u.code.as_deref(), u.reason.as_str()))).collect();
            let mut unmet =
                tx.prepare("INSERT INTO unmet (plan, demand, code, reason) VALUES (?1, ?2, ?3, ?4)").map_err(sql)?;
            for (_, id) in names.demands.iter().enumerate().filter(|(d, _)| !met[*d]) {
                let (code, reason) = reasons.get(id.as_str()).copied().unwrap_or((None, ""));
                unmet.execute(params![plan, id, code, reason]).map_err(sql)?;
            }
            let mut weights: Vec<(&str, f64, f64)> = Vec::new();
            let mut at: HashMap<&str, usize> = HashMap::new();
            for (d, region) in regions.iter().enumerate() {
                if let Some(region) = region {
                    let k = *at.entry(region).or_insert_with(|| {
                        weights.push((region, 0.0, 0.0));
                        weights.len() - 1
                    });
                    let weight = instance.demands[d].weight;
                    weights[k].1 += weight;
                    if met[d] {
                        weights[k].2 += weight;
                    }
                }
            }
            let mut region =
                tx.prepare("INSERT INTO regions (plan, region, offered, met) VALUES (?1, ?2, ?3, ?4)").map_err(sql)?;
            for (id, offered, met) in weights {
                region.execute(params![plan, id, offered, met]).map_err(sql)?;
            }
            Ok(Committed {
                plan,
                replaced: current.map(|(id, _, _)| id),
                demands: spec.demands.len(),
                assigned: solution.assignments.len(),
                carried,
            })
        })
    }
}
