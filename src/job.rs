//! Long jobs (import, export, backup): how they report progress and notice a cancel.
//!
//! The core knows nothing of windows or terminals: the shell passes a closure that forwards progress to
//! a Tauri channel, the CLI one that prints, tests one that records.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};

/// How far a job has got.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// What is happening now, in words for the progress bar.
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

type Sink = Box<dyn Fn(&Progress) + Send + Sync>;

/// A running job's link to whoever started it.
pub struct Job {
    cancel: Arc<AtomicBool>,
    sink: Sink,
}

impl Job {
    /// A job nobody watches and nobody cancels.
    pub fn silent() -> Job {
        Job { cancel: Arc::new(AtomicBool::new(false)), sink: Box::new(|_| {}) }
    }

    /// A job that reports to `sink` and stops when `cancel` becomes true.
    pub fn new(cancel: Arc<AtomicBool>, sink: impl Fn(&Progress) + Send + Sync + 'static) -> Job {
        Job { cancel, sink: Box::new(sink) }
    }

    /// Reports progress.
    pub fn report(&self, stage: &str, done: u64, total: u64) {
        (self.sink)(&Progress { stage: stage.to_string(), done, total });
    }

    /// Fails with [`Error::Cancelled`] once the user has asked to stop; call it between units of work.
    pub fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

impl Job {
    /// Runs `f` on every item, on every core, and returns the results in the items' order. Workers
    /// stop taking items once the job is cancelled, and the call then fails with `Cancelled`.
    /// `f` is given the item and how many items have been finished before it (for progress).
    pub fn map_on_cores<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Result<Vec<R>> {
        use std::sync::atomic::AtomicUsize;
        use std::sync::Mutex;

        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(items.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    if self.check().is_err() {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let result = f(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                });
            }
        });
        self.check()?;
        slots
            .into_iter()
            .map(|s| s.into_inner().unwrap_or_else(|e| e.into_inner()).ok_or(Error::Cancelled))
            .collect()
    }
}
