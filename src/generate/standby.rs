//! Standby posts (rule 9) in a generated month: a share of its critical demands ask one backup.

use crate::format::InstanceSpec;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Share of the month's demands, by weight, counted as critical besides the `must` ones: the
/// heaviest tenth (the visits and repairs a community cannot let fall through).
const HEAVIEST_SHARE: f64 = 0.1;

/// The stream of the draw of which critical demands ask a backup, apart from every stream the
/// month itself uses, so that asking standby changes nothing else.
const STREAM: u64 = 0x7374_616e_6462_7900;

/// Whether demand `d` of `spec` is critical: `must`, or among the heaviest tenth of the
/// month's demands by weight.
pub fn critical(spec: &InstanceSpec) -> Vec<bool> {
    let mut weights: Vec<f64> = spec.demands.iter().map(|d| d.weight.unwrap_or(1.0)).collect();
    weights.sort_by(|a, b| b.total_cmp(a));
    let heaviest = (spec.demands.len() as f64 * HEAVIEST_SHARE).ceil() as usize;
    let threshold = weights.get(heaviest.saturating_sub(1)).copied().unwrap_or(f64::INFINITY);
    spec.demands.iter().map(|d| d.must == Some(true) || d.weight.unwrap_or(1.0) >= threshold).collect()
}

/// Makes `share` of the critical demands of `spec` (drawn from `seed`) ask one backup; a share
/// of 0 leaves the month as it is.
pub fn ask_standby(spec: &mut InstanceSpec, share: f64, seed: u64) {
    if share <= 0.0 {
        return;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let critical = critical(spec);
    for (d, _) in spec.demands.iter_mut().zip(&critical).filter(|(_, &c)| c) {
        if share >= 1.0 || rng.random_bool(share) {
            d.standby = Some(1);
        }
    }
}
