//! The audit trail shown on records: who changed what, and when.

use ladder::audit::{self, Entry};
use ladder::change;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Every entry about these records (goals, activities, ratings, readiness assessments),
/// oldest first.
#[tauri::command(rename_all = "snake_case")]
pub fn record_history(state: State<'_, AppState>, ids: Vec<String>) -> CmdResult<Vec<Entry>> {
    state.with(|db| audit::of_records(db, &ids))
}

/// Every entry about the scores of one change, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub fn change_score_history(
    state: State<'_, AppState>,
    change_id: String,
) -> CmdResult<Vec<Entry>> {
    state.with(|db| change::score_trail(db, &change_id))
}
