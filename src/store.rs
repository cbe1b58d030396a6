//! Opening, creating and migrating the one SQLite file, and running work in transactions.
//!
//! Pragmas follow the design: WAL journal, `synchronous=FULL` (a confirmed save survives
//! power loss), `foreign_keys=ON`, a busy timeout. Migrations are embedded SQL files, run
//! forward only, each in one IMMEDIATE transaction that also bumps `PRAGMA user_version`.
//! A database from a newer Ladder is refused before anything is written to it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::{Error, Result};

/// Marks a SQLite file as Ladder's (`PRAGMA application_id`, the bytes "LADD").
pub const APPLICATION_ID: i32 = 0x4C41_4444;

/// How long a write waits for another process before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

struct Migration {
    version: i64,
    sql: &'static str,
}

/// Every migration, in order. Versions are consecutive from 1.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../migrations/0001_core.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../migrations/0002_readiness.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../migrations/0003_change.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../migrations/0004_audit.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../migrations/0005_scale_indexes.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../migrations/0006_overview_figures.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../migrations/0007_stakeholder_latest.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../migrations/0008_action_item_stamp.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Every schema version this build can create, oldest first. Only for migration tests.
#[doc(hidden)]
pub fn versions() -> Vec<i64> {
    MIGRATIONS.iter().map(|m| m.version).collect()
}

