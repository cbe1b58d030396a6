//! Workbooks as people use them: what Excel shows (read back from the file), a filled
//! workbook imported back, and files that are hostile or broken.

mod common;

use std::io::{Cursor, Read, Write};

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use ladder::export::{self, Fill, Kind};
use ladder::people::{self, NewPerson};
use ladder::plans::{self, NewActivity, NewGoal, Phase, Resource, ResourceKind};
use ladder::{competencies, demo, import, Db};
use rust_xlsxwriter::utility::column_number_to_name;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo_db() -> Db {
    let db = Db::open_in_memory().unwrap();
    demo::load(&db, today()).unwrap();
    db
}

/// The text of one part of the .xlsx archive.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Rebuilds the archive with some parts replaced (or added).
fn with_parts(bytes: &[u8], replace: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if let Some((_, new)) = replace.iter().find(|(n, _)| *n == name) {
            data = new.clone();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    for (name, data) in replace {
        if zip.by_name(name).is_err() {
            out.start_file(*name, opts).unwrap();
            out.write_all(data).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn sheet_xml(bytes: &[u8], sheet: &str) -> String {
    // The sheets are written in order: Instructions, Lists, then the data sheets.
    let names = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .unwrap()
        .sheet_names();
    let n = names.iter().position(|n| n == sheet).unwrap() + 1;
    part(bytes, &format!("xl/worksheets/sheet{n}.xml"))
}

/// The archive part of a sheet, by the sheet's name.
fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let names = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .unwrap()
        .sheet_names();
    let n = names.iter().position(|n| n == sheet).unwrap() + 1;
    format!("xl/worksheets/sheet{n}.xml")
}

/// Types text into cells of a sheet (`("E7", "done")`), as a user would: each cell, empty
/// or not, becomes an inline string. An empty cell may have no element of its own (its
/// column carries its format); typing into it then adds one, in column order.
fn type_into(bytes: &[u8], sheet: &str, cells: &[(&str, &str)]) -> Vec<u8> {
    let typed: Vec<(&str, String)> = cells
        .iter()
        .map(|(cell, text)| {
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            (
                *cell,
                format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{escaped}</t></is></c>"),
            )
        })
        .collect();
    put_cells(bytes, sheet, &typed)
}

/// A workbook with cells put in as given: each a whole `<c>` element of the sheet's XML.
fn put_cells(bytes: &[u8], sheet: &str, cells: &[(&str, String)]) -> Vec<u8> {
    let mut xml = sheet_xml(bytes, sheet);
    for (cell, typed) in cells {
        let (start, end) = match xml.find(&format!("<c r=\"{cell}\"")) {
            Some(start) => {
                let open_end = start + xml[start..].find('>').unwrap();
                let end = if xml[..open_end].ends_with('/') {
                    open_end + 1
                } else {
                    open_end + xml[open_end..].find("</c>").unwrap() + 4
                };
                (start, end)
            }
            None => {
                let at = empty_cell_place(&xml, cell)
                    .unwrap_or_else(|| panic!("row of cell {cell} is in {sheet}"));
                (at, at)
            }
        };
        xml.replace_range(start..end, typed);
    }
    with_parts(bytes, &[(&sheet_part(bytes, sheet), xml.into_bytes())])
}

/// Where a cell that has no element goes in its row: before the first cell to its right,
/// or at the end of the row.
fn empty_cell_place(xml: &str, cell: &str) -> Option<usize> {
    let split = cell.find(|ch: char| ch.is_ascii_digit())?;
    let (column, row) = cell.split_at(split);
    let key = |col: &str| (col.len(), col.to_string());
    let start = xml.find(&format!("<row r=\"{row}\""))?;
    let end = start + xml[start..].find("</row>")?;
    let mut at = start + xml[start..end].find('>')? + 1;
    while let Some(i) = xml[at..end].find("<c r=\"") {
        let name_at = at + i + 6;
        let name = &xml[name_at..name_at + xml[name_at..].find('"')?];
        if key(name.trim_end_matches(|ch: char| ch.is_ascii_digit())) > key(column) {
            return Some(at + i);
        }
        let open_end = name_at + xml[name_at..].find('>')?;
        at = if xml[..open_end].ends_with('/') {
            open_end + 1
        } else {
            open_end + xml[open_end..].find("</c>")? + 4
        };
    }
    Some(end)
}

/// The 1-based row of the first data row matching `pred`.
fn row_of(bytes: &[u8], sheet: &str, pred: impl Fn(&[Data]) -> bool) -> usize {
    range(bytes, sheet)
        .rows()
        .position(pred)
        .unwrap_or_else(|| panic!("a matching row in {sheet}"))
        + 1
}

fn range(bytes: &[u8], sheet: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

/// The change workbook with a new row typed into the first empty row of its ADKAR scores
/// sheet, the cells given as (column, text); and that row's number.
fn with_score_row(bytes: &[u8], cells: &[(&str, &str)]) -> (Vec<u8>, usize) {
    let spare = row_of(bytes, "ADKAR scores", |r| r[1].is_empty());
    let cells: Vec<(String, &str)> = cells
        .iter()
        .map(|(c, v)| (format!("{c}{spare}"), *v))
        .collect();
    let cells: Vec<(&str, &str)> = cells.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    (type_into(bytes, "ADKAR scores", &cells), spare)
}

/// Someone who joins the demo team under Jordan Avery.
fn newcomer(db: &Db, name: &str) -> people::Person {
    let boss = people::resolve(db, "Jordan Avery").unwrap();
    people::add(
        db,
        NewPerson {
            name: name.into(),
            manager_id: Some(boss.id),
            ..Default::default()
        },
    )
    .unwrap()
}

/// What an import was refused for, by cell.
fn refusals(err: ladder::Error) -> Vec<String> {
    match err {
        ladder::Error::ImportRefused { problems } => problems,
        other => panic!("refused for another reason: {other}"),
    }
}

#[test]
fn the_plan_workbook_reads_back_with_its_checks_and_print_settings() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(wb.sheet_names(), ["Instructions", "Lists", "Plan"]);

    let plan = range(&bytes, "Plan");
    let header: Vec<String> = plan
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[..4],
        ["Person", "Competency", "Goal (outcome)", "Goal status"]
    );
    assert_eq!(header[11..], ["Goal id", "Activity id"]);
    // Marcus's overdue reading activity is there with a real date.
    let row = plan
        .rows()
        .find(|r| r[5].to_string().starts_with("Read 'Talk Like TED'"))
        .expect("Marcus's learn activity");
    assert_eq!(row[0].to_string(), "Marcus Chen");
    assert_eq!(row[4].to_string(), "learn");
    assert_eq!(
        row[8].as_date(),
        Some(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap())
    );
    assert_eq!(row[12].to_string().len(), 36, "the activity id is kept");

    let xml = sheet_xml(&bytes, "Plan");
    // Drop-downs for each fixed choice and the people and competency lists, date checks.
    assert!(
        xml.contains("<formula1>\"learn,practice,feedback\"</formula1>"),
        "phase drop-down"
    );
    assert!(
        xml.contains("<formula1>\"open,done,dropped\"</formula1>"),
        "goal status drop-down"
    );
    assert!(
        xml.contains("<formula1>\"person,material,event\"</formula1>"),
        "resource kind drop-down"
    );
    assert!(
        xml.contains("<formula1>Lists!$A$2:$A$9</formula1>"),
        "people from the database"
    );
    assert!(xml.contains("type=\"date\""), "date validation");
    // Excel takes the dates Ladder takes, 1900-01-01 (day 1) to 2100-12-31 (day 73,415).
    assert!(
        xml.contains("<formula1>1</formula1><formula2>73415</formula2>"),
        "the date check's years"
    );
    assert!(xml.contains("between 1900 and 2100"));
    assert!(
        xml.contains("promptTitle=\"Target date\""),
        "input message on dates"
    );
    // Overdue highlighting is a formula on TODAY(), so it keeps working in Excel.
    assert!(
        xml.contains(
            "<formula>AND($D2=\"open\",$J2=\"\",$I2&lt;&gt;\"\",$I2&lt;TODAY())</formula>"
        ),
        "overdue rule"
    );
    // Frozen header, protection, hidden id columns, print settings.
    assert!(xml.contains("state=\"frozen\""));
    assert!(xml.contains("<sheetProtection"));
    assert!(xml.contains("hidden=\"1\""));
    assert!(xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("fitToHeight=\"0\""));
    assert!(xml.contains("Page &amp;P of &amp;N"));
    assert!(
        part(&bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"),
        "header row repeats"
    );
    assert!(
        part(&bytes, "xl/tables/table1.xml").contains("autoFilter"),
        "an Excel table with filters"
    );
    assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>Development plan</dc:title>"));
    let instructions = range(&bytes, "Instructions");
    assert!(instructions
        .rows()
        .any(|r| r[0].to_string().contains("Learn (a book, course, mentor")));
}

#[test]
fn the_meeting_and_ratings_workbooks_read_back() {
    let db = demo_db();
    let meeting = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    // An open action item past its due date is highlighted, as the days pass in Excel.
    let header: Vec<String> = range(&meeting, "Action items")
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[3..5], ["Due", "Status"]);
    assert!(
        sheet_xml(&meeting, "Action items")
            .contains("<formula>AND($E2=\"open\",$D2&lt;&gt;\"\",$D2&lt;TODAY())</formula>"),
        "overdue action items"
    );
    let agenda = range(&meeting, "Agenda");
    let text: Vec<String> = agenda
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .collect();
    assert!(text
        .iter()
        .any(|t| t == "Development meeting: Marcus Chen · 2026-12-01"));
    assert!(text
        .iter()
        .any(|t| t == "Behavioural feedback on competencies"));
    let notes = range(&meeting, "Notes");
    assert_eq!(
        notes.rows().filter(|r| r[0] == "Priya Raman").count(),
        4,
        "four standing sections"
    );
    let actions = range(&meeting, "Action items");
    assert!(actions
        .rows()
        .any(|r| r[1] == "Volunteer to present at the next huddle"));
    assert!(
        sheet_xml(&meeting, "Action items").contains("<formula1>\"associate,manager\"</formula1>")
    );

    let ratings = export::workbook(&db, Kind::Ratings, &Fill::Team, today()).unwrap();
    let current = range(&ratings, "Current level");
    let priya = current.rows().find(|r| r[0] == "Priya Raman").unwrap();
    let header: Vec<String> = current
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = header
        .iter()
        .position(|h| h == "Influencing others")
        .unwrap();
    assert_eq!(
        priya[col].as_f64(),
        Some(4.0),
        "the latest current-level rating"
    );
    let xml = sheet_xml(&ratings, "Current level");
    assert!(xml.contains("<cfRule type=\"colorScale\""), "colour scale");
    assert!(
        !xml.contains("<dataValidation "),
        "the matrix is a locked view"
    );
    assert!(
        sheet_xml(&ratings, "Ratings").contains("type=\"whole\""),
        "1–5 validation where ratings are entered"
    );
    assert!(
        part(&ratings, "xl/comments1.xml").contains("Influences in every direction"),
        "behaviours as notes"
    );
    let history = range(&ratings, "Ratings");
    assert_eq!(history.rows().filter(|r| r[0] == "Priya Raman").count(), 6);
}

#[test]
fn blank_templates_hold_no_records_but_every_check() {
    let db = demo_db();
    for kind in Kind::ALL {
        let bytes = export::workbook(&db, kind, &Fill::Blank, today()).unwrap();
        let names = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(&bytes))
            .unwrap()
            .sheet_names();
        assert_eq!(names[0], "Instructions", "{kind:?}");
        assert!(!String::from_utf8_lossy(&bytes).is_empty());
    }
    let plan = export::workbook(&db, Kind::Plan, &Fill::Blank, today()).unwrap();
    assert!(range(&plan, "Plan")
        .rows()
        .skip(1)
        .all(|r| r.iter().all(|c| c.is_empty())));
    assert!(sheet_xml(&plan, "Plan").contains("<formula1>\"learn,practice,feedback\"</formula1>"));
    // Nothing in a blank template to import.
    assert!(import::preview(&db, &plan, today()).unwrap().is_empty());
    let meeting = export::workbook(&db, Kind::Meeting, &Fill::Blank, today()).unwrap();
    assert!(import::preview(&db, &meeting, today()).unwrap().is_empty());
    // A block of the four (locked) sections for each of eight meetings: the second block
    // takes a second person's notes.
    let sections: Vec<String> = range(&meeting, "Notes")
        .rows()
        .skip(1)
        .map(|r| r[2].to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(sections.len(), 8 * 4);
    let scheduled: Vec<String> = people::list(&db, Default::default())
        .unwrap()
        .into_iter()
        .filter(|p| {
            ladder::meetings::next_scheduled(&db, &p.id)
                .unwrap()
                .is_some()
        })
        .map(|p| p.name)
        .take(2)
        .collect();
    let filled = type_into(
        &meeting,
        "Notes",
        &[
            ("A2", &scheduled[0]),
            ("E2", "Wants to lead a team"),
            ("A6", &scheduled[1]),
            ("E6", "Asks for a mentor"),
        ],
    );
    assert_eq!(
        import::preview(&db, &filled, today())
            .unwrap()
            .changed
            .len(),
        2
    );

    let readiness = export::workbook(&db, Kind::Readiness, &Fill::Blank, today()).unwrap();
    for (n, (sheet, table_name)) in [
        ("Requirements", "Requirements"),
        ("Role", "Role"),
        ("Skills", "Skills"),
        ("Advocates", "Advocates"),
        ("Advocacy actions", "AdvocacyActions"),
        ("Verdict", "Verdict"),
    ]
    .iter()
    .enumerate()
    {
        assert!(
            range(&readiness, sheet)
                .rows()
                .skip(1)
                .all(|r| r.iter().all(|c| c.is_empty())),
            "{sheet} holds no records"
        );
        let table = part(&readiness, &format!("xl/tables/table{}.xml", n + 1));
        let table_ref = table.split(" ref=\"A1:").nth(1).unwrap().split('"').next();
        assert!(
            table.contains(&format!("name=\"{table_name}\""))
                && table_ref.is_some_and(|r| r.ends_with("101")),
            "{sheet} is a table with a hundred rows ready to fill in: {table}"
        );
    }
    let xml = sheet_xml(&readiness, "Requirements");
    assert!(xml.contains("<formula1>\"met,partly,not_yet,unknown\"</formula1>"));
    assert!(xml.contains("<formula>$E2=\"not_yet\"</formula>"));
}

#[test]
fn a_saved_workbook_is_offered_under_a_name_saying_what_whose_and_when() {
    let db = demo_db();
    let name = |kind, fill: &Fill| export::file_name(&db, kind, fill, today()).unwrap();
    assert_eq!(name(Kind::Plan, &Fill::Blank), "ladder-plan-template.xlsx");
    assert_eq!(
        name(Kind::Readiness, &Fill::Team),
        "ladder-readiness-team-2026-11-23.xlsx"
    );
    let odd = people::add(
        &db,
        NewPerson {
            name: "  Zoë O'Brien / <Ops> ".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        name(Kind::Plan, &Fill::Person(odd.id)),
        "ladder-plan-zoë-o-brien-ops-2026-11-23.xlsx"
    );
    let err =
        export::file_name(&db, Kind::Plan, &Fill::Person("nobody".into()), today()).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

/// Everything about a plan that an import could change, to compare before and after.
fn plan_state(db: &Db) -> serde_json::Value {
    let ids = ladder::profile::visible_ids(db).unwrap();
    serde_json::to_value(
        ids.iter()
            .map(|id| plans::plan(db, id).unwrap())
            .collect::<Vec<_>>(),
    )
    .unwrap()
}

#[test]
fn a_plan_round_trips_and_one_edited_cell_changes_exactly_that_field() {
    let db = demo_db();
    let before = plan_state(&db);
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let preview = import::apply(&db, &bytes, today()).unwrap();
    assert!(preview.is_empty(), "{preview:?}");
    assert!(preview.missing.is_empty());
    assert_eq!(plan_state(&db), before);

    let old = "Present the sprint demo at the team huddle";
    let new = "Present the sprint demo at the all-hands";
    let strings = part(&bytes, "xl/sharedStrings.xml").replace(old, new);
    let edited = with_parts(&bytes, &[("xl/sharedStrings.xml", strings.into_bytes())]);
    let preview = import::preview(&db, &edited, today()).unwrap();
    assert!(preview.added.is_empty());
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
    let change = &preview.changed[0];
    assert_eq!(change.fields.len(), 1);
    assert_eq!(
        (
            change.fields[0].field,
            change.fields[0].old.as_str(),
            change.fields[0].new.as_str()
        ),
        ("description", old, new)
    );
    assert_eq!(plan_state(&db), before, "a preview writes nothing");

    import::apply(&db, &edited, today()).unwrap();
    let after = plan_state(&db);
    let expected = serde_json::to_string(&before).unwrap().replace(old, new);
    // The goal's and activity's timestamps are not in the plan state, so this is exact.
    assert_eq!(serde_json::to_string(&after).unwrap(), expected);
}

#[test]
fn an_archived_namesake_does_not_stop_a_plan_reading_back() {
    let db = demo_db();
    let luis = people::resolve(&db, "Luis Ortega").unwrap();
    people::archive(&db, &luis.id).unwrap();
    // Another Luis Ortega joins: the name is free once the first is archived.
    let again = newcomer(&db, "Luis Ortega");
    plans::add_goal(
        &db,
        NewGoal {
            person_id: again.id,
            competency_id: competencies::resolve(&db, "Teamwork").unwrap().id,
            outcome: "Settle into the on-call rota".into(),
        },
    )
    .unwrap();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(preview.is_empty(), "{preview:?}");
}

#[test]
fn a_plan_workbook_naming_someone_archived_since_reads_back_and_only_their_changes_are_refused() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    // Luis leaves after the workbook went out.
    let luis = people::resolve(&db, "Luis Ortega").unwrap();
    people::archive(&db, &luis.id).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(preview.is_empty(), "read back as it was: {preview:?}");

    let notes = column_of(&bytes, "Plan", "Notes").1;
    let his = row_with(&bytes, "Plan", &["Luis Ortega"]);
    let other = row_of(&bytes, "Plan", |r| {
        r.first()
            .and_then(|c| c.get_string())
            .is_some_and(|n| n != "Luis Ortega" && n != "Person")
    });
    let both = type_into(
        &bytes,
        "Plan",
        &[
            (&format!("{notes}{his}"), "Handed over"),
            (&format!("{notes}{other}"), "Booked"),
        ],
    );
    let before = plan_state(&db);
    assert_eq!(
        refusals(import::apply(&db, &both, today()).unwrap_err()),
        [format!(
            "Plan!A{his}: Luis Ortega is archived; restore them to plan for them"
        )]
    );
    assert_eq!(plan_state(&db), before);

    // Everyone else's edits import.
    let others = type_into(&bytes, "Plan", &[(&format!("{notes}{other}"), "Booked")]);
    let preview = import::apply(&db, &others, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
}

/// A row typed without an id, in each sheet that adds records from such rows: the file
/// still has no id in it after the import, so importing the same file again (after an
/// edit elsewhere, or by mistake) must find the record it added, not add a second one.
#[test]
fn a_file_imported_twice_adds_its_new_rows_once() {
    let cases = [
        (
            Kind::Plan,
            "Plan",
            "Activity id",
            "Activity",
            "Shadow the on-call lead",
        ),
        (Kind::Ratings, "Ratings", "Rating id", "Date", "2026-11-20"),
        (
            Kind::Meeting,
            "Action items",
            "Action id",
            "Action",
            "Book the offsite",
        ),
        (
            Kind::Change,
            "Phase plan",
            "Action id",
            "Action",
            "Walk the new floor",
        ),
        (
            Kind::Change,
            "ADKAR scores",
            "Assessment id",
            "Assessed on",
            "2026-11-21",
        ),
        (
            Kind::Change,
            "RACI",
            "Activity id",
            "Activity",
            "Book the movers",
        ),
        (
            Kind::Change,
            "Register",
            "Change id",
            "Change or workstream",
            "Expense tool",
        ),
        (
            Kind::Readiness,
            "Advocacy actions",
            "Action id",
            "Action",
            "Ask for a stretch project",
        ),
    ];
    for (kind, sheet, id_header, edited, value) in cases {
        let db = demo_db();
        let bytes = export::workbook(&db, kind, &Fill::Team, today()).unwrap();
        // A row of the file made into a new one: its id cleared and one field changed.
        let (at, id_col) = column_of(&bytes, sheet, id_header);
        let row = row_of(&bytes, sheet, |r| {
            r.get(at)
                .is_some_and(|d| !d.is_empty() && *d != Data::String(id_header.into()))
                && (kind != Kind::Meeting || r[0] == "Priya Raman")
        });
        let cells = [
            (format!("{id_col}{row}"), ""),
            (
                format!("{}{row}", column_of(&bytes, sheet, edited).1),
                value,
            ),
        ];
        let cells: Vec<(&str, &str)> = cells.iter().map(|(c, v)| (c.as_str(), *v)).collect();
        let file = type_into(&bytes, sheet, &cells);

        let first = import::apply(&db, &file, today()).unwrap();
        // One record, or a change with the stakeholders its row lists.
        assert!(!first.added.is_empty(), "{sheet}: {first:?}");
        if kind == Kind::Meeting {
            // The meeting it was added to is held in between, and the next one scheduled.
            use ladder::meetings;
            let priya = people::resolve(&db, "Priya").unwrap();
            let m = meetings::next_scheduled(&db, &priya.id).unwrap().unwrap();
            let next = m.scheduled_on + chrono::Duration::days(28);
            meetings::hold(&db, &m.id, m.scheduled_on.min(today()), Some(next), today()).unwrap();
        }
        let again = import::apply(&db, &file, today()).unwrap();
        assert!(again.is_empty(), "{sheet}, imported again: {again:?}");
        assert!(again.unchanged > first.unchanged, "{sheet}");
        assert_eq!(again.missing.len(), first.missing.len(), "{sheet}");
    }
}

#[test]
fn rows_without_ids_are_added_and_deleted_rows_are_only_reported() {
    let db = demo_db();
    let bytes = export::workbook(
        &db,
        Kind::Plan,
        &Fill::Person(people::resolve(&db, "Luis").unwrap().id),
        today(),
    )
    .unwrap();
    // Luis's one learn activity row, with its ids cleared, becomes a second goal; his
    // existing row is removed from the file.
    let goal = plans::plan(&db, &people::resolve(&db, "Luis").unwrap().id)
        .unwrap()
        .remove(0);
    let strings = part(&bytes, "xl/sharedStrings.xml")
        .replace(&goal.id, "")
        .replace(&goal.activities[0].id, "")
        .replace(&goal.outcome, "Speak up in design reviews");
    let edited = with_parts(&bytes, &[("xl/sharedStrings.xml", strings.into_bytes())]);
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(
        preview.added.iter().map(|c| c.record).collect::<Vec<_>>(),
        ["goal", "activity"]
    );
    assert_eq!(
        preview.missing.len(),
        2,
        "the old goal and activity are reported: {preview:?}"
    );
    let goals = plans::plan(&db, &goal.person_id).unwrap();
    assert_eq!(goals.len(), 2, "nothing deleted");
    assert_eq!(goals[1].outcome, "Speak up in design reviews");
    assert_eq!(goals[1].activities.len(), 1);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let db = Db::open_in_memory().unwrap();
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1",
        "-2+3",
        "@SUM(A1)",
    ];
    let person = people::add(
        &db,
        NewPerson {
            name: hostile[0].into(),
            ..Default::default()
        },
    )
    .unwrap();
    let k = competencies::resolve(&db, "Teamwork").unwrap();
    let goal = plans::add_goal(
        &db,
        NewGoal {
            person_id: person.id.clone(),
            competency_id: k.id,
            outcome: hostile[1].into(),
        },
    )
    .unwrap();
    plans::add_activity(
        &db,
        NewActivity {
            goal_id: goal.id,
            phase: Phase::Learn,
            description: hostile[2].into(),
            resource: Resource::named(ResourceKind::Material, hostile[3]),
            target_date: today(),
            notes: hostile[3].into(),
        },
    )
    .unwrap();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let xml = sheet_xml(&bytes, "Plan");
    assert!(!xml.contains("<f>"), "no cell holds a formula");
    let plan = range(&bytes, "Plan");
    let row = &plan.rows().nth(1).unwrap();
    assert_eq!(row[0], Data::String(hostile[0].into()));
    assert_eq!(row[2], Data::String(hostile[1].into()));
    assert_eq!(row[5], Data::String(hostile[2].into()));
    assert_eq!(row[6], Data::String(hostile[3].into()));
    assert!(
        import::preview(&db, &bytes, today()).unwrap().is_empty(),
        "they come back as the same text"
    );
}

#[test]
fn a_bad_row_refuses_the_whole_import_with_every_problem_by_cell() {
    let db = demo_db();
    let before = plan_state(&db);
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let strings = part(&bytes, "xl/sharedStrings.xml")
        .replace(">practice<", ">rehearse<")
        .replace(
            "Present the sprint demo at the team huddle",
            "Present at the huddle",
        );
    let edited = with_parts(&bytes, &[("xl/sharedStrings.xml", strings.into_bytes())]);
    let err = import::apply(&db, &edited, today()).unwrap_err();
    assert_eq!(err.code(), "import_refused");
    let ladder::Error::ImportRefused { problems } = &err else {
        unreachable!()
    };
    assert!(
        problems.iter().all(|p| p.starts_with("Plan!E")
            && p.ends_with("phase 'rehearse' is not one of learn, practice, feedback")),
        "{problems:?}"
    );
    assert!(problems.len() > 3, "every bad row is listed: {problems:?}");
    assert_eq!(
        plan_state(&db),
        before,
        "nothing imported, not even the valid edit"
    );
}

fn refused(db: &Db, bytes: &[u8], reason: &str) {
    let err = import::preview(db, bytes, today()).unwrap_err();
    assert_eq!(err.code(), "bad_workbook", "{err}");
    assert!(
        err.to_string().contains(reason),
        "{err} should say {reason:?}"
    );
}

#[test]
fn hostile_and_broken_files_get_a_clear_error() {
    let db = demo_db();
    let good = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let plan_part = format!(
        "xl/worksheets/sheet{}.xml",
        open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(&good))
            .unwrap()
            .sheet_names()
            .iter()
            .position(|s| s == "Plan")
            .unwrap()
            + 1
    );

    refused(&db, b"Name,Goal\nSam,Lead\n", "not an Excel workbook");
    refused(
        &db,
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        "Excel 97-2003",
    );
    refused(&db, &good[..good.len() / 2], "damaged or truncated");

    // A cell at the last row and column: the reader would allocate the whole grid.
    let far = sheet_xml(&good, "Plan").replace(
        "</sheetData>",
        "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
    );
    refused(
        &db,
        &with_parts(&good, &[(&plan_part, far.into_bytes())]),
        "reaches row 1048576 and column 16384",
    );

    // A shared string table that claims billions of entries.
    let sst = part(&good, "xl/sharedStrings.xml");
    let claimed = sst
        .replacen("uniqueCount=\"", "uniqueCount=\"4000000000", 1)
        .replacen("count=\"", "count=\"4000000000", 1);
    refused(
        &db,
        &with_parts(&good, &[("xl/sharedStrings.xml", claimed.into_bytes())]),
        "claims 4000000000",
    );

    // A million rows.
    let mut rows = String::with_capacity(40_000_000);
    for r in 2..=1_000_001 {
        rows.push_str(&format!("<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>"));
    }
    let million = sheet_xml(&good, "Plan").replace("</sheetData>", &format!("{rows}</sheetData>"));
    refused(
        &db,
        &with_parts(&good, &[(&plan_part, million.into_bytes())]),
        "Ladder reads at most 500000 rows",
    );

    // A change workbook with one of its sheets renamed is named as such.
    let change = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let book = part(&change, "xl/workbook.xml").replace("name=\"ADKAR scores\"", "name=\"Scores\"");
    refused(
        &db,
        &with_parts(&change, &[("xl/workbook.xml", book.into_bytes())]),
        "it looks like a change workbook but has no sheet ADKAR scores (found: ",
    );
    // As is one of the sheets that do not tell the workbooks apart.
    let book = part(&change, "xl/workbook.xml")
        .replace("name=\"Influencers\"", "name=\"People consulted\"");
    refused(
        &db,
        &with_parts(&change, &[("xl/workbook.xml", book.into_bytes())]),
        "it has no sheet Influencers; Ladder finds its sheets by name",
    );
    // A readiness workbook's Advocacy actions renamed: not taken for a workbook written
    // before that sheet, whose edits would be dropped.
    let readiness = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let book = part(&readiness, "xl/workbook.xml")
        .replace("name=\"Advocacy actions\"", "name=\"Advocacy\"");
    refused(
        &db,
        &with_parts(&readiness, &[("xl/workbook.xml", book.into_bytes())]),
        "it has no sheet Advocacy actions but a sheet Advocacy; Ladder finds its sheets by name",
    );
    // A ratings workbook's sheet copied into a plan workbook: neither is read alone.
    let ratings = export::workbook(&db, Kind::Ratings, &Fill::Team, today()).unwrap();
    let book = part(&ratings, "xl/workbook.xml").replace("name=\"Lists\"", "name=\"Plan\"");
    refused(
        &db,
        &with_parts(&ratings, &[("xl/workbook.xml", book.into_bytes())]),
        "it holds the sheets of a plan workbook and of a ratings workbook; import each from a file of its own",
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    let db = Db::open_in_memory().unwrap();
    // 1.1 GB of zeros compresses to about a megabyte.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file(
        "xl/worksheets/sheet1.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1100 {
        out.write_all(&zeros).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 5_000_000);
    refused(&db, &bomb, "inflates to more than");

    // The same bomb with its sizes forged small: caught while inflating, past the lie.
    let mut forged = bomb.clone();
    let declared = (1100u32 << 20).to_le_bytes();
    let small = 1000u32.to_le_bytes();
    let mut i = 0;
    while let Some(at) = forged[i..].windows(4).position(|w| w == declared) {
        forged[i + at..i + at + 4].copy_from_slice(&small);
        i += at + 4;
    }
    assert!(i > 0, "the declared size was found and forged");
    refused(&db, &forged, "does not inflate to the size it declares");
}

#[test]
fn a_ratings_workbook_naming_someone_archived_since_reads_back_and_a_new_rating_for_them_is_refused(
) {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Ratings, &Fill::Team, today()).unwrap();
    let priya = people::resolve(&db, "Priya").unwrap();
    people::archive(&db, &priya.id).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(
        preview.is_empty(),
        "her ratings read back as history: {preview:?}"
    );

    // One of her rows made a new rating: its id cleared, another day.
    let row = row_of(&bytes, "Ratings", |r| r[0] == "Priya Raman");
    let (id, date) = (
        column_of(&bytes, "Ratings", "Rating id").1,
        column_of(&bytes, "Ratings", "Date").1,
    );
    let edited = type_into(
        &bytes,
        "Ratings",
        &[
            (&format!("{id}{row}"), ""),
            (&format!("{date}{row}"), "2026-11-20"),
        ],
    );
    let before = competencies::history(&db, &priya.id, None).unwrap();
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        [format!(
            "Ratings!A{row}: Priya Raman is archived; restore them to rate them"
        )]
    );
    assert_eq!(competencies::history(&db, &priya.id, None).unwrap(), before);
}

