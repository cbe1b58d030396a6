//! Ladder's core: development plans, competencies, meetings, ADKAR change management and
//! the people they concern, kept in one local SQLite file. Front ends (the `ladder` CLI,
//! the desktop app) are thin adapters over these functions: open a [`Db`], then call one
//! module per area.
//!
//! Business rules never read the clock: functions that depend on the date take `today`.

pub mod change;
pub mod checks;
pub mod codes;
pub mod competencies;
pub mod demo;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod meetings;
pub mod overview;
pub mod people;
pub mod plans;
pub mod profile;
pub mod promotion;
pub mod store;
pub mod validate;

pub use error::{Error, Result};
pub use store::Db;

use rusqlite::{Connection, OptionalExtension};

/// A new record id: UUIDv7, so ids sort by creation and stay unique across copies.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current instant in UTC, RFC 3339, for `created_at`/`updated_at` bookkeeping only.
pub(crate) fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The short form of an id shown to people: its last eight characters, which come from
/// the random part of a UUIDv7 (the leading part is a timestamp shared by records made
/// in the same minute).
pub fn short_id(id: &str) -> &str {
    &id[id.len().saturating_sub(8)..]
}

/// Shortest id suffix accepted as a reference.
const MIN_ID_SUFFIX: usize = 6;

/// Finds the id of a record in `table` from its full id or a unique suffix of it.
/// `table` is always one of ours, never user input.
pub(crate) fn resolve_id(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    key: &str,
) -> Result<String> {
    let key = key.trim().to_ascii_lowercase();
    let exact: Option<String> = conn
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1"),
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = exact {
        return Ok(id);
    }
    let looks_like_id =
        key.len() >= MIN_ID_SUFFIX && key.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !looks_like_id {
        return Err(Error::not_found(what, key));
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM {table} WHERE substr(id, -length(?1)) = ?1 LIMIT 5"
    ))?;
    let ids: Vec<String> = stmt
        .query_map([&key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.len() {
        0 => Err(Error::not_found(what, key)),
        1 => Ok(ids.into_iter().next().unwrap_or_default()),
        _ => Err(Error::Ambiguous {
            what,
            key,
            candidates: ids,
        }),
    }
}

/// Binds a list of ids as one parameter, for `IN (SELECT value FROM json_each(?))`.
pub(crate) fn id_list(ids: &[String]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}
