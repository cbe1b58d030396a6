//! `ladder meeting` and `ladder action`.

use ladder::meetings::{
    self, ActionItem, ActionOwner, Agenda, CadenceStatus, Conversion, Meeting, NewAction, Section,
};
use ladder::plans::{self, Phase};
use ladder::{people, short_id, validate, Error, Result};

use crate::args::{ActionCmd, MeetingCmd};
use crate::cmd_competencies::print_ratings;
use crate::output::{clip, or_dash, Table};
use crate::Ctx;

pub fn meeting(ctx: &Ctx, cmd: MeetingCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        MeetingCmd::Cadence {
            person,
            weeks,
            days,
        } => {
            // Weeks are checked as weeks, so the error names what was typed; the core
            // checks the days either way.
            let days = match (weeks, days) {
                (Some(w), None) => {
                    let w = validate::integer("cadence_weeks", &w)?;
                    validate::in_range("cadence_weeks", w, 1, 52)? * 7
                }
                (None, Some(d)) => validate::integer("cadence_days", &d)?,
                // Both at once are refused by the argument parser.
                _ => return Err(Error::invalid("cadence_days", "give --weeks or --days")),
            };
            let p = meetings::set_cadence(db, &people::resolve(db, &person)?.id, days)?;
            ctx.show(&p, || {
                println!(
                    "{} now has a development meeting every {} days",
                    p.name, p.cadence_days
                )
            });
        }
        MeetingCmd::Schedule { person, date } => {
            let on = validate::date("scheduled_on", &date)?;
            let m = meetings::schedule(db, &people::resolve(db, &person)?.id, on)?;
            ctx.show(&m, || {
                println!(
                    "Scheduled a development meeting with {} on {} ({})",
                    m.person,
                    m.scheduled_on,
                    short_id(&m.id)
                )
            });
        }
        MeetingCmd::Reschedule { meeting, date } => {
            let on = validate::date("scheduled_on", &date)?;
            let m = meetings::reschedule(db, &resolve(ctx, &meeting)?.id, on)?;
            ctx.show(&m, || {
                println!("Moved the meeting with {} to {}", m.person, m.scheduled_on)
            });
        }
        MeetingCmd::Cancel { meeting } => {
            let m = meetings::cancel(db, &resolve(ctx, &meeting)?.id)?;
            ctx.show(&m, || {
                println!(
                    "Cancelled the meeting with {} of {}",
                    m.person, m.scheduled_on
                )
            });
        }
        MeetingCmd::List { person } => {
            let list = meetings::list(db, &people::resolve(db, &person)?.id)?;
            ctx.show(&list, || {
                if list.is_empty() {
                    println!(
                        "No meetings yet. Schedule one with `ladder meeting schedule PERSON DATE`."
                    );
                    return;
                }
                let mut t = Table::new(&["id", "date", "status", "notes", "action items"]);
                for m in &list {
                    let written = m.sections.iter().filter(|s| !s.body.is_empty()).count();
                    let open = m
                        .action_items
                        .iter()
                        .filter(|a| a.status == meetings::ActionStatus::Open)
                        .count();
                    t.row(vec![
                        short_id(&m.id).into(),
                        m.held_on.unwrap_or(m.scheduled_on).to_string(),
                        m.status.to_string(),
                        format!("{written}/4 sections"),
                        format!("{} ({open} open)", m.action_items.len()),
                    ]);
                }
                t.print();
            });
        }
        MeetingCmd::Show { meeting } => {
            let m = resolve(ctx, &meeting)?;
            ctx.show(&m, || print_meeting(&m));
        }
        MeetingCmd::Prepare { person } => {
            let a = meetings::prepare(db, &people::resolve(db, &person)?.id, ctx.today)?;
            ctx.show(&a, || print_agenda(&a));
        }
        MeetingCmd::Note {
            meeting,
            section,
            text,
        } => {
            let section = Section::parse(&section)?;
            let m = meetings::write_notes(db, &resolve(ctx, &meeting)?.id, section, &text)?;
            ctx.show(&m, || {
                println!(
                    "Wrote '{}' for the meeting with {} of {}",
                    section.title(),
                    m.person,
                    m.scheduled_on
                )
            });
        }
        MeetingCmd::Hold { meeting, on, next } => {
            let m = resolve(ctx, &meeting)?;
            let on = validate::optional_date("held_on", on.as_deref())?
                .unwrap_or_else(|| m.held_on_by_default(ctx.today));
            let next = validate::optional_date("next_meeting", next.as_deref())?;
            let m = meetings::hold(db, &m.id, on, next, ctx.today)?;
            ctx.show(&m, || {
                println!("Recorded the development meeting with {} on {on}", m.person);
                match next {
                    Some(n) => println!("Next meeting scheduled on {n}"),
                    None => println!(
                        "No next meeting scheduled yet: `ladder meeting schedule \"{}\" DATE`",
                        m.person
                    ),
                }
            });
        }
    }
    Ok(())
}

