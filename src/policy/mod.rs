//! The rules and objective terms of MODEL.md as solver-side building blocks: one file per
//! aspect. Each offers what solvers need of it (a capacity test, a supply allocation, an
//! objective delta); the independent checker in [`crate::check`] re-derives every rule.

mod capacity;
mod fairness;
mod objective;
mod supplies;

pub use capacity::{capacity_policy, keep_lowest, Capacity, Shortage, Team};
pub use fairness::{fairness_policy, FairnessGroups};
pub use objective::plan_objective;
pub use supplies::{supply_policy, SupplyIndex};

/// Relative slack a solver allows itself on a cap, far inside the checker's 1e-6, so that
/// sums such as 3 × 1.1 fit a cap of 3.3 despite rounding.
pub const SLACK: f64 = 1e-9;

/// Whether `used + add` stays within `cap` (with [`SLACK`]).
pub fn fits(used: f64, add: f64, cap: f64) -> bool {
    used + add <= cap + SLACK * cap.abs().max(1.0)
}
