//! Excel workbooks from the Export / Import screen: export any workbook through the save
//! dialog, with its stages reported as it goes; import through the open dialog, as a
//! preview first, then apply exactly the bytes that were previewed.
//!
//! The work runs off the window's thread (the dialogs block, and a team's workbook takes
//! a while). The core writes the workbook, reads it back and decides what an import
//! does; these commands only move files and bytes between the dialogs and the core.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;
use ladder::export::{self, Fill, Kind};
use ladder::import::{self, Applied, Preview};
use ladder::{files, Error};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CmdResult, CommandError};
use crate::state::{today, AppState};

/// Where an export has got to, sent to the window as it happens.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ExportStage {
    /// The file was chosen; the workbook is being written from the database.
    Writing,
    /// The workbook is written; the file is being saved.
    Saving,
}

/// Where an import has got to: the file was chosen and is being read and checked.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    Reading,
}

/// A workbook saved by an export.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct Exported {
    pub workbook: Kind,
    pub path: String,
    pub bytes: usize,
}

/// What importing a chosen workbook would do, before anything is written.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ImportReview {
    /// The file, as chosen.
    pub path: String,
    /// Apply the previewed bytes with this; none when the file has problems.
    pub token: Option<String>,
    /// What would be added, changed and is missing; none when the file has problems.
    pub preview: Option<Preview>,
    /// Every problem as `Sheet!Cell: rule`; any problem means nothing can be applied.
    pub problems: Vec<String>,
}

/// The bytes of the workbook last previewed, kept until it is applied or cancelled, so
/// what is applied is exactly what the user saw (the file on disk may change meanwhile).
#[derive(Default)]
pub struct PendingImport {
    kept: Mutex<Option<(String, Vec<u8>)>>,
    counter: AtomicU64,
}

impl PendingImport {
    fn keep(&self, bytes: Vec<u8>) -> String {
        let token = format!(
            "import-{}",
            self.counter.fetch_add(1, Ordering::Relaxed) + 1
        );
        *self.lock() = Some((token.clone(), bytes));
        token
    }

    fn take(&self, token: &str) -> Option<Vec<u8>> {
        let mut kept = self.lock();
        match kept.as_ref() {
            Some((t, _)) if t == token => kept.take().map(|(_, bytes)| bytes),
            _ => None,
        }
    }

