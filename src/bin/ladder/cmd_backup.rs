//! `ladder backup` and `ladder restore`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ladder::backup::{self, BackupFile, Daily, Reason};
use ladder::Result;

use crate::output::{self, Table};
use crate::{confirmed, Ctx};

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Every backup of the database, newest first.
    List,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup to restore (see `ladder backup list`).
    pub file: PathBuf,
    /// Confirm: replace the database with the backup.
    #[arg(long)]
    pub yes: bool,
}

/// `ladder backup`: a backup now.
pub fn take(ctx: &Ctx) -> Result<()> {
    let b = backup::create(&ctx.db, Reason::Manual)?;
    ctx.show(&b, || println!("{}", b.path.display()));
    Ok(())
}

/// `ladder backup list`. Works without opening the database, so it helps when the
/// database is damaged.
pub fn list(json: bool, db_path: &Path) -> Result<()> {
    let all = backup::list(db_path)?;
    output::show(json, &all, || print_list(db_path, &all));
    Ok(())
}

fn print_list(db_path: &Path, all: &[BackupFile]) {
    let dir = backup::folder(db_path);
    if all.is_empty() {
        println!(
            "No backups yet in {}. Ladder takes one a day when it starts, one before each upgrade and one before each import; `ladder backup` takes one now.",
            dir.display()
        );
        return;
    }
    println!("Backups of {} in {}", db_path.display(), dir.display());
    let mut t = Table::new(&["taken (utc)", "schema", "why", "size", "file"]);
    for b in all {
        t.row(vec![
            b.taken_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            format!("v{}", b.schema_version),
            match b.reason {
                Reason::Migration => "before an upgrade".into(),
                Reason::Erase => "after an erase".into(),
                Reason::Import => "before an import".into(),
                other => other.as_str().into(),
            },
            format!("{} KB", b.bytes.div_ceil(1024)),
            b.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
        ]);
    }
    t.print();
    println!("\nPut one back with `ladder restore FILE` (checked first; the current file is kept aside).");
}

/// `ladder restore FILE --yes`. Works without opening the database, which may be damaged.
pub fn restore(json: bool, db_path: &Path, args: RestoreArgs) -> Result<()> {
    let checked = backup::check(db_path, &args.file)?;
    confirmed(args.yes, || {
        format!(
            "restoring replaces {} with {} (schema version {}, {} {}), keeping the current file aside",
            db_path.display(),
            args.file.display(),
            checked.schema_version,
            checked.people,
            if checked.people == 1 { "person" } else { "people" },
        )
    })?;
    let r = backup::restore(db_path, &args.file)?;
    output::show(json, &r, || {
        println!(
            "Restored {} from {} (schema version {}, {} {}).",
            r.database.display(),
            r.backup.path.display(),
            r.backup.schema_version,
            r.backup.people,
            if r.backup.people == 1 {
                "person"
            } else {
                "people"
            },
        );
        match &r.kept_aside {
            Some(p) => println!("The file it replaced is kept as {}.", p.display()),
            None => println!("There was no database there before."),
        }
    });
    Ok(())
}

/// The daily backup, as every command that opens the database starts. A failure to back
/// up is a warning and the command goes on; a damaged database stops it.
pub fn daily(ctx: &Ctx) -> Result<()> {
    if let Daily::Failed(e) = backup::on_start(&ctx.db, ctx.today)? {
        crate::warn(&e, "today's backup could not be taken", ctx.json);
    }
    Ok(())
}
