//! Helpers shared by the integration tests: a temporary database and the built binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The date every test treats as today.
pub const TODAY: &str = "2026-11-23";

/// A temporary folder holding one Ladder database.
pub struct TempDb {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ladder.db");
        TempDb { _dir: dir, path }
    }

    /// Runs `ladder` on this database with today fixed.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ladder"))
            .env("LADDER_DB", &self.path)
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("run ladder")
    }

    /// Runs a command that must succeed and returns its JSON output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "ladder {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    /// Runs a command that must succeed and returns what it printed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "ladder {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// The bytes of the database file and its WAL, to prove nothing changed.
    pub fn snapshot(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        snapshot(&self.path)
    }
}

/// Runs a command that must be refused as bad input, and checks the code, the field, the
/// message and that the database did not change by a single byte.
pub fn refused(db: &TempDb, args: &[&str], field: &str, message: &str) {
    let before = db.snapshot();
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = db.run(&all);
    assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2");
    let err: Value = serde_json::from_slice(&out.stderr).expect("JSON error on stderr");
    assert_eq!(err["error"]["field"], field, "{err}");
    let text = err["error"]["message"].as_str().unwrap();
    assert!(
        text.contains(message),
        "{text:?} should contain {message:?}"
    );
    assert!(out.stdout.is_empty());
    assert!(db.snapshot() == before, "{args:?} changed the database");

    // The same mistake without --json: the same message, for a person.
    let out = db.run(args);
    assert_eq!(out.status.code(), Some(2));
    let human = String::from_utf8_lossy(&out.stderr);
    assert!(human.contains(message), "{human}");
    assert!(db.snapshot() == before, "{args:?} changed the database");
}

pub fn snapshot(path: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (
        std::fs::read(path).expect("database file"),
        std::fs::read(PathBuf::from(wal)).ok(),
    )
}

impl TempDb {
    /// The folder holding the database (and its `backups/`).
    pub fn dir(&self) -> &Path {
        self.path.parent().expect("a folder")
    }

    /// Runs `ladder` on this database with extra environment variables.
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ladder"))
            .env("LADDER_DB", &self.path)
            .envs(env.iter().copied())
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("run ladder")
    }

    /// The names of everyone in the database, archived or not, read by the CLI.
    pub fn names(&self) -> Vec<String> {
        names_in(&self.json(&["person", "list", "--all", "--archived"]))
    }
}

/// The `name` of every object in a JSON array.
pub fn names_in(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect()
}

/// `PRAGMA integrity_check` of the database at `path`, opened read-only.
pub fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .expect("open read-only");
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.join("; ")
}

/// The names in the `people` table of the database at `path`, opened read-only.
pub fn people_in(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .expect("open read-only");
    let mut stmt = conn
        .prepare("SELECT name FROM people ORDER BY name")
        .unwrap();
    let names = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
}

/// The parsed JSON error a failed `--json` command printed on stderr (the last line, after
/// any warnings).
pub fn json_error(out: &Output) -> Value {
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|_| panic!("a JSON error on stderr: {text}"))
}

/// A change owned by one person, high impact and welcomed, with nothing required of it
/// yet; tests change a field with struct update syntax.
pub fn new_change(name: &str, owner_id: &str) -> ladder::change::NewChange {
    use ladder::change::{Effect, Impact, NewChange, OrgAwareness};
    NewChange {
        name: name.into(),
        description: String::new(),
        parent_id: None,
        owner_ids: vec![owner_id.into()],
        impact: Impact::High,
        effect: Effect::Positive,
        training_required: false,
        comms_plan_required: false,
        org_changes: false,
        awareness: OrgAwareness::Low,
    }
}
