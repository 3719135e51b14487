//! The SQLite store: where a school's records live, how the schema is migrated, and how a user action
//! becomes one transaction. It is the bottom floor: it uses no other module of the crate but `error`.
//!
//! Schema versions are the numbers in the migration files' names: a database at version N has run
//! every file up to `N_*.sql`, and `PRAGMA user_version` holds N. Builds before this numbering stored
//! how many migrations had run instead (the files skip 0002, so from the second file on the count is
//! one less than the file number). A database written since carries [`APPLICATION_ID`] in its
//! header; one without it is in the old numbering and is translated once, in one transaction, when it
//! is first opened (see [`from_old_numbering`]). Such a database is then refused by those older builds
//! as "written by a newer Sanctuary Portfolio", as is a backup made from it.
//!
//! Not for: evidence files themselves (see `evidence`), recovering a data folder after a crash or any
//! other upkeep on opening (see `datadir`, the door the CLI and the app use), nor knowing what any
//! table means; the domain modules own their queries.
//!
//! # Who writes each table's SQL
//!
//! Each table has one module that writes the SQL mentioning it; everyone else calls that module's
//! functions. (The shared soft delete and id lookup in [`soft_delete`] runs SQL on the table its
//! caller names, and names none itself.) `tests/core/structure.rs` holds the same list and fails
//! when SQL for a table appears anywhere else.
//!
//! | Table | Owner |
//! |---|---|
//! | `action_item` | src/plan.rs |
//! | `action_criterion` | src/plan.rs |
//! | `commitment` | src/commitments.rs |
//! | `audit` | src/audit.rs |
//! | `narrative` | src/audit.rs |
//! | `evidence` | src/evidence/ |
//! | `evidence_criterion` | src/evidence/ |
//! | `blob` | src/evidence/ |
//! | `blob_retired` | src/evidence/ |
//! | `feedback_round` | src/feedback.rs |
//! | `feedback_comment` | src/feedback.rs |
//! | `feedback_import` | src/feedback/ |
//! | `feedback_suggestion` | src/feedback/ |
//! | `journey_step` | src/journey.rs |
//! | `school` | src/school.rs |
//! | `field_draft` | src/drafts.rs |
//! | `imported_framework` | src/framework/imported.rs |
//! | `previous_award` | src/bundle/renewal/ |
//! | `contribution_import` | src/bundle/contribution/ |
//! | `contribution_conflict` | src/bundle/contribution/ |
//! | `settings` | src/store/ |
//!
//! The exceptions, each by design:
//!
//! | Where | Tables | Why |
//! |---|---|---|
//! | src/store/migrations/ | every table | the schema itself |
//! | src/bundle/backup.rs | every table | a backup copies whole rows of every table |
//! | src/bundle/restore.rs | every table | a restore puts them back |
//! | src/bundle/contribution/ | every table | contribution packs carry and merge whole rows |
//! | src/bundle/renewal/record.rs | every table | the award's record is the rows as they stood |
//! | src/bin/ | every table | the benchmark binaries fill a large library fast |
//! | src/demo/reset.rs | every table | the demo empties every table before it fills them through the owners |
//! | src/datadir/import_staging.rs | `contribution_import` | recovery on opening asks whether an import's rows were committed, and `bundle` uses `datadir` |

pub mod soft_delete;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

/// The database file name inside the data folder.
pub const DB_FILE: &str = "sanctuary.db";

/// Migrations in order, each as (schema version, SQL); the version is the number in the file's name,
/// so a new file cannot be given the wrong one by counting (the files skip 0002, which was never
/// written). Each runs in its own transaction together with the `user_version` bump, so a crash leaves
/// the database at a whole version. Public so that tests can build a database at every earlier
/// version, and a restore can list the triggers and views this build makes.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_initial.sql")),
    (3, include_str!("migrations/0003_yearwork.sql")),
    (4, include_str!("migrations/0004_bundle.sql")),
    (5, include_str!("migrations/0005_redaction.sql")),
    (6, include_str!("migrations/0006_link.sql")),
    (7, include_str!("migrations/0007_location.sql")),
    (8, include_str!("migrations/0008_reading_copy.sql")),
    (9, include_str!("migrations/0009_library_order.sql")),
    (10, include_str!("migrations/0010_feedback_comment_round.sql")),
    (11, include_str!("migrations/0011_commitments.sql")),
    (12, include_str!("migrations/0012_award_level.sql")),
    (15, include_str!("migrations/0015_review_import.sql")),
    (16, include_str!("migrations/0016_objects_not_shown.sql")),
    (17, include_str!("migrations/0017_field_draft.sql")),
    (18, include_str!("migrations/0018_share.sql")),
    (19, include_str!("migrations/0019_alt_text.sql")),
];

/// The schema version this build writes: the number of its last migration file.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// `PRAGMA application_id` of a database whose `user_version` is a migration file number ("SANC").
/// Databases written before the versions were file numbers have 0 here and count migrations in
/// `user_version` instead; see [`from_old_numbering`].
pub const APPLICATION_ID: i32 = 0x5341_4E43;

