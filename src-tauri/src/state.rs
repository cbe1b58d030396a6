//! The database, opened once when the app starts and shared by every command.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use ladder::backup::{self, Daily};
use ladder::{store, Db};

use crate::error::{CmdResult, CommandError};

/// The app's state: the open database, or why it could not be opened (the window then
/// says so instead of failing on every command).
pub struct AppState {
    db: Result<Mutex<Db>, CommandError>,
    path: Option<PathBuf>,
    backup_warning: Option<String>,
}

impl AppState {
    /// Opens the database at `LADDER_DB`, or at the per-user default path.
    pub fn open_from_env() -> Self {
        match path_from_env() {
            Ok(p) => Self::open(p),
            Err(e) => AppState {
                db: Err(e.into()),
                path: None,
                backup_warning: None,
            },
        }
    }

    /// Opens (creating if needed) the database at `path` and takes the day's backup, as
    /// every front end does when it starts. A backup that cannot be taken is a warning; a
    /// database whose copy fails the integrity check is not opened.
    pub fn open(path: PathBuf) -> Self {
        let opened = Db::open(&path).and_then(|db| {
            let daily = backup::on_start(&db, today())?;
            Ok((db, daily))
        });
        match opened {
            Ok((db, daily)) => AppState {
                db: Ok(Mutex::new(db)),
                path: Some(path),
                backup_warning: match daily {
                    Daily::Failed(e) => Some(format!("Today's backup could not be taken: {e}")),
                    _ => None,
                },
            },
            Err(e) => AppState {
                db: Err(e.into()),
                path: Some(path),
                backup_warning: None,
            },
        }
    }

    /// An in-memory database, for the shell's own tests.
    pub fn in_memory() -> Self {
        AppState {
            db: Db::open_in_memory().map(Mutex::new).map_err(Into::into),
            path: None,
            backup_warning: None,
        }
    }

    /// Where the database lives, when known.
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Why today's backup was not taken at start, if it failed.
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
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

    #[test]
    fn the_app_takes_the_days_backup_when_it_opens_an_existing_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ladder.db");
        drop(Db::open(&path).unwrap());
        assert!(backup::list(&path).unwrap().is_empty());

        let state = AppState::open(path.clone());
        assert!(state.backup_warning().is_none());
        let taken = backup::list(&path).unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].reason, backup::Reason::Daily);
        drop(state);

        // At most one a day: a second start the same day takes none.
        drop(AppState::open(path.clone()));
        assert_eq!(backup::list(&path).unwrap().len(), 1);
    }
}
