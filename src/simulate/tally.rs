//! The month's figures and the year's running totals: per community the weight offered and
//! met, per member the hours given and whether they were ever asked.

use super::lists::communities;
use super::metrics::{gini, Coverage, MonthRow};
use crate::format::{InstanceSpec, SolutionSpec, VolunteerSpec};
use crate::ledger::effective::Effective;
use crate::ledger::outcomes::{Outcome, OutcomeRow};
use crate::problem::Problem;
use std::collections::{HashMap, HashSet};

/// The hours a volunteer is planned to give to a demand in `problem`, by ids: the pair's arc
/// hours when it has an arc, else the demand's (0 for an id not in the problem).
pub fn planned_hours(problem: &Problem) -> impl Fn(&str, &str) -> f64 + '_ {
    let names = &problem.names;
    let demand: HashMap<&str, usize> = names.demands.iter().enumerate().map(|(d, id)| (id.as_str(), d)).collect();
    let arcs: HashMap<(usize, &str), f64> = problem
        .instance
        .arcs
        .iter()
        .map(|a| ((a.demand as usize, names.volunteers[a.volunteer as usize].as_str()), a.hours))
        .collect();
    move |d: &str, v: &str| match demand.get(d) {
        Some(&d) => arcs.get(&(d, v)).copied().unwrap_or(problem.instance.demands[d].hours),
        None => 0.0,
    }
}

/// What the year has seen so far.
#[derive(Debug, Clone)]
pub struct Tally {
    /// Community ids, in the layout's order.
    communities: Vec<String>,
    /// The community index of each region id.
    community_of: HashMap<String, usize>,
    /// Weight of the demands that arrived (fresh or recurring, not carried) and weight met,
    /// per community, since the first month.
    year: Coverage,
    /// Dense index of each member ever listed.
    member: HashMap<String, usize>,
    /// Hours given by each member since the first month (`done` and `not_done` outcomes).
    hours: Vec<f64>,
    /// Whether each member was ever in a planned team.
    asked: Vec<bool>,
}

impl Tally {
    /// Nothing seen yet, for the communities of `layout`.
    pub fn new(layout: &InstanceSpec) -> Tally {
        let (communities, community_of) = communities(layout);
        let year = Coverage::new(communities.len());
        Tally { communities, community_of, year, member: HashMap::new(), hours: Vec::new(), asked: Vec::new() }
    }

    /// The dense index of member `id`, adding it when new.
    fn member(&mut self, id: &str) -> usize {
        if let Some(&m) = self.member.get(id) {
            return m;
        }
        self.member.insert(id.to_string(), self.hours.len());
        self.hours.push(0.0);
        self.asked.push(false);
        self.hours.len() - 1
    }

    /// Adds the month planned as `solution` for `effective`, with `outcomes` recorded and
    /// `present` the members on its list, and returns its row.
    pub fn month(
        &mut self,
        month: &str,
        effective: &Effective,
        solution: &SolutionSpec,
        outcomes: &[OutcomeRow],
        present: &[VolunteerSpec],
    ) -> MonthRow {
        let spec = &effective.spec;
        let teams: HashMap<&str, &[String]> =
            solution.assignments.iter().map(|a| (a.demand.as_str(), a.volunteers.as_slice())).collect();
        let done: HashSet<&str> =
            outcomes.iter().filter(|o| o.outcome == Outcome::Done).map(|o| o.demand.as_str()).collect();
        for team in teams.values() {
            for v in team.iter() {
                let m = self.member(v);
                self.asked[m] = true;
            }
        }
        for o in outcomes.iter().filter(|o| o.outcome != Outcome::NoShow) {
            let m = self.member(&o.volunteer);
            self.hours[m] += o.hours.unwrap_or(0.0);
        }

        let last: HashMap<&str, &[String]> = spec
            .history
            .iter()
            .flat_map(|h| &h.series)
            .filter(|s| !s.volunteers.is_empty())
            .map(|s| (s.series.as_str(), s.volunteers.as_slice()))
            .collect();
        let mut coverage = Coverage::new(self.communities.len());
        let (mut met, mut weight, mut weight_met) = (0, 0.0, 0.0);
        let (mut continuing, mut kept) = (0, 0);
        let (mut carried_met, mut ages) = (0, 0.0);
        for d in &spec.demands {
            let w = d.weight.unwrap_or(1.0);
            let is_met = done.contains(d.id.as_str());
            let community = d.region.as_deref().and_then(|r| self.community_of.get(r)).copied();
            weight += w;
            if let Some(c) = community {
                coverage.offered[c] += w;
                if d.age.is_none() {
                    self.year.offered[c] += w;
                }
            }
            if !is_met {
                continue;
            }
            met += 1;
            weight_met += w;
            if let Some(c) = community {
                coverage.met[c] += w;
                self.year.met[c] += w;
            }
            if let Some(age) = d.age {
                carried_met += 1;
                ages += age;
            }
            if let Some(before) = d.series.as_deref().and_then(|s| last.get(s)) {
                continuing += 1;
                let team = teams.get(d.id.as_str()).copied().unwrap_or_default();
                kept += usize::from(team.iter().any(|v| before.contains(v)));
            }
        }

        let present: Vec<usize> = present.iter().map(|v| self.member(&v.id)).collect();
        let hours: Vec<f64> = present.iter().map(|&m| self.hours[m]).collect();
        let never = present.iter().filter(|&&m| !self.asked[m]).count();
        MonthRow {
            month: month.to_string(),
            demands: spec.demands.len(),
            met,
            weight_met,
            weight_met_pct: if weight > 0.0 { 100.0 * weight_met / weight } else { 0.0 },
            lowest_month: coverage.lowest(),
            lowest_cumulative: self.year.lowest(),
            gini_coverage: gini(&coverage.shares()),
            gini_hours: gini(&hours),
            never_asked: if present.is_empty() { 0.0 } else { never as f64 / present.len() as f64 },
            continuity: (continuing > 0).then(|| kept as f64 / continuing as f64),
            continuity_of: continuing,
            carried: effective.carried,
            mean_age_met_carried: (carried_met > 0).then(|| ages / carried_met as f64),
        }
    }
}
