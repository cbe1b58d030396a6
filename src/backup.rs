//! Backups: consistent copies of the database, taken with SQLite's online backup API, kept
//! in a `backups/` folder beside the database, and put back with [`restore`].
//!
//! **When.** Before a migration changes an existing database ([`crate::Db::open`]); at
//! most once a day when a front end starts ([`on_start`]); just before an import writes
//! ([`before_import`]), so that restoring it undoes the import; and on demand
//! ([`create`]).
//!
//! **Where and how.** `backups/` beside the database, one file per backup, readable by
//! its owner only, named after the database, the UTC instant, the schema version and why
//! it was taken: `ladder-20261123T101502.123Z-v3-daily.db`. A backup is written to a
//! temporary file, checked (`PRAGMA integrity_check`), synced and only then renamed into
//! place, so a backup under its final name is always whole. A copy that fails the check
//! means the database itself is damaged: it is reported as [`Error::Corrupt`] and older
//! backups are left alone.
//!
//! **Retention**, applied after each new backup ([`keep`]). The date of a backup is the
//! UTC date of its instant; weeks are ISO weeks (Monday to Sunday, UTC). A backup is kept
//! when
//! - it was taken on one of the 14 most recent days that have a backup (daily: every
//!   backup of such a day stays, so a backup you take never removes the one taken when
//!   the day started, nor the one taken before an upgrade), or
//! - it is the newest backup of one of the 8 most recent weeks that have a backup
//!   (weekly).
//!
//! Days and weeks without any backup do not count, so a month away from Ladder loses no
//! backups. Backups taken before imports stand apart: the newest [`KEEP_IMPORTS`] are
//! kept, and they neither count as a day's or week's backup nor push one out (a day of
//! importing keeps the day's own backup). Every other backup is deleted. Files in the folder that Ladder did not name
//! are never touched.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::store::{self, sibling, APPLICATION_ID, BUSY_TIMEOUT};
use crate::{Db, Error, Result};

/// The folder beside the database that holds its backups.
pub const FOLDER: &str = "backups";
/// How many days with a backup keep their newest one.
pub const KEEP_DAILY: usize = 14;
/// How many weeks with a backup keep their newest one.
pub const KEEP_WEEKLY: usize = 8;
/// How many of the backups taken before imports are kept.
pub const KEEP_IMPORTS: usize = 5;

/// The instant in a backup's file name, in UTC.
const INSTANT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Why a backup was taken.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The first start of the day.
    Daily,
    /// Asked for (`ladder backup`).
    Manual,
    /// Just before a migration changed the schema.
    Migration,
    /// Just after a person was erased, in place of the copies that still held them.
    Erase,
    /// Just before an import wrote: restoring it undoes the import.
    Import,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::Migration => "migration",
            Reason::Erase => "erase",
            Reason::Import => "import",
        }
    }

    fn parse(s: &str) -> Option<Reason> {
        [
            Reason::Daily,
            Reason::Manual,
            Reason::Migration,
            Reason::Erase,
            Reason::Import,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// One backup file in the folder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct BackupFile {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub schema_version: i64,
    pub reason: Reason,
    pub bytes: u64,
}

/// The folder the database at `db_path` is in.
fn beside(db_path: &Path) -> &Path {
    db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The folder that holds the backups of the database at `db_path`.
pub fn folder(db_path: &Path) -> PathBuf {
    beside(db_path).join(FOLDER)
}

fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "ladder".into())
}

/// The file name of a backup of the database named `stem`.
#[doc(hidden)]
pub fn file_name(stem: &str, taken_at: DateTime<Utc>, version: i64, reason: Reason) -> String {
    format!(
        "{stem}-{}-v{version}-{}.db",
        taken_at.format(INSTANT),
        reason.as_str()
    )
}

/// Reads a file name written by [`file_name`] for the database named `stem`.
fn parse_name(stem: &str, name: &str) -> Option<(DateTime<Utc>, i64, Reason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".db")?;
    let mut parts = rest.splitn(3, '-');
    let instant = NaiveDateTime::parse_from_str(parts.next()?, INSTANT).ok()?;
    let version = parts.next()?.strip_prefix('v')?.parse().ok()?;
    let reason = Reason::parse(parts.next()?)?;
    Some((instant.and_utc(), version, reason))
}