#[test]
fn new_rating_rows_import_and_old_ratings_stay_history() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Ratings, &Fill::Team, today()).unwrap();
    assert!(
        import::preview(&db, &bytes, today()).unwrap().is_empty(),
        "a filled workbook round-trips"
    );
    let priya = people::resolve(&db, "Priya").unwrap();
    let before = competencies::history(&db, &priya.id, None).unwrap();

    // A score changed on an existing row is refused: a correction is a new row.
    let xml = sheet_xml(&bytes, "Ratings");
    let n = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(&bytes))
        .unwrap()
        .sheet_names()
        .iter()
        .position(|s| s == "Ratings")
        .unwrap()
        + 1;
    let edited = xml.replacen("<v>2</v>", "<v>5</v>", 1);
    assert_ne!(edited, xml);
    let changed = with_parts(
        &bytes,
        &[(&format!("xl/worksheets/sheet{n}.xml"), edited.into_bytes())],
    );
    let err = import::preview(&db, &changed, today()).unwrap_err();
    assert!(err.to_string().contains("ratings are history"), "{err}");
    assert!(err.to_string().contains("(its score was 2)"), "{err}");
    // A date changed is said at the date, with the date it held.
    let row = row_of(&bytes, "Ratings", |r| r[0] == "Priya Raman");
    let date = column_of(&bytes, "Ratings", "Date").1;
    let held = range(&bytes, "Ratings").rows().nth(row - 1).unwrap()[6].clone();
    let redated = type_into(
        &bytes,
        "Ratings",
        &[(&format!("{date}{row}"), "2026-01-02")],
    );
    let problems = refusals(import::preview(&db, &redated, today()).unwrap_err());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!(
            "Ratings!{date}{row}: this rating was changed (its date was "
        )),
        "{problems:?} (the cell held {held:?})"
    );

    // A blank template with one new row adds one rating.
    let mut template = Vec::new();
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Ratings").unwrap();
        let header = [
            "Person",
            "Competency",
            "Level",
            "Rater",
            "Rater name",
            "Score",
            "Date",
            "Evidence",
            "Rating id",
        ];
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in [
            "Priya Raman",
            "Teamwork",
            "next",
            "manager",
            "",
            "4",
            "2026-11-20",
            "Ran the cross-team retro",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        template.extend(wb.save_to_buffer().unwrap());
    }
    // The same row the day before its date is refused: a rating records what was seen.
    let day_before = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
    assert_eq!(
        refusals(import::apply(&db, &template, day_before).unwrap_err()),
        ["Ratings!G2: rated on 2026-11-20 is after today (2026-11-19); a rating records what was seen"]
    );
    assert_eq!(competencies::history(&db, &priya.id, None).unwrap(), before);
    // A name beside the manager as rater is refused at its cell: it says someone else rated.
    let named = type_into(&template, "Ratings", &[("E2", "Bob")]);
    assert_eq!(
        refusals(import::apply(&db, &named, today()).unwrap_err()),
        ["Ratings!E2: rater name Bob goes with rater other; a rating by manager names nobody else"]
    );
    assert_eq!(competencies::history(&db, &priya.id, None).unwrap(), before);

    let preview = import::apply(&db, &template, today()).unwrap();
    assert_eq!(preview.added.len(), 1, "{preview:?}");
    assert_eq!(
        preview.missing.len(),
        before.len(),
        "Priya's other ratings are reported, not deleted"
    );
    let after = competencies::history(&db, &priya.id, None).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let added = after.iter().find(|r| r.competency == "Teamwork").unwrap();
    assert_eq!(
        (
            added.score,
            added.level,
            added.rated_on.to_string().as_str()
        ),
        (4, competencies::Level::Next, "2026-11-20")
    );
}

