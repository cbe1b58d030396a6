//! The team overview.

use ladder::overview::{self, Overview};
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async, rename_all = "snake_case")]
pub fn team_overview(state: State<'_, AppState>) -> CmdResult<Overview> {
    state.with(|db| overview::team(db, today()))
}
