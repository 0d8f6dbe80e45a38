//! Volunteers' hours chart: how many volunteers gave what share of the hours they offered —
//! whether the month leans on a few members or leaves many unasked.

use super::svg::{band_of, bands, chart_svg, text_style, GOOD, INK};
use crate::report::Tally;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::io;

/// Bucket labels: volunteers given no task, then ten bands of the share of hours used.
const BUCKETS: [&str; 11] =
    ["未安排", "≤10%", "10–20%", "20–30%", "30–40%", "40–50%", "50–60%", "60–70%", "70–80%", "80–90%", "90–100%"];

/// Volunteers per bucket of [`BUCKETS`], and the number with unlimited or no hours offered
/// (who have no share and are left out).
pub fn share_buckets(tally: &Tally) -> ([u32; 11], u32) {
    let mut counts = [0u32; 11];
    let mut without_share = 0;
    for v in &tally.volunteers {
        if !(v.hours_offered.is_finite() && v.hours_offered > 0.0) {
            without_share += 1;
        } else if v.tasks == 0 {
            counts[0] += 1;
        } else {
            let share = (v.hours_used / v.hours_offered).clamp(0.0, 1.0);
            counts[((share * 10.0 - 1e-9).ceil() as usize).clamp(1, 10)] += 1;
        }
    }
    (counts, without_share)
}

/// The chart's SVG.
pub fn hours_chart(tally: &Tally) -> io::Result<String> {
    let (counts, _) = share_buckets(tally);
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    chart_svg("hours", "志愿者时长使用 share of offered hours used", (900, 340), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(bands(BUCKETS.len(), true), 0u32..(top + top / 8 + 1))?;
        let x_label = |v: &f64| BUCKETS.get(band_of(*v)).map_or(String::new(), |b| b.to_string());
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&x_label)
            .x_desc("已用时长 / 承诺时长 hours used of offered")
            .y_desc("志愿者人数 volunteers")
            .label_style(text_style(13.0))
            .axis_desc_style(text_style(13.0))
            .axis_style(INK)
            .light_line_style(TRANSPARENT)
            .draw()?;
        chart.draw_series(counts.iter().enumerate().map(|(b, &c)| {
            let mut bar = Rectangle::new([(b as f64, 0), (b as f64 + 1.0, c)], GOOD.mix(0.85).filled());
            bar.set_margin(0, 0, 6, 6);
            bar
        }))?;
        chart.draw_series(counts.iter().enumerate().filter(|(_, &c)| c > 0).map(|(b, &c)| {
            Text::new(c.to_string(), (b as f64 + 0.5, c), text_style(12.0).pos(Pos::new(HPos::Center, VPos::Bottom)))
        }))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{RegionTally, VolunteerTally};

    #[test]
    fn volunteers_fall_into_the_band_of_their_share() {
        let v = |tasks, hours_used, hours_offered| VolunteerTally { tasks, hours_used, hours_offered };
        let total = RegionTally {
            region: 0,
            demands: 0,
            met: 0,
            weight: 0.0,
            weight_met: 0.0,
            volunteer_hours: 0.0,
            supplied: vec![],
        };
        let tally = Tally {
            level: None,
            floor: None,
            regions: vec![],
            region_of_demand: vec![],
            volunteers: vec![
                v(0, 0.0, 8.0),
                v(1, 0.8, 8.0),
                v(1, 1.0, 8.0),
                v(2, 8.0, 8.0),
                v(1, 4.0, f64::INFINITY),
                v(0, 0.0, 0.0),
            ],
            total,
        };
        let (counts, without) = share_buckets(&tally);
        assert_eq!(without, 2);
        assert_eq!((counts[0], counts[1], counts[2], counts[10]), (1, 1, 1, 1));
        assert_eq!(counts.iter().sum::<u32>(), 4);
    }
}
