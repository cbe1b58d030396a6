//! Promotion readiness: a person's latest assessment and its five requirements, skills
//! gaps that become goals, the decision, and the team at a glance.

use ladder::plans::Phase;
use ladder::promotion::{
    self, ActionToActivity, AdvocacyAction, AdvocacyKind, Advocate, AdvocatePatch, Assessment,
    Comparison, GapGoal, GoalFromGap, Influence, NewAdvocacyAction, NewAdvocate, Relation,
    Requirement, RequirementPatch, RolePatch, Skill, SkillStatus, TeamReadiness, Verdict,
};
use ladder::{validate, Result};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CmdResult;
use crate::state::{today, AppState};

/// A person's latest assessment, if they were ever assessed.
#[tauri::command(rename_all = "snake_case")]
pub fn readiness_of(
    state: State<'_, AppState>,
    person_id: String,
) -> CmdResult<Option<Assessment>> {
    state.with(|db| promotion::latest(db, &person_id))
}

/// Opens an assessment dated today toward a target role or level.
#[tauri::command(rename_all = "snake_case")]
pub fn open_readiness(
    state: State<'_, AppState>,
    person_id: String,
    target: String,
) -> CmdResult<Assessment> {
    state.with(|db| promotion::open(db, &person_id, &target, today(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_readiness_requirement(
    state: State<'_, AppState>,
    id: String,
    requirement: Requirement,
    patch: RequirementPatch,
) -> CmdResult<Assessment> {
    state.with(|db| promotion::set_requirement(db, &id, requirement, patch))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_readiness_role(
    state: State<'_, AppState>,
    id: String,
    patch: RolePatch,
) -> CmdResult<Assessment> {
    state.with(|db| promotion::set_role(db, &id, patch))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_readiness_skill(
    state: State<'_, AppState>,
    assessment_id: String,
    name: String,
    status: SkillStatus,
) -> CmdResult<Skill> {
    state.with(|db| promotion::add_skill(db, &assessment_id, &name, status, ""))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_readiness_skill(
    state: State<'_, AppState>,
    skill_id: String,
    status: SkillStatus,
) -> CmdResult<Skill> {
    state.with(|db| promotion::set_skill(db, &skill_id, status))
}

/// Takes a skill off an assessment; a goal it became stays in the plan.
#[tauri::command(rename_all = "snake_case")]
pub fn remove_readiness_skill(state: State<'_, AppState>, skill_id: String) -> CmdResult<Skill> {
    state.with(|db| promotion::remove_skill(db, &skill_id))
}

/// Turns a skills gap into a development goal (or returns the goal it already has). The
/// competency it develops is `competency_id`, or for a usual skill the one the library
/// pairs it with; for another skill, without one, the error names `competency`.
#[tauri::command(rename_all = "snake_case")]
pub fn skill_gap_to_goal(
    state: State<'_, AppState>,
    skill_id: String,
    competency_id: Option<String>,
) -> CmdResult<GapGoal> {
    let how = GoalFromGap {
        competency_id,
        ..Default::default()
    };
    state.with(|db| promotion::gap_to_goal(db, &skill_id, how))
}

/// Records the manager's verdict, dated today.
#[tauri::command(rename_all = "snake_case")]
pub fn decide_readiness(
    state: State<'_, AppState>,
    id: String,
    verdict: Verdict,
    rationale: String,
) -> CmdResult<Assessment> {
    state.with(|db| promotion::decide(db, &id, verdict, &rationale, today(), today()))
}

/// What moved between a person's last two assessments; `None` before the second.
#[tauri::command(rename_all = "snake_case")]
pub fn readiness_moved(
    state: State<'_, AppState>,
    person_id: String,
) -> CmdResult<Option<Comparison>> {
    state.with(|db| promotion::moved(db, &person_id))
}

/// A new advocate, as typed: a person in Ladder, or a name.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AdvocateForm {
    pub person_id: Option<String>,
    pub name: Option<String>,
    pub relation: Relation,
    pub influence: Influence,
    pub last_contact_on: Option<String>,
    #[serde(default)]
    pub notes: String,
}

impl AdvocateForm {
    pub fn parse(self) -> Result<NewAdvocate> {
        Ok(NewAdvocate {
            last_contact_on: validate::optional_date(
                "last_contact_on",
                self.last_contact_on.as_deref(),
            )?,
            person_id: self.person_id,
            name: self.name,
            relation: self.relation,
            influence: self.influence,
            notes: self.notes,
        })
    }
}

/// A change to an advocate, as typed: an absent field stays as it is, an empty last
/// contact clears it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AdvocateEdit {
    pub name: Option<String>,
    pub relation: Option<Relation>,
    pub influence: Option<Influence>,
    pub last_contact_on: Option<String>,
    pub notes: Option<String>,
}

impl AdvocateEdit {
    pub fn parse(self) -> Result<AdvocatePatch> {
        let last_contact_on = match self.last_contact_on.as_deref() {
            Some(d) => Some(validate::optional_date("last_contact_on", Some(d))?),
            None => None,
        };
        Ok(AdvocatePatch {
            last_contact_on,
            name: self.name,
            relation: self.relation,
            influence: self.influence,
            notes: self.notes,
        })
    }
}

/// A new advocacy action, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AdvocacyActionForm {
    pub kind: AdvocacyKind,
    pub description: String,
    pub advocate_id: Option<String>,
    pub due_date: String,
}

impl AdvocacyActionForm {
    pub fn parse(self) -> Result<NewAdvocacyAction> {
        Ok(NewAdvocacyAction {
            due_date: validate::date("due_date", &self.due_date)?,
            kind: self.kind,
            description: self.description,
            advocate_id: self.advocate_id,
        })
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_readiness_advocate(
    state: State<'_, AppState>,
    assessment_id: String,
    advocate: AdvocateForm,
) -> CmdResult<Advocate> {
    state.with(|db| promotion::add_advocate(db, &assessment_id, advocate.parse()?, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn edit_readiness_advocate(
    state: State<'_, AppState>,
    advocate_id: String,
    edit: AdvocateEdit,
) -> CmdResult<Advocate> {
    state.with(|db| promotion::edit_advocate(db, &advocate_id, edit.parse()?, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_advocacy_action(
    state: State<'_, AppState>,
    assessment_id: String,
    action: AdvocacyActionForm,
) -> CmdResult<AdvocacyAction> {
    state.with(|db| promotion::add_action(db, &assessment_id, action.parse()?))
}

/// Turns an advocacy action into an activity of one of the person's goals, once; the
/// activity's resource is the action's advocate.
#[tauri::command(rename_all = "snake_case")]
pub fn advocacy_action_to_activity(
    state: State<'_, AppState>,
    action_id: String,
    goal_id: String,
    phase: Phase,
) -> CmdResult<AdvocacyAction> {
    state.with(|db| {
        let how = ActionToActivity {
            goal_id,
            phase,
            resource: None,
            description: None,
            target_date: None,
        };
        Ok(promotion::action_to_activity(db, &action_id, how)?.0)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn team_readiness(state: State<'_, AppState>) -> CmdResult<TeamReadiness> {
    state.with(|db| promotion::team(db, today()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advocate_and_action_dates_are_parsed_by_the_core_and_an_empty_contact_clears() {
        let form = AdvocateForm {
            person_id: None,
            name: Some("Grace Lin".into()),
            relation: Relation::Hr,
            influence: Influence::High,
            last_contact_on: Some("yesterday".into()),
            notes: String::new(),
        };
        assert_eq!(form.parse().unwrap_err().field(), Some("last_contact_on"));
        assert_eq!(
            AdvocateEdit::default().parse().unwrap().last_contact_on,
            None
        );
        let cleared = AdvocateEdit {
            last_contact_on: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(cleared.parse().unwrap().last_contact_on, Some(None));
        let action = AdvocacyActionForm {
            kind: AdvocacyKind::Visibility,
            description: "Demo".into(),
            advocate_id: None,
            due_date: String::new(),
        };
        assert_eq!(action.parse().unwrap_err().field(), Some("due_date"));
    }
}
