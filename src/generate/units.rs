//! Co-building units (驻区单位) and the resource list (资源清单): each community's own monthly
//! service fund, and what the units offer under their co-building agreements.

use super::catalogue::{FUNDS, MATERIALS, UNIT_TYPES, VENUE};
use super::layout::Map;
use super::people::People;
use super::profile::Scarcity;
use super::rng::{stepped, uniform, weighted};
use super::Params;
use crate::format::{ResourceSpec, UnitSpec};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// A unit as the people generator sees it.
pub(super) struct Unit {
    pub id: String,
    pub kind: usize,
    /// Index of the community it sits in.
    pub home: usize,
}

/// Numbers in school names: 第三中学 reads right, 第3中学 does not.
const NUMERALS: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/// The units, their specs, and per district the indices of its units.
pub(super) struct Units {
    pub units: Vec<Unit>,
    pub specs: Vec<UnitSpec>,
    pub by_district: Vec<Vec<usize>>,
}

/// Places units in communities (a few per community) and names them after their type and place.
pub(super) fn build(p: &Params, map: &Map, rng: &mut ChaCha8Rng) -> Units {
    let mut units = Vec::new();
    let mut specs = Vec::new();
    let mut by_district = vec![Vec::new(); map.districts.len()];
    let mut used = BTreeSet::new();
    for (home, c) in map.communities.iter().enumerate() {
        for _ in 0..rng.random_range(p.units_per_community.0..=p.units_per_community.1) {
            let (kind, name) = unit_name(map, c.street, &c.word, c.district, &mut used, rng);
            let id = format!("u{}", units.len() + 1);
            by_district[c.district].push(units.len());
            specs.push(UnitSpec { id: id.clone(), name: Some(name), region: Some(c.id.clone()) });
            units.push(Unit { id, kind, home });
        }
    }
    Units { units, specs, by_district }
}

/// A type and a name not used yet in the unit's city: a street has one police station, a
/// district one tax bureau (the province's cities reuse place words, as real cities do).
fn unit_name(
    map: &Map,
    street: usize,
    community_word: &str,
    district: usize,
    used: &mut BTreeSet<(usize, String)>,
    rng: &mut ChaCha8Rng,
) -> (usize, String) {
    let city = map.districts[district].city;
    let mut last = (0, String::new());
    for _ in 0..12 {
        let kind = weighted(rng, UNIT_TYPES.iter().map(|t| t.weight));
        let names = UNIT_TYPES[kind].names;
        let name = names[rng.random_range(0..names.len())]
            .replace("{c}", community_word)
            .replace("{s}", &map.streets[street].word)
            .replace("{d}", map.districts[district].name)
            .replace("{x}", map.cities[city].trim_end_matches('市'))
            .replace("{n}", NUMERALS[rng.random_range(0..NUMERALS.len())]);
        if used.insert((city, name.clone())) {
            return (kind, name);
        }
        last = (kind, name);
    }
    // Very small maps can run out of distinct names; a branch office is then a fair reading.
    let mut k = 2;
    loop {
        let numeral = NUMERALS.get(k - 1).map_or_else(|| k.to_string(), |n| n.to_string());
        let name = format!("{}{numeral}分部", last.1);
        if used.insert((city, name.clone())) {
            return (last.0, name);
        }
        k += 1;
    }
}

