//! Backups and restore: taken on demand, once a day and before a migration, kept by the
//! retention rule, private to their owner, and put back only after a check, with the
//! replaced file kept aside.

mod common;

use std::path::{Path, PathBuf};

use common::{integrity, json_error, people_in, snapshot, TempDb};
use ladder::backup::{self, Reason};
use ladder::people::{self, NewPerson};
use ladder::{store, Db};
use serde_json::Value;

fn backups(db: &TempDb) -> Vec<Value> {
    db.json(&["backup", "list"]).as_array().unwrap().clone()
}

fn with_people(names: &[&str]) -> TempDb {
    let db = TempDb::new();
    for n in names {
        db.ok(&["person", "add", n]);
    }
    db
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn ladder_backup_writes_a_private_checked_copy_and_prints_its_path() {
    let db = with_people(&["Ann Lee", "Bo Chen"]);
    let out = db.ok(&["backup"]);
    let path = PathBuf::from(out.trim());
    assert_eq!(path.parent().unwrap(), db.dir().join("backups"));
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("ladder-"), "{name}");
    assert!(
        name.ends_with(&format!("-v{}-manual.db", store::latest_version())),
        "{name}"
    );
    assert_eq!(integrity(&path), "ok");
    assert_eq!(people_in(&path), ["Ann Lee", "Bo Chen"]);
    // A single self-contained file: no write-ahead log beside it.
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&db.dir().join("backups")), 0o700);
    }
    let listed = backups(&db);
    assert_eq!(listed[0]["path"], path.display().to_string());
    assert_eq!(listed[0]["reason"], "manual");
    assert_eq!(listed[0]["schema_version"], store::latest_version());
    let human = db.ok(&["backup", "list"]);
    assert!(human.contains(&name), "{human}");
}

#[test]
fn a_daily_backup_on_the_first_start_of_the_day_only() {
    let db = TempDb::new();
    // The command that creates the database has nothing to back up.
    db.ok(&["person", "add", "Ann Lee"]);
    assert!(backups(&db).is_empty());
    // The next start takes today's backup; later starts the same day take none.
    db.ok(&["person", "list"]);
    let after = backups(&db);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["reason"], "daily");
    db.ok(&["person", "add", "Bo Chen"]);
    db.ok(&["overview"]);
    assert_eq!(backups(&db).len(), 1);
    // It holds what was there when the day started.
    let path = PathBuf::from(after[0]["path"].as_str().unwrap());
    assert_eq!(people_in(&path), ["Ann Lee"]);
}

#[test]
fn a_date_ahead_of_the_clock_or_a_time_zone_east_of_utc_takes_one_daily_backup_not_one_a_start() {
    let db = TempDb::new();
    db.ok(&["person", "add", "Ann Lee"]);
    // Started as a user starts it: the date from the clock, or one given ahead of it,
    // in a time zone whose day runs ahead of UTC's for most of the day.
    let start = |env: &[(&str, &str)], args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
            .env("LADDER_DB", &db.path)
            .envs(env.iter().copied())
            .args(args)
            .arg("overview")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    for _ in 0..3 {
        start(&[], &["--today", "2099-01-01"]);
    }
    assert_eq!(backups(&db).len(), 1);
    for _ in 0..3 {
        start(&[("TZ", "Etc/GMT-14")], &[]);
    }
    // The clock may pass midnight between the two, hence one more at most.
    assert!(backups(&db).len() <= 2, "{:?}", backups(&db));
}

