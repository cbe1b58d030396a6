//! Plan checks: the warnings of the Learn–Practice–Feedback method and the meeting
//! cadence, each with a stable code. They only read; `today` is always an argument.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::codes::code_enum;
use crate::meetings;
use crate::plans::{self, Goal, Phase};
use crate::{Db, Result};

code_enum!(
    /// What a finding is about.
    FindingCode, "code", {
        MissingPhase = "missing_phase",
        ManagerOnlyResources = "manager_only_resources",
        FeedbackBeforePractice = "feedback_before_practice",
        OverdueActivity = "overdue_activity",
        MeetingOverdue = "meeting_overdue",
    }
);

/// One warning about one person's plan or meetings.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub code: FindingCode,
    pub person_id: String,
    pub person: String,
    pub goal_id: Option<String>,
    pub activity_id: Option<String>,
    pub message: String,
}

/// Runs every check for these people.
pub fn run(db: &Db, person_ids: &[String], today: NaiveDate) -> Result<Vec<Finding>> {
    db.read(|c| run_in(c, person_ids, today))
}

/// Facts about a person the checks need beyond their plan.
struct PersonFacts {
    name: String,
    manager_id: Option<String>,
    has_meetings: bool,
}

pub(crate) fn run_in(
    c: &Connection,
    person_ids: &[String],
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let mut stmt = c.prepare(
        "SELECT p.id, p.name, p.manager_id, EXISTS (SELECT 1 FROM meetings m WHERE m.person_id = p.id)
         FROM people p WHERE p.id IN (SELECT value FROM json_each(?1)) AND p.archived_at IS NULL
         ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let people: Vec<(String, PersonFacts)> = stmt
        .query_map([crate::id_list(person_ids)], |r| {
            Ok((
                r.get(0)?,
                PersonFacts {
                    name: r.get(1)?,
                    manager_id: r.get(2)?,
                    has_meetings: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ids: Vec<String> = people.iter().map(|(id, _)| id.clone()).collect();

    let mut goals_by_person: HashMap<String, Vec<Goal>> = HashMap::new();
    for g in plans::goals_of_in(c, &ids, true)? {
        goals_by_person
            .entry(g.person_id.clone())
            .or_default()
            .push(g);
    }
    let cadence: HashMap<String, meetings::Cadence> = meetings::cadence_in(c, &ids, today)?
        .into_iter()
        .map(|m| (m.person_id.clone(), m))
        .collect();

    let mut findings = Vec::new();
    for (id, facts) in &people {
        for g in goals_by_person
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            findings.extend(goal_findings(
                g,
                &facts.name,
                facts.manager_id.as_deref(),
                today,
            ));
        }
        // Someone with no manager in Ladder and no meetings recorded (the head of the
        // tree) has nobody to hold development meetings with here.
        if facts.manager_id.is_some() || facts.has_meetings {
            if let Some(cad) = cadence.get(id).filter(|c| c.is_overdue()) {
                findings.push(meeting_finding(id, &facts.name, cad));
            }
        }
    }
    Ok(findings)
}

/// The findings for one open goal.
pub fn goal_findings(
    goal: &Goal,
    person: &str,
    manager_id: Option<&str>,
    today: NaiveDate,
) -> Vec<Finding> {
    let finding = |code, activity_id: Option<&str>, message: String| Finding {
        code,
        person_id: goal.person_id.clone(),
        person: person.to_string(),
        goal_id: Some(goal.id.clone()),
        activity_id: activity_id.map(Into::into),
        message,
    };
    let mut out = Vec::new();
    let of = |phase| goal.activities.iter().filter(move |a| a.phase == phase);

    let missing: Vec<&str> = Phase::ALL
        .iter()
        .filter(|&&p| of(p).next().is_none())
        .map(|p| p.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(finding(
            FindingCode::MissingPhase,
            None,
            format!(
                "goal \"{}\" has no {} activity",
                goal.outcome,
                missing.join(" or ")
            ),
        ));
    }

    if let Some(m) = manager_id {
        let all_manager = !goal.activities.is_empty()
            && goal
                .activities
                .iter()
                .all(|a| a.resource.person_id.as_deref() == Some(m));
        if all_manager {
            out.push(finding(
                FindingCode::ManagerOnlyResources,
                None,
                format!(
                    "goal \"{}\" relies on the manager for every activity; bring in mentors, peers or material",
                    goal.outcome
                ),
            ));
        }
    }

    if let Some(first_practice) = of(Phase::Practice).map(|a| a.target_date).min() {
        for fb in of(Phase::Feedback).filter(|a| a.target_date < first_practice) {
            out.push(finding(
                FindingCode::FeedbackBeforePractice,
                Some(&fb.id),
                format!(
                    "feedback \"{}\" is due {} but the first practice is due {}; feedback follows practice",
                    fb.description, fb.target_date, first_practice
                ),
            ));
        }
    }

    for a in goal.activities.iter().filter(|a| a.is_overdue(today)) {
        let days = (today - a.target_date).num_days();
        out.push(finding(
            FindingCode::OverdueActivity,
            Some(&a.id),
            format!(
                "{} activity \"{}\" was due {} ({} day{} ago)",
                a.phase,
                a.description,
                a.target_date,
                days,
                if days == 1 { "" } else { "s" }
            ),
        ));
    }
    out
}

fn meeting_finding(person_id: &str, person: &str, cad: &meetings::Cadence) -> Finding {
    let since = match cad.last_held {
        Some(d) => format!("last held {d}"),
        None => "none held yet".to_string(),
    };
    Finding {
        code: FindingCode::MeetingOverdue,
        person_id: person_id.into(),
        person: person.into(),
        goal_id: None,
        activity_id: None,
        message: format!(
            "development meeting overdue by {} day{} (every {} days, {since})",
            cad.overdue_days,
            if cad.overdue_days == 1 { "" } else { "s" },
            cad.cadence_days
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, NewPerson};
    use crate::plans::{NewActivity, NewGoal, Resource, ResourceKind};
    use crate::{competencies, validate};

    fn date(s: &str) -> NaiveDate {
        validate::date("date", s).unwrap()
    }

    struct Fixture {
        db: Db,
        boss: String,
        ana: String,
        goal: String,
    }

    fn fixture() -> Fixture {
        let db = Db::open_in_memory().unwrap();
        let boss = people::add(
            &db,
            NewPerson {
                name: "Boss".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let ana = people::add(
            &db,
            NewPerson {
                name: "Ana".into(),
                manager_id: Some(boss.clone()),
                start_date: Some(date("2026-10-01")),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let k = competencies::resolve(&db, "Communication").unwrap().id;
        let goal = plans::add_goal(
            &db,
            NewGoal {
                person_id: ana.clone(),
                competency_id: k,
                outcome: "Present with confidence".into(),
            },
        )
        .unwrap()
        .id;
        Fixture {
            db,
            boss,
            ana,
            goal,
        }
    }

    impl Fixture {
        fn add(&self, phase: Phase, resource: Resource, due: &str) -> String {
            plans::add_activity(
                &self.db,
                NewActivity {
                    goal_id: self.goal.clone(),
                    phase,
                    description: format!("{phase} work"),
                    resource,
                    target_date: date(due),
                    notes: String::new(),
                },
            )
            .unwrap()
            .id
        }

        fn codes(&self, today: &str) -> Vec<FindingCode> {
            run(
                &self.db,
                &[self.ana.clone(), self.boss.clone()],
                date(today),
            )
            .unwrap()
            .into_iter()
            .map(|f| f.code)
            .collect()
        }
    }

    fn book() -> Resource {
        Resource::named(ResourceKind::Material, "Talk Like TED")
    }

    #[test]
    fn missing_phase_fires_until_each_phase_has_an_activity() {
        let f = fixture();
        assert_eq!(f.codes("2026-10-02"), [FindingCode::MissingPhase]);
        f.add(Phase::Learn, book(), "2026-11-01");
        f.add(Phase::Practice, book(), "2026-11-10");
        let findings = run(&f.db, std::slice::from_ref(&f.ana), date("2026-10-02")).unwrap();
        assert_eq!(
            findings[0].message,
            "goal \"Present with confidence\" has no feedback activity"
        );
        f.add(Phase::Feedback, book(), "2026-11-20");
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn done_and_dropped_goals_are_not_checked() {
        let f = fixture();
        plans::edit_goal(
            &f.db,
            &f.goal,
            plans::GoalPatch {
                status: Some(plans::GoalStatus::Dropped),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn manager_only_resources_fires_only_when_every_activity_is_the_manager() {
        let f = fixture();
        let boss = Resource::person(&f.boss);
        f.add(Phase::Learn, boss.clone(), "2026-11-01");
        f.add(Phase::Practice, boss.clone(), "2026-11-10");
        let last = f.add(Phase::Feedback, boss, "2026-11-20");
        assert_eq!(f.codes("2026-10-02"), [FindingCode::ManagerOnlyResources]);
        plans::edit_activity(
            &f.db,
            &last,
            plans::ActivityPatch {
                resource: Some(Resource::named(ResourceKind::Person, "A peer")),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn feedback_before_every_practice_fires() {
        let f = fixture();
        f.add(Phase::Learn, book(), "2026-11-01");
        f.add(Phase::Practice, book(), "2026-11-10");
        f.add(Phase::Practice, book(), "2026-11-30");
        let early = f.add(Phase::Feedback, book(), "2026-11-05");
        let findings = run(&f.db, std::slice::from_ref(&f.ana), date("2026-10-02")).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].activity_id.as_deref()),
            (FindingCode::FeedbackBeforePractice, Some(early.as_str()))
        );
        // Feedback after the first practice, even if before a later one, is fine.
        plans::edit_activity(
            &f.db,
            &early,
            plans::ActivityPatch {
                target_date: Some(date("2026-11-10")),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes("2026-10-02").is_empty());
    }

    #[test]
    fn overdue_activity_fires_after_the_target_date_until_done() {
        let f = fixture();
        let learn = f.add(Phase::Learn, book(), "2026-10-20");
        f.add(Phase::Practice, book(), "2026-11-10");
        f.add(Phase::Feedback, book(), "2026-11-20");
        assert!(f.codes("2026-10-20").is_empty());
        assert_eq!(f.codes("2026-10-21"), [FindingCode::OverdueActivity]);
        plans::complete_activity(&f.db, &learn, date("2026-10-22")).unwrap();
        assert!(f.codes("2026-10-23").is_empty());
    }

    #[test]
    fn meeting_overdue_follows_the_cadence_for_reports_only() {
        let f = fixture();
        f.add(Phase::Learn, book(), "2026-12-01");
        f.add(Phase::Practice, book(), "2026-12-10");
        f.add(Phase::Feedback, book(), "2026-12-20");
        // Ana started 2026-10-01 with the default cadence of 28 days: due 2026-10-29.
        assert!(f.codes("2026-10-29").is_empty());
        let findings = run(&f.db, &[f.ana.clone(), f.boss.clone()], date("2026-10-30")).unwrap();
        assert_eq!(
            findings.len(),
            1,
            "the boss has no manager and no meetings: {findings:?}"
        );
        assert_eq!(findings[0].code, FindingCode::MeetingOverdue);
        assert_eq!(
            findings[0].message,
            "development meeting overdue by 1 day (every 28 days, none held yet)"
        );
        let m = meetings::schedule(&f.db, &f.ana, date("2026-10-30")).unwrap();
        meetings::hold(&f.db, &m.id, date("2026-10-30"), None).unwrap();
        assert!(f.codes("2026-11-27").is_empty());
        assert_eq!(f.codes("2026-11-28"), [FindingCode::MeetingOverdue]);
    }
}
