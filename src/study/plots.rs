//! The SVG plots of a study: the efficiency–fairness frontier of the policies, the spread of a
//! metric over the instances as box plots, and solve time against optimality gap.
//!
//! Each plot is a pure function of its figures returning a standalone SVG document, drawn with
//! plotters in the report's font stack, so that a study's files differ only when its figures
//! do. Values that are not finite (a run that failed, a gap without a bound) are left out
//! rather than drawn at an edge.

use crate::report::html::FONT_STACK;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// Axis lines and text, the grey of the report's charts.
const INK: RGBColor = RGBColor(0x44, 0x44, 0x44);

/// The grid lines at the labelled ticks.
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// The boxes of [`boxplots`], the report's colour of what is met.
const BOX: RGBColor = RGBColor(0x2E, 0x7D, 0x9A);

/// Width and height of the frontier and the time–gap plots, in pixels.
const SIZE: (u32, u32) = (900, 600);

/// Errors of drawing into a string; only a coordinate plotters cannot place gets here.
type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// The drawing area of one plot.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// One policy's result on one instance set, a point of [`frontier`].
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierPoint {
    /// The policy, written beside its marker.
    pub policy: String,
    /// The instance set, which gives the marker's colour and its legend entry.
    pub set: String,
    /// Weight met (%), across.
    pub x: f64,
    /// Lowest region coverage (%), up.
    pub y: f64,
}

/// The efficiency–fairness frontier: weight met (%) across, the lowest region coverage (%) up,
/// one marker per (policy, set) labelled with the policy, a colour per instance set (in the
/// order the sets first appear) named in the legend, and each set's Pareto-efficient points —
/// those no other point of the same set matches on both axes and beats on one — joined by a
/// line from left to right, so the trade-off a planner can choose along is the line and what
/// lies below it is given up for nothing.
pub fn frontier(points: &[FrontierPoint]) -> Result<String, String> {
    let shown: Vec<&FrontierPoint> = points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
    let x = padded(shown.iter().map(|p| p.x));
    // Room on the right for the labels of the points furthest right.
    let x = x.start..x.end + (x.end - x.start) / 8.0;
    let y = padded(shown.iter().map(|p| p.y));
    let sets = first_seen(shown.iter().map(|p| p.set.as_str()));
    plot(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(x, y)?;
        let mut mesh = chart.configure_mesh();
        house_style(&mut mesh);
        mesh.x_desc("weight met (%)").y_desc("lowest region coverage (%)").draw()?;
        let at: Vec<(i32, i32)> = shown.iter().map(|p| chart.backend_coord(&(p.x, p.y))).collect();
        let offsets = label_offsets(&at, &shown.iter().map(|p| p.policy.chars().count()).collect::<Vec<_>>());
        for (k, &set) in sets.iter().enumerate() {
            let c = colour(k);
            let members: Vec<(&FrontierPoint, (i32, i32))> =
                shown.iter().copied().zip(offsets.iter().copied()).filter(|(p, _)| p.set == set).collect();
            let xy: Vec<(f64, f64)> = members.iter().map(|(p, _)| (p.x, p.y)).collect();
            let mut line: Vec<(f64, f64)> = efficient(&xy).into_iter().map(|i| xy[i]).collect();
            line.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
            chart.draw_series(LineSeries::new(line, c.stroke_width(2)))?;
            let label = text_style(12.0).pos(Pos::new(HPos::Left, VPos::Bottom));
            chart
                .draw_series(members.iter().map(|(p, offset)| {
                    EmptyElement::at((p.x, p.y))
                        + Circle::new((0, 0), 5, c.filled())
                        + Text::new(p.policy.clone(), *offset, label.clone())
                }))?
                .label(set)
                .legend(move |(x, y)| Circle::new((x + 6, y), 5, c.filled()));
        }
        if sets.is_empty() {
            return Ok(());
        }
        // Points low and to the left are the dominated ones: the legend hides the least there.
        legend(&mut chart, SeriesLabelPosition::LowerLeft)
    })
}

