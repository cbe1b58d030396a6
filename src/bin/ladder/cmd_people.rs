//! `ladder whoami` and `ladder person`.

use ladder::people::{self, ListOptions, NewPerson, Person, PersonPatch};
use ladder::profile::{self, Role};
use ladder::{short_id, validate, Result};

use crate::args::{PersonCmd, WhoamiCmd};
use crate::output::{or_dash, Table};
use crate::Ctx;

pub fn whoami(ctx: &Ctx, action: Option<WhoamiCmd>) -> Result<()> {
    let me = match action {
        None => profile::whoami(&ctx.db)?,
        Some(WhoamiCmd::Set { person, role }) => {
            let role = Role::parse(&role)?;
            let p = people::resolve(&ctx.db, &person)?;
            Some(profile::set_me(&ctx.db, &p.id, role)?)
        }
        Some(WhoamiCmd::Clear) => {
            profile::clear_me(&ctx.db)?;
            None
        }
    };
    ctx.show(&me, || match &me {
        Some(me) if me.role == Role::Manager => {
            println!("You are {}, a manager: you see your reports and theirs.", me.name)
        }
        Some(me) => println!("You are {}, an associate tracking your own plan.", me.name),
        None => println!(
            "Nobody has said who uses this copy yet: everyone is shown. Set it with `ladder whoami set PERSON --role manager|associate`."
        ),
    });
    Ok(())
}

pub fn person(ctx: &Ctx, cmd: PersonCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        PersonCmd::Add { name, fields } => {
            let new = NewPerson {
                name,
                email: fields.email,
                job_title: fields.title,
                level: fields.level,
                team: fields.team,
                start_date: validate::optional_date("start_date", fields.start.as_deref())?,
                manager_id: match &fields.manager {
                    Some(m) => Some(resolve_manager(ctx, m)?.id),
                    None => None,
                },
                cadence_days: cadence(fields.cadence_days.as_deref())?,
            };
            let p = people::add(db, new)?;
            ctx.show(&p, || println!("Added {} ({})", p.name, short_id(&p.id)));
        }
        PersonCmd::Edit {
            person,
            name,
            fields,
            no_manager,
        } => {
            let p = people::resolve(db, &person)?;
            let manager_id = match (&fields.manager, no_manager) {
                (_, true) => Some(None),
                (Some(m), _) => Some(Some(resolve_manager(ctx, m)?.id)),
                (None, false) => None,
            };
            let patch = PersonPatch {
                name,
                email: fields.email.map(Some),
                job_title: fields.title.map(Some),
                level: fields.level.map(Some),
                team: fields.team.map(Some),
                start_date: match fields.start {
                    Some(s) => Some(validate::optional_date("start_date", Some(&s))?),
                    None => None,
                },
                manager_id,
                cadence_days: cadence(fields.cadence_days.as_deref())?,
            };
            let p = people::edit(db, &p.id, patch)?;
            ctx.show(&p, || println!("Updated {} ({})", p.name, short_id(&p.id)));
        }
        PersonCmd::Archive { person } => {
            let p = people::archive(db, &people::resolve(db, &person)?.id)?;
            ctx.show(&p, || {
                println!(
                    "Archived {}; their history is kept (`ladder person restore` brings them back)",
                    p.name
                )
            });
        }
        PersonCmd::Restore { person } => {
            let p = people::restore(db, &people::resolve_any(db, &person)?.id)?;
            ctx.show(&p, || println!("Restored {}", p.name));
        }
        PersonCmd::List { all, archived } => {
            let list = people::list(
                db,
                ListOptions {
                    everyone: all,
                    include_archived: archived,
                },
            )?;
            ctx.show(&list, || print_people(&list));
        }
        PersonCmd::Show { person } => {
            let p = people::resolve(db, &person)?;
            let reports = people::reports(db, &p.id, true)?;
            let value = serde_json::json!({ "person": p, "direct_reports": reports });
            ctx.show(&value, || {
                println!("{} ({})", p.name, short_id(&p.id));
                let line = |label: &str, v: String| println!("  {label:<14}{v}");
                line("email", or_dash(&p.email));
                line("job title", or_dash(&p.job_title));
                line("level", or_dash(&p.level));
                line("team", or_dash(&p.team));
                line("started", or_dash(&p.start_date));
                line("manager", or_dash(&p.manager_name));
                line("meetings", format!("every {} days", p.cadence_days));
                if let Some(a) = &p.archived_at {
                    line("archived", a.clone());
                }
                let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
                line(
                    "reports",
                    if names.is_empty() {
                        "—".into()
                    } else {
                        names.join(", ")
                    },
                );
            });
        }
        PersonCmd::Export { person, output } => crate::cmd_privacy::export(ctx, &person, &output)?,
        PersonCmd::Erase { person, yes } => crate::cmd_privacy::erase(ctx, &person, yes)?,
        PersonCmd::Reports { person, direct } => {
            let p = people::resolve(db, &person)?;
            let list = people::reports(db, &p.id, direct)?;
            ctx.show(&list, || print_people(&list));
        }
    }
    Ok(())
}

fn resolve_manager(ctx: &Ctx, key: &str) -> Result<Person> {
    people::resolve_as(&ctx.db, "manager", key)
}

fn cadence(days: Option<&str>) -> Result<Option<i64>> {
    days.map(|d| validate::integer("cadence_days", d))
        .transpose()
}

pub fn print_people(list: &[Person]) {
    if list.is_empty() {
        println!("No people yet. Add one with `ladder person add NAME`, or load the demo team with `ladder demo`.");
        return;
    }
    let mut t = Table::new(&["id", "name", "title", "level", "team", "manager", "status"]);
    for p in list {
        t.row(vec![
            short_id(&p.id).into(),
            p.name.clone(),
            or_dash(&p.job_title),
            or_dash(&p.level),
            or_dash(&p.team),
            or_dash(&p.manager_name),
            if p.archived_at.is_some() {
                "archived"
            } else {
                "active"
            }
            .into(),
        ]);
    }
    t.print();
}
