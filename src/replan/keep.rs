//! What a dispatched plan keeps after the changes: the assignments they do not touch, those a
//! replacement can mend with one change each, and those set free for the solver.

use crate::format::{AssignmentSpec, Names, SolutionSpec};
use crate::model::{Assignment, Pin, Supply};
use crate::policy::{capacity_policy, fits};
use crate::problem::Problem;
use foldhash::HashMap;

/// What became of each assignment of the dispatched plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Fate {
    /// Untouched by the changes: kept as it was.
    Kept,
    /// A team member can no longer serve (unavailable, hours cut); the assignment's standby
    /// take their places, one change each.
    Mended {
        /// Volunteers who dropped out.
        out: Vec<u32>,
        /// Their replacements, in the same order.
        replacements: Vec<u32>,
    },
    /// The changes broke it and no replacement mends it: the solver decides its demand anew.
    Freed,
    /// Untouched, but released so that a `must` demand the changes left without a team can be
    /// met: the solver decides its demand anew.
    Displaced,
    /// Its demand was cancelled.
    Cancelled,
}

/// What became of each assignment of the dispatched plan ([`Dispatched`]).
#[derive(Debug, Clone)]
pub struct Kept {
    /// The fate of each assignment, by position in the plan file.
    pub fates: Vec<Fate>,
    /// The assignments that stay (kept, and mended with their new teams): the pins of the
    /// re-planned month.
    pub pins: Vec<Pin>,
    /// For the first pins, the position in the plan file of the assignment each keeps; the pins
    /// after them place `must` demands the changes left without a team.
    pub origin: Vec<usize>,
}

