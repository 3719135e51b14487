//! Exporting the portfolio: progress goes back over a channel; the window can cancel, then open the file
//! or show it in its folder.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::Utc;
use sanctuary::job::{Job, Progress};
use sanctuary::portfolio::{self, ExportOptions};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// What the export dialog sends.
#[derive(Debug, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub path: PathBuf,
    pub max_mb: u64,
    pub include_without_consent: bool,
    pub anonymity_note: bool,
    /// The window's language (`en` or `cy`); the PDF is written in it. Absent means the language
    /// chosen in settings.
    #[serde(default)]
    pub language: Option<String>,
    /// What to write: the whole portfolio, the application alone (PDF or, for a .docx path, Word)
    /// or the evidence pack alone. Absent means the whole portfolio.
    #[serde(default)]
    pub part: portfolio::Part,
    /// List under each criterion the answers to the latest draft review ("Changes since your
    /// comments"). Absent means no.
    #[serde(default)]
    #[ts(optional)]
    pub changes_since_review: Option<bool>,
}

/// Writes the PDF chosen in the save dialog.
#[tauri::command]
pub async fn export_portfolio(app: tauri::AppHandle, state: State<'_, AppState>, request: ExportRequest, on_progress: Channel<Progress>) -> ApiResult<portfolio::ExportReport> {
    // A bare name typed in the window goes to the Documents folder (the core decides; we only ask
    // the system where that is), so the message can say the whole path.
    let documents = app.path().document_dir().ok();
    let home = app.path().home_dir().unwrap_or_else(|_| std::env::temp_dir());
    let path = sanctuary::paths::export_target(&request.path, documents, &home)?;
    // The core decides what may be exported (file name, size budget); refused here before any work.
    let mut opts = ExportOptions::requested(path, request.part, request.max_mb, Utc::now())?;
    opts.include_without_consent = request.include_without_consent;
    opts.anonymity_note = request.anonymity_note;
    opts.changes_since_review = request.changes_since_review.unwrap_or(false);
    let language: Option<sanctuary::i18n::Lang> = match request.language.as_deref() {
        None | Some("") => None,
        Some(code) => Some(code.parse::<sanctuary::i18n::Lang>()?),
    };
    state.cancel.store(false, Ordering::SeqCst);
    let cancel = state.cancel.clone();
    let last = state.last_export.clone();
    let report = state
        .run(move |s| {
            let job = Job::new(cancel, move |p| {
                let _ = on_progress.send(p.clone());
            });
            let mut opts = opts;
            opts.language = match language {
                Some(l) => l,
                None => sanctuary::i18n::saved(s)?,
            };
            portfolio::export(s, &opts, &job)
        })
        .await?;
    if let Ok(mut l) = last.lock() {
        *l = Some(report.path.clone());
    }
    Ok(report)
}

/// Asks the running job to stop; it stops at its next checkpoint and leaves nothing half-written.
#[tauri::command]
pub async fn cancel_job(state: State<'_, AppState>) -> ApiResult<()> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

fn last_export(state: &AppState) -> ApiResult<PathBuf> {
    state
        .last_export
        .lock()
        .ok()
        .and_then(|l| l.clone())
        .filter(|p| p.is_file())
        .ok_or_else(|| ApiError::shell("there is no exported file to open; export the portfolio first"))
}

/// Opens the file the last export wrote, in the system's PDF viewer.
#[tauri::command]
pub async fn open_export(app: tauri::AppHandle, state: State<'_, AppState>) -> ApiResult<()> {
    let path = last_export(&state)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| ApiError::shell(format!("the PDF could not be opened ({e}); open it from its folder instead")))
}

/// Shows the last exported file in its folder.
#[tauri::command]
pub async fn reveal_export(app: tauri::AppHandle, state: State<'_, AppState>) -> ApiResult<()> {
    let path = last_export(&state)?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| ApiError::shell(format!("the folder could not be shown ({e})")))
}

/// A sensible default file name for the save dialog, e.g. "Brookfield Primary School portfolio 2026-11-23.pdf",
/// "… application 2026-11-23.docx" for the application as Word (`word`), "… evidence 2026-11-23.pdf".
#[tauri::command]
pub async fn default_export_name(state: State<'_, AppState>, part: Option<portfolio::Part>, word: Option<bool>) -> ApiResult<String> {
    let name = state.run(|s| Ok(sanctuary::school::find(s)?.map(|x| x.name).unwrap_or_default())).await?;
    let clean: String = name.chars().filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')).collect();
    let base = if clean.trim().is_empty() { "School of Sanctuary".to_string() } else { clean.trim().to_string() };
    let (what, ext) = match (part.unwrap_or_default(), word.unwrap_or(false)) {
        (portfolio::Part::All, _) => ("portfolio", "pdf"),
        (portfolio::Part::Application, true) => ("application", "docx"),
        (portfolio::Part::Application, false) => ("application", "pdf"),
        (portfolio::Part::Evidence, _) => ("evidence", "pdf"),
    };
    Ok(format!("{base} {what} {}.{ext}", Utc::now().date_naive()))
}
