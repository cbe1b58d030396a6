//! The change-assessment workbook: the register (ten fields), ADKAR scores per
//! stakeholder with the barrier point computed by an Excel formula (so a template filled
//! by hand shows it without Ladder), scores of 3 or lower highlighted, the phase plan with
//! the influential associates, and the RACI matrix with a check of one Accountable per
//! activity.

use foldhash::HashSet;
use rusqlite::Connection;
use rust_xlsxwriter::{utility::column_number_to_name, ConditionalFormatFormula, Workbook};

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::change::plan::{self as phase, ActionStatus};
use crate::change::raci::{self, RaciRole};
use crate::change::register::{self, Change, ChangeStatus, Effect, Impact, OrgAwareness};
use crate::change::{assessments, barrier_point, Element};
use crate::{people, Result};

/// The sheets of the workbook, as the import looks for them.
pub(crate) const REGISTER_SHEET: &str = "Register";
pub(crate) const SCORES_SHEET: &str = "ADKAR scores";
pub(crate) const PLAN_SHEET: &str = "Phase plan";
pub(crate) const INFLUENCERS_SHEET: &str = "Influencers";
pub(crate) const RACI_SHEET: &str = "RACI";

/// Column headers, shared with the import.
pub(crate) mod col {
    pub const CHANGE_OR_WORKSTREAM: &str = "Change or workstream";
    pub const DESCRIPTION: &str = "Description";
    pub const OWNER: &str = "Owner";
    pub const IMPACT: &str = "Impact";
    pub const EFFECT: &str = "Effect";
    pub const TRAINING: &str = "Training required";
    pub const COMMS: &str = "Comms plan required";
    pub const ORG_CHANGES: &str = "Organisational changes";
    pub const AWARENESS: &str = "Current awareness";
    pub const STAKEHOLDERS: &str = "Stakeholders";
    pub const STATUS: &str = "Status";
    pub const CHANGE_ID: &str = "Change id";
    pub const CHANGE: &str = "Change";
    pub const STAKEHOLDER: &str = "Stakeholder";
    pub const PEOPLE: &str = "People";
    pub const ASSESSED_ON: &str = "Assessed on";
    pub const BARRIER: &str = "Barrier";
    pub const STAKEHOLDER_ID: &str = "Stakeholder id";
    pub const ASSESSMENT_ID: &str = "Assessment id";
    pub const ELEMENT: &str = "Element";
    pub const ACTION: &str = "Action";
    pub const DUE: &str = "Due";
    pub const ACTION_ID: &str = "Action id";
    pub const INFLUENCER: &str = "Influential associate";
    pub const CONCERNS: &str = "Concerns";
    pub const QUESTIONS: &str = "Questions";
    pub const REACTIONS: &str = "Expected reactions";
    pub const INFLUENCER_ID: &str = "Influencer id";
    pub const ACTIVITY: &str = "Activity";
    pub const CHECK: &str = "Check";
    pub const ACTIVITY_ID: &str = "Activity id";
}

const YES_NO: &[&str] = &["yes", "no"];
/// RACI letters as people write them; Ladder reads them in either case.
const RACI_LETTERS: &[&str] = &["R", "A", "C", "I"];

/// The barrier point as a formula: the first element scored 3 or lower, in A-D-K-A-R
/// order, not the lowest one. Scores are in columns E to I.
const BARRIER_FORMULA: &str = "=IF(COUNT(E{row}:I{row})<5,\"\",IF(E{row}<=3,\"Awareness\",IF(F{row}<=3,\"Desire\",IF(G{row}<=3,\"Knowledge\",IF(H{row}<=3,\"Ability\",IF(I{row}<=3,\"Reinforcement\",\"none\"))))))";

