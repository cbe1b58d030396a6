//! Ladder at scale: a generated organisation (`ladder::generate`) of each size, and the
//! median time of what a manager does with it. `make bench` runs it (`cargo bench --bench
//! scale`) and writes BENCHMARKS.md. Under `cargo test` (no `--bench` argument) it runs
//! once at a tiny size, so the harness never rots; nothing about speed is asserted.
//!
//! Sizes: LADDER_BENCH_SIZES (comma-separated, default 100,1000,10000); the core-only
//! queries also run at LADDER_BENCH_CORE_SIZES (default 100000). Repetitions:
//! LADDER_BENCH_REPS (default 5, 3 at 10,000 people and 1 from 100,000 on, which keeps
//! `make bench` near its 15 minutes on 2 cores); the Python comparisons
//! LADDER_BENCH_PY_REPS (default: the same, but 1 from 10,000 people on). BENCHMARKS.md is written when LADDER_BENCH_OUT names it.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ladder::change::{assessments, register};
use ladder::export::{self, Fill, Kind};
use ladder::{
    checks, competencies, dashboard, generate, import, meetings, overview, people, plans,
    promotion, Db,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn sizes(var: &str, default: &str) -> Vec<i64> {
    std::env::var(var)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().expect("a size is a whole number"))
        .collect()
}

/// The CPU time this thread has used. On a shared machine the wall-clock time of a run
/// swings with everyone else's load; its CPU time much less.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `t` is.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The median wall-clock and the median CPU time of `reps` runs of `f`.
fn median<T>(reps: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let (mut walls, mut cpus): (Vec<Duration>, Vec<Duration>) = (0..reps.max(1))
        .map(|_| {
            let (t, c) = (Instant::now(), thread_cpu());
            black_box(f());
            (t.elapsed(), thread_cpu() - c)
        })
        .unzip();
    walls.sort();
    cpus.sort();
    (walls[walls.len() / 2], cpus[cpus.len() / 2])
}

struct Row {
    people: i64,
    what: &'static str,
    time: Duration,
    cpu: Option<Duration>,
    target: Option<String>,
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The peak resident memory of exporting the team plan workbook, in a child process
/// (this binary again, with `--rss-export PATH`), so the parent's memory does not count.
fn export_peak_rss(path: &Path) -> Option<u64> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .arg("--rss-export")
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn rss_export_child(path: &str) {
    let db = Db::open(Path::new(path)).expect("open");
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).expect("export");
    black_box(bytes);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0");
    println!("{kib}");
}

