//! People and reporting lines.

use ladder::people::{self, ListOptions, Person};
use tauri::State;

use crate::error::CmdResult;
use crate::forms::PersonForm;
use crate::state::AppState;

/// Everyone active (for pickers), or only the user's own scope.
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_people(state: State<'_, AppState>, everyone: bool) -> CmdResult<Vec<Person>> {
    state.with(|db| {
        people::list(
            db,
            ListOptions {
                everyone,
                include_archived: false,
            },
        )
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_person(state: State<'_, AppState>, id: String) -> CmdResult<Person> {
    state.with(|db| people::get(db, &id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_person(state: State<'_, AppState>, form: PersonForm) -> CmdResult<Person> {
    state.with(|db| people::add(db, form.parse()?))
}

/// Edits a person's profile and reporting line to what the form holds.
#[tauri::command(rename_all = "snake_case")]
pub fn edit_person(state: State<'_, AppState>, id: String, form: PersonForm) -> CmdResult<Person> {
    state.with(|db| people::edit(db, &id, form.into_patch()?))
}

/// Whom a person (or a new one, with no id) may report to, for the form's manager list.
#[tauri::command(async, rename_all = "snake_case")]
pub fn possible_managers(
    state: State<'_, AppState>,
    person_id: Option<String>,
) -> CmdResult<Vec<Person>> {
    state.with(|db| people::possible_managers(db, person_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn direct_reports(state: State<'_, AppState>, manager_id: String) -> CmdResult<Vec<Person>> {
    state.with(|db| people::reports(db, &manager_id, true))
}

/// Archives a person: they leave lists and checks, and their history is kept.
#[tauri::command(rename_all = "snake_case")]
pub fn archive_person(state: State<'_, AppState>, id: String) -> CmdResult<Person> {
    state.with(|db| people::archive(db, &id))
}

/// Brings an archived person back (the Undo of an archive).
#[tauri::command(rename_all = "snake_case")]
pub fn restore_person(state: State<'_, AppState>, id: String) -> CmdResult<Person> {
    state.with(|db| people::restore(db, &id))
}
