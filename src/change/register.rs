//! The change assessment register: one row per change or workstream, filled in by its
//! owner before anyone is told, with the ten fields of the domain (the tenth, its
//! stakeholders, lives in [`super::stakeholders`]). A change has exactly one owner and
//! moves forward through its statuses.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::active_person;
use super::stakeholders::{self, Stakeholder};
use crate::codes::code_enum;
use crate::{find_id, new_id, pick_by_name, timestamp, validate, Db, Error, Result};

code_enum!(
    /// How strongly a change affects its stakeholders.
    Impact, "impact", { High = "high", Medium = "medium", Low = "low" }
);

code_enum!(
    /// Whether a change is good, bad or neither for its stakeholders.
    Effect, "effect", { Positive = "positive", Negative = "negative", Neutral = "neutral" }
);

code_enum!(
    /// How aware the organisation already is of the change.
    OrgAwareness, "awareness", { Low = "low", Medium = "medium", High = "high" }
);

code_enum!(
    /// Where a change stands, in the only order it can move.
    ChangeStatus, "status", {
        Draft = "draft",
        Announced = "announced",
        InProgress = "in_progress",
        Reinforcing = "reinforcing",
        Closed = "closed",
    }
);

impl ChangeStatus {
    fn rank(self) -> usize {
        ChangeStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// Announced and not yet closed: people know of it and it is being worked on. A draft
    /// is not active, because nobody has been told of it yet.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ChangeStatus::Announced | ChangeStatus::InProgress | ChangeStatus::Reinforcing
        )
    }
}

/// A row of the register.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    pub id: String,
    /// The change this one is a workstream of.
    pub parent_id: Option<String>,
    pub parent: Option<String>,
    pub name: String,
    pub description: String,
    pub owner_id: String,
    pub owner: String,
    /// The one owner is archived (the change wants an active owner).
    pub owner_archived: bool,
    pub impact: Impact,
    pub effect: Effect,
    pub training_required: bool,
    pub comms_plan_required: bool,
    pub org_changes: bool,
    pub awareness: OrgAwareness,
    pub status: ChangeStatus,
    /// When the RACI chart was last reviewed.
    pub raci_reviewed_on: Option<NaiveDate>,
    pub stakeholders: Vec<Stakeholder>,
}

/// What a user gives to register a change. `owner_ids` is a list so that a front end
/// can pass what the user gave and get the explanation of why it must be exactly one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct NewChange {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Set to register a workstream of this change.
    pub parent_id: Option<String>,
    pub owner_ids: Vec<String>,
    pub impact: Impact,
    pub effect: Effect,
    pub training_required: bool,
    pub comms_plan_required: bool,
    pub org_changes: bool,
    pub awareness: OrgAwareness,
}

/// A change to a register row; `None` leaves a field as it is. Status has its own call.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChangePatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub owner_ids: Option<Vec<String>>,
    pub impact: Option<Impact>,
    pub effect: Option<Effect>,
    pub training_required: Option<bool>,
    pub comms_plan_required: Option<bool>,
    pub org_changes: Option<bool>,
    pub awareness: Option<OrgAwareness>,
}

/// Registers a change (status `draft`).
pub fn add(db: &Db, new: NewChange) -> Result<Change> {
    db.write(|c| add_in(c, new))
}

