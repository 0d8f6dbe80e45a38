//! Why each unmet demand is unmet: a stable code and a sentence naming the skill, distance,
//! slot, volunteers or resource at fault, derived from any plan (not from a solver's trace).

use crate::candidates::{haversine_km, SkillRows, VolunteerIndex};
use crate::model::{Demand, Plan};
use crate::policy::{capacity_policy, Capacity, Shortage};
use crate::problem::Problem;
use rayon::prelude::*;
use std::sync::OnceLock;

/// Reason codes, stable across versions (the README lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonCode {
    /// No volunteer is a candidate (skill, distance or arcs).
    NoCandidate,
    /// Fewer candidates than the team size.
    TooFewCandidates,
    /// Not enough candidates share any allowed slot.
    NoCommonSlot,
    /// Resources of a needed kind serving the demand hold too little even when unused.
    ResourceTooSmall,
    /// Candidates exist in its slots but too few have hours or tasks left.
    OutOfTime,
    /// Resources serving the demand have too little left.
    ResourceUsed,
    /// Its cheapest team costs at least its value.
    NotWorthIt,
    /// Could be met, but the plan used the capacity elsewhere.
    NotSelected,
    /// A team could serve it, but too few other candidates are free to stand by (rule 9).
    NoStandby,
}

impl ReasonCode {
    /// The code written to solution files.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::NoCandidate => "U01",
            ReasonCode::TooFewCandidates => "U02",
            ReasonCode::NoCommonSlot => "U03",
            ReasonCode::ResourceTooSmall => "U04",
            ReasonCode::OutOfTime => "U05",
            ReasonCode::ResourceUsed => "U06",
            ReasonCode::NotWorthIt => "U07",
            ReasonCode::NotSelected => "U08",
            ReasonCode::NoStandby => "U09",
        }
    }
}

/// An unmet demand's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The demand index.
    pub demand: u32,
    /// The code.
    pub code: ReasonCode,
    /// The sentence.
    pub text: String,
}

/// Reasons for every demand `plan` leaves unmet, in demand order.
pub fn unassigned_reasons(problem: &Problem, plan: &Plan) -> Vec<Reason> {
    let explainer = Explainer::new(problem, plan);
    let mut assigned = vec![false; problem.instance.demands.len()];
    plan.assignments.iter().for_each(|a| assigned[a.demand as usize] = true);
    // Each explanation reads the plan's state only: in parallel, in demand order.
    (0..assigned.len())
        .into_par_iter()
        .filter(|&d| !assigned[d])
        .map(|d| {
            let (code, mut text) = explainer.explain(d);
            if problem.instance.demands[d].must {
                text = format!("must demand not met: {text}");
            }
            Reason { demand: d as u32, code, text }
        })
        .collect()
}

/// The state left by a plan, and indices to explain against it.
struct Explainer<'a> {
    problem: &'a Problem,
    capacity: Capacity,
    left: Vec<f64>,
    met: Vec<f64>,
    /// The resources' full amounts.
    full: Vec<f64>,
    /// Built on first use: only demands without candidates need it.
    index: OnceLock<Option<VolunteerIndex>>,
    rows: SkillRows,
}

impl<'a> Explainer<'a> {
    fn new(problem: &'a Problem, plan: &Plan) -> Self {
        let inst = &problem.instance;
        let mut capacity = capacity_policy(inst);
        let mut left = inst.resource_amounts();
        let mut met = vec![0.0; problem.fairness.total.len()];
        for a in &plan.assignments {
            let list = problem.candidates.of(a.demand as usize);
            for &v in &a.volunteers {
                let k = list.position(v).unwrap_or(0);
                capacity.take(v as usize, a.slot as usize, list.hours(k));
            }
            for &b in &a.standby {
                let hours = list.position(b).map_or(0.0, |k| list.hours(k));
                capacity.stand_by(b as usize, a.slot as usize, hours);
            }
            a.supplies.iter().for_each(|s| left[s.resource as usize] -= s.amount);
            if let Some(g) = problem.fairness.group_of[a.demand as usize] {
                met[g as usize] += inst.demands[a.demand as usize].weight;
            }
        }
        let full = inst.resource_amounts();
        Explainer { problem, capacity, left, met, full, index: OnceLock::new(), rows: SkillRows::of_volunteers(inst) }
    }

