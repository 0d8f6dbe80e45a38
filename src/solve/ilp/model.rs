//! The integer program of one component, formulated with good_lp from the compiled problem.
//!
//! Variables (only where a choice exists):
//! * `z[d]` binary: demand d is met (fixed to 1 for a `must` demand);
//! * `y[d][s]` binary: d is met in slot s, only when d has more than one usable slot
//!   (otherwise `y = z`);
//! * per candidate pair, either one binary `x[d][v]` ("v serves d") or, for a volunteer whose
//!   per-slot hours can bind, one binary `w[d][v][s]` per usable slot ("v serves d in s");
//! * `q[d][r]` ≥ 0: supply from resource r for a need whose eligible resources can all run
//!   short (a need with a resource that cannot run short is always coverable: it is supplied
//!   after the solve and needs no variable);
//! * `short[g]` ≥ 0: weight by which fairness region g falls short of its target.
//!
//! Rows: Σ_s y = z; team Σ_v x = people·z; a pair only in a slot where its volunteer is
//! usable; volunteer hours, `max_tasks` and per-slot hours (each only when it can bind);
//! needs Σ_r q = amount·z; resource amounts; fairness shortfall. The valid inequality x ≤ z
//! for teams of several people tightens the relaxation. (people·y[d][s] ≤ Σ of the members
//! usable in s tightens it too, but on a county month by 0.03 of 1,709.7 while a third more
//! nonzeros slow HiGHS: at 100 s it left the plan 2.3 % from the bound instead of 0.4 %.)

use crate::model::{Assignment, Supply};
use crate::policy::fits;
use crate::problem::Problem;
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::BTreeSet;

/// How one candidate pair enters the model.
#[derive(Debug, Clone)]
pub enum PairVar {
    /// One binary: the volunteer serves the demand (in the demand's slot).
    Any(Variable),
    /// One binary per usable slot.
    PerSlot(Vec<(usize, Variable)>),
}

/// The variables of one demand.
#[derive(Debug, Clone)]
pub struct DemandVars {
    /// The demand index.
    pub demand: usize,
    /// Whether it is met.
    pub z: Variable,
    /// Usable slots with their variables; one entry with `None` when a single slot is usable.
    pub slots: Vec<(usize, Option<Variable>)>,
    /// Usable candidates: position in the candidate list and variable(s).
    pub pairs: Vec<(usize, PairVar)>,
    /// Modelled needs: need index and its (resource, supply variable) pairs.
    pub supplies: Vec<(usize, Vec<(u32, Variable)>)>,
}

/// A component's program: variables, objective, rows and how to read a plan back.
pub struct ComponentModel {
    /// The variables.
    pub vars: ProblemVariables,
    /// The objective to maximise (includes the constant of regions with nothing to gain).
    pub objective: Expression,
    /// The rows.
    pub constraints: Vec<Constraint>,
    /// Variable handles per demand.
    pub demands: Vec<DemandVars>,
    /// Fairness shortfall variables: group index and variable.
    pub shortfalls: Vec<(usize, Variable)>,
    /// Every variable in creation order (for complete start solutions).
    pub all: Vec<Variable>,
}

/// Per-pair facts the formulation needs.
struct PairInfo {
    k: usize,
    v: usize,
    cost: f64,
    hours: f64,
    slots: Vec<usize>,
}

