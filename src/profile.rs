//! Who this copy of Ladder belongs to: a manager (who sees their reports and their
//! reports' reports) or an associate tracking their own plan.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::codes::code_enum;
use crate::people;
use crate::{Db, Error, Result};

code_enum!(
    /// The user's role in this copy.
    Role, "role", { Manager = "manager", Associate = "associate" }
);

/// The user of this copy.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Me {
    pub person_id: String,
    pub name: String,
    pub role: Role,
}

/// Which people the user sees by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Nobody has said who they are yet: everyone active.
    Everyone,
    /// A manager: their direct and indirect reports.
    ReportsOf(String),
    /// An associate: themselves.
    Own(String),
}

const ME_KEY: &str = "me.person_id";
const ROLE_KEY: &str = "me.role";

/// The user of this copy, if they have said who they are.
pub fn whoami(db: &Db) -> Result<Option<Me>> {
    db.read(load)
}

/// Sets the user of this copy.
pub fn set_me(db: &Db, person_id: &str, role: Role) -> Result<Me> {
    db.write(|c| set_me_in(c, person_id, role))
}

pub(crate) fn set_me_in(c: &Connection, person_id: &str, role: Role) -> Result<Me> {
    let person = people::get_in(c, person_id)?;
    if person.archived_at.is_some() {
        return Err(Error::invalid(
            "person",
            format!(
                "{} is archived and cannot be the user of this copy",
                person.name
            ),
        ));
    }
    for (k, v) in [(ME_KEY, person.id.as_str()), (ROLE_KEY, role.as_str())] {
        c.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (k, v),
        )?;
    }
    load(c)?.ok_or_else(|| Error::not_found("person", person_id))
}

/// Forgets who the user is (everyone becomes visible again).
pub fn clear_me(db: &Db) -> Result<()> {
    db.write(|c| {
        c.execute(
            "DELETE FROM settings WHERE key IN (?1, ?2)",
            (ME_KEY, ROLE_KEY),
        )?;
        Ok(())
    })
}

/// Forgets who the user is when it is this person (who is being erased).
pub(crate) fn forget_in(c: &Connection, person_id: &str) -> Result<()> {
    let is_me: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1 AND value = ?2)",
        (ME_KEY, person_id),
        |r| r.get(0),
    )?;
    if is_me {
        c.execute(
            "DELETE FROM settings WHERE key IN (?1, ?2)",
            (ME_KEY, ROLE_KEY),
        )?;
    }
    Ok(())
}

/// The people the user sees by default.
pub fn scope(db: &Db) -> Result<Scope> {
    db.read(scope_in)
}

pub(crate) fn scope_in(c: &Connection) -> Result<Scope> {
    Ok(match load(c)? {
        None => Scope::Everyone,
        Some(me) if me.role == Role::Manager => Scope::ReportsOf(me.person_id),
        Some(me) => Scope::Own(me.person_id),
    })
}

pub(crate) fn load(c: &Connection) -> Result<Option<Me>> {
    let get = |k: &str| -> Result<Option<String>> {
        Ok(
            c.query_row("SELECT value FROM settings WHERE key = ?1", [k], |r| {
                r.get(0)
            })
            .optional()?,
        )
    };
    let (Some(id), Some(role)) = (get(ME_KEY)?, get(ROLE_KEY)?) else {
        return Ok(None);
    };
    let person = people::get_in(c, &id)?;
    Ok(Some(Me {
        person_id: person.id,
        name: person.name,
        role: Role::parse(&role)?,
    }))
}

/// The ids of the active people the user sees by default.
pub fn visible_ids(db: &Db) -> Result<Vec<String>> {
    db.read(|c| crate::people::scope_ids_in(c, &scope_in(c)?, false))
}
