//! Profiles: the shape of a month, independent of its size and place (the preset).
//!
//! A [`Profile`] names a set of [`ProfileParams`]; every profile composes with every preset.
//! `standard` reproduces the generator's original months byte for byte, so each parameter's
//! standard value is the constant the generator used before profiles existed.

use std::fmt;
use std::str::FromStr;

/// A shape of month the generator can make, so that tests and benchmarks cover months that bind
/// on different rules: slot hours, members' hours, resources, teams, `must` demands, a single
/// day, sparse villages or explicit routing arcs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// The original months: half days of 3.5–4 h, members giving 2–10 h, plentiful county funds.
    Standard,
    /// Half days of 3–4 h and weekday evenings of 3 h, demands of 2–4 h, members on few slots
    /// with more hours than one slot holds: per-slot hours (rule 4) bind.
    TightSlots,
    /// Members' monthly hours log-normal in 4–16 h with median 6, up to 6 tasks each.
    LowHours,
    /// Community funds at a quarter to two fifths of what the list asks, no unit funds, and
    /// venues and materials scarce too: resources bind, not only hours.
    Scarce,
    /// Many neighbourhood problems and paired services: well over a third of demands need teams.
    Teams,
    /// About 12 % `must` demands, still all meetable at once by construction.
    MustHeavy,
    /// A single slot, the monthly return-home day (回家日), a whole day on which every member
    /// is available.
    ReturnDay,
    /// Villages several km apart, a cycling radius, fewer members per village: short, uneven
    /// candidate lists.
    Rural,
    /// Candidates given as explicit arcs from a routing engine: road distance cost and hours
    /// including travel there and back.
    Arcs,
    /// Short slots, members' hours skewed low and scarce funds in one month: half days of
    /// 3–4 h and weekday evenings of 3 h, members giving 4–16 h (median 6), community funds at
    /// a quarter to two fifths of what the list asks. Every capacity binds at once.
    Lean,
}

impl Profile {
    /// Every profile, `standard` first.
    pub const ALL: [Profile; 10] = [
        Profile::Standard,
        Profile::TightSlots,
        Profile::LowHours,
        Profile::Scarce,
        Profile::Teams,
        Profile::MustHeavy,
        Profile::ReturnDay,
        Profile::Rural,
        Profile::Arcs,
        Profile::Lean,
    ];

