//! The volunteers' homes indexed for radius queries, one R-tree per skill so that a demand
//! needing a rare skill visits only the volunteers who hold it.

use super::geo::{chord_km, to_xyz};
use crate::model::{Instance, LatLon};
use rstar::{primitives::GeomWithData, RTree};

type Tree = RTree<GeomWithData<[f64; 3], u32>>;

/// Volunteers by location, overall and per skill.
pub struct VolunteerIndex {
    all: Tree,
    by_skill: Vec<Tree>,
    radius: f64,
    unlimited: bool,
    holders: Vec<Vec<u32>>,
    volunteer_count: usize,
}

impl VolunteerIndex {
    /// Indexes the volunteers of `instance` for queries within its `max_km`.
    pub fn new(instance: &Instance) -> Self {
        Self::within(instance, instance.policy.max_km)
    }

    /// Indexes the volunteers of `instance` for queries within `max_km` km (unlimited when
    /// infinite), whatever the instance's own radius: what a wider radius would bring in.
    pub fn within(instance: &Instance, max_km: f64) -> Self {
        let mut holders = vec![Vec::new(); instance.skill_count];
        for (v, vol) in instance.volunteers.iter().enumerate() {
            vol.skills.iter().for_each(|&s| holders[s as usize].push(v as u32));
        }
        let unlimited = !max_km.is_finite();
        let tree_of = |members: &mut dyn Iterator<Item = u32>| -> Tree {
            if unlimited {
                return RTree::new();
            }
            let points = members
                .filter_map(|v| instance.volunteers[v as usize].at.map(|at| GeomWithData::new(to_xyz(at), v)))
                .collect();
            RTree::bulk_load(points)
        };
        let all = tree_of(&mut (0..instance.volunteers.len() as u32));
        let by_skill = holders.iter().map(|h| tree_of(&mut h.iter().copied())).collect();
        // A slightly wider chord radius than max_km: callers apply the exact haversine test.
        let radius = if unlimited { f64::INFINITY } else { chord_km(max_km + 1e-9) * (1.0 + 1e-9) + 1e-9 };
        VolunteerIndex { all, by_skill, radius, unlimited, holders, volunteer_count: instance.volunteers.len() }
    }

    /// Volunteers possibly within `max_km` of `at` who may hold all of `skills` (a superset:
    /// callers test skills and the exact distance), in no particular order.
    pub fn near<'a>(&'a self, at: LatLon, skills: &[u32]) -> Box<dyn Iterator<Item = usize> + 'a> {
        let rarest = skills.iter().copied().min_by_key(|&s| self.holders[s as usize].len());
        match (self.unlimited, rarest) {
            (true, Some(s)) => Box::new(self.holders[s as usize].iter().map(|&v| v as usize)),
            (true, None) => Box::new(0..self.volunteer_count),
            (false, rarest) => {
                let tree = rarest.map_or(&self.all, |s| &self.by_skill[s as usize]);
                Box::new(tree.locate_within_distance(to_xyz(at), self.radius * self.radius).map(|p| p.data as usize))
            }
        }
    }
}
