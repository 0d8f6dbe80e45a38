//! The history policies a simulated month is planned with, and their default values.

use crate::format::{AgingSpec, InstanceSpec};

/// Weight a carried demand gains per month it waited, as a share of its weight.
pub const AGING_PER_MONTH: f64 = 0.25;

/// The largest multiple of its weight a carried demand reaches.
pub const AGING_CAP: f64 = 2.0;

/// Switches the history policies on in `spec` (an effective instance, whose `history` section
/// the ledger wrote): ageing of carried demands and cumulative fairness over the generator's
/// fairness term.
pub fn with_history(spec: &mut InstanceSpec) {
    spec.policy.aging = Some(AgingSpec { per_month: AGING_PER_MONTH, cap: AGING_CAP });
    if let Some(fairness) = spec.policy.fairness.as_mut() {
        fairness.cumulative = Some(true);
    }
}

/// Plans `spec` with none of the history policies: carried demands are still listed (they
/// are still there), but their age gives them no weight and the past no fairness target.
pub fn without_history(spec: &mut InstanceSpec) {
    spec.policy.aging = None;
    if let Some(fairness) = spec.policy.fairness.as_mut() {
        fairness.cumulative = None;
    }
}
