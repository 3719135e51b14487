//! Shared fixtures: temporary data folders, a fixed clock, and a way to run the real CLI binary.

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, TimeZone, Utc};

/// A fixed "now" so that results repeat.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Runs the built `sanctuary` binary with `args`, using `data` as its data folder.
pub fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sanctuary"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SANCTUARY_DATA_DIR")
        .env_remove("SANCTUARY_PASSPHRASE")
        .output()
        .expect("run sanctuary")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
