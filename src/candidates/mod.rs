//! Candidate pairs: which volunteers may serve which demand, at what cost and hours.
//!
//! Stored per demand in one compressed-row layout (`start[d]..start[d + 1]` indexes flat
//! arrays), sorted by cost so that "the cheapest available team" is a prefix scan. Pairs come
//! from the arcs when the instance has any, otherwise from an R-tree radius query over the
//! volunteers' homes, so a city never pays for an all-pairs scan.

mod geo;
mod index;
mod skills;

pub use geo::{chord_km, haversine_km, to_xyz, EARTH_RADIUS_KM};
pub use index::VolunteerIndex;
pub use skills::SkillRows;

use crate::model::Instance;
use crate::policy::{pair_reward, rewards_pairs};
use rayon::prelude::*;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Demands handled per parallel block; bounds the memory held in per-demand lists at once.
const BLOCK: usize = 8192;

/// Most candidate pairs a month may have. A pair takes 12 bytes here and as much again in the
/// search's and the bound's tables, so a billion pairs is about what 24 GiB holds; a month
/// beyond (an unlimited walk over a province) gets a clear error instead of running out of
/// memory.
pub const MAX_PAIRS: usize = 1_000_000_000;

/// A month with more candidate pairs than the build allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyPairs {
    /// The most pairs allowed.
    pub limit: usize,
    /// Demands whose lists were complete before the block of demands that passed the limit.
    pub demands_built: usize,
    /// Demands of the month.
    pub demands: usize,
}

impl fmt::Display for TooManyPairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the month has more than {} candidate pairs (passed after the pairs of {} of its {} demands); \
             shorten the walk with policy.max_km, or give explicit arcs",
            self.limit, self.demands_built, self.demands
        )
    }
}

/// Candidate volunteers of every demand with c(d, v) and h(d, v).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    start: Vec<usize>,
    volunteer: Vec<u32>,
    cost: Vec<f64>,
    /// Per-pair hours; only with arcs (otherwise a pair's hours are the demand's hours).
    arc_hours: Option<Vec<f64>>,
    demand_hours: Vec<f64>,
    volunteer_count: usize,
    /// The inverse lists (start per volunteer, demands), built on first use by
    /// [`Candidates::demands_of`] and then shared by every search of the month.
    inverse: OnceLock<(Vec<usize>, Vec<u32>)>,
}

/// One demand's candidate list, cheapest first.
#[derive(Debug, Clone, Copy)]
pub struct CandidateList<'a> {
    /// Volunteer indices.
    pub volunteers: &'a [u32],
    /// c(d, v) of each, in the same order.
    pub costs: &'a [f64],
    hours: Option<&'a [f64]>,
    demand_hours: f64,
}

impl CandidateList<'_> {
    /// h(d, v) of the `k`-th candidate.
    pub fn hours(&self, k: usize) -> f64 {
        self.hours.map_or(self.demand_hours, |h| h[k])
    }

    /// Position of volunteer `v` in the list, if it is a candidate.
    pub fn position(&self, v: u32) -> Option<usize> {
        self.volunteers.iter().position(|&u| u == v)
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.volunteers.len()
    }

    /// Whether there is no candidate.
    pub fn is_empty(&self) -> bool {
        self.volunteers.is_empty()
    }
}

type Pair = (u32, f64, f64);

impl Candidates {
    /// Builds the candidates of every demand, in parallel over blocks of demands.
    ///
    /// # Complexity
    /// With arcs, O(A log A). Otherwise O(V log V) to index the volunteers plus, per demand,
    /// O(log V + k) for the k volunteers within `max_km` (O(V) when `max_km` is unlimited).
    pub fn build(instance: &Instance) -> Result<Self, TooManyPairs> {
        Self::build_among(instance, |_| None, MAX_PAIRS)
    }

