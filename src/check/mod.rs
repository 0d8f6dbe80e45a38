//! The independent checker: does a solution file describe a feasible plan of an instance, is
//! its objective what it claims, and are its bound and status consistent with it?
//!
//! Everything here is written from the contract (`MODEL.md`) and uses only [`crate::model`]
//! and [`crate::format`]. It recomputes the candidate pairs, their costs c(d, v) and hours
//! h(d, v) on its own, so that a mistake in the code that builds plans cannot also hide
//! itself in the code that judges them.
//!
//! One function per rule of the contract lives in the submodules (rules 1–3 in
//! `assignments`; one module per volunteer-capacity rule: 4 in `slot_hours`, 4b in
//! `slot_tasks`, 5 in `volunteer_limits`; 6–7 in `supplies`; 8 in `pins`; 9 in `standby`; the objective, bound and status
//! in `objective`). Each returns every violation it finds, not just the first, so a report
//! lists all that is wrong with a plan at once.
//!
//! # Examples
//!
//! ```
//! use civic_match::check::check;
//! use civic_match::format::{compile, validate, InstanceSpec, SolutionSpec};
//!
//! let spec: InstanceSpec = serde_json::from_str(r#"{
//!     "format": "civic-match/1",
//!     "volunteers": [{"id": "v1", "at": [25.56, 103.25], "skills": ["electrician"]}],
//!     "demands": [{"id": "d1", "at": [25.56, 103.25], "skills": ["electrician"], "weight": 3.0}]
//! }"#)?;
//! assert!(validate(&spec).is_empty());
//! let (instance, names) = compile(&spec, "example");
//! let solution: SolutionSpec = serde_json::from_str(r#"{
//!     "format": "civic-match-solution/1", "instance": "example", "status": "optimal",
//!     "objective": 3.0, "bound": 3.0,
//!     "assignments": [{"demand": "d1", "slot": "month", "volunteers": ["v1"]}]
//! }"#)?;
//! let report = check(&instance, &names, &solution);
//! assert!(report.is_ok(), "{report}");
//! assert_eq!(report.objective, 3.0);
//! # Ok::<_, serde_json::Error>(())
//! ```

mod assignments;
mod objective;
mod pairs;
mod pins;
mod plan;
mod slot_hours;
mod slot_tasks;
mod standby;
mod supplies;
mod volunteer_limits;
mod work;

use crate::format::{Names, SolutionSpec, Status};
use crate::model::Instance;
use std::fmt;

pub use objective::ObjectiveTerms;
pub use pairs::{haversine_km, EARTH_RADIUS_KM};

/// Relative tolerance of every comparison of sums with caps, of supplies with needs and of the
/// claimed objective and bound with the recomputed objective.
pub const TOLERANCE: f64 = 1e-6;

/// Slack added to `max_km` in the distance test, so that a volunteer exactly at the limit
/// stays a candidate whatever the rounding of the haversine formula.
pub const KM_TOLERANCE: f64 = 1e-9;

/// Which rule of the contract a violation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// The solution names a demand, slot, volunteer or resource the instance does not have.
    Reference,
    /// Rule 1: each demand is assigned at most once, and every `must` demand is assigned.
    AtMostOnce,
    /// Rule 2: an assignment names exactly `people` distinct volunteers, each a candidate.
    Team,
    /// Rule 3: the slot is allowed by the demand and available to every volunteer of the team.
    Slot,
    /// Rule 4: a volunteer's hours within one slot stay within the slot's hours.
    SlotHours,
    /// Rule 4b: a volunteer's number of assignments within one slot stays within
    /// `max_tasks_per_slot`.
    SlotTasks,
    /// Rule 5: a volunteer's hours and number of assignments stay within its `hours` and `max_tasks`.
    VolunteerLimits,
    /// Rule 6: each need is supplied exactly, from serving resources of its kind, in positive amounts.
    Supplies,
    /// Rule 7: a resource's supplies stay within its amount.
    ResourceAmount,
    /// Rule 8: the plan keeps every pin (demand, slot, volunteers, supplies, standby).
    Pinned,
    /// Rule 9: a met demand names exactly its `standby` backups, each a free candidate of its slot.
    Standby,
    /// The claimed objective differs from the recomputed one, or is missing.
    Objective,
    /// The bound or the status claims something the plan contradicts.
    Bound,
}

