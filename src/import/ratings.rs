//! Importing the competency-ratings workbook: rows of the Ratings sheet without an id are
//! new ratings. Ratings are history, so a row with an id must still match Ladder: a
//! correction is a new row, never an edit of an old one.

use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::cells::{Problem, SheetTable};
use super::{Change, Preview};
use crate::competencies::{self, Level, NewRating, Rater, Rating};
use crate::export::ratings::col;
use crate::export::RATINGS_SHEET;
use crate::{people, validate, Error, Result};

const REQUIRED: &[&str] = &[
    col::PERSON,
    col::COMPETENCY,
    col::LEVEL,
    col::RATER,
    col::RATER_NAME,
    col::SCORE,
    col::DATE,
    col::EVIDENCE,
    col::RATING_ID,
];

/// What importing a ratings workbook will do.
pub(crate) struct RatingsImport {
    pub preview: Preview,
    new: Vec<NewRating>,
}

pub(crate) fn analyze(
    c: &Connection,
    range: &Range<Data>,
    today: NaiveDate,
) -> Result<RatingsImport> {
    let s = SheetTable::new(RATINGS_SHEET, range, REQUIRED)
        .map_err(|problems| Error::ImportRefused { problems })?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut preview = Preview {
        workbook: "ratings".into(),
        ..Preview::default()
    };
    let mut new = Vec::new();
    let mut people_in_file: Vec<String> = Vec::new();
    // Each person's ratings in Ladder, read once for all of their rows.
    let mut histories: HashMap<String, Vec<Rating>> = HashMap::default();
    let mut seen: HashSet<String> = HashSet::default();
    let ids_in_file = s.ids(col::RATING_ID);
    for row in s.rows() {
        if REQUIRED.iter().all(|h| s.is_empty(row, h)) {
            continue;
        }
        let mut problem =
            |header: &str, rule: String| problems.push(format!("{}: {rule}", s.cell(row, header)));
        // Someone archived since the file was written is still named by their ratings,
        // which read back as history; a new rating for them is refused below.
        let person = people::exact_name_archived_too_in(c, &s.text(row, col::PERSON))
            .map_err(|e| problem(col::PERSON, e.to_string()));
        let competency = exact_competency(c, &s.text(row, col::COMPETENCY))
            .map_err(|e| problem(col::COMPETENCY, e.to_string()));
        let level =
            Level::parse(&s.text(row, col::LEVEL)).map_err(|e| problem(col::LEVEL, e.to_string()));
        let rater =
            Rater::parse(&s.text(row, col::RATER)).map_err(|e| problem(col::RATER, e.to_string()));
        let score = validate::integer("score", &s.text(row, col::SCORE))
            .and_then(competencies::check_score)
            .map_err(|e| problem(col::SCORE, e.to_string()));
        let date = match s.date(row, col::DATE, "rated_on") {
            Ok(Some(d)) => match competencies::check_rated_on(d, today) {
                Ok(d) => Some(d),
                Err(e) => {
                    problem(col::DATE, e.to_string());
                    None
                }
            },
            Ok(None) => {
                problem(col::DATE, "rated on date is required".into());
                None
            }
            Err(p) => {
                problem(
                    col::DATE,
                    p.split_once(": ")
                        .map_or(p.clone(), |(_, rule)| rule.to_string()),
                );
                None
            }
        };
        let (Ok(person), Ok(competency), Ok(level), Ok(rater), Ok(score), Some(rated_on)) =
            (person, competency, level, rater, score, date)
        else {
            continue;
        };
        let history = match histories.entry(person.id.clone()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                people_in_file.push(person.id.clone());
                e.insert(competencies::history_in(c, &person.id, None)?)
            }
        };
        let rating = NewRating {
            person_id: person.id.clone(),
            competency_id: competency.id.clone(),
            level,
            rater,
            rater_name: validate::optional_text("rater_name", Some(&s.text(row, col::RATER_NAME)))
                .ok()
                .flatten(),
            score,
            rated_on,
            evidence: s.text(row, col::EVIDENCE),
        };
        let id = s.text(row, col::RATING_ID);
        if id.is_empty() {
            // A row this same file added when it was imported before still has no id
            // (ids are written by an export): it is that rating, not a second one.
            let earlier = history.iter().find(|r| {
                same(r, &rating)
                    && !ids_in_file.contains(&r.id.to_lowercase())
                    && !seen.contains(&r.id)
            });
            if let Some(r) = earlier {
                seen.insert(r.id.clone());
                preview.unchanged += 1;
                continue;
            }
            if let Err(e) = people::refuse_archived(&person, "person", "rate them") {
                problems.push(format!("{}: {e}", s.cell(row, col::PERSON)));
                continue;
            }
            // A new rating only: one read back keeps the name it was stored with.
            if let Err(e) =
                competencies::check_rater_name(rating.rater, rating.rater_name.as_deref())
            {
                problems.push(format!("{}: {e}", s.cell(row, col::RATER_NAME)));
                continue;
            }
            if competency.retired_at.is_some() {
                problems.push(format!(
                    "{}: competency {} is retired; restore it to rate against it",
                    s.cell(row, col::COMPETENCY),
                    competency.name
                ));
                continue;
            }
            preview.added.push(Change {
                cell: s.cell(row, col::SCORE),
                record: "rating",
                id: None,
                summary: format!(
                    "{} · {} ({} level) {}/5 on {}",
                    person.name, competency.name, level, score, rated_on
                ),
                fields: Vec::new(),
            });
            new.push(rating);
            continue;
        }
        seen.insert(id.clone());
        match history.iter().find(|r| r.id == id) {
            Some(old) if same(old, &rating) => preview.unchanged += 1,
            Some(old) => {
                // Said at the first cell that differs, with what it held.
                let (header, was) = first_difference(old, &rating);
                problems.push(format!(
                    "{}: this rating was changed ({was}); ratings are history, so add the correction as a new row and leave this one as it was",
                    s.cell(row, header)
                ));
            }
            None => problems.push(format!("{}: rating id {id} is not in this database for {}; clear it to add the rating as new", s.cell(row, col::RATING_ID), person.name)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::ImportRefused { problems });
    }
    for person_id in &people_in_file {
        for r in &histories[person_id] {
            if !seen.contains(&r.id) {
                preview.missing.push(Change {
                    cell: String::new(),
                    record: "rating",
                    id: Some(r.id.clone()),
                    summary: format!(
                        "{} ({} level) {}/5 on {}",
                        r.competency, r.level, r.score, r.rated_on
                    ),
                    fields: Vec::new(),
                });
            }
        }
    }
    Ok(RatingsImport { preview, new })
}

