//! The manager's dashboard: what needs them this week across the people they see (see
//! [`profile::scope`]): meetings overdue and due this week, plan health, rating trends,
//! readiness counts and the active changes with their barrier distribution.
//!
//! Every figure comes from the area that owns it (the team overview, the readiness team
//! view's counts, each change's standing as its rollup gives it); only the rating trends
//! are read here, from the ratings of the people in scope. Nothing is written but the
//! plan figures the overview keeps (see [`checks::keep_tallies`]).

use foldhash::HashSet;
use std::collections::BTreeMap;

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

use crate::change::{self, assessments::BarrierCount, ChangeStatus, Element};
use crate::checks::{self, FindingCode};
use crate::columns;
use crate::competencies;
use crate::meetings::CadenceStatus;
use crate::overview;
use crate::profile::{self, Me};
use crate::promotion::{self, Flag, VerdictCount};
use crate::{Db, Result};

/// How many days "this week" covers, today included.
pub const WEEK_DAYS: i64 = 7;

/// How many months of ratings the trends look back over, this month included.
pub const TREND_MONTHS: u32 = 12;

/// How many people each list of the dashboard names, the most pressing first. Its figures
/// count everyone; the Team and Meetings screens, and `ladder overview`, list them all.
/// An organisation of thousands would otherwise send, and draw, thousands of rows.
pub const SHORTLIST: usize = 10;

/// The first [`SHORTLIST`] items of a list, and how many it has in all.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Shortlist<T> {
    pub first: Vec<T>,
    pub total: usize,
}

impl<T> Shortlist<T> {
    /// The shortlist of `all`, already in order.
    fn of(mut all: Vec<T>) -> Self {
        let total = all.len();
        all.truncate(SHORTLIST);
        Shortlist { first: all, total }
    }
}

/// Everything the dashboard shows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// The last day of "this week": today and the six days after it.
    pub week_end: NaiveDate,
    pub me: Option<Me>,
    /// How many people the dashboard covers.
    pub people: usize,
    /// Development meetings past their date, most overdue first: overdue by the cadence,
    /// or missed (set for a day that passed without being recorded or cancelled).
    pub meetings_overdue: Shortlist<MeetingDue>,
    /// Development meetings scheduled or due from today to `week_end`, soonest first.
    pub meetings_this_week: Shortlist<MeetingDue>,
    pub plans: PlanHealth,
    /// One line per competency someone in scope was rated on, in library order.
    pub ratings: Vec<RatingTrend>,
    pub readiness: ReadinessCounts,
    /// Changes announced and not yet closed, in register order.
    pub changes: Vec<ActiveChange>,
}

/// A person's next development meeting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingDue {
    pub person_id: String,
    pub name: String,
    pub status: CadenceStatus,
    /// The scheduled date (passed, when missed), or the date the cadence says it is due
    /// by when none is set.
    pub on: NaiveDate,
    pub overdue_days: i64,
}

/// The health of the development plans of everyone in scope.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanHealth {
    /// People with at least one open goal.
    pub with_plan: usize,
    /// People with no open goal.
    pub without_plan: usize,
    /// People with an open goal and no plan warning, overdue activity or overdue meeting.
    pub clean: usize,
    pub open_goals: usize,
    pub open_activities: usize,
    pub overdue_activities: usize,
    /// Every plan check code, in order, with how many findings have it.
    pub findings: Vec<FindingCount>,
    /// People with overdue activities or plan warnings, the most first.
    pub attention: Shortlist<PlanAttention>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingCount {
    pub code: FindingCode,
    pub count: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanAttention {
    pub person_id: String,
    pub name: String,
    pub overdue_activities: usize,
    /// Plan warnings other than overdue activities and meetings.
    pub plan_warnings: usize,
}

/// How the team is rated on one competency, at the current level.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RatingTrend {
    pub competency_id: String,
    pub competency: String,
    /// People in scope with a rating of it.
    pub people: usize,
    /// The mean of each person's latest rating, to one decimal.
    pub average: f64,
    /// People whose latest rating is above, below or equal to the one before it.
    pub better: usize,
    pub worse: usize,
    pub same: usize,
    /// The mean of the ratings given in each month of the last twelve that has any.
    pub months: Vec<MonthAverage>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthAverage {
    /// The first day of the month.
    pub month: NaiveDate,
    pub average: f64,
    pub ratings: usize,
}

/// The team's readiness verdicts and who needs an assessment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReadinessCounts {
    /// Every verdict, in order, with how many people stand at it.
    pub verdicts: Vec<VerdictCount>,
    pub never_assessed: usize,
    /// Last assessed more than twelve months ago.
    pub stale: usize,
}