pub fn action(ctx: &Ctx, cmd: ActionCmd) -> Result<()> {
    let db = &ctx.db;
    let resolve_action = |key: &str| meetings::resolve_action(db, key);
    match cmd {
        ActionCmd::Add {
            meeting,
            description,
            owner,
            due,
        } => {
            let new = NewAction {
                description,
                owner: ActionOwner::parse(&owner)?,
                due_date: validate::optional_date("due_date", due.as_deref())?,
            };
            let a = meetings::add_action(db, &resolve(ctx, &meeting)?.id, new)?;
            ctx.show(&a, || {
                println!("Added action item {}: {}", short_id(&a.id), a.description)
            });
        }
        ActionCmd::Done { action, on } => {
            let on = ctx.date_or_today("closed_on", on.as_deref())?;
            let a = meetings::close_action(db, &resolve_action(&action)?.id, on, ctx.today)?;
            ctx.show(&a, || println!("Closed action item '{}'", a.description));
        }
        ActionCmd::Reopen { action } => {
            let a = meetings::reopen_action(db, &resolve_action(&action)?.id)?;
            ctx.show(&a, || println!("Reopened action item '{}'", a.description));
        }
        ActionCmd::ToActivity {
            action,
            goal,
            phase,
            resource,
            due,
            description,
        } => {
            let resource = crate::cmd_plans::resource_of(ctx, &resource)?
                .ok_or_else(crate::cmd_plans::resource_required)?;
            let conv = Conversion {
                phase: Phase::parse(&phase)?,
                target_date: validate::optional_date("target_date", due.as_deref())?,
                goal_id: plans::resolve_goal(db, &goal)?.id,
                resource,
                description,
            };
            let (item, act) =
                meetings::convert_action(db, &resolve_action(&action)?.id, conv, ctx.today)?;
            let value = serde_json::json!({ "action_item": item, "activity": act });
            ctx.show(&value, || {
                println!(
                    "Action item '{}' is now {} activity {} (due {})",
                    item.description,
                    act.phase,
                    short_id(&act.id),
                    act.target_date
                )
            });
        }
    }
    Ok(())
}

/// A meeting from its id, or a person's scheduled meeting.
fn resolve(ctx: &Ctx, key: &str) -> Result<Meeting> {
    match meetings::resolve(&ctx.db, key) {
        Ok(m) => Ok(m),
        Err(Error::NotFound { .. }) => {
            let p = people::resolve(&ctx.db, key).map_err(|e| match e {
                Error::NotFound { .. } => Error::not_found("meeting", key),
                other => other,
            })?;
            meetings::next_scheduled(&ctx.db, &p.id)?.ok_or_else(|| {
                Error::invalid(
                    "meeting",
                    format!("{} has no scheduled meeting; give a meeting id (`ladder meeting list \"{}\"`) or schedule one", p.name, p.name),
                )
            })
        }
        Err(e) => Err(e),
    }
}

fn print_meeting(m: &Meeting) {
    println!(
        "Development meeting with {} · {} {} ({})",
        m.person,
        m.status,
        m.held_on.unwrap_or(m.scheduled_on),
        short_id(&m.id)
    );
    for s in &m.sections {
        println!("\n{}", s.title);
        if s.body.is_empty() {
            println!("  ({})", s.prompt);
        } else {
            println!("  {}", s.body);
        }
    }
    println!("\nAction items");
    print_actions(&m.action_items, 2);
}

