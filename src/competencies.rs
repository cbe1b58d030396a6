//! The competency library (how work gets done) and ratings of people against it.
//!
//! The default library ships as `data/competencies.json` and is loaded into every new
//! database; an organisation then renames, adds and retires. Retired competencies keep
//! their ratings and goals. Ratings are 1–5 against the current or the next level, by a
//! rater, on a date, and are never overwritten, so a trend can be shown.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, RecordKind, Snapshot};
use crate::codes::code_enum;
use crate::people::Person;
use crate::privacy::{Appearance, Tally};
use crate::{new_id, people, timestamp, validate, Db, Error, Result};

code_enum!(
    /// The level a rating is made against.
    Level, "level", { Current = "current", Next = "next" }
);

code_enum!(
    /// Who gave a rating.
    Rater, "rater", { SelfRater = "self", Manager = "manager", Other = "other" }
);

/// Suggested anchors for the 1–5 scale, shown wherever a rating is entered.
pub const ANCHORS: [(i64, &str); 5] = [
    (1, "not yet shown"),
    (2, "developing"),
    (3, "solid at this level"),
    (4, "strong at this level"),
    (5, "role model"),
];

/// A competency of the library.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub description: String,
    pub behaviours: Vec<String>,
    pub retired_at: Option<String>,
}

/// One rating of one person on one competency.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rating {
    pub id: String,
    pub person_id: String,
    pub competency_id: String,
    pub competency: String,
    pub level: Level,
    pub rater: Rater,
    pub rater_name: Option<String>,
    pub score: i64,
    pub rated_on: NaiveDate,
    pub evidence: String,
}

/// What a user gives to rate someone.
#[derive(Debug, Clone, Deserialize)]
pub struct NewRating {
    pub person_id: String,
    pub competency_id: String,
    pub level: Level,
    pub rater: Rater,
    pub rater_name: Option<String>,
    pub score: i64,
    pub rated_on: NaiveDate,
    pub evidence: String,
}

#[derive(Deserialize)]
struct LibraryEntry {
    name: String,
    #[serde(default)]
    description: String,
    behaviours: Vec<String>,
}

const DEFAULT_LIBRARY: &str = include_str!("../data/competencies.json");

