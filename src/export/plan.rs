//! The development-plan workbook: one row per activity with its goal, so a plan reads
//! (and prints) as one table and imports back row by row.

use foldhash::HashMap;

use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::plans::{self, Activity, Goal, GoalStatus, Phase, ResourceKind};
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

/// How many people's plans are read from the database at a time while the Plan sheet is
/// written: few reads, and only a slice of a large team's plans in memory at once.
const PEOPLE_PER_READ: usize = 250;

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
    sheet::importable(
        &mut wb,
        "Development plan",
        "Learn–Practice–Feedback development plan",
        input,
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

    // The rows are made as the sheet is written, and the sheet is written row by row to a
    // temporary file (rust_xlsxwriter's low-memory mode: only the shared strings stay in
    // memory, so the file is as compact as usual). The plans are read a few hundred people
    // at a time, in the sheet's order, so a team of thousands is never held in memory,
    // neither as plans nor as cells.
    let mut people = Vec::new();
    let mut count = 0;
    if !input.blank {
        people = people::list_in(c, input.ids)?;
        people.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id.clone()));
        count = row_count(c, input.ids)?;
    }
    let rows = PlanRows {
        c,
        chunks: people.chunks(PEOPLE_PER_READ),
        goals: Vec::new().into_iter(),
        goal: None,
    };

    let ws = wb.add_worksheet_with_low_memory().map_err(xlsx)?;
    ws.set_name(PLAN_SHEET).map_err(xlsx)?;
    let last = sheet::table_streamed(
        ws,
        &f,
        "DevelopmentPlan",
        &columns,
        count,
        rows,
        sheet::SPARE_ROWS,
    )?;
    // Overdue: an open goal's activity past its target date and not done.
    sheet::overdue_rows(
        ws,
        &f,
        &columns,
        last,
        col::TARGET,
        &[(col::GOAL_STATUS, "{}=\"open\""), (col::DONE, "{}=\"\"")],
    )?;
    ws.set_active(true);
    wb.save_to_buffer().map_err(xlsx)
}

/// The Plan sheet's row count for these people: one per activity, and one for each goal
/// that has none yet.
fn row_count(c: &Connection, ids: &[String]) -> Result<usize> {
    let n: i64 = c.query_row(
        "SELECT count(*) FROM goals g LEFT JOIN activities a ON a.goal_id = g.id
         WHERE g.person_id IN (SELECT value FROM json_each(?1))",
        [crate::id_list(ids)],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// The Plan sheet's rows, in its order: person by person (by name), each person's goals
/// in plan order, one row per activity, and a goal without activities on a row of its own.
/// The plans are read [`PEOPLE_PER_READ`] people at a time and each row is made from them
/// as it is written, its text moved rather than copied.
struct PlanRows<'a> {
    c: &'a Connection,
    chunks: std::slice::Chunks<'a, people::Person>,
    /// The goals of the people being written, with each one's person's name.
    goals: std::vec::IntoIter<(&'a str, Goal)>,
    /// The goal being written, and its activities still to write.
    goal: Option<(&'a str, Goal, std::vec::IntoIter<Activity>)>,
}

impl Iterator for PlanRows<'_> {
    type Item = Result<Vec<Cell>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((person, g, activities)) = &mut self.goal {
                if let Some(a) = activities.next() {
                    let mut row = goal_cells(person, g);
                    row.extend([
                        Cell::text(a.phase.as_str()),
                        Cell::Text(a.description),
                        Cell::Text(a.resource.name),
                        Cell::text(a.resource.kind.as_str()),
                        Cell::Date(Some(a.target_date)),
                        Cell::Date(a.completed_on),
                        Cell::Text(a.notes),
                        Cell::text(&g.id),
                        Cell::Text(a.id),
                    ]);
                    return Some(Ok(row));
                }
                self.goal = None;
            }
            if let Some((person, mut g)) = self.goals.next() {
                let activities = std::mem::take(&mut g.activities);
                if activities.is_empty() {
                    let mut row = goal_cells(person, &g);
                    row.extend([
                        Cell::text(""),
                        Cell::text(""),
                        Cell::text(""),
                        Cell::text(""),
                        Cell::Date(None),
                        Cell::Date(None),
                        Cell::text(""),
                        Cell::Text(g.id),
                        Cell::text(""),
                    ]);
                    return Some(Ok(row));
                }
                self.goal = Some((person, g, activities.into_iter()));
                continue;
            }
            let chunk = self.chunks.next()?;
            match goals_in_order(self.c, chunk) {
                Ok(goals) => self.goals = goals.into_iter(),
                Err(e) => {
                    // Nothing more after a failed read: the export stops with its error.
                    self.chunks = [].chunks(1);
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The goal's own cells, repeated on each of its rows.
fn goal_cells(person: &str, g: &Goal) -> Vec<Cell> {
    let mut row = Vec::with_capacity(13);
    row.extend([
        Cell::text(person),
        Cell::text(&g.competency),
        Cell::text(&g.outcome),
        Cell::text(g.status.as_str()),
    ]);
    row
}

/// The goals of `people` (given in the sheet's order), person by person, each person's in
/// plan order, each with its person's name.
fn goals_in_order<'a>(
    c: &Connection,
    people: &'a [people::Person],
) -> Result<Vec<(&'a str, Goal)>> {
    let ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let place: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut goals: Vec<(usize, Goal)> = plans::goals_of_in(c, &ids, false)?
        .into_iter()
        .filter_map(|g| Some((*place.get(g.person_id.as_str())?, g)))
        .collect();
    // Each person's goals stay in plan order: the sort is stable.
    goals.sort_by_key(|(i, _)| *i);
    Ok(goals
        .into_iter()
        .map(|(i, g)| (people[i].name.as_str(), g))
        .collect())
}
