//! The competency library (add, rename, behaviours, retire, restore) and ratings.

use ladder::competencies::{self, Competency, Level, NewRating, Rater, Rating};
use ladder::{validate, Result};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn list_competencies(state: State<'_, AppState>) -> CmdResult<Vec<Competency>> {
    state.with(|db| competencies::list(db, false))
}

/// The whole library, retired competencies included (they keep their history).
#[tauri::command(rename_all = "snake_case")]
pub fn competency_library(state: State<'_, AppState>) -> CmdResult<Vec<Competency>> {
    state.with(|db| competencies::list(db, true))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_competency(
    state: State<'_, AppState>,
    name: String,
    description: String,
    behaviours: Vec<String>,
) -> CmdResult<Competency> {
    state.with(|db| competencies::add(db, &name, &description, &behaviours))
}

/// Renames a competency and replaces its behaviours, either or both, in one write.
#[tauri::command(rename_all = "snake_case")]
pub fn edit_competency(
    state: State<'_, AppState>,
    id: String,
    name: Option<String>,
    behaviours: Option<Vec<String>>,
) -> CmdResult<Competency> {
    state.with(|db| competencies::edit(db, &id, name.as_deref(), behaviours.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn retire_competency(state: State<'_, AppState>, id: String) -> CmdResult<Competency> {
    state.with(|db| competencies::retire(db, &id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn restore_competency(state: State<'_, AppState>, id: String) -> CmdResult<Competency> {
    state.with(|db| competencies::restore(db, &id))
}

/// A rating, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RatingForm {
    pub person_id: String,
    pub competency_id: String,
    pub level: Level,
    pub rater: Rater,
    pub rater_name: Option<String>,
    pub score: i64,
    pub rated_on: String,
    #[serde(default)]
    pub evidence: String,
}

impl RatingForm {
    pub fn parse(self) -> Result<NewRating> {
        Ok(NewRating {
            rated_on: validate::date("rated_on", &self.rated_on)?,
            person_id: self.person_id,
            competency_id: self.competency_id,
            level: self.level,
            rater: self.rater,
            rater_name: self.rater_name.filter(|n| !n.trim().is_empty()),
            score: self.score,
            evidence: self.evidence,
        })
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn rate_competency(state: State<'_, AppState>, form: RatingForm) -> CmdResult<Rating> {
    state.with(|db| competencies::rate(db, form.parse()?, today()))
}

/// A person's ratings, oldest first, of one competency or of all.
#[tauri::command(rename_all = "snake_case")]
pub fn rating_history(
    state: State<'_, AppState>,
    person_id: String,
    competency_id: Option<String>,
) -> CmdResult<Vec<Rating>> {
    state.with(|db| competencies::history(db, &person_id, competency_id.as_deref()))
}
