//! Opening databases: new ones, ones left by an older Ladder, and files Ladder must refuse
//! without touching them.

mod common;

use common::{snapshot, TempDb};
use ladder::people::{self, NewPerson};
use ladder::{store, Db};

#[test]
fn a_new_database_reaches_the_latest_schema_with_the_library() {
    let tmp = TempDb::new();
    let db = Db::open(&tmp.path).unwrap();
    assert_eq!(db.schema_version().unwrap(), store::latest_version());
    assert_eq!(ladder::competencies::list(&db, false).unwrap().len(), 10);
}

#[test]
fn every_older_schema_migrates_to_the_latest_and_keeps_its_data() {
    for version in store::versions() {
        let tmp = TempDb::new();
        {
            let old = Db::create_at_version(&tmp.path, version).unwrap();
            assert_eq!(old.schema_version().unwrap(), version);
            people::add(
                &old,
                NewPerson {
                    name: format!("Kept since v{version}"),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let db = Db::open(&tmp.path).unwrap();
        assert_eq!(db.schema_version().unwrap(), store::latest_version());
        let all = people::list(
            &db,
            people::ListOptions {
                everyone: true,
                include_archived: true,
            },
        )
        .unwrap();
        assert_eq!(all[0].name, format!("Kept since v{version}"));
    }
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn meetings_held_before_the_meeting_dates_were_kept_still_give_the_cadence() {
    let tmp = TempDb::new();
    let id = {
        let old = Db::create_at_version(&tmp.path, 5).unwrap();
        let ana = people::add(
            &old,
            NewPerson {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        for (on, held) in [
            ("2026-08-03", true),
            ("2026-10-05", true),
            ("2026-11-02", false),
        ] {
            let m = ladder::meetings::schedule(&old, &ana, date(on)).unwrap();
            if held {
                ladder::meetings::hold(&old, &m.id, date(on), None, date(on)).unwrap();
            } else {
                ladder::meetings::cancel(&old, &m.id).unwrap();
            }
        }
        ladder::meetings::schedule(&old, &ana, date("2026-12-07")).unwrap();
        ana
    };
    let db = Db::open(&tmp.path).unwrap();
    let cadence = ladder::meetings::cadence(&db, &[id], date("2026-11-23")).unwrap();
    assert_eq!(cadence[0].last_held, Some(date("2026-10-05")));
    assert_eq!(cadence[0].next_scheduled, Some(date("2026-12-07")));
}

#[test]
fn changes_assessed_before_the_latest_scores_were_kept_still_stand_as_assessed() {
    use ladder::change::{self, NewAssessment, NewChange, NewStakeholder};
    let tmp = TempDb::new();
    let change_id = {
        let old = Db::create_at_version(&tmp.path, 6).unwrap();
        let add = |name: &str| {
            people::add(
                &old,
                NewPerson {
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
        };
        let (owner, ana, bo) = (add("Olive"), add("Ana"), add("Bo"));
        let negative = NewChange {
            effect: change::Effect::Negative,
            ..common::new_change("New rota", &owner)
        };
        let ch = change::add(&old, negative).unwrap();
        let stakeholder = |person_id: String| {
            change::add_stakeholder(&old, &ch.id, NewStakeholder::Person { person_id })
                .unwrap()
                .id
        };
        let (ana, _bo) = (stakeholder(ana), stakeholder(bo));
        for (on, scores) in [
            ("2026-11-01", [4.0, 4.0, 2.0, 1.0, 1.0]),
            ("2026-09-01", [1.0, 1.0, 1.0, 1.0, 1.0]),
        ] {
            change::assess(
                &old,
                NewAssessment {
                    stakeholder_id: ana.clone(),
                    assessed_on: date(on),
                    scores,
                    notes: Default::default(),
                },
                date(on),
            )
            .unwrap();
        }
        ch.id
    };
    let db = Db::open(&tmp.path).unwrap();
    let r = change::rollup(&db, &change_id).unwrap();
    assert_eq!(r.not_assessed, 1);
    let latest = r
        .stakeholders
        .iter()
        .find_map(|s| s.latest.as_ref())
        .unwrap();
    assert_eq!(latest.assessed_on, date("2026-11-01"));
    assert_eq!(latest.barrier, Some(change::Element::Knowledge));
}

#[test]
fn a_database_from_a_newer_ladder_is_refused_untouched() {
    let tmp = TempDb::new();
    drop(Db::open(&tmp.path).unwrap());
    {
        let raw = rusqlite::Connection::open(&tmp.path).unwrap();
        raw.pragma_update(None, "user_version", store::latest_version() + 1)
            .unwrap();
    }
    let before = snapshot(&tmp.path);
    let err = Db::open(&tmp.path).err().expect("refused");
    assert_eq!(err.code(), "schema_too_new");
    assert!(
        err.to_string()
            .contains("newer than this Ladder understands"),
        "{err}"
    );
    assert!(snapshot(&tmp.path) == before);

    let out = tmp.run(&["overview"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("install the newer Ladder"));
    assert!(snapshot(&tmp.path) == before);
}

#[test]
fn files_that_are_not_ladder_databases_are_refused_untouched() {
    let tmp = TempDb::new();
    std::fs::write(&tmp.path, b"quarterly notes, not a database".repeat(200)).unwrap();
    let before = snapshot(&tmp.path);
    let err = Db::open(&tmp.path).err().expect("refused");
    assert_eq!(err.code(), "not_ladder_database");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    assert!(snapshot(&tmp.path) == before);

    let other = TempDb::new();
    {
        let raw = rusqlite::Connection::open(&other.path).unwrap();
        raw.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
            .unwrap();
    }
    let before = snapshot(&other.path);
    let err = Db::open(&other.path).err().expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
    assert!(snapshot(&other.path) == before);
}

#[test]
fn the_database_is_private_and_in_wal_mode() {
    let tmp = TempDb::new();
    drop(Db::open(&tmp.path).unwrap());
    let raw = rusqlite::Connection::open(&tmp.path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&tmp.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn action_items_from_before_they_had_an_instant_take_the_later_of_made_and_their_meeting_changed() {
    let tmp = TempDb::new();
    let meeting = {
        let old = Db::create_at_version(&tmp.path, 7).unwrap();
        let ana = people::add(
            &old,
            NewPerson {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        ladder::meetings::schedule(&old, &ana, date("2026-12-07"))
            .unwrap()
            .id
    };
    {
        let c = rusqlite::Connection::open(&tmp.path).unwrap();
        c.execute(
            "UPDATE meetings SET updated_at = '2026-11-20T10:00:00.000Z' WHERE id = ?1",
            [&meeting],
        )
        .unwrap();
        for (id, made) in [
            ("a1", "2026-11-10T09:00:00.000Z"),
            ("a2", "2026-11-21T09:00:00.000Z"),
        ] {
            c.execute(
                "INSERT INTO action_items (id, meeting_id, description, position, created_at)
                 VALUES (?1, ?2, 'Shadow a lead', 1, ?3)",
                (id, &meeting, made),
            )
            .unwrap();
        }
    }
    drop(Db::open(&tmp.path).unwrap());
    let c = rusqlite::Connection::open(&tmp.path).unwrap();
    let stamps: Vec<String> = c
        .prepare("SELECT updated_at FROM action_items ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        stamps,
        ["2026-11-20T10:00:00.000Z", "2026-11-21T09:00:00.000Z"]
    );
}
