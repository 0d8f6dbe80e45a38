//! The figures of the project list, all from the plan's tally so that they agree with the
//! summary `solve` prints: per community (按社区) and for the whole month (汇总).

use super::sheets::{round, Context};
use super::table::{Cell, Row, Sheet};
use crate::report::gap_percent;
use crate::report::tally::RegionTally;

/// A share in [0, 1] as a percentage with one decimal.
fn percent(share: f64) -> Cell {
    Cell::Number(round(100.0 * share, 1))
}

/// The amounts supplied per kind, as number cells.
fn supplied(t: &RegionTally) -> impl Iterator<Item = Cell> + '_ {
    t.supplied.iter().map(|&x| Cell::Number(round(x, 6)))
}

/// 按社区: one row per region of the tally's grouping level that holds demands, by region
/// index, with the fairness floor when the fairness term compares that level.
pub(super) fn community_sheet(ctx: &Context) -> Sheet {
    let tally = &ctx.tally;
    let mut columns: Vec<String> =
        ["社区编号 region", "社区 community", "街道 street", "需求数 demands", "已满足 met"].map(String::from).into();
    columns.extend(["权重 weight", "已满足权重 weight met", "权重满足率% weight met %"].map(String::from));
    if tally.floor.is_some() {
        columns.extend(["公平底线% fairness floor %", "达标 meets floor"].map(String::from));
    }
    columns.push("志愿时长 volunteer hours".to_string());
    columns.extend(ctx.kind_headers());
    let mut sheet = Sheet::new("按社区", columns);
    let names = &ctx.problem.names;
    for t in &tally.regions {
        let r = t.region as usize;
        let mut cells = vec![Cell::text(names.regions[r].as_str()), Cell::text(names.region_names[r].as_str())];
        cells.push(ctx.region_name(ctx.street[r]));
        cells.extend([Cell::Integer(i64::from(t.demands)), Cell::Integer(i64::from(t.met))]);
        cells.extend([Cell::Number(t.weight), Cell::Number(round(t.weight_met, 6)), percent(t.coverage())]);
        if let Some(floor) = tally.floor {
            let meets = !t.below(floor);
            cells.extend([percent(floor), Cell::text(if meets { "是" } else { "否" })]);
        }
        cells.push(Cell::Number(round(t.volunteer_hours, 6)));
        cells.extend(supplied(t));
        sheet.rows.push(Row::data(cells));
    }
    sheet
}

/// 汇总: the month on one page — solver, seed, time, status, objective, bound, gap, demands
/// and weight met, the lowest community, volunteers and what was supplied.
pub(super) fn summary_sheet(ctx: &Context) -> Sheet {
    let (solution, tally, names) = (ctx.solution, &ctx.tally, &ctx.problem.names);
    let mut sheet = Sheet::new("汇总", vec!["项目 item".to_string(), "值 value".to_string()]);
    let mut row = |item: &str, value: Cell| sheet.rows.push(Row::data(vec![Cell::text(item), value]));
    let optional = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Number(round(x, 6)));
    row("实例 instance", Cell::text(solution.instance.as_str()));
    row("求解器 solver", Cell::text(solution.solver.as_deref().unwrap_or_default()));
    row("随机种子 seed", solution.seed.map_or(Cell::Empty, |s| Cell::text(s.to_string())));
    row("求解时间 seconds", optional(solution.seconds.map(|s| round(s, 3))));
    row("状态 status", Cell::text(solution.status.as_str()));
    row("目标值 objective", optional(solution.objective));
    row("上界 bound", optional(solution.bound));
    let gap = gap_percent(solution.objective, solution.bound).map_or(Cell::Empty, |g| Cell::Number(round(g, 3)));
    row("差距% gap %", gap);
    let total = &tally.total;
    row("满足需求 demands met", Cell::Integer(i64::from(total.met)));
    row("需求总数 demands", Cell::Integer(i64::from(total.demands)));
    row("需求满足率% demands met %", percent(f64::from(total.met) / f64::from(total.demands.max(1))));
    row("权重满足率% weight met %", percent(total.coverage()));
    let lowest = tally.lowest();
    let lowest_name =
        lowest.map(|t| format!("{} ({})", names.region_names[t.region as usize], names.regions[t.region as usize]));
    row("最低社区 lowest community", Cell::text(lowest_name.unwrap_or_default()));
    row("最低社区满足率% its weight met %", lowest.map_or(Cell::Empty, |t| percent(t.coverage())));
    row("公平底线% fairness floor %", tally.floor.map_or(Cell::Empty, percent));
    let busy = tally.volunteers.iter().filter(|v| v.tasks > 0).count();
    row("出勤志愿者 volunteers with tasks", Cell::Integer(busy as i64));
    row("志愿时长 volunteer hours", Cell::Number(round(total.volunteer_hours, 6)));
    for (header, cell) in ctx.kind_headers().iter().zip(supplied(total)) {
        row(&format!("已用 supplied {header}"), cell);
    }
    sheet
}