    fn explain(&self, d: usize) -> (ReasonCode, String) {
        let p = self.problem;
        let inst = &p.instance;
        let demand = &inst.demands[d];
        let list = p.candidates.of(d);
        let people = demand.people as usize;
        if list.is_empty() {
            return (ReasonCode::NoCandidate, self.no_candidate(d));
        }
        if list.len() < people {
            let text = format!("needs {people} volunteers; only {} candidate(s) ({})", list.len(), self.pool_words(d));
            return (ReasonCode::TooFewCandidates, text);
        }
        let standby = demand.standby as usize;
        if list.len() < people + standby {
            let text = format!(
                "needs {people} volunteer(s) and {standby} standby; only {} candidate(s) ({})",
                list.len(),
                self.pool_words(d)
            );
            return (ReasonCode::NoStandby, text);
        }
        let together = |ok: &dyn Fn(usize, usize, f64) -> bool| {
            demand.slots.iter().any(|s| {
                (0..list.len()).filter(|&k| ok(list.volunteers[k] as usize, s, list.hours(k))).take(people).count()
                    == people
            })
        };
        let available = |v: usize, s: usize, _: f64| inst.volunteers[v].slots.contains(s);
        if !together(&available) {
            let slots: Vec<&str> = demand.slots.iter().map(|s| p.names.slots[s].as_str()).collect();
            let text = if slots.is_empty() {
                "allows no slot".to_string()
            } else {
                format!(
                    "{} candidate(s), fewer than {people} available in any of its slots ({})",
                    list.len(),
                    shorten(&slots)
                )
            };
            return (ReasonCode::NoCommonSlot, text);
        }
        if let Some(text) = self.short_need(demand, &self.full, true) {
            return (ReasonCode::ResourceTooSmall, text);
        }
        if !together(&|v, s, h| available(v, s, h) && self.capacity.can_take(v, s, h)) {
            return (ReasonCode::OutOfTime, self.out_of_time(d));
        }
        if let Some(text) = self.short_need(demand, &self.left, false) {
            return (ReasonCode::ResourceUsed, text);
        }
        let team = self.capacity.cheapest_team(inst, d, list);
        if team.is_none() && standby > 0 {
            let text =
                format!("a team could serve it, but too few other candidates are free to stand by ({standby} asked)");
            return (ReasonCode::NoStandby, text);
        }
        if let Some(team) = team {
            let gain = p.fairness.gain(d, demand.weight, &self.met);
            if !demand.must && demand.weight + gain <= team.cost {
                let text = format!(
                    "its cheapest team costs {:.2}, not less than its value {:.2}",
                    team.cost,
                    demand.weight + gain
                );
                return (ReasonCode::NotWorthIt, text);
            }
        }
        (ReasonCode::NotSelected, "could be met; the plan gave the volunteers' time to other demands".to_string())
    }

    /// "skill 'x' within 1.25 km" or "among its arcs": what made the candidate pool.
    fn pool_words(&self, d: usize) -> String {
        let p = self.problem;
        let demand = &p.instance.demands[d];
        let skills: Vec<String> = demand.skills.iter().map(|&s| format!("'{}'", p.names.skills[s as usize])).collect();
        let with = if skills.is_empty() { String::new() } else { format!("with skill {} ", skills.join(" and ")) };
        if p.instance.arcs.is_empty() {
            format!("{with}within {}", km_words(p.instance.policy.max_km))
        } else {
            format!("{with}among its arcs")
        }
    }