/// Slots in which demand `d` can be served at all, and each usable pair with its slots.
/// A pair is usable in slot s when s is allowed by d, available to v, and h(d, v) fits v's
/// monthly and per-slot hours and v may take a task; a slot is usable when at least `people`
/// pairs are usable in it.
pub fn usable(problem: &Problem, d: usize) -> (Vec<usize>, Vec<(usize, Vec<usize>)>) {
    let inst = &problem.instance;
    let demand = &inst.demands[d];
    let list = problem.candidates.of(d);
    let mut pairs: Vec<(usize, Vec<usize>)> = Vec::new();
    for k in 0..list.len() {
        let vol = &inst.volunteers[list.volunteers[k] as usize];
        let h = list.hours(k);
        if vol.max_tasks == 0 || !fits(0.0, h, vol.hours) {
            continue;
        }
        let slots: Vec<usize> =
            demand.slots.iter().filter(|&s| vol.slots.contains(s) && fits(0.0, h, inst.slots[s].hours)).collect();
        if !slots.is_empty() {
            pairs.push((k, slots));
        }
    }
    let people = demand.people as usize;
    let slots: Vec<usize> =
        demand.slots.iter().filter(|s| pairs.iter().filter(|(_, ss)| ss.contains(s)).count() >= people).collect();
    pairs.retain_mut(|(_, ss)| {
        ss.retain(|s| slots.contains(s));
        !ss.is_empty()
    });
    (slots, pairs)
}

