//! Progress over time: what moved between a person's last two assessments, and the
//! team's readiness at a glance. Both only read; `today` is always an argument.

use foldhash::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use super::{
    Assessment, Availability, Influence, Requirement, SkillStatus, Status, Statuses, Verdict,
};
use crate::codes::code_enum;
use crate::{columns, people, profile, Db, Error, Result};

code_enum!(
    /// How something moved between two assessments. `changed` is a move to or from
    /// unknown / not assessed, which is neither better nor worse.
    Movement, "movement", { Better = "better", Worse = "worse", Same = "same", Changed = "changed" }
);

code_enum!(
    /// Why a person stands out in the team view.
    Flag, "flag", {
        NeverAssessed = "never_assessed",
        OlderThan12Months = "older_than_12_months",
    }
);

/// How many months an assessment stays current.
const CURRENT_MONTHS: u32 = 12;

/// What moved between a person's last two assessments.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ReadinessComparison"))]
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub person_id: String,
    pub person: String,
    pub earlier: Assessment,
    pub later: Assessment,
    /// Requirements 1, 2, 3 and 5, every one, moved or not.
    pub requirements: Vec<RequirementMove>,
    pub role: RoleMove,
    /// The verdict that stands in each (decided, else suggested).
    pub verdict: VerdictMove,
    /// Skills added, dropped or changed status.
    pub skills: Vec<SkillMove>,
    /// Advocates added, dropped, or with another influence or a newer contact.
    pub advocates: Vec<AdvocateMove>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementMove {
    pub requirement: Requirement,
    pub before: Status,
    pub after: Status,
    pub movement: Movement,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoleMove {
    pub before: Availability,
    pub after: Availability,
    pub moved: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VerdictMove {
    pub before: Verdict,
    pub after: Verdict,
    pub movement: Movement,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillMove {
    pub name: String,
    /// `None`: not listed then.
    pub before: Option<SkillStatus>,
    pub after: Option<SkillStatus>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AdvocateMove {
    pub name: String,
    /// `None`: not an advocate then.
    pub before: Option<Influence>,
    pub after: Option<Influence>,
    pub last_contact_before: Option<NaiveDate>,
    pub last_contact_after: Option<NaiveDate>,
}

/// Compares a person's last two assessments; refused when there are fewer than two.
pub fn compare(db: &Db, person_id: &str) -> Result<Comparison> {
    db.read(|c| {
        let person = people::get_in(c, person_id)?;
        let ids = super::ids_of_in(c, &person.id, Some(2))?;
        let [later, earlier] = ids.as_slice() else {
            return Err(Error::conflict(
                "person",
                format!(
                    "{} has {} readiness assessment{}; comparing needs two",
                    person.name,
                    ids.len(),
                    if ids.len() == 1 { "" } else { "s" }
                ),
            ));
        };
        Ok(between(
            super::get_in(c, earlier)?,
            super::get_in(c, later)?,
        ))
    })
}

/// What moved between a person's last two assessments, or `None` while they have fewer
/// than two (a first assessment has nothing to compare with).
pub fn moved(db: &Db, person_id: &str) -> Result<Option<Comparison>> {
    db.read(|c| {
        let person = people::get_in(c, person_id)?;
        match super::ids_of_in(c, &person.id, Some(2))?.as_slice() {
            [later, earlier] => Ok(Some(between(
                super::get_in(c, earlier)?,
                super::get_in(c, later)?,
            ))),
            _ => Ok(None),
        }
    })
}

/// What moved from `earlier` to `later`.
fn between(earlier: Assessment, later: Assessment) -> Comparison {
    let requirements = earlier
        .statuses()
        .by_requirement()
        .into_iter()
        .zip(later.statuses().by_requirement())
        .map(|((requirement, before), (_, after))| RequirementMove {
            requirement,
            before,
            after,
            movement: movement(before.rank(), after.rank(), before == after),
        })
        .collect();
    let (vb, va) = (earlier.verdict(), later.verdict());
    let verdict = VerdictMove {
        before: vb,
        after: va,
        movement: movement(vb.rank(), va.rank(), vb == va),
    };
    let role = RoleMove {
        before: earlier.role.availability,
        after: later.role.availability,
        moved: earlier.role.availability != later.role.availability,
    };

    let skill_status = |a: &Assessment, name: &str| {
        a.skills
            .items
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| s.status)
    };
    let mut skills = Vec::new();
    for name in names(
        earlier.skills.items.iter().map(|s| &s.name),
        later.skills.items.iter().map(|s| &s.name),
    ) {
        let (before, after) = (skill_status(&earlier, &name), skill_status(&later, &name));
        if before != after {
            skills.push(SkillMove {
                name,
                before,
                after,
            });
        }
    }

    let advocate = |a: &Assessment, name: &str| {
        a.advocates
            .advocates
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(name))
            .map(|x| (x.influence, x.last_contact_on))
    };
    let mut advocates = Vec::new();
    for name in names(
        earlier.advocates.advocates.iter().map(|x| &x.name),
        later.advocates.advocates.iter().map(|x| &x.name),
    ) {
        let (before, after) = (advocate(&earlier, &name), advocate(&later, &name));
        if before != after {
            advocates.push(AdvocateMove {
                name,
                before: before.map(|b| b.0),
                after: after.map(|a| a.0),
                last_contact_before: before.and_then(|b| b.1),
                last_contact_after: after.and_then(|a| a.1),
            });
        }
    }

    Comparison {
        person_id: later.person_id.clone(),
        person: later.person.clone(),
        requirements,
        role,
        verdict,
        skills,
        advocates,
        earlier,
        later,
    }
}

/// Better or worse when both ends are known; otherwise only whether it changed.
fn movement(before: Option<u8>, after: Option<u8>, same: bool) -> Movement {
    match (before, after) {
        _ if same => Movement::Same,
        (Some(b), Some(a)) if a > b => Movement::Better,
        (Some(b), Some(a)) if a < b => Movement::Worse,
        _ => Movement::Changed,
    }
}

/// The names in either list, each once (any case), earlier ones first.
fn names<'a>(
    earlier: impl Iterator<Item = &'a String>,
    later: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in earlier.chain(later) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
            out.push(n.clone());
        }
    }
    out
}

