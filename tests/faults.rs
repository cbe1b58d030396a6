//! Faults Ladder must survive without losing anything it confirmed and without damaging
//! the file (`PRAGMA integrity_check` = ok): a SIGKILL in a stream of writes, a full
//! disk, a read-only file or folder, a damaged file, a migration killed half-way, a backup
//! taken while another process writes, and two processes writing at once.
//!
//! Some faults need root: a small tmpfs for the full disk, a read-only remount or an
//! immutable file (`chattr +i`) for the read-only cases, because root ignores file
//! permissions. Where the machine does not allow them, the test says so loudly on stderr
//! and skips that part; it never passes silently.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use common::{integrity, json_error, people_in, TempDb, TODAY};
use ladder::people::{self, NewPerson};
use ladder::{store, Db};

/// Says on the real stderr, past the test harness's capture, that part of a test did
/// not run.
fn skipped(test: &str, why: &str) {
    let line = format!("\n*** SKIPPED {test}: {why} ***\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

fn ladder(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ladder"));
    cmd.env("LADDER_DB", db).args(["--today", TODAY]);
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    ladder(db).args(args).output().expect("run ladder")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "ladder {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn has_table(path: &Path, table: &str) -> bool {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        > 0
}

/// A small pseudo-random sequence (xorshift), seeded from the clock and printed, so a
/// failing run can be told apart from a passing one.
struct Rng(u64);

impl Rng {
    fn new(test: &str) -> Rng {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        println!("{test}: seed {seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A tmpfs mounted for one test in a fresh folder, unmounted when dropped.
struct Tmpfs {
    mnt: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as `mount -o size=` reads it), or says loudly why not.
    fn mount(test: &str, size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mnt = dir.path().join("mnt");
        std::fs::create_dir(&mnt).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&mnt)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { mnt, _dir: dir }),
            Ok(o) => {
                skipped(
                    test,
                    &format!(
                        "mounting a tmpfs is not permitted here (run the tests as root): {}",
                        stderr(&o).trim()
                    ),
                );
                None
            }
            Err(e) => {
                skipped(test, &format!("no `mount` command: {e}"));
                None
            }
        }
    }

    fn remount(&self, mode: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.mnt)
            .output()
            .unwrap();
        assert!(out.status.success(), "remount {mode}: {}", stderr(&out));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mnt).output();
    }
}

/// A file or folder made unwritable for one test, undone when dropped. Root ignores
/// permission bits, so as root this is `chattr +i` (immutable: refused even to root);
/// as anyone else, plain permissions (`chmod a-w`).
enum Unwritable {
    Immutable(PathBuf),
    Permissions(PathBuf, std::fs::Permissions),
}

impl Unwritable {
    fn set(test: &str, path: &Path) -> Option<Unwritable> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            use std::os::unix::fs::PermissionsExt;
            let before = std::fs::metadata(path).unwrap().permissions();
            let mode = before.mode() & !0o222;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
            return Some(Unwritable::Permissions(path.to_path_buf(), before));
        }
        match Command::new("chattr").arg("+i").arg(path).output() {
            Ok(o) if o.status.success() => Some(Unwritable::Immutable(path.to_path_buf())),
            Ok(o) => {
                skipped(
                    test,
                    &format!(
                        "chattr +i failed on {} (a file system with attributes is needed): {}",
                        path.display(),
                        stderr(&o).trim()
                    ),
                );
                None
            }
            Err(e) => {
                skipped(test, &format!("no `chattr` command (e2fsprogs): {e}"));
                None
            }
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        match self {
            Unwritable::Immutable(path) => {
                let _ = Command::new("chattr").arg("-i").arg(path).output();
            }
            Unwritable::Permissions(path, before) => {
                let _ = std::fs::set_permissions(path, before.clone());
            }
        }
    }
}

