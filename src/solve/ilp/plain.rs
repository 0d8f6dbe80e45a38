//! The baseline the exact solver is measured against: the whole month as one straightforward
//! integer program handed to HiGHS with its default options, and the bound of its LP
//! relaxation.
//!
//! The program is MODEL.md read literally, with none of the exact solver's reductions (no
//! components, no dropped demands, pairs or rows, no relaxed first round):
//! * `z[d]` binary: demand d is met (at least 1 for a `must` demand);
//! * `y[d][s]` binary for every slot s that d allows: d is met in s, Σ_s y = z (rules 1, 3);
//! * `x[d][v][s]` binary for every candidate v of d and slot s allowed by d and available to v:
//!   v serves d in s; Σ_v x[d][v][s] = people·y[d][s] (rules 2, 3);
//! * per row of every capacity rule (4: a volunteer's hours in a slot, 4b: its tasks in a
//!   slot, 5: its hours and tasks in the month) that its pairs could overfill:
//!   Σ amount·x ≤ the row's cap, from the rule's family ([`crate::policy::Family`]);
//! * `q[d][r]` ≥ 0 for every need and eligible resource: Σ_r q = amount·z (rule 6);
//!   Σ_d q[d][r] ≤ the resource's amount (rule 7);
//! * `short[g]` ≥ 0 per fairness region with a target: short + Σ weight·z ≥ target.
//!
//! The objective is MODEL.md's: Σ weight·z − Σ c(d,v)·x − penalty·Σ short.
//!
//! Standby (rule 9) is left out of the program, which stays a relaxation: on a month asking
//! standby its bound holds, and its plan is kept only where it reaches the standby the greedy
//! way (a plan that cannot is given up for the greedy plan, which keeps rule 9).

use super::super::{greedy_plan, is_proven_optimal, plan_objective_of, SolveResult, Solver};
use crate::format::Status;
use crate::model::{Assignment, Plan, Supply};
use crate::policy::capacity_families;
use crate::problem::Problem;
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, SolverModel, Variable};
use highs::HighsModelStatus as S;
use std::time::{Duration, Instant};

/// Plain HiGHS on the straightforward model of the whole month, started from the greedy
/// plan: what a planner with a MIP solver and MODEL.md would get, to measure the exact
/// solver against.
#[derive(Debug, Clone, Copy)]
pub struct PlainMip {
    /// Wall-time limit of HiGHS's search (building the program is not counted).
    pub time_limit: Duration,
}

impl PlainMip {
    /// The baseline with a time limit.
    pub fn new(time_limit: Duration) -> Self {
        PlainMip { time_limit }
    }
}

/// An allowed slot of a demand: the slot, its `y` column and the `(volunteer, x column)` of
/// the pairs in it.
type SlotColumns = (usize, usize, Vec<(u32, usize)>);

/// The columns of one demand, as positions in creation order (good_lp hands HiGHS one column
/// per variable in that order).
struct DemandColumns {
    demand: usize,
    z: usize,
    /// Per allowed slot: its `y` column and the `(volunteer, x column)` of the pairs in it.
    slots: Vec<SlotColumns>,
    /// Per eligible resource of a need: `(need, resource, q column)`.
    supplies: Vec<(usize, u32, usize)>,
}

/// The straightforward program of the whole month with a start point (the greedy plan).
struct Straightforward {
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<Constraint>,
    demands: Vec<DemandColumns>,
    /// Values of every column for the greedy plan, in creation order.
    start: Vec<f64>,
}