/// An open Ladder database. Every public operation of the core takes one.
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    /// Why the database cannot be written, when it was opened read-only.
    read_only: Option<String>,
    /// The file held no schema when it was opened: this open created the database.
    created: bool,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings it to the latest schema.
    ///
    /// A file Ladder cannot write (a read-only file system, an immutable or write-protected
    /// file, a folder it may not write in) opens read-only: reading works, writing is
    /// refused with [`Error::ReadOnly`]. Before a migration changes an existing database,
    /// a backup is taken (see [`crate::backup`]); if that fails, nothing is migrated.
    pub fn open(path: &Path) -> Result<Db> {
        let db = Db::connect_file(path)?;
        db.open_checked().map_err(|e| db.annotate(e))?;
        Ok(db)
    }

    fn open_checked(&self) -> Result<()> {
        self.check_identity(latest_version())?;
        self.configure()?;
        let version = self.schema_version()?;
        if let Some(reason) = &self.read_only {
            if version < latest_version() {
                return Err(Error::ReadOnly {
                    path: self.path.clone().unwrap_or_default(),
                    reason: format!(
                        "{reason}; Ladder cannot show it before bringing it to schema version \
                         {}, which means writing to it",
                        latest_version()
                    ),
                });
            }
            return Ok(());
        }
        if version > 0 && version < latest_version() {
            crate::backup::before_migration(self)?;
        }
        self.migrate_to(latest_version())?;
        self.seed_if_new()
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Db> {
        let db = Db {
            conn: Connection::open_in_memory()?,
            path: None,
            read_only: None,
            created: true,
        };
        db.configure()?;
        db.migrate_to(latest_version())?;
        db.seed_if_new()?;
        Ok(db)
    }

    /// Creates a database at an older schema version, as an older Ladder would have left
    /// it. Only for migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> Result<Db> {
        let db = Db {
            conn: connect(path)?,
            path: Some(path.to_path_buf()),
            read_only: None,
            created: true,
        };
        db.configure()?;
        db.migrate_to(version)?;
        Ok(db)
    }

    /// Where the database lives, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Why the database was opened read-only, or `None` when Ladder can write it.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// True when this open created the database (the file held no schema before).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// A mark that moves whenever the content may have changed: rows written through this
    /// connection, or a commit by another connection to the same file. A result read when
    /// the mark was the same as now still stands.
    pub fn content_mark(&self) -> Result<(i64, i64)> {
        let written = self
            .conn
            .query_row("SELECT total_changes()", [], |r| r.get(0))?;
        let others = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?;
        Ok((written, others))
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it writes lands, or nothing does.
    /// A read-only database refuses at once with [`Error::ReadOnly`].
    pub fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if let Some(reason) = &self.read_only {
            return Err(Error::ReadOnly {
                path: self.path.clone().unwrap_or_default(),
                reason: format!("{reason}; Ladder can show it but not change it"),
            });
        }
        self.transaction(TransactionBehavior::Immediate, f)
    }

    /// [`Db::write`] that gives up at once, with the busy error, when another connection
    /// holds the write lock, instead of waiting for it: for writes that may be skipped,
    /// such as keeping figures that are only a copy, so that a screen never waits on them.
    pub(crate) fn write_if_free<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let out = self.write(f);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        out
    }

    /// Runs `f` in one read transaction, so that everything it reads is one snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.transaction(TransactionBehavior::Deferred, f)
    }

    fn transaction<T>(
        &self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let run = || {
            let tx = Transaction::new_unchecked(&self.conn, behavior)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run().map_err(|e| self.annotate(e))
    }

    /// Gives errors about the database file its path, the latest backup and, for an I/O
    /// failure, what the operating system said: a full disk or a read-only file system.
    pub(crate) fn annotate(&self, e: Error) -> Error {
        let path = self.path.clone().unwrap_or_default();
        match e {
            Error::Database(inner) => match os_error_kind(&self.conn, &inner) {
                Some(std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded) => {
                    Error::DiskFull {
                        what: "writing to the database".into(),
                    }
                }
                Some(
                    kind @ (std::io::ErrorKind::ReadOnlyFilesystem
                    | std::io::ErrorKind::PermissionDenied),
                ) => Error::ReadOnly {
                    path,
                    reason: format!(
                        "{}; Ladder can show it but not change it",
                        read_only_reason(kind, "the file")
                    ),
                },
                _ => Error::Database(inner),
            },
            Error::ReadOnly { path: p, reason } if p.as_os_str().is_empty() => Error::ReadOnly {
                path,
                reason: match &self.read_only {
                    Some(r) => format!("{r}; Ladder can show it but not change it"),
                    None => reason,
                },
            },
            Error::Corrupt {
                path: p, reason, ..
            } if p.as_os_str().is_empty() => Error::Corrupt {
                latest_backup: self.path.as_deref().and_then(crate::backup::latest),
                path,
                reason,
            },
            other => other,
        }
    }

    /// Opens the file, read-write when Ladder may write it and read-only otherwise. An
    /// empty file with backups beside it was truncated: it is refused, not set up afresh.
    fn connect_file(path: &Path) -> Result<Db> {
        if path.is_dir() {
            return Err(Error::NotLadderDatabase {
                path: path.to_path_buf(),
                reason: "it is a folder".into(),
                latest_backup: None,
            });
        }
        let existing = std::fs::metadata(path).ok().map(|m| m.len());
        if existing == Some(0) {
            if let Some(latest) = crate::backup::latest(path) {
                return Err(Error::Corrupt {
                    path: path.to_path_buf(),
                    reason: "the file is empty (0 bytes) though backups of it exist, so it was \
                             probably truncated"
                        .into(),
                    latest_backup: Some(latest),
                });
            }
        }
        if existing.unwrap_or(0) > 0 && !has_sqlite_header(path) {
            // Not opened with SQLite at all: it would delete a leftover `-wal` beside it.
            return Err(Error::NotLadderDatabase {
                path: path.to_path_buf(),
                reason: "the file is not a SQLite database".into(),
                latest_backup: crate::backup::latest(path),
            });
        }
        let denied = match existing {
            Some(_) => not_writable(path),
            None => None,
        };
        let (conn, read_only) = match denied {
            None => {
                let conn = connect(path)?;
                let read_only = conn
                    .is_readonly(rusqlite::MAIN_DB)?
                    .then(|| "the operating system lets Ladder read it only".to_string());
                (conn, read_only)
            }
            Some(reason) => (connect_read_only(path)?, Some(reason)),
        };
        Ok(Db {
            conn,
            path: Some(path.to_path_buf()),
            read_only,
            created: existing.unwrap_or(0) == 0,
        })
    }

    /// Runs `f` in one IMMEDIATE transaction, as [`Db::write`] does, for work that deletes
    /// personal data, then leaves no trace of what it deleted in the file or its
    /// write-ahead log: deleted content is overwritten with zeros (`secure_delete`), the
    /// file is rebuilt (`VACUUM`, its temporary copy kept in memory, never on disk), and
    /// the log is checkpointed and truncated. The flag returned is false when another
    /// connection held the database open so the rebuild or the truncation could not
    /// finish: what `f` did is committed either way, and traces may remain in unused
    /// parts of the files until the next erase.
    pub fn write_erasing<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<(T, bool)> {
        let secure: i64 = self
            .conn
            .pragma_query_value(None, "secure_delete", |r| r.get(0))?;
        self.conn.pragma_update(None, "secure_delete", 1)?;
        let out = self.write(f);
        let cleared = out.as_ref().ok().map(|_| self.clear_traces());
        self.conn.pragma_update(None, "secure_delete", secure)?;
        Ok((out?, cleared.transpose()?.unwrap_or(false)))
    }

    fn clear_traces(&self) -> Result<bool> {
        let busy = |e: &rusqlite::Error| {
            matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        };
        let temp_store: i64 = self
            .conn
            .pragma_query_value(None, "temp_store", |r| r.get(0))?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let vacuum = self.conn.execute_batch("VACUUM");
        self.conn.pragma_update(None, "temp_store", temp_store)?;
        match vacuum {
            Err(e) if busy(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
            Ok(()) => {}
        }
        if self.path.is_none() {
            return Ok(true);
        }
        let blocked: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(blocked == 0)
    }

    /// Refuses files that are not SQLite, belong to another program, or come from a newer
    /// Ladder. Reads only the header: nothing is written before this passes.
    fn check_identity(&self, supported: i64) -> Result<()> {
        let path = self.path.clone().unwrap_or_default();
        let latest_backup = || self.path.as_deref().and_then(crate::backup::latest);
        let not_ladder = |reason: String| Error::NotLadderDatabase {
            path: path.clone(),
            reason,
            latest_backup: latest_backup(),
        };
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    not_ladder("the file is not a SQLite database".into())
                }
                _ => Error::from(e),
            })?;
        let app_id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(not_ladder(format!(
                "it belongs to another program (application id {app_id:#x})"
            )));
        }
        if app_id == 0 {
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(not_ladder(
                    "it is a SQLite database of another program".into(),
                ));
            }
        }
        if version > supported {
            return Err(Error::SchemaTooNew {
                path,
                found: version,
                supported,
            });
        }
        Ok(())
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if self.path.is_some() && self.read_only.is_none() {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Io {
                    context: "switching the database to WAL".into(),
                    source: std::io::Error::other(format!("journal mode stayed {mode}")),
                });
            }
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    /// Brings the schema to `target` in ONE immediate transaction, whatever the number of
    /// migrations: killed or failing half-way, the file keeps its old version, whole. The
    /// version is read again under the write lock, so two Ladders opening an old file at
    /// once migrate it once.
    fn migrate_to(&self, target: i64) -> Result<()> {
        if self.schema_version()? >= target {
            return Ok(());
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut migrated = false;
        for m in MIGRATIONS
            .iter()
            .filter(|m| m.version > current && m.version <= target)
        {
            tx.execute_batch(m.sql)?;
            tx.pragma_update(None, "user_version", m.version)?;
            migration_test_hook(m.version)?;
            migrated = true;
        }
        if migrated {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A brand-new database gets the default competency library. Checked with a read
    /// first, so opening an existing database writes nothing at all.
    fn seed_if_new(&self) -> Result<()> {
        if self.read(crate::competencies::library_is_empty)? {
            self.write(crate::competencies::seed_default_library)?;
        }
        Ok(())
    }

    /// The connection, for the modules that work on the file as a whole (backups).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// A test hook in the migration runner, compiled into debug builds only (release builds
/// have none) and inert unless `LADDER_TEST_MIGRATION_HOOK` is set. It fires inside the
/// migration transaction, after migration `version` ran and before the commit:
///
/// - `fail:N` fails there, as a migration with a bad statement would;
/// - `pause:N` prints `ladder: test hook: migration paused after version N` on stderr and
///   waits (at most a minute) so that a test can kill the process mid-migration.
///
/// `tests/faults.rs` uses it to show that an interrupted migration leaves the old version.
#[cfg(debug_assertions)]
fn migration_test_hook(version: i64) -> Result<()> {
    let Ok(spec) = std::env::var("LADDER_TEST_MIGRATION_HOOK") else {
        return Ok(());
    };
    let stop = |what: &str| Error::Io {
        context: format!("test hook: migration {what} after version {version}"),
        source: std::io::Error::other("LADDER_TEST_MIGRATION_HOOK"),
    };
    match spec.split_once(':') {
        Some(("fail", v)) if v == version.to_string() => Err(stop("failed")),
        Some(("pause", v)) if v == version.to_string() => {
            use std::io::Write;
            eprintln!("ladder: test hook: migration paused after version {version}");
            std::io::stderr().flush().ok();
            std::thread::sleep(Duration::from_secs(60));
            Err(stop("paused too long"))
        }
        _ => Ok(()),
    }
}

#[cfg(not(debug_assertions))]
fn migration_test_hook(_version: i64) -> Result<()> {
    Ok(())
}

fn connect(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| {
            cannot_write(
                path,
                source,
                &format!("creating the folder {}", dir.display()),
            )
        })?;
    }
    if path.is_dir() {
        return Err(Error::NotLadderDatabase {
            path: path.to_path_buf(),
            reason: "it is a folder".into(),
            latest_backup: None,
        });
    }
    create_private_file(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|e| Error::Io {
        context: format!("opening {}", path.display()),
        source: std::io::Error::other(e),
    })
}

/// Opens an existing file read-only.
///
/// With no write-ahead log to fold in (none, or an empty one, the usual case: the last
/// Ladder to close the file folded it in), the file is opened as immutable: SQLite then
/// creates no `-wal` and `-shm` beside it. Those would be created with the file's
/// read-only permissions and, left behind, keep Ladder from writing once the file is
/// writable again; in a read-only folder they cannot be created at all. A file Ladder
/// cannot write is one nobody is expected to change while it is read. Otherwise the log
/// is read through SQLite's read-only mode, which needs its shared-memory file.
fn connect_read_only(path: &Path) -> Result<Connection> {
    let opening = |e: rusqlite::Error| Error::Io {
        context: format!("opening {} read-only", path.display()),
        source: std::io::Error::other(e),
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let wal = std::fs::metadata(sibling(path, "-wal")).map_or(0, |m| m.len());
    if wal == 0 {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        return Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
            .map_err(opening);
    }
    let conn = Connection::open_with_flags(path, flags).map_err(opening)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            Err(Error::ReadOnly {
                path: path.to_path_buf(),
                reason: "its write-ahead log holds changes that can only be read by writing \
                         them in, and Ladder may not write there"
                    .into(),
            })
        }
        _ => Ok(conn),
    }
}

