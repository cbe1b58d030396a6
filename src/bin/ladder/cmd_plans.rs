//! `ladder goal`, `ladder activity` and `ladder plan`.

use ladder::checks::{self, Finding};
use ladder::plans::{
    self, Activity, ActivityPatch, Goal, GoalPatch, GoalStatus, NewActivity, NewGoal, Phase,
    Resource, ResourceKind,
};
use ladder::profile;
use ladder::{competencies, people, short_id, validate, Error, Result};

use crate::args::{ActivityCmd, GoalCmd, PlanCmd, ResourceArgs};
use crate::output::{clip, Table};
use crate::{confirmed, Ctx};

pub fn goal(ctx: &Ctx, cmd: GoalCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        GoalCmd::Add {
            person,
            competency,
            outcome,
        } => {
            let new = NewGoal {
                person_id: people::resolve(db, &person)?.id,
                competency_id: competencies::resolve(db, &competency)?.id,
                outcome,
            };
            let g = plans::add_goal(db, new)?;
            ctx.show(&g, || {
                println!("Added goal {} ({}): {}", short_id(&g.id), g.competency, g.outcome);
                println!("Next: add a learn, a practice and a feedback activity with `ladder activity add {}`.", short_id(&g.id));
            });
        }
        GoalCmd::Edit {
            goal,
            outcome,
            competency,
            status,
        } => {
            let patch = GoalPatch {
                status: status.as_deref().map(GoalStatus::parse).transpose()?,
                competency_id: match competency {
                    Some(k) => Some(competencies::resolve(db, &k)?.id),
                    None => None,
                },
                outcome,
            };
            let g = plans::edit_goal(db, &plans::resolve_goal(db, &goal)?.id, patch)?;
            ctx.show(&g, || {
                println!(
                    "Updated goal {} ({}, {})",
                    short_id(&g.id),
                    g.competency,
                    g.status
                )
            });
        }
        GoalCmd::Show { goal } => {
            let g = plans::resolve_goal(db, &goal)?;
            let findings = goal_findings(ctx, &g)?;
            let value = serde_json::json!({ "goal": g, "findings": findings });
            ctx.show(&value, || print_goal(&g, &findings, ctx));
        }
    }
    Ok(())
}

pub fn activity(ctx: &Ctx, cmd: ActivityCmd) -> Result<()> {
    let db = &ctx.db;
    let resolve = |key: &str| plans::resolve_activity(db, key);
    let (verb, a) = match cmd {
        ActivityCmd::Add {
            goal,
            phase,
            description,
            resource,
            due,
            notes,
        } => {
            let new = NewActivity {
                phase: Phase::parse(&phase)?,
                target_date: validate::date("target_date", &due)?,
                resource: resource_of(ctx, &resource)?.ok_or_else(resource_required)?,
                goal_id: plans::resolve_goal(db, &goal)?.id,
                description,
                notes,
            };
            ("Added", plans::add_activity(db, new)?)
        }
        ActivityCmd::Edit {
            activity,
            phase,
            description,
            resource,
            due,
            notes,
        } => {
            let patch = ActivityPatch {
                phase: phase.as_deref().map(Phase::parse).transpose()?,
                target_date: validate::optional_date("target_date", due.as_deref())?,
                resource: resource_of(ctx, &resource)?,
                description,
                notes,
            };
            (
                "Updated",
                plans::edit_activity(db, &resolve(&activity)?.id, patch)?,
            )
        }
        ActivityCmd::Done { activity, on } => {
            let on = ctx.date_or_today("completed_on", on.as_deref())?;
            (
                "Completed",
                plans::complete_activity(db, &resolve(&activity)?.id, on, ctx.today)?,
            )
        }
        ActivityCmd::Undone { activity } => (
            "Reopened",
            plans::reopen_activity(db, &resolve(&activity)?.id)?,
        ),
        ActivityCmd::Move {
            activity,
            goal,
            position,
        } => {
            let position = position
                .map(|p| validate::integer("position", &p))
                .transpose()?;
            let goal = plans::resolve_goal(db, &goal)?;
            (
                "Moved",
                plans::move_activity(db, &resolve(&activity)?.id, &goal.id, position)?,
            )
        }
        ActivityCmd::Reorder { activity, position } => {
            let position = validate::integer("position", &position)?;
            (
                "Reordered",
                plans::reorder_activity(db, &resolve(&activity)?.id, position)?,
            )
        }
        ActivityCmd::Delete { activity, yes } => {
            let a = resolve(&activity)?;
            confirmed(yes, || {
                format!("deleting '{}' cannot be undone", a.description)
            })?;
            ("Deleted", plans::delete_activity(db, &a.id)?)
        }
    };
    ctx.show(&a, || {
        println!(
            "{verb} {} activity {} '{}' (#{} in its phase, due {})",
            a.phase,
            short_id(&a.id),
            a.description,
            a.position,
            a.target_date
        )
    });
    Ok(())
}

