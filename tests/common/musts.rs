//! The guarantee every generated month keeps: all `must` demands can be met at once. Shared by
//! the generator's and the profiles' tests (included by path, so no other test crate sees it).

use civic_match::format::{DemandSpec, InstanceSpec, VolunteerSpec};
use std::collections::{BTreeMap, BTreeSet};

/// Haversine km on the model's sphere, written independently of the generator's.
pub fn km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let r = 6371.0088;
    let (p1, p2) = (a[0].to_radians(), b[0].to_radians());
    let (dp, dl) = (p2 - p1, (b[1] - a[1]).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

/// The slots a volunteer or demand allows, the instance's all when absent.
pub fn slot_list(spec: &InstanceSpec, slots: &Option<Vec<String>>) -> Vec<String> {
    match slots {
        Some(s) => s.clone(),
        None => spec.slots.iter().flatten().map(|s| s.id.clone()).collect(),
    }
}

/// Whether `v` holds every skill `d` asks for.
pub fn holds_all(v: &VolunteerSpec, d: &DemandSpec) -> bool {
    let have = v.skills.as_deref().unwrap_or_default();
    d.skills.iter().flatten().all(|s| have.contains(s))
}

/// Every must demand has `people` candidates free in one common allowed slot and its needs are
/// held by resources serving its region chain; and all must demands can be met together: one
/// allowed slot per demand and a matching of its seats to distinct volunteers with the hours.
pub fn check_must_demands(spec: &InstanceSpec) {
    let index: BTreeMap<&str, usize> = spec.volunteers.iter().enumerate().map(|(i, v)| (v.id.as_str(), i)).collect();
    let parent: BTreeMap<&str, Option<&str>> =
        spec.regions.iter().map(|r| (r.id.as_str(), r.parent.as_deref())).collect();
    let chain = |r: &str| {
        let mut out = vec![r.to_string()];
        let mut at = parent[r];
        while let Some(p) = at {
            out.push(p.to_string());
            at = parent[p];
        }
        out
    };
    let slot_hours: BTreeMap<&str, f64> =
        spec.slots.iter().flatten().map(|s| (s.id.as_str(), s.hours.unwrap_or(f64::INFINITY))).collect();
    let musts: Vec<&DemandSpec> = spec.demands.iter().filter(|d| d.must == Some(true)).collect();
    assert!(!musts.is_empty());

    // Per must demand its team size and, per usable slot, the volunteers free in it.
    let mut options: Vec<(usize, Vec<Vec<usize>>)> = Vec::new();
    let mut left: BTreeMap<&str, f64> = spec.resources.iter().map(|r| (r.id.as_str(), r.amount)).collect();
    for d in &musts {
        let at = d.at.unwrap();
        let hours = d.hours.unwrap_or(1.0);
        let people = d.people.unwrap_or(1) as usize;
        // Candidates and their hours: the arcs when there are any, else the walking circle.
        let candidates: Vec<(usize, f64)> = if spec.arcs.is_empty() {
            let max_km = spec.policy.max_km.unwrap_or(f64::INFINITY);
            // A degree of latitude is 111.19 km: farther in latitude is farther in distance.
            let band = max_km / 111.19 + 1e-6;
            spec.volunteers
                .iter()
                .enumerate()
                .filter(|(_, v)| (v.at.unwrap()[0] - at[0]).abs() <= band)
                .filter(|(_, v)| holds_all(v, d) && km(v.at.unwrap(), at) <= max_km + 1e-9)
                .map(|(i, _)| (i, hours))
                .collect()
        } else {
            spec.arcs
                .iter()
                .filter(|a| a.demand == d.id)
                .map(|a| (index[a.volunteer.as_str()], a.hours.unwrap_or(hours)))
                .filter(|&(i, _)| holds_all(&spec.volunteers[i], d))
                .collect()
        };
        let free_in = |slot: &str| -> Vec<usize> {
            candidates
                .iter()
                .copied()
                .filter(|&(i, h)| {
                    let v = &spec.volunteers[i];
                    v.hours.unwrap_or(f64::INFINITY) >= h
                        && slot_hours[slot] >= h
                        && v.max_tasks.unwrap_or(i64::MAX) >= 1
                        && slot_list(spec, &v.slots).iter().any(|s| s == slot)
                })
                .map(|(i, _)| i)
                .collect()
        };
        // The slots with enough free candidates, the most first.
        let mut choices: Vec<Vec<usize>> =
            slot_list(spec, &d.slots).into_iter().map(|s| free_in(&s)).filter(|v| v.len() >= people).collect();
        choices.sort_by_key(|v| std::cmp::Reverse(v.len()));
        assert!(!choices.is_empty(), "{}: no slot with {people} free candidates", d.id);
        options.push((people, choices));

        let regions = chain(d.region.as_deref().unwrap());
        for need in d.needs.iter().flatten() {
            let serving: Vec<&str> = spec
                .resources
                .iter()
                .filter(|r| r.kind == need.kind && r.serves.iter().any(|g| regions.contains(g)))
                .map(|r| r.id.as_str())
                .collect();
            let held: f64 = serving.iter().map(|r| left[r]).sum();
            assert!(held >= need.amount, "{}: {} of {} left for {}", d.id, held, need.kind, need.amount);
            // Take it, so the next must demand sees what is left.
            let mut owed = need.amount;
            for r in serving {
                let take = owed.min(left[r]);
                *left.get_mut(r).unwrap() -= take;
                owed -= take;
            }
        }
    }

    // The most constrained must demands first (fewest free candidates in their best slot).
    let mut order: Vec<usize> = (0..musts.len()).collect();
    order.sort_by_key(|&m| (options[m].1[0].len(), m));
    // Must demand by must demand, the slot with most free candidates first: its seats are
    // filled by augmenting paths (which may move earlier demands' volunteers within their
    // slots), each volunteer taking at most one must seat; a slot that fails is undone.
    let mut seats: Vec<Vec<usize>> = Vec::new();
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
    for (d, (people, choices)) in order.iter().map(|&m| (musts[m], &options[m])) {
        let mut placed = false;
        for free in choices {
            let before = owner.clone();
            let first = seats.len();
            seats.extend(std::iter::repeat_n(free.clone(), *people));
            if (first..seats.len()).all(|s| augment(s, &seats, &mut owner, &mut BTreeSet::new())) {
                placed = true;
                break;
            }
            seats.truncate(first);
            owner = before;
        }
        assert!(placed, "{}: must seats cannot all be filled at once", d.id);
    }
}

/// Kuhn's augmenting path from seat `s`.
fn augment(s: usize, seats: &[Vec<usize>], owner: &mut BTreeMap<usize, usize>, seen: &mut BTreeSet<usize>) -> bool {
    for &v in &seats[s] {
        if seen.insert(v) {
            let free = match owner.get(&v).copied() {
                None => true,
                Some(other) => augment(other, seats, owner, seen),
            };
            if free {
                owner.insert(v, s);
                return true;
            }
        }
    }
    false
}
