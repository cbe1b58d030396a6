//! Learn–Practice–Feedback development plans: goals tied to one competency, each worked
//! through activities in three phases, every activity with a resource and a target date.
//! The rules that look across a plan (missing phases, overdue work...) are in `checks`.

use foldhash::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, RecordKind, Snapshot};
use crate::codes::code_enum;
use crate::columns;
use crate::people::Person;
use crate::privacy::{Appearance, Tally, FORMER_ASSOCIATE};
use crate::{competencies, new_id, people, resolve_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// The three phases a goal is worked through, in order.
    Phase, "phase", { Learn = "learn", Practice = "practice", Feedback = "feedback" }
);

code_enum!(
    /// Where a goal stands.
    GoalStatus, "status", { Open = "open", Done = "done", Dropped = "dropped" }
);

code_enum!(
    /// What kind of help a resource is.
    ResourceKind, "resource_kind", { Person = "person", Material = "material", Event = "event" }
);

/// A development goal with its activities.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Goal {
    pub id: String,
    pub person_id: String,
    pub competency_id: String,
    pub competency: String,
    pub outcome: String,
    pub status: GoalStatus,
    /// Activities ordered by phase, then by their place in the phase.
    pub activities: Vec<Activity>,
}

/// One Learn, Practice or Feedback activity.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Activity {
    pub id: String,
    pub goal_id: String,
    pub phase: Phase,
    pub description: String,
    pub resource: Resource,
    pub target_date: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub notes: String,
    /// 1-based place within its phase.
    pub position: i64,
}

impl Activity {
    /// Past its target date and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.completed_on.is_none() && self.target_date < today
    }
}

/// Who or what helps with an activity: a person in Ladder, or a named person, material
/// or event.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Resource {
    pub kind: ResourceKind,
    /// Set when the resource is a person in Ladder.
    pub person_id: Option<String>,
    /// The resource's name (for a person in Ladder, their current name).
    pub name: String,
}

impl Resource {
    /// A person kept in Ladder.
    pub fn person(person_id: &str) -> Self {
        Resource {
            kind: ResourceKind::Person,
            person_id: Some(person_id.into()),
            name: String::new(),
        }
    }

    /// A named person, material or event that is not in Ladder.
    pub fn named(kind: ResourceKind, name: &str) -> Self {
        Resource {
            kind,
            person_id: None,
            name: name.into(),
        }
    }
}

/// What a user gives to add a goal.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct NewGoal {
    pub person_id: String,
    pub competency_id: String,
    pub outcome: String,
}

/// A change to a goal; `None` leaves a field as it is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoalPatch {
    pub outcome: Option<String>,
    pub competency_id: Option<String>,
    pub status: Option<GoalStatus>,
}

/// What a user gives to add an activity.
#[derive(Debug, Clone, Deserialize)]
pub struct NewActivity {
    pub goal_id: String,
    pub phase: Phase,
    pub description: String,
    pub resource: Resource,
    pub target_date: NaiveDate,
    #[serde(default)]
    pub notes: String,
}

/// A change to an activity; `None` leaves a field as it is. Completion has its own calls.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActivityPatch {
    pub phase: Option<Phase>,
    pub description: Option<String>,
    pub resource: Option<Resource>,
    pub target_date: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// Adds a goal to a person's plan.
pub fn add_goal(db: &Db, new: NewGoal) -> Result<Goal> {
    db.write(|c| add_goal_in(c, new))
}

pub(crate) fn add_goal_in(c: &Connection, new: NewGoal) -> Result<Goal> {
    let outcome = validate::required_text("outcome", &new.outcome)?;
    let person = people::get_in(c, &new.person_id)?;
    people::refuse_archived(&person, "person", "plan for them")?;
    let comp = active_competency(c, &new.competency_id)?;
    let id = new_id();
    c.execute(
        "INSERT INTO goals (id, person_id, competency_id, outcome, status, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'open',
                 (SELECT coalesce(max(position), 0) + 1 FROM goals WHERE person_id = ?2), ?5, ?5)",
        (&id, &person.id, &comp.id, &outcome, timestamp()),
    )?;
    let goal = get_goal_in(c, &id)?;
    audit_goal(c, None, Some(&goal))?;
    Ok(goal)
}

