//! Per-community and per-volunteer figures of a plan — what the summary, the project-list
//! workbook and the HTML report show — computed in one place so that they always agree.

use crate::format::{Names, SolutionSpec};
use crate::model::{Assignment, Plan, Supply};
use crate::problem::Problem;
use std::collections::HashMap;

/// The figures of one region of the grouping level.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionTally {
    /// Region index.
    pub region: u32,
    /// Demands whose region chain passes through it.
    pub demands: u32,
    /// Of those, demands met.
    pub met: u32,
    /// Their total weight.
    pub weight: f64,
    /// Weight of the met ones.
    pub weight_met: f64,
    /// Volunteer hours h(d, v) spent on its met demands.
    pub volunteer_hours: f64,
    /// Amount supplied to its met demands, per resource kind index.
    pub supplied: Vec<f64>,
}

impl RegionTally {
    fn new(region: u32, kinds: usize) -> Self {
        RegionTally {
            region,
            demands: 0,
            met: 0,
            weight: 0.0,
            weight_met: 0.0,
            volunteer_hours: 0.0,
            supplied: vec![0.0; kinds],
        }
    }

    /// Share of the weight met, in [0, 1]; 1 for a region whose demands weigh nothing.
    pub fn coverage(&self) -> f64 {
        if self.weight > 0.0 {
            self.weight_met / self.weight
        } else {
            1.0
        }
    }

    /// Whether its coverage falls short of `floor` (beyond rounding): the one test behind
    /// every "below the fairness floor" the outputs show.
    pub fn below(&self, floor: f64) -> bool {
        self.coverage() + 1e-9 < floor
    }
}

/// The figures of one volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct VolunteerTally {
    /// Assignments taken.
    pub tasks: u32,
    /// Hours h(d, v) given over the month.
    pub hours_used: f64,
    /// Hours offered over the month (infinite when unlimited).
    pub hours_offered: f64,
}

/// A plan's figures by region of one level and by volunteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// The level regions are grouped at (see [`grouping_level`]); `None` when the instance has
    /// no levels, and then `regions` is empty.
    pub level: Option<u32>,
    /// The fairness floor `min_coverage` when the fairness term compares regions of `level`.
    pub floor: Option<f64>,
    /// The regions of `level` that hold demands, by region index.
    pub regions: Vec<RegionTally>,
    /// Position in `regions` of each demand's region of `level`.
    pub region_of_demand: Vec<Option<u32>>,
    /// Every volunteer's figures, by volunteer index.
    pub volunteers: Vec<VolunteerTally>,
    /// Whole-month totals (its `region` is meaningless).
    pub total: RegionTally,
}

impl Tally {
    /// The region of the grouping level with the lowest share of its weight met (ties: the
    /// lowest region index); regions whose demands weigh nothing are not compared.
    pub fn lowest(&self) -> Option<&RegionTally> {
        (self.regions.iter().filter(|t| t.weight > 0.0))
            .min_by(|a, b| a.coverage().total_cmp(&b.coverage()).then(a.region.cmp(&b.region)))
    }
}

/// The level whose regions a planner compares: the fairness level, else a level named
/// `community` (社区), else the level of the first demand's own region.
pub fn grouping_level(problem: &Problem) -> Option<u32> {
    let inst = &problem.instance;
    if let Some(level) = inst.policy.fairness.as_ref().and_then(|f| f.level) {
        return Some(level);
    }
    if let Some(l) = problem.names.levels.iter().position(|l| l == "community" || l == "社区") {
        return Some(l as u32);
    }
    inst.demands.iter().find_map(|d| d.region.and_then(|r| inst.regions[r as usize].level))
}

