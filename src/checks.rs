//! Plan checks: the warnings of the Learn–Practice–Feedback method and the meeting
//! cadence, each with a stable code. They only read; `today` is always an argument.

use foldhash::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::codes::code_enum;
use crate::columns::{date, date_number, day, day_number, sql};
use crate::meetings;
use crate::people;
use crate::plans::Phase;
use crate::{Db, Result};

code_enum!(
    /// What a finding is about.
    FindingCode, "code", {
        MissingPhase = "missing_phase",
        ManagerOnlyResources = "manager_only_resources",
        FeedbackBeforePractice = "feedback_before_practice",
        OverdueActivity = "overdue_activity",
        MeetingOverdue = "meeting_overdue",
    }
);

/// One warning about one person's plan or meetings.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub code: FindingCode,
    pub person_id: String,
    pub person: String,
    pub goal_id: Option<String>,
    pub activity_id: Option<String>,
    pub message: String,
}

/// Runs every check for these people.
pub fn run(db: &Db, person_ids: &[String], today: NaiveDate) -> Result<Vec<Finding>> {
    db.read(|c| run_in(c, person_ids, today))
}

/// Someone whose plan and meetings are checked: what their findings name, and what the
/// meeting check is worked out from.
struct Checked {
    id: String,
    name: String,
    manager_id: Option<String>,
    has_meetings: bool,
    meeting: meetings::MeetingFacts,
}

/// Someone with no manager in Ladder and no meetings recorded (the head of the tree) has
/// nobody to hold development meetings with here, so is never overdue for one.
pub(crate) fn holds_meetings(has_manager: bool, has_meetings: bool) -> bool {
    has_manager || has_meetings
}

pub(crate) fn run_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let whole = most_of_everyone(c, person_ids.len())?;
    let people = checked_in(c, person_ids, whole)?;
    let goals = open_goals_in(c, &people, whole, today)?;
    let mut findings = Vec::new();
    for (p, goals) in people.iter().zip(goals) {
        for g in &goals {
            g.findings(p, today, &mut findings);
        }
        if holds_meetings(p.manager_id.is_some(), p.has_meetings) {
            let cadence = p.meeting.cadence(p.id.clone(), today);
            if cadence.is_overdue() {
                findings.push(meeting_finding(&p.id, &p.name, &cadence));
            }
        }
    }
    Ok(findings)
}

/// These people (archived people left out) in the order of the findings, as every list
/// of people ([`people::listed_order`]), with their kept meeting dates (a person has a
/// `meeting_dates` row once they have any meeting). `whole`: read by one pass over
/// everyone (see [`most_of_everyone`]).
fn checked_in(c: &Connection, person_ids: &[String], whole: bool) -> Result<Vec<Checked>> {
    const SELECT: &str = "SELECT p.id, p.name, p.manager_id, d.person_id IS NOT NULL,
            p.cadence_days, p.start_date, substr(p.created_at, 1, 10),
            d.last_held, d.next_scheduled
         FROM people p LEFT JOIN meeting_dates d ON d.person_id = p.id
         WHERE p.archived_at IS NULL";
    let mut stmt = c.prepare(&if whole {
        SELECT.to_string()
    } else {
        format!("{SELECT} AND p.id IN (SELECT value FROM json_each(?1))")
    })?;
    let mut rows = run_scoped(&mut stmt, whole, &crate::id_list(person_ids))?;
    let wanted: HashSet<&str> = person_ids.iter().map(String::as_str).collect();
    let mut people = Vec::with_capacity(person_ids.len());
    while let Some(r) = rows.next()? {
        if !wanted.contains(sql(r.get_ref(0)?.as_str())?) {
            continue;
        }
        people.push(Checked {
            id: r.get(0)?,
            name: r.get(1)?,
            manager_id: r.get(2)?,
            has_meetings: r.get(3)?,
            meeting: meetings::MeetingFacts {
                cadence_days: r.get(4)?,
                start_date: day(r, 5)?,
                added: day(r, 6)?.unwrap_or_default(),
                last_held: day(r, 7)?,
                next_scheduled: day(r, 8)?,
            },
        });
    }
    // Sorted here: SQLite's sort would carry every column through a temporary b-tree.
    people.sort_by(|a, b| people::listed_order((&a.name, &a.id), (&b.name, &b.id)));
    Ok(people)
}

