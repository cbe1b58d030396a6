//! How a core error crosses to the UI: its stable code, its message and the field it
//! concerns, so a form shows the message beside that field and branches on the code.

use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<ladder::Error> for CommandError {
    fn from(e: ladder::Error) -> Self {
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            field: e.field().map(str::to_string),
        }
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, CommandError>;
