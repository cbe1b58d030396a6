//! Associates and their reporting lines. A manager is another associate and the lines
//! never form a cycle. People are archived, never silently deleted, so history stays.

use foldhash::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::profile::{self, Scope};
use crate::{find_id, new_id, pick_by_name, short_id, timestamp, validate, Db, Error, Result};

/// The default development-meeting cadence: every four weeks.
pub const DEFAULT_CADENCE_DAYS: i64 = 28;

/// An associate.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub manager_id: Option<String>,
    pub manager_name: Option<String>,
    /// Days between development meetings.
    pub cadence_days: i64,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a user gives to add a person.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewPerson {
    pub name: String,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub manager_id: Option<String>,
    pub cadence_days: Option<i64>,
}

/// A change to a person: `None` leaves a field as it is; `Some(None)` clears it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub job_title: Option<Option<String>>,
    pub level: Option<Option<String>>,
    pub team: Option<Option<String>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub manager_id: Option<Option<String>>,
    pub cadence_days: Option<i64>,
}

const SELECT: &str = "SELECT p.id, p.name, p.email, p.job_title, p.level, p.team, p.start_date,
        p.manager_id, m.name, p.cadence_days, p.archived_at, p.created_at, p.updated_at
    FROM people p LEFT JOIN people m ON m.id = p.manager_id";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        job_title: r.get(3)?,
        level: r.get(4)?,
        team: r.get(5)?,
        start_date: r.get(6)?,
        manager_id: r.get(7)?,
        manager_name: r.get(8)?,
        cadence_days: r.get(9)?,
        archived_at: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// Checks a meeting cadence in days.
pub fn check_cadence(days: i64) -> Result<i64> {
    validate::in_range("cadence_days", days, 7, 365)
}

/// Adds a person.
pub fn add(db: &Db, new: NewPerson) -> Result<Person> {
    db.write(|c| add_in(c, new))
}

pub(crate) fn add_in(c: &Connection, new: NewPerson) -> Result<Person> {
    let name = validate::required_text("name", &new.name)?;
    refuse_namesake(c, &name, None)?;
    let email = validate::optional_email(new.email.as_deref())?;
    let cadence = check_cadence(new.cadence_days.unwrap_or(DEFAULT_CADENCE_DAYS))?;
    if let Some(m) = &new.manager_id {
        active_manager(c, m)?;
    }
    let id = new_id();
    let now = timestamp();
    c.execute(
        "INSERT INTO people (id, name, email, job_title, level, team, start_date, manager_id,
            cadence_days, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        rusqlite::params![
            id,
            name,
            email,
            validate::optional_text("job_title", new.job_title.as_deref())?,
            validate::optional_text("level", new.level.as_deref())?,
            validate::optional_text("team", new.team.as_deref())?,
            new.start_date,
            new.manager_id,
            cadence,
            now
        ],
    )?;
    get_in(c, &id)
}

