//! The database, opened once when the app starts and shared by every command.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use ladder::{store, Db};

use crate::error::{CmdResult, CommandError};

/// The app's state: the open database, or why it could not be opened (the window then
/// says so instead of failing on every command).
pub struct AppState {
    db: Result<Mutex<Db>, CommandError>,
    path: Option<PathBuf>,
}

impl AppState {
    /// Opens the database at `LADDER_DB`, or at the per-user default path.
    pub fn open_from_env() -> Self {
        match path_from_env() {
            Ok(p) => Self::open(p),
            Err(e) => AppState {
                db: Err(e.into()),
                path: None,
            },
        }
    }

    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: PathBuf) -> Self {
        AppState {
            db: Db::open(&path).map(Mutex::new).map_err(Into::into),
            path: Some(path),
        }
    }

    /// An in-memory database, for the shell's own tests.
    pub fn in_memory() -> Self {
        AppState {
            db: Db::open_in_memory().map(Mutex::new).map_err(Into::into),
            path: None,
        }
    }

    /// Where the database lives, when known.
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Runs `f` with the database. Calls are serialised: SQLite writes one at a time.
    pub fn with<T>(&self, f: impl FnOnce(&Db) -> ladder::Result<T>) -> CmdResult<T> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        let db = db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&db).map_err(Into::into)
    }
}

/// The database the app opens: `LADDER_DB`, or the per-user default path.
pub fn path_from_env() -> ladder::Result<PathBuf> {
    match std::env::var_os("LADDER_DB").filter(|p| !p.is_empty()) {
        Some(p) => Ok(PathBuf::from(p)),
        None => store::default_path(),
    }
}

/// The date business rules are given: today, on this computer's calendar.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_reach_the_core_through_the_state() {
        let state = AppState::in_memory();
        let me = state.with(ladder::profile::whoami).unwrap();
        assert!(me.is_none());
        let summary = state.with(|db| ladder::demo::load(db, today())).unwrap();
        assert!(summary.people > 0);
        let err = state
            .with(|db| ladder::demo::load(db, today()))
            .unwrap_err();
        assert_eq!(err.code, "conflict");
    }

    #[test]
    fn a_database_that_cannot_open_answers_every_command_with_why() {
        let dir = std::env::temp_dir().join(format!("ladder-shell-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = AppState::open(dir.clone());
        let err = state.with(ladder::profile::whoami).unwrap_err();
        assert_eq!(err.code, "not_ladder_database");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
