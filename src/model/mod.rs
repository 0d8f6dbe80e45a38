//! Dense-index types of one month's matching problem.
//!
//! Everything below the file format works on these: every object is addressed by its
//! position (`u32`), defaults are already applied, and "unlimited" is `f64::INFINITY`
//! or `u32::MAX`. String ids live only in [`crate::format::Names`].

mod bitset;
mod plan;

pub use bitset::BitSet;
pub use plan::{Assignment, Plan, Supply};

/// A point on the sphere as `[latitude, longitude]` in degrees.
pub type LatLon = [f64; 2];

/// A time slot of the month (a half day, an evening, the return-home day).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Hours a single volunteer can give within this slot (`INFINITY` when unlimited).
    pub hours: f64,
}

/// A node of the region tree (city, district, street, community, grid).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The parent region, `None` for a root.
    pub parent: Option<u32>,
    /// Index of the level name in [`crate::format::Names::levels`], if the region has a level.
    pub level: Option<u32>,
}

/// A reporting party member (or any volunteer) with skills and a monthly budget of hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    /// The community (or other region) the volunteer reports to.
    pub region: Option<u32>,
    /// The co-building unit the volunteer belongs to.
    pub unit: Option<u32>,
    /// Where the volunteer lives.
    pub at: Option<LatLon>,
    /// Skill indices, sorted and without repeats.
    pub skills: Vec<u32>,
    /// Hours available over the month (`INFINITY` when unlimited).
    pub hours: f64,
    /// Slots in which the volunteer is available.
    pub slots: BitSet,
    /// Most assignments the volunteer may take (`u32::MAX` when unlimited).
    pub max_tasks: u32,
    /// Most standby duties (rule 9) over the month (`u32::MAX` when unlimited).
    pub max_standby: u32,
    /// Hours given in the year before this month (`history.volunteers`, 0 when absent): what
    /// the balance policy measures against its target.
    pub past_hours: f64,
    /// Uses of slots that pinned assignments already hold, at most one entry per slot: set
    /// only on the residual instance solvers see when a month has pins
    /// ([`crate::policy::PinnedMonth`]); empty in every compiled file.
    pub booked: Vec<SlotUse>,
}

/// What pinned assignments hold of one volunteer's slot (rules 4 and 4b).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlotUse {
    /// Slot index.
    pub slot: u32,
    /// Hours h(d, v) of the pinned tasks in the slot.
    pub hours: f64,
    /// Number of pinned tasks in the slot.
    pub tasks: u32,
}

/// A pinned assignment (rule 8) in dense indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    /// Demand index.
    pub demand: u32,
    /// Slot index, when the pin fixes it.
    pub slot: Option<u32>,
    /// Volunteers the team must hold, in the file's order.
    pub volunteers: Vec<u32>,
    /// The assignment's supplies, when the pin fixes them.
    pub supplies: Option<Vec<Supply>>,
    /// Standby volunteers (rule 9) the assignment must name, in the file's order.
    pub standby: Vec<u32>,
}

/// A need of a demand for an amount of one resource kind (funds, venue hours, materials).
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    /// Index of the resource kind in [`crate::format::Names::kinds`].
    pub kind: u32,
    /// The exact amount the assignment must be supplied with.
    pub amount: f64,
}

/// An item of the demand list: a small wish, a service or a neighbourhood problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    /// The region the demand comes from; its chain decides which resources may supply it.
    pub region: Option<u32>,
    /// Where the demand is served.
    pub at: Option<LatLon>,
    /// Skill indices every volunteer of the team must hold, sorted and without repeats.
    pub skills: Vec<u32>,
    /// How many distinct volunteers serve it, all in one slot.
    pub people: u32,
    /// Backup volunteers a met demand names besides its team (rule 9), 0 for none.
    pub standby: u32,
    /// Hours each volunteer spends (unless an arc says otherwise).
    pub hours: f64,
    /// Slots in which the demand may be served.
    pub slots: BitSet,
    /// Resource needs, at most one per kind.
    pub needs: Vec<Need>,
    /// Value of meeting the demand: the file's weight with ageing applied (w' of MODEL.md),
    /// which every solver optimises.
    pub weight: f64,
    /// The weight the file gives (before ageing), kept so that the checker can apply the
    /// ageing policy by its own code.
    pub listed_weight: f64,
    /// Months the demand has waited (its `age`; 0 for a demand of this month's own lists).
    pub age: u32,
    /// Whether every feasible plan must meet it.
    pub must: bool,
    /// The volunteers who served the demand's series last time (`history.series`), sorted;
    /// empty for a demand of no series. The continuity policy rewards keeping them.
    pub kept: Vec<u32>,
}

/// Funds, a venue or materials that a unit offers to the regions it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The unit offering the resource.
    pub unit: Option<u32>,
    /// Index of the kind in [`crate::format::Names::kinds`].
    pub kind: u32,
    /// Total amount over the month.
    pub amount: f64,
    /// Regions served: a demand whose region chain holds one of them may be supplied.
    pub serves: Vec<u32>,
}