#[test]
fn the_change_workbook_reads_back_with_barriers_and_checks() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    // A phase-plan action past its due date, neither done nor dropped, is highlighted.
    let header: Vec<String> = range(&bytes, "Phase plan")
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[4..6], ["Due", "Status"]);
    assert!(
        sheet_xml(&bytes, "Phase plan").contains(
            "<formula>AND(OR($F2=\"planned\",$F2=\"in_progress\"),$E2&lt;&gt;\"\",$E2&lt;TODAY())</formula>"
        ),
        "overdue phase-plan actions"
    );
    let names = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(&bytes))
        .unwrap()
        .sheet_names();
    assert_eq!(
        names,
        [
            "Instructions",
            "Lists",
            "Register",
            "ADKAR scores",
            "Phase plan",
            "Influencers",
            "RACI"
        ]
    );
    let register = range(&bytes, "Register");
    let row = register.rows().nth(1).unwrap();
    assert_eq!(
        (row[0].to_string(), row[2].to_string(), row[5].to_string()),
        (
            "On-call redesign".into(),
            "Sofia Alvarez".into(),
            "yes".into()
        )
    );
    let header: Vec<String> = register
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header.len(), 12, "ten fields, the status and the id");

    // The barrier Ladder computes is the one cached with the formula.
    let scores = range(&bytes, "ADKAR scores");
    let tom = scores.rows().find(|r| r[1] == "Tom Okafor").unwrap();
    assert_eq!(tom[9], "Desire");
    let group = scores
        .rows()
        .find(|r| r[1] == "Customer support on-call")
        .unwrap();
    assert_eq!(group[2].as_f64(), Some(14.0));
    assert_eq!(group[7].as_f64(), Some(2.9));
    let xml = sheet_xml(&bytes, "ADKAR scores");
    // The Change drop-down offers the Register's changes, its spare rows too, so a change
    // added there by hand can be scored in the same file (one change and 20 spare rows).
    for sheet in ["ADKAR scores", "Phase plan", "Influencers", "RACI"] {
        assert!(
            sheet_xml(&bytes, sheet).contains("<formula1>Register!$A$2:$A$22</formula1>"),
            "{sheet}"
        );
    }
    assert!(
        xml.contains("<formula>AND(ISNUMBER(E2),E2&lt;=3)</formula>"),
        "scores of 3 or lower highlighted"
    );
    assert!(xml.contains("ROUND(E2,1)=E2"), "one decimal at most");
    assert_eq!(
        xml.matches("<f>IF(COUNT(E").count() as u32,
        scores.height() as u32 - 1,
        "the formula is on every row, spare ones too"
    );

    let raci = range(&bytes, "RACI");
    let header: Vec<String> = raci
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let check = header.iter().position(|h| h == "Check").unwrap();
    let activities: Vec<&calamine::Data> = raci
        .rows()
        .skip(1)
        .filter(|r| !r[1].is_empty())
        .map(|r| &r[check])
        .collect();
    assert!(!activities.is_empty());
    assert!(
        activities.iter().all(|c| **c == "ok"),
        "the demo chart has one A per activity"
    );
    assert!(sheet_xml(&bytes, "RACI").contains("COUNTIF("));
    let plan = range(&bytes, "Phase plan");
    assert!(plan.rows().skip(1).any(|r| r[1] == "desire"));
    // It imports back as it is: nothing to add or change.
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert_eq!(preview.workbook, "change");
    assert!(preview.is_empty(), "{preview:#?}");
}

#[test]
fn the_readiness_workbook_reads_back_with_its_drop_downs_and_highlights() {
    use ladder::promotion::{self, GoalFromGap, Requirement, RequirementPatch, Status};
    let db = demo_db();
    let tom = people::resolve(&db, "Tom").unwrap();
    let assessment = promotion::latest(&db, &tom.id).unwrap().unwrap();
    // One gap becomes a goal; text that looks like a formula stays text.
    let gap = assessment
        .skills
        .items
        .iter()
        .find(|s| s.name == "Public speaking")
        .unwrap();
    promotion::gap_to_goal(&db, &gap.id, GoalFromGap::default()).unwrap();
    promotion::set_requirement(
        &db,
        &assessment.id,
        Requirement::Advocates,
        RequirementPatch {
            status: Some(Status::Partly),
            evidence: Some("=HYPERLINK(\"http://evil.example\",\"x\")".into()),
            ..Default::default()
        },
    )
    .unwrap();

    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Instructions",
            "Lists",
            "Requirements",
            "Role",
            "Skills",
            "Advocates",
            "Advocacy actions",
            "Verdict"
        ]
    );
    assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>Promotion readiness</dc:title>"));
    let instructions: Vec<String> = range(&bytes, "Instructions")
        .rows()
        .map(|r| r[0].to_string())
        .collect();
    for words in [
        "The five requirements: 1. results",
        "create a new role that is needed (create_role)",
        "thoughtful questions over coffee or lunch",
        "ready in 3+ years (ready_3_plus_years)",
        "Import the file in the Ladder app (Export / Import",
        "or with `ladder import FILE --dry-run`",
    ] {
        assert!(
            instructions.iter().any(|p| p.contains(words)),
            "Instructions say {words:?}"
        );
    }

    // Requirements: four per latest assessment, Luis (never assessed) has none.
    let req = range(&bytes, "Requirements");
    let header: Vec<String> = req
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Person",
            "Target role or level",
            "Assessed on",
            "Requirement",
            "Status",
            "Evidence",
            "Assessment id"
        ]
    );
    let toms: Vec<&[Data]> = req.rows().filter(|r| r[0] == "Tom Okafor").collect();
    assert_eq!(
        toms.iter().map(|r| r[3].to_string()).collect::<Vec<_>>(),
        ["results", "competencies", "skills", "advocates"]
    );
    assert_eq!(toms[0][1].to_string(), "Engineer (L4)");
    assert_eq!(toms[0][2].as_date(), Some(assessment.assessed_on));
    assert_eq!(
        (toms[0][4].to_string(), toms[0][5].to_string()),
        (
            "not_yet".to_string(),
            "Two of four quarterly commitments slipped".to_string()
        )
    );
    assert_eq!(
        toms[3][5],
        Data::String("=HYPERLINK(\"http://evil.example\",\"x\")".into())
    );
    assert_eq!(toms[0][6].to_string(), assessment.id);
    assert!(!req.rows().any(|r| r[0] == "Luis Ortega"));
    assert_eq!(req.rows().filter(|r| !r[0].is_empty()).count(), 1 + 6 * 4);
    let xml = sheet_xml(&bytes, "Requirements");
    assert!(!xml.contains("<f>"), "no cell holds a formula");
    assert!(xml.contains("<formula1>\"met,partly,not_yet,unknown\"</formula1>"));
    assert!(xml.contains("<formula1>\"results,competencies,skills,advocates\"</formula1>"));
    assert!(
        xml.contains("<formula1>Lists!$A$2:$A$9</formula1>"),
        "people"
    );
    assert!(xml.contains("type=\"date\"") && xml.contains("promptTitle=\"Assessed on\""));
    // not_yet red, partly amber, on the status column only.
    assert!(xml.contains("<conditionalFormatting sqref=\"E2:E"));
    assert!(xml.contains("<formula>$E2=\"not_yet\"</formula>"));
    assert!(xml.contains("<formula>$E2=\"partly\"</formula>"));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFF8D7DA") && styles.contains("FFFFF3CD"));
    // Frozen header, protection, the hidden id column, print settings.
    assert!(xml.contains("state=\"frozen\""));
    assert!(xml.contains("<sheetProtection"));
    let id_column = xml
        .split("<col ")
        .find(|c| c.starts_with("min=\"7\" max=\"7\""))
        .expect("column G");
    assert!(id_column.contains("width=\"10.7109375\"") && id_column.contains("hidden=\"1\""));
    assert!(xml.contains("orientation=\"landscape\"") && xml.contains("Page &amp;P of &amp;N"));

    let role = range(&bytes, "Role");
    assert_eq!(role.rows().filter(|r| !r[0].is_empty()).count(), 1 + 6);
    let xml = sheet_xml(&bytes, "Role");
    assert!(xml.contains("<formula1>\"available,not_available,unknown\"</formula1>"));
    assert!(xml
        .contains("<formula1>\"influence_need,create_role,stay_and_grow,look_beyond\"</formula1>"));

    let skills = range(&bytes, "Skills");
    let tom_skills: Vec<(String, String, String)> = skills
        .rows()
        .filter(|r| r[0] == "Tom Okafor")
        .map(|r| (r[2].to_string(), r[3].to_string(), r[4].to_string()))
        .collect();
    assert_eq!(
        tom_skills,
        [
            ("Programme management".into(), "gap".into(), "no".into()),
            ("Public speaking".into(), "gap".into(), "yes".into()),
        ]
    );
    let xml = sheet_xml(&bytes, "Skills");
    assert!(xml.contains("<formula1>\"have,gap\"</formula1>"));
    assert!(
        !xml.contains("sqref=\"E2:"),
        "goal linked is Ladder's to fill: no drop-down"
    );
    assert!(xml.contains("<formula>AND($D2=\"gap\",$E2&lt;&gt;\"yes\")</formula>"));
    assert_eq!(
        skills.rows().nth(1).unwrap()[7].to_string().len(),
        36,
        "skill id"
    );

    let advocates = range(&bytes, "Advocates");
    let dana = advocates
        .rows()
        .find(|r| r[0] == "Aisha Bello" && r[2] == "Dana Whitfield")
        .expect("Aisha's advocate");
    assert_eq!(
        (dana[3].to_string(), dana[4].to_string()),
        ("manager_manager".into(), "medium".into())
    );
    assert_eq!(
        dana[5].as_date(),
        Some(today() - chrono::Duration::days(12)),
        "last contact is a date"
    );
    let xml = sheet_xml(&bytes, "Advocates");
    assert!(xml.contains(
        "<formula1>\"manager_manager,hr,mentor,cross_functional_leader,peer_leader,other\"</formula1>"
    ));
    assert!(xml.contains("<formula1>\"high,medium,low\"</formula1>"));

    let verdict = range(&bytes, "Verdict");
    let by_person = |name: &str| {
        let r = verdict.rows().find(|r| r[0] == name).unwrap();
        (r[2].to_string(), r[3].to_string())
    };
    assert_eq!(by_person("Marcus Chen"), ("not_assessed".into(), "".into()));
    assert_eq!(
        by_person("Hannah Weber"),
        ("ready_now".into(), "ready_1_2_years".into()),
        "the decision against the suggestion"
    );
    let xml = sheet_xml(&bytes, "Verdict");
    assert!(
        xml.contains("<formula1>\"ready_now,ready_1_2_years,ready_3_plus_years\"</formula1>"),
        "not_assessed is never decided"
    );
    assert!(
        !xml.contains("sqref=\"C2:"),
        "the suggested verdict is Ladder's to fill: no drop-down"
    );

    // One person's workbook holds only their assessment.
    let one = export::workbook(&db, Kind::Readiness, &Fill::Person(tom.id), today()).unwrap();
    let names: Vec<String> = range(&one, "Requirements")
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(names, ["Tom Okafor"; 4]);
    let preview = import::preview(&db, &one, today()).unwrap();
    assert_eq!(preview.workbook, "readiness");
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:?}"
    );
}

