//! The development-plan workbook: one row per activity with its goal, so a plan reads
//! (and prints) as one table and imports back row by row.

use rusqlite::Connection;
use rust_xlsxwriter::{ConditionalFormatFormula, Workbook};

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::plans::{self, GoalStatus, Phase, ResourceKind};
use crate::{competencies, people, Result};

/// The name of the data sheet, which the importer looks for.
pub const PLAN_SHEET: &str = "Plan";

/// The columns, in order; the importer finds them by these headers.
pub(crate) mod col {
    pub const PERSON: &str = "Person";
    pub const COMPETENCY: &str = "Competency";
    pub const GOAL: &str = "Goal (outcome)";
    pub const GOAL_STATUS: &str = "Goal status";
    pub const PHASE: &str = "Phase";
    pub const ACTIVITY: &str = "Activity";
    pub const RESOURCE: &str = "Resource";
    pub const RESOURCE_KIND: &str = "Resource kind";
    pub const TARGET: &str = "Target date";
    pub const DONE: &str = "Done on";
    pub const NOTES: &str = "Notes";
    pub const GOAL_ID: &str = "Goal id";
    pub const ACTIVITY_ID: &str = "Activity id";
}

pub(crate) fn write(c: &Connection, input: &Input) -> Result<Vec<u8>> {
    let people_names: Vec<String> =
        people::scope_ids_in(c, &crate::profile::Scope::Everyone, false)
            .and_then(|ids| people::list_in(c, &ids))?
            .into_iter()
            .map(|p| p.name)
            .collect();
    let competency_names: Vec<String> = competencies::list_in(c, false)?
        .into_iter()
        .map(|k| k.name)
        .collect();

    let mut wb = Workbook::new();
    let f = Formats::new();
    sheet::properties(
        &mut wb,
        "Development plan",
        "Learn–Practice–Feedback development plan",
        input.today,
    )?;
    sheet::instructions(
        &mut wb,
        &f,
        "Development plan",
        &[
            "Training is not development: each goal builds one competency, stated as an outcome (\"Improve my ability to influence decisions across departments\").",
            "Work every goal through three phases: Learn (a book, course, mentor...), Practice (a safe, real chance to use it) and Feedback (from whom, soon after the practice). Give each activity a resource and a target date; fill in Done on when it is done.",
            "One row per activity; repeat the goal on each of its rows. A row with a goal and no activity adds just the goal.",
            "Rows past their target date and not done turn red, and keep doing so as the days pass.",
            "Spread the help: the manager should not be the resource of every activity, and feedback comes after practice.",
        ],
        true,
    )?;
    let refs = sheet::lists(
        &mut wb,
        &[("People", people_names), ("Competencies", competency_names)],
    )?;

    let columns = [
        Column::new(
            col::PERSON,
            20.0,
            Kind::List(refs[0].clone()),
            "The associate whose plan this is.",
        ),
        Column::new(
            col::COMPETENCY,
            20.0,
            Kind::List(refs[1].clone()),
            "The one competency the goal builds.",
        ),
        Column::new(
            col::GOAL,
            40.0,
            Kind::Wrap,
            "The outcome, e.g. Improve my ability to influence decisions across departments.",
        ),
        Column::new(
            col::GOAL_STATUS,
            11.0,
            Kind::Choice(GoalStatus::CODES),
            "open, done or dropped.",
        ),
        Column::new(
            col::PHASE,
            10.0,
            Kind::Choice(Phase::CODES),
            "learn, practice or feedback.",
        ),
        Column::new(
            col::ACTIVITY,
            44.0,
            Kind::Wrap,
            "What the associate will do.",
        ),
        Column::new(
            col::RESOURCE,
            24.0,
            Kind::Text,
            "The person, material or event that helps.",
        ),
        Column::new(
            col::RESOURCE_KIND,
            13.0,
            Kind::Choice(ResourceKind::CODES),
            "person, material or event.",
        ),
        Column::new(
            col::TARGET,
            12.0,
            Kind::Date,
            "When it should be done (YYYY-MM-DD).",
        ),
        Column::new(
            col::DONE,
            12.0,
            Kind::Date,
            "When it was done (YYYY-MM-DD); empty while open.",
        ),
        Column::new(col::NOTES, 30.0, Kind::Wrap, "Anything worth remembering."),
        Column::new(col::GOAL_ID, 10.0, Kind::Id, "Ladder's id of the goal."),
        Column::new(
            col::ACTIVITY_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the activity.",
        ),
    ];

    // The rows are made one at a time as the sheet is written, and the sheet is written
    // row by row to a temporary file (rust_xlsxwriter's low-memory mode: only the shared
    // strings stay in memory, so the file is as compact as usual), so a team of thousands
    // is never held in memory as cells.
    let mut goals = Vec::new();
    let mut names: std::collections::HashMap<String, String> = Default::default();
    if !input.blank {
        names = people::list_in(c, input.ids)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        goals = plans::goals_of_in(c, input.ids, false)?;
        // By person name, each person's goals in plan order (the sort is stable).
        goals.sort_by_cached_key(|g| names.get(&g.person_id).map(|n| n.to_lowercase()));
    }
    let rows = goals.iter().flat_map(|g| {
        let person = names
            .get(&g.person_id)
            .map(String::as_str)
            .unwrap_or_default();
        let goal_cells = move || {
            vec![
                Cell::text(person),
                Cell::text(&g.competency),
                Cell::text(&g.outcome),
                Cell::text(g.status.as_str()),
            ]
        };
        let bare = g.activities.is_empty().then(|| {
            let mut row = goal_cells();
            row.extend([
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::Date(None),
                Cell::Date(None),
                Cell::text(""),
            ]);
            row.extend([Cell::text(&g.id), Cell::text("")]);
            row
        });
        bare.into_iter().chain(g.activities.iter().map(move |a| {
            let mut row = goal_cells();
            row.extend([
                Cell::text(a.phase.as_str()),
                Cell::text(&a.description),
                Cell::text(&a.resource.name),
                Cell::text(a.resource.kind.as_str()),
                Cell::Date(Some(a.target_date)),
                Cell::Date(a.completed_on),
                Cell::text(&a.notes),
                Cell::text(&g.id),
                Cell::text(&a.id),
            ]);
            row
        }))
    });

    let ws = wb.add_worksheet_with_low_memory().map_err(xlsx)?;
    ws.set_name(PLAN_SHEET).map_err(xlsx)?;
    let count = goals.iter().map(|g| g.activities.len().max(1)).sum();
    let last = sheet::table_streamed(
        ws,
        &f,
        "DevelopmentPlan",
        &columns,
        count,
        rows,
        sheet::SPARE_ROWS,
    )?;
    // Overdue: an open goal's activity past its target date and not done. A formula, so
    // it keeps working as the dates pass in Excel.
    let overdue = ConditionalFormatFormula::new()
        .set_rule("=AND($D2=\"open\",$I2<>\"\",$J2=\"\",$I2<TODAY())")
        .set_format(&f.alert);
    ws.add_conditional_format(1, 0, last, 10, &overdue)
        .map_err(xlsx)?;
    ws.set_active(true);
    wb.save_to_buffer().map_err(xlsx)
}
