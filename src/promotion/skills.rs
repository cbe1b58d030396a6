//! Requirement 3: the job-specific skills the target role needs on day one, each `have`
//! or `gap`. A gap becomes a development goal in one step, linked both ways and never
//! created twice; when the gap later closes the goal stays, reported as no longer
//! required. The usual skills ship as `data/skills.json` with the competency their goal
//! develops by default.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::plans::{self, Goal, NewGoal};
use crate::{competencies, find_id, new_id, timestamp, validate, Db, Error, Result};

code_enum!(
    /// Whether the person has a skill the target role needs.
    SkillStatus, "status", { Have = "have", Gap = "gap" }
);

/// A skill the target role needs on day one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ReadinessSkill"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skill {
    pub id: String,
    pub assessment_id: String,
    pub name: String,
    pub status: SkillStatus,
    pub notes: String,
    /// The development goal this gap became, if it did.
    pub goal_id: Option<String>,
    /// The skill is now `have` but its goal is still in the plan: nothing was deleted,
    /// and the goal is no longer required for this role.
    pub goal_no_longer_required: bool,
}

/// A usual skill and the competency its goal develops by default.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DefaultSkill {
    pub name: String,
    pub competency: String,
}

const DEFAULT_SKILLS: &str = include_str!("../../data/skills.json");

/// The usual skills: managing people, budgets, public speaking, negotiation, programme
/// management.
pub fn default_skills() -> Result<Vec<DefaultSkill>> {
    serde_json::from_str(DEFAULT_SKILLS).map_err(|e| Error::Io {
        context: "reading the default skills".into(),
        source: std::io::Error::other(e),
    })
}

/// How a gap becomes a goal. The competency defaults to the one the usual skill names;
/// the outcome to one naming the skill and the target role.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoalFromGap {
    pub competency_id: Option<String>,
    pub outcome: Option<String>,
}

/// The goal a gap is linked to, and whether this call created it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct GapGoal {
    pub skill: Skill,
    pub goal: Goal,
    /// False when the gap already had its goal (or an earlier assessment's gap of the
    /// same skill did): nothing new was made.
    pub created: bool,
}

/// Where a goal came from, seen from the goal's side.
#[derive(Debug, Clone, Serialize)]
pub struct SkillOrigin {
    pub goal_id: String,
    pub assessment_id: String,
    pub person_id: String,
    pub target: String,
    pub assessed_on: chrono::NaiveDate,
    /// The skill as the latest assessment that lists it has it.
    pub skill: Skill,
    /// False once that skill is `have`: the goal stays, but the role no longer needs it.
    pub still_required: bool,
}

/// Adds a skill to an assessment. A usual skill typed in any case takes its usual
/// spelling.
pub fn add_skill(
    db: &Db,
    assessment_id: &str,
    name: &str,
    status: SkillStatus,
    notes: &str,
) -> Result<Skill> {
    db.write(|c| add_skill_in(c, assessment_id, name, status, notes))
}

pub(crate) fn add_skill_in(
    c: &Connection,
    assessment_id: &str,
    name: &str,
    status: SkillStatus,
    notes: &str,
) -> Result<Skill> {
    let name = validate::required_text("skill", name)?;
    let name = default_skills()?
        .into_iter()
        .find(|d| d.name.eq_ignore_ascii_case(&name))
        .map_or(name, |d| d.name);
    let notes = validate::free_text("notes", notes)?;
    let a = super::head_in(c, assessment_id)?;
    let clash: Option<String> = c
        .query_row(
            "SELECT name FROM readiness_skills WHERE assessment_id = ?1 AND name = ?2 COLLATE NOCASE",
            (&a.id, &name),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = clash {
        return Err(Error::conflict(
            "skill",
            format!("skill {existing} is already listed in this assessment"),
        ));
    }
    let id = new_id();
    c.execute(
        "INSERT INTO readiness_skills (id, assessment_id, name, status, notes, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5,
                 (SELECT coalesce(max(position), 0) + 1 FROM readiness_skills WHERE assessment_id = ?2), ?6, ?6)",
        (&id, &a.id, &name, status, &notes, timestamp()),
    )?;
    super::touch(c, &a.id)?;
    get_in(c, &id)
}

/// Marks a skill `have` or `gap`. A goal it became stays in the plan either way.
pub fn set_skill(db: &Db, skill_id: &str, status: SkillStatus) -> Result<Skill> {
    db.write(|c| set_skill_in(c, skill_id, status))
}

