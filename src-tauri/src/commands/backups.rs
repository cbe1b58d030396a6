//! Backups from the Settings screen: the list beside the database, "back up now" and
//! restoring one.

use std::path::Path;

use ladder::backup::{self, BackupFile, Reason, Restored};
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

/// Puts one of the database's own copies in place of it: a backup, or the file an
/// earlier restore kept aside (which undoes that restore). Any other file is refused:
/// the window names a copy from its list, never a path of its own.
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> CmdResult<Restored> {
    let file = Path::new(&path);
    if let Some(db_path) = state.path() {
        if !backup::copies(db_path)?.iter().any(|c| c == file) {
            return Err(ladder::Error::invalid(
                "backup",
                format!("{path} is not one of this database's backups"),
            )
            .into());
        }
    }
    state.restore(file)
}
