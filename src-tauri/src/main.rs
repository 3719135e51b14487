//! Sanctuary Portfolio's desktop shell: opens the data folder, registers the commands, shows the window.
//! It only translates between the window and the `sanctuary` core; no business rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
#[cfg(test)]
mod contract;
mod error;
mod state;
mod thumbs;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(sanctuary::evidence::thumbs::SCHEME, thumbs::handle)
        .setup(|app| {
            let dir = state::choose_data_dir(app.handle())?;
            app.manage(state::AppState::new(dir));
            // An automatic backup at start and then once a day, off the main thread.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                handle.state::<state::AppState>().auto_backup();
                std::thread::sleep(std::time::Duration::from_secs(24 * 60 * 60));
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::data_folder::open_data_folder,
            commands::school::get_school,
            commands::school::save_school,
            commands::school::nation_words,
            commands::framework::list_frameworks,
            commands::framework::active_framework,
            commands::status::overview,
            commands::demo::load_demo,
            commands::audit::list_audit,
            commands::journey::journey_view,
            commands::journey::set_journey_step,
            commands::journey::feedback_rounds,
            commands::journey::add_feedback_round,
            commands::journey::add_feedback_comment,
            commands::journey::respond_to_feedback,
            commands::journey::update_feedback_round,
            commands::journey::delete_feedback_round,
            commands::journey::undo_delete_feedback_round,
            commands::journey::update_feedback_comment,
            commands::journey::delete_feedback_comment,
            commands::journey::undo_delete_feedback_comment,
            commands::journey::import_framework,
            commands::journey::start_renewal,
            commands::review::import_review,
            commands::review::set_feedback_comment_kind,
            commands::review::feedback_suggestions,
            commands::review::accept_suggestion,
            commands::review::decline_suggestion,
            commands::review::undo_suggestion,
            commands::review::draft_proposal,
            commands::review::apply_draft,
            commands::readiness::readiness,
            commands::plan::plan_view,
            commands::plan::add_action,
            commands::plan::update_action,
            commands::plan::set_action_status,
            commands::plan::delete_action,
            commands::plan::undo_delete_action,
            commands::plan::dismiss_suggestions,
            commands::commitments::commitments_register,
            commands::commitments::add_commitment,
            commands::commitments::update_commitment,
            commands::commitments::set_commitment_outcome,
            commands::commitments::delete_commitment,
            commands::commitments::undo_delete_commitment,
            commands::audit::set_audit,
            commands::audit::set_narrative,
            commands::audit::application_length,
            commands::audit::list_exhibits,
            commands::settings::get_language,
            commands::settings::set_language,
            commands::backup::backup_now,
            commands::backup::backup_protection,
            commands::backup::set_backup_protection,
            commands::backup::copy_backup_off,
            commands::backup::list_backups,
            commands::backup::inspect_backup,
            commands::backup::restore_backup,
            commands::backup::export_contribution,
            commands::backup::import_contribution,
            commands::backup::list_conflicts,
            commands::backup::resolve_conflict,
            commands::evidence::list_evidence,
            commands::evidence::list_evidence_page,
            commands::evidence::list_exhibit_numbers,
            commands::evidence::add_evidence,
            commands::evidence::add_quote,
            commands::evidence::add_link,
            commands::evidence::update_evidence,
            commands::evidence::delete_evidence,
            commands::evidence::undo_delete_evidence,
            commands::evidence::bulk_edit_evidence,
            commands::evidence::undo_bulk_edit_evidence,
            commands::redact::get_redaction,
            commands::redact::set_redaction,
            commands::redact::suggest_faces,
            commands::redact::redaction_preview,
            commands::export::export_portfolio,
            commands::share::share_preview,
            commands::share::share_choices,
            commands::share::save_share_choices,
            commands::share::make_share_folder,
            commands::share::set_share_consent,
            commands::export::cancel_job,
            commands::export::open_export,
            commands::export::reveal_export,
            commands::export::default_export_name,
            commands::drafts::put_draft,
            commands::drafts::list_drafts,
            commands::drafts::clear_draft,
        ])
        .build(tauri::generate_context!())
        .expect("the window could not be started")
        .run(|app, event| {
            // On quit: one more automatic backup, so the day's work is in a backup file too.
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.auto_backup();
                }
            }
        });
}
