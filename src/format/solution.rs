//! Serde types of the `civic-match-solution/1` file.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format tag every solution file carries.
pub const SOLUTION_FORMAT: &str = "civic-match-solution/1";

/// What is known about a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proven optimal: bound − objective ≤ 1e-6 × max(1, |objective|).
    Optimal,
    /// A feasible plan, not proven optimal.
    Feasible,
    /// Proven: no feasible plan exists.
    Infeasible,
    /// No feasible plan was found within the limits.
    Unknown,
}

impl Status {
    /// The word used in files and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::Unknown => "unknown",
        }
    }
}

/// A whole solution file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SolutionSpec {
    /// Always [`SOLUTION_FORMAT`].
    #[schemars(extend("const" = "civic-match-solution/1"))]
    pub format: String,
    /// Name of the instance solved.
    pub instance: String,
    /// What is known about the plan.
    pub status: Status,
    /// The plan's objective; null when there is no plan.
    pub objective: Option<f64>,
    /// A proven upper bound on the optimum, or null.
    pub bound: Option<f64>,
    /// The assignments of the plan.
    pub assignments: Vec<AssignmentSpec>,
    /// Every demand not assigned, with the reason.
    #[serde(default)]
    pub unassigned: Vec<UnassignedSpec>,
    /// The solver that wrote the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solver: Option<String>,
    /// Wall time of the solve in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Seed of the search that built the plan, so that a planner can rebuild the same plan;
    /// null or absent for a solver that uses none (greedy) and in files written before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// What a re-plan changed against the dispatched plan (`civic-match replan`); absent in a
    /// plan built from scratch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<DiffSpec>,
}

/// One assignment: a demand met in a slot by a team, with supplies.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct AssignmentSpec {
    /// Demand id.
    pub demand: String,
    /// Slot id.
    pub slot: String,
    /// Volunteer ids, exactly the demand's `people`.
    pub volunteers: Vec<String>,
    /// Supplies for the demand's needs.
    #[serde(default)]
    pub supplies: Vec<SupplySpec>,
    /// Standby volunteer ids (rule 9): exactly the demand's `standby`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standby: Vec<String>,
}

/// An amount taken from one resource.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SupplySpec {
    /// Resource id.
    pub resource: String,
    /// Amount taken.
    pub amount: f64,
}

/// A demand left unmet and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct UnassignedSpec {
    /// Demand id.
    pub demand: String,
    /// Stable reason code (see the README's table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The reason in words, naming the skill, distance, slot or resource at fault.
    pub reason: String,
    /// What it would take to meet the demand: up to three alternative changes to the month,
    /// smallest first, each of which alone (the rest of the plan unchanged) makes room for the
    /// assignment it names. Empty when no kind of change suffices alone (then
    /// `would_take_none` says so); absent when it was not computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub would_take: Option<Vec<WouldTakeSpec>>,
    /// Why `would_take` is empty, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub would_take_none: Option<String>,
}

/// One way of meeting an unmet demand: a set of changes of one kind and the assignment the
/// demand would then get.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct WouldTakeSpec {
    /// The kind of change: `fits_now` (no change: the demand fits what the plan leaves),
    /// `volunteer_hours`, `resource_amount`, `max_km`, `volunteer_slot`, `new_volunteer` or
    /// `release`.
    pub kind: String,
    /// The size of the change by which suggestions are ranked (docs/MODEL.md defines it per
    /// kind); a `new_volunteer` suggestion ranks after every other kind whatever its size.
    pub size: f64,
    /// The changes, all of `kind` (none for `fits_now`).
    pub changes: Vec<ChangeSpec>,
    /// The assignment the demand would get; a new volunteer appears by its `id`.
    pub assignment: SuggestedAssignmentSpec,
}

/// One change to the month that a suggestion asks for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeSpec {
    /// The volunteer gives `add` more hours this month.
    VolunteerHours {
        /// Volunteer id.
        volunteer: String,
        /// Hours added to the volunteer's `hours`.
        add: f64,
    },
    /// The resource holds `add` more.
    ResourceAmount {
        /// Resource id.
        resource: String,
        /// Amount added to the resource's `amount`.
        add: f64,
    },
    /// The walking radius `policy.max_km` becomes `value`, bringing in `volunteers`.
    MaxKm {
        /// The new radius in km.
        value: f64,
        /// The volunteers of the assignment who are candidates only with the wider radius.
        volunteers: Vec<String>,
    },
    /// The volunteer is also available in `slot`.
    VolunteerSlot {
        /// Volunteer id.
        volunteer: String,
        /// Slot id.
        slot: String,
    },
    /// One more volunteer: the recruitment need.
    NewVolunteer {
        /// The id standing for the new person in the assignment.
        id: String,
        /// Skills the person must hold.
        skills: Vec<String>,
        /// Where the person lives: the demand's place (absent for a demand without one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<[f64; 2]>,
        /// Hours the person gives.
        hours: f64,
        /// Slots the person is available in.
        slots: Vec<String>,
    },
    /// The plan releases this lower-weight demand (neither `must` nor pinned).
    Release {
        /// Demand id.
        demand: String,
    },
}

/// The assignment a suggestion gives its demand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SuggestedAssignmentSpec {
    /// Slot id.
    pub slot: String,
    /// Volunteer ids (a new volunteer by the id of its change).
    pub volunteers: Vec<String>,
    /// Supplies for the demand's needs.
    #[serde(default)]
    pub supplies: Vec<SupplySpec>,
    /// Standby volunteer ids (rule 9), when the demand asks for standby.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standby: Vec<String>,
}

/// The `changes` section of a re-planned solution file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct DiffSpec {
    /// Assignments of the dispatched plan that stay exactly as they were.
    pub kept: usize,
    /// Assignments the changes touched (a member out, a slot or resource lost, the demand
    /// cancelled), the displaced ones included.
    pub touched: usize,
    /// Untouched assignments the re-plan moved (at most `--max-changes`).
    pub moved: usize,
    /// Demands of untouched assignments released so that a `must` demand the changes left
    /// without a team could be met (a `must` demand outranks keeping the plan).
    pub displaced: Vec<String>,
    /// The most untouched assignments that were allowed to move.
    pub max_changes: usize,
    /// Volunteers newly asked: each with the demand and slot.
    pub asked: Vec<PairChange>,
    /// Volunteers released from a demand they were asked for.
    pub released: Vec<PairChange>,
    /// Demands met now that were not met in the dispatched plan.
    pub newly_met: Vec<String>,
    /// Demands met in the dispatched plan and not now (cancelled ones included).
    pub lost: Vec<String>,
    /// Demands met in both whose slot changed.
    pub rescheduled: Vec<String>,
}

/// One volunteer asked for, or released from, one demand in one slot.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, JsonSchema)]
pub struct PairChange {
    /// Volunteer id.
    pub volunteer: String,
    /// Demand id.
    pub demand: String,
    /// Slot id.
    pub slot: String,
}
