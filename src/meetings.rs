//! Development meetings: about the long term, separate from status one-on-ones. Each has
//! four standing sections, action items that may become plan activities, and a cadence
//! per associate; a prepared agenda pulls in what both sides should come ready to discuss.

use foldhash::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::checks::{self, Finding};
use crate::codes::code_enum;
use crate::competencies::{self, Rating};
use crate::people::{self, Person};
use crate::plans::{self, Activity, NewActivity, Phase, Resource};
use crate::{new_id, resolve_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// Where a meeting stands.
    MeetingStatus, "status", { Scheduled = "scheduled", Held = "held", Cancelled = "cancelled" }
);

code_enum!(
    /// The four standing sections of every development meeting, in order.
    Section, "section", {
        CareerGoals = "career_goals",
        BehaviouralFeedback = "behavioural_feedback",
        FeedbackToManager = "feedback_to_manager",
        DevelopmentInDailyWork = "development_in_daily_work",
    }
);

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::CareerGoals => "Long-term career goals",
            Section::BehaviouralFeedback => "Behavioural feedback on competencies",
            Section::FeedbackToManager => "Your feedback to your manager",
            Section::DevelopmentInDailyWork => "Development in daily work",
        }
    }

    /// The question each side prepares for.
    pub fn prompt(self) -> &'static str {
        match self {
            Section::CareerGoals => {
                "Where do you want to be in two to five years, and what role comes next?"
            }
            Section::BehaviouralFeedback => {
                "How is the work getting done? Behaviours seen since the last meeting, not results."
            }
            Section::FeedbackToManager => {
                "Open forum: what should your manager start, stop or keep doing?"
            }
            Section::DevelopmentInDailyWork => {
                "Where in this month's work can you practise what you are learning?"
            }
        }
    }
}

code_enum!(
    /// Where an action item stands. `converted` means it became a plan activity.
    ActionStatus, "status", { Open = "open", Done = "done", Converted = "converted" }
);

code_enum!(
    /// Who carries an action item.
    ActionOwner, "owner", { Associate = "associate", Manager = "manager" }
);

/// A development meeting with its notes and action items.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: String,
    pub person_id: String,
    pub person: String,
    pub scheduled_on: NaiveDate,
    pub status: MeetingStatus,
    pub held_on: Option<NaiveDate>,
    /// The four sections, always all four, in order.
    pub sections: Vec<SectionNotes>,
    pub action_items: Vec<ActionItem>,
    /// Whether it may be cancelled: a scheduled meeting that holds no notes and no action
    /// items, since a cancelled meeting's would show nowhere. [`cancel`] refuses the rest,
    /// and the app offers a move instead of asking first and being refused after.
    pub cancellable: bool,
}

impl Meeting {
    /// The day a meeting is recorded as held when none is given: today, or its own day
    /// when that has passed (a missed meeting most likely took place then, unrecorded).
    pub fn held_on_by_default(&self, today: NaiveDate) -> NaiveDate {
        held_on_by_default(self.scheduled_on, today)
    }
}

fn held_on_by_default(scheduled_on: NaiveDate, today: NaiveDate) -> NaiveDate {
    scheduled_on.min(today)
}

/// The notes of one standing section.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct SectionNotes {
    pub section: Section,
    pub title: &'static str,
    pub prompt: &'static str,
    pub body: String,
}

/// Something agreed in a meeting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ActionItem {
    pub id: String,
    pub meeting_id: String,
    pub description: String,
    pub owner: ActionOwner,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub closed_on: Option<NaiveDate>,
    /// The plan activity it became, when converted.
    pub activity_id: Option<String>,
}

/// What a user gives to add an action item.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAction {
    pub description: String,
    pub owner: ActionOwner,
    pub due_date: Option<NaiveDate>,
}

/// A change to an open action item; `None` leaves a field as it is. `due_date:
/// Some(None)` clears the due date. Closing and reopening have their own calls.
#[derive(Debug, Clone, Default)]
pub struct ActionPatch {
    pub description: Option<String>,
    pub owner: Option<ActionOwner>,
    pub due_date: Option<Option<NaiveDate>>,
}

/// How an action item becomes a plan activity. Description and target date default to
/// the action item's own.
#[derive(Debug, Clone, Deserialize)]
pub struct Conversion {
    pub goal_id: String,
    pub phase: Phase,
    pub resource: Resource,
    pub description: Option<String>,
    pub target_date: Option<NaiveDate>,
}

code_enum!(
    /// Where a person's next development meeting stands: `scheduled` (a meeting is set for
    /// today or later, whatever the cadence says), `missed` (a meeting was set for a day
    /// that has passed and is neither recorded as held nor cancelled: it wants recording
    /// or moving), `due` (none is set and the cadence's date has not passed) or `overdue`
    /// (none is set and that date has passed).
    CadenceStatus, "cadence_status", {
        Scheduled = "scheduled", Missed = "missed", Due = "due", Overdue = "overdue"
    }
);

/// Where a person stands against their meeting cadence.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cadence {
    pub person_id: String,
    pub cadence_days: i64,
    pub last_held: Option<NaiveDate>,
    pub next_scheduled: Option<NaiveDate>,
    /// The date by which the next development meeting should be held.
    pub due_on: NaiveDate,
    pub status: CadenceStatus,
    /// Days late: since `due_on` when `overdue`, since the scheduled date when `missed`;
    /// 0 otherwise.
    pub overdue_days: i64,
}

impl Cadence {
    /// Overdue by the cadence, or missed.
    pub fn is_overdue(&self) -> bool {
        self.overdue_days > 0
    }
}

/// Changes how often a person has a development meeting.
pub fn set_cadence(db: &Db, person_id: &str, days: i64) -> Result<Person> {
    people::edit(
        db,
        person_id,
        people::PersonPatch {
            cadence_days: Some(days),
            ..Default::default()
        },
    )
}

/// Schedules a development meeting. A person has at most one scheduled meeting at a time;
/// move it with [`reschedule`].
pub fn schedule(db: &Db, person_id: &str, on: NaiveDate) -> Result<Meeting> {
    db.write(|c| schedule_in(c, person_id, on))
}

