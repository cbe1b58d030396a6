//! One error type for the whole core. Every variant has a stable `code` so that front ends
//! (CLI exit codes, the desktop UI) branch on the code, never on the text, and validation
//! errors carry the field they concern so a form can show the message beside it.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user gave breaks a rule. The message names the field and the rule.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A reference (person, goal, competency...) matched nothing.
    #[error("{} '{key}' was not found", crate::validate::label(what))]
    NotFound { what: &'static str, key: String },
    /// A reference matched several records; the user must be more precise.
    #[error("{} '{key}' is ambiguous: it matches {}", crate::validate::label(what), candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        key: String,
        candidates: Vec<String>,
    },
    /// The request is well formed but conflicts with what is stored (a reporting cycle,
    /// a duplicate name, demo data over real data).
    #[error("{message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    /// The database was written by a newer Ladder; we refuse it untouched.
    #[error("database {path} has schema version {found}, newer than this Ladder understands ({supported}); install the newer Ladder to open it")]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The file exists but is not a Ladder database (or not SQLite at all). Nothing was
    /// written to it; the message offers the latest backup beside it, if there is one.
    #[error("{} is not a Ladder database: {reason}; nothing was changed. {}", path.display(), restore_hint(path, latest_backup.as_deref()))]
    NotLadderDatabase {
        path: PathBuf,
        reason: String,
        latest_backup: Option<PathBuf>,
    },
    /// The database file is damaged (truncated, overwritten, failing its integrity check).
    /// Nothing was written to it; the message offers the latest backup.
    #[error("{} is damaged: {reason}; nothing was changed. {}", file(path), restore_hint(path, latest_backup.as_deref()))]
    Corrupt {
        path: PathBuf,
        reason: String,
        latest_backup: Option<PathBuf>,
    },
    /// The database file or its folder cannot be written (a read-only file system, an
    /// immutable file, no permission). Reading still works; writing is refused. The reason
    /// says why, and what Ladder can still do.
    #[error("{} is read-only: {reason}", file(path))]
    ReadOnly { path: PathBuf, reason: String },
    /// The disk (or the user's quota) is full. Nothing was saved.
    #[error(
        "the disk is full: {what} failed and nothing was saved; free some space and try again"
    )]
    DiskFull { what: String },
    /// A file given to `restore` is not a backup Ladder can put in place.
    #[error("{} cannot be restored: {reason}; nothing was changed", path.display())]
    BadBackup { path: PathBuf, reason: String },
    /// A file given to import is not a workbook Ladder can read safely.
    #[error("the file is not a workbook Ladder can import: {reason}")]
    BadWorkbook { reason: String },
    /// A workbook was read but some rows break the rules; nothing was imported.
    #[error("nothing was imported: {} problem{} in the workbook:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n"))]
    ImportRefused { problems: Vec<String> },
    /// Another process holds the database longer than the busy timeout.
    #[error("the database is busy: another Ladder is using it; try again")]
    Busy,
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

impl Error {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Ambiguous { .. } => "ambiguous",
            Error::Conflict { .. } => "conflict",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotLadderDatabase { .. } => "not_ladder_database",
            Error::Corrupt { .. } => "corrupt",
            Error::ReadOnly { .. } => "read_only",
            Error::DiskFull { .. } => "disk_full",
            Error::BadBackup { .. } => "bad_backup",
            Error::BadWorkbook { .. } => "bad_workbook",
            Error::ImportRefused { .. } => "import_refused",
            Error::Busy => "busy",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
        }
    }

    /// The input field the error concerns, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field),
            Error::NotFound { what, .. } | Error::Ambiguous { what, .. } => Some(what),
            _ => None,
        }
    }

    /// True when the user can fix this by changing what they typed (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::Invalid { .. }
                | Error::NotFound { .. }
                | Error::Ambiguous { .. }
                | Error::Conflict { .. }
                | Error::BadWorkbook { .. }
                | Error::ImportRefused { .. }
                | Error::BadBackup { .. }
        )
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Error::Conflict {
            field,
            message: message.into(),
        }
    }

    /// An I/O failure on a file: a full disk becomes [`Error::DiskFull`], anything else
    /// [`Error::Io`] with its context ("writing /path/x.xlsx").
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        let context = context.into();
        match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                Error::DiskFull { what: context }
            }
            _ => Error::Io { context, source },
        }
    }

    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            key: key.into(),
        }
    }
}

/// SQLite's errors, by their primary code. Errors about the database file itself
/// (damaged, read-only) carry no path here: [`crate::Db`] adds it, and the latest backup,
/// before they leave the core.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Busy,
            Some(C::DiskFull) => Error::DiskFull {
                what: "writing to the database".into(),
            },
            Some(C::ReadOnly) => Error::ReadOnly {
                path: PathBuf::new(),
                reason: "SQLite refused to write to it; Ladder can show it but not change it"
                    .into(),
            },
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => Error::Corrupt {
                path: PathBuf::new(),
                reason: e.to_string(),
                latest_backup: None,
            },
            _ => Error::Database(e),
        }
    }
}

/// A file for a message: its path, or "the database" when the path is not known here.
fn file(path: &Path) -> String {
    if path.as_os_str().is_empty() {
        "the database".into()
    } else {
        path.display().to_string()
    }
}

/// The sentence that offers the way back: the command restoring the newest backup.
fn restore_hint(path: &Path, latest: Option<&Path>) -> String {
    match latest {
        Some(b) => format!(
            "The latest backup is {}: put it back with `ladder restore {}` (the damaged file is kept aside).",
            b.display(),
            shell_quote(&b.display().to_string())
        ),
        None if path.as_os_str().is_empty() => "No backup of it was found.".into(),
        None => format!(
            "No backup of it was found in {}.",
            crate::backup::folder(path).display()
        ),
    }
}

/// Quotes a path for a shell command line, when it needs quoting.
fn shell_quote(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
