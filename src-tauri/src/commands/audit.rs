//! The audit: per criterion, the self-judged level, what the school already does, gaps, and its account.

use chrono::Utc;
use sanctuary::audit::{self, Entry, Patch};
use serde::Serialize;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// One criterion's audit with its narrative, for the audit screen.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRow {
    #[serde(flatten)]
    pub entry: Entry,
    pub narrative: String,
}

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>) -> ApiResult<Vec<AuditRow>> {
    state
        .run(|s| {
            let fw = sanctuary::framework::active(s)?;
            audit::all(s, &fw)?
                .into_iter()
                .map(|entry| Ok(AuditRow { narrative: audit::narrative(s, &entry.criterion_key)?, entry }))
                .collect()
        })
        .await
}

/// Changes only the fields in `patch` (the screen autosaves one criterion at a time).
#[tauri::command]
pub async fn set_audit(state: State<'_, AppState>, key: String, patch: Patch) -> ApiResult<Entry> {
    state
        .run(move |s| {
            let fw = sanctuary::framework::active(s)?;
            audit::set(s, &fw, &key, &patch, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_narrative(state: State<'_, AppState>, key: String, body: String) -> ApiResult<()> {
    state
        .run(move |s| {
            let fw = sanctuary::framework::active(s)?;
            audit::set_narrative(s, &fw, &key, &body, Utc::now())
        })
        .await
}