/// Builds the program of the demands `part` (one component, every demand of which can be met
/// alone). `scarce[r]`: resource r can run short. Per-slot hours are modelled only for the
/// volunteers in `per_slot`; for the others they are dropped, which relaxes the program (its
/// bound stays valid, its plans must be checked against the slot hours).
pub fn build(problem: &Problem, part: &[usize], scarce: &[bool], per_slot: &BTreeSet<usize>) -> ComponentModel {
    let inst = &problem.instance;
    let fair = &problem.fairness;
    let mut vars = ProblemVariables::new();
    let mut all = Vec::new();
    let mut add = |vars: &mut ProblemVariables, def: good_lp::VariableDefinition| {
        let v = vars.add(def);
        all.push(v);
        v
    };
    let mut objective = Expression::default();
    let mut constraints = Vec::new();
    let mut demands = Vec::with_capacity(part.len());
    // Per volunteer: (demand position, pair info) of every usable pair, to write its rows.
    let mut by_volunteer: std::collections::BTreeMap<usize, Vec<(usize, PairInfo)>> = Default::default();
    let mut infos: Vec<Vec<PairInfo>> = Vec::with_capacity(part.len());
    let mut slot_lists = Vec::with_capacity(part.len());
    for &d in part {
        let (slots, pairs) = usable(problem, d);
        let list = problem.candidates.of(d);
        infos.push(
            pairs
                .into_iter()
                .map(|(k, slots)| PairInfo {
                    k,
                    v: list.volunteers[k] as usize,
                    cost: list.costs[k],
                    hours: list.hours(k),
                    slots,
                })
                .collect(),
        );
        slot_lists.push(slots);
    }
    for (i, pairs) in infos.iter().enumerate() {
        for p in pairs {
            by_volunteer.entry(p.v).or_default().push((i, PairInfo { slots: p.slots.clone(), ..*p }));
        }
    }
    // Volunteers whose per-slot hours can bind get per-slot pair variables.
    let slot_tight: std::collections::BTreeMap<usize, Vec<usize>> = by_volunteer
        .iter()
        .filter(|(v, _)| per_slot.contains(v))
        .filter_map(|(&v, pairs)| {
            let vol = &inst.volunteers[v];
            let tight: Vec<usize> = (0..inst.slots.len())
                .filter(|&s| {
                    let cap = inst.slots[s].hours;
                    let mut loads: Vec<f64> =
                        pairs.iter().filter(|(_, p)| p.slots.contains(&s)).map(|(_, p)| p.hours).collect();
                    loads.sort_by(|a, b| b.total_cmp(a));
                    let most: f64 = loads.iter().take(vol.max_tasks as usize).sum();
                    vol.hours > cap && most > cap * (1.0 + 1e-9)
                })
                .collect();
            (!tight.is_empty()).then_some((v, tight))
        })
        .collect();

    for (i, &d) in part.iter().enumerate() {
        let demand = &inst.demands[d];
        let z = add(&mut vars, if demand.must { variable().binary().min(1.0) } else { variable().binary() });
        objective += demand.weight * z;
        let slots: Vec<(usize, Option<Variable>)> = if slot_lists[i].len() == 1 {
            vec![(slot_lists[i][0], None)]
        } else {
            slot_lists[i].iter().map(|&s| (s, Some(add(&mut vars, variable().binary())))).collect()
        };
        if slots.len() > 1 {
            let sum: Expression = slots.iter().filter_map(|(_, y)| *y).sum();
            constraints.push(constraint!(sum == z));
        }
        let slot_var = |s: usize| -> Expression {
            match slots.iter().find(|(t, _)| *t == s) {
                Some((_, Some(y))) => (*y).into(),
                _ => z.into(),
            }
        };
        let people = demand.people as f64;
        let mut team = Expression::default();
        let mut pairs = Vec::with_capacity(infos[i].len());
        for p in &infos[i] {
            let var = if slot_tight.contains_key(&p.v) {
                let per: Vec<(usize, Variable)> =
                    p.slots.iter().map(|&s| (s, add(&mut vars, variable().binary()))).collect();
                for &(s, w) in &per {
                    if slots.len() > 1 {
                        constraints.push(constraint!(w <= slot_var(s)));
                    }
                }
                PairVar::PerSlot(per)
            } else {
                let x = add(&mut vars, variable().binary());
                if p.slots.len() < slots.len() {
                    let allowed: Expression = p.slots.iter().map(|&s| slot_var(s)).sum();
                    constraints.push(constraint!(x <= allowed));
                }
                PairVar::Any(x)
            };
            let served = pair_expression(&var);
            if demand.people > 1 {
                constraints.push(constraint!(served.clone() <= z));
            }
            objective -= p.cost * served.clone();
            team += served.clone();
            pairs.push((p.k, var));
        }
        constraints.push(constraint!(team == people * z));
        let mut supplies = Vec::new();
        for (n, need) in demand.needs.iter().enumerate() {
            if need.amount <= 0.0 || !super::super::components::need_is_scarce(problem, scarce, d, n) {
                continue;
            }
            let qs: Vec<(u32, Variable)> = problem
                .supplies
                .eligible(inst, demand, need)
                .map(|r| (r, add(&mut vars, variable().min(0.0).max(need.amount))))
                .collect();
            let sum: Expression = qs.iter().map(|&(_, q)| q).sum();
            constraints.push(constraint!(sum == need.amount * z));
            supplies.push((n, qs));
        }
        demands.push(DemandVars { demand: d, z, slots, pairs, supplies });
    }

    // Volunteer rows: monthly hours, task count, per-slot hours, each only when it can bind.
    for (&v, pairs) in &by_volunteer {
        let vol = &inst.volunteers[v];
        let var_of = |i: usize, k: usize| -> &PairVar { &demands[i].pairs.iter().find(|(kk, _)| *kk == k).unwrap().1 };
        let total: f64 = pairs.iter().map(|(_, p)| p.hours).sum();
        let mut largest: Vec<f64> = pairs.iter().map(|(_, p)| p.hours).collect();
        largest.sort_by(|a, b| b.total_cmp(a));
        let most: f64 = largest.iter().take(vol.max_tasks as usize).sum();
        if total.min(most) > vol.hours * (1.0 + 1e-9) {
            let load: Expression = pairs.iter().map(|(i, p)| p.hours * pair_expression(var_of(*i, p.k))).sum();
            constraints.push(constraint!(load <= vol.hours));
        }
        if pairs.len() > vol.max_tasks as usize {
            let count: Expression = pairs.iter().map(|(i, p)| pair_expression(var_of(*i, p.k))).sum();
            constraints.push(constraint!(count <= vol.max_tasks as f64));
        }
        for &s in slot_tight.get(&v).into_iter().flatten() {
            let load: Expression = pairs
                .iter()
                .filter_map(|(i, p)| match var_of(*i, p.k) {
                    PairVar::PerSlot(per) => per.iter().find(|(t, _)| *t == s).map(|&(_, w)| p.hours * w),
                    PairVar::Any(_) => None,
                })
                .sum();
            constraints.push(constraint!(load <= inst.slots[s].hours));
        }
    }

    // Resource rows for scarce resources used here.
    let mut resource_load: std::collections::BTreeMap<u32, Expression> = Default::default();
    for dv in &demands {
        for (_, qs) in &dv.supplies {
            for &(r, q) in qs {
                *resource_load.entry(r).or_default() += q;
            }
        }
    }
    for (r, load) in resource_load {
        constraints.push(constraint!(load <= inst.resources[r as usize].amount));
    }

    // Fairness shortfall of the groups of this component.
    let mut met: std::collections::BTreeMap<usize, Expression> = Default::default();
    for dv in &demands {
        if let Some(g) = fair.group_of[dv.demand] {
            *met.entry(g as usize).or_default() += inst.demands[dv.demand].weight * dv.z;
        }
    }
    let mut shortfalls = Vec::new();
    if fair.penalty > 0.0 {
        for (g, met) in met {
            if fair.target[g] <= 0.0 {
                continue;
            }
            let short = add(&mut vars, variable().min(0.0));
            constraints.push(constraint!(short + met >= fair.target[g]));
            objective -= fair.penalty * short;
            shortfalls.push((g, short));
        }
    }
    ComponentModel { vars, objective, constraints, demands, shortfalls, all }
}

