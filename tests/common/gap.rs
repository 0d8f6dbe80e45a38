//! Tiny generalised assignment problems of Yagiura's type D, small enough for the brute force.

use civic_match::format::GapProblem;
use rand::{Rng, SeedableRng};

/// 3 agents and 8 jobs of type D (the cheaper a job on an agent, the more of its capacity it
/// uses); each agent's capacity is `numerator / denominator` of its row's total over the agents.
pub fn tiny_type_d(seed: u64, numerator: i64, denominator: i64) -> GapProblem {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let (agents, jobs) = (3, 8);
    let resource: Vec<Vec<i64>> = (0..agents).map(|_| (0..jobs).map(|_| rng.random_range(5..25)).collect()).collect();
    let cost = resource.iter().map(|row| row.iter().map(|r| 111 - r * 4 + rng.random_range(-5..5)).collect()).collect();
    let capacity =
        resource.iter().map(|row| row.iter().sum::<i64>() * numerator / (agents as i64 * denominator)).collect();
    GapProblem { agents, jobs, cost, resource, capacity }
}
