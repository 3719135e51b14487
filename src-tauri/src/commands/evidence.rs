//! The evidence library: add files (dialog or drag and drop, with consent, criteria and a caption
//! chosen first), add quotes and links, list, edit one item or many at once (with one undo), delete
//! and undo.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::Utc;
use sanctuary::evidence::{self, ImportOptions, Item, NewLink};
use sanctuary::job::{Job, Progress};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// What the add dialog sends.
#[derive(Debug, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AddRequest {
    pub paths: Vec<PathBuf>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub consent: Option<sanctuary::evidence::Consent>,
    /// The caption every added item gets ("" for none).
    #[serde(default)]
    pub caption: String,
}

#[tauri::command]
pub async fn list_evidence(state: State<'_, AppState>, filter: evidence::Filter) -> ApiResult<Vec<Item>> {
    state.run(move |s| evidence::list(s, &filter)).await
}

/// A slice of the library in exhibit order, unfiltered: the window reads the top first and then the
/// rest a slice at a time (see `evidence::page`).
#[tauri::command]
pub async fn list_evidence_page(state: State<'_, AppState>, offset: u32, limit: u32) -> ApiResult<Vec<Item>> {
    state.run(move |s| evidence::page(s, offset, limit)).await
}

/// The exhibits' labels (E1, E2, …) by id, for the tiles: every one, or only the first `first`.
#[tauri::command]
pub async fn list_exhibit_numbers(state: State<'_, AppState>, first: Option<u32>) -> ApiResult<Vec<evidence::ExhibitNumber>> {
    state.run(move |s| evidence::first_exhibit_numbers(s, first.unwrap_or(u32::MAX))).await
}

/// Imports files and folders with progress; refusals come back in the report, with reasons.
#[tauri::command]
pub async fn add_evidence(state: State<'_, AppState>, request: AddRequest, on_progress: Channel<Progress>) -> ApiResult<evidence::ImportReport> {
    state.cancel.store(false, Ordering::SeqCst);
    let cancel = state.cancel.clone();
    state
        .run(move |s| {
            let job = Job::new(cancel, move |p| {
                let _ = on_progress.send(p.clone());
            });
            let opts = ImportOptions { criteria: request.criteria, consent: request.consent, caption: request.caption, ..ImportOptions::default() };
            evidence::import(s, &request.paths, &opts, &job, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn add_quote(state: State<'_, AppState>, text: String, attribution: String, criteria: Vec<String>) -> ApiResult<Item> {
    state.run(move |s| evidence::add_quote(s, &text, &attribution, &criteria, Utc::now())).await
}

/// Adds a web link (address checked in the core: http and https only; nothing is fetched).
#[tauri::command]
pub async fn add_link(state: State<'_, AppState>, link: NewLink) -> ApiResult<Item> {
    state.run(move |s| evidence::add_link(s, &link, Utc::now())).await
}

#[tauri::command]
pub async fn update_evidence(state: State<'_, AppState>, item: Item) -> ApiResult<Item> {
    state.run(move |s| evidence::update(s, &item, Utc::now())).await
}

#[tauri::command]
pub async fn delete_evidence(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.run(move |s| evidence::delete(s, &id, Utc::now())).await
}

#[tauri::command]
pub async fn undo_delete_evidence(state: State<'_, AppState>, id: String) -> ApiResult<Item> {
    state.run(move |s| evidence::undo_delete(s, &id)).await
}

/// Changes many items in one step (consent, criteria, caption, a numbered title); answers with what
/// they were, which `undo_bulk_edit_evidence` puts back.
#[tauri::command]
pub async fn bulk_edit_evidence(state: State<'_, AppState>, edit: evidence::bulk::BulkEdit) -> ApiResult<evidence::bulk::BulkUndo> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            evidence::bulk::apply(s, &fw, &edit, Utc::now())
        })
        .await
}

/// Reverses one bulk edit.
#[tauri::command]
pub async fn undo_bulk_edit_evidence(state: State<'_, AppState>, undo: evidence::bulk::BulkUndo) -> ApiResult<()> {
    state.run(move |s| evidence::bulk::undo(s, &undo, Utc::now())).await
}