/// Edits a person. A new manager must not be the person or anyone who reports to them.
pub fn edit(db: &Db, id: &str, patch: PersonPatch) -> Result<Person> {
    db.write(|c| {
        let p = get_in(c, id)?;
        let name = match &patch.name {
            Some(n) => validate::required_text("name", n)?,
            None => p.name.clone(),
        };
        // Only a new name is checked: a file that already holds namesakes stays editable.
        if name.to_lowercase() != p.name.to_lowercase() {
            refuse_namesake(c, &name, Some(&p.id))?;
        }
        let email = match &patch.email {
            Some(e) => validate::optional_email(e.as_deref())?,
            None => p.email.clone(),
        };
        let text =
            |field: &'static str, new: &Option<Option<String>>, old: &Option<String>| match new {
                Some(v) => validate::optional_text(field, v.as_deref()),
                None => Ok(old.clone()),
            };
        let job_title = text("job_title", &patch.job_title, &p.job_title)?;
        let level = text("level", &patch.level, &p.level)?;
        let team = text("team", &patch.team, &p.team)?;
        let start_date = patch.start_date.unwrap_or(p.start_date);
        let cadence = check_cadence(patch.cadence_days.unwrap_or(p.cadence_days))?;
        let manager_id = match patch.manager_id {
            // Kept as it is: a manager archived since stays until another is chosen.
            Some(Some(m)) if p.manager_id.as_deref() == Some(m.as_str()) => Some(m),
            Some(Some(m)) => {
                active_manager(c, &m)?;
                refuse_cycle(c, &p, &m)?;
                Some(m)
            }
            Some(None) => None,
            None => p.manager_id.clone(),
        };
        c.execute(
            "UPDATE people SET name = ?2, email = ?3, job_title = ?4, level = ?5, team = ?6,
                start_date = ?7, manager_id = ?8, cadence_days = ?9, updated_at = ?10
             WHERE id = ?1",
            rusqlite::params![
                p.id,
                name,
                email,
                job_title,
                level,
                team,
                start_date,
                manager_id,
                cadence,
                timestamp()
            ],
        )?;
        get_in(c, &p.id)
    })
}

/// Refuses a name that another active person has (letter case aside). Workbooks, the
/// command line and the import find people by name, so two people of one name could not
/// be told apart there: an exported workbook naming them would not import back.
fn refuse_namesake(c: &Connection, name: &str, except: Option<&str>) -> Result<()> {
    let wanted = name.to_lowercase();
    let mut stmt =
        c.prepare_cached("SELECT id, name, job_title, team FROM people WHERE archived_at IS NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, other): (String, String) = (r.get(0)?, r.get(1)?);
        if other.to_lowercase() != wanted || except == Some(id.as_str()) {
            continue;
        }
        let about: Vec<String> = [r.get::<_, Option<String>>(2)?, r.get(3)?]
            .into_iter()
            .flatten()
            .collect();
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        return Err(Error::invalid(
            "name",
            format!(
                "{other}{about} is already in Ladder; give each a name that tells them apart, such as with a middle initial or their team"
            ),
        ));
    }
    Ok(())
}

/// Archives a person: they leave lists and checks, and everything about them is kept.
/// Someone who still manages active people cannot be archived until those people have
/// another manager, so no one is left reporting to a ghost.
pub fn archive(db: &Db, id: &str) -> Result<Person> {
    set_archived(db, id, true)
}

/// Brings an archived person back.
pub fn restore(db: &Db, id: &str) -> Result<Person> {
    set_archived(db, id, false)
}

fn set_archived(db: &Db, id: &str, archive: bool) -> Result<Person> {
    db.write(|c| {
        let p = get_in(c, id)?;
        if p.archived_at.is_some() == archive {
            let state = if archive {
                "already archived"
            } else {
                "not archived"
            };
            return Err(Error::conflict("person", format!("{} is {state}", p.name)));
        }
        if !archive {
            refuse_namesake(c, &p.name, Some(&p.id))?;
        }
        let reports = direct_reports_in(c, &p.id)?;
        if archive && !reports.is_empty() {
            let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
            return Err(Error::conflict(
                "person",
                format!(
                    "{} still manages {}; give them another manager before archiving",
                    p.name,
                    names.join(", ")
                ),
            ));
        }
        let now = timestamp();
        c.execute(
            "UPDATE people SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            (&p.id, archive.then_some(&now), &now),
        )?;
        get_in(c, &p.id)
    })
}

/// One person by id.
pub fn get(db: &Db, id: &str) -> Result<Person> {
    db.read(|c| get_in(c, id))
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Person> {
    c.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("person", id))
}

/// Which people to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListOptions {
    /// Everyone, not only the user's own scope.
    pub everyone: bool,
    /// Archived people too.
    pub include_archived: bool,
}

