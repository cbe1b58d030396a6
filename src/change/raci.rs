//! Operating agreements: for each activity of a change, who is Responsible (does the
//! work), Accountable (exactly one, holds the decision), Consulted and Informed, and when
//! the chart was last reviewed. One role per person per activity.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::active_person;
use super::register::{self, Change};
use crate::codes::code_enum;
use crate::{find_id, new_id, pick_by_name, timestamp, validate, Db, Error, Result};

code_enum!(
    /// A role in a RACI chart, stored as its letter.
    RaciRole, "role", {
        Responsible = "r",
        Accountable = "a",
        Consulted = "c",
        Informed = "i",
    }
);

impl RaciRole {
    /// The letter shown in a matrix.
    pub fn letter(self) -> char {
        match self {
            RaciRole::Responsible => 'R',
            RaciRole::Accountable => 'A',
            RaciRole::Consulted => 'C',
            RaciRole::Informed => 'I',
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RaciRole::Responsible => "responsible",
            RaciRole::Accountable => "accountable",
            RaciRole::Consulted => "consulted",
            RaciRole::Informed => "informed",
        }
    }
}

/// One person's role in one activity.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RaciAssignment {
    pub person_id: String,
    pub person: String,
    pub role: RaciRole,
}

/// An activity of a change with the roles people hold in it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RaciActivity {
    pub id: String,
    pub change_id: String,
    pub name: String,
    pub position: i64,
    /// Ordered R, A, C, I, then by name.
    pub assignments: Vec<RaciAssignment>,
}

impl RaciActivity {
    pub fn role_of(&self, person_id: &str) -> Option<RaciRole> {
        self.assignments
            .iter()
            .find(|a| a.person_id == person_id)
            .map(|a| a.role)
    }

    pub fn count(&self, role: RaciRole) -> usize {
        self.assignments.iter().filter(|a| a.role == role).count()
    }
}

/// A person who holds a role somewhere in a chart: a column of the matrix.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RaciPerson {
    pub person_id: String,
    pub name: String,
}

/// The RACI chart of a change.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct RaciChart {
    pub change_id: String,
    pub change: String,
    pub reviewed_on: Option<NaiveDate>,
    /// The day the first activity was added: the start of the review clock before any
    /// review.
    pub started_on: Option<NaiveDate>,
    /// Everyone holding a role, by name.
    pub people: Vec<RaciPerson>,
    pub activities: Vec<RaciActivity>,
}

/// The RACI chart of a change.
pub fn chart(db: &Db, change_id: &str) -> Result<RaciChart> {
    db.read(|c| chart_in(c, change_id))
}

