//! Seeded generator of realistic `civic-match/1` instances.
//!
//! [`generate`] builds one month (July 2026) of party-building-led community service for a county
//! seat, a county of towns or a city, at the scales published in the domain reports:
//!
//! | preset | modelled on | regions | volunteers | demands |
//! |---|---|---|---|---|
//! | `county` | Xundian (寻甸, Yunnan): 7 communities, 400+ members, 20+ units | 1–2 streets, 7 communities | 400 | 600 |
//! | `town` | Yongchun (永春, Fujian): 4,000 members on a monthly return-home day | 3 towns, 27 communities | 4,000 | 5,000 |
//! | `city` | Xiangyang (襄阳, Hubei): 28 streets, 513 communities, ~100,000 members, ~120,000 list items | 4 districts, 28 streets, 513 communities | 100,000 | 120,000 |
//! | `province` | Fujian (福建): 9 prefecture-level cities, 10,200 compound party branches | 9 cities, 34 districts, 228 streets, 4,104 communities | 800,000 | 1,000,000 |
//!
//! The same preset and seed always give the same [`InstanceSpec`], and so byte-identical files:
//! every draw comes from a ChaCha8 stream of the seed (stream 0 for the map, units and resources,
//! stream `c + 1` for community `c`'s people, which lets communities be built in parallel), and
//! nothing iterates a hash map.
//!
//! # Choices
//!
//! **Map.** The region tree is `city` → `district` → `street` → `community` → `grid`, with Chinese
//! names (城市, 区/县, 街道/镇, 社区, 第N网格); the province puts `province` (福建省) above its nine
//! cities (`city1` 福州市 … `city9` 宁德市), each laid out as a city around its real centre with
//! a share of the communities in proportion to its streets, districts numbered across the
//! province (`dist1` …). Community centres sit on a jittered hexagonal
//! lattice (0.9 km apart in the county and town presets, 1.0 km in the city and the province) inside an irregular
//! blob around the real centre of the modelled place; each community is 0.6–1.0 km across and
//! cut into 3–8 grids (Xiangyang has 2,340 compounds for 513 communities). Streets and districts
//! are contiguous groups of communities made by recursive bisection, and ids follow the tree
//! (`c1`… are the communities of `s1`, then of `s2`, …). Street and community names are invented
//! from common place words (each street has a namesake community, as 仁德街道 has 仁德社区);
//! only city, county, district and the county presets' street or town names are real.
//!
//! **Communities differ.** Each has a population scale (log-normal, σ 0.3) and a share of
//! elderly households (15–60 %). Old communities list more elderly services and neighbourhood
//! problems and have more retired and fewer working members, so volunteers and demands are not
//! spread alike and the fairness term has something to do.
//!
//! **Volunteers** (双报到 members) live around a grid of their community (gaussian, σ = 0.2 ×
//! community width) and report to the community (`region`). About 40 % of in-service members
//! work for a co-building unit of their district (`unit`), and then often have its trade (a
//! hospital's staff do health checks, a power station's do wiring). Each holds 1–3 of 13 skills
//! with unequal frequencies (see `catalogue`: cleaning, tutoring and phone help are common,
//! plumbers, psychologists and barbers rare), gives 2–4 hours a month (retired members 3–10),
//! takes at most 1–4 tasks, and is available on both halves of the return-home day plus a few
//! weekend half days (retired members also on weekday afternoons).
//!
//! **Slots** are the month's half days on which community service happens: every weekend half
//! day, Wednesday and Friday afternoons, and 1 July (the party's founding day), 27 in all,
//! mornings 3.5 h and afternoons 4 h. The return-home day (回家日) is the last Sunday, as in
//! Yongchun.
//!
//! **Demands** (需求清单) are 30 % small wishes (`wish`: an item for a child, an elderly person or
//! a household in difficulty, bought with 50–500 yuan of funds and delivered in 1–2 hours,
//! sometimes with a light skill), 15–24 % neighbourhood problems (`problem`: a team of 2–5 for
//! 2–4 hours, often needing a venue, materials or funds; more in old communities) and the rest
//! home services (`service`: one skill, one or two people, 1–3 hours, sometimes funds for
//! parts). Elderly beneficiaries weigh 3.5–5, other households 2–4, wishes 1–3, problems 2.5–5.
//! About 74 % of demands allow only some slots (weekends, weekdays, mornings, the return-home
//! day, half the month or a few named half days). Titles are Chinese (独居老人助浴服务,
//! 留守儿童微心愿：一个新书包, 第3网格楼道杂物清理).
//!
//! **Must demands** (2 %, at most 20 per community) are urgent safety repairs and mandated visits
//! within the first ten days. Each gets, by construction, its own team of volunteers of its
//! community within `max_km` holding its skill and free in one common allowed slot, disjoint
//! from every other must demand's team, and its funds come from its community's own fund, which
//! exceeds what the community's must demands need together. So all must demands can be met at
//! once.
//!
//! **Resources** (资源清单): each community has its service fund (≥ 200,000 yuan a year, so
//! 16,670–25,000 yuan a month); each community hosts 2–4 co-building units (1–3 in the town
//! preset; Xundian has 20+ units for 7 communities) that offer funds, venue hours or materials
//! (valued in yuan) to the one to three nearest communities or to their whole street. At city
//! scale volunteer hours cover about 82 % of the person-hours the list asks, funds about 80 %,
//! materials 85 % and venues 72 %; the town is similar with funds near 100 %. In the county the
//! 200,000-yuan floor over short lists leaves funds plentiful, and volunteer hours (about 65 %)
//! are the bottleneck.
//!
//! **Policy.** `max_km` 1.25 (the 15-minute walking circle), `travel_weight` 0.2 per km, and
//! fairness over communities with `min_coverage` 0.6 and `penalty` 2. No arcs: candidates come
//! from distances. A city demand has about 375 candidates on average (45 million pairs): a
//! wish anyone can deliver has about 1,000, a haircut about 30.
//!
//! Coordinates are rounded to 6 decimals (0.1 m), hours to half hours, and amounts to 10 yuan
//! (community funds and the needs of wishes and services), 100 yuan (problem needs), 500 yuan
//! (unit funds and materials) or 2 hours (unit venues).
//!
//! # Profiles
//!
//! The months above are the `standard` [`Profile`]. Months of the same format made elsewhere
//! look different: shorter slots, members with more or fewer hours, funds far short of the
//! list, many teams or `must` demands, a single return-home day, villages kilometres apart,
//! candidates from a routing engine. A method tuned to one shape fails on another, so
//! [`generate_profile`] makes each shape on top of any preset (the preset fixes size and place,
//! the profile the shape; each profile's parameters are named fields in `profile.rs`). Every
//! profile is deterministic (same preset, profile and seed, same bytes), valid, and keeps the
//! must guarantee above; `standard` is [`generate`]'s month byte for byte, and other profiles
//! add their name to the instance name (`xundian-tight-slots-2026-07-seed1`).
//!
//! Figures of the county month, seeds 1 and 2 (measured by `tests/profiles.rs`; *slot-bound*
//! volunteers offer more hours than any one of their slots holds, so per-slot hours split their
//! time; the *funds ratio* is all funds held over all funds the list asks):
//!
//! | profile | what changes, and why | county month |
//! |---|---|---|
//! | `standard` | the months above | 27 slots of 3.5–4 h; hours median 3 (2–10); 11–13 % slot-bound; funds ratio 2.1–2.6; 28 % teams; 2 % must; 36–44 candidates per demand (median) |
//! | `tight-slots` | mornings 3 h, afternoons 4 h, plus Tuesday and Thursday evenings of 3 h (after work); every demand 2–4 h; members 4–9 h (log-normal, median 6), 2–4 tasks, free on the return-home day and 0–2 other slots (retired 1–4), evenings favoured: per-slot hours (rule 4) bind | 36 slots (9 evenings); members free on a median 3 slots; 92–94 % slot-bound |
//! | `low-hours` | members' hours log-normal, median 6, σ 0.45, redrawn into 4–16 h; 2–6 tasks: many small offers and a long tail, as surveyed months show | hours median 6.5 (4–15.5); 90 % slot-bound |
//! | `scarce` | units give in kind only (no unit funds); each community's fund is 27–38 % of what its demands ask (never below its must demands' funds); unit venues and materials cut to 30–45 % of what the list asks: resources bind, not only hours | funds ratio 0.31–0.34; venues 0.36–0.38; materials 0.39–0.42 |
//! | `teams` | wishes 22 %, problems (teams of 2–5) 30 % + 20 % × the elderly share, services 30 points likelier to need a second person | 54–56 % of demands need 2 or more people |
//! | `must-heavy` | 12 % of demands `must` (up to 60 per community; the community fund is raised to cover them) | 11.8–12.2 % must, all meetable at once |
//! | `return-day` | one slot, `2026-07-26` (the last Sunday, 回家日 as in Yongchun), 8 h; every member free on it; musts due any time | 1 slot; 3 % slot-bound |
//! | `rural` | villages 3.5 km apart (jittered), 1.0–1.8 km across, populations log-normal σ 0.6; half the members and 60 % of the demands; `max_km` 4 (cycling), `travel_weight` 0.1: short, uneven candidate lists | nearest village 3.2–3.3 km (median); 15–19 candidates per demand (median), some just 1 |
//! | `arcs` | explicit `arcs` for each demand and volunteer holding its skills whose road distance (haversine × a detour factor drawn per pair in 1.2–1.8) is at most 1.6 km (20 minutes' walk); cost 0.2 per road km, hours the demand's plus the walk there and back at 4.8 km/h (rounded up to 0.05 h); no `max_km`; must teams reserved within 1.6 / 1.8 km with the walk's hours to spare | 36,018 and 36,424 arcs; 30–35 per demand (median) |