/// Where each point's label goes, relative to the point (pixels): up and to the right, or,
/// when that would cover a label already placed, a line lower each time until it is clear.
/// Points are placed top to bottom, so close policies read as a list beside their dots.
/// `at` are the points in pixels, `chars` the labels' lengths (12 px text, ~7 px a character).
fn label_offsets(at: &[(i32, i32)], chars: &[usize]) -> Vec<(i32, i32)> {
    const LINE: i32 = 14;
    let mut order: Vec<usize> = (0..at.len()).collect();
    order.sort_by_key(|&i| (at[i].1, at[i].0));
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    let mut offsets = vec![(7, -4); at.len()];
    for i in order {
        let width = 7 * chars[i] as i32;
        let mut dy = -4;
        let boxed = |dy: i32| (at[i].0 + 7, at[i].1 + dy - LINE, at[i].0 + 7 + width, at[i].1 + dy);
        while placed.iter().any(|&(x0, y0, x1, y1)| {
            let (a0, b0, a1, b1) = boxed(dy);
            a0 < x1 && x0 < a1 && b0 < y1 && y0 < b1
        }) {
            dy += LINE;
        }
        placed.push(boxed(dy));
        offsets[i] = (7, dy);
    }
    offsets
}

/// The indices of the points of `xy` that are Pareto-efficient: no other point q has
/// q.x ≥ p.x and q.y ≥ p.y with one of them strictly greater. Equal points are all efficient.
fn efficient(xy: &[(f64, f64)]) -> Vec<usize> {
    let beats = |q: (f64, f64), p: (f64, f64)| q.0 >= p.0 && q.1 >= p.1 && (q.0 > p.0 || q.1 > p.1);
    (0..xy.len()).filter(|&i| !xy.iter().any(|&q| beats(q, xy[i]))).collect()
}

/// One vertical box plot per group, the group's label under it, over the group's finite
/// values: the box from the first to the third quartile with a line at the median, whiskers to
/// the most extreme values within 1.5 interquartile ranges of the box (Tukey's fences), and the
/// values beyond as dots. A group with one value is a flat box; a group with no finite value
/// keeps its place on the axis empty, so groups line up across plots of the same study.
pub fn boxplots(title: &str, y_label: &str, groups: &[(String, Vec<f64>)]) -> Result<String, String> {
    let finite: Vec<Vec<f64>> =
        groups.iter().map(|(_, values)| values.iter().copied().filter(|v| v.is_finite()).collect()).collect();
    let y = padded(finite.iter().flatten().copied());
    let n = groups.len();
    let width = (160 + 90 * n as u32).clamp(600, 1600);
    plot((width, 560), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, text_style(16.0))
            .margin(14)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.5..n.max(1) as f64 - 0.5, y)?;
        // Asked for at most one label per group, plotters puts them at the whole numbers; any
        // other tick is left blank.
        let group_label = |v: &f64| match groups.get(v.round().max(0.0) as usize) {
            Some(g) if (v - v.round()).abs() < 1e-6 => g.0.clone(),
            _ => String::new(),
        };
        let mut mesh = chart.configure_mesh();
        house_style(&mut mesh);
        mesh.disable_x_mesh().x_labels(n.max(1)).x_label_formatter(&group_label).y_desc(y_label).draw()?;
        for (i, values) in finite.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            draw_box(&mut chart, i as f64, values)?;
        }
        Ok(())
    })
}

