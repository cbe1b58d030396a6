//! The generated organisation (`ladder demo --people N --seed S`): deterministic, valid
//! by every check the data model promises, and shaped as promised.

mod common;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use common::TempDb;
use ladder::change::assessments;
use ladder::{
    checks, dashboard, generate, meetings, overview, people, plans, promotion, store, Db,
};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn generated(people: i64, seed: u64) -> (tempfile::TempDir, std::path::PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.db");
    let db = Db::open(&path).unwrap();
    generate::generate(&db, people, seed, today()).unwrap();
    (dir, path, db)
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and Rust version.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x100_0000_01b3);
    }
}

/// A hash of every row of every table, tables by name and rows in primary-key order.
/// The competency library is the one exception: opening a database seeds it with fresh
/// UUIDv7 ids and the opening instant (the generator does not write it), so competency
/// ids are replaced by the competency's name and the library's own timestamps are left
/// out. Everything the generator writes is hashed as stored, ids and timestamps included.
fn content_hash(path: &std::path::Path) -> u64 {
    let c = Connection::open(path).unwrap();
    let names: HashMap<String, String> = c
        .prepare("SELECT id, name FROM competencies")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, format!("competency {}", r.get::<_, String>(1)?)))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for table in &tables {
        fnv(&mut hash, table.as_bytes());
        let stmt = c.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
        let mut stmt = c
            .prepare(&format!(
                "SELECT * FROM {table} ORDER BY {}",
                order.join(", ")
            ))
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for (i, column) in columns.iter().enumerate() {
                let library = table.starts_with("competenc");
                if library && (column == "created_at" || column == "updated_at") {
                    continue;
                }
                let text = match row.get_ref(i).unwrap() {
                    ValueRef::Null => "∅".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => {
                        let t = String::from_utf8_lossy(t).into_owned();
                        names.get(&t).cloned().unwrap_or(t)
                    }
                    ValueRef::Blob(b) => format!("{b:?}"),
                };
                fnv(&mut hash, text.as_bytes());
                fnv(&mut hash, &[0]);
            }
        }
    }
    hash
}

#[test]
fn the_same_seed_gives_the_same_database_and_another_seed_another() {
    let (_a, a, _) = generated(120, 7);
    let (_b, b, _) = generated(120, 7);
    let (_c, c, _) = generated(120, 8);
    assert_eq!(content_hash(&a), content_hash(&b));
    assert_ne!(content_hash(&a), content_hash(&c));
}