/// The readiness of everyone in the user's scope.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct TeamReadiness {
    pub today: NaiveDate,
    pub rows: Vec<ReadinessRow>,
    /// How many people stand at each verdict (never assessed counts as not assessed),
    /// every verdict listed.
    pub counts: Vec<VerdictCount>,
}

/// One person's line in the team view, from their latest assessment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ReadinessRow {
    pub person_id: String,
    pub name: String,
    pub job_title: Option<String>,
    pub level: Option<String>,
    pub assessment_id: Option<String>,
    pub target: Option<String>,
    pub assessed_on: Option<NaiveDate>,
    /// The decided verdict, else the suggested one; `not_assessed` when never assessed.
    pub verdict: Verdict,
    /// Whether the manager decided the verdict (rather than only Ladder suggesting it).
    pub decided: bool,
    /// The requirement that stands worst, with its status; `None` when all are met or
    /// nothing was assessed.
    pub weakest: Option<Weakest>,
    /// Skills still a gap in the latest assessment.
    pub open_gaps: Vec<String>,
    pub flag: Option<Flag>,
}

/// The requirement that stands worst in an assessment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Weakest {
    pub requirement: Requirement,
    pub status: Status,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VerdictCount {
    pub verdict: Verdict,
    pub count: usize,
}

/// Whether an assessment date needs attention: never assessed, or more than 12 months
/// before `today`.
pub fn flag(assessed_on: Option<NaiveDate>, today: NaiveDate) -> Option<Flag> {
    match assessed_on {
        None => Some(Flag::NeverAssessed),
        Some(d) => {
            let cutoff = today.checked_sub_months(Months::new(CURRENT_MONTHS))?;
            (d < cutoff).then_some(Flag::OlderThan12Months)
        }
    }
}

/// The team view of the people the user sees (see [`profile::scope`]).
pub fn team(db: &Db, today: NaiveDate) -> Result<TeamReadiness> {
    db.read(|c| {
        let scope = profile::scope_in(c)?;
        let ids = people::scope_ids_in(c, &scope, false)?;
        team_in(c, &ids, today)
    })
}

pub(crate) fn team_in(c: &Connection, ids: &[String], today: NaiveDate) -> Result<TeamReadiness> {
    let mut latest = latest_of_in(c, ids, Detail::Rows)?;
    let people = people::list_in(c, ids)?;
    Ok(readiness(
        people
            .into_iter()
            .map(|p| {
                let l = latest.remove(&p.id);
                (p, l)
            })
            .collect(),
        today,
    ))
}

