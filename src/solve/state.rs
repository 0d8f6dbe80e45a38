//! A plan under construction with its capacity, resources and fairness bookkeeping, so that
//! heuristics insert and remove demands in O(team + needs) and know the objective at once.

use crate::model::{Assignment, Plan, Supply};
use crate::policy::{capacity_policy, Capacity, Team};
use crate::problem::Problem;

/// How a demand is served in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The slot.
    pub slot: usize,
    /// Positions of the team in the demand's candidate list.
    pub members: Vec<usize>,
    /// The supplies.
    pub supplies: Vec<Supply>,
    /// Total team cost.
    pub cost: f64,
    /// Positions of the standby (rule 9) in the demand's candidate list.
    pub standby: Vec<usize>,
}

/// A plan being built or improved.
#[derive(Debug, Clone)]
pub struct PlanState<'a> {
    /// The problem.
    pub problem: &'a Problem,
    /// Hours and tasks used.
    pub capacity: Capacity,
    /// Amount left per resource.
    pub left: Vec<f64>,
    /// Met weight per fairness group.
    pub met: Vec<f64>,
    /// Placement of each demand.
    pub placed: Vec<Option<Placed>>,
    /// Demands each volunteer serves.
    pub serving: Vec<Vec<u32>>,
    /// Σ weight − Σ cost over placed demands.
    value: f64,
}

impl<'a> PlanState<'a> {
    /// The empty plan.
    pub fn new(problem: &'a Problem) -> Self {
        let inst = &problem.instance;
        PlanState {
            problem,
            capacity: capacity_policy(inst),
            left: inst.resource_amounts(),
            met: vec![0.0; problem.fairness.total.len()],
            placed: vec![None; inst.demands.len()],
            serving: vec![Vec::new(); inst.volunteers.len()],
            value: 0.0,
        }
    }

    /// The state of `plan` (which must be feasible).
    pub fn from_plan(problem: &'a Problem, plan: &Plan) -> Self {
        let mut state = Self::new(problem);
        for a in &plan.assignments {
            let list = problem.candidates.of(a.demand as usize);
            let members: Vec<usize> =
                a.volunteers.iter().map(|&v| list.position(v).expect("plan volunteers are candidates")).collect();
            let cost = members.iter().map(|&k| list.costs[k]).sum();
            let standby: Vec<usize> =
                a.standby.iter().map(|&v| list.position(v).expect("standby volunteers are candidates")).collect();
            let placed = Placed { slot: a.slot as usize, members, supplies: a.supplies.clone(), cost, standby };
            state.commit(a.demand as usize, placed);
        }
        state
    }

    /// The objective: Σ weight − Σ cost − fairness penalty.
    pub fn objective(&self) -> f64 {
        self.value - self.problem.fairness.penalty_of(&self.met)
    }

    /// The cheapest team for `d` with time left and supplies for its needs, if both exist.
    pub fn best_placement(&self, d: usize) -> Option<Placed> {
        let inst = &self.problem.instance;
        let list = self.problem.candidates.of(d);
        let Team { slot, members, cost, standby } = self.capacity.cheapest_team(inst, d, list)?;
        let supplies = self.problem.supplies.draw(inst, &inst.demands[d], &self.left).ok()?;
        Some(Placed { slot, members, supplies, cost, standby })
    }

    /// Like [`PlanState::best_placement`], choosing the team by `key` of candidate positions.
    pub fn placement_by(&self, d: usize, key: &dyn Fn(usize) -> f64) -> Option<Placed> {
        let inst = &self.problem.instance;
        let list = self.problem.candidates.of(d);
        let Team { slot, members, cost, standby } = self.capacity.best_team_by(inst, d, list, key)?;
        let supplies = self.problem.supplies.draw(inst, &inst.demands[d], &self.left).ok()?;
        Some(Placed { slot, members, supplies, cost, standby })
    }

    /// How much the objective rises if `d` is placed at team cost `cost`.
    pub fn gain(&self, d: usize, cost: f64) -> f64 {
        let weight = self.problem.instance.demands[d].weight;
        weight - cost + self.problem.fairness.gain(d, weight, &self.met)
    }

    /// How much the objective falls if placed demand `d` is removed.
    pub fn loss(&self, d: usize) -> f64 {
        let fair = &self.problem.fairness;
        let weight = self.problem.instance.demands[d].weight;
        let cost = self.placed[d].as_ref().map_or(0.0, |p| p.cost);
        let extra_short = match fair.group_of[d] {
            Some(g) => {
                let (t, m) = (fair.target[g as usize], self.met[g as usize]);
                (t - (m - weight)).max(0.0) - (t - m).max(0.0)
            }
            None => 0.0,
        };
        weight - cost + fair.penalty * extra_short
    }

    /// Places `d` as `placed` (the caller has checked it fits).
    pub fn commit(&mut self, d: usize, placed: Placed) {
        let list = self.problem.candidates.of(d);
        for &k in &placed.members {
            let v = list.volunteers[k] as usize;
            self.capacity.take(v, placed.slot, list.hours(k));
            self.serving[v].push(d as u32);
        }
        for &k in &placed.standby {
            self.capacity.stand_by(list.volunteers[k] as usize, placed.slot, list.hours(k));
        }
        for s in &placed.supplies {
            self.left[s.resource as usize] -= s.amount;
        }
        let weight = self.problem.instance.demands[d].weight;
        if let Some(g) = self.problem.fairness.group_of[d] {
            self.met[g as usize] += weight;
        }
        self.value += weight - placed.cost;
        self.placed[d] = Some(placed);
    }

    /// Removes `d` from the plan and returns how it was placed.
    pub fn remove(&mut self, d: usize) -> Option<Placed> {
        let placed = self.placed[d].take()?;
        let list = self.problem.candidates.of(d);
        for &k in &placed.members {
            let v = list.volunteers[k] as usize;
            self.capacity.release(v, placed.slot, list.hours(k));
            self.serving[v].retain(|&e| e as usize != d);
        }
        for &k in &placed.standby {
            self.capacity.leave_standby(list.volunteers[k] as usize, placed.slot, list.hours(k));
        }
        for s in &placed.supplies {
            self.left[s.resource as usize] += s.amount;
        }
        let weight = self.problem.instance.demands[d].weight;
        if let Some(g) = self.problem.fairness.group_of[d] {
            self.met[g as usize] -= weight;
        }
        self.value -= weight - placed.cost;
        Some(placed)
    }

    /// The plan, ordered by demand.
    pub fn plan(&self) -> Plan {
        let assignments = self
            .placed
            .iter()
            .enumerate()
            .filter_map(|(d, p)| {
                let p = p.as_ref()?;
                let list = self.problem.candidates.of(d);
                Some(Assignment {
                    demand: d as u32,
                    slot: p.slot as u32,
                    volunteers: p.members.iter().map(|&k| list.volunteers[k]).collect(),
                    supplies: p.supplies.clone(),
                    standby: p.standby.iter().map(|&k| list.volunteers[k]).collect(),
                })
            })
            .collect();
        Plan { assignments }
    }
}
