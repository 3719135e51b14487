//! Automatic backups in `<data>/backups/`: made on quit and once a day when something changed, one kept
//! per day for the last [`AUTO_KEEP`] days, plus a safety copy before every restore.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::archive::BundleWriter;
use super::archive::{sha256_file, BundleReader, Limits};
use super::backup::{backup, snapshot_db, BackupReport};
use super::manifest::{Kind, Manifest};
use crate::error::{write_error, Result};
use crate::job::Job;
use crate::store::{Store, DB_FILE};

/// The folder, inside the data folder, that holds automatic backups.
pub const BACKUPS_DIR: &str = "backups";
/// Daily automatic backups kept.
pub const AUTO_KEEP: usize = 7;
/// Safety copies made before a restore, kept.
pub const BEFORE_RESTORE_KEEP: usize = 3;

const AUTO_PREFIX: &str = "auto-";
const BEFORE_RESTORE_PREFIX: &str = "before-restore-";

/// One file in the automatic backups folder, for the "Restore from automatic backup" screen.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupEntry {
    pub path: PathBuf,
    pub file_name: String,
    pub kind: BackupKind,
    pub created_at: String,
    pub school_name: String,
    pub bytes: u64,
    /// Set when the file cannot be read as a backup; it is still listed so the user sees it.
    pub problem: Option<String>,
}

/// Why an automatic backup was made: it is named for it (`auto-…`, `before-restore-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Daily, or on quit.
    Auto,
    /// The data a restore replaced.
    BeforeRestore,
}

impl BackupKind {
    /// `auto` or `before_restore`, as the command line lists it.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupKind::Auto => "auto",
            BackupKind::BeforeRestore => "before_restore",
        }
    }
}

/// `<data>/backups`.
pub fn backups_dir(root: &Path) -> PathBuf {
    root.join(BACKUPS_DIR)
}

fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H%M%SZ").to_string()
}

/// The automatic backups, newest first.
pub fn list_backups(root: &Path) -> Result<Vec<BackupEntry>> {
    let dir = backups_dir(root);
    let Ok(read) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in read.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let kind = if file_name.starts_with(AUTO_PREFIX) {
            BackupKind::Auto
        } else if file_name.starts_with(BEFORE_RESTORE_PREFIX) {
            BackupKind::BeforeRestore
        } else {
            continue;
        };
        if !file_name.ends_with(".sanctuary") {
            continue;
        }
        let path = entry.path();
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let (created_at, school_name, problem) = match BundleReader::open(&path, Kind::Backup, &Limits::default()) {
            Ok(r) => (r.manifest.created_at.clone(), r.manifest.school_name.clone(), None),
            Err(e) => (String::new(), String::new(), Some(e.to_string())),
        };
        out.push(BackupEntry {
            path,
            file_name,
            kind,
            created_at,
            school_name,
            bytes,
            problem,
        });
    }
    // Names embed the UTC time, so this is newest first within each kind; merge by time.
    out.sort_by(|a, b| stamp_of(&b.file_name).cmp(stamp_of(&a.file_name)));
    Ok(out)
}

fn stamp_of(name: &str) -> &str {
    name.trim_start_matches(AUTO_PREFIX)
        .trim_start_matches(BEFORE_RESTORE_PREFIX)
}

fn named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let n = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    n.starts_with(prefix) && n.ends_with(".sanctuary")
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Makes an automatic backup when the data changed since the newest one (or there is none); returns
/// what it wrote, or None when nothing had changed. The shell calls this on quit and once a day.
pub fn auto_backup_if_due(store: &Store, now: DateTime<Utc>) -> Result<Option<BackupReport>> {
    let dir = backups_dir(store.root());
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    sweep_partial(&dir);
    let existing = named(&dir, AUTO_PREFIX);
    if let Some(latest) = existing.last() {
        if !changed_since(store, &dir, latest)? {
            return Ok(None);
        }
    }
    let path = dir.join(format!("{AUTO_PREFIX}{}.sanctuary", stamp(now)));
    let report = backup(store, &path, now, &Job::silent())?;
    // One per day: the newest of a day supersedes earlier ones, so quitting often never pushes
    // yesterday's copy out of the rotation.
    let today = format!("{AUTO_PREFIX}{}", now.format("%Y-%m-%d"));
    for p in named(&dir, AUTO_PREFIX) {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p != path && n.starts_with(&today) {
            let _ = fs::remove_file(&p);
        }
    }
    rotate(&dir, AUTO_PREFIX, AUTO_KEEP);
    Ok(Some(report))
}

