//! A lock file held (with an OS file lock) for the length of a restore or an import, so that a
//! `datadir::open` meanwhile, in this process or another, never mistakes the operation's live staging
//! folder for the leftovers of a crash. A killed process leaves the file but not the lock: that is how
//! recovery tells a crash from an operation still running.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{write_error, Result};

/// A held lock; released, and its file removed, when dropped.
pub(crate) struct OpLock {
    file: Option<fs::File>,
    path: PathBuf,
}

impl OpLock {
    /// Takes the lock at `path`, or returns None when another holder has it.
    pub(crate) fn try_take(path: &Path) -> Result<Option<OpLock>> {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| write_error(path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(OpLock {
                file: Some(file),
                path: path.to_path_buf(),
            })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(write_error(path, e)),
        }
    }
}

impl Drop for OpLock {
    fn drop(&mut self) {
        // Closed first: Windows keeps an open file's name in place ("delete pending") until the last
        // handle closes, and then refuses to create a file of that name, so the next restore or
        // import could not take the lock for a moment.
        drop(self.file.take());
        let _ = fs::remove_file(&self.path);
    }
}
