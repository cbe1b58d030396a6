//! Promotion readiness: dated assessments of a person toward a target role or level, each
//! checking the five requirements of DOMAIN §4, with a suggested verdict and the
//! manager's decided one. Assessments are kept, never overwritten, so progress shows.
//!
//! This file owns the assessment itself (requirements 1, 2, 3 and 5 as statuses with
//! evidence, role availability, the decision); the parts with rules of their own live in
//! the submodules: the verdict rule, the competency proposal, skills and their goals,
//! advocates and their actions, comparing and the team view, and the demo content.

mod advocacy;
mod demo;
mod history;
mod personal;
mod proposal;
mod skills;
mod verdict;

pub use advocacy::{
    action_for_activity, action_to_activity, add_action, add_advocate, check_contact_on,
    edit_action, edit_advocate, record_contact, resolve_action, resolve_advocate, ActionToActivity,
    AdvocacyAction, AdvocacyActionPatch, AdvocacyKind, Advocate, AdvocatePatch, Influence,
    NewAdvocacyAction, NewAdvocate, Relation,
};
pub(crate) use advocacy::{
    add_action_in, add_advocate_in, detach_activity_in, edit_action_in, edit_advocate_in,
    resolve_advocate_in,
};
pub(crate) use demo::load_demo_in;
pub(crate) use history::counts_in;
pub use history::{
    compare, flag, moved, team, AdvocateMove, Comparison, Flag, Movement, ReadinessRow,
    RequirementMove, RoleMove, SkillMove, TeamReadiness, VerdictCount, VerdictMove, Weakest,
};
pub(crate) use personal::{appearances_in, erase_person_in};
pub use proposal::{proposal, propose, Proposal, ProposalLine, SOLID_SCORE};
pub use skills::{
    add_skill, default_skills, edit_skill, gap_to_goal, origin_of_goal, remove_skill,
    resolve_skill, set_skill, DefaultSkill, GapGoal, GoalFromGap, Skill, SkillOrigin, SkillPatch,
    SkillStatus,
};
pub(crate) use skills::{add_skill_in, edit_skill_in};
pub use verdict::{suggest, weakest, Requirement, Status, Statuses, Suggestion, Verdict};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::{new_id, people, resolve_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// Whether the target role and its scope exist to be promoted into.
    Availability, "availability", {
        Available = "available",
        NotAvailable = "not_available",
        Unknown = "unknown",
    }
);

code_enum!(
    /// The four paths when the role is not available.
    RolePath, "path", {
        InfluenceNeed = "influence_need",
        CreateRole = "create_role",
        StayAndGrow = "stay_and_grow",
        LookBeyond = "look_beyond",
    }
);

impl RolePath {
    pub fn title(self) -> &'static str {
        match self {
            RolePath::InfluenceNeed => "influence the need for the role",
            RolePath::CreateRole => "create a new role that is needed",
            RolePath::StayAndGrow => "stay and keep growing",
            RolePath::LookBeyond => "look beyond the department or company",
        }
    }
}

/// A readiness assessment: the five requirements, the suggestion and the decision.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ReadinessAssessment"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
    pub id: String,
    pub person_id: String,
    pub person: String,
    /// The role or level the person is assessed toward.
    pub target: String,
    pub assessed_on: NaiveDate,
    /// 1. Results in the current role.
    pub results: Judgement,
    /// 2. Competencies at the next level, proposed from ratings.
    pub competencies: CompetencyJudgement,
    /// 3. Job-specific skills.
    pub skills: SkillsJudgement,
    /// 4. Role availability.
    pub role: RoleAvailability,
    /// 5. Advocates.
    pub advocates: AdvocacyJudgement,
    pub suggestion: Suggestion,
    pub decision: Option<Decision>,
}

impl Assessment {
    /// The statuses the verdict is suggested from.
    pub fn statuses(&self) -> Statuses {
        Statuses {
            results: self.results.status,
            competencies: self.competencies.status,
            skills: self.skills.status,
            advocates: self.advocates.status,
        }
    }

    /// The verdict that stands: the manager's decision, else the suggestion.
    pub fn verdict(&self) -> Verdict {
        self.decision
            .as_ref()
            .map_or(self.suggestion.verdict, |d| d.verdict)
    }
}

/// A requirement's status and the evidence for it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Judgement {
    pub status: Status,
    pub evidence: String,
}

