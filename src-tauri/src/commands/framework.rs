//! Frameworks: which ones can be chosen, and the one in use.

use sanctuary::framework::{self, Framework};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Built-in and imported frameworks.
#[tauri::command]
pub async fn list_frameworks(state: State<'_, AppState>) -> ApiResult<Vec<Framework>> {
    state.run(|s| framework::available(s)).await
}

/// The framework the school uses, worded for it (a schools framework's head title follows the nation).
#[tauri::command]
pub async fn active_framework(state: State<'_, AppState>) -> ApiResult<Framework> {
    state.run(|s| sanctuary::school::framework_as_worded(s)).await
}
