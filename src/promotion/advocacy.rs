//! Requirement 5: advocates beyond the direct manager (promotion is rarely one person's
//! decision), and advocacy actions to build them, each with a due date. An action may
//! become a plan activity, once, and the two stay linked.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::plans::{self, Activity, NewActivity, Phase, Resource, ResourceKind};
use crate::{find_id, new_id, people, resolve_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// How an advocate stands to the person.
    Relation, "relation", {
        ManagerManager = "manager_manager",
        Hr = "hr",
        Mentor = "mentor",
        CrossFunctionalLeader = "cross_functional_leader",
        PeerLeader = "peer_leader",
        Other = "other",
    }
);

code_enum!(
    /// How much weight an advocate's word carries in a promotion decision.
    Influence, "influence", { High = "high", Medium = "medium", Low = "low" }
);

code_enum!(
    /// The ways to build advocacy of DOMAIN §4.
    AdvocacyKind, "kind", {
        Mentor = "mentor",
        BeyondDayJob = "beyond_day_job",
        CrossFunctionalTeam = "cross_functional_team",
        QuestionsOverCoffee = "questions_over_coffee",
        Visibility = "visibility",
    }
);

impl Relation {
    pub fn title(self) -> &'static str {
        match self {
            Relation::ManagerManager => "manager's manager",
            Relation::Hr => "HR",
            Relation::Mentor => "mentor",
            Relation::CrossFunctionalLeader => "cross-functional leader",
            Relation::PeerLeader => "peer leader",
            Relation::Other => "other",
        }
    }
}

impl AdvocacyKind {
    pub fn title(self) -> &'static str {
        match self {
            AdvocacyKind::Mentor => "a mentor for a weaker competency",
            AdvocacyKind::BeyondDayJob => "going beyond the day job",
            AdvocacyKind::CrossFunctionalTeam => "a cross-functional team",
            AdvocacyKind::QuestionsOverCoffee => "thoughtful questions over coffee or lunch",
            AdvocacyKind::Visibility => "being visible",
        }
    }
}

/// Someone who speaks for the person when promotion is decided.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Advocate {
    pub id: String,
    pub assessment_id: String,
    /// Set when the advocate is a person in Ladder.
    pub person_id: Option<String>,
    /// The advocate's name (for a person in Ladder, their current name).
    pub name: String,
    pub relation: Relation,
    pub influence: Influence,
    pub last_contact_on: Option<NaiveDate>,
    pub notes: String,
}

/// What a user gives to add an advocate: a person in Ladder, or a name.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAdvocate {
    pub person_id: Option<String>,
    pub name: Option<String>,
    pub relation: Relation,
    pub influence: Influence,
    pub last_contact_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// Something the person does to build advocacy.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AdvocacyAction {
    pub id: String,
    pub assessment_id: String,
    pub kind: AdvocacyKind,
    pub description: String,
    /// The advocate it builds, if one.
    pub advocate_id: Option<String>,
    pub advocate: Option<String>,
    pub due_date: NaiveDate,
    /// The plan activity it became, if it did.
    pub activity_id: Option<String>,
}

/// What a user gives to add an advocacy action.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAdvocacyAction {
    pub kind: AdvocacyKind,
    pub description: String,
    pub advocate_id: Option<String>,
    pub due_date: NaiveDate,
}

/// How an advocacy action becomes a plan activity. The resource defaults to the action's
/// advocate; description and target date to the action's own.
#[derive(Debug, Clone, Deserialize)]
pub struct ActionToActivity {
    pub goal_id: String,
    pub phase: Phase,
    pub resource: Option<Resource>,
    pub description: Option<String>,
    pub target_date: Option<NaiveDate>,
}

/// Adds an advocate to an assessment.
pub fn add_advocate(
    db: &Db,
    assessment_id: &str,
    new: NewAdvocate,
    today: NaiveDate,
) -> Result<Advocate> {
    db.write(|c| add_advocate_in(c, assessment_id, new, today))
}

/// A last contact records a contact that took place, so it is today at the latest: one
/// dated later would keep the advocate from showing as not seen for a long while.
pub fn check_contact_on(on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    validate::not_after_today(
        "last_contact_on",
        on,
        today,
        "a contact is recorded once it has taken place",
    )
}

