//! Data folders inside a folder that a cloud service copies to other computers (OneDrive, Google Drive,
//! Dropbox, iCloud Drive). Such a service copies the database file while it is being written and
//! brings back older copies from other laptops, which can lose or damage work; the safe way is to keep
//! the data folder on the laptop and let the service copy the backups. [`warning`] says so, as a coded
//! rule the CLI prints and the window shows once when the folder opens.
//!
//! Detection is by the path alone (and, on Windows, the OneDrive environment variables), in the pure
//! function [`service`], so every spelling is tested on any system.
//!
//! Not for: network shares (`filesystem`), which are safe with the lock and journal `datadir` uses.

use std::path::Path;

use crate::error::Error;

/// Environment variables Windows sets to the OneDrive folders.
pub const ONEDRIVE_ENV: &[&str] = &["OneDrive", "OneDriveCommercial", "OneDriveConsumer"];

/// The cloud service whose synced folder holds `path`, if any. `env` looks up an environment variable.
pub fn service(path: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<&'static str> {
    let norm = path.replace('\\', "/");
    let lower = norm.to_ascii_lowercase();
    for var in ONEDRIVE_ENV {
        if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
            let v = v.replace('\\', "/").trim_end_matches('/').to_ascii_lowercase();
            if lower == v || lower.starts_with(&format!("{v}/")) {
                return Some("OneDrive");
            }
        }
    }
    // iCloud Drive on a Mac keeps its files under ~/Library/Mobile Documents.
    if lower.contains("/library/mobile documents/") || lower.ends_with("/library/mobile documents") {
        return Some("iCloud Drive");
    }
    for part in lower.split('/') {
        let found = if part == "onedrive" || part.starts_with("onedrive - ") || part.starts_with("onedrive-") {
            Some("OneDrive")
        } else if part == "google drive" || part == "my drive" || part == "googledrive" || part.starts_with("googledrive-") {
            Some("Google Drive")
        } else if part == "dropbox" || part.starts_with("dropbox (") || part.starts_with("dropbox-") {
            Some("Dropbox")
        } else if part == "icloud drive" || part == "iclouddrive" {
            Some("iCloud Drive")
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The warning for a data folder at `root` inside a synced folder, or None.
pub fn warning(root: &Path) -> Option<Error> {
    let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let spelled = abs.to_string_lossy().into_owned();
    let name = service(&spelled, &|k| std::env::var(k).ok())?;
    Some(Error::rule(
        "data_folder_synced",
        [("service", name.into()), ("folder", spelled.as_str().into())],
        format!(
            "warning: the data folder {spelled} is inside a folder {name} copies to other computers; {name} can copy the database while it is being saved and bring back older copies, which loses work. Keep the data folder on this laptop (the default, or --data-dir a folder outside {name}) and put the backups in the {name} folder instead"
        ),
    ))
}
