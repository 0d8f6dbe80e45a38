//! The HTML report of a plan (`civic-match report`): one self-contained file a planner opens
//! in a browser and shows at a meeting — the summary, coverage per community against the
//! fairness floor, volunteers' hours, a map of demands met and unmet, met demands per slot on
//! a calendar, and the unmet demands with their reasons.
//!
//! Charts are inline SVG drawn with plotters; the style sheet is inline; nothing is fetched
//! from anywhere. The figures come from [`crate::report::tally`], as do the solve summary's
//! and the project-list workbook's, so the three agree.

mod calendar;
mod coverage;
mod hours;
mod map;
mod page;
mod svg;

pub use map::SCATTER_LIMIT;
pub use page::UNMET_ROWS;
pub use svg::FONT_STACK;

use crate::format::SolutionSpec;
use crate::model::Plan;
use crate::problem::Problem;
use crate::report::project_list::Labels;
use crate::report::{tally, unassigned_reasons};
use std::io;

/// The report of `plan` (read from `solution`, which gives its solver, status, objective and
/// bound) as a complete HTML document; `labels` give the demands' titles (ids alone without
/// them). `plan_file` names the solution file where the page says the full list of unmet
/// demands is.
///
/// Run the checker first: the figures assume a feasible plan of this instance. The error is
/// a chart that could not be drawn.
pub fn html_report(
    problem: &Problem,
    labels: &Labels,
    solution: &SolutionSpec,
    plan: &Plan,
    plan_file: &str,
) -> io::Result<String> {
    let names = &problem.names;
    let figures = tally(problem, plan);
    let reasons = unassigned_reasons(problem, plan);
    let mut sections = vec![page::section("summary", "概况 Summary", &page::summary(problem, solution, &figures), "")];

    let floor_note = match figures.floor {
        Some(f) => format!("红色虚线为公平底线 {:.0}%（fairness floor）；低于底线的社区以红色显示。", 100.0 * f),
        None => "本月未设公平底线（no fairness floor）。".to_string(),
    };
    let coverage = coverage::coverage_chart(names, &figures)?
        .unwrap_or_else(|| "<p>需求不属于任何社区，无法按社区统计。</p>".to_string());
    sections.push(page::section("coverage", "各社区权重满足率 Coverage by community", &coverage, &floor_note));

    let (_, without_share) = hours::share_buckets(&figures);
    let hours_note = if without_share > 0 {
        format!("{without_share} 名志愿者未限定时长，不在图中（unlimited hours, not shown）。")
    } else {
        String::new()
    };
    sections.push(page::section(
        "hours",
        "志愿者时长使用 Volunteers' hours used of offered",
        &hours::hours_chart(&figures)?,
        &hours_note,
    ));

    let located = problem.instance.demands.iter().filter(|d| d.at.is_some()).count();
    let (map_body, map_note) = match map::map_chart(&problem.instance, names, plan, &figures)? {
        Some(svg) if located > SCATTER_LIMIT => (
            svg,
            format!(
                "{} 个需求按网格汇总：每格颜色为该格需求的满足比例 <span class=\"ramp\"></span> \
                 红 0% → 黄 50% → 蓝 100%（share met per cell）。",
                page::thousands(located)
            ),
        ),
        Some(svg) => (svg, "实心点：已满足；空心圈：未满足；颜色区分社区。".to_string()),
        None => ("<p>需求没有坐标（由 arcs 给出候选），无法绘制地图。</p>".to_string(), String::new()),
    };
    sections.push(page::section("map", "需求分布 Demands met and unmet", &map_body, &map_note));

    let calendar =
        calendar::calendar_chart(names, plan)?.unwrap_or_else(|| "<p>本月没有时段（no slots）。</p>".to_string());
    sections.push(page::section(
        "calendar",
        "各时段满足的需求 Met demands per slot",
        &calendar,
        "每格数字为该时段满足的需求数，颜色越深越多；空白的日子没有时段。",
    ));
    sections.push(page::section(
        "communities",
        "各社区明细 Communities",
        &page::community_table(problem, &figures),
        "",
    ));
    let unmet = figures.total.demands - figures.total.met;
    sections.push(page::section(
        "unmet-demands",
        &format!("未满足的需求 Unmet demands ({})", page::thousands(unmet as usize)),
        &page::unmet_tables(problem, labels, &figures, &reasons, solution, plan_file),
        "",
    ));
    let title = format!("{} 月度项目报告", names.instance);
    let subtitle = format!("civic-match report · 方案 plan: {plan_file}");
    Ok(page::document(&title, &subtitle, &sections))
}
