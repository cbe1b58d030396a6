//! One error type for the whole core. Every variant has a stable `code` so that front ends
//! (CLI exit codes, the desktop UI) branch on the code, never on the text, and validation
//! errors carry the field they concern so a form can show the message beside it.

use std::path::PathBuf;

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
    #[error("{what} '{key}' was not found")]
    NotFound { what: &'static str, key: String },
    /// A reference matched several records; the user must be more precise.
    #[error("{what} '{key}' is ambiguous: it matches {}", candidates.join(", "))]
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
    /// The file exists but is not a Ladder database (or not SQLite at all).
    #[error("{path} is not a Ladder database: {reason}")]
    NotLadderDatabase { path: PathBuf, reason: String },
    /// A file given to import is not a workbook Ladder can read safely.
    #[error("the file is not a workbook Ladder can import: {reason}")]
    BadWorkbook { reason: String },
    /// A workbook was read but some rows break the rules; nothing was imported.
    #[error("nothing was imported: {} problem{} in the workbook:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n"))]
    ImportRefused { problems: Vec<String> },
    /// Another process holds the database longer than the busy timeout.
    #[error("the database is busy (another Ladder is writing); try again")]
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

    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            key: key.into(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Database(e),
        }
    }
}
