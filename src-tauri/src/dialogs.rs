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

use std::ffi::OsString;
use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Excel workbooks, the only files Ladder saves or opens here.
const FILTER: (&str, &[&str]) = ("Excel workbook", &["xlsx"]);

/// Where to save a workbook offered as `suggested`, or `None` when the user cancels.
/// Blocks until the user answers: never call it on the main thread.
pub fn save_path<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    if let Some(path) = answered(std::env::var_os("LADDER_SAVE_PATH"), Some(suggested)) {
        return Some(path);
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
    if let Some(path) = answered(std::env::var_os("LADDER_OPEN_PATH"), None) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Import a workbook")
        .add_filter(FILTER.0, FILTER.1)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// The path an environment variable answers a dialog with: none when it is unset or
/// empty; for a save (`suggested` given), a folder receives the suggested name.
fn answered(var: Option<OsString>, suggested: Option<&str>) -> Option<PathBuf> {
    let path = PathBuf::from(var.filter(|p| !p.is_empty())?);
    Some(match suggested {
        Some(name) if path.is_dir() => path.join(name),
        _ => path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_answers_a_dialog_with_a_file_or_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let name = "ladder-plan-team-2026-12-03.xlsx";
        let folder = Some(dir.path().as_os_str().to_owned());
        assert_eq!(
            answered(folder.clone(), Some(name)),
            Some(dir.path().join(name))
        );
        let file = dir.path().join("mine.xlsx");
        let given = Some(file.as_os_str().to_owned());
        assert_eq!(answered(given.clone(), Some(name)), Some(file.clone()));
        assert_eq!(answered(given, None), Some(file));
        // Unset or empty: the real dialog opens.
        assert_eq!(answered(None, Some(name)), None);
        assert_eq!(answered(Some(OsString::new()), None), None);
    }
}
