//! Backups from the Settings screen: the list beside the database, "back up now" and
//! restoring one.

use std::path::Path;

use ladder::backup::{self, BackupFile, Reason, Restored, SetAside};
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

/// The files restores kept aside beside the database, newest first: putting one back
/// undoes its restore, after a restart too.
#[tauri::command(rename_all = "snake_case")]
pub fn list_set_aside(state: State<'_, AppState>) -> CmdResult<Vec<SetAside>> {
    match state.path() {
        Some(path) => backup::set_aside(path).map_err(Into::into),
        None => Ok(Vec::new()),
    }
}

/// A backup now, as `ladder backup` takes it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupFile> {
    state.with(|db| backup::create(db, Reason::Manual))
}

/// Puts one of the database's own copies in place of it: a backup, or the file an
/// earlier restore kept aside (which undoes that restore).
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> CmdResult<Restored> {
    let file = Path::new(&path);
    if let Some(db_path) = state.path() {
        own_copy(db_path, file)?;
    }
    state.restore(file)
}

/// Refuses any file but the database's own copies: the window names a copy from its
/// list, never a path of its own. Paths are compared as the file system resolves them,
/// so `LADDER_DB=ladder.db` and `./ladder-replaced-….db` meet.
fn own_copy(db_path: &Path, file: &Path) -> ladder::Result<()> {
    let resolved = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let wanted = resolved(file);
    if backup::copies(db_path)?
        .iter()
        .any(|c| resolved(c) == wanted)
    {
        return Ok(());
    }
    Err(ladder::Error::BadBackup {
        path: file.to_path_buf(),
        reason: "it is not one of this database's backups".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder::Db;

    #[test]
    fn only_the_databases_own_copies_can_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("ladder.db");
        let db = Db::open(&db_path).unwrap();
        let taken = backup::create(&db, Reason::Manual).unwrap();
        let aside = dir.path().join("ladder-replaced-20261207T101502.123Z.db");
        std::fs::copy(&taken.path, &aside).unwrap();
        let elsewhere = dir.path().join("copy.db");
        std::fs::copy(&taken.path, &elsewhere).unwrap();

        own_copy(&db_path, &taken.path).unwrap();
        own_copy(&db_path, &aside).unwrap();
        // The same file named another way is the same copy.
        own_copy(
            &db_path,
            &dir.path()
                .join("backups/../ladder-replaced-20261207T101502.123Z.db"),
        )
        .unwrap();
        let err = own_copy(&db_path, &elsewhere).unwrap_err();
        assert_eq!(err.code(), "bad_backup");
        assert!(
            err.to_string()
                .contains("it is not one of this database's backups"),
            "{err}"
        );
        assert_eq!(
            own_copy(&db_path, &db_path).unwrap_err().code(),
            "bad_backup"
        );
    }
}
