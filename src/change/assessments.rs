//! ADKAR assessments: each stakeholder scored on the five elements on a date, repeated
//! through the change and kept, and the rollup of a change from everyone's latest one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use super::adkar::{self, barrier_point, Element, Profile, Score};
use super::register;
use super::stakeholders::{self, Stakeholder};
use crate::{new_id, timestamp, validate, Db, Result};

/// One assessment of one stakeholder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
    pub id: String,
    pub stakeholder_id: String,
    pub assessed_on: NaiveDate,
    pub scores: Profile,
    /// The note on each element that has one.
    pub notes: BTreeMap<Element, String>,
    /// The barrier point of these scores (see [`barrier_point`]).
    pub barrier: Option<Element>,
}

/// What a user gives to score a stakeholder: five numbers in A-D-K-A-R order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct NewAssessment {
    pub stakeholder_id: String,
    pub assessed_on: NaiveDate,
    pub scores: [f64; 5],
    #[serde(default)]
    pub notes: BTreeMap<Element, String>,
}

/// Records an assessment. Earlier ones are kept, so the change's progress shows.
pub fn assess(db: &Db, new: NewAssessment, today: NaiveDate) -> Result<Assessment> {
    db.write(|c| assess_in(c, new, today))
}

/// An assessment says where a stakeholder stood, so it is dated today at the latest: one
/// dated later would also set the change's barrier until that day came.
pub fn check_assessed_on(assessed_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    validate::not_after_today(
        "assessed_on",
        assessed_on,
        today,
        "an assessment records where a stakeholder stood",
    )
}

pub(crate) fn assess_in(
    c: &Connection,
    new: NewAssessment,
    today: NaiveDate,
) -> Result<Assessment> {
    check_assessed_on(new.assessed_on, today)?;
    let scores = Profile::from_values(new.scores)?;
    let s = stakeholders::get_in(c, &new.stakeholder_id)?;
    let mut notes = [""; 5].map(String::from);
    for (e, text) in &new.notes {
        notes[e.index()] = validate::free_text("note", text)?;
    }
    let id = new_id();
    c.execute(
        "INSERT INTO change_assessments (id, stakeholder_id, assessed_on,
            awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
            reinforcement_tenths, awareness_note, desire_note, knowledge_note, ability_note,
            reinforcement_note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        rusqlite::params![
            id,
            s.id,
            new.assessed_on,
            scores.awareness,
            scores.desire,
            scores.knowledge,
            scores.ability,
            scores.reinforcement,
            notes[0],
            notes[1],
            notes[2],
            notes[3],
            notes[4],
            timestamp()
        ],
    )?;
    let assessment = query(c, "WHERE a.id = ?1", &id)?.remove(0).1;
    audit_scores(c, &s, &assessment)?;
    Ok(assessment)
}

/// The audit trail of change scores: an assessment is never edited, only added (or
/// removed with its stakeholder), so one line says it all.
fn audit_scores(c: &Connection, s: &Stakeholder, a: &Assessment) -> Result<()> {
    crate::audit::record(
        c,
        None,
        Some(&snapshot(&register::get_in(c, &s.change_id)?.name, s, a)),
    )
}

fn snapshot(change: &str, s: &Stakeholder, a: &Assessment) -> crate::audit::Snapshot {
    let p = &a.scores;
    let barrier = a.barrier.map_or("none".to_string(), |b| b.to_string());
    crate::audit::Snapshot {
        kind: crate::audit::RecordKind::ChangeAssessment,
        id: a.id.clone(),
        person_id: s.person_id.clone(),
        summary: format!(
            "{change}, {}: A {} D {} K {} A {} R {} on {} (barrier {barrier})",
            s.name, p.awareness, p.desire, p.knowledge, p.ability, p.reinforcement, a.assessed_on
        ),
        fields: Vec::new(),
    }
}

