//! The `civic-match-changes/1` file: what happened to the month after its plan was dispatched,
//! and the effective instance those changes leave.

use crate::format::sheets::{read_changes_sheet, ChangePlaces, WORKBOOK_EXTENSIONS};
use crate::format::{read_json, DemandSpec, FormatError, InstanceSpec, Issue};
use foldhash::{HashMap, HashSet};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format tag every changes file carries.
pub const CHANGES_FORMAT: &str = "civic-match-changes/1";

/// A changes file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct ChangesSpec {
    /// Always [`CHANGES_FORMAT`].
    #[schemars(extend("const" = "civic-match-changes/1"))]
    pub format: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// One thing that happened to the month.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A volunteer declines or falls ill: unavailable in the given slots, or the whole month.
    VolunteerUnavailable {
        /// Volunteer id.
        volunteer: String,
        /// The slots lost; the whole month when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slots: Option<Vec<String>>,
    },
    /// A volunteer's hours for the month are now `hours`.
    VolunteerHours {
        /// Volunteer id.
        volunteer: String,
        /// The new monthly hours.
        hours: f64,
    },
    /// A new demand arrives (a burst pipe, a resident alone in a heat wave).
    DemandAdded {
        /// The demand, as in an instance file.
        demand: Box<DemandSpec>,
    },
    /// A demand is withdrawn.
    DemandCancelled {
        /// Demand id.
        demand: String,
    },
    /// A resource now holds `amount` in all (a unit withdraws a venue, a fund shrinks).
    ResourceAmount {
        /// Resource id.
        resource: String,
        /// The new amount.
        amount: f64,
    },
    /// A slot is cancelled (rain, a holiday): nobody serves in it.
    SlotCancelled {
        /// Slot id.
        slot: String,
    },
}

/// Reads a changes file by its form, chosen by the path: a `.csv` file or a workbook (`.xlsx`,
/// `.xlsm`, `.xls`, `.ods`) is the `变动 changes` sheet, read against the instance `spec`, with
/// the row of every change; anything else is a `civic-match-changes/1` JSON file.
pub fn read_changes(file: &Path, spec: &InstanceSpec) -> Result<(ChangesSpec, Option<ChangePlaces>), FormatError> {
    let extension = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some(e) if e == "csv" || WORKBOOK_EXTENSIONS.contains(&e) => {
            let (changes, places) = read_changes_sheet(file, spec)?;
            Ok((changes, Some(places)))
        }
        _ => Ok((read_json(file)?, None)),
    }
}

/// [`change_issues`] as the error of the changes file `file`, each at its row when the changes
/// came from a sheet; `None` without problems.
pub fn changes_error(
    file: &Path,
    spec: &InstanceSpec,
    changes: &ChangesSpec,
    places: Option<&ChangePlaces>,
) -> Option<FormatError> {
    let issues = change_issues(spec, changes);
    if issues.is_empty() {
        return None;
    }
    let file = file.to_path_buf();
    Some(match places {
        Some(places) => FormatError::Sheet { file, issues: issues.into_iter().map(|i| places.locate(i)).collect() },
        None => FormatError::Invalid { file, issues },
    })
}