#[test]
fn on_start_takes_its_date_from_the_caller() {
    let tmp = TempDb::new();
    drop(Db::open(&tmp.path).unwrap());
    let db = Db::open(&tmp.path).unwrap();
    let today = chrono::Local::now().date_naive();
    // A backup taken before an import is not the day's.
    backup::create(&db, Reason::Import).unwrap();
    assert!(matches!(
        backup::on_start(&db, today).unwrap(),
        backup::Daily::Taken(_)
    ));
    assert!(matches!(
        backup::on_start(&db, today).unwrap(),
        backup::Daily::NotDue
    ));
    // A later date than the clock's (as `--today` gives) takes no second one that day:
    // the backup taken now bears the clock's day, and one a start filled the disk.
    assert!(matches!(
        backup::on_start(&db, today.succ_opt().unwrap()).unwrap(),
        backup::Daily::NotDue
    ));
    // A database this start created, or one in memory, needs none.
    let fresh = TempDb::new();
    let created = Db::open(&fresh.path).unwrap();
    assert!(matches!(
        backup::on_start(&created, today).unwrap(),
        backup::Daily::NotNeeded
    ));
    let memory = Db::open_in_memory().unwrap();
    assert!(matches!(
        backup::on_start(&memory, today).unwrap(),
        backup::Daily::NotNeeded
    ));
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_version() {
    let tmp = TempDb::new();
    {
        let old = Db::create_at_version(&tmp.path, 1).unwrap();
        people::add(
            &old,
            NewPerson {
                name: "Kept since v1".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let db = Db::open(&tmp.path).unwrap();
    assert_eq!(db.schema_version().unwrap(), store::latest_version());
    let all = backup::list(&tmp.path).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].reason, Reason::Migration);
    assert_eq!(all[0].schema_version, 1);
    assert_eq!(people_in(&all[0].path), ["Kept since v1"]);
    let raw = rusqlite::Connection::open(&all[0].path).unwrap();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    // Opening again migrates nothing and backs nothing up; a new database neither.
    drop(db);
    drop(Db::open(&tmp.path).unwrap());
    assert_eq!(backup::list(&tmp.path).unwrap().len(), 1);
    let fresh = TempDb::new();
    drop(Db::open(&fresh.path).unwrap());
    assert!(backup::list(&fresh.path).unwrap().is_empty());
}

#[test]
fn retention_keeps_14_days_and_8_weeks_of_backup_files() {
    let db = with_people(&["Ann Lee"]);
    let first = PathBuf::from(db.ok(&["backup"]).trim());
    let dir = db.dir().join("backups");
    // Sixty days of older backups, one a day at noon, and a file Ladder did not name.
    let today = chrono::Utc::now();
    let mut instants = Vec::new();
    for days in 1..=60 {
        let t = today - chrono::Duration::days(days);
        instants.push(t);
        let name = backup::file_name("ladder", t, store::latest_version(), Reason::Daily);
        std::fs::copy(&first, dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let newest = PathBuf::from(db.ok(&["backup"]).trim());
    instants.push(backup::list(&db.path).unwrap()[1].taken_at);
    instants.push(backup::list(&db.path).unwrap()[0].taken_at);
    let expected = backup::keep(&instants).iter().filter(|k| **k).count();
    let left = backup::list(&db.path).unwrap();
    assert_eq!(left.len(), expected);
    // Today's two backups and 13 older days are daily ones; 6 more weeks add theirs.
    assert!(
        (14 + 1..=14 + 1 + 7).contains(&left.len()),
        "{}",
        left.len()
    );
    assert_eq!(left[0].path, newest);
    assert!(first.exists(), "a backup of today stays");
    assert!(dir.join("notes.txt").exists());
}

#[test]
fn the_newest_backups_taken_before_imports_are_kept_apart_from_the_days_own() {
    let db = with_people(&["Ann Lee"]);
    let own = PathBuf::from(db.ok(&["backup"]).trim());
    let opened = Db::open(&db.path).unwrap();
    let imports: Vec<PathBuf> = (0..backup::KEEP_IMPORTS + 2)
        .map(|_| backup::create(&opened, Reason::Import).unwrap().path)
        .collect();
    let left: Vec<PathBuf> = backup::list(&db.path)
        .unwrap()
        .into_iter()
        .map(|b| b.path)
        .collect();
    let mut expected = imports[2..].to_vec();
    expected.reverse();
    expected.push(own);
    assert_eq!(left, expected, "the newest imports' and the day's own");
}

#[test]
fn restore_checks_the_backup_asks_for_yes_and_keeps_the_current_file_aside() {
    let db = with_people(&["Ann Lee", "Bo Chen"]);
    let saved = db.ok(&["backup"]).trim().to_string();
    db.ok(&["person", "add", "Cy Diaz"]);

    // Without --yes: exit 2, the backup described, nothing changed.
    let before = db.snapshot();
    let out = db.run(&["--json", "restore", &saved]);
    assert_eq!(out.status.code(), Some(2));
    let err = json_error(&out);
    assert_eq!(err["error"]["field"], "yes");
    let text = err["error"]["message"].as_str().unwrap();
    assert!(
        text.contains("2 people") && text.contains("--yes"),
        "{text}"
    );
    assert!(db.snapshot() == before);
    assert_eq!(std::fs::read_dir(db.dir()).unwrap().count(), 2); // ladder.db, backups

    let done = db.json(&["restore", &saved, "--yes"]);
    assert_eq!(done["backup"]["people"], 2);
    assert_eq!(people_in(&db.path), ["Ann Lee", "Bo Chen"]);
    assert_eq!(db.names().len(), 2);
    let aside = PathBuf::from(done["kept_aside"].as_str().unwrap());
    assert_eq!(aside.parent().unwrap(), db.dir());
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("ladder-replaced-"));
    // The replaced file is kept whole, with the person added after the backup (its
    // write-ahead log folded in, so it is one file).
    assert_eq!(people_in(&aside), ["Ann Lee", "Bo Chen", "Cy Diaz"]);
    assert_eq!(integrity(&aside), "ok");
    assert!(Path::new(&saved).exists(), "the backup stays where it was");
    #[cfg(unix)]
    {
        assert_eq!(mode(&db.path), 0o600);
        assert_eq!(mode(&aside), 0o600);
    }
    assert_eq!(integrity(&db.path), "ok");
    db.ok(&["person", "add", "Dee Ek"]);
}

#[test]
fn restore_refuses_what_is_not_a_sound_ladder_backup_and_changes_nothing() {
    let db = with_people(&["Ann Lee"]);
    let good = PathBuf::from(db.ok(&["backup"]).trim());
    let files = tempfile::tempdir().unwrap();

    let text = files.path().join("notes.db");
    std::fs::write(&text, b"not a database at all".repeat(100)).unwrap();

    let other = files.path().join("invoices.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        .unwrap();

    let newer = files.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", store::latest_version() + 1)
        .unwrap();

    // Damaged inside: a page of the people table overwritten.
    let damaged = files.path().join("damaged.db");
    std::fs::copy(&good, &damaged).unwrap();
    {
        let conn = rusqlite::Connection::open(&damaged).unwrap();
        let page: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'people'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size: i64 = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        drop(conn);
        let mut bytes = std::fs::read(&damaged).unwrap();
        let start = ((page - 1) * size) as usize;
        bytes[start..start + size as usize].fill(0x5a);
        std::fs::write(&damaged, bytes).unwrap();
    }

    let missing = files.path().join("missing.db");

    let before = db.snapshot();
    for (file, reason) in [
        (&text, "not a SQLite database"),
        (&other, "not a Ladder database"),
        (&newer, "newer than this Ladder understands"),
        (&damaged, "damaged"),
        (&missing, "cannot be read"),
        (&db.path, "the database itself"),
    ] {
        let file = file.display().to_string();
        let out = db.run(&["--json", "restore", &file, "--yes"]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = json_error(&out);
        assert_eq!(err["error"]["code"], "bad_backup", "{err}");
        let message = err["error"]["message"].as_str().unwrap();
        assert!(message.contains(reason), "{message}");
        assert!(message.contains(&file), "{message}");
        assert!(db.snapshot() == before, "{file} changed the database");
    }
    let entries = std::fs::read_dir(db.dir()).unwrap().count();
    assert_eq!(entries, 2, "nothing was kept aside, nothing left behind");
}

#[test]
fn restore_leaves_no_write_ahead_log_of_the_old_file_to_apply_to_the_new_one() {
    let db = with_people(&["Ann Lee"]);
    let saved = db.ok(&["backup"]).trim().to_string();
    // A crash image: the database and a write-ahead log holding a change not yet
    // written into it, as a power cut would leave them.
    let crashed = TempDb::new();
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute(
            "UPDATE people SET name = 'Only in the log' WHERE name = 'Ann Lee'",
            [],
        )
        .unwrap();
        std::fs::copy(&db.path, &crashed.path).unwrap();
        std::fs::copy(
            format!("{}-wal", db.path.display()),
            format!("{}-wal", crashed.path.display()),
        )
        .unwrap();
    }
    assert!(
        std::fs::metadata(format!("{}-wal", crashed.path.display()))
            .unwrap()
            .len()
            > 0
    );
    let done = crashed.json(&["restore", &saved, "--yes"]);
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !Path::new(&format!("{}{suffix}", crashed.path.display())).exists(),
            "{suffix} left beside the restored database"
        );
    }
    assert_eq!(people_in(&crashed.path), ["Ann Lee"]);
    assert_eq!(crashed.names(), ["Ann Lee"]);
    // The change that was only in the log is kept, with the replaced file.
    let aside = PathBuf::from(done["kept_aside"].as_str().unwrap());
    assert_eq!(people_in(&aside), ["Only in the log"]);
    assert_eq!(integrity(&crashed.path), "ok");
}

#[test]
fn a_damaged_database_with_its_log_is_restored_and_both_are_kept_aside() {
    let db = with_people(&["Ann Lee"]);
    let saved = db.ok(&["backup"]).trim().to_string();
    let wal = format!("{}-wal", db.path.display());
    std::fs::write(&db.path, b"overwritten by something else".repeat(500)).unwrap();
    std::fs::write(&wal, b"a log that belongs to the file that was here").unwrap();
    let done = db.json(&["restore", &saved, "--yes"]);
    assert!(!Path::new(&wal).exists());
    let aside = PathBuf::from(done["kept_aside"].as_str().unwrap());
    assert_eq!(
        std::fs::read(format!("{}-wal", aside.display())).unwrap(),
        b"a log that belongs to the file that was here"
    );
    assert_eq!(db.names(), ["Ann Lee"]);
}

#[test]
fn restore_onto_a_new_machine_needs_no_database_there() {
    let db = with_people(&["Ann Lee"]);
    let saved = db.ok(&["backup"]).trim().to_string();
    let elsewhere = TempDb::new();
    let done = elsewhere.json(&["restore", &saved, "--yes"]);
    assert_eq!(done["kept_aside"], Value::Null);
    assert_eq!(elsewhere.names(), ["Ann Lee"]);
}

#[test]
fn an_older_backup_is_restored_and_upgraded_on_the_next_start() {
    let files = tempfile::tempdir().unwrap();
    let old = files.path().join("old.db");
    {
        let db = Db::create_at_version(&old, 1).unwrap();
        people::add(
            &db,
            NewPerson {
                name: "From v1".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let db = with_people(&["Ann Lee"]);
    db.json(&["restore", &old.display().to_string(), "--yes"]);
    assert_eq!(db.names(), ["From v1"]);
    let info = db.json(&["info"]);
    assert_eq!(info["schema_version"], store::latest_version());
    let before_upgrade = snapshot(&old);
    assert!(!before_upgrade.0.is_empty());
    assert!(backup::list(&db.path)
        .unwrap()
        .iter()
        .any(|b| b.reason == Reason::Migration && b.schema_version == 1));
}