#[test]
fn the_generated_organisation_passes_every_check_and_has_the_promised_shape() {
    let n = 400;
    let (_dir, path, db) = generated(n, 42);
    let c = Connection::open(&path).unwrap();
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let broken: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "foreign keys");

    // The core reads it all back: the overview and the plan checks of the whole
    // organisation, every person's plan, meetings and readiness, every change's rollup.
    let everyone: Vec<String> = people::list(
        &db,
        people::ListOptions {
            everyone: true,
            include_archived: true,
        },
    )
    .unwrap()
    .into_iter()
    .map(|p| p.id)
    .collect();
    assert_eq!(everyone.len(), n as usize);
    let ov = overview::team(&db, today()).unwrap();
    assert_eq!(
        ov.rows.len(),
        n as usize - 1,
        "the root manager sees everyone else"
    );
    // The people the overview lists are the user's, in the order of every list of people.
    let listed: Vec<String> = people::list(&db, people::ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let shown: Vec<&String> = ov.rows.iter().map(|r| &r.person_id).collect();
    assert_eq!(shown, listed.iter().collect::<Vec<_>>());
    // The overview counts what the plans and the checks say, person by person.
    assert_counts_match_the_plans(&db, &ov, &everyone, today());
    let findings = checks::run(&db, &everyone, today()).unwrap();
    // A few people's checks, read through their own goals rather than in one pass over
    // everyone's, give their findings among everyone's, in the same order.
    let mut compared = 0;
    for few in everyone.chunks(37).step_by(3) {
        let theirs: Vec<&checks::Finding> = findings
            .iter()
            .filter(|f| few.contains(&f.person_id))
            .collect();
        let alone = checks::run(&db, few, today()).unwrap();
        for (a, b) in alone.iter().zip(&theirs) {
            assert_eq!(a, *b);
        }
        assert_eq!(alone.len(), theirs.len());
        compared += alone.len();
    }
    assert!(compared > 100, "findings compared: {compared}");
    assert!(ov
        .rows
        .iter()
        .any(|r| r.plan_warnings > 0 && r.overdue_activities > 0));
    // The Dashboard counts the findings of each kind, and the people with none, as the
    // checks give them for the people it shows.
    let shown: HashSet<&str> = ov.rows.iter().map(|r| r.person_id.as_str()).collect();
    let shown_findings: Vec<&checks::Finding> = findings
        .iter()
        .filter(|f| shown.contains(f.person_id.as_str()))
        .collect();
    let d = dashboard::summary(&db, today()).unwrap();
    assert_eq!(d.plans.findings.len(), checks::FindingCode::ALL.len());
    for counted in &d.plans.findings {
        let given = shown_findings
            .iter()
            .filter(|f| f.code == counted.code)
            .count();
        assert_eq!(counted.count, given, "{:?}", counted.code);
    }
    let kinds: HashSet<checks::FindingCode> = shown_findings.iter().map(|f| f.code).collect();
    assert!(kinds.len() >= 3, "kinds of findings generated: {kinds:?}");
    let with_any: HashSet<&str> = shown_findings
        .iter()
        .map(|f| f.person_id.as_str())
        .collect();
    let clean = ov
        .rows
        .iter()
        .filter(|r| r.open_goals > 0 && !with_any.contains(r.person_id.as_str()))
        .count();
    assert_eq!(d.plans.clean, clean);
    // Its readiness counts are the team readiness view's.
    let team = promotion::team(&db, today()).unwrap();
    let flagged = |f| team.rows.iter().filter(|r| r.flag == Some(f)).count();
    assert_eq!(d.readiness.verdicts, team.counts);
    assert_eq!(
        (d.readiness.never_assessed, d.readiness.stale),
        (
            flagged(promotion::Flag::NeverAssessed),
            flagged(promotion::Flag::OlderThan12Months)
        )
    );
    // Each active change in the Dashboard stands as its rollup says.
    assert!(!d.changes.is_empty());
    for ch in &d.changes {
        let r = assessments::rollup(&db, &ch.change_id).unwrap();
        assert_eq!(
            (
                ch.stakeholders,
                ch.not_assessed,
                &ch.distribution,
                ch.barrier
            ),
            (
                r.stakeholders.len(),
                r.not_assessed,
                &r.distribution,
                r.average_barrier
            ),
            "{}",
            ch.name
        );
    }
    for id in &everyone {
        let goals = plans::plan(&db, id).unwrap();
        assert!((3..=6).contains(&goals.len()), "{} goals", goals.len());
        meetings::list(&db, id).unwrap();
        promotion::list(&db, id).unwrap();
    }
    let changes: Vec<String> = ladder::change::register::list(&db)
        .unwrap()
        .into_iter()
        .map(|ch| ch.id)
        .collect();
    assert!(!changes.is_empty());
    for id in &changes {
        assessments::rollup(&db, id).unwrap();
    }

    let per_person = |sql: &str| -> Vec<i64> {
        c.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let within = |what: &str, values: Vec<i64>, low: i64, high: i64| {
        assert!(!values.is_empty(), "{what}");
        assert!(
            values.iter().all(|v| (low..=high).contains(v)),
            "{what}: {values:?} outside {low}..={high}"
        );
    };
    within(
        "activities per goal",
        per_person("SELECT count(*) FROM activities GROUP BY goal_id"),
        4,
        8,
    );
    within(
        "ratings per person",
        per_person("SELECT count(*) FROM ratings GROUP BY person_id"),
        12,
        24,
    );
    within(
        "meetings per person",
        per_person("SELECT count(*) FROM meetings GROUP BY person_id"),
        4,
        12,
    );
    // Every manager but the last one filled has 5–10 reports: the last takes what is left.
    let mut spans = per_person(
        "SELECT count(*) FROM people WHERE manager_id IS NOT NULL GROUP BY manager_id ORDER BY min(rowid)",
    );
    spans.pop();
    within("span of control", spans, 5, 10);
    within(
        "assessments per stakeholder",
        per_person("SELECT count(*) FROM change_assessments GROUP BY stakeholder_id"),
        2,
        3,
    );
    let widest: i64 = c
        .query_row(
            "SELECT max(k) FROM (SELECT count(*) AS k FROM change_stakeholders GROUP BY change_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(widest, n, "one change reaches everyone");
    let same_name: i64 = c
        .query_row(
            "SELECT count(*) FROM (SELECT name FROM people GROUP BY name HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        same_name, 0,
        "names are unique, so workbooks can name people"
    );
    for table in ["action_items", "readiness_assessments", "meeting_notes"] {
        let k: i64 = c
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(k > 0, "{table} is empty");
    }
}

/// Asserts that every row of an overview on `day` counts what the plans and the checks
/// say of that person on that day.
fn assert_counts_match_the_plans(
    db: &Db,
    ov: &overview::Overview,
    everyone: &[String],
    day: NaiveDate,
) {
    let findings = checks::run(db, everyone, day).unwrap();
    assert!(!findings.is_empty());
    for row in &ov.rows {
        let open: Vec<plans::Goal> = plans::plan(db, &row.person_id)
            .unwrap()
            .into_iter()
            .filter(|g| g.status == plans::GoalStatus::Open)
            .collect();
        let pending = || {
            open.iter()
                .flat_map(|g| &g.activities)
                .filter(|a| a.completed_on.is_none())
        };
        let warnings = findings
            .iter()
            .filter(|f| f.person_id == row.person_id)
            .filter(|f| {
                !matches!(
                    f.code,
                    checks::FindingCode::OverdueActivity | checks::FindingCode::MeetingOverdue
                )
            })
            .count();
        assert_eq!(
            (
                row.open_goals,
                row.open_activities,
                row.overdue_activities,
                row.plan_warnings
            ),
            (
                open.len(),
                pending().count(),
                pending().filter(|a| a.is_overdue(day)).count(),
                warnings
            ),
            "{} on {day}",
            row.name
        );
        // The meeting cadence starts from the last held and the next scheduled meeting.
        let held = meetings::list(db, &row.person_id).unwrap();
        let last_held = held.iter().filter_map(|m| m.held_on).max();
        let next_scheduled = held
            .iter()
            .filter(|m| m.status == meetings::MeetingStatus::Scheduled)
            .map(|m| m.scheduled_on)
            .min();
        assert_eq!(
            (row.meeting.last_held, row.meeting.next_scheduled),
            (last_held, next_scheduled),
            "{}'s meetings",
            row.name
        );
    }
}

#[test]
fn the_overview_counts_stay_right_after_edits_and_as_the_days_pass() {
    let (_dir, path, db) = generated(60, 7);
    let everyone: Vec<String> = people::list(
        &db,
        people::ListOptions {
            everyone: true,
            include_archived: true,
        },
    )
    .unwrap()
    .into_iter()
    .map(|p| p.id)
    .collect();
    let overview_matches = |day: NaiveDate| {
        let ov = overview::team(&db, day).unwrap();
        assert_counts_match_the_plans(&db, &ov, &everyone, day);
        ov
    };
    let ov = overview_matches(today());
    // The figures are kept for the next open, one row per person shown.
    let kept = |sql: &str| -> i64 {
        Connection::open(&path)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        kept("SELECT count(*) FROM plan_tally") as usize,
        ov.rows.len()
    );

    // Each edit a user can make changes what is counted; the next overview says so.
    let someone = &ov.rows[3].person_id;
    let other = &ov.rows[17].person_id;
    let goals = plans::plan(&db, someone).unwrap();
    let activity = &goals[0].activities[0];
    plans::complete_activity(&db, &activity.id, today(), today()).unwrap();
    overview_matches(today());
    plans::reopen_activity(&db, &activity.id).unwrap();
    overview_matches(today());
    plans::edit_activity(
        &db,
        &activity.id,
        plans::ActivityPatch {
            phase: Some(plans::Phase::Feedback),
            target_date: Some(today() - chrono::Duration::days(400)),
            ..Default::default()
        },
    )
    .unwrap();
    overview_matches(today());
    let manager = people::get(&db, someone).unwrap().manager_id.unwrap();
    let added = plans::add_activity(
        &db,
        plans::NewActivity {
            goal_id: goals[1].id.clone(),
            phase: plans::Phase::Practice,
            description: "Run the weekly review".into(),
            resource: plans::Resource {
                kind: plans::ResourceKind::Person,
                person_id: Some(manager),
                name: String::new(),
            },
            target_date: today() + chrono::Duration::days(3),
            notes: String::new(),
        },
    )
    .unwrap();
    overview_matches(today());
    plans::delete_activity(&db, &added.id).unwrap();
    overview_matches(today());
    plans::edit_goal(
        &db,
        &goals[2].id,
        plans::GoalPatch {
            status: Some(plans::GoalStatus::Dropped),
            ..Default::default()
        },
    )
    .unwrap();
    overview_matches(today());
    // A new manager: whether a goal relies on the manager alone changes with it.
    let relied_on = plans::Resource {
        kind: plans::ResourceKind::Person,
        person_id: Some(someone.clone()),
        name: String::new(),
    };
    for a in &plans::plan(&db, other).unwrap()[0].activities {
        let patch = plans::ActivityPatch {
            resource: Some(relied_on.clone()),
            ..Default::default()
        };
        plans::edit_activity(&db, &a.id, patch).unwrap();
    }
    let before = overview_matches(today());
    people::edit(
        &db,
        other,
        people::PersonPatch {
            manager_id: Some(Some(someone.clone())),
            ..Default::default()
        },
    )
    .unwrap();
    let after = overview_matches(today());
    let warnings = |ov: &overview::Overview| {
        ov.rows
            .iter()
            .find(|r| &r.person_id == other)
            .unwrap()
            .plan_warnings
    };
    assert!(warnings(&after) > warnings(&before));

    // Meetings scheduled, held, moved and cancelled.
    // The first day from `days` on with no meeting of theirs on it.
    let free_day = |days: i64| {
        let taken: HashSet<NaiveDate> = meetings::list(&db, other)
            .unwrap()
            .iter()
            .map(|m| m.scheduled_on)
            .collect();
        (days..)
            .map(|d| today() + chrono::Duration::days(d))
            .find(|d| !taken.contains(d))
            .unwrap()
    };
    // One meeting scheduled at a time: theirs is moved and held, the next one cancelled.
    let next = match meetings::next_scheduled(&db, other).unwrap() {
        Some(m) => m,
        None => meetings::schedule(&db, other, free_day(2)).unwrap(),
    };
    meetings::reschedule(&db, &next.id, free_day(9)).unwrap();
    overview_matches(today());
    meetings::hold(&db, &next.id, today(), None, today()).unwrap();
    overview_matches(today());
    let after = meetings::schedule(&db, other, free_day(30)).unwrap();
    overview_matches(today());
    meetings::cancel(&db, &after.id).unwrap();
    overview_matches(today());

    // An archived person leaves the overview and comes back when restored; the list is
    // the user's people in order either way.
    let listed = || -> Vec<String> {
        people::list(&db, people::ListOptions::default())
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    let shown = |ov: &overview::Overview| -> Vec<String> {
        ov.rows.iter().map(|r| r.person_id.clone()).collect()
    };
    let leaver = ov
        .rows
        .iter()
        .rev()
        .find_map(|r| people::archive(&db, &r.person_id).ok())
        .expect("someone who manages nobody");
    let without = overview_matches(today());
    assert_eq!(shown(&without), listed());
    assert!(!shown(&without).contains(&leaver.id));
    people::restore(&db, &leaver.id).unwrap();
    let with = overview_matches(today());
    assert_eq!(shown(&with), listed());
    assert!(shown(&with).contains(&leaver.id));

    // While another Ladder holds the write lock, the overview is still right and keeps
    // nothing, without waiting for the lock (5 s for writes that must land).
    {
        let busy = Connection::open(&path).unwrap();
        busy.execute_batch("BEGIN IMMEDIATE; DELETE FROM plan_tally;")
            .unwrap();
        // Nothing kept is valid then: every figure is counted, and keeping them is refused.
        let day = today() + chrono::Duration::days(3);
        let started = std::time::Instant::now();
        let ov = overview::team(&db, day).unwrap();
        let waited = started.elapsed();
        assert!(
            waited < store::BUSY_TIMEOUT,
            "waited {waited:?} for the lock"
        );
        assert_counts_match_the_plans(&db, &ov, &everyone, day);
        busy.execute_batch("COMMIT").unwrap();
    }

    // Activities fall due as the days pass, and a clock set back counts again too.
    for days in [1, 9, 40, 400] {
        overview_matches(today() + chrono::Duration::days(days));
    }
    overview_matches(today() - chrono::Duration::days(30));
    overview_matches(today());
}

#[test]
fn the_command_line_generates_once_and_refuses_a_second_time() {
    let db = TempDb::new();
    let out = db.json(&["demo", "--people", "60", "--seed", "3"]);
    assert_eq!(out["people"], 60);
    assert!(out["goals"].as_i64().unwrap() >= 180);
    let again = db.run(&["demo", "--people", "60"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds 60 people"));

    let zero = TempDb::new().run(&["demo", "--people", "0"]);
    assert!(!zero.status.success());
    assert!(String::from_utf8_lossy(&zero.stderr).contains("people"));
}
