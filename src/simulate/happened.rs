//! What happened to a simulated month's plan: most members come and the work is done as
//! planned, a few do not come, and a few assignments are not finished.

use crate::format::SolutionSpec;
use crate::ledger::outcomes::{Outcome, OutcomeRow};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Chance that an assignment is not finished (its team came and gave its planned hours, the
/// demand stays open): its members are recorded `not_done`.
pub const NOT_DONE_CHANCE: f64 = 0.03;

/// Chance that a member of a finished assignment does not come (`no_show`, no hours); the
/// assignment is done when one of its team came.
pub const NO_SHOW_CHANCE: f64 = 0.04;

/// One outcome per assignment and team member of `plan`, in the plan's order, drawn from
/// `rng`, with the hours given: `planned(demand, volunteer)` for `done` and `not_done`, none
/// for `no_show`.
pub fn draw_outcomes(
    plan: &SolutionSpec,
    month: &str,
    planned: impl Fn(&str, &str) -> f64,
    rng: &mut ChaCha8Rng,
) -> Vec<OutcomeRow> {
    let mut rows = Vec::new();
    for (k, a) in plan.assignments.iter().enumerate() {
        let not_done = rng.random::<f64>() < NOT_DONE_CHANCE;
        for v in &a.volunteers {
            let outcome = match rng.random::<f64>() < NO_SHOW_CHANCE {
                true => Outcome::NoShow,
                false if not_done => Outcome::NotDone,
                false => Outcome::Done,
            };
            let hours = (outcome != Outcome::NoShow).then(|| planned(&a.demand, v));
            rows.push(OutcomeRow {
                place: format!("simulated outcomes of {month}: assignments[{k}]"),
                demand: a.demand.clone(),
                volunteer: v.clone(),
                outcome,
                hours,
            });
        }
    }
    rows
}