pub fn plan(ctx: &Ctx, cmd: PlanCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        PlanCmd::Show { person } => {
            let p = people::resolve(db, &person)?;
            let goals = plans::plan(db, &p.id)?;
            let findings = checks::run(db, std::slice::from_ref(&p.id), ctx.today)?;
            let value = serde_json::json!({ "person": p, "goals": goals, "findings": findings });
            ctx.show(&value, || {
                let title = p.job_title.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
                println!("Development plan of {}{title}", p.name);
                if goals.is_empty() {
                    println!("\nNo goals yet. Add one with `ladder goal add \"{}\" --competency NAME --outcome TEXT`.", p.name);
                }
                for g in &goals {
                    println!();
                    print_goal(g, &findings, ctx);
                }
                let other: Vec<&Finding> = findings.iter().filter(|f| f.goal_id.is_none()).collect();
                if !other.is_empty() {
                    println!();
                    for f in other {
                        println!("! {}: {}", f.code, f.message);
                    }
                }
            });
        }
        PlanCmd::Check { person, team } => {
            let ids = match (person, team) {
                (Some(p), false) => vec![people::resolve(db, &p)?.id],
                (Some(p), true) => {
                    let p = people::resolve(db, &p)?;
                    people::reports(db, &p.id, false)?
                        .into_iter()
                        .map(|r| r.id)
                        .collect()
                }
                (None, _) => profile::visible_ids(db)?,
            };
            let findings = checks::run(db, &ids, ctx.today)?;
            ctx.show(&findings, || print_findings(&findings));
        }
    }
    Ok(())
}

/// The error for an activity given no resource.
pub fn resource_required() -> Error {
    Error::invalid(
        "resource",
        "resource is required: give --resource-person PERSON, or --resource NAME with --resource-kind person|material|event",
    )
}

/// The resource given on the command line, if any.
pub fn resource_of(ctx: &Ctx, r: &ResourceArgs) -> Result<Option<Resource>> {
    Ok(match (&r.resource_person, &r.resource) {
        (Some(p), _) => {
            let person = people::resolve_as(&ctx.db, "resource", p)?;
            Some(Resource::person(&person.id))
        }
        (None, Some(name)) => {
            let kind = ResourceKind::parse(r.resource_kind.as_deref().unwrap_or_default())?;
            Some(Resource::named(kind, name))
        }
        (None, None) if r.resource_kind.is_some() => {
            return Err(Error::invalid(
                "resource_kind",
                "--resource-kind needs --resource NAME, the resource it is the kind of",
            ))
        }
        (None, None) => None,
    })
}

fn goal_findings(ctx: &Ctx, g: &Goal) -> Result<Vec<Finding>> {
    let all = checks::run(&ctx.db, std::slice::from_ref(&g.person_id), ctx.today)?;
    Ok(all
        .into_iter()
        .filter(|f| f.goal_id.as_deref() == Some(&g.id))
        .collect())
}

/// A goal with its three phases and the findings that concern it.
fn print_goal(g: &Goal, findings: &[Finding], ctx: &Ctx) {
    println!("Goal {}  {} · {}", short_id(&g.id), g.competency, g.status);
    println!("  {}", g.outcome);
    for phase in Phase::ALL {
        let acts: Vec<&Activity> = g.activities.iter().filter(|a| a.phase == *phase).collect();
        println!("  {}", phase.as_str().to_uppercase());
        if acts.is_empty() {
            println!("    (none yet)");
            continue;
        }
        let mut t = Table::new(&["", "id", "activity", "resource", "due", "done"]).indent(4);
        for a in acts {
            let mark = if a.completed_on.is_some() {
                "✓"
            } else if a.is_overdue(ctx.today) {
                "!"
            } else {
                "·"
            };
            t.row(vec![
                mark.into(),
                short_id(&a.id).into(),
                clip(&a.description, 52),
                format!("{} ({})", clip(&a.resource.name, 30), a.resource.kind),
                a.target_date.to_string(),
                a.completed_on.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        t.print();
    }
    for f in findings
        .iter()
        .filter(|f| f.goal_id.as_deref() == Some(&g.id))
    {
        println!("  ! {}: {}", f.code, f.message);
    }
}

pub fn print_findings(findings: &[Finding]) {
    if findings.is_empty() {
        println!("No findings: every plan checks out.");
        return;
    }
    let mut t = Table::new(&["code", "person", "detail"]);
    for f in findings {
        t.row(vec![
            f.code.to_string(),
            f.person.clone(),
            f.message.clone(),
        ]);
    }
    t.print();
}
