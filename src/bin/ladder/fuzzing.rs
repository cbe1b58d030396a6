//! The `cli` fuzz target (`cargo fuzz run cli`, see fuzz/): an arbitrary argument list,
//! NUL-separated, goes through the same clap parser and [`crate::run_at`] as a
//! user's command line, on a fresh copy of the demo database in
//! a scratch folder. Errors are expected; a panic or a crash is a bug. Compiled only with
//! `--cfg fuzzing`.

use std::path::PathBuf;
use std::sync::OnceLock;

use clap::Parser;
use ladder::{demo, Db};

use crate::args::Cli;

/// Longest argument list tried: longer ones add nothing the parser has not seen.
const MAX_ARGS: usize = 32;

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

struct Sandbox {
    /// The scratch folder, also the working directory: relative paths land here.
    dir: PathBuf,
    /// The bytes of a database holding the demo team.
    template: Vec<u8>,
}

fn sandbox() -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| {
        // Memory-backed where there is one: the commands write and sync a lot.
        let base = ["/dev/shm"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        let dir = base.join(format!("ladder-fuzz-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        std::env::set_current_dir(&dir).expect("enter the scratch folder");
        let path = dir.join("template.db");
        let _ = std::fs::remove_file(&path);
        {
            let db = Db::open(&path).expect("template database");
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
            demo::load(&db, today).expect("demo team");
        }
        let template = std::fs::read(&path).expect("read the template");
        Sandbox { dir, template }
    })
}

fn run(data: &[u8]) {
    let sandbox = sandbox();
    let args: Vec<String> = data
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    // Only names inside the scratch folder: no path reaches a file outside it.
    if args.len() > MAX_ARGS
        || args
            .iter()
            .any(|a| a.contains(['/', '\\']) || a.contains("..") || a.starts_with('~'))
    {
        return;
    }
    let Ok(cli) = Cli::try_parse_from(std::iter::once("ladder".to_string()).chain(args)) else {
        return;
    };
    let path = sandbox.dir.join("work.db");
    for suffix in ["-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    std::fs::write(&path, &sandbox.template).expect("copy the template");
    let _ = crate::run_at(cli, &path);
}
