//! What it would take to meet each unmet demand: for every demand a plan leaves unmet, up to
//! three alternative smallest changes to the month, each of which alone (the rest of the plan
//! unchanged) makes room for an assignment of the demand, with that assignment.
//!
//! The plan's residual (hours, tasks and slot use per volunteer, resources left) is computed
//! once per solution; each kind of change is searched by its own module against it, every
//! suggestion passes the one feasibility test (`Context::fits` of the `fits` module), and the
//! demands are searched in parallel, the output in demand order. docs/MODEL.md defines the
//! kinds, their sizes and the ranking.

mod apply;
mod figures;
mod fits;
mod members;
mod radius;
mod recruit;
mod release;
mod residual;
mod resources;
mod spec;
mod words;

pub use apply::{apply_suggestion, plan_with_suggestion};
pub use figures::{would_take_figures, WouldTakeFigures};
pub use spec::{attach_would_take, NONE_SUFFICES};
pub use words::{nth_suggestion_words, suggestion_words};

use crate::model::{Assignment, LatLon, Plan};
use crate::problem::Problem;
use fits::Context;
use rayon::prelude::*;

/// Most suggestions given per demand.
pub const MAX_SUGGESTIONS: usize = 3;

/// The widest walking radius a `max_km` suggestion asks, as a multiple of the month's.
pub const RADIUS_FACTOR: f64 = 2.0;

/// The kinds of change, in the order they are tried and break ties of equal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// No change: the demand fits what the plan leaves.
    FitsNow,
    /// More hours for named volunteers.
    VolunteerHours,
    /// Another slot opened for named volunteers.
    VolunteerSlot,
    /// More of named resources.
    ResourceAmount,
    /// A wider walking radius.
    MaxKm,
    /// Releasing a lower-weight demand.
    Release,
    /// New volunteers with the demand's skills at its place: the recruitment need.
    NewVolunteer,
}

impl Kind {
    /// The word written to solution files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FitsNow => "fits_now",
            Kind::VolunteerHours => "volunteer_hours",
            Kind::VolunteerSlot => "volunteer_slot",
            Kind::ResourceAmount => "resource_amount",
            Kind::MaxKm => "max_km",
            Kind::Release => "release",
            Kind::NewVolunteer => "new_volunteer",
        }
    }

    /// Whether the kind brings in people the month does not have: such a suggestion ranks
    /// after every change to the month's own members, resources and plan.
    pub fn recruits(self) -> bool {
        self == Kind::NewVolunteer
    }
}

/// One change to the month, in dense indices.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Volunteer `volunteer` gives `add` more hours.
    VolunteerHours {
        /// Volunteer index.
        volunteer: u32,
        /// Hours added.
        add: f64,
    },
    /// Resource `resource` holds `add` more.
    ResourceAmount {
        /// Resource index.
        resource: u32,
        /// Amount added.
        add: f64,
    },
    /// `policy.max_km` becomes `value`, which makes `volunteers` candidates.
    MaxKm {
        /// The radius in km.
        value: f64,
        /// Volunteer indices brought in (those of the assignment).
        volunteers: Vec<u32>,
    },
    /// Volunteer `volunteer` is also available in `slot`.
    VolunteerSlot {
        /// Volunteer index.
        volunteer: u32,
        /// Slot index.
        slot: u32,
    },
    /// A new volunteer, index `volunteer` (at least the month's volunteer count).
    NewVolunteer {
        /// The index standing for the person in the assignment.
        volunteer: u32,
        /// Skill indices.
        skills: Vec<u32>,
        /// Where the person lives (the demand's place).
        at: Option<LatLon>,
        /// Hours the person gives.
        hours: f64,
        /// The one slot the person is available in.
        slot: u32,
    },
    /// The plan releases demand `demand`.
    Release {
        /// Demand index.
        demand: u32,
    },
}

/// One way of meeting an unmet demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The kind of every change.
    pub kind: Kind,
    /// The size of the change (docs/MODEL.md).
    pub size: f64,
    /// The changes.
    pub changes: Vec<Change>,
    /// The assignment the demand would get.
    pub assignment: Assignment,
}

impl Suggestion {
    /// The ranking: changes to the month's own people and things before recruiting, then by
    /// size, then by kind.
    fn rank(&self) -> (bool, f64, Kind) {
        (self.kind.recruits(), self.size, self.kind)
    }
}

