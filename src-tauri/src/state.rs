//! The database, opened once when the app starts and shared by every command.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use ladder::backup::{self, Daily, Restored};
use ladder::dashboard::{self, Dashboard};
use ladder::{profile, store, Db};

use crate::error::{CmdResult, CommandError};

/// The app's state: the open database, or why it could not be opened (the window then
/// says so instead of failing on every command).
pub struct AppState {
    /// The open database, or why it could not be opened: at start, or again after a
    /// restore. A restore can put it right.
    db: Arc<Mutex<Result<Db, CommandError>>>,
    path: Option<PathBuf>,
    /// The work begun with the window (see [`AppState::start`]) until a command waits for
    /// it; then what it found.
    starting: Mutex<Option<JoinHandle<Started>>>,
    started: Mutex<Started>,
}

/// What the work begun with the window found.
#[derive(Default)]
struct Started {
    /// Why today's backup could not be taken (a full disk, say): the database is fine.
    backup_warning: Option<String>,
    /// The copy of the database failed its integrity check: the database is damaged and
    /// no command uses it.
    damaged: Option<CommandError>,
    /// The Dashboard as read then, offered once (see [`AppState::dashboard`]).
    early_dashboard: Option<EarlyDashboard>,
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
            Err(e) => AppState::new(Err(e.into()), None),
        }
    }

    fn new(db: Result<Db, CommandError>, path: Option<PathBuf>) -> Self {
        AppState {
            db: Arc::new(Mutex::new(db)),
            path,
            starting: Mutex::new(None),
            started: Mutex::new(Started::default()),
        }
    }

    /// Opens (creating if needed) the database at `path`, bringing it to the latest
    /// schema. The day's backup is taken by [`AppState::start`].
    pub fn open(path: PathBuf) -> Self {
        let db = Db::open(&path).map_err(Into::into);
        AppState::new(db, Some(path))
    }

    /// An in-memory database, for the shell's own tests.
    pub fn in_memory() -> Self {
        AppState::new(Db::open_in_memory().map_err(Into::into), None)
    }

    /// Where the database lives, when known.
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Why today's backup was not taken at start, if it failed.
    pub fn backup_warning(&self) -> Option<String> {
        self.settle();
        lock(&self.started).backup_warning.clone()
    }

    /// Runs `f` with the database. Calls are serialised: SQLite writes one at a time.
    pub fn with<T>(&self, f: impl FnOnce(&Db) -> ladder::Result<T>) -> CmdResult<T> {
        self.settle();
        if let Some(damaged) = &lock(&self.started).damaged {
            return Err(damaged.clone());
        }
        match &*lock(&self.db) {
            Ok(db) => f(db).map_err(Into::into),
            Err(why) => Err(why.clone()),
        }
    }

    /// Puts a backup in place of the open database, as `ladder restore` does: the backup
    /// is checked first, and the current file is kept aside, never deleted. The app's own
    /// connection is closed for the swap (it would hold the file) and the database opened
    /// again after, whatever happened: the restored file, or the one that was there when
    /// the restore was refused (its reason is the answer). A restored file passed its
    /// integrity check, so a database found damaged at start, or one that could not be
    /// opened at all, is no longer in the way. Should the restored file then fail to
    /// open, the restore is still what happened: it is the answer, and every command says
    /// why the file did not open, so the window shows that with Undo.
    pub fn restore(&self, file: &Path) -> CmdResult<Restored> {
        let Some(path) = self.path.as_ref() else {
            return Err(ladder::Error::invalid(
                "backup",
                "Ladder has no database file here, so no backups to restore",
            )
            .into());
        };
        self.settle();
        let mut slot = lock(&self.db);
        // Closes the app's connection: the swap needs the file to itself. Were the swap
        // to stop half way (a panic), this is what every command would say.
        *slot = Err(ladder::Error::invalid(
            "database",
            "a restore was under way and did not finish; start Ladder again",
        )
        .into());
        let restored = backup::restore(path, file);
        *slot = Db::open(path).map_err(Into::into);
        let restored = restored?;
        let mut started = lock(&self.started);
        started.damaged = None;
        started.early_dashboard = None;
        Ok(restored)
    }

    /// Begins, on another thread, what a start does besides opening the window: the
    /// day's backup, as every front end takes it when it starts (at 10,000 people a copy
    /// and integrity check of a few seconds, while the window already says Ladder is
    /// opening), then a read of the Dashboard, the first screen: the window takes a third
    /// of a second to start before it asks, about as long as that read at 10,000 people,
    /// and on a second core the two overlap. The first command waits for both. A copy
    /// that fails its integrity check means the database is damaged: every command then
    /// says so. Nobody to show the Dashboard to (the first run) reads none.
    pub fn start(&self) {
        if lock(&self.db).is_err() {
            return;
        }
        let db = Arc::clone(&self.db);
        let work = std::thread::spawn(move || {
            let slot = lock(&db);
            let mut found = Started::default();
            let Ok(db) = &*slot else {
                return found;
            };
            match backup::on_start(db, today()) {
                Ok(Daily::Failed(e)) => {
                    found.backup_warning = Some(format!("Today's backup could not be taken: {e}"))
                }
                Ok(_) => {}
                Err(e) => {
                    found.damaged = Some(e.into());
                    return found;
                }
            }
            found.early_dashboard = read_dashboard(db);
            found
        });
        *lock(&self.starting) = Some(work);
    }

    /// Waits for the work begun by [`AppState::start`], once, and keeps what it found.
    /// The wait holds `starting`, so a second command waits until the first has kept it.
    fn settle(&self) {
        let mut starting = lock(&self.starting);
        if let Some(work) = starting.take() {
            *lock(&self.started) = work.join().unwrap_or_else(|_| Started {
                backup_warning: Some(
                    "Today's backup may not have been taken: the start stopped unexpectedly".into(),
                ),
                ..Started::default()
            });
        }
    }

    /// The Dashboard today: the one read at start while nothing has been written since and
    /// the day has not turned, else read now. The early one is offered once.
    pub fn dashboard(&self) -> CmdResult<Dashboard> {
        self.with(|db| {
            let early = lock(&self.started).early_dashboard.take();
            let day = today();
            match early {
                Some(e) if e.day == day && db.content_mark()? == e.mark => Ok(e.dashboard),
                _ => dashboard::summary(db, day),
            }
        })
    }
}

