//! Development meetings: where a person stands against their cadence.

use ladder::meetings::{self, Cadence};
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub fn cadence_of(state: State<'_, AppState>, person_id: String) -> CmdResult<Option<Cadence>> {
    state.with(|db| Ok(meetings::cadence(db, &[person_id], today())?.pop()))
}