pub(crate) fn add_in(c: &Connection, new: NewChange) -> Result<Change> {
    let name = validate::required_text("name", &new.name)?;
    let description = validate::free_text("description", &new.description)?;
    let owner = single_owner(c, &new.owner_ids)?;
    refuse_duplicate_name(c, &name, None)?;
    let parent_id = match &new.parent_id {
        Some(p) => {
            let parent = get_in(c, p).map_err(|_| Error::not_found("workstream_of", p))?;
            if parent.parent_id.is_some() {
                return Err(Error::invalid(
                    "workstream_of",
                    format!(
                        "{} is itself a workstream of {}; a workstream belongs to a change",
                        parent.name,
                        parent.parent.unwrap_or_default()
                    ),
                ));
            }
            Some(parent.id)
        }
        None => None,
    };
    let id = new_id();
    c.execute(
        "INSERT INTO changes (id, parent_id, name, description, owner_id, impact, effect,
            training_required, comms_plan_required, org_changes, awareness, status,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'draft', ?12, ?12)",
        rusqlite::params![
            id,
            parent_id,
            name,
            description,
            owner.id,
            new.impact,
            new.effect,
            new.training_required,
            new.comms_plan_required,
            new.org_changes,
            new.awareness,
            timestamp()
        ],
    )?;
    get_in(c, &id)
}

/// Edits the register fields of a change.
pub fn edit(db: &Db, id: &str, patch: ChangePatch) -> Result<Change> {
    db.write(|c| edit_in(c, id, patch))
}

pub(crate) fn edit_in(c: &Connection, id: &str, patch: ChangePatch) -> Result<Change> {
    let ch = get_in(c, id)?;
    let name = match &patch.name {
        Some(n) => {
            let n = validate::required_text("name", n)?;
            refuse_duplicate_name(c, &n, Some(&ch.id))?;
            n
        }
        None => ch.name.clone(),
    };
    let description = match &patch.description {
        Some(d) => validate::free_text("description", d)?,
        None => ch.description.clone(),
    };
    let owner_id = match &patch.owner_ids {
        Some(ids) => single_owner(c, ids)?.id,
        None => ch.owner_id.clone(),
    };
    c.execute(
        "UPDATE changes SET name = ?2, description = ?3, owner_id = ?4, impact = ?5,
            effect = ?6, training_required = ?7, comms_plan_required = ?8,
            org_changes = ?9, awareness = ?10, updated_at = ?11
         WHERE id = ?1",
        rusqlite::params![
            ch.id,
            name,
            description,
            owner_id,
            patch.impact.unwrap_or(ch.impact),
            patch.effect.unwrap_or(ch.effect),
            patch.training_required.unwrap_or(ch.training_required),
            patch.comms_plan_required.unwrap_or(ch.comms_plan_required),
            patch.org_changes.unwrap_or(ch.org_changes),
            patch.awareness.unwrap_or(ch.awareness),
            timestamp()
        ],
    )?;
    get_in(c, &ch.id)
}

/// Moves a change forward: draft → announced → in_progress → reinforcing → closed. Steps
/// may be skipped (a draft that is abandoned is closed) but never taken back: an
/// announcement cannot be unsaid.
pub fn set_status(db: &Db, id: &str, status: ChangeStatus) -> Result<Change> {
    db.write(|c| set_status_in(c, id, status))
}

pub(crate) fn set_status_in(c: &Connection, id: &str, status: ChangeStatus) -> Result<Change> {
    let ch = get_in(c, id)?;
    if status.rank() <= ch.status.rank() {
        return Err(Error::conflict(
            "status",
            format!(
                "{} is {}; a change only moves forward (draft → announced → in_progress → reinforcing → closed)",
                ch.name, ch.status
            ),
        ));
    }
    c.execute(
        "UPDATE changes SET status = ?2, updated_at = ?3 WHERE id = ?1",
        (&ch.id, status, timestamp()),
    )?;
    get_in(c, &ch.id)
}

/// Records that the RACI chart of a change was reviewed on a date.
pub(crate) fn set_raci_reviewed_in(c: &Connection, id: &str, on: NaiveDate) -> Result<Change> {
    let ch = get_in(c, id)?;
    c.execute(
        "UPDATE changes SET raci_reviewed_on = ?2, updated_at = ?3 WHERE id = ?1",
        (&ch.id, on, timestamp()),
    )?;
    get_in(c, &ch.id)
}