/// Everything about meetings that an import could change, to compare before and after.
fn meeting_state(db: &Db) -> serde_json::Value {
    let ids = ladder::profile::visible_ids(db).unwrap();
    serde_json::to_value(
        ids.iter()
            .map(|id| ladder::meetings::list(db, id).unwrap())
            .collect::<Vec<_>>(),
    )
    .unwrap()
}

#[test]
fn a_meeting_workbook_round_trips_with_no_changes() {
    let db = demo_db();
    let before = meeting_state(&db);
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    let preview = import::apply(&db, &bytes, today()).unwrap();
    assert_eq!(preview.workbook, "meeting");
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:?}"
    );
    // Four sections of the three scheduled meetings, and the five open action items.
    assert_eq!(preview.unchanged, 3 * 4 + 5);
    assert_eq!(meeting_state(&db), before);
}

#[test]
fn a_meeting_workbook_naming_someone_archived_since_reads_back_and_only_their_changes_are_refused()
{
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    let priya = people::resolve(&db, "Priya").unwrap();
    people::archive(&db, &priya.id).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(preview.is_empty(), "read back as it was: {preview:?}");

    let career = |name: &str| {
        row_of(&bytes, "Notes", |r| {
            r[0] == name && r[2] == "Long-term career goals"
        })
    };
    // Someone else with a scheduled meeting, to take notes.
    let colleague = people::list(&db, Default::default())
        .unwrap()
        .into_iter()
        .find(|p| {
            ladder::meetings::next_scheduled(&db, &p.id)
                .unwrap()
                .is_some()
        })
        .unwrap();
    let (hers, other) = (career("Priya Raman"), career(&colleague.name));
    let edit = |rows: &[usize]| {
        let cells: Vec<(String, &str)> = rows
            .iter()
            .map(|r| (format!("E{r}"), "Staff role by 2028"))
            .collect();
        let cells: Vec<(&str, &str)> = cells.iter().map(|(c, t)| (c.as_str(), *t)).collect();
        type_into(&bytes, "Notes", &cells)
    };
    let before = meeting_state(&db);
    assert_eq!(
        refusals(import::apply(&db, &edit(&[hers, other]), today()).unwrap_err()),
        [format!(
            "Notes!A{hers}: Priya Raman is archived; restore them to meet"
        )]
    );
    assert_eq!(meeting_state(&db), before);
    let preview = import::apply(&db, &edit(&[other]), today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
}

#[test]
fn editing_one_note_changes_exactly_that_note() {
    use ladder::meetings::{self, Section};
    let db = demo_db();
    let priya = people::resolve(&db, "Priya").unwrap();
    let scheduled = meetings::next_scheduled(&db, &priya.id).unwrap().unwrap();
    let before = meeting_state(&db);
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    let row = row_of(&bytes, "Notes", |r| {
        r[0] == "Priya Raman" && r[2] == "Long-term career goals"
    });
    let note = "Staff role by 2028\n=HYPERLINK(\"x\") stays text";
    let edited = type_into(&bytes, "Notes", &[(&format!("E{row}"), note)]);

    let preview = import::preview(&db, &edited, today()).unwrap();
    assert!(preview.added.is_empty());
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
    let change = &preview.changed[0];
    assert_eq!(change.cell, format!("Notes!E{row}"));
    assert_eq!(change.id.as_deref(), Some(scheduled.id.as_str()));
    assert_eq!(
        (change.fields[0].old.as_str(), change.fields[0].new.as_str()),
        ("", note)
    );
    assert_eq!(meeting_state(&db), before, "a preview writes nothing");

    import::apply(&db, &edited, today()).unwrap();
    let after = meetings::get(&db, &scheduled.id).unwrap();
    let bodies: Vec<(Section, &str)> = after
        .sections
        .iter()
        .map(|s| (s.section, s.body.as_str()))
        .collect();
    assert_eq!(
        bodies,
        [
            (Section::CareerGoals, note),
            (Section::BehaviouralFeedback, ""),
            (Section::FeedbackToManager, ""),
            (Section::DevelopmentInDailyWork, ""),
        ]
    );
    // Everything else is as it was.
    let mut expected = before;
    for person in expected.as_array_mut().unwrap() {
        for m in person.as_array_mut().unwrap() {
            if m["id"] == scheduled.id.as_str() {
                m["sections"][0]["body"] = note.into();
                // Holding a note now, it is moved rather than cancelled.
                m["cancellable"] = false.into();
            }
        }
    }
    assert_eq!(meeting_state(&db), expected);
    // Imported again, the file matches Ladder.
    assert!(import::preview(&db, &edited, today()).unwrap().is_empty());
}

#[test]
fn marking_an_action_item_done_closes_it_on_the_day_of_the_import() {
    use ladder::meetings::{self, ActionStatus};
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    let row = row_of(&bytes, "Action items", |r| {
        r[1] == "Volunteer to present at the next huddle"
    });
    let id = range(&bytes, "Action items").rows().nth(row - 1).unwrap()[5].to_string();
    let before = meeting_state(&db);
    let edited = type_into(&bytes, "Action items", &[(&format!("E{row}"), "done")]);
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
    let f = &preview.changed[0].fields;
    assert_eq!(
        (f.len(), f[0].field, f[0].old.as_str(), f[0].new.as_str()),
        (1, "status", "open", "done")
    );
    let item = meetings::resolve_action(&db, &id).unwrap();
    assert_eq!(
        (item.status, item.closed_on),
        (ActionStatus::Done, Some(today()))
    );
    let mut expected = before;
    for person in expected.as_array_mut().unwrap() {
        for m in person.as_array_mut().unwrap() {
            for a in m["action_items"].as_array_mut().unwrap() {
                if a["id"] == id.as_str() {
                    a["status"] = "done".into();
                    a["closed_on"] = today().to_string().into();
                }
            }
        }
    }
    assert_eq!(meeting_state(&db), expected, "nothing else changed");

    // The same file again: the item is done in Ladder and in the file.
    assert!(import::preview(&db, &edited, today()).unwrap().is_empty());
    // The old file says open for an item now done: refused, not reopened behind the back.
    let err = import::preview(&db, &bytes, today()).unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "Action items!E{row}: this action item is already done in Ladder"
        )),
        "{err}"
    );
}

#[test]
fn a_new_action_item_needs_a_scheduled_meeting_and_nothing_changes_without_one() {
    use ladder::meetings;
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    // The first empty row under the action items.
    let free = range(&bytes, "Action items").height() + 1;
    let row = |n: usize, person: &str| {
        [
            (format!("A{n}"), person.to_string()),
            (format!("B{n}"), "Pair on the on-call runbook".to_string()),
            (format!("C{n}"), "associate".to_string()),
            (format!("D{n}"), "2026-12-10".to_string()),
        ]
    };
    let cells = |rows: &[[(String, String); 4]]| -> Vec<u8> {
        let flat: Vec<(&str, &str)> = rows
            .iter()
            .flatten()
            .map(|(c, t)| (c.as_str(), t.as_str()))
            .collect();
        type_into(&bytes, "Action items", &flat)
    };
    // Marcus has a scheduled meeting; Tom has none. One bad row refuses both.
    let before = meeting_state(&db);
    let both = cells(&[row(free, "Marcus Chen"), row(free + 1, "Tom Okafor")]);
    let err = import::apply(&db, &both, today()).unwrap_err();
    let ladder::Error::ImportRefused { problems } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        problems,
        &[format!(
            "Action items!A{}: Tom Okafor has no scheduled development meeting to add this action item to; schedule one in Ladder first (ladder meeting schedule)",
            free + 1
        )]
    );
    assert_eq!(meeting_state(&db), before, "nothing changed");

    let marcus_only = cells(&[row(free, "Marcus Chen")]);
    let preview = import::apply(&db, &marcus_only, today()).unwrap();
    assert_eq!(preview.added.len(), 1, "{preview:?}");
    assert_eq!(preview.added[0].cell, format!("Action items!B{free}"));
    let marcus = people::resolve(&db, "Marcus").unwrap();
    let scheduled = meetings::next_scheduled(&db, &marcus.id).unwrap().unwrap();
    let item = &scheduled.action_items[0];
    assert_eq!(
        (item.description.as_str(), item.due_date),
        (
            "Pair on the on-call runbook",
            NaiveDate::from_ymd_opt(2026, 12, 10)
        )
    );
    // Exported again, the new item is listed with its id and imports as unchanged.
    let again = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    assert!(range(&again, "Action items")
        .rows()
        .any(|r| r[1] == "Pair on the on-call runbook" && r[5] == item.id.as_str()));
    let preview = import::preview(&db, &again, today()).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:?}"
    );
}

#[test]
fn an_edited_action_item_changes_that_field_and_a_removed_one_is_only_reported() {
    use ladder::meetings::{self, ActionOwner, ActionStatus};
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    let actions = range(&bytes, "Action items");
    let id_at = |row: usize| actions.rows().nth(row - 1).unwrap()[5].to_string();
    let sofia = row_of(&bytes, "Action items", |r| r[0] == "Sofia Alvarez");
    let tom = row_of(&bytes, "Action items", |r| r[0] == "Tom Okafor");
    let cleared: Vec<(String, &str)> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|c| (format!("{c}{tom}"), ""))
        .collect();
    let mut cells: Vec<(&str, &str)> = cleared.iter().map(|(c, t)| (c.as_str(), *t)).collect();
    let owner_cell = format!("C{sofia}");
    cells.push((&owner_cell, "manager"));
    let edited = type_into(&bytes, "Action items", &cells);

    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:?}");
    let f = &preview.changed[0].fields;
    assert_eq!(
        (f.len(), f[0].field, f[0].old.as_str(), f[0].new.as_str()),
        (1, "owner", "associate", "manager")
    );
    assert_eq!(
        preview
            .missing
            .iter()
            .map(|m| m.summary.as_str())
            .collect::<Vec<_>>(),
        ["Tom Okafor · Pick one cross-team project for next quarter"]
    );
    let sofias = meetings::resolve_action(&db, &id_at(sofia)).unwrap();
    assert_eq!(
        (sofias.owner, sofias.status, sofias.description.as_str()),
        (
            ActionOwner::Manager,
            ActionStatus::Open,
            "Join the architecture council as an observer"
        )
    );
    let toms = meetings::resolve_action(&db, &id_at(tom)).unwrap();
    assert_eq!(toms.status, ActionStatus::Open, "reported, never deleted");
}

/// Every readiness assessment of everyone, to compare before and after an import.
fn readiness_state(db: &Db) -> serde_json::Value {
    let ids = ladder::profile::visible_ids(db).unwrap();
    serde_json::to_value(
        ids.iter()
            .map(|id| ladder::promotion::list(db, id).unwrap())
            .collect::<Vec<_>>(),
    )
    .unwrap()
}

fn tom_latest(db: &Db) -> ladder::promotion::Assessment {
    let tom = people::resolve(db, "Tom").unwrap();
    ladder::promotion::latest(db, &tom.id).unwrap().unwrap()
}

/// The 1-based row of `sheet` whose cells include every one of `texts`.
fn row_with(bytes: &[u8], sheet: &str, texts: &[&str]) -> usize {
    row_of(bytes, sheet, |r| {
        texts
            .iter()
            .all(|t| r.iter().any(|c| *c == Data::String(t.to_string())))
    })
}