fn run_size(n: i64, reps: usize, core_only: bool, rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().expect("temp dir");
    // LADDER_BENCH_CACHE keeps each generated organisation in that folder and reuses it,
    // to iterate on the queries without generating again (generation is then not timed).
    let cache = std::env::var_os("LADDER_BENCH_CACHE").map(std::path::PathBuf::from);
    let path = match &cache {
        Some(d) => d.join(format!("org-{n}.db")),
        None => dir.path().join("org.db"),
    };
    let cached = cache.is_some() && path.exists();
    let mut push = |what, (time, cpu): (Duration, Option<Duration>), target: Option<&str>| {
        let cpu_ms = cpu.map(|c| format!(" (CPU {})", ms(c))).unwrap_or_default();
        eprintln!("  {n:>7} {what:<48} {}{cpu_ms}", ms(time));
        rows.push(Row {
            people: n,
            what,
            time,
            cpu,
            target: target.map(str::to_string),
        })
    };
    if !cached {
        let t = Instant::now();
        {
            let db = Db::open(&path).expect("open");
            generate::generate(&db, n, 1, today()).expect("generate");
        }
        push("generate (ladder demo --people)", (t.elapsed(), None), None);
    }

    // The first overview counts everyone's plan figures and keeps them (the plan_tally
    // table); every later one reads what was kept, as a user's next start does. The
    // first is timed alone, with nothing kept (a cached database has its figures
    // cleared first).
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("DELETE FROM plan_tally", []))
        .ok();
    let (wall, cpu) = median(1, || {
        let db = Db::open(&path).expect("open");
        overview::team(&db, today()).expect("overview")
    });
    push(
        "open and list the team overview, nothing kept yet (first open)",
        (wall, Some(cpu)),
        None,
    );
    let (wall, cpu) = median(reps, || {
        let db = Db::open(&path).expect("open");
        overview::team(&db, today()).expect("overview")
    });
    push(
        "open the database and list the team overview",
        (wall, Some(cpu)),
        Some("≤ 50 ms at 10,000"),
    );

    let db = Db::open(&path).expect("open");
    let everyone: Vec<String> = people::list(
        &db,
        people::ListOptions {
            everyone: true,
            include_archived: false,
        },
    )
    .expect("people")
    .into_iter()
    .map(|p| p.id)
    .collect();
    let someone = everyone[everyone.len() / 2].clone();
    let (wall, cpu) = median(reps.max(20), || {
        (
            plans::plan(&db, &someone).expect("plan"),
            competencies::history(&db, &someone, None).expect("ratings"),
            meetings::next_scheduled(&db, &someone).expect("next meeting"),
        )
    });
    push(
        "one person's plan, ratings and next meeting",
        (wall, Some(cpu)),
        Some("≤ 2 ms at 10,000"),
    );

    let (wall, cpu) = median(reps, || {
        checks::run(&db, &everyone, today()).expect("checks")
    });
    push(
        "plan checks for the whole organisation",
        (wall, Some(cpu)),
        Some("≤ 300 ms at 10,000"),
    );

    let first = register::list(&db).expect("changes").remove(0).id;
    let (wall, cpu) = median(reps, || assessments::rollup(&db, &first).expect("rollup"));
    push(
        "change rollup and barrier distribution",
        (wall, Some(cpu)),
        Some("≤ 50 ms at 10,000"),
    );

    let (wall, cpu) = median(reps, || {
        promotion::team(&db, today()).expect("team readiness")
    });
    push(
        "team readiness (latest assessment of everyone)",
        (wall, Some(cpu)),
        None,
    );

    let (wall, cpu) = median(reps, || {
        dashboard::summary(&db, today()).expect("dashboard")
    });
    push("the dashboard (the first screen)", (wall, Some(cpu)), None);

    if core_only {
        return;
    }
    let mut bytes = Vec::new();
    let (wall, cpu) = median(reps, || {
        bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).expect("export");
    });
    let export_time = (wall, cpu);
    push(
        "export the team plan workbook (with the read)",
        (wall, Some(cpu)),
        None,
    );

    // The floor: a bare rust_xlsxwriter program writing the same cells (the values of
    // the exported Plan sheet, read back untimed), with no formats, validations or table.
    let cells = plan_cells(&bytes);
    for (what, low_memory) in [
        ("floor: the same cells, bare rust_xlsxwriter", false),
        ("floor: the same cells, low-memory mode", true),
    ] {
        let (wall, cpu) = median(reps, || floor(&cells, low_memory));
        push(what, (wall, Some(cpu)), None);
    }

    // The import's floor: calamine reading every cell of every sheet, nothing checked.
    let (wall, cpu) = median(reps, || read_floor(&bytes));
    push(
        "floor: read every sheet with calamine alone",
        (wall, Some(cpu)),
        None,
    );

    let (wall, cpu) = median(reps, || {
        import::preview(&db, &bytes, today()).expect("import")
    });
    let import_time = (wall, cpu);
    push(
        "import it back (parse, validate, preview)",
        (wall, Some(cpu)),
        None,
    );

    // The Python spreadsheet libraries on the same workbook, side by side, as ratios.
    if let Some(python) = python() {
        let file = dir.path().join("plan.xlsx");
        std::fs::write(&file, &bytes).expect("write the workbook");
        // openpyxl takes about 2 minutes to write 10,000 people's plans: from that size on,
        // one repetition unless LADDER_BENCH_PY_REPS says otherwise, so `make bench`
        // stays within its time.
        let py_reps = std::env::var("LADDER_BENCH_PY_REPS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(if n >= 10_000 { 1 } else { reps });
        let py = python_compare(&python, &file, py_reps);
        for (key, what, ladder, target) in [
            (
                "xlsxwriter",
                "Python XlsxWriter: the same workbook",
                export_time,
                "Ladder's export ≥ 6× faster at 10,000",
            ),
            (
                "openpyxl",
                "openpyxl: the same workbook",
                export_time,
                "Ladder's export ≥ 15× faster at 10,000",
            ),
            (
                "openpyxl_read",
                "openpyxl read-only: parse it, every row",
                import_time,
                "Ladder's import ≥ 10× faster at 10,000",
            ),
        ] {
            let (wall, cpu) = (py_ms(&py, key, "wall_ms"), py_ms(&py, key, "cpu_ms"));
            let ratio = format!(
                "{target}: {:.1}× (CPU {:.1}×)",
                wall.as_secs_f64() / ladder.0.as_secs_f64(),
                cpu.as_secs_f64() / ladder.1.as_secs_f64()
            );
            push(what, (wall, Some(cpu)), Some(&ratio));
        }
    }

    if let Some(kib) = export_peak_rss(&path) {
        push(
            "peak RSS of the export (MiB, not ms)",
            (Duration::from_secs_f64(kib as f64 / 1024.0 / 1000.0), None),
            None,
        );
    }
}

