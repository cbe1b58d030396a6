//! Personal data and the audit trail as a user meets them: the history of each record,
//! everything about one person exported, and one person erased everywhere, down to the
//! bytes of the database file and its write-ahead log.

mod common;

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use common::{integrity, people_in, refused, TempDb};
use serde_json::Value;

/// A unique string no test data contains by chance.
const CANARY: &str = "Qz7canary";

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The history of a record as JSON entries.
fn history(db: &TempDb, record: &str) -> Vec<Value> {
    db.json(&["history", record])["entries"]
        .as_array()
        .unwrap()
        .clone()
}

/// `(action, field, old, new)` of each entry.
fn changes(entries: &[Value]) -> Vec<(String, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    entries
        .iter()
        .map(|e| (s(&e["action"]), s(&e["field"]), s(&e["old"]), s(&e["new"])))
        .collect()
}

#[test]
fn every_change_to_plans_ratings_verdicts_and_scores_is_in_the_history() {
    let db = TempDb::new();
    db.ok(&["person", "add", "Robin Boss"]);
    db.ok(&["person", "add", "Alex Kim", "--manager", "Robin Boss"]);
    let goal = id(&db.json(&[
        "goal",
        "add",
        "Alex",
        "--competency",
        "communication",
        "--outcome",
        "Present clearly",
    ]));
    // Before anyone says who uses this copy, the actor is unknown.
    let first = history(&db, &goal);
    assert_eq!(first[0]["actor"], "unknown user");
    assert!(first[0]["at"].as_str().unwrap().ends_with('Z'));
    db.ok(&["whoami", "set", "Robin Boss", "--role", "manager"]);
    db.ok(&[
        "goal",
        "edit",
        &goal,
        "--outcome",
        "Present clearly at the huddle",
        "--status",
        "done",
    ]);
    let entries = history(&db, &goal[goal.len() - 8..]);
    assert_eq!(
        changes(&entries)[1..],
        [
            (
                "changed".into(),
                "outcome".into(),
                "Present clearly".into(),
                "Present clearly at the huddle".into()
            ),
            (
                "changed".into(),
                "status".into(),
                "open".into(),
                "done".into()
            ),
        ]
    );
    assert!(entries[1..].iter().all(|e| e["actor"] == "Robin Boss"));

    let activity = id(&db.json(&[
        "activity",
        "add",
        &goal,
        "--phase",
        "learn",
        "--description",
        "Read the book",
        "--resource",
        "Talk Like TED",
        "--resource-kind",
        "material",
        "--due",
        "2026-12-01",
    ]));
    db.ok(&["activity", "edit", &activity, "--due", "2026-12-15"]);
    db.ok(&["activity", "done", &activity, "--on", "2026-11-20"]);
    // A refused edit writes nothing, to the record or to its history.
    refused(
        &db,
        &["activity", "edit", &activity, "--due", "2026-13-01"],
        "target_date",
        "is not a date",
    );
    db.ok(&["activity", "delete", &activity, "--yes"]);
    let entries = history(&db, &activity);
    assert_eq!(
        changes(&entries),
        [
            (
                "added".into(),
                "".into(),
                "".into(),
                "learn activity: Read the book".into()
            ),
            (
                "changed".into(),
                "target_date".into(),
                "2026-12-01".into(),
                "2026-12-15".into()
            ),
            (
                "changed".into(),
                "completed_on".into(),
                "".into(),
                "2026-11-20".into()
            ),
            (
                "deleted".into(),
                "".into(),
                "learn activity: Read the book".into(),
                "".into()
            ),
        ],
        "a deleted activity keeps its history"
    );

    let rating = id(&db.json(&[
        "rate",
        "Alex",
        "communication",
        "3",
        "--on",
        "2026-11-01",
        "--evidence",
        "Clear demo",
    ]));
    let entries = history(&db, &rating);
    assert_eq!(entries[0]["record_kind"], "rating");
    assert_eq!(
        entries[0]["new"],
        "Communication at the current level: 3/5 by manager on 2026-11-01"
    );

    let assessment = id(&db.json(&["readiness", "open", "Alex", "--target", "Senior Engineer"]));
    db.ok(&[
        "readiness",
        "verdict",
        &assessment,
        "ready_1_2_years",
        "--rationale",
        "Strong results; next level not yet seen",
    ]);
    let fields: Vec<String> = history(&db, &assessment)
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["verdict", "rationale", "decided_on"]);

    db.ok(&[
        "change",
        "add",
        "Office move",
        "--owner",
        "Robin",
        "--impact",
        "low",
        "--effect",
        "neutral",
        "--training",
        "no",
        "--comms",
        "no",
        "--org-changes",
        "no",
        "--awareness",
        "low",
    ]);
    db.ok(&["change", "stakeholder", "add", "Office move", "Alex Kim"]);
    let score = db.json(&[
        "change",
        "score",
        "Office move",
        "Alex",
        "4",
        "3",
        "2",
        "2",
        "1",
    ]);
    let entries = history(&db, &id(&score));
    assert_eq!(entries[0]["record_kind"], "change_assessment");
    assert!(
        entries[0]["new"]
            .as_str()
            .unwrap()
            .contains("A 4 D 3 K 2 A 2 R 1"),
        "{}",
        entries[0]["new"]
    );

    // Everything about Alex, in the order it was written.
    let all = db.json(&["history", "--person", "Alex"]);
    let kinds: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record_kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.starts_with(&["goal", "goal", "goal", "activity"]),
        "{kinds:?}"
    );
    assert!(
        kinds.ends_with(&[
            "rating",
            "readiness_assessment",
            "readiness_assessment",
            "readiness_assessment",
            "change_assessment"
        ]),
        "{kinds:?}"
    );
    let human = db.ok(&["history", &activity]);
    assert!(
        human.contains("target_date: 2026-12-01 → 2026-12-15"),
        "{human}"
    );
    refused(
        &db,
        &["history", "abcdef123456"],
        "record",
        "record 'abcdef123456' was not found",
    );
}