/// Deletes every assessment of a stakeholder, each with a line in the audit trail that
/// says what it held; returns how many went.
pub(crate) fn remove_of_stakeholder_in(c: &Connection, s: &Stakeholder) -> Result<usize> {
    let change = register::get_in(c, &s.change_id)?.name;
    let gone = of_stakeholder_in(c, &s.id)?;
    for a in &gone {
        crate::audit::record(c, Some(&snapshot(&change, s, a)), None)?;
    }
    c.execute(
        "DELETE FROM change_assessments WHERE stakeholder_id = ?1",
        [&s.id],
    )?;
    Ok(gone.len())
}

/// Every assessment of one stakeholder, oldest first.
pub(crate) fn of_stakeholder_in(c: &Connection, stakeholder_id: &str) -> Result<Vec<Assessment>> {
    Ok(query(c, "WHERE a.stakeholder_id = ?1", stakeholder_id)?
        .into_iter()
        .map(|(_, a)| a)
        .collect())
}

/// A stakeholder with their assessments.
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderHistory {
    pub stakeholder: Stakeholder,
    /// Oldest first.
    pub assessments: Vec<Assessment>,
}

/// Every assessment of a change, per stakeholder, oldest first; one stakeholder's only
/// when `stakeholder_id` is given.
pub fn history(
    db: &Db,
    change_id: &str,
    stakeholder_id: Option<&str>,
) -> Result<Vec<StakeholderHistory>> {
    db.read(|c| {
        register::get_in(c, change_id)?;
        let mut out: Vec<StakeholderHistory> = stakeholders::of_change_in(c, change_id)?
            .into_iter()
            .filter(|s| stakeholder_id.is_none_or(|id| id == s.id))
            .map(|stakeholder| StakeholderHistory {
                stakeholder,
                assessments: Vec::new(),
            })
            .collect();
        let index: foldhash::HashMap<String, usize> = out
            .iter()
            .enumerate()
            .map(|(i, h)| (h.stakeholder.id.clone(), i))
            .collect();
        for (sid, a) in query(c, "WHERE s.change_id = ?1", change_id)? {
            if let Some(&i) = index.get(&sid) {
                out[i].assessments.push(a);
            }
        }
        Ok(out)
    })
}

/// A stakeholder with their latest assessment, if any.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderLatest {
    pub stakeholder: Stakeholder,
    pub latest: Option<Assessment>,
}

/// The audit trail of a change's scores, every stakeholder's, oldest first: who scored
/// whom, when, and what.
pub fn score_trail(db: &Db, change_id: &str) -> Result<Vec<crate::audit::Entry>> {
    db.read(|c| {
        let ch = register::get_in(c, change_id)?;
        let mut stmt = c.prepare(
            "SELECT a.id FROM change_assessments a
             JOIN change_stakeholders s ON s.id = a.stakeholder_id WHERE s.change_id = ?1",
        )?;
        let ids = stmt
            .query_map([&ch.id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        crate::audit::of_records_in(c, &ids)
    })
}

/// How many stakeholders (and the people they stand for) are stuck at one element, or
/// at none when `barrier` is `None`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BarrierCount {
    pub barrier: Option<Element>,
    pub stakeholders: usize,
    /// Head counts added up: a group of 12 counts 12.
    pub people: i64,
}

/// Where a change stands, from the latest assessment of every stakeholder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub change_id: String,
    pub change: String,
    pub stakeholders: Vec<StakeholderLatest>,
    /// One entry per element in A-D-K-A-R order, then one for "no barrier".
    pub distribution: Vec<BarrierCount>,
    pub not_assessed: usize,
    /// The mean of the latest assessments, each stakeholder counting once: a group's own
    /// (already averaged) score is used as given, not weighted by its head count.
    pub average: Option<Profile>,
    /// The barrier of the average profile: the change's current barrier.
    pub average_barrier: Option<Element>,
}

/// The rollup of a change.
pub fn rollup(db: &Db, change_id: &str) -> Result<Rollup> {
    db.read(|c| rollup_in(c, change_id))
}

