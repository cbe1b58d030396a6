//! Importing the development-meeting workbook: the notes of the four standing sections
//! and the action items. A Notes row with a meeting id writes that meeting's notes for its
//! section; one without an id writes to the person's scheduled meeting. An Action items
//! row with an id updates that item (its description, owner and due date while it is
//! open, and open → done closes it on the day of the import); one without an id adds an
//! item to the person's scheduled meeting. The Agenda sheet is for reading and printing.

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::cells::{Problem, SheetTable};
use super::{field, opt, Change, Preview};
use crate::export::meeting::col;
use crate::export::{ACTIONS_SHEET, NOTES_SHEET};
use crate::meetings::{
    self, ActionOwner, ActionPatch, ActionStatus, Meeting, MeetingStatus, NewAction, Section,
};
use crate::people::{self, Person};
use crate::{validate, Error, Result};

/// What importing a meeting workbook will do.
pub(crate) struct MeetingImport {
    pub preview: Preview,
    ops: Vec<Op>,
    /// The date action items are closed on.
    today: NaiveDate,
}

enum Op {
    WriteNotes {
        meeting_id: String,
        section: Section,
        body: String,
    },
    AddAction {
        meeting_id: String,
        new: NewAction,
        done: bool,
    },
    EditAction {
        id: String,
        patch: ActionPatch,
    },
    CloseAction {
        id: String,
    },
}

const NOTES_REQUIRED: &[&str] = &[
    col::PERSON,
    col::MEETING_DATE,
    col::SECTION,
    col::NOTES,
    col::MEETING_ID,
];
/// The cells of a Notes row a user fills in; the section and prompt are labels.
const NOTES_INPUT: &[&str] = &[col::PERSON, col::MEETING_DATE, col::NOTES, col::MEETING_ID];
const ACTIONS_REQUIRED: &[&str] = &[
    col::PERSON,
    col::ACTION,
    col::OWNER,
    col::DUE,
    col::STATUS,
    col::ACTION_ID,
];

/// Reads both sheets against the database and works out every change, or every problem.
pub(crate) fn analyze(
    c: &Connection,
    notes: &Range<Data>,
    actions: &Range<Data>,
    today: NaiveDate,
) -> Result<MeetingImport> {
    let notes = SheetTable::new(NOTES_SHEET, notes, NOTES_REQUIRED);
    let actions = SheetTable::new(ACTIONS_SHEET, actions, ACTIONS_REQUIRED);
    let (notes, actions) = match (notes, actions) {
        (Ok(n), Ok(a)) => (n, a),
        (n, a) => {
            let problems = [n.err(), a.err()].into_iter().flatten().flatten().collect();
            return Err(Error::ImportRefused { problems });
        }
    };
    let mut reader = Reader {
        c,
        people_in_file: Vec::new(),
        seen_notes: HashMap::default(),
        seen_actions: HashMap::default(),
        action_ids_in_file: None,
        problems: Vec::new(),
        preview: Preview {
            workbook: "meeting".into(),
            ..Preview::default()
        },
        ops: Vec::new(),
    };
    for row in notes.rows() {
        let ops = reader.ops.len();
        reader.notes_row(&notes, row)?;
        reader.refuse_archived_change(&notes, row, ops)?;
    }
    for row in actions.rows() {
        let ops = reader.ops.len();
        reader.action_row(&actions, row)?;
        reader.refuse_archived_change(&actions, row, ops)?;
    }
    reader.finish(today)
}

struct Reader<'a> {
    c: &'a Connection,
    /// The people the file names, in order, for reporting what is missing.
    people_in_file: Vec<Person>,
    /// The cell each (meeting, section) was first written from.
    seen_notes: HashMap<(String, Section), String>,
    /// The cell each action item id was first seen in.
    seen_actions: HashMap<String, String>,
    /// The action item ids the Actions sheet holds, for rows without one: made when the
    /// first such row is read.
    action_ids_in_file: Option<HashSet<String>>,
    problems: Vec<Problem>,
    preview: Preview,
    ops: Vec<Op>,
}

