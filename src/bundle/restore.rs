//! Restoring a `.sanctuary` backup: verify everything, unpack into a staging folder beside the data,
//! upgrade it there, keep the current data as a backup, then swap the staged files in.
//!
//! The swap is journaled by a marker file so that a crash at any moment leaves either the old data or the
//! new data, never a mix: the journal and its recovery live in `datadir::swap`, because
//! `datadir::open` must finish an interrupted swap before anything reads the folder.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::archive::{BundleReader, Limits};
use super::manifest::Kind;
use crate::datadir::lock::OpLock;
use crate::datadir::swap::{remove_all, swap_in, sync_dir, LOCK};
use crate::error::{write_error, Error, Result};
use crate::job::Job;
use crate::store::DB_FILE;

/// Folder (inside the data folder) where a backup is unpacked and checked before it replaces anything.
pub use crate::datadir::swap::STAGING_DIR;

/// How to restore.
#[derive(Debug, Clone)]
pub struct RestoreOptions {
    /// The user confirmed that the data folder's current work may be replaced.
    pub replace: bool,
    pub limits: Limits,
}

impl RestoreOptions {
    /// Default limits; `replace` as confirmed by the user.
    pub fn new(replace: bool) -> RestoreOptions {
        RestoreOptions {
            replace,
            limits: Limits::default(),
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub school_name: String,
    pub created_at: String,
    /// Evidence originals restored.
    pub files: usize,
    /// Schema of the backup, and of the data folder now (older backups are upgraded).
    pub schema_from: i64,
    pub schema_to: i64,
    /// Where the data that was replaced has been kept, if there was any.
    pub kept_as: Option<PathBuf>,
    pub warnings: Vec<String>,
}

/// What a bundle file says about itself, for a confirmation screen; reading it changes nothing.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleInfo {
    pub kind: Kind,
    pub school_name: String,
    pub created_at: String,
    pub app_version: String,
    pub schema_version: i64,
    pub files: usize,
    pub bytes: u64,
}

/// Reads a bundle's manifest (not its checksums) so the user can see what it is before going on.
/// A sealed file gives [`Error::PassphraseNeeded`]; see [`inspect_sealed`].
pub fn inspect(file: &Path, kind: Kind) -> Result<BundleInfo> {
    inspect_sealed(file, kind, None)
}

/// As [`inspect`], opening a sealed file with `passphrase`.
pub fn inspect_sealed(file: &Path, kind: Kind, passphrase: Option<&super::sealed::Passphrase>) -> Result<BundleInfo> {
    let reader = BundleReader::open_sealed(file, kind, &Limits::default(), passphrase)?;
    let m = &reader.manifest;
    Ok(BundleInfo {
        kind: m.kind,
        school_name: m.school_name.clone(),
        created_at: m.created_at.clone(),
        app_version: m.app_version.clone(),
        schema_version: m.schema(),
        files: m
            .entries
            .iter()
            .filter(|e| super::manifest::blob_entry_sha(&e.path).is_some())
            .count(),
        bytes: m.entries.iter().map(|e| e.size).sum(),
    })
}

/// What a data folder holds now, as far as a restore is concerned.
enum Current {
    /// Nothing, or only the demo: a restore may replace it without asking.
    Replaceable,
    /// A school's work (its name, possibly empty).
    Work(String),
    /// A database that cannot be opened (often the very reason for restoring): kept byte for byte.
    Unreadable,
}

fn current(root: &Path) -> Result<Current> {
    if !root.join(DB_FILE).exists() {
        return Ok(Current::Replaceable);
    }
    let store = match crate::datadir::open(root) {
        Ok(s) => s,
        Err(Error::Database { .. }) => return Ok(Current::Unreadable),
        Err(e) => return Err(e),
    };
    if crate::demo::is_replaceable(&store)? {
        return Ok(Current::Replaceable);
    }
    Ok(Current::Work(
        crate::school::find(&store)?.map(|s| s.name).unwrap_or_default(),
    ))
}

/// True when the data folder holds work a restore would replace (a named school, any records, or a
/// database that cannot be read).
pub fn has_work(root: &Path) -> Result<bool> {
    Ok(!matches!(current(root)?, Current::Replaceable))
}

/// Restores `file` into the data folder `root`. No `Store` may be open on `root` meanwhile (the desktop
/// shell closes its own first). Nothing in `root` changes unless every check has passed.
pub fn restore(
    root: &Path,
    file: &Path,
    opts: &RestoreOptions,
    now: DateTime<Utc>,
    job: &Job,
) -> Result<RestoreReport> {
    restore_sealed(root, file, opts, None, now, job)
}

/// As [`restore`], opening a sealed backup with `passphrase`. A missing or wrong passphrase is found
/// before anything in `root` changes ([`Error::PassphraseNeeded`], [`Error::WrongPassphrase`]).
pub fn restore_sealed(
    root: &Path,
    file: &Path,
    opts: &RestoreOptions,
    passphrase: Option<&super::sealed::Passphrase>,
    now: DateTime<Utc>,
    job: &Job,
) -> Result<RestoreReport> {
    let mut reader = BundleReader::open_sealed(file, Kind::Backup, &opts.limits, passphrase)?;
    fs::create_dir_all(root).map_err(|e| write_error(root, e))?;
    let _lock = OpLock::try_take(&root.join(LOCK))?.ok_or_else(|| {
        Error::rule("restore_running", [], "another restore is running on this data folder; wait for it to finish and try again")
    })?;
    let before = current(root)?;
    if !opts.replace {
        let whose = match &before {
            Current::Replaceable => None,
            Current::Work(name) if !name.is_empty() => Some(("restore_would_replace_school", name.clone(), format!("this data folder holds the work of \"{name}\""))),
            Current::Work(_) => Some(("restore_would_replace_work", String::new(), "this data folder already holds work".to_string())),
            Current::Unreadable => Some(("restore_would_replace_unreadable", String::new(), "this data folder holds a database that cannot be opened".to_string())),
        };
        if let Some((code, name, whose)) = whose {
            return Err(Error::rule(
                code,
                [("name", name.into())],
                format!("{whose}; restoring would replace it. Confirm to replace it (--replace): a copy of the current data is kept in the automatic backups first"),
            ));
        }
    }

    let staging = root.join(STAGING_DIR);
    remove_all(&staging);
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = stage(&mut reader, &staging, &file_name, opts, job);
    let (staged, warnings) = match result {
        Ok(v) => v,
        Err(e) => {
            remove_all(&staging);
            return Err(e);
        }
    };
    crate::pause::at("restore-staged");

    let kept = match before {
        Current::Replaceable => Ok(None),
        Current::Work(_) => crate::datadir::open(root)
            .and_then(|store| super::auto::keep_before_restore(&store, now, job))
            .map(Some),
        Current::Unreadable => super::auto::keep_raw_before_restore(root, now, job).map(Some),
    };
    let kept_as = match kept {
        Ok(k) => k,
        Err(e) => {
            remove_all(&staging);
            return Err(e);
        }
    };

    if let Err(e) = ensure_not_in_use(root) {
        remove_all(&staging);
        return Err(e);
    }
    swap_in(root)?;
    let store = crate::datadir::open(root)?;
    let schema_to = store.schema_version()?;
    let school_name = crate::school::find(&store)?.map(|s| s.name).unwrap_or_default();
    Ok(RestoreReport {
        school_name,
        created_at: reader.manifest.created_at.clone(),
        files: staged,
        schema_from: reader.manifest.schema(),
        schema_to,
        kept_as,
        warnings,
    })
}

/// Refuses to swap while another connection (the desktop app, another command) has the database open:
/// it would go on writing to the file moved aside, and that work would be lost. Leaving WAL mode needs
/// the only connection, which makes it a reliable probe; the store turns WAL back on when it opens.
fn ensure_not_in_use(root: &Path) -> Result<()> {
    let db = root.join(DB_FILE);
    if !db.is_file() {
        return Ok(());
    }
    let in_use = || {
        Error::rule(
            "restore_folder_open",
            [],
            "the data folder is open in Sanctuary Portfolio or another program; close it and try again. Nothing was changed",
        )
    };
    let conn = match rusqlite::Connection::open(&db) {
        Ok(c) => c,
        Err(_) => return Ok(()), // unreadable: nobody can be using it either
    };
    let _ = conn.busy_timeout(std::time::Duration::from_millis(200));
    match conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Err(in_use())
        }
        Err(_) => Ok(()), // a damaged file: it is being replaced, and its bytes are already kept
    }
}

