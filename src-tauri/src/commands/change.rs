//! ADKAR change management: the register, stakeholders and their scores, the rollup,
//! the phase plan, the checks, RACI charts, and one person's changes.

use ladder::change::{
    self, Assessment, Change, ChangeAction, ChangeFinding, NewAssessment, NewChange,
    NewStakeholder, PersonChange, PhasePlan, RaciActivity, RaciChart, RaciRole, Rollup,
    Stakeholder,
};
use ladder::validate;
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn list_changes(state: State<'_, AppState>) -> CmdResult<Vec<Change>> {
    state.with(change::list)
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_change(state: State<'_, AppState>, id: String) -> CmdResult<Change> {
    state.with(|db| change::get(db, &id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_change(state: State<'_, AppState>, change: NewChange) -> CmdResult<Change> {
    state.with(|db| change::add(db, change))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_stakeholder(
    state: State<'_, AppState>,
    change_id: String,
    stakeholder: NewStakeholder,
) -> CmdResult<Stakeholder> {
    state.with(|db| change::add_stakeholder(db, &change_id, stakeholder))
}

/// Scores a stakeholder on the five elements (A-D-K-A-R order), on the date given or today.
#[tauri::command(rename_all = "snake_case")]
pub fn assess_stakeholder(
    state: State<'_, AppState>,
    stakeholder_id: String,
    scores: [f64; 5],
    on: Option<String>,
) -> CmdResult<Assessment> {
    state.with(|db| {
        let assessed_on =
            validate::optional_date("assessed_on", on.as_deref())?.unwrap_or_else(today);
        change::assess(
            db,
            NewAssessment {
                stakeholder_id,
                assessed_on,
                scores,
                notes: Default::default(),
            },
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn change_rollup(state: State<'_, AppState>, change_id: String) -> CmdResult<Rollup> {
    state.with(|db| change::rollup(db, &change_id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn change_plan(state: State<'_, AppState>, change_id: String) -> CmdResult<PhasePlan> {
    state.with(|db| change::phase_plan(db, &change_id))
}

/// Adds the starter actions the plan does not have yet.
#[tauri::command(rename_all = "snake_case")]
pub fn suggest_change_actions(
    state: State<'_, AppState>,
    change_id: String,
) -> CmdResult<Vec<ChangeAction>> {
    state.with(|db| change::suggest(db, &change_id))
}

/// The checks of one change, as of today.
#[tauri::command(rename_all = "snake_case")]
pub fn change_findings(
    state: State<'_, AppState>,
    change_id: String,
) -> CmdResult<Vec<ChangeFinding>> {
    state.with(|db| change::check(db, Some(&change_id), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn raci_chart(state: State<'_, AppState>, change_id: String) -> CmdResult<RaciChart> {
    state.with(|db| change::chart(db, &change_id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_raci_activity(
    state: State<'_, AppState>,
    change_id: String,
    name: String,
) -> CmdResult<RaciActivity> {
    state.with(|db| change::add_raci_activity(db, &change_id, &name))
}

/// Gives a person a role in an activity; no role takes theirs away.
#[tauri::command(rename_all = "snake_case")]
pub fn assign_raci_role(
    state: State<'_, AppState>,
    activity_id: String,
    person_id: String,
    role: Option<RaciRole>,
) -> CmdResult<RaciActivity> {
    state.with(|db| change::assign_role(db, &activity_id, &person_id, role))
}

/// Every change a person is a stakeholder in, with their latest scores and barrier.
#[tauri::command(rename_all = "snake_case")]
pub fn person_changes(
    state: State<'_, AppState>,
    person_id: String,
) -> CmdResult<Vec<PersonChange>> {
    state.with(|db| change::person_view(db, &person_id))
}
