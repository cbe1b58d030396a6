//! Parsing and checking of user-given values. Every error names the field and the rule,
//! so the CLI and the desktop app show the same message for the same mistake.

use chrono::{Datelike, NaiveDate};

use crate::{Error, Result};

/// Parses a calendar date written `YYYY-MM-DD`.
pub fn date(field: &'static str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{} is required (YYYY-MM-DD)", label(field)),
        ));
    }
    // chrono alone accepts "2026-1-5" and "2026-01- 5"; Ladder writes and reads exactly
    // ten characters, YYYY-MM-DD, so anything else is refused rather than guessed.
    let ok_shape = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if ok_shape => in_years(field, d),
        _ => Err(Error::invalid(
            field,
            format!("{} {} is not a date (YYYY-MM-DD)", label(field), value),
        )),
    }
}

/// The years a date Ladder keeps falls in. A start date typed as 1826 for 2026 would
/// make the person "overdue by 73,000 days"; a target in 3026 would never be overdue.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Refuses a date outside [`YEARS`]: a typing slip, not a date anyone means.
pub fn in_years(field: &'static str, d: NaiveDate) -> Result<NaiveDate> {
    if !YEARS.contains(&d.year()) {
        return Err(Error::invalid(
            field,
            format!(
                "{} {d} is outside the years {}–{}",
                label(field),
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    Ok(d)
}

/// Parses an optional date: an empty string means "no date".
pub fn optional_date(field: &'static str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => date(field, v).map(Some),
    }
}

/// Trims a required text and refuses it when empty.
pub fn required_text(field: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{} must not be empty", label(field)),
        ));
    }
    limit(field, v)?;
    Ok(v.to_string())
}

/// Trims an optional text; blank becomes `None`.
pub fn optional_text(field: &'static str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            limit(field, v)?;
            Ok(Some(v.to_string()))
        }
    }
}

/// Free text such as notes and evidence: trimmed, may be empty, bounded in size.
pub fn free_text(field: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    limit(field, v)?;
    Ok(v.to_string())
}

/// Parses a whole number given as text.
pub fn integer(field: &'static str, value: &str) -> Result<i64> {
    not_empty(field, value)?;
    value.trim().parse::<i64>().map_err(|_| {
        Error::invalid(
            field,
            format!("{} {} is not a whole number", label(field), value),
        )
    })
}

/// Parses a number given as text, decimals allowed. "NaN" and "inf" parse here as the
/// floating-point values they name; range rules refuse them later with a clear message.
pub fn number(field: &'static str, value: &str) -> Result<f64> {
    not_empty(field, value)?;
    value
        .trim()
        .parse::<f64>()
        .map_err(|_| Error::invalid(field, format!("{} {} is not a number", label(field), value)))
}

/// An empty number is said to be empty ("score is empty"), not echoed as "score  is not a
/// whole number"; worded as the app words it (ui/src/lib/numbers.ts).
fn not_empty(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, format!("{} is empty", label(field))));
    }
    Ok(())
}

/// Parses a yes/no answer (`yes`, `no`, `true`, `false`, `y`, `n`, any case).
pub fn yes_no(field: &'static str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(Error::invalid(
            field,
            format!("{} '{}' is not yes or no", label(field), value),
        )),
    }
}

/// Checks that a number lies within an inclusive range.
pub fn in_range(field: &'static str, value: i64, low: i64, high: i64) -> Result<i64> {
    if value < low || value > high {
        return Err(Error::invalid(
            field,
            format!("{} {} is outside {}–{}", label(field), value, low, high),
        ));
    }
    Ok(value)
}

/// A very loose e-mail check: one `@` with text on both sides and no spaces.
pub fn optional_email(value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional_text("email", value)? else {
        return Ok(None);
    };
    let parts: Vec<&str> = v.split('@').collect();
    if parts.len() != 2 || parts[0].is_empty() || !parts[1].contains('.') || v.contains(' ') {
        return Err(Error::invalid(
            "email",
            format!("email {v} is not an e-mail address (name@example.org)"),
        ));
    }
    Ok(Some(v))
}

