//! The phase plan of a change: actions per ADKAR element, each with an owner, a due date
//! and a status; the starter actions of the domain (`data/adkar_starters.json`), added on
//! request and never twice; and, for Desire, the influential associates consulted early
//! with their concerns, questions and the reactions they expect.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::adkar::Element;
use super::{active_person, register};
use crate::codes::code_enum;
use crate::{new_id, resolve_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// Where an action of the phase plan stands.
    // A meeting's action items have an `ActionStatus` of their own in the UI.
    #[cfg_attr(feature = "ts", ts(rename = "ChangeActionStatus"))]
    ActionStatus, "status", {
        Planned = "planned",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
);

/// One action of the phase plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeAction {
    pub id: String,
    pub change_id: String,
    pub element: Element,
    pub description: String,
    pub owner_id: String,
    pub owner: String,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    /// The key of the starter action it came from, if any.
    pub starter: Option<String>,
    /// 1-based place within its element.
    pub position: i64,
}

/// What a user gives to add an action. The owner defaults to the change's owner.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct NewChangeAction {
    pub change_id: String,
    pub element: Element,
    pub description: String,
    pub owner_id: Option<String>,
    pub due_date: Option<NaiveDate>,
}

/// A change to an action; `None` leaves a field as it is, `due_date: Some(None)` clears it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChangeActionPatch {
    pub element: Option<Element>,
    pub description: Option<String>,
    pub owner_id: Option<String>,
    pub due_date: Option<Option<NaiveDate>>,
    pub status: Option<ActionStatus>,
}

/// An influential associate consulted for Desire.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Influencer {
    pub id: String,
    pub change_id: String,
    pub person_id: String,
    pub person: String,
    pub concerns: String,
    pub questions: String,
    /// The reactions they expect from everyone else.
    pub expected_reactions: String,
}

/// What a user gives to record an influential associate.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct NewInfluencer {
    pub change_id: String,
    pub person_id: String,
    #[serde(default)]
    pub concerns: String,
    #[serde(default)]
    pub questions: String,
    #[serde(default)]
    pub expected_reactions: String,
}

/// A change to what an influential associate said; `None` leaves a field as it is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InfluencerPatch {
    pub concerns: Option<String>,
    pub questions: Option<String>,
    pub expected_reactions: Option<String>,
}

/// The phase plan of a change.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct PhasePlan {
    pub change_id: String,
    pub change: String,
    /// In A-D-K-A-R order, then by place within the element.
    pub actions: Vec<ChangeAction>,
    pub influencers: Vec<Influencer>,
}

/// A starter action of the domain, shipped as `data/adkar_starters.json`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Starter {
    /// Stable key stored on the action it becomes, so it is never added twice.
    pub key: String,
    pub element: Element,
    pub description: String,
}

const STARTERS: &str = include_str!("../../data/adkar_starters.json");

/// The starter actions, in A-D-K-A-R order.
pub fn starters() -> Result<Vec<Starter>> {
    serde_json::from_str(STARTERS).map_err(|e| Error::Io {
        context: "reading the ADKAR starter actions".into(),
        source: std::io::Error::other(e),
    })
}

/// The phase plan of a change.
pub fn phase_plan(db: &Db, change_id: &str) -> Result<PhasePlan> {
    db.read(|c| phase_plan_in(c, change_id))
}

pub(crate) fn phase_plan_in(c: &Connection, change_id: &str) -> Result<PhasePlan> {
    let ch = register::get_in(c, change_id)?;
    Ok(PhasePlan {
        actions: actions_of_in(c, &ch.id)?,
        influencers: influencers_of_in(c, &ch.id)?,
        change_id: ch.id,
        change: ch.name,
    })
}

/// Adds an action at the end of its element.
pub fn add_action(db: &Db, new: NewChangeAction) -> Result<ChangeAction> {
    db.write(|c| add_action_in(c, new))
}

pub(crate) fn add_action_in(c: &Connection, new: NewChangeAction) -> Result<ChangeAction> {
    insert_action_in(c, new, None)
}

