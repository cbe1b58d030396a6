//! The development-meeting workbook: the prepared agenda to print and bring, the four
//! standing sections to take notes in, and the action items.

use rusqlite::Connection;
use rust_xlsxwriter::{Workbook, Worksheet};

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::meetings::{self, ActionItem, ActionOwner, ActionStatus, Agenda, Section};
use crate::{people, Result};

/// The sheets the importer reads.
pub const NOTES_SHEET: &str = "Notes";
pub const ACTIONS_SHEET: &str = "Action items";

/// The columns of the Notes and Action items sheets; the importer finds them by these
/// headers.
pub(crate) mod col {
    pub const PERSON: &str = "Person";
    pub const MEETING_DATE: &str = "Meeting date";
    pub const SECTION: &str = "Section";
    pub const PROMPT: &str = "Prompt";
    pub const NOTES: &str = "Notes";
    pub const MEETING_ID: &str = "Meeting id";
    pub const ACTION: &str = "Action";
    pub const OWNER: &str = "Owner";
    pub const DUE: &str = "Due";
    pub const STATUS: &str = "Status";
    pub const ACTION_ID: &str = "Action id";
}

const ACTION_STATUSES: &[&str] = &["open", "done"];

/// How many meetings a blank template has rows of notes for: a team of eight.
const BLANK_MEETINGS: usize = 8;

