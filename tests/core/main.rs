//! Integration tests of the core and the CLI on real SQLite files in temporary folders.
//! One module per core module, mirroring `src/`.

mod audit;
mod awards;
mod blobs;
mod bundle;
mod cli;
mod commitments;
mod crossplatform;
mod evidence;
mod feedback;
mod framework;
mod frontdoor;
mod golden;
mod i18n;
mod journey;
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
mod rendition;
mod secure;
mod scripts;
mod share;
mod store;
mod structure;
mod support;
