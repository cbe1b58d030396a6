//! The `ladder` binary as a user runs it: exit codes, messages, JSON, and that a failed
//! command leaves the database file exactly as it was.

mod common;

use common::{refused, TempDb};

/// A database with two people whose names share a prefix, and one goal.
fn setup() -> (TempDb, String) {
    let db = TempDb::new();
    db.ok(&["person", "add", "Robin Boss", "--title", "Manager"]);
    db.ok(&[
        "person",
        "add",
        "Alex Kim",
        "--manager",
        "Robin Boss",
        "--level",
        "L4",
    ]);
    db.ok(&["person", "add", "Alexandra Lee", "--manager", "Robin Boss"]);
    let goal = db.json(&[
        "goal",
        "add",
        "Alex Kim",
        "--competency",
        "influencing",
        "--outcome",
        "Influence decisions across departments",
    ]);
    (db, goal["id"].as_str().unwrap().to_string())
}

#[test]
fn bad_input_exits_2_names_the_field_and_changes_nothing() {
    let (db, goal) = setup();
    let add = |due: &'static str, phase: &'static str| {
        vec![
            "activity",
            "add",
            goal.as_str(),
            "--phase",
            phase,
            "--description",
            "Read the book",
            "--resource",
            "Influence",
            "--resource-kind",
            "material",
            "--due",
            due,
        ]
    };
    refused(
        &db,
        &add("2026-13-01", "learn"),
        "target_date",
        "target date 2026-13-01 is not a date (YYYY-MM-DD)",
    );
    refused(
        &db,
        &add("2026-12-01", "lern"),
        "phase",
        "phase 'lern' is not one of learn, practice, feedback",
    );
    refused(
        &db,
        &["rate", "Nobody Here", "communication", "3"],
        "person",
        "person 'Nobody Here' was not found",
    );
    refused(
        &db,
        &["rate", "alex", "communication", "3"],
        "person",
        "is ambiguous: it matches Alex Kim",
    );
    refused(
        &db,
        &["rate", "Alex Kim", "communication", "6"],
        "score",
        "score 6 is outside 1–5",
    );
    refused(
        &db,
        &["rate", "Alex Kim", "communication", "three"],
        "score",
        "score three is not a whole number",
    );
    refused(
        &db,
        &[
            "goal",
            "add",
            "Alex Kim",
            "--competency",
            "teamwork",
            "--outcome",
            "  ",
        ],
        "outcome",
        "outcome must not be empty",
    );
    refused(
        &db,
        &["person", "edit", "Robin Boss", "--manager", "Alex Kim"],
        "manager",
        "would make a cycle",
    );
    refused(
        &db,
        &["person", "add", "Sam", "--email", "not-an-address"],
        "email",
        "email not-an-address is not an e-mail address",
    );
    refused(
        &db,
        &["meeting", "cadence", "Alex Kim", "--days", "3"],
        "cadence_days",
        "cadence days 3 is outside 7–365",
    );
}

#[test]
fn an_option_given_is_never_dropped_without_a_word() {
    let (db, goal) = setup();
    let activity = db.json(&[
        "activity",
        "add",
        &goal,
        "--phase",
        "learn",
        "--description",
        "Read the book",
        "--resource",
        "Influence",
        "--resource-kind",
        "material",
        "--due",
        "2026-12-01",
    ]);
    let id = activity["id"].as_str().unwrap();
    // A kind with no resource to be the kind of changed nothing, and said nothing.
    refused(
        &db,
        &["activity", "edit", id, "--resource-kind", "event"],
        "resource_kind",
        "--resource-kind needs --resource NAME",
    );
    // Weeks are checked as weeks: the error names what was typed.
    refused(
        &db,
        &["meeting", "cadence", "Alex Kim", "--weeks", "60"],
        "cadence_weeks",
        "cadence weeks 60 is outside 1–52",
    );
    // Two notes for one element kept only the second.
    db.ok(&[
        "change",
        "add",
        "Rota",
        "--owner",
        "Robin Boss",
        "--impact",
        "high",
        "--effect",
        "neutral",
        "--training",
        "no",
        "--comms",
        "yes",
        "--org-changes",
        "no",
        "--awareness",
        "low",
    ]);
    db.ok(&["change", "stakeholder", "add", "Rota", "Alex Kim"]);
    refused(
        &db,
        &[
            "change",
            "score",
            "Rota",
            "Alex Kim",
            "4",
            "4",
            "4",
            "4",
            "4",
            "--note",
            "desire=first",
            "--note",
            "desire=second",
        ],
        "note",
        "two notes for desire",
    );
}

#[test]
fn other_failures_exit_1_and_usage_errors_exit_2() {
    let db = TempDb::new();
    db.ok(&["info"]);
    // A folder where the database should be is not bad input but a failure to open.
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .env("LADDER_DB", dir.path())
        .arg("overview")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Ladder database"));
    assert_eq!(db.run(&["person", "frobnicate"]).status.code(), Some(2));
    assert_eq!(db.run(&["--help"]).status.code(), Some(0));
}

