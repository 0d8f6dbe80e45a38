//! The Markdown summary of a study and the data of its plots: per instance set and policy,
//! each metric's mean, standard deviation and 95 % confidence interval, and every policy
//! against the baseline, pair by pair.

use super::metrics::Metric;
use super::plots::FrontierPoint;
use super::stats::{describe, paired};
use super::table::Results;
use ndarray::{Array3, Axis};
use std::fmt::Write;

/// Decimals a metric is shown with.
fn decimals(metric: Metric) -> usize {
    match metric {
        Metric::GiniCoverage | Metric::TheilCoverage | Metric::HoursGini => 4,
        Metric::Seconds | Metric::MeanWalkKm => 3,
        Metric::Objective | Metric::Bound | Metric::VolunteerKm | Metric::PeakMemoryMb => 1,
        _ => 2,
    }
}

/// `x` with the metric's decimals, `–` when not a number.
fn number(metric: Metric, x: f64) -> String {
    if x.is_finite() {
        format!("{x:.*}", decimals(metric))
    } else {
        "–".into()
    }
}

/// The values of policy `p` on set `s` in `cube`.
fn cell(cube: &Array3<f64>, p: usize, s: usize) -> Vec<f64> {
    cube.index_axis(Axis(0), p).index_axis(Axis(0), s).to_vec()
}

