//! `ladder change` as a user runs it: the register with its single owner, scoring and the
//! barrier, the phase plan, the checks, RACI, the individual view and the agenda tie, bad
//! input refused without touching the file, and the demo's change.

mod common;

use std::collections::BTreeSet;

use common::{refused, TempDb};
use ladder::{store, Db};
use serde_json::Value;

/// A manager, three reports and one registered change with two stakeholders.
fn setup() -> TempDb {
    let db = TempDb::new();
    db.ok(&["person", "add", "Robin Boss"]);
    for name in ["Alex Kim", "Sam Ode", "Kai Lund"] {
        db.ok(&["person", "add", name, "--manager", "Robin Boss"]);
    }
    db.ok(&[
        "change",
        "add",
        "Pricing change",
        "--owner",
        "Robin",
        "--impact",
        "medium",
        "--effect",
        "positive",
        "--training",
        "no",
        "--comms",
        "no",
        "--org-changes",
        "no",
        "--awareness",
        "low",
    ]);
    db.ok(&["change", "stakeholder", "add", "pricing", "Alex Kim"]);
    db.ok(&[
        "change",
        "stakeholder",
        "add",
        "pricing",
        "--group",
        "Sales team",
        "--head-count",
        "9",
    ]);
    db
}

fn codes(db: &TempDb, change: &str) -> Vec<String> {
    strings(&db.json(&["change", "check", change]), "code")
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn bad_scores_and_references_exit_2_name_the_field_and_change_nothing() {
    let db = setup();
    let score = |s: [&'static str; 5]| {
        let mut v = vec!["change", "score", "pricing", "Alex Kim"];
        v.extend(s);
        v
    };
    refused(
        &db,
        &score(["0", "3", "3", "3", "3"]),
        "awareness_score",
        "awareness score 0 is outside 1–5",
    );
    refused(
        &db,
        &score(["4", "5.5", "3", "3", "3"]),
        "desire_score",
        "desire score 5.5 is outside 1–5",
    );
    refused(
        &db,
        &score(["4", "4", "NaN", "3", "3"]),
        "knowledge_score",
        "knowledge score NaN is not a number from 1 to 5",
    );
    // Two decimals are refused, not rounded: 2.95 would silently become a barrier.
    refused(
        &db,
        &score(["4", "4", "4", "2.95", "3"]),
        "ability_score",
        "ability score 2.95 has more than one decimal; ADKAR scores take one decimal at most (2.9 or 3.0)",
    );
    refused(
        &db,
        &score(["4", "4", "4", "4", "three"]),
        "reinforcement_score",
        "reinforcement score three is not a number",
    );
    refused(
        &db,
        &["change", "score", "pricing", "Alex Kim", "4", "4", "4"],
        "scores",
        "give five scores in A-D-K-A-R order",
    );
    let mut note = score(["4", "4", "4", "4", "4"]);
    note.extend(["--note", "knowlege=Has not read the guide"]);
    refused(
        &db,
        &note,
        "element",
        "element 'knowlege' is not one of awareness, desire, knowledge, ability, reinforcement",
    );
    refused(
        &db,
        &[
            "change",
            "action",
            "add",
            "pricing",
            "--element",
            "motivation",
            "--description",
            "Explain the why",
        ],
        "element",
        "element 'motivation' is not one of",
    );
    // Sam is a person in Ladder but not a stakeholder of this change.
    refused(
        &db,
        &[
            "change", "score", "pricing", "Sam Ode", "4", "4", "4", "4", "4",
        ],
        "stakeholder",
        "stakeholder 'Sam Ode' was not found",
    );
    refused(
        &db,
        &[
            "change", "score", "pricing", "Nobody", "4", "4", "4", "4", "4",
        ],
        "stakeholder",
        "stakeholder 'Nobody' was not found",
    );
    refused(
        &db,
        &[
            "change",
            "score",
            "no such change",
            "Alex",
            "4",
            "4",
            "4",
            "4",
            "4",
        ],
        "change",
        "change 'no such change' was not found",
    );
    refused(
        &db,
        &[
            "change",
            "stakeholder",
            "add",
            "pricing",
            "--group",
            "Ops",
            "--head-count",
            "0",
        ],
        "head_count",
        "head count 0 is outside",
    );
    refused(
        &db,
        &["change", "edit", "pricing", "--training", "maybe"],
        "training_required",
        "training required 'maybe' is not yes or no",
    );
    refused(
        &db,
        &["change", "status", "pricing", "finished"],
        "status",
        "status 'finished' is not one of draft, announced, in_progress, reinforcing, closed",
    );
    // The same scores with one decimal are fine, and nothing before this was written.
    let a = db.json(&score(["4", "3.5", "2.5", "1", "1"]));
    assert_eq!(a["scores"]["desire"], 3.5);
    assert_eq!(a["barrier"], "knowledge");
    let h = db.json(&["change", "history", "pricing", "Alex"]);
    assert_eq!(h[0]["assessments"].as_array().unwrap().len(), 1);
}

#[test]
fn a_change_has_one_owner_and_each_activity_one_accountable() {
    let db = setup();
    let register = |owners: &[&'static str]| {
        let mut v = vec!["change", "add", "Office move"];
        for o in owners {
            v.extend(["--owner", o]);
        }
        v.extend([
            "--impact",
            "low",
            "--effect",
            "neutral",
            "--training",
            "no",
            "--comms",
            "yes",
            "--org-changes",
            "no",
            "--awareness",
            "high",
        ]);
        v
    };
    refused(
        &db,
        &register(&[]),
        "owner",
        "a single owner is required and none was given",
    );
    refused(
        &db,
        &register(&["Robin Boss", "Alex Kim"]),
        "owner",
        "a single owner is required and 2 were given: one person answers for the change",
    );
    // Every question of the assessment is answered: no training is a decision, not a
    // default.
    refused(
        &db,
        &[
            "change",
            "add",
            "Office move",
            "--owner",
            "Sam Ode",
            "--impact",
            "low",
            "--effect",
            "neutral",
            "--comms",
            "yes",
            "--org-changes",
            "no",
            "--awareness",
            "high",
        ],
        "training_required",
        "--training is required: yes or no",
    );
    refused(
        &db,
        &register(&["Nobody Here"]),
        "owner",
        "owner 'Nobody Here' was not found",
    );
    refused(
        &db,
        &[
            "change", "edit", "pricing", "--owner", "Alex Kim", "--owner", "Sam Ode",
        ],
        "owner",
        "a single owner is required",
    );
    let moved = db.json(&register(&["Sam Ode"]));
    assert_eq!(moved["owner"], "Sam Ode");
    assert_eq!(moved["status"], "draft");

    db.ok(&[
        "change",
        "raci",
        "activity",
        "pricing",
        "Set the new prices",
    ]);
    db.ok(&[
        "change",
        "raci",
        "assign",
        "pricing",
        "prices",
        "Robin Boss",
        "a",
    ]);
    db.ok(&[
        "change", "raci", "assign", "pricing", "prices", "Alex Kim", "R",
    ]);
    refused(
        &db,
        &[
            "change", "raci", "assign", "pricing", "prices", "Alex Kim", "a",
        ],
        "role",
        "Robin Boss is already accountable for \"Set the new prices\"",
    );
    refused(
        &db,
        &[
            "change", "raci", "assign", "pricing", "prices", "Sam Ode", "x",
        ],
        "role",
        "role 'x' is not one of r, a, c, i",
    );
    let chart = db.json(&["change", "raci", "show", "pricing"]);
    let roles: Vec<(String, String)> = chart["activities"][0]["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["person"].as_str().unwrap().into(),
                a["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("Alex Kim".to_string(), "r".to_string()),
            ("Robin Boss".to_string(), "a".to_string())
        ]
    );
    let matrix = db.ok(&["change", "raci", "show", "pricing"]);
    assert!(matrix.contains("Set the new prices"), "{matrix}");

    // The schema holds the same rule against anything that bypasses the core.
    let raw = rusqlite::Connection::open(&db.path).unwrap();
    let activity = chart["activities"][0]["id"].as_str().unwrap();
    let sam: String = raw
        .query_row("SELECT id FROM people WHERE name = 'Sam Ode'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let err = raw
        .execute(
            "INSERT INTO change_raci_roles (activity_id, person_id, role) VALUES (?1, ?2, 'a')",
            (activity, &sam),
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    let err = raw
        .execute("UPDATE changes SET owner_id = NULL", [])
        .unwrap_err();
    assert!(err.to_string().contains("NOT NULL"), "{err}");
}

#[test]
fn scoring_the_plan_and_the_checks_from_register_to_agenda() {
    let db = setup();
    db.ok(&["whoami", "set", "Robin Boss", "--role", "manager"]);
    db.ok(&[
        "change",
        "edit",
        "pricing",
        "--training",
        "yes",
        "--comms",
        "yes",
    ]);
    let mut expected = vec![
        "training_without_knowledge_action",
        "comms_without_awareness_action",
        "influencers_count",
    ];
    assert_eq!(codes(&db, "pricing"), expected);

    // The starter actions answer both requirements; suggesting twice adds nothing.
    let first = db.json(&["change", "plan", "pricing", "--suggest"]);
    let added = first["added"].as_array().unwrap().len();
    assert!(added >= 5, "{first}");
    let again = db.json(&["change", "plan", "pricing", "--suggest"]);
    assert_eq!(again["added"].as_array().unwrap().len(), 0);
    assert_eq!(again["plan"]["actions"].as_array().unwrap().len(), added);
    let elements: BTreeSet<String> = strings(&again["plan"]["actions"], "element")
        .into_iter()
        .collect();
    assert_eq!(elements.len(), 5, "{elements:?}");
    // Starter actions come without a due date, said once for the plan until each has one.
    expected.retain(|c| *c == "influencers_count");
    assert_eq!(
        codes(&db, "pricing"),
        ["influencers_count", "action_without_due_date"]
    );
    for id in strings(&again["plan"]["actions"], "id") {
        db.ok(&["change", "action", "edit", &id, "--due", "2026-12-15"]);
    }
    assert_eq!(codes(&db, "pricing"), expected);

    // Alex is stuck at Desire (not at the lower Knowledge); the group is past it.
    let a = db.json(&[
        "change",
        "score",
        "pricing",
        "alex",
        "4",
        "3",
        "1",
        "5",
        "5",
        "--on",
        "2026-11-10",
        "--note",
        "desire=Worried about commission",
    ]);
    assert_eq!(a["barrier"], "desire");
    db.ok(&[
        "change",
        "score",
        "pricing",
        "sales",
        "4.4",
        "3.6",
        "3.1",
        "2.6",
        "2.2",
        "--on",
        "2026-11-12",
    ]);
    // Asked for once: the Desire finding already says to bring in two to four.
    assert_eq!(
        codes(&db, "pricing"),
        ["desire_barrier_without_influencers"]
    );
    db.ok(&[
        "change",
        "influencer",
        "add",
        "pricing",
        "Sam Ode",
        "--concerns",
        "Quotas",
        "--questions",
        "When?",
        "--reactions",
        "Sales will ask for examples",
    ]);
    assert_eq!(codes(&db, "pricing"), ["influencers_count"]);
    db.ok(&["change", "influencer", "add", "pricing", "Kai Lund"]);
    assert!(codes(&db, "pricing").is_empty());

    // The rollup: one stuck at Desire, the group of nine at Ability; the average is
    // (4+4.4)/2 = 4.2, (3+3.6)/2 = 3.3, (1+3.1)/2 = 2.05 → 2.1, so stuck at Knowledge.
    let show = db.json(&["change", "show", "pricing"]);
    let r = &show["rollup"];
    assert_eq!(r["average"]["awareness"], 4.2);
    assert_eq!(r["average"]["desire"], 3.3);
    assert_eq!(r["average"]["knowledge"], 2.1);
    assert_eq!(r["average_barrier"], "knowledge");
    let stuck: Vec<(Value, Value, Value)> = r["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["barrier"].clone(),
                d["stakeholders"].clone(),
                d["people"].clone(),
            )
        })
        .filter(|d| d.1 != 0)
        .collect();
    assert_eq!(
        stuck,
        [
            (Value::from("desire"), Value::from(1), Value::from(1)),
            (Value::from("ability"), Value::from(1), Value::from(9))
        ]
    );
    let heat = db.ok(&["change", "show", "pricing"]);
    assert!(heat.contains("[1]") && heat.contains("[2.6]"), "{heat}");

    // Work on Ability while the change is stuck at Knowledge is flagged.
    let plan = db.json(&["change", "plan", "pricing"]);
    let ability = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["element"] == "ability")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    db.ok(&[
        "change",
        "action",
        "edit",
        &ability,
        "--status",
        "in_progress",
    ]);
    let findings = db.json(&["change", "check", "pricing"]);
    assert_eq!(strings(&findings, "code"), ["work_past_barrier"]);
    assert_eq!(findings[0]["action_id"], ability.as_str());
    db.ok(&["change", "action", "edit", &ability, "--status", "planned"]);

    // RACI: no accountable, then too many consulted, then a review falls due.
    db.ok(&[
        "change",
        "raci",
        "activity",
        "pricing",
        "Publish the price list",
    ]);
    assert_eq!(codes(&db, "pricing"), ["raci_no_accountable"]);
    db.ok(&[
        "change", "raci", "assign", "pricing", "publish", "Robin", "a",
    ]);
    for p in ["Alex Kim", "Sam Ode", "Kai Lund"] {
        db.ok(&["change", "raci", "assign", "pricing", "publish", p, "i"]);
    }
    assert_eq!(codes(&db, "pricing"), ["raci_many_consulted"]);
    db.ok(&[
        "change", "raci", "assign", "pricing", "publish", "Kai", "none",
    ]);
    assert!(codes(&db, "pricing").is_empty());
    db.ok(&["change", "raci", "review", "pricing", "--on", "2026-05-24"]);
    assert_eq!(codes(&db, "pricing"), ["raci_review_due"]);
    db.ok(&["change", "raci", "review", "pricing"]);
    assert!(codes(&db, "pricing").is_empty());

    // The individual view, and the agenda once the change is announced.
    let view = db.json(&["change", "person", "Alex Kim"]);
    assert_eq!(view[0]["latest"]["barrier"], "desire");
    let agenda = db.json(&["meeting", "prepare", "Alex Kim"]);
    assert_eq!(agenda["change_barriers"], Value::Array(vec![]));
    assert_eq!(
        agenda["changes"],
        Value::Array(vec![]),
        "a draft stays off the agenda"
    );
    db.ok(&["change", "status", "pricing", "announced"]);
    let agenda = db.json(&["meeting", "prepare", "Alex Kim"]);
    assert_eq!(agenda["changes"][0]["change"], "Pricing change");
    assert_eq!(agenda["changes"][0]["status"], "announced");
    assert_eq!(agenda["changes"][0]["latest"]["barrier"], "desire");
    assert_eq!(agenda["change_barriers"][0]["barrier"], "desire");
    assert_eq!(agenda["change_barriers"][0]["score"], 3.0);
    let text = db.ok(&["meeting", "prepare", "Alex Kim"]);
    assert!(
        text.contains("Pricing change (announced): stuck at Desire, 3/5 on 2026-11-10 · Worried about commission"),
        "{text}"
    );
    refused(
        &db,
        &["change", "status", "pricing", "draft"],
        "status",
        "a change only moves forward",
    );

    // Alex taken off the change: asked to confirm first, then gone from the rollup and
    // from the agenda, with the score that made the barrier.
    refused(
        &db,
        &["change", "stakeholder", "remove", "pricing", "alex"],
        "yes",
        "removing Alex Kim from Pricing change takes every score of theirs",
    );
    let removed = db.json(&[
        "change",
        "stakeholder",
        "remove",
        "pricing",
        "alex",
        "--yes",
    ]);
    assert_eq!(
        (&removed["stakeholder"]["name"], &removed["assessments"]),
        (&Value::from("Alex Kim"), &Value::from(1))
    );
    let r = &db.json(&["change", "show", "pricing"])["rollup"];
    let left = r["stakeholders"].as_array().unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["stakeholder"]["name"], "Sales team");
    assert_eq!(r["average"]["knowledge"], 3.1);
    let agenda = db.json(&["meeting", "prepare", "Alex Kim"]);
    assert_eq!(agenda["change_barriers"], Value::Array(vec![]));

    // Closing is for good: asked to confirm first, as the app asks.
    refused(
        &db,
        &["change", "status", "pricing", "closed"],
        "yes",
        "closing Pricing change is for good: a closed change cannot be reopened",
    );
    let closed = db.json(&["change", "status", "pricing", "closed", "--yes"]);
    assert_eq!(closed["status"], "closed");
}