/// The backups of the database at `db_path`, newest first. No folder means no backups.
pub fn list(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = folder(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("reading {}", dir.display()), e)),
    };
    let stem = stem(db_path);
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((taken_at, schema_version, reason)) = parse_name(&stem, &name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_file() {
            found.push(BackupFile {
                path: entry.path(),
                taken_at,
                schema_version,
                reason,
                bytes: meta.len(),
            });
        }
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// The newest backup of the database at `db_path`, if any: what a damaged database's
/// error message offers to restore.
pub fn latest(db_path: &Path) -> Option<PathBuf> {
    list(db_path).ok()?.into_iter().next().map(|b| b.path)
}

/// Takes a backup now. The clock gives the file its name only; the rules ([`keep`],
/// [`daily_due`]) take their dates as arguments.
pub fn create(db: &Db, reason: Reason) -> Result<BackupFile> {
    let db_path = db
        .path()
        .ok_or_else(|| Error::invalid("database", "a database in memory has no file to back up"))?;
    let dir = folder(db_path);
    create_private_dir(&dir)?;
    let version = db.schema_version()?;
    let stem = stem(db_path);
    let mut taken_at = Utc::now();
    let mut path = dir.join(file_name(&stem, taken_at, version, reason));
    while path.exists() {
        taken_at += chrono::Duration::milliseconds(1);
        path = dir.join(file_name(&stem, taken_at, version, reason));
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let copied = copy_database(db.conn(), &tmp).and_then(|()| {
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(format!("saving {}", path.display()), e))
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(match e {
            Error::Corrupt { reason, .. } => Error::Corrupt {
                path: db_path.to_path_buf(),
                reason,
                latest_backup: latest(db_path),
            },
            other => db.annotate(other),
        });
    }
    sync_dir(&dir);
    prune(db_path, &path);
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    Ok(BackupFile {
        path,
        taken_at,
        schema_version: version,
        reason,
        bytes,
    })
}

/// The backup an import takes just before it writes, so that restoring it undoes the
/// import. None for a database in memory. A backup that cannot be taken refuses the
/// import: nothing is written without the way back.
pub(crate) fn before_import(db: &Db) -> Result<Option<BackupFile>> {
    if db.path().is_none() {
        return Ok(None);
    }
    let before = "the backup taken before an import (nothing was imported)";
    create(db, Reason::Import).map(Some).map_err(|e| match e {
        Error::Io { context, source } => Error::Io {
            context: format!("{context}, {before}"),
            source,
        },
        Error::DiskFull { what } => Error::DiskFull {
            what: format!("{what}, {before}"),
        },
        other => other,
    })
}

/// The backup [`crate::Db::open`] takes before migrating an existing database.
pub(crate) fn before_migration(db: &Db) -> Result<BackupFile> {
    create(db, Reason::Migration)
}

/// What [`on_start`] did.
#[derive(Debug)]
pub enum Daily {
    /// Today's backup was taken.
    Taken(BackupFile),
    /// There is already a backup dated today (or later).
    NotDue,
    /// Nothing to protect: a database in memory, or one this start created.
    NotNeeded,
    /// The backup could not be taken (a full disk, a read-only folder). The database is
    /// fine and the front end goes on, telling the user.
    Failed(Error),
}

/// The daily backup a front end takes as it starts: at most one a day. An error means the
/// database itself is damaged (its copy failed the integrity check) and should not be
/// used; any other failure comes back as [`Daily::Failed`].
pub fn on_start(db: &Db, today: NaiveDate) -> Result<Daily> {
    let Some(path) = db.path() else {
        return Ok(Daily::NotNeeded);
    };
    if db.was_created() {
        return Ok(Daily::NotNeeded);
    }
    let existing = match list(path) {
        Ok(list) => list,
        Err(e) => return Ok(Daily::Failed(e)),
    };
    let clock = Local::now();
    // One taken before an import is kept apart, a few at most: it is not the day's.
    let taken_days = existing
        .iter()
        .filter(|b| b.reason != Reason::Import)
        .map(|b| b.taken_at.with_timezone(&clock.timezone()).date_naive());
    if !daily_due(today, clock.date_naive(), taken_days) {
        return Ok(Daily::NotDue);
    }
    match create(db, Reason::Daily) {
        Ok(b) => Ok(Daily::Taken(b)),
        Err(e @ Error::Corrupt { .. }) => Err(e),
        Err(e) => Ok(Daily::Failed(e)),
    }
}

/// True when no backup was taken on the day one would be for, or later. Days are the
/// user's: `clock_day` is the clock's local date and `taken_days` the local dates of the
/// backups' instants (their UTC dates would make every start due, east of UTC, until UTC
/// midnight). The day is `today`, or the clock's when `today` is ahead of it (a date given
/// on the command line): a backup taken now is dated by the clock, so a later `today`
/// would find none and take one on every start; "or later" likewise for a `today` behind
/// the clock.
pub fn daily_due(
    today: NaiveDate,
    clock_day: NaiveDate,
    taken_days: impl IntoIterator<Item = NaiveDate>,
) -> bool {
    let day = today.min(clock_day);
    !taken_days.into_iter().any(|d| d >= day)
}

/// The retention rule (see the module documentation), as a pure function: for each backup
/// instant, whether that backup is kept.
pub fn keep(taken: &[DateTime<Utc>]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|&a, &b| taken[b].cmp(&taken[a]));
    let week = |t: DateTime<Utc>| {
        let w = t.date_naive().iso_week();
        (w.year(), w.week())
    };
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut kept = vec![false; taken.len()];
    // Newest first: the first backup met in a week is that week's newest.
    for &i in &order {
        let (day, week) = (taken[i].date_naive(), week(taken[i]));
        if days.last() != Some(&day) {
            days.push(day);
        }
        let new_week = weeks.last() != Some(&week);
        if new_week {
            weeks.push(week);
        }
        kept[i] = days.len() <= KEEP_DAILY || (new_week && weeks.len() <= KEEP_WEEKLY);
    }
    kept
}

/// Deletes the backups retention does not keep, never `just_taken` (even with a clock
/// set back), and temporary files an interrupted backup left more than an hour ago. Best
/// effort: a file that cannot be deleted stays.
fn prune(db_path: &Path, just_taken: &Path) {
    let Ok(backups) = list(db_path) else { return };
    let (imports, others): (Vec<&BackupFile>, Vec<&BackupFile>) =
        backups.iter().partition(|b| b.reason == Reason::Import);
    let flags = keep(&others.iter().map(|b| b.taken_at).collect::<Vec<_>>());
    // The list is newest first.
    let import_flags = (0..imports.len()).map(|i| i < KEEP_IMPORTS);
    for (b, kept) in others
        .into_iter()
        .zip(flags)
        .chain(imports.into_iter().zip(import_flags))
    {
        if !kept && b.path != just_taken {
            let _ = std::fs::remove_file(&b.path);
        }
    }
    let prefix = format!(".{}-", stem(db_path));
    let Ok(entries) = std::fs::read_dir(folder(db_path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if name.starts_with(&prefix) && name.ends_with(".tmp") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Copies the database behind `src` into a new file at `dest` (readable by its owner
/// only) with the online backup API, in one step, so the copy is one consistent snapshot
/// even while other processes write. The copy is a single file (rollback journal, no
/// write-ahead log), passes `PRAGMA integrity_check` and is synced before this returns.
fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    let _ = std::fs::remove_file(dest);
    create_private_file(dest)?;
    let what = format!("writing the copy {}", dest.display());
    {
        let mut to = Connection::open_with_flags(
            dest,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sqlite_error(None, e, &what))?;
        match run_backup(src, &mut to) {
            Ok(true) => {}
            Ok(false) => return Err(Error::Busy),
            Err(e) => return Err(sqlite_error(Some(&to), e, &what)),
        }
        let mode: String = to
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| sqlite_error(Some(&to), e, &what))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(Error::Io {
                context: what,
                source: std::io::Error::other(format!("journal mode stayed {mode}")),
            });
        }
        integrity(&to).map_err(|reason| Error::Corrupt {
            path: PathBuf::new(),
            reason,
            latest_backup: None,
        })?;
    }
    std::fs::File::open(dest)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(what, e))
}

/// Copies every page in one step: `false` when the source stayed busy past the timeout.
fn run_backup(src: &Connection, to: &mut Connection) -> rusqlite::Result<bool> {
    use rusqlite::backup::{Backup, StepResult};
    let backup = Backup::new(src, to)?;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(true),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if started.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => return Ok(false),
        }
    }
}

