//! The rules and objective terms of MODEL.md as solver-side building blocks: one file per
//! aspect. Each offers what solvers need of it (a capacity test, a supply allocation, an
//! objective delta); the independent checker in [`crate::check`] re-derives every rule.
//!
//! Each volunteer-capacity rule is one module that compiles the rule to a [`Family`] of rows
//! (`slot_hours` rule 4, `slot_tasks` rule 4b, `volunteer_hours` and `task_count` rule 5);
//! [`Capacity`] books all of them at once (docs/EXTENDING.md: adding one).

mod capacity;
mod fairness;
mod family;
mod history;
mod implied;
mod objective;
mod pins;
mod slot_hours;
mod slot_tasks;
mod standby;
mod supplies;
mod task_count;
mod volunteer_hours;

pub use capacity::{capacity_families, capacity_policy, keep_lowest, Capacity, Shortage, Team};
pub use fairness::{fairness_policy, FairnessGroups};
pub use family::{Amount, Family, FamilyRow, RuleName};
pub use history::{pair_reward, rewards_pairs};
pub use implied::implied_count_families;
pub use objective::plan_objective;
pub use pins::{is_whole, pin_issues, Completion, PinnedMonth};
pub use slot_hours::{slot_hours_family, SLOT_HOURS};
pub use slot_tasks::{slot_tasks_family, SLOT_TASKS};
pub use standby::{asks_standby, callable_backups, Standby};
pub use supplies::{supply_policy, SupplyIndex};
pub use task_count::{task_count_family, TASK_COUNT};
pub use volunteer_hours::{volunteer_hours_family, VOLUNTEER_HOURS};

/// Relative slack a solver allows itself on a cap, far inside the checker's 1e-6, so that
/// sums such as 3 × 1.1 fit a cap of 3.3 despite rounding.
pub const SLACK: f64 = 1e-9;

/// Whether `used + add` stays within `cap` (with [`SLACK`]).
pub fn fits(used: f64, add: f64, cap: f64) -> bool {
    used + add <= cap + SLACK * cap.abs().max(1.0)
}
