//! Hiding faces and areas of a photo: read and save its hidden areas, ask for face suggestions, and
//! the unhidden upright picture the coordinator draws on.

use chrono::Utc;
use sanctuary::evidence::redact::{self, Redaction, Region};
use sanctuary::evidence::{self, Item};
use tauri::ipc::Response;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_redaction(state: State<'_, AppState>, id: String) -> ApiResult<Redaction> {
    state.run(move |s| redact::get(s, &id)).await
}

/// Saves the hidden areas and, when `consent` is given, the consent in the same call (the window's
/// "hide faces and include" sets both), then returns the item as it now is.
#[tauri::command]
pub async fn set_redaction(state: State<'_, AppState>, id: String, redaction: Redaction, consent: Option<evidence::Consent>) -> ApiResult<Item> {
    state
        .run(move |s| {
            redact::set(s, &id, &redaction, consent, Utc::now())?;
            evidence::get(s, &id)
        })
        .await
}

/// Face suggestions (off the window's thread, like every command): see `sanctuary::evidence::faces`.
#[tauri::command]
pub async fn suggest_faces(state: State<'_, AppState>, id: String) -> ApiResult<Vec<Region>> {
    state.run(move |s| redact::suggest(s, &id)).await
}

/// The photo upright with nothing hidden, as JPEG bytes, for the drawing view only.
#[tauri::command]
pub async fn redaction_preview(state: State<'_, AppState>, id: String) -> ApiResult<Response> {
    let bytes = state.run(move |s| redact::preview(s, &id)).await?;
    Ok(Response::new(bytes))
}