pub(crate) fn write(c: &Connection, input: &Input) -> Result<Vec<u8>> {
    let changes: Vec<Change> = if input.blank {
        Vec::new()
    } else {
        register::list_in(c)?
            .into_iter()
            .filter(|ch| {
                input.whole_team
                    || ch.owner_id == input.ids[0]
                    || ch
                        .stakeholders
                        .iter()
                        .any(|s| s.person_id.as_deref() == Some(&input.ids[0]))
            })
            .collect()
    };
    let team = people::list_in(
        c,
        &people::scope_ids_in(c, &crate::profile::Scope::Everyone, false)?,
    )?;
    let names: Vec<String> = team.iter().map(|p| p.name.clone()).collect();

    let mut wb = Workbook::new();
    let f = Formats::new();
    sheet::importable(
        &mut wb,
        "Change assessment",
        "ADKAR change assessment, phase plan and RACI",
        input,
    )?;
    sheet::instructions(
        &mut wb,
        &f,
        "Change assessment (ADKAR)",
        &[
            "Before anyone is told of a change, its owner fills in the Register: one row per change or workstream, with exactly one owner. A committee of owners means nobody owns it. List every stakeholder in one cell, separated by semicolons: people by name, groups with their head count, as Finance team (12).",
            "Score every stakeholder (a person, or a group by its average, so one decimal is fine) from 1 to 5 on Awareness of the need, Desire to take part, Knowledge of how, Ability to do it, and Reinforcement to make it stick. Score again as the change goes on: each assessment is a new row with its date.",
            "The Barrier column finds the barrier point by itself: the FIRST element, in A-D-K-A-R order, scored 3 or lower — not the lowest one. Work on later elements waits until it is cleared. Scores of 3 or lower turn red.",
            "The Phase plan lists actions per element with an owner, a due date and a status. For Desire, consult two to four influential associates early and note their concerns, questions and the reactions they expect.",
            "In the RACI sheet, mark who is Responsible, Accountable, Consulted and Informed for each activity: exactly one A per activity (the Check column says so), and keep C and I to the minimum. Review the chart about every six months.",
            "On import, a row of scores that has an Assessment id must stay as it was scored: assessments are kept as history, so to score again add a row with the new date.",
        ],
        true,
    )?;
    let people_list = sheet::lists(&mut wb, &[("People", names)])?.remove(0);

    let change_list = register_sheet(&mut wb, &f, &changes, &people_list)?;
    // One person's workbook holds, of a change they do not own, their own scores only:
    // colleagues' scores are not theirs to receive.
    let only = (!input.whole_team && !input.blank).then(|| input.ids[0].as_str());
    scores_sheet(&mut wb, &f, c, &changes, &change_list, only)?;
    plan_sheets(&mut wb, &f, c, &changes, &people_list, &change_list)?;
    raci_sheet(&mut wb, &f, c, &changes, &change_list, &team)?;
    wb.save_to_buffer().map_err(xlsx)
}

fn yes_no(b: bool) -> Cell {
    Cell::text(if b { "yes" } else { "no" })
}

/// Writes the Register; returns the formula of its change column, for the other sheets'
/// drop-downs.
fn register_sheet(
    wb: &mut Workbook,
    f: &Formats,
    changes: &[Change],
    people_list: &str,
) -> Result<String> {
    let columns = [
        Column::new(
            col::CHANGE_OR_WORKSTREAM,
            26.0,
            Kind::Text,
            "The change, or one workstream of it.",
        ),
        Column::new(
            col::DESCRIPTION,
            40.0,
            Kind::Wrap,
            "What is changing, in a sentence or two.",
        ),
        Column::new(
            col::OWNER,
            20.0,
            Kind::List(people_list.into()),
            "Exactly one owner: never a committee.",
        ),
        Column::new(
            col::IMPACT,
            10.0,
            Kind::Choice(Impact::CODES),
            "How strongly it affects stakeholders: high, medium or low.",
        ),
        Column::new(
            col::EFFECT,
            11.0,
            Kind::Choice(Effect::CODES),
            "For the stakeholders: positive, negative or neutral.",
        ),
        Column::new(
            col::TRAINING,
            10.0,
            Kind::Choice(YES_NO),
            "Is training required? yes or no.",
        ),
        Column::new(
            col::COMMS,
            10.0,
            Kind::Choice(YES_NO),
            "Is a communication plan required? yes or no.",
        ),
        Column::new(
            col::ORG_CHANGES,
            12.0,
            Kind::Choice(YES_NO),
            "Are there organisational changes? yes or no.",
        ),
        Column::new(
            col::AWARENESS,
            11.0,
            Kind::Choice(OrgAwareness::CODES),
            "How aware the organisation already is: low, medium or high.",
        ),
        Column::new(
            col::STAKEHOLDERS,
            36.0,
            Kind::Wrap,
            "Every person and group affected.",
        ),
        Column::new(
            col::STATUS,
            12.0,
            Kind::Choice(ChangeStatus::CODES),
            "draft, announced, in_progress, reinforcing or closed.",
        ),
        Column::new(col::CHANGE_ID, 10.0, Kind::Id, "Ladder's id of the change."),
    ];
    let rows: Vec<Vec<Cell>> = changes
        .iter()
        .map(|ch| {
            let stakeholders: Vec<String> = ch
                .stakeholders
                .iter()
                .map(|s| {
                    if s.person_id.is_some() {
                        s.name.clone()
                    } else {
                        format!("{} ({})", s.name, s.head_count)
                    }
                })
                .collect();
            vec![
                Cell::text(&ch.name),
                Cell::text(&ch.description),
                Cell::text(&ch.owner),
                Cell::text(ch.impact.as_str()),
                Cell::text(ch.effect.as_str()),
                yes_no(ch.training_required),
                yes_no(ch.comms_plan_required),
                yes_no(ch.org_changes),
                Cell::text(ch.awareness.as_str()),
                Cell::text(stakeholders.join("; ")),
                Cell::text(ch.status.as_str()),
                Cell::text(&ch.id),
            ]
        })
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(REGISTER_SHEET).map_err(xlsx)?;
    let last_row = sheet::table(ws, f, "Register", &columns, &rows, 20)?;
    ws.set_active(true);
    // The other sheets pick their change from this column, spare rows included, so a
    // change added on the Register can be scored and planned in the same file.
    Ok(format!("={REGISTER_SHEET}!$A$2:$A${}", last_row + 1))
}

