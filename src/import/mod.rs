//! Reading filled Ladder workbooks back. All or nothing: a preview lists what would be
//! added and changed (and what is in Ladder but missing from the file, which is reported
//! and never deleted); one bad row refuses the whole import with every problem listed as
//! `Sheet!Cell: rule`. Files are checked by [`guard`] before any reader sees them.

mod cells;
mod change;
pub mod guard;
mod meeting;
mod plan;
mod ratings;
mod readiness;
mod stale;

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use chrono::NaiveDate;
use serde::Serialize;

use crate::backup::{self, BackupFile};
use crate::export::change::{
    INFLUENCERS_SHEET, PLAN_SHEET as PHASE_PLAN_SHEET, RACI_SHEET, REGISTER_SHEET, SCORES_SHEET,
};
use crate::export::readiness::{
    ADVOCACY_SHEET, ADVOCATES_SHEET, REQUIREMENTS_SHEET, ROLE_SHEET, SKILLS_SHEET, VERDICT_SHEET,
};
use crate::export::{Kind, ACTIONS_SHEET, NOTES_SHEET, PLAN_SHEET, RATINGS_SHEET};
use crate::{Db, Error, Result};

/// What an import adds, changes, and finds missing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportPreview"))]
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Preview {
    /// Which workbook it was (`plan`, `ratings`, `meeting`, `readiness` or `change`).
    pub workbook: String,
    pub added: Vec<Change>,
    pub changed: Vec<Change>,
    /// Records in Ladder for the people in the file but absent from it: never deleted.
    pub missing: Vec<Change>,
    /// Rows that match Ladder exactly.
    pub unchanged: usize,
}

impl Preview {
    /// True when applying it would write nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty()
    }

    /// Lists the fields a row changes in a record, or counts the row as unchanged when it
    /// changes none; true when it changes something.
    fn change(
        &mut self,
        cell: String,
        record: &'static str,
        id: String,
        summary: String,
        fields: Vec<FieldChange>,
    ) -> bool {
        if fields.is_empty() {
            self.unchanged += 1;
            return false;
        }
        self.changed.push(Change {
            cell,
            record,
            id: Some(id),
            summary,
            fields,
        });
        true
    }

    /// Lists a record a row adds.
    fn add(&mut self, cell: &str, record: &'static str, summary: String) {
        self.added.push(Change {
            cell: cell.to_string(),
            record,
            id: None,
            summary,
            fields: Vec::new(),
        });
    }
}

/// One record added, changed or missing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportChange"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// Where in the file (`Plan!A7`), or empty for a missing record.
    pub cell: String,
    /// `goal`, `activity`, `rating`, `notes`, `action item`, `requirement`, `role`,
    /// `skill`, `advocate`, `advocacy action`, `verdict`, `change`, `stakeholder`,
    /// `score`, `change action`, `influencer` or `raci activity`.
    pub record: &'static str,
    pub id: Option<String>,
    /// A short description of the record.
    pub summary: String,
    /// For a change, each field with its old and new value.
    pub fields: Vec<FieldChange>,
}

/// One field that an import changes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A field's change, as every workbook's import reports it.
fn field(name: &'static str, old: impl ToString, new: impl ToString) -> FieldChange {
    FieldChange {
        field: name,
        old: old.to_string(),
        new: new.to_string(),
    }
}

/// The step every add-or-edit row shares: compares a field the file gives with Ladder's
/// and, when they differ, records the change and returns the new value for the patch.
fn changed<T: PartialEq + ToString>(
    fields: &mut Vec<FieldChange>,
    name: &'static str,
    old: &T,
    new: T,
) -> Option<T> {
    if *old == new {
        return None;
    }
    fields.push(field(name, old.to_string(), new.to_string()));
    Some(new)
}

