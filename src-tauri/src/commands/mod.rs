//! Tauri commands, one file per core area. Each takes and returns plain serialisable data and forwards
//! to the core; none holds logic of its own.

pub mod audit;
pub mod backup;
pub mod commitments;
pub mod data_folder;
pub mod demo;
pub mod drafts;
pub mod evidence;
pub mod export;
pub mod framework;
pub mod journey;
pub mod plan;
pub mod readiness;
pub mod redact;
pub mod review;
pub mod school;
pub mod settings;
pub mod share;
pub mod status;
