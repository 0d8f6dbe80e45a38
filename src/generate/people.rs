//! One community's volunteers and demand list, drawn from the community's own random stream so
//! that communities can be generated in parallel and still give the same file for a seed.

use super::catalogue::{
    Who, CHILDREN, ELDERLY, FAMILIES, FUNDS, MATERIALS, MUSTS, PROBLEMS, SERVICES, SKILLS, UNIT_TYPES, VENUE, WISHES,
};
use super::layout::{Community, Map, Xy};
use super::profile::{MemberHours, ProfileParams};
use super::rng::{normal, stepped, uniform, weighted};
use super::units::Units;
use super::{haversine_km, MonthSlot, Params};
use crate::format::{DemandSpec, NeedSpec, VolunteerSpec};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Everything shared by all communities.
pub(super) struct World<'a> {
    pub params: &'a Params,
    /// The profile's shape of the month.
    pub shape: &'a ProfileParams,
    pub map: &'a Map,
    pub slots: &'a [MonthSlot],
    pub units: &'a Units,
    /// Distance a must demand's reserved team stays within.
    pub must_km: f64,
    /// Travel hours a reserved team member may need on top of the demand's hours (the walk
    /// there and back when arcs carry it).
    pub must_travel_hours: f64,
}

/// A community's volunteers and demands, ids still empty (they are numbered city-wide later).
pub(super) struct People {
    pub volunteers: Vec<VolunteerSpec>,
    pub demands: Vec<DemandSpec>,
    /// Funds the community's must demands need together, which its own fund must hold.
    pub must_funds: f64,
}

/// A volunteer while it is being built; skills are catalogue indices kept sorted.
struct Volunteer {
    at: [f64; 2],
    unit: Option<usize>,
    skills: Vec<usize>,
    hours: f64,
    max_tasks: i64,
    slots: Vec<bool>,
}

/// Walking distances a reserved volunteer of a must demand stays under, with a 10 m margin so
/// that any correct haversine agrees that it is within reach (`max_km`, or the routing limit).
const MUST_MARGIN_KM: f64 = 0.01;

/// Generates community `c` with `volunteers` volunteers and `demands` demands.
pub(super) fn community(w: &World, c: usize, volunteers: usize, demands: usize, rng: &mut ChaCha8Rng) -> People {
    let com = &w.map.communities[c];
    let mut vols: Vec<Volunteer> = (0..volunteers).map(|_| volunteer(w, com, rng)).collect();

    let musts = ((demands as f64 * w.shape.must_share + rng.random::<f64>()).floor() as usize)
        .min(w.shape.max_musts)
        .min(demands);
    let mut list: Vec<DemandSpec> = (0..demands - musts).map(|_| demand(w, com, rng)).collect();
    let mut reserved = vec![false; vols.len()];
    for _ in 0..musts {
        let d = must_demand(w, com, &mut vols, &mut reserved, rng);
        // Urgent items are reported at any time of the month, so they sit anywhere in the list.
        let at = rng.random_range(0..=list.len());
        list.insert(at, d);
    }

    let volunteers = vols
        .into_iter()
        .map(|v| VolunteerSpec {
            id: String::new(),
            name: None,
            region: Some(com.id.clone()),
            unit: v.unit.map(|u| w.units.units[u].id.clone()),
            at: Some(v.at),
            skills: Some(v.skills.iter().map(|&s| SKILLS[s].id.to_string()).collect()),
            hours: Some(v.hours),
            slots: slot_ids(w.slots, &v.slots),
            max_tasks: Some(v.max_tasks),
            max_standby: None,
        })
        .collect();
    let must_funds = list
        .iter()
        .filter(|d| d.must == Some(true))
        .flat_map(|d| d.needs.iter().flatten())
        .filter(|n| n.kind == FUNDS)
        .map(|n| n.amount)
        .sum();
    People { volunteers, demands: list, must_funds }
}