/// People in the user's scope (see [`profile::scope`]), sorted by name.
pub fn list(db: &Db, opts: ListOptions) -> Result<Vec<Person>> {
    db.read(|c| {
        let scope = if opts.everyone {
            Scope::Everyone
        } else {
            profile::scope_in(c)?
        };
        list_in(c, &scope_ids_in(c, &scope, opts.include_archived)?)
    })
}

/// These people, sorted by name.
pub(crate) fn list_in(c: &Connection, ids: &[String]) -> Result<Vec<Person>> {
    let mut stmt = c.prepare(&format!(
        "{SELECT} WHERE p.id IN (SELECT value FROM json_each(?1))
         ORDER BY p.name COLLATE NOCASE, p.id"
    ))?;
    let people = stmt
        .query_map([crate::id_list(ids)], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}

/// The ids of the people in a scope.
pub(crate) fn scope_ids_in(
    c: &Connection,
    scope: &Scope,
    include_archived: bool,
) -> Result<Vec<String>> {
    let archived = if include_archived {
        ""
    } else {
        " AND archived_at IS NULL"
    };
    let ids = match scope {
        Scope::Everyone => {
            let mut stmt = c.prepare(&format!("SELECT id FROM people WHERE 1 = 1{archived}"))?;
            let ids = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            ids
        }
        Scope::ReportsOf(m) => reports_in(c, m, false, include_archived)?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        Scope::Own(id) => vec![id.clone()],
    };
    Ok(ids)
}

/// Whom a person may report to (a new person, when `None`), sorted by name: every active
/// person but them and anyone under them, since a reporting line must not go round (what
/// [`edit`] refuses), and their present manager, archived or not, so that an edit that
/// keeps the manager is not refused.
pub fn possible_managers(db: &Db, person_id: Option<&str>) -> Result<Vec<Person>> {
    db.read(|c| {
        let person = person_id.map(|id| get_in(c, id)).transpose()?;
        let mut stmt = c.prepare("SELECT id, manager_id, archived_at IS NULL FROM people")?;
        let lines = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(String, Option<String>, bool)>>>()?;
        let mut out = HashSet::default();
        let present = person.as_ref().and_then(|p| p.manager_id.as_deref());
        if let Some(p) = &person {
            out = under(
                lines.iter().map(|(id, m, _)| (id.as_str(), m.as_deref())),
                &p.id,
            );
            out.insert(p.id.as_str());
        }
        let ids: Vec<String> = lines
            .iter()
            .filter(|(id, _, active)| {
                (*active && !out.contains(id.as_str())) || present == Some(id.as_str())
            })
            .map(|(id, ..)| id.clone())
            .collect();
        list_in(c, &ids)
    })
}

/// A manager's reports: direct only, or direct and indirect, sorted by name.
pub fn reports(db: &Db, manager_id: &str, direct_only: bool) -> Result<Vec<Person>> {
    db.read(|c| {
        get_in(c, manager_id)?;
        reports_in(c, manager_id, direct_only, false)
    })
}

fn direct_reports_in(c: &Connection, manager_id: &str) -> Result<Vec<Person>> {
    reports_in(c, manager_id, true, false)
}

fn reports_in(
    c: &Connection,
    manager_id: &str,
    direct_only: bool,
    include_archived: bool,
) -> Result<Vec<Person>> {
    let mut people = if direct_only {
        let mut stmt = c.prepare(&format!(
            "{SELECT} WHERE p.manager_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id"
        ))?;
        let people = stmt
            .query_map([manager_id], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        people
    } else {
        let mut stmt = c.prepare("SELECT id, manager_id FROM people")?;
        let lines = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, Option<String>)>>>()?;
        let ids: Vec<String> = under(
            lines.iter().map(|(id, m)| (id.as_str(), m.as_deref())),
            manager_id,
        )
        .into_iter()
        .map(str::to_string)
        .collect();
        list_in(c, &ids)?
    };
    if !include_archived {
        people.retain(|p| p.archived_at.is_none());
    }
    Ok(people)
}

/// The order of every list of people in Ladder, for lists sorted here rather than in
/// SQL: by name as SQLite's `NOCASE` orders it (ASCII letters folded, a name first when
/// it begins the other), then by id. Each argument is a (name, id) pair.
pub(crate) fn listed_order(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    fn folded(name: &str) -> impl Iterator<Item = u8> + '_ {
        name.bytes().map(|c| c.to_ascii_lowercase())
    }
    folded(a.0).cmp(folded(b.0)).then_with(|| a.1.cmp(b.1))
}

