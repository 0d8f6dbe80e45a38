//! 志愿者任务: a task card per volunteer with tasks — a heading row with the volunteer, the
//! count of tasks and their hours, then the tasks in date order with their place.

use super::sheets::{round, Context};
use super::table::{Cell, Row, Sheet};
use crate::format::SlotWhen;
use crate::report::tally::team_hours;

/// Where the heading row puts the home community and the total hours.
const HOME_COLUMN: usize = 6;
const HOURS_COLUMN: usize = 9;

/// A slot's place in date order: dated slots by date and part of the day, then the rest;
/// ties by slot index (the instance's order).
fn date_key(when: Option<SlotWhen>, slot: u32) -> (bool, i32, u32, u32, u8, u32) {
    match when {
        Some(w) => (false, w.year.unwrap_or(0), w.month, w.day, w.part.map_or(0, |p| p as u8 + 1), slot),
        None => (true, 0, 0, 0, 0, slot),
    }
}

/// The task-card sheet, volunteers in index order.
pub(super) fn task_sheet(ctx: &Context) -> Sheet {
    let columns = [
        "志愿者编号 volunteer",
        "姓名 name",
        "日期 date",
        "时段 half-day",
        "需求编号 demand",
        "需求 title",
        "社区 community",
        "纬度 lat",
        "经度 lon",
        "时长 hours",
        "同组 team",
    ];
    let mut sheet = Sheet::new("志愿者任务", columns.map(String::from).into());
    let (inst, names) = (&ctx.problem.instance, &ctx.problem.names);
    // Each volunteer's tasks as (assignment, hours), gathered in one pass over the plan.
    let mut tasks: Vec<Vec<(u32, f64)>> = vec![Vec::new(); inst.volunteers.len()];
    for (i, a) in ctx.plan.assignments.iter().enumerate() {
        for (&v, h) in a.volunteers.iter().zip(team_hours(ctx.problem, a)) {
            tasks[v as usize].push((i as u32, h));
        }
    }
    for (v, list) in tasks.iter_mut().enumerate().filter(|(_, list)| !list.is_empty()) {
        let assignment = |i: u32| &ctx.plan.assignments[i as usize];
        list.sort_by_key(|&(i, _)| {
            let a = assignment(i);
            (date_key(ctx.when[a.slot as usize], a.slot), a.demand)
        });
        let (id, name) = (names.volunteers[v].as_str(), ctx.volunteer_name(v as u32));
        let mut heading = vec![Cell::Empty; columns.len()];
        heading[0] = Cell::text(id);
        heading[1] = Cell::text(name);
        heading[2] = Cell::text(format!("{} 项任务 tasks", list.len()));
        heading[HOME_COLUMN] = ctx.region_name(inst.volunteers[v].region);
        heading[HOURS_COLUMN] = Cell::Number(round(ctx.tally.volunteers[v].hours_used, 6));
        sheet.rows.push(Row::heading(heading));
        for &(i, hours) in list.iter() {
            let a = assignment(i);
            let d = a.demand as usize;
            let mut cells = vec![Cell::text(id), Cell::text(name)];
            cells.extend(ctx.date(a.slot));
            cells.extend([Cell::text(names.demands[d].as_str()), ctx.title(d)]);
            cells.push(ctx.region_name(ctx.community(d)));
            let at = inst.demands[d].at;
            cells.extend((0..2).map(|k| at.map_or(Cell::Empty, |at| Cell::Number(at[k]))));
            cells.push(Cell::Number(hours));
            let team: Vec<&str> =
                a.volunteers.iter().filter(|&&w| w as usize != v).map(|&w| ctx.volunteer_name(w)).collect();
            cells.push(Cell::text(team.join("、")));
            sheet.rows.push(Row::data(cells));
        }
    }
    sheet
}
