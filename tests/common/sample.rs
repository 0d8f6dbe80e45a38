//! Small months of every generator profile, small enough for the brute force: a few demands of
//! one or two neighbouring communities of a generated county month, a few of their candidate
//! volunteers, and the resources serving them scaled to the demands kept, so that a profile's
//! shape (slot hours, members' hours, scarcity, team sizes, arcs, `must` share) survives.

use civic_match::format::{InstanceSpec, SlotSpec};
use civic_match::generate::{generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};

/// Most slots a small month keeps (those its demands allow most), so the brute force stays quick.
const MAX_SLOTS: usize = 5;

/// A small month of `profile`: up to `demands` demands and `volunteers` volunteers taken from
/// the county month of `seed`. Valid, with every `must` demand satisfiable alone.
pub fn small_month(profile: Profile, seed: u64, demands: usize, volunteers: usize) -> Problem {
    let full = generate_profile(Preset::County, profile, 1 + seed % 3);
    let problem = Problem::from_spec(&full, "county").expect("generated months are valid");
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let with_candidates: Vec<usize> =
        (0..full.demands.len()).filter(|&d| !problem.candidates.of(d).volunteers.is_empty()).collect();
    let first = with_candidates[rng.random_range(0..with_candidates.len())];
    // Demands that share candidates with the first one (so the volunteers kept compete for
    // them), then any others of its community.
    let first_volunteers: BTreeSet<u32> = problem.candidates.of(first).volunteers.iter().copied().collect();
    let mut others: Vec<usize> = with_candidates.iter().copied().filter(|&d| d != first).collect();
    others.shuffle(&mut rng);
    others.sort_by_key(|&d| {
        let shared = problem.candidates.of(d).volunteers.iter().filter(|v| first_volunteers.contains(v)).count();
        (std::cmp::Reverse(shared), full.demands[d].region != full.demands[first].region)
    });
    let mut kept: Vec<usize> = std::iter::once(first).chain(others).take(demands).collect();
    kept.sort_unstable();
    let mut pool: Vec<u32> = kept
        .iter()
        .flat_map(|&d| problem.candidates.of(d).volunteers.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    pool.shuffle(&mut rng);
    pool.truncate(volunteers);
    pool.sort_unstable();

    let mut spec = InstanceSpec { demands: kept.iter().map(|&d| full.demands[d].clone()).collect(), ..full.clone() };
    spec.name = Some(format!("{}-small-{seed}", profile.name()));
    spec.volunteers = pool.iter().map(|&v| full.volunteers[v as usize].clone()).collect();
    let demand_ids: BTreeSet<&str> = spec.demands.iter().map(|d| d.id.as_str()).collect();
    let volunteer_ids: BTreeSet<&str> = spec.volunteers.iter().map(|v| v.id.as_str()).collect();
    spec.arcs.retain(|a| demand_ids.contains(a.demand.as_str()) && volunteer_ids.contains(a.volunteer.as_str()));
    keep_busiest_slots(&mut spec);
    scale_resources(&mut spec, &full);
    super::drop_unsatisfiable_musts(&mut spec);
    Problem::from_spec(&spec, "small").expect("small months are valid")
}

/// Keeps the `MAX_SLOTS` slots the demands allow most and drops the others from every list.
fn keep_busiest_slots(spec: &mut InstanceSpec) {
    let all: Vec<SlotSpec> = spec.slots.clone().unwrap_or_default();
    if all.len() <= MAX_SLOTS {
        return;
    }
    let mut count: BTreeMap<&str, usize> = all.iter().map(|s| (s.id.as_str(), 0)).collect();
    for d in &spec.demands {
        match &d.slots {
            Some(list) => list.iter().for_each(|s| *count.get_mut(s.as_str()).unwrap() += 1),
            None => count.values_mut().for_each(|c| *c += 1),
        }
    }
    let mut order: Vec<&SlotSpec> = all.iter().collect();
    order.sort_by_key(|s| std::cmp::Reverse(count[s.id.as_str()]));
    let keep: BTreeSet<String> = order.iter().take(MAX_SLOTS).map(|s| s.id.clone()).collect();
    spec.slots = Some(all.iter().filter(|s| keep.contains(&s.id)).cloned().collect());
    let restrict = |list: &mut Option<Vec<String>>| {
        if let Some(list) = list {
            list.retain(|s| keep.contains(s));
        }
    };
    // A list left empty would allow no slot; absent (every slot) is kept as it is.
    spec.demands.iter_mut().for_each(|d| restrict(&mut d.slots));
    spec.volunteers.iter_mut().for_each(|v| restrict(&mut v.slots));
}

/// Keeps the resources serving the kept demands, each scaled by the share of the full month's
/// need of its kind (in the regions it serves) that the kept demands ask, so a scarce month
/// stays scarce.
fn scale_resources(spec: &mut InstanceSpec, full: &InstanceSpec) {
    let parent: BTreeMap<&str, Option<&str>> =
        full.regions.iter().map(|r| (r.id.as_str(), r.parent.as_deref())).collect();
    let chain = |region: Option<&str>| {
        let mut out = BTreeSet::new();
        let mut at = region;
        while let Some(r) = at {
            if !out.insert(r.to_string()) {
                break;
            }
            at = parent.get(r).copied().flatten();
        }
        out
    };
    let asked = |demands: &[civic_match::format::DemandSpec], kind: &str, serves: &[String]| -> f64 {
        demands
            .iter()
            .filter(|d| serves.iter().any(|s| chain(d.region.as_deref()).contains(s)))
            .flat_map(|d| d.needs.iter().flatten())
            .filter(|n| n.kind == kind)
            .map(|n| n.amount)
            .sum()
    };
    let kept = spec.demands.clone();
    spec.resources.retain_mut(|r| {
        let here = asked(&kept, &r.kind, &r.serves);
        if here <= 0.0 {
            return false;
        }
        let share = here / asked(&full.demands, &r.kind, &r.serves).max(here);
        r.amount = (r.amount * share * 100.0).round() / 100.0;
        true
    });
}
