//! `ladder export` and `ladder import`.

use std::path::PathBuf;

use clap::Args;
use ladder::export::{self, Fill, Kind};
use ladder::import::{self, Change, Preview};
use ladder::{files, people, Error, Result};

use crate::output::clip;
use crate::Ctx;

#[derive(Args)]
pub struct ExportArgs {
    /// plan, meeting, ratings, readiness or change.
    pub workbook: String,
    /// Whose records (default: your whole team).
    pub person: Option<String>,
    /// A blank template to fill in by hand, with the drop-downs and checks.
    #[arg(long, conflicts_with = "person")]
    pub blank: bool,
    /// Where to save the workbook (.xlsx).
    #[arg(long, short)]
    pub output: PathBuf,
}

#[derive(Args)]
pub struct ImportArgs {
    /// A workbook exported by Ladder and filled in (Excel or LibreOffice Calc).
    pub file: PathBuf,
    /// Show what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> Result<()> {
    let kind = Kind::parse(&a.workbook)?;
    let fill = match (&a.person, a.blank) {
        (_, true) => Fill::Blank,
        (Some(p), _) => Fill::Person(people::resolve(&ctx.db, p)?.id),
        (None, false) => Fill::Team,
    };
    let bytes = export::workbook(&ctx.db, kind, &fill, ctx.today)?;
    files::write_private(&a.output, &bytes)?;
    let value = serde_json::json!({ "workbook": kind, "path": a.output, "bytes": bytes.len() });
    ctx.show(&value, || {
        let what = if a.blank {
            "blank template"
        } else {
            "workbook"
        };
        println!(
            "Saved the {} {what} to {} ({} KB)",
            kind.as_str(),
            a.output.display(),
            bytes.len().div_ceil(1024)
        );
    });
    Ok(())
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> Result<()> {
    let bytes = std::fs::read(&a.file).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::invalid("file", format!("file {} does not exist", a.file.display()))
        } else {
            Error::Io {
                context: format!("reading {}", a.file.display()),
                source,
            }
        }
    })?;
    if a.dry_run {
        let preview = import::preview(&ctx.db, &bytes, ctx.today)?;
        ctx.show(&preview, || print_preview(&preview, true));
        return Ok(());
    }
    let applied = import::apply(&ctx.db, &bytes, ctx.today)?;
    ctx.show(&applied, || {
        print_preview(&applied, false);
        if let Some(b) = &applied.backup {
            // Quoted, and naming the database, so it can be pasted as it is.
            let quote = |p: &std::path::Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
            let db = ctx.db.path().map(|p| format!(" --db {}", quote(p))).unwrap_or_default();
            println!(
                "\nThe database as it was before this import is kept in {}; undo the import with:\n  ladder restore {}{db}",
                b.path.display(),
                quote(&b.path)
            );
        }
    });
    Ok(())
}

fn print_preview(p: &Preview, dry_run: bool) {
    let (add, change) = if dry_run {
        ("Would add", "Would change")
    } else {
        ("Added", "Changed")
    };
    let list = |title: &str, items: &[Change]| {
        if items.is_empty() {
            return;
        }
        println!("{title} ({}):", items.len());
        for c in items {
            let at = if c.cell.is_empty() {
                String::new()
            } else {
                format!("{}  ", c.cell)
            };
            println!("  {at}{} {}", c.record, clip(&c.summary, 70));
            for f in &c.fields {
                println!(
                    "      {}: {} → {}",
                    ladder::validate::label(f.field),
                    clip(&f.old, 40),
                    clip(&f.new, 40)
                );
            }
        }
    };
    list(add, &p.added);
    list(change, &p.changed);
    list(
        "In Ladder but not in the file (kept, never deleted)",
        &p.missing,
    );
    if p.is_empty() {
        println!(
            "Nothing to import: every row matches Ladder ({} unchanged).",
            p.unchanged
        );
    } else if dry_run {
        println!("Nothing was written. Run the same command without --dry-run to import.");
    } else {
        println!(
            "Imported {} additions and {} changes; {} rows were unchanged.",
            p.added.len(),
            p.changed.len(),
            p.unchanged
        );
    }
}