/// The figures of `plan`.
pub fn tally(problem: &Problem, plan: &Plan) -> Tally {
    let inst = &problem.instance;
    let kinds = inst.kind_count;
    let level = grouping_level(problem);
    let mut position = vec![None; inst.regions.len()];
    let mut regions = Vec::new();
    let region_of_demand: Vec<Option<u32>> = inst
        .demands
        .iter()
        .map(|d| {
            let r =
                inst.region_chain(d.region).find(|&r| level.is_some() && inst.regions[r as usize].level == level)?;
            Some(*position[r as usize].get_or_insert_with(|| {
                regions.push(RegionTally::new(r, kinds));
                (regions.len() - 1) as u32
            }))
        })
        .collect();
    let mut total = RegionTally::new(0, kinds);
    for (d, demand) in inst.demands.iter().enumerate() {
        for t in region_of_demand[d].map(|g| &mut regions[g as usize]).into_iter().chain([&mut total]) {
            t.demands += 1;
            t.weight += demand.weight;
        }
    }
    let mut volunteers: Vec<VolunteerTally> =
        inst.volunteers.iter().map(|v| VolunteerTally { tasks: 0, hours_used: 0.0, hours_offered: v.hours }).collect();
    for a in &plan.assignments {
        let d = a.demand as usize;
        let hours = team_hours(problem, a);
        for (&v, &h) in a.volunteers.iter().zip(&hours) {
            volunteers[v as usize].tasks += 1;
            volunteers[v as usize].hours_used += h;
        }
        for t in region_of_demand[d].map(|g| &mut regions[g as usize]).into_iter().chain([&mut total]) {
            t.met += 1;
            t.weight_met += inst.demands[d].weight;
            t.volunteer_hours += hours.iter().sum::<f64>();
            for s in &a.supplies {
                t.supplied[inst.resources[s.resource as usize].kind as usize] += s.amount;
            }
        }
    }
    regions.sort_by_key(|t| t.region);
    let mut sorted_position = vec![0u32; regions.len()];
    for (new, t) in regions.iter().enumerate() {
        sorted_position[position[t.region as usize].expect("a tallied region") as usize] = new as u32;
    }
    let region_of_demand = region_of_demand.into_iter().map(|g| g.map(|g| sorted_position[g as usize])).collect();
    let floor = inst.policy.fairness.as_ref().filter(|f| f.level.is_some() && f.level == level).map(|f| f.min_coverage);
    Tally { level, floor, regions, region_of_demand, volunteers, total }
}

/// h(d, v) of each member of an assignment's team, in team order (the demand's hours for a
/// volunteer who is not a candidate, which only an unchecked plan can hold).
pub fn team_hours(problem: &Problem, a: &Assignment) -> Vec<f64> {
    let list = problem.candidates.of(a.demand as usize);
    let default = problem.instance.demands[a.demand as usize].hours;
    a.volunteers.iter().map(|&v| list.position(v).map_or(default, |k| list.hours(k))).collect()
}

/// The plan a solution file describes, in dense indices; every id that names nothing in the
/// instance is listed in the error. Run the checker first to know the plan is feasible.
pub fn plan_of_solution(names: &Names, solution: &SolutionSpec) -> Result<Plan, Vec<String>> {
    fn index(ids: &[String]) -> HashMap<&str, u32> {
        ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect()
    }
    let (demands, slots) = (index(&names.demands), index(&names.slots));
    let (volunteers, resources) = (index(&names.volunteers), index(&names.resources));
    let mut unknown = Vec::new();
    let mut find = |map: &HashMap<&str, u32>, what: &str, id: &str, at: String| {
        map.get(id).copied().or_else(|| {
            unknown.push(format!("{at}: unknown {what} {id:?}"));
            None
        })
    };
    let mut assignments = Vec::with_capacity(solution.assignments.len());
    for (i, a) in solution.assignments.iter().enumerate() {
        let demand = find(&demands, "demand", &a.demand, format!("assignments[{i}].demand"));
        let slot = find(&slots, "slot", &a.slot, format!("assignments[{i}].slot"));
        let team: Vec<Option<u32>> = (a.volunteers.iter().enumerate())
            .map(|(k, v)| find(&volunteers, "volunteer", v, format!("assignments[{i}].volunteers[{k}]")))
            .collect();
        let supplies: Vec<Option<Supply>> = (a.supplies.iter().enumerate())
            .map(|(k, s)| {
                find(&resources, "resource", &s.resource, format!("assignments[{i}].supplies[{k}].resource"))
                    .map(|resource| Supply { resource, amount: s.amount })
            })
            .collect();
        let standby: Vec<Option<u32>> = (a.standby.iter().enumerate())
            .map(|(k, v)| find(&volunteers, "volunteer", v, format!("assignments[{i}].standby[{k}]")))
            .collect();
        if let (Some(demand), Some(slot)) = (demand, slot) {
            let volunteers = team.into_iter().flatten().collect();
            let supplies = supplies.into_iter().flatten().collect();
            let standby = standby.into_iter().flatten().collect();
            assignments.push(Assignment { demand, slot, volunteers, supplies, standby });
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    assignments.sort_by_key(|a| a.demand);
    Ok(Plan { assignments })
}