pub(crate) fn rollup_in(c: &Connection, change_id: &str) -> Result<Rollup> {
    let ch = register::get_in(c, change_id)?;
    let latest = latest_in(c, "WHERE s.change_id = ?1", &ch.id)?;
    let stakeholders: Vec<StakeholderLatest> = ch
        .stakeholders
        .into_iter()
        .map(|s| StakeholderLatest {
            latest: latest.get(&s.id).cloned(),
            stakeholder: s,
        })
        .collect();
    let standing = standing(stakeholders.iter().map(|s| {
        (
            s.stakeholder.head_count,
            s.latest.as_ref().map(|a| a.scores),
        )
    }));
    Ok(Rollup {
        change_id: ch.id,
        change: ch.name,
        not_assessed: standing.not_assessed,
        stakeholders,
        distribution: standing.distribution,
        average_barrier: standing.average_barrier,
        average: standing.average,
    })
}

/// Where a change stands in figures, as its [`Rollup`] gives them without the
/// stakeholders: what the Dashboard shows of every active change.
pub(crate) struct Standing {
    pub stakeholders: usize,
    pub not_assessed: usize,
    pub distribution: Vec<BarrierCount>,
    pub average: Option<Profile>,
    pub average_barrier: Option<Element>,
}

/// The [`Standing`] of a change, read with only each stakeholder's head count and
/// latest scores.
pub(crate) fn standing_in(c: &Connection, change_id: &str) -> Result<Standing> {
    // Each stakeholder's latest scores are kept on its row (migrations/0007): one read
    // of the change's stakeholders.
    let mut stmt = c.prepare(
        "SELECT head_count, latest_awareness_tenths, latest_desire_tenths,
             latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths
         FROM change_stakeholders WHERE change_id = ?1",
    )?;
    let latest = stmt
        .query_map([change_id], |r| {
            let scores = match r.get::<_, Option<Score>>(1)? {
                None => None,
                Some(a) => Some(Profile::from_scores([
                    a,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ])),
            };
            Ok((r.get(0)?, scores))
        })?
        .collect::<rusqlite::Result<Vec<(i64, Option<Profile>)>>>()?;
    Ok(standing(latest))
}

/// Adds up the stakeholders of a change: each one's head count and latest scores
/// (`None`: not assessed yet).
fn standing(latest: impl IntoIterator<Item = (i64, Option<Profile>)>) -> Standing {
    let mut stakeholders = 0;
    let mut assessed: Vec<(i64, Profile, Option<Element>)> = Vec::new();
    for (head_count, scores) in latest {
        stakeholders += 1;
        if let Some(p) = scores {
            assessed.push((head_count, p, barrier_point(&p)));
        }
    }
    let barriers = Element::ALL.iter().copied().map(Some).chain([None]);
    let distribution = barriers
        .map(|b| {
            let stuck = assessed.iter().filter(|(_, _, barrier)| *barrier == b);
            BarrierCount {
                barrier: b,
                stakeholders: stuck.clone().count(),
                people: stuck.map(|(n, _, _)| n).sum(),
            }
        })
        .collect();
    let profiles: Vec<Profile> = assessed.iter().map(|(_, p, _)| *p).collect();
    let average = adkar::average(&profiles);
    Standing {
        stakeholders,
        not_assessed: stakeholders - assessed.len(),
        distribution,
        average_barrier: average.as_ref().and_then(barrier_point),
        average,
    }
}

