//! `ladder person export`, `ladder person erase` and `ladder history`: personal data and
//! the audit trail.

use std::path::Path;

use ladder::audit::{self, Entry};
use ladder::{files, people, privacy, short_id, Error, Result};

use crate::output::{clip, Table};
use crate::{confirmed, Ctx};

pub fn export(ctx: &Ctx, person: &str, output: &Path) -> Result<()> {
    let p = people::resolve_any(&ctx.db, person)?;
    let export = privacy::export(&ctx.db, &p.id, ctx.today)?;
    files::private_dir(output)?;
    let json_path = output.join(format!("{}.json", export.file_stem));
    let workbook_path = output.join(format!("{}.xlsx", export.file_stem));
    files::write_private(&json_path, &export.json)?;
    files::write_private(&workbook_path, &export.workbook)?;
    let value = serde_json::json!({
        "person_id": p.id,
        "person": p.name,
        "json": json_path,
        "workbook": workbook_path,
    });
    ctx.show(&value, || {
        println!("Saved everything Ladder holds about {}:", p.name);
        println!("  {}", json_path.display());
        println!("  {}", workbook_path.display());
        println!("Both files hold personal data and are readable by you only.");
    });
    Ok(())
}

pub fn erase(ctx: &Ctx, person: &str, yes: bool) -> Result<()> {
    let p = people::resolve_any(&ctx.db, person)?;
    confirmed(yes, || {
        format!(
            "erasing {} removes their records everywhere, including the backups that hold them, and cannot be undone (export them first with `ladder person export`)",
            p.name
        )
    })?;
    let erased = privacy::erase(&ctx.db, &p.id)?;
    let value = serde_json::json!({ "person": p.name, "erased": erased });
    ctx.show(&value, || {
        println!("Erased {} ({}) everywhere.", p.name, short_id(&p.id));
        let removed: Vec<String> = erased
            .removed
            .iter()
            .map(|(what, n)| format!("{n} {}", what.replace('_', " ")))
            .collect();
        println!("  removed: {}", removed.join(", "));
        println!(
            "  \"{}\" now stands in {} place{} of other records",
            privacy::FORMER_ASSOCIATE,
            erased.replaced,
            if erased.replaced == 1 { "" } else { "s" }
        );
        if !erased.mentions.is_empty() {
            println!(
                "  ! part of their name alone is still written in {} place{} of other records; Ladder cannot tell whether it means them, so review these:",
                erased.mentions.len(),
                if erased.mentions.len() == 1 { "" } else { "s" }
            );
            for m in &erased.mentions {
                println!(
                    "      {} {} ({}): \"{}\"",
                    m.table.replace('_', " "),
                    short_id(&m.record_id),
                    m.column.replace('_', " "),
                    m.word
                );
            }
        }
        if !erased.traces_cleared {
            println!("  ! another program has the database open, so the file could not be rewritten: deleted data may linger in its unused space until the next erase");
        }
        let copies = &erased.copies;
        if !copies.deleted.is_empty() {
            println!(
                "  deleted {} backup{} that still held them",
                copies.deleted.len(),
                if copies.deleted.len() == 1 { "" } else { "s" }
            );
        }
        if let Some(new) = &copies.new_backup {
            println!("  new backup: {}", new.display());
        }
        for left in &copies.left {
            println!(
                "  ! {} may still hold them: {}",
                left.path.display(),
                left.reason
            );
        }
        println!("Workbooks and exports saved before now still hold them: delete the ones you no longer need.");
    });
    Ok(())
}

pub fn history(ctx: &Ctx, record: Option<&str>, person: Option<&str>) -> Result<()> {
    match (record, person) {
        (_, Some(person)) => {
            let p = people::resolve_any(&ctx.db, person)?;
            let entries = audit::of_person(&ctx.db, &p.id)?;
            ctx.show(&entries, || {
                println!(
                    "History of the records of {} ({} entries)",
                    p.name,
                    entries.len()
                );
                print_entries(&entries, true);
            });
        }
        (Some(record), None) => {
            let h = audit::history(&ctx.db, record)?;
            ctx.show(&h, || {
                println!(
                    "History of {} {} ({} entries)",
                    h.record_kind.as_str().replace('_', " "),
                    short_id(&h.record_id),
                    h.entries.len()
                );
                print_entries(&h.entries, false);
            });
        }
        (None, None) => {
            return Err(Error::invalid(
                "record",
                "give a record id, or --person PERSON",
            ))
        }
    }
    Ok(())
}

fn print_entries(entries: &[Entry], with_record: bool) {
    if entries.is_empty() {
        println!("Nothing recorded yet.");
        return;
    }
    let mut head = vec!["when (utc)", "who"];
    if with_record {
        head.extend(["record", "id"]);
    }
    head.extend(["action", "what"]);
    let mut t = Table::new(&head);
    for e in entries {
        let mut row = vec![
            e.at.replace('T', " ").chars().take(19).collect(),
            e.actor.clone(),
        ];
        if with_record {
            row.push(e.record_kind.as_str().replace('_', " "));
            row.push(short_id(&e.record_id).to_string());
        }
        row.push(e.action.as_str().into());
        let value = |v: &Option<String>| match v.as_deref() {
            None | Some("") => "—".to_string(),
            Some(v) => clip(v, 40),
        };
        row.push(match &e.field {
            Some(field) => format!("{field}: {} → {}", value(&e.old), value(&e.new)),
            None => clip(
                e.new.as_deref().or(e.old.as_deref()).unwrap_or_default(),
                80,
            ),
        });
        t.row(row);
    }
    t.print();
}
