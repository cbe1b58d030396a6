// Every app command gets an `allow-…` permission; capabilities/main.json grants the main
// window exactly the ones it uses. Keep this list and `handlers!` in src/lib.rs together.
const COMMANDS: &[&str] = &[
    "app_info",
    "whoami",
    "set_me",
    "load_demo",
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
    // Change management (ADKAR).
    "list_changes",
    "get_change",
    "add_change",
    "add_stakeholder",
    "assess_stakeholder",
    "change_rollup",
    "change_plan",
    "suggest_change_actions",
    "change_findings",
    "raci_chart",
    "add_raci_activity",
    "assign_raci_role",
    "person_changes",
    // Promotion readiness.
    "readiness_of",
    "open_readiness",
    "set_readiness_requirement",
    "set_readiness_role",
    "add_readiness_skill",
    "set_readiness_skill",
    "skill_gap_to_goal",
    "decide_readiness",
    "team_readiness",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
