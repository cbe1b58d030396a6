//! `ladder start`, `ladder overview`, `ladder info` and `ladder demo`.

use std::io::{BufRead, IsTerminal, Write};

use ladder::checks::{self, Finding};
use ladder::meetings::CadenceStatus;
use ladder::overview::{self, Overview};
use ladder::people::{self, ListOptions};
use ladder::{backup, demo, generate, profile, store, Result};

use crate::cmd_plans::print_findings;
use crate::output::{or_dash, Table};
use crate::Ctx;

/// What `make run` shows: the overview, after offering the demo team to an empty database.
pub fn start(ctx: &Ctx) -> Result<()> {
    let everyone = people::list(
        &ctx.db,
        ListOptions {
            everyone: true,
            include_archived: true,
        },
    )?;
    if everyone.is_empty() && !ctx.json {
        println!("Your Ladder database is new: {}", path(ctx));
        if std::io::stdin().is_terminal() && ask("Load the demo team to look around? [y/N] ") {
            demo(ctx, None, 1)?;
            println!();
        } else {
            println!(
                "Load a demo team with `ladder demo`, or add people with `ladder person add NAME`."
            );
            return Ok(());
        }
    }
    overview(ctx)
}

fn ask(question: &str) -> bool {
    print!("{question}");
    std::io::stdout().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && answer.trim().eq_ignore_ascii_case("y")
}

/// The overview and, below it, the plan checks of the same people.
#[derive(serde::Serialize)]
struct WithFindings {
    #[serde(flatten)]
    overview: Overview,
    findings: Vec<Finding>,
}

pub fn overview(ctx: &Ctx) -> Result<()> {
    let overview = overview::team(&ctx.db, ctx.today)?;
    let findings = checks::run(&ctx.db, &profile::visible_ids(&ctx.db)?, ctx.today)?;
    let o = WithFindings { overview, findings };
    ctx.show(&o, || print_overview(&o));
    Ok(())
}

fn print_overview(
    WithFindings {
        overview: o,
        findings,
    }: &WithFindings,
) {
    match &o.me {
        Some(me) => println!("Team of {} ({}) · {}", me.name, me.role, o.today),
        None => println!("Everyone in Ladder · {}", o.today),
    }
    println!();
    if o.rows.is_empty() {
        println!("Nobody to show yet. Add people with `ladder person add NAME --manager YOU`.");
        return;
    }
    let mut t = Table::new(&[
        "name",
        "title",
        "level",
        "open goals",
        "to do",
        "overdue",
        "warnings",
        "next meeting",
    ]);
    for r in &o.rows {
        let meeting = match (r.meeting.status, r.meeting.next_scheduled) {
            (CadenceStatus::Missed, Some(d)) => format!("MISSED {d}, not recorded"),
            (CadenceStatus::Overdue, _) => format!("OVERDUE {}d", r.meeting.overdue_days),
            (CadenceStatus::Scheduled, Some(d)) => d.to_string(),
            _ => format!("due by {}", r.meeting.due_on),
        };
        t.row(vec![
            r.name.clone(),
            or_dash(&r.job_title),
            or_dash(&r.level),
            r.open_goals.to_string(),
            r.open_activities.to_string(),
            r.overdue_activities.to_string(),
            r.plan_warnings.to_string(),
            meeting,
        ]);
    }
    t.print();
    println!("\nPlan checks ({})", findings.len());
    print_findings(findings);
}

pub fn info(ctx: &Ctx) -> Result<()> {
    let backups = ctx.db.path().map(backup::folder);
    let latest = ctx.db.path().and_then(backup::latest);
    let value = serde_json::json!({
        "path": ctx.db.path(),
        "schema_version": ctx.db.schema_version()?,
        "latest_schema_version": store::latest_version(),
        "read_only": ctx.db.read_only(),
        "backups": backups,
        "latest_backup": latest,
    });
    ctx.show(&value, || {
        println!("database        {}", path(ctx));
        println!("schema version  {}", value["schema_version"]);
        if let Some(reason) = ctx.db.read_only() {
            println!("read-only       {reason}");
        }
        if let Some(dir) = &backups {
            println!("backups         {}", dir.display());
        }
        if let Some(b) = &latest {
            println!("latest backup   {}", b.display());
        }
    });
    Ok(())
}

pub fn demo(ctx: &Ctx, people: Option<i64>, seed: u64) -> Result<()> {
    if let Some(n) = people {
        let sum = generate::generate(&ctx.db, n, seed, ctx.today)?;
        ctx.show(&sum, || {
            println!(
                "Generated an organisation of {} people under {} (seed {seed}): {} goals, {} activities, {} ratings, {} meetings, {} action items, {} readiness assessments, {} change{}.",
                sum.people, sum.manager, sum.goals, sum.activities, sum.ratings, sum.meetings,
                sum.action_items, sum.readiness_assessments, sum.changes,
                if sum.changes == 1 { "" } else { "s" }
            );
            println!("You are {} (manager). Try `ladder overview` or `ladder plan check`.", sum.manager);
        });
        return Ok(());
    }
    let sum = demo::load(&ctx.db, ctx.today)?;
    ctx.show(&sum, || {
        println!(
            "Loaded the demo team of {}: {} people, {} goals, {} activities, {} ratings, {} meetings, {} action items, {} change{}.",
            sum.manager, sum.people, sum.goals, sum.activities, sum.ratings, sum.meetings, sum.action_items,
            sum.changes, if sum.changes == 1 { "" } else { "s" }
        );
        println!("You are {} (manager). Try `ladder overview`, `ladder plan show Priya`, `ladder meeting prepare Tom` or `ladder change show on-call`.", sum.manager);
    });
    Ok(())
}

fn path(ctx: &Ctx) -> String {
    ctx.db
        .path()
        .map_or_else(|| "(in memory)".into(), |p| p.display().to_string())
}
