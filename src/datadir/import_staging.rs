//! Where a colleague's contribution import keeps its files until its rows are committed, and how an
//! import cut short is finished or discarded: [`recover`] (run by `datadir::open`) moves in the files
//! of an import whose rows were committed and deletes those of one whose rows were not.
//!
//! Not for: reading or merging a pack (`bundle::contribution` does that, then calls
//! [`move_staged_blobs`]).

use std::fs;
use std::path::Path;

use crate::error::{write_error, Error, Result};
use crate::evidence::blobs::{is_sha256, path as blob_path};
use crate::store::Store;

/// Folder inside the data folder where an import's files wait until its rows are committed.
pub const IMPORT_STAGING_DIR: &str = ".import-staging";

/// Moves an import's staged files into the store, then removes its staging folder.
pub(crate) fn move_staged_blobs(root: &Path, staging: &Path) -> Result<()> {
    if let Ok(dirs) = fs::read_dir(staging.join("blobs")) {
        for d in dirs.flatten() {
            for f in fs::read_dir(d.path()).into_iter().flatten().flatten() {
                let sha = f.file_name().to_string_lossy().into_owned();
                if !is_sha256(&sha) {
                    continue;
                }
                let target = blob_path(root, &sha);
                if target.is_file() {
                    continue;
                }
                let parent = target.parent().expect("blob paths have a folder");
                fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                // Named by content: if an import of the same file got there first, theirs is ours.
                match crate::atomic::rename(&f.path(), &target) {
                    Err(_) if target.is_file() => continue,
                    moved => moved.map_err(|e| Error::io("cannot move", f.path(), e))?,
                }
                super::swap::sync_dir(parent);
            }
        }
    }
    let _ = fs::remove_dir_all(staging);
    Ok(())
}

/// Finishes imports whose rows were committed before a crash and discards those whose were not.
pub(crate) fn recover(store: &Store) -> Result<()> {
    let dir = store.root().join(IMPORT_STAGING_DIR);
    let Ok(read) = fs::read_dir(&dir) else { return Ok(()) };
    for e in read.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        if !e.path().is_dir() {
            continue;
        }
        let lock_path = dir.join(format!("{id}.lock"));
        // An import still running (here or in another process) holds its lock: leave it alone.
        let _lock = match super::lock::OpLock::try_take(&lock_path)? {
            Some(lock) => lock,
            None => continue,
        };
        let committed: bool = store
            .conn()
            .query_row("SELECT count(*) FROM contribution_import WHERE id = ?1", [&id], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n > 0)
            .unwrap_or(false);
        if committed {
            move_staged_blobs(store.root(), &e.path())?;
        } else {
            let _ = fs::remove_dir_all(e.path());
        }
    }
    // Lock files whose import has gone (killed before its folder existed).
    for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if let Some(id) = n.strip_suffix(".lock") {
            if !dir.join(id).exists() {
                if let Ok(Some(lock)) = super::lock::OpLock::try_take(&e.path()) {
                    drop(lock);
                }
            }
        }
    }
    let _ = fs::remove_dir(&dir);
    Ok(())
}
