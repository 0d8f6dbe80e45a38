//! The history policies that live in a pair's cost (MODEL.md, "Objective"): members' balance
//! and continuity of recurring services. Both reward a pair (d, v), so every solver, the
//! greedy plan and every bound see them through the candidate lists' costs alone:
//! c'(d, v) = c(d, v) − [`pair_reward`].

use crate::model::Instance;

/// The reward of volunteer `v` serving demand `d` for `hours` hours:
/// `balance.per_hour × hours × max(0, 1 − past_hours(v) / balance.target)` plus
/// `continuity.bonus` when v served d's series last time; 0 without the policies.
pub fn pair_reward(instance: &Instance, d: usize, v: usize, hours: f64) -> f64 {
    let policy = &instance.policy;
    let balance = policy
        .balance
        .map_or(0.0, |b| b.per_hour * hours * (1.0 - instance.volunteers[v].past_hours / b.target).max(0.0));
    let continuity = policy
        .continuity
        .filter(|_| instance.demands[d].kept.binary_search(&(v as u32)).is_ok())
        .map_or(0.0, |c| c.bonus);
    balance + continuity
}

/// Whether any pair can carry a reward, so that building candidates can skip the lookups.
pub fn rewards_pairs(instance: &Instance) -> bool {
    instance.policy.balance.is_some_and(|b| b.per_hour > 0.0)
        || instance.policy.continuity.is_some_and(|c| c.bonus > 0.0)
}