pub(crate) fn add_advocate_in(
    c: &Connection,
    assessment_id: &str,
    new: NewAdvocate,
    today: NaiveDate,
) -> Result<Advocate> {
    if let Some(on) = new.last_contact_on {
        check_contact_on(on, today)?;
    }
    let a = super::head_in(c, assessment_id)?;
    let notes = validate::free_text("notes", &new.notes)?;
    let person = match (&new.person_id, &new.name) {
        (Some(pid), _) => {
            let p = people::get_in(c, pid).map_err(|_| Error::not_found("advocate", pid))?;
            people::refuse_archived(&p, "advocate", "make them an advocate")?;
            Some(p)
        }
        // A name that is exactly one active person's is that person, so the rules on who
        // may advocate hold for it too (typed in the app's "someone else", or a workbook).
        (None, Some(name)) => match people::exact_name_in(c, name) {
            Ok(p) => Some(p),
            Err(Error::NotFound { .. } | Error::Ambiguous { .. }) => None,
            Err(e) => return Err(e),
        },
        (None, None) => None,
    };
    let (person_id, name) = match (person, &new.name) {
        (Some(p), _) => {
            if p.id == a.person_id {
                return Err(Error::invalid(
                    "advocate",
                    format!("{} cannot be their own advocate", p.name),
                ));
            }
            let assessed = people::get_in(c, &a.person_id)?;
            if assessed.manager_id.as_deref() == Some(p.id.as_str()) {
                return Err(Error::invalid(
                    "advocate",
                    format!(
                        "{} is {}'s direct manager; advocates are the people beyond the direct manager",
                        p.name, assessed.name
                    ),
                ));
            }
            (Some(p.id), p.name)
        }
        (None, name) => (
            None,
            validate::required_text("advocate", name.as_deref().unwrap_or_default())?,
        ),
    };
    if advocates_in(c, &a.id)?.iter().any(|x| {
        x.name.eq_ignore_ascii_case(&name) || (person_id.is_some() && x.person_id == person_id)
    }) {
        return Err(Error::conflict(
            "advocate",
            format!("{name} is already an advocate in this assessment"),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO readiness_advocates (id, assessment_id, person_id, name, relation, influence,
            last_contact_on, notes, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
            (SELECT coalesce(max(position), 0) + 1 FROM readiness_advocates WHERE assessment_id = ?2),
            ?9, ?9)",
        rusqlite::params![
            id,
            a.id,
            person_id,
            // A person in Ladder is stored by id only, so a rename follows.
            if person_id.is_some() { "" } else { name.as_str() },
            new.relation,
            new.influence,
            new.last_contact_on,
            notes,
            timestamp()
        ],
    )?;
    super::touch(c, &a.id)?;
    advocate_in(c, &id)
}

/// Records a contact with an advocate on a date.
pub fn record_contact(
    db: &Db,
    advocate_id: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Advocate> {
    db.write(|c| record_contact_in(c, advocate_id, on, today))
}

pub(crate) fn record_contact_in(
    c: &Connection,
    advocate_id: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Advocate> {
    check_contact_on(on, today)?;
    let adv = advocate_in(c, advocate_id)?;
    c.execute(
        "UPDATE readiness_advocates SET last_contact_on = ?2, updated_at = ?3 WHERE id = ?1",
        (&adv.id, on, timestamp()),
    )?;
    super::touch(c, &adv.assessment_id)?;
    advocate_in(c, &adv.id)
}

/// A change to an advocate; `None` leaves a field as it is. `last_contact_on:
/// Some(None)` clears the date.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AdvocatePatch {
    /// Only for an advocate who is not a person in Ladder (a person keeps their name).
    pub name: Option<String>,
    pub relation: Option<Relation>,
    pub influence: Option<Influence>,
    #[serde(default)]
    pub last_contact_on: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
}

/// Changes an advocate's name, relation, influence, last contact or notes.
pub fn edit_advocate(
    db: &Db,
    advocate_id: &str,
    patch: AdvocatePatch,
    today: NaiveDate,
) -> Result<Advocate> {
    db.write(|c| edit_advocate_in(c, advocate_id, patch, today))
}

pub(crate) fn edit_advocate_in(
    c: &Connection,
    advocate_id: &str,
    patch: AdvocatePatch,
    today: NaiveDate,
) -> Result<Advocate> {
    let adv = advocate_in(c, advocate_id)?;
    // A date already stored is kept as it is: only a new one is checked.
    if let Some(Some(on)) = patch.last_contact_on.filter(|d| *d != adv.last_contact_on) {
        check_contact_on(on, today)?;
    }
    let name = match &patch.name {
        Some(n) if adv.person_id.is_some() => {
            if n.trim() != adv.name {
                return Err(Error::invalid(
                    "advocate",
                    format!(
                        "{} is a person in Ladder: their name changes with the person, not here",
                        adv.name
                    ),
                ));
            }
            String::new()
        }
        Some(n) => {
            let n = validate::required_text("advocate", n)?;
            if advocates_in(c, &adv.assessment_id)?
                .iter()
                .any(|x| x.id != adv.id && x.name.eq_ignore_ascii_case(&n))
            {
                return Err(Error::conflict(
                    "advocate",
                    format!("{n} is already an advocate in this assessment"),
                ));
            }
            n
        }
        // A person in Ladder is stored by id only, so a rename follows.
        None if adv.person_id.is_some() => String::new(),
        None => adv.name.clone(),
    };
    let notes = match &patch.notes {
        Some(n) => validate::free_text("notes", n)?,
        None => adv.notes.clone(),
    };
    c.execute(
        "UPDATE readiness_advocates SET name = ?2, relation = ?3, influence = ?4,
            last_contact_on = ?5, notes = ?6, updated_at = ?7 WHERE id = ?1",
        rusqlite::params![
            adv.id,
            name,
            patch.relation.unwrap_or(adv.relation),
            patch.influence.unwrap_or(adv.influence),
            patch.last_contact_on.unwrap_or(adv.last_contact_on),
            notes,
            timestamp()
        ],
    )?;
    super::touch(c, &adv.assessment_id)?;
    advocate_in(c, &adv.id)
}

/// Finds an advocate of an assessment by name (any case), a unique part of it, or id.
pub fn resolve_advocate(db: &Db, assessment_id: &str, key: &str) -> Result<Advocate> {
    db.read(|c| resolve_advocate_in(c, assessment_id, key))
}

pub(crate) fn resolve_advocate_in(
    c: &Connection,
    assessment_id: &str,
    key: &str,
) -> Result<Advocate> {
    if let Some(id) = find_id(c, "readiness_advocates", "advocate", key)? {
        let adv = advocate_in(c, &id)?;
        if adv.assessment_id == assessment_id {
            return Ok(adv);
        }
    }
    let all = advocates_in(c, assessment_id)?;
    let names: Vec<(&str, &Advocate)> = all.iter().map(|x| (x.name.as_str(), x)).collect();
    super::by_name(&names, key, "advocate").cloned()
}

/// Adds an advocacy action to an assessment.
pub fn add_action(db: &Db, assessment_id: &str, new: NewAdvocacyAction) -> Result<AdvocacyAction> {
    db.write(|c| add_action_in(c, assessment_id, new))
}

pub(crate) fn add_action_in(
    c: &Connection,
    assessment_id: &str,
    new: NewAdvocacyAction,
) -> Result<AdvocacyAction> {
    let a = super::head_in(c, assessment_id)?;
    let description = validate::required_text("description", &new.description)?;
    if let Some(adv) = &new.advocate_id {
        if advocate_in(c, adv)?.assessment_id != a.id {
            return Err(Error::invalid(
                "advocate",
                "the advocate belongs to another assessment",
            ));
        }
    }
    let id = new_id();
    c.execute(
        "INSERT INTO readiness_actions (id, assessment_id, kind, description, advocate_id, due_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![id, a.id, new.kind, description, new.advocate_id, new.due_date, timestamp()],
    )?;
    super::touch(c, &a.id)?;
    action_in(c, &id)
}

/// A change to an advocacy action; `None` leaves a field as it is, `advocate_id:
/// Some(None)` clears the advocate.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AdvocacyActionPatch {
    pub kind: Option<AdvocacyKind>,
    pub description: Option<String>,
    pub advocate_id: Option<Option<String>>,
    pub due_date: Option<NaiveDate>,
}

/// Edits an advocacy action. A plan activity it became keeps its own text and date.
pub fn edit_action(db: &Db, id: &str, patch: AdvocacyActionPatch) -> Result<AdvocacyAction> {
    db.write(|c| edit_action_in(c, id, patch))
}

pub(crate) fn edit_action_in(
    c: &Connection,
    id: &str,
    patch: AdvocacyActionPatch,
) -> Result<AdvocacyAction> {
    let x = action_in(c, id)?;
    let description = match &patch.description {
        Some(d) => validate::required_text("description", d)?,
        None => x.description.clone(),
    };
    let advocate_id = patch.advocate_id.unwrap_or(x.advocate_id);
    if let Some(adv) = &advocate_id {
        if advocate_in(c, adv)?.assessment_id != x.assessment_id {
            return Err(Error::invalid(
                "advocate",
                "the advocate belongs to another assessment",
            ));
        }
    }
    c.execute(
        "UPDATE readiness_actions SET kind = ?2, description = ?3, advocate_id = ?4,
            due_date = ?5, updated_at = ?6
         WHERE id = ?1",
        rusqlite::params![
            x.id,
            patch.kind.unwrap_or(x.kind),
            description,
            advocate_id,
            patch.due_date.unwrap_or(x.due_date),
            timestamp()
        ],
    )?;
    super::touch(c, &x.assessment_id)?;
    action_in(c, &x.id)
}

/// Finds an advocacy action from its id or the end of it.
pub fn resolve_action(db: &Db, key: &str) -> Result<AdvocacyAction> {
    db.read(|c| {
        action_in(
            c,
            &resolve_id(c, "readiness_actions", "advocacy_action", key)?,
        )
    })
}

/// Turns an advocacy action into an activity of one of the person's goals, once. The
/// activity's notes say where it came from; the action keeps the activity's id.
pub fn action_to_activity(
    db: &Db,
    action_id: &str,
    how: ActionToActivity,
) -> Result<(AdvocacyAction, Activity)> {
    db.write(|c| action_to_activity_in(c, action_id, how))
}

pub(crate) fn action_to_activity_in(
    c: &Connection,
    action_id: &str,
    how: ActionToActivity,
) -> Result<(AdvocacyAction, Activity)> {
    let act = action_in(c, action_id)?;
    if let Some(existing) = &act.activity_id {
        return Err(Error::conflict(
            "advocacy_action",
            format!(
                "advocacy action '{}' is already plan activity {}",
                act.description,
                crate::short_id(existing)
            ),
        ));
    }
    let a = super::head_in(c, &act.assessment_id)?;
    let goal = plans::get_goal_in(c, &how.goal_id)?;
    if goal.person_id != a.person_id {
        return Err(Error::invalid(
            "goal",
            format!("the goal belongs to someone else, not to {}", a.person),
        ));
    }
    let resource = match (how.resource, &act.advocate_id) {
        (Some(r), _) => r,
        (None, Some(adv)) => {
            let adv = advocate_in(c, adv)?;
            match adv.person_id {
                Some(pid) => Resource::person(&pid),
                None => Resource::named(ResourceKind::Person, &adv.name),
            }
        }
        (None, None) => {
            return Err(Error::invalid(
                "resource",
                "resource is required: the advocacy action names no advocate to use",
            ))
        }
    };
    let activity = plans::add_activity_in(
        c,
        NewActivity {
            goal_id: goal.id,
            phase: how.phase,
            description: how.description.unwrap_or_else(|| act.description.clone()),
            resource,
            target_date: how.target_date.unwrap_or(act.due_date),
            notes: format!(
                "Advocacy ({}) from the readiness assessment of {} toward {}",
                act.kind.title(),
                a.assessed_on,
                a.target
            ),
        },
    )?;
    c.execute(
        "UPDATE readiness_actions SET activity_id = ?2, updated_at = ?3 WHERE id = ?1",
        (&act.id, &activity.id, timestamp()),
    )?;
    super::touch(c, &a.id)?;
    Ok((action_in(c, &act.id)?, activity))
}

/// The advocacy action a plan activity came from, if any.
pub fn action_for_activity(db: &Db, activity_id: &str) -> Result<Option<AdvocacyAction>> {
    db.read(|c| {
        let id: Option<String> = c
            .query_row(
                "SELECT id FROM readiness_actions WHERE activity_id = ?1",
                [activity_id],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| action_in(c, &id)).transpose()
    })
}

/// Called when an activity is deleted: the advocacy action it came from is open again.
pub(crate) fn detach_activity_in(c: &Connection, activity_id: &str) -> Result<()> {
    c.execute(
        "UPDATE readiness_actions SET activity_id = NULL, updated_at = ?2 WHERE activity_id = ?1",
        (activity_id, timestamp()),
    )?;
    Ok(())
}

const ADVOCATE_SELECT: &str = "SELECT v.id, v.assessment_id, v.person_id, coalesce(p.name, v.name),
        v.relation, v.influence, v.last_contact_on, v.notes
    FROM readiness_advocates v LEFT JOIN people p ON p.id = v.person_id";

fn advocate_row(r: &Row) -> rusqlite::Result<Advocate> {
    Ok(Advocate {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        person_id: r.get(2)?,
        name: r.get(3)?,
        relation: r.get(4)?,
        influence: r.get(5)?,
        last_contact_on: r.get(6)?,
        notes: r.get(7)?,
    })
}

fn advocate_in(c: &Connection, id: &str) -> Result<Advocate> {
    c.query_row(
        &format!("{ADVOCATE_SELECT} WHERE v.id = ?1"),
        [id],
        advocate_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("advocate", id))
}

/// The advocates of an assessment, in the order they were added.
pub(crate) fn advocates_in(c: &Connection, assessment_id: &str) -> Result<Vec<Advocate>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ADVOCATE_SELECT} WHERE v.assessment_id = ?1 ORDER BY v.position"
    ))?;
    let v = stmt
        .query_map([assessment_id], advocate_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

const ACTION_SELECT: &str = "SELECT x.id, x.assessment_id, x.kind, x.description, x.advocate_id,
        coalesce(p.name, v.name), x.due_date, x.activity_id
    FROM readiness_actions x
    LEFT JOIN readiness_advocates v ON v.id = x.advocate_id
    LEFT JOIN people p ON p.id = v.person_id";

fn action_row(r: &Row) -> rusqlite::Result<AdvocacyAction> {
    Ok(AdvocacyAction {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        kind: r.get(2)?,
        description: r.get(3)?,
        advocate_id: r.get(4)?,
        advocate: r.get(5)?,
        due_date: r.get(6)?,
        activity_id: r.get(7)?,
    })
}

fn action_in(c: &Connection, id: &str) -> Result<AdvocacyAction> {
    c.query_row(
        &format!("{ACTION_SELECT} WHERE x.id = ?1"),
        [id],
        action_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("advocacy_action", id))
}

/// The advocacy actions of an assessment, soonest due first.
pub(crate) fn actions_in(c: &Connection, assessment_id: &str) -> Result<Vec<AdvocacyAction>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ACTION_SELECT} WHERE x.assessment_id = ?1 ORDER BY x.due_date, x.id"
    ))?;
    let v = stmt
        .query_map([assessment_id], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Starts a new assessment from the advocates of the previous one: the network carries
/// over; the actions belonged to that assessment's plan and stay with it.
pub(crate) fn copy_in(c: &Connection, from: &str, to: &str) -> Result<()> {
    let mut stmt = c.prepare(
        "INSERT INTO readiness_advocates (id, assessment_id, person_id, name, relation, influence,
            last_contact_on, notes, position, created_at, updated_at)
         SELECT ?1, ?2, person_id, name, relation, influence, last_contact_on, notes, position, ?4, ?4
         FROM readiness_advocates WHERE id = ?3",
    )?;
    for adv in advocates_in(c, from)? {
        stmt.execute((new_id(), to, &adv.id, timestamp()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assessment, date};
    use super::*;
    use crate::competencies;
    use crate::people::NewPerson;
    use crate::plans::NewGoal;

    fn today() -> NaiveDate {
        date("2026-12-31")
    }

    fn named(name: &str, relation: Relation) -> NewAdvocate {
        NewAdvocate {
            person_id: None,
            name: Some(name.into()),
            relation,
            influence: Influence::High,
            last_contact_on: None,
            notes: String::new(),
        }
    }

    #[test]
    fn an_edit_changes_only_the_fields_given_and_keeps_names_unique() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let hr = add_advocate(&db, &a.id, named("Grace Lin", Relation::Hr), today()).unwrap();
        add_advocate(
            &db,
            &a.id,
            named("Omar Diaz", Relation::PeerLeader),
            today(),
        )
        .unwrap();
        let edited = edit_advocate(
            &db,
            &hr.id,
            AdvocatePatch {
                influence: Some(Influence::Low),
                last_contact_on: Some(Some(date("2026-05-12"))),
                notes: Some("  +1 from the review  ".into()),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        assert_eq!(
            edited,
            Advocate {
                influence: Influence::Low,
                last_contact_on: Some(date("2026-05-12")),
                notes: "+1 from the review".into(),
                ..hr.clone()
            }
        );
        let cleared = edit_advocate(
            &db,
            &hr.id,
            AdvocatePatch {
                last_contact_on: Some(None),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        assert_eq!(cleared.last_contact_on, None);
        let err = edit_advocate(
            &db,
            &hr.id,
            AdvocatePatch {
                name: Some("omar diaz".into()),
                ..Default::default()
            },
            today(),
        )
        .unwrap_err();
        assert_eq!((err.code(), err.field()), ("conflict", Some("advocate")));
        let mina = people::add(
            &db,
            NewPerson {
                name: "Mina Park".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let m = add_advocate(
            &db,
            &a.id,
            NewAdvocate {
                person_id: Some(mina.id),
                ..named("", Relation::Mentor)
            },
            today(),
        )
        .unwrap();
        let err = edit_advocate(
            &db,
            &m.id,
            AdvocatePatch {
                name: Some("Mina P.".into()),
                ..Default::default()
            },
            today(),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("advocate"), "{err}");
        let same = edit_advocate(
            &db,
            &m.id,
            AdvocatePatch {
                name: Some("Mina Park".into()),
                relation: Some(Relation::CrossFunctionalLeader),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        assert_eq!(
            (same.person_id.is_some(), same.relation),
            (true, Relation::CrossFunctionalLeader)
        );
    }

    #[test]
    fn a_last_contact_is_today_at_the_latest_and_a_stored_one_is_kept() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let later = NewAdvocate {
            last_contact_on: Some(date("2027-01-01")),
            ..named("Grace Lin", Relation::Hr)
        };
        let err = add_advocate(&db, &a.id, later.clone(), today()).unwrap_err();
        assert_eq!(err.field(), Some("last_contact_on"), "{err}");
        assert_eq!(
            err.to_string(),
            "last contact on 2027-01-01 is after today (2026-12-31); a contact is recorded once it has taken place"
        );
        let listed = db.read(|c| advocates_in(c, &a.id)).unwrap();
        assert!(listed.is_empty(), "nothing added: {listed:?}");

        let hr = add_advocate(&db, &a.id, named("Grace Lin", Relation::Hr), today()).unwrap();
        let err = record_contact(&db, &hr.id, date("2027-01-01"), today()).unwrap_err();
        assert_eq!(err.field(), Some("last_contact_on"), "{err}");
        let later_edit = AdvocatePatch {
            last_contact_on: Some(Some(date("2027-01-01"))),
            ..Default::default()
        };
        let err = edit_advocate(&db, &hr.id, later_edit.clone(), today()).unwrap_err();
        assert_eq!(err.field(), Some("last_contact_on"), "{err}");
        let stored = db.read(|c| advocate_in(c, &hr.id)).unwrap();
        assert_eq!(stored.last_contact_on, None);

        // Entered when 2027-01-01 had come, the date stays through a later edit of the
        // notes made with an older calendar date (a clock set back, a restored file).
        edit_advocate(&db, &hr.id, later_edit, date("2027-01-01")).unwrap();
        let notes = AdvocatePatch {
            last_contact_on: Some(Some(date("2027-01-01"))),
            notes: Some("Met at the offsite".into()),
            ..Default::default()
        };
        let kept = edit_advocate(&db, &hr.id, notes, today()).unwrap();
        assert_eq!(kept.last_contact_on, Some(date("2027-01-01")));
    }

    #[test]
    fn advocates_are_beyond_the_direct_manager_and_listed_once() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let ana = people::get(&db, &a.person_id).unwrap();
        let boss = ana.manager_id.clone().unwrap();
        let in_ladder = |person_id: &str| NewAdvocate {
            person_id: Some(person_id.into()),
            ..named("", Relation::Mentor)
        };
        let boss_name = people::get(&db, &boss).unwrap().name;
        for who in [&ana.id, &boss] {
            let err = add_advocate(&db, &a.id, in_ladder(who), today()).unwrap_err();
            assert_eq!(err.field(), Some("advocate"), "{err}");
        }
        // Typed as names (the app's "someone else", a workbook), they are the same people.
        for name in [ana.name.as_str(), boss_name.as_str()] {
            let err = add_advocate(&db, &a.id, named(name, Relation::Other), today()).unwrap_err();
            assert_eq!(err.field(), Some("advocate"), "{name}: {err}");
        }
        assert!(advocates_in(db.conn(), &a.id).unwrap().is_empty());
        let mentor = people::add(
            &db,
            NewPerson {
                name: "Mina Park".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let m = add_advocate(&db, &a.id, in_ladder(&mentor.id), today()).unwrap();
        assert_eq!(
            (m.name.as_str(), m.relation),
            ("Mina Park", Relation::Mentor)
        );
        // Someone archived takes no new part.
        let gone = people::add(
            &db,
            NewPerson {
                name: "Old Hand".into(),
                ..Default::default()
            },
        )
        .unwrap();
        people::archive(&db, &gone.id).unwrap();
        let err = add_advocate(&db, &a.id, in_ladder(&gone.id), today()).unwrap_err();
        assert!(err.to_string().contains("is archived"), "{err}");
        let err =
            add_advocate(&db, &a.id, named("mina park", Relation::Other), today()).unwrap_err();
        assert_eq!(err.code(), "conflict");
        let hr = add_advocate(&db, &a.id, named("Grace Lin", Relation::Hr), today()).unwrap();
        let seen = record_contact(&db, &hr.id, date("2026-05-10"), today()).unwrap();
        assert_eq!(seen.last_contact_on, Some(date("2026-05-10")));
        assert_eq!(resolve_advocate(&db, &a.id, "grace").unwrap().id, hr.id);
        assert_eq!(
            Influence::parse("huge").unwrap_err().to_string(),
            "influence 'huge' is not one of high, medium, low"
        );
    }

    #[test]
    fn an_action_becomes_one_linked_activity_and_opens_again_if_it_is_deleted() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let dana = add_advocate(
            &db,
            &a.id,
            named("Dana Whitfield", Relation::ManagerManager),
            today(),
        )
        .unwrap();
        let action = add_action(
            &db,
            &a.id,
            NewAdvocacyAction {
                kind: AdvocacyKind::Visibility,
                description: "Present the roadmap at the directors' review".into(),
                advocate_id: Some(dana.id.clone()),
                due_date: date("2026-06-01"),
            },
        )
        .unwrap();
        let k = competencies::resolve(&db, "Communication").unwrap();
        let goal = plans::add_goal(
            &db,
            NewGoal {
                person_id: a.person_id.clone(),
                competency_id: k.id.clone(),
                outcome: "Present to senior leaders with confidence".into(),
            },
        )
        .unwrap();
        let how = || ActionToActivity {
            goal_id: goal.id.clone(),
            phase: Phase::Practice,
            resource: None,
            description: None,
            target_date: None,
        };
        let (linked, activity) = action_to_activity(&db, &action.id, how()).unwrap();
        assert_eq!(linked.activity_id.as_deref(), Some(activity.id.as_str()));
        assert_eq!(activity.resource.name, "Dana Whitfield");
        assert_eq!(activity.target_date, date("2026-06-01"));
        assert!(
            activity.notes.contains("being visible"),
            "{}",
            activity.notes
        );
        assert_eq!(
            action_for_activity(&db, &activity.id).unwrap().unwrap().id,
            action.id
        );
        let err = action_to_activity(&db, &action.id, how()).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(plans::get_goal(&db, &goal.id).unwrap().activities.len(), 1);

        plans::delete_activity(&db, &activity.id).unwrap();
        assert_eq!(resolve_action(&db, &action.id).unwrap().activity_id, None);
        action_to_activity(&db, &action.id, how()).unwrap();

        // Someone else's goal is refused.
        let other = people::add(
            &db,
            NewPerson {
                name: "Bo".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let foreign = plans::add_goal(
            &db,
            NewGoal {
                person_id: other.id,
                competency_id: k.id,
                outcome: "x".into(),
            },
        )
        .unwrap();
        let second = add_action(
            &db,
            &a.id,
            NewAdvocacyAction {
                kind: AdvocacyKind::QuestionsOverCoffee,
                description: "Lunch with the VP of Product".into(),
                advocate_id: None,
                due_date: date("2026-06-10"),
            },
        )
        .unwrap();
        let err = action_to_activity(
            &db,
            &second.id,
            ActionToActivity {
                goal_id: foreign.id,
                ..how()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("goal"));
        let err = action_to_activity(&db, &second.id, how()).unwrap_err();
        assert_eq!(err.field(), Some("resource"));
    }
}
