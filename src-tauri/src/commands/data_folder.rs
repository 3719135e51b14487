//! Opening the data folder from the window: the first call it makes, so that a folder another computer
//! has open becomes a question (take over or not) rather than an error on every screen.

use tauri::State;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Opens the data folder (taking it over from another computer only when `take_over`); returns the
/// warnings about where it is kept (a cloud service syncing it), each a coded rule.
#[tauri::command]
pub async fn open_data_folder(state: State<'_, AppState>, take_over: bool) -> ApiResult<Vec<ApiError>> {
    state.open(take_over).await
}