#[test]
fn a_readiness_workbook_round_trips_and_one_edited_cell_changes_exactly_that_field() {
    let db = demo_db();
    let before = readiness_state(&db);
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let preview = import::apply(&db, &bytes, today()).unwrap();
    assert_eq!(preview.workbook, "readiness");
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:?}"
    );
    assert!(preview.unchanged > 20, "{preview:?}");
    assert_eq!(readiness_state(&db), before, "a round trip changes nothing");

    // One evidence cell, one skill's notes, one advocate's influence.
    let a = tom_latest(&db);
    let results = row_with(&bytes, "Requirements", &[&a.id, "results"]);
    let skill = &a.skills.items[0];
    let skill_row = row_with(&bytes, "Skills", &[&skill.id]);
    let adv = &a.advocates.advocates[0];
    let adv_row = row_with(&bytes, "Advocates", &[&adv.id]);
    let influence = if adv.influence.as_str() == "low" {
        "high"
    } else {
        "low"
    };
    let edited = type_into(
        &bytes,
        "Requirements",
        &[(&format!("F{results}"), "Shipped the billing migration")],
    );
    let edited = type_into(
        &edited,
        "Skills",
        &[(&format!("F{skill_row}"), "+1 from the panel")],
    );
    let edited = type_into(&edited, "Advocates", &[(&format!("E{adv_row}"), influence)]);
    let preview = import::preview(&db, &edited, today()).unwrap();
    assert!(preview.added.is_empty() && preview.missing.is_empty());
    let fields: Vec<(&str, &str, &str, &str)> = preview
        .changed
        .iter()
        .flat_map(|c| {
            c.fields
                .iter()
                .map(move |f| (c.record, f.field, f.old.as_str(), f.new.as_str()))
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "requirement",
                "evidence",
                a.results.evidence.as_str(),
                "Shipped the billing migration"
            ),
            ("skill", "notes", skill.notes.as_str(), "+1 from the panel"),
            ("advocate", "influence", adv.influence.as_str(), influence),
        ]
    );
    assert_eq!(readiness_state(&db), before, "a preview writes nothing");

    import::apply(&db, &edited, today()).unwrap();
    let after = tom_latest(&db);
    let mut expected = a.clone();
    expected.results.evidence = "Shipped the billing migration".into();
    expected.skills.items[0].notes = "+1 from the panel".into();
    expected.advocates.advocates[0].influence =
        ladder::promotion::Influence::parse(influence).unwrap();
    assert_eq!(after, expected, "exactly those three fields changed");
    let mut others = readiness_state(&db);
    let mut was = before.clone();
    for state in [&mut others, &mut was] {
        for list in state.as_array_mut().unwrap() {
            list.as_array_mut()
                .unwrap()
                .retain(|x| x["id"] != a.id.as_str());
        }
    }
    assert_eq!(others, was, "nothing else changed");
}

#[test]
fn an_assessed_on_left_empty_is_the_assessments_own_date() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let on = column_of(&bytes, "Requirements", "Assessed on").1;
    let row = row_of(&bytes, "Requirements", |r| r[0] == "Tom Okafor");
    let cleared = type_into(&bytes, "Requirements", &[(&format!("{on}{row}"), "")]);
    let preview = import::preview(&db, &cleared, today()).unwrap();
    assert!(preview.is_empty(), "{preview:?}");
}

#[test]
fn readiness_rows_without_ids_are_added_and_the_verdict_is_decided() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let a = tom_latest(&db);
    // A new skill and a new advocate in the spare rows, with no ids: they go to Tom's
    // latest assessment. Text that looks like a formula stays text.
    let skills_row = range(&bytes, "Skills").height() + 1;
    let adv_row = range(&bytes, "Advocates").height() + 1;
    let verdict_row = row_with(&bytes, "Verdict", &[&a.id]);
    let edited = type_into(
        &bytes,
        "Skills",
        &[
            (&format!("A{skills_row}"), &a.person),
            (&format!("B{skills_row}"), &a.target),
            (
                &format!("C{skills_row}"),
                "=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            (&format!("D{skills_row}"), "gap"),
            (&format!("F{skills_row}"), "@SUM(A1)"),
        ],
    );
    let edited = type_into(
        &edited,
        "Advocates",
        &[
            (&format!("A{adv_row}"), &a.person),
            (&format!("B{adv_row}"), &a.target),
            (&format!("C{adv_row}"), "+1 Grace"),
            (&format!("D{adv_row}"), "hr"),
            (&format!("E{adv_row}"), "medium"),
            (&format!("F{adv_row}"), "2026-11-20"),
        ],
    );
    let edited = type_into(
        &edited,
        "Verdict",
        &[
            (&format!("D{verdict_row}"), "ready_3_plus_years"),
            (
                &format!("E{verdict_row}"),
                "-2 quarters of results still to come",
            ),
            (&format!("F{verdict_row}"), "2026-11-21"),
        ],
    );
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(
        preview.added.iter().map(|c| c.record).collect::<Vec<_>>(),
        ["skill", "advocate"]
    );
    assert_eq!(
        preview.changed.iter().map(|c| c.record).collect::<Vec<_>>(),
        ["verdict"]
    );
    let after = tom_latest(&db);
    let skill = after.skills.items.last().unwrap();
    assert_eq!(
        (
            skill.name.as_str(),
            skill.status.as_str(),
            skill.notes.as_str()
        ),
        (
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "gap",
            "@SUM(A1)"
        )
    );
    let adv = after.advocates.advocates.last().unwrap();
    assert_eq!(
        (
            adv.name.as_str(),
            adv.relation.as_str(),
            adv.last_contact_on
        ),
        ("+1 Grace", "hr", NaiveDate::from_ymd_opt(2026, 11, 20))
    );
    let d = after.decision.unwrap();
    assert_eq!(
        (
            d.verdict.as_str(),
            d.rationale.as_str(),
            d.decided_on.to_string()
        ),
        (
            "ready_3_plus_years",
            "-2 quarters of results still to come",
            "2026-11-21".into()
        )
    );
    // Exported again, it all comes back as the same text: nothing to change.
    let again = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    assert!(
        !sheet_xml(&again, "Skills").contains("<f>"),
        "no cell holds a formula"
    );
    let preview = import::preview(&db, &again, today()).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:?}"
    );
    // A skill deleted from the file is reported, never deleted.
    let row = row_with(&again, "Skills", &[&skill.id]);
    let cleared = type_into(
        &again,
        "Skills",
        &["A", "B", "C", "D", "E", "F", "G", "H"]
            .map(|c| (format!("{c}{row}"), String::new()))
            .iter()
            .map(|(c, t)| (c.as_str(), t.as_str()))
            .collect::<Vec<_>>(),
    );
    let preview = import::apply(&db, &cleared, today()).unwrap();
    assert_eq!(preview.missing.len(), 1, "{preview:?}");
    assert_eq!(preview.missing[0].id.as_deref(), Some(skill.id.as_str()));
    assert_eq!(tom_latest(&db).skills.items.len(), after.skills.items.len());
}

#[test]
fn a_bad_readiness_cell_refuses_the_whole_import_with_every_problem_by_cell() {
    let db = demo_db();
    let before = readiness_state(&db);
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let a = tom_latest(&db);
    let results = row_with(&bytes, "Requirements", &[&a.id, "results"]);
    let competencies = row_with(&bytes, "Requirements", &[&a.id, "competencies"]);
    let skill_row = row_with(&bytes, "Skills", &[&a.skills.items[0].id]);
    let role_row = row_with(&bytes, "Role", &[&a.id]);
    let verdict_row = row_with(&bytes, "Verdict", &[&a.id]);
    let other = if a.competencies.status.as_str() == "met" {
        "not_yet"
    } else {
        "met"
    };
    let edited = type_into(
        &bytes,
        "Requirements",
        &[
            (&format!("E{results}"), "maybe"),
            (&format!("E{competencies}"), other),
        ],
    );
    let edited = type_into(
        &edited,
        "Skills",
        &[(&format!("D{skill_row}"), "sometimes")],
    );
    // A path for a role that is available breaks a rule only the core knows.
    let edited = type_into(
        &edited,
        "Role",
        &[
            (&format!("D{role_row}"), "available"),
            (&format!("F{role_row}"), "create_role"),
        ],
    );
    // A decision unlike the suggestion without a rationale; and a valid edit besides.
    let decide = if a.suggestion.verdict.as_str() == "ready_now" {
        "ready_3_plus_years"
    } else {
        "ready_now"
    };
    let edited = type_into(
        &edited,
        "Verdict",
        &[
            (&format!("D{verdict_row}"), decide),
            (&format!("E{verdict_row}"), ""),
        ],
    );
    let edited = type_into(&edited, "Advocates", &[("G2", "a valid edit")]);
    let err = import::apply(&db, &edited, today()).unwrap_err();
    assert_eq!(err.code(), "import_refused");
    let ladder::Error::ImportRefused { problems } = &err else {
        unreachable!()
    };
    let expect = [
        format!("Requirements!E{results}: status 'maybe' is not one of"),
        format!("Requirements!E{competencies}: the competencies status"),
        format!("Skills!D{skill_row}: status 'sometimes' is not one of have, gap"),
        format!("Role!F{role_row}: path create_role is only for a role that is not available"),
        format!("Verdict!E{verdict_row}: rationale is required"),
    ];
    for e in &expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e.as_str())),
            "{e} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    assert_eq!(
        readiness_state(&db),
        before,
        "nothing imported, not even the valid edit"
    );
}