/// One open goal as the checks see it: what its activities add up to, and only those
/// activities that can make a finding, with the text a finding quotes. Copying every
/// activity's id and description was most of the checks' time at 10,000 people.
struct OpenGoal {
    id: String,
    outcome: String,
    position: i64,
    /// Whether it has an activity of each phase, in the order of `Phase::ALL`.
    phases: [bool; 3],
    activities: usize,
    /// Activities whose resource is the person's manager in Ladder.
    by_manager: usize,
    first_practice: Option<NaiveDate>,
    /// Every feedback activity (whether it comes too early is known only once the whole
    /// goal is read) and every pending one due before today, in plan order once read.
    noted: Vec<Noted>,
}

/// An activity that can make a finding.
struct Noted {
    phase: Phase,
    position: i64,
    id: String,
    description: String,
    target_date: NaiveDate,
    overdue: bool,
}

impl OpenGoal {
    /// Adds this goal's findings, in the order a plan shows them: a missing phase, the
    /// manager as the only resource, feedback before practice, then overdue activities.
    fn findings(&self, p: &Checked, today: NaiveDate, out: &mut Vec<Finding>) {
        let finding = |code, activity_id: Option<&str>, message: String| Finding {
            code,
            person_id: p.id.clone(),
            person: p.name.clone(),
            goal_id: Some(self.id.clone()),
            activity_id: activity_id.map(Into::into),
            message,
        };
        let missing: Vec<&str> = Phase::ALL
            .iter()
            .zip(self.phases)
            .filter(|(_, has)| !has)
            .map(|(phase, _)| phase.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(finding(
                FindingCode::MissingPhase,
                None,
                format!(
                    "goal \"{}\" has no {} activity",
                    self.outcome,
                    missing.join(" or ")
                ),
            ));
        }
        if p.manager_id.is_some() && self.activities > 0 && self.by_manager == self.activities {
            out.push(finding(
                FindingCode::ManagerOnlyResources,
                None,
                format!(
                    "goal \"{}\" relies on the manager for every activity; bring in mentors, peers or material",
                    self.outcome
                ),
            ));
        }
        if let Some(first_practice) = self.first_practice {
            for fb in self
                .noted
                .iter()
                .filter(|a| a.phase == Phase::Feedback && a.target_date < first_practice)
            {
                out.push(finding(
                    FindingCode::FeedbackBeforePractice,
                    Some(&fb.id),
                    format!(
                        "feedback \"{}\" is due {} but the first practice is due {}; feedback follows practice",
                        fb.description,
                        crate::dates::written(fb.target_date),
                        crate::dates::written(first_practice)
                    ),
                ));
            }
        }
        for a in self.noted.iter().filter(|a| a.overdue) {
            out.push(finding(
                FindingCode::OverdueActivity,
                Some(&a.id),
                format!(
                    "{} activity \"{}\" was due {} ({} ago)",
                    a.phase,
                    a.description,
                    crate::dates::written(a.target_date),
                    crate::dates::days((today - a.target_date).num_days())
                ),
            ));
        }
    }
}

/// Whether a read for these people should go through every row of a table rather than
/// look up each person's: when they are a good part of everyone, one pass in table order
/// costs less than a lookup per person.
fn most_of_everyone(c: &Connection, people: usize) -> Result<bool> {
    let total: i64 = c.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
    Ok(people as i64 * 4 >= total)
}

/// Runs a statement prepared for a scope: everyone (`whole`: it takes no parameter) or
/// the people whose id list (`crate::id_list`) it takes as `?1`.
fn run_scoped<'s>(
    stmt: &'s mut rusqlite::Statement,
    whole: bool,
    ids: &str,
) -> rusqlite::Result<rusqlite::Rows<'s>> {
    if whole {
        stmt.query([])
    } else {
        stmt.query([ids])
    }
}

