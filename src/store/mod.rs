//! The SQLite store: where a school's records live, how the schema is migrated, and how a user action
//! becomes one transaction. It is the bottom floor: it uses no other module of the crate but `error`.
//!
//! Not for: evidence files themselves (see `evidence`), recovering a data folder after a crash or any
//! other upkeep on opening (see `datadir`, the door the CLI and the app use), nor knowing what any
//! table means; the domain modules own their queries.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

/// The database file name inside the data folder.
pub const DB_FILE: &str = "sanctuary.db";

/// Migrations in order; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
/// Each runs in its own transaction together with the `user_version` bump, so a crash leaves the
/// database at a whole version.
/// Public so that tests can build a database at every earlier version.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0003_yearwork.sql"),
    include_str!("migrations/0004_bundle.sql"),
    include_str!("migrations/0005_redaction.sql"),
    include_str!("migrations/0006_link.sql"),
    include_str!("migrations/0007_location.sql"),
    include_str!("migrations/0008_reading_copy.sql"),
    include_str!("migrations/0009_library_order.sql"),
    include_str!("migrations/0010_feedback_comment_round.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open data folder: the database plus the folder that holds evidence files.
pub struct Store {
    conn: Connection,
    root: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the database in the folder `root` and migrates it. Only the
    /// database: the user's data folder is opened with `datadir::open`, which also recovers from
    /// crashes. Tests that need only the schema open it here.
    pub fn open(root: &Path) -> Result<Store> {
        prepare_dir(root)?;
        let path = root.join(DB_FILE);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Database { path: path.clone(), reason: e.to_string() })?;
        let mut store = Store { conn, root: root.to_path_buf() };
        store.configure().map_err(|e| Error::Database {
            path: path.clone(),
            reason: format!("{e}. The file is damaged or is not a Sanctuary Portfolio database; restore a backup or choose another --data-dir"),
        })?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        // Reading the schema first makes a non-database file fail here, with a clear message,
        // rather than on the first query.
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.db_path();
        let current: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(Error::Database {
                path,
                reason: format!(
                    "it was written by a newer Sanctuary Portfolio (schema {current}, this one knows {SCHEMA_VERSION}). Install the newer version"
                ),
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            let version = index as i64 + 1;
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql).map_err(|e| Error::Database {
                path: path.clone(),
                reason: format!("upgrading to schema {version} failed ({e}); nothing was changed"),
            })?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one user action as one transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a setting inside an action's transaction.
    pub fn put_setting(tx: &Transaction, key: &str, value: &str) -> Result<()> {
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}

/// Makes sure `root` is a writable folder, with a reason a person can act on when it is not.
pub fn prepare_dir(root: &Path) -> Result<()> {
    let fail = |reason: String| Error::DataDir { path: root.to_path_buf(), reason };
    if root.exists() && !root.is_dir() {
        return Err(fail("it is a file, not a folder".into()));
    }
    std::fs::create_dir_all(root).map_err(|e| fail(e.to_string()))?;
    // Creating a probe file is the only portable way to know we can write here.
    let probe = root.join(".write-test");
    std::fs::write(&probe, b"ok").map_err(|e| fail(format!("it is not writable ({e})")))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}