#[test]
fn a_verdict_decided_in_the_file_is_checked_against_the_statuses_the_file_sets() {
    use ladder::promotion::{self, Requirement, RequirementPatch, Status};
    let db = Db::open_in_memory().unwrap();
    let ana = people::add(
        &db,
        NewPerson {
            name: "Ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let a = promotion::open(&db, &ana.id, "Staff Engineer", today(), today()).unwrap();
    promotion::set_requirement(
        &db,
        &a.id,
        Requirement::Competencies,
        RequirementPatch {
            status: Some(Status::Met),
            reason: Some("calibrated".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let cells: Vec<(String, &str)> = ["results", "skills", "advocates"]
        .iter()
        .map(|r| {
            (
                format!("E{}", row_with(&bytes, "Requirements", &[r])),
                "met",
            )
        })
        .collect();
    let edited = type_into(
        &bytes,
        "Requirements",
        &cells
            .iter()
            .map(|(c, t)| (c.as_str(), *t))
            .collect::<Vec<_>>(),
    );
    // ready_now is what four met statuses suggest: no rationale needed.
    let edited = type_into(&edited, "Verdict", &[("D2", "ready_now")]);
    let before = readiness_state(&db);
    let preview = import::preview(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 4, "{preview:?}");
    assert_eq!(readiness_state(&db), before, "the check wrote nothing");
    import::apply(&db, &edited, today()).unwrap();
    let after = promotion::get(&db, &a.id).unwrap();
    let d = after.decision.unwrap();
    assert_eq!(
        (d.verdict.as_str(), d.decided_on, d.differs_from_suggestion),
        ("ready_now", today(), false)
    );

    // Without the statuses, the same decision differs from the suggestion and needs one.
    let db2 = Db::open_in_memory().unwrap();
    let ana2 = people::add(
        &db2,
        NewPerson {
            name: "Ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    promotion::open(&db2, &ana2.id, "Staff Engineer", today(), today()).unwrap();
    let bytes = export::workbook(&db2, Kind::Readiness, &Fill::Team, today()).unwrap();
    let edited = type_into(&bytes, "Verdict", &[("D2", "ready_now")]);
    let ladder::Error::ImportRefused { problems } =
        import::apply(&db2, &edited, today()).unwrap_err()
    else {
        panic!("refused")
    };
    assert_eq!(
        problems,
        ["Verdict!E2: rationale is required: the decided verdict, ready now, differs from the suggested one, not assessed"]
    );
}

/// Every change with its stakeholders, full score history, phase plan and RACI chart.
fn change_state(db: &Db) -> serde_json::Value {
    use ladder::change;
    serde_json::Value::Array(
        change::list(db)
            .unwrap()
            .into_iter()
            .map(|ch| {
                serde_json::json!({
                    "history": change::history(db, &ch.id, None).unwrap(),
                    "plan": change::phase_plan(db, &ch.id).unwrap(),
                    "raci": change::chart(db, &ch.id).unwrap(),
                    "change": ch,
                })
            })
            .collect(),
    )
}

/// The RACI sheet's header, cell letters by person.
fn raci_columns(bytes: &[u8]) -> Vec<(String, String)> {
    range(bytes, "RACI")
        .rows()
        .next()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, h)| (column_number_to_name(i as u16), h.to_string()))
        .collect()
}

#[test]
fn a_change_without_a_chart_yet_can_have_its_raci_filled_in_the_file() {
    use ladder::change::{self, NewChange, NewStakeholder};
    let db = demo_db();
    // Two newcomers, on no chart yet (everyone of the demo is on its change's chart).
    let (owner, kai) = (newcomer(&db, "Noor Haddad"), newcomer(&db, "Kai Lund"));
    let low = NewChange {
        impact: change::Impact::Low,
        ..common::new_change("Expense tool", &owner.id)
    };
    let id = change::add(&db, low).unwrap().id;
    change::add_stakeholder(
        &db,
        &id,
        NewStakeholder::Person {
            person_id: kai.id.clone(),
        },
    )
    .unwrap();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    // Its owner and its person stakeholder head columns of the matrix, though neither
    // holds a role yet (the header is locked in Excel).
    let columns = raci_columns(&bytes);
    let column = |name: &str| {
        columns
            .iter()
            .find(|(_, h)| h == name)
            .unwrap_or_else(|| panic!("a column for {name}: {columns:?}"))
            .0
            .clone()
    };
    let (noor_col, kai_col) = (column("Noor Haddad"), column("Kai Lund"));
    let spare = row_of(&bytes, "RACI", |r| r[0].is_empty());
    let edited = type_into(
        &bytes,
        "RACI",
        &[
            (&format!("A{spare}"), "Expense tool"),
            (&format!("B{spare}"), "Choose the tool"),
            (&format!("{noor_col}{spare}"), "A"),
            (&format!("{kai_col}{spare}"), "C"),
        ],
    );
    import::apply(&db, &edited, today()).unwrap();
    let chart = change::chart(&db, &id).unwrap();
    let roles: Vec<(&str, change::RaciRole)> = chart.activities[0]
        .assignments
        .iter()
        .map(|r| (r.person.as_str(), r.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("Noor Haddad", change::RaciRole::Accountable),
            ("Kai Lund", change::RaciRole::Consulted)
        ]
    );
}

#[test]
fn a_rehire_named_as_someone_archived_on_a_chart_does_not_stop_the_change_export() {
    use ladder::change::{self, NewStakeholder};
    let db = demo_db();
    // Sofia owns the demo change and holds a role on its chart; she leaves, and a
    // namesake joins the change as a stakeholder.
    let sofia = people::resolve(&db, "Sofia Alvarez").unwrap();
    people::archive(&db, &sofia.id).unwrap();
    let rehire = newcomer(&db, "Sofia Alvarez");
    let id = change::resolve(&db, "On-call redesign").unwrap().id;
    change::add_stakeholder(
        &db,
        &id,
        NewStakeholder::Person {
            person_id: rehire.id,
        },
    )
    .unwrap();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let sofias = raci_columns(&bytes)
        .into_iter()
        .filter(|(_, h)| h == "Sofia Alvarez")
        .count();
    assert_eq!(sofias, 1, "a header names one person");
}

#[test]
fn one_persons_change_workbook_holds_their_own_scores_of_a_change_they_do_not_own() {
    let db = demo_db();
    let stakeholders = |who: &str| -> Vec<String> {
        let id = people::resolve(&db, who).unwrap().id;
        let bytes = export::workbook(&db, Kind::Change, &Fill::Person(id), today()).unwrap();
        assert!(import::preview(&db, &bytes, today()).unwrap().is_empty());
        range(&bytes, "ADKAR scores")
            .rows()
            .skip(1)
            .map(|r| r[1].to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    // Tom is a stakeholder of the demo change: his own row, not his colleagues'.
    assert_eq!(stakeholders("Tom Okafor"), ["Tom Okafor"]);
    // Sofia owns it: every stakeholder's.
    assert!(stakeholders("Sofia Alvarez").len() > 1);
}

#[test]
fn a_new_register_or_raci_row_named_as_a_record_it_differs_from_is_refused_not_taken_as_an_edit() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Blank, today()).unwrap();
    let before = change_state(&db);
    // A change of that name is in Ladder, with another description.
    let filled = type_into(
        &bytes,
        "Register",
        &[
            ("A2", "On-call redesign"),
            ("B2", "Something else entirely"),
            ("C2", "Jordan Avery"),
            ("D2", "low"),
            ("E2", "neutral"),
            ("F2", "no"),
            ("G2", "no"),
            ("H2", "no"),
            ("I2", "low"),
        ],
    );
    let problems = refusals(import::apply(&db, &filled, today()).unwrap_err());
    assert!(problems[0].starts_with("Register!A2: "), "{problems:?}");
    assert_eq!(change_state(&db), before);
    // An activity of that name is on the chart, with other letters.
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let row = row_of(&bytes, "RACI", |r| {
        r[1].get_string()
            .is_some_and(|n| !n.is_empty() && n != "Activity")
    });
    let taken = range(&bytes, "RACI").rows().nth(row - 1).unwrap()[1].to_string();
    let spare = row_of(&bytes, "RACI", |r| r[0].is_empty());
    let (_, first_person) = raci_columns(&bytes)[2].clone();
    let letter_col = raci_columns(&bytes)[2].0.clone();
    let again = type_into(
        &bytes,
        "RACI",
        &[
            (&format!("A{spare}"), "On-call redesign"),
            (&format!("B{spare}"), &taken),
            (&format!("{letter_col}{spare}"), "A"),
        ],
    );
    let err = import::apply(&db, &again, today());
    assert!(
        err.is_err(),
        "{taken} with {first_person} accountable: {err:?}"
    );
    assert_eq!(change_state(&db), before);
}

#[test]
fn a_change_workbook_round_trips_and_one_edited_cell_changes_exactly_that_field() {
    use ladder::change::{self, RaciRole};
    let db = demo_db();
    let before = change_state(&db);
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let preview = import::apply(&db, &bytes, today()).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:#?}"
    );
    // The change, six stakeholders with their latest scores, the actions, the
    // influencers and the RACI activities all read as Ladder has them.
    let ch = change::list(&db).unwrap().remove(0);
    let plan = change::phase_plan(&db, &ch.id).unwrap();
    let chart = change::chart(&db, &ch.id).unwrap();
    assert_eq!(
        preview.unchanged,
        1 + ch.stakeholders.len()
            + plan.actions.len()
            + plan.influencers.len()
            + chart.activities.len()
    );
    assert_eq!(change_state(&db), before, "the round trip changes nothing");

    // One edited description changes that field and nothing else.
    let row = row_with(&bytes, "Register", &[&ch.id]);
    let edited = type_into(
        &bytes,
        "Register",
        &[(&format!("B{row}"), "A shorter scope")],
    );
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert!(preview.added.is_empty());
    assert_eq!(preview.changed.len(), 1, "{preview:#?}");
    assert_eq!(preview.changed[0].cell, format!("Register!A{row}"));
    assert_eq!(preview.changed[0].record, "change");
    assert_eq!(
        preview.changed[0]
            .fields
            .iter()
            .map(|f| (f.field, f.old.as_str(), f.new.as_str()))
            .collect::<Vec<_>>(),
        [("description", ch.description.as_str(), "A shorter scope")]
    );
    let mut expected = before.clone();
    expected[0]["change"]["description"] = "A shorter scope".into();
    assert_eq!(change_state(&db), expected);

    // The Accountable moves from one person to another in the same row: the old one's
    // letter changes first, so one A is held throughout.
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let activity = &chart.activities[0];
    let accountable = activity
        .assignments
        .iter()
        .find(|a| a.role == RaciRole::Accountable)
        .unwrap();
    let other = chart
        .people
        .iter()
        .find(|p| p.person_id != accountable.person_id)
        .unwrap();
    let cols = raci_columns(&bytes);
    let col_of = |name: &str| cols.iter().find(|(_, h)| h == name).unwrap().0.clone();
    let row = row_with(&bytes, "RACI", &[&activity.id]);
    let edited = type_into(
        &bytes,
        "RACI",
        &[
            (&format!("{}{row}", col_of(&accountable.person)), "c"),
            (&format!("{}{row}", col_of(&other.name)), "A"),
        ],
    );
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:#?}");
    assert_eq!(preview.changed[0].record, "raci activity");
    assert_eq!(preview.changed[0].fields.len(), 2);
    let now = change::chart(&db, &ch.id).unwrap().activities.remove(0);
    assert_eq!(
        now.role_of(&accountable.person_id),
        Some(RaciRole::Consulted)
    );
    assert_eq!(now.role_of(&other.person_id), Some(RaciRole::Accountable));

    // A phase-plan row deleted from the file is reported and kept.
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let action = &plan.actions[0];
    let row = row_with(&bytes, "Phase plan", &[&action.id]);
    let cleared: Vec<(String, &str)> = ["A", "B", "C", "D", "E", "F", "G"]
        .iter()
        .map(|c| (format!("{c}{row}"), ""))
        .collect();
    let cleared: Vec<(&str, &str)> = cleared.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    let edited = type_into(&bytes, "Phase plan", &cleared);
    let preview = import::preview(&db, &edited, today()).unwrap();
    assert_eq!(
        preview
            .missing
            .iter()
            .map(|m| m.id.as_deref().unwrap())
            .collect::<Vec<_>>(),
        [action.id.as_str()]
    );
    import::apply(&db, &edited, today()).unwrap();
    assert_eq!(
        change::phase_plan(&db, &ch.id).unwrap().actions.len(),
        plan.actions.len()
    );

    // A group's head count and an activity's name, edited, change exactly those.
    let before = change_state(&db);
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let group = ch
        .stakeholders
        .iter()
        .find(|s| s.person_id.is_none())
        .unwrap();
    let row = row_with(&bytes, "ADKAR scores", &[&group.id]);
    let edited = type_into(&bytes, "ADKAR scores", &[(&format!("C{row}"), "15")]);
    let activity = &change::chart(&db, &ch.id).unwrap().activities[1];
    let row = row_with(&bytes, "RACI", &[&activity.id]);
    let edited = type_into(&edited, "RACI", &[(&format!("B{row}"), "Renamed activity")]);
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(
        preview
            .changed
            .iter()
            .map(|c| (c.record, c.fields[0].field, c.fields[0].new.as_str()))
            .collect::<Vec<_>>(),
        [
            ("stakeholder", "head_count", "15"),
            ("raci activity", "activity", "Renamed activity")
        ]
    );
    let mut expected = before;
    let groups = expected[0]["change"]["stakeholders"]
        .as_array_mut()
        .unwrap();
    let g = groups
        .iter_mut()
        .find(|s| s["id"] == group.id.as_str())
        .unwrap();
    g["head_count"] = 15.into();
    let h = expected[0]["history"].as_array_mut().unwrap();
    let g = h
        .iter_mut()
        .find(|x| x["stakeholder"]["id"] == group.id.as_str())
        .unwrap();
    g["stakeholder"]["head_count"] = 15.into();
    expected[0]["raci"]["activities"][1]["name"] = "Renamed activity".into();
    assert_eq!(change_state(&db), expected);
}

#[test]
fn a_blank_change_template_filled_by_hand_imports_as_new_records() {
    use ladder::change::{self, Element, RaciRole};
    let db = demo_db();
    let blank = export::workbook(&db, Kind::Change, &Fill::Blank, today()).unwrap();
    let hyperlink = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let filled = type_into(
        &blank,
        "Register",
        &[
            ("A2", "Office move"),
            ("B2", hyperlink),
            ("C2", "Jordan Avery"),
            ("D2", "medium"),
            ("E2", "neutral"),
            ("F2", "no"),
            ("G2", "yes"),
            ("H2", "yes"),
            ("I2", "low"),
            ("J2", "Priya Raman; Finance team (12)"),
            ("K2", "announced"),
        ],
    );
    let mut cells = vec![
        ("A2", "Office move"),
        ("B2", "Priya Raman"),
        ("D2", "2026-11-20"),
        ("A3", "Office move"),
        ("B3", "Finance team"),
        ("C3", "12"),
        ("D3", "2026-11-20"),
    ];
    for (col, (p, g)) in ["E", "F", "G", "H", "I"].iter().zip([
        ("4", "4.2"),
        ("3", "3.6"),
        ("2", "2.9"),
        ("2", "2.5"),
        ("1", "2"),
    ]) {
        cells.push((Box::leak(format!("{col}2").into_boxed_str()), p));
        cells.push((Box::leak(format!("{col}3").into_boxed_str()), g));
    }
    let filled = type_into(&filled, "ADKAR scores", &cells);
    let filled = type_into(
        &filled,
        "Phase plan",
        &[
            ("A2", "Office move"),
            ("B2", "desire"),
            ("C2", "+1 Q&A with the CFO"),
            ("D2", "Aisha Bello"),
            ("E2", "2026-12-05"),
            ("F2", "in_progress"),
        ],
    );
    let filled = type_into(
        &filled,
        "Influencers",
        &[
            ("A2", "Office move"),
            ("B2", "Aisha Bello"),
            ("C2", "@SUM(A1)"),
            ("D2", "Which floor?"),
            ("E2", "-Finance will want a visit first"),
        ],
    );
    let cols = raci_columns(&blank);
    let col_of = |name: &str| cols.iter().find(|(_, h)| h == name).unwrap().0.clone();
    let (jordan, aisha) = (
        format!("{}2", col_of("Jordan Avery")),
        format!("{}2", col_of("Aisha Bello")),
    );
    let filled = type_into(
        &filled,
        "RACI",
        &[
            ("A2", "Office move"),
            ("B2", "Choose the floor plan"),
            (&jordan, "A"),
            (&aisha, "r"),
        ],
    );

    let preview = import::preview(&db, &filled, today()).unwrap();
    assert_eq!(
        preview.added.iter().map(|c| c.record).collect::<Vec<_>>(),
        [
            "change",
            "stakeholder",
            "stakeholder",
            "score",
            "score",
            "change action",
            "influencer",
            "raci activity"
        ]
    );
    assert!(preview.changed.is_empty() && preview.missing.is_empty());
    assert!(
        change::list(&db).unwrap().len() == 1,
        "a preview writes nothing"
    );
    import::apply(&db, &filled, today()).unwrap();

    let ch = change::resolve(&db, "Office move").unwrap();
    assert_eq!(ch.description, hyperlink, "formula-like text stays text");
    assert_eq!(
        (ch.owner.as_str(), ch.status.as_str()),
        ("Jordan Avery", "announced")
    );
    assert_eq!(
        ch.stakeholders
            .iter()
            .map(|s| (s.name.as_str(), s.head_count))
            .collect::<Vec<_>>(),
        [("Priya Raman", 1), ("Finance team", 12)]
    );
    let history = change::history(&db, &ch.id, None).unwrap();
    let barriers: Vec<Option<Element>> = history.iter().map(|h| h.assessments[0].barrier).collect();
    assert_eq!(barriers, [Some(Element::Desire), Some(Element::Knowledge)]);
    assert_eq!(history[1].assessments[0].scores.knowledge.value(), 2.9);
    let plan = change::phase_plan(&db, &ch.id).unwrap();
    let action = &plan.actions[0];
    assert_eq!(
        (
            action.description.as_str(),
            action.owner.as_str(),
            action.status.as_str(),
            action.due_date.map(|d| d.to_string())
        ),
        (
            "+1 Q&A with the CFO",
            "Aisha Bello",
            "in_progress",
            Some("2026-12-05".to_string())
        )
    );
    assert_eq!(plan.influencers[0].concerns, "@SUM(A1)");
    assert_eq!(
        plan.influencers[0].expected_reactions,
        "-Finance will want a visit first"
    );
    let chart = change::chart(&db, &ch.id).unwrap();
    let a = &chart.activities[0];
    assert_eq!(a.name, "Choose the floor plan");
    let role = |name: &str| {
        a.assignments
            .iter()
            .find(|x| x.person == name)
            .map(|x| x.role)
    };
    assert_eq!(role("Jordan Avery"), Some(RaciRole::Accountable));
    assert_eq!(role("Aisha Bello"), Some(RaciRole::Responsible));

    // The same file again (its rows still have no ids) finds what it added: nothing is
    // registered, consulted or charted twice.
    let again = import::apply(&db, &filled, today()).unwrap();
    assert!(again.is_empty(), "{again:#?}");
    // And a workbook filled with Ladder's own export of it reads back unchanged.
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:#?}"
    );
    let row = row_of(&bytes, "Register", |r| r[0] == "Office move");
    assert_eq!(
        range(&bytes, "Register").rows().nth(row - 1).unwrap()[1],
        Data::String(hyperlink.into())
    );
}

#[test]
fn a_second_accountable_a_second_owner_and_a_score_out_of_range_refuse_the_whole_change_import() {
    use ladder::change::{self, RaciRole};
    let db = demo_db();
    let before = change_state(&db);
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let ch = change::list(&db).unwrap().remove(0);
    let chart = change::chart(&db, &ch.id).unwrap();
    let activity = &chart.activities[0];
    let holder = activity
        .assignments
        .iter()
        .find(|a| a.role == RaciRole::Accountable)
        .unwrap();
    let second = chart
        .people
        .iter()
        .find(|p| p.person_id != holder.person_id)
        .unwrap();
    let cols = raci_columns(&bytes);
    let col = cols
        .iter()
        .find(|(_, h)| *h == second.name)
        .unwrap()
        .0
        .clone();
    let row = row_with(&bytes, "RACI", &[&activity.id]);
    let edited = type_into(&bytes, "RACI", &[(&format!("{col}{row}"), "A")]);
    // A new assessment of Tom with an awareness of 7.
    let (edited, spare) = with_score_row(
        &edited,
        &[
            ("A", "On-call redesign"),
            ("B", "Tom Okafor"),
            ("D", "2026-11-22"),
            ("E", "7"),
            ("F", "3"),
            ("G", "3"),
            ("H", "3"),
            ("I", "3"),
        ],
    );
    // A committee of owners, and a valid edit besides, which must not land either.
    let reg = row_with(&bytes, "Register", &[&ch.id]);
    let edited = type_into(
        &edited,
        "Register",
        &[
            (&format!("B{reg}"), "a valid edit"),
            (&format!("C{reg}"), "Jordan Avery and Aisha Bello"),
        ],
    );

    let err = import::apply(&db, &edited, today()).unwrap_err();
    assert_eq!(err.code(), "import_refused");
    let ladder::Error::ImportRefused { problems } = &err else {
        unreachable!()
    };
    let expect = [
        format!(
            "RACI!{col}{row}: {} is already accountable for \"{}\"",
            holder.person, activity.name
        ),
        format!("ADKAR scores!E{spare}: awareness score 7 is outside 1–5"),
        format!("Register!C{reg}: a single owner is required and 2 were given"),
    ];
    for e in &expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e.as_str())),
            "{e} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    assert_eq!(
        change_state(&db),
        before,
        "nothing imported, not even the valid edit"
    );
}