/// What the team view reads from a person's latest assessment.
#[derive(Debug, Clone, PartialEq)]
struct Latest {
    id: String,
    target: String,
    assessed_on: NaiveDate,
    statuses: Statuses,
    /// The decided verdict, if the manager decided.
    decided: Option<Verdict>,
    /// Skills still a gap, in their order.
    open_gaps: Vec<String>,
}

impl Latest {
    fn verdict(&self) -> Verdict {
        self.decided
            .unwrap_or_else(|| super::suggest(&self.statuses).verdict)
    }
}

#[cfg(test)]
impl From<&Assessment> for Latest {
    fn from(a: &Assessment) -> Latest {
        Latest {
            id: a.id.clone(),
            target: a.target.clone(),
            assessed_on: a.assessed_on,
            statuses: a.statuses(),
            decided: a.decision.as_ref().map(|d| d.verdict),
            open_gaps: a
                .skills
                .items
                .iter()
                .filter(|s| s.status == SkillStatus::Gap)
                .map(|s| s.name.clone())
                .collect(),
        }
    }
}

/// How much of each latest assessment [`latest_of_in`] reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Detail {
    /// Its date and verdict, what the Dashboard counts: no open gaps.
    Verdicts,
    /// Everything a row of the team view shows.
    Rows,
}