/// Volunteers whose hours within one slot exceed the slot's hours in `assignments`.
pub fn slot_violators(problem: &Problem, assignments: &[Assignment]) -> BTreeSet<usize> {
    let inst = &problem.instance;
    let mut load: std::collections::HashMap<(u32, u32), f64> = Default::default();
    for a in assignments {
        let list = problem.candidates.of(a.demand as usize);
        for &v in &a.volunteers {
            let k = list.position(v).expect("plan volunteers are candidates");
            *load.entry((v, a.slot)).or_default() += list.hours(k);
        }
    }
    load.into_iter()
        .filter(|&((_, s), hours)| !fits(0.0, hours, inst.slots[s as usize].hours))
        .map(|((v, _), _)| v as usize)
        .collect()
}

/// The 0/1 expression "the pair serves its demand".
pub fn pair_expression(var: &PairVar) -> Expression {
    match var {
        PairVar::Any(x) => (*x).into(),
        PairVar::PerSlot(per) => per.iter().map(|&(_, w)| w).sum(),
    }
}

/// Reads the assignments of `demands` from variable values (`value(var)`); supplies of needs
/// that have no variables are left to the caller.
pub fn read_plan(problem: &Problem, demands: &[DemandVars], value: impl Fn(Variable) -> f64) -> Vec<Assignment> {
    let on = |v: Variable| value(v) > 0.5;
    let mut out = Vec::new();
    for dv in demands.iter().filter(|dv| on(dv.z)) {
        let slot = dv.slots.iter().find(|(_, y)| y.is_none_or(on)).map_or(dv.slots[0].0, |&(s, _)| s);
        let list = problem.candidates.of(dv.demand);
        let volunteers: Vec<u32> = dv
            .pairs
            .iter()
            .filter(|(_, var)| match var {
                PairVar::Any(x) => on(*x),
                PairVar::PerSlot(per) => per.iter().any(|&(s, w)| s == slot && on(w)),
            })
            .map(|&(k, _)| list.volunteers[k])
            .collect();
        let demand = &problem.instance.demands[dv.demand];
        let mut supplies = Vec::new();
        for (n, qs) in &dv.supplies {
            let amount = demand.needs[*n].amount;
            let raw: Vec<(u32, f64)> =
                qs.iter().map(|&(r, q)| (r, value(q).max(0.0))).filter(|&(_, a)| a > 1e-9).collect();
            let total: f64 = raw.iter().map(|&(_, a)| a).sum();
            // Solvers meet equalities to ~1e-9; rescale so the need is met exactly.
            supplies.extend(raw.into_iter().map(|(r, a)| Supply { resource: r, amount: a * amount / total }));
        }
        out.push(Assignment { demand: dv.demand as u32, slot: slot as u32, volunteers, supplies });
    }
    out
}

