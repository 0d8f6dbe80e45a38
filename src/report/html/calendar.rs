//! Calendar heat map of met demands per slot: slot ids read as dates and parts of the day
//! (one column per day, one row per part of the day), and slots that are not dates (`month`,
//! `weekday-evening`) in a row of their own below.

use super::svg::{band_of, bands, blend, chart_svg, text_style, Bands, DrawResult, INK};
use crate::format::{DayPart, Names, SlotWhen};
use crate::model::Plan;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::io;

/// Width of the chart in pixels.
const WIDTH: u32 = 900;

/// Height of the date grid, and of the row of other slots.
const GRID_HEIGHT: u32 = 250;
const OTHER_HEIGHT: u32 = 130;

/// Widest cell of a slot that is not a date, in pixels.
const OTHER_CELL_MAX: f64 = 160.0;

/// Cell colours: no demand met, the most met.
const EMPTY: RGBColor = RGBColor(0xEE, 0xF3, 0xF8);
const FULL: RGBColor = RGBColor(0x08, 0x45, 0x94);

/// Weekday names, Monday first.
const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// The rows of the date grid: the parts of the day, then slots that name a date only.
const PARTS: [Option<DayPart>; 4] = [Some(DayPart::Morning), Some(DayPart::Afternoon), Some(DayPart::Evening), None];

/// The label of a row of [`PARTS`].
fn part_label(part: Option<DayPart>) -> &'static str {
    part.map_or("全天", DayPart::chinese)
}

/// Slots placed on the calendar: the day number of each dated slot (days since 1899-12-30;
/// a date without a year is placed in the leap year 2000), its row in [`PARTS`], and the
/// slots that are not dates.
struct Layout {
    dated: Vec<(usize, i64, usize)>,
    other: Vec<usize>,
    first: i64,
    days: usize,
    rows: Vec<usize>,
    year_known: bool,
}

impl Layout {
    fn of(names: &Names) -> Layout {
        let (mut dated, mut other) = (Vec::new(), Vec::new());
        let mut year_known = true;
        for (s, id) in names.slots.iter().enumerate() {
            match SlotWhen::parse(id) {
                Some(when) => {
                    year_known &= when.year.is_some();
                    let placed = SlotWhen { year: when.year.or(Some(2000)), ..when };
                    let day = placed.serial_date().expect("a year is set") as i64;
                    dated.push((s, day, PARTS.iter().position(|&p| p == when.part).expect("every part has a row")));
                }
                None => other.push(s),
            }
        }
        let first = dated.iter().map(|&(_, d, _)| d).min().unwrap_or(0);
        let last = dated.iter().map(|&(_, d, _)| d).max().unwrap_or(-1);
        let mut rows: Vec<usize> = dated.iter().map(|&(_, _, r)| r).collect();
        rows.sort_unstable();
        rows.dedup();
        Layout { dated, other, first, days: (last - first + 1).max(0) as usize, rows, year_known }
    }
}

/// Met demands per slot.
fn met_per_slot(slots: usize, plan: &Plan) -> Vec<u32> {
    let mut met = vec![0u32; slots];
    for a in &plan.assignments {
        met[a.slot as usize] += 1;
    }
    met
}

/// The chart's SVG; `None` for a month without slots.
pub fn calendar_chart(names: &Names, plan: &Plan) -> io::Result<Option<String>> {
    if names.slots.is_empty() {
        return Ok(None);
    }
    let layout = Layout::of(names);
    let met = met_per_slot(names.slots.len(), plan);
    let most = met.iter().copied().max().unwrap_or(0).max(1);
    let grid = if layout.dated.is_empty() { 0 } else { GRID_HEIGHT };
    let other = if layout.other.is_empty() { 0 } else { OTHER_HEIGHT };
    chart_svg("calendar", "每个时段满足的需求 met demands per slot", (WIDTH, grid + other), |root| {
        let (top, bottom) = root.split_vertically(grid);
        if grid > 0 {
            draw_dates(&top, names, &layout, &met, most)?;
        }
        if other > 0 {
            draw_other(&bottom, names, &layout.other, &met, most)?;
        }
        Ok(())
    })
    .map(Some)
}

/// A cell's colour.
fn cell_colour(count: u32, most: u32) -> RGBColor {
    blend(EMPTY, FULL, (f64::from(count) / f64::from(most)).sqrt())
}

/// The style of the count written on a cell: white on dark cells, and small enough that the
/// largest count fits a cell `cell_px` wide (a digit is about 0.56 of the font size).
fn count_style(count: u32, most: u32, cell_px: f64) -> TextStyle<'static> {
    let ink: &'static RGBColor = if f64::from(count) / f64::from(most) > 0.3 { &WHITE } else { &INK };
    let digits = most.to_string().len() as f64;
    text_style((cell_px / (0.56 * digits + 0.1)).clamp(7.0, 12.0)).color(ink).pos(Pos::new(HPos::Center, VPos::Center))
}

/// The cells of one band chart: slot `s` at band (`x`, `y`) coloured and labelled by its
/// count, the counts sized to the cells' width in pixels.
fn draw_cells<'a, 'b: 'a>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<Bands, Bands>>,
    cells: &[(usize, f64, f64)],
    met: &[u32],
    most: u32,
    columns: usize,
) -> DrawResult {
    let cell_px = chart.plotting_area().dim_in_pixel().0 as f64 / columns.max(1) as f64 - 2.0;
    chart.draw_series(cells.iter().map(|&(s, x, y)| {
        let mut cell = Rectangle::new([(x, y), (x + 1.0, y + 1.0)], cell_colour(met[s], most).filled());
        cell.set_margin(1, 1, 1, 1);
        cell
    }))?;
    chart.draw_series(
        cells
            .iter()
            .map(|&(s, x, y)| Text::new(met[s].to_string(), (x + 0.5, y + 0.5), count_style(met[s], most, cell_px))),
    )?;
    Ok(())
}

