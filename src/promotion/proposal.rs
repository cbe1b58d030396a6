//! Requirement 2 proposed from ratings: the latest next-level rating of every active
//! competency, as it stood on the assessment's date. Retired competencies and
//! current-level ratings take no part. The manager may override the proposal, with a
//! reason (kept by the assessment, not here).

use foldhash::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::Status;
use crate::competencies::{self, Level};
use crate::{Db, Result};

/// The score from which a competency counts as shown at the next level ("solid at this
/// level" on the 1–5 anchors).
pub const SOLID_SCORE: i64 = 3;

/// The proposed status of requirement 2 and the ratings it comes from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Proposal {
    pub status: Status,
    /// The ratings counted are those made on or before this date.
    pub as_of: NaiveDate,
    /// Every active competency, in library order, with its latest next-level rating.
    pub competencies: Vec<ProposalLine>,
}

/// One active competency in a proposal.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProposalLine {
    pub competency_id: String,
    pub competency: String,
    /// The latest next-level score, if it was ever rated at the next level.
    pub score: Option<i64>,
    pub rated_on: Option<NaiveDate>,
    /// Not rated at the next level, or rated below [`SOLID_SCORE`]: this keeps the
    /// proposal from `met`.
    pub holds_back: bool,
}

impl Proposal {
    /// The competencies that keep the proposal from `met`.
    pub fn holding_back(&self) -> impl Iterator<Item = &ProposalLine> {
        self.competencies.iter().filter(|l| l.holds_back)
    }

    /// How many active competencies have a next-level rating.
    pub fn rated(&self) -> usize {
        self.competencies
            .iter()
            .filter(|l| l.score.is_some())
            .count()
    }
}

/// The rule, over the latest next-level score of each active competency (`None` when not
/// rated): none rated → unknown; every one rated 3 or more → met; every one rated and
/// each below 3 → not yet; anything between (some unrated, or some below 3) → partly.
pub fn propose(scores: &[Option<i64>]) -> Status {
    let rated: Vec<i64> = scores.iter().flatten().copied().collect();
    let all_rated = rated.len() == scores.len();
    if rated.is_empty() {
        Status::Unknown
    } else if all_rated && rated.iter().all(|s| *s >= SOLID_SCORE) {
        Status::Met
    } else if all_rated && rated.iter().all(|s| *s < SOLID_SCORE) {
        Status::NotYet
    } else {
        Status::Partly
    }
}

/// The proposal for a person from the ratings made on or before `as_of`.
pub fn proposal(db: &Db, person_id: &str, as_of: NaiveDate) -> Result<Proposal> {
    db.read(|c| proposal_in(c, person_id, as_of))
}

