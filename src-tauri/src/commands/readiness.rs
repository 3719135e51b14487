//! Readiness: per criterion what is in place, coverage by strand, and what is still missing.

use chrono::Utc;
use sanctuary::readiness::{self, Readiness};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn readiness(state: State<'_, AppState>) -> ApiResult<Readiness> {
    state.run(|s| readiness::report(s, Utc::now().date_naive())).await
}
