//! The team overview: one row per person in the user's scope with the figures a manager
//! scans first. Built from a fixed number of queries whatever the size of the team, and
//! counted in them rather than from loaded plans.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::checks;
use crate::meetings::{self, Cadence};
use crate::people;
use crate::profile::{self, Me};
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
/// are counted ([`checks::tally_in`]), not built from loaded plans: the findings behind
/// `plan_warnings` are [`checks::run`]'s, asked for when they are to be shown.
pub fn team(db: &Db, today: NaiveDate) -> Result<Overview> {
    db.read(|c| Ok(team_in(c, today)?.0))
}

/// [`team`] with each person's plan tally, from which the Dashboard counts the findings
/// of each kind without reading the plans again.
pub(crate) fn team_in(
    c: &rusqlite::Connection,
    today: NaiveDate,
) -> Result<(Overview, HashMap<String, checks::PlanTally>)> {
    let scope = profile::scope_in(c)?;
    let in_scope = people::scope_list_in(c, &scope)?;
    let ids: Vec<String> = in_scope.iter().map(|p| p.id.clone()).collect();
    let tally = checks::tally_in(c, &ids, today)?;
    let mut cadence: HashMap<String, Cadence> = meetings::cadence_in(c, &ids, today)?
        .into_iter()
        .map(|m| (m.person_id.clone(), m))
        .collect();
    let rows = in_scope
        .into_iter()
        .filter_map(|p| Some((cadence.remove(&p.id)?, p)))
        .map(|(meeting, p)| {
            let t = tally.get(&p.id).copied().unwrap_or_default();
            TeamRow {
                open_goals: t.open_goals,
                open_activities: t.open_activities,
                overdue_activities: t.overdue_activities,
                plan_warnings: t.plan_warnings,
                meeting,
                person_id: p.id,
                name: p.name,
                job_title: p.job_title,
                level: p.level,
                manager: p.manager_name,
            }
        })
        .collect();
    let overview = Overview {
        today,
        me: profile::load(c)?,
        rows,
    };
    Ok((overview, tally))
}
