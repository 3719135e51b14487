//! Backups, restores and colleagues' contribution packs. A restore replaces the data folder, so it runs
//! with the store closed; the next command reopens it.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::Utc;
use sanctuary::bundle::{self, BackupEntry, BackupReport, BundleInfo, Choice, Conflict, RestoreOptions, RestoreReport};
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

/// Backs up everything to `path` (a file the user chose).
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, path: PathBuf, on_progress: Channel<Progress>) -> ApiResult<BackupReport> {
    let job = job(&state, on_progress);
    state.run(move |s| bundle::backup(s, &path, Utc::now(), &job)).await
}

/// The automatic backups (and the copies kept before restores), newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> ApiResult<Vec<BackupEntry>> {
    state.run(|s| bundle::list_backups(s.root())).await
}

/// What a backup file holds, for the confirmation step; changes nothing.
#[tauri::command]
pub async fn inspect_backup(state: State<'_, AppState>, path: PathBuf) -> ApiResult<BundleInfo> {
    state.run(move |_| bundle::inspect(&path, sanctuary::bundle::manifest::Kind::Backup)).await
}

/// Restores `path`; `replace` is the user's confirmation that current work may be replaced (it is kept
/// as a backup first).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: PathBuf, replace: bool, on_progress: Channel<Progress>) -> ApiResult<RestoreReport> {
    let job = job(&state, on_progress);
    state.run_closed(move |root| bundle::restore(root, &path, &RestoreOptions::new(replace), Utc::now(), &job)).await
}

/// Writes the evidence and actions this laptop added into a pack for the coordinator.
#[tauri::command]
pub async fn export_contribution(state: State<'_, AppState>, path: PathBuf, by: String, on_progress: Channel<Progress>) -> ApiResult<bundle::contribution::ExportReport> {
    let job = job(&state, on_progress);
    state.run(move |s| bundle::contribution::export(s, &path, &by, Utc::now(), &job)).await
}

/// Merges a colleague's pack; conflicts wait for a decision.
#[tauri::command]
pub async fn import_contribution(state: State<'_, AppState>, path: PathBuf, on_progress: Channel<Progress>) -> ApiResult<bundle::ImportReport> {
    let job = job(&state, on_progress);
    state.run(move |s| bundle::contribution::import(s, &path, &bundle::Limits::default(), Utc::now(), &job)).await
}

#[tauri::command]
pub async fn list_conflicts(state: State<'_, AppState>) -> ApiResult<Vec<Conflict>> {
    state.run(|s| bundle::list_conflicts(s)).await
}

#[tauri::command]
pub async fn resolve_conflict(state: State<'_, AppState>, id: String, choice: Choice) -> ApiResult<()> {
    state.run(move |s| bundle::resolve_conflict(s, &id, choice, Utc::now())).await
}
