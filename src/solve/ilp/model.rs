//! The integer program of one component, formulated with good_lp from the compiled problem.
//!
//! Variables (only where a choice exists):
//! * `z[d]` binary: demand d is met (at least 1 for a `must` demand);
//! * `y[d][s]` binary: d is met in slot s, only when d has more than one usable slot
//!   (otherwise `y = z`);
//! * `x[d][v][s]` binary per candidate pair and slot in which the pair is usable: v serves d
//!   in s;
//! * `q[d][r]` ≥ 0: supply from resource r for a need whose eligible resources can all run
//!   short (a need with a resource that cannot run short is always coverable: it is supplied
//!   after the solve and needs no variable);
//! * `short[g]` ≥ 0: weight by which fairness region g falls short of its target;
//! * `w[d][v][s]` binary for a demand asking standby (rule 9), per candidate free to stand by
//!   in a usable slot s: v stands by for d in s.
//!
//! Rows: Σ_s y = z; one team row per demand and slot, Σ_v x[d][v][s] = people·y[d][s];
//! volunteer hours, task counts and per-slot hours, each only where it can bind; needs
//! Σ_r q = amount·z; resource amounts; fairness shortfall. Where only k of a volunteer's pairs
//! fit its hours (in the month or in one slot), a count row Σ x ≤ k is written beside the
//! hours row (or instead of it when k = 1): the relaxation cannot split tasks into fractions
//! to meet it as it meets an hours row. The valid inequality x ≤ y for teams of several
//! people tightens the relaxation too.
//!
//! Rule 9: Σ_v w[d][v][s] = standby·y[d][s]; per volunteer and slot, Σ_d w[d][v][s] + x ≤ 1
//! for each of its pairs x in s (no task where it stands by, one duty per slot, never in the
//! team it backs) and Σ_d w ≤ 1 alone; Σ over its duties ≤ `max_standby` where it can bind.
//!
//! Capacity rules other than 4 and 5 (such as rule 4b, tasks per slot) get their rows from
//! their families ([`crate::policy::capacity_families`]).
//!
//! One team row per demand and slot keeps the program small: leaving per-slot hours out and
//! re-planning where the plan broke them (a smaller relaxation, one binary per pair and a row
//! x ≤ Σ y per pair) left county months of the `tight-slots` profile 2.7–3.5 % from the bound
//! at 60 s.

use crate::model::{Assignment, Supply};
use crate::policy::{capacity_families, fits, Family, RuleName, SLOT_HOURS, TASK_COUNT, VOLUNTEER_HOURS};
use crate::problem::Problem;
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};

/// A usable slot of a demand: the slot, its variable (`None` when it is the demand's only
/// usable slot) and the pairs usable in it, as position in the candidate list and variable.
pub type SlotVars = (usize, Option<Variable>, Vec<(usize, Variable)>);