/// Reads the assignments of `demands` from `values`, given in the order of `all`.
pub fn read_values(problem: &Problem, demands: &[DemandVars], all: &[Variable], values: &[f64]) -> Vec<Assignment> {
    let position: std::collections::HashMap<Variable, usize> = all.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    read_plan(problem, demands, |v| values[position[&v]])
}

/// Variable values (in [`ComponentModel::all`] order) encoding `assignments` of this component,
/// for a complete start solution. Assignments of other demands are ignored.
pub fn start_values(problem: &Problem, model: &ComponentModel, assignments: &[&Assignment]) -> Vec<f64> {
    let mut value: std::collections::HashMap<Variable, f64> = model.all.iter().map(|&v| (v, 0.0)).collect();
    let fair = &problem.fairness;
    let mut met = vec![0.0; fair.total.len()];
    for dv in &model.demands {
        let Some(a) = assignments.iter().find(|a| a.demand as usize == dv.demand) else { continue };
        value.insert(dv.z, 1.0);
        if let Some(g) = fair.group_of[dv.demand] {
            met[g as usize] += problem.instance.demands[dv.demand].weight;
        }
        for (s, y) in &dv.slots {
            if let (Some(y), true) = (y, *s == a.slot as usize) {
                value.insert(*y, 1.0);
            }
        }
        let list = problem.candidates.of(dv.demand);
        for (k, var) in &dv.pairs {
            if !a.volunteers.contains(&list.volunteers[*k]) {
                continue;
            }
            match var {
                PairVar::Any(x) => {
                    value.insert(*x, 1.0);
                }
                PairVar::PerSlot(per) => {
                    if let Some(&(_, w)) = per.iter().find(|(s, _)| *s == a.slot as usize) {
                        value.insert(w, 1.0);
                    }
                }
            }
        }
        for (_, qs) in &dv.supplies {
            for &(r, q) in qs {
                let amount: f64 = a.supplies.iter().filter(|s| s.resource == r).map(|s| s.amount).sum();
                value.insert(q, amount);
            }
        }
    }
    for &(g, short) in &model.shortfalls {
        value.insert(short, (fair.target[g] - met[g]).max(0.0));
    }
    model.all.iter().map(|v| value[v]).collect()
}

/// Adds rows that fix the demands of `kept` to their assignments (met, in their slot, by
/// their team), leaving supplies free: the rest of the program then only re-plans around them.
pub fn fix(problem: &Problem, model: &mut ComponentModel, kept: &[&Assignment]) {
    for dv in &model.demands {
        let Some(a) = kept.iter().find(|a| a.demand as usize == dv.demand) else { continue };
        let z = dv.z;
        model.constraints.push(constraint!(z == 1.0));
        if let Some(&(_, Some(y))) = dv.slots.iter().find(|(s, _)| *s == a.slot as usize) {
            model.constraints.push(constraint!(y == 1.0));
        }
        let list = problem.candidates.of(dv.demand);
        for (k, var) in &dv.pairs {
            if !a.volunteers.contains(&list.volunteers[*k]) {
                continue;
            }
            let served: Expression = match var {
                PairVar::Any(x) => (*x).into(),
                PairVar::PerSlot(per) => per.iter().filter(|(s, _)| *s == a.slot as usize).map(|&(_, w)| w).sum(),
            };
            model.constraints.push(constraint!(served == 1.0));
        }
    }
}
