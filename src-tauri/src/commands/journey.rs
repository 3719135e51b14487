//! The journey from pledge to renewal, and the feedback rounds from the local lead and panel: add,
//! edit, delete and undo rounds and their comments.

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use sanctuary::feedback::{self, Comment, CommentKind, Round, RoundDraft};
use sanctuary::framework::Framework;
use sanctuary::journey::{self, Renewal, Step};
use serde::Serialize;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// The steps with their dates, and the renewal countdown once awarded.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct JourneyView {
    pub steps: Vec<Step>,
    pub renewal: Option<Renewal>,
}

#[tauri::command]
pub async fn journey_view(state: State<'_, AppState>) -> ApiResult<JourneyView> {
    state
        .run(|s| {
            let steps = journey::steps(s)?;
            let renewal = journey::renewal(&steps, Utc::now().date_naive());
            Ok(JourneyView { steps, renewal })
        })
        .await
}

#[tauri::command]
pub async fn set_journey_step(state: State<'_, AppState>, key: String, date: Option<NaiveDate>, note: String) -> ApiResult<Step> {
    state.run(move |s| journey::set_step(s, &key, date, &note)).await
}

#[tauri::command]
pub async fn feedback_rounds(state: State<'_, AppState>) -> ApiResult<Vec<Round>> {
    state.run(|s| feedback::rounds(s)).await
}

#[tauri::command]
pub async fn add_feedback_round(state: State<'_, AppState>, draft: RoundDraft) -> ApiResult<Round> {
    state.run(move |s| feedback::add_round(s, &draft, Utc::now())).await
}

#[tauri::command]
pub async fn add_feedback_comment(state: State<'_, AppState>, round_id: String, criterion_key: Option<String>, kind: CommentKind, text: String) -> ApiResult<Comment> {
    state.run(move |s| feedback::add_comment(s, &round_id, criterion_key.as_deref(), kind, &text)).await
}

#[tauri::command]
pub async fn update_feedback_round(state: State<'_, AppState>, id: String, draft: RoundDraft) -> ApiResult<Round> {
    state.run(move |s| feedback::update_round(s, &id, &draft, Utc::now())).await
}

#[tauri::command]
pub async fn delete_feedback_round(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.run(move |s| feedback::delete_round(s, &id, Utc::now())).await
}

#[tauri::command]
pub async fn undo_delete_feedback_round(state: State<'_, AppState>, id: String) -> ApiResult<Round> {
    state.run(move |s| feedback::undo_delete_round(s, &id)).await
}

#[tauri::command]
pub async fn update_feedback_comment(state: State<'_, AppState>, id: String, criterion_key: Option<String>, kind: CommentKind, text: String) -> ApiResult<Comment> {
    state.run(move |s| feedback::update_comment(s, &id, criterion_key.as_deref(), kind, &text)).await
}

#[tauri::command]
pub async fn delete_feedback_comment(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.run(move |s| feedback::delete_comment(s, &id, Utc::now())).await
}

#[tauri::command]
pub async fn undo_delete_feedback_comment(state: State<'_, AppState>, id: String) -> ApiResult<Comment> {
    state.run(move |s| feedback::undo_delete_comment(s, &id)).await
}

#[tauri::command]
pub async fn respond_to_feedback(state: State<'_, AppState>, id: String, response: String) -> ApiResult<Comment> {
    state.run(move |s| feedback::respond(s, &id, &response)).await
}

/// Imports a framework file the user picked (TOML or JSON); a bad file changes nothing and the message
/// names the line.
#[tauri::command]
pub async fn import_framework(state: State<'_, AppState>, path: PathBuf) -> ApiResult<Framework> {
    state.run(move |s| sanctuary::framework::import_file(s, &path, Utc::now())).await
}

/// Starts the renewal three years on: the application as it stood is filed as the previous award and
/// the journey starts again after the pledge. `coordinator`, when given, becomes the new coordinator.
#[tauri::command]
pub async fn start_renewal(state: State<'_, AppState>, coordinator: Option<String>) -> ApiResult<sanctuary::bundle::renewal::PreviousAward> {
    let coordinator = coordinator.filter(|c| !c.trim().is_empty());
    state.run(move |s| sanctuary::bundle::renewal::start(s, None, coordinator.as_deref(), Utc::now())).await
}
