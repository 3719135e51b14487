//! After a crash: an import whose rows were committed gets its staged files moved in; one whose rows
//! were not is discarded. Run when the store is opened.

use std::fs;

use super::import::move_staged_blobs;
use super::IMPORT_STAGING_DIR;
use crate::error::Result;
use crate::store::Store;

/// Finishes imports whose rows were committed before a crash and discards those whose were not.
pub(crate) fn recover_imports(store: &Store) -> Result<()> {
    let dir = store.root().join(IMPORT_STAGING_DIR);
    let Ok(read) = fs::read_dir(&dir) else { return Ok(()) };
    for e in read.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        if !e.path().is_dir() {
            continue;
        }
        let lock_path = dir.join(format!("{id}.lock"));
        // An import still running (here or in another process) holds its lock: leave it alone.
        let _lock = match crate::bundle::lock::OpLock::try_take(&lock_path)? {
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
                if let Ok(Some(lock)) = crate::bundle::lock::OpLock::try_take(&e.path()) {
                    drop(lock);
                }
            }
        }
    }
    let _ = fs::remove_dir(&dir);
    Ok(())
}
