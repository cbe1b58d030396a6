//! The audit trail: who changed what, and when, in development plans (goals and
//! activities), ratings, readiness verdicts and ADKAR change scores. This module owns the
//! `audit_log` table.
//!
//! Each area describes its records once, as a [`Snapshot`] (a one-line summary and the
//! fields worth following), and calls [`record`] with the record as it was and as it is,
//! inside the transaction that changes it: the entry lands with the change or not at all.
//! Who is this copy's user ([`crate::profile::whoami`]), or "unknown user" before anyone
//! said who they are; when is the UTC instant of the write.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::codes::code_enum;
use crate::{profile, timestamp, Db, Error, Result};

/// Who made a change when nobody has said who uses this copy.
pub const UNKNOWN_USER: &str = "unknown user";

code_enum!(
    /// The kinds of record the audit trail follows.
    RecordKind, "record_kind", {
        Goal = "goal",
        Activity = "activity",
        Rating = "rating",
        ReadinessAssessment = "readiness_assessment",
        ChangeAssessment = "change_assessment",
        Person = "person",
    }
);

code_enum!(
    /// What happened to a record.
    Action, "action", {
        Added = "added",
        Changed = "changed",
        Deleted = "deleted",
        Erased = "erased",
    }
);

/// One entry of the audit trail.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    /// The order in which entries were written.
    pub seq: i64,
    /// When, as a UTC instant (RFC 3339).
    pub at: String,
    /// The user of this copy at the time, or "unknown user".
    pub actor: String,
    pub record_kind: RecordKind,
    pub record_id: String,
    /// Whom the record is about, when it is about one person.
    pub person_id: Option<String>,
    pub action: Action,
    /// The field that changed (only for `changed`).
    pub field: Option<String>,
    /// The value before (for `changed`), or the summary of a deleted record.
    pub old: Option<String>,
    /// The value after (for `changed`), or the summary of an added record.
    pub new: Option<String>,
}

/// A record as the audit trail sees it: what it is, whom it is about, a one-line summary
/// (written when it is added or deleted) and the fields whose changes are written down.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub kind: RecordKind,
    pub id: String,
    pub person_id: Option<String>,
    pub summary: String,
    pub fields: Vec<(&'static str, Option<String>)>,
}

/// One entry to write: the record, the action, and the field with its old and new value.
type Line<'a> = (
    &'a Snapshot,
    Action,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Writes what happened between `before` and `after`: an addition (no `before`), a
/// deletion (no `after`), or one entry per field whose value differs.
pub(crate) fn record(
    c: &Connection,
    before: Option<&Snapshot>,
    after: Option<&Snapshot>,
) -> Result<()> {
    let entries: Vec<Line> = match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(a)) => vec![(a, Action::Added, None, None, Some(a.summary.as_str()))],
        (Some(b), None) => vec![(b, Action::Deleted, None, Some(b.summary.as_str()), None)],
        (Some(b), Some(a)) => a
            .fields
            .iter()
            .filter_map(|(field, new)| {
                let old = b
                    .fields
                    .iter()
                    .find(|(f, _)| f == field)
                    .and_then(|f| f.1.as_deref());
                (old != new.as_deref()).then_some((
                    a,
                    Action::Changed,
                    Some(*field),
                    old,
                    new.as_deref(),
                ))
            })
            .collect(),
    };
    if entries.is_empty() {
        return Ok(());
    }
    let (actor_id, actor) = actor_in(c)?;
    let at = timestamp();
    let mut stmt = c.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, actor, record_kind, record_id, person_id, action,
            field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (s, action, field, old, new) in entries {
        stmt.execute(rusqlite::params![
            at,
            actor_id,
            actor,
            s.kind,
            s.id,
            s.person_id,
            action,
            field,
            old,
            new
        ])?;
    }
    Ok(())
}

/// Records that a person was erased: their id only, nothing that names them.
pub(crate) fn erased_in(c: &Connection, person_id: &str) -> Result<()> {
    let (actor_id, actor) = actor_in(c)?;
    c.execute(
        "INSERT INTO audit_log (at, actor_id, actor, record_kind, record_id, action)
         VALUES (?1, ?2, ?3, 'person', ?4, 'erased')",
        (timestamp(), actor_id, actor, person_id),
    )?;
    Ok(())
}

/// The user of this copy, as an id and a name, or "unknown user".
fn actor_in(c: &Connection) -> Result<(Option<String>, String)> {
    Ok(match profile::load(c)? {
        Some(me) => (Some(me.person_id), me.name),
        None => (None, UNKNOWN_USER.to_string()),
    })
}

/// The history of one record, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub record_id: String,
    pub record_kind: RecordKind,
    pub entries: Vec<Entry>,
}

/// The history of a record, from its full id or a unique ending of six or more
/// characters. Deleted records keep their history.
pub fn history(db: &Db, key: &str) -> Result<History> {
    db.read(|c| {
        let id = resolve_in(c, key)?;
        let entries = query(c, "WHERE record_id = ?1", &id)?;
        Ok(History {
            record_kind: entries[0].record_kind,
            record_id: id,
            entries,
        })
    })
}

/// Every entry about these records (full ids), oldest first; none for a record that
/// has no history yet, so a front end can show the trail of what it has on screen.
pub fn of_records(db: &Db, record_ids: &[String]) -> Result<Vec<Entry>> {
    db.read(|c| of_records_in(c, record_ids))
}

pub(crate) fn of_records_in(c: &Connection, record_ids: &[String]) -> Result<Vec<Entry>> {
    query(
        c,
        "WHERE record_id IN (SELECT value FROM json_each(?1))",
        &crate::id_list(record_ids),
    )
}

