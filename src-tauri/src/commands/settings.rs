//! Settings kept in the data folder, so they travel with backups: the language.

use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// `en` or `cy`.
#[tauri::command]
pub async fn get_language(state: State<'_, AppState>) -> ApiResult<String> {
    state.run(|s| Ok(sanctuary::i18n::saved(s)?.code().to_string())).await
}

/// Chooses the language of the window and of exported documents; an unknown code is refused.
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, code: String) -> ApiResult<String> {
    state.run(move |s| Ok(sanctuary::i18n::save(s, &code)?.code().to_string())).await
}
