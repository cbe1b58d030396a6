//! The demo team: a believable manager with reports at different levels, plans in every
//! state (including ones that trip each plan check), ratings over time and past meetings
//! with action items. The content is `data/demo.json`; dates in it are days relative to
//! `today`, so the demo looks current whenever it is loaded.

use foldhash::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::competencies::{self, Level, NewRating, Rater};
use crate::meetings::{self, ActionOwner, Conversion, NewAction, Section};
use crate::people::{self, NewPerson};
use crate::plans::{
    self, GoalPatch, GoalStatus, NewActivity, NewGoal, Phase, Resource, ResourceKind,
};
use crate::profile::{self, Role};
use crate::{Db, Error, Result};

const DEMO: &str = include_str!("../data/demo.json");

/// What the demo added.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DemoSummary {
    pub manager: String,
    pub people: usize,
    pub goals: usize,
    pub activities: usize,
    pub ratings: usize,
    pub meetings: usize,
    pub action_items: usize,
    pub readiness_assessments: usize,
    pub changes: usize,
}

#[derive(Deserialize)]
struct Demo {
    people: Vec<DemoPerson>,
    ratings: Vec<DemoRating>,
    goals: Vec<DemoGoal>,
    meetings: Vec<DemoMeeting>,
}

#[derive(Deserialize)]
struct DemoPerson {
    key: String,
    name: String,
    email: Option<String>,
    job_title: Option<String>,
    level: Option<String>,
    team: Option<String>,
    start_days_ago: i64,
    manager: Option<String>,
    cadence_days: Option<i64>,
}

#[derive(Deserialize)]
struct DemoRating {
    person: String,
    competency: String,
    level: Level,
    rater: Rater,
    rater_name: Option<String>,
    score: i64,
    days_ago: i64,
    evidence: String,
}

#[derive(Deserialize)]
struct DemoGoal {
    person: String,
    competency: String,
    outcome: String,
    #[serde(default = "open")]
    status: GoalStatus,
    activities: Vec<DemoActivity>,
}

fn open() -> GoalStatus {
    GoalStatus::Open
}

#[derive(Deserialize)]
struct DemoActivity {
    phase: Phase,
    description: String,
    resource: DemoResource,
    due_in_days: i64,
    done_days_ago: Option<i64>,
}

/// A resource in the file: a person of the demo (by key) or a named one.
#[derive(Deserialize)]
#[serde(untagged)]
enum DemoResource {
    Person { person: String },
    Named { kind: ResourceKind, name: String },
}

#[derive(Deserialize)]
struct DemoMeeting {
    person: String,
    held_days_ago: Option<i64>,
    scheduled_in_days: Option<i64>,
    #[serde(default)]
    notes: HashMap<Section, String>,
    #[serde(default)]
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
struct DemoAction {
    description: String,
    owner: ActionOwner,
    due_in_days: Option<i64>,
    done_days_ago: Option<i64>,
    convert: Option<DemoConversion>,
}

#[derive(Deserialize)]
struct DemoConversion {
    goal: String,
    phase: Phase,
    resource: DemoResource,
}

/// Fills an empty database with the demo team, in one transaction, and makes its manager
/// the user of this copy unless someone already is. Refuses a database holding people.
pub fn load(db: &Db, today: NaiveDate) -> Result<DemoSummary> {
    let demo: Demo = serde_json::from_str(DEMO).map_err(|e| Error::Io {
        context: "reading the demo team".into(),
        source: std::io::Error::other(e),
    })?;
    db.write(|c| load_in(c, &demo, today))
}

fn load_in(c: &Connection, demo: &Demo, today: NaiveDate) -> Result<DemoSummary> {
    let existing: i64 = c.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(Error::conflict(
            "demo",
            format!("the database already holds {existing} people; the demo only fills an empty database"),
        ));
    }
    let day = |offset: i64| today + Duration::days(offset);
    let mut ids: HashMap<&str, String> = HashMap::default();
    let person = |ids: &HashMap<&str, String>, key: &str| {
        ids.get(key)
            .cloned()
            .ok_or_else(|| Error::not_found("person", key))
    };
    let mut sum = DemoSummary::default();

    for p in &demo.people {
        let manager_id = p.manager.as_deref().map(|m| person(&ids, m)).transpose()?;
        let added = people::add_in(
            c,
            NewPerson {
                name: p.name.clone(),
                email: p.email.clone(),
                job_title: p.job_title.clone(),
                level: p.level.clone(),
                team: p.team.clone(),
                start_date: Some(day(-p.start_days_ago)),
                manager_id,
                cadence_days: p.cadence_days,
            },
        )?;
        // In Ladder since they started: the meeting history below goes back that far.
        people::backdate_in(c, &added.id, day(-p.start_days_ago))?;
        ids.insert(&p.key, added.id);
        sum.people += 1;
    }
    let manager = demo
        .people
        .first()
        .ok_or_else(|| Error::invalid("demo", "the demo has no people"))?;
    sum.manager = manager.name.clone();
    if profile::load(c)?.is_none() {
        profile::set_me_in(c, &person(&ids, &manager.key)?, Role::Manager)?;
    }

