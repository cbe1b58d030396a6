//! Ladder's core: development plans, competencies, meetings, ADKAR change management and
//! the people they concern, kept in one local SQLite file. Front ends (the `ladder` CLI,
//! the desktop app) are thin adapters over these functions: open a [`Db`], then call one
//! module per area.
//!
//! Business rules never read the clock: functions that depend on the date take `today`.

pub mod audit;
pub mod backup;
pub mod change;
pub mod checks;
pub mod codes;
mod columns;
pub mod competencies;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod error;
pub mod export;
pub mod files;
pub mod generate;
pub mod import;
pub mod meetings;
pub mod overview;
pub mod people;
pub mod plans;
pub mod privacy;
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
    find_id(conn, table, what, key)?.ok_or_else(|| {
        let key = key.trim();
        // Too short to be matched at all: say so, rather than that nothing has it.
        if !key.is_empty() && key.len() < MIN_ID_SUFFIX && key.chars().all(|c| c.is_ascii_hexdigit()) {
            Error::invalid(
                what,
                format!(
                    "{} '{key}' is too short to name one: give the last {MIN_ID_SUFFIX} characters of its id or more",
                    validate::label(what)
                ),
            )
        } else {
            Error::not_found(what, key)
        }
    })
}

/// Like [`resolve_id`], but `None` when nothing has that id, so the caller can go on to
/// match names. Database errors and ambiguous suffixes are still errors.
pub(crate) fn find_id(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    key: &str,
) -> Result<Option<String>> {
    let wanted = key.trim().to_ascii_lowercase();
    let exact: Option<String> = conn
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1"),
            [&wanted],
            |r| r.get(0),
        )
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    let looks_like_id =
        wanted.len() >= MIN_ID_SUFFIX && wanted.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !looks_like_id {
        return Ok(None);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM {table} WHERE substr(id, -length(?1)) = ?1 LIMIT 5"
    ))?;
    let ids: Vec<String> = stmt
        .query_map([&wanted], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.len() {
        0 | 1 => Ok(ids.into_iter().next()),
        _ => Err(Error::Ambiguous {
            what,
            key: key.trim().to_string(),
            candidates: ids,
        }),
    }
}

/// The first name `sql` lists (its first column) that is `name` whatever the case, in any
/// alphabet. Names are checked for clashes here rather than with SQLite's NOCASE, which
/// folds A–Z only: "Éthique" and "éthique" would both be stored, and then neither could
/// be picked by name.
pub(crate) fn same_name_in(
    c: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    name: &str,
) -> Result<Option<String>> {
    let folded = name.trim().to_lowercase();
    let mut stmt = c.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        let existing: String = r.get(0)?;
        if existing.to_lowercase() == folded {
            return Ok(Some(existing));
        }
    }
    Ok(None)
}

/// Picks one record by what a user typed: an exact name (any case) first, then names
/// with a word starting with it ("tom" is Tom Okafor, not Customer support), then any
/// part of a name. `named` pairs each candidate's name with the record; `label` says how
/// a candidate is listed when the name is ambiguous.
pub(crate) fn pick_by_name<T: Clone>(
    what: &'static str,
    key: &str,
    named: Vec<(String, T)>,
    label: impl Fn(&str, &T) -> String,
) -> Result<T> {
    let needle = key.trim().to_lowercase();
    if needle.is_empty() {
        return Err(Error::invalid(what, format!("{what} must not be empty")));
    }
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|n| n == needle,
        &|n| n.split_whitespace().any(|w| w.starts_with(&needle)),
        &|n| n.contains(&needle),
    ];
    let candidates: Vec<&(String, T)> = tiers
        .iter()
        .map(|matches| {
            named
                .iter()
                .filter(|(n, _)| matches(&n.to_lowercase()))
                .collect::<Vec<_>>()
        })
        .find(|found| !found.is_empty())
        .unwrap_or_default();
    match candidates.as_slice() {
        [] => Err(Error::not_found(what, key.trim())),
        [one] => Ok(one.1.clone()),
        many => Err(Error::Ambiguous {
            what,
            key: key.trim().to_string(),
            candidates: many.iter().map(|(n, t)| label(n, t)).collect(),
        }),
    }
}

/// Binds a list of ids as one parameter, for `IN (SELECT value FROM json_each(?))`.
pub(crate) fn id_list(ids: &[impl serde::Serialize]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;

    proptest! {
        /// Whatever the names and whatever is typed, matching never panics, and a match
        /// always contains what was typed.
        #[test]
        fn picking_by_name_never_panics(
            names in prop::collection::vec(any::<String>(), 0..6),
            key in any::<String>(),
        ) {
            let named: Vec<(String, usize)> = names.iter().cloned().zip(0..).collect();
            match pick_by_name("person", &key, named, |n, _| n.to_string()) {
                Ok(i) => prop_assert!(names[i].to_lowercase().contains(&key.trim().to_lowercase())),
                Err(e) => prop_assert!(matches!(e.code(), "not_found" | "ambiguous" | "invalid_input")),
            }
        }

        /// A name typed in full finds its record, unless another has the same name.
        #[test]
        fn a_full_name_finds_its_record(
            names in prop::collection::vec("[A-Za-zÀ-ÿ ]{1,10}", 1..6),
            pick in any::<Index>(),
        ) {
            let i = pick.index(names.len());
            let wanted = names[i].trim();
            prop_assume!(!wanted.is_empty() && wanted == names[i]);
            let named: Vec<(String, usize)> = names.iter().cloned().zip(0..).collect();
            match pick_by_name("person", wanted, named, |n, _| n.to_string()) {
                Ok(j) => prop_assert_eq!(names[j].to_lowercase(), wanted.to_lowercase()),
                Err(e) => {
                    prop_assert_eq!(e.code(), "ambiguous");
                    let same = names.iter().filter(|n| n.to_lowercase() == wanted.to_lowercase()).count();
                    prop_assert!(same > 1);
                }
            }
        }
    }
}
