//! The `ladder` command line: parse arguments, call the core, print. No rule lives here.
//!
//! Built with `--cfg fuzzing` (by `cargo fuzz`, see fuzz/), this file is the `cli` fuzz
//! target instead: [`fuzzing`] feeds arbitrary argument lists through the same parser and
//! [`dispatch`] as a user's command line.

#![cfg_attr(fuzzing, no_main)]
#![cfg_attr(fuzzing, allow(unused_imports, dead_code))]

mod args;
mod cmd_backup;
mod cmd_change;
mod cmd_competencies;
mod cmd_dashboard;
mod cmd_meetings;
mod cmd_overview;
mod cmd_people;
mod cmd_plans;
mod cmd_privacy;
mod cmd_readiness;
mod cmd_workbooks;
#[cfg(fuzzing)]
mod fuzzing;
mod output;

use std::path::Path;
#[cfg(not(fuzzing))]
use std::process::ExitCode;

use chrono::NaiveDate;
#[cfg(not(fuzzing))]
use clap::Parser;
use ladder::{store, validate, Db, Error, Result};

use args::{Cli, Command};
use cmd_backup::BackupCmd;

/// What every command needs: the database, the output mode and the date.
pub struct Ctx {
    pub db: Db,
    pub json: bool,
    pub today: NaiveDate,
}

#[cfg(not(fuzzing))]
fn main() -> ExitCode {
    // `ladder overview | head` must end quietly when the reader goes away, as other
    // command-line tools do, instead of panicking on the failed write.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, json);
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

#[cfg(not(fuzzing))]
fn run(cli: Cli) -> Result<()> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => store::default_path()?,
    };
    run_at(cli, &path)
}

/// Runs a parsed command line on the database at `path`: the user's command line and
/// the fuzz target both come through here.
fn run_at(cli: Cli, path: &Path) -> Result<()> {
    let today = match &cli.today {
        Some(d) => validate::date("today", d)?,
        None => chrono::Local::now().date_naive(),
    };
    // Listing and restoring backups work without opening the database, which may be the
    // damaged file they are about to replace.
    let command = match cli.command {
        Command::Backup {
            action: Some(BackupCmd::List),
        } => return cmd_backup::list(cli.json, path),
        Command::Restore(args) => return cmd_backup::restore(cli.json, path, args),
        other => other,
    };
    let ctx = Ctx {
        db: Db::open(path)?,
        json: cli.json,
        today,
    };
    if !matches!(command, Command::Backup { .. }) {
        cmd_backup::daily(&ctx)?;
    }
    dispatch(&ctx, command)
}

/// Runs one command.
fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Backup { .. } => cmd_backup::take(ctx),
        Command::Restore(_) => Err(Error::invalid(
            "command",
            "restore runs before the database is opened",
        )),
        Command::Start => cmd_overview::start(ctx),
        Command::Overview => cmd_overview::overview(ctx),
        Command::Dashboard => cmd_dashboard::dashboard(ctx),
        Command::Info => cmd_overview::info(ctx),
        Command::Demo { people, seed } => cmd_overview::demo(ctx, people, seed),
        Command::Whoami { action } => cmd_people::whoami(ctx, action),
        Command::Person(cmd) => cmd_people::person(ctx, cmd),
        Command::Competency(cmd) => cmd_competencies::competency(ctx, cmd),
        Command::Rate(args) => cmd_competencies::rate(ctx, args),
        Command::Ratings {
            person,
            competency,
            latest,
        } => cmd_competencies::ratings(ctx, &person, competency.as_deref(), latest),
        Command::Goal(cmd) => cmd_plans::goal(ctx, cmd),
        Command::Activity(cmd) => cmd_plans::activity(ctx, cmd),
        Command::Plan(cmd) => cmd_plans::plan(ctx, cmd),
        Command::Meeting(cmd) => cmd_meetings::meeting(ctx, cmd),
        Command::Action(cmd) => cmd_meetings::action(ctx, cmd),
        Command::Export(args) => cmd_workbooks::export(ctx, args),
        Command::Import(args) => cmd_workbooks::import(ctx, args),
        Command::Readiness(cmd) => cmd_readiness::readiness(ctx, cmd),
        Command::Change(cmd) => cmd_change::change(ctx, cmd),
        Command::History { record, person } => {
            cmd_privacy::history(ctx, record.as_deref(), person.as_deref())
        }
    }
}

/// Prints an error to stderr: a line for people, `{"error": {code, message, field}}` with
/// `--json`.
#[cfg(not(fuzzing))]
fn report(e: &Error, json: bool) {
    if json {
        let body = serde_json::json!({
            "error": { "code": e.code(), "message": e.to_string(), "field": e.field() }
        });
        eprintln!("{body}");
    } else {
        eprintln!("ladder: {e}");
    }
}

/// A command line clap refuses: as clap prints it, or with `--json` as every other error
/// is printed then (clap's message without its usage, code `invalid_input`, exit 2).
/// Help and version are printed as asked.
#[cfg(not(fuzzing))]
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let asked = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if asked || !std::env::args_os().any(|a| a == "--json") {
        e.exit();
    }
    // Clap's message runs to the first empty line; usage and hints follow it.
    let text = e.to_string();
    let message = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.trim_start_matches("error: ");
    let body = serde_json::json!({
        "error": { "code": "invalid_input", "message": message, "field": null }
    });
    eprintln!("{body}");
    ExitCode::from(2)
}

/// Prints a warning to stderr: the command goes on. With `--json`, one line
/// `{"warning": {code, message}}`.
fn warn(e: &Error, what: &str, json: bool) {
    if json {
        let body = serde_json::json!({
            "warning": { "code": e.code(), "message": format!("{what}: {e}") }
        });
        eprintln!("{body}");
    } else {
        eprintln!("ladder: warning: {what}: {e}");
    }
}

/// Lets a command that cannot be undone go ahead only with `--yes`; without it, refuses
/// (exit 2, nothing changed) saying what it would do, so the first try is a dry run.
pub fn confirmed(yes: bool, what_it_does: impl FnOnce() -> String) -> Result<()> {
    if yes {
        return Ok(());
    }
    Err(Error::invalid(
        "yes",
        format!("{}; add --yes to confirm", what_it_does()),
    ))
}

impl Ctx {
    /// Prints `value` as JSON, or runs `human` to print it for people.
    pub fn show<T: serde::Serialize + ?Sized>(&self, value: &T, human: impl FnOnce()) {
        output::show(self.json, value, human);
    }

    /// An optional date argument, or today.
    pub fn date_or_today(&self, field: &'static str, value: Option<&str>) -> Result<NaiveDate> {
        Ok(validate::optional_date(field, value)?.unwrap_or(self.today))
    }
}
