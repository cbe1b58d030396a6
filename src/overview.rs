//! The team overview: one row per person in the user's scope with the figures a manager
//! scans first. Built from a fixed number of queries whatever the size of the team, and
//! counted in them rather than from loaded plans.

use foldhash::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::checks;
use crate::columns::day;
use crate::meetings::{Cadence, MeetingFacts};
use crate::people;
use crate::profile::{self, Me, Scope};
use crate::{Db, Result};

/// One person's line in the overview.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    pub person_id: String,
    pub name: String,
    pub job_title: Option<String>,
    pub level: Option<String>,
    pub manager: Option<String>,
    pub open_goals: usize,
    pub open_activities: usize,
    pub overdue_activities: usize,
    /// Plan warnings other than overdue activities and meetings.
    pub plan_warnings: usize,
    pub meeting: Cadence,
}

/// The team overview.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub today: NaiveDate,
    pub me: Option<Me>,
    pub rows: Vec<TeamRow>,
}

/// The overview of the people the user sees (see [`profile::scope`]). The plan figures
/// are counted ([`checks::tally_in`]), not built from loaded plans, and kept for the next
/// time: the findings behind `plan_warnings` are [`checks::run`]'s, asked for when they
/// are to be shown.
pub fn team(db: &Db, today: NaiveDate) -> Result<Overview> {
    let team = db.read(|c| team_in(c, today))?;
    checks::keep_tallies(db, &team.counted, today);
    Ok(team.overview)
}

/// The overview with each person's plan tally, from which the Dashboard counts the
/// findings of each kind without reading the plans again.
pub(crate) struct Team {
    pub overview: Overview,
    pub tally: HashMap<String, checks::PlanTally>,
    /// The people whose tallies were counted from their plans, none being kept for today:
    /// for [`checks::keep_tallies`] once the read is over.
    pub counted: Vec<String>,
    /// The people shown who hold development meetings ([`checks::holds_meetings`]).
    pub holds_meetings: HashSet<String>,
}

pub(crate) fn team_in(c: &rusqlite::Connection, today: NaiveDate) -> Result<Team> {
    let everyone = lines_in(c)?;
    let names: HashMap<&str, &str> = everyone
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    let mut shown: Vec<&Line> = match profile::scope_in(c)? {
        Scope::Everyone => everyone.iter().filter(|l| !l.archived).collect(),
        Scope::ReportsOf(m) => {
            let lines = everyone
                .iter()
                .map(|l| (l.id.as_str(), l.manager_id.as_deref()));
            let reports = people::under(lines, &m);
            everyone
                .iter()
                .filter(|l| !l.archived && reports.contains(l.id.as_str()))
                .collect()
        }
        Scope::Own(id) => everyone.iter().filter(|l| l.id == id).collect(),
    };
    shown.sort_by(|a, b| people::listed_order((&a.name, &a.id), (&b.name, &b.id)));
    let ids: Vec<String> = shown.iter().map(|l| l.id.clone()).collect();
    let holds_meetings = shown
        .iter()
        .filter(|l| checks::holds_meetings(l.manager_id.is_some(), l.has_meetings))
        .map(|l| l.id.clone())
        .collect();
    let (tally, counted) = checks::tally_in(c, &ids, today)?;
    let rows = shown
        .into_iter()
        .map(|l| {
            let t = tally.get(&l.id).copied().unwrap_or_default();
            TeamRow {
                open_goals: t.open_goals,
                open_activities: t.open_activities,
                overdue_activities: t.overdue_activities,
                plan_warnings: t.plan_warnings,
                meeting: l.meeting.cadence(l.id.clone(), today),
                person_id: l.id.clone(),
                name: l.name.clone(),
                job_title: l.job_title.clone(),
                level: l.level.clone(),
                manager: l
                    .manager_id
                    .as_deref()
                    .and_then(|m| names.get(m))
                    .map(|n| n.to_string()),
            }
        })
        .collect();
    let overview = Overview {
        today,
        me: profile::load(c)?,
        rows,
    };
    Ok(Team {
        overview,
        tally,
        counted,
        holds_meetings,
    })
}

/// A person as the overview reads them: what it shows and what their meeting cadence is
/// worked out from.
struct Line {
    id: String,
    name: String,
    job_title: Option<String>,
    level: Option<String>,
    manager_id: Option<String>,
    archived: bool,
    has_meetings: bool,
    meeting: MeetingFacts,
}

/// Everyone, archived people too (they may link others to a manager), in one pass over
/// the people and their kept meeting dates: at 10,000 people this costs a few
/// milliseconds where reading full people in scope order cost tens.
fn lines_in(c: &rusqlite::Connection) -> Result<Vec<Line>> {
    let mut stmt = c.prepare(
        "SELECT p.id, p.name, p.job_title, p.level, p.manager_id, p.archived_at IS NOT NULL,
            p.cadence_days, p.start_date, substr(p.created_at, 1, 10),
            d.last_held, d.next_scheduled, d.person_id IS NOT NULL
         FROM people p LEFT JOIN meeting_dates d ON d.person_id = p.id",
    )?;
    let lines = stmt
        .query_map([], |r| {
            Ok(Line {
                id: r.get(0)?,
                name: r.get(1)?,
                job_title: r.get(2)?,
                level: r.get(3)?,
                manager_id: r.get(4)?,
                archived: r.get(5)?,
                has_meetings: r.get(11)?,
                meeting: MeetingFacts {
                    cadence_days: r.get(6)?,
                    start_date: day(r, 7)?,
                    added: day(r, 8)?.unwrap_or_default(),
                    last_held: day(r, 9)?,
                    next_scheduled: day(r, 10)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lines)
}
