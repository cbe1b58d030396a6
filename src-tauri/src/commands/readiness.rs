//! Promotion readiness: a person's latest assessment and its five requirements, skills
//! gaps that become goals, the decision, and the team at a glance.

use ladder::promotion::{
    self, Assessment, GapGoal, GoalFromGap, Requirement, RequirementPatch, RolePatch, Skill,
    SkillStatus, TeamReadiness, Verdict,
};
use tauri::State;

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
    state.with(|db| promotion::open(db, &person_id, &target, today()))
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

/// Turns a skills gap into a development goal (or returns the goal it already has).
#[tauri::command(rename_all = "snake_case")]
pub fn skill_gap_to_goal(state: State<'_, AppState>, skill_id: String) -> CmdResult<GapGoal> {
    state.with(|db| promotion::gap_to_goal(db, &skill_id, GoalFromGap::default()))
}

/// Records the manager's verdict, dated today.
#[tauri::command(rename_all = "snake_case")]
pub fn decide_readiness(
    state: State<'_, AppState>,
    id: String,
    verdict: Verdict,
    rationale: String,
) -> CmdResult<Assessment> {
    state.with(|db| promotion::decide(db, &id, verdict, &rationale, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn team_readiness(state: State<'_, AppState>) -> CmdResult<TeamReadiness> {
    state.with(|db| promotion::team(db, today()))
}
