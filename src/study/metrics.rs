//! The metrics of one run (docs/STUDY.md gives each formula): what a plan achieves, how fair
//! it is between regions and members, how far members walk, and what it cost to find.

use super::stats::theil;
use crate::problem::Problem;
use crate::report::{gap_percent, tally, walked};
use crate::simulate::metrics::gini;
use crate::solve::SolveResult;
use serde::{Deserialize, Serialize};

/// A metric of a run: a column of the CSV and a row of the summary's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// The plan's objective (MODEL.md).
    Objective,
    /// The solver's proven upper bound on the optimum.
    Bound,
    /// 100 × (bound − objective) ÷ |bound|.
    GapPct,
    /// 100 × met demands ÷ demands.
    DemandsMetPct,
    /// 100 × weight of the met demands ÷ weight of every demand.
    WeightMetPct,
    /// 100 × the lowest share of its weight met among the regions of the grouping level.
    LowestCoveragePct,
    /// The Gini coefficient of the regions' coverage shares.
    GiniCoverage,
    /// The Theil index of the regions' coverage shares.
    TheilCoverage,
    /// The Gini coefficient of the hours each member gives (members giving none count).
    HoursGini,
    /// 100 × members in no team and on no standby ÷ members.
    NeverAskedPct,
    /// Σ over the team places of the walk (km) from the member to the demand.
    VolunteerKm,
    /// volunteer-km ÷ team places.
    MeanWalkKm,
    /// Wall seconds of the solve.
    Seconds,
    /// Peak resident memory of the run, MB.
    PeakMemoryMb,
}

impl Metric {
    /// Every metric, in the CSV's column order.
    pub const ALL: [Metric; 14] = [
        Metric::Objective,
        Metric::Bound,
        Metric::GapPct,
        Metric::DemandsMetPct,
        Metric::WeightMetPct,
        Metric::LowestCoveragePct,
        Metric::GiniCoverage,
        Metric::TheilCoverage,
        Metric::HoursGini,
        Metric::NeverAskedPct,
        Metric::VolunteerKm,
        Metric::MeanWalkKm,
        Metric::Seconds,
        Metric::PeakMemoryMb,
    ];

    /// The metrics a summary shows when the study names none.
    pub const SUMMARY: [Metric; 7] = [
        Metric::WeightMetPct,
        Metric::LowestCoveragePct,
        Metric::GiniCoverage,
        Metric::HoursGini,
        Metric::MeanWalkKm,
        Metric::GapPct,
        Metric::Seconds,
    ];

    /// The column name.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Objective => "objective",
            Metric::Bound => "bound",
            Metric::GapPct => "gap_pct",
            Metric::DemandsMetPct => "demands_met_pct",
            Metric::WeightMetPct => "weight_met_pct",
            Metric::LowestCoveragePct => "lowest_coverage_pct",
            Metric::GiniCoverage => "gini_coverage",
            Metric::TheilCoverage => "theil_coverage",
            Metric::HoursGini => "hours_gini",
            Metric::NeverAskedPct => "never_asked_pct",
            Metric::VolunteerKm => "volunteer_km",
            Metric::MeanWalkKm => "mean_walk_km",
            Metric::Seconds => "seconds",
            Metric::PeakMemoryMb => "peak_memory_mb",
        }
    }

    /// The metric named `name`.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The column's position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        Metric::ALL.iter().position(|&m| m == self).expect("every metric is in ALL")
    }

    /// Whether more is better (for the paired comparison); `None` where neither is.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            Metric::Objective | Metric::Bound | Metric::DemandsMetPct | Metric::WeightMetPct => Some(true),
            Metric::LowestCoveragePct => Some(true),
            Metric::GapPct | Metric::GiniCoverage | Metric::TheilCoverage | Metric::HoursGini => Some(false),
            Metric::NeverAskedPct | Metric::VolunteerKm | Metric::MeanWalkKm => Some(false),
            Metric::Seconds | Metric::PeakMemoryMb => Some(false),
        }
    }

    /// Whether the metric measures the machine rather than the plan: left out when shard
    /// results are compared with an unsharded run.
    pub fn is_machine(self) -> bool {
        matches!(self, Metric::Seconds | Metric::PeakMemoryMb)
    }
}

/// The metrics of `result` on `problem`, in [`Metric::ALL`] order; NaN where a metric does
/// not apply (no plan, no bound, no locations).
pub fn run_metrics(problem: &Problem, result: &SolveResult, seconds: f64, peak_memory_mb: f64) -> Vec<f64> {
    let mut row = vec![f64::NAN; Metric::ALL.len()];
    let mut set = |m: Metric, value: f64| row[m.index()] = value;
    set(Metric::Seconds, seconds);
    set(Metric::PeakMemoryMb, peak_memory_mb);
    set(Metric::Bound, result.bound.unwrap_or(f64::NAN));
    let Some(objective) = result.objective else { return row };
    set(Metric::Objective, objective);
    set(Metric::GapPct, gap_percent(result.objective, result.bound).unwrap_or(f64::NAN));

    let inst = &problem.instance;
    let plan = &result.plan;
    let figures = tally(problem, plan);
    let demands = inst.demands.len();
    set(
        Metric::DemandsMetPct,
        if demands > 0 { 100.0 * plan.assignments.len() as f64 / demands as f64 } else { 100.0 },
    );
    let total = &figures.total;
    set(Metric::WeightMetPct, if total.weight > 0.0 { 100.0 * total.weight_met / total.weight } else { 100.0 });
    let shares: Vec<f64> = figures.regions.iter().filter(|t| t.weight > 0.0).map(|t| t.coverage()).collect();
    if let Some(lowest) = figures.lowest() {
        set(Metric::LowestCoveragePct, 100.0 * lowest.coverage());
    }
    set(Metric::GiniCoverage, gini(&shares));
    set(Metric::TheilCoverage, theil(&shares));
    let hours: Vec<f64> = figures.volunteers.iter().map(|v| v.hours_used).collect();
    set(Metric::HoursGini, gini(&hours));
    let mut asked = vec![false; inst.volunteers.len()];
    for a in &plan.assignments {
        a.volunteers.iter().chain(&a.standby).for_each(|&v| asked[v as usize] = true);
    }
    if !asked.is_empty() {
        set(Metric::NeverAskedPct, 100.0 * asked.iter().filter(|&&a| !a).count() as f64 / asked.len() as f64);
    }
    if let Some((km, places)) = walked(problem, plan) {
        set(Metric::VolunteerKm, km);
        if places > 0 {
            set(Metric::MeanWalkKm, km / places as f64);
        }
    }
    row
}