#[test]
fn an_edited_past_score_is_refused_at_its_cell_with_what_it_held() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    // A row of an assessment already recorded (its id in the hidden column L).
    let scored = range(&bytes, "ADKAR scores");
    let at = scored
        .rows()
        .position(|r| r.len() > 11 && !r[11].is_empty() && r[0] != Data::String("Change".into()))
        .unwrap();
    let (on, desire) = (
        scored.get((at, 3)).unwrap().clone(),
        scored.get((at, 5)).unwrap().clone(),
    );
    let new = if desire == Data::Float(5.0) { "4" } else { "5" };
    let row = at + 1;
    let edited = type_into(&bytes, "ADKAR scores", &[(&format!("F{row}"), new)]);

    let problems = refusals(import::preview(&db, &edited, today()).unwrap_err());
    let on = on
        .as_date()
        .map_or_else(|| on.to_string(), |d| d.to_string());
    assert_eq!(
        problems,
        [format!(
            "ADKAR scores!F{row}: the assessment of {on} is kept as it was scored (Desire {desire}, not {new}); to score again, add a row with the new date and no assessment id"
        )]
    );
}

#[test]
fn a_new_assessment_dated_after_today_is_refused_at_its_date() {
    let db = demo_db();
    let before = change_state(&db);
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let (edited, spare) = with_score_row(
        &bytes,
        &[
            ("A", "On-call redesign"),
            ("B", "Tom Okafor"),
            ("D", "2026-11-24"),
            ("E", "4"),
            ("F", "4"),
            ("G", "4"),
            ("H", "4"),
            ("I", "4"),
        ],
    );
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        [format!(
            "ADKAR scores!D{spare}: assessed on 2026-11-24 is after today (2026-11-23); an assessment records where a stakeholder stood"
        )]
    );
    assert_eq!(change_state(&db), before);
}

#[test]
fn a_misspelt_person_is_refused_not_added_as_a_group_of_one() {
    let db = demo_db();
    let before = change_state(&db);
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    // A person's row copied, as a user adds one, with the name mistyped: every exported
    // person's row says People 1.
    let row = |who, people| {
        [
            ("A", "On-call redesign"),
            ("B", who),
            ("C", people),
            ("D", "2026-11-22"),
            ("E", "4"),
            ("F", "4"),
            ("G", "4"),
            ("H", "4"),
            ("I", "4"),
        ]
    };
    let (edited, spare) = with_score_row(&bytes, &row("Tom Okafr", "1"));
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        [format!(
            "ADKAR scores!B{spare}: Tom Okafr is not a person in Ladder; check the spelling, or give a group's head count (2 or more)"
        )]
    );
    assert_eq!(change_state(&db), before);

    // With a group's head count, the same row adds the group.
    let (edited, _) = with_score_row(&bytes, &row("Night shift", "6"));
    import::apply(&db, &edited, today()).unwrap();
    let ch = ladder::change::list(&db)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "On-call redesign")
        .unwrap();
    let group = ch
        .stakeholders
        .iter()
        .find(|s| s.name == "Night shift")
        .unwrap();
    assert_eq!((group.person_id.as_deref(), group.head_count), (None, 6));
}

#[test]
fn advocacy_actions_go_out_in_the_readiness_workbook_and_come_back() {
    let db = demo_db();
    let before = readiness_state(&db);
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let a = tom_latest(&db);
    assert!(a.advocates.actions.len() >= 2 && !a.advocates.advocates.is_empty());
    // Every action of Tom's latest assessment is on the sheet, with its advocate.
    let sheet = range(&bytes, "Advocacy actions");
    for x in &a.advocates.actions {
        let r = sheet.rows().find(|r| r[8] == x.id.as_str()).unwrap();
        assert_eq!(
            (r[2].to_string(), r[3].to_string(), r[4].to_string()),
            (
                x.kind.as_str().to_string(),
                x.description.clone(),
                x.advocate.clone().unwrap_or_default()
            )
        );
    }
    // The round trip changes nothing.
    let preview = import::apply(&db, &bytes, today()).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "{preview:#?}"
    );
    assert_eq!(readiness_state(&db), before);

    // An edited due date changes exactly that field; a new row adds an action for the
    // advocate it names, and text that looks like a formula stays text.
    let x = &a.advocates.actions[0];
    let row = row_with(&bytes, "Advocacy actions", &[&x.id]);
    let spare = sheet.height() + 1;
    let adv = &a.advocates.advocates[0];
    let hyperlink = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let at = |c: &str, r: usize| format!("{c}{r}");
    let edited = type_into(
        &bytes,
        "Advocacy actions",
        &[
            (&at("F", row), "2027-01-15"),
            (&at("A", spare), &a.person),
            (&at("B", spare), &a.target),
            (&at("C", spare), "visibility"),
            (&at("D", spare), hyperlink),
            (&at("E", spare), &adv.name),
            (&at("F", spare), "2026-12-20"),
        ],
    );
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:#?}");
    assert_eq!(
        preview.changed[0]
            .fields
            .iter()
            .map(|f| (f.field, f.old.clone(), f.new.as_str()))
            .collect::<Vec<_>>(),
        [("due_date", x.due_date.to_string(), "2027-01-15")]
    );
    assert_eq!(
        preview.added.iter().map(|c| c.record).collect::<Vec<_>>(),
        ["advocacy action"]
    );
    let after = tom_latest(&db);
    let edited_action = after
        .advocates
        .actions
        .iter()
        .find(|y| y.id == x.id)
        .unwrap();
    assert_eq!(edited_action.due_date.to_string(), "2027-01-15");
    assert_eq!(
        (edited_action.description.as_str(), edited_action.kind),
        (x.description.as_str(), x.kind)
    );
    let added = after
        .advocates
        .actions
        .iter()
        .find(|y| y.description == hyperlink)
        .expect("the new action, its text as typed");
    assert_eq!(added.advocate_id.as_deref(), Some(adv.id.as_str()));
    assert_eq!(added.due_date.to_string(), "2026-12-20");

    // A kind that is not one and an advocate the assessment lacks: refused by cell.
    let state = readiness_state(&db);
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let spare = range(&bytes, "Advocacy actions").height() + 1;
    let next = spare + 1;
    let bad = type_into(
        &bytes,
        "Advocacy actions",
        &[
            (&at("A", spare), &a.person),
            (&at("B", spare), &a.target),
            (&at("C", spare), "lunch"),
            (&at("D", spare), "Lunch with the VP"),
            (&at("F", spare), "2026-12-20"),
            (&at("A", next), &a.person),
            (&at("B", next), &a.target),
            (&at("C", next), "mentor"),
            (&at("D", next), "Ask for a mentor"),
            (&at("E", next), "Nobody Here"),
            (&at("F", next), "2026-12-20"),
        ],
    );
    let err = import::apply(&db, &bad, today()).unwrap_err();
    let ladder::Error::ImportRefused { problems } = &err else {
        panic!("{err}")
    };
    let expect = [
        format!("Advocacy actions!C{spare}: kind 'lunch' is not one of"),
        format!("Advocacy actions!E{next}: Nobody Here is not an advocate of this assessment"),
    ];
    for e in &expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e.as_str())),
            "{e} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    assert_eq!(readiness_state(&db), state, "nothing written");
}

/// Where a sheet's column is, by its header: its index in the rows calamine reads and its
/// letter.
fn column_of(bytes: &[u8], sheet: &str, header: &str) -> (usize, String) {
    let r = range(bytes, sheet);
    let at = r
        .rows()
        .find_map(|row| row.iter().position(|h| h.get_string() == Some(header)))
        .unwrap_or_else(|| panic!("{sheet} has a column {header}"));
    let first = r.start().unwrap().1 as usize;
    (at, column_number_to_name((first + at) as u16))
}

#[test]
fn a_done_date_a_last_contact_or_a_decision_after_today_is_refused_at_its_cell() {
    let db = demo_db();
    let day_after = today().succ_opt().unwrap();

    // The plan: an activity not yet done, marked done tomorrow.
    let plan = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let (done, done_letter) = column_of(&plan, "Plan", "Done on");
    let (id, _) = column_of(&plan, "Plan", "Activity id");
    let row = row_of(&plan, "Plan", |r| {
        // A row with an activity's id (a UUID, not the header) and no done date.
        r[id].to_string().len() == 36 && r[done].is_empty()
    });
    let before = plan_state(&db);
    let cell = format!("{done_letter}{row}");
    let edited = type_into(&plan, "Plan", &[(&cell, "2026-11-24")]);
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        [format!("Plan!{cell}: completed on 2026-11-24 is after today (2026-11-23); an activity is marked done once it is done")]
    );
    assert_eq!(plan_state(&db), before, "nothing changed");
    let preview = import::apply(&db, &edited, day_after).unwrap();
    assert_eq!(
        preview.changed.len(),
        1,
        "taken once the day has come: {preview:?}"
    );

    // Read back on an earlier day (a clock set back), the date now stored is kept.
    let plan = export::workbook(&db, Kind::Plan, &Fill::Team, day_after).unwrap();
    let preview = import::apply(&db, &plan, today()).unwrap();
    assert!(preview.is_empty(), "{preview:?}");

    // The readiness workbook: an advocate's last contact, tomorrow.
    let readiness = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let adv = &tom_latest(&db).advocates.advocates[0];
    let row = row_with(&readiness, "Advocates", &[&adv.id]);
    let cell = format!(
        "{}{row}",
        column_of(&readiness, "Advocates", "Last contact").1
    );
    let before = readiness_state(&db);
    let edited = type_into(&readiness, "Advocates", &[(&cell, "2026-11-24")]);
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        [format!("Advocates!{cell}: last contact on 2026-11-24 is after today (2026-11-23); a contact is recorded once it has taken place")]
    );
    assert_eq!(readiness_state(&db), before, "nothing changed");

    // A verdict decided tomorrow, or before the assessment it decides.
    let a = tom_latest(&db);
    let row = row_with(&readiness, "Verdict", &[&a.id]);
    let at = |header| format!("{}{row}", column_of(&readiness, "Verdict", header).1);
    let day_before = a.assessed_on.pred_opt().unwrap().to_string();
    for (on, rule) in [
        (
            "2026-11-24".to_string(),
            "is after today (2026-11-23); a decision is recorded once it is made".to_string(),
        ),
        (
            day_before.clone(),
            format!(
                "is before the assessment it decides ({}); a decision follows its assessment",
                a.assessed_on
            ),
        ),
    ] {
        let edited = type_into(
            &readiness,
            "Verdict",
            &[
                (&at("Decided verdict"), a.suggestion.verdict.as_str()),
                (&at("Rationale"), "agreed with HR"),
                (&at("Decided on"), &on),
            ],
        );
        assert_eq!(
            refusals(import::apply(&db, &edited, today()).unwrap_err()),
            [format!(
                "Verdict!{}: decided on {on} {rule}",
                at("Decided on")
            )]
        );
        assert_eq!(readiness_state(&db), before, "nothing changed");
    }
}

#[test]
fn a_row_without_ids_that_repeats_a_goal_adds_its_activity_to_that_goal() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let plan = range(&bytes, "Plan");
    let at = |h: &str| column_of(&bytes, "Plan", h);
    let first: Vec<String> = plan
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let goal_id = first[at("Goal id").0].clone();
    let goals = |db: &Db| -> usize {
        plan_state(db)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_array().unwrap().len())
            .sum()
    };
    let goals_before = goals(&db);
    let count = |db: &Db| plans::get_goal(db, &goal_id).unwrap().activities.len();
    let activities_before = count(&db);

    // The goal as its rows give it, repeated in the first free row with a new activity.
    let free = plan.height() + 1;
    let cell = |h: &str| format!("{}{free}", at(h).1);
    let typed = [
        (cell("Person"), first[at("Person").0].clone()),
        (cell("Competency"), first[at("Competency").0].clone()),
        (
            cell("Goal (outcome)"),
            first[at("Goal (outcome)").0].clone(),
        ),
        (cell("Goal status"), first[at("Goal status").0].clone()),
        (cell("Phase"), "practice".to_string()),
        (cell("Activity"), "Run the next retro on my own".to_string()),
        (cell("Resource"), "Team retro".to_string()),
        (cell("Resource kind"), "event".to_string()),
        (cell("Target date"), "2026-12-20".to_string()),
    ];
    let typed: Vec<(&str, &str)> = typed
        .iter()
        .map(|(c, t)| (c.as_str(), t.as_str()))
        .collect();
    let edited = type_into(&bytes, "Plan", &typed);
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(
        preview.added.iter().map(|c| c.record).collect::<Vec<_>>(),
        ["activity"],
        "no second goal: {preview:?}"
    );
    assert_eq!(count(&db), activities_before + 1);
    assert_eq!(goals(&db), goals_before);
}