impl Reader<'_> {
    fn problem(&mut self, s: &SheetTable, row: usize, header: &str, rule: impl std::fmt::Display) {
        self.problems
            .push(format!("{}: {rule}", s.cell(row, header)));
    }

    /// A file written before someone was archived still holds their rows: unchanged,
    /// they read back and the rest of the file imports; a row that changes something
    /// for them (it added to `ops`, which held `ops_before`) is refused at its Person
    /// cell, as the app refuses it.
    fn refuse_archived_change(
        &mut self,
        s: &SheetTable,
        row: usize,
        ops_before: usize,
    ) -> Result<()> {
        if self.ops.len() > ops_before {
            let p = people::exact_name_archived_too_in(self.c, &s.text(row, col::PERSON))?;
            if let Err(e) = people::refuse_archived(&p, "person", "meet") {
                self.problem(s, row, col::PERSON, e);
            }
        }
        Ok(())
    }

    /// The person named in the row's Person cell: the active one of that name, or the
    /// one archived person of that name when no active one has it.
    fn person(&mut self, s: &SheetTable, row: usize) -> Result<Option<Person>> {
        let name = s.text(row, col::PERSON);
        if name.is_empty() {
            self.problem(s, row, col::PERSON, "person must not be empty");
            return Ok(None);
        }
        match people::exact_name_archived_too_in(self.c, &name) {
            Ok(p) => {
                if !self.people_in_file.iter().any(|q| q.id == p.id) {
                    self.people_in_file.push(p.clone());
                }
                Ok(Some(p))
            }
            Err(Error::NotFound { .. }) => {
                self.problem(
                    s,
                    row,
                    col::PERSON,
                    format!("person \"{name}\" is not in Ladder; add them first"),
                );
                Ok(None)
            }
            Err(Error::Ambiguous { .. }) => {
                self.problem(
                    s,
                    row,
                    col::PERSON,
                    format!("person \"{name}\" is ambiguous: several people have that name"),
                );
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The scheduled meeting of a person, or a problem at `header` when there is none.
    fn scheduled(
        &mut self,
        s: &SheetTable,
        row: usize,
        header: &str,
        person: &Person,
        what: &str,
    ) -> Result<Option<Meeting>> {
        let m = meetings::next_scheduled_in(self.c, &person.id)?;
        if m.is_none() {
            self.problem(
                s,
                row,
                header,
                format!(
                    "{} has no scheduled development meeting to {what}; schedule one in Ladder first (ladder meeting schedule)",
                    person.name
                ),
            );
        }
        Ok(m)
    }

    fn notes_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if NOTES_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let person = self.person(s, row)?;
        let section_text = s.text(row, col::SECTION);
        let section = Section::ALL
            .iter()
            .copied()
            .find(|x| x.title().eq_ignore_ascii_case(&section_text))
            .or_else(|| Section::parse(&section_text).ok());
        if section.is_none() {
            let titles: Vec<&str> = Section::ALL.iter().map(|x| x.title()).collect();
            self.problem(
                s,
                row,
                col::SECTION,
                format!(
                    "section \"{section_text}\" is not one of the four standing sections ({}); keep the section of each row as Ladder wrote it",
                    titles.join(", ")
                ),
            );
        }
        let date = s
            .date(row, col::MEETING_DATE, "meeting_date")
            .map_err(|p| self.problems.push(p));
        let body = validate::free_text("notes", &s.text(row, col::NOTES))
            .map_err(|e| self.problem(s, row, col::NOTES, e));
        let id = s.text(row, col::MEETING_ID);
        let (Some(person), Some(section), Ok(date), Ok(body)) = (person, section, date, body)
        else {
            return Ok(());
        };
        let meeting = if id.is_empty() {
            if body.is_empty() {
                // A person's row with nothing written: nothing to import.
                return Ok(());
            }
            match self.scheduled(s, row, col::NOTES, &person, "take these notes")? {
                Some(m) => m,
                None => return Ok(()),
            }
        } else {
            let m = match meetings::get_in(self.c, &id) {
                Ok(m) => m,
                Err(Error::NotFound { .. }) => {
                    self.problem(s, row, col::MEETING_ID, format!("meeting id {id} is not in this database; clear it to write the notes to {}'s scheduled meeting", person.name));
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            if m.person_id != person.id {
                self.problem(
                    s,
                    row,
                    col::PERSON,
                    format!(
                        "this meeting is {}'s, not {}'s; a meeting's notes stay with its person",
                        m.person, person.name
                    ),
                );
                return Ok(());
            }
            m
        };
        if meeting.status == MeetingStatus::Cancelled {
            self.problem(
                s,
                row,
                col::NOTES,
                format!(
                    "the meeting of {} was cancelled; notes go on a held or scheduled meeting",
                    meeting.scheduled_on
                ),
            );
            return Ok(());
        }
        let on = meeting.held_on.unwrap_or(meeting.scheduled_on);
        if let Some(d) = date.filter(|d| *d != meeting.scheduled_on && Some(*d) != meeting.held_on)
        {
            self.problem(
                s,
                row,
                col::MEETING_DATE,
                format!("{}'s meeting is on {on}, not {d}; move a scheduled meeting in Ladder (ladder meeting reschedule), not here", person.name),
            );
            return Ok(());
        }
        let cell = s.cell(row, col::NOTES);
        if let Some(first) = self
            .seen_notes
            .insert((meeting.id.clone(), section), cell.clone())
        {
            self.problem(
                s,
                row,
                col::NOTES,
                format!(
                    "the notes of this section of the meeting are also at {first}; keep one row per section"
                ),
            );
            return Ok(());
        }
        let old = meeting
            .sections
            .iter()
            .find(|n| n.section == section)
            .map(|n| n.body.clone())
            .unwrap_or_default();
        if old == body {
            self.preview.unchanged += 1;
            return Ok(());
        }
        self.preview.changed.push(Change {
            cell,
            record: "notes",
            id: Some(meeting.id.clone()),
            summary: format!("{} · {} · meeting of {on}", person.name, section.title()),
            fields: vec![field("notes", old, &body)],
        });
        self.ops.push(Op::WriteNotes {
            meeting_id: meeting.id,
            section,
            body,
        });
        Ok(())
    }

    fn action_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if ACTIONS_REQUIRED.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let person = self.person(s, row)?;
        let description = validate::required_text("description", &s.text(row, col::ACTION))
            .map_err(|e| self.problem(s, row, col::ACTION, e));
        let owner_text = s.text(row, col::OWNER);
        let owner = if owner_text.is_empty() {
            self.problem(
                s,
                row,
                col::OWNER,
                "owner is required: associate or manager",
            );
            Err(())
        } else {
            ActionOwner::parse(&owner_text).map_err(|e| self.problem(s, row, col::OWNER, e))
        };
        let due = s
            .date(row, col::DUE, "due_date")
            .map_err(|p| self.problems.push(p));
        let status_text = s.text(row, col::STATUS);
        let status = match ActionStatus::parse(&status_text) {
            _ if status_text.is_empty() => Ok(ActionStatus::Open),
            Ok(ActionStatus::Converted) | Err(_) => {
                self.problem(
                    s,
                    row,
                    col::STATUS,
                    format!("status '{status_text}' is not one of open, done"),
                );
                Err(())
            }
            Ok(st) => Ok(st),
        };
        let id = s.text(row, col::ACTION_ID);
        let (Some(person), Ok(description), Ok(owner), Ok(due), Ok(status)) =
            (person, description, owner, due, status)
        else {
            return Ok(());
        };
        let cell = s.cell(row, col::ACTION);
        if id.is_empty() {
            // A row this same file added when it was imported before still has no id (ids
            // are written by an export): it is that action item, not a second one. It is
            // looked for among the items such a workbook lists, so it is found after the
            // meeting it was added to was held, too.
            let ids_in_file = self
                .action_ids_in_file
                .get_or_insert_with(|| s.ids(col::ACTION_ID));
            let earlier = crate::export::meeting::action_items_in(self.c, &person.id)?
                .into_iter()
                .find(|a| {
                    a.description == description
                        && a.owner == owner
                        && a.due_date == due
                        && a.status == status
                        && !ids_in_file.contains(&a.id.to_lowercase())
                        && !self.seen_actions.contains_key(&a.id)
                });
            if let Some(a) = earlier {
                self.seen_actions.insert(a.id, cell);
                self.preview.unchanged += 1;
                return Ok(());
            }
            let Some(meeting) =
                self.scheduled(s, row, col::PERSON, &person, "add this action item to")?
            else {
                return Ok(());
            };
            self.preview.added.push(Change {
                cell,
                record: "action item",
                id: None,
                summary: format!("{} · {description}", person.name),
                fields: if status == ActionStatus::Done {
                    vec![field("status", "open", "done")]
                } else {
                    Vec::new()
                },
            });
            self.ops.push(Op::AddAction {
                meeting_id: meeting.id,
                new: NewAction {
                    description,
                    owner,
                    due_date: due,
                },
                done: status == ActionStatus::Done,
            });
            return Ok(());
        }
        if let Some(first) = self.seen_actions.insert(id.clone(), cell.clone()) {
            self.problem(
                s,
                row,
                col::ACTION_ID,
                format!("this action item also appears at {first}; keep one row per action item"),
            );
            return Ok(());
        }
        let old = match meetings::action_in(self.c, &id) {
            Ok(a) => a,
            Err(Error::NotFound { .. }) => {
                self.problem(
                    s,
                    row,
                    col::ACTION_ID,
                    format!("action item id {id} is not in this database; clear it to add the action item as new"),
                );
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let meeting = meetings::get_in(self.c, &old.meeting_id)?;
        if meeting.person_id != person.id {
            self.problem(
                s,
                row,
                col::PERSON,
                format!(
                    "this action item is {}'s, not {}'s; an action item stays with its person",
                    meeting.person, person.name
                ),
            );
            return Ok(());
        }
        let mut fields = Vec::new();
        let mut patch = ActionPatch::default();
        let mut edited_at = None;
        if old.description != description {
            fields.push(field("description", &old.description, &description));
            patch.description = Some(description);
            edited_at.get_or_insert(col::ACTION);
        }
        if old.owner != owner {
            fields.push(field("owner", old.owner, owner));
            patch.owner = Some(owner);
            edited_at.get_or_insert(col::OWNER);
        }
        if old.due_date != due {
            fields.push(field("due_date", opt(old.due_date), opt(due)));
            patch.due_date = Some(due);
            edited_at.get_or_insert(col::DUE);
        }
        let close = match (old.status, status) {
            (ActionStatus::Open, ActionStatus::Done) => true,
            (a, b) if a == b => false,
            (ActionStatus::Converted, _) => {
                self.problem(
                    s,
                    row,
                    col::STATUS,
                    "this action item became a plan activity; it changes with that activity now, not here",
                );
                return Ok(());
            }
            (_, _) => {
                self.problem(
                    s,
                    row,
                    col::STATUS,
                    format!(
                        "this action item is already done in Ladder (closed on {}); reopen it there (ladder action reopen), not here",
                        opt(old.closed_on)
                    ),
                );
                return Ok(());
            }
        };
        if let Some(header) = edited_at.filter(|_| old.status != ActionStatus::Open) {
            self.problem(
                s,
                row,
                header,
                format!(
                    "this action item is {} in Ladder; only open action items can be edited",
                    old.status
                ),
            );
            return Ok(());
        }
        if close {
            fields.push(field("status", "open", "done"));
        }
        if fields.is_empty() {
            self.preview.unchanged += 1;
            return Ok(());
        }
        self.preview.changed.push(Change {
            cell,
            record: "action item",
            id: Some(old.id.clone()),
            summary: format!("{} · {}", person.name, old.description),
            fields,
        });
        if edited_at.is_some() {
            self.ops.push(Op::EditAction {
                id: old.id.clone(),
                patch,
            });
        }
        if close {
            self.ops.push(Op::CloseAction { id: old.id });
        }
        Ok(())
    }

    fn finish(mut self, today: NaiveDate) -> Result<MeetingImport> {
        if !self.problems.is_empty() {
            return Err(Error::ImportRefused {
                problems: self.problems,
            });
        }
        // The action items the workbook lists for these people, absent from the file.
        for p in &self.people_in_file {
            for item in crate::export::meeting::action_items_in(self.c, &p.id)? {
                if !self.seen_actions.contains_key(&item.id) {
                    self.preview.missing.push(Change {
                        cell: String::new(),
                        record: "action item",
                        id: Some(item.id.clone()),
                        summary: format!("{} · {}", p.name, item.description),
                        fields: Vec::new(),
                    });
                }
            }
        }
        Ok(MeetingImport {
            preview: self.preview,
            ops: self.ops,
            today,
        })
    }
}

impl MeetingImport {
    /// Applies the changes; the caller holds the transaction.
    pub(crate) fn apply(&self, c: &Connection) -> Result<()> {
        for op in &self.ops {
            match op {
                Op::WriteNotes {
                    meeting_id,
                    section,
                    body,
                } => {
                    meetings::write_notes_in(c, meeting_id, *section, body)?;
                }
                Op::AddAction {
                    meeting_id,
                    new,
                    done,
                } => {
                    let item = meetings::add_action_in(c, meeting_id, new.clone())?;
                    if *done {
                        meetings::close_action_in(c, &item.id, self.today)?;
                    }
                }
                Op::EditAction { id, patch } => {
                    meetings::edit_action_in(c, id, patch.clone())?;
                }
                Op::CloseAction { id } => {
                    meetings::close_action_in(c, id, self.today)?;
                }
            }
        }
        Ok(())
    }
}
