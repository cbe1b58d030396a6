//! The demo team's readiness: assessments in every verdict, one overridden proposal, one
//! decision against the suggestion, history to compare, and people never assessed or
//! assessed too long ago. The content is `data/demo_readiness.json`; people are the keys
//! of `data/demo.json` and dates are days relative to `today`.
//!
//! Gaps are not turned into goals here, nor actions into activities: that would add
//! goals and activities the demo's plan checks do not expect.

use foldhash::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::Deserialize;

use super::{advocacy, skills, Requirement};
use super::{
    AdvocacyKind, Availability, Influence, NewAdvocacyAction, NewAdvocate, Relation,
    RequirementPatch, RolePatch, RolePath, SkillStatus, Status, Verdict,
};
use crate::competencies::{self, Level, NewRating, Rater};
use crate::demo::DemoSummary;
use crate::{Error, Result};

const DEMO: &str = include_str!("../../data/demo_readiness.json");

#[derive(Deserialize)]
struct DemoReadiness {
    next_level_ratings: Vec<DemoRating>,
    assessments: Vec<DemoAssessment>,
}

/// A manager's rating against the next level.
#[derive(Deserialize)]
struct DemoRating {
    person: String,
    competency: String,
    score: i64,
    days_ago: i64,
    evidence: String,
}

#[derive(Deserialize)]
struct DemoAssessment {
    person: String,
    target: String,
    days_ago: i64,
    results: Option<DemoJudgement>,
    /// Only when the manager overrides the proposal from ratings.
    competencies: Option<DemoOverride>,
    skills: Option<DemoSkills>,
    role: Option<DemoRole>,
    advocates: Option<DemoAdvocacy>,
    verdict: Option<DemoVerdict>,
}

#[derive(Deserialize)]
struct DemoJudgement {
    status: Status,
    evidence: String,
}

#[derive(Deserialize)]
struct DemoOverride {
    status: Status,
    reason: String,
}

#[derive(Deserialize)]
struct DemoSkills {
    status: Option<Status>,
    #[serde(default)]
    evidence: String,
    items: Vec<DemoSkill>,
}

#[derive(Deserialize)]
struct DemoSkill {
    name: String,
    status: SkillStatus,
}

#[derive(Deserialize)]
struct DemoRole {
    availability: Availability,
    #[serde(default)]
    notes: String,
    path: Option<RolePath>,
    next_step: Option<String>,
}

#[derive(Deserialize)]
struct DemoAdvocacy {
    status: Option<Status>,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    people: Vec<DemoAdvocate>,
    #[serde(default)]
    actions: Vec<DemoAction>,
}

/// An advocate: a person of the demo (by key) or a named one.
#[derive(Deserialize)]
struct DemoAdvocate {
    person: Option<String>,
    name: Option<String>,
    relation: Relation,
    influence: Influence,
    contact_days_ago: Option<i64>,
}

#[derive(Deserialize)]
struct DemoAction {
    kind: AdvocacyKind,
    description: String,
    /// The advocate's name.
    advocate: Option<String>,
    due_in_days: i64,
}

#[derive(Deserialize)]
struct DemoVerdict {
    verdict: Verdict,
    #[serde(default)]
    rationale: String,
}