/// Edits a goal's outcome, competency or status.
pub fn edit_goal(db: &Db, id: &str, patch: GoalPatch) -> Result<Goal> {
    db.write(|c| edit_goal_in(c, id, patch))
}

pub(crate) fn edit_goal_in(c: &Connection, id: &str, patch: GoalPatch) -> Result<Goal> {
    let goal = get_goal_in(c, id)?;
    let outcome = match &patch.outcome {
        Some(o) => validate::required_text("outcome", o)?,
        None => goal.outcome.clone(),
    };
    let competency_id = match &patch.competency_id {
        Some(k) if *k != goal.competency_id => active_competency(c, k)?.id,
        _ => goal.competency_id.clone(),
    };
    c.execute(
        "UPDATE goals SET outcome = ?2, competency_id = ?3, status = ?4, updated_at = ?5 WHERE id = ?1",
        (
            &goal.id,
            &outcome,
            &competency_id,
            patch.status.unwrap_or(goal.status),
            timestamp(),
        ),
    )?;
    let after = get_goal_in(c, &goal.id)?;
    audit_goal(c, Some(&goal), Some(&after))?;
    Ok(after)
}

/// One goal with its activities.
pub fn get_goal(db: &Db, id: &str) -> Result<Goal> {
    db.read(|c| get_goal_in(c, id))
}

/// Finds a goal from its id or the end of it.
pub fn resolve_goal(db: &Db, key: &str) -> Result<Goal> {
    db.read(|c| get_goal_in(c, &resolve_id(c, "goals", "goal", key)?))
}

/// Finds an activity from its id or the end of it.
pub fn resolve_activity(db: &Db, key: &str) -> Result<Activity> {
    db.read(|c| get_activity_in(c, &resolve_id(c, "activities", "activity", key)?))
}

pub(crate) fn get_goal_in(c: &Connection, id: &str) -> Result<Goal> {
    let goal = c
        .query_row(&format!("{GOAL_SELECT} WHERE g.id = ?1"), [id], goal_row)
        .optional()?
        .ok_or_else(|| Error::not_found("goal", id))?;
    let mut goals = attach_activities(c, vec![goal], "WHERE a.goal_id = ?1", id)?;
    Ok(goals.remove(0))
}

/// A person's whole plan: open goals first, then done and dropped ones.
pub fn plan(db: &Db, person_id: &str) -> Result<Vec<Goal>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        goals_of_in(c, &[person_id.to_string()], false)
    })
}

/// The goals of several people, with their activities, in two queries whatever the
/// number of people.
pub(crate) fn goals_of_in(
    c: &Connection,
    person_ids: &[String],
    open_only: bool,
) -> Result<Vec<Goal>> {
    let status = if open_only {
        "AND g.status = 'open'"
    } else {
        ""
    };
    let ids = crate::id_list(person_ids);
    let mut stmt = c.prepare(&format!(
        "{GOAL_SELECT} WHERE g.person_id IN (SELECT value FROM json_each(?1)) {status}
         ORDER BY g.person_id, g.status <> 'open', g.position"
    ))?;
    let goals = stmt
        .query_map([&ids], goal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    attach_activities(
        c,
        goals,
        &format!(
            "JOIN goals g ON g.id = a.goal_id
             WHERE g.person_id IN (SELECT value FROM json_each(?1)) {status}"
        ),
        &ids,
    )
}

const GOAL_SELECT: &str = "SELECT g.id, g.person_id, g.competency_id, k.name, g.outcome, g.status
    FROM goals g JOIN competencies k ON k.id = g.competency_id";

fn goal_row(r: &Row) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get(0)?,
        person_id: r.get(1)?,
        competency_id: r.get(2)?,
        competency: r.get(3)?,
        outcome: r.get(4)?,
        status: r.get(5)?,
        activities: Vec::new(),
    })
}