    for r in &demo.ratings {
        competencies::rate_in(
            c,
            NewRating {
                person_id: person(&ids, &r.person)?,
                competency_id: competencies::resolve_in(c, &r.competency)?.id,
                level: r.level,
                rater: r.rater,
                rater_name: r.rater_name.clone(),
                score: r.score,
                rated_on: day(-r.days_ago),
                evidence: r.evidence.clone(),
            },
            today,
        )?;
        sum.ratings += 1;
    }

    let resource = |ids: &HashMap<&str, String>, r: &DemoResource| -> Result<Resource> {
        Ok(match r {
            DemoResource::Person { person: key } => Resource::person(&person(ids, key)?),
            DemoResource::Named { kind, name } => Resource::named(*kind, name),
        })
    };
    let mut goal_ids: HashMap<&str, String> = HashMap::default();
    for g in &demo.goals {
        let goal = plans::add_goal_in(
            c,
            NewGoal {
                person_id: person(&ids, &g.person)?,
                competency_id: competencies::resolve_in(c, &g.competency)?.id,
                outcome: g.outcome.clone(),
            },
        )?;
        for a in &g.activities {
            let added = plans::add_activity_in(
                c,
                NewActivity {
                    goal_id: goal.id.clone(),
                    phase: a.phase,
                    description: a.description.clone(),
                    resource: resource(&ids, &a.resource)?,
                    target_date: day(a.due_in_days),
                    notes: String::new(),
                },
            )?;
            if let Some(done) = a.done_days_ago {
                plans::set_completed_in(c, &added.id, Some(day(-done)), today)?;
            }
            sum.activities += 1;
        }
        if g.status != GoalStatus::Open {
            plans::edit_goal_in(
                c,
                &goal.id,
                GoalPatch {
                    status: Some(g.status),
                    ..Default::default()
                },
            )?;
        }
        goal_ids.insert(&g.outcome, goal.id);
        sum.goals += 1;
    }

    for m in &demo.meetings {
        let person_id = person(&ids, &m.person)?;
        let on = match (m.held_days_ago, m.scheduled_in_days) {
            (Some(ago), _) => day(-ago),
            (None, Some(ahead)) => day(ahead),
            (None, None) => return Err(Error::invalid("demo", "a demo meeting needs a date")),
        };
        let meeting = meetings::schedule_in(c, &person_id, on)?;
        if m.held_days_ago.is_some() {
            meetings::hold_in(c, &meeting.id, on, None, today)?;
        }
        for (section, body) in &m.notes {
            meetings::write_notes_in(c, &meeting.id, *section, body)?;
        }
        for a in &m.actions {
            let item = meetings::add_action_in(
                c,
                &meeting.id,
                NewAction {
                    description: a.description.clone(),
                    owner: a.owner,
                    due_date: a.due_in_days.map(day),
                },
            )?;
            if let Some(done) = a.done_days_ago {
                meetings::close_action_in(c, &item.id, day(-done))?;
            }
            if let Some(conv) = &a.convert {
                let goal_id = goal_ids
                    .get(conv.goal.as_str())
                    .cloned()
                    .ok_or_else(|| Error::not_found("goal", &conv.goal))?;
                let conversion = Conversion {
                    goal_id,
                    phase: conv.phase,
                    resource: resource(&ids, &conv.resource)?,
                    description: None,
                    target_date: None,
                };
                meetings::convert_action_in(c, &item.id, conversion, on)?;
                sum.activities += 1;
            }
            sum.action_items += 1;
        }
        sum.meetings += 1;
    }
    crate::promotion::load_demo_in(c, &ids, today, &mut sum)?;
    sum.changes = crate::change::load_demo_in(c, &ids, today)?;
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{self, FindingCode};

    #[test]
    fn the_demo_trips_every_check_and_refuses_a_second_load() {
        let db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sum = load(&db, today).unwrap();
        assert_eq!(sum.people, 8);
        let me = profile::whoami(&db).unwrap().unwrap();
        assert_eq!((me.name.as_str(), me.role), ("Jordan Avery", Role::Manager));
        let team = people::list(&db, people::ListOptions::default()).unwrap();
        assert_eq!(
            team.len(),
            7,
            "the manager sees direct and indirect reports"
        );
        let ids: Vec<String> = team.into_iter().map(|p| p.id).collect();
        let codes: Vec<FindingCode> = checks::run(&db, &ids, today)
            .unwrap()
            .into_iter()
            .map(|f| f.code)
            .collect();
        for code in FindingCode::ALL {
            assert!(codes.contains(code), "{code} missing from {codes:?}");
        }
        let err = load(&db, today).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            people::list(
                &db,
                people::ListOptions {
                    everyone: true,
                    include_archived: true
                }
            )
            .unwrap()
            .len(),
            8
        );
    }
}
