//! Sanctuary Portfolio's core: a school's Schools of Sanctuary records, its evidence and its PDF
//! portfolio, with no window attached. The desktop shell (`src-tauri`) and the `sanctuary` CLI both
//! call into this crate, so they share one code path.
//!
//! Time is always passed in (`now`, `today`), never read here, so that tests and exports are
//! repeatable. The one exception is `datadir::in_use`, whose "this laptop has the folder open"
//! marker is a heartbeat about the present moment and records nothing that is exported.

pub mod application_import;
pub mod atomic;
pub mod audit;
pub mod bundle;
pub mod cli;
pub mod commitments;
pub mod datadir;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod evidence;
pub mod feedback;
pub mod framework;
pub mod i18n;
pub mod job;
pub mod jpeg;
pub mod journey;
pub mod nation;
pub mod office;
pub mod paths;
pub mod pause;
pub mod pdf;
pub mod pixels;
pub mod plan;
pub mod portfolio;
pub mod readiness;
mod reading_copy;
pub mod references;
pub mod review;
pub mod richtext;
pub mod school;
pub mod share;
pub mod status;
pub mod store;

pub use error::{Error, Result};
pub use store::Store;