pub(crate) fn set_skill_in(c: &Connection, skill_id: &str, status: SkillStatus) -> Result<Skill> {
    let s = get_in(c, skill_id)?;
    c.execute(
        "UPDATE readiness_skills SET status = ?2, updated_at = ?3 WHERE id = ?1",
        (&s.id, status, timestamp()),
    )?;
    super::touch(c, &s.assessment_id)?;
    get_in(c, &s.id)
}

/// A change to a skill; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SkillPatch {
    pub name: Option<String>,
    pub status: Option<SkillStatus>,
    pub notes: Option<String>,
}

/// Renames a skill, marks it `have` or `gap`, or rewrites its notes. A new name must not
/// clash with another skill of the same assessment; a goal the gap became stays linked.
pub fn edit_skill(db: &Db, skill_id: &str, patch: SkillPatch) -> Result<Skill> {
    db.write(|c| edit_skill_in(c, skill_id, patch))
}

pub(crate) fn edit_skill_in(c: &Connection, skill_id: &str, patch: SkillPatch) -> Result<Skill> {
    let s = get_in(c, skill_id)?;
    let name = match &patch.name {
        Some(n) => {
            let n = validate::required_text("skill", n)?;
            let n = default_skills()?
                .into_iter()
                .find(|d| d.name.eq_ignore_ascii_case(&n))
                .map_or(n, |d| d.name);
            let clash: Option<String> = c
                .query_row(
                    "SELECT name FROM readiness_skills
                     WHERE assessment_id = ?1 AND name = ?2 COLLATE NOCASE AND id <> ?3",
                    (&s.assessment_id, &n, &s.id),
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = clash {
                return Err(Error::conflict(
                    "skill",
                    format!("skill {existing} is already listed in this assessment"),
                ));
            }
            n
        }
        None => s.name.clone(),
    };
    let notes = match &patch.notes {
        Some(n) => validate::free_text("notes", n)?,
        None => s.notes.clone(),
    };
    c.execute(
        "UPDATE readiness_skills SET name = ?2, status = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1",
        (&s.id, &name, patch.status.unwrap_or(s.status), &notes, timestamp()),
    )?;
    super::touch(c, &s.assessment_id)?;
    get_in(c, &s.id)
}

/// Takes a skill off an assessment (a mistake, or a skill the role does not need). A goal
/// it became stays in the plan.
pub fn remove_skill(db: &Db, skill_id: &str) -> Result<Skill> {
    db.write(|c| {
        let s = get_in(c, skill_id)?;
        c.execute("DELETE FROM readiness_skills WHERE id = ?1", [&s.id])?;
        super::touch(c, &s.assessment_id)?;
        Ok(s)
    })
}

/// Finds a skill of an assessment by its name (any case), a unique start of it, or its id.
pub fn resolve_skill(db: &Db, assessment_id: &str, key: &str) -> Result<Skill> {
    db.read(|c| resolve_skill_in(c, assessment_id, key))
}

pub(crate) fn resolve_skill_in(c: &Connection, assessment_id: &str, key: &str) -> Result<Skill> {
    if let Some(id) = find_id(c, "readiness_skills", "skill", key)? {
        let s = get_in(c, &id)?;
        if s.assessment_id == assessment_id {
            return Ok(s);
        }
    }
    let all = skills_in(c, assessment_id)?;
    let names: Vec<(&str, &Skill)> = all.iter().map(|s| (s.name.as_str(), s)).collect();
    super::by_name(&names, key, "skill").cloned()
}

/// Turns a gap into a development goal with empty Learn, Practice and Feedback phases,
/// linked both ways. Asking again returns the same goal; so does the same skill's gap in
/// a later assessment of the same person. A goal dropped from the plan no longer counts:
/// the gap then becomes a new one.
pub fn gap_to_goal(db: &Db, skill_id: &str, how: GoalFromGap) -> Result<GapGoal> {
    db.write(|c| gap_to_goal_in(c, skill_id, how))
}

pub(crate) fn gap_to_goal_in(c: &Connection, skill_id: &str, how: GoalFromGap) -> Result<GapGoal> {
    let s = get_in(c, skill_id)?;
    if let Some(goal_id) = &s.goal_id {
        return Ok(GapGoal {
            goal: plans::get_goal_in(c, goal_id)?,
            skill: s,
            created: false,
        });
    }
    if s.status != SkillStatus::Gap {
        return Err(Error::conflict(
            "skill",
            format!(
                "skill {} is {}, not a gap; only a gap becomes a goal",
                s.name, s.status
            ),
        ));
    }
    let a = super::head_in(c, &s.assessment_id)?;
    let earlier: Option<String> = c
        .query_row(
            "SELECT s.goal_id FROM readiness_skills s
             JOIN readiness_assessments a ON a.id = s.assessment_id
             JOIN goals g ON g.id = s.goal_id AND g.status <> 'dropped'
             WHERE a.person_id = ?1 AND s.name = ?2 COLLATE NOCASE
             ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1",
            (&a.person_id, &s.name),
            |r| r.get(0),
        )
        .optional()?;
    let (goal, created) = match earlier {
        Some(goal_id) => (plans::get_goal_in(c, &goal_id)?, false),
        None => {
            let competency_id = match how.competency_id {
                Some(k) => k,
                None => default_competency(c, &s.name)?,
            };
            let outcome = how.outcome.unwrap_or_else(|| {
                format!("Build the skill '{}' for day one as {}", s.name, a.target)
            });
            let goal = plans::add_goal_in(
                c,
                NewGoal {
                    person_id: a.person_id.clone(),
                    competency_id,
                    outcome,
                },
            )?;
            (goal, true)
        }
    };
    c.execute(
        "UPDATE readiness_skills SET goal_id = ?2, updated_at = ?3 WHERE id = ?1",
        (&s.id, &goal.id, timestamp()),
    )?;
    super::touch(c, &a.id)?;
    Ok(GapGoal {
        skill: get_in(c, &s.id)?,
        goal,
        created,
    })
}

/// The competency a usual skill's goal develops, when it is still in the library.
fn default_competency(c: &Connection, skill: &str) -> Result<String> {
    let missing = || {
        Error::invalid(
            "competency",
            format!(
                "competency is required: name the competency the goal for skill {skill} develops"
            ),
        )
    };
    let usual = default_skills()?
        .into_iter()
        .find(|d| d.name.eq_ignore_ascii_case(skill))
        .ok_or_else(missing)?;
    match competencies::resolve_in(c, &usual.competency) {
        Ok(k) if k.retired_at.is_none() => Ok(k.id),
        _ => Err(missing()),
    }
}

/// The skill gap a goal came from, if it came from one. A dropped goal came from none
/// any more: its gap was let go, as the gap's side says (see `SELECT`).
pub fn origin_of_goal(db: &Db, goal_id: &str) -> Result<Option<SkillOrigin>> {
    db.read(|c| {
        let goal = plans::get_goal_in(c, goal_id)?;
        if goal.status == plans::GoalStatus::Dropped {
            return Ok(None);
        }
        let found: Option<String> = c
            .query_row(
                "SELECT s.id FROM readiness_skills s
                 JOIN readiness_assessments a ON a.id = s.assessment_id
                 WHERE s.goal_id = ?1 ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1",
                [&goal.id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(skill_id) = found else {
            return Ok(None);
        };
        let skill = get_in(c, &skill_id)?;
        let a = super::head_in(c, &skill.assessment_id)?;
        Ok(Some(SkillOrigin {
            goal_id: goal.id,
            assessment_id: a.id,
            person_id: a.person_id,
            target: a.target,
            assessed_on: a.assessed_on,
            still_required: skill.status == SkillStatus::Gap,
            skill,
        }))
    })
}

/// A gap whose goal was dropped from the plan has no goal any more: it can become one again.
const SELECT: &str = "SELECT s.id, s.assessment_id, s.name, s.status, s.notes,
        CASE WHEN g.status = 'dropped' THEN NULL ELSE s.goal_id END
    FROM readiness_skills s LEFT JOIN goals g ON g.id = s.goal_id";

fn row(r: &Row) -> rusqlite::Result<Skill> {
    let status: SkillStatus = r.get(3)?;
    let goal_id: Option<String> = r.get(5)?;
    Ok(Skill {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        name: r.get(2)?,
        goal_no_longer_required: status == SkillStatus::Have && goal_id.is_some(),
        status,
        notes: r.get(4)?,
        goal_id,
    })
}

pub(crate) fn get_in(c: &Connection, id: &str) -> Result<Skill> {
    c.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("skill", id))
}

/// The skills of an assessment, in the order they were listed.
pub(crate) fn skills_in(c: &Connection, assessment_id: &str) -> Result<Vec<Skill>> {
    let mut stmt = c.prepare_cached(&format!(
        "{SELECT} WHERE s.assessment_id = ?1 ORDER BY s.position"
    ))?;
    let v = stmt
        .query_map([assessment_id], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Starts a new assessment from the skills of the previous one, goal links included
/// (but a dropped goal's), so a gap keeps its goal from one assessment to the next.
pub(crate) fn copy_in(c: &Connection, from: &str, to: &str) -> Result<()> {
    let mut stmt = c.prepare(
        "INSERT INTO readiness_skills (id, assessment_id, name, status, notes, goal_id, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?;
    for (i, s) in skills_in(c, from)?.into_iter().enumerate() {
        stmt.execute(rusqlite::params![
            new_id(),
            to,
            s.name,
            s.status,
            s.notes,
            s.goal_id,
            i as i64 + 1,
            timestamp()
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assessment, date};
    use super::*;
    use crate::plans::GoalStatus;

    fn goals_of(db: &Db, person: &str) -> Vec<Goal> {
        plans::plan(db, person).unwrap()
    }

    #[test]
    fn an_edit_renames_or_rewrites_a_skill_and_keeps_its_goal() {
        let (db, a) = assessment("Staff Engineer (L6)", "2026-05-01");
        let s = add_skill(&db, &a.id, "Budgets", SkillStatus::Gap, "").unwrap();
        add_skill(&db, &a.id, "Negotiation", SkillStatus::Have, "").unwrap();
        let linked = gap_to_goal(&db, &s.id, GoalFromGap::default()).unwrap();
        let edited = edit_skill(
            &db,
            &s.id,
            SkillPatch {
                notes: Some("=SUM(A1)".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            edited,
            Skill {
                notes: "=SUM(A1)".into(),
                ..linked.skill.clone()
            }
        );
        let renamed = edit_skill(
            &db,
            &s.id,
            SkillPatch {
                name: Some("public speaking".into()),
                status: Some(SkillStatus::Have),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (renamed.name.as_str(), renamed.status, renamed.goal_id),
            ("Public speaking", SkillStatus::Have, linked.skill.goal_id)
        );
        let err = edit_skill(
            &db,
            &s.id,
            SkillPatch {
                name: Some("NEGOTIATION".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!((err.code(), err.field()), ("conflict", Some("skill")));
        let err = edit_skill(
            &db,
            &s.id,
            SkillPatch {
                name: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "skill must not be empty");
        assert_eq!(get_in_db(&db, &s.id).name, "Public speaking");
    }

    fn get_in_db(db: &Db, id: &str) -> Skill {
        db.read(|c| get_in(c, id)).unwrap()
    }

    #[test]
    fn a_gap_becomes_one_linked_goal_with_empty_phases() {
        let (db, a) = assessment("Staff Engineer (L6)", "2026-05-01");
        let s = add_skill(&db, &a.id, "budgets", SkillStatus::Gap, "").unwrap();
        assert_eq!(s.name, "Budgets", "a usual skill takes its usual spelling");

        let first = gap_to_goal(&db, &s.id, GoalFromGap::default()).unwrap();
        assert!(first.created);
        assert_eq!(first.goal.person_id, a.person_id);
        assert_eq!(first.goal.competency, "Leverages resources");
        assert!(first.goal.activities.is_empty());
        assert!(first.goal.outcome.contains("Budgets"));
        assert_eq!(first.skill.goal_id.as_deref(), Some(first.goal.id.as_str()));

        // Linked from the goal's side too.
        let origin = origin_of_goal(&db, &first.goal.id).unwrap().unwrap();
        assert_eq!(
            (origin.skill.id.as_str(), origin.assessment_id.as_str()),
            (s.id.as_str(), a.id.as_str())
        );
        assert!(origin.still_required);

        // Asking again makes nothing new.
        let again = gap_to_goal(&db, &s.id, GoalFromGap::default()).unwrap();
        assert!(!again.created);
        assert_eq!(again.goal.id, first.goal.id);
        assert_eq!(goals_of(&db, &a.person_id).len(), 1);

        // The gap closes: nothing is deleted, the goal is flagged as no longer required.
        let closed = set_skill(&db, &s.id, SkillStatus::Have).unwrap();
        assert_eq!(closed.goal_id.as_deref(), Some(first.goal.id.as_str()));
        assert!(closed.goal_no_longer_required);
        let goals = goals_of(&db, &a.person_id);
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0].status, GoalStatus::Open);
        let origin = origin_of_goal(&db, &first.goal.id).unwrap().unwrap();
        assert!(!origin.still_required);
        assert!(origin.skill.goal_no_longer_required);
    }

    #[test]
    fn a_gap_whose_goal_was_dropped_can_become_a_goal_again() {
        let (db, a) = assessment("Staff Engineer (L6)", "2026-05-01");
        let s = add_skill(&db, &a.id, "budgets", SkillStatus::Gap, "").unwrap();
        let first = gap_to_goal(&db, &s.id, GoalFromGap::default()).unwrap();
        plans::edit_goal(
            &db,
            &first.goal.id,
            plans::GoalPatch {
                status: Some(GoalStatus::Dropped),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(db.read(|c| get_in(c, &s.id)).unwrap().goal_id, None);
        assert!(origin_of_goal(&db, &first.goal.id).unwrap().is_none());
        let second = gap_to_goal(&db, &s.id, GoalFromGap::default()).unwrap();
        assert!(second.created);
        assert_ne!(second.goal.id, first.goal.id);
        assert_eq!(goals_of(&db, &a.person_id).len(), 2);
    }

    #[test]
    fn a_later_assessment_keeps_the_link_and_never_makes_a_second_goal() {
        let (db, a) = assessment("Staff Engineer (L6)", "2026-05-01");
        let s = add_skill(&db, &a.id, "Negotiation", SkillStatus::Gap, "").unwrap();
        let goal = gap_to_goal(&db, &s.id, GoalFromGap::default())
            .unwrap()
            .goal;
        let later = super::super::open(
            &db,
            &a.person_id,
            "Staff Engineer (L6)",
            date("2026-11-01"),
            date("2026-11-23"),
        )
        .unwrap();
        let copied = &later.skills.items;
        assert_eq!(copied.len(), 1);
        assert_eq!(copied[0].goal_id.as_deref(), Some(goal.id.as_str()));

        // Even a skill typed again after removal finds the goal of the earlier gap.
        remove_skill(&db, &copied[0].id).unwrap();
        let retyped = add_skill(&db, &later.id, "negotiation", SkillStatus::Gap, "").unwrap();
        let linked = gap_to_goal(&db, &retyped.id, GoalFromGap::default()).unwrap();
        assert!(!linked.created);
        assert_eq!(linked.goal.id, goal.id);
        assert_eq!(goals_of(&db, &a.person_id).len(), 1);
        // The goal side names the latest assessment.
        let origin = origin_of_goal(&db, &goal.id).unwrap().unwrap();
        assert_eq!(origin.assessment_id, later.id);
    }

    #[test]
    fn only_a_gap_becomes_a_goal_and_an_own_skill_needs_a_competency() {
        let (db, a) = assessment("Team lead", "2026-05-01");
        let have = add_skill(&db, &a.id, "Public speaking", SkillStatus::Have, "").unwrap();
        let err = gap_to_goal(&db, &have.id, GoalFromGap::default()).unwrap_err();
        assert_eq!((err.code(), err.field()), ("conflict", Some("skill")));

        let own = add_skill(&db, &a.id, "Hiring", SkillStatus::Gap, "").unwrap();
        let err = gap_to_goal(&db, &own.id, GoalFromGap::default()).unwrap_err();
        assert_eq!(err.field(), Some("competency"));
        assert!(goals_of(&db, &a.person_id).is_empty());
        let teamwork = competencies::resolve(&db, "Teamwork").unwrap();
        let made = gap_to_goal(
            &db,
            &own.id,
            GoalFromGap {
                competency_id: Some(teamwork.id),
                outcome: Some("Run a fair, structured hiring loop".into()),
            },
        )
        .unwrap();
        assert_eq!(made.goal.outcome, "Run a fair, structured hiring loop");

        let dup = add_skill(&db, &a.id, "HIRING", SkillStatus::Gap, "").unwrap_err();
        assert_eq!(dup.field(), Some("skill"));
        assert_eq!(resolve_skill(&db, &a.id, "hir").unwrap().id, own.id);
    }
}