    /// The name used on the command line and in instance names.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Standard => "standard",
            Profile::TightSlots => "tight-slots",
            Profile::LowHours => "low-hours",
            Profile::Scarce => "scarce",
            Profile::Teams => "teams",
            Profile::MustHeavy => "must-heavy",
            Profile::ReturnDay => "return-day",
            Profile::Rural => "rural",
            Profile::Arcs => "arcs",
            Profile::Lean => "lean",
        }
    }

    /// One line for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Profile::Standard => "the original months: half days of 3.5-4 h, members giving 2-10 h",
            Profile::TightSlots => "half days of 3-4 h and weekday evenings of 3 h, demands of 2-4 h: slot hours bind",
            Profile::LowHours => "members give 4-16 h a month (median 6), up to 6 tasks each",
            Profile::Scarce => "community funds 25-40 % of what the list asks, venues and materials scarce",
            Profile::Teams => "many demands needing teams of 2-5",
            Profile::MustHeavy => "about 12 % must demands, all meetable at once",
            Profile::ReturnDay => "one slot: the return-home day (回家日), a whole day, every member free",
            Profile::Rural => "villages 3-4 km apart, 4 km cycling radius, fewer members per village",
            Profile::Arcs => "explicit routing arcs: road distance cost, hours with travel there and back",
            Profile::Lean => "short slots and evenings, members 4-16 h (median 6), funds 25-40 % of the asks",
        }
    }

    /// Every profile on its own line, name then description, for a command's `--help`.
    pub fn help() -> String {
        Profile::ALL.iter().map(|p| format!("{:<11} {}", p.name(), p.description())).collect::<Vec<_>>().join("\n")
    }

    /// The parameters the generator reads.
    pub(super) fn params(self) -> ProfileParams {
        let standard = ProfileParams::STANDARD;
        match self {
            Profile::Standard => standard,
            Profile::TightSlots => ProfileParams {
                slots: SlotShape::HalfDays { morning: 3.0, afternoon: 4.0, evening: Some(3.0) },
                member_hours: MemberHours::LogNormal { median: 6.0, sigma: 0.25, range: (4.0, 9.0), tasks: (2, 4) },
                extra_slots: ((0, 2), (1, 4)),
                evening_weight: 1.5,
                demand_hours: Some((2.0, 4.0)),
                ..standard
            },
            Profile::LowHours => ProfileParams {
                member_hours: MemberHours::LogNormal { median: 6.0, sigma: 0.45, range: (4.0, 16.0), tasks: (2, 6) },
                ..standard
            },
            Profile::Scarce => ProfileParams {
                unit_funds: false,
                scarcity: Some(Scarcity { funds: (0.27, 0.38), venue: (0.30, 0.45), materials: (0.30, 0.45) }),
                ..standard
            },
            Profile::Teams => {
                ProfileParams { wish_share: 0.22, problem_share: (0.30, 0.2), pair_boost: 0.3, ..standard }
            }
            Profile::MustHeavy => ProfileParams { must_share: 0.12, max_musts: 60, ..standard },
            Profile::ReturnDay => {
                ProfileParams { slots: SlotShape::ReturnDay { hours: 8.0 }, must_days: 31, ..standard }
            }
            Profile::Rural => ProfileParams {
                pitch_km: Some(3.5),
                community_km: (1.0, 1.8),
                scale_sigma: 0.6,
                volunteer_factor: 0.5,
                demand_factor: 0.6,
                max_km: 4.0,
                travel_weight: 0.1,
                ..standard
            },
            Profile::Arcs => ProfileParams {
                routing: Some(Routing { limit_km: 1.6, detour: (1.2, 1.8), speed_kmh: 4.8 }),
                ..standard
            },
            Profile::Lean => ProfileParams {
                slots: SlotShape::HalfDays { morning: 3.0, afternoon: 4.0, evening: Some(3.0) },
                evening_weight: 1.0,
                member_hours: MemberHours::LogNormal { median: 6.0, sigma: 0.45, range: (4.0, 16.0), tasks: (2, 6) },
                unit_funds: false,
                scarcity: Some(Scarcity { funds: (0.25, 0.40), venue: (0.40, 0.60), materials: (0.40, 0.60) }),
                ..standard
            },
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A profile name that is not one of [`Profile::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}; choose one of standard, tight-slots, low-hours, scarce, teams, must-heavy, return-day, rural, arcs, lean")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL.into_iter().find(|p| p.name() == s).ok_or_else(|| UnknownProfile(s.to_string()))
    }
}

/// The month's slots.
#[derive(Debug, Clone, Copy)]
pub(super) enum SlotShape {
    /// Every weekend half day, Wednesday and Friday afternoons and the party's founding day,
    /// plus (when `evening` is set) Tuesday and Thursday evenings after work.
    HalfDays {
        /// Hours of a morning slot.
        morning: f64,
        /// Hours of an afternoon slot.
        afternoon: f64,
        /// Hours of a weekday evening slot, when the month has them.
        evening: Option<f64>,
    },
    /// One slot, the whole return-home day (the month's last Sunday).
    ReturnDay {
        /// Hours of the day.
        hours: f64,
    },
}

/// How members' monthly hours and task limits are drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum MemberHours {
    /// In-service members 2–4 h and 1–4 tasks, retired members 3–10 h and 2–4 tasks.
    Table,
    /// Log-normal hours around `median` (redrawn until inside `range`, rounded to half hours),
    /// tasks uniform in `tasks`, for every member alike.
    LogNormal {
        /// Median of the log-normal.
        median: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
        /// Fewest and most hours.
        range: (f64, f64),
        /// Fewest and most tasks.
        tasks: (i64, i64),
    },
}

/// Target ratios of what the resource list holds to what the demand list asks, per kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scarcity {
    /// Range of each community's service fund over the funds its demands ask.
    pub funds: (f64, f64),
    /// Range of the units' venue hours over the venue hours the list asks.
    pub venue: (f64, f64),
    /// Range of the units' materials over the materials the list asks.
    pub materials: (f64, f64),
}

/// Candidates from a routing engine: explicit arcs for pairs within a road travel limit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Routing {
    /// Longest road distance of an arc (km): 20 minutes' walk.
    pub limit_km: f64,
    /// Range of the per-pair factor from straight-line to road distance.
    pub detour: (f64, f64),
    /// Walking speed that turns road distance into travel hours.
    pub speed_kmh: f64,
}

/// Everything a profile sets. Each field's standard value is the original generator's.
#[derive(Debug, Clone, Copy)]
pub(super) struct ProfileParams {
    /// The month's slots (standard: half days of 3.5 and 4 h, no evenings).
    pub slots: SlotShape,
    /// Members' hours and task limits (standard: the in-service and retired tables).
    pub member_hours: MemberHours,
    /// Fewest and most extra slots beyond the return-home day, for in-service and retired
    /// members (standard: 1–5 and 3–10).
    pub extra_slots: ((u32, u32), (u32, u32)),
    /// Weight of a weekday evening when members pick their extra slots (standard: no evenings).
    pub evening_weight: f64,
    /// Range every demand's hours are drawn from instead of its template's (standard: none).
    pub demand_hours: Option<(f64, f64)>,
    /// Share of the list that is small wishes (standard 0.30).
    pub wish_share: f64,
    /// Share of neighbourhood problems: base plus this much times the elderly share (standard
    /// 0.12 + 0.2 × old).
    pub problem_share: (f64, f64),
    /// Added to every service's chance of needing a second person (standard 0).
    pub pair_boost: f64,
    /// Share of demands that must be met (standard 0.02).
    pub must_share: f64,
    /// Most must demands in one community (standard 20).
    pub max_musts: usize,
    /// Must demands are due within this many first days of the month (standard 10).
    pub must_days: u32,
    /// Whether co-building units offer funds (standard yes).
    pub unit_funds: bool,
    /// Resource amounts fitted to the list after it is drawn (standard: none).
    pub scarcity: Option<Scarcity>,
    /// Distance between neighbouring community centres, overriding the preset's (standard none).
    pub pitch_km: Option<f64>,
    /// Range of a community's width in km (standard 0.6–1.0).
    pub community_km: (f64, f64),
    /// Standard deviation of the logarithm of community population (standard 0.3).
    pub scale_sigma: f64,
    /// Volunteers as a share of the preset's count (standard 1).
    pub volunteer_factor: f64,
    /// Demands as a share of the preset's count (standard 1).
    pub demand_factor: f64,
    /// `policy.max_km` (standard 1.25, the 15-minute walking circle).
    pub max_km: f64,
    /// `policy.travel_weight` per km (standard 0.2).
    pub travel_weight: f64,
    /// Explicit arcs instead of distances (standard: none).
    pub routing: Option<Routing>,
}

impl ProfileParams {
    /// The original generator's values.
    const STANDARD: ProfileParams = ProfileParams {
        slots: SlotShape::HalfDays { morning: 3.5, afternoon: 4.0, evening: None },
        member_hours: MemberHours::Table,
        extra_slots: ((1, 5), (3, 10)),
        evening_weight: 0.0,
        demand_hours: None,
        wish_share: 0.30,
        problem_share: (0.12, 0.2),
        pair_boost: 0.0,
        must_share: 0.02,
        max_musts: 20,
        must_days: 10,
        unit_funds: true,
        scarcity: None,
        pitch_km: None,
        community_km: (0.6, 1.0),
        scale_sigma: 0.3,
        volunteer_factor: 1.0,
        demand_factor: 1.0,
        max_km: 1.25,
        travel_weight: 0.2,
        routing: None,
    };
}