/// The suggestions for one unmet demand, best first (empty: no kind suffices alone).
#[derive(Debug, Clone, PartialEq)]
pub struct WouldTake {
    /// Demand index.
    pub demand: u32,
    /// Up to [`MAX_SUGGESTIONS`] suggestions.
    pub suggestions: Vec<Suggestion>,
}

/// What it would take to meet every demand `plan` leaves unmet, in demand order.
pub fn would_take(problem: &Problem, plan: &Plan) -> Vec<WouldTake> {
    let ctx = Context::new(problem, plan, problem.instance.policy.max_km * RADIUS_FACTOR);
    let unmet: Vec<u32> = (0..problem.instance.demands.len() as u32)
        .filter(|&d| ctx.residual.assignment_of[d as usize] == residual::UNMET)
        .collect();
    unmet.into_par_iter().map(|d| WouldTake { demand: d, suggestions: suggestions(&ctx, d as usize) }).collect()
}

/// The ranked suggestions for demand `d`: meeting it as the month is, when it fits, else the
/// best suggestion of each kind, smallest first.
fn suggestions(ctx: &Context, d: usize) -> Vec<Suggestion> {
    let demand = &ctx.problem.instance.demands[d];
    let pool = pool(ctx, d);
    let list = ctx.problem.candidates.of(d);
    let volunteers = &ctx.problem.instance.volunteers;
    let free: Free = demand
        .slots
        .iter()
        .map(|s| {
            let members = pool
                .iter()
                .take_while(|p| p.0 <= 0.0)
                .filter(|&&(_, k)| {
                    let v = list.volunteers[k];
                    volunteers[v as usize].slots.contains(s) && ctx.state(v, s, list.hours(k), &[]).ok()
                })
                .map(|&(_, k)| list.volunteers[k])
                .take(demand.people as usize)
                .collect();
            (s, members)
        })
        .collect();
    if let Some(now) = members::fits_now(ctx, d, &free) {
        return vec![now];
    }
    let mut found: Vec<Suggestion> = [
        members::more_hours(ctx, d, &pool),
        members::open_slots(ctx, d, &free, &pool),
        resources::more_resources(ctx, d, &free),
        radius::wider_radius(ctx, d, &free),
        release::release(ctx, d, &free),
        recruit::new_volunteers(ctx, d, &free),
    ]
    .into_iter()
    .flatten()
    .collect();
    found.sort_by(|a, b| {
        let (x, y) = (a.rank(), b.rank());
        x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(x.2.cmp(&y.2))
    });
    found.truncate(MAX_SUGGESTIONS);
    found
}

/// Per allowed slot of a demand, its cheapest candidates (at most `people`) that nothing keeps
/// from the slot as the plan leaves it: computed once per demand, read by every kind.
type Free = Vec<(usize, Vec<u32>)>;

/// The candidates of demand `d` (positions in its list) whose `max_tasks` leave room, with the
/// monthly hours each lacks, fewest lacking first and then cheapest: the hours and tasks do not
/// depend on the slot, so the searches over slots scan this once-sorted pool and stop early.
type Pool = Vec<(f64, usize)>;

fn pool(ctx: &Context, d: usize) -> Pool {
    let list = ctx.problem.candidates.of(d);
    let Some(any) = ctx.problem.instance.demands[d].slots.iter().next() else { return Vec::new() };
    let mut pool: Pool = (0..list.len())
        .filter_map(|k| {
            let state = ctx.state(list.volunteers[k], any, list.hours(k), &[]);
            state.tasks_ok.then_some((state.hours_short.max(0.0), k))
        })
        .collect();
    pool.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    pool
}

/// Rounds `x` up to hundredths, so that suggested amounts read well and still suffice.
fn round_up(x: f64) -> f64 {
    let r = (x * 100.0).ceil() / 100.0;
    if r < x {
        r + 0.01
    } else {
        r
    }
}

/// Of `(size, cost, suggestion)` per slot, the smallest size, then cost, then earliest slot.
fn smallest(options: impl Iterator<Item = (f64, f64, Suggestion)>) -> Option<Suggestion> {
    options.min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))).map(|o| o.2)
}

/// Total cost c(d, v) of an assignment's members with `changes`.
fn team_cost(ctx: &Context, a: &Assignment, changes: &[Change]) -> f64 {
    a.volunteers.iter().filter_map(|&v| ctx.pair(a.demand as usize, v, changes)).map(|p| p.0).sum()
}
