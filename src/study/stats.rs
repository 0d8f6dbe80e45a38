//! Summary statistics of a study.
//!
//! A study's Markdown summary reports each metric of a policy as a mean with a 95 % confidence
//! interval, each policy against a baseline as a paired difference with how many instances it
//! did better and worse on, and the spread of coverage between communities as the Gini and
//! Theil indices. Runs that produced no figure carry NaN and are left out here, so a failed
//! run never turns a whole column into NaN.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// The Gini coefficient, the same one the simulation reports, so that a study and a simulated
/// year measure inequality alike.
pub use crate::simulate::metrics::gini;

/// Mean, spread and confidence interval of one metric over a set of runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Describe {
    /// The finite values counted.
    pub n: usize,
    /// x̄ = (1/n) Σ xᵢ; NaN when n = 0.
    pub mean: f64,
    /// The sample standard deviation s = √(Σ (xᵢ − x̄)² / (n − 1)); 0 when n < 2.
    pub sd: f64,
    /// The half-width t₀.₉₇₅,ₙ₋₁ · s / √n of the 95 % confidence interval of the mean; NaN
    /// when n < 2.
    pub ci95: f64,
}

/// The [`Describe`] of the finite `values`: n, the mean x̄ = (1/n) Σ xᵢ, the sample standard
/// deviation s = √(Σ (xᵢ − x̄)² / (n − 1)) and the half-width t₀.₉₇₅,ₙ₋₁ · s / √n of the 95 %
/// confidence interval of the mean, where t₀.₉₇₅,ₙ₋₁ is the 0.975 quantile of Student's t with
/// n − 1 degrees of freedom. NaN and infinite values are skipped (a run that failed, or a
/// ratio of nothing); the mean is NaN when none is left, s is 0 and the half-width NaN when
/// fewer than two are (one run says nothing about the spread).
pub fn describe(values: &[f64]) -> Describe {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let n = finite.len();
    let mean = if n == 0 { f64::NAN } else { finite.iter().sum::<f64>() / n as f64 };
    if n < 2 {
        return Describe { n, mean, sd: 0.0, ci95: f64::NAN };
    }
    let sd = (finite.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    Describe { n, mean, sd, ci95: t975(n - 1) * sd / (n as f64).sqrt() }
}

/// The 0.975 quantile of Student's t with `freedom` ≥ 1 degrees of freedom.
fn t975(freedom: usize) -> f64 {
    // Location 0, scale 1 and a positive freedom are always valid parameters.
    StudentsT::new(0.0, 1.0, freedom as f64).map_or(f64::NAN, |t| t.inverse_cdf(0.975))
}

/// A policy's metric against a baseline's, instance by instance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    /// The pairs where both values are finite.
    pub n: usize,
    /// The mean difference d̄ = (1/n) Σ (xᵢ − bᵢ); NaN when n = 0.
    pub mean_diff: f64,
    /// The half-width t₀.₉₇₅,ₙ₋₁ · s_d / √n of the 95 % confidence interval of d̄, with s_d the
    /// sample standard deviation of the differences; NaN when n < 2.
    pub ci95: f64,
    /// Pairs where the policy did better than the baseline by more than the tie tolerance.
    pub better: usize,
    /// Pairs where the policy did worse than the baseline by more than the tie tolerance.
    pub worse: usize,
    /// Pairs with |xᵢ − bᵢ| ≤ 10⁻⁹ · max(1, |bᵢ|).
    pub ties: usize,
}

/// `values` against `baseline`, index by index, over the pairs where both are finite (a run
/// that failed on either side says nothing about the difference). Each difference is
/// dᵢ = xᵢ − bᵢ; the pair is a tie when |dᵢ| ≤ 10⁻⁹ · max(1, |bᵢ|) (two solvers reaching the
/// same optimum rarely agree to the last bit), otherwise better when dᵢ > 0 and
/// `higher_is_better`, or dᵢ < 0 and not, and worse the other way. The mean difference
/// d̄ = (1/n) Σ dᵢ and its half-width t₀.₉₇₅,ₙ₋₁ · s_d / √n are those of [`describe`] over the
/// raw differences, ties included. Indices beyond the shorter slice are ignored.
pub fn paired(values: &[f64], baseline: &[f64], higher_is_better: bool) -> Paired {
    let pairs: Vec<(f64, f64)> =
        values.iter().zip(baseline).map(|(&x, &b)| (x, b)).filter(|(x, b)| x.is_finite() && b.is_finite()).collect();
    let (mut better, mut worse, mut ties) = (0, 0, 0);
    for &(x, b) in &pairs {
        let d = x - b;
        if d.abs() <= 1e-9 * b.abs().max(1.0) {
            ties += 1;
        } else if (d > 0.0) == higher_is_better {
            better += 1;
        } else {
            worse += 1;
        }
    }
    let diffs: Vec<f64> = pairs.iter().map(|(x, b)| x - b).collect();
    let d = describe(&diffs);
    Paired { n: d.n, mean_diff: d.mean, ci95: d.ci95, better, worse, ties }
}