/// The latest assessment of each of these people (by date, then by creation, as
/// [`super::latest_in`]), read in a fixed number of queries whatever their number:
/// the assessments, the next-level ratings the competency proposal is made from, the
/// requirements and, for [`Detail::Rows`], the open gaps. People never assessed are
/// absent.
///
/// The latest are picked and the proposal's scores matched in Rust, in one pass over each
/// table, rather than by a window function per query and a rating subquery per assessment
/// and competency (three quarters of the Dashboard's time at 10,000 people).
fn latest_of_in(c: &Connection, ids: &[String], detail: Detail) -> Result<HashMap<String, Latest>> {
    let mut latest: HashMap<String, Latest> = HashMap::default();
    let mut stmt = c.prepare(
        "SELECT id, person_id, target, assessed_on, decided_verdict, decided_on
         FROM readiness_assessments WHERE person_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([crate::id_list(ids)])?;
    while let Some(r) = rows.next()? {
        let assessed_on = columns::date(r, 3)?;
        let id = columns::sql(r.get_ref(0)?.as_str())?;
        let person_id = columns::sql(r.get_ref(1)?.as_str())?;
        if let Some(l) = latest.get(person_id) {
            if (l.assessed_on, l.id.as_str()) > (assessed_on, id) {
                continue;
            }
        }
        let decided: Option<Verdict> = r.get(4)?;
        let decided_on: Option<NaiveDate> = columns::day(r, 5)?;
        latest.insert(
            person_id.to_string(),
            Latest {
                id: id.to_string(),
                target: r.get(2)?,
                assessed_on,
                statuses: Statuses {
                    results: Status::Unknown,
                    competencies: Status::Unknown,
                    skills: Status::Unknown,
                    advocates: Status::Unknown,
                },
                decided: decided.filter(|_| decided_on.is_some()),
                open_gaps: Vec::new(),
            },
        );
    }

    // The competency proposal: per active competency, the score of the latest next-level
    // rating made on or before the assessment's date (by date, then by creation).
    let active: HashMap<String, usize> = c
        .prepare("SELECT id FROM competencies WHERE retired_at IS NULL")?
        .query_map([], |r| r.get::<_, String>(0))?
        .enumerate()
        .map(|(i, id)| id.map(|id| (id, i)))
        .collect::<rusqlite::Result<_>>()?;
    // Per assessed person: the assessment's day, and per competency the best rating so far
    // as (day, rating id, score).
    type Best = Option<(u32, String, i64)>;
    let mut best: HashMap<String, (u32, Vec<Best>)> = latest
        .iter()
        .map(|(person, l)| {
            (
                person.clone(),
                (
                    columns::date_number(l.assessed_on),
                    vec![None; active.len()],
                ),
            )
        })
        .collect();
    let mut stmt = c.prepare(&format!(
        "SELECT person_id, competency_id, rated_on, id, score FROM ratings
         WHERE level = '{next}' AND person_id IN (SELECT value FROM json_each(?1))",
        next = crate::competencies::Level::Next
    ))?;
    let mut rows = stmt.query([crate::id_list(&best.keys().collect::<Vec<_>>())])?;
    while let Some(r) = rows.next()? {
        let person_id = columns::sql(r.get_ref(0)?.as_str())?;
        let competency = columns::sql(r.get_ref(1)?.as_str())?;
        let (Some((until, slots)), Some(&k)) = (best.get_mut(person_id), active.get(competency))
        else {
            continue;
        };
        let day = columns::day_number(columns::sql(r.get_ref(2)?.as_bytes())?);
        if day > *until {
            continue;
        }
        let id = columns::sql(r.get_ref(3)?.as_str())?;
        if let Some((d, i, _)) = &slots[k] {
            if (*d, i.as_str()) > (day, id) {
                continue;
            }
        }
        slots[k] = Some((day, id.to_string(), r.get(4)?));
    }
    for (person, (_, slots)) in best {
        let scores: Vec<Option<i64>> = slots.into_iter().map(|b| b.map(|(_, _, s)| s)).collect();
        if let Some(l) = latest.get_mut(&person) {
            l.statuses.competencies = super::propose(&scores);
        }
    }

    // The requirements and the open gaps of the latest assessments.
    let person_of: HashMap<String, String> = latest
        .iter()
        .map(|(person, l)| (l.id.clone(), person.clone()))
        .collect();
    let assessments = crate::id_list(&person_of.keys().collect::<Vec<_>>());
    let mut stmt = c.prepare(
        "SELECT assessment_id, requirement, status FROM readiness_requirements
         WHERE assessment_id IN (SELECT value FROM json_each(?1))",
    )?;
    for row in stmt.query_map([&assessments], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Requirement>(1)?,
            r.get::<_, Option<Status>>(2)?,
        ))
    })? {
        let (id, requirement, status) = row?;
        let Some(l) = person_of.get(&id).and_then(|p| latest.get_mut(p)) else {
            continue;
        };
        let s = &mut l.statuses;
        match (requirement, status) {
            (Requirement::Results, status) => s.results = status.unwrap_or(Status::Unknown),
            (Requirement::Skills, status) => s.skills = status.unwrap_or(Status::Unknown),
            (Requirement::Advocates, status) => s.advocates = status.unwrap_or(Status::Unknown),
            // A stored competency status overrides the proposal; none leaves it standing.
            (Requirement::Competencies, Some(status)) => s.competencies = status,
            (Requirement::Competencies, None) => {}
            (Requirement::Role, _) => {}
        }
    }
    if detail == Detail::Verdicts {
        return Ok(latest);
    }
    let mut stmt = c.prepare(&format!(
        "SELECT assessment_id, name FROM readiness_skills
         WHERE status = '{gap}' AND assessment_id IN (SELECT value FROM json_each(?1))
         ORDER BY assessment_id, position",
        gap = SkillStatus::Gap
    ))?;
    for row in stmt.query_map([&assessments], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (id, name) = row?;
        if let Some(l) = person_of.get(&id).and_then(|p| latest.get_mut(p)) {
            l.open_gaps.push(name);
        }
    }
    Ok(latest)
}

/// The team view from each person and their latest assessment, in the given order.
fn readiness(people: Vec<(people::Person, Option<Latest>)>, today: NaiveDate) -> TeamReadiness {
    let mut rows = Vec::new();
    for (p, latest) in people {
        let row = ReadinessRow {
            flag: flag(latest.as_ref().map(|a| a.assessed_on), today),
            verdict: latest
                .as_ref()
                .map_or(Verdict::NotAssessed, Latest::verdict),
            decided: latest.as_ref().is_some_and(|a| a.decided.is_some()),
            weakest: latest.as_ref().and_then(|a| {
                super::weakest(&a.statuses).map(|(requirement, status)| Weakest {
                    requirement,
                    status,
                })
            }),
            assessment_id: latest.as_ref().map(|a| a.id.clone()),
            target: latest.as_ref().map(|a| a.target.clone()),
            assessed_on: latest.as_ref().map(|a| a.assessed_on),
            open_gaps: latest.map_or_else(Vec::new, |a| a.open_gaps),
            person_id: p.id,
            name: p.name,
            job_title: p.job_title,
            level: p.level,
        };
        rows.push(row);
    }
    TeamReadiness {
        today,
        counts: count_verdicts(rows.iter().map(|r| r.verdict)),
        rows,
    }
}