/// A SQLite error while writing a copy, said in terms of `what` was being written: a full
/// disk (reported as such, or as an I/O error whose `errno` says so) becomes
/// [`Error::DiskFull`].
fn sqlite_error(conn: Option<&Connection>, e: rusqlite::Error, what: &str) -> Error {
    use std::io::ErrorKind as K;
    let kind = conn.and_then(|c| store::os_error_kind(c, &e));
    if matches!(kind, Some(K::StorageFull | K::QuotaExceeded)) {
        return Error::DiskFull { what: what.into() };
    }
    match Error::from(e) {
        Error::DiskFull { .. } => Error::DiskFull { what: what.into() },
        Error::Database(e) => Error::Io {
            context: what.into(),
            source: std::io::Error::other(e),
        },
        other => other,
    }
}

/// `PRAGMA integrity_check`: `Ok` when SQLite answers "ok", or what it found.
fn integrity(conn: &Connection) -> std::result::Result<(), String> {
    let found: Vec<String> = conn
        .prepare("PRAGMA integrity_check(20)")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| format!("the integrity check could not run: {e}"))?;
    if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(format!("the integrity check failed: {}", found.join("; ")))
    }
}

/// What a backup holds, as [`check`] found it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub schema_version: i64,
    pub people: i64,
    pub bytes: u64,
}