    fn discard(&self, token: Option<&str>) {
        let mut kept = self.lock();
        if token.is_none()
            || kept
                .as_ref()
                .is_some_and(|(t, _)| Some(t.as_str()) == token)
        {
            *kept = None;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(String, Vec<u8>)>> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Exports a workbook: the save dialog (offering the core's file name), then the
/// workbook written by the core and saved readable by its owner only. `None` when the
/// user cancels the dialog, which is not an error.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_workbook(
    app: AppHandle,
    workbook: Kind,
    fill: Fill,
    on_progress: Channel<ExportStage>,
) -> CmdResult<Option<Exported>> {
    off_the_window(move || {
        let state = app.state::<AppState>();
        export_to(
            &state,
            workbook,
            &fill,
            today(),
            |name| dialogs::save_path(&app, name),
            |stage| {
                let _ = on_progress.send(stage);
            },
        )
    })
    .await
}

/// Opens a workbook through the open dialog and previews its import; writes nothing.
/// `None` when the user cancels the dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import(
    app: AppHandle,
    on_progress: Channel<ImportStage>,
) -> CmdResult<Option<ImportReview>> {
    off_the_window(move || {
        let Some(path) = dialogs::open_path(&app) else {
            return Ok(None);
        };
        let _ = on_progress.send(ImportStage::Reading);
        let state = app.state::<AppState>();
        let pending = app.state::<PendingImport>();
        review(&state, &pending, &path, today()).map(Some)
    })
    .await
}

/// Applies the previewed workbook, in one transaction, and says what was done and which
/// backup undoes it.
#[tauri::command(rename_all = "snake_case")]
pub async fn apply_import(app: AppHandle, token: String) -> CmdResult<Applied> {
    off_the_window(move || {
        let state = app.state::<AppState>();
        let pending = app.state::<PendingImport>();
        apply(&state, &pending, &token, today())
    })
    .await
}

/// Forgets a previewed workbook without writing anything.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_import(pending: tauri::State<'_, PendingImport>, token: Option<String>) {
    pending.discard(token.as_deref());
}

/// The export, with the dialog and the progress as arguments.
pub fn export_to(
    state: &AppState,
    workbook: Kind,
    fill: &Fill,
    today: NaiveDate,
    choose: impl FnOnce(&str) -> Option<PathBuf>,
    progress: impl Fn(ExportStage),
) -> CmdResult<Option<Exported>> {
    let name = state.with(|db| export::file_name(db, workbook, fill, today))?;
    let Some(path) = choose(&name) else {
        return Ok(None);
    };
    progress(ExportStage::Writing);
    let bytes = state.with(|db| export::workbook(db, workbook, fill, today))?;
    progress(ExportStage::Saving);
    files::write_private(&path, &bytes)?;
    Ok(Some(Exported {
        workbook,
        path: path.display().to_string(),
        bytes: bytes.len(),
    }))
}

/// The preview of the workbook at `path`, its bytes kept for [`apply`]. A workbook whose
/// rows break the rules comes back with its problems and nothing kept.
pub fn review(
    state: &AppState,
    pending: &PendingImport,
    path: &Path,
    today: NaiveDate,
) -> CmdResult<ImportReview> {
    pending.discard(None);
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    let shown = path.display().to_string();
    match state.with(|db| Ok(import::preview(db, &bytes, today)))? {
        Ok(preview) => Ok(ImportReview {
            path: shown,
            token: Some(pending.keep(bytes)),
            preview: Some(preview),
            problems: Vec::new(),
        }),
        Err(Error::ImportRefused { problems }) => Ok(ImportReview {
            path: shown,
            token: None,
            preview: None,
            problems,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Imports the bytes kept under `token`, once.
pub fn apply(
    state: &AppState,
    pending: &PendingImport,
    token: &str,
    today: NaiveDate,
) -> CmdResult<Applied> {
    let bytes = pending.take(token).ok_or_else(|| {
        Error::conflict(
            "token",
            "this preview is no longer open (it was applied or cancelled): choose the workbook again",
        )
    })?;
    state.with(|db| import::apply(db, &bytes, today))
}

/// Runs blocking work (a dialog, a workbook) on a worker thread, not the window's.
async fn off_the_window<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| {
            Err(CommandError {
                code: "internal".into(),
                message: format!("the work stopped unexpectedly: {e}"),
                field: None,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder::people::{self, ListOptions, Person};
    use ladder::plans::{self, Goal};
    use std::cell::RefCell;
    use std::io::{Read, Write};

    fn demo() -> AppState {
        let state = AppState::in_memory();
        state.with(|db| ladder::demo::load(db, today())).unwrap();
        state
    }

    fn plan(state: &AppState, person: &Person) -> Vec<Goal> {
        state.with(|db| plans::plan(db, &person.id)).unwrap()
    }

    /// Someone in the demo team with a plan.
    fn planner(state: &AppState) -> Person {
        let everyone = ListOptions {
            everyone: true,
            include_archived: false,
        };
        state
            .with(|db| people::list(db, everyone))
            .unwrap()
            .into_iter()
            .find(|p| plan(state, p).iter().any(|g| !g.activities.is_empty()))
            .expect("a demo person with a plan")
    }

    #[test]
    fn an_export_saves_an_owner_only_file_under_the_offered_name_with_its_stages() {
        let state = demo();
        let dir = tempfile::tempdir().unwrap();
        let person = planner(&state);
        let offered = RefCell::new(String::new());
        let stages = RefCell::new(Vec::new());
        let saved = export_to(
            &state,
            Kind::Plan,
            &Fill::Person(person.id.clone()),
            today(),
            |name| {
                *offered.borrow_mut() = name.to_string();
                Some(dir.path().join(name))
            },
            |s| stages.borrow_mut().push(s),
        )
        .unwrap()
        .unwrap();
        let offered = offered.into_inner();
        assert!(offered.starts_with("ladder-plan-"), "{offered}");
        assert!(
            offered.ends_with(&format!("-{}.xlsx", today())),
            "{offered}"
        );
        assert_eq!(
            stages.into_inner(),
            [ExportStage::Writing, ExportStage::Saving]
        );
        let path = dir.path().join(&offered);
        assert_eq!(saved.path, path.display().to_string());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), saved.bytes);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // The saved file is the person's plan: it imports back with nothing to change.
        let preview = state
            .with(|db| import::preview(db, &bytes, today()))
            .unwrap();
        assert!(preview.is_empty() && preview.unchanged > 0, "{preview:?}");
    }

    #[test]
    fn a_cancelled_save_dialog_writes_nothing_and_is_not_an_error() {
        let state = demo();
        let stages = RefCell::new(Vec::new());
        let saved = export_to(
            &state,
            Kind::Ratings,
            &Fill::Team,
            today(),
            |_| None,
            |s| stages.borrow_mut().push(s),
        )
        .unwrap();
        assert!(saved.is_none());
        assert!(stages.into_inner().is_empty());
    }

    /// A person's plan exported, with `edit` applied to its shared strings, saved in `dir`.
    fn edited_plan(
        state: &AppState,
        person: &Person,
        dir: &Path,
        edit: impl Fn(String) -> String,
    ) -> PathBuf {
        let fill = Fill::Person(person.id.clone());
        let bytes = state
            .with(|db| export::workbook(db, Kind::Plan, &fill, today()))
            .unwrap();
        let strings = "xl/sharedStrings.xml";
        let edited = edit(part(&bytes, strings));
        let path = dir.join("edited.xlsx");
        std::fs::write(&path, with_part(&bytes, strings, &edited)).unwrap();
        path
    }

    #[test]
    fn the_previewed_bytes_are_applied_even_if_the_file_changes_afterwards() {
        let state = demo();
        let pending = PendingImport::default();
        let dir = tempfile::tempdir().unwrap();
        let person = planner(&state);
        let old = plan(&state, &person)[0].activities[0].description.clone();
        let new = format!("{old} with the whole department");
        let path = edited_plan(&state, &person, dir.path(), |s| s.replace(&old, &new));

        let review = review(&state, &pending, &path, today()).unwrap();
        assert!(review.problems.is_empty());
        let preview = review.preview.unwrap();
        assert_eq!(preview.changed.len(), 1, "{preview:?}");
        let field = &preview.changed[0].fields[0];
        assert_eq!(
            (field.old.as_str(), field.new.as_str()),
            (old.as_str(), new.as_str())
        );
        assert_eq!(plan(&state, &person)[0].activities[0].description, old);
        let token = review.token.unwrap();

        // Whatever happens to the file now, what was previewed is what is applied.
        std::fs::write(&path, b"not a workbook any more").unwrap();
        let done = apply(&state, &pending, &token, today()).unwrap();
        assert_eq!(done.changed.len(), 1);
        assert_eq!(plan(&state, &person)[0].activities[0].description, new);

        // Once applied, the token is spent.
        let again = apply(&state, &pending, &token, today()).unwrap_err();
        assert_eq!(again.field.as_deref(), Some("token"));
    }

    #[test]
    fn a_cancelled_preview_cannot_be_applied_and_writes_nothing() {
        let state = demo();
        let pending = PendingImport::default();
        let dir = tempfile::tempdir().unwrap();
        let person = planner(&state);
        let old = plan(&state, &person)[0].activities[0].description.clone();
        let path = edited_plan(&state, &person, dir.path(), |s| s.replace(&old, "Changed"));

        let token = review(&state, &pending, &path, today())
            .unwrap()
            .token
            .unwrap();
        pending.discard(Some(&token));
        let err = apply(&state, &pending, &token, today()).unwrap_err();
        assert_eq!(err.code, "conflict");
        assert_eq!(plan(&state, &person)[0].activities[0].description, old);
    }

    #[test]
    fn a_workbook_with_problems_lists_each_by_cell_and_keeps_nothing_to_apply() {
        let state = demo();
        let pending = PendingImport::default();
        let dir = tempfile::tempdir().unwrap();
        let person = planner(&state);
        let before = plan(&state, &person);
        let path = edited_plan(&state, &person, dir.path(), |s| {
            s.replace(">practice<", ">rehearse<")
        });

        let review = review(&state, &pending, &path, today()).unwrap();
        assert!(review.token.is_none() && review.preview.is_none());
        assert!(!review.problems.is_empty());
        assert!(
            review.problems.iter().all(|p| p.starts_with("Plan!E")
                && p.ends_with("phase 'rehearse' is not one of learn, practice, feedback")),
            "{:?}",
            review.problems
        );
        assert!(pending.lock().is_none());
        assert_eq!(plan(&state, &person), before);
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_an_error_not_a_preview() {
        let state = demo();
        let pending = PendingImport::default();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.xlsx");
        std::fs::write(&path, b"hello").unwrap();
        let err = review(&state, &pending, &path, today()).unwrap_err();
        assert_eq!(err.code, "bad_workbook");
        let err = review(&state, &pending, &dir.path().join("gone.xlsx"), today()).unwrap_err();
        assert_eq!(err.code, "io");
        assert!(err.message.contains("gone.xlsx"), "{}", err.message);
    }

    /// One part of the .xlsx archive, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    /// The archive with one part replaced.
    fn with_part(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let entry_name = entry.name().unwrap().to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if entry_name == name {
                data = text.as_bytes().to_vec();
            }
            out.start_file(entry_name, opts).unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }
}