/// True before the default library was loaded (competencies are retired, never deleted).
pub(crate) fn library_is_empty(c: &Connection) -> Result<bool> {
    Ok(
        !c.query_row("SELECT EXISTS (SELECT 1 FROM competencies)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Loads the default library into a database that has no competencies yet.
pub(crate) fn seed_default_library(c: &Connection) -> Result<()> {
    if !library_is_empty(c)? {
        return Ok(());
    }
    let entries: Vec<LibraryEntry> =
        serde_json::from_str(DEFAULT_LIBRARY).map_err(|e| Error::Io {
            context: "reading the default competency library".into(),
            source: std::io::Error::other(e),
        })?;
    for e in entries {
        add_in(c, &e.name, &e.description, &e.behaviours)?;
    }
    Ok(())
}

/// The library, in its order; retired competencies only when asked.
pub fn list(db: &Db, include_retired: bool) -> Result<Vec<Competency>> {
    db.read(|c| list_in(c, include_retired))
}

pub(crate) fn list_in(c: &Connection, include_retired: bool) -> Result<Vec<Competency>> {
    let filter = if include_retired {
        ""
    } else {
        "WHERE retired_at IS NULL"
    };
    let mut stmt = c.prepare(&format!(
        "SELECT id FROM competencies {filter} ORDER BY position, name"
    ))?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter().map(|id| get_in(c, id)).collect()
}

/// Adds a competency to the library.
pub fn add(db: &Db, name: &str, description: &str, behaviours: &[String]) -> Result<Competency> {
    db.write(|c| add_in(c, name, description, behaviours))
}

fn add_in(
    c: &Connection,
    name: &str,
    description: &str,
    behaviours: &[String],
) -> Result<Competency> {
    let name = validate::required_text("competency", name)?;
    refuse_duplicate_name(c, &name, None)?;
    let id = new_id();
    let now = timestamp();
    c.execute(
        "INSERT INTO competencies (id, name, description, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM competencies), ?4, ?4)",
        (
            &id,
            &name,
            validate::free_text("description", description)?,
            &now,
        ),
    )?;
    write_behaviours(c, &id, behaviours)?;
    get_in(c, &id)
}

/// Renames a competency; its ratings and goals follow.
pub fn rename(db: &Db, id: &str, new_name: &str) -> Result<Competency> {
    edit(db, id, Some(new_name), None)
}

/// Replaces the behaviours a competency covers.
pub fn set_behaviours(db: &Db, id: &str, behaviours: &[String]) -> Result<Competency> {
    edit(db, id, None, Some(behaviours))
}

/// Renames a competency, replaces its behaviours, or both in one write: a form that
/// edits both must not keep the new name when the behaviours are refused.
pub fn edit(
    db: &Db,
    id: &str,
    new_name: Option<&str>,
    behaviours: Option<&[String]>,
) -> Result<Competency> {
    if new_name.is_none() && behaviours.is_none() {
        return db.read(|c| get_in(c, id));
    }
    db.write(|c| {
        let comp = get_in(c, id)?;
        if let Some(new_name) = new_name {
            let name = validate::required_text("competency", new_name)?;
            refuse_duplicate_name(c, &name, Some(&comp.id))?;
            c.execute(
                "UPDATE competencies SET name = ?2 WHERE id = ?1",
                (&comp.id, &name),
            )?;
        }
        if let Some(behaviours) = behaviours {
            c.execute(
                "DELETE FROM competency_behaviours WHERE competency_id = ?1",
                [&comp.id],
            )?;
            write_behaviours(c, &comp.id, behaviours)?;
        }
        c.execute(
            "UPDATE competencies SET updated_at = ?2 WHERE id = ?1",
            (&comp.id, timestamp()),
        )?;
        get_in(c, &comp.id)
    })
}

/// Retires a competency: it leaves the library and new ratings, and keeps its history.
pub fn retire(db: &Db, id: &str) -> Result<Competency> {
    set_retired(db, id, true)
}

/// Brings a retired competency back into the library.
pub fn restore(db: &Db, id: &str) -> Result<Competency> {
    set_retired(db, id, false)
}

fn set_retired(db: &Db, id: &str, retired: bool) -> Result<Competency> {
    db.write(|c| {
        let comp = get_in(c, id)?;
        if comp.retired_at.is_some() == retired {
            let state = if retired {
                "already retired"
            } else {
                "not retired"
            };
            return Err(Error::conflict(
                "competency",
                format!("competency {} is {state}", comp.name),
            ));
        }
        let now = timestamp();
        let retired_at = retired.then_some(now.as_str());
        c.execute(
            "UPDATE competencies SET retired_at = ?2, updated_at = ?3 WHERE id = ?1",
            (&comp.id, retired_at, &now),
        )?;
        get_in(c, &comp.id)
    })
}

/// Finds a competency by id, id suffix, name (any case), or a unique start of one of
/// the words of its name.
pub fn resolve(db: &Db, key: &str) -> Result<Competency> {
    db.read(|c| resolve_in(c, key))
}

pub(crate) fn resolve_in(c: &Connection, key: &str) -> Result<Competency> {
    if let Some(id) = crate::find_id(c, "competencies", "competency", key)? {
        return get_in(c, &id);
    }
    let named = list_in(c, true)?
        .into_iter()
        .map(|k| (k.name.clone(), k))
        .collect();
    crate::pick_by_name("competency", key, named, |name, _| name.to_string())
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Competency> {
    let (id, name, description, retired_at) = c
        .query_row(
            "SELECT id, name, description, retired_at FROM competencies WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("competency", id))?;
    let mut stmt = c.prepare_cached(
        "SELECT text FROM competency_behaviours WHERE competency_id = ?1 ORDER BY position",
    )?;
    let behaviours = stmt
        .query_map([&id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Competency {
        id,
        name,
        description,
        behaviours,
        retired_at,
    })
}

fn refuse_duplicate_name(c: &Connection, name: &str, except: Option<&str>) -> Result<()> {
    let clash = crate::same_name_in(
        c,
        "SELECT name FROM competencies WHERE id IS NOT ?1",
        [except],
        name,
    )?;
    match clash {
        Some(existing) => Err(Error::conflict(
            "competency",
            format!("competency {existing} already exists (names are unique, whatever the case)"),
        )),
        None => Ok(()),
    }
}

fn write_behaviours(c: &Connection, id: &str, behaviours: &[String]) -> Result<()> {
    let mut position = 0;
    for b in behaviours {
        let text = validate::free_text("behaviour", b)?;
        if text.is_empty() {
            continue;
        }
        position += 1;
        c.execute(
            "INSERT INTO competency_behaviours (competency_id, position, text) VALUES (?1, ?2, ?3)",
            (id, position, text),
        )?;
    }
    Ok(())
}

/// Checks a rating score.
pub fn check_score(score: i64) -> Result<i64> {
    validate::in_range("score", score, 1, 5)
}

/// Records a rating. Ratings are kept, never overwritten.
pub fn rate(db: &Db, new: NewRating, today: NaiveDate) -> Result<Rating> {
    db.write(|c| rate_in(c, new, today))
}

/// A rating says what was seen, so it is dated today at the latest.
pub fn check_rated_on(rated_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    validate::not_after_today(
        "rated_on",
        rated_on,
        today,
        "a rating records what was seen",
    )
}

/// The name of a rater, trimmed, or none. Self and the manager are named by the rating's
/// person; a name beside them would say someone else rated.
pub(crate) fn check_rater_name(rater: Rater, name: Option<&str>) -> Result<Option<String>> {
    let name = validate::optional_text("rater_name", name)?;
    if let (Some(name), Rater::SelfRater | Rater::Manager) = (&name, rater) {
        return Err(Error::invalid(
            "rater_name",
            format!(
                "rater name {name} goes with rater other; a rating by {rater} names nobody else"
            ),
        ));
    }
    Ok(name)
}

pub(crate) fn rate_in(c: &Connection, new: NewRating, today: NaiveDate) -> Result<Rating> {
    check_rated_on(new.rated_on, today)?;
    let score = check_score(new.score)?;
    let rater_name = check_rater_name(new.rater, new.rater_name.as_deref())?;
    let person = people::get_in(c, &new.person_id)?;
    people::refuse_archived(&person, "person", "rate them")?;
    let comp = get_in(c, &new.competency_id)?;
    if comp.retired_at.is_some() {
        return Err(Error::invalid(
            "competency",
            format!(
                "competency {} is retired; restore it to rate against it",
                comp.name
            ),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO ratings (id, person_id, competency_id, level, rater, rater_name, score,
            rated_on, evidence, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            id,
            person.id,
            comp.id,
            new.level,
            new.rater,
            rater_name,
            score,
            new.rated_on,
            validate::free_text("evidence", &new.evidence)?,
            timestamp()
        ],
    )?;
    let rating = ratings_in(c, &person.id, RatingFilter::One(&id))?.remove(0);
    audit_rating(c, &rating)?;
    Ok(rating)
}

/// The audit trail of ratings: ratings are only ever added, so one line says it all.
fn audit_rating(c: &Connection, r: &Rating) -> Result<()> {
    let by = match &r.rater_name {
        Some(name) => format!("{} ({name})", r.rater),
        None => r.rater.to_string(),
    };
    let snapshot = Snapshot {
        kind: RecordKind::Rating,
        id: r.id.clone(),
        person_id: Some(r.person_id.clone()),
        summary: format!(
            "{} at the {} level: {}/5 by {by} on {}",
            r.competency, r.level, r.score, r.rated_on
        ),
        fields: Vec::new(),
    };
    audit::record(c, None, Some(&snapshot))
}

/// Ratings of other people where this person is named as the rater.
pub(crate) fn appearances_in(c: &Connection, person: &Person) -> Result<Vec<Appearance>> {
    let mut stmt = c.prepare(
        "SELECT r.id, p.name, k.name, r.level, r.score, r.rated_on, r.evidence FROM ratings r
         JOIN people p ON p.id = r.person_id JOIN competencies k ON k.id = r.competency_id
         WHERE r.person_id <> ?1 AND r.rater_name = ?2 COLLATE NOCASE
         ORDER BY r.rated_on, r.id",
    )?;
    let rows = stmt
        .query_map((&person.id, person.name.trim()), |r| {
            Ok(Appearance {
                role: "rater",
                record_kind: "rating",
                record_id: r.get(0)?,
                of: r.get(1)?,
                summary: format!(
                    "{} at the {} level: {}/5 on {}",
                    r.get::<_, String>(2)?,
                    r.get::<_, Level>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, NaiveDate>(5)?
                ),
                notes: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Erases a person from ratings: the ratings of them go; where they are named as the
/// rater of someone else, or in the evidence, "former associate" stands instead.
pub(crate) fn erase_person_in(c: &Connection, person: &Person, tally: &mut Tally) -> Result<()> {
    tally.removed(
        "ratings",
        c.execute("DELETE FROM ratings WHERE person_id = ?1", [&person.id])?,
    );
    tally.scrub(c, "ratings", "id", &["rater_name", "evidence"])
}

const RATING_SELECT: &str = "SELECT r.id, r.person_id, r.competency_id, k.name, r.level, r.rater,
        r.rater_name, r.score, r.rated_on, r.evidence
    FROM ratings r JOIN competencies k ON k.id = r.competency_id";

fn rating_row(r: &Row) -> rusqlite::Result<Rating> {
    Ok(Rating {
        id: r.get(0)?,
        person_id: r.get(1)?,
        competency_id: r.get(2)?,
        competency: r.get(3)?,
        level: r.get(4)?,
        rater: r.get(5)?,
        rater_name: r.get(6)?,
        score: r.get(7)?,
        rated_on: r.get(8)?,
        evidence: r.get(9)?,
    })
}

enum RatingFilter<'a> {
    One(&'a str),
    Competency(Option<&'a str>),
    Latest,
    LatestAt(Level, NaiveDate),
    Since(NaiveDate),
}

fn ratings_in(c: &Connection, person_id: &str, filter: RatingFilter) -> Result<Vec<Rating>> {
    let order = "ORDER BY k.position, r.level, r.rated_on, r.id";
    let (sql, arg): (String, Option<String>) = match filter {
        RatingFilter::One(id) => (format!("{RATING_SELECT} WHERE r.person_id = ?1 AND r.id = ?2"), Some(id.into())),
        RatingFilter::Competency(k) => (
            format!("{RATING_SELECT} WHERE r.person_id = ?1 AND (?2 IS NULL OR r.competency_id = ?2) {order}"),
            k.map(Into::into),
        ),
        // The newest rating per competency and level; ties on a date go to the one
        // recorded last.
        RatingFilter::Latest => (
            format!(
                "{RATING_SELECT} WHERE r.person_id = ?1 AND ?2 IS NULL AND r.id = (
                    SELECT r2.id FROM ratings r2
                    WHERE r2.person_id = r.person_id AND r2.competency_id = r.competency_id
                      AND r2.level = r.level
                    ORDER BY r2.rated_on DESC, r2.id DESC LIMIT 1) {order}"
            ),
            None,
        ),
        // The same at one level, counting only ratings made on or before a date, so that a
        // dated record (a readiness assessment) reads the ratings as they stood that day.
        // The level is one of our codes, never user input.
        RatingFilter::LatestAt(level, d) => (
            format!(
                "{RATING_SELECT} WHERE r.person_id = ?1 AND r.level = '{level}' AND r.id = (
                    SELECT r2.id FROM ratings r2
                    WHERE r2.person_id = r.person_id AND r2.competency_id = r.competency_id
                      AND r2.level = r.level AND r2.rated_on <= ?2
                    ORDER BY r2.rated_on DESC, r2.id DESC LIMIT 1) {order}"
            ),
            Some(d.to_string()),
        ),
        RatingFilter::Since(d) => (
            format!("{RATING_SELECT} WHERE r.person_id = ?1 AND r.rated_on >= ?2 ORDER BY r.rated_on DESC, r.id DESC"),
            Some(d.to_string()),
        ),
    };
    let mut stmt = c.prepare(&sql)?;
    let v = stmt
        .query_map((person_id, arg), rating_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Every rating of a person, optionally for one competency, oldest first within each
/// competency and level: the history a trend is drawn from.
pub fn history(db: &Db, person_id: &str, competency_id: Option<&str>) -> Result<Vec<Rating>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        history_in(c, person_id, competency_id)
    })
}

pub(crate) fn history_in(
    c: &Connection,
    person_id: &str,
    competency_id: Option<&str>,
) -> Result<Vec<Rating>> {
    ratings_in(c, person_id, RatingFilter::Competency(competency_id))
}

/// The latest rating of a person per competency and level.
pub fn latest(db: &Db, person_id: &str) -> Result<Vec<Rating>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        ratings_in(c, person_id, RatingFilter::Latest)
    })
}

/// The latest rating of a person per competency at one level, as it stood on a date.
pub(crate) fn latest_at_in(
    c: &Connection,
    person_id: &str,
    level: Level,
    as_of: NaiveDate,
) -> Result<Vec<Rating>> {
    ratings_in(c, person_id, RatingFilter::LatestAt(level, as_of))
}

/// Ratings of a person on or after a date, newest first.
pub(crate) fn since_in(c: &Connection, person_id: &str, from: NaiveDate) -> Result<Vec<Rating>> {
    ratings_in(c, person_id, RatingFilter::Since(from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::NewPerson;

    fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    fn setup() -> (Db, String, Competency) {
        let db = Db::open_in_memory().unwrap();
        let p = people::add(
            &db,
            NewPerson {
                name: "Sam".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let k = resolve(&db, "communication").unwrap();
        (db, p.id, k)
    }

    fn rating(person: &str, k: &Competency, score: i64, on: &str) -> NewRating {
        NewRating {
            person_id: person.into(),
            competency_id: k.id.clone(),
            level: Level::Current,
            rater: Rater::Manager,
            rater_name: None,
            score,
            rated_on: date(on),
            evidence: "ran the retro".into(),
        }
    }

    #[test]
    fn a_new_database_holds_the_default_library() {
        let db = Db::open_in_memory().unwrap();
        let lib = list(&db, false).unwrap();
        assert_eq!(lib.len(), 10);
        assert_eq!(lib[0].name, "Communication");
        assert_eq!(lib[9].name, "Leverages resources");
        assert!(lib.iter().all(|k| !k.behaviours.is_empty()));
    }

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        let (db, p, k) = setup();
        for bad in [0, 6, -1] {
            let err = rate(&db, rating(&p, &k, bad, "2026-01-01"), date("2026-12-01")).unwrap_err();
            assert_eq!(err.field(), Some("score"));
            assert_eq!(err.to_string(), format!("score {bad} is outside 1–5"));
        }
        assert!(history(&db, &p, None).unwrap().is_empty());
    }

    #[test]
    fn only_a_rater_other_than_the_person_and_their_manager_is_named() {
        let (db, p, k) = setup();
        for rater in [Rater::SelfRater, Rater::Manager] {
            let named = NewRating {
                rater,
                rater_name: Some("Bob".into()),
                ..rating(&p, &k, 3, "2026-11-01")
            };
            let err = rate(&db, named, date("2026-12-01")).unwrap_err();
            assert_eq!(err.field(), Some("rater_name"));
            assert_eq!(
                err.to_string(),
                format!(
                    "rater name Bob goes with rater other; a rating by {rater} names nobody else"
                )
            );
        }
        assert!(history(&db, &p, None).unwrap().is_empty());
        let peer = NewRating {
            rater: Rater::Other,
            rater_name: Some("Bob".into()),
            ..rating(&p, &k, 3, "2026-11-01")
        };
        let r = rate(&db, peer, date("2026-12-01")).unwrap();
        assert_eq!(
            (r.rater, r.rater_name.as_deref()),
            (Rater::Other, Some("Bob"))
        );
        // An empty name is no name.
        let blank = NewRating {
            rater: Rater::SelfRater,
            rater_name: Some("  ".into()),
            ..rating(&p, &k, 4, "2026-11-01")
        };
        assert_eq!(
            rate(&db, blank, date("2026-12-01")).unwrap().rater_name,
            None
        );
    }

    #[test]
    fn a_rating_dated_after_today_is_refused() {
        let (db, p, k) = setup();
        let err = rate(&db, rating(&p, &k, 3, "2062-01-01"), date("2026-12-01")).unwrap_err();
        assert_eq!(err.field(), Some("rated_on"));
        assert_eq!(
            err.to_string(),
            "rated on 2062-01-01 is after today (2026-12-01); a rating records what was seen"
        );
        assert!(history(&db, &p, None).unwrap().is_empty());
        rate(&db, rating(&p, &k, 3, "2026-12-01"), date("2026-12-01")).unwrap();
    }

    #[test]
    fn history_is_kept_and_latest_wins_per_level() {
        let (db, p, k) = setup();
        rate(&db, rating(&p, &k, 2, "2026-01-01"), date("2026-12-01")).unwrap();
        rate(&db, rating(&p, &k, 4, "2026-03-01"), date("2026-12-01")).unwrap();
        let mut next = rating(&p, &k, 3, "2026-02-01");
        next.level = Level::Next;
        rate(&db, next, date("2026-12-01")).unwrap();
        let scores: Vec<i64> = history(&db, &p, Some(&k.id))
            .unwrap()
            .iter()
            .map(|r| r.score)
            .collect();
        assert_eq!(scores, [2, 4, 3]);
        let latest = latest(&db, &p).unwrap();
        assert_eq!(latest.len(), 2);
        assert_eq!((latest[0].level, latest[0].score), (Level::Current, 4));
        assert_eq!((latest[1].level, latest[1].score), (Level::Next, 3));
    }

    #[test]
    fn retired_competencies_keep_history_and_refuse_new_ratings() {
        let (db, p, k) = setup();
        rate(&db, rating(&p, &k, 3, "2026-01-01"), date("2026-12-01")).unwrap();
        retire(&db, &k.id).unwrap();
        assert_eq!(list(&db, false).unwrap().len(), 9);
        assert_eq!(list(&db, true).unwrap().len(), 10);
        assert_eq!(history(&db, &p, None).unwrap().len(), 1);
        let err = rate(&db, rating(&p, &k, 4, "2026-02-01"), date("2026-12-01")).unwrap_err();
        assert_eq!(err.field(), Some("competency"));
        restore(&db, &k.id).unwrap();
        rate(&db, rating(&p, &k, 4, "2026-02-01"), date("2026-12-01")).unwrap();
    }

    #[test]
    fn rename_refuses_a_name_in_use_and_keeps_ratings() {
        let (db, p, k) = setup();
        rate(&db, rating(&p, &k, 3, "2026-01-01"), date("2026-12-01")).unwrap();
        let err = rename(&db, &k.id, "TEAMWORK").unwrap_err();
        assert_eq!(err.code(), "conflict");
        // In every alphabet, not A–Z alone.
        let ethics = add(&db, "Éthique", "", &[]).unwrap();
        let err = rename(&db, &k.id, "éthique").unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(add(&db, "ÉTHIQUE", "", &[]).unwrap_err().code(), "conflict");
        assert_eq!(resolve(&db, "éthique").unwrap().id, ethics.id);
        rename(&db, &k.id, "Communicating").unwrap();
        assert_eq!(
            history(&db, &p, None).unwrap()[0].competency,
            "Communicating"
        );
        let edited = set_behaviours(&db, &k.id, &["Writes clearly".into(), " ".into()]).unwrap();
        assert_eq!(edited.behaviours, ["Writes clearly"]);
    }

    #[test]
    fn an_edit_of_name_and_behaviours_is_one_write() {
        let (db, _, k) = setup();
        let before = resolve(&db, &k.id).unwrap();
        let too_long = "x".repeat(validate::MAX_TEXT_CHARS + 1);
        let err = edit(&db, &k.id, Some("Communicating"), Some(&[too_long])).unwrap_err();
        assert_eq!(err.field(), Some("behaviour"));
        // The name was not kept without its behaviours.
        assert_eq!(resolve(&db, &k.id).unwrap(), before);
        let both = edit(
            &db,
            &k.id,
            Some("Communicating"),
            Some(&["Writes clearly".into()]),
        )
        .unwrap();
        assert_eq!(
            (both.name.as_str(), both.behaviours.as_slice()),
            ("Communicating", ["Writes clearly".to_string()].as_slice())
        );
    }
}