/// The Dashboard and the content mark it was read at, when there is someone to show it to.
fn read_dashboard(db: &Db) -> Option<EarlyDashboard> {
    profile::whoami(db).ok()??;
    let day = today();
    let dashboard = dashboard::summary(db, day).ok()?;
    let mark = db.content_mark().ok()?;
    Some(EarlyDashboard {
        day,
        mark,
        dashboard,
    })
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

    #[test]
    fn the_dashboard_read_at_start_is_shown_while_nothing_changed() {
        let state = AppState::in_memory();
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        state.start();
        let shown = serde_json::to_value(state.dashboard().unwrap()).unwrap();
        let now = state.with(|db| dashboard::summary(db, today())).unwrap();
        assert_eq!(shown, serde_json::to_value(now).unwrap());
    }

    #[test]
    fn a_write_after_the_dashboard_read_at_start_is_on_the_dashboard() {
        let state = AppState::in_memory();
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        let me = state.with(profile::whoami).unwrap().unwrap();
        state.start();
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
        state.start();
        state.settle();
        assert!(lock(&state.started).early_dashboard.is_none());
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
        state.start();
        assert!(state.backup_warning().is_none());
        let taken = backup::list(&path).unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].reason, backup::Reason::Daily);
        drop(state);

        // At most one a day: a second start the same day takes none.
        let state = AppState::open(path.clone());
        state.start();
        assert!(state.with(profile::whoami).unwrap().is_none());
        assert_eq!(backup::list(&path).unwrap().len(), 1);
    }

    #[test]
    fn a_database_whose_backup_at_start_finds_it_damaged_is_not_used_until_a_backup_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ladder.db");
        let db = Db::open(&path).unwrap();
        ladder::demo::load(&db, today()).unwrap();
        let sound = backup::create(&db, backup::Reason::Manual).unwrap();
        std::fs::rename(&sound.path, dir.path().join("sound.db")).unwrap();
        drop(db);
        // Damage a page that opening the database does not read: an index of the
        // audit trail, which only the backup's integrity check goes through.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let page: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_person'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size: i64 = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        drop(conn);
        let mut bytes = std::fs::read(&path).unwrap();
        let start = (page - 1) as usize * size as usize;
        bytes[start..start + size as usize].fill(0x5a);
        std::fs::write(&path, bytes).unwrap();

        let state = AppState::open(path.clone());
        state.start();
        let err = state.with(profile::whoami).unwrap_err();
        assert_eq!(err.code, "corrupt", "{}", err.message);
        assert_eq!(state.dashboard().unwrap_err().code, "corrupt");
        assert!(backup::list(&path).unwrap().is_empty());

        // A sound backup restored from the window puts it right without a restart.
        let sound = dir.path().join("sound.db");
        let restored = state.restore(&sound).unwrap();
        assert!(
            restored.kept_aside.unwrap().exists(),
            "the damaged file is kept"
        );
        assert!(state.with(profile::whoami).unwrap().is_some());
    }

    #[test]
    fn a_file_that_is_not_a_ladder_database_can_be_replaced_by_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ladder.db");
        let sound = dir.path().join("sound.db");
        ladder::demo::load(&Db::open(&sound).unwrap(), today()).unwrap();
        std::fs::write(&path, b"overwritten by another program").unwrap();
        let state = AppState::open(path.clone());
        state.start();
        assert_eq!(
            state.with(profile::whoami).unwrap_err().code,
            "not_ladder_database"
        );
        state.restore(&sound).unwrap();
        assert!(state.with(profile::whoami).unwrap().is_some());
    }

    #[test]
    fn a_backup_restored_in_the_app_replaces_the_open_database_and_can_be_undone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ladder.db");
        let state = AppState::open(path.clone());
        state.start();
        let people = |state: &AppState| {
            state
                .with(|db| {
                    let everyone = ladder::people::ListOptions {
                        everyone: true,
                        include_archived: true,
                    };
                    ladder::people::list(db, everyone)
                })
                .unwrap()
                .len()
        };
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        let before = people(&state);
        let taken = state
            .with(|db| backup::create(db, backup::Reason::Manual))
            .unwrap();
        let added = ladder::people::NewPerson {
            name: "Added After".into(),
            ..Default::default()
        };
        state.with(|db| ladder::people::add(db, added)).unwrap();
        assert_eq!(people(&state), before + 1);

        let restored = state.restore(&taken.path).unwrap();
        assert_eq!(restored.backup.people, before as i64);
        assert_eq!(
            people(&state),
            before,
            "the open database is the backup now"
        );
        let aside = restored.kept_aside.unwrap();

        // The file kept aside is a copy like the others: restoring it undoes the restore.
        state.restore(&aside).unwrap();
        assert_eq!(people(&state), before + 1);

        // A file that is not a Ladder database is refused, and the database is open again.
        let other = dir.path().join("notes.db");
        std::fs::write(&other, b"not a database").unwrap();
        let err = state.restore(&other).unwrap_err();
        assert_eq!(err.code, "bad_backup", "{}", err.message);
        assert_eq!(people(&state), before + 1);

        // Another program holding the database refuses the swap: its reason is the
        // answer, and the database that was there is open again, unchanged.
        let other_program = rusqlite::Connection::open(&path).unwrap();
        other_program
            .execute_batch("BEGIN; SELECT count(*) FROM people;")
            .unwrap();
        let err = state.restore(&taken.path).unwrap_err();
        assert_eq!(err.code, "busy", "{}", err.message);
        drop(other_program);
        assert_eq!(people(&state), before + 1);
    }
}
