//! Integration tests of the core and the CLI on real SQLite files in temporary folders.
//! One module per core module, mirroring `src/`.

mod cli;
mod framework;
mod portfolio;
mod store;
mod support;