/// True when the file at `path` starts with the 16 bytes every SQLite database starts
/// with. Read directly, without SQLite, which would act on files beside it.
pub(crate) fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// `path` with `suffix` appended to its file name: the `-wal`, `-shm` and `-journal`
/// files SQLite keeps beside a database.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A path as the path part of a SQLite URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Why Ladder may not write the existing database at `path` (the file, or its folder,
/// where SQLite keeps the write-ahead log), or `None` when it may. Asked of the operating
/// system itself (`access(2)`), which also answers for root: a read-only file system and
/// an immutable file are refused even to root.
fn not_writable(path: &Path) -> Option<String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(e) = may_write(path) {
        return Some(read_only_reason(e.kind(), "the file"));
    }
    if let Err(e) = may_write(dir) {
        return Some(read_only_reason(
            e.kind(),
            &format!("its folder {}", dir.display()),
        ));
    }
    None
}

#[cfg(unix)]
fn may_write(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn may_write(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() && meta.permissions().readonly() {
        Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
    } else {
        Ok(())
    }
}

/// Why something cannot be written, in words.
fn read_only_reason(kind: std::io::ErrorKind, what: &str) -> String {
    match kind {
        std::io::ErrorKind::ReadOnlyFilesystem => {
            format!("{what} is on a file system mounted read-only")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!(
                "{what} may not be written (its permissions forbid it, or it is marked immutable)"
            )
        }
        other => format!("{what} cannot be written ({other})"),
    }
}

/// An error creating something the database needs: read-only becomes [`Error::ReadOnly`].
fn cannot_write(path: &Path, source: std::io::Error, context: &str) -> Error {
    match source.kind() {
        kind @ (std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) => {
            Error::ReadOnly {
                path: path.to_path_buf(),
                reason: format!(
                    "{}, so the database cannot be created",
                    read_only_reason(kind, "its folder")
                ),
            }
        }
        _ => Error::io(context, source),
    }
}

/// What the operating system said when SQLite failed with an I/O error, if it said
/// anything: SQLite reports a full disk met while growing its shared-memory file, or a
/// read-only file system, as a plain "disk I/O error" and keeps the `errno` aside.
pub(crate) fn os_error_kind(conn: &Connection, e: &rusqlite::Error) -> Option<std::io::ErrorKind> {
    use rusqlite::ErrorCode as C;
    if !matches!(
        e.sqlite_error_code(),
        Some(C::SystemIoFailure | C::CannotOpen | C::DiskFull)
    ) {
        return None;
    }
    // SAFETY: the handle belongs to `conn`, which is alive and not used concurrently
    // (connections are not shared between threads); the call only reads a field.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    (errno != 0).then(|| std::io::Error::from_raw_os_error(errno).kind())
}

/// Personal data: a new database file is readable by its owner only. SQLite gives its
/// journal files the same permissions.
fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(cannot_write(
            path,
            source,
            &format!("creating {}", path.display()),
        )),
    }
}