pub(crate) fn write(c: &Connection, input: &Input) -> Result<Vec<u8>> {
    let agendas: Vec<Agenda> = input
        .ids
        .iter()
        .map(|id| meetings::prepare_in(c, id, input.today))
        .collect::<Result<_>>()?;
    let people_names: Vec<String> = people::list_in(
        c,
        &people::scope_ids_in(c, &crate::profile::Scope::Everyone, false)?,
    )?
    .into_iter()
    .map(|p| p.name)
    .collect();

    let mut wb = Workbook::new();
    let f = Formats::new();
    sheet::importable(
        &mut wb,
        "Development meeting",
        "Development meeting agenda, notes and action items",
        input,
    )?;
    sheet::instructions(
        &mut wb,
        &f,
        "Development meeting",
        &[
            "A development meeting is about the long term, separate from weekly status one-on-ones. Both sides prepare beforehand.",
            "The Agenda sheet is prepared from Ladder: open goals and their next activities, overdue activities, recent competency ratings and the open action items of earlier meetings. Print it and bring it.",
            "Take notes on the Notes sheet under the four standing sections: long-term career goals; behavioural feedback on competencies (how the work gets done, not what); the associate's feedback to the manager; how development fits into daily work.",
            "End with action items on the Action items sheet, each with an owner and a due date, and agree the date of the next meeting. The sheet lists the items of earlier meetings still open and those of the scheduled meeting; mark one done when it is done, and add new ones on empty rows (they go to the person's scheduled meeting).",
            "Meetings are scheduled, recorded as held (with the next one's date) and moved in Ladder, not in this file: notes and new action items go to the meeting Ladder has scheduled for the person, so schedule it there first. A blank template is filled for such a meeting.",
        ],
        true,
    )?;
    let refs = sheet::lists(&mut wb, &[("People", people_names)])?;

    let ws = wb.add_worksheet();
    ws.set_name("Agenda").map_err(xlsx)?;
    agenda_sheet(ws, &f, &agendas)?;

    let notes_columns = [
        Column::new(
            col::PERSON,
            20.0,
            Kind::List(refs[0].clone()),
            "The associate.",
        ),
        Column::new(
            col::MEETING_DATE,
            12.0,
            Kind::Date,
            "The date of the meeting (YYYY-MM-DD).",
        ),
        Column::new(
            col::SECTION,
            34.0,
            Kind::Text,
            "One of the four standing sections.",
        )
        .locked(),
        Column::new(
            col::PROMPT,
            50.0,
            Kind::Wrap,
            "What to prepare for this section.",
        )
        .locked(),
        Column::new(col::NOTES, 60.0, Kind::Wrap, "What was said."),
        Column::new(
            col::MEETING_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the meeting.",
        ),
    ];
    let mut notes = Vec::new();
    let targets: Vec<Option<&Agenda>> = if input.blank {
        // A block of the four sections for each meeting the template takes: the Section
        // column is locked, so each block is written here.
        vec![None; BLANK_MEETINGS]
    } else {
        agendas.iter().map(Some).collect()
    };
    for a in targets {
        for s in Section::ALL {
            let body = a
                .and_then(|a| a.sections.iter().find(|n| n.section == *s))
                .map(|n| n.body.clone())
                .unwrap_or_default();
            notes.push(vec![
                Cell::text(a.map(|a| a.person.clone()).unwrap_or_default()),
                Cell::Date(a.and_then(|a| a.meeting_on)),
                Cell::text(s.title()),
                Cell::text(s.prompt()),
                Cell::text(body),
                Cell::text(a.and_then(|a| a.meeting_id.clone()).unwrap_or_default()),
            ]);
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(NOTES_SHEET).map_err(xlsx)?;
    sheet::table(
        ws,
        &f,
        "MeetingNotes",
        &notes_columns,
        &notes,
        sheet::SPARE_ROWS,
    )?;

    let action_columns = [
        Column::new(
            col::PERSON,
            20.0,
            Kind::List(refs[0].clone()),
            "The associate.",
        ),
        Column::new(col::ACTION, 50.0, Kind::Wrap, "What was agreed."),
        Column::new(
            col::OWNER,
            12.0,
            Kind::Choice(ActionOwner::CODES),
            "associate or manager.",
        ),
        Column::new(col::DUE, 12.0, Kind::Date, "When it is due (YYYY-MM-DD)."),
        Column::new(
            col::STATUS,
            10.0,
            Kind::Choice(ACTION_STATUSES),
            "open or done.",
        ),
        Column::new(
            col::ACTION_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the action item.",
        ),
    ];
    let mut actions: Vec<Vec<Cell>> = Vec::new();
    for a in &agendas {
        for item in action_items_in(c, &a.person_id)? {
            actions.push(vec![
                Cell::text(&a.person),
                Cell::text(&item.description),
                Cell::text(item.owner.as_str()),
                Cell::Date(item.due_date),
                Cell::text(item.status.as_str()),
                Cell::text(&item.id),
            ]);
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(ACTIONS_SHEET).map_err(xlsx)?;
    let last = sheet::table(
        ws,
        &f,
        "ActionItems",
        &action_columns,
        &actions,
        sheet::SPARE_ROWS,
    )?;
    sheet::overdue_rows(
        ws,
        &f,
        &action_columns,
        last,
        col::DUE,
        &[(col::STATUS, "{}=\"open\"")],
    )?;
    wb.save_to_buffer().map_err(xlsx)
}

/// The action items the workbook lists for a person: those of earlier meetings still open
/// (as on the agenda), then those of the scheduled meeting, open or done. Items that
/// became plan activities live in the plan.
pub(crate) fn action_items_in(c: &Connection, person_id: &str) -> Result<Vec<ActionItem>> {
    let mut items = meetings::open_action_items_in(c, person_id)?;
    if let Some(m) = meetings::next_scheduled_in(c, person_id)? {
        items.extend(
            m.action_items
                .into_iter()
                .filter(|i| i.status != ActionStatus::Converted),
        );
    }
    Ok(items)
}

/// The printable agenda, one block per person with a page break between people.
fn agenda_sheet(ws: &mut Worksheet, f: &Formats, agendas: &[Agenda]) -> Result<()> {
    ws.set_column_width(0, 3).map_err(xlsx)?;
    ws.set_column_width(1, 60).map_err(xlsx)?;
    ws.set_column_width(2, 28).map_err(xlsx)?;
    ws.set_column_width(3, 12).map_err(xlsx)?;
    let mut row = 0u32;
    let mut breaks = Vec::new();
    let line = |ws: &mut Worksheet, row: &mut u32, cells: &[(&str, bool)]| -> Result<()> {
        for (i, (text, heading)) in cells.iter().enumerate() {
            let format = if *heading { &f.heading } else { &f.plain };
            ws.write_string_with_format(*row, i as u16 + 1, *text, format)
                .map_err(xlsx)?;
        }
        let widths = [60.0, 28.0, 12.0];
        let sized: Vec<(&str, f64)> = cells
            .iter()
            .zip(widths)
            .map(|((t, _), w)| (*t, w))
            .collect();
        ws.set_row_height(*row, sheet::row_height(&sized))
            .map_err(xlsx)?;
        *row += 1;
        Ok(())
    };
    if agendas.is_empty() {
        ws.write_string_with_format(0, 0, "Development meeting agenda", &f.title)
            .map_err(xlsx)?;
        row = 2;
        for s in Section::ALL {
            line(ws, &mut row, &[(s.title(), true)])?;
            line(ws, &mut row, &[(s.prompt(), false)])?;
            row += 2;
        }
    }
    for (i, a) in agendas.iter().enumerate() {
        if i > 0 {
            breaks.push(row);
        }
        let when = a
            .meeting_on
            .map_or_else(|| "not scheduled yet".to_string(), |d| d.to_string());
        ws.write_string_with_format(
            row,
            0,
            format!("Development meeting: {} · {when}", a.person),
            &f.title,
        )
        .map_err(xlsx)?;
        row += 1;
        let previous = a
            .previous_meeting_on
            .map_or_else(|| "none yet".to_string(), |d| d.to_string());
        line(
            ws,
            &mut row,
            &[(
                &format!(
                    "Previous meeting: {previous} · every {} days",
                    a.cadence.cadence_days
                ),
                false,
            )],
        )?;
        row += 1;
        line(
            ws,
            &mut row,
            &[("Open goals and their next activities", true)],
        )?;
        for g in &a.open_goals {
            line(
                ws,
                &mut row,
                &[(
                    &format!(
                        "{} · {} ({}/{} done)",
                        g.competency, g.outcome, g.done, g.total
                    ),
                    false,
                )],
            )?;
            for act in &g.next_activities {
                let text = format!("   {} · {}", act.phase, act.description);
                line(
                    ws,
                    &mut row,
                    &[
                        (&text, false),
                        (&act.resource.name, false),
                        (&act.target_date.to_string(), false),
                    ],
                )?;
            }
        }
        line(ws, &mut row, &[("Overdue activities", true)])?;
        if a.overdue_activities.is_empty() {
            line(ws, &mut row, &[("None.", false)])?;
        }
        for o in &a.overdue_activities {
            ws.write_string_with_format(row, 0, "!", &f.alert)
                .map_err(xlsx)?;
            line(
                ws,
                &mut row,
                &[
                    (&o.activity.description, false),
                    (&o.outcome, false),
                    (&o.activity.target_date.to_string(), false),
                ],
            )?;
        }
        line(ws, &mut row, &[("Recent competency ratings", true)])?;
        if a.recent_ratings.is_empty() {
            line(ws, &mut row, &[("None since the previous meeting.", false)])?;
        }
        for r in &a.recent_ratings {
            let text = format!(
                "{} ({} level): {}/5 by {}",
                r.competency, r.level, r.score, r.rater
            );
            line(
                ws,
                &mut row,
                &[
                    (&text, false),
                    (&r.evidence, false),
                    (&r.rated_on.to_string(), false),
                ],
            )?;
        }
        line(ws, &mut row, &[("Open action items", true)])?;
        if a.open_action_items.is_empty() {
            line(ws, &mut row, &[("None.", false)])?;
        }
        for item in &a.open_action_items {
            let due = item.due_date.map(|d| d.to_string()).unwrap_or_default();
            line(
                ws,
                &mut row,
                &[
                    (&item.description, false),
                    (item.owner.as_str(), false),
                    (&due, false),
                ],
            )?;
        }
        row += 1;
        for s in &a.sections {
            line(ws, &mut row, &[(s.title, true)])?;
            line(ws, &mut row, &[(s.prompt, false)])?;
            if !s.body.is_empty() {
                line(ws, &mut row, &[(&s.body, false)])?;
            }
            row += 1;
        }
        row += 1;
    }
    ws.set_page_breaks(&breaks).map_err(xlsx)?;
    sheet::print_setup(ws, false);
    ws.set_portrait();
    ws.protect();
    Ok(())
}