/// Adds an action, remembering the starter it came from.
fn insert_action_in(
    c: &Connection,
    new: NewChangeAction,
    starter: Option<&str>,
) -> Result<ChangeAction> {
    let description = validate::required_text("description", &new.description)?;
    let ch = register::get_in(c, &new.change_id)?;
    let owner = match &new.owner_id {
        Some(o) => active_person(c, o, "owner")?.id,
        None => ch.owner_id.clone(),
    };
    let id = new_id();
    c.execute(
        "INSERT INTO change_actions (id, change_id, element, description, owner_id, due_date,
            status, starter, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7,
            (SELECT coalesce(max(position), 0) + 1 FROM change_actions
             WHERE change_id = ?2 AND element = ?3),
            ?8, ?8)",
        rusqlite::params![
            id,
            ch.id,
            new.element,
            description,
            owner,
            new.due_date,
            starter,
            timestamp()
        ],
    )?;
    action_in(c, &id)
}

/// Adds the starter actions the plan does not have yet, owned by the change's owner with
/// no due date, and returns those added. A starter once added (even if since edited or
/// dropped) is never added again.
pub fn suggest(db: &Db, change_id: &str) -> Result<Vec<ChangeAction>> {
    db.write(|c| suggest_in(c, change_id))
}

pub(crate) fn suggest_in(c: &Connection, change_id: &str) -> Result<Vec<ChangeAction>> {
    let ch = register::get_in(c, change_id)?;
    let mut added = Vec::new();
    for s in starters()? {
        let present: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM change_actions WHERE change_id = ?1 AND starter = ?2)",
            (&ch.id, &s.key),
            |r| r.get(0),
        )?;
        if present {
            continue;
        }
        let new = NewChangeAction {
            change_id: ch.id.clone(),
            element: s.element,
            description: s.description,
            owner_id: None,
            due_date: None,
        };
        added.push(insert_action_in(c, new, Some(&s.key))?);
    }
    Ok(added)
}

/// Edits an action. A new element moves it to the end of that element.
pub fn edit_action(db: &Db, id: &str, patch: ChangeActionPatch) -> Result<ChangeAction> {
    db.write(|c| edit_action_in(c, id, patch))
}

pub(crate) fn edit_action_in(
    c: &Connection,
    id: &str,
    patch: ChangeActionPatch,
) -> Result<ChangeAction> {
    let a = action_in(c, id)?;
    let description = match &patch.description {
        Some(d) => validate::required_text("description", d)?,
        None => a.description.clone(),
    };
    let owner = match &patch.owner_id {
        Some(o) => active_person(c, o, "owner")?.id,
        None => a.owner_id.clone(),
    };
    let element = patch.element.unwrap_or(a.element);
    c.execute(
        "UPDATE change_actions SET description = ?2, owner_id = ?3, due_date = ?4, status = ?5,
            element = ?6,
            position = CASE WHEN element = ?6 THEN position ELSE
                (SELECT coalesce(max(position), 0) + 1 FROM change_actions
                 WHERE change_id = ?7 AND element = ?6) END,
            updated_at = ?8
         WHERE id = ?1",
        rusqlite::params![
            a.id,
            description,
            owner,
            patch.due_date.unwrap_or(a.due_date),
            patch.status.unwrap_or(a.status),
            element,
            a.change_id,
            timestamp()
        ],
    )?;
    action_in(c, &a.id)
}

/// Finds an action from its id or the end of it.
pub fn resolve_action(db: &Db, key: &str) -> Result<ChangeAction> {
    db.read(|c| action_in(c, &resolve_id(c, "change_actions", "action", key)?))
}

const ACTION_SELECT: &str = "SELECT a.id, a.change_id, a.element, a.description, a.owner_id,
        p.name, a.due_date, a.status, a.starter, a.position
    FROM change_actions a JOIN people p ON p.id = a.owner_id";

fn action_row(r: &Row) -> rusqlite::Result<ChangeAction> {
    Ok(ChangeAction {
        id: r.get(0)?,
        change_id: r.get(1)?,
        element: r.get(2)?,
        description: r.get(3)?,
        owner_id: r.get(4)?,
        owner: r.get(5)?,
        due_date: r.get(6)?,
        status: r.get(7)?,
        starter: r.get(8)?,
        position: r.get(9)?,
    })
}

fn action_in(c: &Connection, id: &str) -> Result<ChangeAction> {
    c.query_row(
        &format!("{ACTION_SELECT} WHERE a.id = ?1"),
        [id],
        action_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("action", id))
}