/// Adds the readiness part of the demo for the demo's people (key → id), counting what it
/// adds into `sum`.
pub(crate) fn load_demo_in(
    c: &Connection,
    people: &HashMap<&str, String>,
    today: NaiveDate,
    sum: &mut DemoSummary,
) -> Result<()> {
    let demo: DemoReadiness = serde_json::from_str(DEMO).map_err(|e| Error::Io {
        context: "reading the demo readiness assessments".into(),
        source: std::io::Error::other(e),
    })?;
    let day = |offset: i64| today + Duration::days(offset);
    let person = |key: &str| {
        people
            .get(key)
            .cloned()
            .ok_or_else(|| Error::not_found("person", key))
    };

    for r in &demo.next_level_ratings {
        competencies::rate_in(
            c,
            NewRating {
                person_id: person(&r.person)?,
                competency_id: competencies::resolve_in(c, &r.competency)?.id,
                level: Level::Next,
                rater: Rater::Manager,
                rater_name: None,
                score: r.score,
                rated_on: day(-r.days_ago),
                evidence: r.evidence.clone(),
            },
            today,
        )?;
        sum.ratings += 1;
    }

    for d in &demo.assessments {
        let on = day(-d.days_ago);
        let a = super::open_in(c, &person(&d.person)?, &d.target, on, today)?;
        let judge = |requirement, status, evidence: &str, reason: Option<&str>| {
            super::set_requirement_in(
                c,
                &a.id,
                requirement,
                RequirementPatch {
                    status,
                    evidence: Some(evidence.to_string()),
                    reason: reason.map(Into::into),
                    use_proposal: false,
                },
            )
        };
        if let Some(r) = &d.results {
            judge(Requirement::Results, Some(r.status), &r.evidence, None)?;
        }
        if let Some(o) = &d.competencies {
            judge(
                Requirement::Competencies,
                Some(o.status),
                "",
                Some(&o.reason),
            )?;
        }
        if let Some(s) = &d.skills {
            // A later assessment starts from the earlier one's skills: update those.
            for item in &s.items {
                match skills::resolve_skill_in(c, &a.id, &item.name) {
                    Ok(existing) => skills::set_skill_in(c, &existing.id, item.status)?,
                    Err(Error::NotFound { .. }) => {
                        skills::add_skill_in(c, &a.id, &item.name, item.status, "")?
                    }
                    Err(e) => return Err(e),
                };
            }
            judge(Requirement::Skills, s.status, &s.evidence, None)?;
        }
        if let Some(r) = &d.role {
            super::set_role_in(
                c,
                &a.id,
                RolePatch {
                    availability: r.availability,
                    notes: Some(r.notes.clone()),
                    path: r.path,
                    next_step: r.next_step.clone(),
                },
            )?;
        }
        if let Some(adv) = &d.advocates {
            for x in &adv.people {
                let person_id = x.person.as_deref().map(person).transpose()?;
                let name = match &person_id {
                    Some(id) => crate::people::get_in(c, id)?.name,
                    None => x.name.clone().unwrap_or_default(),
                };
                let contact = x.contact_days_ago.map(|n| day(-n));
                // Advocates carried over from the earlier assessment get the new contact.
                match advocacy::resolve_advocate_in(c, &a.id, &name) {
                    Ok(existing) => {
                        if let Some(on) = contact {
                            advocacy::record_contact_in(c, &existing.id, on, today)?;
                        }
                    }
                    Err(Error::NotFound { .. }) => {
                        advocacy::add_advocate_in(
                            c,
                            &a.id,
                            NewAdvocate {
                                person_id,
                                name: x.name.clone(),
                                relation: x.relation,
                                influence: x.influence,
                                last_contact_on: contact,
                                notes: String::new(),
                            },
                            today,
                        )?;
                    }
                    Err(e) => return Err(e),
                }
            }
            for act in &adv.actions {
                let advocate_id = act
                    .advocate
                    .as_deref()
                    .map(|n| advocacy::resolve_advocate_in(c, &a.id, n).map(|x| x.id))
                    .transpose()?;
                advocacy::add_action_in(
                    c,
                    &a.id,
                    NewAdvocacyAction {
                        kind: act.kind,
                        description: act.description.clone(),
                        advocate_id,
                        due_date: day(act.due_in_days),
                    },
                )?;
            }
            if let Some(status) = adv.status {
                judge(Requirement::Advocates, Some(status), &adv.evidence, None)?;
            }
        }
        if let Some(v) = &d.verdict {
            super::decide_in(c, &a.id, v.verdict, &v.rationale, on, today)?;
        }
        sum.readiness_assessments += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{demo, profile, Db};

    #[test]
    fn the_demo_team_has_assessments_in_every_verdict() {
        let db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sum = demo::load(&db, today).unwrap();
        assert!(sum.readiness_assessments > 0);

        let ids = profile::visible_ids(&db).unwrap();
        let team = super::super::team(&db, today).unwrap();
        assert_eq!(team.rows.len(), ids.len());
        let mut suggested = Vec::new();
        let mut decided = Vec::new();
        for id in &ids {
            for a in super::super::list(&db, id).unwrap() {
                suggested.push(a.suggestion.verdict);
                decided.extend(a.decision.map(|d| d.verdict));
            }
        }
        for v in Verdict::ALL {
            assert!(suggested.contains(v), "no assessment suggests {v}");
            assert!(
                team.counts.iter().any(|c| c.verdict == *v && c.count > 0),
                "nobody stands at {v} in the team view: {:?}",
                team.counts
            );
            if *v != Verdict::NotAssessed {
                assert!(decided.contains(v), "no assessment decided {v}");
            }
        }
        let flags: Vec<super::super::Flag> = team.rows.iter().filter_map(|r| r.flag).collect();
        assert!(flags.contains(&super::super::Flag::NeverAssessed));
        assert!(flags.contains(&super::super::Flag::OlderThan12Months));
    }
}
