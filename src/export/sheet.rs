//! What every Ladder workbook shares: formats (made once, reused), the Instructions sheet,
//! the hidden Lists sheet behind drop-downs, data sheets as Excel tables with validation,
//! frozen headers, print settings, protection that leaves only input cells editable, and
//! document properties. User text is always written as a string, never as a formula.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Table,
    TableColumn, TableStyle, Workbook, Worksheet, XlsxError,
};

use crate::{validate, Error, Result};

/// Empty input rows added below the data of every table: tables in a protected sheet
/// cannot grow, so room to add by hand is made in advance.
pub const SPARE_ROWS: u32 = 100;

/// The colour used for what is overdue or below a threshold.
pub const ALERT_FILL: u32 = 0xF8D7DA;
pub const ALERT_TEXT: u32 = 0x842029;
/// The colour used for what is on its way but not there yet.
pub const WARN_FILL: u32 = 0xFFF3CD;
pub const WARN_TEXT: u32 = 0x664D03;

/// Formats created once per workbook.
pub struct Formats {
    pub header: Format,
    pub text: Format,
    pub wrap: Format,
    pub date: Format,
    pub number: Format,
    pub id: Format,
    pub title: Format,
    pub heading: Format,
    pub plain: Format,
    pub locked_text: Format,
    pub locked_date: Format,
    pub locked_number: Format,
    pub alert: Format,
    pub warn: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x1F3A5F))
                .set_font_color(Color::White)
                .set_border_bottom(FormatBorder::Thin),
            text: base.clone().set_unlocked(),
            wrap: base.clone().set_unlocked().set_text_wrap(),
            date: base.clone().set_unlocked().set_num_format("yyyy-mm-dd"),
            number: base.clone().set_unlocked().set_align(FormatAlign::Center),
            id: base.clone().set_hidden().set_font_color(Color::Gray),
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            plain: base.clone().set_text_wrap(),
            locked_date: base.clone().set_num_format("yyyy-mm-dd"),
            locked_number: base.clone().set_align(FormatAlign::Center),
            locked_text: base,
            alert: Format::new()
                .set_background_color(Color::RGB(ALERT_FILL))
                .set_font_color(Color::RGB(ALERT_TEXT)),
            warn: Format::new()
                .set_background_color(Color::RGB(WARN_FILL))
                .set_font_color(Color::RGB(WARN_TEXT)),
        }
    }
}

/// Turns a writer error into Ladder's error.
pub fn xlsx(e: XlsxError) -> Error {
    Error::Io {
        context: "writing the workbook".into(),
        source: std::io::Error::other(e),
    }
}

/// Title, subject and author of the file.
pub fn properties(wb: &mut Workbook, title: &str, subject: &str, today: NaiveDate) -> Result<()> {
    let props = DocProperties::new()
        .set_title(title)
        .set_subject(subject)
        .set_author("Ladder")
        .set_company("Ladder")
        .set_keywords("development, Ladder")
        .set_creation_datetime(&today);
    wb.set_properties(&props);
    Ok(())
}

/// The workbook's defined name holding the instant its records were read from Ladder: an
/// import refuses a row whose record changed in Ladder after it (`import::stale`), which
/// would otherwise put back what the file read.
pub const READ_AT: &str = "LadderReadAt";

/// [`properties`] of a workbook that imports back, and, when it is filled, the instant its
/// records were read ([`READ_AT`]).
pub(crate) fn importable(
    wb: &mut Workbook,
    title: &str,
    subject: &str,
    input: &super::Input,
) -> Result<()> {
    properties(wb, title, subject, input.today)?;
    if !input.blank {
        wb.define_name(READ_AT, &format!("=\"{}\"", input.read_at))
            .map_err(xlsx)?;
    }
    Ok(())
}

/// The first sheet of every workbook: what it is and how to fill it in, in plain words.
/// `imports` says whether `ladder import` reads the workbook back.
pub fn instructions(
    wb: &mut Workbook,
    f: &Formats,
    title: &str,
    paragraphs: &[&str],
    imports: bool,
) -> Result<()> {
    let common = [
        "Fill in only the white cells; headers and the hidden id columns are protected so each row stays matched to its record in Ladder. The sheets are protected without a password: Review > Unprotect Sheet if you really need to.",
        "Drop-downs list every allowed choice. Dates are checked; type them as YYYY-MM-DD.",
        "Each table has empty rows ready at the bottom for new entries. Leave a row you do not need empty.",
        if imports {
            "Import the file in the Ladder app (Export / Import, then “Choose a workbook…”), which shows what would change before you apply it, or with `ladder import FILE --dry-run` and then `ladder import FILE`. Nothing is written unless every row is valid, and a row you deleted here is reported, never deleted in Ladder. A row whose record was changed in Ladder after this file was exported is refused: export again and make the edit in the new file."
        } else {
            "Ladder does not import this workbook back: it is for preparing, discussing and printing. Record changes in Ladder itself."
        },
    ];
    let all: Vec<&str> = paragraphs.iter().chain(common.iter()).copied().collect();
    read_only_instructions(wb, f, title, &all)
}

