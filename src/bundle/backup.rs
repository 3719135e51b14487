//! One-file backups (`.sanctuary`): a consistent copy of the database taken with SQLite's online backup
//! (safe while the app is running) plus every evidence original, checksummed in the manifest.
//!
//! Renditions (thumbnails, print sizes) are left out on purpose: they are made again from the originals.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::archive::BundleWriter;
use super::manifest::{blob_entry, Kind, Manifest};
use super::protection::Seal;
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::{Store, DB_FILE};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    pub path: PathBuf,
    pub school_name: String,
    /// Evidence originals in the file.
    pub files: usize,
    /// Size of the backup file.
    pub bytes: u64,
    /// Problems found in the data folder (e.g. a missing evidence file); the backup still holds the rest.
    pub warnings: Vec<String>,
}

/// Where an evidence original lives in a data folder: the evidence store's own layout.
pub use crate::evidence::blobs::path as blob_path;

/// A file removed when dropped: the database snapshot must not outlive the backup that needed it.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
        let _ = fs::remove_file(self.0.with_extension("part-journal"));
    }
}

/// Copies the open database into `dest` with SQLite's online backup API: a consistent snapshot even
/// while other connections keep writing.
pub(crate) fn snapshot_db(store: &Store, dest: &Path) -> Result<()> {
    copy_db(store, dest).map_err(|e| match e {
        // SQLite reports a full disk (or a file-size limit) as "disk full" or a plain I/O error.
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure
            ) =>
        {
            Error::io(
                "not enough disk space (or the disk failed); free some space and try again. Could not write",
                dest,
                std::io::Error::other(e.to_string()),
            )
        }
        other => Error::Sql(other),
    })
}

fn copy_db(store: &Store, dest: &Path) -> rusqlite::Result<()> {
    let mut dst = Connection::open(dest)?;
    {
        let backup = rusqlite::backup::Backup::new(store.conn(), &mut dst)?;
        // All pages in one step: one read transaction, so the copy is one moment in time.
        backup.step(-1)?;
    }
    // The copy carries the live database's WAL flag; a plain rollback journal keeps the snapshot one
    // self-contained file (no -wal/-shm beside it). The store switches back to WAL when it opens it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| e)
}

/// Removes what a killed earlier write of the same file left beside it (`.NAME.<id>.part`, the database
/// snapshot `.NAME.<id>.db.part` and its journal). Only names derived from this very file are touched.
pub(crate) fn sweep_leftovers(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    if let Ok(read) = fs::read_dir(dir) {
        for e in read.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && (n.ends_with(".part") || n.ends_with(".part-journal")) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Writes an unencrypted backup of `store` to `out` (replacing any file there only once the new one is
/// complete). For automatic backups inside the data folder; a file that leaves the laptop is made by
/// [`backup_sealed`].
pub fn backup(store: &Store, out: &Path, now: DateTime<Utc>, job: &Job) -> Result<BackupReport> {
    write(store, out, None, now, job)
}

/// A backup that leaves the laptop: with a passphrase the file is encrypted as it is written (age
/// format), so nothing readable reaches the disk; unprotected only when `seal` carries the explicit
/// choice (see [`super::protection::seal`]).
pub fn backup_sealed(store: &Store, out: &Path, seal: &Seal, now: DateTime<Utc>, job: &Job) -> Result<BackupReport> {
    write(store, out, seal.passphrase(), now, job)
}

/// Writes the backup, encrypted when there is a passphrase.
fn write(
    store: &Store,
    out: &Path,
    passphrase: Option<&super::sealed::Passphrase>,
    now: DateTime<Utc>,
    job: &Job,
) -> Result<BackupReport> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::rule(
            "backup_folder_missing",
            [("folder", dir.display().to_string().into())],
            format!("the folder {} does not exist; choose another place for the backup", dir.display()),
        ));
    }
    if out.is_dir() {
        return Err(Error::rule(
            "backup_target_folder",
            [("file", out.display().to_string().into())],
            format!("{} is a folder; give a file name such as school.sanctuary", out.display()),
        ));
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sweep_leftovers(&dir, &name);
    let snapshot = TempFile(dir.join(format!(".{name}.{}.db.part", uuid::Uuid::new_v4().simple())));
    job.report("Copying the database", 0, 1);
    snapshot_db(store, &snapshot.0)?;
    let snap = Connection::open_with_flags(&snapshot.0, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let school_name: String = snap
        .query_row("SELECT name FROM school LIMIT 1", [], |r| r.get(0))
        .unwrap_or_default();
    let schema: i64 = snap.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let shas: Vec<String> = {
        let mut stmt = snap.prepare("SELECT sha256 FROM blob ORDER BY sha256")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    drop(snap);

    let manifest = Manifest::new(
        Kind::Backup,
        &school_name,
        schema,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let mut writer = BundleWriter::create_sealed(out, manifest, now, passphrase)?;
    writer.add_file(DB_FILE, &snapshot.0, true, job)?;
    let mut warnings = Vec::new();
    let mut files = 0;
    for (i, sha) in shas.iter().enumerate() {
        job.report("Backing up evidence", i as u64, shas.len() as u64);
        if !super::manifest::is_sha256(sha) {
            warnings.push(format!("a file record has a malformed name ({sha}); it was skipped"));
            continue;
        }
        let path = blob_path(store.root(), sha);
        if !path.is_file() {
            warnings.push(format!(
                "evidence file {sha} is missing from the data folder; it is not in the backup"
            ));
            continue;
        }
        // Photos and documents are already compressed; storing them as they are is faster and no bigger.
        let got = writer.add_file(&blob_entry(sha), &path, false, job)?;
        if &got != sha {
            warnings.push(format!(
                "evidence file {sha} was already damaged in the data folder; it was backed up as it is"
            ));
        }
        files += 1;
        if files == 1 {
            crate::pause::at("backup-writing");
        }
    }
    writer.finish()?;
    job.report("Backed up", shas.len() as u64, shas.len() as u64);
    let bytes = fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport {
        path: out.to_path_buf(),
        school_name,
        files,
        bytes,
        warnings,
    })
}
