//! ADKAR change management: the change assessment register (one row per change or
//! workstream, with a single owner), stakeholders scored on Awareness, Desire,
//! Knowledge, Ability and Reinforcement over time, the barrier point and the rollup per
//! change, the phase plan with the influential associates consulted for Desire, RACI
//! charts, and the cross-checks. This module owns the `change*` tables.
//!
//! - [`adkar`]: the model with no storage, including the one [`barrier_point`] rule;
//! - [`register`]: the register and its status;
//! - [`stakeholders`]: people and named groups affected by a change;
//! - [`assessments`]: dated scores, their history and the rollup;
//! - [`plan`]: actions per element, starter actions and influential associates;
//! - [`raci`]: operating agreements per activity;
//! - [`checks`]: the findings, with stable codes;
//! - [`person`]: one associate's changes, for them and their development meetings.

pub mod adkar;
pub mod assessments;
pub mod checks;
mod demo;
pub mod person;
pub mod plan;
pub mod raci;
pub mod register;
pub mod stakeholders;

pub use adkar::{barrier_point, Element, Profile, Score};
pub use assessments::{assess, history, rollup, score_trail, Assessment, NewAssessment, Rollup};
pub use checks::{check, ChangeFinding, ChangeFindingCode};
pub use person::{person_view, ChangeBarrier, PersonChange};
pub use plan::{
    add_action, add_influencer, edit_action, edit_influencer, phase_plan, remove_influencer,
    resolve_action, suggest, ActionStatus, ChangeAction, ChangeActionPatch, Influencer,
    InfluencerPatch, NewChangeAction, NewInfluencer, PhasePlan,
};
pub use raci::{
    add_raci_activity, assign_role, chart, remove_raci_activity, resolve_raci_activity,
    review_raci, RaciActivity, RaciChart, RaciRole,
};
pub use register::{
    add, edit, get, list, resolve, set_status, Change, ChangePatch, ChangeStatus, Effect, Impact,
    NewChange, OrgAwareness,
};
pub use stakeholders::{
    add_stakeholder, remove_stakeholder, resolve_stakeholder, NewStakeholder, RemovedStakeholder,
    Stakeholder, StakeholderKind,
};

pub(crate) use demo::load_demo_in;
pub(crate) use person::{active_changes_of_in, barriers_of_in, erase_person_in, owned_by_in};

use rusqlite::Connection;

use crate::people::{self, Person};
use crate::{Error, Result};

/// A person who can take a part in a change (owner, stakeholder, influencer, RACI role,
/// action owner): known to Ladder and not archived. Errors name `field`.
fn active_person(c: &Connection, id: &str, field: &'static str) -> Result<Person> {
    if id.trim().is_empty() {
        return Err(Error::invalid(
            field,
            format!("{field} is required: choose the person"),
        ));
    }
    let p = people::get_in(c, id).map_err(|e| match e {
        Error::NotFound { key, .. } => Error::not_found(field, key),
        other => other,
    })?;
    people::refuse_archived(&p, field, "give them a part in a change")?;
    Ok(p)
}

#[cfg(test)]
mod testing {
    //! A change with an owner and a few people, shared by the unit tests of the submodules.

    use chrono::NaiveDate;

    use super::*;
    use crate::people::NewPerson;
    use crate::{validate, Db};

    pub fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    pub struct Fixture {
        pub db: Db,
        pub owner: String,
        pub ana: String,
        pub bo: String,
        pub cy: String,
        pub change: String,
    }

    pub fn person(db: &Db, name: &str) -> String {
        people::add(
            db,
            NewPerson {
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    }

    pub fn new_change(owner: &str, name: &str) -> NewChange {
        NewChange {
            name: name.into(),
            description: "Move the team to a follow-the-sun rota".into(),
            parent_id: None,
            owner_ids: vec![owner.to_string()],
            impact: Impact::High,
            effect: Effect::Negative,
            training_required: false,
            comms_plan_required: false,
            org_changes: false,
            awareness: OrgAwareness::Low,
        }
    }

    pub fn fixture() -> Fixture {
        let db = Db::open_in_memory().unwrap();
        let owner = person(&db, "Olive Owner");
        let ana = person(&db, "Ana");
        let bo = person(&db, "Bo");
        let cy = person(&db, "Cy");
        let change = add(&db, new_change(&owner, "On-call redesign")).unwrap().id;
        Fixture {
            db,
            owner,
            ana,
            bo,
            cy,
            change,
        }
    }

    impl Fixture {
        pub fn stakeholder(&self, person_id: &str) -> String {
            add_stakeholder(
                &self.db,
                &self.change,
                NewStakeholder::Person {
                    person_id: person_id.into(),
                },
            )
            .unwrap()
            .id
        }

        pub fn group(&self, name: &str, head_count: i64) -> Stakeholder {
            add_stakeholder(
                &self.db,
                &self.change,
                NewStakeholder::Group {
                    name: name.into(),
                    head_count,
                },
            )
            .unwrap()
        }

        pub fn score(&self, stakeholder: &str, on: &str, scores: [f64; 5]) -> Assessment {
            assess(
                &self.db,
                NewAssessment {
                    stakeholder_id: stakeholder.into(),
                    assessed_on: date(on),
                    scores,
                    notes: Default::default(),
                },
                date(on),
            )
            .unwrap()
        }
    }
}