mod arcs;
mod catalogue;
mod layout;
mod people;
mod profile;
mod rng;
mod standby;
mod units;

use profile::SlotShape;
pub use profile::{Profile, UnknownProfile};
pub use standby::{ask_standby, critical};

use crate::format::{FairnessSpec, InstanceSpec, PolicySpec, SlotSpec, INSTANCE_FORMAT};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::fmt;
use std::str::FromStr;

/// A size and place an instance is modelled on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Preset {
    /// A county seat: 7 communities in 1–2 streets, 400 volunteers, 600 demands.
    County,
    /// A county with several towns: 27 communities, 4,000 volunteers, 5,000 demands.
    Town,
    /// A prefecture-level city: 513 communities in 28 streets, 100,000 volunteers, 120,000 demands.
    City,
    /// A province: 9 cities, 4,104 communities in 228 streets, 800,000 volunteers, 1,000,000
    /// demands.
    Province,
}

impl Preset {
    /// Every preset, smallest first.
    pub const ALL: [Preset; 4] = [Preset::County, Preset::Town, Preset::City, Preset::Province];

    /// The name used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Preset::County => "county",
            Preset::Town => "town",
            Preset::City => "city",
            Preset::Province => "province",
        }
    }

    /// One line for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Preset::County => "county seat like Xundian: 7 communities, 400 volunteers, 600 demands",
            Preset::Town => "county of towns like Yongchun: 27 communities, 4,000 volunteers, 5,000 demands",
            Preset::City => "city like Xiangyang: 513 communities in 28 streets, 100,000 volunteers, 120,000 demands",
            Preset::Province => {
                "province like Fujian: 9 cities, 4,104 communities, 800,000 volunteers, 1,000,000 demands"
            }
        }
    }

    /// Every preset on its own line, name then description, for a command's `--help`.
    pub fn help() -> String {
        Preset::ALL.iter().map(|p| format!("{:<8} {}", p.name(), p.description())).collect::<Vec<_>>().join("\n")
    }

    fn params(self) -> Params {
        match self {
            Preset::County => Params {
                place: "xundian",
                province: None,
                centre: [25.559, 103.257],
                cities: &[Site {
                    name: "昆明市",
                    centre: [25.559, 103.257],
                    districts: &[("寻甸回族彝族自治县", 2)],
                    street_names: Some(&["仁德街道", "塘子街道"]),
                }],
                streets: (1, 2),
                communities: 7,
                volunteers: 400,
                demands: 600,
                pitch_km: 0.9,
                grids: (4, 8),
                units_per_community: (2, 4),
                unit_members: 0.4,
            },
            Preset::Town => Params {
                place: "yongchun",
                province: None,
                centre: [25.322, 118.294],
                cities: &[Site {
                    name: "泉州市",
                    centre: [25.322, 118.294],
                    districts: &[("永春县", 3)],
                    street_names: Some(&["桃城镇", "五里街镇", "石鼓镇"]),
                }],
                streets: (3, 3),
                communities: 27,
                volunteers: 4_000,
                demands: 5_000,
                pitch_km: 0.9,
                grids: (3, 7),
                units_per_community: (1, 3),
                unit_members: 0.4,
            },
            Preset::City => Params {
                place: "xiangyang",
                province: None,
                centre: [32.01, 112.12],
                cities: &[Site {
                    name: "襄阳市",
                    centre: [32.01, 112.12],
                    districts: &[("樊城区", 9), ("襄城区", 6), ("襄州区", 7), ("高新区", 6)],
                    street_names: None,
                }],
                streets: (28, 28),
                communities: 513,
                volunteers: 100_000,
                demands: 120_000,
                pitch_km: 1.0,
                grids: (3, 7),
                units_per_community: (2, 4),
                unit_members: 0.4,
            },
            Preset::Province => Params {
                place: "fujian",
                province: Some("福建省"),
                centre: [25.6, 118.4],
                cities: FUJIAN,
                streets: (228, 228),
                communities: 4_104,
                volunteers: 800_000,
                demands: 1_000_000,
                pitch_km: 1.0,
                grids: (3, 7),
                units_per_community: (2, 4),
                unit_members: 0.4,
            },
        }
    }
}