/// Decides what the changes touch in the `dispatched` plan of `problem` (the effective month,
/// without pins of its own) and mends what one replacement per dropped member can mend.
///
/// Touched, in this order: an assignment whose demand is cancelled; whose slot its demand no
/// longer allows (a cancelled slot); a team member who is no longer available in its slot (or
/// no longer a candidate) drops out; a member whose planned hours or tasks now exceed the
/// month's drops out of his lowest-weight assignments until the rest fit; a resource that now
/// holds less than its planned supplies frees its lowest-weight assignments until the rest fit.
/// Then, highest weight first, each assignment with members out gets its standby volunteers
/// (rule 9) in their places when they are free, or is freed: who else serves it is the solver's
/// choice, which does better than any one replacement picked ahead of the rest. A called backup
/// leaves the standby list, as does a backup no longer available in the slot; the demand then
/// gets new standby from the candidates free to stand by there without moving anyone, or, when
/// too few are, is freed, since a met demand names all its standby.
pub fn keep(problem: &Problem, dispatched: &Dispatched) -> Kept {
    let inst = &problem.instance;
    let old_plan = &dispatched.old;
    let mut backups = dispatched.backups.clone();
    let mut fates: Vec<Fate> =
        old_plan.iter().map(|a| if a.is_some() { Fate::Kept } else { Fate::Cancelled }).collect();
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); old_plan.len()];
    let hours_of = |a: &Assignment, v: u32| {
        let list = problem.candidates.of(a.demand as usize);
        list.position(v).map(|k| list.hours(k))
    };
    for (i, a) in old_plan.iter().enumerate() {
        let Some(a) = a else { continue };
        if !inst.demands[a.demand as usize].slots.contains(a.slot as usize) {
            fates[i] = Fate::Freed;
            continue;
        }
        for &v in &a.volunteers {
            let available = inst.volunteers[v as usize].slots.contains(a.slot as usize);
            if !available || hours_of(a, v).is_none() {
                out[i].push(v);
            }
        }
    }
    // Backups no longer available in their slot (or no longer candidates) leave the list.
    let mut short_of_standby = vec![false; old_plan.len()];
    for (i, a) in old_plan.iter().enumerate() {
        let Some(a) = a else { continue };
        let before = backups[i].len();
        backups[i].retain(|&b| inst.volunteers[b as usize].slots.contains(a.slot as usize) && hours_of(a, b).is_some());
        short_of_standby[i] = backups[i].len() < before;
    }
    // Members whose month no longer holds their planned tasks leave the lightest ones.
    let mut tasks_of: Vec<Vec<usize>> = vec![Vec::new(); inst.volunteers.len()];
    for (i, a) in old_plan.iter().enumerate() {
        if let (Some(a), Fate::Kept) = (a, &fates[i]) {
            for &v in a.volunteers.iter().filter(|v| !out[i].contains(v)) {
                tasks_of[v as usize].push(i);
            }
        }
    }
    let weight = |i: usize| old_plan[i].as_ref().map_or(0.0, |a| inst.demands[a.demand as usize].weight);
    for (v, tasks) in tasks_of.iter_mut().enumerate() {
        let vol = &inst.volunteers[v];
        tasks.sort_by(|&a, &b| weight(a).total_cmp(&weight(b)).then(a.cmp(&b)));
        let mut hours: f64 = tasks.iter().map(|&i| hours_of(old_plan[i].as_ref().unwrap(), v as u32).unwrap()).sum();
        let mut count = tasks.len();
        for &i in tasks.iter() {
            if fits(hours, 0.0, vol.hours) && count <= vol.max_tasks as usize {
                break;
            }
            hours -= hours_of(old_plan[i].as_ref().unwrap(), v as u32).unwrap();
            count -= 1;
            out[i].push(v as u32);
        }
    }
    // Resources that now hold less than planned free their lightest assignments.
    let mut using: Vec<Vec<usize>> = vec![Vec::new(); inst.resources.len()];
    for (i, a) in old_plan.iter().enumerate() {
        if let (Some(a), Fate::Kept) = (a, &fates[i]) {
            for s in &a.supplies {
                using[s.resource as usize].push(i);
            }
        }
    }
    for (r, list) in using.iter_mut().enumerate() {
        list.sort_by(|&a, &b| weight(a).total_cmp(&weight(b)).then(a.cmp(&b)));
        list.dedup();
        let drawn = |i: usize| -> f64 {
            old_plan[i].as_ref().unwrap().supplies.iter().filter(|s| s.resource as usize == r).map(|s| s.amount).sum()
        };
        let mut used: f64 = list.iter().map(|&i| drawn(i)).sum();
        for &i in list.iter() {
            if fits(used, 0.0, inst.resources[r].amount) {
                break;
            }
            if fates[i] == Fate::Kept {
                used -= drawn(i);
                fates[i] = Fate::Freed;
            }
        }
    }
    // Book what stays, then mend the assignments with members out, heaviest first.
    let mut capacity = capacity_policy(inst);
    let mut left = inst.resource_amounts();
    let stays = |i: usize, fates: &[Fate]| fates[i] == Fate::Kept;
    for (i, a) in old_plan.iter().enumerate() {
        let Some(a) = a else { continue };
        if !stays(i, &fates) {
            continue;
        }
        for &v in a.volunteers.iter().filter(|v| !out[i].contains(v)) {
            capacity.take(v as usize, a.slot as usize, hours_of(a, v).unwrap());
        }
        for s in &a.supplies {
            left[s.resource as usize] -= s.amount;
        }
        for &b in &backups[i] {
            capacity.stand_by(b as usize, a.slot as usize, hours_of(a, b).unwrap_or(0.0));
        }
    }
    let touched = |i: usize| !out[i].is_empty() || short_of_standby[i];
    let mut order: Vec<usize> = (0..old_plan.len()).filter(|&i| stays(i, &fates) && touched(i)).collect();
    order.sort_by(|&a, &b| weight(b).total_cmp(&weight(a)).then(a.cmp(&b)));
    for i in order {
        let a = old_plan[i].as_ref().unwrap();
        let s = a.slot as usize;
        // Only the assignment's named backups stand in: anyone else is the solver's choice.
        let mut replacements = Vec::new();
        for &v in &backups[i] {
            if replacements.len() == out[i].len() {
                break;
            }
            // A called backup's own hours, slot hours and tasks decide, without its duty.
            let h = hours_of(a, v).unwrap_or(0.0);
            capacity.leave_standby(v as usize, s, h);
            if !a.volunteers.contains(&v) && capacity.can_take(v as usize, s, h) {
                replacements.push(v);
            } else {
                capacity.stand_by(v as usize, s, h);
            }
        }
        let refill = (replacements.len() == out[i].len()).then(|| {
            backups[i].retain(|b| !replacements.contains(b));
            refill_standby(problem, &capacity, a, &out[i], &replacements, &backups[i])
        });
        if let Some(new) = refill.flatten() {
            for &v in &replacements {
                capacity.take(v as usize, s, hours_of(a, v).unwrap());
            }
            for &b in &new {
                capacity.stand_by(b as usize, s, hours_of(a, b).unwrap_or(0.0));
            }
            backups[i].extend(new);
            fates[i] = Fate::Mended { out: out[i].clone(), replacements };
        } else {
            for &v in a.volunteers.iter().filter(|v| !out[i].contains(v)) {
                capacity.release(v as usize, s, hours_of(a, v).unwrap());
            }
            for &b in backups[i].iter().chain(&replacements) {
                capacity.leave_standby(b as usize, s, hours_of(a, b).unwrap_or(0.0));
            }
            backups[i].clear();
            for supply in &a.supplies {
                left[supply.resource as usize] += supply.amount;
            }
            fates[i] = Fate::Freed;
        }
    }
    let mut placed = make_room_for_musts(problem, old_plan, &mut fates, &out, &mut capacity, &mut left);
    let (mut pins, mut origin) = (Vec::new(), Vec::new());
    for (i, a) in old_plan.iter().enumerate() {
        let Some(a) = a else { continue };
        let volunteers = match &fates[i] {
            Fate::Kept => a.volunteers.clone(),
            Fate::Mended { out, replacements } => {
                let mut team: Vec<u32> = a.volunteers.iter().copied().filter(|v| !out.contains(v)).collect();
                team.extend(replacements);
                team
            }
            Fate::Freed | Fate::Displaced | Fate::Cancelled => continue,
        };
        let standby = backups[i].clone();
        pins.push(Pin {
            demand: a.demand,
            slot: Some(a.slot),
            volunteers,
            supplies: Some(a.supplies.clone()),
            standby,
        });
        origin.push(i);
    }
    // The must demands placed anew come last, with no assignment of the plan behind them.
    pins.append(&mut placed);
    Kept { fates, pins, origin }
}

