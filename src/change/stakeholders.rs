//! The stakeholders of a change: people in Ladder, and named groups with a head count
//! (a group is scored by averages, so its scores may carry a decimal).

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{active_person, register};
use crate::codes::code_enum;
use crate::{find_id, new_id, pick_by_name, timestamp, validate, Db, Error, Result};

code_enum!(
    /// Whether a stakeholder is one person in Ladder or a named group.
    StakeholderKind, "kind", { Person = "person", Group = "group" }
);

/// The largest group head count Ladder accepts; protects sums from runaway input.
pub const MAX_HEAD_COUNT: i64 = 1_000_000;

/// A person or group affected by a change.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stakeholder {
    pub id: String,
    pub change_id: String,
    pub kind: StakeholderKind,
    /// Set for a person in Ladder.
    pub person_id: Option<String>,
    /// The person's current name, or the group's name.
    pub name: String,
    /// How many people the stakeholder stands for: 1 for a person.
    pub head_count: i64,
}

/// What a user gives to add a stakeholder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NewStakeholder {
    Person { person_id: String },
    Group { name: String, head_count: i64 },
}

/// Adds a stakeholder to a change.
pub fn add_stakeholder(db: &Db, change_id: &str, new: NewStakeholder) -> Result<Stakeholder> {
    db.write(|c| add_stakeholder_in(c, change_id, new))
}

pub(crate) fn add_stakeholder_in(
    c: &Connection,
    change_id: &str,
    new: NewStakeholder,
) -> Result<Stakeholder> {
    let ch = register::get_in(c, change_id)?;
    let (person_id, group_name, head_count, shown) = match new {
        NewStakeholder::Person { person_id } => {
            let p = active_person(c, &person_id, "stakeholder")?;
            (Some(p.id), None, 1, p.name)
        }
        NewStakeholder::Group { name, head_count } => {
            let name = validate::required_text("group", &name)?;
            let n = validate::in_range("head_count", head_count, 1, MAX_HEAD_COUNT)?;
            (None, Some(name.clone()), n, name)
        }
    };
    let same_person: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM change_stakeholders WHERE change_id = ?1
            AND person_id = ?2)",
        (&ch.id, &person_id),
        |r| r.get(0),
    )?;
    // Stakeholders are named by their name: a group named as a person stakeholder (or
    // the other way round) would leave neither to be named. Two people of one name (one
    // archived, a rehire) are told apart by id.
    let names = if group_name.is_some() {
        "SELECT coalesce(s.group_name, p.name) FROM change_stakeholders s
         LEFT JOIN people p ON p.id = s.person_id WHERE s.change_id = ?1"
    } else {
        "SELECT group_name FROM change_stakeholders
         WHERE change_id = ?1 AND group_name IS NOT NULL"
    };
    let same_name = crate::same_name_in(c, names, [&ch.id], &shown)?;
    if same_person || same_name.is_some() {
        return Err(Error::conflict(
            "stakeholder",
            format!("{shown} is already a stakeholder of {}", ch.name),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO change_stakeholders (id, change_id, person_id, group_name, head_count,
            position, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5,
            (SELECT coalesce(max(position), 0) + 1 FROM change_stakeholders WHERE change_id = ?2),
            ?6)",
        rusqlite::params![id, ch.id, person_id, group_name, head_count, timestamp()],
    )?;
    get_in(c, &id)
}

/// Sets how many people a group stakeholder stands for; a person always counts as one.
pub fn set_head_count(db: &Db, stakeholder_id: &str, head_count: i64) -> Result<Stakeholder> {
    db.write(|c| set_head_count_in(c, stakeholder_id, head_count))
}

pub(crate) fn set_head_count_in(c: &Connection, id: &str, head_count: i64) -> Result<Stakeholder> {
    let s = get_in(c, id)?;
    if s.person_id.is_some() {
        return Err(Error::invalid(
            "head_count",
            format!("{} is a person, who counts as one", s.name),
        ));
    }
    let n = validate::in_range("head_count", head_count, 1, MAX_HEAD_COUNT)?;
    c.execute(
        "UPDATE change_stakeholders SET head_count = ?2 WHERE id = ?1",
        (&s.id, n),
    )?;
    // A stakeholder has no instant of its own: the change's marks it changed, so an import
    // of a workbook read before this refuses its row (`import::stale`).
    c.execute(
        "UPDATE changes SET updated_at = ?2 WHERE id = ?1",
        (&s.change_id, timestamp()),
    )?;
    get_in(c, &s.id)
}

/// A stakeholder taken off a change, and how many assessments of theirs went with them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct RemovedStakeholder {
    pub stakeholder: Stakeholder,
    pub assessments: usize,
}

