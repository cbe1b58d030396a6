//! ADKAR change management: the register, stakeholders and their scores, the rollup,
//! the phase plan, the checks, RACI charts, and one person's changes.

use ladder::change::{
    self, ActionStatus, Assessment, Change, ChangeAction, ChangeActionPatch, ChangeFinding,
    ChangePatch, ChangeStatus, Element, Influencer, InfluencerPatch, NewAssessment, NewChange,
    NewChangeAction, NewInfluencer, NewStakeholder, PersonChange, PhasePlan, RaciActivity,
    RaciChart, RaciRole, RemovedStakeholder, Rollup, Stakeholder,
};
use ladder::{validate, Result};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

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

/// Edits the register fields of a change; an absent field stays as it is.
#[tauri::command(rename_all = "snake_case")]
pub fn edit_change(
    state: State<'_, AppState>,
    id: String,
    patch: ChangePatch,
) -> CmdResult<Change> {
    state.with(|db| change::edit(db, &id, patch))
}

/// Moves a change forward to a later status.
#[tauri::command(rename_all = "snake_case")]
pub fn set_change_status(
    state: State<'_, AppState>,
    id: String,
    status: ChangeStatus,
) -> CmdResult<Change> {
    state.with(|db| change::set_status(db, &id, status))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_stakeholder(
    state: State<'_, AppState>,
    change_id: String,
    stakeholder: NewStakeholder,
) -> CmdResult<Stakeholder> {
    state.with(|db| change::add_stakeholder(db, &change_id, stakeholder))
}

/// Takes a stakeholder off a change with their assessments.
#[tauri::command(rename_all = "snake_case")]
pub fn remove_stakeholder(
    state: State<'_, AppState>,
    stakeholder_id: String,
) -> CmdResult<RemovedStakeholder> {
    state.with(|db| change::remove_stakeholder(db, &stakeholder_id))
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
            today(),
        )
    })
}

#[tauri::command(async, rename_all = "snake_case")]
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

/// A new action of the phase plan, as typed. No owner: the change's owner.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangeActionForm {
    pub element: Element,
    pub description: String,
    pub owner_id: Option<String>,
    pub due_date: Option<String>,
}

impl ChangeActionForm {
    pub fn parse(self, change_id: String) -> Result<NewChangeAction> {
        Ok(NewChangeAction {
            due_date: validate::optional_date("due_date", self.due_date.as_deref())?,
            change_id,
            element: self.element,
            description: self.description,
            owner_id: self.owner_id,
        })
    }
}

/// A change to an action of the phase plan, as typed: an absent field stays as it is, an
/// empty due date clears it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ChangeActionEdit {
    pub element: Option<Element>,
    pub description: Option<String>,
    pub owner_id: Option<String>,
    pub due_date: Option<String>,
    pub status: Option<ActionStatus>,
}

impl ChangeActionEdit {
    pub fn parse(self) -> Result<ChangeActionPatch> {
        let due_date = match self.due_date.as_deref() {
            Some(d) => Some(validate::optional_date("due_date", Some(d))?),
            None => None,
        };
        Ok(ChangeActionPatch {
            due_date,
            element: self.element,
            description: self.description,
            owner_id: self.owner_id,
            status: self.status,
        })
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_change_action(
    state: State<'_, AppState>,
    change_id: String,
    form: ChangeActionForm,
) -> CmdResult<ChangeAction> {
    state.with(|db| change::add_action(db, form.parse(change_id)?))
}

/// Edits an action of the phase plan: its text, owner, due date, element or status.
#[tauri::command(rename_all = "snake_case")]
pub fn edit_change_action(
    state: State<'_, AppState>,
    id: String,
    edit: ChangeActionEdit,
) -> CmdResult<ChangeAction> {
    state.with(|db| change::edit_action(db, &id, edit.parse()?))
}

/// Records an influential associate consulted for Desire.
#[tauri::command(rename_all = "snake_case")]
pub fn add_influencer(
    state: State<'_, AppState>,
    influencer: NewInfluencer,
) -> CmdResult<Influencer> {
    state.with(|db| change::add_influencer(db, influencer))
}

/// Updates what an influential associate said: concerns, questions, expected reactions.
#[tauri::command(rename_all = "snake_case")]
pub fn edit_influencer(
    state: State<'_, AppState>,
    change_id: String,
    person_id: String,
    patch: InfluencerPatch,
) -> CmdResult<Influencer> {
    state.with(|db| change::edit_influencer(db, &change_id, &person_id, patch))
}

/// Stops consulting an associate for a change.
#[tauri::command(rename_all = "snake_case")]
pub fn remove_influencer(
    state: State<'_, AppState>,
    change_id: String,
    person_id: String,
) -> CmdResult<Influencer> {
    state.with(|db| change::remove_influencer(db, &change_id, &person_id))
}

/// The checks of one change, as of today.
#[tauri::command(async, rename_all = "snake_case")]
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

/// Takes an activity off a RACI chart, with its roles; returns the chart.
#[tauri::command(rename_all = "snake_case")]
pub fn remove_raci_activity(
    state: State<'_, AppState>,
    activity_id: String,
) -> CmdResult<RaciChart> {
    state.with(|db| {
        let a = change::remove_raci_activity(db, &activity_id)?;
        change::chart(db, &a.change_id)
    })
}

/// Records that the RACI chart was reviewed today.
#[tauri::command(rename_all = "snake_case")]
pub fn review_raci(state: State<'_, AppState>, change_id: String) -> CmdResult<RaciChart> {
    state.with(|db| {
        change::review_raci(db, &change_id, today(), today())?;
        change::chart(db, &change_id)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_edit_keeps_an_absent_due_date_clears_an_empty_one_and_names_a_bad_one() {
        assert_eq!(ChangeActionEdit::default().parse().unwrap().due_date, None);
        let cleared = ChangeActionEdit {
            due_date: Some(" ".into()),
            ..Default::default()
        };
        assert_eq!(cleared.parse().unwrap().due_date, Some(None));
        let bad = ChangeActionEdit {
            due_date: Some("2026-02-30".into()),
            ..Default::default()
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("due_date"));
        let form = ChangeActionForm {
            element: Element::Knowledge,
            description: "Train the leads".into(),
            owner_id: None,
            due_date: Some("2026-13-01".into()),
        };
        assert_eq!(
            form.parse("c".into()).unwrap_err().field(),
            Some("due_date")
        );
    }
}
