//! How a date reads in Ladder's own sentences (check findings): "7 Dec 2026", as the
//! desktop app writes every date it shows. Dates a person types, and those in tables,
//! workbooks and JSON, stay ISO (YYYY-MM-DD).

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// The month names the app uses too (`ui/src/lib/format.ts`): fixed, not the locale's,
/// so a finding and the screen around it write a date alike.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2026-12-07" as "7 Dec 2026", written straight into the sentence that holds it: the
/// plan checks write one per overdue activity, hundreds of thousands in a large
/// organisation, and a `String` each would cost them more than the dates they replace.
pub fn written(d: NaiveDate) -> Written {
    Written(d)
}

/// A date as [`written`] writes it.
pub struct Written(NaiveDate);

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{} {} {}",
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        )
    }
}

/// A number of days as a sentence says it: "1 day", "3 days" (written straight into the
/// sentence, as [`written`] is).
pub fn days(n: i64) -> Days {
    Days(n)
}

/// A number of days as [`days`] writes it.
pub struct Days(i64);

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} day{}", self.0, if self.0 == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reads_day_month_year_without_a_leading_zero() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(written(d("2026-12-07")).to_string(), "7 Dec 2026");
        assert_eq!(written(d("2027-01-31")).to_string(), "31 Jan 2027");
        assert_eq!(written(d("2026-09-01")).to_string(), "1 Sep 2026");
    }
}