/// The date grid: a column per day from the first dated slot to the last, a row per part of
/// the day that occurs, weekday names above when the year is known.
fn draw_dates(
    area: &DrawingArea<SVGBackend, Shift>,
    names: &Names,
    layout: &Layout,
    met: &[u32],
    most: u32,
) -> DrawResult {
    let (days, rows) = (layout.days, layout.rows.len());
    let month_day = |day: i64| SlotWhen::from_serial_date(day as f64).map(|w| (w.month, w.day));
    let mut chart = ChartBuilder::on(area)
        .margin(14)
        .margin_top(34)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(bands(days, true), bands(rows, true))?;
    let x_label = |v: &f64| {
        let i = band_of(*v);
        match month_day(layout.first + i as i64) {
            Some((m, d)) if d == 1 || i == 0 => format!("{m}/{d}"),
            Some((_, d)) if days <= 40 || d.is_multiple_of(5) => d.to_string(),
            _ => String::new(),
        }
    };
    // First row at the top: the row of part r sits in band rows - 1 - (its place).
    let y_label = |v: &f64| {
        let place = rows.saturating_sub(1 + band_of(*v));
        layout.rows.get(place).map_or(String::new(), |&r| part_label(PARTS[r]).to_string())
    };
    let year = layout.dated.first().and_then(|&(s, _, _)| SlotWhen::parse(&names.slots[s])).and_then(|w| w.year);
    let desc = match year {
        Some(y) if layout.year_known => format!("{y}年 日期 date"),
        _ => "日期 date".to_string(),
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(desc)
        .label_style(text_style(11.0))
        .axis_desc_style(text_style(13.0))
        .axis_style(INK)
        .draw()?;
    let band = |r: usize| (rows - 1 - layout.rows.iter().position(|&p| p == r).expect("a row of the layout")) as f64;
    let cells: Vec<(usize, f64, f64)> =
        layout.dated.iter().map(|&(s, day, r)| (s, (day - layout.first) as f64, band(r))).collect();
    draw_cells(&mut chart, &cells, met, most, days)?;
    if layout.year_known {
        for i in 0..days {
            let day = layout.first + i as i64;
            // Serial day 0 (1899-12-30) was a Saturday.
            let weekday = (day + 5).rem_euclid(7) as usize;
            let (px, _) = chart.backend_coord(&(i as f64 + 0.5, rows as f64));
            let style = if weekday >= 5 { text_style(11.0).color(&FULL) } else { text_style(11.0) };
            area.draw(&Text::new(WEEKDAYS[weekday], (px, 20), style.pos(Pos::new(HPos::Center, VPos::Center))))?;
        }
    }
    Ok(())
}

/// The slots that are not dates, one cell each, labelled by their ids.
fn draw_other(
    area: &DrawingArea<SVGBackend, Shift>,
    names: &Names,
    other: &[usize],
    met: &[u32],
    most: u32,
) -> DrawResult {
    let n = other.len();
    // Cells no wider than a day's column would be ten times over.
    let unused = f64::from(WIDTH) - 76.0 - n as f64 * OTHER_CELL_MAX;
    let mut chart = ChartBuilder::on(area)
        .margin(14)
        .margin_right(unused.max(14.0) as u32)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(bands(n, true), bands(1, true))?;
    let x_label = |v: &f64| other.get(band_of(*v)).map_or(String::new(), |&s| names.slots[s].clone());
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&x_label)
        .y_label_formatter(&|_| "其他时段".to_string())
        .label_style(text_style(11.0))
        .axis_style(INK)
        .draw()?;
    let cells: Vec<(usize, f64, f64)> = other.iter().enumerate().map(|(i, &s)| (s, i as f64, 0.0)).collect();
    draw_cells(&mut chart, &cells, met, most, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(slots: &[&str]) -> Names {
        Names { slots: slots.iter().map(|s| s.to_string()).collect(), ..Names::default() }
    }

    #[test]
    fn dated_slots_become_days_and_parts_the_rest_a_row_of_their_own() {
        let layout = Layout::of(&names(&["2026-07-01am", "2026-07-03pm", "month", "2026-07-01pm", "weekday-evening"]));
        assert_eq!(layout.other, vec![2, 4]);
        assert_eq!(layout.days, 3);
        assert_eq!(layout.rows, vec![0, 1]);
        assert!(layout.year_known);
        let day = |s: usize| layout.dated.iter().find(|&&(t, _, _)| t == s).map(|&(_, d, r)| (d - layout.first, r));
        assert_eq!((day(0), day(1), day(3)), (Some((0, 0)), Some((2, 1)), Some((0, 1))));
    }

    #[test]
    fn dates_without_a_year_still_line_up() {
        let layout = Layout::of(&names(&["07-31eve", "08-01", "02-29am"]));
        assert!(!layout.year_known);
        assert!(layout.other.is_empty());
        assert_eq!(layout.rows, vec![0, 2, 3]);
        assert_eq!(layout.days, 155);
    }
}