/// The first sheet of a workbook that is read, not filled in: only these paragraphs.
pub fn read_only_instructions(
    wb: &mut Workbook,
    f: &Formats,
    title: &str,
    paragraphs: &[&str],
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Instructions").map_err(xlsx)?;
    ws.set_column_width(0, 100).map_err(xlsx)?;
    ws.write_string_with_format(0, 0, title, &f.title)
        .map_err(xlsx)?;
    for (row, p) in (2..).zip(paragraphs.iter()) {
        ws.write_string_with_format(row, 0, *p, &f.plain)
            .map_err(xlsx)?;
        ws.set_row_height(row, row_height(&[(p, 100.0)]))
            .map_err(xlsx)?;
    }
    print_setup(ws, false);
    ws.set_landscape();
    Ok(())
}

/// A hidden sheet holding the lists behind drop-downs (people, competencies...). Returns,
/// for each list, the formula a validation uses to refer to it.
pub fn lists(wb: &mut Workbook, lists: &[(&str, Vec<String>)]) -> Result<Vec<String>> {
    let ws = wb.add_worksheet();
    ws.set_name("Lists").map_err(xlsx)?;
    let mut refs = Vec::new();
    for (col, (name, values)) in lists.iter().enumerate() {
        let col = col as u16;
        ws.write_string(0, col, *name).map_err(xlsx)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_string(i as u32 + 1, col, v).map_err(xlsx)?;
        }
        let letter = rust_xlsxwriter::utility::column_number_to_name(col);
        let last = values.len().max(1) + 1;
        refs.push(format!("=Lists!${letter}$2:${letter}${last}"));
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(refs)
}

/// What a column of a data table holds.
pub enum Kind {
    /// Free text.
    Text,
    /// Longer free text, wrapped.
    Wrap,
    /// A date checked by validation.
    Date,
    /// One of fixed codes, offered as a drop-down.
    Choice(&'static [&'static str]),
    /// One of the values of a list on the Lists sheet (its formula).
    List(String),
    /// One of the values of a column of another data sheet (its formula): a value typed
    /// there can be picked here, in the same file.
    ListFrom(String),
    /// A whole number in a range.
    Score(i32, i32),
    /// A number from 1 to 5 with at most one decimal (ADKAR scores).
    Decimal,
    /// Computed by this formula in every row, data and spare alike, so a sheet filled by
    /// hand computes it too; `{row}` stands for the row's number. Locked. A data row's
    /// text cell holds the value Ladder computed, for readers that do not recalculate.
    Formula(String),
    /// A record id: locked and hidden.
    Id,
}

/// One column of a data table.
pub struct Column {
    pub header: String,
    pub width: f64,
    pub kind: Kind,
    /// The message shown when the cell is selected.
    pub help: &'static str,
    /// False for columns Ladder fills and the user reads (labels, prompts, views).
    pub editable: bool,
}

impl Column {
    pub fn new(header: impl Into<String>, width: f64, kind: Kind, help: &'static str) -> Self {
        Column {
            header: header.into(),
            width,
            kind,
            help,
            editable: true,
        }
    }

    /// A column shown to read, not to fill in: locked, without a drop-down.
    pub fn locked(mut self) -> Self {
        self.editable = false;
        self
    }
}