/// A file a restore kept aside beside the database (`<name>-replaced-<instant>.db`): the
/// database as it was when a backup was put in its place.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct SetAside {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// When the restore set it aside.
    pub set_aside_at: DateTime<Utc>,
    pub bytes: u64,
}

/// The files restores kept aside beside the database at `db_path`, newest first. Never
/// deleted by Ladder: putting one back undoes that restore.
pub fn set_aside(db_path: &Path) -> Result<Vec<SetAside>> {
    let prefix = format!("{}-replaced-", stem(db_path));
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(beside(db_path)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(instant) = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".db"))
                .and_then(|i| NaiveDateTime::parse_from_str(i, INSTANT).ok())
            else {
                continue;
            };
            match entry.metadata() {
                Ok(meta) if meta.is_file() => found.push(SetAside {
                    path: entry.path(),
                    set_aside_at: instant.and_utc(),
                    bytes: meta.len(),
                }),
                _ => {}
            }
        }
    }
    found.sort_by_key(|s| std::cmp::Reverse(s.set_aside_at));
    Ok(found)
}

/// Every copy of the database at `db_path` that Ladder made: its backups, and the files
/// a restore kept aside beside it (`<name>-replaced-<instant>.db`). Wider than
/// [`set_aside`]: a kept file whose name was shortened is still a copy, and an erasure
/// must reach it.
pub fn copies(db_path: &Path) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = list(db_path)?.into_iter().map(|b| b.path).collect();
    let prefix = format!("{}-replaced-", stem(db_path));
    if let Ok(entries) = std::fs::read_dir(beside(db_path)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with(&prefix) && name.ends_with(".db") && entry.path().is_file() {
                found.push(entry.path());
            }
        }
    }
    Ok(found)
}

/// Whether the copy `file` holds the person with `person_id`, read without changing it.
/// The error says why it could not be read.
pub fn holds_person(file: &Path, person_id: &str) -> std::result::Result<bool, String> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("it cannot be opened ({e})"))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| e.to_string())?;
    conn.query_row(
        "SELECT count(*) FROM people WHERE id = ?1",
        [person_id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(|e| format!("it cannot be read ({e})"))
}

/// Deletes the copy `file` and whatever journal files SQLite left beside it.
pub fn remove_copy(file: &Path) -> Result<()> {
    for suffix in ["-wal", "-journal", "-shm"] {
        let side = sibling(file, suffix);
        if side.exists() {
            std::fs::remove_file(&side)
                .map_err(|e| Error::io(format!("deleting {}", side.display()), e))?;
        }
    }
    std::fs::remove_file(file).map_err(|e| Error::io(format!("deleting {}", file.display()), e))?;
    if let Some(dir) = file.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Checks that `file` can be restored over the database at `db_path`, opening it
/// read-only: it is not the database itself, it passes `PRAGMA integrity_check`, it is a
/// Ladder database (its application id), and its schema version is one this Ladder can
/// open (an older one is upgraded on the next start).
pub fn check(db_path: &Path, file: &Path) -> Result<Checked> {
    open_backup(db_path, file).map(|(_, checked)| checked)
}

fn open_backup(db_path: &Path, file: &Path) -> Result<(Connection, Checked)> {
    let bad = |reason: String| Error::BadBackup {
        path: file.to_path_buf(),
        reason,
    };
    if same_file(file, db_path) {
        return Err(bad("it is the database itself".into()));
    }
    let meta = std::fs::metadata(file).map_err(|e| bad(format!("it cannot be read ({e})")))?;
    if !meta.is_file() {
        return Err(bad("it is not a file".into()));
    }
    if meta.len() == 0 {
        return Err(bad("it is empty".into()));
    }
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("it cannot be opened ({e})")))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let sqlite_says = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => bad("it is not a SQLite database".into()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => bad(format!("it is damaged ({e})")),
        _ => bad(format!("it cannot be read ({e})")),
    };
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(sqlite_says)?;
    if app_id != APPLICATION_ID {
        return Err(bad("it is not a Ladder database".into()));
    }
    integrity(&conn).map_err(bad)?;
    let schema_version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sqlite_says)?;
    if schema_version < 1 {
        return Err(bad("it holds no Ladder schema".into()));
    }
    if schema_version > store::latest_version() {
        return Err(bad(format!(
            "it has schema version {schema_version}, newer than this Ladder understands ({}); \
             install the newer Ladder to restore it",
            store::latest_version()
        )));
    }
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .map_err(sqlite_says)?;
    let checked = Checked {
        path: file.to_path_buf(),
        schema_version,
        people,
        bytes: meta.len(),
    };
    Ok((conn, checked))
}