impl Rule {
    /// The rule's number in the contract's list of feasibility rules (`"1"` to `"9"`, with
    /// `"4b"`); `None` for references, the objective and the bound, which the list does not
    /// number.
    pub fn number(&self) -> Option<&'static str> {
        match self {
            Rule::AtMostOnce => Some("1"),
            Rule::Team => Some("2"),
            Rule::Slot => Some("3"),
            Rule::SlotHours => Some("4"),
            Rule::SlotTasks => Some("4b"),
            Rule::VolunteerLimits => Some("5"),
            Rule::Supplies => Some("6"),
            Rule::ResourceAmount => Some("7"),
            Rule::Pinned => Some("8"),
            Rule::Standby => Some("9"),
            Rule::Reference | Rule::Objective | Rule::Bound => None,
        }
    }

    /// Whether breaking this rule makes the plan infeasible (unknown references included, since
    /// a plan naming objects that do not exist cannot be carried out).
    pub fn breaks_feasibility(&self) -> bool {
        !matches!(self, Rule::Objective | Rule::Bound)
    }

    /// A short label for reports.
    pub fn label(&self) -> &'static str {
        match self {
            Rule::Reference => "reference",
            Rule::AtMostOnce => "rule 1 (each demand at most once, every must demand)",
            Rule::Team => "rule 2 (team of candidates)",
            Rule::Slot => "rule 3 (slot)",
            Rule::SlotHours => "rule 4 (hours per slot)",
            Rule::SlotTasks => "rule 4b (tasks per slot)",
            Rule::VolunteerLimits => "rule 5 (volunteer hours and tasks)",
            Rule::Supplies => "rule 6 (supplies)",
            Rule::ResourceAmount => "rule 7 (resource amount)",
            Rule::Pinned => "rule 8 (pinned assignments)",
            Rule::Standby => "rule 9 (standby)",
            Rule::Objective => "objective",
            Rule::Bound => "bound and status",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing wrong with a solution: the rule broken and a message naming the ids involved,
/// e.g. `demand "d3": volunteer "v9" lacks skill "electrician"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong, naming the demands, volunteers, slots and resources involved by id.
    pub message: String,
}

impl Violation {
    /// A new violation.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Self { rule, message: message.into() }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)
    }
}

/// The verdict on one solution.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// Every violation found, grouped by rule in the order of [`Rule`].
    pub violations: Vec<Violation>,
    /// The objective recomputed from the instance and the plan.
    pub objective: f64,
    /// The recomputed objective's four terms.
    pub terms: ObjectiveTerms,
    /// The objective the solution claims.
    pub claimed_objective: Option<f64>,
    /// The bound the solution claims.
    pub bound: Option<f64>,
    /// The status the solution claims.
    pub status: Status,
    /// Number of distinct demands the plan assigns.
    pub assigned: usize,
    /// Number of assignments in the solution file (more than `assigned` when some repeat a
    /// demand or name an unknown one).
    pub assignments: usize,
}

impl CheckReport {
    /// Whether the plan is feasible: no unknown reference and no violation of rules 1–9.
    pub fn is_feasible(&self) -> bool {
        !self.violations.iter().any(|v| v.rule.breaks_feasibility())
    }