#[test]
fn sigkill_in_a_stream_of_writes_loses_no_confirmed_write() {
    let db = TempDb::new();
    db.ok(&["person", "add", "Seed Person"]);
    let mut rng = Rng::new("sigkill");
    let mut confirmed_people = vec!["Seed Person".to_string()];
    let mut confirmed_ratings = Vec::new();
    let mut killed = Vec::new();
    // How long the last command left alone took: kills are drawn within that, so that
    // they land inside a command's life on a fast machine as on a slow one.
    let mut lifetime = Duration::from_millis(45);
    for i in 0..48 {
        let name = format!("Stream {i:02}");
        let rate = i % 3 == 2;
        let args: Vec<&str> = if rate {
            vec![
                "rate",
                "Seed Person",
                "communication",
                "3",
                "--evidence",
                &name,
            ]
        } else {
            vec!["person", "add", &name]
        };
        let started = Instant::now();
        let mut child = ladder(&db.path)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Every other command is killed at a random point of its life: while it opens
        // the database, takes the day's backup, writes, commits or exits.
        if i % 2 == 1 {
            let life = lifetime.as_micros().max(1) as u64;
            std::thread::sleep(Duration::from_micros(rng.below(life)));
            let _ = child.kill();
        }
        let status = child.wait().unwrap();
        if i % 2 == 0 {
            lifetime = started.elapsed();
        }
        if status.success() {
            if rate {
                confirmed_ratings.push(name);
            } else {
                confirmed_people.push(name);
            }
        } else if status.signal() == Some(libc::SIGKILL) {
            killed.push(name);
        } else {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            panic!("ladder {args:?} failed after earlier kills: {status}: {err}");
        }
    }
    println!(
        "{} of 24 commands killed, {} writes confirmed",
        killed.len(),
        confirmed_people.len() + confirmed_ratings.len()
    );
    assert!(
        !killed.is_empty(),
        "no command was killed: the test tested nothing"
    );

    assert_eq!(integrity(&db.path), "ok");
    let people = db.names();
    for name in &confirmed_people {
        assert!(people.contains(name), "confirmed {name} is missing");
    }
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let evidence: Vec<String> = conn
        .prepare("SELECT evidence FROM ratings")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for name in &confirmed_ratings {
        assert!(
            evidence.contains(name),
            "confirmed rating {name} is missing"
        );
    }
    let landed = killed.iter().filter(|n| people.contains(n)).count();
    println!("{landed} killed `person add` commands had committed before the kill");
    // A killed command wrote all of itself or nothing: no name twice.
    let mut unique = people.clone();
    unique.dedup();
    assert_eq!(unique.len(), people.len());
    db.ok(&["person", "add", "After the kills"]);
    assert_eq!(integrity(&db.path), "ok");
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_database_works_once_there_is_room() {
    let Some(fs) = Tmpfs::mount("full disk", "4m") else {
        return;
    };
    let db = fs.mnt.join("ladder.db");
    ok(&db, &["person", "add", "Ann Lee"]);
    ok(&db, &["info"]); // the day's backup, out of the way
                        // Leave 192 KB free: a slack file, the rest filled up, then the slack removed.
    let slack = fs.mnt.join("slack");
    std::fs::write(&slack, vec![0u8; 192 * 1024]).unwrap();
    let filler = fs.mnt.join("filler");
    {
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 64 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.write_all(&chunk[..1]);
        let _ = f.sync_all();
    }
    std::fs::remove_file(&slack).unwrap();

    let title = "x".repeat(3000);
    let mut confirmed = vec!["Ann Lee".to_string()];
    let mut failed = None;
    for i in 0..400 {
        let name = format!("Filler person {i:03}");
        let out = run(&db, &["--json", "person", "add", &name, "--title", &title]);
        if out.status.success() {
            confirmed.push(name);
        } else {
            failed = Some((name, out));
            break;
        }
    }
    let (failed_name, out) = failed.expect("the disk never filled up");
    println!("{} people added before the disk was full", confirmed.len());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = json_error(&out);
    assert_eq!(err["error"]["code"], "disk_full", "{err}");
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("the disk is full"));
    let human = run(&db, &["person", "add", "Still no room"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(
        stderr(&human).contains("ladder: the disk is full"),
        "{}",
        stderr(&human)
    );

    std::fs::remove_file(&filler).unwrap();
    assert_eq!(integrity(&db), "ok");
    let names = people_in(&db);
    for name in &confirmed {
        assert!(names.contains(name), "confirmed {name} is missing");
    }
    assert!(!names.contains(&failed_name), "the refused write landed");
    assert!(!names.contains(&"Still no room".to_string()));
    ok(&db, &["person", "add", "Room again"]);
    ok(&db, &["backup"]);
    assert_eq!(integrity(&db), "ok");
}

/// Reading works and writing is refused with `read_only`, naming the file.
fn reads_but_refuses_writes(db: &Path, people: &[&str], why: &str) {
    let listed = common::names_in(
        &serde_json::from_str(&ok(db, &["--json", "person", "list", "--all"])).unwrap(),
    );
    assert_eq!(listed, people);
    let out = run(db, &["--json", "person", "add", "Cannot Write"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = json_error(&out);
    assert_eq!(err["error"]["code"], "read_only", "{err}");
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains(why), "{message}");
    let info = ok(db, &["info"]);
    assert!(info.contains("read-only"), "{info}");
    // Reading left no -wal or -shm behind: created with the file's read-only
    // permissions, they would keep Ladder from writing once the file is writable again.
    for suffix in ["-wal", "-shm"] {
        assert!(
            !Path::new(&format!("{}{suffix}", db.display())).exists(),
            "{suffix}"
        );
    }
}

#[test]
fn a_read_only_file_system_reads_and_refuses_writes_clearly() {
    // The whole file system is remounted read-only: EROFS, which binds root too.
    let Some(fs) = Tmpfs::mount("read-only file system", "8m") else {
        return;
    };
    let db = fs.mnt.join("ladder.db");
    ok(&db, &["person", "add", "Ann Lee"]);
    ok(&db, &["person", "add", "Bo Chen"]);
    ok(&db, &["backup"]);
    fs.remount("ro");
    reads_but_refuses_writes(&db, &["Ann Lee", "Bo Chen"], "mounted read-only");
    // A backup or a restore cannot write either: a clear error, never a crash.
    let out = run(&db, &["backup"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Read-only file system"),
        "{}",
        stderr(&out)
    );
    let newest = ladder::backup::latest(&db).unwrap();
    let out = run(&db, &["restore", &newest.display().to_string(), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    fs.remount("rw");
    ok(&db, &["person", "add", "Cy Diaz"]);
    assert_eq!(integrity(&db), "ok");
    assert_eq!(people_in(&db), ["Ann Lee", "Bo Chen", "Cy Diaz"]);
}

#[test]
fn an_unwritable_database_file_or_folder_reads_and_refuses_writes_clearly() {
    // The kernel refuses writes to the file (or new files in the folder): `chattr +i` as
    // root, permissions otherwise. Ladder asks access(2), which reports either, and
    // opens the database read-only.
    let db = TempDb::new();
    db.ok(&["person", "add", "Ann Lee"]);
    db.ok(&["info"]);
    {
        let Some(_guard) = Unwritable::set("unwritable file", &db.path) else {
            return;
        };
        reads_but_refuses_writes(&db.path, &["Ann Lee"], "immutable");
    }
    db.ok(&["person", "add", "Bo Chen"]);
    {
        let Some(_guard) = Unwritable::set("unwritable folder", db.dir()) else {
            return;
        };
        reads_but_refuses_writes(&db.path, &["Ann Lee", "Bo Chen"], "its folder");
    }
    db.ok(&["person", "add", "Cy Diaz"]);
    assert_eq!(integrity(&db.path), "ok");

    // A file from an older Ladder cannot be shown without upgrading it: a clear refusal.
    let old = TempDb::new();
    drop(Db::create_at_version(&old.path, 1).unwrap());
    let before = std::fs::read(&old.path).unwrap();
    {
        let Some(_guard) = Unwritable::set("unwritable old file", &old.path) else {
            return;
        };
        let out = old.run(&["--json", "person", "list"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = json_error(&out);
        assert_eq!(err["error"]["code"], "read_only", "{err}");
        assert!(err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("schema version"));
    }
    assert!(std::fs::read(&old.path).unwrap() == before);
    assert_eq!(old.names(), Vec::<String>::new());
}

#[test]
fn a_damaged_file_is_named_left_alone_and_the_latest_backup_offered() {
    type Damage = fn(&Path);
    let cases: [(&str, Damage, &str); 4] = [
        (
            "truncated",
            |p| {
                let len = std::fs::metadata(p).unwrap().len();
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(p)
                    .unwrap()
                    .set_len(len / 2)
                    .unwrap();
            },
            "corrupt",
        ),
        ("emptied", |p| std::fs::write(p, b"").unwrap(), "corrupt"),
        (
            "not SQLite",
            |p| std::fs::write(p, b"Meeting notes, saved over the database\n".repeat(400)).unwrap(),
            "not_ladder_database",
        ),
        (
            "a page overwritten",
            |p| {
                let conn = rusqlite::Connection::open(p).unwrap();
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
                let mut bytes = std::fs::read(p).unwrap();
                let (start, size) = ((page - 1) as usize * size as usize, size as usize);
                bytes[start..start + size].fill(0x5a);
                std::fs::write(p, bytes).unwrap();
            },
            "corrupt",
        ),
    ];
    for (what, damage, code) in cases {
        let db = TempDb::new();
        db.ok(&["person", "add", "Ann Lee"]);
        let newest = db.ok(&["backup"]).trim().to_string();
        damage(&db.path);
        let before = std::fs::read(&db.path).unwrap();

        let out = db.run(&["--json", "person", "list"]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        let err = json_error(&out);
        assert_eq!(err["error"]["code"], code, "{what}: {err}");
        let message = err["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(&db.path.display().to_string()),
            "{what}: {message}"
        );
        assert!(
            message.contains(&format!("`ladder restore {newest}`")),
            "{what}: {message}"
        );
        let human = stderr(&db.run(&["person", "add", "Bo Chen"]));
        assert!(human.contains("ladder restore"), "{what}: {human}");
        assert!(
            std::fs::read(&db.path).unwrap() == before,
            "{what}: the damaged file was changed"
        );

        // The offer works.
        db.ok(&["restore", &newest, "--yes"]);
        assert_eq!(db.names(), ["Ann Lee"], "{what}");
        assert_eq!(integrity(&db.path), "ok", "{what}");
    }
}

#[test]
fn an_interrupted_migration_leaves_the_old_version_whole() {
    if !cfg!(debug_assertions) {
        skipped(
            "interrupted migration",
            "the migration test hook exists in debug builds only",
        );
        return;
    }
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
    let still_v1 = |when: &str| {
        assert_eq!(user_version(&tmp.path), 1, "{when}");
        assert_eq!(integrity(&tmp.path), "ok", "{when}");
        assert_eq!(people_in(&tmp.path), ["Kept since v1"], "{when}");
        // Neither migration 2 nor 3 left anything: they share one transaction.
        assert!(!has_table(&tmp.path, "readiness_assessments"), "{when}");
        assert!(!has_table(&tmp.path, "changes"), "{when}");
    };

    // Failing between the statements of the upgrade, after migration 2 ran.
    let out = tmp.run_env(
        &[("LADDER_TEST_MIGRATION_HOOK", "fail:2")],
        &["person", "list"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("test hook"), "{}", stderr(&out));
    still_v1("after a failed migration");

    // Killed with SIGKILL just before the commit, after migrations 2 and 3 ran.
    let mut child = ladder(&tmp.path)
        .env(
            "LADDER_TEST_MIGRATION_HOOK",
            format!("pause:{}", store::latest_version()),
        )
        .args(["person", "list"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let paused = loop {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) if line.contains("migration paused") => break true,
            Ok(_) => continue,
            Err(_) => break false,
        }
    };
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(paused, "the migration never reached the hook");
    assert_eq!(status.signal(), Some(libc::SIGKILL));
    still_v1("after a killed migration");

    // Each attempt first backed the old version up.
    let backups = ladder::backup::list(&tmp.path).unwrap();
    assert_eq!(backups.len(), 2);
    for b in &backups {
        assert_eq!(b.schema_version, 1);
        assert_eq!(people_in(&b.path), ["Kept since v1"]);
    }

    // An ordinary start then upgrades it, data intact.
    assert_eq!(tmp.names(), ["Kept since v1"]);
    assert_eq!(user_version(&tmp.path), store::latest_version());
    assert_eq!(integrity(&tmp.path), "ok");
}

#[test]
fn a_backup_taken_while_another_process_writes_is_consistent() {
    let db = Arc::new(TempDb::new());
    db.ok(&["person", "add", "Writer 0000"]);
    let confirmed = Arc::new(AtomicUsize::new(1));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, confirmed, stop) = (db.clone(), confirmed.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut i = 1;
            while !stop.load(Ordering::SeqCst) && i < 500 {
                db.ok(&["person", "add", &format!("Writer {i:04}")]);
                i += 1;
                confirmed.store(i, Ordering::SeqCst);
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    for round in 1..=6 {
        while confirmed.load(Ordering::SeqCst) < round * 3 {
            assert!(Instant::now() < deadline, "the writer made no progress");
            std::thread::sleep(Duration::from_millis(5));
        }
        // Every write confirmed before the backup starts is a known committed prefix.
        let prefix = confirmed.load(Ordering::SeqCst);
        let path = PathBuf::from(db.ok(&["backup"]).trim());
        assert_eq!(integrity(&path), "ok");
        let held: Vec<usize> = people_in(&path)
            .iter()
            .map(|n| n.trim_start_matches("Writer ").parse().unwrap())
            .collect();
        assert!(held.len() >= prefix, "{} of {prefix} confirmed", held.len());
        // One snapshot: writes land in order, so the backup holds an unbroken prefix.
        assert_eq!(held, (0..held.len()).collect::<Vec<_>>());
    }
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    assert_eq!(db.names().len(), confirmed.load(Ordering::SeqCst));
    assert_eq!(integrity(&db.path), "ok");
}

#[test]
fn two_processes_writing_at_once_both_succeed_or_one_is_told_busy() {
    let db = Arc::new(TempDb::new());
    db.ok(&["person", "add", "Seed Person"]);
    db.ok(&["info"]);
    let writers: Vec<_> = (0..2)
        .map(|t| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut confirmed = Vec::new();
                for i in 0..12 {
                    let name = format!("Writer {t}-{i:02}");
                    let out = db.run(&["--json", "person", "add", &name]);
                    if out.status.success() {
                        confirmed.push(name);
                    } else {
                        // The only acceptable failure: busy, after the timeout.
                        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
                        assert_eq!(json_error(&out)["error"]["code"], "busy");
                    }
                }
                confirmed
            })
        })
        .collect();
    let confirmed: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let names = db.names();
    for name in &confirmed {
        assert!(names.contains(name), "confirmed {name} is missing");
    }
    let written = names.iter().filter(|n| n.starts_with("Writer ")).count();
    assert_eq!(written, confirmed.len(), "a refused write landed");
    assert_eq!(integrity(&db.path), "ok");

    // The other process (the desktop app, say) holds the write lock past the timeout.
    let app = rusqlite::Connection::open(&db.path).unwrap();
    app.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES ('held', '1');")
        .unwrap();
    let out = db.run(&["--json", "person", "add", "Blocked"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = json_error(&out);
    assert_eq!(err["error"]["code"], "busy", "{err}");
    assert!(err["error"]["message"].as_str().unwrap().contains("busy"));
    app.execute_batch("ROLLBACK").unwrap();
    drop(app);
    assert!(!db.names().contains(&"Blocked".to_string()));
    db.ok(&["person", "add", "Blocked"]);
    assert_eq!(integrity(&db.path), "ok");
}

#[test]
fn restore_waits_for_another_ladder_and_refuses_while_it_has_the_file_open() {
    let db = TempDb::new();
    db.ok(&["person", "add", "Ann Lee"]);
    let saved = db.ok(&["backup"]).trim().to_string();
    db.ok(&["person", "add", "Bo Chen"]);
    // Open, idle, as a running desktop app would be.
    let app = rusqlite::Connection::open(&db.path).unwrap();
    app.query_row("SELECT count(*) FROM people", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let out = db.run(&["--json", "restore", &saved, "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json_error(&out)["error"]["code"], "busy");
    assert_eq!(people_in(&db.path), ["Ann Lee", "Bo Chen"]);
    let aside = std::fs::read_dir(db.dir())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("replaced"));
    assert!(!aside, "nothing is kept aside when nothing was replaced");
    drop(app);
    db.ok(&["restore", &saved, "--yes"]);
    assert_eq!(db.names(), ["Ann Lee"]);
}