fn print_actions(items: &[ActionItem], indent: usize) {
    if items.is_empty() {
        println!("{}none", " ".repeat(indent));
        return;
    }
    let mut t = Table::new(&["id", "action", "owner", "due", "status"]).indent(indent);
    for a in items {
        let status = match (&a.activity_id, a.status) {
            (Some(act), _) => format!("in the plan ({})", short_id(act)),
            (None, s) => s.to_string(),
        };
        t.row(vec![
            short_id(&a.id).into(),
            clip(&a.description, 60),
            a.owner.to_string(),
            or_dash(&a.due_date),
            status,
        ]);
    }
    t.print();
}

fn print_agenda(a: &Agenda) {
    let when = a
        .meeting_on
        .map_or_else(|| "not scheduled yet".to_string(), |d| d.to_string());
    println!("Development meeting agenda: {} · {when}", a.person);
    let previous = or_dash(&a.previous_meeting_on);
    // A scheduled meeting's date heads the agenda; only an overdue or missed one says so
    // here.
    let status = match a.cadence.status {
        CadenceStatus::Overdue => format!("OVERDUE by {} days", a.cadence.overdue_days),
        CadenceStatus::Missed => "MISSED: its day passed; record it as held or move it".to_string(),
        _ => format!("due by {}", a.cadence.due_on),
    };
    println!(
        "Manager: {} · previous meeting: {previous} · every {} days, {status}",
        or_dash(&a.manager),
        a.cadence.cadence_days
    );

    println!("\n1. Open goals and their next activities");
    if a.open_goals.is_empty() {
        println!("   No open goals: agree one in this meeting.");
    }
    for g in &a.open_goals {
        println!(
            "   {} · {} ({}/{} done)",
            g.competency, g.outcome, g.done, g.total
        );
        for act in &g.next_activities {
            println!(
                "     - {} {} · {} · due {}",
                act.phase, act.description, act.resource.name, act.target_date
            );
        }
    }
    println!("\n2. Overdue activities");
    if a.overdue_activities.is_empty() {
        println!("   None.");
    }
    for o in &a.overdue_activities {
        println!(
            "   ! {} (due {}) · goal: {}",
            o.activity.description, o.activity.target_date, o.outcome
        );
    }
    println!("\n3. Recent competency ratings");
    if a.recent_ratings.is_empty() {
        println!("   None since the previous meeting.");
    } else {
        print_ratings(&a.recent_ratings, false, 3);
    }
    println!("\n4. Open action items from earlier meetings");
    print_actions(&a.open_action_items, 3);
    if !a.findings.is_empty() {
        println!("\n5. Plan warnings");
        for f in &a.findings {
            println!("   ! {}: {}", f.code, f.message);
        }
    }
    if !a.change_barriers.is_empty() {
        println!("\nChange barriers (ADKAR)");
        for b in &a.change_barriers {
            let note = if b.note.is_empty() {
                String::new()
            } else {
                format!(" · {}", b.note)
            };
            println!(
                "   ! {} ({}): stuck at {}, {}/5 on {}{note}",
                b.change,
                b.status,
                b.barrier.title(),
                b.score,
                b.assessed_on
            );
        }
    }
    // The person's other active changes, so the agenda names every change they are in,
    // as the app's does: those with no barrier, and those not assessed yet.
    let others: Vec<_> = a
        .changes
        .iter()
        .filter(|pc| pc.latest.as_ref().is_none_or(|l| l.barrier.is_none()))
        .collect();
    if !others.is_empty() {
        println!("\nOther active changes they are part of");
        for pc in others {
            let state = match &pc.latest {
                Some(l) => format!("no barrier on {}", l.assessed_on),
                None => "not assessed yet".into(),
            };
            println!("   - {} ({}): {state}", pc.change, pc.status);
        }
    }
    println!("\nStanding sections");
    for (i, s) in a.sections.iter().enumerate() {
        println!("   {}. {}: {}", i + 1, s.title, s.prompt);
        if !s.body.is_empty() {
            println!("      Notes: {}", s.body);
        }
    }
}