    /// Builds the candidates of every demand `d`, or, where `among(d)` names volunteers, only
    /// those of them who are candidates: a re-planned month searches few of its demands, and
    /// the demands its pins fix need no pairs but their pinned ones. More than `limit` pairs in
    /// all is an error, found while the lists are built (the lists of the block under way stop
    /// as soon as the count passes it), so memory stays within the limit and a block's worth.
    pub fn build_among<'a>(
        instance: &Instance,
        among: impl Fn(usize) -> Option<&'a [u32]> + Sync,
        limit: usize,
    ) -> Result<Self, TooManyPairs> {
        let rows = SkillRows::of_volunteers(instance);
        let with_arcs = !instance.arcs.is_empty();
        let by_demand = with_arcs.then(|| arcs_by_demand(instance));
        let index = (!with_arcs).then(|| VolunteerIndex::new(instance));
        let rewarded = rewards_pairs(instance);
        let n = instance.demands.len();
        let mut out = Candidates {
            start: Vec::with_capacity(n + 1),
            volunteer: Vec::new(),
            cost: Vec::new(),
            arc_hours: with_arcs.then(Vec::new),
            demand_hours: instance.demands.iter().map(|d| d.hours).collect(),
            volunteer_count: instance.volunteers.len(),
            inverse: OnceLock::new(),
        };
        out.start.push(0);
        let counted = AtomicUsize::new(0);
        for lo in (0..n).step_by(BLOCK) {
            let lists: Vec<Vec<Pair>> = (lo..(lo + BLOCK).min(n))
                .into_par_iter()
                .map(|d| {
                    if counted.load(Ordering::Relaxed) > limit {
                        return Vec::new();
                    }
                    let row = rows.row(&instance.demands[d].skills);
                    let only = among(d);
                    let holds = |v: usize| rows.holds(v, &row) && only.is_none_or(|o| o.contains(&(v as u32)));
                    let mut list = match (&by_demand, only) {
                        (Some(arcs), _) => arcs[d].iter().copied().filter(|p| holds(p.0 as usize)).collect(),
                        (None, Some(only)) => {
                            pairs_within(instance, d, only.iter().map(|&v| v as usize).filter(|&v| holds(v)))
                        }
                        (None, None) => pairs_within(
                            instance,
                            d,
                            index.as_ref().zip(instance.demands[d].at).into_iter().flat_map(|(index, at)| {
                                index.near(at, &instance.demands[d].skills).filter(|&v| holds(v))
                            }),
                        ),
                    };
                    if rewarded {
                        for pair in &mut list {
                            pair.1 -= pair_reward(instance, d, pair.0 as usize, pair.2);
                        }
                    }
                    list.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    counted.fetch_add(list.len(), Ordering::Relaxed);
                    list
                })
                .collect();
            if counted.load(Ordering::Relaxed) > limit {
                return Err(TooManyPairs { limit, demands_built: lo, demands: n });
            }
            for list in lists {
                out.volunteer.extend(list.iter().map(|p| p.0));
                out.cost.extend(list.iter().map(|p| p.1));
                if let Some(h) = &mut out.arc_hours {
                    h.extend(list.iter().map(|p| p.2));
                }
                out.start.push(out.volunteer.len());
            }
        }
        Ok(out)
    }

    /// The candidates of demand `d`, cheapest first.
    pub fn of(&self, d: usize) -> CandidateList<'_> {
        let range = self.start[d]..self.start[d + 1];
        CandidateList {
            volunteers: &self.volunteer[range.clone()],
            costs: &self.cost[range.clone()],
            hours: self.arc_hours.as_ref().map(|h| &h[range]),
            demand_hours: self.demand_hours[d],
        }
    }

    /// These candidates without the pairs `drop(d, v)` names, every other pair as it was: the
    /// candidates of a residual instance ([`crate::policy::PinnedMonth`]) whose pinned
    /// volunteers may not serve their demand twice.
    pub fn without(&self, drop: impl Fn(usize, u32) -> bool) -> Self {
        let mut out = Candidates {
            start: Vec::with_capacity(self.start.len()),
            volunteer: Vec::with_capacity(self.volunteer.len()),
            cost: Vec::with_capacity(self.cost.len()),
            arc_hours: self.arc_hours.as_ref().map(|h| Vec::with_capacity(h.len())),
            demand_hours: self.demand_hours.clone(),
            volunteer_count: self.volunteer_count,
            inverse: OnceLock::new(),
        };
        out.start.push(0);
        for d in 0..self.demand_count() {
            for k in self.start[d]..self.start[d + 1] {
                if drop(d, self.volunteer[k]) {
                    continue;
                }
                out.volunteer.push(self.volunteer[k]);
                out.cost.push(self.cost[k]);
                if let (Some(to), Some(from)) = (&mut out.arc_hours, &self.arc_hours) {
                    to.push(from[k]);
                }
            }
            out.start.push(out.volunteer.len());
        }
        out
    }

    /// Number of demands.
    pub fn demand_count(&self) -> usize {
        self.start.len() - 1
    }

    /// Total number of candidate pairs.
    pub fn pair_count(&self) -> usize {
        self.volunteer.len()
    }

    /// The demands volunteer `v` is a candidate of, ascending.
    pub fn demands_of(&self, v: usize) -> &[u32] {
        let (start, demands) = self.inverse.get_or_init(|| self.by_volunteer());
        &demands[start[v]..start[v + 1]]
    }

    /// For every volunteer, the demands it is a candidate of (ascending): the inverse lists.
    fn by_volunteer(&self) -> (Vec<usize>, Vec<u32>) {
        let volunteer_count = self.volunteer_count;
        let mut start = vec![0usize; volunteer_count + 1];
        self.volunteer.iter().for_each(|&v| start[v as usize + 1] += 1);
        for v in 0..volunteer_count {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut demand = vec![0u32; self.volunteer.len()];
        for d in 0..self.demand_count() {
            for &v in &self.volunteer[self.start[d]..self.start[d + 1]] {
                demand[next[v as usize]] = d as u32;
                next[v as usize] += 1;
            }
        }
        (start, demand)
    }

    /// Bytes held by the candidate arrays.
    pub fn heap_bytes(&self) -> usize {
        let f = std::mem::size_of::<f64>();
        self.start.capacity() * std::mem::size_of::<usize>()
            + self.volunteer.capacity() * 4
            + self.cost.capacity() * f
            + self.arc_hours.as_ref().map_or(0, |h| h.capacity() * f)
            + self.demand_hours.capacity() * f
            + self.inverse.get().map_or(0, |(s, d)| s.capacity() * std::mem::size_of::<usize>() + d.capacity() * 4)
    }
}

