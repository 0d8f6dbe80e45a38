//! What every chart of the report shares: drawing with plotters into a string, the font stack
//! that renders Chinese, the colours, and the tag that names each chart in the page.

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::io;
use std::ops::Range;

/// Fonts tried in order for every piece of text, in the page and in the charts: the common
/// Chinese system fonts of Linux, Windows and macOS, then whatever sans-serif the browser has.
/// No web font is loaded, so the report opens offline.
pub const FONT_STACK: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/// Ten distinguishable colours (the Tableau 10 palette), cycled over communities.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4E, 0x79, 0xA7),
    RGBColor(0xF2, 0x8E, 0x2B),
    RGBColor(0xE1, 0x57, 0x59),
    RGBColor(0x76, 0xB7, 0xB2),
    RGBColor(0x59, 0xA1, 0x4F),
    RGBColor(0xED, 0xC9, 0x48),
    RGBColor(0xB0, 0x7A, 0xA1),
    RGBColor(0xFF, 0x9D, 0xA7),
    RGBColor(0x9C, 0x75, 0x5F),
    RGBColor(0xBA, 0xB0, 0xAC),
];

/// The colour of the fairness floor and of what falls below it.
pub const ALERT: RGBColor = RGBColor(0xD6, 0x27, 0x28);

/// The colour of what is met or at or above the floor.
pub const GOOD: RGBColor = RGBColor(0x2E, 0x7D, 0x9A);

/// Axis lines and secondary text.
pub const INK: RGBColor = RGBColor(0x44, 0x44, 0x44);

/// Text style of axis labels and in-chart notes, at `size` CSS pixels (plotters writes sizes
/// scaled down by 1.24, which this undoes).
pub fn text_style(size: f64) -> TextStyle<'static> {
    (FONT_STACK, size * 1.24).into_font().color(&INK)
}

/// An axis of equal bands (communities, buckets, days): band `i` spans `[i, i + 1)` and its
/// label sits at its centre. (Plotters' integer axes cannot hold a single band and label band
/// edges; its float axes label round numbers.)
#[derive(Debug, Clone)]
pub struct Bands {
    count: usize,
    labelled: bool,
}

impl Ranged for Bands {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = value / self.count.max(1) as f64;
        limit.0 + (f64::from(limit.1 - limit.0) * share).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        if self.labelled {
            (0..self.count).map(|i| i as f64 + 0.5).collect()
        } else {
            Vec::new()
        }
    }

    fn range(&self) -> Range<f64> {
        0.0..self.count.max(1) as f64
    }
}

impl ValueFormatter<f64> for Bands {
    fn format(value: &f64) -> String {
        band_of(*value).to_string()
    }
}

/// An axis of `count` bands, labelled at their centres when `labelled`.
pub fn bands(count: usize, labelled: bool) -> Bands {
    Bands { count, labelled }
}

/// The band of [`bands`] a position on its axis falls in.
pub fn band_of(position: f64) -> usize {
    position.max(0.0).floor() as usize
}

/// The colour between `low` (at 0) and `high` (at 1) at `t`, clamped to [0, 1].
pub fn blend(low: RGBColor, high: RGBColor, t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
}

/// Errors of drawing into a string: only a chart's own mistake (a coordinate plotters cannot
/// place) gets here, reported as an I/O error of the report being written.
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Draws one chart of `size` pixels with `draw` and returns its `<svg>` element, tagged
/// `id="chart-{id}" class="chart"` with `title` as its accessible name, scaling with the page
/// (its `viewBox` keeps the proportions) and without the XML namespace, which inline SVG in
/// HTML does not need.
pub fn chart_svg(
    id: &str,
    title: &str,
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> DrawResult,
) -> io::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(io::Error::other)?;
        draw(&root).map_err(|e| io::Error::other(format!("chart {id}: {e}")))?;
        root.present().map_err(io::Error::other)?;
    }
    let body = svg.find('>').map_or("", |end| &svg[end + 1..]);
    Ok(format!(
        "<svg id=\"chart-{id}\" class=\"chart\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" \
         viewBox=\"0 0 {} {}\">{body}",
        super::page::escape(title),
        size.0,
        size.1,
        size.0,
        size.1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_tagged_and_has_no_namespace_url() {
        let svg = chart_svg("t", "A <b>", (40, 30), |root| {
            root.draw(&Rectangle::new([(1, 1), (10, 10)], GOOD.filled()))?;
            Ok(())
        })
        .unwrap();
        assert!(
            svg.starts_with("<svg id=\"chart-t\" class=\"chart\" role=\"img\" aria-label=\"A &lt;b&gt;\""),
            "{svg}"
        );
        assert!(svg.contains("<rect") && svg.trim_end().ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("http"), "{svg}");
    }

    #[test]
    fn blend_runs_from_one_colour_to_the_other() {
        assert_eq!(blend(BLACK, WHITE, 0.0), BLACK);
        assert_eq!(blend(BLACK, WHITE, 1.0), WHITE);
        assert_eq!(blend(BLACK, WHITE, 2.0), WHITE);
        assert_eq!(blend(BLACK, WHITE, f64::NAN), BLACK);
        assert_eq!(blend(RGBColor(0, 100, 200), RGBColor(100, 200, 0), 0.5), RGBColor(50, 150, 100));
    }
}
