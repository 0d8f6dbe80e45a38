//! Map of demands met and unmet over the region: a scatter on longitude and latitude coloured
//! by community, or at city scale a grid of cells coloured by the share met, so that a month of
//! a hundred thousand demands still makes a small file.

use super::svg::{blend, chart_svg, text_style, DrawResult, ALERT, GOOD, INK, PALETTE};
use crate::format::Names;
use crate::model::{Instance, Plan};
use crate::report::Tally;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::io;

/// Demands beyond which the map is drawn as a density grid instead of one dot per demand.
pub const SCATTER_LIMIT: usize = 5_000;

/// Columns of the density grid (rows follow the region's proportions).
const GRID_COLUMNS: usize = 90;

/// Most communities named in the scatter's legend.
const LEGEND_LIMIT: usize = 12;

/// Width of the map in pixels.
const WIDTH: u32 = 900;

/// Grey of demands outside every community.
const NO_COMMUNITY: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// Where the demands are: (longitude, latitude) bounds with a margin, and the map's height so
/// that a kilometre is as long across as up (within the least and most height a page allows).
struct Frame {
    lon: (f64, f64),
    lat: (f64, f64),
    height: u32,
}

impl Frame {
    fn of(points: &[(f64, f64)]) -> Frame {
        let (mut lon, mut lat) = ((f64::MAX, f64::MIN), (f64::MAX, f64::MIN));
        for &(x, y) in points {
            lon = (lon.0.min(x), lon.1.max(x));
            lat = (lat.0.min(y), lat.1.max(y));
        }
        let pad = |(lo, hi): (f64, f64)| {
            let m = ((hi - lo) * 0.04).max(0.002);
            (lo - m, hi + m)
        };
        let (lon, lat) = (pad(lon), pad(lat));
        let across = (lon.1 - lon.0) * ((lat.0 + lat.1) / 2.0).to_radians().cos();
        let plot_width = f64::from(WIDTH) - 100.0;
        let height = (plot_width * (lat.1 - lat.0) / across.max(1e-9) + 80.0).clamp(320.0, 760.0) as u32;
        Frame { lon, lat, height }
    }
}

/// Whether each demand is met.
fn met_flags(inst: &Instance, plan: &Plan) -> Vec<bool> {
    let mut met = vec![false; inst.demands.len()];
    for a in &plan.assignments {
        met[a.demand as usize] = true;
    }
    met
}

/// The map's SVG; `None` when no demand has a location (months given by arcs).
pub fn map_chart(inst: &Instance, names: &Names, plan: &Plan, tally: &Tally) -> io::Result<Option<String>> {
    let located: Vec<(usize, (f64, f64))> =
        inst.demands.iter().enumerate().filter_map(|(d, demand)| demand.at.map(|[lat, lon]| (d, (lon, lat)))).collect();
    if located.is_empty() {
        return Ok(None);
    }
    let points: Vec<(f64, f64)> = located.iter().map(|&(_, p)| p).collect();
    let frame = Frame::of(&points);
    let met = met_flags(inst, plan);
    chart_svg("map", "需求分布 demands met and unmet", (WIDTH, frame.height), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(62)
            .build_cartesian_2d(frame.lon.0..frame.lon.1, frame.lat.0..frame.lat.1)?;
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&|x| format!("{x:.3}°E"))
            .y_label_formatter(&|y| format!("{y:.3}°N"))
            .label_style(text_style(12.0))
            .axis_style(INK)
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xE4, 0xE4, 0xE4))
            .draw()?;
        if located.len() > SCATTER_LIMIT {
            draw_grid(&mut chart, &frame, &located, &met)
        } else {
            draw_scatter(&mut chart, names, tally, &located, &met)
        }
    })
    .map(Some)
}

/// The map's chart: longitude across, latitude up.
type MapChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// One dot per demand: filled when met, a ring when not, in its community's colour.
fn draw_scatter<'a, 'b: 'a>(
    chart: &mut MapChart<'a, 'b>,
    names: &Names,
    tally: &Tally,
    located: &[(usize, (f64, f64))],
    met: &[bool],
) -> DrawResult {
    let colour = |d: usize| tally.region_of_demand[d].map_or(NO_COMMUNITY, |g| PALETTE[g as usize % PALETTE.len()]);
    let unmet = located.iter().filter(|&&(d, _)| !met[d]);
    chart.draw_series(unmet.map(|&(d, p)| Circle::new(p, 3, colour(d).stroke_width(1))))?;
    let filled = located.iter().filter(|&&(d, _)| met[d]);
    chart.draw_series(filled.map(|&(d, p)| Circle::new(p, 3, colour(d).mix(0.9).filled())))?;
    if tally.regions.len() > LEGEND_LIMIT {
        return Ok(());
    }
    for (g, t) in tally.regions.iter().enumerate() {
        let c = PALETTE[g % PALETTE.len()];
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())?
            .label(names.region_names[t.region as usize].clone())
            .legend(move |(x, y)| Circle::new((x + 6, y), 4, c.filled()));
    }
    for (label, style) in [("已满足 met", INK.filled()), ("未满足 unmet", INK.stroke_width(1))] {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())?
            .label(label)
            .legend(move |(x, y)| Circle::new((x + 6, y), 4, style));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xCC, 0xCC, 0xCC))
        .label_font(text_style(12.0))
        .legend_area_size(18)
        .draw()
}

/// Amber, halfway between nothing met and all met on the density grid.
const HALF: RGBColor = RGBColor(0xF2, 0xB1, 0x34);

/// The colour of a cell where `share` of the demands are met: red, through amber, to blue.
pub fn share_colour(share: f64) -> RGBColor {
    if share < 0.5 {
        blend(ALERT, HALF, 2.0 * share)
    } else {
        blend(HALF, GOOD, 2.0 * share - 1.0)
    }
}

/// A grid of cells, each coloured from red (nothing met) through amber to blue (all met) by the
/// share of its demands met; empty cells are left blank.
fn draw_grid<'a, 'b: 'a>(
    chart: &mut MapChart<'a, 'b>,
    frame: &Frame,
    located: &[(usize, (f64, f64))],
    met: &[bool],
) -> DrawResult {
    let columns = GRID_COLUMNS;
    let rows = ((columns as f64 * f64::from(frame.height - 80) / f64::from(WIDTH - 100)).round() as usize).max(1);
    let (dx, dy) = ((frame.lon.1 - frame.lon.0) / columns as f64, (frame.lat.1 - frame.lat.0) / rows as f64);
    let mut cells = vec![(0u32, 0u32); columns * rows];
    for &(d, (x, y)) in located {
        let c = (((x - frame.lon.0) / dx) as usize).min(columns - 1);
        let r = (((y - frame.lat.0) / dy) as usize).min(rows - 1);
        let cell = &mut cells[r * columns + c];
        cell.0 += 1;
        cell.1 += u32::from(met[d]);
    }
    let squares = cells.iter().enumerate().filter(|(_, &(n, _))| n > 0).map(|(i, &(n, m))| {
        let (r, c) = (i / columns, i % columns);
        let (x0, y0) = (frame.lon.0 + c as f64 * dx, frame.lat.0 + r as f64 * dy);
        let colour = share_colour(f64::from(m) / f64::from(n));
        Rectangle::new([(x0, y0), (x0 + dx, y0 + dy)], colour.filled())
    });
    chart.draw_series(squares)?;
    Ok(())
}
