//! The database, opened once when the app starts and shared by every command.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use ladder::backup::{self, Daily};
use ladder::dashboard::{self, Dashboard};
use ladder::{profile, store, Db};

use crate::error::{CmdResult, CommandError};

/// The app's state: the open database, or why it could not be opened (the window then
/// says so instead of failing on every command).
pub struct AppState {
    db: Result<Arc<Mutex<Db>>, CommandError>,
    path: Option<PathBuf>,
    backup_warning: Option<String>,
    /// The Dashboard being read while the window starts (see [`AppState::read_dashboard_early`]).
    early_dashboard: Mutex<Option<JoinHandle<Option<EarlyDashboard>>>>,
}

/// The Dashboard as read at start, with the day and the database's content mark it was
/// read at: it stands only while both are unchanged.
struct EarlyDashboard {
    day: NaiveDate,
    mark: (i64, i64),
    dashboard: Dashboard,
}

impl AppState {
    /// Opens the database at `LADDER_DB`, or at the per-user default path.
    pub fn open_from_env() -> Self {
        match path_from_env() {
            Ok(p) => Self::open(p),
            Err(e) => AppState::new(Err(e.into()), None, None),
        }
    }

    fn new(
        db: Result<Db, CommandError>,
        path: Option<PathBuf>,
        backup_warning: Option<String>,
    ) -> Self {
        AppState {
            db: db.map(|db| Arc::new(Mutex::new(db))),
            path,
            backup_warning,
            early_dashboard: Mutex::new(None),
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
            Ok((db, daily)) => {
                let warning = match daily {
                    Daily::Failed(e) => Some(format!("Today's backup could not be taken: {e}")),
                    _ => None,
                };
                AppState::new(Ok(db), Some(path), warning)
            }
            Err(e) => AppState::new(Err(e.into()), Some(path), None),
        }
    }

    /// An in-memory database, for the shell's own tests.
    pub fn in_memory() -> Self {
        AppState::new(Db::open_in_memory().map_err(Into::into), None, None)
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
        f(&lock(db)).map_err(Into::into)
    }

    /// Starts reading the Dashboard, the first screen, on another thread. The window takes
    /// a third of a second to start before it asks, about as long as the read takes at
    /// 10,000 people: on a second core the two overlap. Nobody to show it to (the first
    /// run) reads nothing.
    pub fn read_dashboard_early(&self) {
        let Ok(db) = &self.db else { return };
        let db = Arc::clone(db);
        let reading = std::thread::spawn(move || {
            let db = lock(&db);
            profile::whoami(&db).ok()??;
            let day = today();
            let dashboard = dashboard::summary(&db, day).ok()?;
            let mark = db.content_mark().ok()?;
            Some(EarlyDashboard {
                day,
                mark,
                dashboard,
            })
        });
        *lock(&self.early_dashboard) = Some(reading);
    }

    /// The Dashboard today: the one read at start while nothing has been written since and
    /// the day has not turned, else read now. The early one is offered once.
    pub fn dashboard(&self) -> CmdResult<Dashboard> {
        let early = lock(&self.early_dashboard)
            .take()
            .and_then(|reading| reading.join().ok().flatten());
        self.with(|db| {
            let day = today();
            match early {
                Some(e) if e.day == day && db.content_mark()? == e.mark => Ok(e.dashboard),
                _ => dashboard::summary(db, day),
            }
        })
    }
}

/// A lock that a panic while it was held does not make unusable: every write is one
/// transaction, so nothing is left half done behind it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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

    /// Waits until the Dashboard read at start is done, as the window's first call would.
    fn early_read_done(state: &AppState) {
        while !lock(&state.early_dashboard)
            .as_ref()
            .is_none_or(|reading| reading.is_finished())
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    #[test]
    fn the_dashboard_read_at_start_is_shown_while_nothing_changed() {
        let state = AppState::in_memory();
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        state.read_dashboard_early();
        early_read_done(&state);
        let shown = serde_json::to_value(state.dashboard().unwrap()).unwrap();
        let now = state.with(|db| dashboard::summary(db, today())).unwrap();
        assert_eq!(shown, serde_json::to_value(now).unwrap());
    }

    #[test]
    fn a_write_after_the_dashboard_read_at_start_is_on_the_dashboard() {
        let state = AppState::in_memory();
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        let me = state.with(profile::whoami).unwrap().unwrap();
        state.read_dashboard_early();
        early_read_done(&state);
        let before = state.with(|db| dashboard::summary(db, today())).unwrap();

        state
            .with(|db| {
                ladder::people::add(
                    db,
                    ladder::people::NewPerson {
                        name: "Noor Haddad".into(),
                        manager_id: Some(me.person_id.clone()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!(state.dashboard().unwrap().people, before.people + 1);
    }

    #[test]
    fn the_first_run_reads_no_dashboard_early_and_the_dashboard_still_answers() {
        let state = AppState::in_memory();
        state.read_dashboard_early();
        early_read_done(&state);
        assert!(lock(&state.early_dashboard)
            .take()
            .is_some_and(|reading| reading.join().unwrap().is_none()));
        assert_eq!(state.dashboard().unwrap().people, 0);
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
