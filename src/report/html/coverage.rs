//! Coverage chart: the share of each community's weight met, lowest first, against the
//! fairness floor — the first thing a planner is asked about at a meeting.

use super::svg::{band_of, bands, chart_svg, text_style, ALERT, GOOD, INK};
use crate::format::Names;
use crate::report::Tally;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::io;

/// Most communities whose names label the bars; beyond that the bars are a sorted profile.
const NAMED_BARS: usize = 40;

/// Coverage (%) above which a bar's label is written inside the bar.
const INSIDE_FROM: f64 = 90.0;

/// The communities of `tally` in the order the chart shows them: by coverage, lowest first,
/// ties by region index.
pub fn by_coverage(tally: &Tally) -> Vec<usize> {
    let mut order: Vec<usize> = (0..tally.regions.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&tally.regions[a], &tally.regions[b]);
        ra.coverage().total_cmp(&rb.coverage()).then(ra.region.cmp(&rb.region))
    });
    order
}

/// The chart's SVG; `None` when the month has no regions of the grouping level.
pub fn coverage_chart(names: &Names, tally: &Tally) -> io::Result<Option<String>> {
    if tally.regions.is_empty() {
        return Ok(None);
    }
    let order = by_coverage(tally);
    let n = order.len();
    let named = n <= NAMED_BARS;
    let height = if named { (60 + 30 * n as u32).max(220) } else { 520 };
    let label: Vec<&str> = if named {
        order.iter().map(|&g| names.region_names[tally.regions[g].region as usize].as_str()).collect()
    } else {
        Vec::new()
    };
    chart_svg("coverage", "各社区权重满足率 coverage by community", (900, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .margin_top(30)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(if named { 150 } else { 30 })
            .build_cartesian_2d(0f64..100f64, bands(n, named))?;
        // Lowest coverage at the top: the bar of rank k sits in band n - 1 - k.
        let row = |k: usize| (n - 1 - k) as f64;
        let y_label = |v: &f64| label.get(n.saturating_sub(1 + band_of(*v))).map_or(String::new(), |s| s.to_string());
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .y_label_formatter(&y_label)
            .x_labels(11)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .x_desc("权重满足率 weight met")
            .label_style(text_style(13.0))
            .axis_desc_style(text_style(13.0))
            .axis_style(INK)
            .light_line_style(TRANSPARENT);
        if !named {
            mesh.y_desc("社区（按满足率排序）");
        }
        mesh.draw()?;
        // Named bars leave a fifth of their row empty above and below.
        let gap = if named { (chart.plotting_area().dim_in_pixel().1 as f64 / n as f64 * 0.2) as u32 } else { 0 };
        let bars = order.iter().enumerate().map(|(k, &g)| {
            let pct = 100.0 * tally.regions[g].coverage();
            let colour = if tally.floor.is_some_and(|f| tally.regions[g].below(f)) { ALERT } else { GOOD };
            let mut bar = Rectangle::new([(0.0, row(k)), (pct, row(k) + 1.0)], colour.mix(0.85).filled());
            bar.set_margin(gap, gap, 0, 0);
            bar
        });
        chart.draw_series(bars)?;
        if named {
            // The share at the end of its bar: outside it, or inside in white near 100 %.
            chart.draw_series(order.iter().enumerate().map(|(k, &g)| {
                let pct = 100.0 * tally.regions[g].coverage();
                let label = format!("{pct:.1}%");
                if pct > INSIDE_FROM {
                    let style = text_style(12.0).color(&WHITE).pos(Pos::new(HPos::Right, VPos::Center));
                    Text::new(label, (pct - 0.8, row(k) + 0.5), style)
                } else {
                    Text::new(
                        label,
                        (pct + 0.8, row(k) + 0.5),
                        text_style(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
                    )
                }
            }))?;
        }
        if let Some(f) = tally.floor.map(|f| 100.0 * f) {
            let line = [(f, 0.0), (f, n as f64)];
            chart.draw_series(DashedLineSeries::new(line, 6, 4, ALERT.stroke_width(2)))?;
            let (x, y) = chart.backend_coord(&(f, n as f64));
            root.draw(&Text::new(
                format!("公平底线 floor {f:.0}%"),
                (x, y - 4),
                text_style(12.0).color(&ALERT).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        Ok(())
    })
    .map(Some)
}