/// A value to write in a data cell.
#[derive(Clone)]
pub enum Cell {
    Text(String),
    Date(Option<NaiveDate>),
    Number(Option<f64>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// Writes a data sheet: an Excel table with a header row, `rows` of data and `spare`
/// empty input rows ([`SPARE_ROWS`] for input tables, 0 for views), drop-downs and checks
/// per editable column, frozen header, print settings, hidden id columns, and protection
/// that leaves only editable cells open. Returns the last row of the table (0-based).
pub fn table(
    ws: &mut Worksheet,
    f: &Formats,
    name: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
    spare: u32,
) -> Result<u32> {
    let rows = rows.iter().cloned().map(Ok);
    table_streamed(ws, f, name, columns, rows.len(), rows, spare)
}

/// Highlights each row of a table (header on row 0, rows 1 to `last`) that is overdue: its
/// `due` column holds a date before today while every one of `open` holds (Excel
/// conditions on the row, each given with the header of the column it is on, where `{}`
/// stands for that column's cell: `(col::STATUS, "{}=\"open\"")`).
/// A formula, so it keeps working as the days pass in Excel.
pub fn overdue_rows(
    ws: &mut Worksheet,
    f: &Formats,
    columns: &[Column],
    last: u32,
    due: &str,
    open: &[(&str, &str)],
) -> Result<()> {
    let cell = |header: &str| {
        let i = columns
            .iter()
            .position(|c| c.header == header)
            .expect("an overdue rule names a column of its table");
        format!(
            "${}2",
            rust_xlsxwriter::utility::column_number_to_name(i as u16)
        )
    };
    let due = cell(due);
    let mut conditions: Vec<String> = open
        .iter()
        .map(|(header, condition)| condition.replace("{}", &cell(header)))
        .collect();
    conditions.push(format!("{due}<>\"\""));
    conditions.push(format!("{due}<TODAY()"));
    let rule = ConditionalFormatFormula::new()
        .set_rule(format!("=AND({})", conditions.join(",")).as_str())
        .set_format(&f.alert);
    ws.add_conditional_format(1, 0, last, columns.len() as u16 - 1, &rule)
        .map_err(xlsx)?;
    Ok(())
}

/// [`table`] with its `count` rows made one at a time as they are written (a row that
/// cannot be made stops the sheet with its error). Everything is written top to bottom
/// (the table and its header first), so `ws` may be a constant-memory worksheet, and a
/// large table is never held in memory as cells.
pub fn table_streamed(
    ws: &mut Worksheet,
    f: &Formats,
    name: &str,
    columns: &[Column],
    count: usize,
    rows: impl IntoIterator<Item = Result<Vec<Cell>>>,
    spare: u32,
) -> Result<u32> {
    // A table needs at least one row under its header.
    let last_row = (count as u32 + spare).max(1);
    // A formula with nothing to compute yet shows as empty, not as a cached 0.
    ws.set_formula_result_default("");
    let last_col = columns.len() as u16 - 1;
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, col.width).map_err(xlsx)?;
        // The column carries its cells' format, so a data cell is written without one:
        // rust_xlsxwriter finds a cell's format by hashing the whole Format, which was a
        // fifth of a large export's time.
        ws.set_column_format(c, cell_format(f, col)).map_err(xlsx)?;
        if matches!(col.kind, Kind::Id) {
            ws.set_column_hidden(c).map_err(xlsx)?;
        }
    }
    let table_columns: Vec<TableColumn> = columns
        .iter()
        .map(|c| {
            TableColumn::new()
                .set_header(&c.header)
                .set_header_format(&f.header)
        })
        .collect();
    let table = Table::new()
        .set_name(name)
        .set_style(TableStyle::Light9)
        .set_columns(&table_columns);
    ws.add_table(0, 0, last_row, last_col, &table)
        .map_err(xlsx)?;
    for (r, row) in (1..=count as u32).zip(rows) {
        let row = row?;
        let wrapped: Vec<(&str, f64)> = row
            .iter()
            .zip(columns)
            .filter_map(|(cell, col)| match (cell, &col.kind) {
                (Cell::Text(t), Kind::Wrap) => Some((t.as_str(), col.width)),
                _ => None,
            })
            .collect();
        ws.set_row_height(r, row_height(&wrapped)).map_err(xlsx)?;
        for (c, (cell, col)) in row.into_iter().zip(columns).enumerate() {
            write_value(ws, f, r, c as u16, cell, col)?;
        }
    }
    // Spare rows carry the input formats so they are unlocked and dates show as dates.
    for r in count as u32 + 1..=last_row {
        for (c, col) in columns.iter().enumerate() {
            write_cell(ws, f, r, c as u16, &Cell::Text(String::new()), col)?;
        }
    }
    for (c, col) in columns.iter().enumerate().filter(|(_, col)| col.editable) {
        if let Some(v) = validation(col, c as u16)? {
            ws.add_data_validation(1, c as u16, last_row, c as u16, &v)
                .map_err(xlsx)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    ws.set_repeat_rows(0, 0).map_err(xlsx)?;
    print_setup(ws, true);
    protect(ws);
    Ok(last_row)
}

/// The height of a row holding wrapped text: spreadsheets do not grow rows written by a
/// program, so the text of the longest cell would otherwise be cut or overlap.
pub fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.1).max(8.0) as usize;
            text.split('\n')
                .map(|l| l.chars().count().div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    15.0 * lines as f64
}

fn cell_format<'a>(f: &'a Formats, col: &Column) -> &'a Format {
    match (&col.kind, col.editable) {
        (Kind::Id, _) => &f.id,
        (Kind::Formula(_), _) => &f.locked_text,
        (Kind::Date, true) => &f.date,
        (Kind::Wrap, true) => &f.wrap,
        (Kind::Score(..) | Kind::Decimal, true) => &f.number,
        (_, true) => &f.text,
        (Kind::Date, false) => &f.locked_date,
        (Kind::Wrap, false) => &f.plain,
        (Kind::Score(..) | Kind::Decimal, false) => &f.locked_number,
        (_, false) => &f.locked_text,
    }
}