const ACTIVITY_SELECT: &str = "SELECT a.id, a.goal_id, a.phase, a.description, a.resource_kind,
        a.resource_person_id, coalesce(rp.name, a.resource_name), a.target_date, a.completed_on,
        a.notes, a.position
    FROM activities a LEFT JOIN people rp ON rp.id = a.resource_person_id";

fn activity_row(r: &Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        phase: r.get(2)?,
        description: r.get(3)?,
        resource: Resource {
            kind: r.get(4)?,
            person_id: r.get(5)?,
            name: r.get(6)?,
        },
        target_date: columns::date(r, 7)?,
        completed_on: columns::day(r, 8)?,
        notes: r.get(9)?,
        position: r.get(10)?,
    })
}

fn attach_activities(
    c: &Connection,
    mut goals: Vec<Goal>,
    filter: &str,
    arg: &str,
) -> Result<Vec<Goal>> {
    let index: HashMap<String, usize> = goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), i))
        .collect();
    let mut stmt = c.prepare(&format!("{ACTIVITY_SELECT} {filter}"))?;
    let rows = stmt.query_map([arg], activity_row)?;
    for a in rows {
        let a = a?;
        if let Some(&i) = index.get(&a.goal_id) {
            goals[i].activities.push(a);
        }
    }
    // Plan order (phase, then place in the phase) is put here, goal by goal: in SQL it
    // was a sort of every activity read, a fifth of reading 10,000 people's plans.
    for g in &mut goals {
        g.activities.sort_by_key(|a| (a.phase, a.position));
    }
    Ok(goals)
}

pub(crate) fn get_activity_in(c: &Connection, id: &str) -> Result<Activity> {
    c.query_row(
        &format!("{ACTIVITY_SELECT} WHERE a.id = ?1"),
        [id],
        activity_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("activity", id))
}

pub(crate) fn active_competency(c: &Connection, id: &str) -> Result<competencies::Competency> {
    // An empty choice is said as such, not looked up as a competency named "".
    if id.trim().is_empty() {
        return Err(Error::invalid(
            "competency",
            "competency is empty; pick one from the library",
        ));
    }
    let comp = competencies::get_in(c, id)?;
    if comp.retired_at.is_some() {
        return Err(Error::invalid(
            "competency",
            format!(
                "competency {} is retired; pick one from the library",
                comp.name
            ),
        ));
    }
    Ok(comp)
}

/// Checks a resource and returns what to store: `(kind, person id, name)`. `kept` is the
/// person the activity already names, who stays its resource if archived since; anyone
/// else archived is refused, as for every new part. A person typed by name who is exactly
/// one active person's name (any case) is that person: the plan checks then know the
/// manager, and the person's page and an erasure know the activity. `given`: the resource
/// is being set now (an edit of other fields keeps the stored one as it is).
fn check_resource(
    c: &Connection,
    r: &Resource,
    kept: Option<&str>,
    given: bool,
) -> Result<(ResourceKind, Option<String>, String)> {
    match &r.person_id {
        Some(pid) => {
            if r.kind != ResourceKind::Person {
                return Err(Error::invalid(
                    "resource_kind",
                    format!("resource kind {} cannot be a person in Ladder", r.kind),
                ));
            }
            let p = people::get_in(c, pid).map_err(|_| Error::not_found("resource", pid))?;
            if kept != Some(p.id.as_str()) {
                people::refuse_archived(&p, "resource", "make them a resource")?;
            }
            Ok((ResourceKind::Person, Some(p.id), String::new()))
        }
        None => {
            let name = validate::required_text("resource", &r.name)?;
            // Only a resource given now: an edit of another field keeps the one stored.
            if given && r.kind == ResourceKind::Person {
                if let Ok(p) = people::exact_name_in(c, &name) {
                    return Ok((ResourceKind::Person, Some(p.id), String::new()));
                }
            }
            Ok((r.kind, None, name))
        }
    }
}

/// Adds an activity at the end of its phase.
pub fn add_activity(db: &Db, new: NewActivity) -> Result<Activity> {
    db.write(|c| add_activity_in(c, new))
}