/// A point around `centre` with a gaussian spread of `sigma` km.
fn scatter(w: &World, centre: Xy, sigma: f64, rng: &mut ChaCha8Rng) -> [f64; 2] {
    w.map.latlon((centre.0 + sigma * normal(rng), centre.1 + sigma * normal(rng)))
}

fn pick<'a>(names: &[&'a str], rng: &mut ChaCha8Rng) -> &'a str {
    names[rng.random_range(0..names.len())]
}

fn volunteer(w: &World, com: &Community, rng: &mut ChaCha8Rng) -> Volunteer {
    let grid = &com.grids[rng.random_range(0..com.grids.len())];
    // Homes spread over the grid and a little beyond: compounds are not points.
    let at = scatter(w, grid.xy, 0.2 * com.size_km, rng);
    let retired = rng.random_bool(0.1 + 0.25 * com.old);
    let unit = (!retired && rng.random_bool(w.params.unit_members)).then(|| {
        let local = &w.units.by_district[com.district];
        // Most members work in their own district; some commute across the city.
        if !local.is_empty() && rng.random_bool(0.8) {
            local[rng.random_range(0..local.len())]
        } else {
            rng.random_range(0..w.units.units.len())
        }
    });

    let count = 1 + weighted(rng, [0.45, 0.35, 0.20].into_iter());
    let mut skills: Vec<usize> = Vec::with_capacity(count);
    if let Some(u) = unit.filter(|_| rng.random_bool(0.6)) {
        // A member's trade often follows the employer: hospital staff do health checks.
        let own = UNIT_TYPES[w.units.units[u].kind].skills;
        skills.push(own[rng.random_range(0..own.len())]);
    }
    let mut tries = 0;
    while skills.len() < count && tries < 20 {
        let s = weighted(rng, SKILLS.iter().map(|s| if retired { s.retired } else { s.working }));
        if !skills.contains(&s) {
            skills.push(s);
        }
        tries += 1;
    }
    skills.sort_unstable();

    let (hours, max_tasks) = member_hours(w.shape.member_hours, retired, rng);

    let mut slots: Vec<bool> = w.slots.iter().map(|s| s.home_day).collect();
    let ((working_lo, working_hi), (retired_lo, retired_hi)) = w.shape.extra_slots;
    let (extra, weekday_weight) = if retired {
        (rng.random_range(retired_lo..=retired_hi), 2.0)
    } else {
        (rng.random_range(working_lo..=working_hi), 0.0)
    };
    for _ in 0..extra {
        let weights = w.slots.iter().zip(&slots).map(|(s, &on)| match (on, s.weekend, s.party_day) {
            (true, _, _) => 0.0,
            // Weekday evenings, after work (only some profiles have them).
            (false, _, _) if s.evening => w.shape.evening_weight,
            (false, true, _) => 1.0,
            // Units hold activities on the party's founding day, so working members join too.
            (false, false, true) => 0.6 + weekday_weight,
            (false, false, false) => weekday_weight,
        });
        if weights.clone().sum::<f64>() > 0.0 {
            let k = weighted(rng, weights);
            slots[k] = true;
        }
    }
    Volunteer { at, unit, skills, hours, max_tasks, slots }
}

/// A member's monthly hours and most tasks.
fn member_hours(how: MemberHours, retired: bool, rng: &mut ChaCha8Rng) -> (f64, i64) {
    match how {
        // In-service members give a few hours on weekends; retired members more, on weekdays too.
        MemberHours::Table if retired => {
            ([3.0, 4.0, 4.0, 5.0, 6.0, 8.0, 10.0][rng.random_range(0..7)], [2, 2, 3, 3, 4][rng.random_range(0..5)])
        }
        MemberHours::Table => (
            [2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0][rng.random_range(0..8)],
            [1, 1, 1, 2, 2, 3, 4][rng.random_range(0..7)],
        ),
        MemberHours::LogNormal { median, sigma, range: (lo, hi), tasks } => {
            // Redrawn rather than clamped, so that the ends carry no lump; a draw lands inside
            // with probability well above one half, so 64 tries never all miss in practice.
            let mut hours = median;
            for _ in 0..64 {
                let x = half(median * (sigma * normal(rng)).exp());
                if (lo..=hi).contains(&x) {
                    hours = x;
                    break;
                }
            }
            (hours, rng.random_range(tasks.0..=tasks.1))
        }
    }
}

