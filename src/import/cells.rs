//! Reading a sheet as a table: columns found by their header, values read with the cell
//! they came from, so that every problem is reported as `Sheet!Cell: rule`.

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::{Duration, NaiveDate};

use crate::validate;

/// A sheet whose first row holds headers.
pub struct SheetTable<'a> {
    pub name: &'a str,
    range: &'a Range<Data>,
    columns: HashMap<String, usize>,
}

/// A problem found while reading, already in `Sheet!Cell: rule` form.
pub type Problem = String;

impl<'a> SheetTable<'a> {
    /// Finds the header row and the columns; every name in `required` must be present.
    pub fn new(
        name: &'a str,
        range: &'a Range<Data>,
        required: &[&str],
    ) -> Result<Self, Vec<Problem>> {
        let mut columns = HashMap::default();
        for c in 0..range.width() {
            if let Some(Data::String(h)) = range.get((0, c)) {
                columns.insert(h.trim().to_string(), c);
            }
        }
        let missing: Vec<Problem> = required
            .iter()
            .filter(|h| !columns.contains_key(**h))
            .map(|h| {
                format!("{name}!1: the column \"{h}\" is missing; keep the headers of the template")
            })
            .collect();
        if !missing.is_empty()
            || range.start() != Some((0, 0)) && range.height() > 0 && columns.is_empty()
        {
            return Err(if missing.is_empty() {
                vec![format!("{name}!A1: the table must start at cell A1")]
            } else {
                missing
            });
        }
        let table = SheetTable {
            name,
            range,
            columns,
        };
        let broken = table.error_cells();
        if broken.is_empty() {
            Ok(table)
        } else {
            Err(broken)
        }
    }

    /// Cells that show an error (#NAME?, #REF!…) instead of a value. Read as empty they
    /// would clear what is stored, or drop a row unseen; Excel shows one when text typed
    /// with a leading =, + or - was taken for a formula, or when a formula lost its cells.
    fn error_cells(&self) -> Vec<Problem> {
        let mut headed: Vec<(&String, usize)> = self.columns.iter().map(|(h, &c)| (h, c)).collect();
        headed.sort_by_key(|&(_, c)| c);
        let mut problems = Vec::new();
        for row in self.rows() {
            for &(header, c) in &headed {
                if let Some(Data::Error(e)) = self.range.get((row, c)) {
                    problems.push(format!(
                        "{}: the cell shows {e}, not a value (Excel reads text that starts with =, + or - as a formula); type it again as text, or fix the formula",
                        self.cell(row, header)
                    ));
                }
            }
        }
        problems
    }

    /// Data rows (0-based positions in the range, after the header).
    pub fn rows(&self) -> impl Iterator<Item = usize> {
        1..self.range.height()
    }

    /// The ids a column holds, in lower case. A row without an id that an earlier import
    /// of this same file added is matched to the record it added, among those no row
    /// names by id: the file has no id in that row until it is exported again.
    pub fn ids(&self, header: &str) -> HashSet<String> {
        self.rows()
            .map(|row| self.text(row, header).to_lowercase())
            .filter(|id| !id.is_empty())
            .collect()
    }

    /// `Sheet!B7` for a row and a column header.
    pub fn cell(&self, row: usize, header: &str) -> String {
        let (r0, c0) = self.range.start().unwrap_or((0, 0));
        let col = self.columns.get(header).copied().unwrap_or(0) as u32 + c0;
        format!("{}!{}{}", self.name, column_name(col), row as u32 + r0 + 1)
    }

    fn data(&self, row: usize, header: &str) -> Option<&Data> {
        self.columns
            .get(header)
            .and_then(|&c| self.range.get((row, c)))
    }