/// Every change, each workstream after its change, open ones before closed ones.
pub fn list(db: &Db) -> Result<Vec<Change>> {
    db.read(list_in)
}

pub(crate) fn list_in(c: &Connection) -> Result<Vec<Change>> {
    let mut all = list_bare_in(c)?;
    for ch in &mut all {
        ch.stakeholders = stakeholders::of_change_in(c, &ch.id)?;
    }
    Ok(all)
}

/// Every change as [`list`] gives it, without its stakeholders.
pub(crate) fn list_bare_in(c: &Connection) -> Result<Vec<Change>> {
    let mut stmt = c.prepare(&format!(
        "{SELECT} ORDER BY coalesce(pa.status, ch.status) = 'closed',
            coalesce(pa.name, ch.name) COLLATE NOCASE, ch.parent_id IS NOT NULL,
            ch.name COLLATE NOCASE"
    ))?;
    let all = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all)
}

/// One change by id.
pub fn get(db: &Db, id: &str) -> Result<Change> {
    db.read(|c| get_in(c, id))
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Change> {
    let mut ch = c
        .query_row(&format!("{SELECT} WHERE ch.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("change", id))?;
    ch.stakeholders = stakeholders::of_change_in(c, &ch.id)?;
    Ok(ch)
}

/// Finds a change from its id, the end of its id, its name or a unique part of it.
pub fn resolve(db: &Db, key: &str) -> Result<Change> {
    db.read(|c| {
        if let Some(id) = find_id(c, "changes", "change", key)? {
            return get_in(c, &id);
        }
        let mut stmt = c.prepare("SELECT name, id FROM changes ORDER BY name")?;
        let named = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        get_in(
            c,
            &pick_by_name("change", key, named, |name, _| name.to_string())?,
        )
    })
}

const SELECT: &str = "SELECT ch.id, ch.parent_id, pa.name, ch.name, ch.description, ch.owner_id,
        o.name, ch.impact, ch.effect, ch.training_required, ch.comms_plan_required,
        ch.org_changes, ch.awareness, ch.status, ch.raci_reviewed_on, o.archived_at IS NOT NULL
    FROM changes ch JOIN people o ON o.id = ch.owner_id
    LEFT JOIN changes pa ON pa.id = ch.parent_id";

fn from_row(r: &Row) -> rusqlite::Result<Change> {
    Ok(Change {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        parent: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        owner_id: r.get(5)?,
        owner: r.get(6)?,
        impact: r.get(7)?,
        effect: r.get(8)?,
        training_required: r.get(9)?,
        comms_plan_required: r.get(10)?,
        org_changes: r.get(11)?,
        awareness: r.get(12)?,
        status: r.get(13)?,
        raci_reviewed_on: r.get(14)?,
        owner_archived: r.get(15)?,
        stakeholders: Vec::new(),
    })
}

/// Exactly one owner. The same person given twice is still one owner.
fn single_owner(c: &Connection, owner_ids: &[String]) -> Result<crate::people::Person> {
    let mut ids: Vec<&String> = owner_ids.iter().collect();
    ids.sort();
    ids.dedup();
    match ids.as_slice() {
        [one] => active_person(c, one, "owner"),
        _ => {
            let given = match ids.len() {
                0 => "none was given".to_string(),
                n => format!("{n} were given"),
            };
            Err(Error::invalid(
                "owner",
                format!(
                    "a single owner is required and {given}: one person answers for the change and makes the calls; a committee of owners spreads that until nobody does"
                ),
            ))
        }
    }
}

fn refuse_duplicate_name(c: &Connection, name: &str, except: Option<&str>) -> Result<()> {
    let clash = crate::same_name_in(
        c,
        "SELECT name FROM changes WHERE id IS NOT ?1",
        [except],
        name,
    )?;
    match clash {
        Some(existing) => Err(Error::conflict(
            "name",
            format!(
                "a change named {existing} already exists (names are unique, whatever the case)"
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, new_change, person};
    use super::*;

    #[test]
    fn a_change_needs_exactly_one_owner() {
        let f = fixture();
        for owners in [vec![], vec![f.ana.clone(), f.bo.clone()]] {
            let mut new = new_change(&f.owner, "Pricing change");
            new.owner_ids = owners;
            let err = add(&f.db, new).unwrap_err();
            assert_eq!(err.field(), Some("owner"));
            assert!(
                err.to_string().starts_with("a single owner is required"),
                "{err}"
            );
            assert!(err.to_string().contains("committee"), "{err}");
        }
        assert_eq!(list(&f.db).unwrap().len(), 1);
        let mut same_twice = new_change(&f.owner, "Pricing change");
        same_twice.owner_ids = vec![f.ana.clone(), f.ana.clone()];
        assert_eq!(add(&f.db, same_twice).unwrap().owner, "Ana");

        let err = edit(
            &f.db,
            &f.change,
            ChangePatch {
                owner_ids: Some(vec![f.ana.clone(), f.bo.clone()]),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("owner"));
        assert_eq!(get(&f.db, &f.change).unwrap().owner, "Olive Owner");
    }

    #[test]
    fn the_schema_holds_one_owner_per_change() {
        let f = fixture();
        let err =
            f.db.conn()
                .execute("UPDATE changes SET owner_id = NULL", [])
                .unwrap_err();
        assert!(err.to_string().contains("NOT NULL"), "{err}");
    }

    #[test]
    fn status_only_moves_forward() {
        let f = fixture();
        let ch = set_status(&f.db, &f.change, ChangeStatus::InProgress).unwrap();
        assert_eq!(ch.status, ChangeStatus::InProgress);
        for back in [ChangeStatus::Announced, ChangeStatus::InProgress] {
            let err = set_status(&f.db, &f.change, back).unwrap_err();
            assert_eq!(err.field(), Some("status"));
        }
        assert_eq!(
            set_status(&f.db, &f.change, ChangeStatus::Closed)
                .unwrap()
                .status,
            ChangeStatus::Closed
        );
    }

    #[test]
    fn names_are_unique_and_resolve_by_part() {
        let f = fixture();
        let err = add(&f.db, new_change(&f.owner, "ON-CALL REDESIGN")).unwrap_err();
        assert_eq!(err.code(), "conflict");
        // In every alphabet, not A–Z alone: two such names could never be told apart.
        add(&f.db, new_change(&f.owner, "Équipe move")).unwrap();
        let err = add(&f.db, new_change(&f.owner, "équipe MOVE")).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(resolve(&f.db, "équipe move").unwrap().name, "Équipe move");
        assert_eq!(resolve(&f.db, "on-call").unwrap().id, f.change);
        assert_eq!(resolve(&f.db, "nothing").unwrap_err().code(), "not_found");
    }

    #[test]
    fn a_workstream_belongs_to_a_change_not_to_a_workstream() {
        let f = fixture();
        let mut ws = new_change(&f.owner, "Rota tooling");
        ws.parent_id = Some(f.change.clone());
        let ws = add(&f.db, ws).unwrap();
        assert_eq!(ws.parent.as_deref(), Some("On-call redesign"));
        let mut deeper = new_change(&f.owner, "Pager app");
        deeper.parent_id = Some(ws.id.clone());
        assert_eq!(
            add(&f.db, deeper).unwrap_err().field(),
            Some("workstream_of")
        );
        let names: Vec<String> = list(&f.db).unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["On-call redesign", "Rota tooling"]);
    }

    #[test]
    fn an_archived_owner_is_refused() {
        let f = fixture();
        let gone = person(&f.db, "Gone");
        crate::people::archive(&f.db, &gone).unwrap();
        let err = add(&f.db, new_change(&gone, "Later")).unwrap_err();
        assert_eq!(err.field(), Some("owner"));
    }
}
