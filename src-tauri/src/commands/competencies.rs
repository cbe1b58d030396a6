//! The competency library.

use ladder::competencies::{self, Competency};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub fn list_competencies(state: State<'_, AppState>) -> CmdResult<Vec<Competency>> {
    state.with(|db| competencies::list(db, false))
}
