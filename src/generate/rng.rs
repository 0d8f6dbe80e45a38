//! Small sampling helpers over the seeded ChaCha generator, so that every draw goes through one
//! deterministic stream.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Uniform in `[lo, hi)`; `lo` when the range is empty.
pub(super) fn uniform(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * rng.random::<f64>()
}

/// Standard normal by Box–Muller (one draw of the pair; simplicity beats speed here).
pub(super) fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // 1 - u is in (0, 1], so the logarithm is finite.
    let u = 1.0 - rng.random::<f64>();
    let v = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Index drawn with probability proportional to `weights` (all ≥ 0, not all 0).
pub(super) fn weighted(rng: &mut ChaCha8Rng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    let mut target = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if w > 0.0 {
            last = i;
            if target < w {
                return i;
            }
            target -= w;
        }
    }
    // Rounding can leave a sliver of `target`; it belongs to the last positive weight.
    last
}

/// Uniform among the values `lo, lo + step, ..., hi`.
pub(super) fn stepped(rng: &mut ChaCha8Rng, (lo, hi): (f64, f64), step: f64) -> f64 {
    let steps = ((hi - lo) / step).round() as u64;
    lo + step * rng.random_range(0..=steps) as f64
}

/// Fisher–Yates shuffle.
pub(super) fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// Integer counts proportional to `weights` that sum to exactly `total` (largest remainder).
pub(super) fn apportion(total: usize, weights: &[f64]) -> Vec<usize> {
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest fractional part first; the index breaks ties so the result is deterministic.
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let short = total - counts.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        counts[i] += 1;
    }
    counts
}
