//! One person's part in promotion readiness, for their personal-data export and their
//! erasure: their own assessments, and the assessments of others they advocate in.

use rusqlite::Connection;

use super::{Influence, Relation};
use crate::people::Person;
use crate::privacy::{Appearance, Tally, FORMER_ASSOCIATE};
use crate::{timestamp, Result};

/// Assessments of other people where this person is an advocate, linked or by name.
pub(crate) fn appearances_in(c: &Connection, person: &Person) -> Result<Vec<Appearance>> {
    let mut stmt = c.prepare(
        "SELECT v.id, p.name, a.target, a.assessed_on, v.relation, v.influence, v.notes
         FROM readiness_advocates v
         JOIN readiness_assessments a ON a.id = v.assessment_id
         JOIN people p ON p.id = a.person_id
         WHERE a.person_id <> ?1 AND (v.person_id = ?1
            OR (v.person_id IS NULL AND v.name = ?2 COLLATE NOCASE))
         ORDER BY a.assessed_on, v.id",
    )?;
    let rows = stmt
        .query_map((&person.id, person.name.trim()), |r| {
            Ok(Appearance {
                role: "advocate",
                record_kind: "advocate",
                record_id: r.get(0)?,
                of: r.get(1)?,
                summary: format!(
                    "advocate in the assessment toward {} of {} ({}, {} influence)",
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Relation>(4)?,
                    r.get::<_, Influence>(5)?
                ),
                notes: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Erases a person from readiness: their assessments go with their requirements, skills,
/// advocates and actions; where they advocate for someone else, or are named in the text
/// of another assessment, "former associate" stands instead.
pub(crate) fn erase_person_in(c: &Connection, person: &Person, tally: &mut Tally) -> Result<()> {
    let theirs = "(SELECT id FROM readiness_assessments WHERE person_id = ?1)";
    for (table, what) in [
        ("readiness_actions", "advocacy_actions"),
        ("readiness_advocates", "advocates"),
        ("readiness_skills", "skills"),
        ("readiness_requirements", "readiness_requirements"),
    ] {
        let n = c.execute(
            &format!("DELETE FROM {table} WHERE assessment_id IN {theirs}"),
            [&person.id],
        )?;
        tally.removed(what, n);
    }
    tally.removed(
        "readiness_assessments",
        c.execute(
            "DELETE FROM readiness_assessments WHERE person_id = ?1",
            [&person.id],
        )?,
    );
    tally.replaced += c.execute(
        "UPDATE readiness_advocates SET person_id = NULL, name = ?2, updated_at = ?3
         WHERE person_id = ?1",
        (&person.id, FORMER_ASSOCIATE, timestamp()),
    )?;
    tally.scrub(
        c,
        "readiness_assessments",
        "id",
        &["target", "role_notes", "role_next_step", "rationale"],
    )?;
    tally.scrub(
        c,
        "readiness_requirements",
        "assessment_id",
        &["evidence", "override_reason"],
    )?;
    tally.scrub(c, "readiness_skills", "id", &["notes"])?;
    tally.scrub(c, "readiness_advocates", "id", &["name", "notes"])?;
    tally.scrub(c, "readiness_actions", "id", &["description"])
}