/// The chart of [`boxplots`]: groups at whole numbers across, the metric up.
type BoxChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The box plot of `values` (finite, at least one) centred at `at`.
fn draw_box(chart: &mut BoxChart<'_, '_>, at: f64, values: &[f64]) -> DrawResult {
    // Plotters' quartiles interpolate linearly between order statistics; its fences are
    // Q1 − 1.5 IQR and Q3 + 1.5 IQR.
    let [low_fence, q1, median, q3, high_fence] = Quartiles::new(values).values().map(f64::from);
    let inside = values.iter().copied().filter(|&v| v >= low_fence && v <= high_fence);
    let (low, high) = inside.fold((q1, q3), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (half, cap) = (0.25, 0.12);
    let stroke = BOX.stroke_width(2);
    chart.draw_series([
        PathElement::new([(at, low), (at, q1)], stroke),
        PathElement::new([(at, q3), (at, high)], stroke),
        PathElement::new([(at - cap, low), (at + cap, low)], stroke),
        PathElement::new([(at - cap, high), (at + cap, high)], stroke),
    ])?;
    chart.draw_series([Rectangle::new([(at - half, q1), (at + half, q3)], BOX.mix(0.25).filled())])?;
    chart.draw_series([Rectangle::new([(at - half, q1), (at + half, q3)], stroke)])?;
    chart.draw_series([PathElement::new([(at - half, median), (at + half, median)], INK.stroke_width(3))])?;
    let outliers = values.iter().filter(|&&v| v < low_fence || v > high_fence);
    chart.draw_series(outliers.map(|&v| Circle::new((at, v), 3, BOX.stroke_width(1))))?;
    Ok(())
}

/// Solve time against optimality gap: seconds across, gap (%) up, a colour per policy (in the
/// order given) named in the legend, one dot per finite point. Seconds are on a log scale when
/// every one is positive and the largest is more than 20 times the smallest (a heuristic's
/// tenth of a second and an exact solver's minutes both readable), otherwise linear.
pub fn time_vs_gap(series: &[(String, Vec<(f64, f64)>)]) -> Result<String, String> {
    let shown: Vec<(&str, Vec<(f64, f64)>)> = series
        .iter()
        .map(|(name, points)| {
            (name.as_str(), points.iter().copied().filter(|(s, g)| s.is_finite() && g.is_finite()).collect())
        })
        .collect();
    let seconds = || shown.iter().flat_map(|(_, points)| points.iter().map(|p| p.0));
    let gap = padded(shown.iter().flat_map(|(_, points)| points.iter().map(|p| p.1)));
    let (least, most) = seconds().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| (lo.min(s), hi.max(s)));
    plot(SIZE, |root| {
        if least > 0.0 && most > 20.0 * least {
            draw_time_vs_gap(root, (least / 1.5..most * 1.5).log_scale(), gap, &shown)
        } else {
            draw_time_vs_gap(root, padded(seconds()), gap, &shown)
        }
    })
}

/// The dots of [`time_vs_gap`] with seconds on the axis `x`, linear or logarithmic.
fn draw_time_vs_gap<X>(root: &Area, x: X, gap: Range<f64>, series: &[(&str, Vec<(f64, f64)>)]) -> DrawResult
where
    X: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
{
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .margin_right(24)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(x, gap)?;
    let mut mesh = chart.configure_mesh();
    house_style(&mut mesh);
    mesh.x_desc("solve time (s)").y_desc("optimality gap (%)").draw()?;
    for (k, (name, points)) in series.iter().enumerate() {
        let c = colour(k);
        chart
            .draw_series(points.iter().map(|&p| Circle::new(p, 4, c.mix(0.85).filled())))?
            .label(*name)
            .legend(move |(x, y)| Circle::new((x + 6, y), 4, c.filled()));
    }
    if series.is_empty() {
        return Ok(());
    }
    // Slow and far from optimal is the corner no policy worth running is in.
    legend(&mut chart, SeriesLabelPosition::UpperRight)
}

/// Draws one plot of `size` pixels with `draw` on white and returns the SVG document.
fn plot(size: (u32, u32), draw: impl FnOnce(&Area) -> DrawResult) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Text in the report's font stack at `size` CSS pixels (plotters writes sizes scaled down by
/// 1.24, which this undoes), so Chinese labels render wherever the report's do.
fn text_style(size: f64) -> TextStyle<'static> {
    (FONT_STACK, size * 1.24).into_font().color(&INK)
}

