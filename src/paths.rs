//! Where a school's data lives when nobody says otherwise.
//!
//! The desktop app and the CLI must agree, so this mirrors the folder Tauri reports as the app-data
//! folder for our identifier: `$XDG_DATA_HOME` (or `~/.local/share`) on Linux, `~/Library/Application
//! Support` on macOS, `%APPDATA%` on Windows, each followed by the identifier.

use std::path::PathBuf;

/// The app's identifier (tauri.conf.json `identifier`); also the data folder's name.
pub const APP_IDENTIFIER: &str = "org.sanctuaryportfolio.app";

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "SANCTUARY_DATA_DIR";

/// The data folder: `explicit` (from `--data-dir`), else `SANCTUARY_DATA_DIR`, else the OS default.
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| os_data_dir().map(|d| d.join(APP_IDENTIFIER)))
}

fn os_data_dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(target_os = "windows") {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    }
}

/// Where an export asked for as `asked` is written. A bare or relative name from the window
/// ("portfolio.pdf") goes into `documents`, the person's Documents folder (the desktop shell asks the
/// system for it), so that it never lands in whatever folder the app happened to start in; without a
/// Documents folder, into `fallback`. An absolute path (from the save dialog) is kept. The CLI does
/// not call this: there a relative name is relative to the working directory, as in every other
/// command-line tool. A Documents folder that does not exist yet (a new account) is made.
pub fn export_target(asked: &std::path::Path, documents: Option<PathBuf>, fallback: &std::path::Path) -> crate::Result<PathBuf> {
    if asked.is_absolute() {
        return Ok(asked.to_path_buf());
    }
    let folder = documents.unwrap_or_else(|| fallback.to_path_buf());
    let target = folder.join(asked);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| crate::Error::io("cannot make the folder", parent, e))?;
    }
    Ok(target)
}
