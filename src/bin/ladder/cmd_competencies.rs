//! `ladder competency`, `ladder rate` and `ladder ratings`.

use ladder::competencies::{self, Competency, Level, NewRating, Rater, Rating};
use ladder::{people, validate, Result};

use crate::args::{CompetencyCmd, RateArgs};
use crate::output::{clip, or_dash, Table};
use crate::Ctx;

pub fn competency(ctx: &Ctx, cmd: CompetencyCmd) -> Result<()> {
    let db = &ctx.db;
    let resolve = |key: &str| competencies::resolve(db, key);
    let changed = |k: Competency, verb: &str| {
        ctx.show(&k, || println!("{verb} {}", k.name));
    };
    match cmd {
        CompetencyCmd::List { retired } => {
            let list = competencies::list(db, retired)?;
            ctx.show(&list, || {
                let mut t = Table::new(&["competency", "behaviours", "status"]);
                for k in &list {
                    t.row(vec![
                        k.name.clone(),
                        clip(&k.behaviours.join("; "), 90),
                        if k.retired_at.is_some() {
                            "retired"
                        } else {
                            "active"
                        }
                        .into(),
                    ]);
                }
                t.print();
            });
        }
        CompetencyCmd::Show { competency } => {
            let k = resolve(&competency)?;
            ctx.show(&k, || {
                println!(
                    "{}{}",
                    k.name,
                    if k.retired_at.is_some() {
                        " (retired)"
                    } else {
                        ""
                    }
                );
                if !k.description.is_empty() {
                    println!("  {}", k.description);
                }
                for b in &k.behaviours {
                    println!("  - {b}");
                }
            });
        }
        CompetencyCmd::Add {
            name,
            description,
            behaviours,
        } => changed(
            competencies::add(db, &name, &description, &behaviours)?,
            "Added",
        ),
        CompetencyCmd::Rename {
            competency,
            new_name,
        } => {
            let old = resolve(&competency)?;
            let k = competencies::rename(db, &old.id, &new_name)?;
            ctx.show(&k, || println!("Renamed {} to {}", old.name, k.name));
        }
        CompetencyCmd::Behaviours {
            competency,
            behaviours,
        } => changed(
            competencies::set_behaviours(db, &resolve(&competency)?.id, &behaviours)?,
            "Updated the behaviours of",
        ),
        CompetencyCmd::Retire { competency } => changed(
            competencies::retire(db, &resolve(&competency)?.id)?,
            "Retired (history kept)",
        ),
        CompetencyCmd::Restore { competency } => changed(
            competencies::restore(db, &resolve(&competency)?.id)?,
            "Restored",
        ),
    }
    Ok(())
}

pub fn rate(ctx: &Ctx, a: RateArgs) -> Result<()> {
    let new = NewRating {
        score: validate::integer("score", &a.score)?,
        level: Level::parse(&a.level)?,
        rater: Rater::parse(&a.rater)?,
        rated_on: ctx.date_or_today("rated_on", a.on.as_deref())?,
        person_id: people::resolve(&ctx.db, &a.person)?.id,
        competency_id: competencies::resolve(&ctx.db, &a.competency)?.id,
        rater_name: a.rater_name,
        evidence: a.evidence,
    };
    let r = competencies::rate(&ctx.db, new, ctx.today)?;
    ctx.show(&r, || {
        println!(
            "Rated {} {}/5 ({}) against the {} level on {}",
            r.competency,
            r.score,
            anchor(r.score),
            r.level,
            r.rated_on
        )
    });
    Ok(())
}

pub fn ratings(ctx: &Ctx, person: &str, competency: Option<&str>, latest: bool) -> Result<()> {
    let p = people::resolve(&ctx.db, person)?;
    let k = competency
        .map(|k| competencies::resolve(&ctx.db, k))
        .transpose()?;
    let mut list = if latest {
        competencies::latest(&ctx.db, &p.id)?
    } else {
        competencies::history(&ctx.db, &p.id, k.as_ref().map(|k| k.id.as_str()))?
    };
    if let Some(k) = &k {
        list.retain(|r| r.competency_id == k.id);
    }
    ctx.show(&list, || print_ratings(&list, !latest, 0));
    Ok(())
}

/// The anchor text of a score.
pub fn anchor(score: i64) -> &'static str {
    competencies::ANCHORS
        .iter()
        .find(|(s, _)| *s == score)
        .map_or("", |(_, text)| text)
}

pub fn print_ratings(list: &[Rating], with_trend: bool, indent: usize) {
    if list.is_empty() {
        println!("No ratings yet. Add one with `ladder rate PERSON COMPETENCY SCORE`.");
        return;
    }
    let mut t = Table::new(&[
        "competency",
        "level",
        "score",
        "trend",
        "by",
        "date",
        "evidence",
    ])
    .indent(indent);
    let mut previous: Option<&Rating> = None;
    for r in list {
        let same_series =
            previous.is_some_and(|p| p.competency_id == r.competency_id && p.level == r.level);
        let trend = match previous.filter(|_| with_trend && same_series) {
            Some(p) if r.score > p.score => "▲",
            Some(p) if r.score < p.score => "▼",
            Some(_) => "=",
            None => "",
        };
        let by = match &r.rater_name {
            Some(name) => format!("{} ({name})", r.rater),
            None => r.rater.to_string(),
        };
        t.row(vec![
            r.competency.clone(),
            r.level.to_string(),
            format!("{}/5", r.score),
            trend.into(),
            by,
            r.rated_on.to_string(),
            or_dash(&Some(r.evidence.clone()).filter(|e| !e.is_empty())),
        ]);
        previous = Some(r);
    }
    t.print();
}