impl RatingsImport {
    /// Adds the new ratings; the caller holds the transaction.
    pub(crate) fn apply(&self, c: &Connection, today: NaiveDate) -> Result<()> {
        for r in &self.new {
            competencies::rate_in(c, r.clone(), today)?;
        }
        Ok(())
    }
}

/// The first column of a rating's row that differs from the rating stored, and what the
/// rating held there. Only called when [`same`] is false.
fn first_difference(old: &Rating, new: &NewRating) -> (&'static str, String) {
    if old.competency_id != new.competency_id {
        (
            col::COMPETENCY,
            format!("its competency was {}", old.competency),
        )
    } else if old.level != new.level {
        (col::LEVEL, format!("its level was {}", old.level))
    } else if old.rater != new.rater {
        (col::RATER, format!("its rater was {}", old.rater))
    } else if old.rater_name != new.rater_name {
        (col::RATER_NAME, "its rater name differed".into())
    } else if old.score != new.score {
        (col::SCORE, format!("its score was {}", old.score))
    } else if old.rated_on != new.rated_on {
        (col::DATE, format!("its date was {}", old.rated_on))
    } else {
        (col::EVIDENCE, "its evidence differed".into())
    }
}

fn same(old: &Rating, new: &NewRating) -> bool {
    old.competency_id == new.competency_id
        && old.level == new.level
        && old.rater == new.rater
        && old.rater_name == new.rater_name
        && old.score == new.score
        && old.rated_on == new.rated_on
        && old.evidence == new.evidence
}

/// A competency by its exact name (any case), retired ones included.
fn exact_competency(c: &Connection, name: &str) -> Result<competencies::Competency> {
    competencies::list_in(c, true)?
        .into_iter()
        .find(|k| k.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            if name.trim().is_empty() {
                Error::invalid("competency", "competency must not be empty")
            } else {
                Error::invalid(
                    "competency",
                    format!("competency \"{}\" is not in the library", name.trim()),
                )
            }
        })
}