/// How many stand at each verdict, every verdict listed.
fn count_verdicts(verdicts: impl Iterator<Item = Verdict>) -> Vec<VerdictCount> {
    let mut counts: HashMap<Verdict, usize> = HashMap::default();
    for v in verdicts {
        *counts.entry(v).or_default() += 1;
    }
    Verdict::ALL
        .iter()
        .map(|v| VerdictCount {
            verdict: *v,
            count: counts.get(v).copied().unwrap_or(0),
        })
        .collect()
}

/// The team view's counts of these people, and how many carry each flag, without
/// reading the people themselves: what the Dashboard shows of readiness.
pub(crate) fn counts_in(
    c: &Connection,
    ids: &[String],
    today: NaiveDate,
) -> Result<(Vec<VerdictCount>, HashMap<Flag, usize>)> {
    let latest = latest_of_in(c, ids, Detail::Verdicts)?;
    let mut flags: HashMap<Flag, usize> = HashMap::default();
    let mut verdicts = Vec::with_capacity(ids.len());
    for id in ids {
        let l = latest.get(id);
        if let Some(f) = flag(l.map(|a| a.assessed_on), today) {
            *flags.entry(f).or_default() += 1;
        }
        verdicts.push(l.map_or(Verdict::NotAssessed, Latest::verdict));
    }
    Ok((count_verdicts(verdicts.into_iter()), flags))
}