#[test]
fn a_new_goal_on_a_retired_competency_is_refused_at_its_cell_before_anything_is_applied() {
    use ladder::competencies;
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let plan = range(&bytes, "Plan");
    let at = |h: &str| column_of(&bytes, "Plan", h).1;
    let retired = competencies::resolve(&db, "Customer focus").unwrap();
    competencies::retire(&db, &retired.id).unwrap();
    let free = plan.height() + 1;
    let typed = [
        (format!("{}{free}", at("Person")), "Tom Okafor"),
        (format!("{}{free}", at("Competency")), "Customer focus"),
        (
            format!("{}{free}", at("Goal (outcome)")),
            "Run the customer interviews for the rota",
        ),
        (format!("{}{free}", at("Goal status")), "open"),
    ];
    let typed: Vec<(&str, &str)> = typed.iter().map(|(c, t)| (c.as_str(), *t)).collect();
    let edited = type_into(&bytes, "Plan", &typed);
    let want = [format!(
        "Plan!{}{free}: competency Customer focus is retired; pick one from the library",
        at("Competency")
    )];
    // The preview says so, as applying does; nothing is written.
    assert_eq!(
        refusals(import::preview(&db, &edited, today()).unwrap_err()),
        want
    );
    let before = plan_state(&db);
    assert_eq!(
        refusals(import::apply(&db, &edited, today()).unwrap_err()),
        want
    );
    assert_eq!(plan_state(&db), before);
}

#[test]
fn a_head_count_typed_for_a_person_is_refused_not_dropped() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let row = row_of(&bytes, "ADKAR scores", |r| r[1] == "Tom Okafor");
    let people = format!("{}{row}", column_of(&bytes, "ADKAR scores", "People").1);
    let edited = type_into(&bytes, "ADKAR scores", &[(&people, "3")]);
    assert_eq!(
        refusals(import::preview(&db, &edited, today()).unwrap_err()),
        [format!(
            "ADKAR scores!{people}: Tom Okafor is a person, counted as 1, not 3; a head count is for groups"
        )]
    );
}

#[test]
fn a_change_workbook_naming_someone_archived_since_reads_back_and_edits_apply() {
    let db = demo_db();
    // Sofia owns the demo change, an action of its plan and a RACI part.
    let sofia = people::resolve(&db, "Sofia Alvarez").unwrap();
    people::archive(&db, &sofia.id).unwrap();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let preview = import::preview(&db, &bytes, today()).unwrap();
    assert!(preview.is_empty(), "read back as it was: {preview:?}");

    let row = row_with(&bytes, "Register", &["On-call redesign"]);
    let cell = format!("{}{row}", column_of(&bytes, "Register", "Description").1);
    let edited = type_into(
        &bytes,
        "Register",
        &[(&cell, "One rota for Platform and Payments")],
    );
    let preview = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(preview.changed.len(), 1, "{preview:?}");

    // Giving her a new part is refused at its cell, as the app refuses it.
    let owner = format!("{}{row}", column_of(&bytes, "Register", "Owner").1);
    let marcus = people::resolve(&db, "Marcus Chen").unwrap();
    people::archive(&db, &marcus.id).unwrap();
    let edited = type_into(&bytes, "Register", &[(&owner, "Marcus Chen")]);
    let problems = refusals(import::apply(&db, &edited, today()).unwrap_err());
    assert_eq!(
        problems,
        [format!("Register!{owner}: Marcus Chen is archived; restore them to give them a part in a change")]
    );
}

#[test]
fn a_goal_moved_to_another_person_in_the_file_is_refused_at_the_person_cell() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let plan = range(&bytes, "Plan");
    let at = |h: &str| column_of(&bytes, "Plan", h);
    let rows: Vec<Vec<String>> = plan
        .rows()
        .skip(1)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // A person with two goals: every row of the first moved to someone else, whose own
    // rows stay in the file, as do the rows of the person's other goal. Each moved row
    // is refused at its Person cell.
    let (p, g) = (at("Person").0, at("Goal id").0);
    let first = rows
        .iter()
        .find(|x| rows.iter().any(|r| r[p] == x[p] && r[g] != x[g]))
        .expect("someone with two goals");
    let (owner, goal) = (&first[p], &first[g]);
    let other = rows
        .iter()
        .map(|r| &r[at("Person").0])
        .find(|p| *p != owner)
        .unwrap();
    let cells: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| &r[at("Goal id").0] == goal)
        .map(|(i, _)| format!("{}{}", at("Person").1, i + 2))
        .collect();
    let typed: Vec<(&str, &str)> = cells.iter().map(|c| (c.as_str(), other.as_str())).collect();
    let before = plan_state(&db);
    let problems =
        refusals(import::apply(&db, &type_into(&bytes, "Plan", &typed), today()).unwrap_err());
    assert_eq!(
        problems,
        cells
            .iter()
            .map(|c| format!(
                "Plan!{c}: this goal belongs to someone else; a goal cannot move to another person"
            ))
            .collect::<Vec<_>>()
    );
    assert_eq!(plan_state(&db), before, "nothing changed");
}

#[test]
fn a_cell_excel_shows_as_an_error_is_refused_at_its_cell_and_clears_nothing() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Readiness, &Fill::Team, today()).unwrap();
    let a = tom_latest(&db);
    let skill = &a.skills.items[0];
    let row = row_with(&bytes, "Skills", &[&skill.id]);
    let cell = format!("{}{row}", column_of(&bytes, "Skills", "Notes").1);
    // "-follow up with HR" typed into Excel becomes a formula that shows #NAME?.
    let edited = put_cells(
        &bytes,
        "Skills",
        &[(
            &cell,
            format!("<c r=\"{cell}\" t=\"e\"><f>-follow up with HR</f><v>#NAME?</v></c>"),
        )],
    );
    let before = readiness_state(&db);
    let problems = refusals(import::apply(&db, &edited, today()).unwrap_err());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!(
            "Skills!{cell}: the cell shows #NAME?, not a value"
        )),
        "{problems:#?}"
    );
    assert_eq!(readiness_state(&db), before, "the notes stay as they were");
}

/// Lets the clock pass the millisecond a workbook was exported in, so a change made next
/// is stamped after it, as one made by a person is.
fn after_the_export() {
    std::thread::sleep(std::time::Duration::from_millis(2));
}

#[test]
fn an_older_export_does_not_put_back_what_was_changed_in_ladder_since() {
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let open = ladder::profile::visible_ids(&db)
        .unwrap()
        .iter()
        .flat_map(|id| plans::plan(&db, id).unwrap())
        .flat_map(|g| g.activities)
        .find(|a| a.completed_on.is_none())
        .unwrap();
    after_the_export();
    plans::complete_activity(&db, &open.id, today(), today()).unwrap();
    let before = plan_state(&db);

    // The file, untouched, still says not done: importing it would reopen the activity.
    let row = row_of(&bytes, "Plan", |r| {
        r.iter().any(|c| c.to_string() == open.id)
    });
    let problems = refusals(import::preview(&db, &bytes, today()).unwrap_err());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Plan!")
            && problems[0].contains(&row.to_string())
            && problems[0]
                .contains("this activity was edited in Ladder after this workbook was exported"),
        "{problems:?}"
    );
    refusals(import::apply(&db, &bytes, today()).unwrap_err());
    assert_eq!(plan_state(&db), before, "the activity stays done");

    // A workbook exported since holds the change: an edit in it imports.
    let fresh = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    let old = "Present the sprint demo at the team huddle";
    let strings = part(&fresh, "xl/sharedStrings.xml").replace(old, "Present at the all-hands");
    let edited = with_parts(&fresh, &[("xl/sharedStrings.xml", strings.into_bytes())]);
    assert_eq!(
        import::apply(&db, &edited, today()).unwrap().changed.len(),
        1
    );
}

#[test]
fn an_older_change_workbook_does_not_undo_an_action_or_a_head_count_changed_since() {
    use ladder::change::{self, ActionStatus, ChangeActionPatch};
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let (action, group) = change::list(&db)
        .unwrap()
        .iter()
        .find_map(|ch| {
            let action = change::phase_plan(&db, &ch.id)
                .unwrap()
                .actions
                .into_iter()
                .find(|a| a.status != ActionStatus::Done)?;
            let group = ch
                .stakeholders
                .iter()
                .find(|s| s.person_id.is_none())?
                .clone();
            Some((action, group))
        })
        .unwrap();
    after_the_export();
    change::edit_action(
        &db,
        &action.id,
        ChangeActionPatch {
            status: Some(ActionStatus::Done),
            ..Default::default()
        },
    )
    .unwrap();
    change::stakeholders::set_head_count(&db, &group.id, group.head_count + 1).unwrap();
    let before = change_state(&db);

    let problems = refusals(import::preview(&db, &bytes, today()).unwrap_err());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("this change action was edited in Ladder"))
            && problems
                .iter()
                .any(|p| p.contains("this stakeholder's change was edited in Ladder")),
        "{problems:?}"
    );
    refusals(import::apply(&db, &bytes, today()).unwrap_err());
    assert_eq!(
        change_state(&db),
        before,
        "the action stays done, the head count stays"
    );
}

#[test]
fn an_import_keeps_a_backup_from_just_before_it_and_restoring_that_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.db");
    let db = Db::open(&path).unwrap();
    demo::load(&db, today()).unwrap();
    let bytes = export::workbook(&db, Kind::Plan, &Fill::Team, today()).unwrap();
    // Nothing to write, nothing to back up.
    let unchanged = import::apply(&db, &bytes, today()).unwrap();
    assert!(unchanged.is_empty() && unchanged.backup.is_none());

    let before = plan_state(&db);
    let old = "Present the sprint demo at the team huddle";
    let strings = part(&bytes, "xl/sharedStrings.xml").replace(old, "Present at the all-hands");
    let edited = with_parts(&bytes, &[("xl/sharedStrings.xml", strings.into_bytes())]);
    let applied = import::apply(&db, &edited, today()).unwrap();
    assert_eq!(applied.changed.len(), 1);
    let taken = applied.backup.clone().expect("a backup before the import");
    assert_eq!(taken.reason, ladder::backup::Reason::Import);
    assert_ne!(plan_state(&db), before);
    assert_eq!(
        serde_json::to_value(&applied).unwrap()["backup"]["path"],
        taken.path.to_string_lossy().as_ref(),
        "the app and `--json` are given the file that undoes it"
    );

    drop(db);
    ladder::backup::restore(&path, &taken.path).unwrap();
    assert_eq!(
        plan_state(&Db::open(&path).unwrap()),
        before,
        "as before the import"
    );
}

#[test]
fn a_stakeholder_taken_out_of_the_register_list_is_reported_and_kept() {
    use ladder::change;
    let db = demo_db();
    let bytes = export::workbook(&db, Kind::Change, &Fill::Team, today()).unwrap();
    let register = range(&bytes, "Register");
    let header: Vec<String> = register
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = header.iter().position(|h| h == "Stakeholders").unwrap();
    let (row, cell) = register
        .rows()
        .enumerate()
        .skip(1)
        .find_map(|(i, r)| {
            let text = r[column].to_string();
            text.contains("; ").then_some((i + 1, text))
        })
        .unwrap();
    let (gone, kept) = cell.split_once("; ").unwrap();
    let at = format!("{}{row}", column_number_to_name(column as u16));
    let edited = type_into(&bytes, "Register", &[(&at, kept)]);
    let before = change_state(&db);

    let preview = import::preview(&db, &edited, today()).unwrap();
    assert!(
        preview.missing.iter().any(|m| m.record == "stakeholder"
            && m.summary
                .ends_with(&format!("{gone}, not in the Register's Stakeholders"))),
        "{:?}",
        preview.missing
    );
    import::apply(&db, &edited, today()).unwrap();
    assert_eq!(change_state(&db), before, "never deleted");
    assert!(change::list(&db)
        .unwrap()
        .iter()
        .any(|ch| ch.stakeholders.iter().any(|s| s.name == gone)));
}

#[test]
fn a_meeting_held_since_its_export_takes_its_notes_but_an_action_item_edited_since_is_refused() {
    use ladder::meetings::{self, ActionPatch};
    let db = demo_db();
    let priya = people::resolve(&db, "Priya").unwrap();
    let scheduled = meetings::next_scheduled(&db, &priya.id).unwrap().unwrap();
    let bytes = export::workbook(&db, Kind::Meeting, &Fill::Team, today()).unwrap();
    after_the_export();
    // Recorded as held in Ladder while the notes were typed in the file.
    let on = scheduled.held_on_by_default(today());
    meetings::hold(&db, &scheduled.id, on, None, today()).unwrap();
    let row = row_of(&bytes, "Notes", |r| {
        r[0] == "Priya Raman" && r[2] == "Long-term career goals"
    });
    let noted = type_into(
        &bytes,
        "Notes",
        &[(&format!("E{row}"), "Staff role by 2028")],
    );
    assert_eq!(
        import::apply(&db, &noted, today()).unwrap().changed.len(),
        1
    );

    // An action item edited in Ladder since: the file would put its old text back.
    let actions = range(&bytes, "Action items");
    let item = actions
        .rows()
        .skip(1)
        .find(|r| r[4] == "open" && !r[5].to_string().is_empty())
        .map(|r| r[5].to_string())
        .unwrap();
    meetings::edit_action(
        &db,
        &item,
        ActionPatch {
            description: Some("Shadow Aisha at the design review".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let problems = refusals(import::preview(&db, &noted, today()).unwrap_err());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Action items!")
            && problems[0].contains("this action item was edited in Ladder"),
        "{problems:?}"
    );
}

#[test]
fn an_older_workbook_does_not_write_back_the_name_of_someone_erased_since() {
    use ladder::meetings::{self, ActionOwner, NewAction};
    let db = demo_db();
    let guest = newcomer(&db, "Quinn Abara");
    let priya = people::resolve(&db, "Priya").unwrap();
    let scheduled = meetings::next_scheduled(&db, &priya.id).unwrap().unwrap();
    meetings::add_action(
        &db,
        &scheduled.id,
        NewAction {
            description: "Pair with Quinn Abara on the rota".into(),
            owner: ActionOwner::Associate,
            due_date: None,
        },
    )
    .unwrap();
    let bytes =
        export::workbook(&db, Kind::Meeting, &Fill::Person(priya.id.clone()), today()).unwrap();
    after_the_export();
    ladder::privacy::erase(&db, &guest.id).unwrap();

    // The file still names them; Ladder says "former associate" now.
    let problems = refusals(import::preview(&db, &bytes, today()).unwrap_err());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Action items!")
            && problems[0].contains("this action item was edited in Ladder"),
        "{problems:?}"
    );
}
