//! Where the school stands, per criterion.

use chrono::Utc;
use sanctuary::status::{self, Overview};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> ApiResult<Overview> {
    state.run(|s| status::overview(s, Utc::now().date_naive())).await
}