/// The open goals of each of these people (in the order of `people`), each in plan
/// order. `whole` (most of everyone): the goals and activities are read in one pass over
/// each table, with no lookup per person; otherwise through these people's goals.
fn open_goals_in(
    c: &Connection,
    people: &[Checked],
    whole: bool,
    today: NaiveDate,
) -> Result<Vec<Vec<OpenGoal>>> {
    let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let person: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let ids = crate::id_list(&ids);
    let mut goals: Vec<(usize, OpenGoal)> = Vec::new();
    {
        let mut stmt = c.prepare(if whole {
            "SELECT person_id, id, outcome, position FROM goals WHERE status = 'open'"
        } else {
            "SELECT person_id, id, outcome, position FROM goals
             WHERE person_id IN (SELECT value FROM json_each(?1)) AND status = 'open'"
        })?;
        let mut rows = run_scoped(&mut stmt, whole, &ids)?;
        while let Some(r) = rows.next()? {
            let Some(&p) = person.get(sql(r.get_ref(0)?.as_str())?) else {
                continue;
            };
            goals.push((
                p,
                OpenGoal {
                    id: r.get(1)?,
                    outcome: r.get(2)?,
                    position: r.get(3)?,
                    phases: [false; 3],
                    activities: 0,
                    by_manager: 0,
                    first_practice: None,
                    noted: Vec::new(),
                },
            ));
        }
    }
    let goal: HashMap<String, usize> = goals
        .iter()
        .enumerate()
        .map(|(i, (_, g))| (g.id.clone(), i))
        .collect();
    const COLUMNS: &str = "a.goal_id, a.phase, a.target_date, a.completed_on,
        a.resource_person_id, a.position, a.id, a.description";
    let mut stmt = c.prepare(&if whole {
        format!("SELECT {COLUMNS} FROM activities a")
    } else {
        format!(
            "SELECT {COLUMNS} FROM goals g JOIN activities a ON a.goal_id = g.id
             WHERE g.person_id IN (SELECT value FROM json_each(?1)) AND g.status = 'open'"
        )
    })?;
    let mut rows = run_scoped(&mut stmt, whole, &ids)?;
    while let Some(r) = rows.next()? {
        let Some(&i) = goal.get(sql(r.get_ref(0)?.as_str())?) else {
            continue;
        };
        let (p, g) = &mut goals[i];
        let phase: Phase = r.get(1)?;
        let target_date = date(r, 2)?;
        let overdue = r.get_ref(3)? == rusqlite::types::ValueRef::Null && target_date < today;
        g.activities += 1;
        if let Some(i) = Phase::ALL.iter().position(|&p| p == phase) {
            g.phases[i] = true;
        }
        if phase == Phase::Practice {
            g.first_practice = Some(g.first_practice.map_or(target_date, |d| d.min(target_date)));
        }
        let resource = sql(r.get_ref(4)?.as_str_or_null())?;
        if resource.is_some() && resource == people[*p].manager_id.as_deref() {
            g.by_manager += 1;
        }
        if phase == Phase::Feedback || overdue {
            g.noted.push(Noted {
                phase,
                position: r.get(5)?,
                id: r.get(6)?,
                description: r.get(7)?,
                target_date,
                overdue,
            });
        }
    }
    let mut by_person: Vec<Vec<OpenGoal>> = people.iter().map(|_| Vec::new()).collect();
    for (p, mut g) in goals {
        g.noted.sort_by_key(|a| (a.phase, a.position));
        by_person[p].push(g);
    }
    for goals in &mut by_person {
        goals.sort_by_key(|g| g.position);
    }
    Ok(by_person)
}

/// How many findings of each kind [`run`] gives for some people, and who has any: what
/// the Dashboard shows of the checks, counted by [`count_in`] without building a finding.
#[derive(Debug, Default, PartialEq)]
pub struct FindingCounts {
    pub per_code: HashMap<FindingCode, usize>,
    /// People with at least one finding.
    pub with_any: HashSet<String>,
}

/// The [`FindingCounts`] of these people, from their plan tallies ([`tally_in`]) and
/// whether they have a finding for an overdue development meeting (their cadence and
/// [`holds_meetings`]), both as the team overview has already read them.
pub(crate) fn count(
    person_ids: &[String],
    tally: &HashMap<String, PlanTally>,
    meeting_overdue: impl Fn(&str) -> bool,
) -> FindingCounts {
    let mut out = FindingCounts::default();
    for id in person_ids {
        let t = tally.get(id).copied().unwrap_or_default();
        let meeting = usize::from(meeting_overdue(id));
        for (code, n) in [
            (FindingCode::MissingPhase, t.missing_phase),
            (FindingCode::ManagerOnlyResources, t.manager_only),
            (
                FindingCode::FeedbackBeforePractice,
                t.feedback_before_practice,
            ),
            (FindingCode::OverdueActivity, t.overdue_activities),
            (FindingCode::MeetingOverdue, meeting),
        ] {
            *out.per_code.entry(code).or_default() += n;
            if n > 0 {
                out.with_any.insert(id.clone());
            }
        }
    }
    out
}

