//! The commitments register: the current cycle's register, add, edit (the window autosaves), what
//! happened to a carried commitment, delete and undo.

use chrono::Utc;
use sanctuary::commitments::{self, Commitment, CommitmentDraft, Register};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn commitments_register(state: State<'_, AppState>) -> ApiResult<Register> {
    state.run(|s| commitments::register(s)).await
}

#[tauri::command]
pub async fn add_commitment(state: State<'_, AppState>, draft: CommitmentDraft) -> ApiResult<Commitment> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            commitments::add(s, &fw, &draft, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn update_commitment(state: State<'_, AppState>, id: String, draft: CommitmentDraft) -> ApiResult<Commitment> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            commitments::update(s, &fw, &id, &draft, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_commitment_outcome(state: State<'_, AppState>, id: String, outcome: String) -> ApiResult<Commitment> {
    state.run(move |s| commitments::set_outcome(s, &id, &outcome, Utc::now())).await
}

#[tauri::command]
pub async fn delete_commitment(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.run(move |s| commitments::delete(s, &id, Utc::now())).await
}

#[tauri::command]
pub async fn undo_delete_commitment(state: State<'_, AppState>, id: String) -> ApiResult<Commitment> {
    state.run(move |s| commitments::undo_delete(s, &id)).await
}
