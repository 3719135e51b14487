//! The school profile form.

use chrono::Utc;
use sanctuary::nation::NationWords;
use sanctuary::school::{self, School};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// The school (created empty on first start).
#[tauri::command]
pub async fn get_school(state: State<'_, AppState>) -> ApiResult<School> {
    state.run(|s| school::load(s, Utc::now())).await
}

/// Saves the whole form; the window calls this as the coordinator types.
#[tauri::command]
pub async fn save_school(state: State<'_, AppState>, school: School) -> ApiResult<School> {
    state.run(move |s| school::save(s, &school, Utc::now())).await
}

/// How the school's details and the evidence's stage are labelled in `nation` (the school's own
/// nation when left out): the window asks again whenever the coordinator picks another nation.
#[tauri::command]
pub async fn nation_words(state: State<'_, AppState>, nation: Option<String>) -> ApiResult<NationWords> {
    state.run(move |s| school::nation_words(s, nation.as_deref())).await
}