/// One person's plan in figures: what the team overview shows, counted without loading
/// any plan or writing any finding. `plan_warnings` counts the findings [`run`] gives
/// other than overdue activities and meetings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanTally {
    pub open_goals: usize,
    pub open_activities: usize,
    pub overdue_activities: usize,
    pub plan_warnings: usize,
    /// `plan_warnings` by kind: goals missing a phase, goals relying on the manager
    /// alone, and feedback due before the goal's first practice.
    pub missing_phase: usize,
    pub manager_only: usize,
    pub feedback_before_practice: usize,
}

/// What one open goal adds up to while its activities are read.
#[derive(Default)]
struct GoalTally {
    person: usize,
    activities: usize,
    pending: usize,
    overdue: usize,
    phases: [bool; 3],
    by_manager: usize,
    first_practice: Option<u32>,
    feedback: Vec<u32>,
    /// The earliest target date of a pending activity on or after today.
    next_due: Option<u32>,
}

/// The [`PlanTally`] of each of these people (active or not), keyed by person id, and
/// the people whose figures were counted here because none were kept for `today` (see
/// the `plan_tally` table): [`keep_tallies`] keeps theirs for the next time.
pub(crate) fn tally_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<(HashMap<String, PlanTally>, Vec<String>)> {
    let mut tally = kept_in(c, person_ids, today)?;
    let counted: Vec<String> = person_ids
        .iter()
        .filter(|id| !tally.contains_key(*id))
        .cloned()
        .collect();
    if !counted.is_empty() {
        tally.extend(
            count_plans_in(c, &counted, today)?
                .into_iter()
                .map(|(id, (t, _))| (id, t)),
        );
    }
    Ok((tally, counted))
}

/// The kept tallies of these people that are still right on `today`; when they are most
/// of everyone, everyone's (a lookup per person would cost more than the extra rows).
fn kept_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<HashMap<String, PlanTally>> {
    const COLUMNS: &str = "person_id, open_goals, open_activities, overdue_activities,
        missing_phase, manager_only, feedback_before_practice";
    const FOR_TODAY: &str = "counted_on <= ?1 AND (valid_until IS NULL OR valid_until >= ?1)";
    let whole = most_of_everyone(c, person_ids.len())?;
    let mut stmt = if whole {
        c.prepare(&format!(
            "SELECT {COLUMNS} FROM plan_tally WHERE {FOR_TODAY}"
        ))?
    } else {
        c.prepare(&format!(
            "SELECT {COLUMNS} FROM plan_tally
             WHERE person_id IN (SELECT value FROM json_each(?2)) AND {FOR_TODAY}"
        ))?
    };
    let today = today.to_string();
    let mut rows = if whole {
        stmt.query([&today])?
    } else {
        stmt.query([&today, &crate::id_list(person_ids)])?
    };
    let mut out = HashMap::default();
    while let Some(r) = rows.next()? {
        let count = |i| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)? as usize) };
        let (missing_phase, manager_only, feedback_before_practice) =
            (count(4)?, count(5)?, count(6)?);
        out.insert(
            r.get(0)?,
            PlanTally {
                open_goals: count(1)?,
                open_activities: count(2)?,
                overdue_activities: count(3)?,
                plan_warnings: missing_phase + manager_only + feedback_before_practice,
                missing_phase,
                manager_only,
                feedback_before_practice,
            },
        );
    }
    Ok(out)
}

