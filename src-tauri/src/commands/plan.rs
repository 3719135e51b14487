//! The action plan: grouped list (by strand or month) with overdue flags, add, edit (every field),
//! status, delete and undo,
//! and the Refugee Week suggestion on an empty plan.

use chrono::Utc;
use sanctuary::plan::{self, Action, Draft, Group, Status};
use serde::Serialize;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// The plan as the screen shows it.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub groups: Vec<Group>,
    /// Ids of open actions whose due date has passed.
    pub overdue: Vec<String>,
    /// Suggested actions for an empty plan (Refugee Week).
    pub suggestions: Vec<Draft>,
}

#[tauri::command]
pub async fn plan_view(state: State<'_, AppState>, by_month: bool, filter: plan::Filter) -> ApiResult<PlanView> {
    state
        .run(move |s| {
            let today = Utc::now().date_naive();
            let fw = sanctuary::school::framework(s)?;
            let actions = plan::list(s, &filter, today)?;
            let overdue = actions.iter().filter(|a| a.is_overdue(today)).map(|a| a.id.clone()).collect();
            let groups = if by_month { plan::by_month(&actions) } else { plan::by_strand(&fw, &actions) };
            Ok(PlanView { groups, overdue, suggestions: plan::suggestions(s, &fw, today)? })
        })
        .await
}

#[tauri::command]
pub async fn add_action(state: State<'_, AppState>, draft: Draft) -> ApiResult<Action> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            plan::add(s, &fw, &draft, Utc::now())
        })
        .await
}

/// Saves every field of action `id` (the window's edit form).
#[tauri::command]
pub async fn update_action(state: State<'_, AppState>, id: String, draft: Draft) -> ApiResult<Action> {
    state
        .run(move |s| {
            let fw = sanctuary::school::framework(s)?;
            plan::update(s, &fw, &id, &draft, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_action_status(state: State<'_, AppState>, id: String, status: Status) -> ApiResult<Action> {
    state.run(move |s| plan::set_status(s, &id, status, Utc::now())).await
}

#[tauri::command]
pub async fn delete_action(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.run(move |s| plan::delete(s, &id, Utc::now())).await
}

#[tauri::command]
pub async fn undo_delete_action(state: State<'_, AppState>, id: String) -> ApiResult<Action> {
    state.run(move |s| plan::undo_delete(s, &id)).await
}

#[tauri::command]
pub async fn dismiss_suggestions(state: State<'_, AppState>) -> ApiResult<()> {
    state.run(|s| plan::dismiss_suggestions(s)).await
}
