//! The progress bar of a running search, on standard error when it is a terminal (hidden
//! otherwise, so pipes and log files get only the summary).

use civic_match::solve::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// A bar drawn by its own thread until dropped.
pub struct Bar {
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// What the bar measures the search against.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// Wall time.
    Time(Duration),
    /// Iterations of all searches together (capped by the time limit too).
    Iterations(u64),
}

impl Bar {
    /// Starts drawing `progress` against `budget`.
    pub fn start(progress: Arc<Progress>, budget: Budget) -> Bar {
        let done = Arc::new(AtomicBool::new(false));
        let bar = match budget {
            Budget::Time(limit) => ProgressBar::new(limit.as_millis().max(1) as u64),
            Budget::Iterations(n) => ProgressBar::new(n.max(1)),
        };
        bar.set_style(
            ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {percent:>3}%  {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        let flag = done.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            while !flag.load(Ordering::Relaxed) {
                let position = match budget {
                    Budget::Time(_) => started.elapsed().as_millis() as u64,
                    Budget::Iterations(_) => progress.iterations(),
                };
                bar.set_position(position.min(bar.length().unwrap_or(u64::MAX)));
                let best = progress.best().map_or("-".to_string(), |b| format!("{b:.3}"));
                bar.set_message(format!("best {best}  iterations {}", progress.iterations()));
                std::thread::sleep(TICK);
            }
            bar.finish_and_clear();
        });
        Bar { done, thread: Some(thread) }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