/// Keeps the tallies of these people for `today`, counted again inside one write so that
/// what is kept is what the plans say at that moment, whatever another process wrote
/// since they were read. The kept figures are only a copy: when the database cannot be
/// written (opened read-only, a full disk, another Ladder writing: this does not wait)
/// nothing is kept, and the next overview counts those people again.
pub(crate) fn keep_tallies(db: &Db, person_ids: &[String], today: NaiveDate) {
    if person_ids.is_empty() || db.read_only().is_some() {
        return;
    }
    let _ = db.write_if_free(|c| {
        let mut stmt = c.prepare(
            "INSERT OR REPLACE INTO plan_tally (person_id, open_goals, open_activities,
                 overdue_activities, missing_phase, manager_only, feedback_before_practice,
                 counted_on, valid_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let counted_on = today.to_string();
        for (id, (t, next_due)) in count_plans_in(c, person_ids, today)? {
            let valid_until =
                next_due.map(|d| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100));
            stmt.execute(rusqlite::params![
                id,
                t.open_goals as i64,
                t.open_activities as i64,
                t.overdue_activities as i64,
                t.missing_phase as i64,
                t.manager_only as i64,
                t.feedback_before_practice as i64,
                counted_on,
                valid_until,
            ])?;
        }
        Ok(())
    });
}