    /// The text of a cell, trimmed; numbers and dates as they would be typed.
    pub fn text(&self, row: usize, header: &str) -> String {
        match self.data(row, header) {
            None | Some(Data::Empty) => String::new(),
            // Refused when the sheet was read (`error_cells`).
            Some(Data::Error(_)) => String::new(),
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => {
                s.trim().to_string()
            }
            Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Bool(b)) => b.to_string(),
            // Typed into a text column, "10:30" or "23/11/2026 10:30" becomes a date-time
            // in Excel: read back as it was shown, not as the day alone (or 1899-12-30).
            Some(Data::DateTime(d)) => match d.as_datetime() {
                Some(t) if d.as_f64() < 1.0 => t.time().format("%H:%M").to_string(),
                Some(t) if t.time() != chrono::NaiveTime::MIN => {
                    t.format("%Y-%m-%d %H:%M").to_string()
                }
                Some(t) => t.date().to_string(),
                None => String::new(),
            },
        }
    }

    /// True when the cell holds nothing.
    pub fn is_empty(&self, row: usize, header: &str) -> bool {
        self.text(row, header).is_empty()
    }

    /// A date cell: a real date, an Excel serial number, or text `YYYY-MM-DD`.
    pub fn date(
        &self,
        row: usize,
        header: &str,
        field: &'static str,
    ) -> Result<Option<NaiveDate>, Problem> {
        let at = || self.cell(row, header);
        match self.data(row, header) {
            None | Some(Data::Empty) => Ok(None),
            Some(Data::DateTime(d)) => d
                .as_datetime()
                .ok_or_else(|| format!("{}: {} is not a date", at(), validate::label(field)))
                .and_then(|d| {
                    validate::in_years(field, d.date())
                        .map(Some)
                        .map_err(|e| format!("{}: {e}", at()))
                }),
            Some(Data::Float(f)) if (1.0..2_958_466.0).contains(f) => {
                let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
                validate::in_years(field, epoch + Duration::days(f.trunc() as i64))
                    .map(Some)
                    .map_err(|e| format!("{}: {e}", at()))
            }
            Some(Data::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) => {
                // A date and time as ISO text ("2026-11-23T00:00:00") is read for its day;
                // anything else is read, and echoed in an error, whole.
                let typed = s.trim();
                let day = match typed.get(..10) {
                    Some(day) if matches!(typed.as_bytes().get(10), Some(b'T' | b' ')) => day,
                    _ => typed,
                };
                validate::date(field, day)
                    .map(Some)
                    .map_err(|e| format!("{}: {e}", at()))
            }
            Some(other) => Err(format!(
                "{}: {} {other} is not a date (YYYY-MM-DD)",
                at(),
                validate::label(field)
            )),
        }
    }
}

/// `0 → A`, `27 → AB`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cell_is_read_as_text_or_as_excel_keeps_it_within_the_years_ladder_keeps() {
        let cells = [
            Data::String("Due".into()),
            Data::Float(46_349.0),
            Data::String("2026-11-23".into()),
            Data::Float(1.0),
            Data::String("1826-03-02".into()),
            Data::Float(410_000.0),
            Data::String("2026-11-23T00:00:00".into()),
            Data::String("15 Dec 2026".into()),
        ];
        let mut range = Range::new((0, 0), (cells.len() as u32 - 1, 0));
        for (row, value) in cells.into_iter().enumerate() {
            range.set_value((row as u32, 0), value);
        }
        let sheet = SheetTable::new("Plan", &range, &["Due"]).unwrap();
        let read: Vec<_> = sheet
            .rows()
            .map(|r| sheet.date(r, "Due", "target_date"))
            .collect();
        let day = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(read[0], day(2026, 11, 23), "a date Excel keeps as a number");
        assert_eq!(read[1], day(2026, 11, 23));
        assert_eq!(
            read[2],
            Err("Plan!A4: target date 1899-12-31 is outside the years 1900–2100".to_string())
        );
        assert_eq!(
            read[3],
            Err("Plan!A5: target date 1826-03-02 is outside the years 1900–2100".to_string())
        );
        assert_eq!(
            read[4],
            Err("Plan!A6: target date 3022-07-16 is outside the years 1900–2100".to_string())
        );
        assert_eq!(
            read[5],
            day(2026, 11, 23),
            "an ISO date and time, for its day"
        );
        // What was typed is echoed whole, not cut to ten characters ("15 Dec 202").
        assert_eq!(
            read[6],
            Err("Plan!A8: target date 15 Dec 2026 is not a date (YYYY-MM-DD)".to_string())
        );
    }

    #[test]
    fn a_cell_showing_an_error_is_refused_and_a_time_is_read_as_shown() {
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let at = |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        let cells = [
            [Data::String("Notes".into()), Data::String("Skill".into())],
            [
                Data::Error(CellErrorType::Name),
                Data::String("Budgets".into()),
            ],
            [at(0.4375), at(46_349.437_5)],
            [at(46_349.0), Data::Error(CellErrorType::Ref)],
        ];
        let mut range = Range::new((0, 0), (3, 1));
        for (row, values) in cells.iter().enumerate() {
            for (col, v) in values.iter().enumerate() {
                range.set_value((row as u32, col as u32), v.clone());
            }
        }
        let err = SheetTable::new("Skills", &range, &["Notes", "Skill"])
            .err()
            .expect("refused");
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(
            err[0].starts_with("Skills!A2: the cell shows #NAME?, not a value"),
            "{err:?}"
        );
        assert!(
            err[1].starts_with("Skills!B4: the cell shows #REF!, not a value"),
            "{err:?}"
        );

        range.set_value((1, 0), Data::String("ok".into()));
        range.set_value((3, 1), Data::Empty);
        let sheet = SheetTable::new("Skills", &range, &["Notes", "Skill"]).unwrap();
        assert_eq!(sheet.text(2, "Notes"), "10:30");
        assert_eq!(sheet.text(2, "Skill"), "2026-11-23 10:30");
        assert_eq!(sheet.text(3, "Notes"), "2026-11-23");
    }

    #[test]
    fn column_names() {
        assert_eq!(super::column_name(0), "A");
        assert_eq!(super::column_name(25), "Z");
        assert_eq!(super::column_name(26), "AA");
        assert_eq!(super::column_name(16_383), "XFD");
    }
}