pub(crate) fn schedule_in(c: &Connection, person_id: &str, on: NaiveDate) -> Result<Meeting> {
    let person = people::get_in(c, person_id)?;
    people::refuse_archived(&person, "person", "meet")?;
    not_before_last_held(c, &person.id, "scheduled_on", on)?;
    if let Some(existing) = scheduled_of_in(c, &person.id)? {
        return Err(Error::conflict(
            "scheduled_on",
            format!(
                "{} already has a development meeting scheduled on {}; reschedule that one",
                person.name, existing.1
            ),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO meetings (id, person_id, scheduled_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'scheduled', ?4, ?4)",
        (&id, &person.id, on, timestamp()),
    )?;
    get_in(c, &id)
}

/// Moves a scheduled meeting to another date.
pub fn reschedule(db: &Db, id: &str, on: NaiveDate) -> Result<Meeting> {
    db.write(|c| {
        let m = scheduled_meeting(c, id)?;
        not_before_last_held(c, &m.person_id, "scheduled_on", on)?;
        c.execute(
            "UPDATE meetings SET scheduled_on = ?2, updated_at = ?3 WHERE id = ?1",
            (&m.id, on, timestamp()),
        )?;
        get_in(c, &m.id)
    })
}

/// Cancels a scheduled meeting; it stays in the history as cancelled. A meeting holding
/// notes or action items is refused: a cancelled meeting's are shown nowhere (neither
/// under past meetings nor on the next agenda), so it is moved to another day instead.
pub fn cancel(db: &Db, id: &str) -> Result<Meeting> {
    db.write(|c| {
        let m = scheduled_meeting(c, id)?;
        if !m.cancellable {
            return Err(Error::conflict(
                "meeting",
                format!(
                    "the meeting of {} holds notes or action items, which cancelling would hide; move it to another day instead",
                    m.scheduled_on
                ),
            ));
        }
        c.execute(
            "UPDATE meetings SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
            (&m.id, timestamp()),
        )?;
        get_in(c, &m.id)
    })
}

/// Records that a meeting took place, and optionally schedules the next one.
pub fn hold(
    db: &Db,
    id: &str,
    on: NaiveDate,
    next: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Meeting> {
    db.write(|c| hold_in(c, id, on, next, today))
}

pub(crate) fn hold_in(
    c: &Connection,
    id: &str,
    on: NaiveDate,
    next: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Meeting> {
    // One held on a later day would stand as the last held, and keep the person off
    // the overdue list, until that day came.
    validate::not_after_today(
        "held_on",
        on,
        today,
        "a meeting is recorded as held once it has taken place",
    )?;
    let m = scheduled_meeting(c, id)?;
    not_before_last_held(c, &m.person_id, "held_on", on)?;
    if let Some(n) = next {
        if n <= on {
            return Err(Error::invalid(
                "next_meeting",
                format!("next meeting {n} must be after this meeting ({on})"),
            ));
        }
    }
    c.execute(
        "UPDATE meetings SET status = 'held', held_on = ?2, updated_at = ?3 WHERE id = ?1",
        (&m.id, on, timestamp()),
    )?;
    if let Some(n) = next {
        schedule_in(c, &m.person_id, n)?;
    }
    get_in(c, &m.id)
}

/// Refuses a meeting dated before the person's last one held: meetings follow one
/// another, and one dated earlier would be listed as the latest held and count the
/// cadence from the wrong day.
fn not_before_last_held(
    c: &Connection,
    person_id: &str,
    field: &'static str,
    on: NaiveDate,
) -> Result<()> {
    let last: Option<NaiveDate> = c.query_row(
        "SELECT max(held_on) FROM meetings WHERE person_id = ?1 AND status = 'held'",
        [person_id],
        |r| r.get(0),
    )?;
    match last {
        Some(last) if on < last => Err(Error::invalid(
            field,
            format!(
                "{} {on} is before the last meeting held ({last}); meetings follow one another",
                validate::label(field)
            ),
        )),
        _ => Ok(()),
    }
}

/// Writes the notes of one section of a meeting (replacing what was there).
pub fn write_notes(db: &Db, id: &str, section: Section, body: &str) -> Result<Meeting> {
    db.write(|c| write_notes_in(c, id, section, body))
}

pub(crate) fn write_notes_in(
    c: &Connection,
    id: &str,
    section: Section,
    body: &str,
) -> Result<Meeting> {
    let m = open_for_notes(c, id)?;
    let body = validate::free_text("notes", body)?;
    c.execute(
        "INSERT INTO meeting_notes (meeting_id, section, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(meeting_id, section) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        (&m.id, section, body, timestamp()),
    )?;
    touch(c, &m.id)?;
    get_in(c, &m.id)
}

/// Adds an action item to a meeting.
pub fn add_action(db: &Db, meeting_id: &str, new: NewAction) -> Result<ActionItem> {
    db.write(|c| add_action_in(c, meeting_id, new))
}

pub(crate) fn add_action_in(
    c: &Connection,
    meeting_id: &str,
    new: NewAction,
) -> Result<ActionItem> {
    let m = open_for_notes(c, meeting_id)?;
    let description = validate::required_text("description", &new.description)?;
    let id = new_id();
    c.execute(
        "INSERT INTO action_items (id, meeting_id, description, owner, due_date, status, position,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open',
                 (SELECT coalesce(max(position), 0) + 1 FROM action_items WHERE meeting_id = ?2), ?6, ?6)",
        (&id, &m.id, &description, new.owner, new.due_date, timestamp()),
    )?;
    touch(c, &m.id)?;
    action_in(c, &id)
}

/// Changes the description, owner or due date of an open action item.
pub fn edit_action(db: &Db, id: &str, patch: ActionPatch) -> Result<ActionItem> {
    db.write(|c| edit_action_in(c, id, patch))
}

pub(crate) fn edit_action_in(c: &Connection, id: &str, patch: ActionPatch) -> Result<ActionItem> {
    let a = open_action(c, id)?;
    let description = match &patch.description {
        Some(d) => validate::required_text("description", d)?,
        None => a.description.clone(),
    };
    c.execute(
        "UPDATE action_items SET description = ?2, owner = ?3, due_date = ?4, updated_at = ?5
         WHERE id = ?1",
        (
            &a.id,
            &description,
            patch.owner.unwrap_or(a.owner),
            patch.due_date.unwrap_or(a.due_date),
            timestamp(),
        ),
    )?;
    touch(c, &a.meeting_id)?;
    action_in(c, &a.id)
}

/// Closes an open action item as done, on today at the latest.
pub fn close_action(db: &Db, id: &str, on: NaiveDate, today: NaiveDate) -> Result<ActionItem> {
    let on = validate::not_after_today(
        "closed_on",
        on,
        today,
        "an action item is closed once it is done",
    )?;
    db.write(|c| close_action_in(c, id, on))
}

pub(crate) fn close_action_in(c: &Connection, id: &str, on: NaiveDate) -> Result<ActionItem> {
    let a = open_action(c, id)?;
    c.execute(
        "UPDATE action_items SET status = 'done', closed_on = ?2, updated_at = ?3 WHERE id = ?1",
        (&a.id, on, timestamp()),
    )?;
    action_in(c, &a.id)
}

/// Opens a done action item again.
pub fn reopen_action(db: &Db, id: &str) -> Result<ActionItem> {
    db.write(|c| {
        let a = action_in(c, id)?;
        if a.status != ActionStatus::Done {
            return Err(Error::conflict(
                "action_item",
                format!("action item is {}, not done", a.status),
            ));
        }
        c.execute(
            "UPDATE action_items SET status = 'open', closed_on = NULL, updated_at = ?2 WHERE id = ?1",
            (&a.id, timestamp()),
        )?;
        action_in(c, &a.id)
    })
}

/// Turns an open action item into an activity of one of the person's goals, in one step.
/// The two stay linked: the activity knows where it came from and the item where it went.
pub fn convert_action(
    db: &Db,
    id: &str,
    conv: Conversion,
    on: NaiveDate,
) -> Result<(ActionItem, Activity)> {
    db.write(|c| convert_action_in(c, id, conv, on))
}

pub(crate) fn convert_action_in(
    c: &Connection,
    id: &str,
    conv: Conversion,
    on: NaiveDate,
) -> Result<(ActionItem, Activity)> {
    let a = open_action(c, id)?;
    let meeting = get_in(c, &a.meeting_id)?;
    let goal = plans::get_goal_in(c, &conv.goal_id)?;
    if goal.person_id != meeting.person_id {
        return Err(Error::invalid(
            "goal",
            format!(
                "the goal belongs to someone else, not to {}",
                meeting.person
            ),
        ));
    }
    let target_date = conv.target_date.or(a.due_date).ok_or_else(|| {
        Error::invalid(
            "target_date",
            "target date is required: the action item has no due date to use",
        )
    })?;
    let activity = plans::add_activity_in(
        c,
        NewActivity {
            goal_id: goal.id,
            phase: conv.phase,
            description: conv.description.unwrap_or_else(|| a.description.clone()),
            resource: conv.resource,
            target_date,
            notes: format!(
                "From the development meeting of {}",
                meeting.held_on.unwrap_or(meeting.scheduled_on)
            ),
        },
    )?;
    c.execute(
        "UPDATE action_items SET status = 'converted', activity_id = ?2, closed_on = ?3, updated_at = ?4
         WHERE id = ?1",
        (&a.id, &activity.id, on, timestamp()),
    )?;
    Ok((action_in(c, &a.id)?, activity))
}

/// The action item an activity came from, if any.
pub fn action_for_activity(db: &Db, activity_id: &str) -> Result<Option<ActionItem>> {
    db.read(|c| {
        let id: Option<String> = c
            .query_row(
                "SELECT id FROM action_items WHERE activity_id = ?1",
                [activity_id],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| action_in(c, &id)).transpose()
    })
}

/// Called when an activity is deleted: the action item it came from opens again.
pub(crate) fn detach_activity_in(c: &Connection, activity_id: &str) -> Result<()> {
    c.execute(
        "UPDATE action_items SET status = 'open', activity_id = NULL, closed_on = NULL, updated_at = ?2
         WHERE activity_id = ?1",
        (activity_id, timestamp()),
    )?;
    Ok(())
}

/// A person's meetings, newest first.
pub fn list(db: &Db, person_id: &str) -> Result<Vec<Meeting>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        list_in(c, person_id)
    })
}