/// An explicit demand–volunteer pair with its cost and hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Arc {
    /// The demand.
    pub demand: u32,
    /// The volunteer.
    pub volunteer: u32,
    /// The cost c(d, v) subtracted from the objective when v serves d.
    pub cost: f64,
    /// The hours h(d, v) that serving d takes v.
    pub hours: f64,
}

/// The fairness term: a penalty for each region of `level` whose met weight falls short.
#[derive(Debug, Clone, PartialEq)]
pub struct Fairness {
    /// Index of the level in [`crate::format::Names::levels`]; `None` when no region has it.
    pub level: Option<u32>,
    /// Share of each region's total weight that should be met.
    pub min_coverage: f64,
    /// Objective penalty per unit of weight short of the target.
    pub penalty: f64,
    /// Whether the target counts the window's past (`policy.fairness.cumulative`).
    pub cumulative: bool,
    /// Per region index, the weight `[offered, met]` of earlier months (`history.regions`,
    /// entries of one region added up); empty when the instance has no region history. Read
    /// only when `cumulative` is set.
    pub past: Vec<[f64; 2]>,
}

/// Ageing of carried demands: w'(d) = weight(d) × min(cap, 1 + per_month × age(d)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aging {
    /// Share of its weight a demand gains per month of waiting.
    pub per_month: f64,
    /// The largest multiple of its weight a demand may reach.
    pub cap: f64,
}

/// Members' balance: each hour a member gives earns `per_hour` × max(0, 1 − past / `target`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Balance {
    /// Hours a member is expected to have given in the year by now.
    pub target: f64,
    /// Reward per hour of a member who has given nothing yet.
    pub per_hour: f64,
}

/// Continuity of recurring services: `bonus` per kept volunteer of a series demand's team.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Continuity {
    /// Bonus per volunteer who served the series last time and serves it again.
    pub bonus: f64,
}

/// Instance-wide rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Longest volunteer–demand distance in km (`INFINITY` when unlimited); ignored with arcs.
    pub max_km: f64,
    /// Objective cost per volunteer-km; ignored with arcs.
    pub travel_weight: f64,
    /// Most assignments a volunteer may take within one slot (`u32::MAX` when unlimited).
    pub max_tasks_per_slot: u32,
    /// The fairness term, if any.
    pub fairness: Option<Fairness>,
    /// Ageing of carried demands, if any (already applied to [`Demand::weight`]).
    pub aging: Option<Aging>,
    /// Members' balance, if any (a reward within every pair's cost).
    pub balance: Option<Balance>,
    /// Continuity of recurring services, if any (a reward within every pair's cost).
    pub continuity: Option<Continuity>,
}

/// One month's instance with defaults applied and every reference resolved to an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The slots of the month.
    pub slots: Vec<Slot>,
    /// The region forest.
    pub regions: Vec<Region>,
    /// Number of co-building units.
    pub unit_count: usize,
    /// Number of distinct skills named anywhere.
    pub skill_count: usize,
    /// Number of distinct resource kinds named anywhere.
    pub kind_count: usize,
    /// The volunteers.
    pub volunteers: Vec<Volunteer>,
    /// The demands.
    pub demands: Vec<Demand>,
    /// The resources.
    pub resources: Vec<Resource>,
    /// Explicit pairs; when non-empty they alone define the candidates.
    pub arcs: Vec<Arc>,
    /// Instance-wide rules.
    pub policy: Policy,
    /// Assignments every plan keeps (rule 8), at most one per demand.
    pub pins: Vec<Pin>,
}

impl Instance {
    /// Hours volunteer `v` has left in slot `s` under rule 4: the slot's hours less what pins
    /// hold there.
    pub fn slot_hours_left(&self, v: usize, s: usize) -> f64 {
        let booked = self.volunteers[v].booked.iter().find(|b| b.slot as usize == s);
        self.slots[s].hours - booked.map_or(0.0, |b| b.hours)
    }

    /// Tasks volunteer `v` may still take in slot `s` under rule 4b (`INFINITY` when unlimited).
    pub fn slot_tasks_left(&self, v: usize, s: usize) -> f64 {
        let cap = match self.policy.max_tasks_per_slot {
            u32::MAX => return f64::INFINITY,
            n => f64::from(n),
        };
        let booked = self.volunteers[v].booked.iter().find(|b| b.slot as usize == s);
        cap - booked.map_or(0.0, |b| f64::from(b.tasks))
    }

    /// Whether some volunteer has slot uses held by pins (only a residual instance has).
    pub fn has_bookings(&self) -> bool {
        self.volunteers.iter().any(|v| !v.booked.is_empty())
    }

    /// The full amount of every resource, the start of any bookkeeping of what is left.
    pub fn resource_amounts(&self) -> Vec<f64> {
        self.resources.iter().map(|r| r.amount).collect()
    }

    /// The region chain of a region: itself, then its ancestors up to the root.
    ///
    /// The region forest is acyclic after validation, so the walk ends.
    pub fn region_chain(&self, region: Option<u32>) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(region, move |&r| self.regions[r as usize].parent)
    }
}
