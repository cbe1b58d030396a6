//! One associate's side of change management: every change they are a stakeholder in,
//! with their latest scores and barrier, so the manager can work on it in the
//! development meeting. Agendas take the barriers in active changes from here.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::adkar::{Element, Score};
use super::assessments::{self, Assessment};
use super::register::ChangeStatus;
use crate::people::{self, Person};
use crate::privacy::{Appearance, Tally};
use crate::{timestamp, Db, Result};

/// A change one person is a stakeholder in, with their latest assessment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct PersonChange {
    pub change_id: String,
    pub change: String,
    pub status: ChangeStatus,
    pub owner: String,
    pub stakeholder_id: String,
    pub latest: Option<Assessment>,
}

/// A person's barrier in an active change: an item for their next development meeting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeBarrier {
    pub change_id: String,
    pub change: String,
    pub status: ChangeStatus,
    pub assessed_on: NaiveDate,
    pub barrier: Element,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub score: Score,
    /// The assessor's note on the barrier element, if any.
    pub note: String,
}

/// Every change a person is a stakeholder in (open ones first, then by name).
pub fn person_view(db: &Db, person_id: &str) -> Result<Vec<PersonChange>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        person_changes_in(c, person_id)
    })
}

fn person_changes_in(c: &Connection, person_id: &str) -> Result<Vec<PersonChange>> {
    let mut latest = assessments::latest_in(c, "WHERE s.person_id = ?1", person_id)?;
    let mut stmt = c.prepare(
        "SELECT ch.id, ch.name, ch.status, o.name, s.id
         FROM change_stakeholders s JOIN changes ch ON ch.id = s.change_id
         JOIN people o ON o.id = ch.owner_id
         WHERE s.person_id = ?1
         ORDER BY ch.status = 'closed', ch.name COLLATE NOCASE",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok(PersonChange {
                change_id: r.get(0)?,
                change: r.get(1)?,
                status: r.get(2)?,
                owner: r.get(3)?,
                stakeholder_id: r.get(4)?,
                latest: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|mut pc| {
            pc.latest = latest.remove(&pc.stakeholder_id);
            pc
        })
        .collect())
}

/// The active changes (announced, in progress or reinforcing) a person is a stakeholder
/// in, with their latest scores and barrier: what their development meeting's agenda
/// lists. A draft is left out because the person may not have been told of it yet.
pub(crate) fn active_changes_of_in(c: &Connection, person_id: &str) -> Result<Vec<PersonChange>> {
    Ok(person_changes_in(c, person_id)?
        .into_iter()
        .filter(|pc| pc.status.is_active())
        .collect())
}

