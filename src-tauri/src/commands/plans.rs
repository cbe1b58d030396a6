//! Learn–Practice–Feedback plans: goals, activities and the plan checks.

use ladder::checks::{self, Finding};
use ladder::plans::{self, Activity, Goal, GoalPatch, NewGoal};
use ladder::validate;
use tauri::State;

use crate::error::CmdResult;
use crate::forms::{ActivityEdit, ActivityForm};
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn plan_of(state: State<'_, AppState>, person_id: String) -> CmdResult<Vec<Goal>> {
    state.with(|db| plans::plan(db, &person_id))
}

/// Every plan check finding for one person, as of today.
#[tauri::command(rename_all = "snake_case")]
pub fn plan_findings(state: State<'_, AppState>, person_id: String) -> CmdResult<Vec<Finding>> {
    state.with(|db| checks::run(db, &[person_id], today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_goal(state: State<'_, AppState>, goal: NewGoal) -> CmdResult<Goal> {
    state.with(|db| plans::add_goal(db, goal))
}

#[tauri::command(rename_all = "snake_case")]
pub fn edit_goal(state: State<'_, AppState>, id: String, patch: GoalPatch) -> CmdResult<Goal> {
    state.with(|db| plans::edit_goal(db, &id, patch))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_activity(state: State<'_, AppState>, form: ActivityForm) -> CmdResult<Activity> {
    state.with(|db| plans::add_activity(db, form.parse()?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn edit_activity(
    state: State<'_, AppState>,
    id: String,
    edit: ActivityEdit,
) -> CmdResult<Activity> {
    state.with(|db| plans::edit_activity(db, &id, edit.parse()?))
}

/// Marks an activity done, on the date given or today.
#[tauri::command(rename_all = "snake_case")]
pub fn complete_activity(
    state: State<'_, AppState>,
    id: String,
    on: Option<String>,
) -> CmdResult<Activity> {
    state.with(|db| {
        let on = validate::optional_date("completed_on", on.as_deref())?.unwrap_or_else(today);
        plans::complete_activity(db, &id, on, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn reopen_activity(state: State<'_, AppState>, id: String) -> CmdResult<Activity> {
    state.with(|db| plans::reopen_activity(db, &id))
}