/// Everyone under `manager_id` in these reporting lines (each person's id and manager),
/// directly or through others; archived people too, as they may still link others to the
/// manager. Each person is reached once, so a loop in the lines cannot hang the walk.
pub(crate) fn under<'a>(
    lines: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    manager_id: &str,
) -> HashSet<&'a str> {
    let mut reports: HashMap<&str, Vec<&str>> = HashMap::default();
    for (id, manager) in lines {
        if let Some(m) = manager {
            reports.entry(m).or_default().push(id);
        }
    }
    let mut found = HashSet::default();
    let mut next: Vec<&str> = reports.get(manager_id).cloned().unwrap_or_default();
    while let Some(id) = next.pop() {
        if id != manager_id && found.insert(id) {
            next.extend(reports.get(id).into_iter().flatten().copied());
        }
    }
    found
}

/// Finds a person from what a user typed: an id, the end of an id, a full name (any
/// case), a name with a word starting with it, or a unique part of a name. Several
/// matches are an error that lists them.
pub fn resolve(db: &Db, key: &str) -> Result<Person> {
    db.read(|c| resolve_in(c, key))
}

pub(crate) fn resolve_in(c: &Connection, key: &str) -> Result<Person> {
    resolve_with(c, key, true)
}

/// A person named in another record's field (a manager, an owner, a resource, an
/// advocate), found as [`resolve`] finds them, with every error naming that field.
pub fn resolve_as(db: &Db, field: &'static str, key: &str) -> Result<Person> {
    resolve(db, key).map_err(|e| match e {
        Error::Invalid { .. } if key.trim().is_empty() => Error::invalid(
            field,
            format!("{} must not be empty", validate::label(field)),
        ),
        Error::NotFound { key, .. } => Error::not_found(field, key),
        Error::Ambiguous {
            key, candidates, ..
        } => Error::Ambiguous {
            what: field,
            key,
            candidates,
        },
        other => other,
    })
}

/// A person by id or name like [`resolve`], except that a name shared by someone active
/// and someone archived stays ambiguous: for restoring, erasing, exporting someone's
/// personal data and reading their history, where the archived one is as likely meant
/// and taking the wrong one of two namesakes would be costly.
pub fn resolve_any(db: &Db, key: &str) -> Result<Person> {
    db.read(|c| resolve_with(c, key, false))
}

fn resolve_with(c: &Connection, key: &str, prefer_active: bool) -> Result<Person> {
    if key.trim().is_empty() {
        return Err(Error::invalid("person", "person must not be empty"));
    }
    if let Some(id) = find_id(c, "people", "person", key)? {
        return get_in(c, &id);
    }
    let mut stmt = c.prepare(&format!("{SELECT} ORDER BY p.name COLLATE NOCASE, p.id"))?;
    let named = stmt
        .query_map([], from_row)?
        .map(|p| p.map(|p| (p.name.clone(), p)))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let label = |name: &str, p: &&Person| match p.archived_at {
        Some(_) => format!("{name} ({}, archived)", short_id(&p.id)),
        None => format!("{name} ({})", short_id(&p.id)),
    };
    let among = |active_only: bool| {
        named
            .iter()
            .filter(|(_, p)| !active_only || p.archived_at.is_none())
            .map(|(n, p)| (n.clone(), p))
            .collect::<Vec<_>>()
    };
    match pick_by_name("person", key, among(false), label) {
        // Someone archived and a newcomer of the same name (a rehire, a namesake): the
        // name means the active one; the archived one is named by id.
        Err(Error::Ambiguous {
            what,
            key: typed,
            candidates,
        }) if prefer_active => {
            // Only among the candidates that matched as well (not a weaker match of an
            // active person beside two archived exact ones).
            match pick_by_name("person", key, among(true), label) {
                Ok(p) if candidates.contains(&label(&p.name, &p)) => Ok(p),
                _ => Err(Error::Ambiguous {
                    what,
                    key: typed,
                    candidates,
                }),
            }
        }
        found => found,
    }
    .cloned()
}