/// The dispatched plan in the effective month's indices.
#[derive(Debug, Clone)]
pub struct Dispatched {
    /// Each assignment of the plan file, `None` where its demand, slot, a volunteer or a
    /// resource is not in the month (a cancelled demand).
    pub old: Vec<Option<Assignment>>,
    /// The standby volunteers each names that are still in the month, in its order.
    pub backups: Vec<Vec<u32>>,
}

impl Dispatched {
    /// Resolves the plan file `old` by the effective month's `names`.
    pub fn of(names: &Names, old: &SolutionSpec) -> Self {
        let maps = Maps::of(names);
        Dispatched {
            old: old.assignments.iter().map(|a| maps.assignment(a)).collect(),
            backups: old.assignments.iter().map(|a| maps.backups(a)).collect(),
        }
    }

    /// For every demand of the month (`demand_count` of them), the volunteers the plan names
    /// for it, team and standby: the pairs keeping it needs.
    pub fn teams(&self, demand_count: usize) -> Vec<Vec<u32>> {
        let mut teams = vec![Vec::new(); demand_count];
        for (a, backups) in self.old.iter().zip(&self.backups) {
            if let Some(a) = a {
                let team = &mut teams[a.demand as usize];
                team.extend(&a.volunteers);
                team.extend(backups);
            }
        }
        teams
    }
}

/// New standby for assignment `a` after the changes: as many as its demand asks beyond the
/// backups it keeps, from its candidates free to stand by in its slot (outside its team as
/// mended) without moving anyone, or `None` when too few are free.
fn refill_standby(
    problem: &Problem,
    capacity: &crate::policy::Capacity,
    a: &Assignment,
    out: &[u32],
    replacements: &[u32],
    kept: &[u32],
) -> Option<Vec<u32>> {
    let inst = &problem.instance;
    let asked = inst.demands[a.demand as usize].standby as usize;
    let list = problem.candidates.of(a.demand as usize);
    let team = a.volunteers.iter().filter(|v| !out.contains(v)).chain(replacements);
    let taken: Vec<usize> = team.chain(kept).filter_map(|&v| list.position(v)).collect();
    let more = capacity.more_standby(inst, list, a.slot as usize, &taken, asked.saturating_sub(kept.len()))?;
    Some(more.into_iter().map(|k| list.volunteers[k]).collect())
}

