//! The competency-ratings workbook: people × competencies at the current and the next
//! level with a colour scale, every rating as history, and the behaviours of each
//! competency (as a note on its column and on a side sheet).

use foldhash::HashMap;

use rusqlite::Connection;
use rust_xlsxwriter::{ConditionalFormat3ColorScale, ConditionalFormatType, Note, Workbook};

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::competencies::{self, Competency, Level, Rater};
use crate::{people, Result};

/// The sheet new ratings are added on, which the importer reads.
pub const RATINGS_SHEET: &str = "Ratings";

/// The columns of the Ratings sheet; the importer finds them by these headers.
pub(crate) mod col {
    pub const PERSON: &str = "Person";
    pub const COMPETENCY: &str = "Competency";
    pub const LEVEL: &str = "Level";
    pub const RATER: &str = "Rater";
    pub const RATER_NAME: &str = "Rater name";
    pub const SCORE: &str = "Score";
    pub const DATE: &str = "Date";
    pub const EVIDENCE: &str = "Evidence";
    pub const RATING_ID: &str = "Rating id";
}

pub(crate) fn write(c: &Connection, input: &Input) -> Result<Vec<u8>> {
    let library = competencies::list_in(c, false)?;
    let everyone = people::list_in(
        c,
        &people::scope_ids_in(c, &crate::profile::Scope::Everyone, false)?,
    )?;
    let people_names: Vec<String> = everyone.iter().map(|p| p.name.clone()).collect();
    let rated = people::list_in(c, input.ids)?;

    let mut wb = Workbook::new();
    let f = Formats::new();
    sheet::importable(
        &mut wb,
        "Competency ratings",
        "Competency ratings at the current and the next level",
        input,
    )?;
    let anchors: Vec<String> = competencies::ANCHORS
        .iter()
        .map(|(s, t)| format!("{s} {t}"))
        .collect();
    let scale = format!("Scores run from 1 to 5: {}.", anchors.join(", "));
    sheet::instructions(
        &mut wb,
        &f,
        "Competency ratings",
        &[
            "Competencies are how the work gets done. Rate each person against their current level and against the next one; the next level is what promotion asks for.",
            &scale,
            "The two matrix sheets show the latest rating per person and competency, coloured from red (1) to green (5); they are views, filled by Ladder. Hover over a competency for the behaviours it covers; the Competencies sheet lists them all.",
            "Add new ratings as rows of the Ratings sheet, with who rated, the date and the evidence. Ratings are kept as history, so a trend can be shown: to correct one, add a new row rather than changing an old one.",
        ],
        true,
    )?;
    let refs = sheet::lists(
        &mut wb,
        &[
            ("People", people_names),
            (
                "Competencies",
                library.iter().map(|k| k.name.clone()).collect(),
            ),
        ],
    )?;

    let mut latest: HashMap<(String, String, Level), i64> = HashMap::default();
    let mut history = Vec::new();
    if !input.blank {
        for p in &rated {
            for r in competencies::history_in(c, &p.id, None)? {
                latest.insert((p.id.clone(), r.competency_id.clone(), r.level), r.score);
                history.push(vec![
                    Cell::text(&p.name),
                    Cell::text(&r.competency),
                    Cell::text(r.level.as_str()),
                    Cell::text(r.rater.as_str()),
                    Cell::text(r.rater_name.clone().unwrap_or_default()),
                    Cell::Number(Some(r.score as f64)),
                    Cell::Date(Some(r.rated_on)),
                    Cell::text(&r.evidence),
                    Cell::text(&r.id),
                ]);
            }
        }
    }

    for (level, sheet_name, table_name) in [
        (Level::Current, "Current level", "CurrentLevel"),
        (Level::Next, "Next level", "NextLevel"),
    ] {
        // A view of the latest ratings: locked; new ratings go on the Ratings sheet.
        let mut columns =
            vec![Column::new("Person", 22.0, Kind::Text, "The person rated.").locked()];
        columns.extend(library.iter().map(|k| {
            Column::new(
                &k.name,
                14.0,
                Kind::Score(1, 5),
                "1 not yet shown … 5 role model.",
            )
            .locked()
        }));
        let rows: Vec<Vec<Cell>> = rated
            .iter()
            .filter(|_| !input.blank)
            .map(|p| {
                let mut row = vec![Cell::text(&p.name)];
                row.extend(library.iter().map(|k| {
                    Cell::Number(
                        latest
                            .get(&(p.id.clone(), k.id.clone(), level))
                            .map(|s| *s as f64),
                    )
                }));
                row
            })
            .collect();
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name).map_err(xlsx)?;
        let last = sheet::table(ws, &f, table_name, &columns, &rows, 0)?;
        for (i, k) in library.iter().enumerate() {
            ws.insert_note(0, i as u16 + 1, &behaviour_note(k))
                .map_err(xlsx)?;
        }
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 1)
            .set_midpoint(ConditionalFormatType::Number, 3)
            .set_maximum(ConditionalFormatType::Number, 5);
        ws.add_conditional_format(1, 1, last, library.len() as u16, &scale)
            .map_err(xlsx)?;
    }

    let history_columns = [
        Column::new(
            col::PERSON,
            22.0,
            Kind::List(refs[0].clone()),
            "The person rated.",
        ),
        Column::new(
            col::COMPETENCY,
            22.0,
            Kind::List(refs[1].clone()),
            "The competency.",
        ),
        Column::new(
            col::LEVEL,
            10.0,
            Kind::Choice(Level::CODES),
            "current or next: the level rated against.",
        ),
        Column::new(
            col::RATER,
            10.0,
            Kind::Choice(Rater::CODES),
            "self, manager or other.",
        ),
        Column::new(
            col::RATER_NAME,
            18.0,
            Kind::Text,
            "For a rater other than the person or their manager.",
        ),
        Column::new(
            col::SCORE,
            8.0,
            Kind::Score(1, 5),
            "1 not yet shown, 2 developing, 3 solid, 4 strong, 5 role model.",
        ),
        Column::new(
            col::DATE,
            12.0,
            Kind::Date,
            "The date of the rating (YYYY-MM-DD).",
        ),
        Column::new(
            col::EVIDENCE,
            50.0,
            Kind::Wrap,
            "What was seen: behaviours, not results alone.",
        ),
        Column::new(col::RATING_ID, 10.0, Kind::Id, "Ladder's id of the rating."),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(RATINGS_SHEET).map_err(xlsx)?;
    sheet::table(
        ws,
        &f,
        "Ratings",
        &history_columns,
        &history,
        sheet::SPARE_ROWS,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name("Competencies").map_err(xlsx)?;
    ws.set_column_width(0, 24).map_err(xlsx)?;
    ws.set_column_width(1, 90).map_err(xlsx)?;
    ws.write_string_with_format(0, 0, "Competency", &f.header)
        .map_err(xlsx)?;
    ws.write_string_with_format(0, 1, "Behaviours it covers", &f.header)
        .map_err(xlsx)?;
    for (i, k) in library.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 1, 0, &k.name, &f.locked_text)
            .map_err(xlsx)?;
        ws.write_string_with_format(i as u32 + 1, 1, k.behaviours.join("\n"), &f.plain)
            .map_err(xlsx)?;
    }
    sheet::print_setup(ws, true);
    ws.protect();
    wb.save_to_buffer().map_err(xlsx)
}

fn behaviour_note(k: &Competency) -> Note {
    let text = k
        .behaviours
        .iter()
        .map(|b| format!("• {b}"))
        .collect::<Vec<_>>()
        .join("\n");
    Note::new(format!("{}\n{text}", k.name))
        .add_author_prefix(false)
        .set_width(320)
        .set_height(140)
}
