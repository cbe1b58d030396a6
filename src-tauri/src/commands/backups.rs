//! Backups from the Settings screen: the list beside the database and "back up now".

use ladder::backup::{self, BackupFile, Reason};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Every backup of the open database, newest first (none for a database in memory).
#[tauri::command(rename_all = "snake_case")]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupFile>> {
    match state.path() {
        Some(path) => backup::list(path).map_err(Into::into),
        None => Ok(Vec::new()),
    }
}

/// A backup now, as `ladder backup` takes it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupFile> {
    state.with(|db| backup::create(db, Reason::Manual))
}