/// The actions of a change in A-D-K-A-R order.
fn actions_of_in(c: &Connection, change_id: &str) -> Result<Vec<ChangeAction>> {
    let mut stmt = c.prepare(&format!(
        "{ACTION_SELECT} WHERE a.change_id = ?1 ORDER BY a.position, a.id"
    ))?;
    let mut v = stmt
        .query_map([change_id], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Stable sort: element order from the model, not from the codes' alphabet.
    v.sort_by_key(|a| a.element.index());
    Ok(v)
}

/// Records an influential associate consulted for Desire. The domain asks for two to
/// four; more or fewer is a check finding, not a refusal, because the list is built up
/// one conversation at a time.
pub fn add_influencer(db: &Db, new: NewInfluencer) -> Result<Influencer> {
    db.write(|c| add_influencer_in(c, new))
}

pub(crate) fn add_influencer_in(c: &Connection, new: NewInfluencer) -> Result<Influencer> {
    let ch = register::get_in(c, &new.change_id)?;
    let p = active_person(c, &new.person_id, "influencer")?;
    let already: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM change_influencers WHERE change_id = ?1 AND person_id = ?2)",
        (&ch.id, &p.id),
        |r| r.get(0),
    )?;
    if already {
        return Err(Error::conflict(
            "influencer",
            format!("{} is already consulted for {}", p.name, ch.name),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO change_influencers (id, change_id, person_id, concerns, questions,
            expected_reactions, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![
            id,
            ch.id,
            p.id,
            validate::free_text("concerns", &new.concerns)?,
            validate::free_text("questions", &new.questions)?,
            validate::free_text("expected_reactions", &new.expected_reactions)?,
            timestamp()
        ],
    )?;
    influencer_in(c, &id)
}

/// Updates what an influential associate of a change said.
pub fn edit_influencer(
    db: &Db,
    change_id: &str,
    person_id: &str,
    patch: InfluencerPatch,
) -> Result<Influencer> {
    db.write(|c| edit_influencer_in(c, change_id, person_id, patch))
}

pub(crate) fn edit_influencer_in(
    c: &Connection,
    change_id: &str,
    person_id: &str,
    patch: InfluencerPatch,
) -> Result<Influencer> {
    let i = consulted_in(c, change_id, person_id)?;
    let text = |field, new: &Option<String>, old: &str| match new {
        Some(v) => validate::free_text(field, v),
        None => Ok(old.to_string()),
    };
    c.execute(
        "UPDATE change_influencers SET concerns = ?2, questions = ?3,
            expected_reactions = ?4, updated_at = ?5 WHERE id = ?1",
        rusqlite::params![
            i.id,
            text("concerns", &patch.concerns, &i.concerns)?,
            text("questions", &patch.questions, &i.questions)?,
            text(
                "expected_reactions",
                &patch.expected_reactions,
                &i.expected_reactions
            )?,
            timestamp()
        ],
    )?;
    influencer_in(c, &i.id)
}

/// Stops consulting an associate for a change (one added by mistake, or one too many):
/// what they said goes with them.
pub fn remove_influencer(db: &Db, change_id: &str, person_id: &str) -> Result<Influencer> {
    db.write(|c| {
        let i = consulted_in(c, change_id, person_id)?;
        c.execute("DELETE FROM change_influencers WHERE id = ?1", [&i.id])?;
        Ok(i)
    })
}

/// The associate consulted for a change, by who they are.
fn consulted_in(c: &Connection, change_id: &str, person_id: &str) -> Result<Influencer> {
    let id: String = c
        .query_row(
            "SELECT id FROM change_influencers WHERE change_id = ?1 AND person_id = ?2",
            (change_id, person_id),
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("influencer", person_id))?;
    influencer_in(c, &id)
}

const INFLUENCER_SELECT: &str = "SELECT i.id, i.change_id, i.person_id, p.name, i.concerns,
        i.questions, i.expected_reactions
    FROM change_influencers i JOIN people p ON p.id = i.person_id";

fn influencer_row(r: &Row) -> rusqlite::Result<Influencer> {
    Ok(Influencer {
        id: r.get(0)?,
        change_id: r.get(1)?,
        person_id: r.get(2)?,
        person: r.get(3)?,
        concerns: r.get(4)?,
        questions: r.get(5)?,
        expected_reactions: r.get(6)?,
    })
}

fn influencer_in(c: &Connection, id: &str) -> Result<Influencer> {
    c.query_row(
        &format!("{INFLUENCER_SELECT} WHERE i.id = ?1"),
        [id],
        influencer_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("influencer", id))
}

fn influencers_of_in(c: &Connection, change_id: &str) -> Result<Vec<Influencer>> {
    let mut stmt = c.prepare(&format!(
        "{INFLUENCER_SELECT} WHERE i.change_id = ?1 ORDER BY i.created_at, i.id"
    ))?;
    let v = stmt
        .query_map([change_id], influencer_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{date, fixture};
    use super::*;

    #[test]
    fn the_starters_cover_every_element_with_unique_keys() {
        let all = starters().unwrap();
        for e in Element::ALL {
            assert!(all.iter().any(|s| s.element == *e), "{e} has no starter");
        }
        let mut keys: Vec<&str> = all.iter().map(|s| s.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }

    #[test]
    fn suggesting_adds_the_starters_once() {
        let f = fixture();
        let first = suggest(&f.db, &f.change).unwrap();
        assert_eq!(first.len(), starters().unwrap().len());
        assert!(first.iter().all(|a| a.owner == "Olive Owner"));
        // Editing or dropping a starter does not bring it back.
        edit_action(
            &f.db,
            &first[0].id,
            ChangeActionPatch {
                status: Some(ActionStatus::Dropped),
                description: Some("Announce at the all-hands".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(suggest(&f.db, &f.change).unwrap().is_empty());
        let plan = phase_plan(&f.db, &f.change).unwrap();
        assert_eq!(plan.actions.len(), first.len());
        let order: Vec<usize> = plan.actions.iter().map(|a| a.element.index()).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }

    #[test]
    fn actions_have_an_owner_a_due_date_and_a_status() {
        let f = fixture();
        let a = add_action(
            &f.db,
            NewChangeAction {
                change_id: f.change.clone(),
                element: Element::Knowledge,
                description: "Run the rota training".into(),
                owner_id: Some(f.ana.clone()),
                due_date: Some(date("2026-12-01")),
            },
        )
        .unwrap();
        assert_eq!((a.owner.as_str(), a.status), ("Ana", ActionStatus::Planned));
        let moved = edit_action(
            &f.db,
            &a.id,
            ChangeActionPatch {
                element: Some(Element::Ability),
                status: Some(ActionStatus::InProgress),
                due_date: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (moved.element, moved.status, moved.due_date, moved.position),
            (Element::Ability, ActionStatus::InProgress, None, 1)
        );
        let err = add_action(
            &f.db,
            NewChangeAction {
                change_id: f.change.clone(),
                element: Element::Desire,
                description: " ".into(),
                owner_id: None,
                due_date: None,
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("description"));
    }

    #[test]
    fn influencers_are_recorded_once_with_what_they_said() {
        let f = fixture();
        let new = |person: &str| NewInfluencer {
            change_id: f.change.clone(),
            person_id: person.into(),
            concerns: "Night pages".into(),
            questions: "Who covers holidays?".into(),
            expected_reactions: "Seniors will push back".into(),
        };
        // None chosen: the field is named, not "influencer '' was not found".
        let none = add_influencer(&f.db, new("")).unwrap_err();
        assert_eq!(
            (none.field(), none.to_string().as_str()),
            (
                Some("influencer"),
                "influencer is required: choose the person"
            )
        );
        add_influencer(&f.db, new(&f.ana)).unwrap();
        assert_eq!(
            add_influencer(&f.db, new(&f.ana)).unwrap_err().code(),
            "conflict"
        );
        // Removed, they are no longer consulted, and can be added again.
        remove_influencer(&f.db, &f.change, &f.ana).unwrap();
        assert!(phase_plan(&f.db, &f.change).unwrap().influencers.is_empty());
        assert_eq!(
            remove_influencer(&f.db, &f.change, &f.ana)
                .unwrap_err()
                .code(),
            "not_found"
        );
        add_influencer(&f.db, new(&f.ana)).unwrap();
        let i = edit_influencer(
            &f.db,
            &f.change,
            &f.ana,
            InfluencerPatch {
                questions: Some("Is there extra pay?".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (i.concerns.as_str(), i.questions.as_str()),
            ("Night pages", "Is there extra pay?")
        );
    }
}