/// Builds the program (binaries when `integer`, else its LP relaxation) with the greedy plan
/// as start point.
fn build(problem: &Problem, integer: bool) -> Straightforward {
    let inst = &problem.instance;
    let fair = &problem.fairness;
    let (greedy, _) = greedy_plan(problem);
    let mut start_of: Vec<Option<&Assignment>> = vec![None; inst.demands.len()];
    greedy.assignments.iter().for_each(|a| start_of[a.demand as usize] = Some(a));

    let mut vars = ProblemVariables::new();
    let mut start = Vec::new();
    let mut add = |vars: &mut ProblemVariables, lower: f64, upper: f64, binary: bool, value: f64| {
        let def = variable().min(lower).max(upper);
        let v = vars.add(if binary && integer { def.integer() } else { def });
        start.push(value);
        (v, start.len() - 1)
    };
    let mut objective = Expression::default();
    let mut constraints = Vec::new();
    let mut demands = Vec::with_capacity(inst.demands.len());
    // Per volunteer: (slot, hours, x) of every pair-slot, for rules 4 and 5.
    let mut of_volunteer: Vec<Vec<(usize, f64, Variable)>> = vec![Vec::new(); inst.volunteers.len()];
    // Per resource: its supply variables, for rule 7.
    let mut of_resource: Vec<Option<Expression>> = vec![None; inst.resources.len()];
    // Per fairness region: the weight met.
    let mut met: Vec<Expression> = vec![Expression::default(); fair.total.len()];
    let mut met_start = vec![0.0; fair.total.len()];

    for (d, demand) in inst.demands.iter().enumerate() {
        let chosen = start_of[d];
        let on = |yes: bool| if yes { 1.0 } else { 0.0 };
        let (z, zc) = add(&mut vars, on(demand.must), 1.0, true, on(chosen.is_some()));
        objective += demand.weight * z;
        if let (Some(g), Some(_)) = (fair.group_of[d], chosen) {
            met_start[g as usize] += demand.weight;
        }
        if let Some(g) = fair.group_of[d] {
            met[g as usize] += demand.weight * z;
        }
        let list = problem.candidates.of(d);
        let mut slots = Vec::new();
        let mut chosen_slots = Expression::default();
        for s in demand.slots.iter() {
            let in_slot = chosen.is_some_and(|a| a.slot as usize == s);
            let (y, yc) = add(&mut vars, 0.0, 1.0, true, on(in_slot));
            chosen_slots += y;
            let mut team = Expression::default();
            let mut pairs = Vec::new();
            for k in (0..list.len()).filter(|&k| inst.volunteers[list.volunteers[k] as usize].slots.contains(s)) {
                let v = list.volunteers[k];
                let serves = in_slot && chosen.is_some_and(|a| a.volunteers.contains(&v));
                let (x, xc) = add(&mut vars, 0.0, 1.0, true, on(serves));
                team += x;
                objective -= list.costs[k] * x;
                of_volunteer[v as usize].push((s, list.hours(k), x));
                pairs.push((v, xc));
            }
            constraints.push(constraint!(team == demand.people as f64 * y));
            slots.push((s, yc, pairs));
        }
        constraints.push(constraint!(chosen_slots == z));
        let mut supplies = Vec::new();
        for (n, need) in demand.needs.iter().enumerate() {
            let mut drawn = Expression::default();
            for r in problem.supplies.eligible(inst, demand, need) {
                let given: f64 = chosen
                    .map(|a| a.supplies.iter().filter(|s| s.resource == r).map(|s| s.amount).sum())
                    .unwrap_or(0.0);
                let (q, qc) = add(&mut vars, 0.0, need.amount, false, given);
                drawn += q;
                *of_resource[r as usize].get_or_insert_with(Expression::default) += q;
                supplies.push((n, r, qc));
            }
            constraints.push(constraint!(drawn == need.amount * z));
        }
        demands.push(DemandColumns { demand: d, z: zc, slots, supplies });
    }

    let families = capacity_families(inst);
    for (v, pairs) in of_volunteer.iter().enumerate() {
        super::model::family_rows(&families, &[], v, pairs, &mut constraints);
    }
    for (r, load) in of_resource.into_iter().enumerate() {
        if let Some(load) = load {
            constraints.push(constraint!(load <= inst.resources[r].amount));
        }
    }
    if fair.penalty > 0.0 {
        for (g, met) in met.into_iter().enumerate().filter(|&(g, _)| fair.target[g] > 0.0) {
            let (short, _) = add(&mut vars, 0.0, f64::INFINITY, false, (fair.target[g] - met_start[g]).max(0.0));
            constraints.push(constraint!(short + met >= fair.target[g]));
            objective -= fair.penalty * short;
        }
    }
    Straightforward { vars, objective, constraints, demands, start }
}

/// What HiGHS returned for a program.
struct Run {
    status: S,
    values: Option<Vec<f64>>,
    bound: Option<f64>,
    objective: f64,
}

/// Solves `program` with HiGHS's default options within `seconds` (from its start point when
/// `from_start`: a MIP start; an LP has no use for a point without a basis).
fn run(program: Straightforward, seconds: f64, from_start: bool) -> (Run, Vec<DemandColumns>) {
    let Straightforward { vars, objective, constraints, demands, start } = program;
    let model = vars.maximise(objective).using(good_lp::highs).with_all(constraints);
    let failed = Run { status: S::NotSet, values: None, bound: None, objective: f64::NAN };
    let Ok(mut highs) = model.try_into_inner() else { return (failed, demands) };
    super::backend::set_logging(&mut highs);
    highs.set_option("time_limit", seconds.max(0.001));
    if from_start {
        highs.set_solution(Some(&start), None, None, None);
    }
    let Ok(solved) = highs.try_solve() else { return (failed, demands) };
    let status = solved.status();
    let values = (solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible)
        .then(|| solved.get_solution().columns().to_vec());
    let bound = solved.double_info_value(c"mip_dual_bound").ok().filter(|b| b.is_finite());
    (Run { status, values, bound, objective: solved.objective_value() }, demands)
}

