//! Drafts of fields the window could not save yet: keep one, list them, forget one. The core decides
//! what a draft is (`sanctuary::drafts`); these only translate.

use chrono::Utc;
use sanctuary::drafts::{self, DraftKey, FieldDraft};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Keeps a field's unsaved text and its refusal, replacing any draft of the same field.
#[tauri::command]
pub async fn put_draft(state: State<'_, AppState>, draft: FieldDraft) -> ApiResult<FieldDraft> {
    state.run(move |s| drafts::put(s, &draft, Utc::now())).await
}

/// The drafts of one screen, or of every screen when none is named.
#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>, screen: Option<String>) -> ApiResult<Vec<FieldDraft>> {
    state.run(move |s| drafts::list(s, screen.as_deref())).await
}

/// Forgets a field's draft; true when there was one.
#[tauri::command]
pub async fn clear_draft(state: State<'_, AppState>, key: DraftKey) -> ApiResult<bool> {
    state.run(move |s| drafts::clear(s, &key)).await
}