/// The resource list: one service fund per community first, then the units' offers.
///
/// A unit serves either the one to three communities nearest to it (its co-building agreements)
/// or its whole street (a street-level agreement); both are common in the reports.
///
/// Without `unit_funds` units give in kind only (venues, materials): their funds offers are
/// dropped, and the community's own fund is then all the money its demands can draw on.
pub(super) fn resources(map: &Map, units: &Units, unit_funds: bool, rng: &mut ChaCha8Rng) -> Vec<ResourceSpec> {
    let mut out = Vec::new();
    for c in &map.communities {
        // 200,000 yuan a year at least, more in large communities.
        let yearly = (200_000.0 * c.scale.max(1.0)).min(300_000.0);
        out.push(ResourceSpec {
            id: format!("r{}", out.len() + 1),
            unit: None,
            kind: FUNDS.to_string(),
            amount: (yearly / 12.0 / 10.0).round() * 10.0,
            serves: vec![c.id.clone()],
        });
    }
    for unit in &units.units {
        let serves = if rng.random_bool(0.65) {
            let k = rng.random_range(1..=3);
            nearest_communities(map, unit.home, k)
        } else {
            vec![map.streets[map.communities[unit.home].street].id.clone()]
        };
        let offers = UNIT_TYPES[unit.kind].offers;
        let mut chosen = Vec::new();
        for (i, o) in offers.iter().enumerate() {
            if rng.random::<f64>() < o.chance {
                chosen.push(i);
            }
        }
        if chosen.is_empty() {
            // Every unit offers something: that is what signing the agreement means.
            chosen.push(0);
        }
        for i in chosen {
            let o = &offers[i];
            if !unit_funds && o.kind == FUNDS {
                continue;
            }
            out.push(ResourceSpec {
                id: format!("r{}", out.len() + 1),
                unit: Some(unit.id.clone()),
                kind: o.kind.to_string(),
                amount: stepped(rng, o.range, o.step),
                serves: serves.clone(),
            });
        }
    }
    out
}

/// Ids of the `k` communities nearest to community `home`, itself first.
fn nearest_communities(map: &Map, home: usize, k: usize) -> Vec<String> {
    let at = map.communities[home].xy;
    let mut order: Vec<(f64, usize)> = map
        .communities
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.xy.0 - at.0).powi(2) + (c.xy.1 - at.1).powi(2), i))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    order.iter().take(k).map(|&(_, i)| map.communities[i].id.clone()).collect()
}

/// Rounds an amount of yuan up to the 10 yuan community funds are counted in.
fn up_to_ten(amount: f64) -> f64 {
    (amount / 10.0).ceil() * 10.0
}

/// Raises each community's own fund (the first resources, one per community in order) to what
/// its must demands need together, so that they can all be paid at once whatever else is drawn.
/// The original months never need it: 20 must demands need at most 12,000 yuan, less than the
/// smallest monthly fund.
pub(super) fn cover_must_funds(resources: &mut [ResourceSpec], people: &[People]) {
    for (fund, community) in resources.iter_mut().zip(people) {
        fund.amount = fund.amount.max(up_to_ten(community.must_funds));
    }
}

/// What the demands of `people` ask of resources of `kind` in all.
fn asked(people: &[People], kind: &str) -> f64 {
    people
        .iter()
        .flat_map(|c| &c.demands)
        .flat_map(|d| d.needs.iter().flatten())
        .filter(|n| n.kind == kind)
        .map(|n| n.amount)
        .sum()
}

/// Fits the resource list to the drawn demand list so that resources bind: each community's
/// fund becomes a drawn share of what its demands ask (never below its must demands' funds),
/// and the units' venues and materials shrink to a drawn share of what the whole list asks
/// (rounded to their steps, never below one step, never grown).
pub(super) fn fit_to_list(
    resources: &mut [ResourceSpec],
    people: &[People],
    scarcity: &Scarcity,
    rng: &mut ChaCha8Rng,
) {
    for (fund, community) in resources.iter_mut().zip(people) {
        let share = uniform(rng, scarcity.funds.0, scarcity.funds.1);
        let wanted = (share * asked(std::slice::from_ref(community), FUNDS) / 10.0).round() * 10.0;
        fund.amount = wanted.max(up_to_ten(community.must_funds));
    }
    let communities = people.len();
    for (kind, range, step) in [(VENUE, scarcity.venue, 2.0), (MATERIALS, scarcity.materials, 500.0)] {
        let offered: f64 = resources[communities..].iter().filter(|r| r.kind == kind).map(|r| r.amount).sum();
        let share = uniform(rng, range.0, range.1);
        if offered <= 0.0 {
            continue;
        }
        let factor = (share * asked(people, kind) / offered).min(1.0);
        for r in resources[communities..].iter_mut().filter(|r| r.kind == kind) {
            r.amount = (r.amount * factor / step).round().max(1.0) * step;
        }
    }
}