fn write_cell(
    ws: &mut Worksheet,
    f: &Formats,
    r: u32,
    c: u16,
    cell: &Cell,
    col: &Column,
) -> Result<()> {
    let format = cell_format(f, col);
    if let Kind::Formula(template) = &col.kind {
        let result = match cell {
            Cell::Text(t) => t.as_str(),
            _ => "",
        };
        let formula = template.replace("{row}", &(r + 1).to_string());
        ws.write_formula_with_format(r, c, Formula::new(formula).set_result(result), format)
            .map_err(xlsx)?;
        return Ok(());
    }
    match cell {
        // Always a string: text starting with = + - @ stays text, never a formula.
        Cell::Text(s) if !s.is_empty() => ws.write_string_with_format(r, c, s, format),
        Cell::Date(Some(d)) => ws.write_datetime_with_format(r, c, d, format),
        Cell::Number(Some(n)) => ws.write_number_with_format(r, c, *n, format),
        _ => ws.write_blank(r, c, format),
    }
    .map_err(xlsx)?;
    Ok(())
}

/// A data cell in the column's own format (set on the column by [`table_streamed`]); an
/// empty cell is not written at all, since the column's format covers it.
fn write_value(
    ws: &mut Worksheet,
    f: &Formats,
    r: u32,
    c: u16,
    cell: Cell,
    col: &Column,
) -> Result<()> {
    match (cell, &col.kind) {
        (cell, Kind::Formula(_)) => return write_cell(ws, f, r, c, &cell, col),
        // Always a string: text starting with = + - @ stays text, never a formula.
        (Cell::Text(s), _) if !s.is_empty() => ws.write_string(r, c, s),
        (Cell::Date(Some(d)), _) => ws.write_datetime(r, c, d),
        (Cell::Number(Some(n)), _) => ws.write_number(r, c, n),
        _ => return Ok(()),
    }
    .map_err(xlsx)?;
    Ok(())
}

fn validation(col: &Column, column: u16) -> Result<Option<DataValidation>> {
    let v = match &col.kind {
        Kind::Text | Kind::Wrap | Kind::Id | Kind::Formula(_) => return Ok(None),
        Kind::Decimal => {
            // The cell this rule is written for; Excel shifts it for the other rows.
            let cell = format!(
                "{}2",
                rust_xlsxwriter::utility::column_number_to_name(column)
            );
            DataValidation::new()
                .allow_custom(Formula::new(format!(
                    "=AND(ISNUMBER({cell}),{cell}>=1,{cell}<=5,ROUND({cell},1)={cell})"
                )))
                .set_error_message("A score from 1 to 5 with at most one decimal (3 or 3.5).")
                .map_err(xlsx)?
        }
        // The years Ladder takes a date in, so a date Excel lets through imports.
        Kind::Date => {
            let (first, last) = (*validate::YEARS.start(), *validate::YEARS.end());
            DataValidation::new()
                .allow_date(DataValidationRule::Between(
                    // Years of four digits: they fit.
                    ExcelDateTime::from_ymd(first as u16, 1, 1).map_err(xlsx)?,
                    ExcelDateTime::from_ymd(last as u16, 12, 31).map_err(xlsx)?,
                ))
                .set_error_title("Not a date")
                .map_err(xlsx)?
                .set_error_message(format!(
                    "Type a date as YYYY-MM-DD, between {first} and {last}."
                ))
                .map_err(xlsx)?
        }
        Kind::Choice(codes) => DataValidation::new()
            .allow_list_strings(codes)
            .map_err(xlsx)?
            .set_error_message(format!("Pick one of: {}.", codes.join(", ")))
            .map_err(xlsx)?,
        Kind::List(formula) => DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_message("Pick one from the list; add new ones in Ladder first.")
            .map_err(xlsx)?,
        Kind::ListFrom(formula) => DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_message("Pick one from the list; a new one goes on its own sheet first.")
            .map_err(xlsx)?,
        Kind::Score(lo, hi) => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(*lo, *hi))
            .set_error_message(format!("A whole number from {lo} to {hi}."))
            .map_err(xlsx)?,
    };
    let v = v
        .set_input_title(&col.header)
        .map_err(xlsx)?
        .set_input_message(col.help)
        .map_err(xlsx)?;
    Ok(Some(v))
}

/// Landscape, fit to the page width, a footer with the page number.
pub fn print_setup(ws: &mut Worksheet, gridlines: bool) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4; Excel switches to Letter where that is the local default.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_gridlines(gridlines);
    ws.set_footer("&L&A&RPage &P of &N");
}

/// Protects a sheet without a password, still allowing filters, sorting and widths.
pub fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}
