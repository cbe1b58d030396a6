//! The `ladder` command line: parse arguments, call the core, print. No rule lives here.

mod args;
mod cmd_change;
mod cmd_competencies;
mod cmd_meetings;
mod cmd_overview;
mod cmd_people;
mod cmd_plans;
mod cmd_privacy;
mod cmd_readiness;
mod cmd_workbooks;
mod output;

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use ladder::{store, validate, Db, Error, Result};

use args::{Cli, Command};

/// What every command needs: the database, the output mode and the date.
pub struct Ctx {
    pub db: Db,
    pub json: bool,
    pub today: NaiveDate,
}

fn main() -> ExitCode {
    // `ladder overview | head` must end quietly when the reader goes away, as other
    // command-line tools do, instead of panicking on the failed write.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, json);
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let today = match &cli.today {
        Some(d) => validate::date("today", d)?,
        None => chrono::Local::now().date_naive(),
    };
    let path = match cli.db {
        Some(p) => p,
        None => store::default_path()?,
    };
    let ctx = Ctx {
        db: Db::open(&path)?,
        json: cli.json,
        today,
    };
    match cli.command {
        Command::Start => cmd_overview::start(&ctx),
        Command::Overview => cmd_overview::overview(&ctx),
        Command::Info => cmd_overview::info(&ctx),
        Command::Demo => cmd_overview::demo(&ctx),
        Command::Whoami { action } => cmd_people::whoami(&ctx, action),
        Command::Person(cmd) => cmd_people::person(&ctx, cmd),
        Command::Competency(cmd) => cmd_competencies::competency(&ctx, cmd),
        Command::Rate(args) => cmd_competencies::rate(&ctx, args),
        Command::Ratings {
            person,
            competency,
            latest,
        } => cmd_competencies::ratings(&ctx, &person, competency.as_deref(), latest),
        Command::Goal(cmd) => cmd_plans::goal(&ctx, cmd),
        Command::Activity(cmd) => cmd_plans::activity(&ctx, cmd),
        Command::Plan(cmd) => cmd_plans::plan(&ctx, cmd),
        Command::Meeting(cmd) => cmd_meetings::meeting(&ctx, cmd),
        Command::Action(cmd) => cmd_meetings::action(&ctx, cmd),
        Command::Export(args) => cmd_workbooks::export(&ctx, args),
        Command::Import(args) => cmd_workbooks::import(&ctx, args),
        Command::Readiness(cmd) => cmd_readiness::readiness(&ctx, cmd),
        Command::Change(cmd) => cmd_change::change(&ctx, cmd),
        Command::History { record, person } => {
            cmd_privacy::history(&ctx, record.as_deref(), person.as_deref())
        }
    }
}

/// Prints an error to stderr: a line for people, `{"error": {code, message, field}}` with
/// `--json`.
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

impl Ctx {
    /// Prints `value` as JSON, or runs `human` to print it for people.
    pub fn show<T: serde::Serialize + ?Sized>(&self, value: &T, human: impl FnOnce()) {
        if self.json {
            output::json(value);
        } else {
            human();
        }
    }

    /// An optional date argument, or today.
    pub fn date_or_today(&self, field: &'static str, value: Option<&str>) -> Result<NaiveDate> {
        Ok(validate::optional_date(field, value)?.unwrap_or(self.today))
    }
}