    /// Whether everything holds: the plan is feasible, the claimed objective matches the
    /// recomputed one within `1e-6 × max(1, |objective|)`, and bound and status agree with it.
    ///
    /// A solution without a plan (status `infeasible` or `unknown`) is not ok when the instance
    /// has a `must` demand, since its empty plan breaks rule 1; callers that accept such a
    /// status look at [`CheckReport::status`] first.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// The violations of one rule.
    pub fn violations_of(&self, rule: Rule) -> impl Iterator<Item = &Violation> + '_ {
        self.violations.iter().filter(move |v| v.rule == rule)
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = match (self.is_ok(), self.is_feasible()) {
            (true, _) => "ok",
            (false, true) => "feasible, but its claims are wrong",
            (false, false) => "infeasible",
        };
        write!(f, "{verdict}: {} demands assigned, objective {}", self.assigned, self.objective)?;
        match self.claimed_objective {
            Some(claimed) => write!(f, " (claimed {claimed})")?,
            None => write!(f, " (none claimed)")?,
        }
        write!(f, ", {} violations", self.violations.len())?;
        for v in &self.violations {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

/// Checks `solution` against `instance`, whose ids are `names`, and recomputes its objective.
///
/// # Arguments
/// * `instance` – the compiled instance, defaults applied.
/// * `names` – the ids of the instance's objects, as built with it by
///   [`crate::format::compile`]; the solution's ids are resolved through them.
/// * `solution` – the plan and its claims.
///
/// # Returns
/// A report holding every violation of the contract's feasibility rules 1–9, every id that
/// names no object of the instance, and every claim (objective, bound, status) the plan
/// contradicts, together with the recomputed objective. Unknown ids never panic: an assignment
/// of an unknown demand is skipped after it is reported; one with an unknown slot, volunteer or
/// resource is checked for everything that does not depend on the unknown object.
///
/// For a plan that is not feasible the objective is still computed: each distinct assigned
/// demand counts its weight once, every assignment counts the cost of its distinct known
/// volunteers, and a pair without an arc (or, without arcs, without both locations) costs 0.
///
/// # Complexity
/// O(A log A + D + R + Σ team sizes + Σ supplies) for A assignments, D demands and R regions,
/// plus the hash maps from ids to indices built once per call.
pub fn check(instance: &Instance, names: &Names, solution: &SolutionSpec) -> CheckReport {
    let mut violations = Vec::new();
    let plan = plan::resolve(instance, names, solution, &mut violations);
    let pairs = pairs::Pairs::new(instance);
    violations.extend(assignments::check_rule1_each_demand_at_most_once(instance, names, &plan));
    violations.extend(assignments::check_rule2_team(instance, names, &plan, &pairs));
    violations.extend(assignments::check_rule3_slot(instance, names, &plan));
    violations.extend(slot_hours::check_rule4_slot_hours(instance, names, &plan, &pairs));
    violations.extend(slot_tasks::check_rule4b_slot_tasks(instance, names, &plan, &pairs));
    violations.extend(volunteer_limits::check_rule5_volunteer_limits(instance, names, &plan, &pairs));
    violations.extend(supplies::check_rule6_supplies(instance, names, &plan));
    violations.extend(supplies::check_rule7_resource_amount(instance, names, &plan));
    violations.extend(pins::check_rule8_pins(instance, names, &plan));
    violations.extend(standby::check_rule9_standby(instance, names, &plan, &pairs));
    let feasible = !violations.iter().any(|v| v.rule.breaks_feasibility());
    let terms = objective::objective(instance, &plan, &pairs);
    let value = terms.value();
    violations.extend(objective::check_claims(solution, value, feasible));
    CheckReport {
        violations,
        objective: value,
        terms,
        claimed_objective: solution.objective,
        bound: solution.bound,
        status: solution.status,
        assigned: plan.assigned_count(),
        assignments: solution.assignments.len(),
    }
}

/// Whether `total` exceeds `cap` by more than the tolerance `1e-6 × max(1, cap)`.
///
/// Written so that a NaN total counts as exceeding, and an unlimited (infinite) cap never does.
fn exceeds(total: f64, cap: f64) -> bool {
    !at_most(total, cap + TOLERANCE * cap.max(1.0))
}

/// `x <= limit`, false when either is NaN; negated, it turns NaN into a violation.
fn at_most(x: f64, limit: f64) -> bool {
    x <= limit
}

/// Whether `value` equals `target` within `1e-6 × max(1, |target|)`; NaN never does.
fn matches(value: f64, target: f64) -> bool {
    (value - target).abs() <= TOLERANCE * target.abs().max(1.0)
}

/// A quoted id, as every message writes ids.
fn quoted(id: &str) -> String {
    format!("{id:?}")
}

/// Up to eight quoted ids joined by commas, then how many more there are; keeps a message
/// about a volunteer with hundreds of assignments readable.
fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 8;
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut text = ids.iter().take(SHOWN).map(|id| quoted(id)).collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

/// A number without trailing noise: at most six decimals, trailing zeros dropped.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_tell_a_cap_exceeded_beyond_the_tolerance() {
        assert!(!exceeds(4.0 + 1e-9, 4.0));
        assert!(!exceeds(4.0 + 3.9e-6, 4.0));
        assert!(exceeds(4.0 + 1e-3, 4.0));
        assert!(!exceeds(0.5 + 9e-7, 0.0 + 0.5));
        assert!(exceeds(f64::NAN, 4.0));
        assert!(!exceeds(1e300, f64::INFINITY));
    }

    #[test]
    fn can_match_within_a_relative_tolerance() {
        assert!(matches(1000.0005, 1000.0));
        assert!(!matches(1000.002, 1000.0));
        assert!(matches(1e-7, 0.0));
        assert!(!matches(f64::NAN, 0.0));
    }

    #[test]
    fn can_write_numbers_and_id_lists_briefly() {
        assert_eq!(num(3.5), "3.5");
        assert_eq!(num(4.0), "4");
        assert_eq!(num(-1e-9), "0");
        assert_eq!(num(f64::INFINITY), "inf");
        let ids: Vec<String> = (0..10).map(|i| format!("d{i}")).collect();
        let list = id_list(ids.iter().map(String::as_str));
        assert!(list.starts_with("\"d0\", \"d1\"") && list.ends_with("\"d7\" and 2 more"), "{list}");
    }

    #[test]
    fn can_number_exactly_the_rules_of_the_list() {
        let all = [
            Rule::Reference,
            Rule::AtMostOnce,
            Rule::Team,
            Rule::Slot,
            Rule::SlotHours,
            Rule::SlotTasks,
            Rule::VolunteerLimits,
            Rule::Supplies,
            Rule::ResourceAmount,
            Rule::Pinned,
            Rule::Standby,
            Rule::Objective,
            Rule::Bound,
        ];
        let numbers: Vec<&str> = all.iter().filter_map(Rule::number).collect();
        assert_eq!(numbers, ["1", "2", "3", "4", "4b", "5", "6", "7", "8", "9"]);
        assert!(Rule::Reference.breaks_feasibility() && !Rule::Bound.breaks_feasibility());
    }
}