/// The nine prefecture-level cities of Fujian with their city centres and main districts; the
/// streets of each district are the generator's (228 in all, 18 communities each on average).
const FUJIAN: &[Site] = &[
    Site {
        name: "福州市",
        centre: [26.074, 119.296],
        districts: &[("鼓楼区", 10), ("台江区", 10), ("仓山区", 13), ("晋安区", 9), ("马尾区", 4)],
        street_names: None,
    },
    Site {
        name: "厦门市",
        centre: [24.480, 118.089],
        districts: &[("思明区", 10), ("湖里区", 6), ("集美区", 6), ("海沧区", 4), ("同安区", 8)],
        street_names: None,
    },
    Site {
        name: "泉州市",
        centre: [24.874, 118.676],
        districts: &[("鲤城区", 8), ("丰泽区", 8), ("洛江区", 6), ("泉港区", 6), ("晋江市", 12)],
        street_names: None,
    },
    Site {
        name: "漳州市",
        centre: [24.513, 117.647],
        districts: &[("芗城区", 10), ("龙文区", 6), ("龙海区", 8)],
        street_names: None,
    },
    Site {
        name: "莆田市",
        centre: [25.454, 119.008],
        districts: &[("城厢区", 6), ("荔城区", 6), ("涵江区", 8)],
        street_names: None,
    },
    Site {
        name: "三明市", centre: [26.263, 117.639], districts: &[("三元区", 8), ("沙县区", 6)], street_names: None
    },
    Site {
        name: "南平市", centre: [26.642, 118.178], districts: &[("延平区", 10), ("建阳区", 6)], street_names: None
    },
    Site {
        name: "龙岩市", centre: [25.075, 117.017], districts: &[("新罗区", 12), ("永定区", 6)], street_names: None
    },
    Site {
        name: "宁德市", centre: [26.666, 119.548], districts: &[("蕉城区", 10), ("福安市", 6)], street_names: None
    },
];

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A preset name that is not one of [`Preset::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown preset {0:?}; choose county, town, city or province")]
pub struct UnknownPreset(pub String);

impl FromStr for Preset {
    type Err = UnknownPreset;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Preset::ALL.into_iter().find(|p| p.name() == s).ok_or_else(|| UnknownPreset(s.to_string()))
    }
}

/// A city of a preset.
struct Site {
    name: &'static str,
    centre: [f64; 2],
    /// Districts (or the county) and how many streets each has; a preset of one city with a
    /// single district takes however many streets are drawn.
    districts: &'static [(&'static str, usize)],
    /// Real street or town names, when the preset has few enough to use them.
    street_names: Option<&'static [&'static str]>,
}

/// What a preset fixes.
struct Params {
    /// Latin place name, the start of the instance name.
    place: &'static str,
    /// The province (省) above the cities, when the preset spans several.
    province: Option<&'static str>,
    /// Where the map's planar frame is centred.
    centre: [f64; 2],
    cities: &'static [Site],
    /// Fewest and most streets.
    streets: (usize, usize),
    communities: usize,
    volunteers: usize,
    demands: usize,
    /// Distance between neighbouring community centres.
    pitch_km: f64,
    /// Fewest and most grids per community.
    grids: (usize, usize),
    units_per_community: (usize, usize),
    /// Share of in-service volunteers employed by a co-building unit.
    unit_members: f64,
}

/// A slot of the month with what the generator needs to know about it.
struct MonthSlot {
    id: String,
    day: u32,
    am: bool,
    /// A weekday evening after work.
    evening: bool,
    weekend: bool,
    /// 1 July, the party's founding day.
    party_day: bool,
    /// The return-home day (回家日), the month's last Sunday.
    home_day: bool,
    hours: f64,
}

const YEAR: u32 = 2026;
const MONTH: u32 = 7;
const DAYS: u32 = 31;

/// Day of the week, 0 = Sunday (Sakamoto's method).
fn weekday(year: u32, month: u32, day: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day) % 7
}

/// The month's slots in the given shape, in date order (morning, afternoon, evening).
fn month_slots(shape: SlotShape) -> Vec<MonthSlot> {
    let home_day = (1..=DAYS).rev().find(|&d| weekday(YEAR, MONTH, d) == 0).unwrap_or(DAYS);
    let (morning, afternoon, evening) = match shape {
        SlotShape::ReturnDay { hours } => {
            return vec![MonthSlot {
                id: format!("{YEAR}-{MONTH:02}-{home_day:02}"),
                day: home_day,
                am: true,
                evening: false,
                weekend: true,
                party_day: false,
                home_day: true,
                hours,
            }];
        }
        SlotShape::HalfDays { morning, afternoon, evening } => (morning, afternoon, evening),
    };
    let mut slots = Vec::new();
    for day in 1..=DAYS {
        let wd = weekday(YEAR, MONTH, day);
        let weekend = wd == 0 || wd == 6;
        let party_day = MONTH == 7 && day == 1;
        for am in [true, false] {
            // Weekday afternoons on Wednesdays and Fridays, when retired members serve at home.
            let open = weekend || party_day || (!am && (wd == 3 || wd == 5));
            if open {
                slots.push(MonthSlot {
                    id: format!("{YEAR}-{MONTH:02}-{day:02}{}", if am { "am" } else { "pm" }),
                    day,
                    am,
                    evening: false,
                    weekend,
                    party_day,
                    home_day: day == home_day,
                    hours: if am { morning } else { afternoon },
                });
            }
        }
        // Tuesday and Thursday evenings, when in-service members serve after work.
        if let Some(hours) = evening.filter(|_| wd == 2 || wd == 4) {
            slots.push(MonthSlot {
                id: format!("{YEAR}-{MONTH:02}-{day:02}eve"),
                day,
                am: false,
                evening: true,
                weekend,
                party_day,
                home_day: false,
                hours,
            });
        }
    }
    slots
}

/// Haversine distance in km on the sphere of radius 6371.0088 km, as the model defines it.
fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, la2) = (a[0].to_radians(), b[0].to_radians());
    let dla = la2 - la1;
    let dlo = (b[1] - a[1]).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// One month's instance for `preset` in the `standard` profile, the same for the same seed.
pub fn generate(preset: Preset, seed: u64) -> InstanceSpec {
    generate_profile(preset, Profile::Standard, seed)
}

/// One month's instance for `preset` shaped by `profile`, the same for the same preset, profile
/// and seed. `standard` gives exactly [`generate`]'s month; other profiles add the profile's
/// name to the instance name.
pub fn generate_profile(preset: Preset, profile: Profile, seed: u64) -> InstanceSpec {
    build(preset, profile, seed, 0)
}

/// A fresh draw of the people of [`generate_profile`]'s month: the same map, units, slots and
/// resource offers (everything of stream 0), but volunteers and demands drawn from streams of
/// their own, so that draw `k` gives another month of the same place. Draw 0 is
/// [`generate_profile`]'s month; draw `k` gives community `c` the stream `k × 2³² + c + 1`,
/// which no other draw uses. A community fund still covers the must demands of its own draw.
pub fn generate_draw(preset: Preset, profile: Profile, seed: u64, draw: u32) -> InstanceSpec {
    build(preset, profile, seed, draw)
}

/// The month of `preset`, `profile` and `seed` whose people come from draw `draw`.
fn build(preset: Preset, profile: Profile, seed: u64, draw: u32) -> InstanceSpec {
    let mut p = preset.params();
    let shape = profile.params();
    p.pitch_km = shape.pitch_km.unwrap_or(p.pitch_km);
    p.volunteers = (p.volunteers as f64 * shape.volunteer_factor).round() as usize;
    p.demands = (p.demands as f64 * shape.demand_factor).round() as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let slots = month_slots(shape.slots);
    let street_count = {
        use rand::Rng;
        rng.random_range(p.streets.0..=p.streets.1)
    };
    let district_streets: Vec<usize> = match p.cities {
        [site] if site.districts.len() == 1 => vec![street_count],
        sites => sites.iter().flat_map(|site| site.districts.iter().map(|&(_, s)| s)).collect(),
    };
    let map = layout::build(&p, &shape, &district_streets, &mut rng);
    let units = units::build(&p, &map, &mut rng);
    let mut resources = units::resources(&map, &units, shape.unit_funds, &mut rng);

    // Old communities have fewer working members and more needs.
    let volunteer_weights: Vec<f64> = map.communities.iter().map(|c| c.scale * (1.15 - 0.5 * c.old)).collect();
    let demand_weights: Vec<f64> = map.communities.iter().map(|c| c.scale * (0.8 + 0.8 * c.old)).collect();
    let volunteer_counts = rng::apportion(p.volunteers, &volunteer_weights);
    let demand_counts = rng::apportion(p.demands, &demand_weights);

    // Must teams stay within reach of any detour when candidates come from road distances.
    let must_km = shape.routing.map_or(shape.max_km, |r| r.limit_km / r.detour.1);
    // Half hours, as volunteers' hours are counted in.
    let must_travel_hours = shape.routing.map_or(0.0, |r| (4.0 * r.limit_km / r.speed_kmh).ceil() / 2.0);
    let world = people::World {
        params: &p,
        shape: &shape,
        map: &map,
        slots: &slots,
        units: &units,
        must_km,
        must_travel_hours,
    };
    let people: Vec<people::People> = (0..map.communities.len())
        .into_par_iter()
        .map(|c| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream((u64::from(draw) << 32) + c as u64 + 1);
            people::community(&world, c, volunteer_counts[c], demand_counts[c], &mut rng)
        })
        .collect();

    units::cover_must_funds(&mut resources, &people);
    if let Some(scarcity) = shape.scarcity {
        units::fit_to_list(&mut resources, &people, &scarcity, &mut rng);
    }

    let mut volunteers = Vec::with_capacity(p.volunteers);
    let mut demands = Vec::with_capacity(p.demands);
    for community in people {
        for mut v in community.volunteers {
            v.id = format!("v{}", volunteers.len() + 1);
            volunteers.push(v);
        }
        for mut d in community.demands {
            d.id = format!("d{}", demands.len() + 1);
            demands.push(d);
        }
    }

    let arcs =
        shape.routing.map_or_else(Vec::new, |r| arcs::route(&volunteers, &demands, &r, shape.travel_weight, seed));
    let name = match profile {
        Profile::Standard => format!("{}-{YEAR}-{MONTH:02}-seed{seed}", p.place),
        other => format!("{}-{}-{YEAR}-{MONTH:02}-seed{seed}", p.place, other.name()),
    };
    InstanceSpec {
        format: INSTANCE_FORMAT.to_string(),
        name: Some(name),
        slots: Some(slots.iter().map(|s| SlotSpec { id: s.id.clone(), hours: Some(s.hours) }).collect()),
        regions: map.regions,
        units: units.specs,
        volunteers,
        demands,
        resources,
        arcs,
        policy: PolicySpec {
            // With arcs the routing engine's pairs and costs replace distances.
            max_km: shape.routing.is_none().then_some(shape.max_km),
            travel_weight: shape.routing.is_none().then_some(shape.travel_weight),
            max_tasks_per_slot: None,
            fairness: Some(FairnessSpec {
                level: Some("community".to_string()),
                min_coverage: Some(0.6),
                penalty: Some(2.0),
                cumulative: None,
            }),
            ..Default::default()
        },
        history: None,
        pinned: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn july_2026_has_27_half_days_and_the_last_sunday_as_return_home_day() {
        assert_eq!(weekday(2026, 7, 1), 3, "1 July 2026 is a Wednesday");
        let slots = month_slots(Profile::Standard.params().slots);
        assert_eq!(slots.len(), 27);
        let home: Vec<&str> = slots.iter().filter(|s| s.home_day).map(|s| s.id.as_str()).collect();
        assert_eq!(home, ["2026-07-26am", "2026-07-26pm"]);
        assert_eq!(slots.iter().filter(|s| s.weekend).count(), 16);
    }

    #[test]
    fn apportion_hits_the_total() {
        let counts = rng::apportion(1000, &[1.0, 2.5, 0.3, 7.0]);
        assert_eq!(counts.iter().sum::<usize>(), 1000);
        assert!(counts[3] > counts[1] && counts[1] > counts[0] && counts[0] > counts[2]);
    }

    #[test]
    fn haversine_matches_a_known_distance() {
        // One degree of latitude on the model's sphere.
        let d = haversine_km([32.0, 112.0], [33.0, 112.0]);
        assert!((d - 111.1951).abs() < 1e-3, "{d}");
    }

    #[test]
    fn map_positions_round_to_six_decimals() {
        let spec = generate(Preset::County, 11);
        for at in spec.volunteers.iter().filter_map(|v| v.at).chain(spec.demands.iter().filter_map(|d| d.at)) {
            for x in at {
                assert_eq!((x * 1e6).round() / 1e6, x);
            }
        }
    }
}