#[test]
fn the_demo_trips_every_plan_check_code() {
    let db = TempDb::new();
    db.ok(&["demo"]);
    let findings = db.json(&["plan", "check", "--team"]);
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "missing_phase",
        "manager_only_resources",
        "feedback_before_practice",
        "overdue_activity",
        "meeting_overdue",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // A second demo would mix with real data: refused, nothing changed.
    let before = db.snapshot();
    let out = db.run(&["demo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds 8 people"));
    assert!(db.snapshot() == before);
}

#[test]
fn a_plan_from_goal_to_clean_checks_and_a_meeting_to_an_activity() {
    let (db, goal) = setup();
    db.ok(&["whoami", "set", "Robin Boss", "--role", "manager"]);
    let codes = |db: &TempDb| -> Vec<String> {
        db.json(&["plan", "check", "Alex Kim"])
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&db), ["missing_phase"]);
    for (phase, due) in [
        ("learn", "2026-12-01"),
        ("practice", "2026-12-10"),
        ("feedback", "2026-12-20"),
    ] {
        db.ok(&[
            "activity",
            "add",
            &goal,
            "--phase",
            phase,
            "--description",
            &format!("{phase} step"),
            "--resource",
            "Dana (mentor)",
            "--resource-kind",
            "person",
            "--due",
            due,
        ]);
    }
    assert!(codes(&db).is_empty(), "{:?}", codes(&db));

    // Meeting: schedule, prepare, notes, an action item, made into a plan activity.
    db.ok(&["meeting", "schedule", "Alex Kim", "2026-11-23"]);
    let agenda = db.json(&["meeting", "prepare", "Alex Kim"]);
    assert_eq!(agenda["meeting_on"], "2026-11-23");
    assert_eq!(
        agenda["open_goals"][0]["next_activities"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(agenda["sections"].as_array().unwrap().len(), 4);
    db.ok(&[
        "meeting",
        "note",
        "Alex Kim",
        "career_goals",
        "Wants to lead the platform team",
    ]);
    let item = db.json(&[
        "action",
        "add",
        "Alex Kim",
        "Present at the architecture review",
        "--due",
        "2026-12-15",
    ]);
    db.ok(&[
        "meeting",
        "hold",
        "Alex Kim",
        "--on",
        "2026-11-23",
        "--next",
        "2026-12-28",
    ]);
    let converted = db.json(&[
        "action",
        "to-activity",
        item["id"].as_str().unwrap(),
        "--goal",
        &goal,
        "--phase",
        "practice",
        "--resource",
        "Architecture review",
        "--resource-kind",
        "event",
    ]);
    assert_eq!(converted["action_item"]["status"], "converted");
    assert_eq!(converted["activity"]["target_date"], "2026-12-15");
    let plan = db.json(&["plan", "show", "Alex Kim"]);
    let practice: Vec<&str> = plan["goals"][0]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["phase"] == "practice")
        .map(|a| a["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        practice,
        ["practice step", "Present at the architecture review"]
    );
    let meetings = db.json(&["meeting", "list", "Alex Kim"]);
    assert_eq!(meetings[0]["status"], "scheduled");
    assert_eq!(
        meetings[1]["sections"][0]["body"],
        "Wants to lead the platform team"
    );

    // The team overview is the manager's view.
    let overview = db.json(&["overview"]);
    let names: Vec<&str> = overview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alex Kim", "Alexandra Lee"]);
    assert!(db
        .ok(&["overview"])
        .contains("Team of Robin Boss (manager)"));
}

#[test]
fn archived_people_leave_lists_and_come_back() {
    let (db, _) = setup();
    let refused = db.run(&["person", "archive", "Robin Boss"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("still manages"));
    db.ok(&["person", "archive", "Alexandra Lee"]);
    let names = |args: &[&str]| -> Vec<String> {
        db.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&["person", "list", "--all"]),
        ["Alex Kim", "Robin Boss"]
    );
    assert_eq!(
        names(&["person", "list", "--all", "--archived"]),
        ["Alex Kim", "Alexandra Lee", "Robin Boss"]
    );
    db.ok(&["person", "restore", "Alexandra Lee"]);
    assert_eq!(
        names(&["person", "reports", "Robin Boss", "--direct"]),
        ["Alex Kim", "Alexandra Lee"]
    );
}

#[test]
fn a_rehire_is_named_by_name_and_erasure_never_guesses_between_namesakes() {
    let (db, _) = setup();
    db.ok(&["person", "archive", "Alex Kim"]);
    db.ok(&["person", "add", "Alex Kim", "--manager", "Robin Boss"]);
    // Everyday commands mean the active Alex Kim.
    let rated = db.json(&["rate", "Alex Kim", "teamwork", "3"]);
    let active = db.json(&["person", "show", "Alex Kim"]);
    assert_eq!(rated["person_id"], active["person"]["id"]);
    // Erasing, restoring or exporting someone's data by that name is refused: it could be
    // either of them.
    refused(
        &db,
        &["person", "erase", "Alex Kim", "--yes"],
        "person",
        "archived)",
    );
    refused(
        &db,
        &["person", "restore", "Alex Kim"],
        "person",
        "archived)",
    );
}

#[test]
fn errors_say_what_was_wrong_in_the_users_words() {
    let (db, _) = setup();
    // A command line the parser refuses, with --json: a JSON error too.
    let before = db.snapshot();
    let out = db.run(&["--json", "rate", "Alex Kim", "teamwork"]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON on stderr");
    assert_eq!(err["error"]["code"], "invalid_input", "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("<SCORE>"),
        "{err}"
    );
    assert!(db.snapshot() == before);
    // Records are named as people say them, not as tables are.
    refused(
        &db,
        &["action", "done", "b4060b098"],
        "action_item",
        "action item 'b4060b098' was not found",
    );
    // An id too short to match anything is said to be too short.
    refused(
        &db,
        &["activity", "done", "8d4e"],
        "activity",
        "activity '8d4e' is too short to name one: give the last 6 characters of its id or more",
    );
    // A person left empty in another record's field is refused under that field.
    refused(
        &db,
        &["person", "add", "Sam Lowe", "--manager", " "],
        "manager",
        "manager must not be empty",
    );
    // A name matching several people is asked about under that field too.
    refused(
        &db,
        &["person", "add", "Sam Lowe", "--manager", "Ale"],
        "manager",
        "manager 'Ale' is ambiguous: it matches Alex Kim",
    );
    // A folder that does not exist is named, not a temporary file in it.
    let out = db.run(&[
        "export",
        "plan",
        "--output",
        "/nonexistent/folder/plan.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("the folder /nonexistent/folder does not exist") && !text.contains(".tmp"),
        "{text}"
    );
}

#[test]
fn start_on_an_empty_database_without_a_terminal_points_to_the_demo() {
    let db = TempDb::new();
    let out = db.ok(&["start"]);
    assert!(out.contains("ladder demo"), "{out}");
    db.ok(&["demo"]);
    let out = db.ok(&["start"]);
    assert!(out.contains("Team of Jordan Avery (manager)"), "{out}");
    assert!(out.contains("Plan checks"), "{out}");
}

#[test]
fn export_writes_a_private_workbook_and_import_refuses_what_is_not_one() {
    let db = TempDb::new();
    db.ok(&["demo"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    let path = path.to_str().unwrap();
    let out = db.ok(&["export", "plan", "Marcus", "--output", path]);
    assert!(out.contains("Saved the plan workbook"), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "personal data: owner only");
    }
    let out = db.ok(&["import", path, "--dry-run"]);
    assert!(out.contains("Nothing to import"), "{out}");

    let text = dir.path().join("notes.csv");
    std::fs::write(&text, "Name,Goal\n").unwrap();
    let before = db.snapshot();
    let out = db.run(&["--json", "import", text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "bad_workbook");
    assert!(db.snapshot() == before);
    let out = db.run(&["export", "budget", "--output", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("workbook 'budget' is not one of plan, meeting, ratings, readiness"));

    let out = db.ok(&["export", "readiness", "Tom", "--output", path]);
    assert!(out.contains("Saved the readiness workbook"), "{out}");
    let out = db.ok(&["export", "meeting", "--output", path]);
    let out2 = db.ok(&["import", path]);
    assert!(out.contains("Saved the meeting workbook"), "{out}");
    assert!(
        out2.contains("Nothing to import: every row matches Ladder (17 unchanged)"),
        "{out2}"
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let db = TempDb::new();
    db.ok(&["demo"]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .env("LADDER_DB", &db.path)
        .args(["competency", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head` finishing before ladder writes
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_printed_agenda_names_every_active_change_the_person_is_in() {
    let db = TempDb::new();
    db.ok(&["demo"]);
    db.ok(&[
        "change",
        "stakeholder",
        "add",
        "On-call redesign",
        "Aisha Bello",
    ]);
    let agenda = db.ok(&["meeting", "prepare", "Aisha Bello"]);
    assert!(
        agenda.contains("Other active changes they are part of"),
        "{agenda}"
    );
    assert!(
        agenda.contains("On-call redesign (in_progress): not assessed yet"),
        "{agenda}"
    );
    // A change where they have a barrier is listed once, among the barriers.
    let tom = db.ok(&["meeting", "prepare", "Tom Okafor"]);
    assert!(tom.contains("stuck at Desire"), "{tom}");
    assert!(!tom.contains("Other active changes"), "{tom}");
}

#[test]
fn a_missed_meeting_is_said_and_recorded_on_its_own_day_by_default() {
    let (db, _) = setup();
    // Set for last Friday (today is Monday 23 November) and not recorded.
    db.ok(&["meeting", "schedule", "Alex Kim", "2026-11-20"]);
    let row = db.json(&["overview"])["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Alex Kim")
        .cloned()
        .unwrap();
    assert_eq!(
        (&row["meeting"]["status"], &row["meeting"]["overdue_days"]),
        (
            &serde_json::Value::from("missed"),
            &serde_json::Value::from(3)
        )
    );
    let held = db.json(&["meeting", "hold", "Alex Kim"]);
    assert_eq!(held["held_on"], "2026-11-20");
}