/// Counts the [`PlanTally`] of each of these people from their plans, with the earliest
/// target date (as YYYYMMDD) of a pending activity on or after `today`: the overdue
/// count stays right up to that day. A fixed number of queries, and only the columns
/// the counts need: a large scope reads the activities straight from the covering
/// index, a small one only its people's.
fn count_plans_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<HashMap<String, (PlanTally, Option<u32>)>> {
    let mut people: Vec<(String, Option<String>)> = Vec::with_capacity(person_ids.len());
    let mut goals: HashMap<String, GoalTally> = HashMap::default();
    {
        let mut stmt = c.prepare(
            "SELECT p.id, p.manager_id, g.id FROM people p
             LEFT JOIN goals g ON g.person_id = p.id AND g.status = 'open'
             WHERE p.id IN (SELECT value FROM json_each(?1))
             ORDER BY p.id",
        )?;
        let mut rows = stmt.query([crate::id_list(person_ids)])?;
        while let Some(r) = rows.next()? {
            let id = sql(r.get_ref(0)?.as_str())?;
            if people.last().is_none_or(|(last, _)| last != id) {
                people.push((id.to_string(), r.get(1)?));
            }
            if let Some(goal) = r.get::<_, Option<String>>(2)? {
                let person = people.len() - 1;
                goals.insert(
                    goal,
                    GoalTally {
                        person,
                        ..GoalTally::default()
                    },
                );
            }
        }
    }
    let whole = most_of_everyone(c, people.len())?;
    let query = if whole {
        "SELECT a.goal_id, a.phase, a.target_date, a.completed_on, a.resource_person_id
         FROM activities a INDEXED BY activities_tally"
    } else {
        "SELECT a.goal_id, a.phase, a.target_date, a.completed_on, a.resource_person_id
         FROM goals g JOIN activities a INDEXED BY activities_tally ON a.goal_id = g.id
         WHERE g.person_id IN (SELECT value FROM json_each(?1)) AND g.status = 'open'"
    };
    let mut stmt = c.prepare(query)?;
    let today = date_number(today);
    let mut rows = run_scoped(&mut stmt, whole, &crate::id_list(person_ids))?;
    while let Some(r) = rows.next()? {
        let Some(g) = goals.get_mut(sql(r.get_ref(0)?.as_str())?) else {
            continue;
        };
        let target = day_number(sql(r.get_ref(2)?.as_bytes())?);
        let done = r.get_ref(3)? != rusqlite::types::ValueRef::Null;
        g.activities += 1;
        if !done {
            g.pending += 1;
            if target < today {
                g.overdue += 1;
            } else {
                g.next_due = Some(g.next_due.map_or(target, |d| d.min(target)));
            }
        }
        match sql(r.get_ref(1)?.as_bytes())? {
            b"learn" => g.phases[0] = true,
            b"practice" => {
                g.phases[1] = true;
                g.first_practice = Some(g.first_practice.map_or(target, |d| d.min(target)));
            }
            _ => {
                g.phases[2] = true;
                g.feedback.push(target);
            }
        }
        if let (Some(rp), Some(m)) = (sql(r.get_ref(4)?.as_str_or_null())?, &people[g.person].1) {
            if rp == m {
                g.by_manager += 1;
            }
        }
    }
    let mut out: Vec<(PlanTally, Option<u32>)> = vec![Default::default(); people.len()];
    for g in goals.values() {
        let (t, next_due) = &mut out[g.person];
        *next_due = match (*next_due, g.next_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        t.open_goals += 1;
        t.open_activities += g.pending;
        t.overdue_activities += g.overdue;
        let manager_only =
            people[g.person].1.is_some() && g.activities > 0 && g.by_manager == g.activities;
        let early = g
            .first_practice
            .map_or(0, |p| g.feedback.iter().filter(|&&f| f < p).count());
        t.missing_phase += usize::from(g.phases.contains(&false));
        t.manager_only += usize::from(manager_only);
        t.feedback_before_practice += early;
        t.plan_warnings = t.missing_phase + t.manager_only + t.feedback_before_practice;
    }
    Ok(people.into_iter().map(|(id, _)| id).zip(out).collect())
}

fn meeting_finding(person_id: &str, person: &str, cad: &meetings::Cadence) -> Finding {
    let since = match cad.last_held {
        Some(d) => format!("last held {}", crate::dates::written(d)),
        None => "none held yet".to_string(),
    };
    let days = crate::dates::days(cad.overdue_days);
    let message = match (cad.status, cad.next_scheduled) {
        (meetings::CadenceStatus::Missed, Some(on)) => format!(
            "development meeting set for {} not recorded ({days} ago): record it as held or move it ({since})",
            crate::dates::written(on)
        ),
        _ => format!(
            "development meeting overdue by {days} (every {} days, {since})",
            cad.cadence_days
        ),
    };
    Finding {
        code: FindingCode::MeetingOverdue,
        person_id: person_id.into(),
        person: person.into(),
        goal_id: None,
        activity_id: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, NewPerson};
    use crate::plans::{self, NewActivity, NewGoal, Resource, ResourceKind};
    use crate::{competencies, validate};

    fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    struct Fixture {
        db: Db,
        boss: String,
        ana: String,
        goal: String,
    }

    fn fixture() -> Fixture {
        let db = Db::open_in_memory().unwrap();
        let boss = people::add(
            &db,
            NewPerson {
                name: "Boss".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let ana = people::add(
            &db,
            NewPerson {
                name: "Ana".into(),
                manager_id: Some(boss.clone()),
                start_date: Some(date("2026-10-01")),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        db.write(|c| people::backdate_in(c, &ana, date("2026-10-01")))
            .unwrap();
        let k = competencies::resolve(&db, "Communication").unwrap().id;
        let goal = plans::add_goal(
            &db,
            NewGoal {
                person_id: ana.clone(),
                competency_id: k,
                outcome: "Present with confidence".into(),
            },
        )
        .unwrap()
        .id;
        Fixture {
            db,
            boss,
            ana,
            goal,
        }
    }

    impl Fixture {
        fn add(&self, phase: Phase, resource: Resource, due: &str) -> String {
            plans::add_activity(
                &self.db,
                NewActivity {
                    goal_id: self.goal.clone(),
                    phase,
                    description: format!("{phase} work"),
                    resource,
                    target_date: date(due),
                    notes: String::new(),
                },
            )
            .unwrap()
            .id
        }

        fn codes(&self, today: &str) -> Vec<FindingCode> {
            run(
                &self.db,
                &[self.ana.clone(), self.boss.clone()],
                date(today),
            )
            .unwrap()
            .into_iter()
            .map(|f| f.code)
            .collect()
        }
    }

    fn book() -> Resource {
        Resource::named(ResourceKind::Material, "Talk Like TED")
    }

    #[test]
    fn missing_phase_fires_until_each_phase_has_an_activity() {
        let f = fixture();
        assert_eq!(f.codes("2026-10-02"), [FindingCode::MissingPhase]);
        f.add(Phase::Learn, book(), "2026-11-01");
        f.add(Phase::Practice, book(), "2026-11-10");
        let findings = run(&f.db, std::slice::from_ref(&f.ana), date("2026-10-02")).unwrap();
        assert_eq!(
            findings[0].message,
            "goal \"Present with confidence\" has no feedback activity"
        );
        f.add(Phase::Feedback, book(), "2026-11-20");
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn done_and_dropped_goals_are_not_checked() {
        let f = fixture();
        plans::edit_goal(
            &f.db,
            &f.goal,
            plans::GoalPatch {
                status: Some(plans::GoalStatus::Dropped),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn manager_only_resources_fires_only_when_every_activity_is_the_manager() {
        let f = fixture();
        let boss = Resource::person(&f.boss);
        f.add(Phase::Learn, boss.clone(), "2026-11-01");
        f.add(Phase::Practice, boss.clone(), "2026-11-10");
        let last = f.add(Phase::Feedback, boss, "2026-11-20");
        assert_eq!(f.codes("2026-10-02"), [FindingCode::ManagerOnlyResources]);
        plans::edit_activity(
            &f.db,
            &last,
            plans::ActivityPatch {
                resource: Some(Resource::named(ResourceKind::Person, "A peer")),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
        // Someone of that name joins later: an edit of another field keeps the name typed.
        crate::people::add(
            &f.db,
            crate::people::NewPerson {
                name: "A Peer".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let a = plans::edit_activity(
            &f.db,
            &last,
            plans::ActivityPatch {
                target_date: Some(date("2026-11-21")),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (a.resource.person_id, a.resource.name.as_str()),
            (None, "A peer")
        );
        // The manager typed by name (any case) is the manager, not someone outside Ladder.
        let a = plans::edit_activity(
            &f.db,
            &last,
            plans::ActivityPatch {
                resource: Some(Resource::named(ResourceKind::Person, " boss ")),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (a.resource.person_id.as_deref(), a.resource.name.as_str()),
            (Some(f.boss.as_str()), "Boss")
        );
        assert_eq!(f.codes("2026-10-02"), [FindingCode::ManagerOnlyResources]);
    }

    #[test]
    fn feedback_before_every_practice_fires() {
        let f = fixture();
        f.add(Phase::Learn, book(), "2026-11-01");
        f.add(Phase::Practice, book(), "2026-11-10");
        f.add(Phase::Practice, book(), "2026-11-30");
        let early = f.add(Phase::Feedback, book(), "2026-11-05");
        let findings = run(&f.db, std::slice::from_ref(&f.ana), date("2026-10-02")).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].activity_id.as_deref()),
            (FindingCode::FeedbackBeforePractice, Some(early.as_str()))
        );
        // Feedback after the first practice, even if before a later one, is fine.
        plans::edit_activity(
            &f.db,
            &early,
            plans::ActivityPatch {
                target_date: Some(date("2026-11-10")),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn overdue_activity_fires_after_the_target_date_until_done() {
        let f = fixture();
        let learn = f.add(Phase::Learn, book(), "2026-10-20");
        f.add(Phase::Practice, book(), "2026-11-10");
        f.add(Phase::Feedback, book(), "2026-11-20");
        assert!(f.codes("2026-10-20").is_empty());
        assert_eq!(f.codes("2026-10-21"), [FindingCode::OverdueActivity]);
        plans::complete_activity(&f.db, &learn, date("2026-10-22"), date("2026-10-22")).unwrap();
        assert!(f.codes("2026-10-23").is_empty());
    }

    #[test]
    fn meeting_overdue_follows_the_cadence_for_reports_only() {
        let f = fixture();
        f.add(Phase::Learn, book(), "2026-12-01");
        f.add(Phase::Practice, book(), "2026-12-10");
        f.add(Phase::Feedback, book(), "2026-12-20");
        // Ana started 2026-10-01 with the default cadence of 28 days: due 2026-10-29.
        assert!(f.codes("2026-10-29").is_empty());
        let findings = run(&f.db, &[f.ana.clone(), f.boss.clone()], date("2026-10-30")).unwrap();
        assert_eq!(
            findings.len(),
            1,
            "the boss has no manager and no meetings: {findings:?}"
        );
        assert_eq!(findings[0].code, FindingCode::MeetingOverdue);
        assert_eq!(
            findings[0].message,
            "development meeting overdue by 1 day (every 28 days, none held yet)"
        );
        let m = meetings::schedule(&f.db, &f.ana, date("2026-10-30")).unwrap();
        meetings::hold(&f.db, &m.id, date("2026-10-30"), None, date("2026-10-30")).unwrap();
        assert!(f.codes("2026-11-27").is_empty());
        assert_eq!(f.codes("2026-11-28"), [FindingCode::MeetingOverdue]);
    }
}
