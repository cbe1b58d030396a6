//! The manager's dashboard.

use ladder::dashboard::Dashboard;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The Dashboard, read at start when nothing has changed since (see
/// [`AppState::start`]).
#[tauri::command(async, rename_all = "snake_case")]
pub fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    state.dashboard()
}
