//! The ledger as sheets, for `ledger show` (plain text) and `ledger export` (a workbook or CSV):
//! months with their counts, each fairness region's coverage over time, members' hours and
//! time-bank balances, the time bank by month, every task with its outcome, and the demands
//! left unmet. Figures count current plans only; replaced plans are counted in `months`.

use super::{Ledger, LedgerError};
use crate::report::project_list::table::{Cell, Row, Sheet};
use rusqlite::types::Value;
use std::collections::HashMap;

/// A cell from a SQLite value: integers, numbers (rounded to 0.01 for display), text.
fn cell(value: Value) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Integer(n) => Cell::Integer(n),
        Value::Real(x) => Cell::Number((x * 100.0).round() / 100.0),
        Value::Text(t) => Cell::text(t),
        Value::Blob(_) => Cell::Empty,
    }
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

impl Ledger {
    /// A sheet of `name` with `headers` holding the rows `query` returns.
    fn query_sheet(&self, name: &'static str, headers: &[&str], query: &str) -> Result<Sheet, LedgerError> {
        let sql = self.sql();
        let mut statement = self.conn.prepare(query).map_err(&sql)?;
        let width = statement.column_count();
        let mut sheet = Sheet::new(name, columns(headers));
        let rows = statement
            .query_map([], |r| (0..width).map(|k| r.get::<_, Value>(k).map(cell)).collect::<Result<Vec<_>, _>>())
            .map_err(&sql)?;
        for row in rows {
            sheet.rows.push(Row::data(row.map_err(&sql)?));
        }
        Ok(sheet)
    }

    /// One row per committed month: its current plan, counts of demands by state, outcomes
    /// recorded and how many earlier plans it replaced.
    pub fn months_sheet(&self) -> Result<Sheet, LedgerError> {
        self.query_sheet(
            "月份",
            &[
                "月份 month",
                "实例 instance",
                "实例哈希 sha256",
                "状态 status",
                "目标值 objective",
                "需求 demands",
                "结转 carried",
                "已安排 planned",
                "已完成 done",
                "未完成 not done",
                "未满足 unmet",
                "已记录 outcomes",
                "被替换 replaced",
                "提交时间 committed",
            ],
            "SELECT p.month, p.instance, substr(p.instance_sha256, 1, 12), p.status, p.objective,
                    (SELECT count(*) FROM demands d WHERE d.plan = p.id),
                    (SELECT count(*) FROM demands d WHERE d.plan = p.id AND d.age > 0),
                    (SELECT count(*) FROM demand_state s WHERE s.plan = p.id AND s.state = 'planned'),
                    (SELECT count(*) FROM demand_state s WHERE s.plan = p.id AND s.state = 'done'),
                    (SELECT count(*) FROM demand_state s WHERE s.plan = p.id AND s.state = 'not_done'),
                    (SELECT count(*) FROM demand_state s WHERE s.plan = p.id AND s.state = 'unmet'),
                    (SELECT count(*) FROM outcomes o WHERE o.plan = p.id),
                    (SELECT count(*) FROM plans r WHERE r.month = p.month AND r.replaced_at IS NOT NULL),
                    p.committed_at
             FROM plans p WHERE p.replaced_at IS NULL ORDER BY p.month",
        )
    }

    /// Each fairness region's share of weight met (planned and not recorded as undone), one
    /// column per month; empty where the region had no demand that month.
    pub fn coverage_sheet(&self) -> Result<Sheet, LedgerError> {
        let sql = self.sql();
        let mut statement = self
            .conn
            .prepare(
                "SELECT d.region, p.month, SUM(d.weight),
                        SUM(CASE WHEN s.state IN ('planned', 'done') THEN d.weight ELSE 0 END)
                 FROM demands d JOIN plans p ON p.id = d.plan
                 JOIN demand_state s ON s.plan = d.plan AND s.demand = d.demand
                 WHERE p.replaced_at IS NULL AND d.region IS NOT NULL
                 GROUP BY d.region, p.month ORDER BY d.region, p.month",
            )
            .map_err(&sql)?;
        let rows: Vec<(String, String, f64, f64)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .and_then(|rows| rows.collect())
            .map_err(&sql)?;
        let mut months: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        months.sort_unstable();
        months.dedup();
        let column: HashMap<&str, usize> = months.iter().enumerate().map(|(k, m)| (*m, k + 1)).collect();
        let mut headers = vec!["区域 region".to_string()];
        headers.extend(months.iter().map(|m| format!("{m} %")));
        let mut sheet = Sheet::new("覆盖率", headers);
        for (region, month, offered, met) in &rows {
            if sheet.rows.last().is_none_or(|r| r.cells[0] != Cell::text(region.as_str())) {
                let mut cells = vec![Cell::Empty; months.len() + 1];
                cells[0] = Cell::text(region.as_str());
                sheet.rows.push(Row::data(cells));
            }
            let share = if *offered > 0.0 { (1000.0 * met / offered).round() / 10.0 } else { 100.0 };
            let row = sheet.rows.last_mut().expect("a row was just pushed");
            row.cells[column[month.as_str()]] = Cell::Number(share);
        }
        Ok(sheet)
    }