/// Requirement 2: the proposal from ratings, unless the manager overrode it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CompetencyJudgement {
    /// The override when there is one, else the proposal's status.
    pub status: Status,
    pub evidence: String,
    pub proposal: Proposal,
    /// Why the manager's status replaces the proposal; `None` while it follows it.
    pub override_reason: Option<String>,
}

/// Requirement 3: the status and the skills the role needs on day one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillsJudgement {
    pub status: Status,
    pub evidence: String,
    pub items: Vec<Skill>,
}

/// Requirement 4: whether the role exists, and the path when it does not.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoleAvailability {
    pub availability: Availability,
    pub notes: String,
    /// Only when the role is not available.
    pub path: Option<RolePath>,
    pub next_step: String,
}

/// Requirement 5: the status, the advocates and the actions that build advocacy.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AdvocacyJudgement {
    pub status: Status,
    pub evidence: String,
    pub advocates: Vec<Advocate>,
    pub actions: Vec<AdvocacyAction>,
}

/// The manager's decided verdict.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ReadinessDecision"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    pub verdict: Verdict,
    pub rationale: String,
    pub decided_on: NaiveDate,
    /// The decision differs from the verdict the requirements suggest now.
    pub differs_from_suggestion: bool,
    /// It differs with no rationale: it agreed with the suggestion when it was made, and a
    /// requirement changed since. It wants deciding again.
    pub needs_rationale: bool,
}

/// A change to requirement 1, 2, 3 or 5; `None` leaves a field as it is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequirementPatch {
    pub status: Option<Status>,
    pub evidence: Option<String>,
    /// Competencies only: why `status` replaces the proposal. Required with a status.
    pub reason: Option<String>,
    /// Competencies only: drop the override and follow the proposal again.
    #[serde(default)]
    pub use_proposal: bool,
}

/// A change to role availability. Notes, path and next step left `None` keep their
/// value where it still applies; a role that is not `not_available` has no path.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Deserialize)]
pub struct RolePatch {
    pub availability: Availability,
    pub notes: Option<String>,
    pub path: Option<RolePath>,
    pub next_step: Option<String>,
}