fn arcs_by_demand(instance: &Instance) -> Vec<Vec<Pair>> {
    let mut lists = vec![Vec::new(); instance.demands.len()];
    for a in &instance.arcs {
        lists[a.demand as usize].push((a.volunteer, a.cost, a.hours));
    }
    lists
}

/// How far volunteer `v` walks to demand `d`: the haversine km between their locations, `None`
/// when either has none or the month's pairs are its arcs (whose costs are no distances). The
/// one definition of a team's volunteer-km, for reports and for rules that dispatch by it.
pub fn walking_km(instance: &Instance, d: usize, v: usize) -> Option<f64> {
    if !instance.arcs.is_empty() {
        return None;
    }
    Some(haversine_km(instance.volunteers[v].at?, instance.demands[d].at?))
}

/// The volunteers of `near` within `max_km` of demand `d`, with travel costs.
fn pairs_within(instance: &Instance, d: usize, near: impl Iterator<Item = usize>) -> Vec<Pair> {
    let demand = &instance.demands[d];
    let Some(at) = demand.at else { return Vec::new() };
    let policy = &instance.policy;
    near.filter_map(|v| {
        let km = haversine_km(instance.volunteers[v].at?, at);
        (km <= policy.max_km + 1e-9).then_some((v as u32, policy.travel_weight * km, demand.hours))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::compile;
    use crate::generate::{generate, Preset};

    #[test]
    fn a_month_past_the_pair_limit_is_an_error_not_a_build() {
        let (instance, _) = compile(&generate(Preset::County, 1), "county");
        let all = Candidates::build(&instance).expect("a county month is within the limit");
        let pairs = all.pair_count();
        let exact = Candidates::build_among(&instance, |_| None, pairs).expect("exactly the limit is allowed");
        assert_eq!(exact, all);
        let error = Candidates::build_among(&instance, |_| None, pairs - 1).expect_err("one pair over the limit");
        assert_eq!(error, TooManyPairs { limit: pairs - 1, demands_built: 0, demands: instance.demands.len() });
        assert!(error.to_string().contains("policy.max_km"), "{error}");
    }
}