/// What [`restore`] did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct Restored {
    /// The database, now holding the backup.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub database: PathBuf,
    /// The backup it came from, which stays where it was.
    pub backup: Checked,
    /// Where the file it replaced was kept, if there was one.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub kept_aside: Option<PathBuf>,
}

/// Puts the backup `file` in place of the database at `db_path`.
///
/// 1. The backup is checked ([`check`]) before anything else happens.
/// 2. It is copied (online backup API) into a temporary file beside the database, which
///    is checked again and synced.
/// 3. The current database, when it is a sound SQLite file, is switched out of WAL mode —
///    which folds its write-ahead log in and fails with [`Error::Busy`] while another
///    Ladder has it open — and locked exclusively until the end. A file without the
///    SQLite header is not opened with SQLite at all, so its leftover log stays as it is.
/// 4. The current file is kept aside under a new name with the instant
///    (`ladder-replaced-20261123T101502.123Z.db`), never deleted; a leftover `-wal` or
///    `-journal` of a damaged file goes aside with it and its `-shm` is removed, so SQLite
///    cannot apply the old file's log to the restored one.
/// 5. The copy is renamed over the database in one atomic step.
pub fn restore(db_path: &Path, file: &Path) -> Result<Restored> {
    let (src, checked) = open_backup(db_path, file)?;
    let dir = beside(db_path);
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("creating the folder {}", dir.display()), e))?;
    let tmp = dir.join(format!(
        ".{}.restoring-{}.tmp",
        db_path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = copy_database(&src, &tmp)
        .map_err(|e| match e {
            Error::Corrupt { reason, .. } => Error::BadBackup {
                path: file.to_path_buf(),
                reason,
            },
            other => other,
        })
        .and_then(|()| {
            drop(src);
            swap_in(db_path, &tmp)
        });
    match result {
        Ok(kept_aside) => Ok(Restored {
            database: db_path.to_path_buf(),
            backup: checked,
            kept_aside,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Steps 3 to 5 of [`restore`]: returns where the replaced file was kept.
fn swap_in(db_path: &Path, tmp: &Path) -> Result<Option<PathBuf>> {
    let lock = quiesce(db_path)?;
    let instant = Utc::now().format(INSTANT).to_string();
    let kept_aside = if db_path.exists() {
        let aside = db_path.with_file_name(format!("{}-replaced-{instant}.db", stem(db_path)));
        keep_aside(db_path, &aside)?;
        Some(aside)
    } else {
        None
    };
    // The log of the file being replaced must not meet the restored file.
    let base = kept_aside
        .clone()
        .unwrap_or_else(|| db_path.with_file_name(format!("{}-stale-{instant}.db", stem(db_path))));
    for suffix in ["-wal", "-journal"] {
        let old = sibling(db_path, suffix);
        if old.exists() {
            std::fs::rename(&old, sibling(&base, suffix))
                .map_err(|e| Error::io(format!("moving {} aside", old.display()), e))?;
        }
    }
    let shm = sibling(db_path, "-shm");
    if shm.exists() {
        std::fs::remove_file(&shm)
            .map_err(|e| Error::io(format!("removing {}", shm.display()), e))?;
    }
    std::fs::rename(tmp, db_path).map_err(|e| {
        Error::io(
            format!("putting the backup in place at {}", db_path.display()),
            e,
        )
    })?;
    if let Some(dir) = db_path.parent() {
        sync_dir(dir);
    }
    drop(lock);
    Ok(kept_aside)
}

/// Takes the current database out of WAL mode and locks it exclusively, so that nobody
/// writes to it while it is replaced. `None` when there is no sound SQLite file to lock
/// (no file, or a damaged one); any connection to a damaged file is closed before this
/// returns, so SQLite never touches its files once they are being moved. Refuses another
/// program's database.
fn quiesce(db_path: &Path) -> Result<Option<Connection>> {
    if !store::has_sqlite_header(db_path) {
        return Ok(None);
    }
    let Ok(conn) = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return Ok(None);
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let busy = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    };
    let app_id = match conn.pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0)) {
        Ok(id) => id,
        Err(e) if busy(&e) => return Err(Error::Busy),
        Err(_) => return Ok(None),
    };
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap_or(0);
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(Error::NotLadderDatabase {
            path: db_path.to_path_buf(),
            reason: "it belongs to another program, so Ladder will not replace it".into(),
            latest_backup: None,
        });
    }
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    }) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => {}
        Ok(_) => return Err(Error::Busy),
        Err(e) if busy(&e) => return Err(Error::Busy),
        Err(_) => return Ok(None),
    }
    match conn.execute_batch("BEGIN EXCLUSIVE") {
        Ok(()) => Ok(Some(conn)),
        Err(e) if busy(&e) => Err(Error::Busy),
        Err(_) => Ok(None),
    }
}