/// True when the database differs from the one inside `latest` (or `latest` cannot be read).
fn changed_since(store: &Store, dir: &Path, latest: &Path) -> Result<bool> {
    let Ok(reader) = BundleReader::open(latest, Kind::Backup, &Limits::default()) else {
        return Ok(true);
    };
    let Some(old) = reader.manifest.entry(DB_FILE).map(|e| e.sha256.clone()) else {
        return Ok(true);
    };
    let temp = dir.join(format!(".check.{}.db.part", uuid::Uuid::new_v4().simple()));
    let result = snapshot_db(store, &temp).and_then(|_| sha256_file(&temp).map_err(|e| write_error(&temp, e)));
    let _ = fs::remove_file(&temp);
    Ok(result?.0 != old)
}

/// Keeps the newest `keep` files named `prefix*`.
fn rotate(dir: &Path, prefix: &str, keep: usize) {
    let files = named(dir, prefix);
    if files.len() > keep {
        for p in &files[..files.len() - keep] {
            let _ = fs::remove_file(p);
        }
    }
}

/// Removes temporary files a killed backup left in the backups folder (only this app writes there).
fn sweep_partial(dir: &Path) {
    if let Ok(read) = fs::read_dir(dir) {
        for e in read.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with('.') && (n.ends_with(".part") || n.ends_with(".part-journal")) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Backs up the data a restore is about to replace; returns the file.
pub(crate) fn keep_before_restore(store: &Store, now: DateTime<Utc>, job: &Job) -> Result<PathBuf> {
    let dir = backups_dir(store.root());
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    sweep_partial(&dir);
    let path = dir.join(format!("{BEFORE_RESTORE_PREFIX}{}.sanctuary", stamp(now)));
    backup(store, &path, now, job)?;
    rotate(&dir, BEFORE_RESTORE_PREFIX, BEFORE_RESTORE_KEEP);
    Ok(path)
}

/// Keeps the files of a data folder whose database cannot be opened, byte for byte, before a restore
/// replaces them: an expert may still rescue something from them.
pub(crate) fn keep_raw_before_restore(root: &Path, now: DateTime<Utc>, job: &Job) -> Result<PathBuf> {
    let dir = backups_dir(root);
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    sweep_partial(&dir);
    let path = dir.join(format!("{BEFORE_RESTORE_PREFIX}{}.sanctuary", stamp(now)));
    let created = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let manifest = Manifest::new(Kind::Backup, "(unreadable data)", 0, &created);
    let mut writer = BundleWriter::create(&path, manifest, now)?;
    if root.join(DB_FILE).is_file() {
        writer.add_file(DB_FILE, &root.join(DB_FILE), true, job)?;
    }
    for sub in fs::read_dir(root.join("blobs")).into_iter().flatten().flatten() {
        for f in fs::read_dir(sub.path()).into_iter().flatten().flatten() {
            let sha = f.file_name().to_string_lossy().into_owned();
            if super::manifest::is_sha256(&sha) && f.path().is_file() {
                writer.add_file(&super::manifest::blob_entry(&sha), &f.path(), false, job)?;
            }
        }
    }
    writer.finish()?;
    rotate(&dir, BEFORE_RESTORE_PREFIX, BEFORE_RESTORE_KEEP);
    Ok(path)
}
