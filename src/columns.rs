//! Reading columns in place, for the reads that go through every row of an organisation
//! (the team overview, the plan checks, the Dashboard): no `String` per value where a
//! borrowed one will do, and dates without chrono's general parser, which costs a sixth
//! of such a read at 10,000 people.

use chrono::{Datelike, NaiveDate};
use rusqlite::Row;

/// A value read in place from a row, its type error as rusqlite's.
pub(crate) fn sql<T>(v: rusqlite::types::FromSqlResult<T>) -> rusqlite::Result<T> {
    Ok(v?)
}

/// A `YYYY-MM-DD` date as the number YYYYMMDD, which orders the same way.
pub(crate) fn day_number(text: &[u8]) -> u32 {
    text.iter()
        .filter(|b| b.is_ascii_digit())
        .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// A date as the number [`day_number`] reads from its stored text.
pub(crate) fn date_number(d: NaiveDate) -> u32 {
    d.year() as u32 * 10_000 + d.month() * 100 + d.day()
}

/// A date column, `YYYY-MM-DD` read directly; anything else goes through rusqlite's
/// own conversion (and its error).
pub(crate) fn day(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let Some(text) = r.get_ref(i)?.as_str_or_null()? else {
        return Ok(None);
    };
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let quick = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?))
        .flatten();
    match quick {
        Some(d) => Ok(Some(d)),
        None => r.get(i),
    }
}

/// A date column that is never empty, read as [`day`] reads it.
pub(crate) fn date(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    match day(r, i)? {
        Some(d) => Ok(d),
        None => r.get(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_day_reads_as_rusqlite_reads_it() {
        let c = Connection::open_in_memory().unwrap();
        let texts = [
            "2026-11-23",
            "2024-02-29",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "2026-1-5",
            "2026-11-23T10:00:00",
            "someday",
            "",
        ];
        for text in texts {
            let (ours, theirs) = c
                .query_row("SELECT ?1", [text], |r| {
                    Ok((day(r, 0), r.get::<_, Option<NaiveDate>>(0)))
                })
                .unwrap();
            assert_eq!(ours.ok(), theirs.ok(), "{text}");
        }
        assert_eq!(c.query_row("SELECT NULL", [], |r| day(r, 0)).unwrap(), None);
        assert!(c.query_row("SELECT NULL", [], |r| date(r, 0)).is_err());
        assert_eq!(
            c.query_row("SELECT '2026-11-23'", [], |r| day(r, 0))
                .unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
    }

    #[test]
    fn day_numbers_order_as_the_dates_do() {
        assert_eq!(day_number(b"2026-11-23"), 20261123);
        assert!(day_number(b"2026-12-01") > day_number(b"2026-11-30"));
        for text in ["2026-11-23", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
            assert_eq!(date_number(d), day_number(text.as_bytes()), "{text}");
        }
    }
}
