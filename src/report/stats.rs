//! Instance statistics: sizes, candidate counts and the connected components of the candidate
//! graph (demands joined to their candidate volunteers, to resources that can run short for
//! them and to their fairness region): the independent parts the exact solver solves apart.

use crate::problem::Problem;
use crate::solve::components;
use std::fmt;

/// Figures `civic-match stats` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Counts: slots, regions, units, volunteers, demands, resources, arcs, must demands.
    pub sizes: Vec<(&'static str, usize)>,
    /// Candidate pairs in all.
    pub pairs: usize,
    /// Candidates per demand: min, median, mean, 90th percentile, max.
    pub per_demand: [f64; 5],
    /// Demands with fewer candidates than people.
    pub short_demands: usize,
    /// Connected components (independent parts) that hold at least one demand.
    pub components: usize,
    /// Demands and volunteers of the largest component.
    pub largest: (usize, usize),
    /// Seconds spent building candidates.
    pub candidate_seconds: f64,
}

/// The statistics of `problem`.
pub fn instance_stats(problem: &Problem) -> Stats {
    let inst = &problem.instance;
    let (nd, nv) = (inst.demands.len(), inst.volunteers.len());
    let mut counts: Vec<usize> = (0..nd).map(|d| problem.candidates.of(d).len()).collect();
    let short_demands = (0..nd).filter(|&d| counts[d] < inst.demands[d].people as usize).count();
    counts.sort_unstable();
    let at = |q: f64| counts.get(((counts.len() as f64 - 1.0) * q).round() as usize).map_or(0.0, |&c| c as f64);
    let mean = counts.iter().sum::<usize>() as f64 / nd.max(1) as f64;

    let parts = components(problem, &vec![true; nd]);
    let volunteers_of = |part: &Vec<usize>| {
        let mut seen = vec![false; nv];
        part.iter().flat_map(|&d| problem.candidates.of(d).volunteers).for_each(|&v| seen[v as usize] = true);
        seen.iter().filter(|&&s| s).count()
    };
    let largest = parts.iter().max_by_key(|p| p.len()).map_or((0, 0), |p| (p.len(), volunteers_of(p)));
    Stats {
        sizes: vec![
            ("slots", inst.slots.len()),
            ("regions", inst.regions.len()),
            ("units", inst.unit_count),
            ("volunteers", nv),
            ("demands", nd),
            ("must demands", inst.demands.iter().filter(|d| d.must).count()),
            ("resources", inst.resources.len()),
            ("arcs", inst.arcs.len()),
            ("skills", inst.skill_count),
        ],
        pairs: problem.candidates.pair_count(),
        per_demand: [at(0.0), at(0.5), mean, at(0.9), at(1.0)],
        short_demands,
        components: parts.len(),
        largest,
        candidate_seconds: problem.candidate_time.as_secs_f64(),
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, n) in &self.sizes {
            writeln!(f, "{name:<22}{n}")?;
        }
        writeln!(f, "{:<22}{}", "candidate pairs", self.pairs)?;
        let [min, median, mean, p90, max] = self.per_demand;
        writeln!(f, "{:<22}min {min}, median {median}, mean {mean:.1}, p90 {p90}, max {max}", "candidates/demand")?;
        writeln!(f, "{:<22}{}", "too few candidates", self.short_demands)?;
        writeln!(f, "{:<22}{}", "components", self.components)?;
        writeln!(f, "{:<22}{} demands, {} volunteers", "largest component", self.largest.0, self.largest.1)?;
        write!(f, "{:<22}{:.3} s", "candidate build", self.candidate_seconds)
    }
}
