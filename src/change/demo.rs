//! The demo team's change: one change in progress whose stakeholders are stuck at
//! different elements after two or three assessments, with a phase plan, influential
//! associates and a RACI chart. The content is `data/demo_change.json`; people are named
//! by their key in `data/demo.json` and dates are days relative to `today`.

use foldhash::HashMap;
use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::Deserialize;

use super::adkar::Element;
use super::assessments::{self, NewAssessment};
use super::plan::{self, ActionStatus, ChangeActionPatch, NewChangeAction, NewInfluencer};
use super::raci::{self, RaciRole};
use super::register::{self, ChangeStatus, Effect, Impact, NewChange, OrgAwareness};
use super::stakeholders::{self, NewStakeholder};
use crate::{Error, Result};

const DEMO: &str = include_str!("../../data/demo_change.json");

#[derive(Deserialize)]
struct Demo {
    changes: Vec<DemoChange>,
}

#[derive(Deserialize)]
struct DemoChange {
    name: String,
    description: String,
    owner: String,
    impact: Impact,
    effect: Effect,
    training_required: bool,
    comms_plan_required: bool,
    org_changes: bool,
    awareness: OrgAwareness,
    status: ChangeStatus,
    stakeholders: Vec<DemoStakeholder>,
    assessments: Vec<DemoAssessment>,
    actions: Vec<DemoAction>,
    influencers: Vec<DemoInfluencer>,
    raci: DemoRaci,
}

/// A person of the demo (by key) or a named group.
#[derive(Deserialize)]
#[serde(untagged)]
enum DemoStakeholder {
    Person { person: String },
    Group { group: String, head_count: i64 },
}

#[derive(Deserialize)]
struct DemoAssessment {
    /// A person's key or a group's name.
    stakeholder: String,
    days_ago: i64,
    scores: [f64; 5],
    #[serde(default)]
    notes: BTreeMap<Element, String>,
}

#[derive(Deserialize)]
struct DemoAction {
    element: Element,
    description: String,
    owner: String,
    due_in_days: i64,
    status: ActionStatus,
}

#[derive(Deserialize)]
struct DemoInfluencer {
    person: String,
    concerns: String,
    questions: String,
    expected_reactions: String,
}

#[derive(Deserialize)]
struct DemoRaci {
    reviewed_days_ago: i64,
    activities: Vec<DemoRaciActivity>,
}

#[derive(Deserialize)]
struct DemoRaciActivity {
    name: String,
    roles: BTreeMap<String, RaciRole>,
}

/// Adds the demo changes, with `people` mapping the demo's person keys to ids. Returns
/// how many changes it added.
pub(crate) fn load_demo_in(
    c: &Connection,
    people: &HashMap<&str, String>,
    today: NaiveDate,
) -> Result<usize> {
    let demo: Demo = serde_json::from_str(DEMO).map_err(|e| Error::Io {
        context: "reading the demo change".into(),
        source: std::io::Error::other(e),
    })?;
    let day = |offset: i64| today + Duration::days(offset);
    let person = |key: &str| {
        people
            .get(key)
            .cloned()
            .ok_or_else(|| Error::not_found("person", key))
    };
    for d in &demo.changes {
        let ch = register::add_in(
            c,
            NewChange {
                name: d.name.clone(),
                description: d.description.clone(),
                parent_id: None,
                owner_ids: vec![person(&d.owner)?],
                impact: d.impact,
                effect: d.effect,
                training_required: d.training_required,
                comms_plan_required: d.comms_plan_required,
                org_changes: d.org_changes,
                awareness: d.awareness,
            },
        )?;
        let mut stakeholder_ids: HashMap<&str, String> = HashMap::default();
        for s in &d.stakeholders {
            let (key, new) = match s {
                DemoStakeholder::Person { person: key } => (
                    key,
                    NewStakeholder::Person {
                        person_id: person(key)?,
                    },
                ),
                DemoStakeholder::Group { group, head_count } => (
                    group,
                    NewStakeholder::Group {
                        name: group.clone(),
                        head_count: *head_count,
                    },
                ),
            };
            let added = stakeholders::add_stakeholder_in(c, &ch.id, new)?;
            stakeholder_ids.insert(key, added.id);
        }
        for a in &d.assessments {
            let stakeholder_id = stakeholder_ids
                .get(a.stakeholder.as_str())
                .cloned()
                .ok_or_else(|| Error::not_found("stakeholder", &a.stakeholder))?;
            assessments::assess_in(
                c,
                NewAssessment {
                    stakeholder_id,
                    assessed_on: day(-a.days_ago),
                    scores: a.scores,
                    notes: a.notes.clone(),
                },
                today,
            )?;
        }
        for a in &d.actions {
            let added = plan::add_action_in(
                c,
                NewChangeAction {
                    change_id: ch.id.clone(),
                    element: a.element,
                    description: a.description.clone(),
                    owner_id: Some(person(&a.owner)?),
                    due_date: Some(day(a.due_in_days)),
                },
            )?;
            if a.status != ActionStatus::Planned {
                plan::edit_action_in(
                    c,
                    &added.id,
                    ChangeActionPatch {
                        status: Some(a.status),
                        ..Default::default()
                    },
                )?;
            }
        }
        for i in &d.influencers {
            plan::add_influencer_in(
                c,
                NewInfluencer {
                    change_id: ch.id.clone(),
                    person_id: person(&i.person)?,
                    concerns: i.concerns.clone(),
                    questions: i.questions.clone(),
                    expected_reactions: i.expected_reactions.clone(),
                },
            )?;
        }
        for act in &d.raci.activities {
            let added = raci::add_raci_activity_in(c, &ch.id, &act.name)?;
            for (key, role) in &act.roles {
                raci::assign_role_in(c, &added.id, &person(key)?, Some(*role))?;
            }
        }
        register::set_raci_reviewed_in(c, &ch.id, day(-d.raci.reviewed_days_ago))?;
        if d.status != ChangeStatus::Draft {
            register::set_status_in(c, &ch.id, d.status)?;
        }
    }
    Ok(demo.changes.len())
}

#[cfg(test)]
mod tests {
    use super::super::{checks, history, list, ChangeFindingCode};
    use super::*;
    use crate::Db;

    #[test]
    fn the_demo_change_is_in_progress_with_people_stuck_at_every_element() {
        let db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(crate::demo::load(&db, today).unwrap().changes, 1);
        let ch = list(&db).unwrap().remove(0);
        assert_eq!(ch.status, ChangeStatus::InProgress);

        let r = assessments::rollup(&db, &ch.id).unwrap();
        for d in r.distribution.iter().filter(|d| d.barrier.is_some()) {
            assert!(d.stakeholders > 0, "nobody stuck at {:?}", d.barrier);
        }
        assert_eq!(r.average_barrier, Some(Element::Knowledge));
        for h in history(&db, &ch.id, None).unwrap() {
            assert!((2..=3).contains(&h.assessments.len()), "{h:?}");
        }
        // The demo shows two findings a manager would act on, and nothing else.
        let codes: Vec<ChangeFindingCode> = checks::check(&db, Some(&ch.id), today)
            .unwrap()
            .into_iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(
            codes,
            [
                ChangeFindingCode::WorkPastBarrier,
                ChangeFindingCode::RaciManyConsulted
            ]
        );
    }
}
