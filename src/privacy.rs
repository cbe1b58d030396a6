//! Personal data: everything Ladder holds about one person, for the right of access
//! ([`export`]: a JSON document and a workbook), and erasing them everywhere ([`erase`]).
//!
//! Each area keeps its own SQL: it hands over one person's records and the places where
//! the person appears in other people's records, and erases its own part. This module
//! puts the parts together, in one read for an export and one transaction for an erase.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, Entry};
use crate::change::person::ChangeScores;
use crate::change::raci::RaciRoleOf;
use crate::competencies::{self, Rating};
use crate::meetings::{self, Meeting};
use crate::people::{self, Person};
use crate::plans::{self, Goal};
use crate::{backup, change, profile, promotion, short_id, Db, Error, Result};

/// What stands in other people's records where an erased person was named.
pub const FORMER_ASSOCIATE: &str = "former associate";

/// The shape of the JSON document, so a reader knows what it holds.
pub const EXPORT_FORMAT: &str = "ladder.person_export.v1";

/// Everything Ladder holds about one person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    pub format: &'static str,
    /// The day of the export.
    pub exported_on: NaiveDate,
    pub person: Person,
    pub reporting_line: ReportingLine,
    /// True when this person is the user of this copy of Ladder.
    pub user_of_this_copy: bool,
    /// Every rating given to them, oldest first per competency and level.
    pub ratings: Vec<Rating>,
    /// Their development plan: goals with their activities.
    pub plan: Vec<Goal>,
    /// Their development meetings with notes and action items, newest first.
    pub meetings: Vec<Meeting>,
    /// Their promotion-readiness assessments, newest first.
    pub readiness: Vec<promotion::Assessment>,
    /// Their ADKAR scores in each change they are a stakeholder in.
    pub change_scores: Vec<ChangeScores>,
    /// Their roles in RACI charts.
    pub raci_roles: Vec<RaciRoleOf>,
    /// Where they appear in other people's records or in changes: a resource of an
    /// activity, a rater by name, an advocate, an owner, an influential associate.
    pub appears_in: Vec<Appearance>,
    /// The audit trail of their records, oldest first.
    pub audit: Vec<Entry>,
    /// The changes they made while they were the user of this copy, oldest first.
    pub audit_by_them: Vec<Entry>,
}

/// A person's place in the reporting lines.
#[derive(Debug, Clone, Serialize)]
pub struct ReportingLine {
    /// Their manager, that manager's manager, and so on up.
    pub managers: Vec<PersonRef>,
    /// The people who report to them directly.
    pub direct_reports: Vec<PersonRef>,
}

/// Another person, by id and name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// A place where the person appears in a record that is not theirs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Appearance {
    /// resource, rater, advocate, change_owner, action_owner or influencer.
    pub role: &'static str,
    /// activity, rating, advocate, change, change_action or change_influencer.
    pub record_kind: &'static str,
    pub record_id: String,
    /// Whose record it is: a person's name or a change's name.
    pub of: String,
    /// What the record is, in a line.
    pub summary: String,
    /// What they said or what was written about them there, if anything.
    pub notes: String,
}

/// An export ready to save: the document, and the same as JSON and as a workbook.
pub struct Export {
    pub data: PersonalData,
    /// The JSON document (pretty-printed, UTF-8).
    pub json: Vec<u8>,
    /// The workbook (.xlsx).
    pub workbook: Vec<u8>,
    /// A file name without extension: the person's name and short id.
    pub file_stem: String,
}

/// Everything held about one person, as one snapshot.
pub fn personal_data(db: &Db, person_id: &str, today: NaiveDate) -> Result<PersonalData> {
    db.read(|c| personal_data_in(c, person_id, today))
}

/// The right of access: everything held about one person as a JSON document and a
/// workbook. Nothing is written; the caller saves the bytes.
pub fn export(db: &Db, person_id: &str, today: NaiveDate) -> Result<Export> {
    let data = personal_data(db, person_id, today)?;
    let json = serde_json::to_vec_pretty(&data).map_err(|e| Error::Io {
        context: "writing the JSON document".into(),
        source: std::io::Error::other(e),
    })?;
    let workbook = crate::export::person::write(&data)?;
    let file_stem = format!("{}-{}", slug(&data.person.name), short_id(&data.person.id));
    Ok(Export {
        data,
        json,
        workbook,
        file_stem,
    })
}

