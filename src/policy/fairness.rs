//! The fairness term: each region of `fairness.level` should see at least `min_coverage` of its
//! demands' weight met; every unit short costs `penalty`.

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
    /// Target min_coverage × W(g) of each group.
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
    groups.target = groups.total.iter().map(|w| f.min_coverage * w).collect();
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
