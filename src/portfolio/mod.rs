//! The portfolio: turns a school's records into the PDF the local lead and the panel read.
//!
//! This module decides *what* goes on the pages; `pdf` decides how it is drawn.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// Default size budget: what most school email systems accept.
pub const DEFAULT_MAX_MB: u64 = 15;

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub out: PathBuf,
    /// Size budget in bytes.
    pub max_bytes: u64,
    /// Include evidence whose consent is missing (off by default).
    pub include_without_consent: bool,
    /// Add a note on the cover that pupils are not named.
    pub anonymity_note: bool,
    /// Stamped into the PDF as its creation time; fixed in tests so the bytes repeat.
    pub now: DateTime<Utc>,
}

impl ExportOptions {
    /// Options with the defaults a coordinator would expect.
    pub fn new(out: PathBuf, now: DateTime<Utc>) -> ExportOptions {
        ExportOptions { out, max_bytes: DEFAULT_MAX_MB * 1024 * 1024, include_without_consent: false, anonymity_note: false, now }
    }
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub pages: usize,
    /// Titles of evidence left out because consent is not recorded.
    pub left_out: Vec<String>,
    pub warnings: Vec<String>,
}

/// Writes the portfolio PDF to `opts.out` (atomically) and says what it did.
pub fn export(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    let _ = (store, opts, job);
    Err(Error::Pdf("not built yet".into()))
}
