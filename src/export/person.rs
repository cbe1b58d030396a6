//! The personal-data workbook: everything Ladder holds about one person, one sheet per
//! kind of record, to read (it is not imported back). The same content as the JSON
//! document of [`crate::privacy::export`], laid out for people.

use rust_xlsxwriter::Workbook;

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use crate::privacy::PersonalData;
use crate::Result;

/// A read-only column: text, wrapped text or a date.
fn col(header: &str, width: f64, kind: Kind) -> Column {
    Column::new(header, width, kind, "").locked()
}

fn text(header: &str, width: f64) -> Column {
    col(header, width, Kind::Text)
}

fn wrap(header: &str, width: f64) -> Column {
    col(header, width, Kind::Wrap)
}

fn date(header: &str) -> Column {
    col(header, 12.0, Kind::Date)
}

fn opt(v: &Option<impl ToString>) -> Cell {
    Cell::text(v.as_ref().map(ToString::to_string).unwrap_or_default())
}

pub(crate) fn write(d: &PersonalData) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    let title = format!("Personal data: {}", d.person.name);
    sheet::properties(
        &mut wb,
        &title,
        "Everything Ladder holds about one person",
        d.exported_on,
    )?;
    let exported = format!(
        "Exported from Ladder on {}. The same content is in the JSON file saved beside this workbook.",
        d.exported_on
    );
    sheet::read_only_instructions(
        &mut wb,
        &f,
        &title,
        &[
            &exported,
            "This workbook holds everything Ladder keeps about this person: their profile and reporting line, the ratings given to them, their development plan, their development meetings with notes and action items, their promotion-readiness assessments, their scores in change assessments, their roles in RACI charts, the places where they appear in other people's records, the history of changes to their records, and the changes they made as the user of this copy.",
            "It is for reading: Ladder does not import it back. It holds personal data; keep it where only the people entitled to it can read it.",
        ],
    )?;

    let p = &d.person;
    let names = |v: &[crate::privacy::PersonRef]| {
        v.iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let profile: Vec<(&str, String)> = vec![
        ("Name", p.name.clone()),
        ("Email", p.email.clone().unwrap_or_default()),
        ("Job title", p.job_title.clone().unwrap_or_default()),
        ("Level", p.level.clone().unwrap_or_default()),
        ("Team", p.team.clone().unwrap_or_default()),
        (
            "Start date",
            p.start_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("Managers, upward", names(&d.reporting_line.managers)),
        ("Direct reports", names(&d.reporting_line.direct_reports)),
        (
            "Development meetings",
            format!("every {} days", p.cadence_days),
        ),
        ("Archived", p.archived_at.clone().unwrap_or_default()),
        ("In Ladder since", p.created_at.clone()),
        (
            "User of this copy",
            if d.user_of_this_copy { "yes" } else { "no" }.into(),
        ),
        ("Person id", p.id.clone()),
    ];
    let rows: Vec<Vec<Cell>> = profile
        .into_iter()
        .map(|(k, v)| vec![Cell::text(k), Cell::text(v)])
        .collect();
    add(
        &mut wb,
        &f,
        "Profile",
        &[text("Field", 24.0), wrap("Value", 70.0)],
        &rows,
    )?;

    let rows: Vec<Vec<Cell>> = d
        .ratings
        .iter()
        .map(|r| {
            vec![
                Cell::text(&r.competency),
                Cell::text(r.level.as_str()),
                Cell::text(r.rater.as_str()),
                opt(&r.rater_name),
                Cell::Number(Some(r.score as f64)),
                Cell::Date(Some(r.rated_on)),
                Cell::text(&r.evidence),
                Cell::text(&r.id),
            ]
        })
        .collect();
    add(
        &mut wb,
        &f,
        "Ratings",
        &[
            text("Competency", 22.0),
            text("Level", 9.0),
            text("Rater", 9.0),
            text("Rater name", 18.0),
            col("Score", 7.0, Kind::Score(1, 5)),
            date("Date"),
            wrap("Evidence", 50.0),
            text("Rating id", 38.0),
        ],
        &rows,
    )?;

    let mut rows = Vec::new();
    for g in &d.plan {
        let goal = |r: &mut Vec<Cell>| {
            r.splice(
                0..0,
                [
                    Cell::text(&g.outcome),
                    Cell::text(&g.competency),
                    Cell::text(g.status.as_str()),
                ],
            );
        };
        if g.activities.is_empty() {
            let mut r = vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::Date(None),
                Cell::Date(None),
                Cell::text(""),
                Cell::text(&g.id),
                Cell::text(""),
            ];
            goal(&mut r);
            rows.push(r);
        }
        for a in &g.activities {
            let mut r = vec![
                Cell::text(a.phase.as_str()),
                Cell::text(&a.description),
                Cell::text(format!("{} ({})", a.resource.name, a.resource.kind)),
                Cell::Date(Some(a.target_date)),
                Cell::Date(a.completed_on),
                Cell::text(&a.notes),
                Cell::text(&g.id),
                Cell::text(&a.id),
            ];
            goal(&mut r);
            rows.push(r);
        }
    }
    add(
        &mut wb,
        &f,
        "Plan",
        &[
            wrap("Goal", 36.0),
            text("Competency", 20.0),
            text("Goal status", 10.0),
            text("Phase", 9.0),
            wrap("Activity", 40.0),
            text("Resource", 26.0),
            date("Target date"),
            date("Done on"),
            wrap("Notes", 30.0),
            text("Goal id", 38.0),
            text("Activity id", 38.0),
        ],
        &rows,
    )?;

    let mut notes = Vec::new();
    let mut actions = Vec::new();
    for m in &d.meetings {
        for s in m.sections.iter().filter(|s| !s.body.is_empty()) {
            notes.push(vec![
                Cell::Date(Some(m.scheduled_on)),
                Cell::text(m.status.as_str()),
                Cell::Date(m.held_on),
                Cell::text(s.title),
                Cell::text(&s.body),
                Cell::text(&m.id),
            ]);
        }
        for a in &m.action_items {
            actions.push(vec![
                Cell::Date(Some(m.scheduled_on)),
                Cell::text(&a.description),
                Cell::text(a.owner.as_str()),
                Cell::Date(a.due_date),
                Cell::text(a.status.as_str()),
                Cell::Date(a.closed_on),
                Cell::text(&a.id),
            ]);
        }
    }
    add(
        &mut wb,
        &f,
        "Meetings",
        &[
            date("Scheduled"),
            text("Status", 10.0),
            date("Held on"),
            text("Section", 34.0),
            wrap("Notes", 70.0),
            text("Meeting id", 38.0),
        ],
        &notes,
    )?;
    add(
        &mut wb,
        &f,
        "Action items",
        &[
            date("Meeting"),
            wrap("Action", 50.0),
            text("Owner", 10.0),
            date("Due"),
            text("Status", 10.0),
            date("Closed on"),
            text("Action id", 38.0),
        ],
        &actions,
    )?;

    let mut rows = Vec::new();
    for a in &d.readiness {
        let mut line = |item: String, status: String, detail: String| {
            rows.push(vec![
                Cell::Date(Some(a.assessed_on)),
                Cell::text(&a.target),
                Cell::text(item),
                Cell::text(status),
                Cell::text(detail),
                Cell::text(&a.id),
            ]);
        };
        line(
            "results".into(),
            a.results.status.to_string(),
            a.results.evidence.clone(),
        );
        line(
            "competencies".into(),
            a.competencies.status.to_string(),
            a.competencies.evidence.clone(),
        );
        line(
            "skills".into(),
            a.skills.status.to_string(),
            a.skills.evidence.clone(),
        );
        for s in &a.skills.items {
            line(
                format!("skill: {}", s.name),
                s.status.to_string(),
                s.notes.clone(),
            );
        }
        line(
            "role".into(),
            a.role.availability.to_string(),
            a.role.notes.clone(),
        );
        line(
            "advocates".into(),
            a.advocates.status.to_string(),
            a.advocates.evidence.clone(),
        );
        for v in &a.advocates.advocates {
            line(
                format!("advocate: {}", v.name),
                format!("{}, {} influence", v.relation, v.influence),
                v.notes.clone(),
            );
        }
        for x in &a.advocates.actions {
            line(
                format!("advocacy action ({})", x.kind),
                format!("due {}", x.due_date),
                x.description.clone(),
            );
        }
        line(
            "suggested verdict".into(),
            a.suggestion.verdict.to_string(),
            String::new(),
        );
        if let Some(dec) = &a.decision {
            line(
                "decided verdict".into(),
                dec.verdict.to_string(),
                format!("{} (decided {})", dec.rationale, dec.decided_on),
            );
        }
    }
    add(
        &mut wb,
        &f,
        "Readiness",
        &[
            date("Assessed on"),
            text("Target", 22.0),
            text("Item", 30.0),
            text("Status", 22.0),
            wrap("Evidence or notes", 60.0),
            text("Assessment id", 38.0),
        ],
        &rows,
    )?;

    let mut rows = Vec::new();
    for ch in &d.change_scores {
        for a in &ch.assessments {
            let mut r = vec![Cell::text(&ch.change), Cell::Date(Some(a.assessed_on))];
            r.extend(a.scores.scores().map(|s| Cell::Number(Some(s.value()))));
            r.push(opt(&a.barrier));
            let notes: Vec<String> = a.notes.iter().map(|(e, n)| format!("{e}: {n}")).collect();
            r.push(Cell::text(notes.join("; ")));
            r.push(Cell::text(&a.id));
            rows.push(r);
        }
    }
    let score = |h: &str| col(h, 8.0, Kind::Decimal);
    add(
        &mut wb,
        &f,
        "Change scores",
        &[
            text("Change", 26.0),
            date("Assessed on"),
            score("Awareness"),
            score("Desire"),
            score("Knowledge"),
            score("Ability"),
            score("Reinforcement"),
            text("Barrier", 14.0),
            wrap("Notes", 50.0),
            text("Assessment id", 38.0),
        ],
        &rows,
    )?;

    let mut rows: Vec<Vec<Cell>> = d
        .raci_roles
        .iter()
        .map(|r| {
            vec![
                Cell::text(format!("RACI: {}", r.role.title())),
                Cell::text(&r.change),
                Cell::text(format!("activity: {}", r.activity)),
                Cell::text(""),
                Cell::text(&r.activity_id),
            ]
        })
        .collect();
    rows.extend(d.appears_in.iter().map(|a| {
        vec![
            Cell::text(a.role),
            Cell::text(&a.of),
            Cell::text(&a.summary),
            Cell::text(&a.notes),
            Cell::text(&a.record_id),
        ]
    }));
    add(
        &mut wb,
        &f,
        "Roles elsewhere",
        &[
            text("Role", 22.0),
            text("Whose record", 24.0),
            wrap("What", 50.0),
            wrap("Notes", 40.0),
            text("Record id", 38.0),
        ],
        &rows,
    )?;

    let mut entries: Vec<&crate::audit::Entry> = d.audit.iter().chain(&d.audit_by_them).collect();
    entries.sort_by_key(|e| e.seq);
    entries.dedup_by_key(|e| e.seq);
    let rows: Vec<Vec<Cell>> = entries
        .iter()
        .map(|e| {
            vec![
                Cell::text(&e.at),
                Cell::text(&e.actor),
                Cell::text(e.record_kind.as_str()),
                Cell::text(e.action.as_str()),
                opt(&e.field),
                opt(&e.old),
                opt(&e.new),
                Cell::text(&e.record_id),
            ]
        })
        .collect();
    add(
        &mut wb,
        &f,
        "History",
        &[
            text("When (UTC)", 24.0),
            text("Who", 18.0),
            text("Record", 18.0),
            text("Action", 9.0),
            text("Field", 14.0),
            wrap("Before", 36.0),
            wrap("After", 36.0),
            text("Record id", 38.0),
        ],
        &rows,
    )?;

    wb.save_to_buffer().map_err(xlsx)
}

/// Adds a sheet holding one read-only table.
fn add(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx)?;
    let table: String = name.split_whitespace().collect();
    sheet::table(ws, f, &table, columns, rows, 0)?;
    Ok(())
}
