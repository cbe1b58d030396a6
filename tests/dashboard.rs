//! The dashboard's figures on a team whose every number is known: meetings overdue and
//! due this week (a meeting already scheduled is not overdue), plan health, rating
//! trends, readiness counts and active changes with their barrier distribution, over the
//! user's scope only. And `ladder dashboard` prints the same.

mod common;

use chrono::NaiveDate;
use ladder::change::{self, ChangeStatus, Element, NewAssessment, NewStakeholder};
use ladder::checks::FindingCode;
use ladder::competencies::{self, Level, NewRating, Rater};
use ladder::dashboard::{self, Dashboard, SHORTLIST};
use ladder::meetings::{self, CadenceStatus};
use ladder::people::{self, NewPerson};
use ladder::plans::{self, NewActivity, NewGoal, Phase, Resource, ResourceKind};
use ladder::profile::{self, Role};
use ladder::promotion::{self, Verdict};
use ladder::Db;

use common::TempDb;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-23";

struct Team {
    db: Db,
    ana: String,
    ben: String,
    cy: String,
}

fn person(db: &Db, name: &str, manager: Option<&str>, start: &str) -> String {
    people::add(
        db,
        NewPerson {
            name: name.into(),
            manager_id: manager.map(String::from),
            start_date: Some(date(start)),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn met(db: &Db, who: &str, on: &str, next: Option<&str>) {
    let m = meetings::schedule(db, who, date(on)).unwrap();
    meetings::hold(db, &m.id, date(on), next.map(date), date(on)).unwrap();
}

fn rate(db: &Db, who: &str, competency: &str, level: Level, score: i64, on: &str) {
    let k = competencies::resolve(db, competency).unwrap();
    competencies::rate(
        db,
        NewRating {
            person_id: who.into(),
            competency_id: k.id,
            level,
            rater: Rater::Manager,
            rater_name: None,
            score,
            rated_on: date(on),
            evidence: String::new(),
        },
        date(on),
    )
    .unwrap();
}

fn goal(db: &Db, who: &str, activities: &[(Phase, &str)]) {
    let k = competencies::resolve(db, "Communication").unwrap();
    let g = plans::add_goal(
        db,
        NewGoal {
            person_id: who.into(),
            competency_id: k.id,
            outcome: "Present clearly at the huddle".into(),
        },
    )
    .unwrap();
    for (phase, due) in activities {
        plans::add_activity(
            db,
            NewActivity {
                goal_id: g.id.clone(),
                phase: *phase,
                description: format!("{phase} step"),
                resource: Resource::named(ResourceKind::Material, "A good book"),
                target_date: date(due),
                notes: String::new(),
            },
        )
        .unwrap();
    }
}

fn change(db: &Db, name: &str, owner: &str) -> String {
    change::add(db, common::new_change(name, owner)).unwrap().id
}

fn score(db: &Db, change_id: &str, who: NewStakeholder, scores: Option<[f64; 5]>) {
    let s = change::add_stakeholder(db, change_id, who).unwrap();
    if let Some(scores) = scores {
        change::assess(
            db,
            NewAssessment {
                stakeholder_id: s.id,
                assessed_on: date("2026-11-20"),
                scores,
                notes: Default::default(),
            },
            date("2026-11-20"),
        )
        .unwrap();
    }
}

/// Boss manages Ana, Ben and Cy; Dee reports to Ana; Zed is outside the team.
fn team() -> Team {
    let db = Db::open_in_memory().unwrap();
    let boss = person(&db, "Boss", None, "2020-01-01");
    let ana = person(&db, "Ana", Some(&boss), "2026-01-05");
    let ben = person(&db, "Ben", Some(&boss), "2026-01-05");
    let cy = person(&db, "Cy", Some(&boss), "2026-01-05");
    let _dee = person(&db, "Dee", Some(&ana), "2026-11-10");
    let zed = person(&db, "Zed", None, "2026-01-05");
    profile::set_me(&db, &boss, Role::Manager).unwrap();

    // Meetings every 28 days. Ana: last held 1 October, due 29 October, overdue.
    met(&db, &ana, "2026-10-01", None);
    // Ben: due 17 November but already scheduled for Thursday: scheduled, not overdue.
    met(&db, &ben, "2026-10-20", Some("2026-11-26"));
    // Cy: due on Sunday 29 November, nothing scheduled.
    met(&db, &cy, "2026-11-01", None);
    // Dee: started 10 November, due 8 December: neither list. Zed: out of scope.
    met(&db, &zed, "2026-06-01", None);

    // Ana's goal misses two phases and its one activity is overdue; Ben's is clean.
    goal(&db, &ana, &[(Phase::Learn, "2026-11-01")]);
    goal(
        &db,
        &ben,
        &[
            (Phase::Learn, "2026-12-01"),
            (Phase::Practice, "2026-12-15"),
            (Phase::Feedback, "2026-12-20"),
        ],
    );
    goal(&db, &zed, &[(Phase::Learn, "2026-01-01")]);

    // Ratings at the current level (and one at the next level, which does not count).
    rate(&db, &ana, "Communication", Level::Current, 2, "2026-06-01");
    rate(&db, &ana, "Communication", Level::Current, 4, "2026-11-10");
    rate(&db, &ben, "Communication", Level::Current, 3, "2026-11-05");
    rate(&db, &ben, "Communication", Level::Next, 5, "2026-11-05");
    rate(&db, &zed, "Communication", Level::Current, 1, "2026-11-05");
    rate(&db, &ana, "Teamwork", Level::Current, 3, "2025-06-01");
    rate(&db, &cy, "Teamwork", Level::Current, 4, "2026-09-01");
    rate(&db, &cy, "Teamwork", Level::Current, 3, "2026-11-02");

    // Readiness: Ana decided ready in 1-2 years; Ben last assessed in 2025 (stale).
    let a = promotion::open(&db, &ana, "Senior", date("2026-11-20"), date(TODAY)).unwrap();
    promotion::decide(
        &db,
        &a.id,
        Verdict::Ready1To2Years,
        "Results are there; influence is not yet",
        date("2026-11-20"),
        date(TODAY),
    )
    .unwrap();
    let b = promotion::open(&db, &ben, "Senior", date("2025-06-01"), date(TODAY)).unwrap();
    promotion::decide(
        &db,
        &b.id,
        Verdict::Ready3PlusYears,
        "Early in the role",
        date("2025-06-01"),
        date(TODAY),
    )
    .unwrap();

    // One active change with four stakeholders (one not scored yet) and one draft.
    let on_call = change(&db, "On-call redesign", &boss);
    change::set_status(&db, &on_call, ChangeStatus::Announced).unwrap();
    let p = |id: &str| NewStakeholder::Person {
        person_id: id.into(),
    };
    score(&db, &on_call, p(&ana), Some([4.0, 2.0, 2.0, 2.0, 2.0]));
    score(&db, &on_call, p(&ben), Some([5.0, 4.5, 4.0, 4.0, 4.0]));
    score(&db, &on_call, p(&cy), None);
    score(
        &db,
        &on_call,
        NewStakeholder::Group {
            name: "Support rota".into(),
            head_count: 10,
        },
        Some([2.5, 3.0, 3.0, 3.0, 3.0]),
    );
    change(&db, "Office move", &boss);

    Team { db, ana, ben, cy }
}

fn summary(t: &Team) -> Dashboard {
    dashboard::summary(&t.db, date(TODAY)).unwrap()
}

#[test]
fn meetings_overdue_and_this_week_count_a_scheduled_meeting_as_scheduled() {
    let t = team();
    let d = summary(&t);
    assert_eq!(d.people, 4, "Ana, Ben, Cy and Dee; not Boss, not Zed");
    assert_eq!(d.week_end, date("2026-11-29"));

    let overdue: Vec<(&str, CadenceStatus, i64)> = d
        .meetings_overdue
        .first
        .iter()
        .map(|m| (m.name.as_str(), m.status, m.overdue_days))
        .collect();
    assert_eq!(overdue, [("Ana", CadenceStatus::Overdue, 25)]);
    assert_eq!(d.meetings_overdue.first[0].person_id, t.ana);
    assert_eq!(d.meetings_overdue.total, 1);

    let week: Vec<(&str, CadenceStatus, NaiveDate)> = d
        .meetings_this_week
        .first
        .iter()
        .map(|m| (m.name.as_str(), m.status, m.on))
        .collect();
    assert_eq!(
        week,
        [
            ("Ben", CadenceStatus::Scheduled, date("2026-11-26")),
            ("Cy", CadenceStatus::Due, date("2026-11-29")),
        ]
    );
    assert_eq!(d.meetings_this_week.first[0].person_id, t.ben);
    assert_eq!(d.meetings_this_week.first[1].person_id, t.cy);
    assert_eq!(d.meetings_this_week.total, 2);

    // Once Ben's Thursday has passed without the meeting being recorded, it is missed.
    let later = dashboard::summary(&t.db, date("2026-11-30")).unwrap();
    let late: Vec<(&str, CadenceStatus, i64)> = later
        .meetings_overdue
        .first
        .iter()
        .map(|m| (m.name.as_str(), m.status, m.overdue_days))
        .collect();
    assert_eq!(
        late,
        [
            ("Ana", CadenceStatus::Overdue, 32),
            ("Ben", CadenceStatus::Missed, 4),
            ("Cy", CadenceStatus::Overdue, 1),
        ]
    );

    // A meeting set for before the cadence's due date is missed once its day passes
    // unrecorded, not left as due until that date: Cy, due Sunday, set for Tuesday.
    meetings::schedule(&t.db, &t.cy, date("2026-11-24")).unwrap();
    let d = dashboard::summary(&t.db, date("2026-11-26")).unwrap();
    let cy = d
        .meetings_overdue
        .first
        .iter()
        .find(|m| m.person_id == t.cy);
    assert_eq!(
        cy.map(|m| (m.status, m.on, m.overdue_days)),
        Some((CadenceStatus::Missed, date("2026-11-24"), 2))
    );
    assert!(!d
        .meetings_this_week
        .first
        .iter()
        .any(|m| m.person_id == t.cy));
    // Ana's and Cy's; Ben's Thursday is today.
    let meeting_findings = d
        .plans
        .findings
        .iter()
        .find(|f| f.code == FindingCode::MeetingOverdue);
    assert_eq!(meeting_findings.map(|f| f.count), Some(2));
}

#[test]
fn plan_health_counts_goals_activities_and_checks_across_the_team() {
    let d = summary(&team());
    let p = &d.plans;
    assert_eq!((p.with_plan, p.without_plan, p.clean), (2, 2, 1));
    assert_eq!(
        (p.open_goals, p.open_activities, p.overdue_activities),
        (2, 4, 1)
    );
    let count = |code| p.findings.iter().find(|f| f.code == code).unwrap().count;
    assert_eq!(count(FindingCode::MissingPhase), 1);
    assert_eq!(count(FindingCode::OverdueActivity), 1);
    assert_eq!(count(FindingCode::MeetingOverdue), 1);
    assert_eq!(count(FindingCode::ManagerOnlyResources), 0);
    assert_eq!(p.findings.len(), FindingCode::ALL.len());
    let attention: Vec<(&str, usize, usize)> = p
        .attention
        .first
        .iter()
        .map(|a| (a.name.as_str(), a.overdue_activities, a.plan_warnings))
        .collect();
    assert_eq!(attention, [("Ana", 1, 1)]);
}

#[test]
fn rating_trends_follow_each_persons_latest_current_level_rating() {
    let d = summary(&team());
    let names: Vec<&str> = d.ratings.iter().map(|r| r.competency.as_str()).collect();
    assert_eq!(names, ["Communication", "Teamwork"], "library order");

    let comm = &d.ratings[0];
    // Ana's latest 4 and Ben's 3; Zed is out of scope and Ben's next-level 5 not counted.
    assert_eq!((comm.people, comm.average), (2, 3.5));
    assert_eq!((comm.better, comm.worse, comm.same), (1, 0, 0));
    let months: Vec<(NaiveDate, f64, usize)> = comm
        .months
        .iter()
        .map(|m| (m.month, m.average, m.ratings))
        .collect();
    assert_eq!(
        months,
        [(date("2026-06-01"), 2.0, 1), (date("2026-11-01"), 3.5, 2)]
    );

    let team = &d.ratings[1];
    assert_eq!((team.people, team.average), (2, 3.0));
    assert_eq!((team.better, team.worse, team.same), (0, 1, 0));
    // Ana's rating of June 2025 is older than the twelve months shown.
    let months: Vec<NaiveDate> = team.months.iter().map(|m| m.month).collect();
    assert_eq!(months, [date("2026-09-01"), date("2026-11-01")]);
}

#[test]
fn readiness_counts_every_verdict_and_who_needs_an_assessment() {
    let d = summary(&team());
    let counts: Vec<(Verdict, usize)> = d
        .readiness
        .verdicts
        .iter()
        .map(|v| (v.verdict, v.count))
        .collect();
    assert_eq!(
        counts,
        [
            (Verdict::ReadyNow, 0),
            (Verdict::Ready1To2Years, 1),
            (Verdict::Ready3PlusYears, 1),
            (Verdict::NotAssessed, 2),
        ]
    );
    assert_eq!((d.readiness.never_assessed, d.readiness.stale), (2, 1));
}

#[test]
fn active_changes_show_their_barrier_distribution_and_drafts_do_not() {
    let d = summary(&team());
    let names: Vec<&str> = d.changes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["On-call redesign"],
        "the draft Office move is not active"
    );
    let c = &d.changes[0];
    assert_eq!((c.stakeholders, c.not_assessed), (4, 1));
    let stuck = |b: Option<Element>| {
        let row = c.distribution.iter().find(|d| d.barrier == b).unwrap();
        (row.stakeholders, row.people)
    };
    assert_eq!(stuck(Some(Element::Awareness)), (1, 10));
    assert_eq!(stuck(Some(Element::Desire)), (1, 1));
    assert_eq!(stuck(None), (1, 1));
    assert_eq!(stuck(Some(Element::Knowledge)), (0, 0));
    assert_eq!(c.distribution.len(), 6);
    // The average: A (4 + 5 + 2.5) / 3 = 3.8, D (2 + 4.5 + 3) / 3 = 3.2, K (2 + 4 + 3) / 3
    // = 3.0: Knowledge is the change's barrier.
    assert_eq!(c.barrier, Some(Element::Knowledge));
}

#[test]
fn each_list_names_the_most_pressing_few_and_counts_everyone() {
    let today = date(TODAY);
    let db = Db::open_in_memory().unwrap();
    ladder::generate::generate(&db, 300, 7, today).unwrap();
    profile::clear_me(&db).unwrap();
    let d = dashboard::summary(&db, today).unwrap();
    let rows = ladder::overview::team(&db, today).unwrap().rows;
    assert_eq!(d.people, rows.len());

    // Overdue (or missed) meetings: every one counted, the most overdue named.
    let mut overdue: Vec<i64> = rows
        .iter()
        .filter(|r| r.meeting.is_overdue())
        .map(|r| r.meeting.overdue_days)
        .collect();
    overdue.sort_by(|a, b| b.cmp(a));
    assert_eq!(d.meetings_overdue.total, overdue.len());
    let named: Vec<i64> = d
        .meetings_overdue
        .first
        .iter()
        .map(|m| m.overdue_days)
        .collect();
    assert_eq!(named, overdue[..overdue.len().min(SHORTLIST)]);

    // Plans needing attention: the most overdue activities and warnings first.
    let mut attention: Vec<usize> = rows
        .iter()
        .map(|r| r.overdue_activities + r.plan_warnings)
        .filter(|&n| n > 0)
        .collect();
    attention.sort_by(|a, b| b.cmp(a));
    assert!(
        attention.len() > SHORTLIST,
        "more to name than a shortlist holds"
    );
    assert_eq!(d.plans.attention.total, attention.len());
    let named: Vec<usize> = d
        .plans
        .attention
        .first
        .iter()
        .map(|a| a.overdue_activities + a.plan_warnings)
        .collect();
    assert_eq!(named, attention[..SHORTLIST]);

    // Meetings this week, soonest first.
    let week = rows
        .iter()
        .filter(|r| !r.meeting.is_overdue())
        .map(|r| r.meeting.next_scheduled.unwrap_or(r.meeting.due_on))
        .filter(|on| (today..=d.week_end).contains(on))
        .count();
    assert_eq!(d.meetings_this_week.total, week);
    assert_eq!(d.meetings_this_week.first.len(), week.min(SHORTLIST));
    assert!(d
        .meetings_this_week
        .first
        .windows(2)
        .all(|w| w[0].on <= w[1].on));
}

#[test]
fn an_associate_sees_only_their_own_figures() {
    let t = team();
    profile::set_me(&t.db, &t.ben, Role::Associate).unwrap();
    let d = summary(&t);
    assert_eq!(d.people, 1);
    assert_eq!(d.meetings_overdue.total, 0);
    assert_eq!(d.meetings_this_week.total, 1);
    assert_eq!((d.plans.with_plan, d.plans.clean), (1, 1));
    assert_eq!(d.ratings.len(), 1);
    assert_eq!(d.ratings[0].average, 3.0);
}

#[test]
fn an_empty_database_has_an_empty_dashboard() {
    let db = Db::open_in_memory().unwrap();
    let d = dashboard::summary(&db, date(TODAY)).unwrap();
    assert_eq!(d.people, 0);
    assert!(d.meetings_overdue.first.is_empty() && d.meetings_this_week.first.is_empty());
    assert_eq!(
        (d.meetings_overdue.total, d.meetings_this_week.total),
        (0, 0)
    );
    assert!(d.ratings.is_empty() && d.changes.is_empty());
    assert_eq!(d.plans.clean, 0);
}

#[test]
fn ladder_dashboard_prints_the_demo_teams_figures() {
    let db = TempDb::new();
    db.ok(&["demo"]);
    let d = db.json(&["dashboard"]);
    let names = |key: &str| -> Vec<String> {
        d[key]["first"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("meetings_overdue"), ["Tom Okafor", "Luis Ortega"]);
    assert_eq!(
        names("meetings_this_week"),
        ["Aisha Bello", "Priya Raman", "Hannah Weber"]
    );
    assert_eq!(d["meetings_this_week"]["first"][1]["status"], "scheduled");
    assert_eq!(d["meetings_this_week"]["total"], 3);
    assert_eq!(d["people"], 7);
    assert_eq!(d["changes"][0]["name"], "On-call redesign");

    let text = db.ok(&["dashboard"]);
    assert!(text.contains("Meetings overdue (2)"), "{text}");
    assert!(text.contains("Tom Okafor   OVERDUE 17d"), "{text}");
    assert!(
        text.contains("Priya Raman   scheduled 2026-11-26"),
        "{text}"
    );
    assert!(text.contains("On-call redesign (in_progress"), "{text}");
    assert!(
        text.contains("stuck at: awareness 1, desire 1, knowledge 1"),
        "{text}"
    );
}