pub(crate) fn chart_in(c: &Connection, change_id: &str) -> Result<RaciChart> {
    let ch = register::get_in(c, change_id)?;
    let mut stmt =
        c.prepare("SELECT id FROM change_raci_activities WHERE change_id = ?1 ORDER BY position")?;
    let ids = stmt
        .query_map([&ch.id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let activities = ids
        .iter()
        .map(|id| activity_in(c, id))
        .collect::<Result<Vec<_>>>()?;
    let mut people: Vec<RaciPerson> = Vec::new();
    for a in activities.iter().flat_map(|a| &a.assignments) {
        if !people.iter().any(|p| p.person_id == a.person_id) {
            people.push(RaciPerson {
                person_id: a.person_id.clone(),
                name: a.person.clone(),
            });
        }
    }
    people.sort_by_key(|p| p.name.to_lowercase());
    let started_on: Option<String> = c.query_row(
        "SELECT substr(min(created_at), 1, 10) FROM change_raci_activities WHERE change_id = ?1",
        [&ch.id],
        |r| r.get(0),
    )?;
    Ok(RaciChart {
        change_id: ch.id,
        change: ch.name,
        reviewed_on: ch.raci_reviewed_on,
        started_on: started_on
            .map(|d| validate::date("started_on", &d))
            .transpose()?,
        people,
        activities,
    })
}

/// Adds an activity at the end of a change's chart.
pub fn add_raci_activity(db: &Db, change_id: &str, name: &str) -> Result<RaciActivity> {
    db.write(|c| add_raci_activity_in(c, change_id, name))
}

pub(crate) fn add_raci_activity_in(
    c: &Connection,
    change_id: &str,
    name: &str,
) -> Result<RaciActivity> {
    let ch = register::get_in(c, change_id)?;
    let name = validate::required_text("activity", name)?;
    let clash = crate::same_name_in(
        c,
        "SELECT name FROM change_raci_activities WHERE change_id = ?1",
        [&ch.id],
        &name,
    )?;
    if let Some(existing) = clash {
        return Err(Error::conflict(
            "activity",
            format!("{} already has the activity {existing}", ch.name),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO change_raci_activities (id, change_id, name, position, created_at, updated_at)
         VALUES (?1, ?2, ?3,
            (SELECT coalesce(max(position), 0) + 1 FROM change_raci_activities WHERE change_id = ?2),
            ?4, ?4)",
        (&id, &ch.id, &name, timestamp()),
    )?;
    activity_in(c, &id)
}

/// Renames an activity of a change's chart; names stay unique within the chart.
pub fn rename_raci_activity(db: &Db, activity_id: &str, name: &str) -> Result<RaciActivity> {
    db.write(|c| rename_raci_activity_in(c, activity_id, name))
}

pub(crate) fn rename_raci_activity_in(
    c: &Connection,
    activity_id: &str,
    name: &str,
) -> Result<RaciActivity> {
    let a = activity_in(c, activity_id)?;
    let name = validate::required_text("activity", name)?;
    let clash = crate::same_name_in(
        c,
        "SELECT name FROM change_raci_activities WHERE change_id = ?1 AND id <> ?2",
        (&a.change_id, &a.id),
        &name,
    )?;
    if let Some(existing) = clash {
        let ch = register::get_in(c, &a.change_id)?;
        return Err(Error::conflict(
            "activity",
            format!("{} already has the activity {existing}", ch.name),
        ));
    }
    c.execute(
        "UPDATE change_raci_activities SET name = ?2, updated_at = ?3 WHERE id = ?1",
        (&a.id, &name, timestamp()),
    )?;
    activity_in(c, &a.id)
}

/// Finds an activity of a change by id (or its end), name, or a unique part of the name.
pub fn resolve_raci_activity(db: &Db, change_id: &str, key: &str) -> Result<RaciActivity> {
    db.read(|c| {
        let ch = register::get_in(c, change_id)?;
        if let Some(id) = find_id(c, "change_raci_activities", "activity", key)? {
            let a = activity_in(c, &id)?;
            if a.change_id == ch.id {
                return Ok(a);
            }
        }
        let mut stmt =
            c.prepare("SELECT name, id FROM change_raci_activities WHERE change_id = ?1")?;
        let named = stmt
            .query_map([&ch.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        activity_in(
            c,
            &pick_by_name("activity", key, named, |name, _| name.to_string())?,
        )
    })
}

/// Gives a person a role in an activity, replacing any role they had there; `None`
/// takes their role away. A second Accountable is refused: exactly one person holds the
/// decision.
pub fn assign_role(
    db: &Db,
    activity_id: &str,
    person_id: &str,
    role: Option<RaciRole>,
) -> Result<RaciActivity> {
    db.write(|c| assign_role_in(c, activity_id, person_id, role))
}

pub(crate) fn assign_role_in(
    c: &Connection,
    activity_id: &str,
    person_id: &str,
    role: Option<RaciRole>,
) -> Result<RaciActivity> {
    let a = activity_in(c, activity_id)?;
    let Some(role) = role else {
        let p = crate::people::get_in(c, person_id)?;
        let removed = c.execute(
            "DELETE FROM change_raci_roles WHERE activity_id = ?1 AND person_id = ?2",
            (&a.id, &p.id),
        )?;
        if removed == 0 {
            return Err(Error::invalid(
                "person",
                format!("{} has no role in \"{}\"", p.name, a.name),
            ));
        }
        c.execute(
            "UPDATE change_raci_activities SET updated_at = ?2 WHERE id = ?1",
            (&a.id, timestamp()),
        )?;
        return activity_in(c, &a.id);
    };
    let p = active_person(c, person_id, "person")?;
    if role == RaciRole::Accountable {
        let other = a
            .assignments
            .iter()
            .find(|x| x.role == RaciRole::Accountable && x.person_id != p.id);
        if let Some(other) = other {
            return Err(Error::conflict(
                "role",
                format!(
                    "{} is already accountable for \"{}\"; exactly one person is accountable for an activity, so give {} another role first",
                    other.person, a.name, other.person
                ),
            ));
        }
    }
    c.execute(
        "INSERT INTO change_raci_roles (activity_id, person_id, role) VALUES (?1, ?2, ?3)
         ON CONFLICT(activity_id, person_id) DO UPDATE SET role = excluded.role",
        (&a.id, &p.id, role),
    )?;
    c.execute(
        "UPDATE change_raci_activities SET updated_at = ?2 WHERE id = ?1",
        (&a.id, timestamp()),
    )?;
    activity_in(c, &a.id)
}

/// One role a person holds in a RACI chart.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RaciRoleOf {
    pub change_id: String,
    pub change: String,
    pub activity_id: String,
    pub activity: String,
    pub role: RaciRole,
}

/// Every RACI role a person holds, by change and activity.
pub(crate) fn roles_of_in(c: &Connection, person_id: &str) -> Result<Vec<RaciRoleOf>> {
    let mut stmt = c.prepare(
        "SELECT ch.id, ch.name, ra.id, ra.name, r.role FROM change_raci_roles r
         JOIN change_raci_activities ra ON ra.id = r.activity_id
         JOIN changes ch ON ch.id = ra.change_id
         WHERE r.person_id = ?1 ORDER BY ch.name COLLATE NOCASE, ra.position",
    )?;
    let v = stmt
        .query_map([person_id], |r| {
            Ok(RaciRoleOf {
                change_id: r.get(0)?,
                change: r.get(1)?,
                activity_id: r.get(2)?,
                activity: r.get(3)?,
                role: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Takes an activity off the chart with the roles given in it (one added by mistake, or
/// no longer part of the change).
pub fn remove_raci_activity(db: &Db, activity_id: &str) -> Result<RaciActivity> {
    db.write(|c| {
        let a = activity_in(c, activity_id)?;
        c.execute(
            "DELETE FROM change_raci_roles WHERE activity_id = ?1",
            [&a.id],
        )?;
        c.execute("DELETE FROM change_raci_activities WHERE id = ?1", [&a.id])?;
        Ok(a)
    })
}

/// Records that the chart was reviewed (the domain asks for about every six months), on
/// today at the latest: a review dated later would keep the next one from falling due.
pub fn review_raci(db: &Db, change_id: &str, on: NaiveDate, today: NaiveDate) -> Result<Change> {
    let on = validate::not_after_today(
        "reviewed_on",
        on,
        today,
        "a review is recorded once it has taken place",
    )?;
    db.write(|c| register::set_raci_reviewed_in(c, change_id, on))
}

fn activity_in(c: &Connection, id: &str) -> Result<RaciActivity> {
    let mut a = c
        .query_row(
            "SELECT id, change_id, name, position FROM change_raci_activities WHERE id = ?1",
            [id],
            |r| {
                Ok(RaciActivity {
                    id: r.get(0)?,
                    change_id: r.get(1)?,
                    name: r.get(2)?,
                    position: r.get(3)?,
                    assignments: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("activity", id))?;
    let mut stmt = c.prepare_cached(
        "SELECT r.person_id, p.name, r.role FROM change_raci_roles r
         JOIN people p ON p.id = r.person_id WHERE r.activity_id = ?1
         ORDER BY CASE r.role WHEN 'r' THEN 1 WHEN 'a' THEN 2 WHEN 'c' THEN 3 ELSE 4 END,
            p.name COLLATE NOCASE",
    )?;
    a.assignments = stmt
        .query_map([&a.id], |r| {
            Ok(RaciAssignment {
                person_id: r.get(0)?,
                person: r.get(1)?,
                role: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{date, fixture};
    use super::*;

    #[test]
    fn an_activity_removed_takes_its_roles_with_it() {
        let f = fixture();
        let act = add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Accountable)).unwrap();
        let kept = add_raci_activity(&f.db, &f.change, "Train the leads").unwrap();
        remove_raci_activity(&f.db, &act.id).unwrap();
        let left = chart(&f.db, &f.change).unwrap();
        assert_eq!(
            left.activities.iter().map(|a| &a.id).collect::<Vec<_>>(),
            [&kept.id]
        );
        // Its name is free again.
        add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
    }

    #[test]
    fn exactly_one_accountable_per_activity_in_the_core() {
        let f = fixture();
        let act = add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Accountable)).unwrap();
        assign_role(&f.db, &act.id, &f.bo, Some(RaciRole::Responsible)).unwrap();
        let err = assign_role(&f.db, &act.id, &f.bo, Some(RaciRole::Accountable)).unwrap_err();
        assert_eq!((err.code(), err.field()), ("conflict", Some("role")));
        assert!(
            err.to_string().contains("Ana is already accountable"),
            "{err}"
        );
        let a = resolve_raci_activity(&f.db, &f.change, "design").unwrap();
        assert_eq!(a.role_of(&f.bo), Some(RaciRole::Responsible));
        // Re-assigning the Accountable person their own role is not a second one.
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Accountable)).unwrap();
        // Moving the role on: the old holder first gives it up.
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Consulted)).unwrap();
        let a = assign_role(&f.db, &act.id, &f.bo, Some(RaciRole::Accountable)).unwrap();
        assert_eq!(a.count(RaciRole::Accountable), 1);
        assert_eq!(a.role_of(&f.ana), Some(RaciRole::Consulted));
        let a = assign_role(&f.db, &act.id, &f.ana, None).unwrap();
        assert_eq!(a.role_of(&f.ana), None);
    }

    #[test]
    fn the_schema_refuses_a_second_accountable_too() {
        let f = fixture();
        let act = add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Accountable)).unwrap();
        let err = f
            .db
            .conn()
            .execute(
                "INSERT INTO change_raci_roles (activity_id, person_id, role) VALUES (?1, ?2, 'a')",
                (&act.id, &f.bo),
            )
            .unwrap_err();
        assert!(err.to_string().contains("UNIQUE"), "{err}");
        // Several R, C and I are fine.
        for p in [&f.bo, &f.cy] {
            f.db.conn()
                .execute(
                    "INSERT INTO change_raci_roles (activity_id, person_id, role) VALUES (?1, ?2, 'c')",
                    (&act.id, p),
                )
                .unwrap();
        }
    }

    #[test]
    fn the_chart_lists_people_and_its_review_date() {
        let f = fixture();
        let act = add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
        add_raci_activity(&f.db, &f.change, "Pilot with one team").unwrap();
        assert_eq!(
            add_raci_activity(&f.db, &f.change, "design the ROTA")
                .unwrap_err()
                .code(),
            "conflict"
        );
        assign_role(&f.db, &act.id, &f.cy, Some(RaciRole::Informed)).unwrap();
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Accountable)).unwrap();
        // A review dated later than today would keep the next one from falling due.
        let err =
            review_raci(&f.db, &f.change, date("2026-11-02"), date("2026-11-01")).unwrap_err();
        assert_eq!(err.field(), Some("reviewed_on"));
        assert_eq!(chart(&f.db, &f.change).unwrap().reviewed_on, None);
        review_raci(&f.db, &f.change, date("2026-11-01"), date("2026-11-01")).unwrap();
        let ch = chart(&f.db, &f.change).unwrap();
        let names: Vec<&str> = ch.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Cy"]);
        assert_eq!(ch.activities.len(), 2);
        assert_eq!(ch.reviewed_on, Some(date("2026-11-01")));
        assert!(ch.started_on.is_some());
    }
}
