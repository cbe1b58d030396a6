//! The native file dialogs, opened from this one place: the window never names a path,
//! the user picks every file here.
//!
//! Two environment variables answer a dialog without showing it, so end-to-end tests (and
//! scripts) can drive an export or an import through the shipped app:
//!
//! - `LADDER_SAVE_PATH`: where "Export" saves. A folder there receives the workbook under
//!   its suggested name; anything else is the file itself.
//! - `LADDER_OPEN_PATH`: the workbook "Import" opens.
//!
//! Nothing else about the app differs when they are set.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Excel workbooks, the only files Ladder saves or opens here.
const FILTER: (&str, &[&str]) = ("Excel workbook", &["xlsx"]);

/// Where to save a workbook offered as `suggested`, or `None` when the user cancels.
/// Blocks until the user answers: never call it on the main thread.
pub fn save_path<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    if let Some(path) = from_env("LADDER_SAVE_PATH") {
        return Some(if path.is_dir() {
            path.join(suggested)
        } else {
            path
        });
    }
    app.dialog()
        .file()
        .set_title("Export a workbook")
        .add_filter(FILTER.0, FILTER.1)
        .set_file_name(suggested)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

/// The workbook to import, or `None` when the user cancels. Blocks like [`save_path`].
pub fn open_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = from_env("LADDER_OPEN_PATH") {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Import a workbook")
        .add_filter(FILTER.0, FILTER.1)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}