/// The schema version, numbered by file, of a database that an earlier build left at `old`, when
/// `user_version` counted the migrations run (`old` = k means the first k files of [`MIGRATIONS`]).
/// A count beyond this build's migrations maps beyond [`SCHEMA_VERSION`], so it stays "newer".
/// Also used for the schema number in the manifest of a backup made by such a build.
pub fn from_old_numbering(old: i64) -> i64 {
    match usize::try_from(old) {
        Ok(0) => 0,
        Ok(k) if k <= MIGRATIONS.len() => MIGRATIONS[k - 1].0,
        _ => SCHEMA_VERSION + (old - MIGRATIONS.len() as i64).max(1),
    }
}

/// How the database shares its file with other programs, chosen by the kind of disk it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journal {
    /// A disk of this computer: write-ahead log (readers never wait for a writer), normal syncing.
    Wal,
    /// A network share: WAL's shared-memory index does not work between computers, so a rollback
    /// journal (`journal_mode=DELETE`), full syncing, and the database locked by this connection for as
    /// long as it is open (`locking_mode=EXCLUSIVE`), which also keeps its index out of shared memory.
    Exclusive,
}

/// An open data folder: the database plus the folder that holds evidence files.
pub struct Store {
    conn: Connection,
    root: PathBuf,
    journal: Journal,
    /// Released after the connection closes (fields drop in order): the data folder's in-use entry.
    held: Vec<Box<dyn std::any::Any + Send>>,
}

impl Store {
    /// Opens (creating when needed) the database in the folder `root` and migrates it. Only the
    /// database: the user's data folder is opened with `datadir::open`, which also recovers from
    /// crashes. Tests that need only the schema open it here.
    pub fn open(root: &Path) -> Result<Store> {
        Store::open_with(root, Journal::Wal)
    }

    /// [`Store::open`] with the journal `journal` (`datadir::open` chooses it by the kind of disk).
    pub fn open_with(root: &Path, journal: Journal) -> Result<Store> {
        prepare_dir(root)?;
        let path = root.join(DB_FILE);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Database { path: path.clone(), reason: e.to_string() })?;
        let mut store = Store { conn, root: root.to_path_buf(), journal, held: Vec::new() };
        store.configure().map_err(|e| match e.sqlite_error_code() {
            // On a share the database is held by one program at a time: another one has it.
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) if journal == Journal::Exclusive => busy_elsewhere(root),
            _ => Error::Database {
                path: path.clone(),
                reason: format!("{e}. The file is damaged or is not a Sanctuary Portfolio database; restore a backup or choose another --data-dir"),
            },
        })?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        if self.journal == Journal::Exclusive {
            // Before the first read: a database left in WAL mode is then opened without shared memory.
            self.conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        }
        // Reading the schema first makes a non-database file fail here, with a clear message,
        // rather than on the first query.
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        match self.journal {
            Journal::Wal => {
                self.conn.pragma_update(None, "journal_mode", "WAL")?;
                self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            }
            Journal::Exclusive => {
                self.conn.pragma_update(None, "journal_mode", "DELETE")?;
                self.conn.pragma_update(None, "synchronous", "FULL")?;
                // The write lock taken now is kept until the connection closes: no other computer
                // reads or writes the database meanwhile, even one that ignores the in-use entry.
                self.conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?;
            }
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.db_path();
        self.adopt_file_numbering()?;
        let current: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(newer(path, current));
        }
        if current != 0 && !MIGRATIONS.iter().any(|(v, _)| *v == current) {
            return Err(Error::Database {
                path,
                reason: format!(
                    "its schema version {current} is not one Sanctuary Portfolio ever wrote; restore a backup or choose another --data-dir"
                ),
            });
        }
        for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
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

    /// Rewrites a database's `user_version` from the old numbering (a count of migrations) to the file
    /// number of its last migration, and marks it with [`APPLICATION_ID`], in one transaction, once.
    /// The write lock is taken before looking, so two programs opening the same old database at once
    /// cannot both translate it.
    fn adopt_file_numbering(&mut self) -> Result<()> {
        let id: i32 = self.conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id == APPLICATION_ID {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id == APPLICATION_ID {
            return Ok(());
        }
        let old: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if old > MIGRATIONS.len() as i64 {
            // Not written by any build this one knows: left exactly as it is.
            return Err(newer(self.root.join(DB_FILE), from_old_numbering(old)));
        }
        tx.pragma_update(None, "user_version", from_old_numbering(old))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The journal the database was opened with.
    pub fn journal(&self) -> Journal {
        self.journal
    }

    /// Keeps `guard` until the store is closed (after its connection): how `datadir` ties the data
    /// folder's in-use entry to the store without this module knowing of it.
    pub fn keep_while_open(&mut self, guard: Box<dyn std::any::Any + Send>) {
        self.held.push(guard);
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

/// The refusal of a database on a network share that another program holds (see [`Journal::Exclusive`]).
fn busy_elsewhere(root: &Path) -> Error {
    Error::rule(
        "data_folder_busy",
        [("folder", root.to_string_lossy().into_owned().into())],
        format!(
            "the data folder {} is on a network folder and another program has its database open (Sanctuary Portfolio on this or another computer, or the command line). On a network folder only one program at a time can use it: close the other one and try again",
            root.display()
        ),
    )
}

/// The refusal of a database written by a newer build (`found` in this build's numbering).
fn newer(path: PathBuf, found: i64) -> Error {
    Error::Database {
        path,
        reason: format!(
            "it was written by a newer Sanctuary Portfolio (schema {found}, this one knows {SCHEMA_VERSION}). Install the newer version"
        ),
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
