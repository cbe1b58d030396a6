//! Ladder's desktop shell. It opens the database once, keeps it as state, and exposes
//! thin commands (one module per area under `commands/`) that call the `ladder` core.
//! No SQL, no business rule and no validation lives here: the core decides, and its
//! errors cross to the UI as `{code, message, field}`.

pub mod commands;
pub mod error;
pub mod forms;
pub mod state;
pub mod types;

use tauri::Manager;

/// Every command the window may call. `build.rs` lists the same names so that each gets an
/// `allow-…` permission, and `capabilities/main.json` grants exactly these.
macro_rules! handlers {
    () => {
        tauri::generate_handler![
            commands::app::app_info,
            commands::app::whoami,
            commands::app::set_me,
            commands::app::load_demo,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::add_person,
            commands::people::direct_reports,
            commands::overview::team_overview,
            commands::plans::plan_of,
            commands::plans::plan_findings,
            commands::plans::add_goal,
            commands::plans::edit_goal,
            commands::plans::add_activity,
            commands::plans::edit_activity,
            commands::plans::complete_activity,
            commands::plans::reopen_activity,
            commands::competencies::list_competencies,
            commands::meetings::cadence_of,
        ]
    };
}

/// Builds and runs the app.
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            app.manage(state::AppState::open_from_env());
            Ok(())
        })
        .invoke_handler(handlers!())
        .run(tauri::generate_context!())
        .expect("Ladder could not start its window");
}