/// The one active person with exactly this name (any case), if there is exactly one.
pub(crate) fn exact_name_in(c: &Connection, name: &str) -> Result<Person> {
    match ids_named(c, name, false)?.as_slice() {
        [id] => get_in(c, id),
        [] => Err(Error::not_found("person", name.trim())),
        _ => Err(Error::Ambiguous {
            what: "person",
            key: name.trim().into(),
            candidates: Vec::new(),
        }),
    }
}

/// Refuses someone archived a new part, the error at `field`: `to` says what the part
/// would have done ("assess them", "make them an advocate"). Parts they already hold stay.
pub(crate) fn refuse_archived(p: &Person, field: &'static str, to: &str) -> Result<()> {
    if p.archived_at.is_some() {
        return Err(Error::invalid(
            field,
            format!("{} is archived; restore them to {to}", p.name),
        ));
    }
    Ok(())
}

/// A person by exact name as a workbook gives it: the active person of that name or,
/// when there is none, the one archived person of that name. A file written before
/// someone was archived still names them where they own or hold a part; whether they may
/// take a new part is the core's rule, not the name's.
pub(crate) fn exact_name_archived_too_in(c: &Connection, name: &str) -> Result<Person> {
    match exact_name_in(c, name) {
        Err(Error::NotFound { .. }) => match ids_named(c, name, true)?.as_slice() {
            [id] => get_in(c, id),
            _ => Err(Error::not_found("person", name.trim())),
        },
        found => found,
    }
}

