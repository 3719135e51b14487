//! Backups, restores and colleagues' contribution packs. A restore replaces the data folder, so it runs
//! with the store closed; the next command reopens it.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::Utc;
use sanctuary::bundle::protection::{self, Protection};
use sanctuary::bundle::{self, BackupEntry, BackupReport, BundleInfo, Choice, Conflict, Passphrase, RestoreOptions, Seal, RestoreReport};
use sanctuary::job::{Job, Progress};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

fn job(state: &AppState, channel: Channel<Progress>) -> Job {
    state.cancel.store(false, Ordering::SeqCst);
    Job::new(state.cancel.clone(), move |p| {
        let _ = channel.send(p.clone());
    })
}

/// How to seal a new file: the passphrase typed (checked for length), or none when that is this data
/// folder's choice; the core refuses otherwise.
fn for_sealing(s: &sanctuary::store::Store, passphrase: Option<String>) -> sanctuary::Result<Seal> {
    protection::seal(s, passphrase.as_deref().map(Passphrase::for_sealing).transpose()?)
}

/// The passphrase typed to open a file, if any.
fn for_opening(passphrase: Option<String>) -> sanctuary::Result<Option<Passphrase>> {
    passphrase.as_deref().map(Passphrase::new).transpose()
}

/// Backs up everything to `path` (a file the user chose), protected with `passphrase`; without one only
/// when "no passphrase" is this data folder's choice.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, path: PathBuf, passphrase: Option<String>, on_progress: Channel<Progress>) -> ApiResult<BackupReport> {
    let job = job(&state, on_progress);
    state
        .run(move |s| {
            let seal = for_sealing(s, passphrase)?;
            bundle::backup_sealed(s, &path, &seal, Utc::now(), &job)
        })
        .await
}

/// Whether files leaving the laptop are protected with a passphrase in this data folder.
#[tauri::command]
pub async fn backup_protection(state: State<'_, AppState>) -> ApiResult<Protection> {
    state.run(|s| protection::get(s)).await
}

/// Remembers the coordinator's choice (a passphrase, or explicitly none) for this data folder.
#[tauri::command]
pub async fn set_backup_protection(state: State<'_, AppState>, choice: Protection) -> ApiResult<Protection> {
    state.run(move |s| protection::set(s, choice).map(|_| choice)).await
}

/// Copies an automatic backup off the laptop to `dest`, encrypted on the way out with `passphrase`
/// (unencrypted only when "no passphrase" is this data folder's choice).
#[tauri::command]
pub async fn copy_backup_off(state: State<'_, AppState>, source: PathBuf, dest: PathBuf, passphrase: Option<String>, on_progress: Channel<Progress>) -> ApiResult<u64> {
    let job = job(&state, on_progress);
    state
        .run(move |s| {
            let seal = for_sealing(s, passphrase)?;
            protection::copy_off(&source, &dest, &seal, &job)
        })
        .await
}

/// The automatic backups (and the copies kept before restores), newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> ApiResult<Vec<BackupEntry>> {
    state.run(|s| bundle::list_backups(s.root())).await
}

/// What a backup file holds, for the confirmation step; changes nothing.
#[tauri::command]
pub async fn inspect_backup(state: State<'_, AppState>, path: PathBuf, passphrase: Option<String>) -> ApiResult<BundleInfo> {
    state
        .run(move |_| bundle::inspect_sealed(&path, sanctuary::bundle::manifest::Kind::Backup, for_opening(passphrase)?.as_ref()))
        .await
}

/// Restores `path`; `replace` is the user's confirmation that current work may be replaced (it is kept
/// as a backup first).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: PathBuf, replace: bool, passphrase: Option<String>, on_progress: Channel<Progress>) -> ApiResult<RestoreReport> {
    let job = job(&state, on_progress);
    state
        .run_closed(move |root| {
            let key = for_opening(passphrase)?;
            bundle::restore_sealed(root, &path, &RestoreOptions::new(replace), key.as_ref(), Utc::now(), &job)
        })
        .await
}

/// Writes the evidence and actions this laptop added into a pack for the coordinator.
#[tauri::command]
pub async fn export_contribution(state: State<'_, AppState>, path: PathBuf, by: String, passphrase: Option<String>, on_progress: Channel<Progress>) -> ApiResult<bundle::contribution::ExportReport> {
    let job = job(&state, on_progress);
    state
        .run(move |s| {
            let seal = for_sealing(s, passphrase)?;
            bundle::contribution::export_sealed(s, &path, &by, &seal, Utc::now(), &job)
        })
        .await
}

/// Merges a colleague's pack; conflicts wait for a decision.
#[tauri::command]
pub async fn import_contribution(state: State<'_, AppState>, path: PathBuf, passphrase: Option<String>, on_progress: Channel<Progress>) -> ApiResult<bundle::ImportReport> {
    let job = job(&state, on_progress);
    state
        .run(move |s| {
            let key = for_opening(passphrase)?;
            bundle::contribution::import_sealed(s, &path, &bundle::Limits::default(), key.as_ref(), Utc::now(), &job)
        })
        .await
}

#[tauri::command]
pub async fn list_conflicts(state: State<'_, AppState>) -> ApiResult<Vec<Conflict>> {
    state.run(|s| bundle::list_conflicts(s)).await
}

#[tauri::command]
pub async fn resolve_conflict(state: State<'_, AppState>, id: String, choice: Choice) -> ApiResult<()> {
    state.run(move |s| bundle::resolve_conflict(s, &id, choice, Utc::now())).await
}
