//! The content of the project list, built once as sheets of typed cells from the problem, the
//! plan's solution file and its tally: the met demands (项目清单) and the unmet ones (未满足)
//! here, the figures in [`super::figures`], the task cards in [`super::cards`].

use super::labels::Labels;
use super::table::{Cell, Row, Sheet};
use super::{cards, figures};
use crate::format::{SlotWhen, SolutionSpec};
use crate::model::{Assignment, Plan};
use crate::problem::Problem;
use crate::report::tally::{plan_of_solution, tally, team_hours, Tally};
use crate::report::would_take::{nth_suggestion_words, MAX_SUGGESTIONS};
use std::collections::HashMap;

/// Everything the sheets are built from, resolved to dense indices once.
pub(super) struct Context<'a> {
    /// The month.
    pub problem: &'a Problem,
    /// Titles and names.
    pub labels: &'a Labels,
    /// The solution file (status, claims, unmet demands).
    pub solution: &'a SolutionSpec,
    /// Its plan in dense indices, ordered by demand.
    pub plan: Plan,
    /// The plan's figures.
    pub tally: Tally,
    /// When each slot is, read from its id.
    pub when: Vec<Option<SlotWhen>>,
    /// The street of each region (see [`street_of_regions`]).
    pub street: Vec<Option<u32>>,
}

impl Context<'_> {
    /// The region a demand's community column names: its region of the tally's grouping level,
    /// else its own region.
    pub fn community(&self, d: usize) -> Option<u32> {
        let grouped = self.tally.region_of_demand[d].map(|g| self.tally.regions[g as usize].region);
        grouped.or(self.problem.instance.demands[d].region)
    }

    /// A region's display name, empty for none.
    pub fn region_name(&self, region: Option<u32>) -> Cell {
        region.map_or(Cell::Empty, |r| Cell::text(self.problem.names.region_names[r as usize].as_str()))
    }

    /// The street (街道) and community (社区) cells of demand `d`.
    pub fn place(&self, d: usize) -> [Cell; 2] {
        let community = self.community(d);
        let street = community.and_then(|r| self.street[r as usize]);
        [self.region_name(street), self.region_name(community)]
    }

    /// Demand `d`'s title, its id when the file gives none.
    pub fn title(&self, d: usize) -> Cell {
        Cell::text(self.labels.title(d).unwrap_or(&self.problem.names.demands[d]))
    }

    /// Volunteer `v`'s name, its id when the file gives none.
    pub fn volunteer_name(&self, v: u32) -> &str {
        self.labels.volunteer(v as usize).unwrap_or(&self.problem.names.volunteers[v as usize])
    }

    /// The date cell and the half-day cell of `slot`: a real date when the slot id names one
    /// with its year, `7月3日` when it names a date without a year, the id itself otherwise.
    pub fn date(&self, slot: u32) -> [Cell; 2] {
        match self.when[slot as usize] {
            Some(w) => {
                let date = w.serial_date().map_or_else(|| Cell::text(format!("{}月{}日", w.month, w.day)), Cell::Date);
                [date, w.part.map_or(Cell::Empty, |p| Cell::text(p.chinese()))]
            }
            None => [Cell::text(self.problem.names.slots[slot as usize].as_str()), Cell::Empty],
        }
    }

    /// The `中文 english` header of each resource kind, in kind order.
    pub fn kind_headers(&self) -> Vec<String> {
        self.problem.names.kinds.iter().map(|k| kind_header(k)).collect()
    }
}

/// A number rounded to `decimals` places, so that sums of hours show without float noise.
pub(super) fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// The header of a resource kind: the Chinese word before the kind for the kinds planners use.
fn kind_header(kind: &str) -> String {
    let chinese = match kind {
        "funds" => "资金",
        "venue" => "场地",
        "materials" => "物资",
        _ => return kind.to_string(),
    };
    format!("{chinese} {kind}")
}

/// The street of every region: the region of its chain at a level named `street` (街道),
/// else (an instance without such a level) its parent.
fn street_of_regions(problem: &Problem) -> Vec<Option<u32>> {
    let inst = &problem.instance;
    let level = problem.names.levels.iter().position(|l| l == "street" || l == "街道").map(|l| l as u32);
    (0..inst.regions.len() as u32)
        .map(|r| match level {
            Some(level) => inst.region_chain(Some(r)).find(|&g| inst.regions[g as usize].level == Some(level)),
            None => inst.regions[r as usize].parent,
        })
        .collect()
}

/// The sheets of the project list of `solution`, in the order a reader meets them: 项目清单,
/// 按社区, 志愿者任务, 未满足, 汇总. Every id the solution names that the instance lacks is
/// listed in the error (run the checker first to know the plan is feasible).
pub fn project_list(problem: &Problem, labels: &Labels, solution: &SolutionSpec) -> Result<Vec<Sheet>, Vec<String>> {
    let plan = plan_of_solution(&problem.names, solution)?;
    let unmet = unmet_demands(problem, solution)?;
    let ctx = Context {
        problem,
        labels,
        solution,
        tally: tally(problem, &plan),
        plan,
        when: problem.names.slots.iter().map(|s| SlotWhen::parse(s)).collect(),
        street: street_of_regions(problem),
    };
    Ok(vec![
        met_sheet(&ctx),
        figures::community_sheet(&ctx),
        cards::task_sheet(&ctx),
        unmet_sheet(&ctx, &unmet),
        figures::summary_sheet(&ctx),
    ])
}