#[test]
fn the_demo_gains_a_change_in_progress_with_people_stuck_at_different_elements() {
    let db = TempDb::new();
    let sum = db.json(&["demo"]);
    assert_eq!(sum["changes"], 1);
    let list = db.json(&["change", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["status"], "in_progress");
    let name = list[0]["name"].as_str().unwrap();

    let rollup = &db.json(&["change", "show", name])["rollup"];
    let barriers: BTreeSet<String> = rollup["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["latest"]["barrier"].as_str().map(String::from))
        .collect();
    assert!(barriers.len() >= 3, "stuck at {barriers:?}");
    for s in db.json(&["change", "history", name]).as_array().unwrap() {
        let n = s["assessments"].as_array().unwrap().len();
        assert!(
            (2..=3).contains(&n),
            "{} scored {n} times",
            s["stakeholder"]["name"]
        );
    }

    let plan = db.json(&["change", "plan", name]);
    let elements: BTreeSet<String> = strings(&plan["actions"], "element").into_iter().collect();
    assert_eq!(elements.len(), 5, "{elements:?}");
    let influencers = plan["influencers"].as_array().unwrap().len();
    assert!((2..=4).contains(&influencers));

    let chart = db.json(&["change", "raci", "show", name]);
    let activities = chart["activities"].as_array().unwrap();
    assert!(!activities.is_empty());
    for a in activities {
        let accountable = strings(&a["assignments"], "role")
            .iter()
            .filter(|r| *r == "a")
            .count();
        assert_eq!(accountable, 1, "{}", a["name"]);
    }
    // Someone on the team meets their barrier in their next development meeting.
    let stuck = rollup["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stakeholder"]["kind"] == "person" && !s["latest"]["barrier"].is_null())
        .unwrap();
    let agenda = db.json(&[
        "meeting",
        "prepare",
        stuck["stakeholder"]["name"].as_str().unwrap(),
    ]);
    assert_eq!(
        agenda["change_barriers"][0]["barrier"],
        stuck["latest"]["barrier"]
    );
    // The plan checks of the demo are untouched by its change.
    assert_eq!(
        db.json(&["plan", "check", "--team"])
            .as_array()
            .unwrap()
            .len(),
        8
    );
}

#[test]
fn a_database_from_before_change_management_gains_its_tables() {
    let tmp = TempDb::new();
    drop(Db::create_at_version(&tmp.path, 1).unwrap());
    let db = Db::open(&tmp.path).unwrap();
    assert_eq!(db.schema_version().unwrap(), store::latest_version());
    drop(db);
    let raw = rusqlite::Connection::open(&tmp.path).unwrap();
    let tables: i64 = raw
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'change%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 7);
    let one_a: String = raw
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'change_raci_one_accountable'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(one_a.contains("WHERE role = 'a'"), "{one_a}");
}