/// The plan encoded by `values`.
fn read_plan(problem: &Problem, demands: &[DemandColumns], values: &[f64]) -> Plan {
    let on = |c: usize| values[c] > 0.5;
    let mut assignments = Vec::new();
    for dc in demands.iter().filter(|dc| on(dc.z)) {
        let Some((slot, _, pairs)) = dc.slots.iter().find(|(_, y, _)| on(*y)) else { continue };
        let volunteers = pairs.iter().filter(|&&(_, x)| on(x)).map(|&(v, _)| v).collect();
        let demand = &problem.instance.demands[dc.demand];
        let mut supplies = Vec::new();
        for (n, need) in demand.needs.iter().enumerate() {
            let raw: Vec<(u32, f64)> = dc
                .supplies
                .iter()
                .filter(|&&(m, _, _)| m == n)
                .map(|&(_, r, q)| (r, values[q].max(0.0)))
                .filter(|&(_, a)| a > 1e-9)
                .collect();
            let total: f64 = raw.iter().map(|&(_, a)| a).sum();
            // HiGHS meets equalities to ~1e-9; rescaled so that the need is met exactly.
            supplies.extend(raw.into_iter().map(|(r, a)| Supply { resource: r, amount: a * need.amount / total }));
        }
        let standby = Vec::new();
        assignments.push(Assignment { demand: dc.demand as u32, slot: *slot as u32, volunteers, supplies, standby });
    }
    Plan { assignments }
}

impl Solver for PlainMip {
    fn name(&self) -> &'static str {
        "plain-highs"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let (run, demands) = run(build(problem, true), self.time_limit.as_secs_f64(), true);
        let mut result = match (run.status, run.values) {
            (S::Infeasible, _) => SolveResult::without_plan(Status::Infeasible, None, self.name()),
            (_, Some(values)) => {
                let plan = with_standby(problem, read_plan(problem, &demands, &values));
                let objective = plan_objective_of(problem, &plan);
                let bound = run.bound.map(|b| b.max(objective));
                // HiGHS stops at its own relative gap (1e-4): MODEL.md's tolerance decides.
                let status = match bound.is_some_and(|b| is_proven_optimal(objective, b)) {
                    true => Status::Optimal,
                    false => Status::Feasible,
                };
                SolveResult {
                    plan,
                    status,
                    objective: Some(objective),
                    bound,
                    solver: self.name(),
                    time: Duration::ZERO,
                }
            }
            (_, None) => SolveResult::without_plan(Status::Unknown, run.bound, self.name()),
        };
        result.time = started.elapsed();
        result
    }
}

/// `plan` with standby (rule 9) for every demand asking some, drawn the greedy way in demand
/// order from the candidates free to stand by; the greedy plan when one cannot be found.
fn with_standby(problem: &Problem, plan: Plan) -> Plan {
    if !crate::policy::asks_standby(&problem.instance) {
        return plan;
    }
    let inst = &problem.instance;
    let mut capacity = crate::policy::capacity_policy(inst);
    for a in &plan.assignments {
        let list = problem.candidates.of(a.demand as usize);
        for &v in &a.volunteers {
            let k = list.position(v).expect("plan volunteers are candidates");
            capacity.take(v as usize, a.slot as usize, list.hours(k));
        }
    }
    let mut plan = plan;
    for a in &mut plan.assignments {
        let list = problem.candidates.of(a.demand as usize);
        let members: Vec<usize> = a.volunteers.iter().filter_map(|&v| list.position(v)).collect();
        let Some(standby) = capacity.standby_for(inst, a.demand as usize, list, a.slot as usize, &members) else {
            return greedy_plan(problem).0;
        };
        for &k in &standby {
            capacity.stand_by(list.volunteers[k] as usize, a.slot as usize, list.hours(k));
        }
        a.standby = standby.into_iter().map(|k| list.volunteers[k]).collect();
    }
    plan
}

/// The bound of the LP relaxation of the straightforward program (every binary of
/// [`PlainMip`]'s program relaxed to [0, 1]), solved by HiGHS within `time_limit`; `None` if
/// it did not finish or has no feasible point.
pub fn compact_lp_bound(problem: &Problem, time_limit: Duration) -> Option<f64> {
    let (run, _) = run(build(problem, false), time_limit.as_secs_f64(), false);
    (run.status == S::Optimal).then_some(run.objective)
}
