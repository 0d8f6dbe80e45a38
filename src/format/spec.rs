//! Serde types of the `civic-match/1` instance file, exactly as written on disk.
//!
//! Optional fields stay `Option` here so that validation can tell "absent" (a default
//! applies) from "present but wrong"; [`super::compile`] applies the defaults.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// The format tag every instance file carries.
pub const INSTANCE_FORMAT: &str = "civic-match/1";

/// A whole instance file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct InstanceSpec {
    /// Always [`INSTANCE_FORMAT`].
    #[schemars(extend("const" = "civic-match/1"))]
    pub format: String,
    /// Name of the month's instance; defaults to the file's stem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The slots; absent means one slot `"month"` with unlimited hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<SlotSpec>>,
    /// The region forest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionSpec>,
    /// Co-building units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitSpec>,
    /// Volunteers.
    pub volunteers: Vec<VolunteerSpec>,
    /// Demands.
    pub demands: Vec<DemandSpec>,
    /// Resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ResourceSpec>,
    /// Explicit demand–volunteer pairs; when present they alone define candidates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arcs: Vec<ArcSpec>,
    /// Instance-wide rules.
    #[serde(default)]
    pub policy: PolicySpec,
    /// What earlier months of the ledger say about this month's regions, volunteers and
    /// recurring services: data for the history policies (`policy.aging`,
    /// `policy.fairness.cumulative`); it changes no feasibility rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<HistorySpec>,
    /// Assignments every plan keeps (rule 8): a dispatched plan's posts that re-planning must
    /// not move, or a coordinator's fixed choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<PinSpec>,
}

/// A pinned assignment (rule 8): the demand is met, in `slot` when given, by a team holding
/// every listed volunteer, with exactly the listed supplies when given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct PinSpec {
    /// Demand id.
    pub demand: String,
    /// Slot id; any allowed slot when absent (then no volunteer may be listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// Volunteer ids the team must hold: all of it or some of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteers: Vec<String>,
    /// The assignment's supplies, all of them; chosen by the solver when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplies: Option<Vec<super::solution::SupplySpec>>,
    /// Standby volunteer ids (rule 9) the assignment must name: all of them or some of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standby: Vec<String>,
}

/// A slot of the month.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SlotSpec {
    /// Unique slot id.
    pub id: String,
    /// Hours one volunteer may give in this slot; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
}

/// A region of the region tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct RegionSpec {
    /// Unique region id.
    pub id: String,
    /// Parent region id, or null for a root.
    #[serde(default)]
    pub parent: Option<String>,
    /// Level name, e.g. `street`, `community`, `grid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Display name, e.g. 仁德社区.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A co-building unit (驻区单位).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct UnitSpec {
    /// Unique unit id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The region where the unit sits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A volunteer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct VolunteerSpec {
    /// Unique volunteer id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The region the volunteer reports to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The volunteer's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `[latitude, longitude]` of home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<[f64; 2]>,
    /// Skills held; none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// Hours over the month; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Available slots; every slot when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<String>>,
    /// Most assignments; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tasks: Option<i64>,
    /// Most standby duties (rule 9) over the month; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_standby: Option<i64>,
}

/// A need of a demand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct NeedSpec {
    /// Resource kind, e.g. `funds`, `venue`, `materials`.
    pub kind: String,
    /// Exact amount to supply.
    pub amount: f64,
}

/// A demand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct DemandSpec {
    /// Unique demand id.
    pub id: String,
    /// The region the demand comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `[latitude, longitude]` where it is served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<[f64; 2]>,
    /// Free kind label: `wish`, `service`, `problem`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Display title, e.g. 独居老人更换灯泡.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Skills every volunteer of the team must hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// Team size; 1 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<i64>,
    /// Backup volunteers the assignment names besides its team (rule 9); 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standby: Option<i64>,
    /// Hours per volunteer; 1.0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Allowed slots; every slot when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<String>>,
    /// Resource needs; none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Vec<NeedSpec>>,
    /// Value of meeting it; 1.0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Whether it must be met; false when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must: Option<bool>,
    /// Months this demand has waited since it was first planned and left unmet, a whole
    /// number >= 1; absent for a demand of this month's own lists.
    // Read as any number, so that validation can say what is wrong with `1.5` or `-1` at its
    // path; the schema asks for a whole number >= 1.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "whole_when_whole")]
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub age: Option<f64>,
    /// The recurring service this demand belongs to (a weekly visit to one resident), so that
    /// the volunteers who served it last can be known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
}

/// Writes a whole number as an integer (`2`, not `2.0`), as the schema describes it.
fn whole_when_whole<S: Serializer>(value: &Option<f64>, out: S) -> Result<S::Ok, S::Error> {
    match *value {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => out.serialize_some(&(x as i64)),
        other => other.serialize(out),
    }
}

