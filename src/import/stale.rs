//! A workbook read back after its records changed in Ladder. An import compares each row
//! with what Ladder holds now, so a row of an older export that nobody touched in the file
//! still differs from a record changed in Ladder since, and applying it would quietly put
//! the old values back (an activity marked done would be open again). A filled workbook
//! says when its records were read ([`crate::export::sheet::READ_AT`]); a row that would
//! change a record changed in Ladder after that is refused at its cell.
//!
//! The instant a record last changed is its `updated_at`, or that of the record that
//! holds it where the row's own has none: an assessment's (its requirements, role and
//! verdict), a change's (its stakeholders' head counts). Refusing on the holder's instant
//! refuses more than it must (an advocate edited in Ladder refuses an older file's
//! verdict), never less. So does an earlier import of the same file, whose writes are
//! changes made after its export: a file is exported again after each import.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::Change;
use crate::export::sheet::READ_AT;
use crate::Result;

/// The instant a workbook's records were read, from its defined names: none for a blank
/// template or a workbook written before workbooks said, or one whose value is not an
/// instant (then nothing is refused for it, as before).
pub(super) fn read_at(names: &[(String, String)]) -> Option<String> {
    let (_, value) = names.iter().find(|(name, _)| name == READ_AT)?;
    let at = DateTime::parse_from_rfc3339(value.trim().trim_start_matches('=').trim_matches('"'))
        .ok()?;
    // The form `updated_at` columns hold, so that instants compare as text.
    Some(
        at.with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::Millis, true),
    )
}

/// Where the instant a record of each kind last changed is read, by the id a preview gives
/// it; `None` for records an import only ever adds (ratings, scores: they are history).
fn last_changed(record: &str) -> Option<&'static str> {
    Some(match record {
        "goal" => "SELECT updated_at FROM goals WHERE id = ?1",
        "activity" => "SELECT updated_at FROM activities WHERE id = ?1",
        // A meeting's notes, by the section of them written last.
        "notes" => "SELECT max(updated_at) FROM meeting_notes WHERE meeting_id = ?1",
        "action item" => "SELECT updated_at FROM action_items WHERE id = ?1",
        // A requirement's own instant too: an erasure scrubs its evidence alone.
        "requirement" | "role" | "verdict" => {
            "SELECT max(a.updated_at, coalesce(
                (SELECT max(r.updated_at) FROM readiness_requirements r WHERE r.assessment_id = a.id), ''))
             FROM readiness_assessments a WHERE a.id = ?1"
        }
        "skill" => "SELECT updated_at FROM readiness_skills WHERE id = ?1",
        "advocate" => "SELECT updated_at FROM readiness_advocates WHERE id = ?1",
        "advocacy action" => "SELECT updated_at FROM readiness_actions WHERE id = ?1",
        "change" => "SELECT updated_at FROM changes WHERE id = ?1",
        "stakeholder" => {
            "SELECT ch.updated_at FROM change_stakeholders s JOIN changes ch ON ch.id = s.change_id
             WHERE s.id = ?1"
        }
        "change action" => "SELECT updated_at FROM change_actions WHERE id = ?1",
        "influencer" => "SELECT updated_at FROM change_influencers WHERE id = ?1",
        "raci activity" => "SELECT updated_at FROM change_raci_activities WHERE id = ?1",
        _ => return None,
    })
}

/// Each row that would change a record changed in Ladder after `read_at`, as a problem at
/// its cell.
pub(super) fn check(c: &Connection, changed: &[Change], read_at: &str) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for ch in changed {
        let (Some(id), Some(sql)) = (&ch.id, last_changed(ch.record)) else {
            continue;
        };
        // None: the record is gone (refused elsewhere), or a meeting has no notes yet.
        let at: Option<String> = c
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        if at.is_some_and(|at| at.as_str() > read_at) {
            problems.push(format!(
                "{}: {} edited in Ladder after this workbook was exported ({}; an earlier import of it counts too), and the row would put back what it held then; export the workbook again and make the edit in the new one",
                ch.cell,
                what(ch.record),
                written(read_at)
            ));
        }
    }
    Ok(problems)
}

/// What a refusal names: the record, or the one holding it whose instant was compared.
fn what(record: &str) -> String {
    match record {
        "notes" => "this meeting's notes were".into(),
        "requirement" | "role" | "verdict" => "this assessment was".into(),
        "stakeholder" => "this stakeholder's change was".into(),
        "raci activity" => "this RACI activity was".into(),
        other => format!("this {other} was"),
    }
}

/// An instant as people read it: `23 Nov 2026 10:15 UTC`.
fn written(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_string(),
        |t| t.format("%-d %b %Y %H:%M UTC").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of record a preview changes (`Change::record`) is looked up by a query
    /// that runs on Ladder's schema, but ratings and scores, which an import only adds.
    #[test]
    fn every_record_an_import_changes_has_a_last_change_to_compare() {
        let db = crate::Db::open_in_memory().unwrap();
        let kinds = [
            "goal",
            "activity",
            "rating",
            "notes",
            "action item",
            "requirement",
            "role",
            "skill",
            "advocate",
            "advocacy action",
            "verdict",
            "change",
            "stakeholder",
            "score",
            "change action",
            "influencer",
            "raci activity",
        ];
        db.read(|c| {
            for kind in kinds {
                match last_changed(kind) {
                    Some(sql) => {
                        let at: Option<Option<String>> = c
                            .query_row(sql, ["no such id"], |r| r.get(0))
                            .optional()
                            .unwrap_or_else(|e| panic!("{kind}: {e}"));
                        assert_eq!(at.flatten(), None, "{kind}");
                    }
                    None => assert!(
                        ["rating", "score"].contains(&kind),
                        "{kind} is not looked up"
                    ),
                }
            }
            Ok(())
        })
        .unwrap();
    }
}