/// An optional date as a cell shows it: empty when there is none.
fn opt(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A change an import will make and the cells its fields came from, to blame the right
/// one when the core refuses it.
pub(crate) struct Located<T> {
    pub op: T,
    /// The cell a problem without a field of its own is reported at.
    pub at: String,
    /// Core field name → cell.
    pub cells: Vec<(&'static str, String)>,
}

/// Runs every change through the core inside a savepoint that is always rolled back,
/// and reports each rule it breaks at its cell, so the rules exist once. A database
/// opened read-only cannot take the trial; it refuses the import itself, so its preview
/// lists what the file reads as.
pub(crate) fn trial<T>(
    c: &rusqlite::Connection,
    ops: &[Located<T>],
    mut run: impl FnMut(&T) -> Result<()>,
) -> Result<Vec<cells::Problem>> {
    if ops.is_empty() || c.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(Vec::new());
    }
    c.execute_batch("SAVEPOINT import_trial")?;
    let mut problems = Vec::new();
    let mut failure = None;
    for l in ops {
        match run(&l.op) {
            Ok(()) => {}
            Err(e @ (Error::Invalid { .. } | Error::Conflict { .. })) => {
                let at = e
                    .field()
                    .and_then(|f| l.cells.iter().find(|(name, _)| *name == f))
                    .map_or(l.at.as_str(), |(_, cell)| cell.as_str());
                problems.push(format!("{at}: {e}"));
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    c.execute_batch("ROLLBACK TO import_trial; RELEASE import_trial")?;
    match failure {
        Some(e) => Err(e),
        None => Ok(problems),
    }
}

/// Reads a workbook and says what importing it would do. Writes nothing. `today` is the
/// date a change takes effect on (an action item marked done is closed on it).
pub fn preview(db: &Db, bytes: &[u8], today: NaiveDate) -> Result<Preview> {
    let book = open(bytes)?;
    db.read(|c| Ok(book.analyze(c, today)?.into_preview()))
}

/// What an import did, and the backup taken just before it wrote.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportApplied"))]
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    #[serde(flatten)]
    pub done: Preview,
    /// The database as it was just before the import: restoring it undoes the import
    /// (and anything changed after it). None when nothing was written, or for a
    /// database in memory.
    pub backup: Option<BackupFile>,
}

impl std::ops::Deref for Applied {
    type Target = Preview;

    fn deref(&self) -> &Preview {
        &self.done
    }
}

/// Imports a workbook in one transaction and returns what was done. The file is read
/// again against the database inside the transaction, so what is applied is exactly
/// what the rules allow at that moment; a backup is taken before anything is written.
pub fn apply(db: &Db, bytes: &[u8], today: NaiveDate) -> Result<Applied> {
    let book = open(bytes)?;
    // The backup is taken before the transaction, as SQLite copies nothing from a
    // connection that is writing; a file refused, or with nothing to write, takes none.
    let writes = db.read(|c| Ok(!book.analyze(c, today)?.preview().is_empty()))?;
    let backup = if writes {
        backup::before_import(db)?
    } else {
        None
    };
    db.write(|c| {
        let analysis = book.analyze(c, today)?;
        analysis.apply(c, today)?;
        Ok(Applied {
            done: analysis.into_preview(),
            backup,
        })
    })
}

/// A workbook read into memory, recognised by its sheets.
enum Book {
    Plan(calamine::Range<calamine::Data>),
    Ratings(calamine::Range<calamine::Data>),
    Meeting {
        notes: calamine::Range<calamine::Data>,
        actions: calamine::Range<calamine::Data>,
    },
    Readiness(Box<readiness::Sheets>),
    Change(Box<change::Sheets>),
}

/// What importing a workbook would do, ready to apply.
enum Analysis {
    Plan(plan::PlanImport),
    Ratings(ratings::RatingsImport),
    Meeting(meeting::MeetingImport),
    Readiness(readiness::ReadinessImport),
    Change(change::ChangeImport),
}

impl Book {
    fn analyze(&self, c: &rusqlite::Connection, today: NaiveDate) -> Result<Analysis> {
        Ok(match self {
            Book::Plan(range) => Analysis::Plan(plan::analyze(c, range, today)?),
            Book::Ratings(range) => Analysis::Ratings(ratings::analyze(c, range, today)?),
            Book::Meeting { notes, actions } => {
                Analysis::Meeting(meeting::analyze(c, notes, actions, today)?)
            }
            Book::Readiness(sheets) => Analysis::Readiness(readiness::analyze(c, sheets, today)?),
            Book::Change(sheets) => Analysis::Change(change::analyze(c, sheets, today)?),
        })
    }
}

impl Analysis {
    fn apply(&self, c: &rusqlite::Connection, today: NaiveDate) -> Result<()> {
        match self {
            Analysis::Plan(p) => p.apply(c, today),
            Analysis::Ratings(r) => r.apply(c, today),
            Analysis::Meeting(m) => m.apply(c),
            Analysis::Readiness(r) => r.apply(c, today),
            Analysis::Change(ch) => ch.apply(c, today),
        }
    }

    fn preview(&self) -> &Preview {
        match self {
            Analysis::Plan(p) => &p.preview,
            Analysis::Ratings(r) => &r.preview,
            Analysis::Meeting(m) => &m.preview,
            Analysis::Readiness(r) => &r.preview,
            Analysis::Change(ch) => &ch.preview,
        }
    }

    fn into_preview(self) -> Preview {
        match self {
            Analysis::Plan(p) => p.preview,
            Analysis::Ratings(r) => r.preview,
            Analysis::Meeting(m) => m.preview,
            Analysis::Readiness(r) => r.preview,
            Analysis::Change(ch) => ch.preview,
        }
    }
}

/// The sheets that tell each kind of workbook apart, with the kind as refusals name it.
const SIGNATURES: [(Kind, &str, &[&str]); 5] = [
    (Kind::Plan, "plan", &[PLAN_SHEET]),
    (Kind::Ratings, "ratings", &[RATINGS_SHEET]),
    (
        Kind::Meeting,
        "development meeting",
        &[NOTES_SHEET, ACTIONS_SHEET],
    ),
    (
        Kind::Readiness,
        "promotion readiness",
        &[REQUIREMENTS_SHEET, VERDICT_SHEET],
    ),
    (
        Kind::Change,
        "change",
        &[REGISTER_SHEET, SCORES_SHEET, RACI_SHEET],
    ),
];

/// What to do about a sheet that is not there, said with every such refusal.
const BY_NAME: &str = "Ladder finds its sheets by name, so a renamed sheet needs its name back";

/// A workbook read into memory, and when its records were read from Ladder (none for a
/// blank template, or one written before workbooks said).
struct Opened {
    book: Book,
    read_at: Option<String>,
}

impl Opened {
    /// What importing it would do, refused when a row would put back what a record held
    /// before it changed in Ladder.
    fn analyze(&self, c: &rusqlite::Connection, today: NaiveDate) -> Result<Analysis> {
        let analysis = self.book.analyze(c, today)?;
        if let Some(read_at) = &self.read_at {
            let problems = stale::check(c, &analysis.preview().changed, read_at)?;
            if !problems.is_empty() {
                return Err(Error::ImportRefused { problems });
            }
        }
        Ok(analysis)
    }
}

fn open(bytes: &[u8]) -> Result<Opened> {
    guard::check(bytes)?;
    let mut xlsx: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| Error::BadWorkbook {
            reason: format!("it cannot be read as a workbook ({e})"),
        })?;
    let read_at = stale::read_at(xlsx.defined_names());
    Ok(Opened {
        book: sheets(&mut xlsx)?,
        read_at,
    })
}

/// Reads the sheets of the kind of workbook it is.
fn sheets(xlsx: &mut Xlsx<Cursor<&[u8]>>) -> Result<Book> {
    let names = xlsx.sheet_names();
    let mut read = |sheet: &str| {
        if !names.iter().any(|n| n == sheet) {
            return Err(Error::BadWorkbook {
                reason: format!("it has no sheet {sheet}; {BY_NAME}"),
            });
        }
        xlsx.worksheet_range(sheet).map_err(|e| Error::BadWorkbook {
            reason: format!("its sheet {sheet} cannot be read ({e})"),
        })
    };
    // Sheets of two kinds in one file (one workbook's sheet copied into another): reading
    // one kind would drop the other's edits without a word.
    let has = |sheet: &&str| names.iter().any(|n| n == sheet);
    let kinds: Vec<&(Kind, &str, &[&str])> = SIGNATURES
        .iter()
        .filter(|(_, _, sheets)| sheets.iter().all(has))
        .collect();
    if let [first, second, ..] = kinds.as_slice() {
        return Err(Error::BadWorkbook {
            reason: format!(
                "it holds the sheets of a {} workbook and of a {} workbook; import each from a file of its own",
                first.1, second.1
            ),
        });
    }
    match kinds.first().map(|k| k.0) {
        Some(Kind::Plan) => return Ok(Book::Plan(read(PLAN_SHEET)?)),
        Some(Kind::Ratings) => return Ok(Book::Ratings(read(RATINGS_SHEET)?)),
        Some(Kind::Meeting) => {
            return Ok(Book::Meeting {
                notes: read(NOTES_SHEET)?,
                actions: read(ACTIONS_SHEET)?,
            })
        }
        Some(Kind::Readiness) => {
            // Workbooks written before the Advocacy actions sheet are read without it; one
            // that has a sheet of another name in its place had it renamed, and its edits
            // would be dropped.
            let known = [
                "Instructions",
                "Lists",
                REQUIREMENTS_SHEET,
                ROLE_SHEET,
                SKILLS_SHEET,
                ADVOCATES_SHEET,
                ADVOCACY_SHEET,
                VERDICT_SHEET,
            ];
            let advocacy = names.iter().any(|n| n == ADVOCACY_SHEET);
            if !advocacy {
                if let Some(other) = names.iter().find(|n| !known.contains(&n.as_str())) {
                    return Err(Error::BadWorkbook {
                        reason: format!(
                            "it has no sheet {ADVOCACY_SHEET} but a sheet {other}; {BY_NAME}"
                        ),
                    });
                }
            }
            return Ok(Book::Readiness(Box::new(readiness::Sheets {
                requirements: read(REQUIREMENTS_SHEET)?,
                role: read(ROLE_SHEET)?,
                skills: read(SKILLS_SHEET)?,
                advocates: read(ADVOCATES_SHEET)?,
                advocacy: if advocacy {
                    Some(read(ADVOCACY_SHEET)?)
                } else {
                    None
                },
                verdict: read(VERDICT_SHEET)?,
            })));
        }
        Some(Kind::Change) => {
            return Ok(Book::Change(Box::new(change::Sheets {
                register: read(REGISTER_SHEET)?,
                scores: read(SCORES_SHEET)?,
                plan: read(PHASE_PLAN_SHEET)?,
                influencers: read(INFLUENCERS_SHEET)?,
                raci: read(RACI_SHEET)?,
            })))
        }
        None => {}
    }
    // Some of a kind's sheets but not all: most likely one was renamed or deleted, and
    // that is worth saying by name rather than listing every kind Ladder reads.
    for (_, kind, sheets) in SIGNATURES.iter().filter(|(_, _, sheets)| sheets.len() > 1) {
        let missing: Vec<&str> = sheets
            .iter()
            .copied()
            .filter(|s| !names.iter().any(|n| n == s))
            .collect();
        if missing.len() < sheets.len() {
            return Err(Error::BadWorkbook {
                reason: format!(
                    "it looks like a {kind} workbook but has no sheet {} (found: {}); {BY_NAME}",
                    missing.join(" or "),
                    names.join(", ")
                ),
            });
        }
    }
    Err(Error::BadWorkbook {
        reason: format!(
            "it has no sheet Ladder imports (found: {}); Ladder imports development plans (sheet {PLAN_SHEET}), competency ratings (sheet {RATINGS_SHEET}), development meetings (sheets {NOTES_SHEET} and {ACTIONS_SHEET}), promotion readiness (sheets {REQUIREMENTS_SHEET} to {VERDICT_SHEET}) and change assessments (sheets {REGISTER_SHEET} to {RACI_SHEET})",
            names.join(", ")
        ),
    })
}
