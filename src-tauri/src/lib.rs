//! Ladder's desktop shell. It opens the database once, keeps it as state, and exposes
//! thin commands (one module per area under `commands/`) that call the `ladder` core.
//! No SQL, no business rule and no validation lives here: the core decides, and its
//! errors cross to the UI as `{code, message, field}`.

pub mod close_guard;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod forms;
pub mod single_instance;
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
            commands::app::ready,
            commands::window::guard_close,
            commands::window::answer_close,
            commands::backups::list_backups,
            commands::backups::backup_now,
            commands::backups::restore_backup,
            commands::backups::list_set_aside,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::add_person,
            commands::people::edit_person,
            commands::people::possible_managers,
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
            // Meetings, competencies, archiving people.
            commands::meetings::prepare_meeting,
            commands::meetings::list_meetings,
            commands::meetings::get_meeting,
            commands::meetings::schedule_meeting,
            commands::meetings::reschedule_meeting,
            commands::meetings::cancel_meeting,
            commands::meetings::hold_meeting,
            commands::meetings::write_meeting_notes,
            commands::meetings::add_action_item,
            commands::meetings::close_action_item,
            commands::meetings::reopen_action_item,
            commands::meetings::convert_action_item,
            commands::meetings::set_cadence,
            commands::competencies::competency_library,
            commands::competencies::add_competency,
            commands::competencies::edit_competency,
            commands::competencies::retire_competency,
            commands::competencies::restore_competency,
            commands::competencies::rate_competency,
            commands::competencies::rating_history,
            commands::people::archive_person,
            commands::people::restore_person,
            // Change management (ADKAR).
            commands::change::list_changes,
            commands::change::get_change,
            commands::change::add_change,
            commands::change::edit_change,
            commands::change::set_change_status,
            commands::change::add_change_action,
            commands::change::edit_change_action,
            commands::change::add_influencer,
            commands::change::edit_influencer,
            commands::change::remove_influencer,
            commands::change::add_stakeholder,
            commands::change::remove_stakeholder,
            commands::change::assess_stakeholder,
            commands::change::change_rollup,
            commands::change::change_plan,
            commands::change::suggest_change_actions,
            commands::change::change_findings,
            commands::change::raci_chart,
            commands::change::add_raci_activity,
            commands::change::assign_raci_role,
            commands::change::review_raci,
            commands::change::remove_raci_activity,
            commands::change::person_changes,
            // Promotion readiness.
            commands::readiness::readiness_of,
            commands::readiness::open_readiness,
            commands::readiness::set_readiness_requirement,
            commands::readiness::set_readiness_role,
            commands::readiness::add_readiness_skill,
            commands::readiness::set_readiness_skill,
            commands::readiness::remove_readiness_skill,
            commands::readiness::skill_gap_to_goal,
            commands::readiness::readiness_moved,
            commands::readiness::add_readiness_advocate,
            commands::readiness::edit_readiness_advocate,
            commands::readiness::add_advocacy_action,
            commands::readiness::advocacy_action_to_activity,
            commands::readiness::decide_readiness,
            commands::readiness::team_readiness,
            // Excel workbooks: export and import.
            commands::workbooks::export_workbook,
            commands::workbooks::preview_import,
            commands::workbooks::apply_import,
            commands::workbooks::cancel_import,
            // The dashboard and the audit trail shown on records.
            commands::dashboard::dashboard,
            commands::audit::record_history,
            commands::audit::change_score_history,
        ]
    };
}

/// Builds and runs the app: one window per database (see [`single_instance`]).
pub fn run() {
    let listener = match state::path_from_env().map(|p| single_instance::claim(&p)) {
        Ok(Ok(single_instance::Claim::Running)) => {
            eprintln!(
                "Ladder is already open on this database: its window was brought to the front."
            );
            return;
        }
        Ok(Ok(single_instance::Claim::First(listener))) => Some(listener),
        // Without the guard the app still opens: a second window is the lesser harm.
        _ => None,
    };
    let socket = listener.as_ref().map(|l| l.path().to_path_buf());
    tauri::Builder::default()
        // The native save and open dialogs, opened from Rust only (see `dialogs`): the
        // window is granted none of the plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        // Managed before any window exists: a close can be asked for at once.
        .manage(close_guard::CloseGuard::default())
        .setup(move |app| {
            let state = state::AppState::open_from_env();
            state.start();
            app.manage(state);
            app.manage(commands::workbooks::PendingImport::default());
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                listener.serve(move || {
                    if let Some(window) = handle.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                });
            }
            Ok(())
        })
        .invoke_handler(handlers!())
        // A close waits on the page's answer while it may hold typing not saved.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let guard = window.state::<close_guard::CloseGuard>();
                if guard.hold(std::time::Instant::now()) {
                    api.prevent_close();
                }
            }
        })
        .build(tauri::generate_context!())
        .expect("Ladder could not start its window")
        .run(move |_, event| {
            if let (tauri::RunEvent::Exit, Some(socket)) = (event, &socket) {
                let _ = std::fs::remove_file(socket);
            }
        });
}
