//! Integration tests of the core and the CLI on real SQLite files in temporary folders.
//! The files are grouped by behaviour a coordinator meets (backups and restores, what reaches the
//! panel, hostile files, the Welsh window's words…), not one per `src/` module: a behaviour often
//! crosses several modules, and its test reads best in one place.

mod alttext;
mod archival;
mod audit;
mod awards;
mod blobs;
mod bundle;
mod charts;
mod cli;
mod coded_errors;
mod commitments;
mod corrections;
mod corpus;
mod crossplatform;
mod drafts;
mod evidence;
mod feedback;
mod framework;
mod frontdoor;
mod fuzz;
mod golden;
mod hostile;
mod i18n;
mod journey;
mod kinds;
mod jpeg;
mod library;
mod nation;
mod location;
mod office;
mod pdf;
mod plan;
mod portfolio;
mod readiness;
mod redact;
mod references;
mod review;
mod richtext;
mod rendition;
mod secure;
mod shared_drive;
mod scripts;
mod share;
mod store;
mod structure;
mod tagging;
mod structure_files;
mod support;