/// A date that records something that took place (a rating, an ADKAR assessment, a
/// contact, a meeting held, an activity done) is today at the latest. One dated later,
/// 2062 typed for 2026, would stand as the latest for years and hide every real one after
/// it. `why` says what the date records, for the message.
pub fn not_after_today(
    field: &'static str,
    on: NaiveDate,
    today: NaiveDate,
    why: &str,
) -> Result<NaiveDate> {
    if on > today {
        return Err(Error::invalid(
            field,
            format!("{} {on} is after today ({today}); {why}", label(field)),
        ));
    }
    Ok(on)
}

/// The longest text Ladder stores in one field; protects the file from runaway input.
pub const MAX_TEXT_CHARS: usize = 20_000;

fn limit(field: &'static str, v: &str) -> Result<()> {
    let n = v.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            format!(
                // No verb: a field may be plural ("notes").
                "{}: {n} characters, over the limit of {MAX_TEXT_CHARS}",
                label(field)
            ),
        ));
    }
    Ok(())
}

/// The human name of a field: `target_date` reads as "target date".
pub fn label(field: &str) -> String {
    field.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_iso() {
        assert_eq!(
            date("target_date", "2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        let err = date("target_date", "2026-13-01").unwrap_err();
        assert_eq!(err.field(), Some("target_date"));
        assert_eq!(
            err.to_string(),
            "target date 2026-13-01 is not a date (YYYY-MM-DD)"
        );
        // An empty one is missing, not a malformed date.
        assert_eq!(
            date("target_date", "  ").unwrap_err().to_string(),
            "target date is required (YYYY-MM-DD)"
        );
        assert!(date("target_date", "2026-2-3").is_err());
        assert!(date("target_date", "03/02/2026").is_err());
        assert!(date("target_date", "2026-02-30").is_err());
        // Space- or sign-padded fields that chrono's %m and %d would let through.
        assert!(date("target_date", "0000-01- 1").is_err());
        assert!(date("target_date", "2026- 1-01").is_err());
        assert!(date("target_date", "+026-01-01").is_err());
    }

    #[test]
    fn dates_fall_in_the_years_ladder_keeps() {
        let err = date("start_date", "1826-03-02").unwrap_err();
        assert_eq!(err.field(), Some("start_date"));
        assert_eq!(
            err.to_string(),
            "start date 1826-03-02 is outside the years 1900–2100"
        );
        assert!(date("target_date", "3026-01-01").is_err());
        assert!(date("start_date", "1900-01-01").is_ok());
        assert!(date("target_date", "2100-12-31").is_ok());
    }

    #[test]
    fn required_text_refuses_blank() {
        let err = required_text("outcome", "   ").unwrap_err();
        assert_eq!(err.to_string(), "outcome must not be empty");
        assert_eq!(required_text("outcome", "  Lead  ").unwrap(), "Lead");
    }

    #[test]
    fn ranges_name_the_rule() {
        let err = in_range("score", 6, 1, 5).unwrap_err();
        assert_eq!(err.to_string(), "score 6 is outside 1–5");
        assert_eq!(in_range("score", 5, 1, 5).unwrap(), 5);
    }

    #[test]
    fn numbers_and_yes_no_answers() {
        assert_eq!(number("score", " 3.5 ").unwrap(), 3.5);
        assert!(number("score", "NaN").unwrap().is_nan());
        assert_eq!(
            number("score", "three").unwrap_err().to_string(),
            "score three is not a number"
        );
        assert_eq!(
            integer("score", " ").unwrap_err().to_string(),
            "score is empty"
        );
        assert_eq!(
            number("head_count", "").unwrap_err().to_string(),
            "head count is empty"
        );
        // A fixed choice left empty (a drop-down not picked) is said to be required.
        assert_eq!(
            crate::plans::Phase::parse(" ").unwrap_err().to_string(),
            "phase is required: one of learn, practice, feedback"
        );
        assert!(yes_no("training_required", "Yes").unwrap());
        assert!(!yes_no("training_required", "n").unwrap());
        assert_eq!(
            yes_no("training_required", "maybe")
                .unwrap_err()
                .to_string(),
            "training required 'maybe' is not yes or no"
        );
    }

    #[test]
    fn emails_are_loosely_checked() {
        assert!(optional_email(Some("a@b.org")).unwrap().is_some());
        assert!(optional_email(Some("")).unwrap().is_none());
        assert_eq!(
            optional_email(Some("nope")).unwrap_err().field(),
            Some("email")
        );
    }
}
