//! The team overview: one row per person in the user's scope with the figures a manager
//! scans first, and every plan check finding. Built from a fixed number of queries
//! whatever the size of the team.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::checks::{self, Finding, FindingCode};
use crate::meetings::{self, Cadence};
use crate::people;
use crate::plans;
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
    pub findings: Vec<Finding>,
}

/// The overview of the people the user sees (see [`profile::scope`]).
pub fn team(db: &Db, today: NaiveDate) -> Result<Overview> {
    db.read(|c| {
        let scope = profile::scope_in(c)?;
        let ids = people::scope_ids_in(c, &scope, false)?;
        let in_scope = people::list_in(c, &ids)?;
        let findings = checks::run_in(c, &ids, today)?;
        let mut goals: HashMap<String, Vec<plans::Goal>> = HashMap::new();
        for g in plans::goals_of_in(c, &ids, true)? {
            goals.entry(g.person_id.clone()).or_default().push(g);
        }
        let mut cadence: HashMap<String, Cadence> = meetings::cadence_in(c, &ids, today)?
            .into_iter()
            .map(|m| (m.person_id.clone(), m))
            .collect();
        let mut warnings: HashMap<&str, usize> = HashMap::new();
        for f in &findings {
            if !matches!(
                f.code,
                FindingCode::OverdueActivity | FindingCode::MeetingOverdue
            ) {
                *warnings.entry(f.person_id.as_str()).or_default() += 1;
            }
        }
        let rows = in_scope
            .into_iter()
            .filter_map(|p| Some((cadence.remove(&p.id)?, p)))
            .map(|(meeting, p)| {
                let gs = goals.get(&p.id).map(Vec::as_slice).unwrap_or_default();
                let pending = || {
                    gs.iter()
                        .flat_map(|g| &g.activities)
                        .filter(|a| a.completed_on.is_none())
                };
                TeamRow {
                    open_goals: gs.len(),
                    open_activities: pending().count(),
                    overdue_activities: pending().filter(|a| a.is_overdue(today)).count(),
                    plan_warnings: warnings.get(p.id.as_str()).copied().unwrap_or(0),
                    meeting,
                    person_id: p.id,
                    name: p.name,
                    job_title: p.job_title,
                    level: p.level,
                    manager: p.manager_name,
                }
            })
            .collect();
        Ok(Overview {
            today,
            me: profile::load(c)?,
            rows,
            findings,
        })
    })
}