/// The Python of the virtual environment `make bench-python` makes, when it exists.
fn python() -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/.venv/bin/python");
    p.exists().then_some(p)
}

/// Runs benches/compare.py on the exported workbook: its JSON output.
fn python_compare(python: &Path, workbook: &Path, reps: usize) -> serde_json::Value {
    let out = std::process::Command::new(python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/compare.py"))
        .arg(workbook)
        .arg(reps.to_string())
        .output()
        .expect("run benches/compare.py");
    assert!(
        out.status.success(),
        "benches/compare.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the JSON of benches/compare.py");
    let ver = |k: &str| v["versions"][k].as_str().unwrap_or("?").to_string();
    let _ = PY_VERSIONS.set(format!(
        "Python {}, XlsxWriter {}, openpyxl {}",
        ver("python"),
        ver("xlsxwriter"),
        ver("openpyxl")
    ));
    v
}

/// The versions compare.py reported, for the table's note.
static PY_VERSIONS: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn py_ms(v: &serde_json::Value, key: &str, field: &str) -> Duration {
    let ms = v[key][field]
        .as_f64()
        .expect("a time in the JSON of compare.py");
    Duration::from_secs_f64(ms / 1000.0)
}

/// The cells of the Plan sheet of a workbook, as text, dates and blanks.
fn plan_cells(bytes: &[u8]) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("read back");
    let range = book.worksheet_range("Plan").expect("Plan sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// Reads every sheet of a workbook with calamine and nothing else: the cells in memory,
/// as the import's parse starts.
fn read_floor(bytes: &[u8]) -> usize {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("read back");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            book.worksheet_range(&name)
                .expect("sheet")
                .used_cells()
                .count()
        })
        .sum()
}

/// Writes `cells` with nothing but rust_xlsxwriter: strings as strings, dates with one
/// date format, and returns the file's bytes.
fn floor(cells: &[Vec<calamine::Data>], low_memory: bool) -> Vec<u8> {
    use calamine::Data;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let ws = if low_memory {
        wb.add_worksheet_with_low_memory().expect("sheet")
    } else {
        wb.add_worksheet()
    };
    for (r, row) in cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::DateTime(d) => ws
                    .write_number_with_format(r, c, d.as_f64(), &date)
                    .map(|_| ()),
                Data::Float(x) => ws.write_number(r, c, *x).map(|_| ()),
                _ => Ok(()),
            }
            .expect("write");
        }
    }
    wb.save_to_buffer().expect("save")
}

fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            let model = s
                .lines()
                .find(|l| l.starts_with("model name"))?
                .split(':')
                .nth(1)?
                .trim()
                .to_string();
            let cores = s.lines().filter(|l| l.starts_with("processor")).count();
            Some(format!("{model}, {cores} logical cores"))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn once(what: &str, path: &Path) {
    let db = Db::open(path).expect("open");
    let everyone = || -> Vec<String> {
        let all = people::ListOptions {
            everyone: true,
            include_archived: false,
        };
        people::list(&db, all)
            .expect("people")
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    match what {
        "overview" => drop(black_box(overview::team(&db, today()).expect("overview"))),
        "checks" => {
            let ids = everyone();
            drop(black_box(checks::run(&db, &ids, today()).expect("checks")))
        }
        "rollup" => {
            let first = register::list(&db).expect("changes").remove(0).id;
            drop(black_box(assessments::rollup(&db, &first).expect("rollup")))
        }
        "readiness" => drop(black_box(promotion::team(&db, today()).expect("readiness"))),
        "dashboard" => drop(black_box(
            dashboard::summary(&db, today()).expect("dashboard"),
        )),
        // The team plan workbook exported, then imported back (see `import::preview`'s
        // share of the profile).
        "import" => {
            let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).expect("export");
            drop(black_box(
                import::preview(&db, &bytes, today()).expect("import"),
            ))
        }
        _ => panic!("--once: overview, checks, rollup, readiness, dashboard or import, not {what}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // One core measurement alone, for a profiler (valgrind --tool=callgrind):
    // `--once overview|checks|rollup|readiness|dashboard|import DB`.
    if let Some(i) = args.iter().position(|a| a == "--once") {
        once(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--rss-export") {
        rss_export_child(&args[i + 1]);
        return;
    }
    // `cargo bench` passes --bench; `cargo test` does not: then one tiny, quick run.
    let full = args.iter().any(|a| a == "--bench");
    let (sizes, core_sizes, reps) = if full {
        (
            sizes("LADDER_BENCH_SIZES", "100,1000,10000"),
            sizes("LADDER_BENCH_CORE_SIZES", "100000"),
            std::env::var("LADDER_BENCH_REPS")
                .ok()
                .and_then(|s| s.parse().ok()),
        )
    } else {
        (vec![30], Vec::new(), Some(1))
    };
    // Large sizes take seconds a run; fewer runs there keep the whole bench in budget.
    let reps_at = |n: i64| {
        reps.unwrap_or(if n >= 100_000 {
            1
        } else if n >= 10_000 {
            3
        } else {
            5
        })
    };
    let mut rows = Vec::new();
    for &n in &sizes {
        run_size(n, reps_at(n), false, &mut rows);
    }
    for &n in &core_sizes {
        run_size(n, reps_at(n), true, &mut rows);
    }

    let mut table = String::from(
        "| people | what | median | median CPU | target |\n|---:|---|---:|---:|---|\n",
    );
    for r in &rows {
        let value = if r.what.starts_with("peak RSS") {
            format!("{:.1} MiB", r.time.as_secs_f64() * 1000.0)
        } else if r.what.starts_with("generate") {
            format!("{:.2} s", r.time.as_secs_f64())
        } else {
            ms(r.time)
        };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.people,
            r.what.replace(" (MiB, not ms)", ""),
            value,
            r.cpu.map(ms).unwrap_or_default(),
            r.target.as_deref().unwrap_or("")
        ));
    }
    let versions = python()
        .map(|_| {
            format!(
                "Python comparisons: benches/compare.py ({}) in benches/.venv (`make \
                 bench-python`), on the exported workbook, with the same repetitions (one \
                 from 10,000 people on, unless LADDER_BENCH_PY_REPS is set); each ratio is \
                 the Python median over Ladder's (its export, or its import for the read).",
                PY_VERSIONS
                    .get()
                    .map(String::as_str)
                    .unwrap_or("versions unknown")
            )
        })
        .unwrap_or_else(|| {
            "Python comparisons NOT RUN: benches/.venv is missing (`make bench-python` \
             creates it)."
                .to_string()
        });
    table.push_str(&format!("\n{versions}\n"));
    println!("{table}");
    if let (true, Ok(out)) = (full, std::env::var("LADDER_BENCH_OUT")) {
        let doc = format!(
            "# Benchmarks\n\n\
             Written by `make bench` on {date} (UTC). Machine: {cpu}.\n\n\
             Each figure is the median of {reps} (the person view of at least 20) on an \
             organisation generated by `ladder demo --people N --seed 1` (generation is timed \
             once). Release build; the database is a file on the local disk; workbooks \
             compressed by {compression}.\n\n\
             Commands: `make bench`, which runs `cargo bench --bench scale` with \
             `LADDER_BENCH_OUT=BENCHMARKS.md`; sizes with `LADDER_BENCH_SIZES` and \
             `LADDER_BENCH_CORE_SIZES`, repetitions with `LADDER_BENCH_REPS` (of the Python \
             comparisons, `LADDER_BENCH_PY_REPS`); `make bench` first makes the Python \
             environment with `make bench-python`.\n\n\
             {table}\n",
            date = chrono::Utc::now().format("%Y-%m-%d %H:%M"),
            cpu = cpu(),
            compression = if cfg!(feature = "zlib") {
                "C zlib (`--features zlib`)"
            } else {
                "rust_xlsxwriter's own deflate (zlib-rs; `--features zlib` for C zlib)"
            },
            reps = match reps {
                Some(n) => format!("{n} runs"),
                None => "5 runs (3 at 10,000 people, 1 from 100,000 on)".to_string(),
            },
        );
        let notes =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/NOTES.md"))
                .unwrap_or_default();
        std::fs::write(&out, doc + &notes).expect("write BENCHMARKS.md");
    }
}
