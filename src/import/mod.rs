//! Reading filled Ladder workbooks back. All or nothing: a preview lists what would be
//! added and changed (and what is in Ladder but missing from the file, which is reported
//! and never deleted); one bad row refuses the whole import with every problem listed as
//! `Sheet!Cell: rule`. Files are checked by [`guard`] before any reader sees them.

mod cells;
pub mod guard;
mod plan;

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use serde::Serialize;

use crate::{Db, Error, Result};

/// What an import adds, changes, and finds missing.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Preview {
    /// Which workbook it was (`plan`).
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
}

/// One record added, changed or missing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// Where in the file (`Plan!A7`), or empty for a missing record.
    pub cell: String,
    /// `goal` or `activity`.
    pub record: &'static str,
    pub id: Option<String>,
    /// A short description of the record.
    pub summary: String,
    /// For a change, each field with its old and new value.
    pub fields: Vec<FieldChange>,
}

/// One field that an import changes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// Reads a workbook and says what importing it would do. Writes nothing.
pub fn preview(db: &Db, bytes: &[u8]) -> Result<Preview> {
    let book = open(bytes)?;
    db.read(|c| Ok(book.analyze(c)?.preview))
}

/// Imports a workbook in one transaction and returns what was done. The file is read
/// again against the database inside the transaction, so what is applied is exactly
/// what the rules allow at that moment.
pub fn apply(db: &Db, bytes: &[u8]) -> Result<Preview> {
    let book = open(bytes)?;
    db.write(|c| {
        let plan = book.analyze(c)?;
        plan.apply(c)?;
        Ok(plan.preview)
    })
}

/// A workbook read into memory, recognised by its sheets.
enum Book {
    Plan(calamine::Range<calamine::Data>),
}

impl Book {
    fn analyze(&self, c: &rusqlite::Connection) -> Result<plan::PlanImport> {
        match self {
            Book::Plan(range) => plan::analyze(c, range),
        }
    }
}

fn open(bytes: &[u8]) -> Result<Book> {
    guard::check(bytes)?;
    let mut xlsx: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| Error::BadWorkbook {
            reason: format!("it cannot be read as a workbook ({e})"),
        })?;
    let names = xlsx.sheet_names();
    if names.iter().any(|n| n == crate::export::PLAN_SHEET) {
        let range = xlsx
            .worksheet_range(crate::export::PLAN_SHEET)
            .map_err(|e| Error::BadWorkbook {
                reason: format!(
                    "its sheet {} cannot be read ({e})",
                    crate::export::PLAN_SHEET
                ),
            })?;
        return Ok(Book::Plan(range));
    }
    Err(Error::BadWorkbook {
        reason: format!(
            "it has no sheet Ladder imports (found: {}); Ladder imports development-plan workbooks, with a sheet named {}",
            names.join(", "),
            crate::export::PLAN_SHEET
        ),
    })
}