pub(crate) fn add_activity_in(c: &Connection, new: NewActivity) -> Result<Activity> {
    let description = validate::required_text("description", &new.description)?;
    let goal = get_goal_in(c, &new.goal_id)?;
    let (kind, person, name) = check_resource(c, &new.resource, None, true)?;
    let notes = validate::free_text("notes", &new.notes)?;
    let id = new_id();
    c.execute(
        "INSERT INTO activities (id, goal_id, phase, description, resource_kind, resource_person_id,
            resource_name, target_date, notes, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
            (SELECT coalesce(max(position), 0) + 1 FROM activities WHERE goal_id = ?2 AND phase = ?3),
            ?10, ?10)",
        rusqlite::params![
            id,
            goal.id,
            new.phase,
            description,
            kind,
            person,
            name,
            new.target_date,
            notes,
            timestamp()
        ],
    )?;
    touch_goal(c, &goal.id)?;
    let added = get_activity_in(c, &id)?;
    audit_activity(c, None, Some(&added))?;
    Ok(added)
}

/// Edits an activity. A new phase moves it to the end of that phase.
pub fn edit_activity(db: &Db, id: &str, patch: ActivityPatch) -> Result<Activity> {
    db.write(|c| edit_activity_in(c, id, patch))
}

pub(crate) fn edit_activity_in(c: &Connection, id: &str, patch: ActivityPatch) -> Result<Activity> {
    let a = get_activity_in(c, id)?;
    let description = match &patch.description {
        Some(d) => validate::required_text("description", d)?,
        None => a.description.clone(),
    };
    let (kind, person, name) = check_resource(
        c,
        patch.resource.as_ref().unwrap_or(&a.resource),
        a.resource.person_id.as_deref(),
        patch.resource.is_some(),
    )?;
    let notes = match &patch.notes {
        Some(n) => validate::free_text("notes", n)?,
        None => a.notes.clone(),
    };
    c.execute(
        "UPDATE activities SET description = ?2, resource_kind = ?3, resource_person_id = ?4,
            resource_name = ?5, target_date = ?6, notes = ?7, updated_at = ?8
         WHERE id = ?1",
        rusqlite::params![
            a.id,
            description,
            kind,
            person,
            name,
            patch.target_date.unwrap_or(a.target_date),
            notes,
            timestamp()
        ],
    )?;
    if let Some(phase) = patch.phase.filter(|p| *p != a.phase) {
        place(c, &a, &a.goal_id, phase, None)?;
    }
    touch_goal(c, &a.goal_id)?;
    let after = get_activity_in(c, &a.id)?;
    audit_activity(c, Some(&a), Some(&after))?;
    Ok(after)
}

/// Marks an activity done on a date.
pub fn complete_activity(db: &Db, id: &str, on: NaiveDate, today: NaiveDate) -> Result<Activity> {
    db.write(|c| set_completed_in(c, id, Some(on), today))
}

/// Marks a done activity as not done again.
pub fn reopen_activity(db: &Db, id: &str) -> Result<Activity> {
    db.write(|c| store_completed_in(c, id, None))
}

/// An activity is marked done once it is done, so on today at the latest.
pub fn check_completed_on(on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    validate::not_after_today(
        "completed_on",
        on,
        today,
        "an activity is marked done once it is done",
    )
}