/// How strongly a community's demand list leans to a beneficiary group.
fn affinity(who: Who, old: f64) -> f64 {
    match who {
        Who::Elderly => 0.4 + 1.6 * old,
        Who::Child => 1.3 - old,
        Who::Family | Who::Anyone => 1.0,
    }
}

/// A beneficiary name for `who` and whether it is elderly (weighted higher).
fn beneficiary(who: Who, old: f64, rng: &mut ChaCha8Rng) -> (&'static str, bool) {
    match who {
        Who::Elderly => (pick(&ELDERLY, rng), true),
        Who::Child => (pick(&CHILDREN, rng), false),
        Who::Family => (pick(&FAMILIES, rng), false),
        Who::Anyone if rng.random_bool(0.2 + old) => (pick(&ELDERLY, rng), true),
        Who::Anyone => (pick(&FAMILIES, rng), false),
    }
}

fn half(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

fn need(kind: &str, amount: f64) -> NeedSpec {
    NeedSpec { kind: kind.to_string(), amount }
}

/// An ordinary demand: a small wish, a home service or a neighbourhood problem.
fn demand(w: &World, com: &Community, rng: &mut ChaCha8Rng) -> DemandSpec {
    let g = rng.random_range(0..com.grids.len());
    let at = scatter(w, com.grids[g].xy, 0.15 * com.size_km, rng);
    let region = Some(com.grids[g].id.clone());
    let roll = rng.random::<f64>();
    let wish_share = w.shape.wish_share;
    let problem_share = w.shape.problem_share.0 + w.shape.problem_share.1 * com.old;
    if roll < wish_share {
        let t = &WISHES[weighted(rng, WISHES.iter().map(|t| t.weight * affinity(t.who, com.old)))];
        let (who, elderly) = beneficiary(t.who, com.old, rng);
        let weight = if elderly { uniform(rng, 2.0, 3.0) } else { uniform(rng, 1.0, 2.5) };
        let pattern = weighted(rng, [0.35, 0.20, 0.0, 0.0, 0.10, 0.15, 0.0, 0.20].into_iter());
        DemandSpec {
            id: String::new(),
            region,
            at: Some(at),
            kind: Some("wish".to_string()),
            title: Some(format!("{who}微心愿：{}", t.item)),
            skills: t.skill.map(|s| vec![SKILLS[s].id.to_string()]),
            people: Some(1),
            standby: None,
            hours: Some(demand_hours(w, (1.0, 2.0), rng)),
            slots: demand_slots(w.slots, pattern, rng),
            needs: Some(vec![need(FUNDS, stepped(rng, t.price, 10.0))]),
            weight: Some(half(weight)),
            must: None,
            age: None,
            series: None,
        }
    } else if roll < wish_share + problem_share {
        let t = &PROBLEMS[weighted(rng, PROBLEMS.iter().map(|t| t.weight))];
        let people = rng.random_range(t.people.0..=t.people.1);
        let hours = demand_hours(w, t.hours, rng);
        let mut needs = Vec::new();
        if rng.random_bool(t.venue) {
            // The room is booked for the event, which lasts as long as each volunteer's part.
            needs.push(need(VENUE, hours));
        }
        if t.materials.0 > 0.0 && rng.random_bool(t.materials.0) {
            needs.push(need(MATERIALS, stepped(rng, (t.materials.1, t.materials.2), 100.0)));
        }
        if t.funds.0 > 0.0 && rng.random_bool(t.funds.0) {
            needs.push(need(FUNDS, stepped(rng, (t.funds.1, t.funds.2), 100.0)));
        }
        // A problem touches a whole building or compound, hence the higher weights.
        let weight = uniform(rng, 2.5, 4.0) + 0.25 * (people - 2) as f64;
        let pattern = weighted(rng, [0.25, 0.30, 0.0, 0.25, 0.0, 0.10, 0.0, 0.10].into_iter());
        DemandSpec {
            id: String::new(),
            region,
            at: Some(at),
            kind: Some("problem".to_string()),
            title: Some(format!("第{}网格{}", g + 1, t.title)),
            skills: t.skill.map(|s| vec![SKILLS[s].id.to_string()]),
            people: Some(people),
            standby: None,
            hours: Some(hours),
            slots: demand_slots(w.slots, pattern, rng),
            needs: (!needs.is_empty()).then_some(needs),
            weight: Some(half(weight.min(5.0))),
            must: None,
            age: None,
            series: None,
        }
    } else {
        let t = &SERVICES[weighted(rng, SERVICES.iter().map(|t| t.weight * affinity(t.who, com.old)))];
        let (who, elderly) = beneficiary(t.who, com.old, rng);
        let weight = if elderly {
            uniform(rng, 3.5, 5.0)
        } else if who == "居民" {
            uniform(rng, 2.0, 3.0)
        } else {
            uniform(rng, 2.5, 4.0)
        };
        let needs = (t.funds.0 > 0.0 && rng.random_bool(t.funds.0))
            .then(|| vec![need(FUNDS, stepped(rng, (t.funds.1, t.funds.2), 10.0))]);
        // Elderly people at home are free on weekdays and prefer mornings; others on weekends.
        let pattern = if elderly {
            weighted(rng, [0.20, 0.10, 0.25, 0.0, 0.0, 0.0, 0.20, 0.25].into_iter())
        } else {
            weighted(rng, [0.30, 0.30, 0.10, 0.0, 0.0, 0.0, 0.05, 0.25].into_iter())
        };
        DemandSpec {
            id: String::new(),
            region,
            at: Some(at),
            kind: Some("service".to_string()),
            title: Some(format!("{who}{}", t.action)),
            skills: Some(vec![SKILLS[t.skill].id.to_string()]),
            people: Some(if rng.random_bool((t.pair + w.shape.pair_boost).min(1.0)) { 2 } else { 1 }),
            standby: None,
            hours: Some(demand_hours(w, t.hours, rng)),
            slots: demand_slots(w.slots, pattern, rng),
            needs,
            weight: Some(half(weight)),
            must: None,
            age: None,
            series: None,
        }
    }
}

/// A demand's hours: from its template's range, or the profile's range when it sets one.
fn demand_hours(w: &World, template: (f64, f64), rng: &mut ChaCha8Rng) -> f64 {
    stepped(rng, w.shape.demand_hours.unwrap_or(template), 0.5)
}

/// Slot patterns, by index: 0 any slot, 1 weekends, 2 weekdays, 3 the return-home day, 4 first
/// half of the month, 5 second half, 6 mornings, 7 a few slots the resident named. `None` means
/// every slot, which the file writes by leaving the field out; so does a pattern that leaves no
/// slot of a short month (weekdays in a month of only the return-home day).
fn demand_slots(slots: &[MonthSlot], pattern: usize, rng: &mut ChaCha8Rng) -> Option<Vec<String>> {
    let allowed: Vec<bool> = match pattern {
        1 => slots.iter().map(|s| s.weekend).collect(),
        2 => slots.iter().map(|s| !s.weekend).collect(),
        3 => slots.iter().map(|s| s.home_day).collect(),
        4 => slots.iter().map(|s| s.day <= 15).collect(),
        5 => slots.iter().map(|s| s.day > 15).collect(),
        6 => slots.iter().map(|s| s.am).collect(),
        7 => {
            let mut on = vec![false; slots.len()];
            for _ in 0..rng.random_range(2..=5) {
                on[rng.random_range(0..slots.len())] = true;
            }
            on
        }
        _ => return None,
    };
    if !allowed.contains(&true) {
        return None;
    }
    slot_ids(slots, &allowed)
}

/// The ids of the slots that are on, or `None` when all are (the file's default).
fn slot_ids(slots: &[MonthSlot], on: &[bool]) -> Option<Vec<String>> {
    if on.iter().all(|&x| x) {
        return None;
    }
    Some(slots.iter().zip(on).filter(|(_, &x)| x).map(|(s, _)| s.id.clone()).collect())
}

/// A must demand and, by construction, a team that can meet it.
///
/// The team is `people` volunteers of the community not reserved by another must demand, within
/// `max_km`, holding the skill (given to the nearest ones when too few hold it) and free in one
/// common allowed slot (added where missing), with hours and tasks to spare.
/// Because teams are disjoint and a community's must demands need less funds together than its
/// own service fund, all must demands can be met at once. If the community has too few
/// volunteers in reach, the demand is still listed but not as a must.
fn must_demand(
    w: &World,
    com: &Community,
    vols: &mut [Volunteer],
    reserved: &mut [bool],
    rng: &mut ChaCha8Rng,
) -> DemandSpec {
    let t = &MUSTS[rng.random_range(0..MUSTS.len())];
    let g = rng.random_range(0..com.grids.len());
    let at = scatter(w, com.grids[g].xy, 0.1 * com.size_km, rng);
    // Urgent: within the first days of the month (ten in most profiles).
    let allowed: Vec<bool> = w.slots.iter().map(|s| s.day <= w.shape.must_days).collect();

    let mut team: Vec<(bool, f64, usize)> = vols
        .iter()
        .enumerate()
        .filter(|&(i, _)| !reserved[i])
        .map(|(i, v)| (!v.skills.contains(&t.skill), haversine_km(v.at, at), i))
        .filter(|&(_, km, _)| km <= w.must_km - MUST_MARGIN_KM)
        .collect();
    team.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let must = team.len() >= t.people as usize;
    if must {
        team.truncate(t.people as usize);
        // The team serves together, so it needs one slot in common: the allowed slot most of
        // them already keep free (the earliest among equals), added for the others.
        let slot = (0..allowed.len())
            .filter(|&k| allowed[k])
            .max_by_key(|&k| (team.iter().filter(|&&(_, _, i)| vols[i].slots[k]).count(), std::cmp::Reverse(k)))
            .unwrap_or(0);
        for &(lacks_skill, _, i) in &team {
            reserved[i] = true;
            let v = &mut vols[i];
            if lacks_skill {
                if v.skills.len() >= 3 {
                    v.skills.pop();
                }
                v.skills.push(t.skill);
                v.skills.sort_unstable();
            }
            v.hours = v.hours.max(t.hours + w.must_travel_hours);
            v.max_tasks = v.max_tasks.max(1);
            v.slots[slot] = true;
        }
    }
    let needs = (t.funds.1 > 0.0).then(|| vec![need(FUNDS, stepped(rng, t.funds, 10.0))]);
    DemandSpec {
        id: String::new(),
        region: Some(com.grids[g].id.clone()),
        at: Some(at),
        kind: Some(t.kind.to_string()),
        title: Some(t.title.replace("{who}", pick(&ELDERLY, rng)).replace("{g}", &(g + 1).to_string())),
        skills: Some(vec![SKILLS[t.skill].id.to_string()]),
        people: Some(t.people),
        standby: None,
        hours: Some(t.hours),
        slots: slot_ids(w.slots, &allowed),
        needs,
        weight: Some(5.0),
        must: must.then_some(true),
        age: None,
        series: None,
    }
}