/// The team view read one person at a time through [`super::latest_in`], the way the
/// person's own page reads it: what the batched read must agree with.
#[cfg(test)]
fn team_one_by_one_in(c: &Connection, ids: &[String], today: NaiveDate) -> Result<TeamReadiness> {
    let mut people = Vec::new();
    for p in people::list_in(c, ids)? {
        let latest = super::latest_in(c, &p.id)?;
        people.push((p, latest.as_ref().map(Latest::from)));
    }
    Ok(readiness(people, today))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assessment, date};
    use super::super::{
        add_advocate, add_skill, decide, open, set_requirement, set_skill, NewAdvocate, Relation,
        RequirementPatch,
    };
    use super::*;
    use crate::people::NewPerson;
    use crate::profile::Role;

    fn set(db: &Db, id: &str, r: Requirement, status: Status) {
        set_requirement(
            db,
            id,
            r,
            RequirementPatch {
                status: Some(status),
                reason: (r == Requirement::Competencies).then(|| "panel".into()),
                ..Default::default()
            },
        )
        .unwrap();
    }

    #[test]
    fn moved_is_none_until_a_second_assessment_then_the_last_two() {
        let (db, first) = assessment("Staff Engineer", "2025-06-01");
        assert!(moved(&db, &first.person_id).unwrap().is_none());
        set(&db, &first.id, Requirement::Results, Status::Partly);
        let second = open(
            &db,
            &first.person_id,
            "Staff Engineer",
            date("2026-06-01"),
            date("2026-11-23"),
        )
        .unwrap();
        set(&db, &second.id, Requirement::Results, Status::Met);
        let third = open(
            &db,
            &first.person_id,
            "Staff Engineer",
            date("2026-09-01"),
            date("2026-11-23"),
        )
        .unwrap();
        set(&db, &third.id, Requirement::Results, Status::Partly);

        let m = moved(&db, &first.person_id).unwrap().unwrap();
        assert_eq!(
            (m.earlier.id.as_str(), m.later.id.as_str()),
            (second.id.as_str(), third.id.as_str())
        );
        let results = m
            .requirements
            .iter()
            .find(|r| r.requirement == Requirement::Results)
            .unwrap();
        assert_eq!(
            (results.before, results.after, results.movement),
            (Status::Met, Status::Partly, Movement::Worse)
        );
        let err = moved(&db, "nobody").unwrap_err();
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn compare_shows_what_moved_between_the_last_two() {
        let (db, first) = assessment("Staff Engineer", "2025-06-01");
        let err = compare(&db, &first.person_id).unwrap_err();
        assert_eq!((err.code(), err.field()), ("conflict", Some("person")));

        set(&db, &first.id, Requirement::Results, Status::Partly);
        set(&db, &first.id, Requirement::Skills, Status::Partly);
        let gap = add_skill(&db, &first.id, "Budgets", SkillStatus::Gap, "").unwrap();
        add_skill(&db, &first.id, "Negotiation", SkillStatus::Have, "").unwrap();

        let second = open(
            &db,
            &first.person_id,
            "Staff Engineer",
            date("2026-06-01"),
            date("2026-11-23"),
        )
        .unwrap();
        set(&db, &second.id, Requirement::Results, Status::Met);
        set(&db, &second.id, Requirement::Competencies, Status::Partly);
        set(&db, &second.id, Requirement::Skills, Status::NotYet);
        set(&db, &second.id, Requirement::Advocates, Status::Met);
        let copied = super::super::resolve_skill(&db, &second.id, "budgets").unwrap();
        assert_ne!(copied.id, gap.id);
        set_skill(&db, &copied.id, SkillStatus::Have).unwrap();
        add_advocate(
            &db,
            &second.id,
            NewAdvocate {
                person_id: None,
                name: Some("Grace Lin".into()),
                relation: Relation::Hr,
                influence: Influence::High,
                last_contact_on: None,
                notes: String::new(),
            },
            date("2026-11-23"),
        )
        .unwrap();
        decide(
            &db,
            &second.id,
            Verdict::Ready1To2Years,
            "",
            date("2026-06-02"),
            date("2026-11-23"),
        )
        .unwrap();

        let cmp = compare(&db, &first.person_id).unwrap();
        assert_eq!(
            (cmp.earlier.id.as_str(), cmp.later.id.as_str()),
            (first.id.as_str(), second.id.as_str())
        );
        let moved: Vec<(Requirement, Status, Status, Movement)> = cmp
            .requirements
            .iter()
            .map(|m| (m.requirement, m.before, m.after, m.movement))
            .collect();
        assert_eq!(
            moved,
            [
                (
                    Requirement::Results,
                    Status::Partly,
                    Status::Met,
                    Movement::Better
                ),
                (
                    Requirement::Competencies,
                    Status::Unknown,
                    Status::Partly,
                    Movement::Changed
                ),
                (
                    Requirement::Skills,
                    Status::Partly,
                    Status::NotYet,
                    Movement::Worse
                ),
                (
                    Requirement::Advocates,
                    Status::Unknown,
                    Status::Met,
                    Movement::Changed
                ),
            ]
        );
        assert_eq!(
            (cmp.verdict.before, cmp.verdict.after, cmp.verdict.movement),
            (
                Verdict::NotAssessed,
                Verdict::Ready1To2Years,
                Movement::Changed
            )
        );
        assert_eq!(
            cmp.skills,
            [SkillMove {
                name: "Budgets".into(),
                before: Some(SkillStatus::Gap),
                after: Some(SkillStatus::Have),
            }]
        );
        assert_eq!(cmp.advocates.len(), 1);
        assert_eq!(
            (cmp.advocates[0].before, cmp.advocates[0].after),
            (None, Some(Influence::High))
        );
        assert!(!cmp.role.moved);

        // A third assessment: the comparison moves on to the last two.
        let third = open(
            &db,
            &first.person_id,
            "Staff Engineer",
            date("2026-09-01"),
            date("2026-11-23"),
        )
        .unwrap();
        let cmp = compare(&db, &first.person_id).unwrap();
        assert_eq!(
            (cmp.earlier.id.as_str(), cmp.later.id.as_str()),
            (second.id.as_str(), third.id.as_str())
        );
        assert_eq!(cmp.verdict.movement, Movement::Changed);
    }

    #[test]
    fn flags_for_never_and_more_than_twelve_months_ago() {
        let today = date("2026-11-23");
        assert_eq!(flag(None, today), Some(Flag::NeverAssessed));
        assert_eq!(flag(Some(date("2025-11-23")), today), None);
        assert_eq!(
            flag(Some(date("2025-11-22")), today),
            Some(Flag::OlderThan12Months)
        );
        assert_eq!(flag(Some(date("2026-11-23")), today), None);
    }

    #[test]
    fn the_team_view_lists_every_report_with_the_latest_verdict() {
        let (db, a) = assessment("Staff Engineer", "2026-10-01");
        let ana = people::get(&db, &a.person_id).unwrap();
        let boss = ana.manager_id.clone().unwrap();
        let new_report = |name: &str| {
            people::add(
                &db,
                NewPerson {
                    name: name.into(),
                    manager_id: Some(boss.clone()),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let bo = new_report("Bo");
        let cy = new_report("Cy");
        profile::set_me(&db, &boss, Role::Manager).unwrap();

        set(&db, &a.id, Requirement::Results, Status::Met);
        set(&db, &a.id, Requirement::Competencies, Status::Met);
        set(&db, &a.id, Requirement::Skills, Status::Partly);
        set(&db, &a.id, Requirement::Advocates, Status::NotYet);
        add_skill(&db, &a.id, "Budgets", SkillStatus::Gap, "").unwrap();
        add_skill(&db, &a.id, "Negotiation", SkillStatus::Have, "").unwrap();
        let old = open(
            &db,
            &bo.id,
            "Senior Engineer",
            date("2025-10-01"),
            date("2026-11-23"),
        )
        .unwrap();
        decide(
            &db,
            &old.id,
            Verdict::Ready3PlusYears,
            "early days",
            date("2025-10-01"),
            date("2026-11-23"),
        )
        .unwrap();

        let t = team(&db, date("2026-11-23")).unwrap();
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ana", "Bo", "Cy"],
            "the manager is not in their own team"
        );

        let ana_row = &t.rows[0];
        assert_eq!(ana_row.verdict, Verdict::Ready1To2Years);
        assert!(!ana_row.decided);
        assert_eq!(ana_row.assessed_on, Some(date("2026-10-01")));
        assert_eq!(
            ana_row.weakest,
            Some(Weakest {
                requirement: Requirement::Advocates,
                status: Status::NotYet
            })
        );
        assert_eq!(ana_row.open_gaps, ["Budgets"]);
        assert_eq!(ana_row.flag, None);

        let bo_row = &t.rows[1];
        assert_eq!(
            (bo_row.verdict, bo_row.decided),
            (Verdict::Ready3PlusYears, true)
        );
        assert_eq!(bo_row.flag, Some(Flag::OlderThan12Months));
        assert_eq!(
            bo_row.weakest.as_ref().map(|w| w.status),
            Some(Status::Unknown)
        );

        let cy_row = &t.rows[2];
        assert_eq!(cy_row.person_id, cy.id);
        assert_eq!(
            (cy_row.verdict, cy_row.flag),
            (Verdict::NotAssessed, Some(Flag::NeverAssessed))
        );
        assert_eq!(
            (cy_row.assessment_id.as_deref(), cy_row.weakest.as_ref()),
            (None, None)
        );

        let counts: Vec<(Verdict, usize)> = t.counts.iter().map(|c| (c.verdict, c.count)).collect();
        assert_eq!(
            counts,
            [
                (Verdict::ReadyNow, 0),
                (Verdict::Ready1To2Years, 1),
                (Verdict::Ready3PlusYears, 1),
                (Verdict::NotAssessed, 1)
            ]
        );
    }

    /// The team view reads everyone's latest assessment in a few queries; it must say
    /// exactly what reading each person's latest assessment on its own says.
    fn batched_equals_one_by_one(db: &Db, today: NaiveDate) -> TeamReadiness {
        db.read(|c| {
            let ids = people::scope_ids_in(c, &profile::Scope::Everyone, false)?;
            let batched = team_in(c, &ids, today)?;
            let one_by_one = team_one_by_one_in(c, &ids, today)?;
            assert_eq!(
                serde_json::to_value(&batched).unwrap(),
                serde_json::to_value(&one_by_one).unwrap()
            );
            Ok(batched)
        })
        .unwrap()
    }

    #[test]
    fn the_batched_team_view_matches_one_by_one_over_a_generated_organisation() {
        let today = date("2026-11-23");
        let db = Db::open_in_memory().unwrap();
        crate::generate::generate(&db, 300, 7, today).unwrap();
        // The generator decides only older assessments: decide some latest ones too, and
        // override the proposed competency status on others.
        let before = batched_equals_one_by_one(&db, today);
        let latest: Vec<String> = before
            .rows
            .iter()
            .filter_map(|r| r.assessment_id.clone())
            .collect();
        for (i, id) in latest.iter().enumerate() {
            match i % 6 {
                0 => {
                    let v = Verdict::ALL[(i / 6) % 3];
                    decide(&db, id, v, "Agreed with HR.", today, date("2026-11-23")).unwrap();
                }
                1 => set(&db, id, Requirement::Competencies, Status::NotYet),
                _ => {}
            }
        }
        let team = batched_equals_one_by_one(&db, today);
        // The comparison covers every kind of row the view shows.
        assert!(team.rows.len() >= 300);
        assert!(team.rows.iter().any(|r| r.assessment_id.is_none()));
        assert!(team.rows.iter().any(|r| r.decided));
        assert!(team
            .rows
            .iter()
            .any(|r| r.assessment_id.is_some() && !r.decided));
        assert!(team.rows.iter().any(|r| !r.open_gaps.is_empty()));
        assert!(team.rows.iter().any(|r| r.weakest.is_some()));
        assert!(team.counts.iter().filter(|c| c.count > 0).count() >= 3);
    }

    #[test]
    fn the_batched_team_view_matches_one_by_one_over_the_demo_data() {
        let today = date("2026-11-23");
        let db = Db::open_in_memory().unwrap();
        crate::demo::load(&db, today).unwrap();
        let team = batched_equals_one_by_one(&db, today);
        assert!(team.rows.iter().any(|r| r.assessment_id.is_some()));
    }

    #[test]
    fn the_batched_team_view_proposes_from_the_ratings_up_to_the_assessment_date() {
        use crate::competencies::{self, Level, NewRating, Rater};
        let (db, a) = assessment("Staff Engineer", "2026-06-01");
        let library = competencies::list(&db, false).unwrap();
        let (kept, retired) = library.split_at(2);
        let rate = |competency_id: &str, score: i64, on: &str| {
            competencies::rate(
                &db,
                NewRating {
                    person_id: a.person_id.clone(),
                    competency_id: competency_id.into(),
                    level: Level::Next,
                    rater: Rater::Manager,
                    rater_name: None,
                    score,
                    rated_on: date(on),
                    evidence: String::new(),
                },
                date(on),
            )
            .unwrap();
        };
        // Solid before the assessment; a weak rating after it does not count.
        rate(&kept[0].id, 4, "2026-05-01");
        rate(&kept[0].id, 1, "2026-07-01");
        // Two on one day: the one made last stands.
        rate(&kept[1].id, 2, "2026-05-10");
        rate(&kept[1].id, 3, "2026-05-10");
        // A competency retired since is no part of the proposal.
        rate(&retired[0].id, 1, "2026-05-01");
        for k in retired {
            competencies::retire(&db, &k.id).unwrap();
        }

        batched_equals_one_by_one(&db, date("2026-11-23"));
        let latest = db
            .read(|c| latest_of_in(c, std::slice::from_ref(&a.person_id), Detail::Rows))
            .unwrap();
        assert_eq!(latest[&a.person_id].statuses.competencies, Status::Met);
    }

    #[test]
    fn the_batched_team_view_takes_the_latest_assessment_and_a_competency_override() {
        let (db, a) = assessment("Staff Engineer", "2026-01-10");
        set(&db, &a.id, Requirement::Competencies, Status::Met);
        add_skill(&db, &a.id, "Budgets", SkillStatus::Gap, "").unwrap();
        // Two later assessments on one day: the one created last stands.
        open(
            &db,
            &a.person_id,
            "Staff Engineer",
            date("2026-06-01"),
            date("2026-11-23"),
        )
        .unwrap();
        let last = open(
            &db,
            &a.person_id,
            "Principal Engineer",
            date("2026-06-01"),
            date("2026-11-23"),
        )
        .unwrap();
        set(&db, &last.id, Requirement::Results, Status::Met);
        set(&db, &last.id, Requirement::Competencies, Status::Partly);
        let team = batched_equals_one_by_one(&db, date("2026-11-23"));
        let row = team
            .rows
            .iter()
            .find(|r| r.person_id == a.person_id)
            .unwrap();
        assert_eq!(row.assessment_id.as_deref(), Some(last.id.as_str()));
        assert_eq!(row.target.as_deref(), Some("Principal Engineer"));
        assert_eq!(row.open_gaps, vec!["Budgets".to_string()]);
        assert_eq!(
            row.weakest,
            Some(Weakest {
                requirement: Requirement::Competencies,
                status: Status::Partly
            })
        );
    }
}
