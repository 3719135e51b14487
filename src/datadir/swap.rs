//! The journal that lets a restore replace a data folder's contents all at once: the staged files,
//! the marker listing them, and the folder the replaced files wait in. A crash at any moment leaves the
//! old data or the new, never a mix, because [`recover`] (run by `datadir::open` before the database
//! opens) finishes a swap whose marker is on disk and discards a staging folder whose marker is not.
//!
//! Not for: checking or unpacking a backup (`bundle::restore` does that, then calls [`swap_in`]).

use std::fs;
use std::path::Path;

use super::lock::OpLock;
use crate::error::{write_error, Error, Result};

/// Folder (inside the data folder) where a backup is unpacked and checked before it replaces anything.
pub const STAGING_DIR: &str = ".restore-staging";
/// Folder where the replaced files wait until the swap is complete.
const OLD_DIR: &str = ".restore-old";
/// Present only while staged files are being swapped in; lists what the staging folder holds.
const MARKER: &str = ".restore-commit";

/// Held (OS file lock) for the whole of a restore, so that a `datadir::open` meanwhile (ours, or the
/// app's) never mistakes the live staging folder for the leftovers of a crash.
pub(crate) const LOCK: &str = ".restore-lock";

/// Everything in a data folder that a restore replaces. `backups/` and `renditions/` stay: the first
/// holds the safety copies, the second is regenerated from the originals by content hash.
const ITEMS: &[&str] = &[
    "sanctuary.db",
    "sanctuary.db-wal",
    "sanctuary.db-shm",
    "sanctuary.db-journal",
    "blobs",
];

/// Swaps the staged files in: marker first, then the journaled moves.
pub(crate) fn swap_in(root: &Path) -> Result<()> {
    let staging = root.join(STAGING_DIR);
    let staged: Vec<&str> = ITEMS.iter().copied().filter(|i| staging.join(i).exists()).collect();
    crate::atomic::write(&root.join(MARKER), staged.join("\n").as_bytes())?;
    finish_swap(root)
}

/// Completes a swap whose marker is on disk. Safe to run again after a crash at any point inside it.
fn finish_swap(root: &Path) -> Result<()> {
    let marker = root.join(MARKER);
    let listed = fs::read_to_string(&marker).map_err(|e| Error::io("cannot read", &marker, e))?;
    let staged: Vec<&str> = listed.lines().collect();
    let staging = root.join(STAGING_DIR);
    let old = root.join(OLD_DIR);
    fs::create_dir_all(&old).map_err(|e| write_error(&old, e))?;
    let mv = |from: &Path, to: &Path| crate::atomic::rename(from, to).map_err(|e| Error::io("cannot move", from, e));
    // First every current item that is about to be replaced (or must not survive beside the new
    // database, such as an old -wal) moves aside...
    for item in ITEMS {
        let current = root.join(item);
        let pending = staged.contains(item) && staging.join(item).exists();
        if current.exists() && (pending || !staged.contains(item)) {
            remove_all(&old.join(item));
            mv(&current, &old.join(item))?;
        }
    }
    sync_dir(root);
    crate::pause::at("restore-swapping");
    // ...then every staged item moves in.
    for item in &staged {
        let from = staging.join(item);
        if from.exists() {
            mv(&from, &root.join(item))?;
        }
    }
    sync_dir(root);
    fs::remove_file(&marker).map_err(|e| Error::io("cannot remove", &marker, e))?;
    sync_dir(root);
    remove_all(&staging);
    remove_all(&old);
    Ok(())
}

/// Run before the database is opened: finishes an interrupted swap, or discards an unfinished staging.
/// Does nothing while a restore is running (its lock is held), including inside that restore.
pub(crate) fn recover(root: &Path) -> Result<()> {
    let lock_path = root.join(LOCK);
    let _lock = if lock_path.exists() {
        match OpLock::try_take(&lock_path)? {
            Some(lock) => Some(lock),
            None => return Ok(()),
        }
    } else {
        None
    };
    if root.join(MARKER).is_file() {
        return finish_swap(root);
    }
    remove_all(&root.join(STAGING_DIR));
    remove_all(&root.join(OLD_DIR));
    Ok(())
}

pub(crate) fn remove_all(path: &Path) {
    if path.is_dir() {
        let _ = fs::remove_dir_all(path);
    } else if path.exists() {
        let _ = fs::remove_file(path);
    }
}

/// Makes renames in `dir` durable (no-op where folders cannot be synced).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
