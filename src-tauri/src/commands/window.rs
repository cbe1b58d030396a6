//! The window's close, held while the page says whether a form holds typing not saved
//! (see [`crate::close_guard`]).

use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use crate::close_guard::CloseGuard;
use crate::error::{CmdResult, CommandError};

/// The page listens for closes: each close asked for (the window's close button, the
/// window manager) is held and sent on `on_close` until the page answers.
#[tauri::command(rename_all = "snake_case")]
pub fn guard_close(guard: State<'_, CloseGuard>, on_close: Channel<()>) {
    guard.arm(move || on_close.send(()).is_ok());
}

/// The page's answer to a close: `close` when nothing is unsaved or the person chose to
/// discard it, otherwise it is asking the person and the window stays.
#[tauri::command(rename_all = "snake_case")]
pub fn answer_close(
    guard: State<'_, CloseGuard>,
    window: WebviewWindow,
    close: bool,
) -> CmdResult<()> {
    guard.answered();
    if close {
        // Not `close`: that would ask the page again.
        window.destroy().map_err(|e| CommandError {
            code: "window".into(),
            message: format!("the window could not be closed: {e}"),
            field: None,
        })?;
    }
    Ok(())
}