/// An active change and where its stakeholders are stuck.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ActiveChange {
    pub change_id: String,
    pub name: String,
    pub owner: String,
    pub status: ChangeStatus,
    pub stakeholders: usize,
    pub not_assessed: usize,
    /// One entry per element in A-D-K-A-R order, then one for "no barrier".
    pub distribution: Vec<BarrierCount>,
    /// The barrier of the stakeholders' average profile.
    pub barrier: Option<Element>,
}

/// The dashboard of the people the user sees, on `today`.
pub fn summary(db: &Db, today: NaiveDate) -> Result<Dashboard> {
    let overview::Team {
        overview: o,
        tally,
        counted,
        holds_meetings,
    } = db.read(|c| overview::team_in(c, today))?;
    checks::keep_tallies(db, &counted, today);
    let week_end = today + Duration::days(WEEK_DAYS - 1);

    let due = |r: &overview::TeamRow| MeetingDue {
        person_id: r.person_id.clone(),
        name: r.name.clone(),
        status: r.meeting.status,
        on: r.meeting.next_scheduled.unwrap_or(r.meeting.due_on),
        overdue_days: r.meeting.overdue_days,
    };
    let mut meetings_overdue: Vec<MeetingDue> = o
        .rows
        .iter()
        .filter(|r| r.meeting.is_overdue())
        .map(due)
        .collect();
    meetings_overdue.sort_by(|a, b| b.overdue_days.cmp(&a.overdue_days).then(a.on.cmp(&b.on)));
    let mut meetings_this_week: Vec<MeetingDue> = o
        .rows
        .iter()
        .map(due)
        .filter(|m| m.overdue_days == 0 && m.on >= today && m.on <= week_end)
        .collect();
    meetings_this_week.sort_by(|a, b| a.on.cmp(&b.on).then(a.name.cmp(&b.name)));

    // How many findings of each kind the plan checks give in scope, counted from the
    // overview's plan tallies and meeting cadence rather than built one by one.
    let ids: Vec<String> = o.rows.iter().map(|r| r.person_id.clone()).collect();
    let overdue: HashSet<&str> = meetings_overdue
        .iter()
        .map(|m| m.person_id.as_str())
        .collect();
    let counts = checks::count(&ids, &tally, |id| {
        overdue.contains(id) && holds_meetings.contains(id)
    });
    let with_plan = o.rows.iter().filter(|r| r.open_goals > 0).count();
    let mut attention: Vec<PlanAttention> = o
        .rows
        .iter()
        .filter(|r| r.overdue_activities + r.plan_warnings > 0)
        .map(|r| PlanAttention {
            person_id: r.person_id.clone(),
            name: r.name.clone(),
            overdue_activities: r.overdue_activities,
            plan_warnings: r.plan_warnings,
        })
        .collect();
    attention.sort_by(|a, b| {
        (b.overdue_activities + b.plan_warnings)
            .cmp(&(a.overdue_activities + a.plan_warnings))
            .then(a.name.cmp(&b.name))
    });
    let plans = PlanHealth {
        with_plan,
        without_plan: o.rows.len() - with_plan,
        clean: o
            .rows
            .iter()
            .filter(|r| r.open_goals > 0 && !counts.with_any.contains(&r.person_id))
            .count(),
        open_goals: o.rows.iter().map(|r| r.open_goals).sum(),
        open_activities: o.rows.iter().map(|r| r.open_activities).sum(),
        overdue_activities: o.rows.iter().map(|r| r.overdue_activities).sum(),
        findings: FindingCode::ALL
            .iter()
            .map(|&code| FindingCount {
                code,
                count: counts.per_code.get(&code).copied().unwrap_or(0),
            })
            .collect(),
        attention: Shortlist::of(attention),
    };

    let ratings = rating_trends(db, &ids, today)?;

    let (verdicts, flags) = db.read(|c| promotion::counts_in(c, &ids, today))?;
    let flagged = |flag: Flag| flags.get(&flag).copied().unwrap_or(0);
    let readiness = ReadinessCounts {
        never_assessed: flagged(Flag::NeverAssessed),
        stale: flagged(Flag::OlderThan12Months),
        verdicts,
    };

    // Each active change in figures only: its stakeholders are counted, not loaded.
    let changes = db.read(|c| {
        let mut changes = Vec::new();
        for ch in change::register::list_bare_in(c)?
            .into_iter()
            .filter(|c| c.status.is_active())
        {
            let s = change::assessments::standing_in(c, &ch.id)?;
            changes.push(ActiveChange {
                change_id: ch.id,
                name: ch.name,
                owner: ch.owner,
                status: ch.status,
                stakeholders: s.stakeholders,
                not_assessed: s.not_assessed,
                distribution: s.distribution,
                barrier: s.average_barrier,
            });
        }
        Ok(changes)
    })?;

    Ok(Dashboard {
        today,
        week_end,
        me: profile::whoami(db)?,
        people: o.rows.len(),
        meetings_overdue: Shortlist::of(meetings_overdue),
        meetings_this_week: Shortlist::of(meetings_this_week),
        plans,
        ratings,
        readiness,
        changes,
    })
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
fn mean(scores: impl Iterator<Item = i64>) -> (f64, usize) {
    let (sum, n) = scores.fold((0, 0), |(s, n), x| (s + x, n + 1));
    (if n == 0 { 0.0 } else { sum as f64 / n as f64 }, n)
}

/// The current-level rating trends of these people, one per competency rated.
fn rating_trends(db: &Db, ids: &[String], today: NaiveDate) -> Result<Vec<RatingTrend>> {
    /// One competency's figures while the ratings are read.
    #[derive(Default)]
    struct Trend {
        people: usize,
        latest_sum: i64,
        better: usize,
        worse: usize,
        same: usize,
        /// YYYYMM → (sum, ratings).
        months: BTreeMap<u32, (i64, usize)>,
    }
    /// Counts one person's latest rating of a competency against the one before it.
    fn close(t: &mut Trend, latest: i64, before: Option<i64>) {
        t.people += 1;
        t.latest_sum += latest;
        match before.map(|b| latest.cmp(&b)) {
            Some(std::cmp::Ordering::Greater) => t.better += 1,
            Some(std::cmp::Ordering::Less) => t.worse += 1,
            Some(std::cmp::Ordering::Equal) => t.same += 1,
            None => {}
        }
    }
    let library = competencies::list(db, true)?;
    let this_month = today.with_day(1).unwrap_or(today);
    let first_month = this_month
        .checked_sub_months(Months::new(TREND_MONTHS - 1))
        .unwrap_or(this_month);
    let yyyymm = |d: NaiveDate| columns::date_number(d) / 100;
    let months = yyyymm(first_month)..=yyyymm(this_month);
    // Ids are compared as the bytes SQLite holds: a UTF-8 check and a copy of every id
    // read would be a fifth of the trends' time at 10,000 people.
    let wanted: HashSet<&[u8]> = ids.iter().map(String::as_bytes).collect();
    // By competency id; a handful, so found by a look along the list.
    let mut trends: Vec<(String, Trend)> = Vec::new();
    db.read(|c| {
        // In the order of the ratings_trend index, which holds every column read: each
        // person's ratings of a competency come together, oldest first, with no sort.
        let mut stmt = c.prepare(
            "SELECT person_id, competency_id, rated_on, score
             FROM ratings INDEXED BY ratings_trend WHERE level = 'current'
             ORDER BY person_id, competency_id, rated_on, created_at, id",
        )?;
        let mut rows = stmt.query([])?;
        // The group being read: person, whether they are in scope, competency, and the
        // competency's trend when the person is in scope; and the group's latest two
        // scores.
        let (mut person_id, mut competency_id) = (Vec::new(), Vec::new());
        let mut in_scope = false;
        let mut trend: Option<usize> = None;
        let (mut latest, mut before): (Option<i64>, Option<i64>) = (None, None);
        while let Some(r) = rows.next()? {
            let bytes = |i| columns::sql(r.get_ref(i)?.as_bytes());
            let (person, competency) = (bytes(0)?, bytes(1)?);
            if person_id != person || competency_id != competency {
                if let (Some(t), Some(l)) = (trend, latest) {
                    close(&mut trends[t].1, l, before);
                }
                if person_id != person {
                    in_scope = wanted.contains(person);
                    person_id.clear();
                    person_id.extend_from_slice(person);
                }
                competency_id.clear();
                competency_id.extend_from_slice(competency);
                trend = None;
                if in_scope {
                    let known = trends.iter().position(|(k, _)| k.as_bytes() == competency);
                    trend = Some(match known {
                        Some(t) => t,
                        None => {
                            let id = columns::sql(r.get_ref(1)?.as_str())?;
                            trends.push((id.to_string(), Trend::default()));
                            trends.len() - 1
                        }
                    });
                }
                (latest, before) = (None, None);
            }
            let Some(t) = trend else {
                continue;
            };
            let score = columns::sql(r.get_ref(3)?.as_i64())?;
            (latest, before) = (Some(score), latest);
            let month = columns::day_number(bytes(2)?) / 100;
            if months.contains(&month) {
                let (sum, n) = trends[t].1.months.entry(month).or_default();
                (*sum, *n) = (*sum + score, *n + 1);
            }
        }
        if let (Some(t), Some(l)) = (trend, latest) {
            close(&mut trends[t].1, l, before);
        }
        Ok(())
    })?;
    let mut out = Vec::new();
    for k in library {
        let Some(i) = trends.iter().position(|(id, _)| *id == k.id) else {
            continue;
        };
        let t = trends.swap_remove(i).1;
        out.push(RatingTrend {
            competency_id: k.id,
            competency: k.name,
            people: t.people,
            average: one_decimal(t.latest_sum as f64 / t.people as f64),
            better: t.better,
            worse: t.worse,
            same: t.same,
            months: t
                .months
                .into_iter()
                .filter_map(|(month, (sum, ratings))| {
                    Some(MonthAverage {
                        month: NaiveDate::from_ymd_opt((month / 100) as i32, month % 100, 1)?,
                        average: one_decimal(sum as f64 / ratings as f64),
                        ratings,
                    })
                })
                .collect(),
        });
    }
    Ok(out)
}

/// [`rating_trends`] worked out from every rating sorted by date: what the streamed
/// read must agree with.
#[cfg(test)]
fn rating_trends_sorted(db: &Db, ids: &[String], today: NaiveDate) -> Result<Vec<RatingTrend>> {
    let library = competencies::list(db, true)?;
    // (competency, person) → scores with their dates, oldest first.
    let rated: Vec<(String, String, i64, NaiveDate)> = db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT competency_id, person_id, score, rated_on FROM ratings
             WHERE level = 'current' AND person_id IN (SELECT value FROM json_each(?1))
             ORDER BY rated_on, created_at, id",
        )?;
        let rows = stmt
            .query_map([crate::id_list(ids)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })?;
    let this_month = today.with_day(1).unwrap_or(today);
    let first_month = this_month
        .checked_sub_months(Months::new(TREND_MONTHS - 1))
        .unwrap_or(this_month);
    let mut out = Vec::new();
    for k in library {
        let mine: Vec<&(String, String, i64, NaiveDate)> =
            rated.iter().filter(|r| r.0 == k.id).collect();
        if mine.is_empty() {
            continue;
        }
        let mut by_person: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
        let mut by_month: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
        for (_, person, score, on) in &mine {
            by_person.entry(person.as_str()).or_default().push(*score);
            let month = on.with_day(1).unwrap_or(*on);
            if month >= first_month && month <= this_month {
                by_month.entry(month).or_default().push(*score);
            }
        }
        let (mut better, mut worse, mut same) = (0, 0, 0);
        for scores in by_person.values() {
            if let [.., before, last] = scores.as_slice() {
                match last.cmp(before) {
                    std::cmp::Ordering::Greater => better += 1,
                    std::cmp::Ordering::Less => worse += 1,
                    std::cmp::Ordering::Equal => same += 1,
                }
            }
        }
        let (average, people) = mean(by_person.values().filter_map(|s| s.last().copied()));
        out.push(RatingTrend {
            competency_id: k.id,
            competency: k.name,
            people,
            average: one_decimal(average),
            better,
            worse,
            same,
            months: by_month
                .into_iter()
                .map(|(month, scores)| {
                    let (average, ratings) = mean(scores.into_iter());
                    MonthAverage {
                        month,
                        average: one_decimal(average),
                        ratings,
                    }
                })
                .collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_rating_trends_are_those_of_every_rating_sorted() {
        let db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::generate::generate(&db, 120, 3, today).unwrap();
        let all: Vec<String> = db
            .read(|c| {
                let mut stmt = c.prepare("SELECT id FROM people ORDER BY id")?;
                let ids = stmt.query_map([], |r| r.get(0))?;
                Ok(ids.collect::<rusqlite::Result<Vec<String>>>()?)
            })
            .unwrap();
        for ids in [&all[..], &all[..40], &all[..1]] {
            for day in [
                today,
                today - Duration::days(200),
                today + Duration::days(400),
            ] {
                let streamed = rating_trends(&db, ids, day).unwrap();
                assert_eq!(streamed, rating_trends_sorted(&db, ids, day).unwrap());
                if ids.len() > 1 && day == today {
                    assert!(streamed.iter().any(|t| t.better > 0 && t.worse > 0));
                    assert!(streamed.iter().any(|t| !t.months.is_empty()));
                }
            }
        }
    }
}