/// Takes a stakeholder off a change (one added by mistake, or no longer affected by it)
/// with every assessment of theirs, so the rollup and barriers no longer count them. The
/// audit trail keeps a line for each assessment removed; the person themselves stays.
pub fn remove_stakeholder(db: &Db, stakeholder_id: &str) -> Result<RemovedStakeholder> {
    db.write(|c| {
        let stakeholder = get_in(c, stakeholder_id)?;
        let assessments = super::assessments::remove_of_stakeholder_in(c, &stakeholder)?;
        c.execute(
            "DELETE FROM change_stakeholders WHERE id = ?1",
            [&stakeholder.id],
        )?;
        Ok(RemovedStakeholder {
            stakeholder,
            assessments,
        })
    })
}

/// Finds a stakeholder of a change: by id or its end, or by the person's or group's name
/// (any case, or a unique part).
pub fn resolve_stakeholder(db: &Db, change_id: &str, key: &str) -> Result<Stakeholder> {
    db.read(|c| resolve_in(c, change_id, key))
}

pub(crate) fn resolve_in(c: &Connection, change_id: &str, key: &str) -> Result<Stakeholder> {
    let all = of_change_in(c, change_id)?;
    if let Some(id) = find_id(c, "change_stakeholders", "stakeholder", key)? {
        if let Some(s) = all.iter().find(|s| s.id == id) {
            return Ok(s.clone());
        }
    }
    pick_by_name(
        "stakeholder",
        key,
        all.into_iter().map(|s| (s.name.clone(), s)).collect(),
        |name, _| name.to_string(),
    )
}

const SELECT: &str = "SELECT s.id, s.change_id, s.person_id, coalesce(p.name, s.group_name),
        s.head_count
    FROM change_stakeholders s LEFT JOIN people p ON p.id = s.person_id";

fn from_row(r: &Row) -> rusqlite::Result<Stakeholder> {
    let person_id: Option<String> = r.get(2)?;
    Ok(Stakeholder {
        id: r.get(0)?,
        change_id: r.get(1)?,
        kind: if person_id.is_some() {
            StakeholderKind::Person
        } else {
            StakeholderKind::Group
        },
        person_id,
        name: r.get(3)?,
        head_count: r.get(4)?,
    })
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Stakeholder> {
    c.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("stakeholder", id))
}

