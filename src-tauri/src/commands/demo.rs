//! Loading the demo school.

use chrono::Utc;
use sanctuary::school::School;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Creates or resets the demo; the core refuses to replace real work unless `replace` is true.
#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>, replace: bool) -> ApiResult<School> {
    state.run(move |s| sanctuary::demo::load(s, Utc::now(), replace)).await
}