fn scores_sheet(
    wb: &mut Workbook,
    f: &Formats,
    c: &Connection,
    changes: &[Change],
    change_list: &str,
    only: Option<&str>,
) -> Result<()> {
    let score = |e: Element| {
        Column::new(
            e.title(),
            12.0,
            Kind::Decimal,
            "1 to 5, one decimal at most; 3 or lower is a barrier.",
        )
    };
    let columns = [
        Column::new(
            col::CHANGE,
            24.0,
            Kind::ListFrom(change_list.into()),
            "The change this assessment is for: one on the Register sheet.",
        ),
        Column::new(
            col::STAKEHOLDER,
            24.0,
            Kind::Text,
            "A person, or a group scored by its averages.",
        ),
        Column::new(
            col::PEOPLE,
            8.0,
            Kind::Score(1, 1_000_000),
            "How many people: 1 for a person, the head count for a group.",
        ),
        Column::new(
            col::ASSESSED_ON,
            12.0,
            Kind::Date,
            "The date of this assessment (YYYY-MM-DD).",
        ),
        score(Element::Awareness),
        score(Element::Desire),
        score(Element::Knowledge),
        score(Element::Ability),
        score(Element::Reinforcement),
        Column::new(
            col::BARRIER,
            14.0,
            Kind::Formula(BARRIER_FORMULA.into()),
            "Computed: the first element scored 3 or lower.",
        ),
        Column::new(
            col::STAKEHOLDER_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the stakeholder.",
        ),
        Column::new(
            col::ASSESSMENT_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the assessment.",
        ),
    ];
    let mut rows = Vec::new();
    for ch in changes {
        let everyone = only.is_none_or(|id| ch.owner_id == id);
        for s in assessments::rollup_in(c, &ch.id)?.stakeholders {
            if !everyone && s.stakeholder.person_id.as_deref() != only {
                continue;
            }
            let mut row = vec![
                Cell::text(&ch.name),
                Cell::text(&s.stakeholder.name),
                Cell::Number(Some(s.stakeholder.head_count as f64)),
            ];
            match &s.latest {
                Some(a) => {
                    row.push(Cell::Date(Some(a.assessed_on)));
                    row.extend(
                        a.scores
                            .scores()
                            .iter()
                            .map(|sc| Cell::Number(Some(sc.value()))),
                    );
                    row.push(Cell::text(
                        barrier_point(&a.scores).map_or("none", |e| e.title()),
                    ));
                    row.extend([Cell::text(&s.stakeholder.id), Cell::text(&a.id)]);
                }
                None => {
                    row.push(Cell::Date(None));
                    row.extend((0..5).map(|_| Cell::Number(None)));
                    row.extend([
                        Cell::text(""),
                        Cell::text(&s.stakeholder.id),
                        Cell::text(""),
                    ]);
                }
            }
            rows.push(row);
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(SCORES_SHEET).map_err(xlsx)?;
    let last = sheet::table(ws, f, "AdkarScores", &columns, &rows, sheet::SPARE_ROWS)?;
    let low = ConditionalFormatFormula::new()
        .set_rule("=AND(ISNUMBER(E2),E2<=3)")
        .set_format(&f.alert);
    ws.add_conditional_format(1, 4, last, 8, &low)
        .map_err(xlsx)?;
    Ok(())
}

fn plan_sheets(
    wb: &mut Workbook,
    f: &Formats,
    c: &Connection,
    changes: &[Change],
    people_list: &str,
    change_list: &str,
) -> Result<()> {
    let mut actions = Vec::new();
    let mut influencers = Vec::new();
    for ch in changes {
        let plan = phase::phase_plan_in(c, &ch.id)?;
        for a in plan.actions {
            actions.push(vec![
                Cell::text(&ch.name),
                Cell::text(a.element.as_str()),
                Cell::text(&a.description),
                Cell::text(&a.owner),
                Cell::Date(a.due_date),
                Cell::text(a.status.as_str()),
                Cell::text(&a.id),
            ]);
        }
        for i in plan.influencers {
            influencers.push(vec![
                Cell::text(&ch.name),
                Cell::text(&i.person),
                Cell::text(&i.concerns),
                Cell::text(&i.questions),
                Cell::text(&i.expected_reactions),
                Cell::text(&i.id),
            ]);
        }
    }
    let columns = [
        Column::new(
            col::CHANGE,
            24.0,
            Kind::ListFrom(change_list.into()),
            "The change this action belongs to: one on the Register sheet.",
        ),
        Column::new(
            col::ELEMENT,
            14.0,
            Kind::Choice(Element::CODES),
            "awareness, desire, knowledge, ability or reinforcement.",
        ),
        Column::new(col::ACTION, 50.0, Kind::Wrap, "What will be done."),
        Column::new(
            col::OWNER,
            20.0,
            Kind::List(people_list.into()),
            "Who does it.",
        ),
        Column::new(col::DUE, 12.0, Kind::Date, "When it is due (YYYY-MM-DD)."),
        Column::new(
            col::STATUS,
            12.0,
            Kind::Choice(ActionStatus::CODES),
            "planned, in_progress, done or dropped.",
        ),
        Column::new(col::ACTION_ID, 10.0, Kind::Id, "Ladder's id of the action."),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(PLAN_SHEET).map_err(xlsx)?;
    let last = sheet::table(ws, f, "PhasePlan", &columns, &actions, sheet::SPARE_ROWS)?;
    // Overdue: an action past its due date and neither done nor dropped.
    sheet::overdue_rows(
        ws,
        f,
        &columns,
        last,
        col::DUE,
        &[(col::STATUS, "OR({}=\"planned\",{}=\"in_progress\")")],
    )?;

    let columns = [
        Column::new(
            col::CHANGE,
            24.0,
            Kind::ListFrom(change_list.into()),
            "The change: one on the Register sheet.",
        ),
        Column::new(
            col::INFLUENCER,
            22.0,
            Kind::List(people_list.into()),
            "Two to four influential associates, consulted early.",
        ),
        Column::new(col::CONCERNS, 34.0, Kind::Wrap, "What worries them."),
        Column::new(col::QUESTIONS, 34.0, Kind::Wrap, "What they ask."),
        Column::new(
            col::REACTIONS,
            34.0,
            Kind::Wrap,
            "How they expect everyone else to react.",
        ),
        Column::new(col::INFLUENCER_ID, 10.0, Kind::Id, "Ladder's id."),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(INFLUENCERS_SHEET).map_err(xlsx)?;
    sheet::table(ws, f, "Influencers", &columns, &influencers, 20)?;
    Ok(())
}

/// The most person columns the RACI matrix takes its changes' stakeholders into.
const MAX_RACI_COLUMNS: usize = 40;

fn raci_sheet(
    wb: &mut Workbook,
    f: &Formats,
    c: &Connection,
    changes: &[Change],
    change_list: &str,
    team: &[people::Person],
) -> Result<()> {
    let charts = changes
        .iter()
        .map(|ch| raci::chart_in(c, &ch.id))
        .collect::<Result<Vec<_>>>()?;
    // The matrix columns: the people of the charts and the changes' owners, so a chart
    // not started yet can be filled in the file (the header is locked); their person
    // stakeholders too while the matrix stays readable. A blank template lists everyone.
    let mut people: Vec<(String, String)> = charts
        .iter()
        .flat_map(|ch| {
            ch.people
                .iter()
                .map(|p| (p.name.clone(), p.person_id.clone()))
        })
        .collect();
    // Owners and person stakeholders join when active (only they take a new role) and
    // when no column has their name yet (an archived namesake on a chart): a header names
    // one person.
    let active: HashSet<&str> = team.iter().map(|p| p.id.as_str()).collect();
    let mut named: HashSet<String> = people.iter().map(|(n, _)| n.to_lowercase()).collect();
    let mut joins = |name: &str, id: &str| active.contains(id) && named.insert(name.to_lowercase());
    let owners: Vec<(String, String)> = changes
        .iter()
        .filter(|ch| joins(&ch.owner, &ch.owner_id))
        .map(|ch| (ch.owner.clone(), ch.owner_id.clone()))
        .collect();
    people.extend(owners);
    let stakeholders: Vec<(String, String)> = changes
        .iter()
        .flat_map(|ch| &ch.stakeholders)
        .filter_map(|s| {
            let id = s.person_id.as_deref()?;
            joins(&s.name, id).then(|| (s.name.clone(), id.to_string()))
        })
        .collect();
    if people.len() + stakeholders.len() <= MAX_RACI_COLUMNS {
        people.extend(stakeholders);
    }
    if changes.is_empty() {
        people = team
            .iter()
            .map(|p| (p.name.clone(), p.id.clone()))
            .collect();
    }
    people.sort();
    people.dedup();

    let first = 2u16;
    let last = first + people.len().max(1) as u16 - 1;
    let range = |row: &str| {
        format!(
            "{}{row}:{}{row}",
            column_number_to_name(first),
            column_number_to_name(last)
        )
    };
    let check = format!(
        "=IF(COUNTA({r})=0,\"\",IF(COUNTIF({r},\"A\")=1,\"ok\",\"needs exactly one A\"))",
        r = range("{row}")
    );
    let mut columns = vec![
        Column::new(
            col::CHANGE,
            24.0,
            Kind::ListFrom(change_list.into()),
            "The change: one on the Register sheet.",
        ),
        Column::new(
            col::ACTIVITY,
            34.0,
            Kind::Wrap,
            "An activity of the change.",
        ),
    ];
    columns.extend(people.iter().map(|(name, _)| {
        Column::new(
            name,
            9.0,
            Kind::Choice(RACI_LETTERS),
            "R responsible, A accountable (one per activity), C consulted, I informed.",
        )
    }));
    if people.is_empty() {
        columns.push(Column::new(
            "Person",
            9.0,
            Kind::Choice(RACI_LETTERS),
            "R, A, C or I.",
        ));
    }
    columns.push(Column::new(
        col::CHECK,
        18.0,
        Kind::Formula(check),
        "Computed: each activity needs exactly one A.",
    ));
    columns.push(Column::new(
        col::ACTIVITY_ID,
        10.0,
        Kind::Id,
        "Ladder's id of the activity.",
    ));

    let mut rows = Vec::new();
    for chart in &charts {
        for a in &chart.activities {
            let mut row = vec![Cell::text(&chart.change), Cell::text(&a.name)];
            for (_, person_id) in &people {
                let role = a
                    .assignments
                    .iter()
                    .find(|x| &x.person_id == person_id)
                    .map(|x| x.role);
                row.push(Cell::text(role.map(letter).unwrap_or_default()));
            }
            let accountable = a
                .assignments
                .iter()
                .filter(|x| x.role == RaciRole::Accountable)
                .count();
            row.push(Cell::text(match (a.assignments.is_empty(), accountable) {
                (true, _) => "",
                (false, 1) => "ok",
                _ => "needs exactly one A",
            }));
            row.push(Cell::text(&a.id));
            rows.push(row);
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(RACI_SHEET).map_err(xlsx)?;
    let last_row = sheet::table(ws, f, "Raci", &columns, &rows, 30)?;
    let check_col = last + 1;
    let letter_of_check = column_number_to_name(check_col);
    let wrong = ConditionalFormatFormula::new()
        .set_rule(format!("=AND(${letter_of_check}2<>\"\",${letter_of_check}2<>\"ok\")").as_str())
        .set_format(&f.alert);
    ws.add_conditional_format(1, check_col, last_row, check_col, &wrong)
        .map_err(xlsx)?;
    Ok(())
}

fn letter(role: RaciRole) -> String {
    role.as_str().to_uppercase()
}