/// The report's look for an axis: grey axes and text, light grid lines only at the labelled
/// ticks, so the markers stand out.
fn house_style<X: Ranged, Y: Ranged>(mesh: &mut MeshStyle<'_, '_, X, Y, SVGBackend<'_>>) {
    mesh.x_labels(10)
        .y_labels(8)
        .label_style(text_style(13.0))
        .axis_desc_style(text_style(13.0))
        .axis_style(INK)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID);
}

/// The legend of the labelled series at `position`.
fn legend<'a, 'b: 'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
) -> DrawResult {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xCC, 0xCC, 0xCC))
        .label_font(text_style(12.0))
        .legend_area_size(18)
        .draw()
}

/// The colour of the `k`-th set or policy, from plotters' palette of distinct colours.
fn colour(k: usize) -> RGBColor {
    let (r, g, b) = Palette99::COLORS[k % Palette99::COLORS.len()];
    RGBColor(r, g, b)
}

/// The distinct `names` in the order they first appear.
fn first_seen<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// An axis range over `values` (all finite) with a twentieth of their span either side, so
/// markers at the extremes stay whole; 1 either side of a single value (or of equal ones), so
/// the axis never has a zero range; 0..1 without values. The margin goes below 0 too, so a
/// gap of 0 (a proven optimum) is a whole dot rather than half of one on the axis.
fn padded(values: impl Iterator<Item = f64>) -> Range<f64> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return 0.0..1.0;
    }
    let pad = if hi > lo { (hi - lo) / 20.0 } else { 1.0 };
    lo - pad..hi + pad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(policy: &str, set: &str, x: f64, y: f64) -> FrontierPoint {
        FrontierPoint { policy: policy.into(), set: set.into(), x, y }
    }

    #[test]
    fn labels_of_close_points_do_not_cover_each_other() {
        // Three points 3 px apart, one far away: the close ones' labels go a line apart, in
        // the order of the points from the top; the far one keeps its place.
        let at = [(100, 103), (101, 100), (99, 106), (400, 100)];
        let offsets = label_offsets(&at, &[10, 10, 10, 10]);
        assert_eq!(offsets, vec![(7, 10), (7, -4), (7, 24), (7, -4)]);
    }

    fn is_svg(svg: &str, labels: &[&str]) {
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{svg}");
        for label in labels {
            assert!(svg.contains(label), "{label} missing from {svg}");
        }
    }

    #[test]
    fn the_frontier_labels_policies_and_sets_and_is_deterministic() {
        let points = vec![
            point("贪心 greedy", "县城 county", 80.0, 40.0),
            point("公平 fair", "县城 county", 70.0, 60.0),
            point("dominated", "县城 county", 65.0, 35.0),
            point("exact", "city", 90.0, 20.0),
            point("exact", "县城 county", 85.0, 45.0),
            point("broken", "city", f64::NAN, 10.0),
        ];
        let svg = frontier(&points).unwrap();
        is_svg(&svg, &["贪心 greedy", "公平 fair", "dominated", "exact", "县城 county", "city"]);
        is_svg(&svg, &["weight met (%)", "lowest region coverage (%)"]);
        assert!(!svg.contains("broken"), "a point without figures is not drawn");
        assert_eq!(svg, frontier(&points).unwrap());
    }

    #[test]
    fn efficient_points_are_those_nothing_beats() {
        let xy = [(80.0, 40.0), (70.0, 60.0), (65.0, 35.0), (85.0, 45.0), (85.0, 45.0), (70.0, 50.0)];
        assert_eq!(efficient(&xy), vec![1, 3, 4]);
        assert_eq!(efficient(&[]), Vec::<usize>::new());
    }

    #[test]
    fn the_frontier_survives_edge_cases() {
        is_svg(&frontier(&[]).unwrap(), &[]);
        is_svg(&frontier(&[point("only", "s", 50.0, 50.0)]).unwrap(), &["only"]);
        is_svg(&frontier(&[point("a", "s", 0.0, 0.0), point("b", "s", 0.0, 0.0)]).unwrap(), &["a", "b"]);
        is_svg(&frontier(&[point("nan", "s", f64::NAN, f64::NAN)]).unwrap(), &[]);
    }

    #[test]
    fn box_plots_label_their_groups_and_are_deterministic() {
        let groups = vec![
            ("贪心".to_string(), vec![90.0, 91.0, 92.5, 95.0, 60.0, f64::NAN]),
            ("exact".to_string(), vec![97.0, 98.0, 99.0]),
        ];
        let svg = boxplots("权重满足率 weight met", "weight met (%)", &groups).unwrap();
        is_svg(&svg, &["贪心", "exact", "权重满足率 weight met", "weight met (%)"]);
        assert_eq!(svg, boxplots("权重满足率 weight met", "weight met (%)", &groups).unwrap());
    }

    #[test]
    fn box_plots_survive_edge_cases() {
        is_svg(&boxplots("t", "y", &[]).unwrap(), &[]);
        is_svg(&boxplots("t", "y", &[("one".into(), vec![5.0])]).unwrap(), &["one"]);
        is_svg(&boxplots("t", "y", &[("equal".into(), vec![3.0; 4])]).unwrap(), &["equal"]);
        is_svg(&boxplots("t", "y", &[("zero".into(), vec![0.0; 4])]).unwrap(), &["zero"]);
        let groups =
            [("nan".to_string(), vec![f64::NAN]), ("empty".to_string(), vec![]), ("ok".to_string(), vec![1.0])];
        is_svg(&boxplots("t", "y", &groups).unwrap(), &["nan", "empty", "ok"]);
    }

    #[test]
    fn time_against_gap_has_a_legend_and_is_deterministic() {
        let series = vec![
            ("greedy".to_string(), vec![(0.05, 3.2), (0.08, 2.5), (f64::NAN, 1.0)]),
            ("精确 exact".to_string(), vec![(30.0, 0.0), (120.0, 0.4)]),
        ];
        let svg = time_vs_gap(&series).unwrap();
        is_svg(&svg, &["greedy", "精确 exact", "solve time (s)", "optimality gap (%)"]);
        assert_eq!(svg, time_vs_gap(&series).unwrap());
        // Seconds within a factor 20, and a zero second, both take the linear axis.
        is_svg(&time_vs_gap(&[("near".into(), vec![(1.0, 1.0), (10.0, 2.0)])]).unwrap(), &["near"]);
        is_svg(&time_vs_gap(&[("zero".into(), vec![(0.0, 1.0), (100.0, 2.0)])]).unwrap(), &["zero"]);
    }

    #[test]
    fn time_against_gap_survives_edge_cases() {
        is_svg(&time_vs_gap(&[]).unwrap(), &[]);
        is_svg(&time_vs_gap(&[("none".into(), vec![])]).unwrap(), &["none"]);
        is_svg(&time_vs_gap(&[("one".into(), vec![(2.0, 0.0)])]).unwrap(), &["one"]);
        is_svg(&time_vs_gap(&[("nan".into(), vec![(f64::NAN, f64::NAN)])]).unwrap(), &["nan"]);
    }

    #[test]
    fn axes_are_padded_and_never_empty() {
        assert_eq!(padded([].into_iter()), 0.0..1.0);
        assert_eq!(padded([5.0].into_iter()), 4.0..6.0);
        assert_eq!(padded([0.0, 0.0].into_iter()), -1.0..1.0);
        assert_eq!(padded([0.0, 100.0].into_iter()), -5.0..105.0);
        assert_eq!(padded([-10.0, 10.0].into_iter()), -11.0..11.0);
    }
}
