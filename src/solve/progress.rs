//! What a running search has done so far, for whoever shows it (the command line's progress
//! bar). Searches only write to it, never read it, so showing progress cannot change a plan.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Iterations run and the best objective seen, shared between searches and a display.
#[derive(Debug, Default)]
pub struct Progress {
    iterations: AtomicU64,
    best: Mutex<Option<f64>>,
}

impl Progress {
    /// Nothing done yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `n` more iterations.
    pub fn add_iterations(&self, n: u64) {
        self.iterations.fetch_add(n, Ordering::Relaxed);
    }

    /// Records a plan's objective; the best one is kept.
    pub fn offer(&self, objective: f64) {
        let mut best = self.best.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if best.is_none_or(|b| objective > b) {
            *best = Some(objective);
        }
    }

    /// Iterations run by all searches together.
    pub fn iterations(&self) -> u64 {
        self.iterations.load(Ordering::Relaxed)
    }

    /// The best objective offered so far.
    pub fn best(&self) -> Option<f64> {
        *self.best.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_objective_and_sums_iterations_across_threads() {
        let progress = Progress::new();
        assert_eq!(progress.best(), None);
        std::thread::scope(|s| {
            for t in 0..4 {
                let progress = &progress;
                s.spawn(move || {
                    for i in 0..100 {
                        progress.add_iterations(1);
                        progress.offer(-50.0 + (t * 100 + i) as f64);
                    }
                });
            }
        });
        assert_eq!(progress.iterations(), 400);
        assert_eq!(progress.best(), Some(349.0));
    }
}
