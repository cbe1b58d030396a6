//! Who the user is, the demo team, and where the database lives.

use ladder::demo::{self, DemoSummary};
use ladder::profile::{self, Me, Role};
use tauri::State;

use crate::error::CmdResult;
use crate::forms::AppInfo;
use crate::state::{today, AppState};

// The window's first two calls run off the main thread: they wait for the work begun at
// start (see `AppState::start`), and the window stays drawn and responsive meanwhile.
#[tauri::command(async, rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let schema_version = state.with(|db| db.schema_version())?;
    Ok(AppInfo {
        db_path: state.path().map(|p| p.display().to_string()),
        schema_version,
        today: today().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        backup_warning: state.backup_warning(),
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn whoami(state: State<'_, AppState>) -> CmdResult<Option<Me>> {
    state.with(profile::whoami)
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_me(state: State<'_, AppState>, person_id: String, role: Role) -> CmdResult<Me> {
    state.with(|db| profile::set_me(db, &person_id, role))
}

#[tauri::command(rename_all = "snake_case")]
pub fn load_demo(state: State<'_, AppState>) -> CmdResult<DemoSummary> {
    state.with(|db| demo::load(db, today()))
}

/// The UI calls this once its first screen (the Dashboard, or Team) is interactive. It does nothing unless a
/// start-up measurement asks for it (`make bench-desktop`): with `LADDER_READY_FILE` set
/// it writes `ready` to that file, with `LADDER_READY_EXIT` set the app exits 0.
#[tauri::command(rename_all = "snake_case")]
pub fn ready(app: tauri::AppHandle) {
    if let Some(path) = std::env::var_os("LADDER_READY_FILE") {
        let _ = std::fs::write(path, "ready\n");
    }
    if std::env::var_os("LADDER_READY_EXIT").is_some() {
        app.exit(0);
    }
}
