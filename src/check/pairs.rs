//! The checker's own view of demand–volunteer pairs: whether a volunteer is a candidate for a
//! demand, and the cost c(d, v) and hours h(d, v) of the pair, straight from the contract.

use super::KM_TOLERANCE;
use crate::model::{Instance, LatLon};
use std::collections::HashMap;

/// Radius of the sphere on which distances are measured, in km (the mean Earth radius).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two `[latitude, longitude]` points in degrees, by the
/// haversine formula on a sphere of radius [`EARTH_RADIUS_KM`].
///
/// The haversine form stays accurate for the short distances of a community (tens of metres),
/// where the spherical law of cosines loses most of its digits.
///
/// # Examples
/// ```
/// use civic_match::check::{haversine_km, EARTH_RADIUS_KM};
/// // One hundredth of a degree along a meridian.
/// let km = haversine_km([25.56, 103.25], [25.57, 103.25]);
/// assert!((km - EARTH_RADIUS_KM * 0.01f64.to_radians()).abs() < 1e-9);
/// ```
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a[0].to_radians(), b[0].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b[1] - a[1]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

/// Whether a volunteer can reach a demand, skills aside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Reach {
    /// An arc joins them, or (without arcs) they are within `max_km`.
    Yes,
    /// The instance has arcs and none joins them.
    NoArc,
    /// They are farther apart than `max_km`; the distance in km.
    TooFar(f64),
    /// The instance has no arcs and one of the two has no location.
    NoLocation,
}

/// A demand–volunteer pair as the contract defines it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pair {
    /// Whether the volunteer can reach the demand.
    pub reach: Reach,
    /// c(d, v); 0 where the contract gives the pair no cost (no arc, or no location).
    pub cost: f64,
    /// h(d, v).
    pub hours: f64,
}

/// Lookup of pairs: the arcs by their ends, or the distance rule.
pub(super) struct Pairs<'a> {
    instance: &'a Instance,
    arcs: HashMap<(u32, u32), usize>,
}

impl<'a> Pairs<'a> {
    /// Indexes the instance's arcs.
    pub fn new(instance: &'a Instance) -> Self {
        let arcs = instance.arcs.iter().enumerate().map(|(i, a)| ((a.demand, a.volunteer), i)).collect();
        Self { instance, arcs }
    }

    /// The pair (d, v).
    pub fn pair(&self, d: u32, v: u32) -> Pair {
        let inst = self.instance;
        let demand = &inst.demands[d as usize];
        if !inst.arcs.is_empty() {
            return match self.arcs.get(&(d, v)) {
                Some(&i) => Pair { reach: Reach::Yes, cost: inst.arcs[i].cost, hours: inst.arcs[i].hours },
                None => Pair { reach: Reach::NoArc, cost: 0.0, hours: demand.hours },
            };
        }
        let Some((from, to)) = inst.volunteers[v as usize].at.zip(demand.at) else {
            return Pair { reach: Reach::NoLocation, cost: 0.0, hours: demand.hours };
        };
        let km = haversine_km(from, to);
        let reach = if km <= inst.policy.max_km + KM_TOLERANCE { Reach::Yes } else { Reach::TooFar(km) };
        Pair { reach, cost: inst.policy.travel_weight * km, hours: demand.hours }
    }

    /// The skills of demand `d` that volunteer `v` lacks, in index order.
    pub fn missing_skills(&self, d: u32, v: u32) -> Vec<u32> {
        let held = &self.instance.volunteers[v as usize].skills;
        self.instance.demands[d as usize].skills.iter().copied().filter(|s| held.binary_search(s).is_err()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_measure_a_quarter_of_the_equator() {
        let km = haversine_km([0.0, 0.0], [0.0, 90.0]);
        assert!((km - EARTH_RADIUS_KM * std::f64::consts::FRAC_PI_2).abs() < 1e-9);
    }

    #[test]
    fn can_measure_antipodes_without_nan() {
        // Near antipodes the formula loses about half its digits; it must still give a number.
        let km = haversine_km([10.0, 20.0], [-10.0, -160.0]);
        assert!((km - EARTH_RADIUS_KM * std::f64::consts::PI).abs() < 1e-3, "{km}");
        assert_eq!(haversine_km([25.0, 103.0], [25.0, 103.0]), 0.0);
    }
}
