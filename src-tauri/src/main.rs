//! Sanctuary Portfolio's desktop shell: opens the data folder, registers the commands, shows the window.
//! It only translates between the window and the `sanctuary` core; no business rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let dir = state::choose_data_dir(app.handle())?;
            app.manage(state::AppState::new(dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::school::get_school,
            commands::school::save_school,
            commands::framework::list_frameworks,
            commands::framework::active_framework,
            commands::status::overview,
            commands::demo::load_demo,
            commands::evidence::list_evidence,
            commands::evidence::add_evidence,
            commands::evidence::add_quote,
            commands::evidence::update_evidence,
            commands::evidence::delete_evidence,
            commands::evidence::undo_delete_evidence,
            commands::evidence::evidence_thumbnail,
            commands::export::export_portfolio,
            commands::export::cancel_job,
            commands::export::open_export,
            commands::export::reveal_export,
            commands::export::default_export_name,
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be started");
}
