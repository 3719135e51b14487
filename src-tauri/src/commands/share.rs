//! Sharing outside school: the preview of the school's page, the coordinator's kept choices, making
//! the folder, and sharing consent for several items at once. Each forwards to `sanctuary::share`.

use std::path::PathBuf;

use chrono::Utc;
use sanctuary::evidence::{self, Item};
use sanctuary::share::{self, Choices, Content, ShareOptions, ShareReport};
use serde::Deserialize;
use tauri::State;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// What the Share screen sends to make the folder.
#[derive(Debug, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareRequest {
    pub out: PathBuf,
    pub choices: Choices,
    /// `en` or `cy`; absent means the language chosen in settings.
    #[serde(default)]
    pub language: Option<String>,
}

fn language(code: Option<&str>, store: &sanctuary::Store) -> sanctuary::Result<sanctuary::i18n::Lang> {
    match code {
        None | Some("") => sanctuary::i18n::saved(store),
        Some(c) => c.parse(),
    }
}

/// The page's content as it will be made from `choices`, with what is left out and why.
#[tauri::command]
pub async fn share_preview(state: State<'_, AppState>, choices: Choices, language_code: Option<String>) -> ApiResult<Content> {
    state.run(move |s| share::content(s, &choices, language(language_code.as_deref(), s)?)).await
}

/// The choices last kept on the Share screen.
#[tauri::command]
pub async fn share_choices(state: State<'_, AppState>) -> ApiResult<Choices> {
    state.run(|s| share::saved_choices(s)).await
}

/// Keeps the choices for next time.
#[tauri::command]
pub async fn save_share_choices(state: State<'_, AppState>, choices: Choices) -> ApiResult<()> {
    state.run(move |s| share::save_choices(s, &choices)).await
}

/// Makes the folder chosen in the dialog.
#[tauri::command]
pub async fn make_share_folder(state: State<'_, AppState>, request: ShareRequest) -> ApiResult<ShareReport> {
    if request.out.as_os_str().is_empty() {
        return Err(ApiError::shell("choose a folder"));
    }
    state
        .run(move |s| {
            let opts = ShareOptions { out: request.out, choices: request.choices, language: language(request.language.as_deref(), s)?, now: Utc::now() };
            share::write(s, &opts)
        })
        .await
}

/// Records sharing consent (yes or no) for several items at once.
#[tauri::command]
pub async fn set_share_consent(state: State<'_, AppState>, ids: Vec<String>, yes: bool) -> ApiResult<Vec<Item>> {
    state.run(move |s| evidence::set_share_consent(s, &ids, yes, Utc::now())).await
}