/// The person's barriers in active changes (announced, in progress or reinforcing; a
/// draft is left out because the person may not have been told of it yet).
pub(crate) fn barriers_of_in(c: &Connection, person_id: &str) -> Result<Vec<ChangeBarrier>> {
    Ok(active_changes_of_in(c, person_id)?
        .into_iter()
        .filter_map(|pc| {
            let a = pc.latest?;
            let barrier = a.barrier?;
            Some(ChangeBarrier {
                change_id: pc.change_id,
                change: pc.change,
                status: pc.status,
                assessed_on: a.assessed_on,
                barrier,
                score: a.scores.get(barrier),
                note: a.notes.get(&barrier).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

/// One person's ADKAR scores in one change, for their personal-data export.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeScores {
    pub change_id: String,
    pub change: String,
    pub status: ChangeStatus,
    pub stakeholder_id: String,
    /// Oldest first.
    pub assessments: Vec<Assessment>,
}

/// Every ADKAR assessment of a person, per change they are a stakeholder in.
pub(crate) fn scores_of_in(c: &Connection, person_id: &str) -> Result<Vec<ChangeScores>> {
    person_changes_in(c, person_id)?
        .into_iter()
        .map(|pc| {
            Ok(ChangeScores {
                assessments: assessments::of_stakeholder_in(c, &pc.stakeholder_id)?,
                change_id: pc.change_id,
                change: pc.change,
                status: pc.status,
                stakeholder_id: pc.stakeholder_id,
            })
        })
        .collect()
}

/// The names of the changes a person owns.
pub(crate) fn owned_by_in(c: &Connection, person_id: &str) -> Result<Vec<String>> {
    let mut stmt =
        c.prepare("SELECT name FROM changes WHERE owner_id = ?1 ORDER BY name COLLATE NOCASE")?;
    let names = stmt
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Where a person appears in changes besides their own scores and RACI roles: as the
/// owner of a change or of an action, and as an influential associate consulted.
pub(crate) fn appearances_in(c: &Connection, person: &Person) -> Result<Vec<Appearance>> {
    let mut out = Vec::new();
    let mut stmt = c.prepare(
        "SELECT id, name, status FROM changes WHERE owner_id = ?1 ORDER BY name COLLATE NOCASE",
    )?;
    out.extend(
        stmt.query_map([&person.id], |r| {
            let name: String = r.get(1)?;
            Ok(Appearance {
                role: "change_owner",
                record_kind: "change",
                record_id: r.get(0)?,
                summary: format!("owner of {name} ({})", r.get::<_, ChangeStatus>(2)?),
                of: name,
                notes: String::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    let mut stmt = c.prepare(
        "SELECT a.id, ch.name, a.element, a.description FROM change_actions a
         JOIN changes ch ON ch.id = a.change_id WHERE a.owner_id = ?1
         ORDER BY ch.name COLLATE NOCASE, a.position",
    )?;
    out.extend(
        stmt.query_map([&person.id], |r| {
            Ok(Appearance {
                role: "action_owner",
                record_kind: "change_action",
                record_id: r.get(0)?,
                of: r.get(1)?,
                summary: format!(
                    "{} action: {}",
                    r.get::<_, Element>(2)?,
                    r.get::<_, String>(3)?
                ),
                notes: String::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    let mut stmt = c.prepare(
        "SELECT i.id, ch.name, i.concerns, i.questions, i.expected_reactions
         FROM change_influencers i JOIN changes ch ON ch.id = i.change_id
         WHERE i.person_id = ?1 ORDER BY ch.name COLLATE NOCASE",
    )?;
    out.extend(
        stmt.query_map([&person.id], |r| {
            let said: Vec<String> = [("concerns", 2), ("questions", 3), ("expected reactions", 4)]
                .into_iter()
                .filter_map(|(label, i)| {
                    let text: String = r.get(i).ok()?;
                    (!text.is_empty()).then(|| format!("{label}: {text}"))
                })
                .collect();
            Ok(Appearance {
                role: "influencer",
                record_kind: "change_influencer",
                record_id: r.get(0)?,
                of: r.get(1)?,
                summary: "influential associate consulted for Desire".into(),
                notes: said.join("; "),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    Ok(out)
}

/// Erases a person from change management: their stakeholder rows with their scores and
/// their RACI roles go. An action they own and their place as an influential associate
/// pass to an archived "former associate" stand-in (those records must name someone);
/// where the text of a change names them, "former associate" stands instead. A change
/// they own is refused before this runs (see [`crate::privacy::erase`]).
pub(crate) fn erase_person_in(c: &Connection, person: &Person, tally: &mut Tally) -> Result<()> {
    let id = &person.id;
    tally.removed(
        "change_assessments",
        c.execute(
            "DELETE FROM change_assessments WHERE stakeholder_id IN
                (SELECT id FROM change_stakeholders WHERE person_id = ?1)",
            [id],
        )?,
    );
    tally.removed(
        "change_stakeholders",
        c.execute("DELETE FROM change_stakeholders WHERE person_id = ?1", [id])?,
    );
    tally.removed(
        "raci_roles",
        c.execute("DELETE FROM change_raci_roles WHERE person_id = ?1", [id])?,
    );
    let named_elsewhere: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM change_actions WHERE owner_id = ?1)
             OR EXISTS (SELECT 1 FROM change_influencers WHERE person_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if named_elsewhere {
        let stand_in = people::add_former_associate_in(c)?;
        let now = timestamp();
        tally.replaced += c.execute(
            "UPDATE change_actions SET owner_id = ?2, updated_at = ?3 WHERE owner_id = ?1",
            (id, &stand_in, &now),
        )?;
        tally.replaced += c.execute(
            "UPDATE change_influencers SET person_id = ?2, updated_at = ?3 WHERE person_id = ?1",
            (id, &stand_in, &now),
        )?;
    }
    tally.scrub(c, "changes", "id", &["description"])?;
    tally.scrub(
        c,
        "change_assessments",
        "id",
        &[
            "awareness_note",
            "desire_note",
            "knowledge_note",
            "ability_note",
            "reinforcement_note",
        ],
    )?;
    tally.scrub(c, "change_actions", "id", &["description"])?;
    tally.scrub(
        c,
        "change_influencers",
        "id",
        &["concerns", "questions", "expected_reactions"],
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::assessments::{assess, NewAssessment};
    use super::super::register::{add, set_status};
    use super::super::testing::{date, fixture, new_change};
    use super::*;

    #[test]
    fn a_person_sees_their_changes_and_agendas_only_active_barriers() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        assess(
            &f.db,
            NewAssessment {
                stakeholder_id: ana,
                assessed_on: date("2026-11-01"),
                scores: [4.0, 2.5, 1.0, 1.0, 1.0],
                notes: BTreeMap::from([(Element::Desire, "Fears losing weekends".into())]),
            },
            date("2026-11-01"),
        )
        .unwrap();
        let other = add(&f.db, new_change(&f.owner, "Pricing")).unwrap();
        super::super::add_stakeholder(
            &f.db,
            &other.id,
            super::super::NewStakeholder::Person {
                person_id: f.ana.clone(),
            },
        )
        .unwrap();

        let view = person_view(&f.db, &f.ana).unwrap();
        let names: Vec<&str> = view.iter().map(|v| v.change.as_str()).collect();
        assert_eq!(names, ["On-call redesign", "Pricing"]);
        assert_eq!(
            view[0].latest.as_ref().unwrap().barrier,
            Some(Element::Desire)
        );
        assert!(view[1].latest.is_none());

        let barriers = |db| f.db.read(|c| barriers_of_in(c, db)).unwrap();
        assert!(barriers(&f.ana).is_empty(), "a draft is not discussed yet");
        set_status(&f.db, &f.change, ChangeStatus::Announced).unwrap();
        let b = barriers(&f.ana);
        assert_eq!(b.len(), 1);
        assert_eq!(
            (b[0].barrier, b[0].score.to_string(), b[0].note.as_str()),
            (Element::Desire, "2.5".into(), "Fears losing weekends")
        );
        set_status(&f.db, &f.change, ChangeStatus::Closed).unwrap();
        assert!(barriers(&f.ana).is_empty());
        assert!(barriers(&f.bo).is_empty());
    }
}
