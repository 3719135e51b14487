//! Integration tests of the core and the CLI on real SQLite files in temporary folders.
//! One module per core module, mirroring `src/`.

mod bundle;
mod cli;
mod framework;
mod store;
mod support;
