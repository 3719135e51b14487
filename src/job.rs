//! Long jobs (import, export, backup): how they report progress and notice a cancel.
//!
//! The core knows nothing of windows or terminals: the shell passes a closure that forwards progress to
//! a Tauri channel, the CLI one that prints, tests one that records.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};

/// How far a job has got.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
