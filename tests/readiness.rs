//! `ladder readiness` as a user runs it: an assessment from opening to a decided verdict,
//! a skills gap made into a goal once, advocacy made into a plan activity, history, the
//! team view, and bad input refused with the database left exactly as it was.

mod common;

use common::{refused, TempDb};
use serde_json::Value;

/// A manager, a report with one open assessment, and a mentor in Ladder.
fn setup() -> TempDb {
    let db = TempDb::new();
    db.ok(&["person", "add", "Robin Boss", "--title", "Manager"]);
    db.ok(&["person", "add", "Alex Kim", "--manager", "Robin Boss"]);
    db.ok(&["person", "add", "Mina Park", "--title", "Staff Engineer"]);
    db.ok(&["whoami", "set", "Robin Boss", "--role", "manager"]);
    db.ok(&[
        "readiness",
        "open",
        "Alex Kim",
        "--target",
        "Senior Engineer (L5)",
        "--on",
        "2026-11-20",
    ]);
    db
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn bad_input_exits_2_names_the_field_and_changes_nothing() {
    let db = setup();
    refused(
        &db,
        &[
            "readiness",
            "requirement",
            "Alex Kim",
            "results",
            "--status",
            "great",
        ],
        "status",
        "status 'great' is not one of met, partly, not_yet, unknown",
    );
    refused(
        &db,
        &[
            "readiness",
            "advocate",
            "add",
            "Alex Kim",
            "--name",
            "Grace Lin",
            "--relation",
            "hr",
            "--influence",
            "huge",
        ],
        "influence",
        "influence 'huge' is not one of high, medium, low",
    );
    refused(
        &db,
        &[
            "readiness",
            "role",
            "Alex Kim",
            "--availability",
            "available",
            "--path",
            "create_role",
            "--next-step",
            "Write the case",
        ],
        "path",
        "path create_role is only for a role that is not available",
    );
    // The suggestion is not_assessed: deciding anything else is an override.
    refused(
        &db,
        &["readiness", "verdict", "Alex Kim", "ready_now"],
        "rationale",
        "rationale is required: the decided verdict, ready now, differs from the suggested one, not assessed",
    );
    refused(
        &db,
        &[
            "readiness",
            "requirement",
            "Alex Kim",
            "competencies",
            "--status",
            "met",
        ],
        "reason",
        "reason is required to override the proposed competencies status (unknown) with met",
    );
    refused(
        &db,
        &[
            "readiness",
            "role",
            "Alex Kim",
            "--availability",
            "not_available",
            "--path",
            "look_beyond",
        ],
        "next_step",
        "next step is required with the path look_beyond",
    );
    refused(
        &db,
        &[
            "readiness",
            "skill",
            "add",
            "Alex Kim",
            "Budgets",
            "--status",
            "maybe",
        ],
        "status",
        "status 'maybe' is not one of have, gap",
    );
    refused(
        &db,
        &[
            "readiness",
            "advocate",
            "add",
            "Alex Kim",
            "--person",
            "Robin Boss",
            "--relation",
            "other",
            "--influence",
            "high",
        ],
        "advocate",
        "advocates are the people beyond the direct manager",
    );
    refused(
        &db,
        &["readiness", "verdict", "Alex Kim", "not_assessed"],
        "verdict",
        "verdict not_assessed cannot be decided",
    );
    refused(
        &db,
        &["readiness", "show", "Mina Park"],
        "assessment",
        "Mina Park has no readiness assessment yet",
    );
    refused(
        &db,
        &["readiness", "compare", "Alex Kim"],
        "person",
        "Alex Kim has 1 readiness assessment; comparing needs two",
    );
}

#[test]
fn an_assessment_from_requirements_to_a_decided_verdict() {
    let db = setup();
    let set = |req: &str, status: &str, evidence: &str| -> Value {
        db.json(&[
            "readiness",
            "requirement",
            "Alex Kim",
            req,
            "--status",
            status,
            "--evidence",
            evidence,
        ])
    };
    set("results", "met", "Shipped the billing migration early");
    let a = set("skills", "partly", "Budgets still to learn");
    assert_eq!(a["suggestion"]["verdict"], "not_assessed");
    let missing: Vec<&str> = a["suggestion"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(s)
        .collect();
    assert_eq!(missing, ["competencies", "advocates"]);

    // Requirement 2 comes from next-level ratings; current-level ones do not count.
    db.ok(&[
        "rate",
        "Alex Kim",
        "communication",
        "5",
        "--level",
        "current",
    ]);
    let a = db.json(&["readiness", "show", "Alex Kim"]);
    assert_eq!(a["competencies"]["status"], "unknown");
    db.ok(&[
        "rate",
        "Alex Kim",
        "communication",
        "2",
        "--level",
        "next",
        "--on",
        "2026-11-19",
    ]);
    let a = db.json(&["readiness", "show", "Alex Kim"]);
    assert_eq!(a["competencies"]["proposal"]["status"], "partly");
    let holding: Vec<&Value> = a["competencies"]["proposal"]["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["holds_back"] == true)
        .collect();
    assert_eq!(holding.len(), 10, "every competency holds it back");
    assert!(db
        .ok(&["readiness", "show", "Alex Kim"])
        .contains("proposed partly from 1 of 10 rated"));

    let a = set("advocates", "met", "Mina speaks for him");
    assert_eq!(a["suggestion"]["verdict"], "ready_1_2_years");

    let a = db.json(&[
        "readiness",
        "requirement",
        "Alex Kim",
        "competencies",
        "--status",
        "not_yet",
        "--reason",
        "The calibration panel rated him below L5 throughout",
    ]);
    assert_eq!(a["competencies"]["status"], "not_yet");
    assert_eq!(a["suggestion"]["verdict"], "ready_3_plus_years");

    let role = db.json(&[
        "readiness",
        "role",
        "Alex Kim",
        "--availability",
        "not_available",
        "--path",
        "stay_and_grow",
        "--next-step",
        "Take the on-call lead next quarter",
        "--notes",
        "No L5 opening this year",
    ]);
    assert_eq!(role["role"]["path"], "stay_and_grow");
    assert_eq!(role["suggestion"]["verdict"], "ready_3_plus_years");

    // Agreeing with the suggestion needs no rationale; disagreeing does, and has one.
    let d = db.json(&["readiness", "verdict", "Alex Kim", "ready_3_plus_years"]);
    assert_eq!(d["decision"]["verdict"], "ready_3_plus_years");
    let d = db.json(&[
        "readiness",
        "verdict",
        "Alex Kim",
        "ready_1_2_years",
        "--rationale",
        "The panel was before his migration work",
    ]);
    assert_eq!(d["decision"]["differs_from_suggestion"], true);
    let shown = db.ok(&["readiness", "show", "Alex Kim"]);
    assert!(
        shown.contains("Decided verdict:   ready in 1–2 years"),
        "{shown}"
    );
    assert!(shown.contains("Path: stay_and_grow"), "{shown}");
}

#[test]
fn a_gap_becomes_one_goal_that_stays_when_the_gap_closes() {
    let db = setup();
    db.ok(&[
        "readiness",
        "skill",
        "add",
        "Alex Kim",
        "budgets",
        "--status",
        "gap",
    ]);
    let first = db.json(&["readiness", "skill", "to-goal", "Alex Kim", "Budgets"]);
    assert_eq!(first["created"], true);
    let goal = s(&first["goal"]["id"]).to_string();
    assert_eq!(first["skill"]["goal_id"], goal.as_str());
    assert_eq!(first["goal"]["competency"], "Leverages resources");
    assert!(first["goal"]["activities"].as_array().unwrap().is_empty());

    let again = db.json(&["readiness", "skill", "to-goal", "Alex Kim", "budg"]);
    assert_eq!(again["created"], false);
    assert_eq!(again["goal"]["id"], goal.as_str());
    let plan = db.json(&["plan", "show", "Alex Kim"]);
    assert_eq!(plan["goals"].as_array().unwrap().len(), 1);

    // Seen from the goal's side.
    let origin = db.json(&["readiness", "goal", &goal]);
    assert_eq!(origin["skill"]["name"], "Budgets");
    assert_eq!(origin["still_required"], true);

    let closed = db.json(&[
        "readiness",
        "skill",
        "set",
        "Alex Kim",
        "budgets",
        "--status",
        "have",
    ]);
    assert_eq!(closed["goal_id"], goal.as_str());
    assert_eq!(closed["goal_no_longer_required"], true);
    let plan = db.json(&["plan", "show", "Alex Kim"]);
    assert_eq!(plan["goals"].as_array().unwrap().len(), 1);
    assert_eq!(plan["goals"][0]["status"], "open");
    let origin = db.json(&["readiness", "goal", &goal]);
    assert_eq!(origin["still_required"], false);
    assert!(db
        .ok(&["readiness", "goal", &goal])
        .contains("no longer required"));
    assert!(db
        .ok(&["readiness", "show", "Alex Kim"])
        .contains("(no longer required)"));

    // A later assessment starts with the skill and its goal; no second goal is made.
    db.ok(&[
        "readiness",
        "open",
        "Alex Kim",
        "--target",
        "Senior Engineer (L5)",
    ]);
    db.ok(&[
        "readiness",
        "skill",
        "set",
        "Alex Kim",
        "budgets",
        "--status",
        "gap",
    ]);
    let later = db.json(&["readiness", "skill", "to-goal", "Alex Kim", "Budgets"]);
    assert_eq!(
        (later["created"].clone(), s(&later["goal"]["id"])),
        (Value::Bool(false), goal.as_str())
    );
    let cmp = db.json(&["readiness", "compare", "Alex Kim"]);
    assert_eq!(cmp["skills"][0]["before"], "have");
    assert_eq!(cmp["skills"][0]["after"], "gap");
}

#[test]
fn an_advocacy_action_becomes_a_plan_activity_once() {
    let db = setup();
    db.ok(&[
        "readiness",
        "advocate",
        "add",
        "Alex Kim",
        "--person",
        "Mina Park",
        "--relation",
        "mentor",
        "--influence",
        "high",
        "--last-contact",
        "2026-11-10",
    ]);
    let action = db.json(&[
        "readiness",
        "action",
        "add",
        "Alex Kim",
        "--kind",
        "mentor",
        "--description",
        "Monthly mentoring on influencing across teams",
        "--due",
        "2026-12-15",
        "--advocate",
        "mina",
    ]);
    assert_eq!(action["advocate"], "Mina Park");
    let goal = db.json(&[
        "goal",
        "add",
        "Alex Kim",
        "--competency",
        "influencing",
        "--outcome",
        "Influence decisions across departments",
    ]);
    let goal = s(&goal["id"]).to_string();
    let id = s(&action["id"]).to_string();
    let to = [
        "readiness",
        "action",
        "to-activity",
        &id,
        "--goal",
        &goal,
        "--phase",
        "learn",
    ];
    let made = db.json(&to);
    assert_eq!(
        made["advocacy_action"]["activity_id"],
        made["activity"]["id"]
    );
    assert_eq!(made["activity"]["resource"]["name"], "Mina Park");
    assert_eq!(made["activity"]["target_date"], "2026-12-15");

    let before = db.snapshot();
    let out = db.run(&to);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is already plan activity"));
    assert!(db.snapshot() == before);

    let contact = db.json(&["readiness", "advocate", "contact", "Alex Kim", "mina"]);
    assert_eq!(contact["last_contact_on"], common::TODAY);
}

#[test]
fn the_demo_team_has_assessments_in_every_verdict_and_flags() {
    let db = TempDb::new();
    let sum = db.json(&["demo"]);
    assert!(sum["readiness_assessments"].as_u64().unwrap() > 0);
    let team = db.json(&["readiness", "team"]);
    for verdict in [
        "ready_now",
        "ready_1_2_years",
        "ready_3_plus_years",
        "not_assessed",
    ] {
        let count = team["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["verdict"] == verdict)
            .map(|c| c["count"].as_u64().unwrap());
        assert!(
            count.unwrap_or(0) > 0,
            "nobody at {verdict}: {}",
            team["counts"]
        );
    }
    let flags: Vec<&str> = team["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["flag"].as_str())
        .collect();
    assert!(flags.contains(&"never_assessed"), "{flags:?}");
    assert!(flags.contains(&"older_than_12_months"), "{flags:?}");
    let human = db.ok(&["readiness", "team"]);
    assert!(human.contains("To assess (2)"), "{human}");

    // Someone in the demo has history to compare.
    let cmp = db.json(&["readiness", "compare", "Aisha"]);
    assert_eq!(cmp["verdict"]["movement"], "better");
}
