//! Candidates as a routing engine would give them: an arc for every pair of a demand and a
//! volunteer holding its skills whose road distance is within the travel limit, with the road
//! distance's cost and the demand's hours plus the walk there and back.
//!
//! Road distance is the haversine distance times a detour factor drawn per pair (streets are
//! not straight lines). Each demand draws from its own ChaCha8 stream of the seed, so demands
//! are routed in parallel and the arcs are still the same for a seed.

use super::catalogue::SKILLS;
use super::haversine_km;
use super::profile::Routing;
use super::rng::uniform;
use crate::format::{ArcSpec, DemandSpec, VolunteerSpec};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// First random stream of the routing draws, far above the community streams (`c + 1`).
const ROUTING_STREAM: u64 = 1 << 32;

/// Km per degree of latitude on the model's sphere.
const KM_PER_DEGREE: f64 = 6371.0088 * std::f64::consts::PI / 180.0;

/// Bit set of the catalogue skills in `skills` (13 skills fit in 16 bits).
fn skill_bits(skills: &Option<Vec<String>>) -> u16 {
    skills.iter().flatten().fold(0, |bits, s| match SKILLS.iter().position(|k| k.id == s) {
        Some(i) => bits | (1 << i),
        None => bits,
    })
}

/// The arcs of the month, demand by demand and, within a demand, in volunteer order.
pub(super) fn route(
    volunteers: &[VolunteerSpec],
    demands: &[DemandSpec],
    routing: &Routing,
    travel_weight: f64,
    seed: u64,
) -> Vec<ArcSpec> {
    let at: Vec<[f64; 2]> = volunteers.iter().map(|v| v.at.unwrap_or_default()).collect();
    let bits: Vec<u16> = volunteers.iter().map(|v| skill_bits(&v.skills)).collect();
    // Volunteers by latitude, so that each demand scans only the band it can reach.
    let mut by_lat: Vec<usize> = (0..volunteers.len()).collect();
    by_lat.sort_by(|&a, &b| at[a][0].total_cmp(&at[b][0]).then(a.cmp(&b)));
    let lats: Vec<f64> = by_lat.iter().map(|&v| at[v][0]).collect();
    // No detour is shorter than the straight line times the smallest factor.
    let reach_km = routing.limit_km / routing.detour.0;
    let band = reach_km / KM_PER_DEGREE + 1e-6;

    demands
        .par_iter()
        .enumerate()
        .map(|(d, demand)| {
            let Some(spot) = demand.at else { return Vec::new() };
            let needs = skill_bits(&demand.skills);
            let lo = lats.partition_point(|&x| x < spot[0] - band);
            let hi = lats.partition_point(|&x| x <= spot[0] + band);
            let mut near: Vec<(usize, f64)> = by_lat[lo..hi]
                .iter()
                .filter(|&&v| bits[v] & needs == needs)
                .map(|&v| (v, haversine_km(at[v], spot)))
                .filter(|&(_, km)| km <= reach_km)
                .collect();
            near.sort_by_key(|&(v, _)| v);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(ROUTING_STREAM + d as u64);
            let hours = demand.hours.unwrap_or(1.0);
            near.into_iter()
                .filter_map(|(v, km)| {
                    let road = km * uniform(&mut rng, routing.detour.0, routing.detour.1);
                    (road <= routing.limit_km).then(|| ArcSpec {
                        demand: demand.id.clone(),
                        volunteer: volunteers[v].id.clone(),
                        cost: Some((travel_weight * road * 1000.0).round() / 1000.0),
                        // Travel there and back, rounded up to 0.05 h so it is never below the
                        // demand's own hours.
                        hours: Some(((hours + 2.0 * road / routing.speed_kmh) * 20.0).ceil() / 20.0),
                    })
                })
                .collect()
        })
        .collect::<Vec<Vec<ArcSpec>>>()
        .into_iter()
        .flatten()
        .collect()
}