fn personal_data_in(c: &Connection, person_id: &str, today: NaiveDate) -> Result<PersonalData> {
    let person = people::get_in(c, person_id)?;
    let me = profile::load(c)?;
    let mut appears_in = plans::appearances_in(c, &person)?;
    appears_in.extend(competencies::appearances_in(c, &person)?);
    appears_in.extend(promotion::appearances_in(c, &person)?);
    appears_in.extend(change::person::appearances_in(c, &person)?);
    Ok(PersonalData {
        format: EXPORT_FORMAT,
        exported_on: today,
        reporting_line: ReportingLine {
            managers: people::managers_in(c, &person.id)?
                .into_iter()
                .map(|p| PersonRef {
                    id: p.id,
                    name: p.name,
                })
                .collect(),
            direct_reports: people::reports_of_in(c, &person.id)?
                .into_iter()
                .map(|p| PersonRef {
                    id: p.id,
                    name: p.name,
                })
                .collect(),
        },
        user_of_this_copy: me.is_some_and(|m| m.person_id == person.id),
        ratings: competencies::history_in(c, &person.id, None)?,
        plan: plans::goals_of_in(c, std::slice::from_ref(&person.id), false)?,
        meetings: meetings::list_in(c, &person.id)?,
        readiness: promotion::ids_of_in(c, &person.id, None)?
            .iter()
            .map(|id| promotion::get_in(c, id))
            .collect::<Result<_>>()?,
        change_scores: change::person::scores_of_in(c, &person.id)?,
        raci_roles: change::raci::roles_of_in(c, &person.id)?,
        appears_in,
        audit: audit::of_person_in(c, &person.id)?,
        audit_by_them: audit::by_actor_in(c, &person.id)?,
        person,
    })
}

/// What an erase removed and replaced.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Erased {
    pub person_id: String,
    /// How many records of each kind were deleted.
    pub removed: BTreeMap<&'static str, usize>,
    /// How many places in other records now say "former associate" instead of them.
    pub replaced: usize,
    /// Places in other records' text where a part of their name alone is still written,
    /// to review by hand.
    pub mentions: Vec<Mention>,
    /// True when the file and its write-ahead log were rewritten so that no trace of the
    /// deleted data is left in them. False when another program held the database open;
    /// the erase itself is complete and committed either way.
    pub traces_cleared: bool,
    /// The copies of the database (backups, files a restore kept aside) that still held
    /// the person.
    pub copies: Copies,
}

/// What an erase did to the copies of the database that Ladder made.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Copies {
    /// Copies that held the person and were deleted.
    pub deleted: Vec<PathBuf>,
    /// Copies that could not be read or deleted, with why: they may still hold the person.
    pub left: Vec<CopyLeft>,
    /// The backup taken after the erase, so that a restore point remains.
    pub new_backup: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopyLeft {
    pub path: PathBuf,
    pub reason: String,
}

/// Counts what an erase does, area by area, and replaces the erased person's name in
/// the text of other records.
#[derive(Debug)]
pub(crate) struct Tally {
    name: String,
    pub removed: BTreeMap<&'static str, usize>,
    pub replaced: usize,
    pub mentions: Vec<Mention>,
}

impl Tally {
    fn new(name: &str) -> Self {
        Tally {
            name: name.trim().to_string(),
            removed: BTreeMap::new(),
            replaced: 0,
            mentions: Vec::new(),
        }
    }

    pub fn removed(&mut self, what: &'static str, n: usize) {
        if n > 0 {
            *self.removed.entry(what).or_default() += n;
        }
    }

