//! The manager's dashboard.

use ladder::dashboard::{self, Dashboard};
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    state.with(|db| dashboard::summary(db, today()))
}