/// The summary in Markdown.
pub fn summary_markdown(results: &Results) -> String {
    let study = &results.plan.study;
    let mut md = String::new();
    let runs = results.plan.runs.len();
    let _ = writeln!(md, "# Study `{}`\n", study.name);
    let _ = writeln!(
        md,
        "{runs} runs: {} instance sets × {} policies × {} repeat(s). Every plan was checked by the checker: {} passed, {} failed, {} runs found no plan.{}\n",
        study.sets.len(),
        study.policies.len(),
        study.repeats.len(),
        results.records.iter().filter(|r| r.check == "ok").count(),
        results.failed_checks(),
        results.records.iter().filter(|r| r.check == "no plan").count(),
        match results.missing() {
            0 => String::new(),
            k => format!(" **{k} of {runs} runs have no result yet**: the figures below leave them out."),
        }
    );
    let _ = writeln!(
        md,
        "Each cell gives mean ± standard deviation, and in brackets the 95 % confidence interval of the mean (Student's t). \
         The comparison with the baseline `{}` pairs runs on the same instance with the same seed: the mean difference \
         (policy − baseline) with its 95 % confidence interval, and how many pairs are better / worse.\n",
        study.baseline
    );
    let cubes: Vec<(Metric, Array3<f64>)> = study.metrics.iter().map(|&m| (m, results.cube(m))).collect();
    let baseline = study.policies.iter().position(|p| p.name == study.baseline).expect("a checked baseline");
    in_brief(&mut md, results, baseline);
    for (s, set) in study.sets.iter().enumerate() {
        let replicates = results.plan.runs.iter().filter(|r| r.label.set == set.name).count() / study.policies.len();
        let _ = writeln!(md, "## {} ({replicates} instance × seed pairs)\n", set.name);
        let mut header = "| policy | rule | runs |".to_string();
        let mut rule = "|---|---|---:|".to_string();
        for (m, _) in &cubes {
            let _ = write!(header, " {} |", m.name());
            rule.push_str("---:|");
        }
        let _ = writeln!(md, "{header}\n{rule}");
        for (p, policy) in study.policies.iter().enumerate() {
            let n = cubes.first().map_or(0, |(_, c)| cell(c, p, s).iter().filter(|v| !v.is_nan()).count());
            let mut row = format!("| {} | {} | {n} |", policy.name, policy.rule);
            for (m, cube) in &cubes {
                let d = describe(&cell(cube, p, s));
                let ci = if d.ci95.is_finite() {
                    format!(" [{}, {}]", number(*m, d.mean - d.ci95), number(*m, d.mean + d.ci95))
                } else {
                    String::new()
                };
                let _ = write!(row, " {} ± {}{ci} |", number(*m, d.mean), number(*m, d.sd));
            }
            let _ = writeln!(md, "{row}");
        }
        let _ = writeln!(md, "\n### {} against `{}`, pair by pair\n", set.name, study.baseline);
        let _ = writeln!(md, "{header}\n{rule}");
        for (p, policy) in study.policies.iter().enumerate().filter(|&(p, _)| p != baseline) {
            let mut row = format!("| {} | {} | |", policy.name, policy.rule);
            for (m, cube) in &cubes {
                let base = cell(cube, baseline, s);
                let pair = paired(&cell(cube, p, s), &base, m.higher_is_better().unwrap_or(true));
                let ci = if pair.ci95.is_finite() {
                    format!(" [{}, {}]", number(*m, pair.mean_diff - pair.ci95), number(*m, pair.mean_diff + pair.ci95))
                } else {
                    String::new()
                };
                let signed = if pair.mean_diff > 0.0 { "+" } else { "" };
                let _ = write!(row, " {signed}{}{ci} ({}/{}) |", number(*m, pair.mean_diff), pair.better, pair.worse);
            }
            let _ = writeln!(md, "{row}");
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "## Plots\n");
    let _ = writeln!(md, "- [frontier.svg](frontier.svg): weight met against the lowest region's coverage, the mean of each policy on each set.");
    let _ =
        writeln!(md, "- [coverage.svg](coverage.svg): the lowest region's coverage of every run, by policy and set.");
    let _ = writeln!(md, "- [time-vs-gap.svg](time-vs-gap.svg): seconds against the certified gap of every run.");
    md
}

/// `mean [low, high]` of a paired difference, signed, in percentage points.
fn difference(pair: &super::stats::Paired) -> String {
    let signed = |x: f64| if x > 0.0 { format!("+{x:.2}") } else { format!("{x:.2}") };
    if pair.ci95.is_finite() {
        format!(
            "{} pp [{}, {}]",
            signed(pair.mean_diff),
            signed(pair.mean_diff - pair.ci95),
            signed(pair.mean_diff + pair.ci95)
        )
    } else {
        format!("{} pp", signed(pair.mean_diff))
    }
}

/// The headline of each policy against the baseline, whatever metrics the study shows: what
/// it gains or loses in weight met and in the lowest region's coverage (the efficiency and the
/// fairness a floor trades), and how far its plans are below their certified bound.
fn in_brief(md: &mut String, results: &Results, baseline: usize) {
    let study = &results.plan.study;
    let weight = results.cube(Metric::WeightMetPct);
    let lowest = results.cube(Metric::LowestCoveragePct);
    let gap = results.cube(Metric::GapPct);
    let _ = writeln!(
        md,
        "## In brief
"
    );
    let _ = writeln!(
        md,
        "Against `{}`, pair by pair: the difference in weight met and in the lowest region's coverage \
         (percentage points, 95 % confidence interval), and the mean certified gap of the plans (100 × (bound − objective) ÷ bound).\n",
        study.baseline
    );
    for (s, set) in study.sets.iter().enumerate() {
        let base_gap = describe(&cell(&gap, baseline, s)).mean;
        for (p, policy) in study.policies.iter().enumerate().filter(|&(p, _)| p != baseline) {
            let w = paired(&cell(&weight, p, s), &cell(&weight, baseline, s), true);
            let l = paired(&cell(&lowest, p, s), &cell(&lowest, baseline, s), true);
            let g = describe(&cell(&gap, p, s)).mean;
            let _ = writeln!(
                md,
                "- {}: `{}` weight met {}, lowest coverage {}; gap {} % (`{}` {} %).",
                set.name,
                policy.name,
                difference(&w),
                difference(&l),
                number(Metric::GapPct, g),
                study.baseline,
                number(Metric::GapPct, base_gap)
            );
        }
    }
    let _ = writeln!(md);
}

/// The frontier's points: each policy's mean weight met and mean lowest coverage on each set.
pub fn frontier_points(results: &Results) -> Vec<FrontierPoint> {
    let study = &results.plan.study;
    let (x, y) = (results.cube(Metric::WeightMetPct), results.cube(Metric::LowestCoveragePct));
    let mut points = Vec::new();
    for (s, set) in study.sets.iter().enumerate() {
        for (p, policy) in study.policies.iter().enumerate() {
            let (mx, my) = (describe(&cell(&x, p, s)).mean, describe(&cell(&y, p, s)).mean);
            if mx.is_finite() && my.is_finite() {
                points.push(FrontierPoint { policy: policy.name.clone(), set: set.name.clone(), x: mx, y: my });
            }
        }
    }
    points
}

/// The box plot groups of `metric`: one per policy and set, `policy (set)` when there are
/// several sets.
pub fn metric_groups(results: &Results, metric: Metric) -> Vec<(String, Vec<f64>)> {
    let study = &results.plan.study;
    let cube = results.cube(metric);
    let mut groups = Vec::new();
    for (s, set) in study.sets.iter().enumerate() {
        for (p, policy) in study.policies.iter().enumerate() {
            let label =
                if study.sets.len() > 1 { format!("{} ({})", policy.name, set.name) } else { policy.name.clone() };
            groups.push((label, cell(&cube, p, s).into_iter().filter(|v| !v.is_nan()).collect()));
        }
    }
    groups
}

/// Each policy's (seconds, gap %) points over every set.
pub fn time_gap_series(results: &Results) -> Vec<(String, Vec<(f64, f64)>)> {
    let study = &results.plan.study;
    let (t, g) = (results.cube(Metric::Seconds), results.cube(Metric::GapPct));
    study
        .policies
        .iter()
        .enumerate()
        .map(|(p, policy)| {
            let times = t.index_axis(Axis(0), p);
            let gaps = g.index_axis(Axis(0), p);
            let points = times.iter().zip(gaps.iter()).filter(|(a, b)| a.is_finite() && b.is_finite());
            (policy.name.clone(), points.map(|(&a, &b)| (a, b)).collect())
        })
        .collect()
}
