//! The fairness term: each region of `fairness.level` should see at least `min_coverage` of its
//! demands' weight met; every unit short costs `penalty`. With `cumulative` the window's past
//! counts too: the target of a region g becomes min_coverage × (O_g + W(g)) − M_g, so a region
//! met poorly in earlier months is owed more now (and one met generously owed less).

use crate::model::Instance;

/// The fairness regions (groups) of an instance and their targets.
#[derive(Debug, Clone, Default)]
pub struct FairnessGroups {
    /// Group of each demand, if it is inside the fairness term.
    pub group_of: Vec<Option<u32>>,
    /// Region index of each group.
    pub region: Vec<u32>,
    /// Total weight W(g) of each group.
    pub total: Vec<f64>,
    /// Target min_coverage × W(g) of each group, or max(0, min_coverage × (O_g + W(g)) − M_g)
    /// with cumulative fairness (it may then exceed W(g)).
    pub target: Vec<f64>,
    /// Penalty per unit of weight short (0 without fairness).
    pub penalty: f64,
}

/// The groups of `instance` (none when it has no fairness policy).
pub fn fairness_policy(instance: &Instance) -> FairnessGroups {
    let n = instance.demands.len();
    let Some(f) = &instance.policy.fairness else {
        return FairnessGroups { group_of: vec![None; n], ..Default::default() };
    };
    let mut group_at_region = vec![None; instance.regions.len()];
    let mut groups = FairnessGroups { penalty: f.penalty, ..Default::default() };
    for d in &instance.demands {
        let region = f.level.and_then(|level| {
            instance.region_chain(d.region).find(|&r| instance.regions[r as usize].level == Some(level))
        });
        let group = region.map(|r| {
            *group_at_region[r as usize].get_or_insert_with(|| {
                groups.region.push(r);
                groups.total.push(0.0);
                (groups.region.len() - 1) as u32
            })
        });
        if let Some(g) = group {
            groups.total[g as usize] += d.weight;
        }
        groups.group_of.push(group);
    }
    let past = |r: u32| match f.cumulative {
        true => f.past.get(r as usize).copied().unwrap_or_default(),
        false => [0.0; 2],
    };
    groups.target = groups
        .total
        .iter()
        .zip(&groups.region)
        .map(|(w, &r)| {
            let [offered, met] = past(r);
            // Met weight is never negative, so a target below 0 penalises exactly as 0 does;
            // solvers may then read every target as a weight still owed.
            (f.min_coverage * (offered + w) - met).max(0.0)
        })
        .collect();
    groups
}

impl FairnessGroups {
    /// The penalty for met weights `met` (one per group).
    pub fn penalty_of(&self, met: &[f64]) -> f64 {
        self.penalty * self.target.iter().zip(met).map(|(t, m)| (t - m).max(0.0)).sum::<f64>()
    }

    /// How much the penalty falls when demand `d` of weight `weight` is met, given `met`.
    pub fn gain(&self, d: usize, weight: f64, met: &[f64]) -> f64 {
        match self.group_of[d] {
            Some(g) => {
                let short = (self.target[g as usize] - met[g as usize]).max(0.0);
                self.penalty * short.min(weight)
            }
            None => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fairness_policy;
    use crate::format::{compile, InstanceSpec};

    /// Two communities with one demand of weight 2 each; c1 was met beyond its share over the
    /// window (offered 10, met 9), c2 below it (offered 10, met 1).
    fn targets(cumulative: bool) -> Vec<f64> {
        let spec: InstanceSpec = serde_json::from_value(serde_json::json!({
            "format": "civic-match/1",
            "regions": [{"id": "c1", "parent": null, "level": "community"},
                        {"id": "c2", "parent": null, "level": "community"}],
            "volunteers": [{"id": "v1"}],
            "demands": [{"id": "d1", "region": "c1", "weight": 2.0}, {"id": "d2", "region": "c2", "weight": 2.0}],
            "arcs": [{"demand": "d1", "volunteer": "v1"}],
            "policy": {"fairness": {"level": "community", "min_coverage": 0.5, "penalty": 1.0,
                                    "cumulative": cumulative}},
            "history": {"regions": [{"region": "c1", "offered": 10.0, "met": 9.0},
                                    {"region": "c2", "offered": 10.0, "met": 1.0}]}
        }))
        .unwrap();
        let (instance, _) = compile(&spec, "t");
        fairness_policy(&instance).target
    }

    #[test]
    fn cumulative_targets_count_the_past_and_never_fall_below_zero() {
        // c1: 0.5 × 12 − 9 < 0, so 0; c2: 0.5 × 12 − 1 = 5.
        assert_eq!(targets(true), [0.0, 5.0]);
        assert_eq!(targets(false), [1.0, 1.0]);
    }
}