/// The variables of one demand.
#[derive(Debug, Clone)]
pub struct DemandVars {
    /// The demand index.
    pub demand: usize,
    /// Whether it is met.
    pub z: Variable,
    /// Per usable slot: the slot, its variable (`None` when it is the only usable slot: then
    /// `y = z`) and the pairs usable in it, as position in the candidate list and variable.
    pub slots: Vec<SlotVars>,
    /// Modelled needs: need index and its (resource, supply variable) pairs.
    pub supplies: Vec<(usize, Vec<(u32, Variable)>)>,
    /// Per entry of `slots`, the standby variables (rule 9) as position in the candidate list
    /// and variable; empty lists for a demand asking none.
    pub standby: Vec<Vec<(usize, Variable)>>,
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
        let v = list.volunteers[k] as usize;
        let vol = &inst.volunteers[v];
        let h = list.hours(k);
        if vol.max_tasks == 0 || !fits(0.0, h, vol.hours) {
            continue;
        }
        let slots: Vec<usize> = demand
            .slots
            .iter()
            .filter(|&s| vol.slots.contains(s) && fits(0.0, h, inst.slot_hours_left(v, s)))
            .collect();
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
/// alone). `scarce[r]`: resource r can run short.
pub fn build(problem: &Problem, part: &[usize], scarce: &[bool]) -> ComponentModel {
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
    // Per volunteer: (slot, hours, x) of every usable pair and slot, to write its rows.
    let mut by_volunteer: std::collections::BTreeMap<usize, Vec<(usize, f64, Variable)>> = Default::default();
    // Per volunteer: (slot, w) of every standby variable.
    let mut standing: std::collections::BTreeMap<usize, Vec<(usize, Variable)>> = Default::default();
    for &d in part {
        let demand = &inst.demands[d];
        let (usable_slots, pairs) = usable(problem, d);
        let list = problem.candidates.of(d);
        let z = add(&mut vars, if demand.must { variable().binary().min(1.0) } else { variable().binary() });
        objective += demand.weight * z;
        let single = usable_slots.len() == 1;
        let mut slots = Vec::with_capacity(usable_slots.len());
        let mut standby = Vec::with_capacity(usable_slots.len());
        let mut chosen = Expression::default();
        for &s in &usable_slots {
            let y = (!single).then(|| add(&mut vars, variable().binary()));
            let y_expr: Expression = y.map_or(z.into(), Expression::from);
            if let Some(y) = y {
                chosen += y;
            }
            let mut team = Expression::default();
            let mut in_slot = Vec::new();
            for (k, _) in pairs.iter().filter(|(_, ss)| ss.contains(&s)) {
                let x = add(&mut vars, variable().binary());
                if demand.people > 1 {
                    constraints.push(constraint!(x <= y_expr.clone()));
                }
                objective -= list.costs[*k] * x;
                team += x;
                by_volunteer.entry(list.volunteers[*k] as usize).or_default().push((s, list.hours(*k), x));
                in_slot.push((*k, x));
            }
            constraints.push(constraint!(team == demand.people as f64 * y_expr.clone()));
            let mut backups = Vec::new();
            if demand.standby > 0 {
                let mut sum = Expression::default();
                for k in 0..list.len() {
                    let v = list.volunteers[k] as usize;
                    let vol = &inst.volunteers[v];
                    let busy = vol.booked.iter().any(|b| b.slot as usize == s && b.tasks > 0);
                    if vol.max_standby == 0 || busy || !vol.slots.contains(s) {
                        continue;
                    }
                    let w = add(&mut vars, variable().binary());
                    sum += w;
                    standing.entry(v).or_default().push((s, w));
                    backups.push((k, w));
                }
                constraints.push(constraint!(sum == demand.standby as f64 * y_expr));
            }
            slots.push((s, y, in_slot));
            standby.push(backups);
        }
        if !single {
            constraints.push(constraint!(chosen == z));
        }
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
        demands.push(DemandVars { demand: d, z, slots, supplies, standby });
    }

    // Rule 9 rows: no task where one stands by, one duty per slot, `max_standby` duties.
    for (v, duties) in standing.iter_mut() {
        duties.sort_by_key(|&(s, _)| s);
        let tasks = by_volunteer.get(v).map_or(&[][..], Vec::as_slice);
        for in_slot in duties.chunk_by(|a, b| a.0 == b.0) {
            let s = in_slot[0].0;
            let on: Expression = in_slot.iter().map(|&(_, w)| w).sum();
            let mut alone = true;
            for &(_, _, x) in tasks.iter().filter(|&&(t, _, _)| t == s) {
                constraints.push(constraint!(on.clone() + x <= 1.0));
                alone = false;
            }
            if alone && in_slot.len() > 1 {
                constraints.push(constraint!(on <= 1.0));
            }
        }
        let limit = inst.volunteers[*v].max_standby;
        if (limit as usize) < duties.len() {
            let all: Expression = duties.iter().map(|&(_, w)| w).sum();
            constraints.push(constraint!(all <= f64::from(limit)));
        }
    }

    // Volunteer rows: monthly hours, task count, per-slot hours, each only when it can bind,
    // tightened by hand; every other capacity rule from its family.
    let families = capacity_families(inst);
    for (&v, pairs) in by_volunteer.iter_mut() {
        family_rows(&families, &[TASK_COUNT, VOLUNTEER_HOURS, SLOT_HOURS], v, pairs, &mut constraints);
        let vol = &inst.volunteers[v];
        let mut largest: Vec<f64> = pairs.iter().map(|&(_, h, _)| h).collect();
        largest.sort_by(|a, b| b.total_cmp(a));
        let most: f64 = largest.iter().take(vol.max_tasks as usize).sum();
        // At most `tasks` pairs fit the monthly hours and `max_tasks` together.
        let tasks = fit_count(&largest, vol.hours).min(vol.max_tasks as usize);
        // With room for one task only, each pair fitting alone, the count row says all.
        if most > vol.hours * (1.0 + 1e-9) && tasks > 1 {
            let load: Expression = pairs.iter().map(|&(_, h, x)| h * x).sum();
            constraints.push(constraint!(load <= vol.hours));
        }
        if pairs.len() > tasks {
            let count: Expression = pairs.iter().map(|&(_, _, x)| x).sum();
            constraints.push(constraint!(count <= tasks as f64));
        }
        pairs.sort_by_key(|&(s, _, _)| s);
        for in_slot in pairs.chunk_by(|a, b| a.0 == b.0) {
            let cap = inst.slot_hours_left(v, in_slot[0].0);
            // The monthly hours cap the slot's when they are no more than its hours.
            if vol.hours <= cap {
                continue;
            }
            let mut loads: Vec<f64> = in_slot.iter().map(|&(_, h, _)| h).collect();
            loads.sort_by(|a, b| b.total_cmp(a));
            let most: f64 = loads.iter().take(tasks).sum();
            let fit = fit_count(&loads, cap).min(tasks);
            if most > cap * (1.0 + 1e-9) && fit > 1 {
                let load: Expression = in_slot.iter().map(|&(_, h, x)| h * x).sum();
                constraints.push(constraint!(load <= cap));
            }
            if in_slot.len() > fit {
                let count: Expression = in_slot.iter().map(|&(_, _, x)| x).sum();
                constraints.push(constraint!(count <= fit as f64));
            }
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

/// The rows of `families` (except those named in `skip`) over volunteer `v`'s `pairs`
/// (slot, hours, x): Σ amount·x ≤ cap for every row the pairs could overfill.
pub fn family_rows(
    families: &[Family],
    skip: &[RuleName],
    v: usize,
    pairs: &[(usize, f64, Variable)],
    constraints: &mut Vec<Constraint>,
) {
    for family in families.iter().filter(|f| !skip.contains(&f.name())) {
        let mut uses: Vec<(usize, f64, Variable)> = pairs
            .iter()
            .map(|&(s, h, x)| {
                let (row, amount) = family.use_of(v, s, h);
                (row, amount, x)
            })
            .collect();
        uses.sort_by_key(|&(row, _, _)| row);
        for same in uses.chunk_by(|a, b| a.0 == b.0) {
            let cap = family.cap(same[0].0);
            let most: f64 = same.iter().map(|&(_, a, _)| a).sum();
            if cap.is_finite() && !fits(0.0, most, cap) {
                let load: Expression = same.iter().map(|&(_, a, x)| a * x).sum();
                constraints.push(constraint!(load <= cap));
            }
        }
    }
}

/// How many of `loads` (sorted largest first) fit together within `cap`: the count of the
/// smallest ones whose sum stays within it.
fn fit_count(loads: &[f64], cap: f64) -> usize {
    let mut used = 0.0;
    loads
        .iter()
        .rev()
        .take_while(|&&h| {
            let fits = fits(used, h, cap);
            used += h;
            fits
        })
        .count()
}

/// Reads the assignments of `demands` from variable values (`value(var)`); supplies of needs
/// that have no variables are left to the caller.
pub fn read_plan(problem: &Problem, demands: &[DemandVars], value: impl Fn(Variable) -> f64) -> Vec<Assignment> {
    let on = |v: Variable| value(v) > 0.5;
    let mut out = Vec::new();
    for dv in demands.iter().filter(|dv| on(dv.z)) {
        let Some((slot, _, pairs)) = dv.slots.iter().find(|(_, y, _)| y.is_none_or(on)) else { continue };
        let list = problem.candidates.of(dv.demand);
        let volunteers: Vec<u32> = pairs.iter().filter(|&&(_, x)| on(x)).map(|&(k, _)| list.volunteers[k]).collect();
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
        let at = dv.slots.iter().position(|e| e.0 == *slot).expect("the chosen slot is one of the demand's");
        let standby = dv.standby[at].iter().filter(|&&(_, w)| on(w)).map(|&(k, _)| list.volunteers[k]).collect();
        out.push(Assignment { demand: dv.demand as u32, slot: *slot as u32, volunteers, supplies, standby });
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
        let list = problem.candidates.of(dv.demand);
        for (at, (_, y, pairs)) in dv.slots.iter().enumerate().filter(|(_, (s, _, _))| *s == a.slot as usize) {
            for &(_, w) in dv.standby[at].iter().filter(|&&(k, _)| a.standby.contains(&list.volunteers[k])) {
                value.insert(w, 1.0);
            }
            if let Some(y) = y {
                value.insert(*y, 1.0);
            }
            for &(_, x) in pairs.iter().filter(|&&(k, _)| a.volunteers.contains(&list.volunteers[k])) {
                value.insert(x, 1.0);
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
