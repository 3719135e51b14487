//! Backups, restores, automatic backups, contributions, renewal and crash safety, on real files.
//! The crash tests run the real binary, stop it at a named point (SANCTUARY_TEST_PAUSE) and kill -9 it.
//!
//! One module a concern, as in `src/bundle/`; the schools, files and checks they share are in `support`.

mod backup;
mod cli;
mod contribution;
mod migrations;
mod recovery;
mod refusals;
mod renewal;
mod restore;
mod support;