/// 项目清单: one row per met demand, in demand order.
fn met_sheet(ctx: &Context) -> Sheet {
    let mut columns: Vec<String> = [
        "需求编号 demand",
        "街道 street",
        "社区 community",
        "需求 title",
        "类别 kind",
        "日期 date",
        "时段 half-day",
        "时段编号 slot",
        "人数 people",
        "志愿者 volunteers",
        "志愿者编号 volunteer ids",
        "备岗 standby",
        "时长 hours",
        "权重 weight",
        "资源 supplies",
    ]
    .map(String::from)
    .into();
    columns.extend(ctx.kind_headers());
    let mut sheet = Sheet::new("项目清单", columns);
    let names = &ctx.problem.names;
    for a in &ctx.plan.assignments {
        let d = a.demand as usize;
        let demand = &ctx.problem.instance.demands[d];
        let mut cells = vec![Cell::text(names.demands[d].as_str())];
        cells.extend(ctx.place(d));
        cells.extend([ctx.title(d), Cell::text(ctx.labels.kind(d).unwrap_or_default())]);
        cells.extend(ctx.date(a.slot));
        cells.push(Cell::text(names.slots[a.slot as usize].as_str()));
        cells.push(Cell::Integer(i64::from(demand.people)));
        let team = |name: &dyn Fn(u32) -> String| a.volunteers.iter().map(|&v| name(v)).collect::<Vec<_>>().join("、");
        cells.push(Cell::text(team(&|v| ctx.volunteer_name(v).to_string())));
        cells.push(Cell::text(team(&|v| names.volunteers[v as usize].clone())));
        // The backups (rule 9) by name and id, so that a coordinator can call one directly.
        let standby =
            a.standby.iter().map(|&v| format!("{} ({})", ctx.volunteer_name(v), names.volunteers[v as usize]));
        cells.push(Cell::text(standby.collect::<Vec<_>>().join("、")));
        cells.push(Cell::Number(round(team_hours(ctx.problem, a).iter().sum(), 6)));
        cells.push(Cell::Number(demand.weight));
        cells.push(Cell::text(supplies_text(ctx, a)));
        cells.extend(supplied_by_kind(ctx, a).into_iter().map(|x| if x > 0.0 { Cell::Number(x) } else { Cell::Empty }));
        sheet.rows.push(Row::data(cells));
    }
    sheet
}

/// `funds 170 昆明第一中学 (r1)；venue 2 (r9)`: each supply's kind, amount, owner unit and
/// resource id.
fn supplies_text(ctx: &Context, a: &Assignment) -> String {
    let (inst, names) = (&ctx.problem.instance, &ctx.problem.names);
    let supply = |s: &crate::model::Supply| {
        let resource = &inst.resources[s.resource as usize];
        let owner = resource.unit.map(|u| {
            let name = ctx.labels.unit(u as usize).unwrap_or(&names.units[u as usize]);
            format!("{name} ")
        });
        let kind = &names.kinds[resource.kind as usize];
        format!("{kind} {} {}({})", s.amount, owner.unwrap_or_default(), names.resources[s.resource as usize])
    };
    a.supplies.iter().map(supply).collect::<Vec<_>>().join("；")
}

/// The amount an assignment is supplied with, per resource kind index.
fn supplied_by_kind(ctx: &Context, a: &Assignment) -> Vec<f64> {
    let inst = &ctx.problem.instance;
    let mut amounts = vec![0.0; inst.kind_count];
    for s in &a.supplies {
        amounts[inst.resources[s.resource as usize].kind as usize] += s.amount;
    }
    amounts
}

/// The demand index of each `unassigned` entry, or every unknown id.
fn unmet_demands(problem: &Problem, solution: &SolutionSpec) -> Result<Vec<u32>, Vec<String>> {
    let index: HashMap<&str, u32> =
        problem.names.demands.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
    let (known, unknown): (Vec<_>, Vec<_>) = (solution.unassigned.iter().enumerate())
        .map(|(i, u)| {
            index
                .get(u.demand.as_str())
                .copied()
                .ok_or(format!("unassigned[{i}].demand: unknown demand {:?}", u.demand))
        })
        .partition(Result::is_ok);
    if unknown.is_empty() {
        Ok(known.into_iter().flatten().collect())
    } else {
        Err(unknown.into_iter().filter_map(Result::err).collect())
    }
}

/// 未满足: every unmet demand of the solution file with its reason code and sentence and what
/// it would take to meet it (one column per suggestion), in the file's order.
fn unmet_sheet(ctx: &Context, unmet: &[u32]) -> Sheet {
    let columns = [
        "需求编号 demand",
        "街道 street",
        "社区 community",
        "需求 title",
        "类别 kind",
        "权重 weight",
        "必办 must",
        "原因代码 code",
        "原因 reason",
        "建议一 would take 1",
        "建议二 would take 2",
        "建议三 would take 3",
    ];
    let mut sheet = Sheet::new("未满足", columns.map(String::from).into());
    for (u, &d) in ctx.solution.unassigned.iter().zip(unmet) {
        let d = d as usize;
        let demand = &ctx.problem.instance.demands[d];
        let mut cells = vec![Cell::text(u.demand.as_str())];
        cells.extend(ctx.place(d));
        cells.extend([ctx.title(d), Cell::text(ctx.labels.kind(d).unwrap_or_default())]);
        cells.push(Cell::Number(demand.weight));
        cells.push(Cell::text(if demand.must { "是" } else { "否" }));
        cells.push(Cell::text(u.code.as_deref().unwrap_or_default()));
        cells.push(Cell::text(u.reason.as_str()));
        cells.extend((0..MAX_SUGGESTIONS).map(|k| Cell::text(nth_suggestion_words(u, k))));
        sheet.rows.push(Row::data(cells));
    }
    sheet
}