    /// One row per volunteer with tasks: tasks, planned hours, and the time-bank balance (the
    /// hours credited by outcomes of current plans, as the `time_bank` view sums them).
    pub fn members_sheet(&self) -> Result<Sheet, LedgerError> {
        self.query_sheet(
            "时间银行",
            &["志愿者编号 volunteer", "姓名 name", "任务 tasks", "计划时长 planned hours", "余额 balance"],
            // A bare column beside MAX() takes the row of the maximum in SQLite: the name of
            // the latest month that gave one.
            "WITH names AS (SELECT v.volunteer AS volunteer, v.name AS name, MAX(q.month)
                            FROM volunteers v JOIN plans q ON q.id = v.plan
                            WHERE v.name IS NOT NULL GROUP BY v.volunteer)
             SELECT t.volunteer, n.name, count(*), SUM(t.hours),
                    SUM(CASE WHEN o.outcome IS NULL OR o.outcome = 'no_show' THEN 0 ELSE o.hours END)
             FROM team t JOIN plans p ON p.id = t.plan
             LEFT JOIN outcomes o ON o.plan = t.plan AND o.demand = t.demand AND o.volunteer = t.volunteer
             LEFT JOIN names n ON n.volunteer = t.volunteer
             WHERE p.replaced_at IS NULL
             GROUP BY t.volunteer ORDER BY length(t.volunteer), t.volunteer",
        )
    }

    /// The time bank by month: hours credited to each volunteer and the running balance.
    pub fn time_bank_sheet(&self) -> Result<Sheet, LedgerError> {
        self.query_sheet(
            "时间银行明细",
            &["月份 month", "志愿者编号 volunteer", "记入时长 credited", "余额 balance"],
            "SELECT month, volunteer, credited, balance FROM time_bank ORDER BY volunteer, month",
        )
    }

    /// Every task of current plans (one row per assignment and volunteer) with its outcome.
    pub fn tasks_sheet(&self) -> Result<Sheet, LedgerError> {
        self.query_sheet(
            "任务",
            &[
                "月份 month",
                "需求编号 demand",
                "需求 title",
                "区域 region",
                "时段编号 slot",
                "志愿者编号 volunteer",
                "计划时长 planned hours",
                "结果 outcome",
                "实际时长 hours given",
            ],
            "SELECT p.month, t.demand, d.title, d.region, a.slot, t.volunteer, t.hours, o.outcome, o.hours
             FROM team t JOIN plans p ON p.id = t.plan
             JOIN assignments a ON a.plan = t.plan AND a.demand = t.demand
             JOIN demands d ON d.plan = t.plan AND d.demand = t.demand
             LEFT JOIN outcomes o ON o.plan = t.plan AND o.demand = t.demand AND o.volunteer = t.volunteer
             WHERE p.replaced_at IS NULL ORDER BY p.month, a.rowid, t.rowid",
        )
    }

    /// Every demand of current plans not met: unassigned, or recorded as not done.
    pub fn unmet_sheet(&self) -> Result<Sheet, LedgerError> {
        self.query_sheet(
            "未满足",
            &[
                "月份 month",
                "需求编号 demand",
                "需求 title",
                "区域 region",
                "等待月数 age",
                "首次月份 since",
                "状态 state",
                "原因代码 code",
                "原因 reason",
            ],
            "SELECT p.month, d.demand, d.title, d.region, d.age, d.since, s.state, u.code, u.reason
             FROM demands d JOIN plans p ON p.id = d.plan
             JOIN demand_state s ON s.plan = d.plan AND s.demand = d.demand
             LEFT JOIN unmet u ON u.plan = d.plan AND u.demand = d.demand
             WHERE p.replaced_at IS NULL AND s.state IN ('unmet', 'not_done') ORDER BY p.month, d.rowid",
        )
    }

    /// Every sheet `ledger export` writes, in order.
    pub fn sheets(&self) -> Result<Vec<Sheet>, LedgerError> {
        Ok(vec![
            self.months_sheet()?,
            self.coverage_sheet()?,
            self.members_sheet()?,
            self.time_bank_sheet()?,
            self.tasks_sheet()?,
            self.unmet_sheet()?,
        ])
    }
}
