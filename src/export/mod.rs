//! Excel workbooks for Ladder's records, each as a blank template (to fill in by hand,
//! without Ladder) or filled from the database for one person or the whole team. The
//! core returns the file's bytes; the caller chooses where to save them.

pub(crate) mod change;
pub(crate) mod meeting;
pub(crate) mod person;
pub(crate) mod plan;
pub(crate) mod ratings;
pub(crate) mod readiness;
pub(crate) mod sheet;

use serde::{Deserialize, Serialize};

use crate::profile;
use crate::{people, Db, Result};

pub use meeting::{ACTIONS_SHEET, NOTES_SHEET};
pub use plan::PLAN_SHEET;
pub use ratings::RATINGS_SHEET;

/// What to put in a workbook. As data: `{"fill": "blank"}`, `{"fill": "team"}` or
/// `{"fill": "person", "person_id": "…"}`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fill", content = "person_id", rename_all = "snake_case")]
pub enum Fill {
    /// A blank template: drop-downs and checks, no records.
    Blank,
    /// The records of one person.
    Person(String),
    /// The records of everyone the user sees (see [`profile::scope`]).
    Team,
}

/// The workbooks Ladder writes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "WorkbookKind"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Plan,
    Meeting,
    Ratings,
    Readiness,
    Change,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Plan,
        Kind::Meeting,
        Kind::Ratings,
        Kind::Readiness,
        Kind::Change,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Meeting => "meeting",
            Kind::Ratings => "ratings",
            Kind::Readiness => "readiness",
            Kind::Change => "change",
        }
    }

    /// Parses a workbook name as typed on the command line.
    pub fn parse(s: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                crate::Error::invalid(
                    "workbook",
                    format!(
                        "workbook '{s}' is not one of {}",
                        Kind::ALL.map(Kind::as_str).join(", ")
                    ),
                )
            })
    }
}

/// Writes a workbook and returns the bytes of the `.xlsx` file.
pub fn workbook(db: &Db, kind: Kind, fill: &Fill, today: chrono::NaiveDate) -> Result<Vec<u8>> {
    db.read(|c| {
        // Before the first read, so every record read is as of this instant or later: a
        // record changed in between is taken as changed after it, never the other way.
        let read_at = crate::timestamp();
        let ids = match fill {
            Fill::Blank => Vec::new(),
            Fill::Person(id) => vec![people::get_in(c, id)?.id],
            Fill::Team => people::scope_ids_in(c, &profile::scope_in(c)?, false)?,
        };
        let input = Input {
            ids: &ids,
            blank: *fill == Fill::Blank,
            whole_team: *fill == Fill::Team,
            today,
            read_at,
        };
        match kind {
            Kind::Plan => plan::write(c, &input),
            Kind::Meeting => meeting::write(c, &input),
            Kind::Ratings => ratings::write(c, &input),
            Kind::Readiness => readiness::write(c, &input),
            Kind::Change => change::write(c, &input),
        }
    })
}

/// The file name a workbook is offered under when it is saved: what it holds, whose, and
/// the day, e.g. `ladder-plan-alex-morgan-2026-12-03.xlsx`; a blank template carries no
/// date (`ladder-plan-template.xlsx`). Only letters, digits and dashes, so it is a valid
/// name on every system.
pub fn file_name(db: &Db, kind: Kind, fill: &Fill, today: chrono::NaiveDate) -> Result<String> {
    let whose = match fill {
        Fill::Blank => return Ok(format!("ladder-{}-template.xlsx", kind.as_str())),
        Fill::Team => "team".to_string(),
        Fill::Person(id) => db.read(|c| people::get_in(c, id))?.name,
    };
    Ok(format!(
        "ladder-{}-{}-{today}.xlsx",
        kind.as_str(),
        slug(&whose)
    ))
}

/// Lower-case letters and digits of `s`, every other run of characters one dash.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "person".to_string()
    } else {
        out.chars().take(60).collect()
    }
}

/// What a workbook writer is given.
pub(crate) struct Input<'a> {
    /// The people whose records go in (empty for a blank template).
    pub ids: &'a [String],
    pub blank: bool,
    /// The whole team rather than one person: the change workbook then holds every change.
    pub whole_team: bool,
    pub today: chrono::NaiveDate,
    /// When the records were read (RFC 3339, UTC, as `updated_at` columns hold instants).
    pub read_at: String,
}
