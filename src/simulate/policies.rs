//! The history policies a simulated month is planned with, and their default values.

use crate::format::{AgingSpec, BalanceSpec, ContinuitySpec, InstanceSpec};
use crate::ledger::Month;

/// Weight a carried demand gains per month it waited, as a share of its weight.
pub const AGING_PER_MONTH: f64 = 0.25;

/// The largest multiple of its weight a carried demand reaches.
pub const AGING_CAP: f64 = 2.0;

/// Hours a member is expected to give per month: the balance target of `month` is this times
/// the months of the year up to and including it.
pub const BALANCE_HOURS_PER_MONTH: f64 = 3.0;

/// Reward per hour given by a member who has given nothing yet this year.
pub const BALANCE_PER_HOUR: f64 = 0.3;

/// Bonus per volunteer of a series demand's team who served the series last time.
pub const CONTINUITY_BONUS: f64 = 1.5;

/// Switches the history policies on in `spec`, the effective instance of `month` (whose
/// `history` section the ledger wrote): ageing of carried demands, cumulative fairness over the
/// generator's fairness term, members' balance and the continuity of series.
pub fn with_history(spec: &mut InstanceSpec, month: Month) {
    spec.policy.aging = Some(AgingSpec { per_month: AGING_PER_MONTH, cap: AGING_CAP });
    let months = f64::from(month.since(month.january()) + 1);
    spec.policy.balance = Some(BalanceSpec { target: BALANCE_HOURS_PER_MONTH * months, per_hour: BALANCE_PER_HOUR });
    spec.policy.continuity = Some(ContinuitySpec { bonus: CONTINUITY_BONUS });
    if let Some(fairness) = spec.policy.fairness.as_mut() {
        fairness.cumulative = Some(true);
    }
}

/// Plans `spec` with none of the history policies: carried demands are still listed (they
/// are still there), but their age gives them no weight, the past no fairness target, members' hours no
/// reward and series no bonus.
pub fn without_history(spec: &mut InstanceSpec) {
    spec.policy.aging = None;
    spec.policy.balance = None;
    spec.policy.continuity = None;
    if let Some(fairness) = spec.policy.fairness.as_mut() {
        fairness.cumulative = None;
    }
}