/// A team where the canary person has records of every kind and appears in other
/// people's records in every way Ladder knows.
fn canary_team() -> TempDb {
    let db = TempDb::new();
    let canary_name = format!("Dana {CANARY}");
    let ok = |args: &[&str]| db.ok(args);
    ok(&["person", "add", "Robin Boss"]);
    ok(&[
        "person",
        "add",
        &canary_name,
        "--manager",
        "Robin Boss",
        "--email",
        &format!("dana.{CANARY}@example.org"),
        "--team",
        &format!("Team {CANARY}"),
    ]);
    ok(&["person", "add", "Alex Kim", "--manager", "Robin Boss"]);
    let note = format!("private note {CANARY}");
    let mut others_goal = String::new();
    for who in [canary_name.as_str(), "Alex Kim"] {
        // Their own notes carry the canary; other people's name them only by name.
        let note = if who == canary_name {
            note.clone()
        } else {
            "private note".into()
        };
        let goal = id(&db.json(&[
            "goal",
            "add",
            who,
            "--competency",
            "teamwork",
            "--outcome",
            &format!("Work across teams ({who})"),
        ]));
        ok(&[
            "activity",
            "add",
            &goal,
            "--phase",
            "feedback",
            "--description",
            &format!("Debrief with {canary_name} after the review"),
            "--resource-person",
            &canary_name,
            "--due",
            "2026-12-01",
            "--notes",
            &note,
        ]);
        if who != canary_name {
            others_goal = goal.clone();
        }
        ok(&[
            "rate",
            who,
            "teamwork",
            "3",
            "--by",
            "other",
            "--rater-name",
            &canary_name,
            "--evidence",
            &note,
        ]);
        ok(&["meeting", "schedule", who, "2026-12-03"]);
        ok(&[
            "meeting",
            "note",
            who,
            "career_goals",
            &format!("{note} about {canary_name}"),
        ]);
        ok(&[
            "action",
            "add",
            who,
            &format!("Ask {canary_name} for a review"),
        ]);
    }
    // Named as text, not linked: typed while they were archived (a name of someone active
    // is taken as them), so only their name finds the activity and an erasure scrubs it.
    ok(&["person", "archive", &canary_name]);
    ok(&[
        "activity",
        "add",
        &others_goal,
        "--phase",
        "learn",
        "--description",
        "Read the team handbook",
        "--resource",
        &canary_name,
        "--resource-kind",
        "person",
        "--due",
        "2026-12-02",
    ]);
    ok(&["person", "restore", &canary_name]);
    // Edits leave old values in free space inside pages unless the file is rebuilt.
    ok(&[
        "person",
        "edit",
        &canary_name,
        "--level",
        &format!("L{CANARY}"),
    ]);
    ok(&["person", "edit", &canary_name, "--level", "L4"]);
    let mine = id(&db.json(&[
        "readiness",
        "open",
        &canary_name,
        "--target",
        "Senior Engineer",
    ]));
    ok(&[
        "readiness",
        "requirement",
        &mine,
        "results",
        "--status",
        "met",
        "--evidence",
        &note,
    ]);
    ok(&[
        "readiness",
        "verdict",
        &mine,
        "ready_now",
        "--rationale",
        &note,
    ]);
    let theirs = id(&db.json(&[
        "readiness",
        "open",
        "Alex Kim",
        "--target",
        "Senior Engineer",
    ]));
    ok(&[
        "readiness",
        "advocate",
        "add",
        &theirs,
        "--person",
        &canary_name,
        "--relation",
        "mentor",
        "--influence",
        "high",
    ]);
    let robins = id(&db.json(&["readiness", "open", "Robin Boss", "--target", "Director"]));
    ok(&[
        "readiness",
        "advocate",
        "add",
        &robins,
        "--name",
        &canary_name,
        "--relation",
        "peer_leader",
        "--influence",
        "low",
    ]);
    ok(&[
        "change",
        "add",
        "Office move",
        "--owner",
        "Robin",
        "--impact",
        "low",
        "--effect",
        "neutral",
        "--training",
        "no",
        "--comms",
        "no",
        "--org-changes",
        "no",
        "--awareness",
        "low",
        "--description",
        &format!("Move desks; {canary_name} leads the survey"),
    ]);
    ok(&["change", "stakeholder", "add", "Office move", &canary_name]);
    ok(&["change", "stakeholder", "add", "Office move", "Alex Kim"]);
    ok(&[
        "change",
        "score",
        "Office move",
        &canary_name,
        "4",
        "3",
        "2",
        "2",
        "1",
        "--note",
        &format!("desire={note}"),
    ]);
    ok(&[
        "change",
        "score",
        "Office move",
        "Alex Kim",
        "4",
        "4",
        "4",
        "4",
        "4",
        "--note",
        &format!("knowledge=Learns from {canary_name}"),
    ]);
    ok(&[
        "change",
        "influencer",
        "add",
        "Office move",
        &canary_name,
        "--concerns",
        "Parking",
    ]);
    ok(&[
        "change",
        "action",
        "add",
        "Office move",
        "--element",
        "awareness",
        "--description",
        "Announce the move",
        "--owner",
        &canary_name,
    ]);
    ok(&[
        "change",
        "raci",
        "activity",
        "Office move",
        "Choose the floor",
    ]);
    ok(&[
        "change",
        "raci",
        "assign",
        "Office move",
        "floor",
        &canary_name,
        "r",
    ]);
    ok(&[
        "change",
        "raci",
        "assign",
        "Office move",
        "floor",
        "Robin Boss",
        "a",
    ]);
    db
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[test]
fn a_person_export_holds_everything_about_them_readable_by_the_owner_only() {
    let db = canary_team();
    let out = db.path.parent().unwrap().join("access request");
    let saved = db.json(&[
        "person",
        "export",
        CANARY,
        "--output",
        out.to_str().unwrap(),
    ]);
    let json_path = saved["json"].as_str().unwrap();
    let workbook_path = saved["workbook"].as_str().unwrap();
    assert!(json_path.ends_with(".json") && json_path.contains(&CANARY.to_lowercase()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for p in [json_path, workbook_path] {
            let mode = std::fs::metadata(p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{p}");
        }
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let doc: Value = serde_json::from_slice(&std::fs::read(json_path).unwrap()).unwrap();
    assert_eq!(doc["format"], "ladder.person_export.v1");
    assert_eq!(doc["person"]["name"], format!("Dana {CANARY}"));
    assert_eq!(doc["reporting_line"]["managers"][0]["name"], "Robin Boss");
    let len = |k: &str| doc[k].as_array().unwrap().len();
    assert_eq!(len("ratings"), 1);
    assert_eq!(doc["plan"][0]["activities"].as_array().unwrap().len(), 1);
    assert_eq!(len("meetings"), 1);
    assert_eq!(
        doc["meetings"][0]["action_items"].as_array().unwrap().len(),
        1
    );
    assert_eq!(len("readiness"), 1);
    assert_eq!(doc["readiness"][0]["decision"]["verdict"], "ready_now");
    assert_eq!(
        doc["change_scores"][0]["assessments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(doc["raci_roles"][0]["role"], "r");
    let mut roles: Vec<&str> = doc["appears_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["role"].as_str().unwrap())
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            "action_owner",
            "advocate",
            "advocate",
            "influencer",
            "rater",
            "resource",
            "resource"
        ]
    );
    let audit_kinds: Vec<&str> = doc["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record_kind"].as_str().unwrap())
        .collect();
    for kind in [
        "goal",
        "activity",
        "rating",
        "readiness_assessment",
        "change_assessment",
    ] {
        assert!(
            audit_kinds.contains(&kind),
            "{kind} missing from {audit_kinds:?}"
        );
    }

    let bytes = std::fs::read(workbook_path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Instructions",
            "Profile",
            "Ratings",
            "Plan",
            "Meetings",
            "Action items",
            "Readiness",
            "Change scores",
            "Roles elsewhere",
            "History"
        ]
    );
    let plan = book.worksheet_range("Plan").unwrap();
    assert_eq!(plan.height(), 2, "a header and their activity");
    let history = book.worksheet_range("History").unwrap();
    assert_eq!(history.height(), doc["audit"].as_array().unwrap().len() + 1);
    assert!(doc["audit_by_them"].as_array().unwrap().is_empty());
}

#[test]
fn erasing_needs_a_confirmation_and_a_new_manager_or_owner_first() {
    let db = canary_team();
    refused(
        &db,
        &["person", "erase", CANARY],
        "yes",
        "add --yes to confirm",
    );
    refused(
        &db,
        &["person", "erase", "Robin Boss", "--yes"],
        "person",
        "Robin Boss still manages Alex Kim, Dana Qz7canary; give them another manager first",
    );
    db.ok(&["change", "edit", "Office move", "--owner", CANARY]);
    db.ok(&["person", "edit", "Alex Kim", "--manager", CANARY]);
    refused(
        &db,
        &["person", "erase", CANARY, "--yes"],
        "person",
        "still manages Alex Kim",
    );
    db.ok(&["person", "edit", "Alex Kim", "--manager", "Robin Boss"]);
    refused(
        &db,
        &["person", "erase", CANARY, "--yes"],
        "person",
        "owns the change Office move; a change has exactly one owner, so give it another owner first",
    );
}

#[test]
fn an_erased_person_leaves_no_trace_in_the_database_file_or_its_log() {
    let db = canary_team();
    let (file, _) = db.snapshot();
    assert!(
        contains(&file, CANARY) || {
            let mut wal = db.path.as_os_str().to_owned();
            wal.push("-wal");
            contains(&std::fs::read(wal).unwrap(), CANARY)
        }
    );
    db.ok(&["whoami", "set", CANARY, "--role", "associate"]);
    let erased = db.json(&["person", "erase", CANARY, "--yes"]);
    let e = &erased["erased"];
    assert_eq!(e["traces_cleared"], true);
    let removed = &e["removed"];
    for (what, n) in [
        ("person", 1),
        ("goals", 1),
        ("activities", 1),
        ("ratings", 1),
        ("meetings", 1),
        ("meeting_notes", 1),
        ("action_items", 1),
        ("readiness_assessments", 1),
        ("change_stakeholders", 1),
        ("change_assessments", 1),
        ("raci_roles", 1),
    ] {
        assert_eq!(removed[what], n, "{what}: {removed}");
    }
    assert!(e["replaced"].as_u64().unwrap() >= 8, "{e}");

    // Not a byte of it in the file, and the log is empty.
    let (file, wal) = db.snapshot();
    assert!(
        !contains(&file, CANARY),
        "the canary is still in the database file"
    );
    assert!(
        !contains(&file, "Dana"),
        "part of the name is still in the file"
    );
    assert!(
        wal.is_none_or(|w| w.is_empty()),
        "the log was not truncated"
    );

    // Other people's records are whole, naming a former associate.
    let plan = db.json(&["plan", "show", "Alex Kim"]);
    let activities = plan["goals"][0]["activities"].as_array().unwrap();
    for a in activities {
        assert_eq!(a["resource"]["name"], "former associate", "{a}");
        assert_eq!(a["resource"]["person_id"], Value::Null);
    }
    let feedback = activities
        .iter()
        .find(|a| a["phase"] == "feedback")
        .unwrap();
    assert_eq!(
        feedback["description"],
        "Debrief with former associate after the review"
    );
    let ratings = db.json(&["ratings", "Alex Kim"]);
    assert_eq!(ratings[0]["rater_name"], "former associate");
    let meeting = db.json(&["meeting", "show", "Alex Kim"]);
    assert_eq!(
        meeting["action_items"][0]["description"],
        "Ask former associate for a review"
    );
    for who in ["Alex Kim", "Robin Boss"] {
        let readiness = db.json(&["readiness", "show", who]);
        let advocate = &readiness["advocates"]["advocates"][0];
        assert_eq!(advocate["name"], "former associate", "{who}");
        assert_eq!(advocate["person_id"], Value::Null);
    }
    let plan = db.json(&["change", "plan", "Office move"]);
    assert_eq!(plan["actions"][0]["owner"], "former associate");
    assert_eq!(plan["influencers"][0]["person"], "former associate");
    assert_eq!(plan["influencers"][0]["concerns"], "Parking");
    let change = db.json(&["change", "show", "Office move"]);
    assert_eq!(
        change["change"]["description"],
        "Move desks; former associate leads the survey"
    );
    assert_eq!(
        change["change"]["stakeholders"].as_array().unwrap().len(),
        1
    );
    // The stand-in is archived: never offered for new parts.
    let err = db.run(&[
        "change",
        "raci",
        "assign",
        "Office move",
        "floor",
        "former associate",
        "c",
    ]);
    assert_eq!(err.status.code(), Some(2));
    // The erase is in the trail, without their name; who uses this copy is forgotten.
    assert_eq!(db.json(&["whoami"]), Value::Null);
    let erased_entry = db.json(&["history", erased["erased"]["person_id"].as_str().unwrap()]);
    assert_eq!(erased_entry["entries"][0]["action"], "erased");
    assert_eq!(erased_entry["entries"][0]["actor"], "former associate");

    let raw = rusqlite::Connection::open(&db.path).unwrap();
    let integrity: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let broken: i64 = raw
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
}

/// Every file under `dir`, however deep.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn an_erase_deletes_the_backups_that_hold_the_person_and_takes_a_new_one() {
    let db = canary_team();
    let dir = db.path.parent().unwrap().to_path_buf();
    // A backup, and a restore from it: the file it replaced is kept aside, and both hold
    // the person.
    let saved = db.ok(&["backup"]).trim().to_string();
    let restored = db.json(&["restore", &saved, "--yes"]);
    let aside = std::path::PathBuf::from(restored["kept_aside"].as_str().unwrap());
    // A backup-named file of the same moment that cannot be read: Ladder cannot tell
    // what it holds.
    let name = std::path::Path::new(&saved)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let millis = name.find("Z-v").unwrap() - 3;
    let other = if &name[millis..millis + 3] == "999" {
        "998"
    } else {
        "999"
    };
    let unreadable = std::path::Path::new(&saved).with_file_name(format!(
        "{}{other}{}",
        &name[..millis],
        &name[millis + 3..]
    ));
    std::fs::write(&unreadable, b"not a database").unwrap();
    assert!(files_under(&dir)
        .iter()
        .filter(|f| **f != unreadable)
        .any(|f| contains(&std::fs::read(f).unwrap(), CANARY)));

    let erased = db.json(&["person", "erase", CANARY, "--yes"]);
    let copies = &erased["erased"]["copies"];
    let deleted: Vec<&str> = copies["deleted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(deleted.contains(&saved.as_str()), "{copies}");
    assert!(deleted.contains(&aside.to_str().unwrap()), "{copies}");
    assert!(!std::path::Path::new(&saved).exists());
    assert!(!aside.exists());
    let left = copies["left"].as_array().unwrap();
    assert_eq!(left.len(), 1, "{copies}");
    assert_eq!(left[0]["path"], unreadable.to_str().unwrap());
    assert!(
        unreadable.exists(),
        "a file Ladder cannot read is never deleted"
    );

    // Not a byte of the person anywhere beside the database, and a restore point remains.
    for file in files_under(&dir) {
        if file != unreadable {
            assert!(
                !contains(&std::fs::read(&file).unwrap(), CANARY),
                "{} still holds the canary",
                file.display()
            );
        }
    }
    let new_backup = std::path::PathBuf::from(copies["new_backup"].as_str().unwrap());
    assert_eq!(integrity(&new_backup), "ok");
    assert!(people_in(&new_backup).contains(&"Alex Kim".to_string()));
    let listed = db.json(&["backup", "list"]);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["reason"] == "erase"));
}
