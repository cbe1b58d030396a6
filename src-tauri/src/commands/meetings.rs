//! Development meetings: the prepared agenda, notes in the four standing sections, action
//! items (and turning one into a plan activity), scheduling and cadence.

use ladder::meetings::{self, ActionItem, ActionOwner, Agenda, Cadence, Conversion, Meeting};
use ladder::meetings::{NewAction, Section};
use ladder::people::Person;
use ladder::plans::{Activity, Phase, Resource};
use ladder::{validate, Result};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn cadence_of(state: State<'_, AppState>, person_id: String) -> CmdResult<Option<Cadence>> {
    state.with(|db| Ok(meetings::cadence(db, &[person_id], today())?.pop()))
}

/// A new action item, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionForm {
    pub description: String,
    pub owner: ActionOwner,
    pub due_date: Option<String>,
}

impl ActionForm {
    pub fn parse(self) -> Result<NewAction> {
        Ok(NewAction {
            due_date: validate::optional_date("due_date", self.due_date.as_deref())?,
            description: self.description,
            owner: self.owner,
        })
    }
}

/// How an action item becomes a plan activity, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConversionForm {
    pub goal_id: String,
    pub phase: Phase,
    pub resource: Resource,
    pub description: Option<String>,
    pub target_date: Option<String>,
}

impl ConversionForm {
    pub fn parse(self) -> Result<Conversion> {
        Ok(Conversion {
            target_date: validate::optional_date("target_date", self.target_date.as_deref())?,
            goal_id: self.goal_id,
            phase: self.phase,
            resource: self.resource,
            description: self.description.filter(|d| !d.trim().is_empty()),
        })
    }
}

/// An action item and the plan activity it became.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Converted {
    pub action: ActionItem,
    pub activity: Activity,
}

/// The agenda of a person's next development meeting, as of today.
#[tauri::command(rename_all = "snake_case")]
pub fn prepare_meeting(state: State<'_, AppState>, person_id: String) -> CmdResult<Agenda> {
    state.with(|db| meetings::prepare(db, &person_id, today()))
}

/// A person's meetings, newest first.
#[tauri::command(rename_all = "snake_case")]
pub fn list_meetings(state: State<'_, AppState>, person_id: String) -> CmdResult<Vec<Meeting>> {
    state.with(|db| meetings::list(db, &person_id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Meeting> {
    state.with(|db| meetings::get(db, &id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn schedule_meeting(
    state: State<'_, AppState>,
    person_id: String,
    on: String,
) -> CmdResult<Meeting> {
    state.with(|db| meetings::schedule(db, &person_id, validate::date("scheduled_on", &on)?))
}

#[tauri::command(rename_all = "snake_case")]
pub fn reschedule_meeting(
    state: State<'_, AppState>,
    id: String,
    on: String,
) -> CmdResult<Meeting> {
    state.with(|db| meetings::reschedule(db, &id, validate::date("scheduled_on", &on)?))
}

/// Cancels a scheduled meeting; it stays in the history as cancelled.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Meeting> {
    state.with(|db| meetings::cancel(db, &id))
}

/// Records the meeting as held (on the date given or today) and schedules the next one.
#[tauri::command(rename_all = "snake_case")]
pub fn hold_meeting(
    state: State<'_, AppState>,
    id: String,
    on: Option<String>,
    next: Option<String>,
) -> CmdResult<Meeting> {
    state.with(|db| {
        let on = match validate::optional_date("held_on", on.as_deref())? {
            Some(on) => on,
            None => meetings::get(db, &id)?.held_on_by_default(today()),
        };
        let next = validate::optional_date("next_meeting", next.as_deref())?;
        meetings::hold(db, &id, on, next, today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn write_meeting_notes(
    state: State<'_, AppState>,
    id: String,
    section: Section,
    body: String,
) -> CmdResult<Meeting> {
    state.with(|db| meetings::write_notes(db, &id, section, &body))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_action_item(
    state: State<'_, AppState>,
    meeting_id: String,
    form: ActionForm,
) -> CmdResult<ActionItem> {
    state.with(|db| meetings::add_action(db, &meeting_id, form.parse()?))
}

/// Marks an action item done today.
#[tauri::command(rename_all = "snake_case")]
pub fn close_action_item(state: State<'_, AppState>, id: String) -> CmdResult<ActionItem> {
    state.with(|db| meetings::close_action(db, &id, today(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn reopen_action_item(state: State<'_, AppState>, id: String) -> CmdResult<ActionItem> {
    state.with(|db| meetings::reopen_action(db, &id))
}

/// Turns an open action item into an activity of one of the person's goals.
#[tauri::command(rename_all = "snake_case")]
pub fn convert_action_item(
    state: State<'_, AppState>,
    id: String,
    form: ConversionForm,
) -> CmdResult<Converted> {
    state.with(|db| {
        let (action, activity) = meetings::convert_action(db, &id, form.parse()?, today())?;
        Ok(Converted { action, activity })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_cadence(state: State<'_, AppState>, person_id: String, days: i64) -> CmdResult<Person> {
    state.with(|db| meetings::set_cadence(db, &person_id, days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::competencies::RatingForm;
    use crate::error::CommandError;
    use ladder::competencies::{Level, Rater};
    use ladder::plans::ResourceKind;

    #[test]
    fn bad_dates_cross_as_the_cores_field_errors() {
        let action = ActionForm {
            description: "Shadow Aisha".into(),
            owner: ActionOwner::Associate,
            due_date: Some("2026-02-30".into()),
        };
        let err = CommandError::from(action.parse().unwrap_err());
        assert_eq!(err.field.as_deref(), Some("due_date"));
        assert_eq!(err.code, "invalid_input");

        let conv = ConversionForm {
            goal_id: "g".into(),
            phase: Phase::Practice,
            resource: Resource::named(ResourceKind::Person, "Aisha"),
            description: Some("  ".into()),
            target_date: Some("soon".into()),
        };
        assert_eq!(conv.parse().unwrap_err().field(), Some("target_date"));

        let rating = RatingForm {
            person_id: "p".into(),
            competency_id: "c".into(),
            level: Level::Current,
            rater: Rater::Manager,
            rater_name: Some(String::new()),
            score: 3,
            rated_on: "2026-4-1".into(),
            evidence: String::new(),
        };
        assert_eq!(rating.parse().unwrap_err().field(), Some("rated_on"));
    }

    #[test]
    fn blank_optional_text_means_use_the_default() {
        let conv = ConversionForm {
            goal_id: "g".into(),
            phase: Phase::Practice,
            resource: Resource::named(ResourceKind::Person, "Aisha"),
            description: Some("  ".into()),
            target_date: Some(String::new()),
        }
        .parse()
        .unwrap();
        assert_eq!(conv.description, None);
        assert_eq!(conv.target_date, None);
    }
}