/// A resource offered by a unit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct ResourceSpec {
    /// Unique resource id.
    pub id: String,
    /// The offering unit (optional: a community's own service fund has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Resource kind.
    pub kind: String,
    /// Total amount over the month.
    pub amount: f64,
    /// Regions served.
    pub serves: Vec<String>,
}

/// An explicit demand–volunteer pair.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct ArcSpec {
    /// Demand id.
    pub demand: String,
    /// Volunteer id.
    pub volunteer: String,
    /// Cost c(d, v); 0.0 when absent; may be negative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// Hours h(d, v); the demand's hours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
}

/// Instance-wide rules.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct PolicySpec {
    /// Longest walk in km; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_km: Option<f64>,
    /// Cost per km; 0.0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_weight: Option<f64>,
    /// Most assignments a volunteer may take within one slot, a whole number >= 0; unlimited
    /// when absent.
    // Read as any number, so that validation can say what is wrong with `1.5` or `-1` at its
    // path; the schema asks for a whole number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<u32>")]
    pub max_tasks_per_slot: Option<f64>,
    /// The fairness term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fairness: Option<FairnessSpec>,
    /// Ageing: a carried demand's weight grows with the months it has waited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aging: Option<AgingSpec>,
    /// Members' balance: a reward per hour given by a member still short of the year's
    /// expected hours, so that work goes first to those who have not served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<BalanceSpec>,
    /// Continuity: a bonus per volunteer of a recurring demand's team who served its series
    /// last time, so that the same volunteer keeps visiting the same resident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuity: Option<ContinuitySpec>,
}

/// Members' balance: a pair (d, v) earns `per_hour` × h(d, v) × max(0, 1 − H(v) / `target`),
/// H(v) being the hours v gave in the year so far (`history.volunteers`): the further a member
/// is below the target, the more each hour given to them is worth.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct BalanceSpec {
    /// The hours a member is expected to give in the year by now; > 0.
    #[schemars(range(min = 0.0))]
    pub target: f64,
    /// Reward per hour given by a member who has given nothing yet; >= 0.
    #[schemars(range(min = 0.0))]
    pub per_hour: f64,
}

/// Continuity of recurring services: a pair (d, v) earns `bonus` when v is one of the
/// volunteers who served d's `series` last time (`history.series`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct ContinuitySpec {
    /// Bonus per kept volunteer; >= 0.
    #[schemars(range(min = 0.0))]
    pub bonus: f64,
}

/// Ageing of carried demands: w'(d) = weight(d) × min(cap, 1 + per_month × age(d)), so that a
/// demand left unmet month after month is not passed over for ever by fresher, heavier ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct AgingSpec {
    /// Weight gained per month of waiting, as a share of the demand's weight; >= 0.
    #[schemars(range(min = 0.0))]
    pub per_month: f64,
    /// The largest multiple of its weight a demand may reach; >= 1.
    #[schemars(range(min = 1.0))]
    pub cap: f64,
}

/// The fairness term; all three fields are required when it is present.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct FairnessSpec {
    /// Region level whose regions are compared, e.g. `community`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Target share of each region's weight, in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<f64>,
    /// Penalty per unit of weight short of the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<f64>,
    /// Whether the target counts the window's past too (`history.regions`): a region short in
    /// earlier months is owed more this month. False when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative: Option<bool>,
}

/// The `history` section: what the ledger's earlier months say, as data for history policies.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct HistorySpec {
    /// The month this instance plans, `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub month: Option<String>,
    /// How many months before `month` the region figures cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub window: Option<u32>,
    /// Per fairness region: the weight offered and met over the window.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionHistorySpec>,
    /// Per volunteer: the hours given in the year so far, before `month`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteers: Vec<VolunteerHistorySpec>,
    /// Per recurring service: the volunteers who served it last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesHistorySpec>,
    /// Where each carried demand came from: the month it was first planned and its id then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<CarriedSpec>,
}

/// A fairness region's past weight.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct RegionHistorySpec {
    /// Region id.
    pub region: String,
    /// Total weight of the region's demands planned over the window.
    pub offered: f64,
    /// The weight of those met (assigned and not recorded as undone).
    pub met: f64,
}

/// A volunteer's past hours.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct VolunteerHistorySpec {
    /// Volunteer id.
    pub volunteer: String,
    /// Hours given in the year so far: recorded outcomes, else the planned hours.
    pub hours: f64,
}

/// Who served a recurring service last.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SeriesHistorySpec {
    /// The series, as in demands' `series`.
    pub series: String,
    /// The month it was last served, `YYYY-MM`.
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub month: String,
    /// The volunteers who served it then.
    pub volunteers: Vec<String>,
}

/// The origin of a carried demand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct CarriedSpec {
    /// The demand's id in this instance.
    pub demand: String,
    /// The month it was first planned, `YYYY-MM`.
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub since: String,
    /// Its id in that month.
    pub id: String,
}