pub(crate) fn set_completed_in(
    c: &Connection,
    id: &str,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Activity> {
    if let Some(on) = on {
        check_completed_on(on, today)?;
    }
    store_completed_in(c, id, on)
}

fn store_completed_in(c: &Connection, id: &str, on: Option<NaiveDate>) -> Result<Activity> {
    let a = get_activity_in(c, id)?;
    c.execute(
        "UPDATE activities SET completed_on = ?2, updated_at = ?3 WHERE id = ?1",
        (&a.id, on, timestamp()),
    )?;
    touch_goal(c, &a.goal_id)?;
    let after = get_activity_in(c, &a.id)?;
    audit_activity(c, Some(&a), Some(&after))?;
    Ok(after)
}

/// Moves an activity to a place (1-based) within its phase.
pub fn reorder_activity(db: &Db, id: &str, position: i64) -> Result<Activity> {
    db.write(|c| {
        let a = get_activity_in(c, id)?;
        place(c, &a, &a.goal_id.clone(), a.phase, Some(position))?;
        get_activity_in(c, &a.id)
    })
}

/// Moves an activity to another goal of the same person, at the end of its phase or at a
/// given place.
pub fn move_activity(db: &Db, id: &str, goal_id: &str, position: Option<i64>) -> Result<Activity> {
    db.write(|c| move_activity_in(c, id, goal_id, position))
}

pub(crate) fn move_activity_in(
    c: &Connection,
    id: &str,
    goal_id: &str,
    position: Option<i64>,
) -> Result<Activity> {
    let a = get_activity_in(c, id)?;
    let from = get_goal_in(c, &a.goal_id)?;
    let to = get_goal_in(c, goal_id)?;
    if from.person_id != to.person_id {
        return Err(Error::invalid(
            "goal",
            "an activity can only move between goals of the same person",
        ));
    }
    place(c, &a, &to.id, a.phase, position)?;
    touch_goal(c, &from.id)?;
    touch_goal(c, &to.id)?;
    let after = get_activity_in(c, &a.id)?;
    audit_activity(c, Some(&a), Some(&after))?;
    Ok(after)
}

/// Deletes an activity. An action item or advocacy action it came from opens again, so
/// nothing agreed is lost with it.
pub fn delete_activity(db: &Db, id: &str) -> Result<Activity> {
    db.write(|c| {
        let a = get_activity_in(c, id)?;
        crate::meetings::detach_activity_in(c, &a.id)?;
        crate::promotion::detach_activity_in(c, &a.id)?;
        audit_activity(c, Some(&a), None)?;
        c.execute("DELETE FROM activities WHERE id = ?1", [&a.id])?;
        renumber(c, &a.goal_id, a.phase)?;
        touch_goal(c, &a.goal_id)?;
        Ok(a)
    })
}

/// Puts `a` into (`goal_id`, `phase`) at `position` (1-based, clamped; `None` = last) and
/// renumbers both the list it left and the one it joined.
fn place(
    c: &Connection,
    a: &Activity,
    goal_id: &str,
    phase: Phase,
    position: Option<i64>,
) -> Result<()> {
    if let Some(p) = position {
        validate::in_range("position", p, 1, i64::from(u16::MAX))?;
    }
    let mut siblings = sibling_ids(c, goal_id, phase)?;
    siblings.retain(|s| *s != a.id);
    let at = position.map_or(siblings.len(), |p| (p as usize - 1).min(siblings.len()));
    siblings.insert(at, a.id.clone());
    c.execute(
        "UPDATE activities SET goal_id = ?2, phase = ?3, updated_at = ?4 WHERE id = ?1",
        (&a.id, goal_id, phase, timestamp()),
    )?;
    write_positions(c, &siblings)?;
    if a.goal_id != goal_id || a.phase != phase {
        renumber(c, &a.goal_id, a.phase)?;
    }
    Ok(())
}

fn sibling_ids(c: &Connection, goal_id: &str, phase: Phase) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT id FROM activities WHERE goal_id = ?1 AND phase = ?2 ORDER BY position, id",
    )?;
    let ids = stmt
        .query_map((goal_id, phase), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

fn renumber(c: &Connection, goal_id: &str, phase: Phase) -> Result<()> {
    write_positions(c, &sibling_ids(c, goal_id, phase)?)
}

fn write_positions(c: &Connection, ids: &[String]) -> Result<()> {
    let mut stmt = c.prepare_cached("UPDATE activities SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute((id, i as i64 + 1))?;
    }
    Ok(())
}

fn touch_goal(c: &Connection, goal_id: &str) -> Result<()> {
    c.execute(
        "UPDATE goals SET updated_at = ?2 WHERE id = ?1",
        (goal_id, timestamp()),
    )?;
    Ok(())
}

/// A resource as one line: "Priya Raman (person)".
fn resource_label(r: &Resource) -> String {
    format!("{} ({})", r.name, r.kind)
}

/// The audit trail of plans: what a goal looks like to it.
fn audit_goal(c: &Connection, before: Option<&Goal>, after: Option<&Goal>) -> Result<()> {
    let snapshot = |g: &Goal| Snapshot {
        kind: RecordKind::Goal,
        id: g.id.clone(),
        person_id: Some(g.person_id.clone()),
        summary: format!("{}: {}", g.competency, g.outcome),
        fields: vec![
            ("outcome", Some(g.outcome.clone())),
            ("competency", Some(g.competency.clone())),
            ("status", Some(g.status.to_string())),
        ],
    };
    audit::record(
        c,
        before.map(snapshot).as_ref(),
        after.map(snapshot).as_ref(),
    )
}

/// The audit trail of plans: what an activity looks like to it. Its place within a phase
/// is left out: reordering changes no content.
fn audit_activity(
    c: &Connection,
    before: Option<&Activity>,
    after: Option<&Activity>,
) -> Result<()> {
    let Some(any) = after.or(before) else {
        return Ok(());
    };
    let person_id: String = c.query_row(
        "SELECT person_id FROM goals WHERE id = ?1",
        [&any.goal_id],
        |r| r.get(0),
    )?;
    let snapshot = |a: &Activity| Snapshot {
        kind: RecordKind::Activity,
        id: a.id.clone(),
        person_id: Some(person_id.clone()),
        summary: format!("{} activity: {}", a.phase, a.description),
        fields: vec![
            ("goal", Some(a.goal_id.clone())),
            ("phase", Some(a.phase.to_string())),
            ("description", Some(a.description.clone())),
            ("resource", Some(resource_label(&a.resource))),
            ("target_date", Some(a.target_date.to_string())),
            ("completed_on", a.completed_on.map(|d| d.to_string())),
            ("notes", Some(a.notes.clone())),
        ],
    };
    audit::record(
        c,
        before.map(snapshot).as_ref(),
        after.map(snapshot).as_ref(),
    )
}

/// Activities in other people's plans where this person is the resource, linked or by
/// name.
pub(crate) fn appearances_in(c: &Connection, person: &Person) -> Result<Vec<Appearance>> {
    let mut stmt = c.prepare(
        "SELECT a.id, p.name, a.phase, a.description FROM activities a
         JOIN goals g ON g.id = a.goal_id JOIN people p ON p.id = g.person_id
         WHERE g.person_id <> ?1 AND (a.resource_person_id = ?1
            OR (a.resource_person_id IS NULL AND a.resource_kind = 'person'
                AND a.resource_name = ?2 COLLATE NOCASE))
         ORDER BY p.name COLLATE NOCASE, a.target_date, a.id",
    )?;
    let rows = stmt
        .query_map((&person.id, &person.name), |r| {
            Ok(Appearance {
                role: "resource",
                record_kind: "activity",
                record_id: r.get(0)?,
                of: r.get(1)?,
                summary: format!(
                    "{} activity: {}",
                    r.get::<_, Phase>(2)?,
                    r.get::<_, String>(3)?
                ),
                notes: String::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Erases a person from plans: their goals and activities go; where they help with
/// someone else's activity, or are named in its text, "former associate" stands instead.
pub(crate) fn erase_person_in(c: &Connection, person: &Person, tally: &mut Tally) -> Result<()> {
    let mut stmt = c.prepare(
        "SELECT a.id FROM activities a JOIN goals g ON g.id = a.goal_id WHERE g.person_id = ?1",
    )?;
    let own = stmt
        .query_map([&person.id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for id in &own {
        crate::meetings::detach_activity_in(c, id)?;
        crate::promotion::detach_activity_in(c, id)?;
    }
    let n = c.execute(
        "DELETE FROM activities WHERE goal_id IN (SELECT id FROM goals WHERE person_id = ?1)",
        [&person.id],
    )?;
    tally.removed("activities", n);
    tally.removed(
        "goals",
        c.execute("DELETE FROM goals WHERE person_id = ?1", [&person.id])?,
    );
    tally.replaced += c.execute(
        "UPDATE activities SET resource_person_id = NULL, resource_name = ?2, updated_at = ?3
         WHERE resource_person_id = ?1",
        (&person.id, FORMER_ASSOCIATE, timestamp()),
    )?;
    tally.scrub(c, "goals", "id", &["outcome"])?;
    tally.scrub(
        c,
        "activities",
        "id",
        &["description", "resource_name", "notes"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::NewPerson;

    pub(crate) fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    fn setup() -> (Db, Goal) {
        let db = Db::open_in_memory().unwrap();
        let p = people::add(
            &db,
            NewPerson {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let k = competencies::resolve(&db, "Influencing others").unwrap();
        let g = add_goal(
            &db,
            NewGoal {
                person_id: p.id,
                competency_id: k.id,
                outcome: "Influence decisions across departments".into(),
            },
        )
        .unwrap();
        (db, g)
    }

    fn activity(db: &Db, goal: &str, phase: Phase, what: &str) -> Activity {
        add_activity(
            db,
            NewActivity {
                goal_id: goal.into(),
                phase,
                description: what.into(),
                resource: Resource::named(ResourceKind::Material, "Influence (book)"),
                target_date: date("2026-12-01"),
                notes: String::new(),
            },
        )
        .unwrap()
    }

    fn order(db: &Db, goal: &str, phase: Phase) -> Vec<String> {
        get_goal(db, goal)
            .unwrap()
            .activities
            .into_iter()
            .filter(|a| a.phase == phase)
            .map(|a| a.description)
            .collect()
    }

    #[test]
    fn an_empty_outcome_is_refused() {
        let (db, g) = setup();
        let err = add_goal(
            &db,
            NewGoal {
                person_id: g.person_id.clone(),
                competency_id: g.competency_id.clone(),
                outcome: "  ".into(),
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("outcome"));
        assert_eq!(plan(&db, &g.person_id).unwrap().len(), 1);
    }

    #[test]
    fn a_goal_without_a_competency_is_refused_as_such() {
        let (db, g) = setup();
        let err = add_goal(
            &db,
            NewGoal {
                person_id: g.person_id.clone(),
                competency_id: " ".into(),
                outcome: "Lead the design review".into(),
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("competency"));
        assert_eq!(
            err.to_string(),
            "competency is empty; pick one from the library"
        );
        assert_eq!(plan(&db, &g.person_id).unwrap().len(), 1);
    }

    #[test]
    fn a_plan_lists_learn_then_practice_then_feedback_whatever_the_order_of_entry() {
        let (db, g) = setup();
        activity(&db, &g.id, Phase::Feedback, "ask for feedback");
        activity(&db, &g.id, Phase::Practice, "present");
        activity(&db, &g.id, Phase::Learn, "read");
        activity(&db, &g.id, Phase::Practice, "present again");
        let listed = |goals: Vec<Goal>| -> Vec<String> {
            goals[0]
                .activities
                .iter()
                .map(|a| a.description.clone())
                .collect()
        };
        let expected = ["read", "present", "present again", "ask for feedback"];
        assert_eq!(listed(vec![get_goal(&db, &g.id).unwrap()]), expected);
        assert_eq!(listed(plan(&db, &g.person_id).unwrap()), expected);
    }

    #[test]
    fn activities_reorder_within_a_phase() {
        let (db, g) = setup();
        activity(&db, &g.id, Phase::Learn, "a");
        activity(&db, &g.id, Phase::Learn, "b");
        let c = activity(&db, &g.id, Phase::Learn, "c");
        reorder_activity(&db, &c.id, 1).unwrap();
        assert_eq!(order(&db, &g.id, Phase::Learn), ["c", "a", "b"]);
        reorder_activity(&db, &c.id, 99).unwrap();
        assert_eq!(order(&db, &g.id, Phase::Learn), ["a", "b", "c"]);
        assert!(reorder_activity(&db, &c.id, 0).is_err());
    }

    #[test]
    fn activities_move_between_goals_of_one_person_only() {
        let (db, g) = setup();
        let other = add_goal(
            &db,
            NewGoal {
                person_id: g.person_id.clone(),
                competency_id: g.competency_id.clone(),
                outcome: "Present at the all-hands".into(),
            },
        )
        .unwrap();
        let a = activity(&db, &g.id, Phase::Practice, "a");
        activity(&db, &g.id, Phase::Practice, "b");
        let moved = move_activity(&db, &a.id, &other.id, None).unwrap();
        assert_eq!(moved.goal_id, other.id);
        assert_eq!(order(&db, &g.id, Phase::Practice), ["b"]);
        assert_eq!(get_goal(&db, &g.id).unwrap().activities[0].position, 1);

        let p2 = people::add(
            &db,
            NewPerson {
                name: "Bo".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let foreign = add_goal(
            &db,
            NewGoal {
                person_id: p2.id,
                competency_id: g.competency_id.clone(),
                outcome: "x".into(),
            },
        )
        .unwrap();
        let err = move_activity(&db, &a.id, &foreign.id, None).unwrap_err();
        assert_eq!(err.field(), Some("goal"));
        assert_eq!(resolve_activity(&db, &a.id).unwrap().goal_id, other.id);
    }

    #[test]
    fn completing_and_editing_an_activity() {
        let (db, g) = setup();
        let a = activity(&db, &g.id, Phase::Learn, "Read the book");
        assert!(a.is_overdue(date("2026-12-02")));
        let done = complete_activity(&db, &a.id, date("2026-11-20"), date("2026-11-20")).unwrap();
        assert!(!done.is_overdue(date("2027-01-01")));
        let edited = edit_activity(
            &db,
            &a.id,
            ActivityPatch {
                phase: Some(Phase::Practice),
                notes: Some("chapter 3 matters".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((edited.phase, edited.position), (Phase::Practice, 1));
        assert_eq!(edited.completed_on, Some(date("2026-11-20")));
        assert!(reopen_activity(&db, &a.id).unwrap().completed_on.is_none());
    }

    #[test]
    fn an_activity_is_done_today_at_the_latest() {
        let (db, g) = setup();
        let a = activity(&db, &g.id, Phase::Learn, "Read the book");
        let err =
            complete_activity(&db, &a.id, date("2026-11-21"), date("2026-11-20")).unwrap_err();
        assert_eq!(err.field(), Some("completed_on"), "{err}");
        assert_eq!(
            err.to_string(),
            "completed on 2026-11-21 is after today (2026-11-20); an activity is marked done once it is done"
        );
        assert_eq!(resolve_activity(&db, &a.id).unwrap().completed_on, None);
    }

    #[test]
    fn a_resource_needs_a_name_or_a_person() {
        let (db, g) = setup();
        let err = add_activity(
            &db,
            NewActivity {
                goal_id: g.id.clone(),
                phase: Phase::Learn,
                description: "Read".into(),
                resource: Resource::named(ResourceKind::Material, " "),
                target_date: date("2026-12-01"),
                notes: String::new(),
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("resource"));
        let mentor = people::add(
            &db,
            NewPerson {
                name: "Mentor".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let a = add_activity(
            &db,
            NewActivity {
                goal_id: g.id.clone(),
                phase: Phase::Feedback,
                description: "Debrief".into(),
                resource: Resource::person(&mentor.id),
                target_date: date("2026-12-01"),
                notes: String::new(),
            },
        )
        .unwrap();
        assert_eq!(a.resource.name, "Mentor");

        // Archived since, the mentor stays this activity's resource through an edit that
        // gives the resource again, but is no one's new resource.
        people::archive(&db, &mentor.id).unwrap();
        let edited = edit_activity(
            &db,
            &a.id,
            ActivityPatch {
                description: Some("Debrief with the mentor".into()),
                resource: Some(Resource::person(&mentor.id)),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            edited.resource.person_id.as_deref(),
            Some(mentor.id.as_str())
        );
        let err = add_activity(
            &db,
            NewActivity {
                goal_id: g.id.clone(),
                phase: Phase::Feedback,
                description: "Second debrief".into(),
                resource: Resource::person(&mentor.id),
                target_date: date("2026-12-01"),
                notes: String::new(),
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("resource"));
        assert!(err.to_string().contains("Mentor is archived"), "{err}");
    }
}
