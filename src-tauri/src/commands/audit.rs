//! The audit: per criterion, the self-judged level, what the school already does, gaps, and its account.

use chrono::Utc;
use sanctuary::audit::{self, Entry, Patch};
use serde::Serialize;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// One criterion's audit with its narrative, for the audit screen.
#[derive(Debug, Serialize, ts_rs::TS)]
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
            let fw = sanctuary::school::framework(s)?;
            audit::all(s, &fw)?
                .into_iter()
                // The editor gets each account as the export reads it (see richtext::editable).
                .map(|mut entry| {
                    let narrative = sanctuary::richtext::editable(&audit::narrative(s, &entry.criterion_key)?);
                    entry.already = sanctuary::richtext::editable(&entry.already);
                    entry.gaps = sanctuary::richtext::editable(&entry.gaps);
                    Ok(AuditRow { narrative, entry })
                })
                .collect()
        })
        .await
}

/// Changes only the fields in `patch` (the screen autosaves one criterion at a time).
#[tauri::command]
pub async fn set_audit(state: State<'_, AppState>, key: String, patch: Patch) -> ApiResult<Entry> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            audit::set(s, &fw, &key, &patch, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_narrative(state: State<'_, AppState>, key: String, body: String) -> ApiResult<()> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            audit::set_narrative(s, &fw, &key, &body, Utc::now())
        })
        .await
}

/// How long the application section is, against the panel's page limit.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationLength {
    pub pages: f32,
    /// `None` when the framework sets no page limit.
    pub limit: Option<usize>,
}

/// Longest account the length check accepts: far beyond eight pages, small enough to lay out at once.
const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// The application's length with one criterion's unsaved account, laid out as the export does.
#[tauri::command]
pub async fn application_length(state: State<'_, AppState>, key: String, draft: String) -> ApiResult<ApplicationLength> {
    if draft.len() > MAX_DRAFT_BYTES {
        return Err(crate::error::ApiError::shell("the account is too long to measure (over 256 KB of text)"));
    }
    state
        .run(move |s| {
            let pages = sanctuary::portfolio::application_pages_with_draft(s, &key, &draft, Utc::now().date_naive())?;
            Ok(ApplicationLength { pages, limit: sanctuary::portfolio::application_page_limit(s)? })
        })
        .await
}

/// The exhibits the portfolio will number, for the "insert a reference" picker.
#[tauri::command]
pub async fn list_exhibits(state: State<'_, AppState>) -> ApiResult<Vec<sanctuary::portfolio::ExhibitRef>> {
    state.run(|s| sanctuary::portfolio::exhibits(s)).await
}
