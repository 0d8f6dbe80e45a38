//! The figures of a simulated month and of the year so far, kept with dense indices: the
//! coverage of each community (this month and since the first month), members' hours and
//! whether they were ever asked, and the continuity of recurring series.

/// The Gini coefficient of `values` (all ≥ 0): Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed from the
/// sorted values as (2 Σₖ k·x₍ₖ₎) / (n Σ x) − (n + 1) / n with k = 1..n. 0 for no values or
/// when every value is 0 (nobody has more than anybody else).
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let ranked: f64 = sorted.iter().enumerate().map(|(k, x)| (k as f64 + 1.0) * x).sum();
    (2.0 * ranked / (n * total) - (n + 1.0) / n).max(0.0)
}

/// Weight offered and met per community.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Weight offered, by community index.
    pub offered: Vec<f64>,
    /// Weight met, by community index.
    pub met: Vec<f64>,
}

impl Coverage {
    /// No weight yet for `communities` communities.
    pub fn new(communities: usize) -> Coverage {
        Coverage { offered: vec![0.0; communities], met: vec![0.0; communities] }
    }

    /// The coverage met ÷ offered of each community that was offered any weight, in
    /// community order.
    pub fn shares(&self) -> Vec<f64> {
        self.offered.iter().zip(&self.met).filter(|(o, _)| **o > 0.0).map(|(o, m)| m / o).collect()
    }

    /// The lowest share of [`Coverage::shares`]; `None` when no community was offered weight.
    pub fn lowest(&self) -> Option<f64> {
        self.shares().into_iter().reduce(f64::min)
    }
}

/// One row of the year table: a month's figures (see docs/SIMULATE.md for each formula).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Demands of the effective instance: this month's lists and the carried demands.
    pub demands: usize,
    /// Of those, met: assigned and recorded done by at least one team member.
    pub met: usize,
    /// The listed weight of the met demands.
    pub weight_met: f64,
    /// 100 × weight met ÷ listed weight of every demand of the month.
    pub weight_met_pct: f64,
    /// The lowest community's share of its weight met this month.
    pub lowest_month: Option<f64>,
    /// The lowest community's share of the weight of the demands that arrived since the first
    /// month which was met.
    pub lowest_cumulative: Option<f64>,
    /// The Gini coefficient of the communities' coverage this month.
    pub gini_coverage: f64,
    /// The Gini coefficient of the hours given by the members present, year so far.
    pub gini_hours: f64,
    /// Share of the members present never asked (in no planned team) in the year so far.
    pub never_asked: f64,
    /// Met series demands whose last volunteers are still present: the share that kept one.
    pub continuity: Option<f64>,
    /// How many series demands `continuity` counts (its denominator).
    pub continuity_of: usize,
    /// Demands carried in from earlier months.
    pub carried: usize,
    /// Mean age (months waited) of the carried demands met this month.
    pub mean_age_met_carried: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_known_vectors() {
        assert_eq!(gini(&[]), 0.0);
        assert_eq!(gini(&[0.0, 0.0]), 0.0);
        assert!((gini(&[3.0, 3.0, 3.0]) - 0.0).abs() < 1e-12);
        // One of four holds everything: Σ|xi - xj| = 2·3·4 = 24, 2 n² x̄ = 2·16·1 = 32.
        assert!((gini(&[0.0, 0.0, 4.0, 0.0]) - 0.75).abs() < 1e-12);
        // 1, 2, 3, 4: Σ|xi - xj| = 20, 2 n² x̄ = 2·16·2.5 = 80.
        assert!((gini(&[4.0, 1.0, 3.0, 2.0]) - 0.25).abs() < 1e-12);
    }

    #[test]
    fn coverage_skips_communities_without_weight() {
        let c = Coverage { offered: vec![4.0, 0.0, 2.0], met: vec![1.0, 0.0, 2.0] };
        assert_eq!(c.shares(), vec![0.25, 1.0]);
        assert_eq!(c.lowest(), Some(0.25));
        assert_eq!(Coverage::new(2).lowest(), None);
    }
}
