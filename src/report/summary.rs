//! The short summary `solve` prints: what a planner reads first.

use super::tally::tally;
use crate::candidates::walking_km;
use crate::model::Plan;
use crate::problem::Problem;
use crate::solve::SolveResult;
use std::fmt;

/// The certified gap of a plan in %: 100 · (bound − objective) / |bound| (|bound| taken as at
/// least 1e-9), when both are known. Every output that shows a gap uses this one formula.
pub fn gap_percent(objective: Option<f64>, bound: Option<f64>) -> Option<f64> {
    Some(100.0 * (bound? - objective?) / bound?.abs().max(1e-9))
}

/// Headline figures of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Solver name.
    pub solver: String,
    /// Status word.
    pub status: &'static str,
    /// Objective, if a plan exists.
    pub objective: Option<f64>,
    /// Proven upper bound, if any.
    pub bound: Option<f64>,
    /// Demands met.
    pub met: usize,
    /// Demands in all.
    pub total: usize,
    /// Share of total weight met, in %.
    pub weight_met_pct: f64,
    /// The community (or fairness region) with the lowest share of its weight met: name, %.
    pub lowest: Option<(String, f64)>,
    /// Sum of home–demand distances over all assigned volunteers (None with arcs).
    pub volunteer_km: Option<f64>,
    /// Seconds spent solving.
    pub seconds: f64,
}

/// The summary of `result`.
pub fn summarize(problem: &Problem, result: &SolveResult) -> Summary {
    let inst = &problem.instance;
    let total_weight: f64 = inst.demands.iter().map(|d| d.weight).sum();
    let met_weight: f64 = result.plan.assignments.iter().map(|a| inst.demands[a.demand as usize].weight).sum();
    let km = walked(problem, &result.plan).map(|(km, _)| km);
    Summary {
        solver: result.solver.to_string(),
        status: result.status.as_str(),
        objective: result.objective,
        bound: result.bound,
        met: result.plan.assignments.len(),
        total: inst.demands.len(),
        weight_met_pct: if total_weight > 0.0 { 100.0 * met_weight / total_weight } else { 100.0 },
        lowest: lowest_coverage(problem, result),
        volunteer_km: km,
        seconds: result.time.as_secs_f64(),
    }
}

/// The km members of `plan` walk, summed over every team place, and the number of places;
/// `None` when a member or a demand has no location, or when the month gives arcs (their
/// costs are road distances the file states, not walks this project measures).
pub fn walked(problem: &Problem, plan: &Plan) -> Option<(f64, usize)> {
    if !problem.instance.arcs.is_empty() {
        return None;
    }
    let (mut km, mut places) = (0.0, 0);
    for a in &plan.assignments {
        for &v in &a.volunteers {
            km += walking_km(&problem.instance, a.demand as usize, v as usize)?;
            places += 1;
        }
    }
    Some((km, places))
}

/// The region of the grouping level (the fairness level, else `community`) with the lowest
/// share of its weight met.
fn lowest_coverage(problem: &Problem, result: &SolveResult) -> Option<(String, f64)> {
    let names = &problem.names;
    tally(problem, &result.plan).lowest().map(|t| {
        let r = t.region as usize;
        (format!("{} ({})", names.region_names[r], names.regions[r]), 100.0 * t.coverage())
    })
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.3}"));
        writeln!(f, "solver      {}", self.solver)?;
        writeln!(f, "status      {}", self.status)?;
        writeln!(f, "objective   {}", num(self.objective))?;
        let gap = gap_percent(self.objective, self.bound).map_or(String::new(), |g| format!("  (gap {g:.2}%)"));
        writeln!(f, "bound       {}{gap}", num(self.bound))?;
        let pct = 100.0 * self.met as f64 / self.total.max(1) as f64;
        writeln!(f, "demands met {} / {} ({pct:.1}%)", self.met, self.total)?;
        writeln!(f, "weight met  {:.1}%", self.weight_met_pct)?;
        if let Some((name, pct)) = &self.lowest {
            writeln!(f, "lowest      {name}: {pct:.1}% of its weight met")?;
        }
        if let Some(km) = self.volunteer_km {
            writeln!(f, "volunteer-km {km:.1}")?;
        }
        write!(f, "time        {:.3} s", self.seconds)
    }
}