/// Every entry about one person's records, oldest first.
pub fn of_person(db: &Db, person_id: &str) -> Result<Vec<Entry>> {
    db.read(|c| of_person_in(c, person_id))
}

pub(crate) fn of_person_in(c: &Connection, person_id: &str) -> Result<Vec<Entry>> {
    query(c, "WHERE person_id = ?1", person_id)
}

/// Every change a person made while they were the user of this copy, oldest first.
pub(crate) fn by_actor_in(c: &Connection, person_id: &str) -> Result<Vec<Entry>> {
    query(c, "WHERE actor_id = ?1", person_id)
}

fn resolve_in(c: &Connection, key: &str) -> Result<String> {
    let wanted = key.trim().to_ascii_lowercase();
    let not_found = || Error::not_found("record", key.trim());
    if wanted.is_empty() {
        return Err(Error::invalid("record", "record must not be empty"));
    }
    let exact: Option<String> = c
        .query_row(
            "SELECT record_id FROM audit_log WHERE record_id = ?1 LIMIT 1",
            [&wanted],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = exact {
        return Ok(id);
    }
    if wanted.len() < 6 || !wanted.chars().all(|ch| ch.is_ascii_hexdigit() || ch == '-') {
        return Err(not_found());
    }
    let mut stmt = c.prepare(
        "SELECT DISTINCT record_id FROM audit_log WHERE substr(record_id, -length(?1)) = ?1 LIMIT 5",
    )?;
    let ids = stmt
        .query_map([&wanted], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    match ids.len() {
        0 => Err(not_found()),
        1 => Ok(ids.into_iter().next().unwrap_or_default()),
        _ => Err(Error::Ambiguous {
            what: "record",
            key: key.trim().to_string(),
            candidates: ids,
        }),
    }
}

const SELECT: &str = "SELECT seq, at, actor, record_kind, record_id, person_id, action, field,
        old_value, new_value
    FROM audit_log";

fn from_row(r: &Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        record_kind: r.get(3)?,
        record_id: r.get(4)?,
        person_id: r.get(5)?,
        action: r.get(6)?,
        field: r.get(7)?,
        old: r.get(8)?,
        new: r.get(9)?,
    })
}

fn query(c: &Connection, filter: &str, arg: &str) -> Result<Vec<Entry>> {
    let mut stmt = c.prepare(&format!("{SELECT} {filter} ORDER BY seq"))?;
    let v = stmt
        .query_map([arg], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Takes an erased person out of the trail: entries about their records go, and where
/// they made a change or are named in a value, "former associate" stands instead.
pub(crate) fn erase_person_in(
    c: &Connection,
    person_id: &str,
    tally: &mut crate::privacy::Tally,
) -> Result<()> {
    c.execute("DELETE FROM audit_log WHERE person_id = ?1", [person_id])?;
    c.execute(
        "UPDATE audit_log SET actor_id = NULL, actor = ?2 WHERE actor_id = ?1",
        (person_id, crate::privacy::FORMER_ASSOCIATE),
    )?;
    // Values here copy other records as they were, so their mentions are not counted.
    tally.scrub_quietly(c, "audit_log", &["actor", "old_value", "new_value"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, NewPerson};

    fn snap(fields: &[(&'static str, Option<&str>)]) -> Snapshot {
        Snapshot {
            kind: RecordKind::Goal,
            id: "0190aaaa-0000-7000-8000-00000000abcd".into(),
            person_id: Some("p".into()),
            summary: "Communication: Present clearly".into(),
            fields: fields
                .iter()
                .map(|(f, v)| (*f, v.map(String::from)))
                .collect(),
        }
    }

    #[test]
    fn additions_changes_and_deletions_are_written_with_who_and_when() {
        let db = Db::open_in_memory().unwrap();
        let before = snap(&[("outcome", Some("Present")), ("status", Some("open"))]);
        let after = snap(&[
            ("outcome", Some("Present clearly")),
            ("status", Some("open")),
        ]);
        db.write(|c| {
            record(c, None, Some(&before))?;
            record(c, Some(&before), Some(&after))?;
            record(c, Some(&after), Some(&after))?;
            record(c, Some(&after), None)
        })
        .unwrap();
        let h = history(&db, "00000000abcd").unwrap();
        let actions: Vec<Action> = h.entries.iter().map(|e| e.action).collect();
        assert_eq!(actions, [Action::Added, Action::Changed, Action::Deleted]);
        let changed = &h.entries[1];
        assert_eq!(changed.field.as_deref(), Some("outcome"));
        assert_eq!(changed.old.as_deref(), Some("Present"));
        assert_eq!(changed.new.as_deref(), Some("Present clearly"));
        assert!(h.entries.iter().all(|e| e.actor == UNKNOWN_USER));
        assert!(h.entries[0].at.ends_with('Z'), "{}", h.entries[0].at);
        let of = |ids: &[&str]| {
            let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            of_records(&db, &ids).unwrap().len()
        };
        assert_eq!(of(&[&before.id, "no-such-record"]), 3);
        assert_eq!(of(&["no-such-record"]), 0);
        assert_eq!(history(&db, "nothing").unwrap_err().code(), "not_found");
    }

    #[test]
    fn the_actor_is_the_user_of_this_copy() {
        let db = Db::open_in_memory().unwrap();
        let me = people::add(
            &db,
            NewPerson {
                name: "Jordan Avery".into(),
                ..Default::default()
            },
        )
        .unwrap();
        profile::set_me(&db, &me.id, profile::Role::Manager).unwrap();
        db.write(|c| record(c, None, Some(&snap(&[])))).unwrap();
        let h = history(&db, &snap(&[]).id).unwrap();
        assert_eq!(h.entries[0].actor, "Jordan Avery");
    }
}
