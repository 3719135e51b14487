//! The shell's state: which data folder is open, the store behind a lock, and the running job's cancel flag.
//!
//! SQLite and file work never runs on the main (UI) thread: commands are async and call [`AppState::run`],
//! which moves the work to Tauri's blocking pool.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use sanctuary::Store;
use tauri::Manager;

use crate::error::{ApiError, ApiResult};

/// Shared by every command.
pub struct AppState {
    pub data_dir: PathBuf,
    /// Opened on first use, so that a bad folder becomes a message in the window, not a crash at start.
    store: Arc<Mutex<Option<Store>>>,
    /// Set to stop the running long job (export, import, backup).
    pub cancel: Arc<AtomicBool>,
    /// The last file an export wrote: the only file `open_export` will open.
    pub last_export: Arc<Mutex<Option<PathBuf>>>,
    /// Held while an automatic backup runs on its own connection, so that a restore waits for it
    /// and two automatic backups never overlap.
    backup_running: Arc<Mutex<()>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            store: Arc::new(Mutex::new(None)),
            cancel: Arc::new(AtomicBool::new(false)),
            last_export: Arc::new(Mutex::new(None)),
            backup_running: Arc::new(Mutex::new(())),
        }
    }

    /// Runs `f` with the open store on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> sanctuary::Result<T> + Send + 'static,
    {
        let store = self.store.clone();
        let dir = self.data_dir.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| ApiError::shell("the data store stopped after an earlier error; restart the app"))?;
            if guard.is_none() {
                *guard = Some(sanctuary::datadir::open(&dir)?);
            }
            let s = guard.as_mut().expect("opened above");
            f(s).map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::shell(format!("a background task failed ({e}); try again")))?
    }
}

impl AppState {
    /// Opens the data folder now, unless it is open already: refused with who has it open when another
    /// computer does, unless `take_over` (the person chose to, after the window's question). Returns
    /// the warnings about where the folder is kept, which the window shows once.
    pub async fn open(&self, take_over: bool) -> ApiResult<Vec<ApiError>> {
        let store = self.store.clone();
        let dir = self.data_dir.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| ApiError::shell("the data store stopped after an earlier error; restart the app"))?;
            if guard.is_none() {
                let options = sanctuary::datadir::OpenOptions { take_over, computer: None };
                *guard = Some(sanctuary::datadir::open_with(&dir, &options)?);
            }
            Ok(sanctuary::datadir::warnings(&dir).into_iter().map(ApiError::from).collect())
        })
        .await
        .map_err(|e| ApiError::shell(format!("a background task failed ({e}); try again")))?
    }

    /// Runs `f` on the data folder with the store closed (a restore swaps the folder's contents);
    /// the next command reopens it.
    pub async fn run_closed<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&std::path::Path) -> sanctuary::Result<T> + Send + 'static,
    {
        let store = self.store.clone();
        let dir = self.data_dir.clone();
        let backup_running = self.backup_running.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let _no_backup = backup_running.lock().unwrap_or_else(|e| e.into_inner());
            let mut guard = store.lock().map_err(|_| ApiError::shell("the data store stopped after an earlier error; restart the app"))?;
            *guard = None;
            f(&dir).map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::shell(format!("a background task failed ({e}); try again")))?
    }

    /// Makes an automatic backup if anything changed since the last one (on quit, at start, daily).
    /// Failures are only logged: an automatic backup must never stop the app or lose work.
    pub fn auto_backup(&self) {
        let Ok(_running) = self.backup_running.try_lock() else { return };
        // The window's store is opened (and migrated) first, under its lock, so that the backup's
        // own connection below never races a first start's migrations.
        {
            let Ok(mut guard) = self.store.lock() else { return };
            if guard.is_none() {
                match sanctuary::datadir::open(&self.data_dir) {
                    Ok(s) => *guard = Some(s),
                    Err(e) => {
                        eprintln!("automatic backup skipped: {e}");
                        return;
                    }
                }
            }
            // On a network share the window's connection holds the database exclusively, so a second
            // one would only wait: the backup is made on the window's own, under its lock.
            if let Some(store) = guard.as_ref().filter(|s| s.journal() == sanctuary::store::Journal::Exclusive) {
                if let Err(e) = sanctuary::bundle::auto_backup_if_due(store, chrono::Utc::now()) {
                    eprintln!("automatic backup failed: {e}");
                }
                return;
            }
        }
        // A connection of its own: SQLite's backup reads a consistent snapshot while the window
        // goes on saving, and evidence files never change once stored, so the coordinator is not
        // kept waiting while a large library is copied.
        let store = match sanctuary::datadir::open(&self.data_dir) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("automatic backup skipped: {e}");
                return;
            }
        };
        if let Err(e) = sanctuary::bundle::auto_backup_if_due(&store, chrono::Utc::now()) {
            eprintln!("automatic backup failed: {e}");
        }
    }
}

/// The data folder: `--data-dir DIR` on the command line, else `SANCTUARY_DATA_DIR`, else the OS app-data folder.
pub fn choose_data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let mut explicit = None;
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            explicit = args.next().map(PathBuf::from);
        } else if let Some(v) = a.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            explicit = Some(PathBuf::from(v));
        }
    }
    if let Some(dir) = sanctuary::paths::data_dir(explicit.clone()).filter(|_| explicit.is_some() || std::env::var_os(sanctuary::paths::DATA_DIR_ENV).is_some()) {
        return Ok(dir);
    }
    Ok(app.path().app_data_dir()?)
}