/// The default place of the database: the per-user data directory.
pub fn default_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("org", "Ladder", "ladder").ok_or_else(|| Error::Io {
            context: "finding the per-user data directory".into(),
            source: std::io::Error::other("no home directory is known for this user"),
        })?;
    Ok(dirs.data_dir().join("ladder.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_database_reaches_latest_version() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.schema_version().unwrap(), latest_version());
    }

    #[test]
    fn migration_versions_run_from_one_without_gaps() {
        // A gap would let a database at a later version skip the missing migration.
        let v = versions();
        assert_eq!(v, (1..=v.len() as i64).collect::<Vec<_>>());
    }

    #[test]
    fn the_content_mark_moves_on_every_write_from_here_or_elsewhere_and_on_no_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ladder.db");
        let db = Db::open(&path).unwrap();
        let other = Db::open(&path).unwrap();
        let set = |db: &Db, v: &str| {
            db.write(|c| {
                c.execute(
                    "INSERT OR REPLACE INTO settings(key, value) VALUES ('k', ?1)",
                    [v],
                )?;
                Ok(())
            })
            .unwrap()
        };
        let start = db.content_mark().unwrap();
        db.read(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?))
            .unwrap();
        assert_eq!(db.content_mark().unwrap(), start, "a read leaves it");
        set(&db, "1");
        let written = db.content_mark().unwrap();
        assert_ne!(written, start, "a write through this connection moves it");
        set(&other, "2");
        assert_ne!(
            db.content_mark().unwrap(),
            written,
            "a commit by another moves it"
        );
    }

    #[test]
    fn failed_write_changes_nothing() {
        let db = Db::open_in_memory().unwrap();
        let res: Result<()> = db.write(|c| {
            c.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
            Err(Error::invalid("k", "refused"))
        });
        assert!(res.is_err());
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