/// Keeps the file at `from` under the name `to` as well: a hard link (instant, and the
/// database never disappears from its path), or a synced copy where links are not
/// supported.
fn keep_aside(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let context = || format!("keeping {} aside as {}", from.display(), to.display());
    std::fs::copy(from, to).map_err(|e| Error::io(context(), e))?;
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(context(), e))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The backup folder is created readable by its owner only.
fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| Error::io(format!("creating the folder {}", dir.display()), e))
}

fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
        .map(drop)
        .map_err(|e| Error::io(format!("creating {}", path.display()), e))
}

/// Makes a rename in `dir` durable (best effort; not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(date: &str, hour: u32) -> DateTime<Utc> {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        Utc.from_utc_datetime(&d.and_hms_opt(hour, 0, 0).unwrap())
    }

    /// The instants kept, oldest first.
    fn kept(backups: &[DateTime<Utc>]) -> Vec<String> {
        let mut out: Vec<_> = backups
            .iter()
            .zip(keep(backups))
            .filter(|(_, k)| *k)
            .map(|(t, _)| t.format("%Y-%m-%d %H").to_string())
            .collect();
        out.sort();
        out
    }

    fn daily(from: &str, days: i64) -> Vec<DateTime<Utc>> {
        (0..days)
            .map(|i| at(from, 9) + chrono::Duration::days(i))
            .collect()
    }

    #[test]
    fn nothing_to_keep_in_an_empty_folder() {
        assert!(keep(&[]).is_empty());
    }

    #[test]
    fn a_backup_every_day_keeps_14_days_and_8_weeks() {
        // 100 days, Sunday 2026-08-16 to Monday 2026-11-23.
        let all = daily("2026-08-16", 100);
        // Daily: 2026-11-10 to 2026-11-23. Weekly: the newest of the 8 most recent ISO
        // weeks: this week's Monday and the seven Sundays before it, of which 11-15 and
        // 11-22 are daily ones already.
        let mut expected: Vec<String> = (10..=23).map(|d| format!("2026-11-{d:02} 09")).collect();
        for sunday in [
            "2026-10-11",
            "2026-10-18",
            "2026-10-25",
            "2026-11-01",
            "2026-11-08",
        ] {
            expected.push(format!("{sunday} 09"));
        }
        expected.sort();
        assert_eq!(kept(&all), expected);
    }

    #[test]
    fn every_backup_of_a_recent_day_stays_and_the_newest_of_an_older_week() {
        let mut all = vec![
            at("2026-11-23", 8),  // the daily one
            at("2026-11-23", 17), // taken by hand
            at("2026-11-23", 12), // before an upgrade
            at("2026-11-02", 9),  // Monday of an older week
            at("2026-11-04", 7),
            at("2026-11-04", 19), // the newest of that week
        ];
        assert_eq!(kept(&all).len(), 6);
        // Fourteen more recent days push 2026-11-04 out of the daily tier: only the
        // newest backup of its week stays.
        all.extend(daily("2026-11-24", 13));
        let kept = kept(&all);
        assert!(kept.contains(&"2026-11-23 08".to_string()));
        assert!(kept.contains(&"2026-11-04 19".to_string()));
        assert!(!kept.contains(&"2026-11-04 07".to_string()));
        assert!(!kept.contains(&"2026-11-02 09".to_string()));
        assert_eq!(kept.len(), 3 + 13 + 1);
        // Input order does not matter.
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(self::kept(&reversed), kept);
    }

    #[test]
    fn days_without_a_backup_do_not_count() {
        // One backup every ten days for a year: the 14 most recent ones stay, however
        // old, and the weekly rule keeps nothing more (each is alone in its week).
        let all: Vec<_> = (0..37)
            .map(|i| at("2025-11-23", 9) + chrono::Duration::days(10 * i))
            .collect();
        let kept = kept(&all);
        assert_eq!(kept.len(), 14);
        assert_eq!(kept.first().unwrap(), "2026-07-11 09");
        assert_eq!(kept.last().unwrap(), "2026-11-18 09");
    }

    #[test]
    fn one_backup_a_week_keeps_the_fourteen_newest() {
        // One backup a week for 20 weeks, every Wednesday.
        let all: Vec<_> = (0..20)
            .map(|i| at("2026-07-15", 9) + chrono::Duration::weeks(i))
            .collect();
        let kept = kept(&all);
        // 14 days with a backup: 14 weeks' Wednesdays, a superset of the 8 weekly ones.
        assert_eq!(kept.len(), 14);
        assert_eq!(kept.first().unwrap(), "2026-08-26 09");
    }

    #[test]
    fn a_daily_backup_is_due_once_a_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-23");
        assert!(daily_due(today, today, []));
        assert!(daily_due(today, today, [d("2026-11-22")]));
        assert!(!daily_due(today, today, [d("2026-11-22"), today]));
        // A clock ahead of `today` (a date given on the command line) is not a reason
        // to back up on every start.
        assert!(!daily_due(today, d("2027-01-05"), [d("2027-01-05")]));
        // Nor is a `today` ahead of the clock: the backup taken now bears the clock's day.
        assert!(!daily_due(d("2099-01-01"), today, [today]));
        assert!(daily_due(d("2099-01-01"), today, [d("2026-11-22")]));
    }

    #[test]
    fn file_names_read_back() {
        let t = at("2026-11-23", 10) + chrono::Duration::milliseconds(123);
        let name = file_name("my-team", t, 3, Reason::Migration);
        assert_eq!(name, "my-team-20261123T100000.123Z-v3-migration.db");
        assert_eq!(
            parse_name("my-team", &name),
            Some((t, 3, Reason::Migration))
        );
        assert_eq!(parse_name("my", &name), None);
        assert_eq!(
            parse_name("my-team", "my-team-replaced-20261123T100000.123Z.db"),
            None
        );
        assert_eq!(
            parse_name("my-team", "my-team-20261123T100000.123Z-v3-weekly.db"),
            None
        );
    }

    #[test]
    fn files_restores_set_aside_are_listed_newest_first_and_all_are_copies() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("team.db");
        for name in [
            "team-replaced-20261123T100000.123Z.db",
            "team-replaced-20261201T090000.000Z.db",
            "team-replaced-kept.db",
            "other-replaced-20261201T090000.000Z.db",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        std::fs::create_dir(dir.path().join("team-replaced-20261202T090000.000Z.db")).unwrap();
        let listed: Vec<_> = set_aside(&db)
            .unwrap()
            .into_iter()
            .map(|s| (s.path.file_name().unwrap().to_owned(), s.set_aside_at))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "team-replaced-20261201T090000.000Z.db".into(),
                    at("2026-12-01", 9)
                ),
                (
                    "team-replaced-20261123T100000.123Z.db".into(),
                    at("2026-11-23", 10) + chrono::Duration::milliseconds(123)
                ),
            ]
        );
        // An erasure reaches a kept file whatever its name became.
        assert_eq!(copies(&db).unwrap().len(), 3);
    }
}