/// Up to two ids of the active (or the archived) people with exactly this name, any case.
fn ids_named(c: &Connection, name: &str, archived: bool) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT id FROM people WHERE (archived_at IS NOT NULL) = ?2 AND name = ?1 COLLATE NOCASE
         LIMIT 2",
    )?;
    let ids = stmt
        .query_map((name.trim(), archived), |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// Everyone who reports to a person directly, archived or not, sorted by name.
pub(crate) fn reports_of_in(c: &Connection, manager_id: &str) -> Result<Vec<Person>> {
    reports_in(c, manager_id, true, true)
}

/// A person's manager, that manager's manager, and so on up the line.
pub(crate) fn managers_in(c: &Connection, id: &str) -> Result<Vec<Person>> {
    let mut line: Vec<Person> = Vec::new();
    let mut next = get_in(c, id)?.manager_id;
    while let Some(m) = next {
        // Reporting lines never form a cycle; the guard only bounds a damaged file.
        if line.iter().any(|p| p.id == m) || m == id {
            break;
        }
        let manager = get_in(c, &m)?;
        next = manager.manager_id.clone();
        line.push(manager);
    }
    Ok(line)
}

/// Adds the archived stand-in that takes an erased person's place where a record must
/// name someone (an action's owner, an influential associate). It holds no personal data;
/// being archived, it is never offered for new parts.
pub(crate) fn add_former_associate_in(c: &Connection) -> Result<String> {
    let id = new_id();
    let now = timestamp();
    c.execute(
        "INSERT INTO people (id, name, archived_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?3, ?3)",
        (&id, crate::privacy::FORMER_ASSOCIATE, &now),
    )?;
    Ok(id)
}

/// Dates a person's arrival in Ladder back to `on`, which the meeting cadence counts from
/// before any meeting is held: the demo's team has been in Ladder since each started, and
/// tests run on fixed days while `created_at` is the clock's.
pub(crate) fn backdate_in(c: &Connection, id: &str, on: NaiveDate) -> Result<()> {
    c.execute(
        "UPDATE people SET created_at = ?2 WHERE id = ?1",
        (id, format!("{on}T00:00:00.000Z")),
    )?;
    Ok(())
}

/// Deletes an erased person's own row, once every other area has let go of them.
pub(crate) fn erase_in(
    c: &Connection,
    person: &Person,
    tally: &mut crate::privacy::Tally,
) -> Result<()> {
    let n = c.execute("DELETE FROM people WHERE id = ?1", [&person.id])?;
    tally.removed("person", n);
    Ok(())
}

fn active_manager(c: &Connection, manager_id: &str) -> Result<Person> {
    let m = get_in(c, manager_id).map_err(|_| Error::not_found("manager", manager_id))?;
    if m.archived_at.is_some() {
        return Err(Error::invalid(
            "manager",
            format!("manager {} is archived", m.name),
        ));
    }
    Ok(m)
}

/// Refuses a manager that is the person or reports to them, directly or not.
fn refuse_cycle(c: &Connection, person: &Person, manager_id: &str) -> Result<()> {
    let in_chain: bool = c.query_row(
        "WITH RECURSIVE up(id) AS (
             SELECT ?1
             UNION
             SELECT p.manager_id FROM people p JOIN up ON p.id = up.id
             WHERE p.manager_id IS NOT NULL
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        (manager_id, &person.id),
        |r| r.get(0),
    )?;
    if in_chain {
        let m = get_in(c, manager_id)?;
        let message = if m.id == person.id {
            format!("manager {} cannot be their own manager", person.name)
        } else {
            format!(
                "manager {} would make a cycle: {} already reports to {}, directly or indirectly",
                m.name, m.name, person.name
            )
        };
        return Err(Error::conflict("manager", message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_sorted_here_come_in_sqlites_order() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (name TEXT, id TEXT)")
            .unwrap();
        let names = [
            ("ana", "2"),
            ("Ana", "1"),
            ("Anabel", "0"),
            ("ANA B", "3"),
            ("Ángel", "4"),
            ("Zoë", "5"),
            ("zoe", "6"),
            ("Émile", "7"),
            ("emile", "8"),
            ("_x", "9"),
            ("[y]", "a"),
            ("", "b"),
        ];
        for (name, id) in names {
            c.execute("INSERT INTO t VALUES (?1, ?2)", [name, id])
                .unwrap();
        }
        let sqlite: Vec<(String, String)> = c
            .prepare("SELECT name, id FROM t ORDER BY name COLLATE NOCASE, id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut here: Vec<(String, String)> = names
            .iter()
            .map(|(n, i)| (n.to_string(), i.to_string()))
            .collect();
        here.reverse();
        here.sort_by(|a, b| listed_order((&a.0, &a.1), (&b.0, &b.1)));
        assert_eq!(here, sqlite);
    }

    fn person(db: &Db, name: &str, manager: Option<&Person>) -> Person {
        add(
            db,
            NewPerson {
                name: name.into(),
                manager_id: manager.map(|m| m.id.clone()),
                ..Default::default()
            },
        )
        .unwrap()
    }

    /// An edit that only moves a person to report to `m`.
    fn to_manager(m: &Person) -> PersonPatch {
        PersonPatch {
            manager_id: Some(Some(m.id.clone())),
            ..Default::default()
        }
    }

    #[test]
    fn reports_are_direct_and_indirect() {
        let db = Db::open_in_memory().unwrap();
        let boss = person(&db, "Boss", None);
        let lead = person(&db, "Lead", Some(&boss));
        let dev = person(&db, "Dev", Some(&lead));
        let names = |v: Vec<Person>| v.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(names(reports(&db, &boss.id, true).unwrap()), ["Lead"]);
        assert_eq!(
            names(reports(&db, &boss.id, false).unwrap()),
            ["Dev", "Lead"]
        );
        assert!(reports(&db, &dev.id, false).unwrap().is_empty());
    }

    #[test]
    fn a_reporting_cycle_is_refused_and_nothing_changes() {
        let db = Db::open_in_memory().unwrap();
        let boss = person(&db, "Boss", None);
        let lead = person(&db, "Lead", Some(&boss));
        let dev = person(&db, "Dev", Some(&lead));
        let err = edit(&db, &boss.id, to_manager(&dev)).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(err.field(), Some("manager"));
        assert!(err.to_string().contains("cycle"), "{err}");
        assert_eq!(get(&db, &boss.id).unwrap().manager_id, None);
        let own = edit(&db, &boss.id, to_manager(&boss)).unwrap_err();
        assert!(own.to_string().contains("own manager"), "{own}");
    }

    #[test]
    fn the_managers_offered_are_those_an_edit_accepts() {
        let db = Db::open_in_memory().unwrap();
        let boss = person(&db, "Boss", None);
        let lead = person(&db, "Lead", Some(&boss));
        let dev = person(&db, "Dev", Some(&lead));
        person(&db, "Peer", None);
        let gone = person(&db, "Gone", None);
        archive(&db, &gone.id).unwrap();
        let names = |id: Option<&str>| {
            let found = possible_managers(&db, id).unwrap();
            found.into_iter().map(|p| p.name).collect::<Vec<_>>()
        };
        // A new person may report to anyone active.
        assert_eq!(names(None), ["Boss", "Dev", "Lead", "Peer"]);
        // Not the person, nor anyone under them however far down.
        assert_eq!(names(Some(&lead.id)), ["Boss", "Peer"]);
        assert_eq!(names(Some(&boss.id)), ["Peer"]);
        for offered in possible_managers(&db, Some(&lead.id)).unwrap() {
            edit(&db, &lead.id, to_manager(&offered)).unwrap();
            edit(&db, &lead.id, to_manager(&boss)).unwrap();
        }
        assert!(edit(&db, &lead.id, to_manager(&dev),).is_err());

        // A manager archived since stays offered to their report, and an edit that keeps
        // them goes through; moving to another archived person does not.
        restore(&db, &gone.id).unwrap();
        let kept = person(&db, "Kept", Some(&gone));
        archive(&db, &kept.id).unwrap();
        archive(&db, &gone.id).unwrap();
        restore(&db, &kept.id).unwrap();
        assert!(names(Some(&kept.id)).contains(&"Gone".to_string()));
        assert!(!names(None).contains(&"Gone".to_string()));
        let renamed = edit(
            &db,
            &kept.id,
            PersonPatch {
                name: Some("Kept Well".into()),
                manager_id: Some(Some(gone.id.clone())),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(renamed.manager_id.as_deref(), Some(gone.id.as_str()));
        let err = edit(&db, &dev.id, to_manager(&gone)).unwrap_err();
        assert_eq!(err.field(), Some("manager"));
    }

    #[test]
    fn archiving_keeps_the_record_and_refuses_managers_with_reports() {
        let db = Db::open_in_memory().unwrap();
        let boss = person(&db, "Boss", None);
        let dev = person(&db, "Dev", Some(&boss));
        assert_eq!(archive(&db, &boss.id).unwrap_err().code(), "conflict");
        let archived = archive(&db, &dev.id).unwrap();
        assert!(archived.archived_at.is_some());
        assert_eq!(get(&db, &dev.id).unwrap().name, "Dev");
        let listed = list(&db, ListOptions::default()).unwrap();
        assert_eq!(listed.len(), 1);
        let all = list(
            &db,
            ListOptions {
                include_archived: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(all.len(), 2);
        restore(&db, &dev.id).unwrap();
        assert_eq!(list(&db, ListOptions::default()).unwrap().len(), 2);
    }

    #[test]
    fn two_active_people_never_share_a_name() {
        let db = Db::open_in_memory().unwrap();
        let priya = add(
            &db,
            NewPerson {
                name: "Priya Shah".into(),
                job_title: Some("Engineer".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let twin = NewPerson {
            name: " priya shah ".into(),
            ..Default::default()
        };
        let err = add(&db, twin.clone()).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert!(
            err.to_string()
                .starts_with("Priya Shah (Engineer) is already in Ladder"),
            "{err}"
        );
        let other = person(&db, "Priya Shah (Payments)", None);
        let rename = |name: &str| PersonPatch {
            name: Some(name.into()),
            ..Default::default()
        };
        assert!(edit(&db, &other.id, rename("PRIYA SHAH")).is_err());
        // Her own name, in other letter case, is hers to keep.
        assert_eq!(
            edit(&db, &priya.id, rename("Priya SHAH")).unwrap().name,
            "Priya SHAH"
        );
        // An archived namesake is no one's to confuse; brought back, they would be.
        archive(&db, &priya.id).unwrap();
        let second = add(&db, twin).unwrap();
        assert_eq!(restore(&db, &priya.id).unwrap_err().field(), Some("name"));
        archive(&db, &second.id).unwrap();
        restore(&db, &priya.id).unwrap();
    }

    #[test]
    fn resolve_by_name_part_and_ambiguity() {
        let db = Db::open_in_memory().unwrap();
        let a = person(&db, "Alex Kim", None);
        person(&db, "Alexandra Lee", None);
        assert_eq!(resolve(&db, "alex kim").unwrap().id, a.id);
        assert_eq!(resolve(&db, short_id(&a.id)).unwrap().id, a.id);
        let err = resolve(&db, "alex").unwrap_err();
        assert_eq!(err.code(), "ambiguous");
        assert!(err.to_string().contains("Alexandra Lee"));
        assert_eq!(resolve(&db, "nobody").unwrap_err().code(), "not_found");
        // A word start wins over a match inside a word.
        let tom = person(&db, "Tom Okafor", None);
        person(&db, "Stompy Atom", None);
        assert_eq!(resolve(&db, "tom").unwrap().id, tom.id);
        assert_eq!(resolve(&db, "ompy").unwrap().name, "Stompy Atom");
    }

    #[test]
    fn a_name_shared_with_someone_archived_means_the_active_one() {
        let db = Db::open_in_memory().unwrap();
        let first = person(&db, "Tom Okafor", None);
        archive(&db, &first.id).unwrap();
        let rehired = person(&db, "Tom Okafor", None);
        assert_eq!(resolve(&db, "Tom Okafor").unwrap().id, rehired.id);
        assert_eq!(resolve(&db, "tom").unwrap().id, rehired.id);
        // The archived one by id.
        assert_eq!(resolve(&db, short_id(&first.id)).unwrap().id, first.id);
        // Two active ones stay ambiguous, and the list says who is archived.
        person(&db, "Tomas Berg", None);
        let err = resolve(&db, "tom").unwrap_err();
        assert_eq!(err.code(), "ambiguous");
        assert!(
            err.to_string()
                .contains(&format!("Tom Okafor ({}, archived)", short_id(&first.id))),
            "{err}"
        );
        // Two archived exact matches do not make a weaker match of someone active win.
        let ana = person(&db, "Ana Lima", None);
        archive(&db, &ana.id).unwrap();
        let ana2 = person(&db, "Ana Lima", None);
        archive(&db, &ana2.id).unwrap();
        person(&db, "Ana Limas", None);
        assert_eq!(resolve(&db, "Ana Lima").unwrap_err().code(), "ambiguous");
        // Where the archived one is as likely meant (erasure, restore), the name stays
        // ambiguous.
        assert_eq!(
            resolve_any(&db, "Tom Okafor").unwrap_err().code(),
            "ambiguous"
        );
    }
}