/// The Theil T index of `values` (all ≥ 0): T = (1/n) Σᵢ (xᵢ/μ) ln(xᵢ/μ) with μ = (1/n) Σ xᵢ
/// and 0 · ln 0 = 0. It is 0 when every value is equal and ln n when one holds everything;
/// unlike the Gini coefficient it splits exactly into inequality within and between groups
/// (streets, districts). 0 for no values or when every value is 0 (nobody has more than
/// anybody else).
pub fn theil(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let mu = total / n;
    values.iter().filter(|&&x| x > 0.0).map(|&x| x / mu * (x / mu).ln()).sum::<f64>() / n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn describe_gives_the_sample_sd_and_the_t_interval() {
        let d = describe(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(d.n, 4);
        assert!(close(d.mean, 2.5, 1e-12), "{d:?}");
        // s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
        assert!(close(d.sd, 1.2910, 1e-4) && close(d.sd, (5.0f64 / 3.0).sqrt(), 1e-12), "{d:?}");
        // t₀.₉₇₅,₃ = 3.1824 (tables), √4 = 2.
        assert!(close(d.ci95, 3.1824 * d.sd / 2.0, 1e-4), "{d:?}");
        assert!(close(d.ci95, 2.0542, 1e-4), "{d:?}");
    }

    #[test]
    fn describe_uses_the_t_quantile_of_its_degrees_of_freedom() {
        // [0, 2]: x̄ = 1, s = √2, t₀.₉₇₅,₁ = 12.7062; half-width 12.7062 · √2 / √2.
        let d = describe(&[0.0, 2.0]);
        assert!(close(d.ci95, 12.7062, 1e-4), "{d:?}");
        // Thirty ones and zeros alternating: t₀.₉₇₅,₂₉ = 2.0452.
        let values: Vec<f64> = (0..30).map(|i| f64::from(i % 2)).collect();
        let d = describe(&values);
        assert!(close(d.ci95, 2.0452 * d.sd / 30f64.sqrt(), 1e-4), "{d:?}");
    }

    #[test]
    fn describe_skips_nan_and_handles_few_values() {
        let d = describe(&[f64::NAN, 3.0, f64::NAN, 5.0]);
        assert_eq!(d.n, 2);
        assert!(close(d.mean, 4.0, 1e-12) && close(d.sd, 2f64.sqrt(), 1e-12), "{d:?}");
        let one = describe(&[7.0, f64::NAN]);
        assert_eq!((one.n, one.mean, one.sd), (1, 7.0, 0.0));
        assert!(one.ci95.is_nan());
        let none = describe(&[f64::NAN]);
        assert_eq!((none.n, none.sd), (0, 0.0));
        assert!(none.mean.is_nan() && none.ci95.is_nan());
        assert_eq!(describe(&[]).n, 0);
        let equal = describe(&[2.0, 2.0, 2.0]);
        assert_eq!((equal.sd, equal.ci95), (0.0, 0.0));
    }

    #[test]
    fn paired_counts_better_worse_and_ties() {
        let values = [5.0, 3.0, 4.0, 1.0 + 1e-12, f64::NAN, 8.0];
        let baseline = [4.0, 4.0, 4.0, 1.0, 2.0, f64::NAN];
        let p = paired(&values, &baseline, true);
        assert_eq!((p.n, p.better, p.worse, p.ties), (4, 1, 1, 2));
        // Differences 1, −1, 0, 1e-12: mean ≈ 0, s_d = √(2/3), half-width 3.1824 · s_d / 2.
        assert!(close(p.mean_diff, 0.0, 1e-12), "{p:?}");
        assert!(close(p.ci95, 3.1824 * (2.0f64 / 3.0).sqrt() / 2.0, 1e-4), "{p:?}");
        let lower = paired(&values, &baseline, false);
        assert_eq!((lower.better, lower.worse, lower.ties), (1, 1, 2));
        let p = paired(&[10.0, 12.0, 9.0], &[8.0, 8.0, 8.0], false);
        assert_eq!((p.better, p.worse, p.ties), (0, 3, 0));
        assert!(close(p.mean_diff, 7.0 / 3.0, 1e-12), "{p:?}");
    }

    #[test]
    fn paired_ties_scale_with_the_baseline() {
        // 1e-9 · 1e6 = 1e-3: a difference of 1e-4 on a baseline of a million is a tie.
        let p = paired(&[1e6 + 1e-4, 2e-9], &[1e6, 0.0], true);
        assert_eq!((p.better, p.worse, p.ties), (1, 0, 1));
        let empty = paired(&[f64::NAN], &[1.0], true);
        assert_eq!((empty.n, empty.better, empty.worse, empty.ties), (0, 0, 0, 0));
        assert!(empty.mean_diff.is_nan() && empty.ci95.is_nan());
    }

    #[test]
    fn theil_is_zero_for_equality_and_ln_n_for_one_holding_all() {
        assert_eq!(theil(&[1.0, 1.0, 1.0, 1.0]), 0.0);
        assert!(close(theil(&[0.0, 0.0, 0.0, 4.0]), 4f64.ln(), 1e-12));
        // [1, 3]: μ = 2; (0.5 ln 0.5 + 1.5 ln 1.5) / 2.
        assert!(close(theil(&[1.0, 3.0]), (0.5 * 0.5f64.ln() + 1.5 * 1.5f64.ln()) / 2.0, 1e-12));
        assert_eq!(theil(&[]), 0.0);
        assert_eq!(theil(&[0.0, 0.0]), 0.0);
    }

    #[test]
    fn gini_is_the_simulation_s() {
        assert!(close(gini(&[0.0, 0.0, 0.0, 4.0]), 0.75, 1e-12));
        assert_eq!(gini(&[2.0, 2.0]), 0.0);
    }
}