/// Unpacks and checks the backup in `staging`: checksums, database integrity, and the schema upgrade.
fn stage(
    reader: &mut BundleReader,
    staging: &Path,
    file_name: &str,
    opts: &RestoreOptions,
    job: &Job,
) -> Result<(usize, Vec<String>)> {
    fs::create_dir_all(staging).map_err(|e| write_error(staging, e))?;
    reader.verify_into(Some(staging), &opts.limits, job)?;
    let file = file_name.to_string();
    if !staging.join(DB_FILE).is_file() {
        return Err(Error::rule("backup_no_database", [("file", file.into())], format!("{file_name}: the backup holds no database. Nothing was changed")));
    }
    // Opening runs the migrations, so an older backup is upgraded here, before it replaces anything.
    let store = crate::datadir::open(staging).map_err(|e| match e {
        Error::Database { reason, .. } if reason.contains("newer") => {
            Error::rule("backup_newer", [("file", file.as_str().into())], format!("{file}: its database {reason}. Nothing was changed"))
        }
        Error::Database { .. } => Error::rule(
            "backup_database_damaged",
            [("file", file.as_str().into())],
            format!("{file}: the database inside it is damaged or is not a Sanctuary Portfolio database. Nothing was changed; try another backup"),
        ),
        other => other,
    })?;
    // Triggers and views run inside every later query: a backup may only hold the ones this build makes.
    let foreign = schema_code(store.conn())?
        .difference(&reference_schema_code()?)
        .next()
        .cloned();
    if let Some(name) = foreign {
        return Err(Error::rule(
            "backup_database_damaged",
            [("file", file.as_str().into())],
            format!("{file}: its database contains `{name}`, which Sanctuary Portfolio never writes. Nothing was changed"),
        ));
    }
    let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::rule(
            "backup_database_damaged",
            [("file", file.as_str().into())],
            format!("{file}: the database inside the backup is damaged ({check}). Nothing was changed; try another backup"),
        ));
    }
    let mut warnings = Vec::new();
    let shas: Vec<String> = {
        let mut stmt = store.conn().prepare("SELECT sha256 FROM blob")?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        v
    };
    let mut files = 0;
    for sha in &shas {
        if super::manifest::is_sha256(sha) && super::backup::blob_path(staging, sha).is_file() {
            files += 1;
        } else {
            warnings.push(format!(
                "evidence file {sha} was not in the backup (it was already missing when the backup was made)"
            ));
        }
    }
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(store);
    sync_dir(staging);
    Ok((files, warnings))
}

/// The triggers and views of a database, as (type name: sql).
fn schema_code(conn: &rusqlite::Connection) -> Result<std::collections::BTreeSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE type IN ('trigger', 'view')",
    )?;
    let v = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The triggers and views a database made by this build has.
fn reference_schema_code() -> Result<std::collections::BTreeSet<String>> {
    let conn = rusqlite::Connection::open_in_memory()?;
    for (_, sql) in crate::store::MIGRATIONS {
        conn.execute_batch(sql)?;
    }
    schema_code(&conn)
}
