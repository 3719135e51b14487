//! Writing files so that a crash, a full disk or a cancel never leaves a half-written file behind:
//! write a temporary file beside the target, fsync it, rename it over the target, fsync the folder.
//!
//! Also the one place that knows how Windows renames differ: replacing a file fails with "Access is
//! denied" (os error 5) for as long as another program or thread has the target open or is itself
//! renaming onto it (an antivirus scan, the search indexer, a second import worker). [`rename`]
//! waits that out briefly, and content-addressed files ([`AtomicFile::commit_unless_present`]) never
//! need to replace anything at all.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// A file being written; it appears at `target` only when [`AtomicFile::commit`] succeeds.
/// Dropping it without committing removes the temporary file.
pub struct AtomicFile {
    file: Option<File>,
    temp: PathBuf,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts writing `target`; its folder must exist.
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let dir = parent_of(target);
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.part", uuid::Uuid::new_v4().simple()));
        let file = File::create(&temp).map_err(|e| Error::io("cannot write", &temp, e))?;
        Ok(AtomicFile { file: Some(file), temp, target: target.to_path_buf() })
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("file is present until commit")
    }

    /// Flushes to disk and moves the file into place.
    pub fn commit(mut self) -> Result<()> {
        let mut file = self.file.take().expect("commit runs once");
        file.flush().map_err(|e| Error::io("cannot write", &self.temp, e))?;
        file.sync_all().map_err(|e| Error::io("cannot write", &self.temp, e))?;
        drop(file);
        rename(&self.temp, &self.target).map_err(|e| Error::io("cannot move into place", &self.target, e))?;
        sync_dir(&parent_of(&self.target));
        Ok(())
    }

    /// Changes where [`commit`](Self::commit) puts the file, for files whose name is only known once
    /// their content has been read (a hash). `target` must be on the same disk as the first one.
    pub fn set_target(&mut self, target: &Path) {
        self.target = target.to_path_buf();
    }

    /// Commits a content-addressed file: one whose name is a hash of its bytes, so that any file
    /// already at the target holds the same bytes. That file is kept and ours discarded. Returns true
    /// when ours was moved into place.
    ///
    /// Two import workers adding the same photo at once both get here; on Windows the second rename
    /// onto the name the first one just took is refused, so a refusal while the target exists is
    /// success, not an error.
    pub fn commit_unless_present(mut self) -> Result<bool> {
        if self.target.is_file() {
            return Ok(false); // dropping `self` removes the temporary file
        }
        let mut file = self.file.take().expect("commit runs once");
        let done = file.flush().and_then(|_| file.sync_all());
        drop(file);
        let outcome = done.and_then(|_| rename(&self.temp, &self.target));
        match outcome {
            Ok(()) => {
                sync_dir(&parent_of(&self.target));
                Ok(true)
            }
            Err(_) if self.target.is_file() => {
                let _ = fs::remove_file(&self.temp);
                Ok(false)
            }
            Err(e) => {
                let _ = fs::remove_file(&self.temp);
                Err(Error::io("cannot move into place", &self.target, e))
            }
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = AtomicFile::create(target)?;
    let temp = out.temp.clone();
    out.file().write_all(bytes).map_err(|e| Error::io("cannot write", temp, e))?;
    out.commit()
}

/// How long [`rename`] keeps trying while Windows refuses: long enough for a virus scanner or a
/// reader to let go of the file, short enough that a real refusal is reported promptly.
const RENAME_PATIENCE: Duration = Duration::from_secs(2);

/// `std::fs::rename`, which replaces `to` when it exists, retried for a moment when Windows refuses
/// because the target (or the source) is open elsewhere or being replaced at that instant. On other
/// systems a refusal is final and is returned at once.
pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut waited = Duration::ZERO;
    let mut pause = Duration::from_millis(2);
    loop {
        match fs::rename(from, to) {
            Err(e) if held_elsewhere(&e) && waited < RENAME_PATIENCE => {
                std::thread::sleep(pause);
                waited += pause;
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// True for the errors Windows gives while another handle is in the way: access denied (5, also a
/// delete or replace still pending), sharing violation (32) and lock violation (33).
fn held_elsewhere(e: &std::io::Error) -> bool {
    cfg!(windows) && (e.kind() == std::io::ErrorKind::PermissionDenied || matches!(e.raw_os_error(), Some(5 | 32 | 33)))
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a rename durable; folders cannot be opened for syncing on Windows, where rename is enough.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