pub(crate) fn list_in(c: &Connection, person_id: &str) -> Result<Vec<Meeting>> {
    let mut stmt = c.prepare(
        "SELECT id FROM meetings WHERE person_id = ?1 ORDER BY coalesce(held_on, scheduled_on) DESC, id DESC",
    )?;
    let ids = stmt
        .query_map([person_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter().map(|id| get_in(c, id)).collect()
}

/// Erases a person from meetings: their meetings, notes and action items go; where other
/// people's notes or action items name them, "former associate" stands instead.
pub(crate) fn erase_person_in(
    c: &Connection,
    person: &Person,
    tally: &mut crate::privacy::Tally,
) -> Result<()> {
    let theirs = "(SELECT id FROM meetings WHERE person_id = ?1)";
    for (table, what) in [
        ("action_items", "action_items"),
        ("meeting_notes", "meeting_notes"),
    ] {
        let n = c.execute(
            &format!("DELETE FROM {table} WHERE meeting_id IN {theirs}"),
            [&person.id],
        )?;
        tally.removed(what, n);
    }
    tally.removed(
        "meetings",
        c.execute("DELETE FROM meetings WHERE person_id = ?1", [&person.id])?,
    );
    tally.scrub(c, "meeting_notes", "meeting_id", &["body"])?;
    tally.scrub(c, "action_items", "id", &["description"])
}

/// One meeting by id.
pub fn get(db: &Db, id: &str) -> Result<Meeting> {
    db.read(|c| get_in(c, id))
}

/// Finds a meeting from its id or the end of it.
pub fn resolve(db: &Db, key: &str) -> Result<Meeting> {
    db.read(|c| get_in(c, &resolve_id(c, "meetings", "meeting", key)?))
}

/// Finds an action item from its id or the end of it.
pub fn resolve_action(db: &Db, key: &str) -> Result<ActionItem> {
    db.read(|c| action_in(c, &resolve_id(c, "action_items", "action_item", key)?))
}

/// The scheduled meeting of a person, if any.
pub fn next_scheduled(db: &Db, person_id: &str) -> Result<Option<Meeting>> {
    db.read(|c| next_scheduled_in(c, person_id))
}

/// The scheduled meeting of a person, if any.
pub(crate) fn next_scheduled_in(c: &Connection, person_id: &str) -> Result<Option<Meeting>> {
    scheduled_of_in(c, person_id)?
        .map(|(id, _)| get_in(c, &id))
        .transpose()
}

fn scheduled_of_in(c: &Connection, person_id: &str) -> Result<Option<(String, NaiveDate)>> {
    Ok(c.query_row(
        "SELECT id, scheduled_on FROM meetings WHERE person_id = ?1 AND status = 'scheduled'
         ORDER BY scheduled_on LIMIT 1",
        [person_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Meeting> {
    let mut m = c
        .query_row(
            "SELECT m.id, m.person_id, p.name, m.scheduled_on, m.status, m.held_on
             FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.id = ?1",
            [id],
            |r| {
                Ok(Meeting {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    person: r.get(2)?,
                    scheduled_on: r.get(3)?,
                    status: r.get(4)?,
                    held_on: r.get(5)?,
                    sections: Vec::new(),
                    action_items: Vec::new(),
                    cancellable: false,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("meeting", id))?;
    let mut stmt =
        c.prepare_cached("SELECT section, body FROM meeting_notes WHERE meeting_id = ?1")?;
    let bodies: HashMap<Section, String> = stmt
        .query_map([&m.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    m.sections = sections_with(&bodies);
    let mut stmt = c.prepare_cached(&format!(
        "{ACTION_SELECT} WHERE meeting_id = ?1 ORDER BY position"
    ))?;
    m.action_items = stmt
        .query_map([&m.id], action_row)?
        .collect::<rusqlite::Result<_>>()?;
    m.cancellable = m.status == MeetingStatus::Scheduled
        && m.action_items.is_empty()
        && m.sections.iter().all(|s| s.body.is_empty());
    Ok(m)
}

fn sections_with(bodies: &HashMap<Section, String>) -> Vec<SectionNotes> {
    Section::ALL
        .iter()
        .map(|&s| SectionNotes {
            section: s,
            title: s.title(),
            prompt: s.prompt(),
            body: bodies.get(&s).cloned().unwrap_or_default(),
        })
        .collect()
}

const ACTION_SELECT: &str =
    "SELECT id, meeting_id, description, owner, due_date, status, closed_on, activity_id
    FROM action_items";

fn action_row(r: &Row) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        description: r.get(2)?,
        owner: r.get(3)?,
        due_date: r.get(4)?,
        status: r.get(5)?,
        closed_on: r.get(6)?,
        activity_id: r.get(7)?,
    })
}

pub(crate) fn action_in(c: &Connection, id: &str) -> Result<ActionItem> {
    c.query_row(&format!("{ACTION_SELECT} WHERE id = ?1"), [id], action_row)
        .optional()?
        .ok_or_else(|| Error::not_found("action_item", id))
}

fn open_action(c: &Connection, id: &str) -> Result<ActionItem> {
    let a = action_in(c, id)?;
    if a.status != ActionStatus::Open {
        return Err(Error::conflict(
            "action_item",
            format!("action item '{}' is already {}", a.description, a.status),
        ));
    }
    Ok(a)
}

fn scheduled_meeting(c: &Connection, id: &str) -> Result<Meeting> {
    let m = get_in(c, id)?;
    if m.status != MeetingStatus::Scheduled {
        return Err(Error::conflict(
            "meeting",
            format!(
                "the meeting of {} is {}, not scheduled",
                m.scheduled_on, m.status
            ),
        ));
    }
    Ok(m)
}

fn open_for_notes(c: &Connection, id: &str) -> Result<Meeting> {
    let m = get_in(c, id)?;
    if m.status == MeetingStatus::Cancelled {
        return Err(Error::conflict(
            "meeting",
            "the meeting was cancelled; notes go on a held or scheduled meeting",
        ));
    }
    Ok(m)
}

fn touch(c: &Connection, id: &str) -> Result<()> {
    c.execute(
        "UPDATE meetings SET updated_at = ?2 WHERE id = ?1",
        (id, timestamp()),
    )?;
    Ok(())
}

/// Where each person stands against their cadence. The next meeting is due one cadence
/// after the last one held; before any is held, one cadence after the person started or
/// was added to Ladder, whichever is later: meetings before they were added are not in
/// Ladder to count, so someone who started years ago is not years overdue the day they
/// are added. A meeting scheduled for today or later means the person is `scheduled`, not
/// overdue, even when it falls after the due date; one whose date has passed without it
/// being held or cancelled is `missed`, late from that date, even before the due date:
/// the meeting that was agreed has not been recorded.
pub fn cadence(db: &Db, person_ids: &[String], today: NaiveDate) -> Result<Vec<Cadence>> {
    db.read(|c| cadence_in(c, person_ids, today))
}

pub(crate) fn cadence_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<Vec<Cadence>> {
    // The last held and next scheduled meetings are kept per person (`meeting_dates`).
    let mut stmt = c.prepare(
        "SELECT p.id, p.cadence_days, p.start_date, substr(p.created_at, 1, 10),
            d.last_held, d.next_scheduled
         FROM people p LEFT JOIN meeting_dates d ON d.person_id = p.id
         WHERE p.id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt.query_map([crate::id_list(person_ids)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            MeetingFacts {
                cadence_days: r.get(1)?,
                start_date: r.get(2)?,
                added: r.get(3)?,
                last_held: r.get(4)?,
                next_scheduled: r.get(5)?,
            },
        ))
    })?;
    rows.map(|row| {
        let (person_id, facts) = row?;
        Ok(facts.cadence(person_id, today))
    })
    .collect()
}

/// What a person's meeting cadence is worked out from (see [`cadence`]).
pub(crate) struct MeetingFacts {
    pub cadence_days: i64,
    pub start_date: Option<NaiveDate>,
    /// The day they were added to Ladder.
    pub added: NaiveDate,
    pub last_held: Option<NaiveDate>,
    pub next_scheduled: Option<NaiveDate>,
}

impl MeetingFacts {
    pub(crate) fn cadence(&self, person_id: String, today: NaiveDate) -> Cadence {
        // `added` is the clock's (UTC) day of the record; no one was added after today,
        // whatever the clock says (a date given on the command line, or an evening west
        // of UTC, when the UTC day is already tomorrow).
        let added = self.added.min(today);
        let joined = self.start_date.map_or(added, |on| on.max(added));
        let base = self.last_held.unwrap_or(joined);
        let due_on = base + Duration::days(self.cadence_days);
        let (status, overdue_days) = match self.next_scheduled {
            Some(on) if on >= today => (CadenceStatus::Scheduled, 0),
            Some(on) => (CadenceStatus::Missed, (today - on).num_days()),
            None => match (today - due_on).num_days() {
                n if n > 0 => (CadenceStatus::Overdue, n),
                _ => (CadenceStatus::Due, 0),
            },
        };
        Cadence {
            person_id,
            cadence_days: self.cadence_days,
            last_held: self.last_held,
            next_scheduled: self.next_scheduled,
            due_on,
            status,
            overdue_days,
        }
    }
}

/// A prepared development-meeting agenda.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    pub person_id: String,
    pub person: String,
    pub manager: Option<String>,
    pub prepared_on: NaiveDate,
    /// The scheduled meeting being prepared for, if one is scheduled.
    pub meeting_id: Option<String>,
    pub meeting_on: Option<NaiveDate>,
    /// The day offered for recording the scheduled meeting as held
    /// ([`Meeting::held_on_by_default`]).
    pub held_on_default: Option<NaiveDate>,
    pub cadence: Cadence,
    pub previous_meeting_on: Option<NaiveDate>,
    pub open_goals: Vec<AgendaGoal>,
    pub overdue_activities: Vec<AgendaActivity>,
    /// Ratings since the previous meeting (or the last 90 days), newest first.
    pub recent_ratings: Vec<Rating>,
    /// Action items from earlier meetings that are still open.
    pub open_action_items: Vec<ActionItem>,
    /// Plan warnings for this person.
    pub findings: Vec<Finding>,
    /// The four standing sections, with any notes already written for this meeting.
    pub sections: Vec<SectionNotes>,
    /// The person's ADKAR barriers in active changes, for the manager to work on.
    pub change_barriers: Vec<crate::change::ChangeBarrier>,
    /// Every active change the person is a stakeholder in, with their latest scores and
    /// barrier (none, or not assessed yet, included).
    pub changes: Vec<crate::change::PersonChange>,
}

/// An open goal on the agenda with its next activities.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct AgendaGoal {
    pub goal_id: String,
    pub competency: String,
    pub outcome: String,
    pub done: usize,
    pub total: usize,
    /// Up to three activities not yet done, soonest first.
    pub next_activities: Vec<Activity>,
}

/// An activity on the agenda with the goal it belongs to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct AgendaActivity {
    pub goal_id: String,
    pub outcome: String,
    pub activity: Activity,
}

/// How many upcoming activities per goal an agenda shows.
const NEXT_ACTIVITIES: usize = 3;
/// How far back an agenda looks for ratings when there was no previous meeting.
const RATINGS_LOOKBACK_DAYS: i64 = 90;

/// Prepares the agenda of a person's next development meeting.
pub fn prepare(db: &Db, person_id: &str, today: NaiveDate) -> Result<Agenda> {
    db.read(|c| prepare_in(c, person_id, today))
}

pub(crate) fn prepare_in(c: &Connection, person_id: &str, today: NaiveDate) -> Result<Agenda> {
    let person = people::get_in(c, person_id)?;
    let ids = [person.id.clone()];
    let goals = plans::goals_of_in(c, &ids, true)?;
    let mut overdue = Vec::new();
    let mut open_goals = Vec::new();
    for g in &goals {
        let mut pending: Vec<&Activity> = g
            .activities
            .iter()
            .filter(|a| a.completed_on.is_none())
            .collect();
        pending.sort_by_key(|a| (a.target_date, a.phase));
        overdue.extend(
            pending
                .iter()
                .filter(|a| a.is_overdue(today))
                .map(|a| AgendaActivity {
                    goal_id: g.id.clone(),
                    outcome: g.outcome.clone(),
                    activity: (*a).clone(),
                }),
        );
        open_goals.push(AgendaGoal {
            goal_id: g.id.clone(),
            competency: g.competency.clone(),
            outcome: g.outcome.clone(),
            done: g.activities.len() - pending.len(),
            total: g.activities.len(),
            next_activities: pending.into_iter().take(NEXT_ACTIVITIES).cloned().collect(),
        });
    }
    overdue.sort_by_key(|a| a.activity.target_date);

    let cadence = cadence_in(c, &ids, today)?.remove(0);
    let ratings_from = match cadence.last_held {
        Some(d) => d + Duration::days(1),
        None => today - Duration::days(RATINGS_LOOKBACK_DAYS),
    };
    let scheduled = scheduled_of_in(c, &person.id)?;
    let sections = match &scheduled {
        Some((id, _)) => get_in(c, id)?.sections,
        None => sections_with(&HashMap::default()),
    };
    let open_action_items = open_action_items_in(c, &person.id)?;
    Ok(Agenda {
        person_id: person.id.clone(),
        person: person.name.clone(),
        manager: person.manager_name.clone(),
        prepared_on: today,
        meeting_id: scheduled.as_ref().map(|s| s.0.clone()),
        meeting_on: scheduled.as_ref().map(|s| s.1),
        held_on_default: scheduled.map(|s| held_on_by_default(s.1, today)),
        previous_meeting_on: cadence.last_held,
        recent_ratings: competencies::since_in(c, &person.id, ratings_from)?,
        findings: checks::run_in(c, &ids, today)?,
        change_barriers: crate::change::barriers_of_in(c, &person.id)?,
        changes: crate::change::active_changes_of_in(c, &person.id)?,
        cadence,
        open_goals,
        overdue_activities: overdue,
        open_action_items,
        sections,
    })
}

/// The action items of a person's held meetings that are still open, soonest due first:
/// what an agenda brings back.
pub(crate) fn open_action_items_in(c: &Connection, person_id: &str) -> Result<Vec<ActionItem>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ACTION_SELECT} WHERE status = 'open' AND meeting_id IN
                (SELECT id FROM meetings WHERE person_id = ?1 AND status = 'held')
             ORDER BY due_date IS NULL, due_date, position"
    ))?;
    let items = stmt
        .query_map([person_id], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::NewPerson;
    use crate::plans::{NewGoal, ResourceKind};

    fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    fn setup() -> (Db, Person) {
        let db = Db::open_in_memory().unwrap();
        let boss = people::add(
            &db,
            NewPerson {
                name: "Boss".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let p = people::add(
            &db,
            NewPerson {
                name: "Ana".into(),
                manager_id: Some(boss.id),
                start_date: Some(date("2026-01-05")),
                ..Default::default()
            },
        )
        .unwrap();
        db.write(|c| people::backdate_in(c, &p.id, date("2026-01-05")))
            .unwrap();
        (db, p)
    }

    #[test]
    fn cadence_counts_from_the_last_meeting_held() {
        let (db, p) = setup();
        let ids = [p.id.clone()];
        // Never met: due one cadence after the start date.
        let c = cadence(&db, &ids, date("2026-02-02")).unwrap().remove(0);
        assert_eq!(c.due_on, date("2026-02-02"));
        assert!(!c.is_overdue());
        assert_eq!(
            cadence(&db, &ids, date("2026-02-03")).unwrap()[0].overdue_days,
            1
        );

        let m = schedule(&db, &p.id, date("2026-03-01")).unwrap();
        hold(
            &db,
            &m.id,
            date("2026-03-02"),
            Some(date("2026-03-30")),
            date("2026-03-02"),
        )
        .unwrap();
        let c = cadence(&db, &ids, date("2026-03-30")).unwrap().remove(0);
        assert_eq!(
            (c.last_held, c.next_scheduled),
            (Some(date("2026-03-02")), Some(date("2026-03-30")))
        );
        assert_eq!(c.due_on, date("2026-03-30"));
        assert!(!c.is_overdue());
        assert_eq!(c.status, CadenceStatus::Scheduled);
        // Held without setting the next one: due two weeks after, then overdue.
        let next = next_scheduled(&db, &p.id).unwrap().unwrap();
        hold(&db, &next.id, date("2026-03-30"), None, date("2026-03-30")).unwrap();
        set_cadence(&db, &p.id, 14).unwrap();
        let c = cadence(&db, &ids, date("2026-04-13")).unwrap().remove(0);
        assert_eq!((c.status, c.overdue_days), (CadenceStatus::Due, 0));
        let c = cadence(&db, &ids, date("2026-04-27")).unwrap().remove(0);
        assert_eq!((c.status, c.overdue_days), (CadenceStatus::Overdue, 14));
    }

    #[test]
    fn before_any_meeting_the_cadence_counts_from_when_the_person_was_added() {
        let (db, p) = setup();
        let ids = [p.id.clone()];
        // Started on 5 January 2026 but only added to Ladder on 1 June: none of their
        // meetings before that are here to count, so the first is due four weeks after.
        db.write(|c| people::backdate_in(c, &p.id, date("2026-06-01")))
            .unwrap();
        let c = cadence(&db, &ids, date("2026-06-10")).unwrap().remove(0);
        assert_eq!(
            (c.due_on, c.status),
            (date("2026-06-29"), CadenceStatus::Due)
        );
        // Added before their first day: due four weeks after they start.
        db.write(|c| people::backdate_in(c, &p.id, date("2025-12-01")))
            .unwrap();
        let c = cadence(&db, &ids, date("2026-01-10")).unwrap().remove(0);
        assert_eq!(c.due_on, date("2026-02-02"));
        // Stamped by a clock ahead of today: added today at the latest.
        db.write(|c| people::backdate_in(c, &p.id, date("2026-12-07")))
            .unwrap();
        let c = cadence(&db, &ids, date("2026-11-23")).unwrap().remove(0);
        assert_eq!(c.due_on, date("2026-12-21"));
    }

    #[test]
    fn no_meeting_is_dated_before_the_last_one_held() {
        let (db, p) = setup();
        let m = schedule(&db, &p.id, date("2026-02-20")).unwrap();
        hold(&db, &m.id, date("2026-02-20"), None, date("2026-03-01")).unwrap();
        let err = schedule(&db, &p.id, date("2026-02-10")).unwrap_err();
        assert_eq!(err.field(), Some("scheduled_on"));
        assert_eq!(
            err.to_string(),
            "scheduled on 2026-02-10 is before the last meeting held (2026-02-20); meetings follow one another"
        );
        let next = schedule(&db, &p.id, date("2026-03-20")).unwrap();
        let err = reschedule(&db, &next.id, date("2026-02-19")).unwrap_err();
        assert_eq!(err.field(), Some("scheduled_on"));
        let err = hold(&db, &next.id, date("2026-02-19"), None, date("2026-03-01")).unwrap_err();
        assert_eq!(err.field(), Some("held_on"));
        assert_eq!(get(&db, &next.id).unwrap().scheduled_on, date("2026-03-20"));
        // The same day as the last is not before it.
        hold(&db, &next.id, date("2026-02-20"), None, date("2026-03-01")).unwrap();
    }

    #[test]
    fn a_meeting_holding_notes_or_action_items_is_moved_not_cancelled() {
        let (db, p) = setup();
        let m = schedule(&db, &p.id, date("2026-02-20")).unwrap();
        assert!(m.cancellable);
        let m = write_notes(&db, &m.id, Section::CareerGoals, "Wants to lead").unwrap();
        assert!(!m.cancellable);
        let err = cancel(&db, &m.id).unwrap_err();
        assert!(err.to_string().contains("move it to another day"), "{err}");
        assert_eq!(get(&db, &m.id).unwrap().status, MeetingStatus::Scheduled);
        let moved = reschedule(&db, &m.id, date("2026-03-02")).unwrap();
        assert_eq!(moved.scheduled_on, date("2026-03-02"));
        // Emptied again, it can be cancelled, and is then not cancellable.
        let m = write_notes(&db, &m.id, Section::CareerGoals, "").unwrap();
        assert!(m.cancellable);
        let cancelled = cancel(&db, &m.id).unwrap();
        assert_eq!(cancelled.status, MeetingStatus::Cancelled);
        assert!(!cancelled.cancellable);
        // An action item alone holds the next one.
        let next = schedule(&db, &p.id, date("2026-03-20")).unwrap();
        let new = NewAction {
            description: "Book the course".into(),
            owner: ActionOwner::Associate,
            due_date: None,
        };
        add_action(&db, &next.id, new).unwrap();
        assert!(!get(&db, &next.id).unwrap().cancellable);
        assert!(cancel(&db, &next.id).is_err());
    }

    #[test]
    fn a_meeting_whose_day_passed_unrecorded_is_missed_before_the_cadence_is_due() {
        let (db, p) = setup();
        let ids = [p.id.clone()];
        // Due on 2 February; set for 20 January, and that day passed with nothing recorded.
        let m = schedule(&db, &p.id, date("2026-01-20")).unwrap();
        let c = cadence(&db, &ids, date("2026-01-23")).unwrap().remove(0);
        assert_eq!(
            (c.status, c.overdue_days, c.due_on),
            (CadenceStatus::Missed, 3, date("2026-02-02"))
        );
        let findings = checks::run(&db, &ids, date("2026-01-23")).unwrap();
        let f = findings
            .iter()
            .find(|f| f.code == checks::FindingCode::MeetingOverdue)
            .expect("a missed meeting is a meeting finding");
        assert!(
            f.message.contains("set for 20 Jan 2026") && f.message.contains("not recorded"),
            "{}",
            f.message
        );
        // Recorded as held on its day: nothing is missed, the cadence counts from it.
        hold(&db, &m.id, date("2026-01-20"), None, date("2026-01-23")).unwrap();
        let c = cadence(&db, &ids, date("2026-01-23")).unwrap().remove(0);
        assert_eq!(
            (c.status, c.due_on),
            (CadenceStatus::Due, date("2026-02-17"))
        );
        // Set again, missed, then cancelled: due by the cadence again.
        let m = schedule(&db, &p.id, date("2026-01-30")).unwrap();
        assert_eq!(
            cadence(&db, &ids, date("2026-02-02")).unwrap()[0].status,
            CadenceStatus::Missed
        );
        cancel(&db, &m.id).unwrap();
        assert_eq!(
            cadence(&db, &ids, date("2026-02-02")).unwrap()[0].status,
            CadenceStatus::Due
        );
    }

    #[test]
    fn a_meeting_already_scheduled_is_not_overdue() {
        let (db, p) = setup();
        let ids = [p.id.clone()];
        // Due on 2 February (four weeks after the start date); set for 20 February.
        let m = schedule(&db, &p.id, date("2026-02-20")).unwrap();
        let c = cadence(&db, &ids, date("2026-02-10")).unwrap().remove(0);
        assert_eq!(c.due_on, date("2026-02-02"));
        assert_eq!(
            (c.status, c.overdue_days, c.next_scheduled),
            (CadenceStatus::Scheduled, 0, Some(date("2026-02-20")))
        );
        assert!(!c.is_overdue());
        // On the day itself it is still scheduled.
        let c = cadence(&db, &ids, date("2026-02-20")).unwrap().remove(0);
        assert_eq!(c.status, CadenceStatus::Scheduled);
        // The day passes without the meeting being held: missed since the scheduled date.
        let c = cadence(&db, &ids, date("2026-02-23")).unwrap().remove(0);
        assert_eq!((c.status, c.overdue_days), (CadenceStatus::Missed, 3));
        // Moved to later: scheduled again, and the plan checks agree.
        reschedule(&db, &m.id, date("2026-03-02")).unwrap();
        let c = cadence(&db, &ids, date("2026-02-23")).unwrap().remove(0);
        assert_eq!(c.status, CadenceStatus::Scheduled);
        let findings = checks::run(&db, &ids, date("2026-02-23")).unwrap();
        assert!(!findings
            .iter()
            .any(|f| f.code == checks::FindingCode::MeetingOverdue));
    }

    #[test]
    fn one_scheduled_meeting_at_a_time_and_next_after_this_one() {
        let (db, p) = setup();
        let m = schedule(&db, &p.id, date("2026-03-01")).unwrap();
        assert_eq!(
            schedule(&db, &p.id, date("2026-03-08")).unwrap_err().code(),
            "conflict"
        );
        let err = hold(
            &db,
            &m.id,
            date("2026-03-01"),
            Some(date("2026-02-01")),
            date("2026-03-01"),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("next_meeting"));
        assert_eq!(get(&db, &m.id).unwrap().status, MeetingStatus::Scheduled);
    }

    #[test]
    fn a_meeting_is_held_today_at_the_latest() {
        let (db, p) = setup();
        let m = schedule(&db, &p.id, date("2026-03-01")).unwrap();
        // 2062 typed for 2026: it would stand as the last held, and keep the person off
        // the overdue list, for decades.
        let err = hold(&db, &m.id, date("2062-03-01"), None, date("2026-03-01")).unwrap_err();
        assert_eq!(err.field(), Some("held_on"), "{err}");
        assert_eq!(
            err.to_string(),
            "held on 2062-03-01 is after today (2026-03-01); a meeting is recorded as held once it has taken place"
        );
        assert_eq!(get(&db, &m.id).unwrap().status, MeetingStatus::Scheduled);
        let held = hold(&db, &m.id, date("2026-02-27"), None, date("2026-03-01")).unwrap();
        assert_eq!(held.held_on, Some(date("2026-02-27")));
    }

    #[test]
    fn an_open_action_item_can_be_edited_and_a_closed_one_cannot() {
        let (db, p) = setup();
        let m = schedule(&db, &p.id, date("2026-03-01")).unwrap();
        let item = add_action(
            &db,
            &m.id,
            NewAction {
                description: "Shadow the sales lead".into(),
                owner: ActionOwner::Associate,
                due_date: Some(date("2026-04-01")),
            },
        )
        .unwrap();
        let edited = edit_action(
            &db,
            &item.id,
            ActionPatch {
                owner: Some(ActionOwner::Manager),
                due_date: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (edited.description.as_str(), edited.owner, edited.due_date),
            ("Shadow the sales lead", ActionOwner::Manager, None)
        );
        let err = edit_action(
            &db,
            &item.id,
            ActionPatch {
                description: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("description"));
        // Closed tomorrow would be a promise, not a record: refused, the item still open.
        let err = close_action(&db, &item.id, date("2026-03-03"), date("2026-03-02")).unwrap_err();
        assert_eq!(err.field(), Some("closed_on"));
        assert_eq!(
            resolve_action(&db, &item.id).unwrap().status,
            ActionStatus::Open
        );
        close_action(&db, &item.id, date("2026-03-02"), date("2026-03-02")).unwrap();
        let err = edit_action(
            &db,
            &item.id,
            ActionPatch {
                description: Some("Shadow the sales director".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            resolve_action(&db, &item.id).unwrap().description,
            "Shadow the sales lead"
        );
    }

    #[test]
    fn an_action_item_becomes_an_activity_once() {
        let (db, p) = setup();
        let k = competencies::resolve(&db, "Teamwork").unwrap();
        let goal = plans::add_goal(
            &db,
            NewGoal {
                person_id: p.id.clone(),
                competency_id: k.id,
                outcome: "Work across functions".into(),
            },
        )
        .unwrap();
        let m = schedule(&db, &p.id, date("2026-03-01")).unwrap();
        hold(&db, &m.id, date("2026-03-01"), None, date("2026-03-01")).unwrap();
        let item = add_action(
            &db,
            &m.id,
            NewAction {
                description: "Join the pricing guild".into(),
                owner: ActionOwner::Associate,
                due_date: Some(date("2026-04-01")),
            },
        )
        .unwrap();
        let conv = || Conversion {
            goal_id: goal.id.clone(),
            phase: Phase::Practice,
            resource: Resource::named(ResourceKind::Event, "Pricing guild"),
            description: None,
            target_date: None,
        };
        let (item2, activity) = convert_action(&db, &item.id, conv(), date("2026-03-02")).unwrap();
        assert_eq!(item2.status, ActionStatus::Converted);
        assert_eq!(item2.activity_id.as_deref(), Some(activity.id.as_str()));
        assert_eq!(
            (activity.description.as_str(), activity.target_date),
            ("Join the pricing guild", date("2026-04-01"))
        );
        assert_eq!(
            action_for_activity(&db, &activity.id).unwrap().unwrap().id,
            item.id
        );
        assert_eq!(
            convert_action(&db, &item.id, conv(), date("2026-03-02"))
                .unwrap_err()
                .code(),
            "conflict"
        );
        assert_eq!(plans::get_goal(&db, &goal.id).unwrap().activities.len(), 1);

        // Deleting the activity gives the item back to the meeting.
        plans::delete_activity(&db, &activity.id).unwrap();
        assert_eq!(
            resolve_action(&db, &item.id).unwrap().status,
            ActionStatus::Open
        );
    }

    #[test]
    fn the_agenda_pulls_in_what_to_discuss() {
        let (db, p) = setup();
        let k = competencies::resolve(&db, "Teamwork").unwrap();
        let goal = plans::add_goal(
            &db,
            NewGoal {
                person_id: p.id.clone(),
                competency_id: k.id.clone(),
                outcome: "Work across functions".into(),
            },
        )
        .unwrap();
        for (phase, due) in [
            (Phase::Learn, "2026-02-01"),
            (Phase::Practice, "2026-05-01"),
        ] {
            plans::add_activity(
                &db,
                NewActivity {
                    goal_id: goal.id.clone(),
                    phase,
                    description: format!("{phase} step"),
                    resource: Resource::named(ResourceKind::Material, "Guide"),
                    target_date: date(due),
                    notes: String::new(),
                },
            )
            .unwrap();
        }
        let m = schedule(&db, &p.id, date("2026-02-10")).unwrap();
        hold(
            &db,
            &m.id,
            date("2026-02-10"),
            Some(date("2026-03-10")),
            date("2026-02-10"),
        )
        .unwrap();
        add_action(
            &db,
            &m.id,
            NewAction {
                description: "Shadow the sales lead".into(),
                owner: ActionOwner::Associate,
                due_date: None,
            },
        )
        .unwrap();
        for (on, score) in [("2026-02-01", 2), ("2026-03-01", 3)] {
            competencies::rate(
                &db,
                competencies::NewRating {
                    person_id: p.id.clone(),
                    competency_id: k.id.clone(),
                    level: competencies::Level::Current,
                    rater: competencies::Rater::Manager,
                    rater_name: None,
                    score,
                    rated_on: date(on),
                    evidence: String::new(),
                },
                date(on),
            )
            .unwrap();
        }
        let next = next_scheduled(&db, &p.id).unwrap().unwrap();
        write_notes(&db, &next.id, Section::CareerGoals, "Wants to lead a team").unwrap();

        let a = prepare(&db, &p.id, date("2026-03-05")).unwrap();
        assert_eq!(a.meeting_on, Some(date("2026-03-10")));
        assert_eq!(a.held_on_default, Some(date("2026-03-05")));
        assert_eq!(
            prepare(&db, &p.id, date("2026-03-12"))
                .unwrap()
                .held_on_default,
            Some(date("2026-03-10")),
            "a meeting whose day has passed is offered as held on that day"
        );
        assert_eq!(a.previous_meeting_on, Some(date("2026-02-10")));
        assert_eq!(a.open_goals.len(), 1);
        assert_eq!(a.open_goals[0].next_activities.len(), 2);
        assert_eq!(a.overdue_activities.len(), 1);
        assert_eq!(a.overdue_activities[0].activity.phase, Phase::Learn);
        // Only the rating made since the previous meeting.
        assert_eq!(
            a.recent_ratings.iter().map(|r| r.score).collect::<Vec<_>>(),
            [3]
        );
        assert_eq!(a.open_action_items.len(), 1);
        assert_eq!(a.sections.len(), 4);
        assert_eq!(a.sections[0].body, "Wants to lead a team");
        assert!(a
            .findings
            .iter()
            .any(|f| f.code == checks::FindingCode::MissingPhase));
    }
}
