//! The year table: one CSV row per simulated month, UTF-8, in a fixed column order with fixed
//! decimals, so that the same year always gives the same bytes.

use super::metrics::MonthRow;

/// The columns, in order (docs/SIMULATE.md defines each).
pub const COLUMNS: [&str; 14] = [
    "month",
    "demands",
    "met",
    "weight_met",
    "weight_met_pct",
    "lowest_coverage_month",
    "lowest_coverage_cumulative",
    "gini_coverage",
    "gini_hours",
    "never_asked",
    "continuity",
    "continuity_of",
    "carried",
    "mean_age_met_carried",
];

/// An optional figure with `decimals` decimals; empty when there is none.
fn optional(value: Option<f64>, decimals: usize) -> String {
    value.map_or(String::new(), |v| format!("{v:.decimals$}"))
}

/// The CSV text of `rows`: the header, then one line per month (no cell needs quoting).
pub fn csv_text(rows: &[MonthRow]) -> String {
    let mut text = COLUMNS.join(",");
    text.push('\n');
    for r in rows {
        let cells = [
            r.month.clone(),
            r.demands.to_string(),
            r.met.to_string(),
            format!("{:.2}", r.weight_met),
            format!("{:.2}", r.weight_met_pct),
            optional(r.lowest_month, 4),
            optional(r.lowest_cumulative, 4),
            format!("{:.4}", r.gini_coverage),
            format!("{:.4}", r.gini_hours),
            format!("{:.4}", r.never_asked),
            optional(r.continuity, 4),
            r.continuity_of.to_string(),
            r.carried.to_string(),
            optional(r.mean_age_met_carried, 2),
        ];
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text
}