/// Every problem of `changes` against the instance `spec`: E1001 a wrong format tag; E1801 an
/// id that names nothing (or an added demand whose id is taken); E1802 hours or an amount that
/// is not a finite number ≥ 0. Problems of an added demand's fields are those of the effective
/// instance's validation.
pub fn change_issues(spec: &InstanceSpec, changes: &ChangesSpec) -> Vec<Issue> {
    let mut issues = Vec::new();
    if changes.format != CHANGES_FORMAT {
        let message = format!("is {:?}; this tool reads {CHANGES_FORMAT:?}", changes.format);
        issues.push(Issue::new("E1001", "format", message));
    }
    let volunteers: HashSet<&str> = spec.volunteers.iter().map(|v| v.id.as_str()).collect();
    let mut demands: HashSet<&str> = spec.demands.iter().map(|d| d.id.as_str()).collect();
    let resources: HashSet<&str> = spec.resources.iter().map(|r| r.id.as_str()).collect();
    let slots = slot_ids(spec);
    let mut taken = Vec::new();
    let mut unknown = |what: &str, known: bool, path: String, id: &str| {
        if !known {
            issues.push(Issue::new("E1801", path, format!("unknown {what} {id:?}")));
        }
    };
    let mut numbers = Vec::new();
    for (k, change) in changes.changes.iter().enumerate() {
        let at = |field: &str| format!("changes[{k}].{field}");
        match change {
            Change::VolunteerUnavailable { volunteer, slots: lost } => {
                unknown("volunteer", volunteers.contains(volunteer.as_str()), at("volunteer"), volunteer);
                for (j, s) in lost.iter().flatten().enumerate() {
                    unknown("slot", slots.contains(s), at(&format!("slots[{j}]")), s);
                }
            }
            Change::VolunteerHours { volunteer, hours } => {
                unknown("volunteer", volunteers.contains(volunteer.as_str()), at("volunteer"), volunteer);
                numbers.push((at("hours"), *hours));
            }
            Change::DemandAdded { demand } => {
                let fresh = demands.insert(demand.id.as_str());
                if !fresh {
                    let message = format!("adds demand {:?}, an id the month already has", demand.id);
                    taken.push(Issue::new("E1801", at("demand.id"), message));
                }
            }
            Change::DemandCancelled { demand } => {
                unknown("demand", demands.contains(demand.as_str()), at("demand"), demand);
            }
            Change::ResourceAmount { resource, amount } => {
                unknown("resource", resources.contains(resource.as_str()), at("resource"), resource);
                numbers.push((at("amount"), *amount));
            }
            Change::SlotCancelled { slot } => unknown("slot", slots.contains(slot), at("slot"), slot),
        }
    }
    issues.extend(taken);
    for (path, x) in numbers {
        if !(x.is_finite() && x >= 0.0) {
            issues.push(Issue::new("E1802", path, format!("is {x}; it must be a finite number >= 0")));
        }
    }
    issues
}

/// The slot ids of `spec`: its slots, or the one slot `month`.
fn slot_ids(spec: &InstanceSpec) -> Vec<String> {
    match &spec.slots {
        Some(slots) => slots.iter().map(|s| s.id.clone()).collect(),
        None => vec!["month".to_string()],
    }
}

/// `list` (every slot when absent) without the slots `lost` names.
fn without_slots(all: &[String], list: &Option<Vec<String>>, lost: &[String]) -> Option<Vec<String>> {
    let kept = list.as_deref().unwrap_or(all).iter().filter(|s| !lost.contains(s)).cloned().collect();
    Some(kept)
}

/// The effective instance: `spec` with every change applied, in order (changes that passed
/// [`change_issues`]). A cancelled demand leaves the instance with its arcs, pins and carried
/// entry; a cancelled slot stays in the slot list but leaves every demand's and volunteer's.
pub fn apply(spec: &InstanceSpec, changes: &ChangesSpec) -> InstanceSpec {
    let mut out = spec.clone();
    let all = slot_ids(spec);
    // Volunteers by id: a city's changes name thousands of its 100,000 members.
    let volunteer_at: HashMap<String, usize> =
        spec.volunteers.iter().enumerate().map(|(i, v)| (v.id.clone(), i)).collect();
    let mut cancelled: Vec<&str> = Vec::new();
    for change in &changes.changes {
        match change {
            Change::VolunteerUnavailable { volunteer, slots } => {
                if let Some(&i) = volunteer_at.get(volunteer) {
                    let v = &mut out.volunteers[i];
                    v.slots = without_slots(&all, &v.slots, slots.as_deref().unwrap_or(&all));
                }
            }
            Change::VolunteerHours { volunteer, hours } => {
                if let Some(&i) = volunteer_at.get(volunteer) {
                    out.volunteers[i].hours = Some(*hours);
                }
            }
            Change::DemandAdded { demand } => out.demands.push((**demand).clone()),
            Change::DemandCancelled { demand } => cancelled.push(demand.as_str()),
            Change::ResourceAmount { resource, amount } => {
                if let Some(r) = out.resources.iter_mut().find(|r| &r.id == resource) {
                    r.amount = *amount;
                }
            }
            Change::SlotCancelled { slot } => {
                let lost = std::slice::from_ref(slot);
                for v in &mut out.volunteers {
                    v.slots = without_slots(&all, &v.slots, lost);
                }
                for d in &mut out.demands {
                    d.slots = without_slots(&all, &d.slots, lost);
                }
            }
        }
    }
    // Cancelled demands leave in one pass each list, whatever their number.
    let gone: HashSet<&str> = cancelled.into_iter().collect();
    if !gone.is_empty() {
        out.demands.retain(|d| !gone.contains(d.id.as_str()));
        out.arcs.retain(|a| !gone.contains(a.demand.as_str()));
        out.pinned.retain(|p| !gone.contains(p.demand.as_str()));
        if let Some(history) = &mut out.history {
            history.carried.retain(|c| !gone.contains(c.demand.as_str()));
        }
    }
    out
}
