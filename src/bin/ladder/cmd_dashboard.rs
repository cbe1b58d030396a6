//! `ladder dashboard`.

use ladder::change::Element;
use ladder::dashboard::{self, Dashboard, MeetingDue, Shortlist};
use ladder::meetings::CadenceStatus;
use ladder::Result;

use crate::output::Table;
use crate::Ctx;

pub fn dashboard(ctx: &Ctx) -> Result<()> {
    let d = dashboard::summary(&ctx.db, ctx.today)?;
    ctx.show(&d, || print_dashboard(&d));
    Ok(())
}

fn print_dashboard(d: &Dashboard) {
    match &d.me {
        Some(me) => println!("Dashboard of {} ({}) · {}", me.name, me.role, d.today),
        None => println!("Dashboard of everyone in Ladder · {}", d.today),
    }
    if d.people == 0 {
        println!("\nNobody to show yet. Add people with `ladder person add NAME --manager YOU`.");
        return;
    }

    println!("\nMeetings overdue ({})", d.meetings_overdue.total);
    print_meetings(&d.meetings_overdue);
    println!(
        "\nMeetings this week, to {} ({})",
        d.week_end, d.meetings_this_week.total
    );
    print_meetings(&d.meetings_this_week);

    let p = &d.plans;
    println!(
        "\nPlans: {} of {} people with open goals, {} without; {} with nothing to fix",
        p.with_plan, d.people, p.without_plan, p.clean
    );
    println!(
        "  {} open goals, {} activities to do, {} overdue",
        p.open_goals, p.open_activities, p.overdue_activities
    );
    let found: Vec<String> = p
        .findings
        .iter()
        .filter(|f| f.count > 0)
        .map(|f| format!("{} {}", f.code, f.count))
        .collect();
    if !found.is_empty() {
        println!("  checks: {}", found.join(", "));
    }

    println!("\nRatings at the current level ({})", d.ratings.len());
    if d.ratings.is_empty() {
        println!("  none yet: rate someone with `ladder rate PERSON COMPETENCY SCORE`");
    } else {
        let mut t =
            Table::new(&["competency", "people", "average", "better", "worse", "same"]).indent(2);
        for r in &d.ratings {
            t.row(vec![
                r.competency.clone(),
                r.people.to_string(),
                format!("{:.1}", r.average),
                r.better.to_string(),
                r.worse.to_string(),
                r.same.to_string(),
            ]);
        }
        t.print();
    }

    let verdicts: Vec<String> = d
        .readiness
        .verdicts
        .iter()
        .map(|v| format!("{} {}", v.verdict, v.count))
        .collect();
    println!("\nReadiness: {}", verdicts.join(", "));
    println!(
        "  never assessed {}, older than 12 months {}",
        d.readiness.never_assessed, d.readiness.stale
    );

    println!("\nActive changes ({})", d.changes.len());
    for c in &d.changes {
        let barrier = c.barrier.map_or("none", Element::as_str);
        let stuck: Vec<String> = c
            .distribution
            .iter()
            .filter(|b| b.stakeholders > 0)
            .map(|b| {
                format!(
                    "{} {}",
                    b.barrier.map_or("none", Element::as_str),
                    b.stakeholders
                )
            })
            .collect();
        println!(
            "  {} ({}, owner {}): {} stakeholders, {} not assessed, barrier {barrier}",
            c.name, c.status, c.owner, c.stakeholders, c.not_assessed,
        );
        if stuck.is_empty() {
            println!("    nobody scored yet");
        } else {
            println!("    stuck at: {}", stuck.join(", "));
        }
    }
}

fn print_meetings(items: &Shortlist<MeetingDue>) {
    if items.total == 0 {
        println!("  none");
        return;
    }
    let mut t = Table::new(&["name", "meeting"]).indent(2);
    for m in &items.first {
        let when = match m.status {
            CadenceStatus::Overdue => format!("OVERDUE {}d", m.overdue_days),
            CadenceStatus::Missed => format!("MISSED {}, not recorded", m.on),
            CadenceStatus::Scheduled => format!("scheduled {}", m.on),
            CadenceStatus::Due => format!("due by {}", m.on),
        };
        t.row(vec![m.name.clone(), when]);
    }
    t.print();
    let more = items.total - items.first.len();
    if more > 0 {
        println!("  … and {more} more: `ladder overview` lists everyone's next meeting");
    }
}