    fn no_candidate(&self, d: usize) -> String {
        let p = self.problem;
        let inst = &p.instance;
        let demand = &inst.demands[d];
        let index = self.index.get_or_init(|| inst.arcs.is_empty().then(|| VolunteerIndex::new(inst)));
        let near: Vec<usize> = match (index, demand.at) {
            (Some(index), Some(at)) => index
                .near(at, &[])
                .filter(|&v| inst.volunteers[v].at.is_some_and(|va| haversine_km(va, at) <= inst.policy.max_km + 1e-9))
                .collect(),
            _ => inst.arcs.iter().filter(|a| a.demand as usize == d).map(|a| a.volunteer as usize).collect(),
        };
        let place = if inst.arcs.is_empty() {
            format!("within {}", km_words(inst.policy.max_km))
        } else {
            "among its arcs".into()
        };
        if near.is_empty() {
            return if inst.arcs.is_empty() {
                format!("no volunteer {place}")
            } else {
                "no arc to any volunteer".into()
            };
        }
        let missing = demand.skills.iter().find(|&&s| {
            let row = self.rows.row(&[s]);
            !near.iter().any(|&v| self.rows.holds(v, &row))
        });
        match missing {
            Some(&s) => format!("no volunteer with skill '{}' {place}", p.names.skills[s as usize]),
            None => {
                let all: Vec<String> =
                    demand.skills.iter().map(|&s| format!("'{}'", p.names.skills[s as usize])).collect();
                format!("no volunteer {place} holds all of {}", all.join(", "))
            }
        }
    }

    /// How many candidates each capacity rule blocks (a candidate blocked in every slot counts
    /// for the rule of its first slot), in the rules' order, and how many have time left.
    fn out_of_time(&self, d: usize) -> String {
        let inst = &self.problem.instance;
        let demand = &inst.demands[d];
        let list = self.problem.candidates.of(d);
        let families = self.capacity.families();
        let (mut blocked, mut free, mut in_slots) = (vec![0; families.len()], 0, 0);
        for k in 0..list.len() {
            let v = list.volunteers[k] as usize;
            let mut shortages = demand
                .slots
                .iter()
                .filter(|&s| inst.volunteers[v].slots.contains(s))
                .map(|s| self.capacity.shortage(v, s, list.hours(k)));
            let Some(first) = shortages.next() else { continue };
            in_slots += 1;
            match first.filter(|_| shortages.all(|x| x.is_some())) {
                None => free += 1,
                Some(Shortage(rule)) => blocked[rule] += 1,
            }
        }
        let mut parts: Vec<String> = (families.iter().zip(&blocked))
            .filter(|&(_, &n)| n > 0)
            .map(|(family, n)| format!("{n} {}", family.name().shortage))
            .collect();
        if free > 0 {
            parts.push(format!("{free} with time left"));
        }
        format!(
            "{in_slots} candidate(s) available in its slots, too few with time left for a team of {}: {}",
            demand.people,
            parts.join(", ")
        )
    }

    /// The first need that resources serving the demand cannot cover from `left` (`unused`:
    /// `left` is the resources' full amounts).
    fn short_need(&self, demand: &Demand, left: &[f64], unused: bool) -> Option<String> {
        let p = self.problem;
        let need_index = p.supplies.draw(&p.instance, demand, left).err()?;
        let need = &demand.needs[need_index];
        let kind = &p.names.kinds[need.kind as usize];
        let Some(region) = demand.region else {
            return Some(format!("needs {} {kind} but has no region, so no resource may supply it", need.amount));
        };
        let have = p.supplies.available(&p.instance, demand, need, left);
        let level = p.instance.regions[region as usize].level.map_or("region", |l| p.names.levels[l as usize].as_str());
        let place = format!("{level} {} ({})", p.names.region_names[region as usize], p.names.regions[region as usize]);
        let amount = need.amount;
        Some(if p.supplies.eligible(&p.instance, demand, need).next().is_none() {
            format!("needs {amount} {kind}; no '{kind}' resource serves {place} or a region above it")
        } else if unused {
            format!("needs {amount} {kind}; resources serving {place} hold only {} in all", round2(have))
        } else {
            format!("needs {amount} {kind}; resources serving {place} have {} left", round2(have))
        })
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn km_words(km: f64) -> String {
    if km.is_finite() {
        format!("{} km", round2(km))
    } else {
        "any distance".to_string()
    }
}

/// At most five items, then a count of the rest.
fn shorten(items: &[&str]) -> String {
    if items.len() <= 5 {
        items.join(", ")
    } else {
        format!("{}, and {} more", items[..5].join(", "), items.len() - 5)
    }
}
