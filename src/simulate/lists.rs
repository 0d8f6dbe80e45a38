//! A month's own lists in a simulated year: the place stays (regions, units, slots, resource
//! offers of the generator's layout), the members change a little (some leave, some join),
//! recurring residents ask for the same service every month, and fresh demands arrive.

use crate::format::{DemandSpec, InstanceSpec, VolunteerSpec};
use crate::generate::{generate_draw, Preset, Profile};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Share of the layout month's home services (kind `service`, not `must`) that recur every
/// month: about 15 % of a month's demands.
pub const RECURRING_SHARE_OF_SERVICES: f64 = 0.3;

/// Chance that a member present leaves before a month (moved away, stopped reporting).
pub const LEAVE_CHANCE: f64 = 0.02;

/// Chance that a member of the month's fresh draw joins the community's list.
pub const JOIN_CHANCE: f64 = 0.02;

/// What the simulated place is and how its months change.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The generator's size and place.
    pub preset: Preset,
    /// The generator's month shape.
    pub profile: Profile,
    /// The generator's seed, which fixes the layout.
    pub seed: u64,
    /// Share of a fresh draw's demands that arrive in a month.
    pub arrivals: f64,
    /// The fairness floor (`policy.fairness.min_coverage`) every month is planned with, in both
    /// runs; the generator's (0.6) when absent.
    pub min_coverage: Option<f64>,
}

/// The place through the year: its members now and its recurring residents.
#[derive(Debug, Clone)]
pub struct Lists {
    place: Place,
    /// The layout month (draw 0), whose regions, units and slots every month keeps.
    layout: InstanceSpec,
    /// Members present, in the order they joined.
    pub members: Vec<VolunteerSpec>,
    /// The recurring services, each with its series id set.
    series: Vec<DemandSpec>,
    /// Numbers of the layout's demands that became series (they never arrive fresh).
    series_of: Vec<bool>,
    /// The number the next member who joins gets (`v<N>`).
    next_member: usize,
}

/// The id prefix of a month's demands, `2026-03`: demand ids stay unique across the year.
fn prefixed(month: &str, id: &str) -> String {
    format!("{month}-{id}")
}

impl Lists {
    /// The place at the start of the year: the layout month's members, and its home services
    /// drawn as recurring with [`RECURRING_SHARE_OF_SERVICES`] from `rng`.
    pub fn new(place: Place, rng: &mut ChaCha8Rng) -> Lists {
        let layout = generate_draw(place.preset, place.profile, place.seed, 0);
        let mut series = Vec::new();
        let mut series_of = vec![false; layout.demands.len()];
        for (k, d) in layout.demands.iter().enumerate() {
            let service = d.kind.as_deref() == Some("service") && d.must != Some(true);
            if service && rng.random::<f64>() < RECURRING_SHARE_OF_SERVICES {
                let mut recurring = d.clone();
                recurring.series = Some(format!("s{}", series.len() + 1));
                series.push(recurring);
                series_of[k] = true;
            }
        }
        let members = layout.volunteers.clone();
        let next_member = members.len() + 1;
        Lists { place, layout, members, series, series_of, next_member }
    }

    /// The layout month, whose regions every month keeps.
    pub fn layout(&self) -> &InstanceSpec {
        &self.layout
    }

    /// The lists of month number `k` (0 for the first), named `month`: members leave and join
    /// (from the second month on), the series demands, the fresh demands of draw `k` that
    /// arrive, and draw `k`'s resources. Fresh demands are never `must`: the generator
    /// guarantees a must demand's team only among its own draw's members.
    pub fn month(&mut self, k: u32, month: &str, name: String, rng: &mut ChaCha8Rng) -> InstanceSpec {
        let draw = if k == 0 {
            self.layout.clone()
        } else {
            generate_draw(self.place.preset, self.place.profile, self.place.seed, k)
        };
        if k > 0 {
            self.members.retain(|_| rng.random::<f64>() >= LEAVE_CHANCE);
            for v in &draw.volunteers {
                if rng.random::<f64>() < JOIN_CHANCE {
                    let mut joined = v.clone();
                    joined.id = format!("v{}", self.next_member);
                    self.next_member += 1;
                    self.members.push(joined);
                }
            }
        }
        let mut demands: Vec<DemandSpec> = self
            .series
            .iter()
            .map(|s| DemandSpec { id: prefixed(month, s.series.as_deref().unwrap_or_default()), ..s.clone() })
            .collect();
        for (n, d) in draw.demands.iter().enumerate() {
            let arrives = rng.random::<f64>() < self.place.arrivals;
            if arrives && !(k == 0 && self.series_of[n]) {
                demands.push(DemandSpec { id: prefixed(month, &d.id), must: None, ..d.clone() });
            }
        }
        InstanceSpec {
            name: Some(name),
            volunteers: self.members.clone(),
            demands,
            resources: draw.resources,
            history: None,
            ..self.layout.clone()
        }
    }
}

/// The community (the region of level `community`) of each region of `spec`, by region id:
/// regions below a community map to it, a community to itself, regions above to none.
pub fn communities(spec: &InstanceSpec) -> (Vec<String>, HashMap<String, usize>) {
    let parent: HashMap<&str, &str> =
        spec.regions.iter().filter_map(|r| r.parent.as_deref().map(|p| (r.id.as_str(), p))).collect();
    let level: HashMap<&str, &str> =
        spec.regions.iter().filter_map(|r| r.level.as_deref().map(|l| (r.id.as_str(), l))).collect();
    let ids: Vec<String> =
        spec.regions.iter().filter(|r| r.level.as_deref() == Some("community")).map(|r| r.id.clone()).collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect();
    let mut of = HashMap::new();
    for r in &spec.regions {
        let mut at = Some(r.id.as_str());
        // The tree is acyclic (validated); the bound guards a malformed one all the same.
        for _ in 0..spec.regions.len() {
            match at {
                Some(id) if level.get(id) == Some(&"community") => {
                    of.insert(r.id.clone(), index[id]);
                    break;
                }
                Some(id) => at = parent.get(id).copied(),
                None => break,
            }
        }
    }
    (ids, of)
}