pub(crate) fn proposal_in(c: &Connection, person_id: &str, as_of: NaiveDate) -> Result<Proposal> {
    let latest: HashMap<String, competencies::Rating> =
        competencies::latest_at_in(c, person_id, Level::Next, as_of)?
            .into_iter()
            .map(|r| (r.competency_id.clone(), r))
            .collect();
    let lines: Vec<ProposalLine> = competencies::list_in(c, false)?
        .into_iter()
        .map(|k| {
            let r = latest.get(&k.id);
            let score = r.map(|r| r.score);
            ProposalLine {
                holds_back: score.is_none_or(|s| s < SOLID_SCORE),
                score,
                rated_on: r.map(|r| r.rated_on),
                competency_id: k.id,
                competency: k.name,
            }
        })
        .collect();
    let scores: Vec<Option<i64>> = lines.iter().map(|l| l.score).collect();
    Ok(Proposal {
        status: propose(&scores),
        as_of,
        competencies: lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competencies::{NewRating, Rater};
    use crate::people::{self, NewPerson};
    use crate::validate;

    fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    #[test]
    fn the_rule_over_scores() {
        assert_eq!(propose(&[]), Status::Unknown);
        assert_eq!(propose(&[None, None]), Status::Unknown);
        assert_eq!(propose(&[Some(3), Some(5)]), Status::Met);
        assert_eq!(propose(&[Some(3), None]), Status::Partly);
        assert_eq!(propose(&[Some(2), None]), Status::Partly);
        assert_eq!(propose(&[Some(4), Some(2)]), Status::Partly);
        assert_eq!(propose(&[Some(2), Some(1)]), Status::NotYet);
    }

    struct Fixture {
        db: Db,
        person: String,
    }

    impl Fixture {
        fn new() -> Self {
            let db = Db::open_in_memory().unwrap();
            let person = people::add(
                &db,
                NewPerson {
                    name: "Ana".into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id;
            Fixture { db, person }
        }

        fn rate(&self, competency: &str, level: Level, score: i64, on: &str) {
            competencies::rate(
                &self.db,
                NewRating {
                    person_id: self.person.clone(),
                    competency_id: competencies::resolve(&self.db, competency).unwrap().id,
                    level,
                    rater: Rater::Manager,
                    rater_name: None,
                    score,
                    rated_on: date(on),
                    evidence: String::new(),
                },
                date(on),
            )
            .unwrap();
        }

        fn proposal(&self, as_of: &str) -> Proposal {
            proposal(&self.db, &self.person, date(as_of)).unwrap()
        }
    }

    fn holding_back(p: &Proposal) -> Vec<&str> {
        p.holding_back().map(|l| l.competency.as_str()).collect()
    }

    #[test]
    fn only_the_latest_next_level_ratings_of_active_competencies_count() {
        let f = Fixture::new();
        assert_eq!(f.proposal("2026-06-01").status, Status::Unknown);

        // Current-level ratings say nothing about the next level.
        let library = competencies::list(&f.db, false).unwrap();
        for k in &library {
            f.rate(&k.name, Level::Current, 5, "2026-01-10");
        }
        assert_eq!(f.proposal("2026-06-01").status, Status::Unknown);

        f.rate("Communication", Level::Next, 4, "2026-02-01");
        let p = f.proposal("2026-06-01");
        assert_eq!((p.status, p.rated()), (Status::Partly, 1));
        assert_eq!(holding_back(&p).len(), library.len() - 1);

        for k in &library {
            f.rate(&k.name, Level::Next, 3, "2026-03-01");
        }
        let p = f.proposal("2026-06-01");
        assert_eq!(p.status, Status::Met);
        assert!(holding_back(&p).is_empty());

        // A newer, lower rating holds it back; an older date still sees the earlier state.
        f.rate("Teamwork", Level::Next, 2, "2026-04-01");
        let p = f.proposal("2026-06-01");
        assert_eq!(p.status, Status::Partly);
        assert_eq!(holding_back(&p), ["Teamwork"]);
        let line = p
            .competencies
            .iter()
            .find(|l| l.competency == "Teamwork")
            .unwrap();
        assert_eq!(
            (line.score, line.rated_on),
            (Some(2), Some(date("2026-04-01")))
        );
        assert_eq!(f.proposal("2026-03-31").status, Status::Met);
        assert_eq!(f.proposal("2026-01-31").status, Status::Unknown);

        // Retiring the competency that holds it back takes it out of the proposal.
        let teamwork = competencies::resolve(&f.db, "Teamwork").unwrap();
        competencies::retire(&f.db, &teamwork.id).unwrap();
        let p = f.proposal("2026-06-01");
        assert_eq!(p.status, Status::Met);
        assert_eq!(p.competencies.len(), library.len() - 1);
        assert!(p.competencies.iter().all(|l| l.competency != "Teamwork"));
    }

    #[test]
    fn every_active_competency_below_three_is_not_yet() {
        let f = Fixture::new();
        let library = competencies::list(&f.db, false).unwrap();
        for k in &library {
            f.rate(&k.name, Level::Next, 2, "2026-03-01");
        }
        assert_eq!(f.proposal("2026-03-01").status, Status::NotYet);
        // A retired competency rated well does not lift it.
        let comm = competencies::resolve(&f.db, "Communication").unwrap();
        f.rate("Communication", Level::Next, 5, "2026-03-02");
        assert_eq!(f.proposal("2026-03-02").status, Status::Partly);
        competencies::retire(&f.db, &comm.id).unwrap();
        assert_eq!(f.proposal("2026-03-02").status, Status::NotYet);
    }
}