/// Places every `must` demand the kept and mended assignments leave unmet (its team lost, or
/// added by the changes): its cheapest team in what is left, releasing, while none is left, the
/// lightest kept assignment of a candidate who could serve it alone. A `must` demand outranks
/// keeping a plan: the assignments released for it count as touched. Returns the pins of the
/// demands placed (those whose supplies cannot be drawn stay for the solver).
fn make_room_for_musts(
    problem: &Problem,
    old_plan: &[Option<Assignment>],
    fates: &mut [Fate],
    out: &[Vec<u32>],
    capacity: &mut crate::policy::Capacity,
    left: &mut [f64],
) -> Vec<Pin> {
    let inst = &problem.instance;
    let mut met = vec![false; inst.demands.len()];
    for (a, fate) in old_plan.iter().zip(fates.iter()) {
        if let (Some(a), Fate::Kept | Fate::Mended { .. }) = (a, fate) {
            met[a.demand as usize] = true;
        }
    }
    let hours_of = |d: usize, v: u32| {
        let list = problem.candidates.of(d);
        list.position(v).map_or(0.0, |k| list.hours(k))
    };
    let team_of = |i: usize, fate: &Fate| -> Vec<u32> {
        let a = old_plan[i].as_ref().expect("kept assignments are resolved");
        let mut team: Vec<u32> = a.volunteers.iter().copied().filter(|v| !out[i].contains(v)).collect();
        if let Fate::Mended { replacements, .. } = fate {
            team.extend(replacements);
        }
        team
    };
    // The assignments each volunteer serves in (those released later are skipped by fate).
    let mut serving: Vec<Vec<usize>> = vec![Vec::new(); inst.volunteers.len()];
    for (i, fate) in fates.iter().enumerate() {
        if matches!(fate, Fate::Kept | Fate::Mended { .. }) {
            team_of(i, fate).into_iter().for_each(|v| serving[v as usize].push(i));
        }
    }
    let mut pins = Vec::new();
    for d in (0..inst.demands.len()).filter(|&d| inst.demands[d].must && !met[d]) {
        let demand = &inst.demands[d];
        let list = problem.candidates.of(d);
        let mut releases = 0;
        let team = loop {
            if let Some(team) = capacity.cheapest_team(inst, d, list) {
                break Some(team);
            }
            if releases >= 4 * (demand.people + demand.standby) as usize {
                break None;
            }
            // The lightest non-must assignment standing between a candidate and the demand.
            let lightest = list
                .volunteers
                .iter()
                .enumerate()
                .filter(|&(k, &v)| {
                    demand.slots.iter().any(|s| {
                        inst.volunteers[v as usize].slots.contains(s)
                            && capacity.fits_alone(v as usize, s, list.hours(k))
                    })
                })
                .flat_map(|(_, &v)| serving[v as usize].iter().copied())
                .filter(|&i| matches!(fates[i], Fate::Kept | Fate::Mended { .. }))
                .filter(|&i| !inst.demands[old_plan[i].as_ref().unwrap().demand as usize].must)
                .min_by(|&a, &b| {
                    let w = |i: usize| inst.demands[old_plan[i].as_ref().unwrap().demand as usize].weight;
                    w(a).total_cmp(&w(b)).then(a.cmp(&b))
                });
            let Some(i) = lightest else { break None };
            let a = old_plan[i].as_ref().unwrap();
            for v in team_of(i, &fates[i]) {
                capacity.release(v as usize, a.slot as usize, hours_of(a.demand as usize, v));
            }
            for supply in &a.supplies {
                left[supply.resource as usize] += supply.amount;
            }
            fates[i] = Fate::Displaced;
            releases += 1;
        };
        let Some(team) = team else { continue };
        let Ok(supplies) = problem.supplies.draw(inst, demand, left) else { continue };
        let volunteers: Vec<u32> = team.members.iter().map(|&k| list.volunteers[k]).collect();
        for &v in &volunteers {
            capacity.take(v as usize, team.slot, hours_of(d, v));
        }
        let standby: Vec<u32> = team.standby.iter().map(|&k| list.volunteers[k]).collect();
        for &b in &standby {
            capacity.stand_by(b as usize, team.slot, hours_of(d, b));
        }
        for supply in &supplies {
            left[supply.resource as usize] -= supply.amount;
        }
        let slot = Some(team.slot as u32);
        pins.push(Pin { demand: d as u32, slot, volunteers, supplies: Some(supplies), standby });
    }
    pins
}

/// Id → index of the kinds an assignment names.
struct Maps<'a> {
    demands: HashMap<&'a str, u32>,
    slots: HashMap<&'a str, u32>,
    volunteers: HashMap<&'a str, u32>,
    resources: HashMap<&'a str, u32>,
}

impl<'a> Maps<'a> {
    fn of(names: &'a Names) -> Self {
        let index = |ids: &'a [String]| ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
        Maps {
            demands: index(&names.demands),
            slots: index(&names.slots),
            volunteers: index(&names.volunteers),
            resources: index(&names.resources),
        }
    }

    /// The standby volunteers an assignment names that are still in the month, in its order.
    fn backups(&self, a: &AssignmentSpec) -> Vec<u32> {
        a.standby.iter().filter_map(|v| self.volunteers.get(v.as_str()).copied()).collect()
    }

    /// One assignment of the plan file in the effective month's indices; `None` when its
    /// demand, slot, a volunteer or a resource is not in the month (a cancelled demand).
    fn assignment(&self, a: &AssignmentSpec) -> Option<Assignment> {
        let volunteers =
            a.volunteers.iter().map(|v| self.volunteers.get(v.as_str()).copied()).collect::<Option<_>>()?;
        let supplies = a
            .supplies
            .iter()
            .map(|s| Some(Supply { resource: *self.resources.get(s.resource.as_str())?, amount: s.amount }))
            .collect::<Option<_>>()?;
        Some(Assignment {
            demand: *self.demands.get(a.demand.as_str())?,
            slot: *self.slots.get(a.slot.as_str())?,
            volunteers,
            supplies,
            standby: self.backups(a),
        })
    }
}
