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
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings it to the latest schema.
    pub fn open(path: &Path) -> Result<Db> {
        let conn = connect(path)?;
        let db = Db {
            conn,
            path: Some(path.to_path_buf()),
        };
        db.check_identity(latest_version())?;
        db.configure()?;
        db.migrate_to(latest_version())?;
        db.seed_if_new()?;
        Ok(db)
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Db> {
        let db = Db {
            conn: Connection::open_in_memory()?,
            path: None,
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
        };
        db.configure()?;
        db.migrate_to(version)?;
        Ok(db)
    }

    /// Where the database lives, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it writes lands, or nothing does.
    pub fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in one read transaction, so that everything it reads is one snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
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
        let not_ladder = |reason: String| Error::NotLadderDatabase {
            path: path.clone(),
            reason,
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
        if self.path.is_some() {
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

    fn migrate_to(&self, target: i64) -> Result<()> {
        let current = self.schema_version()?;
        for m in MIGRATIONS
            .iter()
            .filter(|m| m.version > current && m.version <= target)
        {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            tx.execute_batch(m.sql)?;
            tx.pragma_update(None, "user_version", m.version)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.commit()?;
        }
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

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn connect(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            context: format!("creating the folder {}", dir.display()),
            source,
        })?;
    }
    if path.is_dir() {
        return Err(Error::NotLadderDatabase {
            path: path.to_path_buf(),
            reason: "it is a folder".into(),
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
        Err(source) => Err(Error::Io {
            context: format!("creating {}", path.display()),
            source,
        }),
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