/// The latest assessment of each stakeholder matching `filter` (over `s`, the
/// stakeholders), keyed by stakeholder id. Ties on a date go to the one recorded last.
pub(crate) fn latest_in(
    c: &Connection,
    filter: &str,
    arg: &str,
) -> Result<foldhash::HashMap<String, Assessment>> {
    // Driven from the stakeholders (indexed by change and by person), each joined to the
    // latest assessment kept on its row (migrations/0007): no scan of every assessment
    // and no sort.
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS} FROM change_stakeholders s
         JOIN change_assessments a ON a.id = s.latest_assessment_id
         {filter}"
    ))?;
    let rows = stmt.query_map([arg], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const COLUMNS: &str = "a.id, a.stakeholder_id, a.assessed_on, a.awareness_tenths,
        a.desire_tenths, a.knowledge_tenths, a.ability_tenths, a.reinforcement_tenths,
        a.awareness_note, a.desire_note, a.knowledge_note, a.ability_note,
        a.reinforcement_note";

fn from_row(r: &Row) -> rusqlite::Result<(String, Assessment)> {
    let scores = Profile::from_scores([r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?]);
    let mut notes = BTreeMap::new();
    for e in Element::ALL {
        let note: String = r.get(8 + e.index())?;
        if !note.is_empty() {
            notes.insert(*e, note);
        }
    }
    let stakeholder_id: String = r.get(1)?;
    Ok((
        stakeholder_id.clone(),
        Assessment {
            id: r.get(0)?,
            stakeholder_id,
            assessed_on: r.get(2)?,
            barrier: barrier_point(&scores),
            scores,
            notes,
        },
    ))
}

fn query(c: &Connection, filter: &str, arg: &str) -> Result<Vec<(String, Assessment)>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS}
         FROM change_assessments a JOIN change_stakeholders s ON s.id = a.stakeholder_id
         {filter} ORDER BY s.position, a.assessed_on, a.id"
    ))?;
    let v = stmt
        .query_map([arg], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::super::stakeholders::{add_stakeholder, NewStakeholder};
    use super::super::testing::{date, fixture};
    use super::*;

    #[test]
    fn history_is_kept_and_the_latest_counts() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        f.score(&ana, "2026-09-01", [2.0, 2.0, 1.0, 1.0, 1.0]);
        f.score(&ana, "2026-11-01", [4.0, 4.0, 3.0, 2.0, 1.0]);
        // Recorded later but dated earlier: history, not the latest.
        f.score(&ana, "2026-10-01", [4.0, 3.0, 2.0, 1.0, 1.0]);
        let h = history(&f.db, &f.change, None).unwrap();
        let dates: Vec<NaiveDate> = h[0].assessments.iter().map(|a| a.assessed_on).collect();
        assert_eq!(
            dates,
            [date("2026-09-01"), date("2026-10-01"), date("2026-11-01")]
        );
        let r = rollup(&f.db, &f.change).unwrap();
        let latest = r.stakeholders[0].latest.as_ref().unwrap();
        assert_eq!(latest.assessed_on, date("2026-11-01"));
        assert_eq!(latest.barrier, Some(Element::Knowledge));
    }

    /// Every stakeholder's kept latest assessment and scores, and what the assessments
    /// themselves say is the latest (by date, then the one recorded last).
    fn kept_and_latest(c: &Connection) -> Vec<(Option<String>, Option<String>)> {
        let mut stmt = c
            .prepare(
                "SELECT s.latest_assessment_id || ':' || s.latest_awareness_tenths || ','
                        || s.latest_desire_tenths || ',' || s.latest_knowledge_tenths || ','
                        || s.latest_ability_tenths || ',' || s.latest_reinforcement_tenths,
                    (SELECT a.id || ':' || a.awareness_tenths || ',' || a.desire_tenths || ','
                        || a.knowledge_tenths || ',' || a.ability_tenths || ','
                        || a.reinforcement_tenths
                     FROM change_assessments a WHERE a.stakeholder_id = s.id
                     ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
                 FROM change_stakeholders s ORDER BY s.id",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn each_stakeholders_latest_scores_are_kept_on_it_whatever_the_order_of_entry() {
        let f = fixture();
        let (ana, bo) = (f.stakeholder(&f.ana), f.stakeholder(&f.bo));
        f.stakeholder(&f.cy);
        let check = |when: &str| {
            let pairs = f.db.read(|c| Ok(kept_and_latest(c))).unwrap();
            for (kept, latest) in pairs {
                assert_eq!(kept, latest, "{when}");
            }
        };
        check("nobody assessed");
        f.score(&ana, "2026-09-01", [2.0, 2.0, 1.0, 1.0, 1.0]);
        check("a first assessment");
        f.score(&ana, "2026-11-01", [4.0, 4.0, 3.0, 2.0, 1.0]);
        check("a later one");
        f.score(&ana, "2026-10-01", [4.0, 3.0, 2.0, 1.0, 1.0]);
        check("one dated earlier, recorded after");
        let bo_first = f.score(&bo, "2026-11-01", [3.0, 3.0, 3.0, 3.0, 3.0]);
        f.score(&bo, "2026-11-01", [5.0, 4.5, 4.0, 3.5, 3.0]);
        check("two on the same day");
        // Changed in place (Ladder itself only scrubs notes, when it erases a person).
        let set = |sql: &str| f.db.write(|c| Ok(c.execute(sql, [&bo_first.id])?)).unwrap();
        set("UPDATE change_assessments SET desire_note = 'scrubbed' WHERE id = ?1");
        check("a note changed");
        set("UPDATE change_assessments SET assessed_on = '2026-11-02' WHERE id = ?1");
        check("the first of the day moved to the day after");
        let standing = f.db.read(|c| standing_in(c, &f.change)).unwrap();
        assert_eq!((standing.stakeholders, standing.not_assessed), (3, 1));

        // Removed, as erasing a person removes their assessments: the one before is the
        // latest again, and nothing is left when none is.
        f.db.write(|c| {
            c.execute(
                "DELETE FROM change_assessments WHERE stakeholder_id = ?1
                 AND assessed_on = '2026-11-01'",
                [&ana],
            )?;
            Ok(())
        })
        .unwrap();
        check("the latest removed");
        f.db.write(|c| {
            c.execute(
                "DELETE FROM change_assessments WHERE stakeholder_id = ?1",
                [&bo],
            )?;
            Ok(())
        })
        .unwrap();
        check("all removed");
        let r = rollup(&f.db, &f.change).unwrap();
        let ana_latest = r
            .stakeholders
            .iter()
            .find(|s| s.stakeholder.id == ana)
            .unwrap();
        assert_eq!(
            ana_latest.latest.as_ref().map(|a| a.assessed_on),
            Some(date("2026-10-01"))
        );
        assert_eq!(r.not_assessed, 2);
    }

    #[test]
    fn the_rollup_counts_barriers_and_averages_with_groups_as_given() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let bo = f.stakeholder(&f.bo);
        f.stakeholder(&f.cy);
        let group = f.group("Support rota", 12).id;
        f.score(&ana, "2026-11-01", [4.0, 2.0, 5.0, 5.0, 5.0]);
        f.score(&bo, "2026-11-01", [5.0, 5.0, 2.0, 1.0, 1.0]);
        f.score(&group, "2026-11-01", [4.5, 4.5, 4.2, 3.5, 3.6]);
        let r = rollup(&f.db, &f.change).unwrap();
        assert_eq!(r.not_assessed, 1, "Cy has not been scored");
        let count = |b: Option<Element>| {
            let d = r.distribution.iter().find(|d| d.barrier == b).unwrap();
            (d.stakeholders, d.people)
        };
        assert_eq!(count(Some(Element::Desire)), (1, 1));
        assert_eq!(count(Some(Element::Knowledge)), (1, 1));
        assert_eq!(count(None), (1, 12));
        assert_eq!(count(Some(Element::Awareness)), (0, 0));
        assert_eq!(r.distribution.len(), 6);
        // (40 + 50 + 45) / 3 = 45; (20 + 50 + 45) / 3 = 38.3 → 38; (50 + 20 + 42) / 3 =
        // 37.3 → 37; (50 + 10 + 35) / 3 = 31.7 → 32; (50 + 10 + 36) / 3 = 32.
        let avg = r.average.unwrap();
        assert_eq!(avg.scores().map(|s| s.tenths()), [45, 38, 37, 32, 32]);
        assert_eq!(r.average_barrier, None);
    }

    #[test]
    fn the_score_trail_lists_every_score_of_the_change_and_only_those() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let bo = f.stakeholder(&f.bo);
        assert!(score_trail(&f.db, &f.change).unwrap().is_empty());
        f.score(&ana, "2026-09-01", [2.0, 2.0, 1.0, 1.0, 1.0]);
        f.score(&ana, "2026-11-01", [4.0, 4.0, 3.0, 2.0, 1.0]);
        f.score(&bo, "2026-11-01", [5.0, 5.0, 5.0, 5.0, 5.0]);
        // Scores of another change stay out of this one's trail.
        let other = super::super::register::add(
            &f.db,
            super::super::NewChange {
                name: "Office move".into(),
                description: String::new(),
                parent_id: None,
                owner_ids: vec![f.ana.clone()],
                impact: super::super::Impact::Low,
                effect: super::super::Effect::Neutral,
                training_required: false,
                comms_plan_required: false,
                org_changes: false,
                awareness: super::super::OrgAwareness::Low,
            },
        )
        .unwrap();
        let cy = add_stakeholder(
            &f.db,
            &other.id,
            NewStakeholder::Person {
                person_id: f.cy.clone(),
            },
        )
        .unwrap();
        f.score(&cy.id, "2026-11-01", [3.0; 5]);

        let trail = score_trail(&f.db, &f.change).unwrap();
        let lines: Vec<(crate::audit::Action, &str)> = trail
            .iter()
            .map(|e| (e.action, e.new.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|(a, _)| *a == crate::audit::Action::Added));
        assert!(
            lines[1]
                .1
                .contains("A 4 D 4 K 3 A 2 R 1 on 2026-11-01 (barrier knowledge)"),
            "{lines:?}"
        );
        assert_eq!(
            score_trail(&f.db, "nothing").unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn an_assessment_dated_after_today_is_refused() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let new = |on: &str| NewAssessment {
            stakeholder_id: ana.clone(),
            assessed_on: date(on),
            scores: [4.0; 5],
            notes: BTreeMap::new(),
        };
        let err = assess(&f.db, new("2026-12-02"), date("2026-12-01")).unwrap_err();
        assert_eq!(err.field(), Some("assessed_on"));
        assert!(history(&f.db, &f.change, Some(&ana)).unwrap()[0]
            .assessments
            .is_empty());
        assess(&f.db, new("2026-12-01"), date("2026-12-01")).unwrap();
    }

    #[test]
    fn a_bad_score_or_an_unknown_stakeholder_writes_nothing() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let err = assess(
            &f.db,
            NewAssessment {
                stakeholder_id: ana.clone(),
                assessed_on: date("2026-11-01"),
                scores: [4.0, 4.0, 0.0, 1.0, 1.0],
                notes: BTreeMap::new(),
            },
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("knowledge_score"));
        let err = assess(
            &f.db,
            NewAssessment {
                stakeholder_id: "nobody".into(),
                assessed_on: date("2026-11-01"),
                scores: [4.0; 5],
                notes: BTreeMap::new(),
            },
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("stakeholder"));
        assert!(history(&f.db, &f.change, Some(&ana)).unwrap()[0]
            .assessments
            .is_empty());
    }

    #[test]
    fn the_schema_refuses_scores_off_the_scale() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        let err =
            f.db.conn()
                .execute(
                    "INSERT INTO change_assessments (id, stakeholder_id, assessed_on,
                    awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                    reinforcement_tenths, created_at)
                 VALUES ('x', ?1, '2026-11-01', 55, 30, 30, 30, 30, 'now')",
                    [&ana],
                )
                .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{err}");
    }
}