    /// Replaces the erased person's full name in the text `columns` of `table` with
    /// "former associate", and notes where a part of their name alone (a first name)
    /// is still written, naming the record by its `key` column.
    pub fn scrub(
        &mut self,
        c: &Connection,
        table: &'static str,
        key: &'static str,
        columns: &[&'static str],
    ) -> Result<()> {
        self.scrub_columns(c, table, Some(key), columns)
    }

    /// Like [`Tally::scrub`], without noting what is left.
    pub fn scrub_quietly(
        &mut self,
        c: &Connection,
        table: &'static str,
        columns: &[&'static str],
    ) -> Result<()> {
        self.scrub_columns(c, table, None, columns)
    }

    /// `table`, `key` and `columns` are always ours, never user input.
    fn scrub_columns(
        &mut self,
        c: &Connection,
        table: &'static str,
        key: Option<&'static str>,
        columns: &[&'static str],
    ) -> Result<()> {
        let parts: Vec<&str> = self.name.split_whitespace().collect();
        let parts = if parts.len() > 1 { parts } else { Vec::new() };
        // A record whose text changes is marked edited, where its table keeps when: an
        // import of a workbook exported before the erasure then refuses its row rather
        // than write the name back (`import::stale`).
        let stamped: bool = c.query_row(
            "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = 'updated_at'",
            [table],
            |r| r.get(0),
        )?;
        let now = crate::timestamp();
        for col in columns {
            let mut stmt = c.prepare(&format!(
                "SELECT rowid, {col}, {} FROM {table} WHERE {col} IS NOT NULL AND {col} <> ''",
                key.unwrap_or("NULL")
            ))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut update = c.prepare(&if stamped {
                format!("UPDATE {table} SET {col} = ?2, updated_at = ?3 WHERE rowid = ?1")
            } else {
                format!("UPDATE {table} SET {col} = ?2 WHERE rowid = ?1")
            })?;
            for (rowid, text, record_id) in rows {
                let new = replace_name(&text, &self.name, FORMER_ASSOCIATE);
                if let Some(new) = &new {
                    if stamped {
                        update.execute((rowid, new, &now))?;
                    } else {
                        update.execute((rowid, new))?;
                    }
                    self.replaced += 1;
                }
                let now = new.as_deref().unwrap_or(&text);
                if let (Some(record_id), Some(part)) =
                    (record_id, parts.iter().find(|p| contains_word(now, p)))
                {
                    self.mentions.push(Mention {
                        table,
                        column: col,
                        record_id,
                        word: part.to_string(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// A place in another record's text where a part of an erased person's name (a first
/// name, say) is still written: Ladder cannot tell whether it means them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mention {
    pub table: &'static str,
    pub column: &'static str,
    pub record_id: String,
    pub word: String,
}

/// Erases a person everywhere, in one transaction: their own records go (profile, plan,
/// ratings of them, meetings, readiness assessments, change scores, RACI roles, the audit
/// trail of their records), and where other records name them, "former associate"
/// stands instead. Refused, changing nothing, while they manage anyone or own a change:
/// reassign those first. Then the database is rewritten without the deleted data
/// (`secure_delete`, `VACUUM`, and the write-ahead log checkpointed and truncated).
pub fn erase(db: &Db, person_id: &str) -> Result<Erased> {
    let ((tally, id), traces_cleared) = db.write_erasing(|c| {
        let person = people::get_in(c, person_id)?;
        refuse_while_responsible(c, &person)?;
        let mut tally = Tally::new(&person.name);
        audit::erased_in(c, &person.id)?;
        profile::forget_in(c, &person.id)?;
        change::erase_person_in(c, &person, &mut tally)?;
        promotion::erase_person_in(c, &person, &mut tally)?;
        meetings::erase_person_in(c, &person, &mut tally)?;
        plans::erase_person_in(c, &person, &mut tally)?;
        competencies::erase_person_in(c, &person, &mut tally)?;
        audit::erase_person_in(c, &person.id, &mut tally)?;
        people::erase_in(c, &person, &mut tally)?;
        Ok((tally, person.id))
    })?;
    let copies = forget_in_copies(db, &id);
    Ok(Erased {
        person_id: id,
        removed: tally.removed,
        replaced: tally.replaced,
        mentions: tally.mentions,
        traces_cleared,
        copies,
    })
}

/// Deletes every backup and kept-aside file that still holds the erased person: a
/// restore from one of them would bring them back. When any was deleted, a fresh backup
/// of the erased database takes their place. Runs after the erase has committed, so a
/// copy that cannot be read or deleted is reported rather than undoing the erase.
fn forget_in_copies(db: &Db, person_id: &str) -> Copies {
    let mut copies = Copies::default();
    let Some(db_path) = db.path() else {
        return copies;
    };
    let found = match backup::copies(db_path) {
        Ok(found) => found,
        Err(e) => {
            copies.left.push(CopyLeft {
                path: backup::folder(db_path),
                reason: e.to_string(),
            });
            return copies;
        }
    };
    for path in found {
        let outcome = backup::holds_person(&path, person_id).and_then(|holds| {
            if holds {
                backup::remove_copy(&path).map_err(|e| e.to_string())?;
            }
            Ok(holds)
        });
        match outcome {
            Ok(true) => copies.deleted.push(path),
            Ok(false) => {}
            Err(reason) => copies.left.push(CopyLeft { path, reason }),
        }
    }
    if !copies.deleted.is_empty() {
        match backup::create(db, backup::Reason::Erase) {
            Ok(b) => copies.new_backup = Some(b.path),
            Err(e) => copies.left.push(CopyLeft {
                path: backup::folder(db_path),
                reason: format!("no new backup could be taken: {e}"),
            }),
        }
    }
    copies
}

/// Someone who manages people or owns a change cannot be erased: those records need a
/// real person in that place, which only the user can choose.
fn refuse_while_responsible(c: &Connection, person: &Person) -> Result<()> {
    let reports = people::reports_of_in(c, &person.id)?;
    if !reports.is_empty() {
        let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
        return Err(Error::conflict(
            "person",
            format!(
                "{} still manages {}; give them another manager first (`ladder person edit NAME --manager PERSON`), then erase",
                person.name,
                names.join(", ")
            ),
        ));
    }
    let owned = change::owned_by_in(c, &person.id)?;
    if !owned.is_empty() {
        return Err(Error::conflict(
            "person",
            format!(
                "{} owns the change {}; a change has exactly one owner, so give it another owner first (`ladder change edit CHANGE --owner PERSON`), then erase",
                person.name,
                owned.join(", ")
            ),
        ));
    }
    Ok(())
}

/// `text` with every whole-word occurrence of `name` (any case) replaced by `with`, or
/// `None` when there is none. "Ana" is replaced in "ask Ana" but not in "Banana".
pub fn replace_name(text: &str, name: &str, with: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut found = false;
    let mut i = 0;
    while i < text.len() {
        if let Some(end) = match_at(text, i, name) {
            let before = text[..i].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push_str(&text[rest..i]);
                out.push_str(with);
                rest = end;
                found = true;
                i = end;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if !found {
        return None;
    }
    out.push_str(&text[rest..]);
    Some(out)
}

/// True when `word` stands in `text` as a whole word, in this exact case.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Where a case-insensitive match of `needle` starting at byte `at` of `hay` ends.
fn match_at(hay: &str, at: usize, needle: &str) -> Option<usize> {
    let mut end = at;
    let mut hay_chars = hay[at..].chars();
    for n in needle.chars() {
        let h = hay_chars.next()?;
        if h != n && !h.to_lowercase().eq(n.to_lowercase()) {
            return None;
        }
        end += h.len_utf8();
    }
    Some(end)
}

/// A file-name-safe form of a name: lowercase ASCII letters and digits joined by dashes.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "person".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_as_whole_words_in_any_case() {
        let r = |t: &str, n: &str| replace_name(t, n, FORMER_ASSOCIATE);
        assert_eq!(
            r("Debrief with Priya Raman after the demo", "Priya Raman").as_deref(),
            Some("Debrief with former associate after the demo")
        );
        assert_eq!(
            r("ask ana, then ANA", "Ana").as_deref(),
            Some("ask former associate, then former associate")
        );
        assert_eq!(r("Banana bread", "Ana"), None);
        assert_eq!(r("Priya Ramanathan", "Priya Raman"), None);
        assert_eq!(r("Émile", "émile").as_deref(), Some(FORMER_ASSOCIATE));
        assert_eq!(r("anything", "  "), None);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Priya Raman"), "priya-raman");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("李"), "person");
    }
}
