//! A reviewer's file brought in as a feedback round, its suggested changes accepted or declined,
//! and a school's own draft brought into the accounts through its preview.

use std::path::PathBuf;

use chrono::Utc;
use sanctuary::application_import::{self, Applied, Proposal};
use sanctuary::feedback::suggestion::{self, Suggestion};
use sanctuary::feedback::RoundKind;
use sanctuary::review::{self, Report};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Reads the review at `path` (a .docx with comments or tracked changes, or a PDF with comments)
/// into one new round of `kind` (a draft review when none is given).
#[tauri::command]
pub async fn import_review(state: State<'_, AppState>, path: PathBuf, kind: Option<RoundKind>) -> ApiResult<Report> {
    state.run(move |s| review::import(s, &path, kind, Utc::now())).await
}

/// Changes what kind of remark comment `id` is (an imported one arrives as a question or an
/// improvement by its last character), keeping its words and criterion.
#[tauri::command]
pub async fn set_feedback_comment_kind(state: State<'_, AppState>, id: String, kind: sanctuary::feedback::CommentKind) -> ApiResult<sanctuary::feedback::Comment> {
    state
        .run(move |s| {
            let c = sanctuary::feedback::comment_by_id(s, &id)?;
            sanctuary::feedback::update_comment(s, &id, c.criterion_key.as_deref(), kind, &c.comment)
        })
        .await
}

#[tauri::command]
pub async fn feedback_suggestions(state: State<'_, AppState>) -> ApiResult<Vec<Suggestion>> {
    state.run(|s| suggestion::all(s)).await
}

#[tauri::command]
pub async fn accept_suggestion(state: State<'_, AppState>, id: String) -> ApiResult<Suggestion> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            suggestion::accept(s, &fw, &id, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn decline_suggestion(state: State<'_, AppState>, id: String) -> ApiResult<Suggestion> {
    state.run(move |s| suggestion::decline(s, &id)).await
}

/// Undoes accepting (the account goes back as it was) or declining a suggestion.
#[tauri::command]
pub async fn undo_suggestion(state: State<'_, AppState>, id: String) -> ApiResult<Suggestion> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            suggestion::undo(s, &fw, &id, Utc::now())
        })
        .await
}

/// What the draft at `path` would bring in, beside each account as it reads now. Writes nothing.
#[tauri::command]
pub async fn draft_proposal(state: State<'_, AppState>, path: PathBuf) -> ApiResult<Proposal> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            application_import::propose(s, &fw, &path)
        })
        .await
}

/// Writes the accounts ticked in the preview (`chosen`) from the draft at `path`, in one step.
#[tauri::command]
pub async fn apply_draft(state: State<'_, AppState>, path: PathBuf, chosen: Vec<application_import::DraftChoice>) -> ApiResult<Applied> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            application_import::apply(s, &fw, &path, Some(&chosen), false, Utc::now())
        })
        .await
}
