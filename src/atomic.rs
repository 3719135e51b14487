//! Writing files so that a crash, a full disk or a cancel never leaves a half-written file behind:
//! write a temporary file beside the target, fsync it, rename it over the target, fsync the folder.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

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
        fs::rename(&self.temp, &self.target).map_err(|e| Error::io("cannot move into place", &self.target, e))?;
        sync_dir(&parent_of(&self.target));
        Ok(())
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