/// The stakeholders of a change in the order they were added.
pub(crate) fn of_change_in(c: &Connection, change_id: &str) -> Result<Vec<Stakeholder>> {
    let mut stmt = c.prepare_cached(&format!(
        "{SELECT} WHERE s.change_id = ?1 ORDER BY s.position"
    ))?;
    let v = stmt
        .query_map([change_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::super::testing::fixture;
    use super::*;

    #[test]
    fn people_and_groups_are_stakeholders_once() {
        let f = fixture();
        f.stakeholder(&f.ana);
        let group = f.group("Support rota", 12);
        assert_eq!((group.kind, group.head_count), (StakeholderKind::Group, 12));
        let again = add_stakeholder(
            &f.db,
            &f.change,
            NewStakeholder::Person {
                person_id: f.ana.clone(),
            },
        )
        .unwrap_err();
        assert_eq!(again.code(), "conflict");
        let err = add_stakeholder(
            &f.db,
            &f.change,
            NewStakeholder::Group {
                name: "Night shift".into(),
                head_count: 0,
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("head_count"));
        // A group cannot take a person stakeholder's name, in any case, nor a group's.
        for name in ["ANA", "support ROTA"] {
            let err = add_stakeholder(
                &f.db,
                &f.change,
                NewStakeholder::Group {
                    name: name.into(),
                    head_count: 3,
                },
            )
            .unwrap_err();
            assert_eq!(err.code(), "conflict", "{name}");
        }
        // Nor a person a group's.
        f.group("cy", 4);
        let err = add_stakeholder(
            &f.db,
            &f.change,
            NewStakeholder::Person {
                person_id: f.cy.clone(),
            },
        )
        .unwrap_err();
        assert_eq!(err.code(), "conflict");
        let names: Vec<String> = register::get(&f.db, &f.change)
            .unwrap()
            .stakeholders
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Ana", "Support rota", "cy"]);
    }

    #[test]
    fn a_stakeholder_removed_takes_their_scores_out_of_the_rollup_and_the_trail_keeps_them() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let bo = f.stakeholder(&f.bo);
        f.score(&ana, "2026-10-01", [2.0, 4.0, 4.0, 4.0, 4.0]);
        f.score(&ana, "2026-11-01", [2.5, 4.0, 4.0, 4.0, 4.0]);
        f.score(&bo, "2026-11-01", [5.0, 5.0, 3.0, 4.0, 4.0]);
        let stuck_at = || {
            let r = super::super::rollup(&f.db, &f.change).unwrap();
            let names: Vec<String> = r
                .stakeholders
                .iter()
                .map(|s| s.stakeholder.name.clone())
                .collect();
            let stuck: Vec<usize> = r.distribution.iter().map(|d| d.stakeholders).collect();
            (names, stuck)
        };
        assert_eq!(stuck_at().1, [1, 0, 1, 0, 0, 0]);

        let removed = remove_stakeholder(&f.db, &ana).unwrap();
        assert_eq!(
            (removed.stakeholder.name.as_str(), removed.assessments),
            ("Ana", 2)
        );
        assert_eq!(stuck_at(), (vec!["Bo".to_string()], vec![0, 0, 1, 0, 0, 0]));
        let gone = remove_stakeholder(&f.db, &ana).unwrap_err();
        assert_eq!(
            (gone.code(), gone.field()),
            ("not_found", Some("stakeholder"))
        );

        // The audit trail says what each removed assessment held; the person stays, and
        // added again starts with no scores.
        let trail = crate::audit::of_person(&f.db, &f.ana).unwrap();
        let deleted: Vec<&str> = trail
            .iter()
            .filter(|e| e.action == crate::audit::Action::Deleted)
            .filter_map(|e| e.old.as_deref())
            .collect();
        assert_eq!(deleted.len(), 2, "{trail:?}");
        assert!(deleted
            .iter()
            .any(|d| d.contains("A 2.5 D 4") && d.contains("2026-11-01")));
        let again = f.stakeholder(&f.ana);
        assert!(
            super::super::history(&f.db, &f.change, Some(&again)).unwrap()[0]
                .assessments
                .is_empty()
        );

        // A group that was never scored goes the same way.
        let group = f.group("Support rota", 12);
        assert_eq!(remove_stakeholder(&f.db, &group.id).unwrap().assessments, 0);
        assert_eq!(stuck_at().0, ["Bo", "Ana"]);
    }

    #[test]
    fn stakeholders_resolve_by_name_within_their_change() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        assert_eq!(
            resolve_stakeholder(&f.db, &f.change, "ana").unwrap().id,
            ana
        );
        let err = resolve_stakeholder(&f.db, &f.change, "Bo").unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("not_found", Some("stakeholder"))
        );
    }
}
