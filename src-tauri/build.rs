// Every app command gets an `allow-…` permission; capabilities/main.json grants the main
// window exactly the ones it uses. Keep this list and `handlers!` in src/lib.rs together.
const COMMANDS: &[&str] = &[
    "app_info",
    "whoami",
    "set_me",
    "load_demo",
    "list_backups",
    "backup_now",
    "list_people",
    "get_person",
    "add_person",
    "direct_reports",
    "team_overview",
    "plan_of",
    "plan_findings",
    "add_goal",
    "edit_goal",
    "add_activity",
    "edit_activity",
    "complete_activity",
    "reopen_activity",
    "list_competencies",
    "cadence_of",
    // Meetings, competencies, archiving people.
    "prepare_meeting",
    "list_meetings",
    "get_meeting",
    "schedule_meeting",
    "reschedule_meeting",
    "hold_meeting",
    "write_meeting_notes",
    "add_action_item",
    "close_action_item",
    "reopen_action_item",
    "convert_action_item",
    "set_cadence",
    "competency_library",
    "add_competency",
    "rename_competency",
    "set_behaviours",
    "retire_competency",
    "restore_competency",
    "rate_competency",
    "rating_history",
    "archive_person",
    "restore_person",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