/// Opens an assessment of a person toward a target role or level, dated. It starts from
/// the skills and advocates of the person's previous assessment (by date), so a gap keeps
/// its goal and the network carries over; every status starts unknown.
pub fn open(
    db: &Db,
    person_id: &str,
    target: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Assessment> {
    db.write(|c| open_in(c, person_id, target, on, today))
}

pub(crate) fn open_in(
    c: &Connection,
    person_id: &str,
    target: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Assessment> {
    let target = validate::required_text("target", target)?;
    // One dated later would stand as the person's latest assessment, hiding every real
    // one until that day.
    let on = validate::not_after_today(
        "assessed_on",
        on,
        today,
        "an assessment records a judgement already made",
    )?;
    let person = people::get_in(c, person_id)?;
    people::refuse_archived(&person, "person", "assess them")?;
    let previous: Option<String> = c
        .query_row(
            "SELECT id FROM readiness_assessments WHERE person_id = ?1 AND assessed_on <= ?2
             ORDER BY assessed_on DESC, id DESC LIMIT 1",
            (&person.id, on),
            |r| r.get(0),
        )
        .optional()?;
    let id = new_id();
    c.execute(
        "INSERT INTO readiness_assessments (id, person_id, target, assessed_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        (&id, &person.id, &target, on, timestamp()),
    )?;
    if let Some(prev) = previous {
        skills::copy_in(c, &prev, &id)?;
        advocacy::copy_in(c, &prev, &id)?;
    }
    get_in(c, &id)
}

/// Records the status and evidence of requirement 1, 2, 3 or 5. For competencies a
/// status overrides the proposal and needs a reason.
pub fn set_requirement(
    db: &Db,
    id: &str,
    requirement: Requirement,
    patch: RequirementPatch,
) -> Result<Assessment> {
    db.write(|c| set_requirement_in(c, id, requirement, patch))
}

pub(crate) fn set_requirement_in(
    c: &Connection,
    id: &str,
    requirement: Requirement,
    patch: RequirementPatch,
) -> Result<Assessment> {
    let a = get_in(c, id)?;
    if requirement == Requirement::Role {
        return Err(Error::invalid(
            "requirement",
            "the role requirement has an availability (available, not_available, unknown), not a status; record it as role availability",
        ));
    }
    let evidence = patch
        .evidence
        .as_deref()
        .map(|e| validate::free_text("evidence", e))
        .transpose()?;
    let competencies = requirement == Requirement::Competencies;
    if !competencies && patch.reason.is_some() {
        return Err(Error::invalid(
            "reason",
            "a reason goes with overriding the competencies proposal; other requirements take a status and evidence",
        ));
    }
    if !competencies && patch.use_proposal {
        return Err(Error::invalid(
            "use_proposal",
            format!("only competencies follow a proposal, not {requirement}"),
        ));
    }
    if patch.status.is_none() && evidence.is_none() && !patch.use_proposal {
        return Err(Error::invalid("status", "give a status, evidence or both"));
    }
    let stored = stored_requirement(c, &a.id, requirement)?;
    let (status, reason) = if !competencies {
        let current = stored.as_ref().and_then(|s| s.0).unwrap_or(Status::Unknown);
        (Some(patch.status.unwrap_or(current)), String::new())
    } else if patch.use_proposal {
        if patch.status.is_some() {
            return Err(Error::invalid(
                "status",
                "give a status to override the proposal, or follow the proposal, not both",
            ));
        }
        (None, String::new())
    } else if let Some(s) = patch.status {
        let reason = validate::free_text("reason", patch.reason.as_deref().unwrap_or_default())?;
        if reason.is_empty() {
            return Err(Error::invalid(
                "reason",
                format!(
                    "reason is required to override the proposed competencies status ({}) with {s}",
                    a.competencies.proposal.status
                ),
            ));
        }
        (Some(s), reason)
    } else if patch.reason.is_some() {
        return Err(Error::invalid(
            "status",
            "give the status that overrides the proposal with the reason",
        ));
    } else {
        stored
            .as_ref()
            .map_or((None, String::new()), |s| (s.0, s.2.clone()))
    };
    let evidence = evidence.unwrap_or_else(|| stored.map(|s| s.1).unwrap_or_default());
    c.execute(
        "INSERT INTO readiness_requirements (assessment_id, requirement, status, evidence, override_reason, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(assessment_id, requirement) DO UPDATE SET status = excluded.status,
            evidence = excluded.evidence, override_reason = excluded.override_reason,
            updated_at = excluded.updated_at",
        rusqlite::params![a.id, requirement, status, evidence, reason, timestamp()],
    )?;
    touch(c, &a.id)?;
    get_in(c, &a.id)
}

/// Records whether the target role is available, with notes, and when it is not, the
/// path and its next step.
pub fn set_role(db: &Db, id: &str, patch: RolePatch) -> Result<Assessment> {
    db.write(|c| set_role_in(c, id, patch))
}

pub(crate) fn set_role_in(c: &Connection, id: &str, patch: RolePatch) -> Result<Assessment> {
    let a = get_in(c, id)?;
    let current = &a.role;
    let notes = match &patch.notes {
        Some(n) => validate::free_text("notes", n)?,
        None => current.notes.clone(),
    };
    let next_step = patch
        .next_step
        .as_deref()
        .map(|s| validate::free_text("next_step", s))
        .transpose()?;
    let (path, next_step) = if patch.availability == Availability::NotAvailable {
        let was_unavailable = current.availability == Availability::NotAvailable;
        let path = patch.path.or(current.path.filter(|_| was_unavailable));
        // A next step belongs to its path: a new path needs its own.
        let same_path = was_unavailable && path == current.path;
        let next_step = next_step.unwrap_or_else(|| {
            if same_path {
                current.next_step.clone()
            } else {
                String::new()
            }
        });
        if let Some(p) = path.filter(|_| next_step.is_empty()) {
            return Err(Error::invalid(
                "next_step",
                format!("next step is required with the path {p}: say what happens next"),
            ));
        }
        (path, next_step)
    } else {
        if let Some(p) = patch.path {
            return Err(Error::invalid(
                "path",
                format!(
                    "path {p} is only for a role that is not available; this role is {}",
                    patch.availability
                ),
            ));
        }
        if next_step.as_deref().is_some_and(|s| !s.is_empty()) {
            return Err(Error::invalid(
                "next_step",
                format!(
                    "a next step goes with a path, for a role that is not available; this role is {}",
                    patch.availability
                ),
            ));
        }
        (None, String::new())
    };
    c.execute(
        "UPDATE readiness_assessments SET role_availability = ?2, role_notes = ?3, role_path = ?4,
            role_next_step = ?5, updated_at = ?6 WHERE id = ?1",
        rusqlite::params![
            a.id,
            patch.availability,
            notes,
            path,
            next_step,
            timestamp()
        ],
    )?;
    get_in(c, &a.id)
}

/// Records the manager's verdict. One that differs from the suggestion needs a rationale;
/// `not_assessed` is what unknowns suggest, never a decision.
pub fn decide(
    db: &Db,
    id: &str,
    verdict: Verdict,
    rationale: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Assessment> {
    db.write(|c| decide_in(c, id, verdict, rationale, on, today))
}

pub(crate) fn decide_in(
    c: &Connection,
    id: &str,
    verdict: Verdict,
    rationale: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Assessment> {
    let on = validate::not_after_today(
        "decided_on",
        on,
        today,
        "a decision is recorded once it is made",
    )?;
    if verdict == Verdict::NotAssessed {
        return Err(Error::invalid(
            "verdict",
            "verdict not_assessed cannot be decided; decide ready_now, ready_1_2_years or ready_3_plus_years",
        ));
    }
    let rationale = validate::free_text("rationale", rationale)?;
    let a = get_in(c, id)?;
    if on < a.assessed_on {
        return Err(Error::invalid(
            "decided_on",
            format!(
                "decided on {on} is before the assessment it decides ({}); a decision follows its assessment",
                a.assessed_on
            ),
        ));
    }
    let suggested = a.suggestion.verdict;
    if verdict != suggested && rationale.is_empty() {
        return Err(Error::invalid(
            "rationale",
            format!(
                "rationale is required: the decided verdict, {}, differs from the suggested one, {}",
                verdict.title(),
                suggested.title()
            ),
        ));
    }
    c.execute(
        "UPDATE readiness_assessments SET decided_verdict = ?2, rationale = ?3, decided_on = ?4,
            updated_at = ?5 WHERE id = ?1",
        rusqlite::params![a.id, verdict, rationale, on, timestamp()],
    )?;
    let after = get_in(c, &a.id)?;
    audit_decision(c, &a, &after)?;
    Ok(after)
}

/// The audit trail of readiness: the manager's decided verdict and its rationale.
fn audit_decision(c: &Connection, before: &Assessment, after: &Assessment) -> Result<()> {
    let snapshot = |a: &Assessment| crate::audit::Snapshot {
        kind: crate::audit::RecordKind::ReadinessAssessment,
        id: a.id.clone(),
        person_id: Some(a.person_id.clone()),
        summary: format!("assessment toward {} of {}", a.target, a.assessed_on),
        fields: vec![
            (
                "verdict",
                a.decision.as_ref().map(|d| d.verdict.to_string()),
            ),
            (
                "rationale",
                a.decision.as_ref().map(|d| d.rationale.clone()),
            ),
            (
                "decided_on",
                a.decision.as_ref().map(|d| d.decided_on.to_string()),
            ),
        ],
    };
    crate::audit::record(c, Some(&snapshot(before)), Some(&snapshot(after)))
}

/// One assessment by id.
pub fn get(db: &Db, id: &str) -> Result<Assessment> {
    db.read(|c| get_in(c, id))
}

/// Finds an assessment from its id or the end of it.
pub fn resolve(db: &Db, key: &str) -> Result<Assessment> {
    db.read(|c| {
        get_in(
            c,
            &resolve_id(c, "readiness_assessments", "assessment", key)?,
        )
    })
}

/// A person's assessments, newest first.
pub fn list(db: &Db, person_id: &str) -> Result<Vec<Assessment>> {
    db.read(|c| {
        people::get_in(c, person_id)?;
        ids_of_in(c, person_id, None)?
            .iter()
            .map(|id| get_in(c, id))
            .collect()
    })
}

/// A person's latest assessment, if any.
pub fn latest(db: &Db, person_id: &str) -> Result<Option<Assessment>> {
    db.read(|c| latest_in(c, person_id))
}

pub(crate) fn latest_in(c: &Connection, person_id: &str) -> Result<Option<Assessment>> {
    ids_of_in(c, person_id, Some(1))?
        .first()
        .map(|id| get_in(c, id))
        .transpose()
}

/// The ids of a person's assessments, newest first (by date, then by creation).
pub(crate) fn ids_of_in(
    c: &Connection,
    person_id: &str,
    limit: Option<i64>,
) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT id FROM readiness_assessments WHERE person_id = ?1
         ORDER BY assessed_on DESC, id DESC LIMIT ?2",
    )?;
    let ids = stmt
        .query_map((person_id, limit.unwrap_or(-1)), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// The few facts about an assessment its parts need.
pub(crate) struct Head {
    pub id: String,
    pub person_id: String,
    pub person: String,
    pub target: String,
    pub assessed_on: NaiveDate,
}

pub(crate) fn head_in(c: &Connection, id: &str) -> Result<Head> {
    c.query_row(
        "SELECT a.id, a.person_id, p.name, a.target, a.assessed_on
         FROM readiness_assessments a JOIN people p ON p.id = a.person_id WHERE a.id = ?1",
        [id],
        |r| {
            Ok(Head {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person: r.get(2)?,
                target: r.get(3)?,
                assessed_on: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("assessment", id))
}

/// The stored status, evidence and override reason of a requirement, if recorded.
fn stored_requirement(
    c: &Connection,
    id: &str,
    requirement: Requirement,
) -> Result<Option<(Option<Status>, String, String)>> {
    Ok(c.query_row(
        "SELECT status, evidence, override_reason FROM readiness_requirements
         WHERE assessment_id = ?1 AND requirement = ?2",
        (id, requirement),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?)
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Assessment> {
    let head = head_in(c, id)?;
    let (availability, notes, path, next_step, decided, rationale, decided_on): (
        Availability,
        String,
        Option<RolePath>,
        String,
        Option<Verdict>,
        String,
        Option<NaiveDate>,
    ) = c.query_row(
        "SELECT role_availability, role_notes, role_path, role_next_step, decided_verdict,
            rationale, decided_on
         FROM readiness_assessments WHERE id = ?1",
        [&head.id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let judged = |r: Requirement| -> Result<Judgement> {
        let stored = stored_requirement(c, &head.id, r)?;
        Ok(Judgement {
            status: stored.as_ref().and_then(|s| s.0).unwrap_or(Status::Unknown),
            evidence: stored.map(|s| s.1).unwrap_or_default(),
        })
    };
    let results = judged(Requirement::Results)?;
    let skills_judged = judged(Requirement::Skills)?;
    let advocates_judged = judged(Requirement::Advocates)?;
    let proposal = proposal::proposal_in(c, &head.person_id, head.assessed_on)?;
    let competencies = match stored_requirement(c, &head.id, Requirement::Competencies)? {
        Some((Some(status), evidence, reason)) => CompetencyJudgement {
            status,
            evidence,
            proposal,
            override_reason: Some(reason),
        },
        stored => CompetencyJudgement {
            status: proposal.status,
            evidence: stored.map(|s| s.1).unwrap_or_default(),
            proposal,
            override_reason: None,
        },
    };
    let mut a = Assessment {
        skills: SkillsJudgement {
            status: skills_judged.status,
            evidence: skills_judged.evidence,
            items: skills::skills_in(c, &head.id)?,
        },
        advocates: AdvocacyJudgement {
            status: advocates_judged.status,
            evidence: advocates_judged.evidence,
            advocates: advocacy::advocates_in(c, &head.id)?,
            actions: advocacy::actions_in(c, &head.id)?,
        },
        role: RoleAvailability {
            availability,
            notes,
            path,
            next_step,
        },
        id: head.id,
        person_id: head.person_id,
        person: head.person,
        target: head.target,
        assessed_on: head.assessed_on,
        results,
        competencies,
        suggestion: Suggestion {
            verdict: Verdict::NotAssessed,
            missing: Vec::new(),
        },
        decision: None,
    };
    a.suggestion = suggest(&a.statuses());
    a.decision = match (decided, decided_on) {
        (Some(verdict), Some(decided_on)) => Some(Decision {
            differs_from_suggestion: verdict != a.suggestion.verdict,
            needs_rationale: verdict != a.suggestion.verdict && rationale.is_empty(),
            verdict,
            rationale,
            decided_on,
        }),
        _ => None,
    };
    Ok(a)
}

pub(crate) fn touch(c: &Connection, id: &str) -> Result<()> {
    c.execute(
        "UPDATE readiness_assessments SET updated_at = ?2 WHERE id = ?1",
        (id, timestamp()),
    )?;
    Ok(())
}

/// Picks one of a few named things (skills, advocates) by name in any case, or by a
/// unique part of a name; several matches are an error that lists them.
fn by_name<'a, T>(items: &[(&str, &'a T)], key: &str, what: &'static str) -> Result<&'a T> {
    let needle = key.trim().to_lowercase();
    if needle.is_empty() {
        return Err(Error::invalid(what, format!("{what} must not be empty")));
    }
    if let Some((_, t)) = items.iter().find(|(n, _)| n.to_lowercase() == needle) {
        return Ok(t);
    }
    let found: Vec<&(&str, &T)> = items
        .iter()
        .filter(|(n, _)| n.to_lowercase().contains(&needle))
        .collect();
    match found.as_slice() {
        [] => Err(Error::not_found(what, key.trim())),
        [(_, t)] => Ok(t),
        many => Err(Error::Ambiguous {
            what,
            key: key.trim().into(),
            candidates: many.iter().map(|(n, _)| n.to_string()).collect(),
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::people::NewPerson;

    pub(crate) fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    /// A database with a manager, a report, and one assessment of the report.
    pub(crate) fn assessment(target: &str, on: &str) -> (Db, Assessment) {
        let db = Db::open_in_memory().unwrap();
        let boss = people::add(
            &db,
            NewPerson {
                name: "Boss".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let ana = people::add(
            &db,
            NewPerson {
                name: "Ana".into(),
                manager_id: Some(boss.id),
                ..Default::default()
            },
        )
        .unwrap();
        let a = open(&db, &ana.id, target, date(on), date("2026-11-23")).unwrap();
        (db, a)
    }

    fn set(db: &Db, a: &Assessment, r: Requirement, status: Status) -> Assessment {
        set_requirement(
            db,
            &a.id,
            r,
            RequirementPatch {
                status: Some(status),
                reason: (r == Requirement::Competencies).then(|| "calibrated".into()),
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn a_new_assessment_is_unknown_throughout_and_not_assessed() {
        let (_, a) = assessment("Staff Engineer", "2026-05-01");
        assert_eq!(a.suggestion.verdict, Verdict::NotAssessed);
        assert_eq!(
            a.suggestion.missing,
            [
                Requirement::Results,
                Requirement::Competencies,
                Requirement::Skills,
                Requirement::Advocates
            ]
        );
        assert_eq!(a.role.availability, Availability::Unknown);
        assert!(a.decision.is_none());
    }

    #[test]
    fn requirements_keep_status_and_evidence_and_drive_the_suggestion() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let a = set_requirement(
            &db,
            &a.id,
            Requirement::Results,
            RequirementPatch {
                status: Some(Status::Met),
                evidence: Some("Shipped the migration early".into()),
                ..Default::default()
            },
        )
        .unwrap();
        // Evidence alone keeps the status.
        let a = set_requirement(
            &db,
            &a.id,
            Requirement::Results,
            RequirementPatch {
                evidence: Some("Shipped the migration two weeks early".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(a.results.status, Status::Met);
        assert_eq!(a.results.evidence, "Shipped the migration two weeks early");
        let a = set(&db, &a, Requirement::Competencies, Status::Met);
        let a = set(&db, &a, Requirement::Skills, Status::Met);
        let a = set(&db, &a, Requirement::Advocates, Status::Met);
        assert_eq!(a.suggestion.verdict, Verdict::ReadyNow);
        let a = set(&db, &a, Requirement::Skills, Status::Partly);
        assert_eq!(a.suggestion.verdict, Verdict::Ready1To2Years);
        let a = set(&db, &a, Requirement::Results, Status::NotYet);
        assert_eq!(a.suggestion.verdict, Verdict::Ready3PlusYears);
        // Role availability takes no part in the verdict.
        let a = set_role(
            &db,
            &a.id,
            RolePatch {
                availability: Availability::Available,
                notes: None,
                path: None,
                next_step: None,
            },
        )
        .unwrap();
        assert_eq!(a.suggestion.verdict, Verdict::Ready3PlusYears);

        let err = set_requirement(
            &db,
            &a.id,
            Requirement::Role,
            RequirementPatch {
                status: Some(Status::Met),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("requirement"));
    }

    #[test]
    fn overriding_the_competency_proposal_needs_a_reason_and_can_be_undone() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        assert_eq!(a.competencies.proposal.status, Status::Unknown);
        let over = |reason: Option<&str>| {
            set_requirement(
                &db,
                &a.id,
                Requirement::Competencies,
                RequirementPatch {
                    status: Some(Status::Partly),
                    reason: reason.map(Into::into),
                    ..Default::default()
                },
            )
        };
        for missing in [None, Some("  ")] {
            let err = over(missing).unwrap_err();
            assert_eq!(err.field(), Some("reason"));
            assert!(err
                .to_string()
                .contains("proposed competencies status (unknown)"));
        }
        assert_eq!(
            get(&db, &a.id).unwrap().competencies.status,
            Status::Unknown
        );
        let o = over(Some("Calibration panel, not yet entered as ratings")).unwrap();
        assert_eq!(o.competencies.status, Status::Partly);
        assert_eq!(o.competencies.proposal.status, Status::Unknown);
        assert_eq!(
            o.competencies.override_reason.as_deref(),
            Some("Calibration panel, not yet entered as ratings")
        );
        // Evidence alone keeps the override.
        let o = set_requirement(
            &db,
            &a.id,
            Requirement::Competencies,
            RequirementPatch {
                evidence: Some("Panel of 2026-04-20".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(o.competencies.status, Status::Partly);
        let back = set_requirement(
            &db,
            &a.id,
            Requirement::Competencies,
            RequirementPatch {
                use_proposal: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(back.competencies.status, Status::Unknown);
        assert_eq!(back.competencies.override_reason, None);
        assert_eq!(back.competencies.evidence, "Panel of 2026-04-20");
        // A reason goes with competencies only.
        let err = set_requirement(
            &db,
            &a.id,
            Requirement::Results,
            RequirementPatch {
                status: Some(Status::Met),
                reason: Some("because".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("reason"));
    }

    #[test]
    fn a_path_belongs_to_a_role_that_is_not_available() {
        let (db, a) = assessment("Engineering Manager", "2026-05-01");
        let role = |availability, path, next_step: Option<&str>| {
            set_role(
                &db,
                &a.id,
                RolePatch {
                    availability,
                    notes: None,
                    path,
                    next_step: next_step.map(Into::into),
                },
            )
        };
        let err = role(
            Availability::Available,
            Some(RolePath::CreateRole),
            Some("Write the case"),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("path"));
        let err = role(Availability::Unknown, Some(RolePath::LookBeyond), None).unwrap_err();
        assert_eq!(err.field(), Some("path"));
        let err = role(Availability::NotAvailable, Some(RolePath::CreateRole), None).unwrap_err();
        assert_eq!(err.field(), Some("next_step"));
        assert_eq!(
            get(&db, &a.id).unwrap().role.availability,
            Availability::Unknown
        );

        let r = role(
            Availability::NotAvailable,
            Some(RolePath::CreateRole),
            Some("Write the case for a second team lead by March"),
        )
        .unwrap()
        .role;
        assert_eq!(r.path, Some(RolePath::CreateRole));
        // Changing the notes keeps the path; the role opening clears it.
        let kept = set_role(
            &db,
            &a.id,
            RolePatch {
                availability: Availability::NotAvailable,
                notes: Some("Headcount frozen until Q2".into()),
                path: None,
                next_step: None,
            },
        )
        .unwrap()
        .role;
        assert_eq!(
            (kept.path, kept.next_step.as_str()),
            (
                Some(RolePath::CreateRole),
                "Write the case for a second team lead by March"
            )
        );
        let err = role(Availability::NotAvailable, Some(RolePath::LookBeyond), None).unwrap_err();
        assert_eq!(
            err.field(),
            Some("next_step"),
            "a new path needs its own next step"
        );
        let open_role = role(Availability::Available, None, None).unwrap().role;
        assert_eq!((open_role.path, open_role.next_step.as_str()), (None, ""));
        assert_eq!(open_role.notes, "Headcount frozen until Q2");
    }

    #[test]
    fn a_decision_that_differs_from_the_suggestion_needs_a_rationale() {
        let (db, a) = assessment("Staff Engineer", "2026-05-01");
        let err = decide(
            &db,
            &a.id,
            Verdict::ReadyNow,
            " ",
            date("2026-05-02"),
            date("2026-11-23"),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("rationale"));
        assert!(
            err.to_string().contains(
                "the decided verdict, ready now, differs from the suggested one, not assessed"
            ),
            "{err}"
        );
        assert!(get(&db, &a.id).unwrap().decision.is_none());
        let err = decide(
            &db,
            &a.id,
            Verdict::NotAssessed,
            "x",
            date("2026-05-02"),
            date("2026-11-23"),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("verdict"));

        let d = decide(
            &db,
            &a.id,
            Verdict::Ready1To2Years,
            "Strong results; next-level work not yet seen",
            date("2026-05-02"),
            date("2026-11-23"),
        )
        .unwrap();
        let decision = d.decision.clone().unwrap();
        assert!(decision.differs_from_suggestion);
        assert_eq!(d.verdict(), Verdict::Ready1To2Years);

        // Agreeing with the suggestion needs no rationale.
        let a = set(&db, &d, Requirement::Results, Status::Met);
        let a = set(&db, &a, Requirement::Competencies, Status::Partly);
        let a = set(&db, &a, Requirement::Skills, Status::Met);
        let a = set(&db, &a, Requirement::Advocates, Status::Met);
        let agreed = decide(
            &db,
            &a.id,
            Verdict::Ready1To2Years,
            "",
            date("2026-05-03"),
            date("2026-11-23"),
        )
        .unwrap();
        let decision = agreed.decision.clone().unwrap();
        assert!(!decision.differs_from_suggestion && !decision.needs_rationale);
        // A requirement changed after it: the decision differs without a rationale, and
        // asks to be made again.
        let moved = set(&db, &agreed, Requirement::Results, Status::NotYet);
        let decision = moved.decision.clone().unwrap();
        assert_eq!(moved.suggestion.verdict, Verdict::Ready3PlusYears);
        assert!(decision.differs_from_suggestion && decision.needs_rationale);
        // One that differed with a rationale does not.
        assert!(!d.decision.unwrap().needs_rationale);
    }

    #[test]
    fn assessments_are_kept_newest_first_and_start_from_the_previous_one() {
        let (db, first) = assessment("Senior Engineer", "2025-05-01");
        add_skill(&db, &first.id, "Budgets", SkillStatus::Gap, "").unwrap();
        add_advocate(
            &db,
            &first.id,
            NewAdvocate {
                person_id: None,
                name: Some("Dana Whitfield".into()),
                relation: Relation::ManagerManager,
                influence: Influence::High,
                last_contact_on: Some(date("2025-04-20")),
                notes: String::new(),
            },
            date("2025-05-01"),
        )
        .unwrap();
        set(&db, &first, Requirement::Results, Status::Met);
        let second = open(
            &db,
            &first.person_id,
            "Senior Engineer",
            date("2026-05-01"),
            date("2026-11-23"),
        )
        .unwrap();
        assert_eq!(second.skills.items.len(), 1);
        assert_eq!(second.advocates.advocates[0].name, "Dana Whitfield");
        assert_eq!(
            second.results.status,
            Status::Unknown,
            "statuses start afresh"
        );
        let listed: Vec<String> = list(&db, &first.person_id)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(listed, [second.id.clone(), first.id.clone()]);
        assert_eq!(
            latest(&db, &first.person_id).unwrap().unwrap().id,
            second.id
        );
        // The earlier assessment is untouched.
        assert_eq!(get(&db, &first.id).unwrap().results.status, Status::Met);
        let err = open(
            &db,
            &first.person_id,
            " ",
            date("2026-05-01"),
            date("2026-11-23"),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("target"));
    }

    #[test]
    fn an_assessment_and_its_decision_are_dated_today_at_the_latest() {
        let today = date("2026-11-23");
        let (db, a) = assessment("Staff Engineer", "2026-11-01");

        // An assessment dated tomorrow would stand as the latest until then, hiding this one.
        let err = open(
            &db,
            &a.person_id,
            "Staff Engineer",
            date("2026-11-24"),
            today,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("assessed_on"));
        assert!(err.to_string().contains("after today"), "{err}");
        assert_eq!(list(&db, &a.person_id).unwrap().len(), 1, "nothing opened");

        let decide_on = |on: &str| {
            decide(
                &db,
                &a.id,
                Verdict::Ready3PlusYears,
                "early days",
                date(on),
                today,
            )
        };
        for (on, rule) in [
            ("2026-11-24", "after today"),
            ("2026-10-31", "before the assessment it decides"),
        ] {
            let err = decide_on(on).unwrap_err();
            assert_eq!(err.field(), Some("decided_on"), "{on}");
            assert!(err.to_string().contains(rule), "{on}: {err}");
            assert!(
                get(&db, &a.id).unwrap().decision.is_none(),
                "{on}: nothing decided"
            );
        }
        // The day of the assessment and today both do.
        decide_on("2026-11-01").unwrap();
        let d = decide_on("2026-11-23").unwrap().decision.unwrap();
        assert_eq!(d.decided_on, today);
    }
}
